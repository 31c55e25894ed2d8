"""Document dimensions: each rated 0 absent, 1 weak, 2 adequate, 3 good, plus a 0-100 score.

A rating reflects coverage and quality, not just presence: the number of labelled sentences
and how many different kinds of evidence they give (weighted by `sentence_weight`), less stated gaps; for plans, the share
of actions that are specific and owned (less points for each vague task beyond the few a good
plan may have), or have a checkable timescale. The weights are data (`resources/ratings.toml`).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .report import DIMENSIONS_BY_TYPE, ActionResult, DimensionResult
from .resources import load_toml

# Which cue rules stand for which kind of evidence (aspects count coverage, not repetition).
HISTORY_ASPECTS = {
    "fh.upbringing": "parents' own childhoods", "fh.in_care": "parents' own childhoods",
    "fh.previous_involvement": "earlier involvement of services", "fh.known_to": "earlier involvement of services",
    "fh.previous_plan": "earlier involvement of services", "fh.no_previous": "checks of earlier involvement",
    "fh.checks": "checks of earlier involvement", "fh.removed": "earlier children removed or placed",
    "fh.relationship": "relationship history", "fh.past_event": "past significant events",
    "fh.history_of": "past abuse, substance misuse or mental health", "fh.criminal": "criminal history",
    "fh.extended_family": "extended family", "fh.older_siblings": "extended family",
    "fh.years_ago": "past significant events", "fh.genogram": "chronology or genogram",
}
VOICE_ASPECTS = {
    "cv.child_speech": "the child's own words", "cv.child_speech_inverted": "the child's own words",
    "cv.child_possessive": "the child's own words", "cv.told_me": "the child's own words",
    "cv.quote": "the child's own words", "cv.seen_alone": "the child seen alone",
    "cv.direct_work": "direct work", "cv.observed": "observation of the child",
    "cv.presentation": "observation of the child", "cv.baby_behaviour": "observation of the child",
    "cv.interaction": "observation of the child",
}
_RATING_WORDS = {0: "absent", 1: "weak", 2: "adequate", 3: "good"}


@dataclass
class Evidence:
    """What the labelled units say about one label."""

    sentences: int
    aspects: set[str]
    gaps: int
    total: int


@lru_cache(maxsize=1)
def _weights():
    return load_toml("ratings.toml")


def _rating(score: int, has_evidence: bool, dimension: str | None = None) -> int:
    """0 without evidence, else 1-3 by the score's cuts: the dimension's own (`[cuts.<dimension>]`)
    where ratings.toml gives them, else the shared `[cuts]`."""
    shared = _weights()["cuts"]
    cuts = shared.get(dimension, shared) if dimension else shared
    if not has_evidence or score < cuts.get("weak", 1):
        return 0  # none, or so little that it counts as absent ("1 of 10 actions has a timescale")
    if score >= cuts["good"]:
        return 3
    if score >= cuts["adequate"]:
        return 2
    return 1


def coverage_score(evidence: Evidence, params: dict) -> int:
    """0-100: `sentence_weight` x the share of `sentences_for_full` labelled sentences, plus the
    rest x the share of `aspects_for_full` kinds of evidence, less `gap_penalty` per stated gap.
    Without `sentence_weight` the two count equally (0.5)."""
    if evidence.sentences == 0:
        return 0
    weight = params.get("sentence_weight", 0.5)
    share = weight * min(evidence.sentences / params["sentences_for_full"], 1.0)
    share += (1 - weight) * min(len(evidence.aspects) / params["aspects_for_full"], 1.0)
    score = round(100 * share) - params["gap_penalty"] * evidence.gaps
    return max(1, min(100, score))


def rate_coverage(dimension: str, doc_type: str, evidence: Evidence) -> DimensionResult:
    params = _weights()[dimension]["assessment" if doc_type == "assessment" else "plan"]
    score = coverage_score(evidence, params)
    rating = _rating(score, evidence.sentences > 0, dimension)
    noun = "family history" if dimension == "family_history" else "the child's voice"
    if evidence.sentences == 0:
        summary = f"No sentence gives {noun}."
    else:
        kinds = ", ".join(sorted(evidence.aspects)) or "general statements"
        summary = (f"{_RATING_WORDS[rating].capitalize()}: {evidence.sentences} of {evidence.total} "
                   f"sentences give {noun} ({kinds}).")
        if params.get("sentence_weight", 0.5) >= 1:  # the kinds are listed, but only the count scores
            summary += f" The score counts the sentences ({params['sentences_for_full']} or more is full coverage)."
    if evidence.gaps:
        summary += f" {evidence.gaps} sentence(s) state a gap."
    return DimensionResult(rating, score, summary)


def specific_tasks_score(actions: list[ActionResult], weights: dict) -> int:
    """0-100: the weighted shares of actions that are specific, owned or both, less
    `unspecific_penalty` points for each aim or vague task beyond `unspecific_allowed`."""
    n = max(1, len(actions))
    both = sum(a.specific and a.owner is not None for a in actions) / n
    specific = sum(a.specific for a in actions) / n
    owned = sum(a.owner is not None for a in actions) / n
    unspecific = sum(not a.specific for a in actions)
    score = round(100 * (weights["weight_both"] * both + weights["weight_specific"] * specific
                         + weights["weight_owned"] * owned))
    score -= weights.get("unspecific_penalty", 0) * max(0, unspecific - weights.get("unspecific_allowed", 0))
    return max(0, min(100, int(score)))


def rate_actions(dimension: str, actions: list[ActionResult]) -> DimensionResult:
    if not actions:
        return DimensionResult(0, 0, "No actions were found in the plan.")
    n = len(actions)
    if dimension == "specific_tasks":
        w = _weights()["specific_tasks"]
        specific = sum(bool(a.specific) for a in actions)
        owned = sum(a.owner is not None for a in actions)
        score = specific_tasks_score(actions, w)
        rating = _rating(score, specific > 0 or owned > 0, dimension)
        summary = (f"{_RATING_WORDS[rating].capitalize()}: {specific} of {n} actions are specific, "
                   f"{owned} name who is responsible.")
        beyond = n - specific - w.get("unspecific_allowed", 0)
        if w.get("unspecific_penalty", 0) and beyond > 0:
            summary += (f" {n - specific} are aims or vague tasks: {w['unspecific_penalty']} points off for each "
                        f"beyond {w.get('unspecific_allowed', 0)}.")
    else:
        with_time = sum(a.timescale is not None for a in actions)
        vague = sum(a.timescale is None and a.timescale_vague is not None for a in actions)
        credit = _weights()["timescales"]["vague_credit"]
        score = round(100 * (with_time + credit * vague) / n)
        rating = _rating(score, with_time > 0, dimension)
        summary = f"{_RATING_WORDS[rating].capitalize()}: {with_time} of {n} actions have a checkable timescale"
        summary += f"; {vague} have only a vague one." if vague else "."
    return DimensionResult(rating, max(0, min(100, score)), summary)


def rate_document(doc_type: str, history: Evidence, voice: Evidence,
                  actions: list[ActionResult]) -> dict[str, DimensionResult]:
    out = {}
    for dimension in DIMENSIONS_BY_TYPE[doc_type]:
        if dimension == "family_history":
            out[dimension] = rate_coverage(dimension, doc_type, history)
        elif dimension == "child_voice":
            out[dimension] = rate_coverage(dimension, doc_type, voice)
        else:
            out[dimension] = rate_actions(dimension, actions)
    return out
