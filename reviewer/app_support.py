"""Pure helpers behind the Streamlit app (`app.py`), testable without Streamlit.

Everything shown comes from the reviewer's :class:`~reviewer.report.Report` as it is: the
highlights, findings, score cards and action table read its records, never re-derive them.
The only thing the app adds is the user's own choices (dismissed findings, switched-off checks,
filters, audit samples).
"""
from __future__ import annotations

import hashlib
import importlib
import io
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from html import escape
from pathlib import Path
from typing import Any

import pandas as pd

from .html import (
    ACTION_GAPS,
    DIMENSION_WORDS,
    DOC_TYPE_WORDS,
    action_gaps,
    describe_owner,
    describe_timescale,
    render_highlights,
)
from .report import DIMENSIONS, DOC_TYPES, Finding, Report

__all__ = [
    "DETECT", "DOC_TYPE_CHOICES", "RATING_WORDS", "SEVERITY_ICONS", "GAP_COLUMNS", "FindingEntry",
    "doc_type_label", "rating_label", "finding_keys", "visible_findings", "without_dismissed",
    "finding_entries", "highlight_html", "scorecards", "actions_frame", "report_json",
    "report_html", "unique_ids", "guess_column", "display_frame", "filter_rows",
    "rating_distribution", "action_gap_shares", "draw_sample", "csv_bytes", "excel_bytes",
    "md_escape", "Redactor", "load_redactor", "load_corpus_documents", "type_description", "read_table_upload",
]

DETECT = "detect"  # the document-type choice that lets the reviewer detect the type
DOC_TYPE_CHOICES: tuple[str, ...] = (DETECT, *DOC_TYPES)
RATING_WORDS = {0: "absent", 1: "weak", 2: "adequate", 3: "good"}
SEVERITY_ICONS = {"error": "✖", "warning": "⚠", "suggestion": "➜"}
# document-table column -> words, for the action-gap chart (read from batch rows, not re-derived)
GAP_COLUMNS = {
    "n_actions_no_owner": "no owner",
    "n_actions_no_timescale": "no timescale",
    "n_actions_vague_timescale": "vague timescale",
    "n_actions_unspecific": "not specific",
}
_QUOTE_CHARS = 160


# --------------------------------------------------------------------------- words


def doc_type_label(doc_type: str | None) -> str:
    """'cp_plan' -> 'Child protection plan'; None or 'detect' -> 'Detect automatically'."""
    if doc_type is None or doc_type == DETECT:
        return "Detect automatically"
    return DOC_TYPE_WORDS.get(doc_type, doc_type)


def rating_label(rating: int) -> str:
    """0 -> '0 absent'."""
    return f"{int(rating)} {RATING_WORDS.get(int(rating), '')}".strip()


def type_description(report: Report, chosen: str | None, detected: Report | None = None) -> str:
    """One line saying which type the document was reviewed as and why (markdown)."""
    label = doc_type_label(report.doc_type)
    if chosen is None:
        return (f"Document type: **{label}**, detected automatically "
                f"(confidence {report.doc_type_confidence:.0%}).")
    line = f"Document type: **{label}**, as you chose."
    if detected is not None and detected.doc_type != report.doc_type:
        line += (f" The reviewer detected {doc_type_label(detected.doc_type).lower()} "
                 f"(confidence {detected.doc_type_confidence:.0%}).")
    return line


# --------------------------------------------------------------------------- findings


def finding_keys(report: Report) -> list[str]:
    """A stable key per finding: its check, the text it points at and which occurrence it is.

    Keys survive edits elsewhere in the draft (offsets are not part of them), so a dismissal
    still applies after the text is edited and reviewed again.
    """
    seen: dict[tuple[str, str], int] = {}
    keys = []
    for f in report.findings:
        span = "" if f.start is None else report.text[f.start:f.end]
        digest = hashlib.sha1(span.encode("utf-8")).hexdigest()[:10] if span else "document"
        n = seen.get((f.check, digest), 0)
        seen[(f.check, digest)] = n + 1
        keys.append(f"{f.check}@{digest}" + (f"#{n + 1}" if n else ""))
    return keys


def visible_findings(report: Report, dismissed: Mapping[str, Any] | Iterable[str] = ()) -> list[tuple[str, Finding]]:
    """(key, finding) for every finding not dismissed, in report order."""
    gone = set(dismissed)
    return [(k, f) for k, f in zip(finding_keys(report), report.findings) if k not in gone]


def without_dismissed(report: Report, dismissed: Mapping[str, Any] | Iterable[str] = ()) -> Report:
    """The report with dismissed findings left out (everything else as it is)."""
    gone = set(dismissed)
    if not gone:
        return report
    return replace(report, findings=[f for _, f in visible_findings(report, gone)])


@dataclass(frozen=True)
class FindingEntry:
    """One finding as the findings list shows it."""

    number: int
    key: str
    check: str
    severity: str
    icon: str
    message: str
    why: str
    suggestion: str
    example: str | None
    where: str  # "line 12" or "whole document"
    quote: str  # the start of the text the finding points at ('' for the whole document)

    @property
    def title(self) -> str:
        return f"{self.icon} {self.severity.upper()} [!{self.number}] {self.message} ({self.where})"


def finding_entries(report: Report, dismissed: Mapping[str, Any] | Iterable[str] = ()) -> list[FindingEntry]:
    """The findings list: numbered as the markers in :func:`highlight_html` are."""
    out = []
    for number, (key, f) in enumerate(visible_findings(report, dismissed), 1):
        if f.start is None:
            where, quote = "whole document", ""
        else:
            where = f"line {report.line_of(f.start)}"
            quote = _shorten(report.text[f.start:f.end])
        out.append(FindingEntry(number, key, f.check, f.severity, SEVERITY_ICONS.get(f.severity, "•"),
                                f.message, f.why, f.suggestion, f.example, where, quote))
    return out


def _shorten(text: str, limit: int = _QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --------------------------------------------------------------------------- highlighted draft


_DRAFT_CSS = """
.rv-draft{font-family:Georgia,"Times New Roman",serif;line-height:1.8;color:#1f2328}
.rv-draft .rv-text{white-space:pre-wrap;border:1px solid #d0d7de;border-radius:6px;padding:1rem;
background:#fff}
.rv-draft .rv-legend{font:.8rem system-ui,sans-serif;color:#404850;margin:0 0 .5rem}
.rv-draft .rv-legend>span{margin-right:.7rem;padding:0 .25rem;border-radius:3px;display:inline-block}
.rv-draft .rv-doc-findings{font:.9rem system-ui,sans-serif;border:1px solid #d0d7de;border-left:5px solid #bf8700;
border-radius:6px;padding:.4rem .8rem;margin:0 0 .6rem;background:#fffdf3}
.rv-draft .rv-doc-findings h4{margin:.1rem 0 .3rem;font-size:.95rem}
.rv-draft .rv-doc-findings ul{margin:0;padding-left:1.2rem}
.rv-draft .fh{background:#ddf4ff}.rv-draft .cv{background:#fff1d6}
.rv-draft .fh.cv{background:repeating-linear-gradient(135deg,#ddf4ff 0 8px,#fff1d6 8px 16px)}
.rv-draft .tag{font:bold .7rem system-ui,sans-serif;color:#24292f;margin-right:.15rem}
.rv-draft .action{outline:2px solid #8250df;outline-offset:1px;border-radius:3px}
.rv-draft .badge{font:bold .7rem system-ui,sans-serif;background:#8250df;color:#fff;border-radius:3px;
padding:0 .3rem;margin-right:.3rem}
.rv-draft .badge.gaps{background:#fbefff;color:#6639ba;border:1px solid #8250df}
.rv-draft .finding{border-bottom:2px dotted #57606a}
.rv-draft .finding.sev-error{border-bottom:2px solid #cf222e}
.rv-draft .finding.sev-warning{border-bottom:2px dashed #bf8700}
.rv-draft .marker{font:bold .75rem system-ui,sans-serif}
.rv-draft .marker a{text-decoration:none;color:inherit}
.rv-draft .sev{font:bold .72rem system-ui,sans-serif;border-radius:3px;padding:0 .3rem;text-transform:uppercase}
.rv-draft .sev-error{color:#a40e26}.rv-draft .sev.sev-error{background:#ffebe9;border:1px solid #cf222e}
.rv-draft .sev-warning{color:#7d4e00}.rv-draft .sev.sev-warning{background:#fff8c5;border:1px solid #bf8700}
.rv-draft .sev-suggestion{color:#0550ae}.rv-draft .sev.sev-suggestion{background:#ddf4ff;border:1px solid #54aeff}
"""

LEGEND_HTML = (
    "<p class=\"rv-legend\"><strong>Key:</strong> "
    "<span class=\"fh\"><span class=\"tag\">[FH]</span> family history</span>"
    "<span class=\"cv\"><span class=\"tag\">[CV]</span> child's voice</span>"
    "<span class=\"fh cv\"><span class=\"tag\">[FH+CV]</span> both</span>"
    "<span class=\"action\"><span class=\"badge\">Action n</span> a plan action, with its gaps</span>"
    "<span><span class=\"marker\">[!n]</span> a finding, numbered as in the findings list</span></p>"
)


def highlight_html(report: Report, dismissed: Mapping[str, Any] | Iterable[str] = ()) -> str:
    """The draft with highlights, as an HTML fragment with its own scoped CSS (no scripts).

    Sentences with family history and the child's voice carry [FH] / [CV] tags and a colour;
    each plan action is outlined with a badge naming its gaps; findings are underlined at their
    place with a numbered [!n] marker; document-level findings are listed at the top. All the
    document text is escaped.
    """
    shown = without_dismissed(report, dismissed)
    numbers = {id(f): i for i, f in enumerate(shown.findings, 1)}
    doc_level = [f for f in shown.findings if f.start is None]
    top = ""
    if doc_level:
        items = "".join(
            f"<li><span class=\"sev sev-{escape(f.severity)}\">{escape(f.severity)}</span> "
            f"<span class=\"marker\">[!{numbers[id(f)]}]</span> {escape(f.message)}</li>"
            for f in doc_level)
        top = f"<div class=\"rv-doc-findings\"><h4>About the whole document</h4><ul>{items}</ul></div>"
    body = render_highlights(shown, numbers)
    return (f"<style>{_DRAFT_CSS}</style><div class=\"rv-draft\">{LEGEND_HTML}{top}"
            f"<div class=\"rv-text\">{body}</div></div>")


# --------------------------------------------------------------------------- score cards, actions


def scorecards(report: Report) -> list[dict[str, Any]]:
    """One card per dimension of the report, in the report's order."""
    cards = []
    for name, dim in report.dimensions.items():
        cards.append({
            "dimension": name,
            "label": DIMENSION_WORDS.get(name, name),
            "rating": int(dim.rating),
            "rating_word": RATING_WORDS.get(int(dim.rating), ""),
            "score": max(0, min(100, int(dim.score))),
            "summary": dim.summary,
        })
    return cards


ACTION_COLUMNS = ["#", "Who", "What", "When", "Specific", "Gaps"]


def actions_frame(report: Report) -> pd.DataFrame:
    """The plan's actions as Who / What / When, missing or vague cells marked in words."""
    rows = []
    for number, action in enumerate(report.actions, 1):
        if action.owner is not None:
            who = action.owner
        else:
            reason = describe_owner(action)
            who = "⚠ missing" + (f" ({reason})" if reason else "")
        if action.timescale is not None:
            when = action.timescale
        elif action.timescale_vague:
            when = f"⚠ {describe_timescale(action)} (not checkable)"
        else:
            when = "⚠ missing"
        specific = "yes" if action.specific else "⚠ no: an aim, not a task"
        gaps = ", ".join(ACTION_GAPS[g] for g in action_gaps(action)) or "✓ none"
        rows.append([number, who, action.task, when, specific, gaps])
    return pd.DataFrame(rows, columns=ACTION_COLUMNS)


# --------------------------------------------------------------------------- downloads


def report_json(report: Report, dismissed: Mapping[str, Any] | Iterable[str] = ()) -> str:
    """The report as JSON (the contract of `Report.to_dict()`), dismissed findings left out."""
    return without_dismissed(report, dismissed).to_json()


def report_html(report: Report, dismissed: Mapping[str, Any] | Iterable[str] = (),
                title: str | None = None) -> str:
    """The standalone HTML page of `reviewer.html.render_html`, dismissed findings left out."""
    from .html import render_html

    return render_html(without_dismissed(report, dismissed), title=title)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A table as UTF-8 CSV, cells a spreadsheet would run as formulas neutralised."""
    from .batch import neutralise

    return neutralise(frame).to_csv(index=False).encode("utf-8")


def excel_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """An .xlsx workbook with one sheet per table, formulas neutralised, illegal characters removed."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    from .batch import neutralise

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            clean = neutralise(frame).map(
                lambda v: ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v)
            clean.to_excel(writer, sheet_name=name[:31], index=False)
    return buffer.getvalue()


# --------------------------------------------------------------------------- batch


def read_table_upload(data: bytes, filename: str) -> pd.DataFrame:
    """An uploaded .csv/.xlsx table as strings, read as `reviewer.batch.read_table` reads files.

    The user picks the text column afterwards, so no column is required here. The bytes go to a
    temporary folder that is deleted before this returns. Raises InputError naming the file.
    """
    import tempfile
    from pathlib import PureWindowsPath

    from .batch import TABLE_EXTENSIONS, _read_csv, _read_xlsx
    from .errors import InputError

    name = PureWindowsPath(filename).name or "table"
    extension = PureWindowsPath(name).suffix.lower()
    if extension not in TABLE_EXTENSIONS:
        raise InputError(name, f"is not a table; use one of {', '.join(TABLE_EXTENSIONS)}")
    with tempfile.TemporaryDirectory(prefix="reviewer-") as folder:
        path = Path(folder) / ("table" + extension)
        path.write_bytes(data)
        frame = _read_csv(path, name) if extension == ".csv" else _read_xlsx(path, name)
    if not len(frame.columns):
        raise InputError(name, "has no columns")
    frame.columns = [str(c) for c in frame.columns]
    return frame



def unique_ids(ids: Sequence[str]) -> list[str]:
    """Ids made unique by suffixing repeats: ['a', 'a'] -> ['a', 'a (2)']."""
    seen: dict[str, int] = {}
    out = []
    taken = set(ids)
    for doc_id in ids:
        n = seen.get(doc_id, 0) + 1
        seen[doc_id] = n
        if n == 1:
            out.append(doc_id)
            continue
        candidate = f"{doc_id} ({n})"
        while candidate in taken:
            n += 1
            candidate = f"{doc_id} ({n})"
        seen[doc_id] = n
        taken.add(candidate)
        out.append(candidate)
    return out


_COLUMN_HINTS = {
    "text": ("text", "document", "content", "body", "narrative", "plan", "assessment"),
    "id": ("id", "case", "ref", "reference", "document id", "doc id", "file", "name"),
    "team": ("team", "unit", "service", "locality"),
    "worker": ("worker", "social worker", "author", "practitioner", "sw"),
    "date": ("date", "completed", "created", "submitted"),
    "type": ("type", "doc type", "document type", "doc_type", "kind"),
}


def guess_column(columns: Sequence[str], role: str, frame: pd.DataFrame | None = None) -> str | None:
    """The column that most likely plays `role` ('text', 'id', 'team', 'worker', 'date', 'type').

    An exact (case-insensitive) name match wins, then a name containing a hint. For 'text', when
    nothing matches, the column with the longest cells in `frame`.
    """
    hints = _COLUMN_HINTS[role]
    lowered = {c: str(c).strip().lower().replace("_", " ") for c in columns}
    for hint in hints:
        for column, name in lowered.items():
            if name == hint.replace("_", " "):
                return column
    for hint in hints:
        if len(hint) < 3:
            continue
        for column, name in lowered.items():
            if re.search(rf"\b{re.escape(hint)}\b", name):
                return column
    if role == "text" and frame is not None and len(frame.columns):
        lengths = {c: frame[c].astype(str).str.len().mean() for c in frame.columns}
        return max(lengths, key=lambda c: (lengths[c], -list(frame.columns).index(c)))
    return None


_DISPLAY = ["id", "team", "worker", "date", "doc_type", "status",
            *[f"{d}_{p}" for d in DIMENSIONS for p in ("rating", "score")],
            "n_actions", *GAP_COLUMNS, "n_findings", "worst_severity", "error"]


def display_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """The columns of the batch table the app shows (the exports hold every column)."""
    columns = [c for c in _DISPLAY if c in rows.columns]
    if "team" in columns and rows["team"].isna().all():
        columns.remove("team")
    return rows[columns].reset_index(drop=True)


def filter_rows(rows: pd.DataFrame, doc_types: Sequence[str] = (), teams: Sequence[str] = (),
                workers: Sequence[str] = (), statuses: Sequence[str] = (),
                max_ratings: Mapping[str, int | None] | None = None, search: str = "") -> pd.DataFrame:
    """Rows matching every filter given (an empty filter matches everything).

    `max_ratings` maps a dimension to the highest rating kept (documents without that dimension
    are dropped when a maximum is set); `search` matches ids, case-insensitively.
    """
    mask = pd.Series(True, index=rows.index)
    for column, wanted in (("doc_type", doc_types), ("team", teams), ("worker", workers),
                           ("status", statuses)):
        if wanted and column in rows.columns:
            mask &= rows[column].astype("string").isin([str(w) for w in wanted]).fillna(False)
    for dim, top in (max_ratings or {}).items():
        column = f"{dim}_rating"
        if top is not None and column in rows.columns:
            mask &= (rows[column] <= top).fillna(False).astype(bool)
    if search.strip():
        mask &= rows["id"].astype(str).str.contains(search.strip(), case=False, regex=False)
    return rows[mask]


def rating_distribution(rows: pd.DataFrame) -> pd.DataFrame:
    """Documents per rating (rows '0 absent'…'3 good') for each dimension (columns) rated."""
    data = {}
    for dim in DIMENSIONS:
        column = f"{dim}_rating"
        if column not in rows.columns:
            continue
        values = rows[column].dropna()
        if values.empty:
            continue
        counts = values.astype(int).value_counts()
        data[DIMENSION_WORDS[dim]] = [int(counts.get(r, 0)) for r in RATING_WORDS]
    frame = pd.DataFrame(data, index=[rating_label(r) for r in RATING_WORDS])
    frame.index.name = "rating"
    return frame


def action_gap_shares(rows: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Share (%) of plan actions with each gap, overall or per value of `by` (e.g. 'team').

    Long form: columns [by,] 'gap', 'share', 'actions'. Read from the batch rows' action counts.
    Groups with no actions are left out.
    """
    if "n_actions" not in rows.columns:
        return pd.DataFrame(columns=[*([by] if by else []), "gap", "share", "actions"])
    ok = rows[rows["n_actions"].fillna(0) > 0]
    if by:
        groups = ok.assign(**{by: ok[by].astype("string").fillna("(none)")}).groupby(by, sort=True)
    else:
        groups = [(None, ok)]
    records = []
    for key, group in groups:
        total = int(group["n_actions"].sum())
        if not total:
            continue
        for column, words in GAP_COLUMNS.items():
            record = {"gap": words, "share": round(100.0 * float(group[column].sum()) / total, 1),
                      "actions": total}
            if by:
                record = {by: key, **record}
            records.append(record)
    return pd.DataFrame(records, columns=[*([by] if by else []), "gap", "share", "actions"])


def draw_sample(rows: pd.DataFrame, size: int, seed: int, by: str | None = None) -> pd.DataFrame:
    """An audit sample of `size` rows, reproducible from `seed`.

    Random when `by` is None; otherwise stratified by the column `by` (team, or a rating column):
    each stratum gets a share proportional to its size (largest remainders first), and every
    stratum gets at least one document while the sample is at least as large as the number of
    strata. The result has a 'stratum' column when stratified, rows in their original order
    within each stratum.
    """
    size = max(0, min(int(size), len(rows)))
    if size == 0:
        return rows.iloc[0:0]
    if by is None:
        return rows.sample(n=size, random_state=int(seed)).sort_index()
    if by.endswith("_rating"):
        strata = rows[by].map(lambda v: "not rated" if pd.isna(v) else rating_label(int(v))).astype("string")
    else:
        strata = rows[by].astype("string").fillna("(none)")
    counts = strata.value_counts(sort=False).sort_index()
    allocation = _allocate(counts.to_dict(), size)
    parts = []
    for i, (stratum, n) in enumerate(sorted(allocation.items())):
        if n:
            members = rows[strata == stratum]
            parts.append(members.sample(n=n, random_state=int(seed) + i).sort_index()
                         .assign(stratum=stratum))
    return pd.concat(parts) if parts else rows.iloc[0:0].assign(stratum=pd.Series(dtype="string"))


def _allocate(counts: Mapping[str, int], size: int) -> dict[str, int]:
    total = sum(counts.values())
    keys = sorted(counts)
    if size >= len(keys):
        alloc = {k: 1 for k in keys}
        left = size - len(keys)
        pool = {k: counts[k] - 1 for k in keys}
        pool_total = sum(pool.values())
    else:  # fewer places than strata: largest strata first
        alloc = {k: 0 for k in keys}
        left, pool, pool_total = size, dict(counts), total
    if left and pool_total:
        quotas = {k: left * pool[k] / pool_total for k in keys}
        floors = {k: min(pool[k], math.floor(q)) for k, q in quotas.items()}
        remaining = left - sum(floors.values())
        order = sorted(keys, key=lambda k: (-(quotas[k] - floors[k]), -pool[k], k))
        for k in keys:
            alloc[k] += floors[k]
        while remaining > 0:
            progressed = False
            for k in order:
                if remaining and alloc[k] < counts[k]:
                    alloc[k] += 1
                    remaining -= 1
                    progressed = True
            if not progressed:
                break
    return alloc


# --------------------------------------------------------------------------- text, privacy, corpus


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def md_escape(text: str) -> str:
    """Text shown literally by st.markdown (no markup, no LaTeX, no HTML)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


@dataclass(frozen=True)
class Redactor:
    """Redaction from `reviewer.redact`, for showing pieces of uploaded documents.

    `text(piece)` redacts one piece of text on its own. `document(full_text)` redacts a whole
    document once and returns a function for pieces of it: every identifier found anywhere in
    the document (a name introduced in one place, say) is replaced in the piece by its
    document-wide placeholder, and the piece is then redacted on its own as well.
    """

    text: Callable[[str], str]
    document: Callable[[str], Callable[[str], str]]


def load_redactor() -> Redactor | None:
    """The redaction of `reviewer.redact`, or None while that module does not exist.

    Uploaded documents are only ever shown as training examples through it: names, dates of
    birth, addresses, phone numbers, emails and NHS numbers are redacted first.
    """
    try:
        module = importlib.import_module("reviewer.redact")
    except ImportError:
        return None
    full = getattr(module, "redact", None)
    piece = getattr(module, "redact_text", None)
    if not callable(piece):
        piece = full
    if not callable(piece):
        return None
    text = _text_of(piece)

    def document(full_text: str) -> Callable[[str], str]:
        pairs: dict[str, str] = {}
        if callable(full):
            for span in getattr(full(full_text), "spans", None) or ():
                original = full_text[span.original_start:span.original_end]
                if original.strip():
                    pairs.setdefault(original, span.placeholder)
        return _piece_redactor(pairs, text)

    return Redactor(text=text, document=document)


def _piece_redactor(pairs: Mapping[str, str], text: Callable[[str], str]) -> Callable[[str], str]:
    originals = sorted(pairs, key=len, reverse=True)
    pattern = (re.compile("|".join(rf"(?<!\w){re.escape(o)}(?!\w)" for o in originals))
               if originals else None)

    def run(piece: str) -> str:
        if pattern is not None:
            piece = pattern.sub(lambda m: pairs[m.group(0)], piece)
        return text(piece)

    return run


def _text_of(function: Callable[..., Any]) -> Callable[[str], str]:
    def run(text: str) -> str:
        result = function(text)
        if isinstance(result, str):
            return result
        value = getattr(result, "text", None)
        if isinstance(value, str):
            return value
        raise TypeError("reviewer.redact returned no text")

    return run


REPO_ROOT = Path(__file__).resolve().parents[1]


def load_corpus_documents(root: Path = REPO_ROOT) -> list[dict[str, Any]]:
    """The annotated fictional corpus: `corpora/corpus.jsonl`, else built by training/evaluate."""
    path = root / "corpora" / "corpus.jsonl"
    if path.exists():
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    training = root / "training"
    if not (training / "evaluate.py").exists():
        return []
    import sys

    for folder in (str(root), str(training)):
        if folder not in sys.path:
            sys.path.insert(0, folder)
    evaluate = importlib.import_module("evaluate")
    return list(evaluate.load_corpus())
