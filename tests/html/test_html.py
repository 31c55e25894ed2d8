"""Tests for reviewer.html: a standalone, escaped page whose highlights nest and keep the text."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

from reviewer.html import _Mark, _render_marks, action_gaps, render_html
from reviewer.report import ActionResult, DimensionResult, Finding, Report, SentenceResult

FH_SENTENCE = "Mum was placed in foster care when she was nine because her own mother drank heavily."
CV_SENTENCE = 'Seen alone at school, Leo said "I like it when Nan picks me up".'
ASSESSMENT = f"""Assessment of Leo Marsh (7)

Family history
{FH_SENTENCE} Dad was known to children's services in Eastmoor as a teenager.

Leo's views
{CV_SENTENCE}

Note <script>alert("x")</script> & more.
"""
_VOID = {"meta", "br", "hr", "img", "input", "link"}


class _Checker(HTMLParser):
    """Checks that tags balance and collects the text inside <div class="doc">."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.doc_depth: int | None = None
        self.doc_text: list[str] = []
        self.skip_depth: int | None = None

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        self.stack.append(tag)
        classes = dict(attrs).get("class", "") or ""
        if tag == "div" and classes == "doc":
            self.doc_depth = len(self.stack)
        elif self.doc_depth is not None and self.skip_depth is None and \
                (tag == "sup" or classes.split()[:1] in (["tag"], ["badge"], ["anchor"])):
            self.skip_depth = len(self.stack)  # marker, tag and badge text are not document text

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        if self.skip_depth == len(self.stack):
            self.skip_depth = None
        if self.doc_depth == len(self.stack):
            self.doc_depth = None
        self.stack.pop()

    def handle_data(self, data):
        if self.doc_depth is not None and self.skip_depth is None:
            self.doc_text.append(data)


def check_page(page: str) -> str:
    """Assert the page is balanced and standalone; return the document text it shows."""
    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert checker.stack == []
    for external in ("<script", "<link", "src=", "@import", "url("):
        assert external not in page
    return "".join(checker.doc_text)


@pytest.fixture(scope="module")
def assessment_report(reviewer) -> Report:
    return reviewer.review(ASSESSMENT, doc_type="assessment", source="leo.txt")


def test_page_is_standalone_and_shows_text_exactly(assessment_report):
    page = render_html(assessment_report)
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert check_page(page) == ASSESSMENT


def test_document_script_is_escaped(assessment_report):
    page = render_html(assessment_report, title="<b>Leo</b>")
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<script" not in page and "<b>Leo</b>" not in page
    assert "&lt;b&gt;Leo&lt;/b&gt;" in page


def test_family_history_sentence_highlighted_with_text_tag(assessment_report):
    sentence = next(s for s in assessment_report.sentences
                    if assessment_report.text[s.start:s.end] == FH_SENTENCE)
    assert "family_history" in sentence.labels  # precondition from the labeller
    page = render_html(assessment_report)
    pattern = (r'<span class="tag">\[FH(\+CV)?\]</span><span class="fh( cv)?"[^>]*>'
               + re.escape(html.escape(FH_SENTENCE)))
    assert re.search(pattern, page)


def test_header_and_scorecards(assessment_report):
    page = render_html(assessment_report)
    assert "<title>leo.txt – review</title>" in page
    assert "Assessment</strong> (confidence 100%)" in page
    for dim in assessment_report.dimensions.values():
        assert html.escape(dim.summary) in page
        assert f"Rating <strong>{dim.rating}/3</strong>" in page


# --------------------------------------------------------------------------- a hand-made plan report

PLAN = ("Plan for Ava\n"
        "Mum said Ava was frightened. Dad grew up in care.\n"
        "Engage with services | | ongoing\n"
        "Mum will attend the course by 3 March 2025.\n")


def _plan_report() -> Report:
    text = PLAN
    s1 = text.index("Mum said")
    s2 = text.index("Dad grew")
    row = text.index("Engage")
    last = text.index("Mum will")
    sentences = [
        SentenceResult(s1, s2 - 1, "other", "sentence", ["child_voice"], {"child_voice": 0.9}),
        SentenceResult(s2, row - 1, "other", "sentence", ["family_history", "child_voice"],
                       {"family_history": 0.9, "child_voice": 0.6}, reasons={"family_history": "rules: <care>"}),
        SentenceResult(row, last - 1, "plan", "row", [], {}),
        SentenceResult(last, len(text) - 1, "plan", "sentence", [], {}),
    ]
    actions = [
        # Crosses the sentence boundary on purpose: the renderer must split marks to nest them.
        ActionResult(s2 + 4, last - 1, None, "Engage with services", None, "ongoing", False,
                     owner_problem="missing"),
        ActionResult(last, len(text) - 1, "Mum", "attend the course", "by 3 March 2025", None, True),
    ]
    findings = [
        Finding("history.thin", "family_history", "warning", "History is <thin>.", "Why <b>", "Add more", None, None,
                example="Nan said 'hello'"),
        Finding("plan.action.no_owner", "specific_tasks", "error", "No owner.", "why", "fix", row, last - 1),
        Finding("plan.action.vague_timescale", "timescales", "warning", "Vague 'ongoing'.", "why", "fix",
                row, last - 1),
    ]
    dims = {name: DimensionResult(1, 40, f"Weak: {name}") for name in
            ("family_history", "child_voice", "specific_tasks", "timescales")}
    return Report(text=text, doc_type="cp_plan", doc_type_confidence=0.8123, reviewer_version="0.1.0",
                  model_version="test", dimensions=dims, sentences=sentences, actions=actions,
                  findings=findings, source="ava.txt", warnings=["decoded as <cp1252>"])


def test_crossing_spans_nest_and_keep_text():
    page = render_html(_plan_report())
    assert check_page(page) == PLAN


def test_both_labels_striped_and_tagged():
    page = render_html(_plan_report())
    assert '<span class="tag">[FH+CV]</span><span class="fh cv" title="rules: &lt;care&gt;">' in page
    assert '<span class="tag">[CV]</span><span class="cv">Mum said Ava was frightened.</span>' in page


def test_action_badges_and_markers():
    report = _plan_report()
    page = render_html(report)
    assert "Action 1: no owner, vague timescale, not specific</span>" in page
    assert "Action 2 ✓ complete</span>" in page
    # findings 2 and 3 share a span: one underline (worst severity) and both numbered markers
    assert re.search(r'<span class="finding sev-error">Engage with services \| \| ongoing</span>'
                     r'<sup class="marker sev-error"><a id="ref-2" href="#finding-2"[^>]*>\[!2\]</a></sup>'
                     r'<sup class="marker sev-warning"><a id="ref-3" href="#finding-3"[^>]*>\[!3\]</a></sup>', page)


def test_document_findings_first_and_findings_list():
    page = render_html(_plan_report())
    top = page.index("About the whole document")
    assert top < page.index('<div class="doc">')
    assert "History is &lt;thin&gt;." in page[top:page.index('<div class="doc">')]
    listing = page[page.index('<ol class="findings">'):]
    for expected in ('id="finding-1"', "whole document", "Why it matters:</strong> Why &lt;b&gt;",
                     "Suggestion:</strong> Add more", "Example:</strong> <q>Nan said &#x27;hello&#x27;</q>",
                     '<code>plan.action.no_owner</code> (<a href="#ref-2">line 3</a>)'):
        assert expected in listing
    assert "decoded as &lt;cp1252&gt;" in page


def test_actions_table_marks_missing_and_vague():
    page = render_html(_plan_report())
    table = page[page.index('<table class="actions">'):]
    assert '<span class="missing">— missing</span>' in table
    assert '<span class="vague">vague: ongoing (not checkable)</span>' in table
    assert '<span class="missing">no — an aim, not a task</span>' in table
    assert "<td>Mum</td><td>attend the course</td><td>by 3 March 2025</td><td>yes</td>" in table
    assert "Child protection plan</strong> (confidence 81%)" in page


def test_action_gaps_reads_fields():
    report = _plan_report()
    assert action_gaps(report.actions[0]) == ["no_owner", "vague_timescale", "unspecific"]
    assert action_gaps(report.actions[1]) == []


def test_render_marks_splits_crossing_marks():
    text = "abcdefghij"
    marks = [_Mark(0, 6, 1, "<i>", "</i>", prefix="[P]", suffix="[S]"),
             _Mark(3, 9, 0, "<b>", "</b>", prefix="[Q]", suffix="[T]")]
    out = _render_marks(text, marks)
    assert out == "[P]<i>abc[Q]<b>def</b></i>[S]<b>ghi</b>[T]j"
