"""Sentence labels `family_history` and `child_voice`: the labeller interface and the rules.

A labeller takes the document's units and returns, for each unit, a probability per label and
a reason a person can read. The rule labeller below reads its cues from
`resources/cues.json`; trained labellers (see `reviewer/models.py`) implement the same
interface and can be combined with it.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol, Sequence

from .assertion import GapDetector, GapMatch
from .errors import ConfigError
from .people import People
from .report import LABELS
from .resources import load_json
from .segment import Unit

GAP_CAP = 0.15  # a gap statement is never evidence: its label's probability is held below this


@dataclass
class DocContext:
    """What a labeller may know about the document beyond the unit itself."""

    text: str
    doc_type: str | None
    people: People
    units: Sequence[Unit]


@dataclass
class Prediction:
    scores: dict[str, float]
    reasons: dict[str, str] = field(default_factory=dict)
    gaps: list[GapMatch] = field(default_factory=list)


class SentenceLabeller(Protocol):
    name: str
    version: str

    def predict(self, context: DocContext) -> list[Prediction]:
        """One prediction per unit of `context.units`, in order."""
        ...


@dataclass(frozen=True)
class CueRule:
    id: str
    label: str
    weight: float
    pattern: str


@dataclass(frozen=True)
class CueSet:
    bias: dict[str, float]
    section_prior: dict[str, dict[str, float]]
    macros: dict[str, str]
    rules: tuple[CueRule, ...]


@lru_cache(maxsize=1)
def default_cues() -> CueSet:
    data = load_json("cues.json", required=("bias", "section_prior", "macros", "rules"))
    rules = []
    for entry in data["rules"]:
        keys = set(entry)
        if keys != {"id", "label", "weight", "pattern"}:
            raise ConfigError(f"resources/cues.json: rule {entry.get('id')!r} has keys {sorted(keys)}")
        if entry["label"] not in LABELS:
            raise ConfigError(f"resources/cues.json: rule {entry['id']!r} has unknown label {entry['label']!r}")
        rules.append(CueRule(**entry))
    return CueSet(data["bias"], data["section_prior"], data["macros"], tuple(rules))


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


class RuleLabeller:
    """Weighted regex cues per label, with gap statements capping the label they deny."""

    name = "rules"
    version = "rules-1"

    def __init__(self, cues: CueSet | None = None):
        self.cues = cues or default_cues()
        # Rules without document-specific macros are compiled once for every document.
        self._static: dict[str, re.Pattern[str]] = {}
        for rule in self.cues.rules:
            if "{CHILD}" not in rule.pattern and "{ADULT}" not in rule.pattern:
                self._static[rule.id] = re.compile(self._expand(rule.pattern, None), re.IGNORECASE)

    def _expand(self, pattern: str, people: People | None) -> str:
        for name, value in self.cues.macros.items():
            pattern = pattern.replace("{" + name + "}", value)
        if people is not None:
            pattern = pattern.replace("{CHILD}", people.child_alternation())
            pattern = pattern.replace("{ADULT}", people.adult_alternation())
        return pattern

    def compile_for(self, people: People) -> list[tuple[CueRule, re.Pattern[str]]]:
        compiled = []
        for rule in self.cues.rules:
            pattern = self._static.get(rule.id)
            if pattern is None:
                pattern = re.compile(self._expand(rule.pattern, people), re.IGNORECASE)
            compiled.append((rule, pattern))
        return compiled

    def predict(self, context: DocContext) -> list[Prediction]:
        compiled = self.compile_for(context.people)
        gaps = GapDetector(context.people)
        return [self._predict_unit(unit, compiled, gaps) for unit in context.units]

    def evidence(self, text: str, section: str, compiled, gaps: GapDetector) -> tuple[dict[str, float], dict[str, list[str]], list[GapMatch]]:
        """Raw scores (logits) per label, the rules that fired, and the gap statements found."""
        logits = {label: self.cues.bias.get(label, 0.0)
                  + self.cues.section_prior.get(label, {}).get(section, 0.0) for label in LABELS}
        fired: dict[str, list[str]] = {label: [] for label in LABELS}
        for rule, pattern in compiled:
            match = pattern.search(text)
            if match:
                logits[rule.label] += rule.weight
                fired[rule.label].append(f"{rule.id} ('{match.group(0).strip()[:40]}')")
        return logits, fired, gaps.find(text)

    def _predict_unit(self, unit: Unit, compiled, gaps: GapDetector) -> Prediction:
        logits, fired, found = self.evidence(unit.text, unit.section, compiled, gaps)
        scores, reasons = {}, {}
        gap_labels = {g.label for g in found}
        for label in LABELS:
            p = _sigmoid(logits[label])
            if label in gap_labels:
                p = min(p, GAP_CAP)
                reasons[label] = "gap statement: " + ", ".join(g.check for g in found if g.label == label)
            elif fired[label]:
                reasons[label] = "rules: " + "; ".join(fired[label])
            scores[label] = round(p, 4)
        return Prediction(scores=scores, reasons=reasons, gaps=found)
