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


_LEAD = re.compile(r"^\W*(?:(?:on|at|during|when|after|before|in|by|later|initially|today)\b[^,]{0,60},\s*)?"
                   r"(?P<subj>[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*)?)")
_PRONOUN = {"he", "she", "they"}


def child_referents(context: DocContext) -> list[bool]:
    """For each unit: does a leading he/she/they most likely refer to a child?

    The referent is the most recent named subject: a child's name or a child word makes
    pronouns the child's; an adult's name or role makes them the adult's. A section about the
    child's views starts with the child as referent.
    """
    from .resources import lexicons

    people = context.people
    child_words = set(lexicons()["child_refs"])
    adult_words = set(lexicons()["adult_refs"]) - {"i", "we"}
    state, section, out = False, None, []
    for unit in context.units:
        if unit.section != section:
            section = unit.section
            state = section == "child_views"
        match = _LEAD.match(unit.text)
        subj = match.group("subj") if match else ""
        first = subj.split()[0] if subj else ""
        low, first_low = subj.lower(), first.lower()
        if first_low in _PRONOUN:
            out.append(state)
            continue
        if first in people.children or low in child_words or first_low in child_words:
            state = True
        elif first in people.adults or low in adult_words or first_low in adult_words \
                or low.startswith(("mr ", "mrs ", "ms ", "dr ")):
            state = False
        else:
            names = set(re.findall(r"\b[A-Z][a-z]+\b", unit.text))
            if names & people.children and not names & people.adults:
                state = True
            elif names & people.adults and not names & people.children:
                state = False
        out.append(state)
    return out


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

    def _expand(self, pattern: str, people: People | None, pronouns: bool = False) -> str:
        for name, value in self.cues.macros.items():
            pattern = pattern.replace("{" + name + "}", value)
        if people is not None:
            child = people.child_alternation() + ("|he|she|they|him|them" if pronouns else "")
            # "Ruby (4 months) smiled": an age in brackets may sit between name and verb.
            child = f"(?:{child})(?:\\s*\\([^)]{{0,25}}\\))?"
            pattern = pattern.replace("{CHILD}", child)
            pattern = pattern.replace("{ADULT}", people.adult_alternation())
        return pattern

    def compile_for(self, people: People, pronouns: bool = False) -> list[tuple[CueRule, re.Pattern[str]]]:
        """Rules for one document; with `pronouns`, he/she/they stand for the child."""
        compiled = []
        for rule in self.cues.rules:
            pattern = self._static.get(rule.id)
            if pattern is None:
                pattern = re.compile(self._expand(rule.pattern, people, pronouns), re.IGNORECASE)
            compiled.append((rule, pattern))
        return compiled

    def predict(self, context: DocContext) -> list[Prediction]:
        plain = self.compile_for(context.people)
        with_pronouns = self.compile_for(context.people, pronouns=True)
        gaps = GapDetector(context.people)
        referents = child_referents(context)
        return [self._predict_unit(unit, with_pronouns if is_child else plain, gaps)
                for unit, is_child in zip(context.units, referents)]

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
