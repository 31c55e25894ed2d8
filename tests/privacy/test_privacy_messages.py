"""Logs and error messages never contain document text.

Every refusal, warning, log record (any logger, DEBUG and up) and batch error row is checked for
SECRET, a string that only occurs inside the documents.
"""
from __future__ import annotations

import logging
import os
import warnings

import pandas as pd
import pytest

from reviewer import cli
from robust_files import OLE, PNG, PROSE, SECRET, bomb_docx, corrupt_docx, docx_bytes, encrypted_pdf, scanned_pdf, text_pdf

BAD = {
    "empty.txt": b"",
    "random.docx": os.urandom(2048) + SECRET.encode(),
    "corrupt.docx": corrupt_docx(),
    "cut.docx": docx_bytes([PROSE])[:2500],
    "cut.pdf": text_pdf()[:500],
    "notes.pdf": PROSE.encode(),
    "locked.pdf": encrypted_pdf("pw"),
    "scan.pdf": scanned_pdf(),
    "photo.docx": PNG + SECRET.encode(),
    "old.doc": OLE,
    "bomb.docx": bomb_docx(60),
    "binary.txt": bytes(range(256)) * 8 + SECRET.encode(),
    "latin.txt": PROSE.replace("Mum", "Mère").encode("cp1252"),
}


@pytest.fixture
def all_logs(caplog):
    caplog.set_level(logging.DEBUG)
    names = ("pypdf", "docx", "reviewer", "dateparser", "spacy", "streamlit", "openpyxl")
    saved = {name: logging.getLogger(name).level for name in names}
    for name in names:
        logging.getLogger(name).setLevel(logging.DEBUG)
    yield caplog
    for name, level in saved.items():  # leave logging as the package set it for later tests
        logging.getLogger(name).setLevel(level)


def _no_secret(*texts: str) -> None:
    for text in texts:
        assert SECRET not in text
        assert "Zephyrine" not in text


def test_refusals_warnings_and_logs_never_quote_the_document(capsys, all_logs, tmp_path):
    paths = []
    for name, data in BAD.items():
        path = tmp_path / name
        path.write_bytes(data)
        paths.append(str(path))
    good = tmp_path / "good.txt"
    good.write_text(PROSE, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        code = cli.main(["review", *paths, str(good)])
    out, err = capsys.readouterr()
    assert code == 2
    assert err.count("\n") == len(BAD) - 1  # every bad file but the Windows-1252 one: one line each
    _no_secret(err, all_logs.text, *(str(w.message) for w in caught))
    assert "2 file(s) reviewed" in out


def test_batch_error_rows_and_progress_never_quote_the_document(capsys, all_logs, tmp_path):
    root = tmp_path / "docs"
    root.mkdir()
    for name, data in BAD.items():
        (root / name).write_bytes(data)
    out = tmp_path / "rows.csv"
    assert cli.main(["batch", str(root), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    rows = pd.read_csv(out, dtype=str, keep_default_na=False)
    _no_secret(captured.err, captured.out, all_logs.text, " ".join(rows["error"]), " ".join(rows["warnings"]))
    _no_secret((tmp_path / "rows.findings.csv").read_text(encoding="utf-8"))


def test_an_internal_error_in_a_batch_names_its_type_only(monkeypatch, reviewer):
    from reviewer import batch
    from reviewer.reviewer import Reviewer

    def explode(self, text, *args, **kwargs):
        raise ValueError(f"could not parse {text[:80]}")

    monkeypatch.setattr(Reviewer, "review", explode)
    result = batch.review_document(reviewer, batch.Document(id="case-7", text=PROSE))
    assert result.row["status"] == "error"
    assert result.row["error"] == "case-7: internal error while reviewing (ValueError)"


def test_an_internal_error_in_review_prints_no_traceback_and_no_text(capsys, monkeypatch, tmp_path):
    from reviewer.reviewer import Reviewer

    def explode(self, text, *args, **kwargs):
        raise ValueError(f"could not parse {text[:80]}")

    monkeypatch.setattr(Reviewer, "review", explode)
    path = tmp_path / "draft.txt"
    path.write_text(PROSE, encoding="utf-8")
    code = cli.main(["review", str(path)])
    err = capsys.readouterr().err
    assert code == 2 and "internal error" in err and str(path) in err
    _no_secret(err)


def test_redact_reports_counts_only(capsys, all_logs, tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text(f"Mum, {SECRET}, said Amir (7) was tired.\n", encoding="utf-8")
    assert cli.main(["redact", str(path)]) == 0
    out, err = capsys.readouterr()
    _no_secret(out, err, all_logs.text)
    assert err.startswith(f"{path}: redacted ") and "PARENT" in err


def test_report_json_keeps_text_but_error_and_warning_fields_do_not(reviewer):
    report = reviewer.review(PROSE + ("Le plan est bon et la famille va bien. " * 30))
    data = report.to_dict()
    _no_secret(" ".join(data["warnings"]), " ".join(f["message"] for f in data["findings"]))
