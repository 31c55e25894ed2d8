"""No network: the CLI review, a batch, the redaction and the app's review path all pass with
every socket connection and host lookup blocked, in this process and in a fresh one (where the
block is in place before the first import, so model loading is covered too)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from privacy_helpers import BLOCK_SOCKETS
from reviewer import cli
from robust_files import PROSE, docx_bytes

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def test_cli_review_batch_and_redact_offline_in_process(capsys, tmp_path, sockets_blocked):
    doc = tmp_path / "draft.docx"
    doc.write_bytes(docx_bytes())
    assert cli.main(["review", str(EXAMPLES / "cp_plan.txt"), str(doc), "--format", "json"]) in (0, 1)
    assert len(json.loads(capsys.readouterr().out)) == 2
    out = tmp_path / "rows.csv"
    assert cli.main(["batch", str(EXAMPLES), "--out", str(out), "-q"]) == 0
    assert out.exists()
    assert cli.main(["redact", str(doc)]) == 0
    assert "[" in capsys.readouterr().out


def test_cli_offline_in_a_fresh_process(tmp_path):
    """Imports, model loading, review, batch and redaction with sockets blocked from the start."""
    (tmp_path / "draft.txt").write_text(PROSE, encoding="utf-8")
    script = BLOCK_SOCKETS + """
import sys
from reviewer.cli import main
folder, out = sys.argv[1], sys.argv[2]
codes = [main(["review", folder + "/draft.txt", "--format", "html", "--out", out + "/r.html"]),
         main(["batch", folder, "--out", out + "/rows.jsonl", "-q"]),
         main(["redact", folder + "/draft.txt", "--out", out + "/redacted.txt"])]
print(codes)
"""
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path), str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "HF_HUB_OFFLINE": "0"})
    assert done.returncode == 0, done.stderr[-3000:]
    assert "network access attempted" not in done.stderr
    review, batch_code, redact_code = json.loads(done.stdout.strip().splitlines()[-1])
    assert review in (0, 1) and batch_code == 0 and redact_code == 0
    assert (tmp_path / "r.html").exists() and (tmp_path / "rows.jsonl").exists()


def test_app_review_path_offline(sockets_blocked):
    """The app's self-check page reviews a pasted draft with sockets blocked."""
    pytest.importorskip("streamlit")
    app = ROOT / "app.py"
    if not app.exists():
        pytest.skip("app.py is not there yet")
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(app), default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    at.text_area(key="draft_text").set_value((EXAMPLES / "cp_plan.txt").read_text(encoding="utf-8"))
    at.button(key="review_button").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.metric, "the review did not show its scores"
