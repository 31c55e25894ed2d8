"""Bad input gets a clear error and nothing is lost: what a user sees from `reviewer review`.

Each refused file gives exit code 2 and one line on stderr, `reviewer: FILE: problem`, naming
the file and the problem, with no traceback and no document text. Awkward but readable input
(Windows-1252, a byte-order mark, non-English text, a long document) is reviewed.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from reviewer.readers import MAX_CHARS, read_file
from robust_files import (JPEG, OLE, PNG, PROSE, SECRET, bomb_docx, corrupt_docx, docx_bytes, encrypted_pdf,
                          lying_bomb_docx, scanned_pdf, text_pdf)
from cli_run import run  # tests/cli_run.py

ROOT = Path(__file__).resolve().parents[2]



def assert_refused(capsys, path: Path, *phrases: str) -> str:
    """`reviewer review PATH` exits 2 with one clear line naming the file and the problem."""
    code, out, err = run(capsys, "review", path)
    assert code == 2, err
    assert err.startswith(f"reviewer: {path}: "), err
    assert err.count("\n") == 1, err  # one line, no traceback
    for phrase in phrases:
        assert phrase in err, err
    assert "Traceback" not in err and SECRET not in err and SECRET not in out
    assert "file(s) could not be reviewed" in out
    return err


REFUSED = [
    # (file name, content, phrases the message must contain)
    ("empty.txt", b"", ["is empty"]),
    ("blank.md", b"  \n\t \r\n   \n", ["is empty"]),
    ("random.docx", os.urandom(4096), ["not a Word .docx file"]),
    ("notes.pdf", PROSE.encode(), ["not a PDF file"]),
    ("scan.png", PNG, ["is an image, not a document"]),
    ("photo.heic", b"ftypheic" + bytes(64), ["unsupported file type '.heic'"]),
    ("photo.docx", PNG, ["is an image, not a document"]),
    ("photo.pdf", JPEG, ["is an image, not a document"]),
    ("photo.txt", PNG, ["is an image, not a document"]),
    ("corrupt.docx", corrupt_docx(), ["is corrupt or truncated"]),
    ("truncated.docx", docx_bytes()[:3000], ["is corrupt or truncated"]),
    ("truncated.pdf", text_pdf()[:400], ["corrupt"]),
    ("locked.pdf", encrypted_pdf("letmein"), ["password-protected", "remove the password"]),
    ("scanned.pdf", scanned_pdf(), ["no text layer", "OCR is not supported"]),
    ("legacy.doc", OLE, ["legacy Word .doc", "save it as .docx"]),
    ("legacy-renamed.docx", OLE, ["legacy Word .doc"]),
    ("binary.txt", bytes(range(256)) * 20, ["not a text file"]),
]


@pytest.mark.parametrize("name, data, phrases", REFUSED, ids=[c[0] for c in REFUSED])
def test_refused_with_a_clear_message(capsys, tmp_path, name, data, phrases):
    path = tmp_path / name
    path.write_bytes(data)
    assert_refused(capsys, path, *phrases)


def test_refused_file_does_not_stop_the_others(capsys, tmp_path):
    bad, good = tmp_path / "bad.docx", tmp_path / "good.txt"
    bad.write_bytes(os.urandom(100))
    good.write_text(PROSE, encoding="utf-8")
    code, out, err = run(capsys, "review", bad, good)
    assert code == 2 and f"reviewer: {bad}: " in err
    assert f"== {good}:" in out and "1 file(s) reviewed" in out


@pytest.mark.parametrize("name, make, phrases", [
    ("bomb.docx", lambda: bomb_docx(60), ["too large when unpacked", "the limit is 50 MB"]),
    ("ratio.docx", lambda: bomb_docx(5), ["zip bomb", "the limit is 100 times"]),
    ("liar.docx", lying_bomb_docx, ["corrupt or truncated"]),
])
def test_zip_bombs_are_refused_before_unpacking(capsys, tmp_path, name, make, phrases):
    path = tmp_path / name
    path.write_bytes(make())
    assert path.stat().st_size < 1024 * 1024  # a small file that would unpack to tens of MB
    tracemalloc.start()
    started = time.perf_counter()
    try:
        assert_refused(capsys, path, *phrases)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 5
    assert peak < 20 * 1024 * 1024, f"{peak / 1e6:.0f} MB allocated: the part was unpacked"


# --------------------------------------------------------------------------- read correctly


@pytest.mark.parametrize("encoding, bom, note", [
    ("cp1252", b"", "decoded as Windows-1252"),
    ("utf-8", b"\xef\xbb\xbf", None),
    ("utf-16-le", b"\xff\xfe", None),
    ("utf-16-be", b"\xfe\xff", None),
])
def test_windows_1252_and_bom_text_read_correctly(capsys, tmp_path, reviewer, encoding, bom, note):
    text = ("Assessment\n\nMum said the café bill was £40 – “too much”. Zoë said she wants to stay "
            "with Nan.\n")
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(bom + text.encode(encoding))
    report = reviewer.review_file(path)
    assert report.text == text  # no BOM, no mojibake
    if note:
        assert any(note in w for w in report.warnings)
    else:
        assert not any("Windows-1252" in w for w in report.warnings)
    code, out, err = run(capsys, "review", path)
    assert code in (0, 1) and err == ""
    if note:
        assert f"{path}: note {note}" in out


def test_non_english_text_is_warned_about_and_still_reviewed(capsys, tmp_path):
    welsh = ("Asesiad\n\nMae'r plentyn yn byw gyda'i fam a'i nain mewn tŷ cyngor. Dywedodd y plentyn ei "
             "fod yn hapus yn yr ysgol ond yn poeni am ei dad. Mae'r teulu wedi symud tair gwaith "
             "mewn dwy flynedd ac nid oes ganddynt lawer o gefnogaeth gan y teulu estynedig. "
             "Bydd y gweithiwr cymdeithasol yn ymweld bob pythefnos.\n")
    path = tmp_path / "welsh.txt"
    path.write_text(welsh, encoding="utf-8")
    code, out, err = run(capsys, "review", path, "--format", "json")
    assert code in (0, 1) and err == ""
    import json

    report = json.loads(out)
    assert any("does not look like English" in w for w in report["warnings"])
    assert any(f["check"] == "doc.non_english" for f in report["findings"])
    assert report["sentences"] and report["dimensions"]  # reviewed all the same


def test_docx_and_pdf_that_are_fine_are_reviewed(capsys, tmp_path):
    for name, data in (("ok.docx", docx_bytes()), ("ok.pdf", text_pdf())):
        path = tmp_path / name
        path.write_bytes(data)
        code, out, err = run(capsys, "review", path)
        assert code in (0, 1) and err == "" and f"== {path}:" in out


# --------------------------------------------------------------------------- long documents


def test_document_over_the_character_limit_is_refused_with_the_limit(capsys, tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("Mum said she is fine. " * (MAX_CHARS // 22 + 10), encoding="utf-8")
    err = assert_refused(capsys, path, "is too long", f"the limit is {MAX_CHARS:,}")
    assert "characters" in err


def test_file_over_the_size_limit_is_refused_before_reading(capsys, tmp_path):
    from reviewer.readers import MAX_BYTES

    path = tmp_path / "huge.docx"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: no disk used, never read
    assert_refused(capsys, path, "is too large", "the limit is 20 MB")


MEMORY_TARGET_MB = 1024  # peak RSS of a whole `reviewer review` process


def test_long_document_is_reviewed_within_the_memory_target(tmp_path):
    """A 400,000-character document (about 65,000 words, 20 times a long assessment) is
    reviewed in a fresh process whose peak memory stays under MEMORY_TARGET_MB."""
    base = "\n\n".join((ROOT / "examples" / n).read_text(encoding="utf-8")
                       for n in ("assessment.txt", "cp_plan.txt", "cin_plan.txt"))
    path = tmp_path / "long.txt"
    path.write_text((base * (400_000 // len(base) + 1))[:400_000], encoding="utf-8")
    # VmHWM, not ru_maxrss: ru_maxrss survives exec and would count the forked test process.
    script = ("import re, sys\nfrom reviewer.cli import main\ncode = main(['review', sys.argv[1], "
              "'--format', 'json', '--out', sys.argv[2]])\nstatus = open('/proc/self/status').read()\n"
              "print(code, int(re.search(r'VmHWM:\\s+(\\d+)', status).group(1)) // 1024)")
    done = subprocess.run([sys.executable, "-c", script, str(path), str(tmp_path / "out.json")],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    code, peak_mb = map(int, done.stdout.split())
    assert code in (0, 1)
    assert peak_mb < MEMORY_TARGET_MB, f"peak {peak_mb} MB"
    assert (tmp_path / "out.json").stat().st_size > 0


def test_read_file_keeps_exact_text_of_long_documents(tmp_path):
    text = "Line of the plan.\n" * 50_000
    path = tmp_path / "long.md"
    path.write_text(text, encoding="utf-8")
    assert read_file(path).text == text
