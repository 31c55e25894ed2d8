"""The command line: review documents one by one, or a whole folder or table at once.

    reviewer review FILE... [--type T] [--format text|json|html] [--out PATH]
                            [--config TOML] [--disable CHECK_ID ...] [--model NAME]
    reviewer batch INPUT --out OUT.(csv|xlsx|jsonl) [--text-column text] [--id-column id]
                            [--type-column type] [--team-column team] [--type T] [--config TOML]
                            [--disable CHECK_ID ...] [--model NAME] [--quiet]
                            [--workers N] [--shard I/N] [--resume] [--engine ray]
    reviewer checks         list the check ids that --disable and the config accept
    reviewer redact FILE [--out PATH] [--format text|json]
                            replace names, dates of birth, addresses, postcodes, phone numbers,
                            e-mails, NHS / NI numbers and schools with placeholders ([CHILD 1])

`review --format text` reads like a linter, one finding a line:

    examples/cp_plan.txt:27: error plan.action.no_owner This action does not say who is responsible.
    examples/cp_plan.txt: warning history.thin The family's history is thin: ...

A finding about the whole document has no line number (`FILE: severity check message`). Each
file's findings follow a `== FILE: doc_type (confidence 0.99) ==` header; plans then list their
ACTIONS and every document its DIMENSIONS. `--format json` prints `Report.to_dict()` (a list
when several files are given); `--format html` writes one standalone page per file (to stdout
for one file, or into the `--out` folder for several).

Exit codes. review: 0 no error-level finding, 1 some error-level finding, 2 a usage, config or
input error (the other files are still reviewed). batch: 0 the tables were written (documents
that could not be read are error rows in them), 2 a usage, config or input error. Errors are
printed as `reviewer: <message>` on stderr, without a traceback.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__
from .errors import ConfigError, InputError, ReviewerError
from .report import DOC_TYPES, SEVERITIES, ActionResult, Finding, Report

FORMATS = ("text", "json", "html")
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


# --------------------------------------------------------------------------- entry point


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv` (default: sys.argv[1:]) and return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help (0) and usage errors (2)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return _COMMANDS[args.command](args)
    except ReviewerError as exc:
        _error(str(exc))
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        _silence_stdout()
        return EXIT_FINDINGS
    except OSError as exc:
        _error(f"{exc.filename or 'output'}: could not be written ({exc.strerror or 'input/output error'})")
    except KeyboardInterrupt:
        _error("interrupted")
    except Exception as exc:  # noqa: BLE001 - never a traceback: its message could quote a document
        _error(f"internal error ({type(exc).__name__})")
    return EXIT_USAGE


def build_parser() -> argparse.ArgumentParser:
    """The argparse parser for all subcommands."""
    parser = argparse.ArgumentParser(
        prog="reviewer",
        description="Review children's social care assessments and CP / CIN plans, offline.",
        epilog="Run 'reviewer COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"reviewer {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_review_parser(sub)
    _add_batch_parser(sub)
    _add_redact_parser(sub)
    sub.add_parser("checks", help="list the check ids (for --disable and the config file)",
                   description="List every check: id, default severity, dimension and message.")
    return parser


def _add_review_parser(sub) -> None:
    review = sub.add_parser(
        "review", help="review documents and print the findings",
        description="Review documents (.txt, .md, .docx, .pdf) and print findings like a linter.",
        epilog="Exit codes: 0 no error-level finding, 1 some error-level finding, "
               "2 usage, config or input error. Whole-document findings print without a line number.")
    review.add_argument("files", nargs="+", metavar="FILE", help="documents to review")
    review.add_argument("--type", dest="doc_type", choices=DOC_TYPES,
                        help="document type (default: detect it)")
    review.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    review.add_argument("--out", metavar="PATH",
                        help="write to PATH instead of stdout (html with several files: a folder)")
    _add_reviewer_options(review)


def _add_batch_parser(sub) -> None:
    batch = sub.add_parser(
        "batch", help="review a folder or a .csv/.xlsx table into a results table",
        description="Review every document in a folder (recursively) or every row of a .csv/.xlsx "
                    "table, and write one row per document plus a findings table.",
        epilog="OUT.csv also writes OUT.findings.csv; OUT.xlsx has sheets 'documents' and "
               "'findings'; OUT.jsonl has one object per document with its full report. "
               "Exit codes: 0 written, 2 usage, config or input error.")
    batch.add_argument("input", metavar="INPUT",
                       help="a folder of documents, or a .csv / .xlsx / .parquet table")
    batch.add_argument("--out", required=True, metavar="OUT", help="results file: .csv, .xlsx or .jsonl")
    batch.add_argument("--text-column", default="text", metavar="NAME",
                       help="table column holding the text (default: text)")
    batch.add_argument("--id-column", metavar="NAME", help="column of document ids (default: id, if present)")
    batch.add_argument("--type-column", metavar="NAME",
                       help="column of document types (default: type, if present)")
    batch.add_argument("--team-column", metavar="NAME", help="column of team names (default: team, if present)")
    batch.add_argument("--type", dest="doc_type", choices=DOC_TYPES,
                       help="document type for rows without one (default: detect it)")
    batch.add_argument("--quiet", "-q", action="store_true", help="no progress bar or summary")
    batch.add_argument("--workers", type=int, default=1, metavar="N",
                       help="review in N processes, each loading the models once (default: 1)")
    batch.add_argument("--shard", metavar="I/N",
                       help="review only shard I of N (1..N), chosen by a stable hash of each document id, "
                            "so N machines can split one input")
    batch.add_argument("--resume", action="store_true",
                       help="skip the documents already in OUT and add the rest: a .jsonl grows line by "
                            "line as documents finish (so a failed run keeps them); a .csv/.xlsx is "
                            "rewritten with its earlier rows")
    batch.add_argument("--engine", choices=("ray",),
                       help="run on a Ray cluster (RAY_ADDRESS, else a local one with --workers "
                            "workers); needs `pip install 'reviewer[ray]'`. INPUT may also be a "
                            "Parquet file or folder with an id column")
    _add_reviewer_options(batch)


def _add_reviewer_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", metavar="TOML", help="configuration file (checks, severities, vocabulary)")
    parser.add_argument("--disable", nargs="+", action="extend", default=[], metavar="CHECK_ID",
                        help="switch checks off by id (see 'reviewer checks'); commas also separate ids")
    parser.add_argument("--model", default="default", metavar="NAME", help="sentence model (default: default)")


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _error(message: str) -> None:
    print(f"reviewer: {message}", file=sys.stderr)


def build_reviewer(args: argparse.Namespace):
    """One Reviewer for the whole run, with --model, --config and --disable applied."""
    from .checks import catalogue
    from .reviewer import Reviewer

    reviewer = Reviewer.load(model=args.model, config=args.config)
    disabled = {part.strip() for item in args.disable for part in item.split(",") if part.strip()}
    if disabled:
        unknown = sorted(disabled - set(catalogue()))
        if unknown:
            hint = " (put FILE arguments before --disable)" if any(Path(u).exists() for u in unknown) else ""
            raise ConfigError(f"--disable: unknown check id(s) {unknown}; "
                              f"run 'reviewer checks' to list them{hint}")
        reviewer = reviewer.with_config(reviewer.config.with_disabled(disabled))
    return reviewer


# --------------------------------------------------------------------------- review


def _cmd_review(args: argparse.Namespace) -> int:
    html_target = _html_target(args.files, args.out) if args.format == "html" else None
    reviewer = build_reviewer(args)
    reports: list[tuple[str, Report]] = []
    failed = 0
    emit = _Emitter(None if html_target is not None else args.out)
    for name in args.files:
        try:
            report = reviewer.review_file(name, doc_type=args.doc_type)
        except InputError as exc:
            _error(f"{name}: {exc.problem}")
            failed += 1
            continue
        except Exception as exc:  # noqa: BLE001 - a bug must not print a traceback quoting the text
            _error(f"{name}: internal error ({type(exc).__name__})")
            failed += 1
            continue
        reports.append((name, report))
        if args.format == "text":
            emit(format_text(name, report))
    if args.format == "text":
        emit(_summary(reports, failed))
    elif args.format == "json":
        data = [r.to_dict() for _, r in reports]
        if len(args.files) > 1 or data:  # one file that failed: nothing on stdout
            emit(json.dumps(data if len(args.files) > 1 else data[0], ensure_ascii=False, indent=2) + "\n")
    else:
        _write_html(reports, html_target, emit)
    emit.close()
    if failed:
        return EXIT_USAGE
    return EXIT_FINDINGS if any(r.worst_severity() == "error" for _, r in reports) else EXIT_OK


class _Emitter:
    """Writes output as it comes to stdout, or collects it for one atomic write to --out."""

    def __init__(self, out: str | None):
        self.out = out
        self.parts: list[str] = []

    def __call__(self, text: str) -> None:
        if self.out is None:
            sys.stdout.write(text)
        else:
            self.parts.append(text)

    def close(self) -> None:
        if self.out is not None and self.parts:
            from .batch import write_text_atomic

            write_text_atomic(self.out, "".join(self.parts))


def format_text(name: str, report: Report) -> str:
    """One file's findings, linter-style, then its actions (plans) and dimensions."""
    lines = [f"== {name}: {report.doc_type} (confidence {report.doc_type_confidence:.2f}) =="]
    lines += [f"{name}: note {warning}" for warning in report.warnings]
    lines += [format_finding(name, report, f) for f in report.findings]
    if report.doc_type != "assessment":
        lines.append(f"ACTIONS ({len(report.actions)})")
        lines += [format_action(i, a) for i, a in enumerate(report.actions, 1)]
    lines.append("DIMENSIONS")
    lines += [f"  {n} {d.rating}/3 ({d.score}/100) {d.summary}" for n, d in report.dimensions.items()]
    return "\n".join(lines) + "\n\n"


def format_finding(name: str, report: Report, finding: Finding) -> str:
    """`FILE:LINE: severity check message`, or `FILE: severity check message` for the whole document."""
    line = report.line_of(finding.start)
    where = f"{name}:{line}:" if line is not None else f"{name}:"
    return f"{where} {finding.severity} {finding.check} {finding.message}"


def format_action(number: int, action: ActionResult) -> str:
    """`  [n] owner=... | timescale=... | specific=yes/no | task`; gaps say 'none (why)'."""
    from .html import describe_owner, describe_timescale

    owner = action.owner if action.owner is not None else f"none ({describe_owner(action) or 'missing'})"
    timescale = action.timescale
    if timescale is None:
        vague = describe_timescale(action)
        timescale = f"none ({vague})" if vague else "none"
    task = re.sub(r"\s+", " ", action.task).strip()
    specific = "yes" if action.specific else "no"
    return f"  [{number}] owner={_one_line(owner)} | timescale={_one_line(timescale)} | specific={specific} | {task}"


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _summary(reports: list[tuple[str, Report]], failed: int) -> str:
    counts = dict.fromkeys(reversed(SEVERITIES), 0)
    for _, report in reports:
        for finding in report.findings:
            counts[finding.severity] += 1
    found = ", ".join(f"{n} {severity}(s)" for severity, n in counts.items())
    tail = f"; {failed} file(s) could not be reviewed" if failed else ""
    return f"{len(reports)} file(s) reviewed: {found}{tail}\n"


def _html_target(files: list[str], out: str | None) -> Path | None:
    """The folder html pages go to (None: the one page goes to stdout or to the --out file)."""
    if out is None:
        if len(files) > 1:
            raise ConfigError("--format html with several files needs --out FOLDER")
        return None
    path = Path(out)
    if len(files) > 1 or path.is_dir():
        if path.exists() and not path.is_dir():
            raise ConfigError(f"--out {out}: with several files --out must be a folder")
        return path
    return None


def _write_html(reports: list[tuple[str, Report]], folder: Path | None, emit: _Emitter) -> None:
    from .batch import write_text_atomic
    from .html import render_html

    if folder is None:
        for name, report in reports:
            emit(render_html(report, title=name))
        return
    folder.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    for name, report in reports:
        target = folder / _unique_name(Path(name).stem or "document", used)
        write_text_atomic(target, render_html(report, title=name))
        print(f"wrote {target}", file=sys.stderr)


def _unique_name(stem: str, used: set[str]) -> str:
    name, n = f"{stem}.html", 2
    while name in used:
        name, n = f"{stem}-{n}.html", n + 1
    used.add(name)
    return name


# --------------------------------------------------------------------------- batch


def _cmd_batch(args: argparse.Namespace) -> int:
    from . import batch

    out = batch.check_output_path(args.out)
    source = Path(args.input)
    if not source.exists():
        raise InputError(args.input, "not found")
    if source.resolve() == out.resolve():
        raise InputError(args.out, "is the input; choose another output file")
    if args.workers < 1:
        raise ConfigError(f"--workers {args.workers}: must be at least 1")
    shard = batch.parse_shard(args.shard) if args.shard else None
    spec = reviewer_spec(args)
    batch.remove_stale_temporaries(out)  # a killed earlier run's partial file, with document text
    done = batch.done_ids(out) if args.resume else set()
    if args.engine == "ray":
        from .engine import run_ray

        return run_ray(args, source, out, spec, shard, done)
    documents, total, skipped = batch_documents(args, source, shard, done)
    jsonl = out.suffix.lower() == ".jsonl"
    # One reviewer in this process when it works alone (loaded now: a bad model fails early).
    reviewer = spec.build() if args.workers == 1 else None
    chunks = _frames(documents, 4 if args.workers > 1 else 16)
    scored = batch.score_chunks(chunks, spec, workers=args.workers, with_reports=jsonl, reviewer=reviewer)
    statuses: list[str] = []
    from tqdm import tqdm

    with tqdm(total=total, disable=args.quiet, file=sys.stderr, unit="doc", desc="reviewing") as bar:
        if jsonl:  # streamed: reports are not kept in memory
            with batch.jsonl_writer(out, append=args.resume) as write:
                for frame in scored:
                    for result in batch.results_from_frame(frame):
                        write(result)
                        statuses.append(result.row["status"])
                    bar.update(len(frame))
            written = [out]
        else:
            rows, findings = [], []
            for frame in scored:
                results = batch.results_from_frame(frame)
                rows.append(batch.rows_frame(results))
                findings.append(batch.findings_frame(results))
                statuses.extend(r.row["status"] for r in results)
                bar.update(len(frame))
            table = batch.rows_frame([]) if not rows else pd_concat(rows)
            found = batch.findings_frame([]) if not findings else pd_concat(findings)
            if args.resume and out.exists():
                before, found_before = batch.previous_tables(out)
                table, found = pd_concat([before, table]), pd_concat([found_before, found])
            written = batch.write_tables(table, found, out)
    if not args.quiet:
        errors = statuses.count("error")
        extra = f" ({skipped} already in {out.name})" if skipped else ""
        print(f"reviewed {len(statuses)} document(s): {len(statuses) - errors} ok, {errors} error(s){extra}; "
              f"wrote {', '.join(map(str, written))}", file=sys.stderr)
    return EXIT_OK


def pd_concat(frames):
    import pandas as pd

    frames = [f for f in frames if len(f)] or frames[:1]
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0].reset_index(drop=True)


def _frames(documents, size: int):
    """Documents in frames of `size` (the chunks the scoring function reads)."""
    from .batch import documents_frame

    chunk = []
    for document in documents:
        chunk.append(document)
        if len(chunk) == size:
            yield documents_frame(chunk)
            chunk = []
    if chunk:
        yield documents_frame(chunk)


def reviewer_spec(args: argparse.Namespace):
    """How to build the reviewer (--model, --config, --disable), checked without loading models."""
    from .batch import ReviewerSpec
    from .checks import catalogue
    from .config import ReviewerConfig

    if args.config:
        ReviewerConfig.from_file(args.config, known_checks=set(catalogue()))
    disabled = {part.strip() for item in args.disable for part in item.split(",") if part.strip()}
    unknown = sorted(disabled - set(catalogue()))
    if unknown:
        raise ConfigError(f"--disable: unknown check id(s) {unknown}; run 'reviewer checks' to list them")
    return ReviewerSpec(args.model, str(Path(args.config).resolve()) if args.config else None,
                        tuple(sorted(disabled)))


def batch_documents(args: argparse.Namespace, source: Path, shard: tuple[int, int] | None = None,
                    done: set[str] | frozenset[str] = frozenset()):
    """(documents, how many, how many skipped as already done) from a folder or a table, per
    the column options, keeping only `shard` and leaving out the ids in `done`."""
    from . import batch

    def wanted(doc_id: str) -> bool:
        return (shard is None or batch.in_shard(doc_id, *shard)) and doc_id not in done

    if source.is_dir():
        paths = list(batch.iter_folder(source))
        if not paths:
            raise InputError(args.input, "contains no supported documents")
        ids = [p.relative_to(source).as_posix() for p in paths]
        keep = [p for p, i in zip(paths, ids) if wanted(i)]
        skipped = sum(1 for i in ids if i in done and (shard is None or batch.in_shard(i, *shard)))
        return batch.folder_documents(source, keep, doc_type=args.doc_type), len(keep), skipped
    frame, type_column, team_column = read_batch_table(args, source)
    documents = list(batch.table_documents(frame, args.text_column, args.id_column or "id", type_column,
                                           team_column, doc_type=args.doc_type))
    keep = [d for d in documents if wanted(d.id)]
    skipped = sum(1 for d in documents if d.id in done and (shard is None or batch.in_shard(d.id, *shard)))
    return keep, len(keep), skipped


def read_batch_table(args: argparse.Namespace, source: Path):
    """(frame, type column, team column) of a .csv / .xlsx / .parquet input table."""
    from . import batch

    extension = source.suffix.lower()
    explicit = [c for c in (args.id_column, args.type_column, args.team_column) if c]
    if extension == ".parquet" or source.is_dir():
        frame = _read_parquet(source)
        batch._require_columns(frame, [args.text_column, *explicit], source.name)
    elif extension in batch.TABLE_EXTENSIONS:
        frame = batch.read_table(source, args.text_column, required=explicit)
    else:
        raise InputError(source.name, "is not a folder or a .csv / .xlsx / .parquet table")
    columns = set(frame.columns)
    type_column = args.type_column or ("type" if "type" in columns else None)
    team_column = args.team_column or ("team" if "team" in columns else None)
    return frame, type_column, team_column


def _read_parquet(source: Path):
    import pandas as pd

    try:
        return pd.read_parquet(source)
    except (OSError, ValueError) as exc:
        raise InputError(source.name, f"is not a readable Parquet file ({type(exc).__name__})") from None


# --------------------------------------------------------------------------- redact


def _add_redact_parser(sub) -> None:
    redact = sub.add_parser(
        "redact", help="replace personal information in a document with placeholders",
        description="Replace names, dates of birth, addresses, postcodes, phone numbers, e-mail "
                    "addresses, NHS and National Insurance numbers and school names with typed "
                    "placeholders ([CHILD 1], [PARENT 1], [PERSON 2], [POSTCODE 1]...), the same "
                    "placeholder for every mention of the same person or value.",
        epilog="Redaction catches most identifiers, not all: read the result before sharing it "
               "(see SECURITY.md). Exit codes: 0 written, 2 usage or input error.")
    redact.add_argument("file", metavar="FILE", help="document to redact (.txt, .md, .docx, .pdf)")
    redact.add_argument("--out", metavar="PATH", help="write to PATH instead of stdout")
    redact.add_argument("--format", choices=("text", "json"), default="text",
                        help="text: the redacted text; json: the text and its spans (default: text)")


def _cmd_redact(args: argparse.Namespace) -> int:
    from .readers import read_file
    from .redact import redact

    try:
        read = read_file(args.file)
    except InputError as exc:  # named as the user typed it, like `review`
        _error(f"{args.file}: {exc.problem}")
        return EXIT_USAGE
    result = redact(read.text)
    for warning in read.warnings:
        _error(f"{args.file}: note {warning}")
    if args.format == "json":
        data = {"source": read.source, **result.to_dict()}
        output = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        output = result.text if result.text.endswith("\n") else result.text + "\n"
    emit = _Emitter(args.out)
    emit(output)
    emit.close()
    counts = ", ".join(f"{n} {kind}" for kind, n in result.counts().items()) or "nothing found"
    print(f"{args.file}: redacted {len(result.spans)} span(s) ({counts})", file=sys.stderr)
    return EXIT_OK


# --------------------------------------------------------------------------- checks


def _cmd_checks(args: argparse.Namespace) -> int:
    from .checks import catalogue

    for check in catalogue().values():
        print(f"{check.id:<28} {check.severity:<10} {check.dimension or '-':<15} {check.message}")
    return EXIT_OK


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "review": _cmd_review,
    "batch": _cmd_batch,
    "checks": _cmd_checks,
    "redact": _cmd_redact,
}
