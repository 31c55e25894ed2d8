"""`reviewer batch --engine ray` on a local Ray cluster of 2 workers over a Parquet input: the
output equals the single-process output. Skipped when the `ray` extra is not installed."""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

ray = pytest.importorskip("ray", reason="the Ray engine is optional: pip install 'reviewer[ray]' (make test installs it)")
pytest.importorskip("ray.data", reason="Ray Data is missing: pip install 'ray[data]==2.60.0'")

from reviewer import batch, cli, engine  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import make_inputs  # noqa: E402


@pytest.fixture(scope="module")
def parquet(tmp_path_factory) -> Path:
    """24 documents: the examples, golden inputs and generated benchmark documents, one empty."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests/golden/cases").glob("*/input.txt"))]
    texts += [d["text"] for d in make_inputs.batch(17)]
    texts.append("  ")
    frame = pd.DataFrame({"case_id": [f"case-{i:02d}" for i in range(len(texts))], "body": texts,
                          "type": ["cp_plan" if i == 1 else None for i in range(len(texts))]})
    path = tmp_path_factory.mktemp("engine") / "cases.parquet"
    frame.to_parquet(path, index=False)
    return path


def _batch(*argv) -> int:
    return cli.main(["batch", *map(str, argv), "--text-column", "body", "--id-column", "case_id", "-q"])


def test_ray_output_equals_the_single_process_output(parquet, tmp_path):
    local, on_ray = tmp_path / "local.jsonl", tmp_path / "ray.jsonl"
    assert _batch(parquet, "--out", local) == 0
    assert _batch(parquet, "--out", on_ray, "--engine", "ray", "--workers", "2") == 0
    assert not ray.is_initialized()  # the local cluster started for the run is stopped
    assert on_ray.read_bytes() == local.read_bytes()
    records = on_ray.read_text(encoding="utf-8").splitlines()
    assert len(records) == 24


def test_score_batch_is_score_frame(parquet, reviewer):
    """The callable class Ray maps, run here: the same rows as the pure function."""
    frame = pd.read_parquet(parquet).iloc[:4]
    options = dict(text_column="body", id_column="case_id", type_column="type")
    scored = engine.ScoreBatch(batch.ReviewerSpec(), **options)(frame)
    expected = batch.arrow_friendly(batch.score_frame(frame, reviewer, with_findings=True, **options))
    pd.testing.assert_frame_equal(scored, expected)


def test_keep_rows_filters_shard_and_done():
    frame = pd.DataFrame({"id": [f"c{i}" for i in range(40)], "text": ["x"] * 40})
    keep = engine.KeepRows("id", (2, 3), frozenset({"c1", "c2"}))(frame)
    assert set(keep["id"]) == {i for i in frame["id"] if batch.in_shard(i, 2, 3)} - {"c1", "c2"}


def test_parquet_rows_need_ids(tmp_path, capsys):
    path = tmp_path / "noid.parquet"
    pd.DataFrame({"case_id": ["a", None], "body": ["Mum will attend.", "Dad will attend."]}).to_parquet(path)
    assert _batch(path, "--out", tmp_path / "o.jsonl", "--engine", "ray") == 2
    assert "1 row(s) without an id" in capsys.readouterr().err
