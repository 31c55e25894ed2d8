"""Tests for reviewer.training_pack: examples agree with the corpus annotation; packs export."""
from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from reviewer import app_support as support
from reviewer import training_pack as pack
from reviewer.checks import catalogue

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def corpus_documents(reviewer):
    plans = [d for d in support.load_corpus_documents() if d["doc_type"] != "assessment"][:12]
    assessments = [d for d in support.load_corpus_documents() if d["doc_type"] == "assessment"][:6]
    return [pack.ExampleDocument(d["id"], reviewer.review(d["text"], doc_type=d["doc_type"]), gold=d)
            for d in plans + assessments]


def _gold_for(doc: pack.ExampleDocument, text: str) -> dict | None:
    start = doc.report.text.find(text.rstrip("…"))
    for action in doc.gold["actions"]:
        if action["start"] <= start < action["end"] or start <= action["start"] < start + len(text):
            return action
    return None


def test_example_checks_cover_all_but_document_type_checks():
    checks = pack.example_checks()
    assert "plan.action.no_owner" in checks and "voice.not_seen" in checks
    assert not [c for c in checks if c.startswith("doc.")]
    assert set(checks) <= set(catalogue())
    assert all(pack.check_title(c) for c in catalogue())


def test_weak_actions_agree_with_the_annotation(corpus_documents):
    weak, strong = pack.examples_for_check("plan.action.no_owner", corpus_documents, limit=5)
    assert weak and strong
    by_id = {d.id: d for d in corpus_documents}
    for example in weak:
        assert example.kind == "weak" and example.check == "plan.action.no_owner"
        gold = _gold_for(by_id[example.source], example.text)
        assert gold is not None and gold["owner"] is None
        assert "no owner" in example.note
    for example in strong:
        gold = _gold_for(by_id[example.source], example.text)
        assert gold is not None and gold["owner"] and gold["timescale"] and gold["specific"]
        assert example.note.startswith("Who: ")


def test_limits_per_document_and_in_all(corpus_documents):
    weak, strong = pack.examples_for_check("plan.action.unspecific", corpus_documents, limit=3, per_document=1)
    assert len(weak) <= 3 and len(strong) <= 3
    assert len({e.source for e in weak}) == len(weak)


def test_sentence_and_section_examples(corpus_documents):
    weak, strong = pack.examples_for_check("voice.not_seen", corpus_documents, limit=3)
    assert all(e.text and e.kind == "strong" for e in strong)
    assert all("child's voice" in e.note for e in strong)
    weak, strong = pack.examples_for_check("plan.no_contingency", corpus_documents, limit=2)
    assert strong and all(e.note.startswith("A '") for e in strong)
    for example in weak:
        assert example.text.startswith("The plan's headings:")


def test_flag_that_the_annotation_contradicts_is_not_a_weak_example(reviewer):
    text = "Action | Who | By when\nAttend the Freedom Programme every Tuesday | | 14/02/2025\n"
    report = reviewer.review(text, doc_type="cp_plan")
    finding = next(f for f in report.findings if f.check == "plan.action.no_owner")
    gold = {"sentences": [], "actions": [{"start": finding.start, "end": finding.end,
                                          "owner": {"start": 0, "end": 3, "text": "Mum"},
                                          "timescale": None, "timescale_vague": None, "specific": True}]}
    document = pack.ExampleDocument("d1", report, gold=gold)
    assert pack.examples_for_check("plan.action.no_owner", [document])[0] == []
    without_gold = pack.ExampleDocument("d1", report)
    assert len(pack.examples_for_check("plan.action.no_owner", [without_gold])[0]) == 1


def test_redaction_applies_to_text_and_note(reviewer):
    report = reviewer.review((ROOT / "examples" / "cp_plan.txt").read_text(encoding="utf-8"))
    document = pack.ExampleDocument("uploaded document 1", report)
    redact = lambda text: text.replace("Nadia", "[NAME]")  # noqa: E731
    weak, strong = pack.examples_for_check("plan.action.vague_timescale", [document], redact=redact)
    assert weak
    for example in weak + strong:
        assert "Nadia" not in example.text and "Nadia" not in example.note
    raw_weak, _ = pack.examples_for_check("plan.action.vague_timescale", [document])
    assert any("Nadia" in e.text for e in raw_weak)


def test_notes_of_uploaded_documents_quote_nothing_beyond_the_redacted_text(reviewer):
    """An owner the redactor cannot see in the note (a truncated name, say) never reaches it."""
    report = reviewer.review((ROOT / "examples" / "cp_plan.txt").read_text(encoding="utf-8"))
    owners = {a.owner for a in report.actions if a.owner}
    document = pack.ExampleDocument("uploaded document 1", report, redact=lambda text: text)
    _, strong = pack.examples_for_check("plan.action.no_owner", [document], limit=10, per_document=10)
    assert strong
    for example in strong:
        assert not any(owner in example.note for owner in owners)
    _, strong = pack.examples_for_check("plan.no_contingency", [document])
    assert strong and "Contingency" not in strong[0].note


def test_example_ids_are_stable():
    a = pack.Example("plan.action.no_owner", "weak", "Attend.", "w1-001", "note")
    b = pack.Example("plan.action.no_owner", "weak", "Attend.", "w1-001", "other note")
    assert a.id == b.id and len(a.id) == 12
    assert a.id != pack.Example("plan.action.no_owner", "strong", "Attend.", "w1-001").id


EXAMPLES = [
    pack.Example("plan.action.no_owner", "weak", "Attend <script>alert(1)</script> \x07sessions.", "w2-001",
                 "No owner."),
    pack.Example("plan.action.no_owner", "strong", "Mum will attend every Tuesday from 3 March.", "w2-002",
                 "Who: Mum"),
    pack.Example("history.thin", "weak", "Weak: 1 of 30 sentences give family history.", "w1-003", "Thin."),
]


def test_pack_html_groups_by_check_and_escapes():
    page = pack.pack_html(EXAMPLES, title="Plans <b>")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script>" not in page and "&lt;script&gt;" in page and "<b>" not in page
    # catalogue order: history before plan actions
    assert page.index("Thin family history") < page.index("Action with no owner")
    check = catalogue()["plan.action.no_owner"]
    assert check.why.replace("'", "&#x27;") in page and "✗ Weak" in page and "✓ Strong" in page


def test_pack_docx_opens_in_word():
    data = pack.pack_docx(EXAMPLES, title="Plans", intro="From the fictional corpus.")
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Plans" in text and "Action with no owner" in text
    assert "Mum will attend every Tuesday" in text and "sessions." in text
    assert catalogue()["plan.action.no_owner"].suggestion in text
    assert "No examples" in "\n".join(p.text for p in docx.Document(io.BytesIO(pack.pack_docx([]))).paragraphs)
