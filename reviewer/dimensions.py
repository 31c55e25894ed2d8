"""Document dimensions: each rated 0 absent, 1 weak, 2 adequate, 3 good, plus a 0-100 score.

A rating reflects coverage and quality, not just presence: the number of labelled sentences
and how many different kinds of evidence they give, less stated gaps; for plans, the share
of actions that are specific and owned, or have a checkable timescale. The weights are data
(`resources/ratings.toml`).
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


def _coverage_score(evidence: Evidence, params: dict) -> int:
    if evidence.sentences == 0:
        return 0
    share = 0.5 * min(evidence.sentences / params["sentences_for_full"], 1.0)
    share += 0.5 * min(len(evidence.aspects) / params["aspects_for_full"], 1.0)
    score = round(100 * share) - params["gap_penalty"] * evidence.gaps
    return max(1, min(100, score))


def rate_coverage(dimension: str, doc_type: str, evidence: Evidence) -> DimensionResult:
    params = _weights()[dimension]["assessment" if doc_type == "assessment" else "plan"]
    score = _coverage_score(evidence, params)
    rating = _rating(score, evidence.sentences > 0, dimension)
    noun = "family history" if dimension == "family_history" else "the child's voice"
    if evidence.sentences == 0:
        summary = f"No sentence gives {noun}."
    else:
        kinds = ", ".join(sorted(evidence.aspects)) or "general statements"
        summary = (f"{_RATING_WORDS[rating].capitalize()}: {evidence.sentences} of {evidence.total} "
                   f"sentences give {noun} ({kinds}).")
    if evidence.gaps:
        summary += f" {evidence.gaps} sentence(s) state a gap."
    return DimensionResult(rating, score, summary)


def rate_actions(dimension: str, actions: list[ActionResult]) -> DimensionResult:
    if not actions:
        return DimensionResult(0, 0, "No actions were found in the plan.")
    n = len(actions)
    if dimension == "specific_tasks":
        w = _weights()["specific_tasks"]
        both = sum(a.specific and a.owner is not None for a in actions) / n
        specific = sum(a.specific for a in actions) / n
        owned = sum(a.owner is not None for a in actions) / n
        score = round(100 * (w["weight_both"] * both + w["weight_specific"] * specific
                             + w["weight_owned"] * owned))
        rating = _rating(score, both > 0 or specific > 0 or owned > 0, dimension)
        summary = (f"{_RATING_WORDS[rating].capitalize()}: {round(specific * n)} of {n} actions are specific, "
                   f"{round(owned * n)} name who is responsible.")
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
