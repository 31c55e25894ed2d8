"""Assertion: gap statements ("The children were not seen alone", "Family history was not
explored"). They are never evidence for a label; they are reported as gaps at their place.
Patterns are data (`resources/gaps.json`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .errors import ConfigError
from .people import People
from .resources import load_json

_KEYS = {"check", "label", "pattern"}


@dataclass(frozen=True)
class GapRule:
    check: str
    label: str
    pattern: str


@dataclass(frozen=True)
class GapMatch:
    check: str
    label: str
    start: int
    end: int


@lru_cache(maxsize=1)
def gap_rules() -> tuple[GapRule, ...]:
    data = load_json("gaps.json", required=("rules",))
    rules = []
    for entry in data["rules"]:
        unknown = set(entry) - _KEYS
        if unknown or not _KEYS <= set(entry):
            raise ConfigError(f"resources/gaps.json: rule {entry.get('check')!r} must have exactly {sorted(_KEYS)}")
        rules.append(GapRule(**entry))
    return tuple(rules)


@lru_cache(maxsize=256)
def _compile(child: str) -> tuple[tuple[GapRule, re.Pattern[str]], ...]:
    """Gap rules with the document's child names filled in; cached, since batches and re-reviews
    of a draft meet the same names again."""
    return tuple((rule, re.compile(rule.pattern.replace("{CHILD}", child), re.IGNORECASE))
                 for rule in gap_rules())


class GapDetector:
    """Finds gap statements in a unit's text. Compiled once per document (names vary)."""

    def __init__(self, people: People):
        self._compiled = _compile(people.child_alternation())

    def find(self, text: str) -> list[GapMatch]:
        found = []
        for rule, pattern in self._compiled:
            match = pattern.search(text)
            if match:
                found.append(GapMatch(rule.check, rule.label, match.start(), match.end()))
        return found
