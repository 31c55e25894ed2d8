"""Golden tests: whole documents in, the exact expected review out.

Each folder under cases/ holds input.txt and expected.json — a readable projection of the
report (type, ratings, actions as who/what/when, findings with the text they point at).
Set REVIEWER_UPDATE_GOLDEN=1 to rewrite expected.json after a deliberate change, then read
the diff before committing it.
"""
import json
import os
from pathlib import Path

import pytest

CASES = sorted(p for p in (Path(__file__).parent / "cases").iterdir() if p.is_dir())


def project(report) -> dict:
    text = report.text
    return {
        "doc_type": report.doc_type,
        "ratings": {k: v.rating for k, v in report.dimensions.items()},
        "labelled": [[text[s.start:s.end], s.labels] for s in report.sentences if s.labels],
        "actions": [{"owner": a.owner, "task": a.task, "timescale": a.timescale,
                     "vague": a.timescale_vague, "specific": a.specific} for a in report.actions],
        "findings": [[f.check, None if f.start is None else text[f.start:f.end]] for f in report.findings],
    }


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(reviewer, case):
    text = (case / "input.txt").read_text(encoding="utf-8")
    got = project(reviewer.review(text))
    expected_path = case / "expected.json"
    if os.environ.get("REVIEWER_UPDATE_GOLDEN"):
        expected_path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert got == expected
