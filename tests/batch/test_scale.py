"""Scale-out of `reviewer batch`: the DataFrame scoring function, --workers, --shard and --resume."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from reviewer import batch, cli
from reviewer.errors import ConfigError, InputError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
GOLDEN = ROOT / "tests" / "golden" / "cases"


def run(capsys, *argv) -> tuple[int, str]:
    code = cli.main([str(a) for a in argv])
    return code, capsys.readouterr().err


@pytest.fixture(scope="module")
def table(tmp_path_factory) -> Path:
    """Twelve documents in a CSV: the examples and golden inputs, an empty row, a formula id."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(GOLDEN.glob("*/input.txt"))]
    rows = [{"id": f"doc-{i}", "text": t, "type": ""} for i, t in enumerate(texts * 2)]
    rows[3]["id"] = "=HYPERLINK(\"x\")"
    rows[4]["type"] = "cp_plan"
    rows.append({"id": "blank", "text": "   ", "type": ""})
    path = tmp_path_factory.mktemp("scale") / "cases.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def reference(table, tmp_path_factory) -> dict[str, Path]:
    """The single-process outputs every other run must equal."""
    folder = tmp_path_factory.mktemp("reference")
    out = {ext: folder / f"ref.{ext}" for ext in ("jsonl", "csv", "xlsx")}
    for path in out.values():
        assert cli.main(["batch", str(table), "--out", str(path), "-q"]) == 0
    return out


def test_score_frame_details_carry_findings_and_reports(reviewer):
    df = pd.DataFrame({"id": ["a", "b"], "text": [(EXAMPLES / "cp_plan.txt").read_text(encoding="utf-8"), " "]})
    scored = batch.score_frame(df, reviewer, with_findings=True, with_reports=True)
    assert list(scored.columns) == batch.row_columns() + list(batch.DETAIL_COLUMNS)
    results = batch.results_from_frame(scored)
    report = reviewer.review(df.loc[0, "text"], source="a")
    assert [f["check"] for f in results[0].findings] == [f.check for f in report.findings]
    assert json.loads(results[0].report_json) == report.to_dict()
    assert results[1].row["status"] == "error" and results[1].report_json is None
    # the plain call is unchanged: the row columns only
    assert list(batch.score_frame(df, reviewer).columns) == batch.row_columns()


def test_scoring_is_the_same_however_the_documents_are_split(reviewer):
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    df = pd.DataFrame({"id": ["x", "y", "z"], "text": texts})
    whole = batch.score_frame(df, reviewer, with_findings=True)
    parts = pd.concat([batch.score_frame(df.iloc[[i]], reviewer, with_findings=True) for i in range(3)])
    pd.testing.assert_frame_equal(whole, parts)


def test_documents_frame_keeps_reading_errors_and_warnings(reviewer):
    docs = [batch.Document(id="ok", text="Mum will attend the group every Tuesday.", warnings=("w1", "w2")),
            batch.Document(id="bad.docx", error="bad.docx: is not a valid Word document")]
    frame = batch.documents_frame(docs)
    back = list(batch.table_documents(frame, type_column="type", team_column="team"))
    assert back[0] == docs[0]
    assert (back[1].id, back[1].error, back[1].warnings) == (docs[1].id, docs[1].error, ())
    rows = batch.score_frame(frame, reviewer, type_column="type", team_column="team")
    assert list(rows["status"]) == ["ok", "error"]
    assert rows.loc[0, "warnings"].startswith("w1; w2")


def test_shards_partition_the_ids_stably():
    ids = [f"case-{i}" for i in range(500)] + ["nested/plan.docx", "=x", "ünïcode"]
    shards = [{i for i in ids if batch.in_shard(i, k, 3)} for k in (1, 2, 3)]
    assert set().union(*shards) == set(ids)
    assert sum(len(s) for s in shards) == len(ids)
    assert all(120 < len(s) < 220 for s in shards)  # a hash, not a range: roughly even
    assert batch.in_shard("case-7", 1, 1)
    # stable: the same answer on every machine and run (SHA-1 of the id)
    assert [batch.in_shard("case-7", k, 4) for k in (1, 2, 3, 4)].count(True) == 1
    assert batch.parse_shard("2/4") == (2, 4)
    for bad in ("0/4", "5/4", "x", "1/0", "1-2"):
        with pytest.raises(InputError, match="--shard"):
            batch.parse_shard(bad)


def test_workers_give_the_single_process_output(capsys, table, reference, tmp_path):
    for ext in ("jsonl", "csv"):
        out = tmp_path / f"two.{ext}"
        code, err = run(capsys, "batch", table, "--out", out, "--workers", "2", "-q")
        assert code == 0, err
        assert out.read_bytes() == reference[ext].read_bytes()
    assert (tmp_path / "two.findings.csv").read_bytes() == \
        batch.findings_path(reference["csv"]).read_bytes()


def test_shards_together_give_every_document_once(capsys, table, reference, tmp_path):
    lines = []
    for k in (1, 2, 3):
        out = tmp_path / f"shard{k}.jsonl"
        code, err = run(capsys, "batch", table, "--out", out, "--shard", f"{k}/3", "-q")
        assert code == 0, err
        lines += out.read_text(encoding="utf-8").splitlines()
    assert sorted(lines) == sorted(reference["jsonl"].read_text(encoding="utf-8").splitlines())


def test_resume_jsonl_after_a_failure_repeats_only_what_is_missing(capsys, table, reference, tmp_path):
    full = reference["jsonl"].read_bytes()
    out = tmp_path / "part.jsonl"
    cut = full.index(b"\n", full.index(b"\n", len(full) // 3) + 1) + 1
    out.write_bytes(full[:cut] + full[cut:cut + 200])  # three-ish documents and a line cut short
    assert batch.done_ids(out) == {json.loads(line)["id"] for line in full[:cut].splitlines()}
    assert out.read_bytes() == full[:cut]  # the cut line is dropped before appending
    code, err = run(capsys, "batch", table, "--out", out, "--resume")
    assert code == 0, err
    done = len(full[:cut].splitlines())
    assert f"({done} already in part.jsonl)" in err
    assert out.read_bytes() == full
    code, err = run(capsys, "batch", table, "--out", out, "--resume")  # nothing left to do
    assert code == 0 and "reviewed 0 document(s)" in err and out.read_bytes() == full


def test_resume_csv_and_xlsx_rewrite_with_the_earlier_rows(capsys, table, reference, tmp_path):
    import openpyxl

    rows = pd.read_csv(reference["csv"], dtype=str, keep_default_na=False)
    findings = pd.read_csv(batch.findings_path(reference["csv"]), dtype=str, keep_default_na=False)
    first = rows.iloc[:5]
    out = tmp_path / "part.csv"
    first.to_csv(out, index=False)
    findings[findings["id"].isin(set(first["id"]))].to_csv(batch.findings_path(out), index=False)
    # the formula id was written neutralised ("'=…"): it still counts as done
    assert "=HYPERLINK(\"x\")" in batch.done_ids(out)
    code, err = run(capsys, "batch", table, "--out", out, "--resume")
    assert code == 0, err
    assert "(5 already in part.csv)" in err
    assert out.read_bytes() == reference["csv"].read_bytes()
    assert batch.findings_path(out).read_bytes() == batch.findings_path(reference["csv"]).read_bytes()

    book = openpyxl.load_workbook(reference["xlsx"])
    for sheet, keep in (("documents", 6), ("findings", None)):
        ws = book[sheet]
        ids = {r[0] for r in list(book["documents"].iter_rows(values_only=True))[1:6]}
        for row in range(ws.max_row, 1, -1):
            if (keep and row > keep) or (not keep and ws.cell(row, 1).value not in ids):
                ws.delete_rows(row)
    part = tmp_path / "part.xlsx"
    book.save(part)
    code, err = run(capsys, "batch", table, "--out", part, "--resume", "-q")
    assert code == 0, err
    want, got = openpyxl.load_workbook(reference["xlsx"]), openpyxl.load_workbook(part)
    for sheet in ("documents", "findings"):
        assert list(want[sheet].iter_rows(values_only=True)) == list(got[sheet].iter_rows(values_only=True))


def test_resume_a_folder_skips_files_already_done(capsys, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for p in EXAMPLES.glob("*.txt"):
        shutil.copy(p, folder / p.name)
    out = tmp_path / "r.jsonl"
    assert run(capsys, "batch", folder, "--out", out, "--shard", "1/2", "-q")[0] == 0
    first = batch.done_ids(out)
    code, err = run(capsys, "batch", folder, "--out", out, "--resume")
    assert code == 0, err
    assert batch.done_ids(out) == {"assessment.txt", "cin_plan.txt", "cp_plan.txt"}
    assert f"({len(first)} already in r.jsonl)" in err


def test_batch_flag_errors(capsys, table, tmp_path):
    code, err = run(capsys, "batch", table, "--out", tmp_path / "o.csv", "--workers", "0")
    assert code == 2 and "--workers 0: must be at least 1" in err
    code, err = run(capsys, "batch", table, "--out", tmp_path / "o.csv", "--shard", "3/2")
    assert code == 2 and "--shard 3/2" in err
    code, err = run(capsys, "batch", table, "--out", tmp_path / "o.csv", "--disable", "no.such")
    assert code == 2 and "unknown check id" in err


def test_a_worker_that_cannot_load_reports_it(capsys, table, tmp_path):
    code, err = run(capsys, "batch", table, "--out", tmp_path / "o.jsonl", "--workers", "2",
                    "--model", "no_such_model", "-q")
    assert code == 2 and "unknown model 'no_such_model'" in err
    with pytest.raises(ConfigError):
        batch.ReviewerSpec(model="no_such_model").build()


def test_engine_without_ray_says_how_to_install_it(monkeypatch, capsys, table, tmp_path):
    import sys

    monkeypatch.setitem(sys.modules, "ray", None)  # as if the extra were not installed
    code, err = run(capsys, "batch", table, "--out", tmp_path / "o.jsonl", "--engine", "ray")
    assert code == 2 and "pip install 'reviewer[ray]'" in err
