"""The learned action detector: a backup beside the action rules (reviewer/action_detector.py)."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest

from reviewer.action_detector import FEATURE_VERSION, ActionDetector, ActionDetectorError, default_detector
from reviewer.actions import ActionExtractor
from reviewer.people import find_people
from reviewer.segment import Segmenter
from reviewer.trained import ModelFilesMissing, models_dir

ROOT = Path(__file__).resolve().parents[2]

# A layout the rules do not read: "Owner: task by date" lines written as prose under the plan,
# with no "will" / "to" and no table or Action/Who/When block.
PLAN = """CHILD IN NEED PLAN

Family: Okafor. Child: Amara Okafor (aged 7). Mother: Grace Okafor.

Background
Amara lives with her mother Grace. The school raised concerns about her attendance last term. Grace said she had been unwell and found mornings hard.

What we are going to do

Grace: Amara's school run every morning, starting Monday 3 March 2025.
Social worker Ruth Bell: referral to the young carers service by 14 March 2025.
School nurse: health check for Amara at school before 31 March 2025.
Family support worker: weekly home visits on Thursdays to help with the morning routine.

Review
The plan will be reviewed at the CIN review on 2 May 2025.
"""

NARRATIVE = """CHILD IN NEED PLAN

The plan

Amara has missed eleven days of school since September and was late on most other days.
Grace told me that mornings were difficult because she works night shifts at the hospital.
When I visited on 4 February 2025 the home was warm and tidy and Amara showed me her room.
I think Amara is a caring girl who worries about her mother.
"""


@pytest.fixture(scope="module")
def detector() -> ActionDetector:
    folder = models_dir() / "action_detector"
    if not (folder / "model.json").exists():
        pytest.skip(f"no action detector in {folder} (run `make train`)")
    return default_detector()


def _extract(text: str, detector: ActionDetector | None, doc_type: str = "cin_plan"):
    seg = Segmenter()(text)
    ext = ActionExtractor(find_people(text), use_parser=False, detector=detector)
    return ext(seg.units, text, doc_type, seg.headings)


def _line(text: str, start: int) -> str:
    return text[start:text.index("\n", start)]


def test_actions_in_a_layout_the_rules_miss_are_found_and_judged(detector):
    lines = ["Social worker Ruth Bell: referral", "School nurse: health check", "Family support worker: weekly"]
    rules = _extract(PLAN, None)
    assert not [a for a in rules if any(_line(PLAN, a.start).startswith(x) for x in lines)], rules
    both = _extract(PLAN, detector)
    found = {x: a for a in both for x in lines if _line(PLAN, a.start).startswith(x)}
    assert set(found) == set(lines), both
    # Read and judged by the same owner / timescale / specific code as a rule-found action.
    ruth = found["Social worker Ruth Bell: referral"]
    assert ruth.owner and "Ruth Bell" in ruth.owner and ruth.owner_problem is None
    assert ruth.timescale_date == "2025-03-14" and ruth.specific
    assert "young carers" in ruth.task and "14 March" not in ruth.task
    assert found["School nurse: health check"].timescale_date == "2025-03-31"
    # The rules' own actions are kept, in document order.
    assert {a.start for a in rules} <= {a.start for a in both}
    assert [a.start for a in both] == sorted(a.start for a in both)


def test_narrative_and_analysis_are_not_actions(detector):
    assert _extract(NARRATIVE, detector) == []
    # Background sentences of the plan document stay out too.
    both = _extract(PLAN, detector)
    assert not [a for a in both if "unwell" in PLAN[a.start:a.end] or "lives with" in PLAN[a.start:a.end]]


def test_the_reviewer_uses_the_detector(detector):
    from reviewer.labels import RuleLabeller
    from reviewer.reviewer import Reviewer

    report = Reviewer(RuleLabeller(), use_parser=False).review(PLAN, doc_type="cin_plan")
    assert any(PLAN[a.start:a.end].startswith("School nurse: health check") for a in report.actions)
    rules_only = Reviewer(RuleLabeller(), use_parser=False, action_detector=None).review(PLAN, doc_type="cin_plan")
    assert not any(PLAN[a.start:a.end].startswith("School nurse") for a in rules_only.actions)


def _copy_model(tmp_path: Path) -> Path:
    src = models_dir() / "action_detector"
    if not (src / "model.json").exists():
        pytest.skip("no action detector to copy (run `make train`)")
    dst = tmp_path / "action_detector"
    shutil.copytree(src, dst)
    return dst


def test_loading_refuses_another_feature_version(tmp_path):
    folder = _copy_model(tmp_path)
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    meta["feature_version"] = FEATURE_VERSION + 1
    (folder / "model.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ActionDetectorError, match="make train"):
        ActionDetector.load(folder)


@pytest.mark.parametrize("missing", ["model.json", "weights.npz"])
def test_loading_names_make_train_when_files_are_missing(tmp_path, missing):
    folder = _copy_model(tmp_path)
    (folder / missing).unlink()
    with pytest.raises(ModelFilesMissing, match="make train"):
        ActionDetector.load(folder)


def test_weights_are_numbers_only(tmp_path):
    folder = _copy_model(tmp_path)
    with np.load(folder / "weights.npz", allow_pickle=False) as data:
        assert all(data[k].dtype.kind == "f" for k in data.files)
    assert ActionDetector.load(folder).threshold == 0.5


def test_training_is_deterministic_and_never_reads_test(tmp_path):
    sys.path.insert(0, str(ROOT / "training"))
    try:
        import train_action_detector as tad
    finally:
        sys.path.remove(str(ROOT / "training"))
    docs = tad.training_documents()
    if not docs:
        pytest.skip("no corpus")
    assert {d["split"] for d in docs} <= {"train", "dev"}
    subset = [d for d in docs if d["doc_type"] != "assessment"][:6] + \
        [d for d in docs if d["doc_type"] == "assessment"][:2]
    for run in ("a", "b"):
        detector, prepared = tad.train(subset)
        tad.write(detector, prepared, tmp_path / run)
    assert (tmp_path / "a" / "model.json").read_bytes() == (tmp_path / "b" / "model.json").read_bytes()
    with np.load(tmp_path / "a" / "weights.npz", allow_pickle=False) as a, \
            np.load(tmp_path / "b" / "weights.npz", allow_pickle=False) as b:
        assert sorted(a.files) == sorted(b.files)
        for key in a.files:
            assert np.array_equal(a[key], b[key]), key
    with pytest.raises(AssertionError):
        tad.fit([tad.Prepared({"split": "test"}, [], [], [])])
