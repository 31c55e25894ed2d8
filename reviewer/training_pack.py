"""Examples for training: weak and strong sentences and actions for each check, and a pack.

    from reviewer.training_pack import ExampleDocument, examples_for_check, pack_html, pack_docx
    docs = [ExampleDocument(d["id"], reviewer.review(d["text"], d["doc_type"]), gold=d) for d in corpus]
    weak, strong = examples_for_check("plan.action.no_owner", docs)
    page = pack_html(weak + strong, title="Plans: who does what")

Weak examples are what the reviewer flags for a check; when a document carries the corpus's
gold annotation the flag must agree with it (a flagged action the annotators say has an owner
is not offered as a weak "no owner" example). Strong examples are annotated positives (family
history, the child's voice, complete actions, a contingency section) with no finding on them.
Everything is read from the reports and the annotation as they are.

Text from uploaded documents must go through a redaction function before it is shown or
exported: pass it as `redact` (or per document, as `ExampleDocument.redact`) and every
example's text and note are redacted.
"""
from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any

from .checks import catalogue
from .html import ACTION_GAPS, DIMENSION_WORDS, action_gaps
from .report import ActionResult, Finding, Report

__all__ = ["Example", "ExampleDocument", "example_checks", "check_kind", "check_title",
           "examples_for_check", "group_by_check", "pack_html", "pack_docx"]

MAX_CHARS = 700
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

SENTENCE_CHECKS = ("history.gap_statement", "history.bare_reference", "voice.not_seen",
                   "voice.views_not_gathered")
ACTION_CHECKS = ("plan.action.no_owner", "plan.action.pronoun_owner", "plan.action.vague_owner",
                 "plan.action.no_timescale", "plan.action.vague_timescale", "plan.action.unspecific")
DOCUMENT_CHECKS = ("history.absent", "history.thin", "voice.absent", "voice.thin",
                   "voice.parent_report_only", "plan.no_actions", "plan.no_contingency",
                   "plan.no_change_statement")
SECTION_OF = {"plan.no_contingency": "contingency", "plan.no_change_statement": "what_needs_to_change"}
CHECK_TITLES = {
    "history.absent": "No family history",
    "history.thin": "Thin family history",
    "history.gap_statement": "Family history not explored",
    "history.bare_reference": "'History' mentioned without saying what it is",
    "voice.absent": "No child's voice",
    "voice.thin": "Thin child's voice",
    "voice.not_seen": "Child not seen, or not seen alone",
    "voice.views_not_gathered": "Child's views not gathered",
    "voice.parent_report_only": "Child's feelings only as a parent reports them",
    "plan.no_actions": "A plan with no actions",
    "plan.action.no_owner": "Action with no owner",
    "plan.action.pronoun_owner": "Action owned by a pronoun",
    "plan.action.vague_owner": "Action given to a group",
    "plan.action.no_timescale": "Action with no timescale",
    "plan.action.vague_timescale": "Action with a vague timescale",
    "plan.action.unspecific": "Action that is an aim, not a task",
    "plan.no_contingency": "No contingency",
    "plan.no_change_statement": "What needs to change is not stated",
    "doc.type_uncertain": "Document type uncertain",
    "doc.non_english": "Text not in English",
}


@dataclass(frozen=True)
class Example:
    """A weak or strong example for one check."""

    check: str
    kind: str  # "weak" | "strong"
    text: str
    source: str  # where it comes from: a corpus document id or "uploaded document 3"
    note: str = ""

    @property
    def id(self) -> str:
        raw = "\x1f".join((self.check, self.kind, self.source, self.text))
        return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


@dataclass
class ExampleDocument:
    """A reviewed document to draw examples from; `gold` is the corpus annotation, if any."""

    id: str
    report: Report
    gold: dict[str, Any] | None = None
    redact: Callable[[str], str] | None = None  # redacts pieces of this document (uploaded ones)


def check_kind(check_id: str) -> str:
    """'sentence', 'action', 'document' or 'none' (checks with nothing to show, e.g. doc.*)."""
    if check_id in SENTENCE_CHECKS:
        return "sentence"
    if check_id in ACTION_CHECKS:
        return "action"
    if check_id in DOCUMENT_CHECKS:
        return "document"
    return "none"


def example_checks() -> list[str]:
    """The checks examples can be browsed for, in catalogue order."""
    return [c for c in catalogue() if check_kind(c) != "none"]


def check_title(check_id: str) -> str:
    if check_id in CHECK_TITLES:
        return CHECK_TITLES[check_id]
    message = catalogue()[check_id].message
    return re.sub(r"\{[^}]*\}", "…", message)


# --------------------------------------------------------------------------- finding examples


def examples_for_check(check_id: str, documents: Iterable[ExampleDocument], limit: int = 6,
                       per_document: int = 2, redact: Callable[[str], str] | None = None
                       ) -> tuple[list[Example], list[Example]]:
    """Up to `limit` weak and `limit` strong examples for a check, at most `per_document` of
    each kind from one document, scanning `documents` in order (and lazily: it stops when both
    lists are full)."""
    kind = check_kind(check_id)
    weak: list[Example] = []
    strong: list[Example] = []
    if kind == "none" or check_id not in catalogue():
        return weak, strong
    applies = catalogue()[check_id].applies_to
    for doc in documents:
        if doc.report.doc_type not in applies:
            continue
        redact_piece = doc.redact or redact
        if len(weak) < limit:
            weak.extend(_take(_weak(check_id, kind, doc), per_document, weak, limit, redact_piece))
        if len(strong) < limit:
            strong.extend(_take(_strong(check_id, doc, private=redact_piece is not None), per_document,
                                strong, limit, redact_piece))
        if len(weak) >= limit and len(strong) >= limit:
            break
    return weak, strong


def _take(candidates: Iterator[Example], per_document: int, have: list[Example], limit: int,
          redact: Callable[[str], str] | None) -> list[Example]:
    out: list[Example] = []
    seen = {e.text for e in have}
    for example in candidates:
        if len(out) >= per_document or len(have) + len(out) >= limit:
            break
        if redact is not None:
            example = Example(example.check, example.kind, redact(example.text), example.source,
                              redact(example.note) if example.note else "")
        if example.text in seen:
            continue
        seen.add(example.text)
        out.append(example)
    return out


def _weak(check_id: str, kind: str, doc: ExampleDocument) -> Iterator[Example]:
    report = doc.report
    findings = [f for f in report.findings if f.check == check_id]
    for finding in findings:
        if kind == "document":
            if finding.start is not None or not _gold_confirms_document(check_id, doc.gold):
                continue
            text = _document_summary(check_id, finding, report)
            yield Example(check_id, "weak", text, doc.id, f"Whole document: {finding.message}")
            continue
        if finding.start is None:
            continue
        span = report.text[finding.start:finding.end]
        if kind == "sentence":
            if not _gold_allows_sentence(finding, doc.gold):
                continue
            yield Example(check_id, "weak", _clip(span), doc.id, finding.message)
        else:
            action = _action_at(report, finding)
            if action is None or not _gold_confirms_action(check_id, action, doc.gold):
                continue
            gaps = ", ".join(ACTION_GAPS[g] for g in action_gaps(action))
            yield Example(check_id, "weak", _clip(span), doc.id,
                          f"{finding.message} Gaps: {gaps}." if gaps else finding.message)


def _document_summary(check_id: str, finding: Finding, report: Report) -> str:
    """What a document-level weak example shows: the dimension's summary for history and voice,
    the plan's headings for plan checks (both read from the report)."""
    if check_id.startswith("plan."):
        headings = [" ".join(s.heading.split()) for s in report.sections if s.heading.strip()]
        listed = " · ".join(headings) if headings else "(no headings found)"
        return f"The plan's headings: {listed}"
    dimension = report.dimensions.get(finding.dimension or "")
    return dimension.summary if dimension is not None else finding.message


def _strong(check_id: str, doc: ExampleDocument, private: bool = False) -> Iterator[Example]:
    """Strong examples; with `private` (an uploaded document) notes quote nothing from it."""
    report = doc.report
    check = catalogue()[check_id]
    if check_id in SECTION_OF:
        if any(f.check == check_id for f in report.findings):
            return
        for section in report.sections:
            if section.type == SECTION_OF[check_id]:
                note = ("A section saying this." if private else f"A '{section.heading.strip()}' section.")
                yield Example(check_id, "strong", _clip(report.text[section.start:section.end]), doc.id, note)
        return
    if check.dimension in ("family_history", "child_voice"):
        label = check.dimension
        words = DIMENSION_WORDS[label].lower()
        for start, end in _positive_spans(doc, label):
            if _touches_finding(report.findings, start, end):
                continue
            note = f"Gives the {words}" + (" (annotated in the corpus); no finding." if doc.gold else "; no finding.")
            yield Example(check_id, "strong", _clip(report.text[start:end]), doc.id, note)
        return
    if check.dimension in ("specific_tasks", "timescales"):
        for action in report.actions:
            if action_gaps(action) or _touches_finding(report.findings, action.start, action.end):
                continue
            if doc.gold is not None and not _gold_complete(action, doc.gold):
                continue
            note = ("Says who, by when, and a specific task." if private else
                    f"Who: {action.owner} · When: {action.timescale} · a specific task.")
            yield Example(check_id, "strong", _clip(report.text[action.start:action.end]), doc.id, note)


# --------------------------------------------------------------------------- gold agreement


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _gold_allows_sentence(finding: Finding, gold: dict | None) -> bool:
    """A flagged sentence is a weak example unless the annotators call it evidence of the label."""
    if gold is None:
        return True
    for span in gold.get("sentences", []):
        if finding.dimension in span.get("labels", ()) and \
                _overlap(finding.start, finding.end, span["start"], span["end"]) > 0.5 * (finding.end - finding.start):
            return False
    return True


def _gold_confirms_document(check_id: str, gold: dict | None) -> bool:
    if gold is None:
        return True
    ratings = gold.get("ratings") or {}
    dimension = catalogue()[check_id].dimension
    if check_id.startswith(("history.", "voice.")) and dimension in ratings:
        return int(ratings[dimension]) <= 1
    return True


def _gold_action(action: ActionResult, gold: dict) -> dict | None:
    best, best_overlap = None, 0
    for candidate in gold.get("actions", []):
        overlap = _overlap(action.start, action.end, candidate["start"], candidate["end"])
        if overlap > best_overlap:
            best, best_overlap = candidate, overlap
    if best is None or best_overlap < 0.5 * max(1, min(best["end"] - best["start"], action.end - action.start)):
        return None
    return best


def _gold_confirms_action(check_id: str, action: ActionResult, gold: dict | None) -> bool:
    if gold is None:
        return True
    annotated = _gold_action(action, gold)
    if annotated is None:
        return False
    if check_id in ("plan.action.no_owner", "plan.action.pronoun_owner", "plan.action.vague_owner"):
        return annotated.get("owner") is None
    if check_id == "plan.action.no_timescale":
        return annotated.get("timescale") is None and annotated.get("timescale_vague") is None
    if check_id == "plan.action.vague_timescale":
        return annotated.get("timescale") is None and annotated.get("timescale_vague") is not None
    if check_id == "plan.action.unspecific":
        return annotated.get("specific") is False
    return True


def _gold_complete(action: ActionResult, gold: dict) -> bool:
    annotated = _gold_action(action, gold)
    return bool(annotated and annotated.get("owner") and annotated.get("timescale")
                and annotated.get("specific"))


def _positive_spans(doc: ExampleDocument, label: str) -> Iterator[tuple[int, int]]:
    if doc.gold is not None:
        for span in doc.gold.get("sentences", []):
            if label in span.get("labels", ()) and label not in span.get("unclear", ()):
                yield span["start"], span["end"]
        return
    for sentence in doc.report.sentences:
        if label in sentence.labels:
            yield sentence.start, sentence.end


def _touches_finding(findings: Sequence[Finding], start: int, end: int) -> bool:
    return any(f.start is not None and _overlap(start, end, f.start, f.end or f.start) > 0 for f in findings)


def _action_at(report: Report, finding: Finding) -> ActionResult | None:
    for action in report.actions:
        if action.start == finding.start and action.end == finding.end:
            return action
    return None


def _clip(text: str, limit: int = MAX_CHARS) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --------------------------------------------------------------------------- the pack


@dataclass
class _Group:
    check: str
    weak: list[Example] = field(default_factory=list)
    strong: list[Example] = field(default_factory=list)


def group_by_check(examples: Iterable[Example]) -> list[_Group]:
    """Examples grouped by check, checks in catalogue order, weak and strong apart."""
    groups: dict[str, _Group] = {}
    for example in examples:
        group = groups.setdefault(example.check, _Group(example.check))
        (group.weak if example.kind == "weak" else group.strong).append(example)
    order = list(catalogue())
    return sorted(groups.values(), key=lambda g: order.index(g.check) if g.check in order else len(order))


_PACK_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1f2328;margin:0;
background:#f6f8fa;line-height:1.5}
main{max-width:900px;margin:0 auto;padding:1.5rem;background:#fff}
h2{border-bottom:1px solid #d0d7de;padding-bottom:.2rem;margin-top:2rem}
.explain p{margin:.2rem 0}
blockquote{margin:.4rem 0;padding:.4rem .8rem;border-left:5px solid #d0d7de;white-space:pre-wrap;
font-family:Georgia,"Times New Roman",serif}
.weak blockquote{border-left-color:#cf222e}.strong blockquote{border-left-color:#2da44e}
.note{color:#57606a;font-size:.85rem;margin:0 0 .8rem}
.kind{font-weight:bold}
@media print{body{background:#fff}main{max-width:none}}
"""


def pack_html(examples: Sequence[Example], title: str = "Training pack", intro: str = "") -> str:
    """A standalone HTML page (inline CSS, no scripts): each check's explanation, then its weak
    (✗) and strong (✓) examples. All text is escaped."""
    checks = catalogue()
    parts = [f"<h1>{escape(title)}</h1>"]
    if intro:
        parts.append(f"<p>{escape(intro)}</p>")
    for group in group_by_check(examples):
        check = checks.get(group.check)
        parts.append(f"<section><h2>{escape(check_title(group.check))} <small><code>"
                     f"{escape(group.check)}</code></small></h2>")
        if check is not None:
            parts.append("<div class=\"explain\">"
                         f"<p><strong>Why it matters:</strong> {escape(check.why)}</p>"
                         f"<p><strong>How to fix it:</strong> {escape(check.suggestion)}</p>"
                         + (f"<p><strong>A good example:</strong> <q>{escape(check.example)}</q></p>"
                            if check.example else "") + "</div>")
        for kind, items, mark in (("weak", group.weak, "✗ Weak"), ("strong", group.strong, "✓ Strong")):
            if not items:
                continue
            parts.append(f"<div class=\"{kind}\"><h3>{mark} examples</h3>")
            for example in items:
                parts.append(f"<blockquote>{escape(example.text)}</blockquote>"
                             f"<p class=\"note\"><span class=\"kind\">{mark}</span> · "
                             f"{escape(example.note)} <em>({escape(example.source)})</em></p>")
            parts.append("</div>")
        parts.append("</section>")
    if not examples:
        parts.append("<p>No examples were chosen.</p>")
    body = "\n".join(parts)
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{escape(title)}</title>\n<style>{_PACK_CSS}</style>\n</head>\n"
            f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n")


def pack_docx(examples: Sequence[Example], title: str = "Training pack", intro: str = "") -> bytes:
    """The same pack as a Word document (python-docx), returned as bytes."""
    import docx
    from docx.shared import Pt, RGBColor

    def clean(text: str) -> str:  # XML cannot hold control characters
        return _CONTROL.sub("", text)

    checks = catalogue()
    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = ""
    document.add_heading(clean(title), level=0)
    if intro:
        document.add_paragraph(clean(intro))
    for group in group_by_check(examples):
        check = checks.get(group.check)
        document.add_heading(f"{check_title(group.check)} ({group.check})", level=1)
        if check is not None:
            for label, value in (("Why it matters: ", check.why), ("How to fix it: ", check.suggestion),
                                 ("A good example: ", check.example)):
                if value:
                    paragraph = document.add_paragraph()
                    paragraph.add_run(label).bold = True
                    paragraph.add_run(value)
        for items, mark in ((group.weak, "✗ Weak examples"), (group.strong, "✓ Strong examples")):
            if not items:
                continue
            document.add_heading(mark, level=2)
            for example in items:
                quote = document.add_paragraph(clean(example.text), style="Intense Quote")
                quote.paragraph_format.keep_with_next = True
                note = document.add_paragraph()
                run = note.add_run(clean(f"{mark.split()[0]} {example.note} ({example.source})"))
                run.italic = True
                run.font.size = Pt(9)
                run.font.color.rgb = RGBColor(0x57, 0x60, 0x6A)
    if not examples:
        document.add_paragraph("No examples were chosen.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
