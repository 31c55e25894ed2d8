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
    """What a labeller may know about the document beyond the unit itself.

    `people` is the document's people as the labellers see them: the introductions found by
    `find_people`, completed by `label_people` (children introduced in ways it does not read).
    The caller's `People` is not changed.
    """

    text: str
    doc_type: str | None
    people: People
    units: Sequence[Unit]

    def __post_init__(self) -> None:
        self.people = label_people(self.text, self.people)


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


# -- who is a child: completing the document's introductions ------------------------------------
#
# Child voice turns on who is the subject ("Ellie said" is the child's voice, "Mum said" is not),
# so a child the introductions missed ("Rohan Mistry, 15 (DOB …)", "| Oliwia Nowak | Child | 8 |",
# "Tobi" for "Oluwatobi") loses every sentence about them, and pronouns after them point at the
# last adult. The patterns are data (`cues.json`, "people"): `child` introductions make a name a
# child unless a `strong_adult` pattern also names them (a role or title next to the name, an
# adult age); an incidental match such as "HV, Sofia" or "the social worker Anika's" no longer
# outweighs "Child: Sofia …". A short form of a child's name (a part of a hyphenated name, or
# the start or end of a long one) found on its own is the same child.

_NAME_WORD = r"([A-ZÀ-ÖØ-ÞŁŚŻŹĆŃŠŽČĎĚŇŘŤŮŞĞİ][a-zß-öø-ÿłśżźćńąęšžčďěňřťůşğıăâîț]+(?:-[A-Z]?[a-z]+)?)"


@lru_cache(maxsize=1)
def _people_patterns() -> tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...], int]:
    data = load_json("cues.json", required=("people",))["people"]
    child = tuple(re.compile(p.replace("{NAME}", _NAME_WORD)) for p in data["child"])
    adult = tuple(re.compile(p.replace("{NAME}", _NAME_WORD)) for p in data["strong_adult"])
    return child, adult, int(data.get("max_child_age", 17))


def _in_lower_case(name: str, text: str) -> bool:
    """A capitalised word found as often in lower case ("Assessment", "Steps") is not a name; a
    name a writer sometimes types in lower case ("ellie") still is."""
    lower = len(re.findall(r"(?<![\w'-])" + re.escape(name.lower()) + r"(?![\w'-])", text))
    return lower > 0 and lower >= len(re.findall(r"(?<![\w'-])" + re.escape(name) + r"(?![\w'-])", text))


def _short_forms(names: set[str]) -> set[str]:
    """The first part of a hyphenated name; the starts and ends (4+ letters) of a long name."""
    forms = set()
    for name in names:
        if "-" in name:
            forms.add(name.split("-", 1)[0])
        elif len(name) >= 7:
            forms.update(name[:k] for k in range(4, len(name) - 2))
            forms.update(name[-k:].capitalize() for k in range(4, len(name) - 2))
    return {f for f in forms if len(f) > 2}


def _found(forms: set[str], text: str) -> set[str]:
    if not forms:
        return set()
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return set(re.findall(r"(?<![\w'-])(" + alternation + r")\b(?!-)", text))


def label_people(text: str, people: People) -> People:
    """`people` completed with the children its introductions missed (a new object)."""
    from .people import _NOT_NAMES

    child_pats, adult_pats, max_age = _people_patterns()
    found: set[str] = set()
    for pattern in child_pats:
        for match in pattern.finditer(text):
            name = match.group(1)
            age = match.groupdict().get("age")
            if age is not None and int(age) > max_age:
                continue
            found.add(name)
    children = set(people.children)
    adults = set(people.adults)
    new = {n for n in found - children if n not in _NOT_NAMES and len(n) > 1}
    # Short forms: "Tobi" for "Oluwatobi", "Tyler" for "Tyler-James" (and "Funmi" for the adult
    # "Funmilayo").
    child_forms, adult_forms = _short_forms(children | new), _short_forms(adults)
    child_forms -= children | new | adults | adult_forms | set(_NOT_NAMES)
    adult_forms -= children | new | adults | child_forms | set(_NOT_NAMES)
    short = _found(child_forms, text)
    short_adults = _found(adult_forms, text)
    if not new and not short and not short_adults:
        return people
    strong_adults = {m.group(1) for p in adult_pats for m in p.finditer(text)} if new or short else set()
    new = {n for n in new - strong_adults if not _in_lower_case(n, text)}
    short = {n for n in short - strong_adults if not _in_lower_case(n, text)}
    short_adults = {n for n in short_adults if not _in_lower_case(n, text)}
    if not new and not short and not short_adults:
        return people
    children |= new | short
    adults |= short_adults
    return People(children=children, adults=adults - new - short, ages=dict(people.ages))


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
            # Names inside a quotation are the speaker's words, not who the sentence is about.
            names = set(re.findall(r"\b[A-Z][a-z]+\b", unit.text))
            if names & people.children and not names & people.adults:
                state = True
            elif names & people.adults and not names & people.children:
                state = False
        out.append(state)
    return out


_SPACE = re.compile(r"\s+")


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


# -- matching document-specific rules without compiling them per document ---------------------
#
# A rule that names the document's people ({CHILD}, {ADULT}) would be compiled for every
# document, at milliseconds a rule. Instead each rule is expanded once with markers where the
# names go, split into its top-level branches, and per document each branch is matched by the
# cheapest exact means: a branch that starts with the child (`\b({CHILD})…`) as "the names,
# then the rest" with the rest compiled once per process (`_ChildLed`); a branch that names the
# child elsewhere is compiled only when a name-free superset of it matches a unit
# (`_Prefiltered`); anything else is compiled, cached by its text. Whatever cannot be shown to
# be the same pattern is compiled whole, as before. Every means gives exactly the match of the
# compiled pattern (tests/batch/test_fast_paths.py compares them).

@lru_cache(maxsize=256)
def _compile(pattern: str, flags: int) -> re.Pattern[str]:
    """`re.compile`, cached (re's own cache is shared with everything else); a document's
    patterns are reused by both of its pronoun variants and by documents naming the same people."""
    return re.compile(pattern, flags)


_SENTINEL_CHILD, _SENTINEL_ADULT = "\x00CHILD\x00", "\x00ADULT\x00"
# `\b((?:a1|a2|…)`: the child alternation opening a branch, every alternative a literal.
_LITERAL = r"(?:\\[^A-Za-z0-9]|[^\\.^$*+?{}\[\]|()])+"
_CHILD_LED = re.compile(r"\\b\(\(\?:(" + _LITERAL + r"(?:\|" + _LITERAL + r")*)\)")
_FRAGMENT = re.compile(_LITERAL)
# The names in a superset: one to four words, which every child alternative must be.
_ANY_NAME = r"[\w'’-]+(?: [\w'’-]+){0,3}"
_NAME_ALTERNATIVE = re.compile(r"(?:[\w'’-]|\\['’-])+(?:\\? (?:[\w'’-]|\\['’-])+){0,3}")
# Constructs under which a wider alternation need not find more, or that tie branches together.
_NOT_MONOTONE = re.compile(r"\(\?<?!|\(\?>|[+*?}]\+|\\[1-9]|\(\?P=|\(\?\(")
_MARKER_PLACE = re.compile("(?<![^(|:])\x00CHILD\x00(?=[)|])")


def _split_top_level(pattern: str) -> list[str] | None:
    """The top-level branches of a pattern (split at '|' outside groups and classes)."""
    branches, depth, start, i, n = [], 0, 0, 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i += 1
            if i < n and pattern[i] == "^":
                i += 1
            if i < n and pattern[i] == "]":
                i += 1
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return None
        elif c == "|" and depth == 0:
            branches.append(pattern[start:i])
            start = i + 1
        i += 1
    if depth != 0:
        return None
    branches.append(pattern[start:])
    return branches


class _Markers:
    """Stands in for `People` to expand a rule with markers where the names go."""

    def child_alternation(self) -> str:
        return _SENTINEL_CHILD

    def adult_alternation(self) -> str:
        return _SENTINEL_ADULT


class _Memo:
    """`People` with its regex alternations built once (each escapes a hundred words)."""

    def __init__(self, people: People):
        self._people = people
        self._child: str | None = None
        self._adult: str | None = None

    def __getattr__(self, name: str):
        return getattr(self._people, name)

    def child_alternation(self) -> str:
        if self._child is None:
            self._child = self._people.child_alternation()
        return self._child

    def adult_alternation(self) -> str:
        if self._adult is None:
            self._adult = self._people.adult_alternation()
        return self._adult


@lru_cache(maxsize=256)
def _tail(rest: str, flags: int) -> re.Pattern[str] | None:
    """For a branch `\b((?:…)SUFFIX)R`, given `rest` = `SUFFIX)R`: SUFFIX + R compiled, or None
    when the branch cannot be split there."""
    branches = _split_top_level("(" + rest)
    if branches is None or len(branches) != 1:
        return None
    depth, i = 1, 0
    while i < len(rest):  # find the ')' closing the group the branch opened before the names
        c = rest[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i += 1
            if i < len(rest) and rest[i] == "^":
                i += 1
            if i < len(rest) and rest[i] == "]":
                i += 1
            while i < len(rest) and rest[i] != "]":
                i += 2 if rest[i] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                break
        i += 1
    else:
        return None
    tail = rest[:i] + rest[i + 1:]
    if _NOT_MONOTONE.search(tail):  # back-references, conditionals: keep the whole pattern
        return None
    try:
        return re.compile(tail, flags)
    except re.error:
        return None


class _Alternation:
    """Where the literals of `\b(?:a1|a2|…)` match in a text, in the order a regex tries them."""

    def __init__(self, alternatives: tuple[str, ...], flags: int):
        self.literals = [_compile(a, flags) for a in alternatives]
        self.finder = re.compile(r"\b(?=(?:" + "|".join(alternatives) + "))", flags)
        self._last: tuple[str, list] | None = None

    def ends(self, text: str) -> list[tuple[int, list[int]]]:
        """(start, [end of each alternative that matches there, in order]) for every start."""
        last = self._last
        if last is not None and last[0] is text:
            return last[1]
        out = []
        for found in self.finder.finditer(text):
            p = found.start()
            out.append((p, [m.end() for m in (lit.match(text, p) for lit in self.literals) if m]))
        self._last = (text, out)
        return out


_alternation = lru_cache(maxsize=64)(_Alternation)


class _Span:
    """The part of a match the labeller reads (group 0 and where it is)."""

    __slots__ = ("string", "_start", "_end")

    def __init__(self, string: str, start: int, end: int):
        self.string, self._start, self._end = string, start, end

    def group(self, index: int = 0) -> str:
        if index:
            raise IndexError("only group 0 is kept")
        return self.string[self._start:self._end]

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def span(self) -> tuple[int, int]:
        return self._start, self._end


class _ChildLed:
    """`\b((?:name1|…|child|…)SUFFIX)R` searched without compiling it: at each start (left to
    right), each alternative that matches there (in order), then SUFFIX + R matched from its
    end: the first success is the regex's own leftmost-first match."""

    __slots__ = ("alternation", "tail")

    def __init__(self, alternation: _Alternation, tail: re.Pattern[str]):
        self.alternation, self.tail = alternation, tail

    def search(self, text: str) -> _Span | None:
        match = self.tail.match
        for start, ends in self.alternation.ends(text):
            for end in ends:
                found = match(text, end)
                if found:
                    return _Span(text, start, found.end())
        return None


def _child_led(branch: str, flags: int) -> _ChildLed | None:
    head = _CHILD_LED.match(branch)
    if head is None:
        return None
    tail = _tail(branch[head.end():], flags)
    if tail is None:
        return None
    return _ChildLed(_alternation(tuple(_FRAGMENT.findall(head.group(1))), flags), tail)


class _Prefiltered:
    """A branch compiled for the document the first time its name-free superset matches."""

    __slots__ = ("superset", "expanded", "compiled")

    def __init__(self, superset: re.Pattern[str], expanded: str):
        self.superset, self.expanded, self.compiled = superset, expanded, None

    def search(self, text: str):
        compiled = self.compiled
        if compiled is None:
            if self.superset.search(text) is None:
                return None
            compiled = self.compiled = _compile(self.expanded, re.IGNORECASE)
        return compiled.search(text)


class _Branches:
    """`B1|B2|…` as the regex searches it: the leftmost match, the earlier branch on a tie."""

    __slots__ = ("branches",)

    def __init__(self, branches: list):
        self.branches = branches

    def search(self, text: str):
        best = None
        for branch in self.branches:
            found = branch.search(text)
            if found is not None and (best is None or found.start() < best.start()):
                best = found
        return best


class _Shape:
    """A rule expanded with markers, split into branches, with each branch's superset."""

    def __init__(self, labeller: "RuleLabeller", rule: CueRule, pronouns: bool):
        self.template: str | None = None
        self.branches: list[str] = []
        self.supersets: list[re.Pattern[str] | None] = []
        try:
            template = labeller._expand(rule.pattern, _Markers(), pronouns)  # type: ignore[arg-type]
            branches = _split_top_level(template)
        except Exception:  # noqa: BLE001 - any surprise: compile per document as before
            return
        if branches is None or _NOT_MONOTONE.search(template):
            return
        self.template, self.branches = template, branches
        self.supersets = [self._superset(b) for b in branches]

    @staticmethod
    def _superset(branch: str) -> re.Pattern[str] | None:
        if _SENTINEL_CHILD not in branch or _SENTINEL_ADULT in branch or branch.startswith("\\b((?:\x00"):
            return None
        # Each marker must stand as whole alternatives of a group (so a wider alternation can
        # only find more).
        if len(_MARKER_PLACE.findall(branch)) != branch.count(_SENTINEL_CHILD) \
                or re.search(r"(?<!\(\?):\x00|\\[(|]\x00", branch):
            return None
        try:
            return re.compile(branch.replace(_SENTINEL_CHILD, _ANY_NAME), re.IGNORECASE)
        except re.error:
            return None

    def bind(self, expanded: str, people: People, flags: int):
        """A matcher of `expanded` (the rule with this document's names), or None."""
        if self.template is None:
            return None
        child = people.child_alternation() if _SENTINEL_CHILD in self.template else ""
        adult = people.adult_alternation() if _SENTINEL_ADULT in self.template else ""
        filled = [b.replace(_SENTINEL_CHILD, child).replace(_SENTINEL_ADULT, adult) for b in self.branches]
        if "|".join(filled) != expanded:
            return None
        names_ok = _SENTINEL_CHILD not in self.template or all(
            _NAME_ALTERNATIVE.fullmatch(a) for a in child.split("|"))
        parts = []
        for branch, superset in zip(filled, self.supersets):
            part = _child_led(branch, flags)
            if part is None and superset is not None and names_ok:
                part = _Prefiltered(superset, branch)
            parts.append(part or _compile(branch, flags))
        return parts[0] if len(parts) == 1 else _Branches(parts)


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
        self._shapes: dict[tuple[str, bool], _Shape] = {}

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
        """Rules for one document; with `pronouns`, he/she/they stand for the child.

        The rules that name the document's people are not compiled per document where an exact
        cheaper matcher exists (see `_Shape`): each behaves exactly as its compiled pattern.
        """
        compiled = []
        people = _Memo(people)  # type: ignore[assignment]  # the alternations, built once
        for rule in self.cues.rules:
            pattern = self._static.get(rule.id)
            if pattern is None:
                expanded = self._expand(rule.pattern, people, pronouns)
                key = (rule.id, pronouns)
                shape = self._shapes.get(key)
                if shape is None:
                    shape = self._shapes[key] = _Shape(self, rule, pronouns)
                pattern = shape.bind(expanded, people, re.IGNORECASE) or _compile(expanded, re.IGNORECASE)
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
        # A sentence wrapped over lines (a PDF export, a table cell) reads as one line: the cues
        # are written with single spaces. The gap statements are found on the text as given.
        flat = _SPACE.sub(" ", text).strip()
        logits = {label: self.cues.bias.get(label, 0.0)
                  + self.cues.section_prior.get(label, {}).get(section, 0.0) for label in LABELS}
        fired: dict[str, list[str]] = {label: [] for label in LABELS}
        for rule, pattern in compiled:
            match = pattern.search(flat)
            if match:
                logits[rule.label] += rule.weight
                # A rule written as `^(?=<cheap test>).*?(?P<cue>…)` (a fast way to skip the units
                # that cannot match) reports its cue, not the text before it.
                compiled_re = getattr(match, "re", None)
                cue = match.group("cue") if compiled_re is not None and "cue" in compiled_re.groupindex \
                    else match.group(0)
                fired[rule.label].append(f"{rule.id} ('{cue.strip()[:40]}')")
        return logits, fired, gaps.find(text)

    def _beside_gap(self, unit: Unit, label: str, found: list[GapMatch], compiled, gaps: GapDetector) -> float | None:
        """Does the sentence, without its gap statement, still carry `label` on its own?

        "He would not talk about his upbringing, and police records show a caution in 2018":
        the gap is reported, but the rest of the sentence is history all the same (D46, D47).
        """
        text = unit.text
        for g in sorted((g for g in found if g.label == label), key=lambda g: g.start, reverse=True):
            text = text[:g.start] + " " + text[g.end:]
        if len(text.strip()) < 25:
            return None
        logits, fired, rest = self.evidence(text, unit.section, compiled, gaps)
        if any(g.label == label for g in rest):
            return None
        positive = [f for f in fired[label] if ".not." not in f.split(" ", 1)[0]]
        p = _sigmoid(logits[label])
        return p if positive and p >= 0.5 else None

    def _predict_unit(self, unit: Unit, compiled, gaps: GapDetector) -> Prediction:
        logits, fired, found = self.evidence(unit.text, unit.section, compiled, gaps)
        scores, reasons = {}, {}
        gap_labels = {g.label for g in found}
        # Only history: a child_voice gap beside an observation is too often the gap itself
        # restated ("not seen on her own as she said she had to go out").
        beside = {label: self._beside_gap(unit, label, found, compiled, gaps)
                  for label in gap_labels & {"family_history"}}
        for label in LABELS:
            p = _sigmoid(logits[label])
            if beside.get(label) is not None:
                p = min(p, beside[label])
                reasons[label] = "rules beside a gap statement: " + "; ".join(fired[label])
            elif label in gap_labels:
                p = min(p, GAP_CAP)
                reasons[label] = "gap statement: " + ", ".join(g.check for g in found if g.label == label)
            elif fired[label]:
                reasons[label] = "rules: " + "; ".join(fired[label])
            scores[label] = round(p, 4)
        return Prediction(scores=scores, reasons=reasons, gaps=found)
