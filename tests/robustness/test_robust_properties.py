"""Property-based tests: for any Unicode text, the review (and the redaction) keeps its contract.

- the report's text is the input, every offset lies inside it, and each span is text[start:end]
  of that very text (checked through the JSON Schema validator and directly);
- reviewing (or redacting) the same text twice gives the same result;
- empty or whitespace-only text is refused with a clear InputError, never a crash.
"""
from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer.errors import InputError
from reviewer.redact import redact
from reviewer.report import validate_report_dict

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Fragments of real plan and assessment wording, so that generated text reaches the action,
# owner, timescale and voice logic rather than only the "nothing found" path.
FRAGMENTS = [
    "Child protection plan\n", "Actions\n", "- Mum will attend the Freedom Programme every Tuesday from 4 March 2025.\n",
    "- Support will be given to the family.\n", "Who | What | When\n", "Dad | stop drinking | ongoing\n",
    "Amir (7) said \"I like school\".", "The children were not seen alone.", "Family history was not explored.",
    "Nan, Pat Evans, DOB 01/02/1960, lives at 4 Mill Lane, ZZ1 4AB.", "Call 07700 900461.", "NHS 485 777 3450.",
    "\n\n", "\r\n", "\t", "  ", "•", "1.", "Action:", "Responsible:", "Timescale: by 14/02/2025\n",
    "Contingency: if the plan is not followed a legal planning meeting will be held.\n", "Hope said", "Mrs ",
    "\u200b", "\ufeff", "é", "ß", "İ", "ﬁ", "👩‍👧", "\u0301", "\u202e", "<script>", "&amp;", "\x00", "\x0c",
]
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20),
                       st.text(alphabet=string.ascii_letters + " .,'\n", max_size=30)), max_size=25).map("".join),
)


def _check_report(text: str, data: dict) -> None:
    assert data["text"] == text
    validate_report_dict(data)  # JSON Schema, and every start/end inside the text
    n = len(text)
    for group in ("sentences", "actions", "findings", "sections"):
        for item in data[group]:
            if item.get("start") is None:
                continue
            assert 0 <= item["start"] <= item["end"] <= n
            span = text[item["start"]:item["end"]]
            assert span == data["text"][item["start"]:item["end"]]
            if group == "sentences":
                assert span.strip(), "a unit is never empty or only spaces"
    for section in data["sections"]:
        assert section["heading"].strip() in text[section["start"]:section["end"]]


@SETTINGS
@given(text=texts)
def test_any_text_gives_a_valid_report_or_a_clear_error(reviewer, text):
    try:
        report = reviewer.review(text)
    except InputError as exc:
        assert not text.strip(), f"refused non-blank text: {exc}"
        assert "is empty" in exc.problem
        return
    _check_report(text, report.to_dict())


@SETTINGS
@given(text=texts)
def test_reviewing_twice_gives_the_same_report(reviewer, text):
    if not text.strip():
        return
    assert reviewer.review(text).to_dict() == reviewer.review(text).to_dict()


@SETTINGS
@given(text=texts, doc_type=st.sampled_from(["assessment", "cp_plan", "cin_plan"]))
def test_a_forced_type_keeps_the_contract(reviewer, text, doc_type):
    if not text.strip():
        return
    report = reviewer.review(text, doc_type=doc_type)
    assert report.doc_type == doc_type
    _check_report(text, report.to_dict())


@SETTINGS
@given(text=texts)
def test_redaction_spans_are_consistent_and_stable(text):
    result = redact(text)
    again = redact(text)
    assert result.to_dict() == again.to_dict()
    position = 0
    rebuilt = []
    previous_end = 0
    for span in result.spans:
        assert previous_end <= span.original_start < span.original_end <= len(text)
        assert result.text[span.start:span.end] == span.placeholder
        rebuilt.append(text[previous_end:span.original_start])
        rebuilt.append(span.placeholder)
        assert span.start == sum(map(len, rebuilt)) - len(span.placeholder)
        previous_end = span.original_end
        position = span.end
    rebuilt.append(text[previous_end:])
    assert "".join(rebuilt) == result.text
    assert position <= len(result.text)
    # Redacting the redacted text never touches a placeholder.
    second = redact(result.text)
    for span in result.spans:
        assert span.placeholder in second.text
