"""The document ratings: coverage scores (family history, child voice) from the labelled
sentences, specific-tasks and timescales scores from the action judgements, their cuts, and the
search in training/train.py that fits them (which must agree with reviewer/dimensions.py)."""
import sys
from pathlib import Path

import numpy as np
import pytest

from reviewer import dimensions
from reviewer.report import ActionResult

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "training"))
import train as T  # noqa: E402

WEIGHTS = {"weight_both": 0.1, "weight_specific": 0.9, "weight_owned": 0.0,
           "unspecific_penalty": 3, "unspecific_allowed": 1}


def action(specific=True, owner="Mum", timescale="by 14/03/2025", vague=None) -> ActionResult:
    return ActionResult(start=0, end=1, owner=owner, task="attend the Freedom Programme",
                        timescale=timescale, timescale_vague=vague, specific=specific)


def plan(n_specific: int, n_vague: int, owner="Mum") -> list[ActionResult]:
    return ([action(owner=owner) for _ in range(n_specific)]
            + [action(specific=False, owner=owner, timescale=None, vague="ongoing") for _ in range(n_vague)])


@pytest.fixture
def weights(monkeypatch):
    """ratings.toml with the specific-task weights and cuts of these tests."""
    data = {**dimensions._weights()}
    data["specific_tasks"] = dict(WEIGHTS)
    data["cuts"] = {**data["cuts"], "specific_tasks": {"good": 85, "adequate": 60, "weak": 1},
                    "timescales": {"good": 70, "adequate": 55, "weak": 15}}
    monkeypatch.setattr(dimensions, "_weights", lambda: data)
    return data


def test_score_is_share_less_penalty_beyond_allowed():
    # 10 specific and owned of 12: 100 x (0.1 x 10/12 + 0.9 x 10/12) = 83, less 3 x (2 - 1)
    assert dimensions.specific_tasks_score(plan(10, 2), WEIGHTS) == 80
    # one vague task is allowed: no penalty
    assert dimensions.specific_tasks_score(plan(10, 1), WEIGHTS) == round(100 * 10 / 11)
    assert dimensions.specific_tasks_score(plan(5, 0), WEIGHTS) == 100


def test_penalty_is_off_without_the_keys():
    old = {"weight_both": 0.1, "weight_specific": 0.9, "weight_owned": 0.0}
    assert dimensions.specific_tasks_score(plan(10, 2), old) == 83


def test_score_never_below_zero():
    assert dimensions.specific_tasks_score(plan(0, 40), WEIGHTS) == 0


def test_owned_specific_plan_rates_above_vague_plan(weights):
    good = dimensions.rate_actions("specific_tasks", plan(8, 0))
    vague = dimensions.rate_actions("specific_tasks", plan(0, 8))
    assert good.rating == 3 and good.score == 100
    assert vague.rating == 0 and vague.score == 0
    assert "0 of 8 actions are specific" in vague.summary


def test_many_vague_tasks_cost_more_than_one(weights):
    """Same share of vague tasks, but a long plan with five of them is not "nearly all concrete"."""
    short = dimensions.rate_actions("specific_tasks", plan(9, 1))
    long = dimensions.rate_actions("specific_tasks", plan(45, 5))
    assert short.rating == 3
    assert long.score < short.score and long.rating == 2
    assert "3 points off for each beyond 1" in long.summary
    assert "points off" not in short.summary


def test_owner_weight_counts(weights):
    weights["specific_tasks"].update(weight_both=0.5, weight_specific=0.5)
    owned = dimensions.rate_actions("specific_tasks", plan(6, 0))
    unowned = dimensions.rate_actions("specific_tasks", plan(6, 0, owner=None))
    assert owned.score == 100 and unowned.score == 50
    assert owned.rating > unowned.rating


def test_no_actions_rate_absent(weights):
    for dim in ("specific_tasks", "timescales"):
        result = dimensions.rate_actions(dim, [])
        assert (result.rating, result.score) == (0, 0)


def test_timescales_half_missing_is_weak(weights):
    timed = [action() for _ in range(6)]
    half = [action() for _ in range(3)] + [action(timescale=None, vague="TBC") for _ in range(3)]
    assert dimensions.rate_actions("timescales", timed).rating == 3
    result = dimensions.rate_actions("timescales", half)
    assert result.rating == 1 and result.score == 50
    assert "3 of 6 actions have a checkable timescale; 3 have only a vague one." in result.summary


def test_train_search_agrees_with_reviewer(weights):
    """train.py's vectorised scoring is the formula of dimensions.py."""
    plans = [plan(9, 1), plan(45, 5), plan(3, 3), plan(0, 4), plan(5, 0, owner=None), plan(12, 2)]
    rows = [{"actions": p} for p in plans]
    st = T.specific_task_stats(rows)
    assert st[:, 4].tolist() == [1, 5, 3, 4, 0, 2]  # unspecific counts
    assert st[0, 1:4].tolist() == pytest.approx([0.9, 0.9, 1.0])
    w = np.array([[WEIGHTS["weight_both"], WEIGHTS["weight_specific"], WEIGHTS["weight_owned"]]])
    pen = np.array([[WEIGHTS["unspecific_penalty"], WEIGHTS["unspecific_allowed"]]], dtype=float)
    fast = T.specific_task_ratings(st, w, pen, 85, 60, 1)[0]
    params = {"cuts": weights["cuts"], "specific_tasks": WEIGHTS}
    assert fast.tolist() == [dimensions.rate_actions("specific_tasks", p).rating for p in plans]
    assert fast.tolist() == [T.action_rating("specific_tasks", p, params) for p in plans]


def _doc_row(actions, gold: int, i: int) -> dict:
    return {"doc": {"id": f"t{i}", "doc_type": "cp_plan", "ratings": {"specific_tasks": gold}},
            "actions": actions}


def test_tuning_learns_the_penalty_when_counts_decide():
    """Gold ratings that depend on the number of vague tasks, not their share: the search finds a
    penalty, and without it (unspecific_penalty=False) it keeps the former formula."""
    rows = []
    for i, (n_spec, n_vague, gold) in enumerate([(9, 1, 3), (45, 5, 2), (18, 2, 3), (36, 4, 2), (27, 3, 2),
                                                  (8, 0, 3), (40, 6, 1), (4, 4, 1), (0, 6, 0), (30, 2, 3)]):
        rows.append(_doc_row(plan(n_spec, n_vague), gold, i))
    start = {"cuts": {"good": 80, "adequate": 60, "weak": 1},
             "specific_tasks": {"weight_both": 0.7, "weight_specific": 0.15, "weight_owned": 0.15,
                                "unspecific_penalty": 0, "unspecific_allowed": 0},
             "family_history": {}, "child_voice": {}, "timescales": {"vague_credit": 0.0}}
    tuned, summary = T.tune_ratings(rows, start)
    assert tuned["specific_tasks"]["unspecific_penalty"] > 0
    assert summary["train_dev_mean_spearman_after"] > summary["train_dev_mean_spearman_before"]
    kept, _ = T.tune_ratings(rows, start, unspecific_penalty=False)
    assert kept["specific_tasks"]["unspecific_penalty"] == 0
    # deterministic: the same rows give the same parameters
    assert T.tune_ratings(rows, start)[0] == tuned


# -- coverage: family history and child voice ------------------------------------------------------

COVERAGE = {"sentences_for_full": 10, "aspects_for_full": 4, "gap_penalty": 10}


def evidence(sentences: int, kinds: int, gaps: int = 0, total: int = 60) -> dimensions.Evidence:
    return dimensions.Evidence(sentences=sentences, aspects={f"kind {k}" for k in range(kinds)},
                               gaps=gaps, total=total)


def test_coverage_without_weight_counts_sentences_and_kinds_equally():
    # 0.5 x 5/10 + 0.5 x 2/4 = 0.5, less 10 for the gap
    assert dimensions.coverage_score(evidence(5, 2, gaps=1), COVERAGE) == 40
    assert dimensions.coverage_score(evidence(5, 2), {**COVERAGE, "sentence_weight": 0.5}) == 50
    assert dimensions.coverage_score(evidence(0, 0), COVERAGE) == 0


def test_sentence_weight_one_scores_the_count_alone():
    alone = {**COVERAGE, "sentence_weight": 1.0}
    assert dimensions.coverage_score(evidence(8, 0), alone) == 80
    assert dimensions.coverage_score(evidence(8, 4), alone) == 80
    # with equal weights the kinds decide between these two; with the count alone, the count does
    assert dimensions.coverage_score(evidence(2, 4), COVERAGE) > dimensions.coverage_score(evidence(9, 0), COVERAGE)
    assert dimensions.coverage_score(evidence(2, 4), alone) < dimensions.coverage_score(evidence(9, 0), alone)
    assert dimensions.coverage_score(evidence(7, 3), {**COVERAGE, "sentence_weight": 0.7}) == round(100 * (0.49 + 0.225))


def test_coverage_summary_says_what_scores(monkeypatch):
    data = {**dimensions._weights()}
    data["family_history"] = {"assessment": {**COVERAGE, "sentence_weight": 1.0}, "plan": dict(COVERAGE)}
    data["cuts"] = {**data["cuts"], "family_history": {"good": 80, "adequate": 60, "weak": 1}}
    monkeypatch.setattr(dimensions, "_weights", lambda: data)
    result = dimensions.rate_coverage("family_history", "assessment", evidence(9, 1))
    assert (result.rating, result.score) == (3, 90)
    assert result.summary.startswith("Good: 9 of 60 sentences give family history (kind 0).")
    assert "The score counts the sentences (10 or more is full coverage)." in result.summary
    plan_result = dimensions.rate_coverage("family_history", "cp_plan", evidence(9, 1))
    assert "counts the sentences" not in plan_result.summary  # equal weights: the kinds count too


def test_train_coverage_scores_agree_with_reviewer():
    cases = [(0, 0, 0), (1, 4, 0), (5, 2, 1), (9, 0, 0), (12, 1, 3), (7, 3, 0)]
    for weight in (0.5, 0.7, 1.0):
        params = {**COVERAGE, "sentence_weight": weight}
        fast = T.coverage_scores(np.array([c[0] for c in cases]), np.array([c[1] for c in cases]),
                                 np.array([c[2] for c in cases]), 10, 4, 10, weight)
        assert fast.tolist() == [dimensions.coverage_score(evidence(*c), params) for c in cases]


def _history_row(sentences: int, kinds: int, gold: int, i: int) -> dict:
    return {"doc": {"id": f"h{i}", "doc_type": "assessment", "ratings": {"family_history": gold}},
            "history": evidence(sentences, kinds), "voice": evidence(0, 0), "actions": []}


def test_tuning_learns_the_sentence_weight_when_the_count_decides():
    """Gold ratings that follow the number of sentences while the kinds the rules name do not (long
    histories with no named kind, short ones naming many): the search weights the count, and
    without the weight search (sentence_weight=False) the equal weights stay."""
    data = [(1, 4, 1), (2, 4, 1), (3, 3, 1), (4, 5, 1), (5, 4, 2), (6, 1, 2), (7, 0, 2),
            (9, 0, 3), (10, 1, 3), (12, 0, 3), (14, 2, 3), (0, 0, 0)]
    rows = [_history_row(n, a, gold, i) for i, (n, a, gold) in enumerate(data)]
    coverage = {"sentences_for_full": 8, "aspects_for_full": 4, "gap_penalty": 10, "sentence_weight": 0.5}
    start = {"cuts": {"good": 80, "adequate": 60, "weak": 1},
             "family_history": {"assessment": dict(coverage), "plan": dict(coverage)},
             "child_voice": {"assessment": dict(coverage), "plan": dict(coverage)},
             "specific_tasks": dict(WEIGHTS), "timescales": {"vague_credit": 0.0}}
    tuned, summary = T.tune_ratings(rows, start)
    assert tuned["family_history"]["assessment"]["sentence_weight"] > 0.5
    assert summary["train_dev_mean_spearman_after"] > summary["train_dev_mean_spearman_before"]
    kept, kept_summary = T.tune_ratings(rows, start, sentence_weight=False)
    assert kept["family_history"]["assessment"]["sentence_weight"] == 0.5
    assert summary["train_dev_mean_spearman_after"] > kept_summary["train_dev_mean_spearman_after"]
    assert T.tune_ratings(rows, start)[0] == tuned  # deterministic


def test_child_voice_keeps_its_sentence_weight():
    """The weight search is for family history only (train.SENTENCE_WEIGHT_DIMENSIONS): the same
    count-driven gold ratings as child voice leave child voice's weight as set."""
    data = [(1, 4, 1), (2, 4, 1), (3, 3, 1), (4, 5, 1), (5, 4, 2), (6, 1, 2), (7, 0, 2),
            (9, 0, 3), (10, 1, 3), (12, 0, 3), (14, 2, 3), (0, 0, 0)]
    rows = [{"doc": {"id": f"v{i}", "doc_type": "assessment", "ratings": {"child_voice": gold}},
             "history": evidence(0, 0), "voice": evidence(n, a), "actions": []} for i, (n, a, gold) in enumerate(data)]
    coverage = {"sentences_for_full": 8, "aspects_for_full": 4, "gap_penalty": 10, "sentence_weight": 0.5}
    start = {"cuts": {"good": 80, "adequate": 60, "weak": 1},
             "family_history": {"assessment": dict(coverage), "plan": dict(coverage)},
             "child_voice": {"assessment": dict(coverage), "plan": dict(coverage)},
             "specific_tasks": dict(WEIGHTS), "timescales": {"vague_credit": 0.0}}
    tuned, _ = T.tune_ratings(rows, start)
    assert tuned["child_voice"]["assessment"]["sentence_weight"] == 0.5
