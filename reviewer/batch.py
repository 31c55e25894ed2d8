"""Review many documents and tabulate the reports: one row per document, one per finding.

    import pandas as pd
    from reviewer import Reviewer
    from reviewer.batch import score_frames

    reviewer = Reviewer.load()
    rows, findings = score_frames(pd.DataFrame({"id": [...], "text": [...]}), reviewer)

:func:`score_frame` / :func:`score_frames` are pure functions of a DataFrame chunk (one output
row per input row, the input's index kept), so a distributed engine can map them over
partitions. Every value in a row is read from the document's :class:`~reviewer.report.Report`.
`score_frame(..., with_findings=True, with_reports=True)` adds each document's findings and
report as JSON text, so one DataFrame -> DataFrame call carries everything the outputs need:
`reviewer batch` maps it over chunks in this process or in `--workers N` processes (each loads
the models once), and `reviewer.engine` maps it over a Ray cluster.

Scale-out helpers: :func:`in_shard` (`--shard i/N`, by a stable hash of the id),
:func:`done_ids` / :func:`previous_tables` (`--resume`: documents already in the output are
skipped, so a failed run repeats only what is missing) and :func:`score_chunks` (the ordered
process pool).

A document that cannot be read or reviewed becomes an error row (``status="error"`` and an
``error`` message naming the document and the problem); the batch carries on. Errors never
quote the document text, and neither do the tables: they hold ids, scores, counts and findings.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .checks import catalogue
from .errors import ConfigError, InputError, ReviewerError
from .html import action_gaps
from .readers import SUPPORTED_EXTENSIONS, read_file
from .report import DIMENSIONS, Report

__all__ = [
    "OUTPUT_EXTENSIONS", "TABLE_EXTENSIONS", "FINDING_COLUMNS", "Document", "DocumentResult",
    "row_columns", "check_column", "iter_folder", "read_table", "table_documents",
    "folder_documents", "review_document", "run_batch", "rows_frame", "findings_frame",
    "score_frames", "score_frame", "check_output_path", "findings_path", "write_outputs",
    "neutralise", "atomic_path", "write_text_atomic", "jsonl_writer",
    "DETAIL_COLUMNS", "ReviewerSpec", "parse_shard", "in_shard", "documents_frame", "results_from_frame",
    "score_chunks", "done_ids", "previous_tables", "write_tables", "arrow_friendly",
]

TABLE_EXTENSIONS = (".csv", ".xlsx")
OUTPUT_EXTENSIONS = (".csv", ".xlsx", ".jsonl")
FINDING_COLUMNS = ["id", "check", "dimension", "severity", "message", "start", "end", "line"]
_BASE_COLUMNS = ["id", "team", "doc_type", "doc_type_confidence", "status", "error", "warnings"]
_ACTION_COUNTS = {  # row column -> gap key of reviewer.html.action_gaps
    "n_actions_no_owner": "no_owner",
    "n_actions_no_timescale": "no_timescale",
    "n_actions_vague_timescale": "vague_timescale",
    "n_actions_unspecific": "unspecific",
}
_SUMMARY_COLUMNS = ["n_sentences", "n_actions", *_ACTION_COUNTS, "n_findings", "worst_severity"]
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Document:
    """One document to review: its text, or the reason it could not be read."""

    id: str
    text: str | None = None
    doc_type: str | None = None  # None: let the reviewer detect it
    team: str | None = None
    error: str | None = None  # set when reading failed; the document becomes an error row
    warnings: tuple[str, ...] = ()  # reader warnings, added to the report's warnings


@dataclass
class DocumentResult:
    """A document's table row, its finding rows and (unless dropped) its report."""

    row: dict[str, Any]
    findings: list[dict[str, Any]] = field(default_factory=list)
    report: Report | None = None
    report_json: str | None = None  # the report as JSON text, when it was made elsewhere

    @property
    def ok(self) -> bool:
        return self.row["status"] == "ok"


def check_column(check_id: str) -> str:
    """Row column counting a check's findings: 'plan.action.no_owner' -> 'n_plan_action_no_owner'."""
    return "n_" + check_id.replace(".", "_")


def row_columns() -> list[str]:
    """The columns of a document row, in order."""
    dims = [f"{dim}_{part}" for dim in DIMENSIONS for part in ("rating", "score")]
    return [*_BASE_COLUMNS, *dims, *_SUMMARY_COLUMNS, *(check_column(c) for c in catalogue())]


# --------------------------------------------------------------------------- inputs


_FOLDER_EXTENSIONS = set(SUPPORTED_EXTENSIONS) | {".doc", ".rtf", ".odt"}


def remove_stale_temporaries(out: str | os.PathLike) -> int:
    """Delete temporary files a killed run left beside `out` (they may hold document text)."""
    out = Path(out)
    removed = 0
    for tmp in out.parent.glob(f".{out.name}.*{out.suffix}"):
        tmp.unlink(missing_ok=True)
        removed += 1
    return removed


def iter_folder(path: str | os.PathLike) -> Iterator[Path]:
    """Supported documents under `path`, recursively, in sorted order.

    Hidden files and folders (names starting with '.') and Office lock files ('~$…') are skipped,
    as are files of other types; documents in formats the reader refuses (legacy .doc, .rtf, .odt)
    are yielded so that they become error rows saying why, rather than vanishing.
    """
    root = Path(path)
    for item in sorted(root.rglob("*")):
        parts = item.relative_to(root).parts
        if any(p.startswith(".") for p in parts) or item.name.startswith("~$"):
            continue
        if item.suffix.lower() in _FOLDER_EXTENSIONS and item.is_file():
            yield item


def folder_documents(root: str | os.PathLike, paths: Iterable[Path] | None = None,
                     doc_type: str | None = None) -> Iterator[Document]:
    """Read each file lazily; a file that cannot be read becomes a Document with `error` set.

    Ids are paths relative to `root`, with '/' separators.
    """
    root = Path(root)
    for path in iter_folder(root) if paths is None else paths:
        doc_id = path.relative_to(root).as_posix()
        try:
            read = read_file(path)
        except InputError as exc:
            yield Document(id=doc_id, doc_type=doc_type, error=f"{doc_id}: {exc.problem}")
            continue
        yield Document(id=doc_id, text=read.text, doc_type=doc_type, warnings=tuple(read.warnings))


def read_table(path: str | os.PathLike, text_column: str = "text",
               required: Sequence[str] = ()) -> pd.DataFrame:
    """Read a .csv or .xlsx table of documents as strings, checking its columns.

    Formulas in .xlsx cells are never evaluated: a formula cell reads as its text ('=A1*2').
    Raises InputError (naming the file) when the file cannot be read or lacks `text_column`
    or any `required` column; the message lists the columns the table has.
    """
    path = Path(path)
    name = path.name or str(path)
    extension = path.suffix.lower()
    if extension not in TABLE_EXTENSIONS:
        raise InputError(name, f"is not a table; use one of {', '.join(TABLE_EXTENSIONS)}")
    if not path.is_file():
        raise InputError(name, "file not found" if not path.exists() else "is not a file")
    frame = _read_csv(path, name) if extension == ".csv" else _read_xlsx(path, name)
    _require_columns(frame, [text_column, *required], name)
    return frame


def _read_csv(path: Path, name: str) -> pd.DataFrame:
    """A CSV as strings (empty cells ''), decoded as UTF-8 or else Windows-1252."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding)
        except UnicodeDecodeError:
            continue
        except pd.errors.EmptyDataError:
            raise InputError(name, "is empty (no header row)") from None
        except (pd.errors.ParserError, ValueError):
            raise InputError(name, "is not a valid CSV file") from None
        except OSError as exc:
            raise InputError(name, f"could not be read ({exc.strerror or 'input/output error'})") from None
    raise InputError(name, "is not valid UTF-8 or Windows-1252 text")


def _read_xlsx(path: Path, name: str) -> pd.DataFrame:
    """The first worksheet of a workbook: header row, then one row per non-blank row."""
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise InputError(name, "is not a valid .xlsx workbook") from None
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise InputError(name, "is empty (no header row)")
        columns = _header_names(header)
        records = [_pad(row, len(columns)) for row in rows if any(_cell(v) for v in row)]
    finally:
        workbook.close()
    return pd.DataFrame(records, columns=columns, dtype=object)


def _header_names(header: Sequence[Any]) -> list[str]:
    """Header cells as unique strings; blanks become 'column N'."""
    names: list[str] = []
    for i, value in enumerate(header, 1):
        base = _cell(value) or f"column {i}"
        name, n = base, 1
        while name in names:
            name, n = f"{base}.{n}", n + 1
        names.append(name)
    return names


def _pad(row: Sequence[Any], width: int) -> list[Any]:
    return list(row[:width]) + [None] * (width - len(row))


def _require_columns(frame: pd.DataFrame, columns: Sequence[str], source: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        found = ", ".join(map(str, frame.columns)) or "(none)"
        names = ", ".join(repr(c) for c in missing)
        raise InputError(source, f"has no column {names}; its columns are: {found}")


def _cell(value: Any) -> str:
    """A table cell as a stripped string: blanks and NaN are '', 17.0 is '17'."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _text(value: Any) -> str:
    """A text cell as the text to review (not stripped: report offsets refer to it)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return value if isinstance(value, str) else str(value)


def _doc_type(value: Any, default: str | None) -> str | None:
    """'CP plan' or 'cp-plan' -> 'cp_plan'; blank -> `default`. Unknown types fail in review."""
    text = _cell(value).lower().replace("-", "_").replace(" ", "_")
    return text or default


def table_documents(frame: pd.DataFrame, text_column: str = "text", id_column: str | None = "id",
                    type_column: str | None = None, team_column: str | None = None,
                    doc_type: str | None = None) -> Iterator[Document]:
    """One Document per row. Ids come from `id_column` when the frame has it, else 'row N'.

    `type_column` and `team_column`, when given, must exist; a blank type falls back to
    `doc_type` (None: detect).
    """
    _require_columns(frame, [c for c in (text_column, type_column, team_column) if c], "input table")
    n = len(frame)
    ids = frame[id_column].tolist() if id_column and id_column in frame.columns else [None] * n
    types = frame[type_column].tolist() if type_column else [None] * n
    teams = frame[team_column].tolist() if team_column else [None] * n
    # A frame made by `documents_frame` also carries reading errors and reader warnings.
    errors = frame[_ERROR_COLUMN].tolist() if _ERROR_COLUMN in frame.columns else [None] * n
    notes = frame[_WARNINGS_COLUMN].tolist() if _WARNINGS_COLUMN in frame.columns else [None] * n
    for i, (text, doc_id, kind, team, error, note) in enumerate(
            zip(frame[text_column].tolist(), ids, types, teams, errors, notes), 1):
        yield Document(id=_cell(doc_id) or f"row {i}", text=_text(text),
                       doc_type=_doc_type(kind, doc_type), team=_cell(team) or None,
                       error=_cell(error) or None, warnings=tuple(w for w in _text(note).split("\n") if w))


# --------------------------------------------------------------------------- reviewing


def review_document(reviewer, document: Document, keep_report: bool = True) -> DocumentResult:
    """Review one document into its row and finding rows; failures become an error row."""
    if document.error is not None:
        return DocumentResult(_error_row(document, document.error))
    try:
        report = reviewer.review(document.text or "", doc_type=document.doc_type, source=document.id)
    except InputError as exc:
        return DocumentResult(_error_row(document, str(exc)))
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop a batch of thousands
        return DocumentResult(_error_row(document, f"{document.id}: internal error while reviewing "
                                                   f"({type(exc).__name__})"))
    report.warnings[:0] = list(document.warnings)
    return DocumentResult(_ok_row(document, report), _finding_rows(document.id, report),
                          report if keep_report else None)


def run_batch(documents: Iterable[Document], reviewer, total: int | None = None,
              progress: bool = True, keep_reports: bool = True,
              on_result: Callable[[DocumentResult], None] | None = None) -> list[DocumentResult]:
    """Review documents in order with a tqdm progress bar on stderr.

    `on_result` sees each result with its report (e.g. to stream .jsonl); the report is then
    dropped from the returned results unless `keep_reports`, so big batches stay small in memory.
    """
    from tqdm import tqdm

    results = []
    for document in tqdm(documents, total=total, disable=not progress, file=sys.stderr,
                         unit="doc", desc="reviewing"):
        result = review_document(reviewer, document)
        if on_result is not None:
            on_result(result)
        if not keep_reports:
            result.report = None
        results.append(result)
    return results


def _error_row(document: Document, message: str) -> dict[str, Any]:
    row = dict.fromkeys(row_columns())
    row.update(id=document.id, team=document.team, doc_type=document.doc_type, status="error",
               error=message, warnings="; ".join(document.warnings) or None)
    return row


def _ok_row(document: Document, report: Report) -> dict[str, Any]:
    row = dict.fromkeys(row_columns())
    row.update(id=document.id, team=document.team, doc_type=report.doc_type,
               doc_type_confidence=round(float(report.doc_type_confidence), 4), status="ok",
               warnings="; ".join(report.warnings) or None)
    for name, dim in report.dimensions.items():
        row[f"{name}_rating"], row[f"{name}_score"] = dim.rating, dim.score
    gaps = [action_gaps(a) for a in report.actions]
    row.update(n_sentences=len(report.sentences), n_actions=len(report.actions),
               n_findings=len(report.findings), worst_severity=report.worst_severity())
    for column, gap in _ACTION_COUNTS.items():
        row[column] = sum(gap in g for g in gaps)
    counts = report.counts_by_check()
    for check_id in catalogue():
        row[check_column(check_id)] = counts.get(check_id, 0)
    return row


def _finding_rows(doc_id: str, report: Report) -> list[dict[str, Any]]:
    return [{"id": doc_id, "check": f.check, "dimension": f.dimension, "severity": f.severity,
             "message": f.message, "start": f.start, "end": f.end, "line": report.line_of(f.start)}
            for f in report.findings]


# --------------------------------------------------------------------------- frames


def rows_frame(results: Sequence[DocumentResult], index: pd.Index | None = None) -> pd.DataFrame:
    """The document table: one row per result, columns `row_columns()`, nullable integers."""
    frame = pd.DataFrame([r.row for r in results], columns=row_columns(), index=index)
    ints = [c for c in frame.columns if c.startswith("n_") or c.endswith(("_rating", "_score"))]
    frame[ints] = frame[ints].astype("Int64")
    frame["doc_type_confidence"] = frame["doc_type_confidence"].astype("Float64")
    return frame


def findings_frame(results: Sequence[DocumentResult]) -> pd.DataFrame:
    """The long findings table: one row per finding, columns `FINDING_COLUMNS`."""
    frame = pd.DataFrame([f for r in results for f in r.findings], columns=FINDING_COLUMNS)
    frame[["start", "end", "line"]] = frame[["start", "end", "line"]].astype("Int64")
    return frame


def score_frames(df: pd.DataFrame, reviewer, text_column: str = "text", id_column: str | None = "id",
                 type_column: str | None = None, team_column: str | None = None,
                 doc_type: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Review every row of `df`: (document rows with `df`'s index, findings rows)."""
    documents = table_documents(df, text_column, id_column, type_column, team_column, doc_type)
    results = [review_document(reviewer, d, keep_report=False) for d in documents]
    return rows_frame(results, index=df.index), findings_frame(results)


def score_frame(df: pd.DataFrame, reviewer, text_column: str = "text", id_column: str | None = "id",
                type_column: str | None = None, team_column: str | None = None,
                doc_type: str | None = None, with_findings: bool = False,
                with_reports: bool = False) -> pd.DataFrame:
    """Review every row of `df`: one document row per input row, `df`'s index kept.

    The columns are `row_columns()`, then with `with_findings` a "findings" column (the
    document's finding rows as a JSON list) and with `with_reports` a "report" column
    (`Report.to_dict()` as JSON, null for an error row). A pure function of the chunk: the
    reviewer keeps no state between documents, so any split of the documents gives the same rows.
    """
    documents = table_documents(df, text_column, id_column, type_column, team_column, doc_type)
    results = [review_document(reviewer, d, keep_report=with_reports) for d in documents]
    rows = rows_frame(results, index=df.index)
    if with_findings:
        rows["findings"] = pd.array([json.dumps(r.findings, ensure_ascii=False) for r in results],
                                    dtype="string")
    if with_reports:
        rows["report"] = pd.array([json.dumps(r.report.to_dict(), ensure_ascii=False)
                                   if r.report is not None else None for r in results], dtype="string")
    return rows


# --------------------------------------------------------------------------- scale-out

_ERROR_COLUMN, _WARNINGS_COLUMN = "_error", "_warnings"
DETAIL_COLUMNS = ("findings", "report")


@dataclass(frozen=True)
class ReviewerSpec:
    """How to build the reviewer in another process: the model name, the config file and the
    checks switched off. Picklable; `build()` loads the models (once per process: cached)."""

    model: str = "default"
    config: str | None = None
    disabled: tuple[str, ...] = ()

    def build(self):
        from .reviewer import Reviewer

        reviewer = Reviewer.load(model=self.model, config=self.config)
        if self.disabled:
            reviewer = reviewer.with_config(reviewer.config.with_disabled(set(self.disabled)))
        return reviewer


def parse_shard(value: str) -> tuple[int, int]:
    """'2/4' -> (2, 4): the second of four shards (shards count from 1)."""
    try:
        index, count = (int(part) for part in value.split("/"))
    except ValueError:
        raise InputError(f"--shard {value}", "must be i/N, e.g. 1/4 (shards count from 1)") from None
    if count < 1 or not 1 <= index <= count:
        raise InputError(f"--shard {value}", f"must be i/N with 1 <= i <= N, e.g. 1/{max(count, 2)}")
    return index, count


def in_shard(doc_id: str, index: int, count: int) -> bool:
    """Whether document `doc_id` belongs to shard `index` of `count`: a stable hash of the id
    (SHA-1, the same on every machine and run), so the shards split any input the same way."""
    if count == 1:
        return True
    digest = hashlib.sha1(doc_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count == index - 1


def documents_frame(documents: Iterable[Document]) -> pd.DataFrame:
    """Documents as a frame `score_frame` reads (columns id, text, type, team, _error, _warnings)."""
    records = [{"id": d.id, "text": d.text, "type": d.doc_type, "team": d.team,
                _ERROR_COLUMN: d.error, _WARNINGS_COLUMN: "\n".join(d.warnings) or None} for d in documents]
    return pd.DataFrame(records, columns=["id", "text", "type", "team", _ERROR_COLUMN, _WARNINGS_COLUMN],
                        dtype=object)


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def results_from_frame(scored: pd.DataFrame) -> list[DocumentResult]:
    """The results a `score_frame(..., with_findings=True[, with_reports=True])` frame holds."""
    columns = row_columns()
    records = scored[columns].to_dict("records")
    findings = scored["findings"].tolist() if "findings" in scored.columns else [None] * len(scored)
    reports = scored["report"].tolist() if "report" in scored.columns else [None] * len(scored)
    return [DocumentResult({k: _plain(v) for k, v in record.items()},
                           json.loads(found) if _plain(found) is not None else [],
                           report_json=_plain(report))
            for record, found, report in zip(records, findings, reports)]


def score_chunks(chunks: Iterable[pd.DataFrame], spec: ReviewerSpec, workers: int = 1,
                 with_reports: bool = False, reviewer=None) -> Iterator[pd.DataFrame]:
    """Score frames of documents (`documents_frame`) in order, in this process or in `workers`
    processes that each load the models once (a pool initializer); a few chunks are in flight
    per worker, so memory stays bounded however many documents there are."""
    options = {"type_column": "type", "team_column": "team", "with_findings": True,
               "with_reports": with_reports}
    if workers <= 1:
        reviewer = reviewer if reviewer is not None else spec.build()
        for chunk in chunks:
            yield score_frame(chunk, reviewer, **options)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn: a fresh interpreter per worker, safe whatever this process has loaded (torch, threads).
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker,
                             initargs=(spec,)) as pool:
        pending: list = []
        for chunk in chunks:
            pending.append(pool.submit(_score_in_worker, chunk, options))
            if len(pending) >= 3 * workers:
                yield pending.pop(0).result()
        while pending:
            yield pending.pop(0).result()


_WORKER: dict[str, Any] = {}


# Touches what a review loads on first use: the sentence splitter, dateparser, the parser.
_WARM_UP = ("Child protection plan\n\nPlan\nCore groups to continue monthly.\n"
            "- Mum will attend the Freedom Programme every Tuesday from 4 March 2025.\n")


def warm_up(reviewer) -> None:
    """Load what a review otherwise loads on its first document (a worker's first chunk would
    be seconds slower than the rest). Reviews keep no state, so this changes no report."""
    reviewer.review(_WARM_UP, doc_type="cp_plan")


def _init_worker(spec: ReviewerSpec) -> None:
    """Load the models once per worker process; a failure is reported by each task."""
    try:
        _WORKER["reviewer"] = spec.build()
        one_thread()
        warm_up(_WORKER["reviewer"])
    except ReviewerError as exc:  # re-raised in the parent by _score_in_worker
        _WORKER["error"] = ConfigError(str(exc))
    except Exception as exc:  # noqa: BLE001
        _WORKER["error"] = RuntimeError(f"the reviewer could not be loaded in a worker process: "
                                        f"{type(exc).__name__}: {exc}")


def one_thread() -> None:
    """Compute with one thread in this process (BLAS, torch): N worker processes on N cores
    then never fight over them (two BLAS threads per worker on two cores halve throughput)."""
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except ImportError:  # pragma: no cover - scikit-learn brings threadpoolctl
        pass
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(1)


def _score_in_worker(chunk: pd.DataFrame, options: dict[str, Any]) -> pd.DataFrame:
    if "error" in _WORKER:
        raise _WORKER["error"]
    return score_frame(chunk, _WORKER["reviewer"], **options)


def arrow_friendly(frame: pd.DataFrame) -> pd.DataFrame:
    """The same frame with text columns as pandas strings, so that every chunk has one Arrow
    schema (a chunk whose column is all empty would otherwise be typed null)."""
    out = frame.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]) and not pd.api.types.is_bool_dtype(out[column]):
            out[column] = out[column].astype("string")
    return out


# --------------------------------------------------------------------------- resume


def done_ids(out: str | os.PathLike) -> set[str]:
    """Ids of the documents already in an output file (none if it does not exist).

    A .jsonl output whose last line was cut off by a failure is truncated to its last complete
    line, so appending to it is safe. Ids a spreadsheet output neutralised ("'=…") count under
    both spellings.
    """
    out = Path(out)
    if not out.is_file():
        return set()
    if out.suffix.lower() == ".jsonl":
        return _jsonl_ids(out)
    rows, _ = previous_tables(out)
    ids = set(rows["id"].tolist()) if "id" in rows.columns else set()
    return ids | {i[1:] for i in ids if i.startswith("'") and i[1:].startswith(_FORMULA_STARTS)}


def _jsonl_ids(out: Path) -> set[str]:
    ids: set[str] = set()
    good = 0
    with open(out, "rb") as handle:
        for line in handle:
            try:
                record = json.loads(line)
            except ValueError:
                break
            if not line.endswith(b"\n"):
                break
            ids.add(str(record.get("id")))
            good += len(line)
    if good != out.stat().st_size:  # a partial last line: drop it before appending
        with open(out, "r+b") as handle:
            handle.truncate(good)
    return ids


def previous_tables(out: str | os.PathLike) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The document and findings tables of an existing .csv / .xlsx output, as text."""
    out = Path(out)
    if out.suffix.lower() == ".xlsx":
        try:
            sheets = pd.read_excel(out, sheet_name=None, dtype={"id": str}, engine="openpyxl")
        except Exception:  # noqa: BLE001 - not a workbook this tool wrote
            raise InputError(out.name, "cannot be resumed: it is not a readable .xlsx workbook") from None
        rows = sheets.get("documents", pd.DataFrame(columns=row_columns()))
        findings = sheets.get("findings", pd.DataFrame(columns=FINDING_COLUMNS))
        # Numbers stay numbers in the rewritten workbook (counts and scores as integers).
        for frame in (rows, findings):
            for column in frame.columns:
                if column.startswith("n_") or column.endswith(("_rating", "_score")) \
                        or column in ("start", "end", "line"):
                    try:
                        frame[column] = pd.to_numeric(frame[column]).astype("Int64")
                    except (ValueError, TypeError):
                        pass
    else:
        rows = _read_csv(out, out.name)
        extra = findings_path(out)
        findings = _read_csv(extra, extra.name) if extra.is_file() else pd.DataFrame(columns=FINDING_COLUMNS)
    if "id" not in rows.columns:
        raise InputError(out.name, "cannot be resumed: it has no 'id' column")
    return rows, findings


def write_tables(rows: pd.DataFrame, findings: pd.DataFrame, out: str | os.PathLike) -> list[Path]:
    """Write a document table and a findings table to a .csv (plus `<stem>.findings.csv`) or
    .xlsx output, atomically, neutralising spreadsheet formulas; return the paths written."""
    out = check_output_path(out)
    rows, findings = neutralise(rows), neutralise(findings)
    if out.suffix.lower() == ".xlsx":
        _write_xlsx(rows, findings, out)
        return [out]
    extra = findings_path(out)
    with atomic_path(out) as tmp:
        rows.to_csv(tmp, index=False, encoding="utf-8")
    with atomic_path(extra) as tmp:
        findings.to_csv(tmp, index=False, encoding="utf-8")
    return [out, extra]


# --------------------------------------------------------------------------- outputs


def check_output_path(out: str | os.PathLike) -> Path:
    """Refuse an output path of an unsupported type or in a missing folder, before any work."""
    out = Path(out)
    if out.suffix.lower() not in OUTPUT_EXTENSIONS:
        raise InputError(out.name, f"unsupported output type; use one of {', '.join(OUTPUT_EXTENSIONS)}")
    if not out.parent.is_dir():
        raise InputError(str(out), "cannot be written: its folder does not exist")
    if out.is_dir():
        raise InputError(str(out), "is a folder, not a file")
    return out


def findings_path(out: Path) -> Path:
    """Where the findings table of a .csv output goes: `<stem>.findings.csv` beside it."""
    return out.with_name(f"{out.stem}.findings.csv")


def write_outputs(results: Sequence[DocumentResult], out: str | os.PathLike) -> list[Path]:
    """Write the tables to `out` (.csv, .xlsx or .jsonl) atomically; return the paths written."""
    out = check_output_path(out)
    extension = out.suffix.lower()
    if extension == ".jsonl":
        _write_jsonl(results, out)
        return [out]
    return write_tables(rows_frame(results), findings_frame(results), out)


def _write_xlsx(rows: pd.DataFrame, findings: pd.DataFrame, out: Path) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def clean(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.map(lambda v: ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v)

    with atomic_path(out) as tmp:
        with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            clean(rows).to_excel(writer, sheet_name="documents", index=False)
            clean(findings).to_excel(writer, sheet_name="findings", index=False)


def _write_jsonl(results: Sequence[DocumentResult], out: Path) -> None:
    with jsonl_writer(out) as write:
        for result in results:
            write(result)


@contextmanager
def jsonl_writer(out: str | os.PathLike, append: bool = False) -> Iterator[Callable[[DocumentResult], None]]:
    """Stream results to a .jsonl file, one object per document: the row's fields plus
    'report' (the full report dict, or null for an error row). The file appears atomically
    when the block ends without an error; with `append` (resuming) each line goes straight to
    the end of the file and is flushed, so a run that fails keeps what it finished."""
    def writer(handle) -> Callable[[DocumentResult], None]:
        def write(result: DocumentResult) -> None:
            record = {k: _json_value(v) for k, v in result.row.items()}
            if result.report_json is not None:
                line = json.dumps(record, ensure_ascii=False)
                line = line[:-1] + (", " if record else "") + '"report": ' + result.report_json + "}"
            else:
                record["report"] = result.report.to_dict() if result.report is not None else None
                line = json.dumps(record, ensure_ascii=False)
            handle.write(line + "\n")
            if append:
                handle.flush()

        return write

    if append:
        with open(out, "a", encoding="utf-8", newline="\n") as handle:
            yield writer(handle)
        return
    with atomic_path(out) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as handle:
        yield writer(handle)


def _json_value(value: Any) -> Any:
    if value is None or value is pd.NA:
        return None
    return value


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with text cells that a spreadsheet would run as formulas prefixed with "'".

    Cells starting with = + - @ (or tab / carriage return) are neutralised; numbers are left alone.
    """
    def fix(value: Any) -> Any:
        if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
            return "'" + value
        return value

    out = frame.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(fix).astype(object)
    return out


@contextmanager
def atomic_path(target: str | os.PathLike) -> Iterator[Path]:
    """A temporary path beside `target`; on success it replaces `target`, on failure it is removed."""
    target = Path(target)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=target.suffix)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text_atomic(target: str | os.PathLike, text: str) -> None:
    """Write `text` (UTF-8) to `target` atomically."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
