"""Tests for `reviewer review` and `reviewer checks` (reviewer.cli), mostly in-process."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer import cli
from reviewer.checks import catalogue
from reviewer.report import ActionResult, validate_report_dict
from cli_run import run  # tests/cli_run.py

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.txt"))

# A short plan with no family history and no child's voice: both are error-level findings.
BARE_PLAN = """Child protection plan

Actions
- Mum will attend the Freedom Programme at Oakwood family hub every Tuesday from 4 March 2025.
- The social worker will visit the home every two weeks, next on 11 March 2025.
"""

FINDING_LINE = re.compile(r"^(?P<file>[^:]+):(?:(?P<line>\d+):)? (?P<severity>error|warning|suggestion) "
                          r"(?P<check>[a-z_.]+) (?P<message>.+)$")


@pytest.fixture
def bare_plan(tmp_path: Path) -> Path:
    path = tmp_path / "bare_plan.txt"
    path.write_text(BARE_PLAN, encoding="utf-8")
    return path



# --------------------------------------------------------------------------- examples


def test_examples_exist_and_are_substantial():
    names = {p.name for p in EXAMPLE_FILES}
    assert {"assessment.txt", "cp_plan.txt", "cin_plan.txt"} <= names
    words = len((EXAMPLES / "assessment.txt").read_text(encoding="utf-8").split())
    assert 450 <= words <= 800
    assert "Action | Who | By when" in (EXAMPLES / "cp_plan.txt").read_text(encoding="utf-8")


def test_examples_detected_as_their_types(reviewer):
    for path in EXAMPLE_FILES:
        assert reviewer.review_file(path).doc_type == path.stem


# --------------------------------------------------------------------------- text format


def test_text_format_reads_like_a_linter(capsys, reviewer):
    path = EXAMPLES / "cp_plan.txt"
    report = reviewer.review_file(path)
    code, out, err = run(capsys, "review", path)
    assert code == (1 if report.worst_severity() == "error" else 0)
    lines = out.splitlines()
    assert lines[0] == f"== {path}: cp_plan (confidence {report.doc_type_confidence:.2f}) =="
    finding_lines = [m for m in map(FINDING_LINE.match, lines) if m]
    assert len(finding_lines) == len(report.findings)
    for match, finding in zip(finding_lines, report.findings):
        assert match["file"] == str(path)
        assert match["check"] == finding.check and match["severity"] == finding.severity
        expected_line = report.line_of(finding.start)
        assert match["line"] == (None if expected_line is None else str(expected_line))
    assert f"ACTIONS ({len(report.actions)})" in lines
    action_lines = [ln for ln in lines if re.match(r"^  \[\d+\] owner=", ln)]
    assert len(action_lines) == len(report.actions)
    assert all(" | timescale=" in ln and " | specific=" in ln for ln in action_lines)
    for name, dim in report.dimensions.items():
        assert f"  {name} {dim.rating}/3 ({dim.score}/100) {dim.summary}" in lines
    assert re.search(r"^1 file\(s\) reviewed: \d+ error\(s\)", out, re.MULTILINE)


def test_assessment_text_has_no_actions_listing(capsys):
    code, out, _ = run(capsys, "review", EXAMPLES / "assessment.txt")
    assert "ACTIONS" not in out
    assert "DIMENSIONS" in out and "  family_history " in out and "  specific_tasks" not in out


def test_document_level_findings_have_no_line(capsys, bare_plan):
    code, out, _ = run(capsys, "review", bare_plan)
    assert code == 1
    assert f"{bare_plan}: error history.absent " in out
    assert f"{bare_plan}: error voice.absent " in out


def test_format_action_shows_gaps():
    action = ActionResult(start=0, end=10, owner=None, task="Engage with\n services", timescale=None,
                          timescale_vague="ongoing", specific=False, owner_problem="missing")
    assert cli.format_action(2, action) == \
        "  [2] owner=none (missing) | timescale=none (vague: ongoing) | specific=no | Engage with services"
    pronoun = ActionResult(0, 5, None, "keep her phone on", "by 3 March 2025", None, True, owner_problem="pronoun")
    assert cli.format_action(1, pronoun) == \
        "  [1] owner=none (only a pronoun) | timescale=by 3 March 2025 | specific=yes | keep her phone on"


def test_text_out_file(capsys, tmp_path, bare_plan):
    out = tmp_path / "review.txt"
    code, stdout, _ = run(capsys, "review", bare_plan, "--out", out)
    assert code == 1 and stdout == ""
    assert "history.absent" in out.read_text(encoding="utf-8")
    assert {p.name for p in tmp_path.iterdir()} == {"bare_plan.txt", "review.txt"}  # no temp file left


# --------------------------------------------------------------------------- exit codes


def test_exit_0_when_no_error_level_finding(capsys, bare_plan):
    all_checks = list(catalogue())
    code, out, _ = run(capsys, "review", bare_plan, "--disable", *all_checks)
    assert code == 0
    assert not [ln for ln in out.splitlines() if FINDING_LINE.match(ln)]


def test_exit_1_with_error_level_finding(capsys, bare_plan):
    assert run(capsys, "review", bare_plan)[0] == 1


def test_missing_file_exit_2_names_file_no_traceback(capsys, tmp_path):
    missing = tmp_path / "no_such_plan.txt"
    code, out, err = run(capsys, "review", missing)
    assert code == 2
    assert err.strip() == f"reviewer: {missing}: file not found"
    assert "Traceback" not in err


def test_other_files_still_reviewed_after_an_input_error(capsys, tmp_path, bare_plan):
    bad = tmp_path / "scan.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    code, out, err = run(capsys, "review", bad, bare_plan)
    assert code == 2
    assert f"reviewer: {bad}: is an image, not a document" in err
    assert f"== {bare_plan}: " in out
    assert "1 file(s) could not be reviewed" in out


def test_usage_errors_exit_2(capsys):
    assert run(capsys, "review")[0] == 2  # no FILE
    assert run(capsys, "review", "x.txt", "--type", "letter")[0] == 2
    assert run(capsys, "review", "x.txt", "--format", "pdf")[0] == 2
    assert run(capsys)[0] == 2  # no command
    assert run(capsys, "--help")[0] == 0


def test_unknown_disable_id_exit_2(capsys, bare_plan):
    code, _, err = run(capsys, "review", bare_plan, "--disable", "no.such.check")
    assert code == 2
    assert "no.such.check" in err and "reviewer checks" in err and "Traceback" not in err


def test_bad_config_exit_2(capsys, tmp_path, bare_plan):
    config = tmp_path / "bad.toml"
    config.write_text("[checks]\ndisable = ['no.such.check']\n", encoding="utf-8")
    code, _, err = run(capsys, "review", bare_plan, "--config", config)
    assert code == 2 and "no.such.check" in err
    code, _, err = run(capsys, "review", bare_plan, "--config", tmp_path / "missing.toml")
    assert code == 2 and "missing.toml" in err


def test_unknown_model_exit_2(capsys, bare_plan):
    code, _, err = run(capsys, "review", bare_plan, "--model", "no-such-model")
    assert code == 2 and "no-such-model" in err


# --------------------------------------------------------------------------- json, config, disable


def _json(capsys, *argv):
    code, out, err = run(capsys, *argv, "--format", "json")
    return code, json.loads(out)


def test_json_one_file_is_the_report_dict(capsys, reviewer, bare_plan):
    code, data = _json(capsys, "review", bare_plan)
    validate_report_dict(data)
    expected = reviewer.review_file(bare_plan).to_dict()
    assert data == json.loads(json.dumps(expected))


def test_json_several_files_is_a_list(capsys):
    code, data = _json(capsys, "review", *EXAMPLE_FILES)
    assert isinstance(data, list) and len(data) == len(EXAMPLE_FILES)
    for item in data:
        validate_report_dict(item)
    assert [d["source"] for d in data] == [p.name for p in EXAMPLE_FILES]


def test_type_option_forces_doc_type(capsys, bare_plan):
    _, data = _json(capsys, "review", bare_plan, "--type", "cin_plan")
    assert data["doc_type"] == "cin_plan" and data["doc_type_confidence"] == 1.0


def test_disable_removes_that_checks_findings(capsys, bare_plan):
    _, before = _json(capsys, "review", bare_plan)
    assert "history.absent" in {f["check"] for f in before["findings"]}
    _, after = _json(capsys, "review", bare_plan, "--disable", "history.absent,plan.no_contingency")
    checks = {f["check"] for f in after["findings"]}
    assert "history.absent" not in checks and "plan.no_contingency" not in checks
    assert {"history.absent", "plan.no_contingency"} <= set(after["disabled_checks"])


def test_config_toml_disables_and_changes_severity(capsys, tmp_path, bare_plan):
    config = tmp_path / "reviewer.toml"
    config.write_text('[checks]\ndisable = ["history.absent"]\n\n[checks.severity]\n'
                      '"voice.absent" = "suggestion"\n', encoding="utf-8")
    code, data = _json(capsys, "review", bare_plan, "--config", config)
    by_check = {f["check"]: f for f in data["findings"]}
    assert "history.absent" not in by_check
    assert by_check["voice.absent"]["severity"] == "suggestion"


# --------------------------------------------------------------------------- html


def test_html_one_file_to_stdout(capsys, bare_plan):
    code, out, _ = run(capsys, "review", bare_plan, "--format", "html")
    assert code == 1
    assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")


def test_html_several_files_into_folder(capsys, tmp_path):
    folder = tmp_path / "pages"
    code, out, err = run(capsys, "review", *EXAMPLE_FILES, "--format", "html", "--out", folder)
    assert code in (0, 1) and out == ""
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{p.stem}.html" for p in EXAMPLE_FILES)
    page = (folder / "cp_plan.html").read_text(encoding="utf-8")
    assert "Child protection plan" in page and "<table class=\"actions\">" in page


def test_html_one_file_to_out_file(capsys, tmp_path, bare_plan):
    target = tmp_path / "page.html"
    run(capsys, "review", bare_plan, "--format", "html", "--out", target)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_html_several_files_without_out_is_usage_error(capsys):
    code, _, err = run(capsys, "review", *EXAMPLE_FILES, "--format", "html")
    assert code == 2 and "--out" in err


# --------------------------------------------------------------------------- checks


def test_checks_lists_every_check(capsys):
    code, out, _ = run(capsys, "checks")
    assert code == 0
    listed = [line.split()[0] for line in out.splitlines()]
    assert listed == list(catalogue())


# --------------------------------------------------------------------------- real entry point


def test_python_m_reviewer_review_subprocess(reviewer):
    path = EXAMPLES / "cp_plan.txt"
    result = subprocess.run([sys.executable, "-m", "reviewer", "review", str(path)],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    expected = 1 if reviewer.review_file(path).worst_severity() == "error" else 0
    assert result.returncode == expected, result.stderr
    assert result.stdout.startswith(f"== {path}: cp_plan")
    assert "ACTIONS (" in result.stdout and "Traceback" not in result.stderr


def test_python_m_reviewer_missing_file_subprocess(tmp_path):
    missing = tmp_path / "gone.docx"
    result = subprocess.run([sys.executable, "-m", "reviewer", "review", str(missing)],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 2
    assert result.stderr.strip() == f"reviewer: {missing}: file not found"
