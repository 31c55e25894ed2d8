"""`reviewer batch --engine ray`: the same scoring on a Ray cluster.

Ray Data reads the documents (a Parquet file or folder directly, so a large input never passes
through this process; a folder of documents or a .csv/.xlsx table is read here and handed over),
`map_batches` runs :class:`ScoreBatch` over them — a callable class, so each Ray worker loads the
models once and keeps them for every batch it is given — and the rows stream back to be written
exactly as a local batch writes them. The work in each batch is `reviewer.batch.score_frame`,
the one DataFrame -> DataFrame scoring function the local batch uses too, so the output equals
the single-process output.

Why Ray (not Spark): it installs from the package registry alone (`pip install
'reviewer[ray]'`; Spark also needs a Java runtime on every machine), a local cluster starts in
seconds inside `make test`, and `map_batches` with a callable class is exactly "load the models
once per worker". On a real cluster: install the package (with the `ray` extra) on every node,
start Ray (`ray start --head` on one machine, `ray start --address=HEAD:6379` on the others),
then run the command on any node with `RAY_ADDRESS=auto` (or `HEAD:6379`); `--workers` is then
the number of scoring workers (one CPU each: leave at least one CPU of the cluster for Ray Data's
read tasks). Without RAY_ADDRESS a local cluster is started for the run (`--workers` scoring
workers) and stopped after it.

The Ray path needs an id on every row of a Parquet input (the ids are what `--shard` and
`--resume` go by, and a batch cannot number rows across a whole dataset).
"""
from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from . import batch
from .errors import ConfigError, InputError

BATCH_SIZE = 8  # documents per Ray batch: small, so both workers stay busy on modest inputs


def _ray():
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise ConfigError("--engine ray needs Ray: pip install 'reviewer[ray]' "
                          "(or: pip install 'ray[data]==2.60.0')") from None
    return ray


class ScoreBatch:
    """`map_batches` callable: builds the reviewer once per worker, then scores each batch."""

    def __init__(self, spec: batch.ReviewerSpec, text_column: str = "text", id_column: str | None = "id",
                 type_column: str | None = None, team_column: str | None = None,
                 doc_type: str | None = None, with_reports: bool = False):
        self.reviewer = spec.build()
        batch.one_thread()
        batch.warm_up(self.reviewer)
        self.options = dict(text_column=text_column, id_column=id_column, type_column=type_column,
                            team_column=team_column, doc_type=doc_type, with_findings=True,
                            with_reports=with_reports)

    def __call__(self, frame: pd.DataFrame) -> pd.DataFrame:
        scored = batch.score_frame(frame.reset_index(drop=True), self.reviewer, **self.options)
        return batch.arrow_friendly(scored)


class KeepRows:
    """`map_batches` filter: the rows of one shard whose ids are not already done."""

    def __init__(self, id_column: str, shard: tuple[int, int] | None, done: frozenset[str]):
        self.id_column, self.shard, self.done = id_column, shard, done

    def __call__(self, frame: pd.DataFrame) -> pd.DataFrame:
        ids = frame[self.id_column].map(batch._cell)
        keep = ~ids.isin(self.done)
        if self.shard is not None:
            keep &= ids.map(lambda i: batch.in_shard(i, *self.shard))
        return frame[keep.to_numpy()]


def score_dataset(dataset, spec: batch.ReviewerSpec, workers: int = 2, **options: Any):
    """The scored Ray Dataset: `ScoreBatch` mapped with `workers` actors of one CPU each."""
    return dataset.map_batches(ScoreBatch, fn_constructor_kwargs={"spec": spec, **options},
                               batch_format="pandas", batch_size=BATCH_SIZE, concurrency=workers,
                               num_cpus=1)


def start(workers: int) -> bool:
    """Connect to RAY_ADDRESS, or start a local cluster of `workers` CPUs; True if started here."""
    ray = _ray()
    if ray.is_initialized():
        return False
    address = os.environ.get("RAY_ADDRESS") or None
    options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                               "configure_logging": False}
    if address is None:
        # One CPU slot more than the scoring workers: Ray Data's read tasks need one too, or the
        # workers holding every CPU wait for input that is never read.
        options.update(num_cpus=workers + 1, object_store_memory=256 * 1024 * 1024)
    ray.init(address=address, **options)
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True  # rows come back in input order
    ctx.enable_progress_bars = False
    return True


def run_ray(args: argparse.Namespace, source: Path, out: Path, spec: batch.ReviewerSpec,
            shard: tuple[int, int] | None, done: set[str]) -> int:
    """`reviewer batch --engine ray`: score on Ray, write the outputs here. Exit code 0."""
    from .cli import batch_documents, pd_concat

    ray = _ray()
    jsonl = out.suffix.lower() == ".jsonl"
    parquet = source.suffix.lower() == ".parquet" or (source.is_dir() and any(source.glob("*.parquet")))
    id_column = args.id_column or "id"
    schema, n_rows = _check_parquet(source, args, id_column) if parquet else (set(), 0)
    started = start(args.workers)
    try:
        if parquet:
            dataset = _spread(ray.data.read_parquet(str(source)), n_rows, args.workers)
            if shard is not None or done:
                dataset = dataset.map_batches(KeepRows, fn_constructor_kwargs={
                    "id_column": id_column, "shard": shard, "done": frozenset(done)}, batch_format="pandas",
                    concurrency=1, num_cpus=0)
            options = dict(text_column=args.text_column, id_column=id_column,
                           type_column=args.type_column or ("type" if "type" in schema else None),
                           team_column=args.team_column or ("team" if "team" in schema else None),
                           doc_type=args.doc_type)
            skipped = None
        else:
            documents, _, skipped = batch_documents(args, source, shard, done)
            frame = batch.documents_frame(documents)
            if not len(frame):
                dataset = None
            else:
                dataset = _spread(ray.data.from_pandas(frame), len(frame), args.workers)
            options = dict(type_column="type", team_column="team")
        statuses: list[str] = []
        frames = [] if dataset is None else \
            score_dataset(dataset, spec, args.workers, with_reports=jsonl, **options).iter_batches(
                batch_format="pandas", batch_size=None)
        if jsonl:
            with batch.jsonl_writer(out, append=args.resume) as write:
                for frame in frames:
                    for result in batch.results_from_frame(frame):
                        write(result)
                        statuses.append(result.row["status"])
            written = [out]
        else:
            rows, findings = [], []
            for frame in frames:
                results = batch.results_from_frame(frame)
                rows.append(batch.rows_frame(results))
                findings.append(batch.findings_frame(results))
                statuses.extend(r.row["status"] for r in results)
            table = pd_concat(rows) if rows else batch.rows_frame([])
            found = pd_concat(findings) if findings else batch.findings_frame([])
            if args.resume and out.exists():
                before, found_before = batch.previous_tables(out)
                table, found = pd_concat([before, table]), pd_concat([found_before, found])
            written = batch.write_tables(table, found, out)
    finally:
        if started:
            ray.shutdown()
    if not args.quiet:
        errors = statuses.count("error")
        extra = f" ({skipped} already in {out.name})" if skipped else ""
        print(f"reviewed {len(statuses)} document(s) on Ray: {len(statuses) - errors} ok, {errors} error(s)"
              f"{extra}; wrote {', '.join(map(str, written))}", file=sys.stderr)
    return 0


def _spread(dataset, rows: int, workers: int):
    """The dataset in enough blocks for every worker to get some (one small file is one block)."""
    return dataset.repartition(max(1, min(math.ceil(rows / BATCH_SIZE), 64 * workers)))


def _check_parquet(source: Path, args: argparse.Namespace, id_column: str) -> tuple[set[str], int]:
    """The columns and row count of a Parquet input, after checking the columns named and that
    every row has an id."""
    import pyarrow.compute as pc
    import pyarrow.dataset as pads

    try:
        table = pads.dataset(str(source), format="parquet")
        names = set(table.schema.names)
    except (OSError, ValueError) as exc:
        raise InputError(source.name, f"is not a readable Parquet input ({type(exc).__name__})") from None
    needed = [c for c in (args.text_column, id_column, args.type_column, args.team_column) if c]
    missing = [c for c in needed if c not in names]
    if missing:
        raise InputError(source.name, f"has no column {', '.join(map(repr, missing))}; "
                                      f"its columns are: {', '.join(sorted(names))}")
    ids = table.to_table(columns=[id_column]).column(id_column).cast("string")
    blank = pc.sum(pc.or_kleene(pc.is_null(ids), pc.equal(pc.utf8_trim_whitespace(ids), ""))).as_py() or 0
    if blank:
        raise InputError(source.name, f"has {blank} row(s) without an id in column {id_column!r}; "
                                      "--engine ray needs an id on every row")
    return names, len(ids)
