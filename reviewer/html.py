"""One standalone HTML page for a report: scores, findings and the text with highlights.

    from reviewer.html import render_html
    page = render_html(report, title="Kayden Morrow assessment")

The page has inline CSS only (no scripts, no external assets), so it can be saved, emailed or
printed as it is. Everything it shows comes from the :class:`~reviewer.report.Report`; nothing
is re-derived. All document text is escaped. Colour is never the only signal: highlighted
sentences carry text tags ([FH], [CV]), actions a badge naming their gaps and findings a
numbered marker ([!3]) that links to the findings list.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from html import escape

from .report import SEVERITIES, ActionResult, Finding, Report, SentenceResult

__all__ = ["render_html", "action_gaps", "describe_owner", "describe_timescale", "ACTION_GAPS"]

DOC_TYPE_WORDS = {
    "assessment": "Assessment",
    "cp_plan": "Child protection plan",
    "cin_plan": "Child in need plan",
}
DIMENSION_WORDS = {
    "family_history": "Family history",
    "child_voice": "Child's voice",
    "specific_tasks": "Specific tasks",
    "timescales": "Timescales",
}
LABEL_TAGS = {"family_history": "FH", "child_voice": "CV"}
ACTION_GAPS = {
    "no_owner": "no owner",
    "vague_timescale": "vague timescale",
    "no_timescale": "no timescale",
    "unspecific": "not specific",
}
_OWNER_PROBLEMS = {"pronoun": "only a pronoun", "collective": "a group, not a person",
                   "passive": "passive, nobody named"}


# --------------------------------------------------------------------------- action views


def action_gaps(action: ActionResult) -> list[str]:
    """Keys of `ACTION_GAPS` that apply to an action, read straight from its fields."""
    gaps = []
    if action.owner is None:
        gaps.append("no_owner")
    if action.timescale is None:
        gaps.append("vague_timescale" if action.timescale_vague else "no_timescale")
    if not action.specific:
        gaps.append("unspecific")
    return gaps


def describe_owner(action: ActionResult) -> str | None:
    """Why an action has no owner ('only a pronoun'), or None when it has one or no reason is known."""
    if action.owner is not None:
        return None
    return _OWNER_PROBLEMS.get(action.owner_problem or "")


def describe_timescale(action: ActionResult) -> str | None:
    """'vague: ongoing' for a vague timescale, None otherwise."""
    if action.timescale is None and action.timescale_vague:
        return f"vague: {action.timescale_vague}"
    return None


# --------------------------------------------------------------------------- page


def render_html(report: Report, title: str | None = None) -> str:
    """A complete, standalone HTML page for `report`."""
    title = title or report.source or "Document review"
    numbers = {id(f): i for i, f in enumerate(report.findings, 1)}
    parts = [
        _header(report, title),
        _scorecards(report),
        _warnings(report.warnings),
        _document_findings(report, numbers),
        _legend(),
        _highlighted_text(report, numbers),
        _findings_list(report, numbers),
        _actions_table(report),
    ]
    body = "\n".join(p for p in parts if p)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{escape(title)} – review</title>\n<style>{_CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _header(report: Report, title: str) -> str:
    doc = DOC_TYPE_WORDS.get(report.doc_type, report.doc_type)
    confidence = f"{report.doc_type_confidence:.0%}"
    return (
        f"<header><h1>{escape(title)}</h1>"
        f"<p class=\"meta\">Document type: <strong>{escape(doc)}</strong> "
        f"(confidence {confidence}) · reviewer {escape(report.reviewer_version)} · "
        f"model {escape(report.model_version)}</p></header>"
    )


def _scorecards(report: Report) -> str:
    cards = []
    for name, dim in report.dimensions.items():
        words = DIMENSION_WORDS.get(name, name)
        score = max(0, min(100, int(dim.score)))
        cards.append(
            f"<div class=\"card rating-{int(dim.rating)}\"><h3>{escape(words)}</h3>"
            f"<p class=\"rating\">Rating <strong>{int(dim.rating)}/3</strong> · score {score}/100</p>"
            f"<div class=\"meter\" role=\"img\" aria-label=\"score {score} of 100\">"
            f"<span style=\"width:{score}%\"></span></div>"
            f"<p>{escape(dim.summary)}</p></div>"
        )
    return f"<section class=\"cards\" aria-label=\"Scores\">{''.join(cards)}</section>"


def _warnings(warnings: list[str]) -> str:
    if not warnings:
        return ""
    items = "".join(f"<li>{escape(w)}</li>" for w in warnings)
    return f"<section class=\"warnings\"><h2>Warnings</h2><ul>{items}</ul></section>"


def _document_findings(report: Report, numbers: dict[int, int]) -> str:
    doc_level = [f for f in report.findings if f.start is None]
    if not doc_level:
        return ""
    items = "".join(
        f"<li>{_severity_badge(f.severity)} <a href=\"#finding-{numbers[id(f)]}\">"
        f"[{numbers[id(f)]}]</a> {escape(f.message)}</li>"
        for f in doc_level
    )
    return f"<section class=\"doc-findings\"><h2>About the whole document</h2><ul>{items}</ul></section>"


def _legend() -> str:
    return (
        "<p class=\"legend\"><span class=\"fh\"><span class=\"tag\">[FH]</span> family history</span> "
        "<span class=\"cv\"><span class=\"tag\">[CV]</span> child's voice</span> "
        "<span class=\"fh cv\"><span class=\"tag\">[FH+CV]</span> both</span> "
        "<span class=\"action\"><span class=\"badge\">Action</span> an action, with its gaps</span> "
        "<span class=\"marker\">[!n]</span> a finding, numbered as in the list below</p>"
    )


def _severity_badge(severity: str) -> str:
    return f"<span class=\"sev sev-{escape(severity)}\">{escape(severity)}</span>"


# --------------------------------------------------------------------------- highlighted text


@dataclass(frozen=True)
class _Mark:
    """A span of the text wrapped in `open`/`close`; `prefix` and `suffix` go round it once only."""

    start: int
    end: int
    rank: int  # which opens first when two marks share a span: actions, then sentences, then findings
    open: str
    close: str
    prefix: str = ""
    suffix: str = ""


def _order(mark: _Mark) -> tuple[int, int, int]:
    return (mark.start, -mark.end, mark.rank)


def render_highlights(report: Report, numbers: dict[int, int]) -> str:
    """The report's text as escaped HTML with labelled sentences, actions and findings marked.

    `numbers` maps id(finding) to the [!n] number shown for it. Shared by this page and the app.
    """
    marks = [_action_mark(i, a) for i, a in enumerate(report.actions, 1)]
    marks += [_sentence_mark(s) for s in report.sentences if s.labels]
    marks += _finding_marks(report.findings, numbers)
    length = len(report.text)
    marks = [replace(m, start=max(0, m.start), end=min(m.end, length)) for m in marks]
    marks = [m for m in marks if m.start < m.end]
    return _render_marks(report.text, marks)


def _highlighted_text(report: Report, numbers: dict[int, int]) -> str:
    return (f"<section><h2>The text</h2><div class=\"doc\">{render_highlights(report, numbers)}"
            "</div></section>")


def _render_marks(text: str, marks: list[_Mark]) -> str:
    """Escape `text` and wrap each mark's span, splitting marks that cross so tags nest."""
    pending = sorted(marks, key=_order)
    out: list[str] = []
    stack: list[_Mark] = []
    pos = i = 0
    while i < len(pending) or stack:
        next_open = pending[i].start if i < len(pending) else len(text) + 1
        if stack and stack[-1].end <= next_open:
            mark = stack.pop()
            out.append(escape(text[pos:mark.end]) + mark.close + mark.suffix)
            pos = mark.end
            continue
        mark = pending[i]
        i += 1
        out.append(escape(text[pos:mark.start]))
        pos = mark.start
        if stack and mark.end > stack[-1].end:  # crosses an open mark: split it at that end
            cut = stack[-1].end
            bisect.insort(pending, replace(mark, start=cut, prefix=""), lo=i, key=_order)
            mark = replace(mark, end=cut, suffix="")
        out.append(mark.prefix + mark.open)
        stack.append(mark)
    out.append(escape(text[pos:]))
    return "".join(out)


def _sentence_mark(sentence: SentenceResult) -> _Mark:
    labels = [label for label in LABEL_TAGS if label in sentence.labels]
    classes = " ".join("fh" if label == "family_history" else "cv" for label in labels)
    tag = "+".join(LABEL_TAGS[label] for label in labels)
    reasons = "; ".join(sentence.reasons.get(label, "") for label in labels if sentence.reasons.get(label))
    title = f" title=\"{escape(reasons)}\"" if reasons else ""
    return _Mark(sentence.start, sentence.end, 1, f"<span class=\"{classes}\"{title}>", "</span>",
                 prefix=f"<span class=\"tag\">[{tag}]</span>")


def _action_mark(number: int, action: ActionResult) -> _Mark:
    gaps = action_gaps(action)
    state = ": " + ", ".join(ACTION_GAPS[g] for g in gaps) if gaps else " ✓ complete"
    badge = f"<span class=\"badge{' gaps' if gaps else ''}\">Action {number}{escape(state)}</span>"
    return _Mark(action.start, action.end, 0, "<span class=\"action\">", "</span>",
                 prefix=f"<span id=\"action-{number}\" class=\"anchor\"></span>{badge}")


def _finding_marks(findings: list[Finding], numbers: dict[int, int]) -> list[_Mark]:
    """One mark per distinct span, styled by its worst severity, with a marker per finding."""
    by_span: dict[tuple[int, int], list[Finding]] = {}
    for finding in findings:
        if finding.start is not None:
            end = finding.end if finding.end is not None else finding.start
            by_span.setdefault((finding.start, end), []).append(finding)
    marks = []
    for (start, end), group in by_span.items():
        worst = max(group, key=lambda f: SEVERITIES.index(f.severity)).severity
        markers = "".join(_marker(f, numbers[id(f)]) for f in group)
        marks.append(_Mark(start, end, 2, f"<span class=\"finding sev-{escape(worst)}\">", "</span>",
                           suffix=markers))
    return marks


def _marker(finding: Finding, number: int) -> str:
    severity = escape(finding.severity)
    return (f"<sup class=\"marker sev-{severity}\"><a id=\"ref-{number}\" href=\"#finding-{number}\" "
            f"title=\"{severity}: {escape(finding.message)}\">[!{number}]</a></sup>")


# --------------------------------------------------------------------------- lists and tables


def _findings_list(report: Report, numbers: dict[int, int]) -> str:
    if not report.findings:
        return "<section><h2>Findings</h2><p>No findings.</p></section>"
    items = "".join(_finding_item(report, f, numbers[id(f)]) for f in report.findings)
    return f"<section><h2>Findings</h2><ol class=\"findings\">{items}</ol></section>"


def _finding_item(report: Report, finding: Finding, number: int) -> str:
    where = "whole document"
    if finding.start is not None:
        where = f"<a href=\"#ref-{number}\">line {report.line_of(finding.start)}</a>"
    example = (f"<p><strong>Example:</strong> <q>{escape(finding.example)}</q></p>"
               if finding.example else "")
    return (
        f"<li id=\"finding-{number}\" value=\"{number}\"><p>{_severity_badge(finding.severity)} "
        f"<code>{escape(finding.check)}</code> ({where}): <strong>{escape(finding.message)}</strong></p>"
        f"<p><strong>Why it matters:</strong> {escape(finding.why)}</p>"
        f"<p><strong>Suggestion:</strong> {escape(finding.suggestion)}</p>{example}</li>"
    )


def _actions_table(report: Report) -> str:
    if report.doc_type == "assessment" and not report.actions:
        return ""
    if not report.actions:
        return "<section><h2>Actions</h2><p>No actions found.</p></section>"
    rows = "".join(_action_row(i, a) for i, a in enumerate(report.actions, 1))
    return (
        "<section><h2>Actions</h2><table class=\"actions\"><thead><tr><th>#</th><th>Who</th>"
        "<th>What</th><th>When</th><th>Specific</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></section>"
    )


def _action_row(number: int, action: ActionResult) -> str:
    if action.owner is not None:
        who = escape(action.owner)
    else:
        reason = describe_owner(action)
        who = _missing("— missing" + (f" ({reason})" if reason else ""))
    if action.timescale is not None:
        when = escape(action.timescale)
    elif action.timescale_vague:
        when = f"<span class=\"vague\">{escape(describe_timescale(action) or '')} (not checkable)</span>"
    else:
        when = _missing("— missing")
    specific = "yes" if action.specific else _missing("no — an aim, not a task")
    return (f"<tr><td><a href=\"#action-{number}\">{number}</a></td><td>{who}</td>"
            f"<td>{escape(action.task)}</td><td>{when}</td><td>{specific}</td></tr>")


def _missing(label: str) -> str:
    return f"<span class=\"missing\">{escape(label)}</span>"


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1f2328;
background:#f6f8fa;margin:0;line-height:1.5}
main{max-width:960px;margin:0 auto;padding:1.5rem;background:#fff}
h1{margin:.2rem 0}h2{border-bottom:1px solid #d0d7de;padding-bottom:.2rem;margin-top:2rem}
.meta{color:#57606a;margin-top:0}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:.8rem;margin-top:1rem}
.card{border:1px solid #d0d7de;border-left-width:6px;border-radius:6px;padding:.6rem .8rem}
.card h3{margin:0 0 .2rem;font-size:1rem}.card p{margin:.3rem 0;font-size:.9rem}
.rating-0{border-left-color:#cf222e}.rating-1{border-left-color:#d4a72c}
.rating-2{border-left-color:#54aeff}.rating-3{border-left-color:#2da44e}
.meter{height:8px;background:#eaeef2;border-radius:4px;overflow:hidden}
.meter span{display:block;height:100%;background:#57606a}
.warnings{background:#fff8c5;border:1px solid #d4a72c;padding:.2rem 1rem;margin-top:1rem}
.doc{white-space:pre-wrap;font-family:Georgia,"Times New Roman",serif;border:1px solid #d0d7de;
border-radius:6px;padding:1rem;line-height:1.8}
.fh{background:#ddf4ff}.cv{background:#fff1d6}
.fh.cv{background:repeating-linear-gradient(135deg,#ddf4ff 0 8px,#fff1d6 8px 16px)}
.tag{font:bold .7rem system-ui,sans-serif;color:#24292f;margin-right:.15rem}
.action{outline:2px solid #8250df;outline-offset:1px;border-radius:3px}
.badge{font:bold .7rem system-ui,sans-serif;background:#8250df;color:#fff;border-radius:3px;
padding:0 .3rem;margin-right:.3rem}
.badge.gaps{background:#fbefff;color:#6639ba;border:1px solid #8250df}
.finding{border-bottom:2px dotted #57606a}
.finding.sev-error{border-bottom:2px solid #cf222e}
.finding.sev-warning{border-bottom:2px dashed #bf8700}
.marker{font:bold .75rem system-ui,sans-serif}.marker a{text-decoration:none;color:inherit}
.sev{font:bold .75rem system-ui,sans-serif;border-radius:3px;padding:0 .3rem;text-transform:uppercase}
.sev-error{color:#a40e26}.sev.sev-error{background:#ffebe9;border:1px solid #cf222e}
.sev-warning{color:#7d4e00}.sev.sev-warning{background:#fff8c5;border:1px solid #bf8700}
.sev-suggestion{color:#0550ae}.sev.sev-suggestion{background:#ddf4ff;border:1px solid #54aeff}
.legend{font-size:.85rem;color:#57606a}.legend>span{margin-right:.8rem;padding:0 .2rem}
.findings li{margin-bottom:.8rem}.findings p{margin:.15rem 0}
table.actions{border-collapse:collapse;width:100%;font-size:.9rem}
table.actions th,table.actions td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;
vertical-align:top}
.missing{color:#a40e26;font-weight:bold}.vague{color:#7d4e00;font-style:italic}
@media print{body{background:#fff}main{max-width:none}}
"""
