"""Tests for reviewer.batch and `reviewer batch`: folders and tables in, .csv/.xlsx/.jsonl out."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from reviewer import batch
from reviewer.checks import catalogue
from reviewer.errors import InputError
from reviewer.report import DIMENSIONS, validate_report_dict
from cli_run import run  # tests/cli_run.py

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

PLAN = ("Child protection plan\n\nActions\n"
        "- Mum will attend the Freedom Programme at Oakwood family hub every Tuesday from 4 March 2025.\n"
        "- Support will be given to the family.\n")
ASSESSMENT = ("Assessment\n\nMum told me she grew up in foster care after her own mother's drinking. "
              "Seen alone at school, Leo said \"I like it when Nan picks me up\".\n")
INJECTION = "=HYPERLINK(\"http://evil.example\",\"click\")"



@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The three examples, one nested, plus a corrupt .docx, a lock file and an ignored .png."""
    root = tmp_path / "docs"
    (root / "nested").mkdir(parents=True)
    shutil.copy(EXAMPLES / "assessment.txt", root / "assessment.txt")
    shutil.copy(EXAMPLES / "cp_plan.txt", root / "nested" / "cp_plan.txt")
    shutil.copy(EXAMPLES / "cin_plan.txt", root / "cin_plan.md")
    (root / "broken.docx").write_bytes(os.urandom(4096))
    (root / "~$lock.docx").write_bytes(b"lock")
    (root / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return root


@pytest.fixture
def table() -> pd.DataFrame:
    return pd.DataFrame({
        "case": [INJECTION, "c2", "c3", "c4"],
        "body": [PLAN, "   ", ASSESSMENT, PLAN],
        "kind": ["cp_plan", "", "Assessment", "letter"],
        "team": ["North", "South", "-West", ""],
        "notes": ["x", "y", "z", "w"],
    })


def _batch_table(capsys, path: Path, out: Path, *extra) -> tuple[int, str]:
    code, _, err = run(capsys, "batch", path, "--out", out, "--text-column", "body", "--id-column", "case",
                       "--type-column", "kind", "-q", *extra)
    return code, err


# --------------------------------------------------------------------------- folders


def test_iter_folder_recursive_supported_only(folder):
    found = [p.relative_to(folder).as_posix() for p in batch.iter_folder(folder)]
    assert found == ["assessment.txt", "broken.docx", "cin_plan.md", "nested/cp_plan.txt"]


def test_folder_batch_with_corrupt_docx(capsys, folder, tmp_path):
    out = tmp_path / "results.csv"
    code, _, err = run(capsys, "batch", folder, "--out", out)
    assert code == 0, err
    assert "reviewing" in err and "3 ok, 1 error(s)" in err  # progress bar and summary on stderr
    rows = pd.read_csv(out)
    assert list(rows.columns) == batch.row_columns()
    assert list(rows["id"]) == ["assessment.txt", "broken.docx", "cin_plan.md", "nested/cp_plan.txt"]
    by_id = rows.set_index("id")
    assert by_id.loc["broken.docx", "status"] == "error"
    assert by_id.loc["broken.docx", "error"].startswith("broken.docx: ")
    assert pd.isna(by_id.loc["broken.docx", "family_history_score"])
    ok = by_id.drop(index="broken.docx")
    assert set(ok["status"]) == {"ok"} and ok["error"].isna().all()
    assert list(ok["doc_type"]) == ["assessment", "cin_plan", "cp_plan"]
    assert ok.loc["nested/cp_plan.txt", "n_actions"] > 0
    assert pd.isna(ok.loc["assessment.txt", "timescales_score"])  # assessments are not rated on it
    findings = pd.read_csv(tmp_path / "results.findings.csv")
    assert list(findings.columns) == batch.FINDING_COLUMNS
    assert set(findings["id"]) <= set(ok.index)
    per_doc = findings.groupby("id").size()
    for doc_id, n in per_doc.items():
        assert ok.loc[doc_id, "n_findings"] == n


def test_folder_rows_match_reports(reviewer, folder):
    results = batch.run_batch(batch.folder_documents(folder), reviewer, progress=False)
    for result in results:
        if not result.ok:
            assert result.report is None
            continue
        report, row = result.report, result.row
        for name, dim in report.dimensions.items():
            assert (row[f"{name}_rating"], row[f"{name}_score"]) == (dim.rating, dim.score)
        counts = report.counts_by_check()
        for check_id in catalogue():
            assert row[batch.check_column(check_id)] == counts.get(check_id, 0)
        assert row["n_actions_no_owner"] == sum(a.owner is None for a in report.actions)
        assert row["n_actions_unspecific"] == sum(not a.specific for a in report.actions)
        assert len(result.findings) == len(report.findings)


def test_empty_folder_is_input_error(capsys, tmp_path):
    (tmp_path / "empty").mkdir()
    code, _, err = run(capsys, "batch", tmp_path / "empty", "--out", tmp_path / "r.csv")
    assert code == 2 and "contains no supported documents" in err


# --------------------------------------------------------------------------- tables in


def test_csv_to_xlsx(capsys, table, tmp_path):
    source = tmp_path / "cases.csv"
    table.to_csv(source, index=False)
    out = tmp_path / "results.xlsx"
    code, err = _batch_table(capsys, source, out, "--team-column", "team")
    assert code == 0, err
    sheets = pd.read_excel(out, sheet_name=None, dtype=object)
    assert list(sheets) == ["documents", "findings"]
    rows, findings = sheets["documents"], sheets["findings"]
    assert len(rows) == len(table) and list(rows.columns) == batch.row_columns()
    assert list(rows["status"]) == ["ok", "error", "ok", "error"]
    assert rows.loc[1, "error"] == "c2: is empty (no text to review)"
    assert "unknown document type 'letter'" in rows.loc[3, "error"]
    assert rows.loc[0, "doc_type"] == "cp_plan" and rows.loc[2, "doc_type"] == "assessment"
    assert rows.loc[0, "team"] == "North" and rows.loc[2, "team"] == "'-West"  # neutralised
    assert list(findings.columns) == batch.FINDING_COLUMNS and len(findings) > 0
    # the formula id is text, not a formula, in both sheets
    workbook = openpyxl.load_workbook(out)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                if isinstance(cell.value, str) and "HYPERLINK" in cell.value:
                    assert cell.value == "'" + INJECTION


def test_xlsx_to_csv_and_formula_cells_not_evaluated(capsys, table, tmp_path):
    source = tmp_path / "cases.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(table.columns))
    for record in table.itertuples(index=False):
        sheet.append(list(record))
    sheet.append([None] * len(table.columns))  # a blank row is skipped
    sheet.append(["c5", "=1+1", "", "", ""])
    workbook.save(source)
    frame = batch.read_table(source, "body")
    assert len(frame) == 5
    assert frame.loc[0, "case"] == INJECTION and frame.loc[4, "body"] == "=1+1"
    out = tmp_path / "results.csv"
    code, err = _batch_table(capsys, source, out)
    assert code == 0, err
    rows = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert len(rows) == 5
    assert rows.loc[0, "id"] == "'" + INJECTION
    assert rows.loc[2, "team"] == "'-West"  # the team column is picked up by its default name
    findings = pd.read_csv(tmp_path / "results.findings.csv", dtype=str, keep_default_na=False)
    assert ("'" + INJECTION) in set(findings["id"])
    assert not any(v.startswith(("=", "+", "-", "@")) for v in rows.to_numpy().ravel() if v)


def test_jsonl_output(capsys, table, tmp_path):
    source = tmp_path / "cases.csv"
    table.to_csv(source, index=False)
    out = tmp_path / "results.jsonl"
    code, err = _batch_table(capsys, source, out)
    assert code == 0, err
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(table)
    for record in records:
        assert set(batch.row_columns()) <= set(record)
        if record["status"] == "ok":
            validate_report_dict(record["report"])
            assert record["report"]["source"] == record["id"]
            assert record["n_findings"] == len(record["report"]["findings"])
        else:
            assert record["report"] is None and record["error"]
    assert records[0]["id"] == INJECTION  # jsonl is data, not a spreadsheet: left as it is


def test_missing_text_column(capsys, table, tmp_path):
    source = tmp_path / "cases.csv"
    table.to_csv(source, index=False)
    with pytest.raises(InputError) as info:
        batch.read_table(source, "text")
    message = str(info.value)
    assert message.startswith("cases.csv: ") and "'text'" in message
    assert "case, body, kind, team, notes" in message
    code, _, err = run(capsys, "batch", source, "--out", tmp_path / "r.csv")
    assert code == 2 and "Traceback" not in err
    assert err.strip() == f"reviewer: {message}"
    assert not (tmp_path / "r.csv").exists()


def test_missing_explicit_column(capsys, table, tmp_path):
    source = tmp_path / "cases.xlsx"
    table.to_excel(source, index=False)
    code, _, err = run(capsys, "batch", source, "--out", tmp_path / "r.csv", "--text-column", "body",
                       "--team-column", "unit")
    assert code == 2 and "cases.xlsx" in err and "'unit'" in err


def test_bad_output_type_refused_before_work(capsys, folder, tmp_path):
    code, _, err = run(capsys, "batch", folder, "--out", tmp_path / "r.parquet")
    assert code == 2 and "unsupported output type" in err


def test_not_a_table(capsys, tmp_path):
    doc = tmp_path / "plan.txt"
    doc.write_text(PLAN, encoding="utf-8")
    code, _, err = run(capsys, "batch", doc, "--out", tmp_path / "r.csv")
    assert code == 2 and "plan.txt" in err


def test_bad_workbook_is_input_error(tmp_path):
    bad = tmp_path / "cases.xlsx"
    bad.write_bytes(os.urandom(500))
    with pytest.raises(InputError, match="cases.xlsx: is not a valid .xlsx workbook"):
        batch.read_table(bad)


# --------------------------------------------------------------------------- the pure functions


def test_score_frame_keeps_index_and_columns(reviewer):
    df = pd.DataFrame({"text": [PLAN, ASSESSMENT, ""], "id": ["a", None, "c"]}, index=[10, 20, 30])
    rows = batch.score_frame(df, reviewer)
    assert list(rows.index) == [10, 20, 30]
    assert list(rows.columns) == batch.row_columns()
    assert list(rows["id"]) == ["a", "row 2", "c"]
    assert list(rows["status"]) == ["ok", "ok", "error"]
    for check_id in catalogue():
        assert batch.check_column(check_id) in rows.columns
    for dim in DIMENSIONS:
        assert str(rows[f"{dim}_score"].dtype) == "Int64"


def test_score_frames_findings(reviewer):
    df = pd.DataFrame({"text": [PLAN], "id": ["p1"]})
    rows, findings = batch.score_frames(df, reviewer, doc_type="cin_plan")
    report = reviewer.review(PLAN, doc_type="cin_plan")
    assert rows.loc[0, "doc_type"] == "cin_plan" and rows.loc[0, "doc_type_confidence"] == 1.0
    assert list(findings["check"]) == [f.check for f in report.findings]
    assert list(findings["line"].astype(object).where(findings["line"].notna(), None)) == \
        [report.line_of(f.start) for f in report.findings]


def test_score_frame_requires_named_columns(reviewer):
    with pytest.raises(InputError, match="has no column 'kind'"):
        batch.score_frame(pd.DataFrame({"text": [PLAN]}), reviewer, type_column="kind")


def test_neutralise():
    frame = pd.DataFrame({"s": ["=1", "+1", "-1", "@a", "ok", None], "n": [-1, 2, 3, 4, 5, 6]})
    out = batch.neutralise(frame)
    assert list(out["s"][:5]) == ["'=1", "'+1", "'-1", "'@a", "ok"] and pd.isna(out["s"][5])
    assert list(out["n"]) == [-1, 2, 3, 4, 5, 6]


def test_atomic_write_replaces_and_leaves_no_temp(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    batch.write_text_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    with pytest.raises(RuntimeError):
        with batch.atomic_path(target) as tmp:
            tmp.write_text("half", encoding="utf-8")
            raise RuntimeError("boom")
    assert target.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_write_outputs_jsonl_from_results(reviewer, folder, tmp_path):
    results = batch.run_batch(batch.folder_documents(folder), reviewer, progress=False)
    out = tmp_path / "all.jsonl"
    assert batch.write_outputs(results, out) == [out]
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [r.row["id"] for r in results]
    assert sum(r["report"] is not None for r in records) == 3


def test_output_must_not_be_the_input(capsys, table, tmp_path):
    source = tmp_path / "cases.csv"
    table.to_csv(source, index=False)
    code, _, err = run(capsys, "batch", source, "--out", source, "--text-column", "body")
    assert code == 2 and "is the input" in err
    assert pd.read_csv(source).shape == table.shape
