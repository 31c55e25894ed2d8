"""A learned unit-level action detector: a backup beside the action rules for layouts they miss.

The rules in `reviewer/actions.py` read the plan shapes they know (tables, blocks, "X will …",
lists under the plan). On a writer whose layout they have never seen, some actions slip past
them. This detector scores every unit the action extractor sees with P(unit is an action); the
extractor adds a unit the rules did not take when the probability reaches the threshold, and
reads its owner / timescale / task with the same code as any other action.

Features (one implementation, shared by `training/train_action_detector.py`, the experiments
`training/action_detector_lowo.py` and `training/action_detector_frozen_check.py`, and the
reviewer): normalised word 1-2-grams of the unit (names -> xname, digits -> 0; TF-IDF,
sublinear, L2), its heading's words, and binary cues (unit kind, section, doc type, position,
length, "X to/will", first person, modal, past tense, imperative first word, date / vague time,
cells and column / field roles, question, colon ending). The shipped model (config C) leaves out
the cues that describe the rules' own decisions, so it does not simply defer to the rules.

Files (written by `make train`): `models/action_detector/model.json` (settings, vocabularies,
FEATURE_VERSION) and `weights.npz` (numbers only, read with `allow_pickle=False`).
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from .errors import ConfigError
from .people import People
from .segment import Unit

FEATURE_VERSION = 1
FOLDER = "action_detector"
THRESHOLD = 0.5

_MODAL = re.compile(r"\b(?:will|to|should|must|shall|needs? to|is to|are to|would)\b", re.IGNORECASE)
_PAST = re.compile(r"\b(?:was|were|had|has been|have been|did|said|told|reported|felt)\b", re.IGNORECASE)
_OWNER_TO = re.compile(r"^\W*[A-Z][\w'’./-]*(?:\s+(?:and\s+|&\s+)?[A-Za-z][\w'’./-]*){0,4}\s+(?:to|will|should|must)\s+[a-z]")
_FIRST_PERSON = re.compile(r"^\W*(?:I|we)\s+(?:will|am going to|are going to|need to|must|should)\b", re.IGNORECASE)
_TOKEN = re.compile(r"(?u)\b\w+(?:'\w+)*\b")
_DIGIT = re.compile(r"\d")
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦‣○●■□➢►✓☐☑☒]|\(?\w{1,3}[.)])\s+")


def _norm(text: str, names: re.Pattern[str] | None) -> str:
    if names is not None:
        text = names.sub("xname", text)
    return _DIGIT.sub("0", text).replace("’", "'").lower()


def _names(people: People) -> re.Pattern[str] | None:
    names = sorted((n for n in (people.children | people.adults) if n), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b") if names else None


def _terms(norm: str) -> list[str]:
    tokens = _TOKEN.findall(norm)
    return tokens + [a + " " + b for a, b in zip(tokens, tokens[1:])]


def _bin(value: float, edges: Sequence[float]) -> int:
    return sum(value >= e for e in edges)


@dataclass
class Candidate:
    unit: Unit
    text_terms: list[str]   # TF-IDF block
    cues: list[str]         # binary block
    rule: bool              # the rules took this unit as (part of) an action


def candidates(units: list[Unit], text: str, doc_type: str, people: People,
               rule_spans: Sequence[tuple[int, int]], only: Sequence[int] | None = None) -> list[Candidate]:
    """One candidate per unit (or per unit whose index is in `only`), with its features. `units`
    as the action extractor saw them (plan areas already remapped); `rule_spans` the rule actions'
    spans. The context features always look at every unit."""
    # Imported here (relative to whichever `reviewer` package loaded this module) so the frozen-rules
    # check can pair this feature code with an older reviewer's rules.
    from .actions import _imperative
    from .timescales import find_timescale

    names = _names(people)
    spans = sorted(rule_spans)
    taken = [any(s < u.end and u.start < e for s, e in spans) for u in units]
    groups_with_rule = {u.group for u, t in zip(units, taken) if t}
    sections_with_rule = {(u.section, u.heading) for u, t in zip(units, taken) if t}
    total = max(1, len(text))
    out = []
    wanted = None if only is None else set(only)
    for i, (unit, rule) in enumerate(zip(units, taken)):
        if wanted is not None and i not in wanted:
            continue
        body = _BULLET.sub("", unit.text)
        norm = _norm(body, names)
        terms = ["w:" + t for t in _terms(norm)]
        heading = _norm(unit.heading or "", names)
        terms += ["h:" + t for t in _TOKEN.findall(heading)]
        cues = [f"kind:{unit.kind}", f"sec:{unit.section}", f"doc:{doc_type}",
                f"doc_kind:{doc_type}:{unit.kind}", f"sec_kind:{unit.section}:{unit.kind}",
                f"pos:{_bin(unit.start / total, (0.2, 0.4, 0.6, 0.8))}",
                f"len:{_bin(len(body.split()), (3, 6, 12, 25, 45))}"]
        if _OWNER_TO.match(body):
            cues.append("owner_to")
        if _FIRST_PERSON.match(body):
            cues.append("first_person")
        if _MODAL.search(body[:80]):
            cues.append("modal")
        if _PAST.search(body):
            cues.append("past")
        if _imperative(body):
            cues.append("imperative")
        ts = find_timescale(body)
        if ts.text:
            cues.append("date")
        if ts.vague:
            cues.append("vague_time")
        if "|" in unit.text or unit.kind == "row":
            cues.append(f"cells:{min(len(unit.cells), 5)}")
        for role in sorted(set(unit.columns)):
            cues.append(f"col:{role}")
        for role in sorted(unit.fields):
            cues.append(f"field:{role}")
        if body.rstrip().endswith("?"):
            cues.append("question")
        if body.rstrip().endswith(":"):
            cues.append("colon_end")
        # Cues about the rules' own decisions (left out by config C, the shipped model).
        if rule:
            cues.append("rule")
        if unit.group in groups_with_rule:
            cues.append("group_has_rule" + (":self" if rule else ":other"))
        if (unit.section, unit.heading) in sections_with_rule:
            cues.append("heading_has_rule")
        prev_rule = i > 0 and taken[i - 1] and units[i - 1].kind == unit.kind
        next_rule = i + 1 < len(units) and taken[i + 1] and units[i + 1].kind == unit.kind
        if prev_rule or next_rule:
            cues.append("neighbour_rule_same_kind")
        out.append(Candidate(unit, terms, cues, rule))
    return out


def term_counts(cand: Candidate, text_index: dict[str, int]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for t in cand.text_terms:
        j = text_index.get(t)
        if j is not None:
            counts[j] = counts.get(j, 0) + 1
    return counts


def tfidf_values(counts: dict[int, int], idf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Column indices and sublinear, L2-normalised TF-IDF values of one unit's terms."""
    idx = np.fromiter(counts, dtype=np.int64, count=len(counts))
    vals = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) * idf[idx]
    vals /= np.linalg.norm(vals) or 1.0
    return idx, vals


class ActionDetectorError(ConfigError):
    """The action detector's files are there but do not fit this code."""


class ActionDetector:
    """Logistic regression over TF-IDF words + binary cues."""

    def __init__(self, text_vocab: list[str], idf: np.ndarray, cue_vocab: list[str],
                 coef_text: np.ndarray, coef_cue: np.ndarray, bias: float, threshold: float = THRESHOLD,
                 use_rule_features: bool = False):
        if not (len(text_vocab) == len(idf) == len(coef_text)) or len(cue_vocab) != len(coef_cue):
            raise ValueError("weights do not match the vocabulary")
        self.text_vocab = list(text_vocab)
        self.cue_vocab = list(cue_vocab)
        self.text_index = {t: i for i, t in enumerate(self.text_vocab)}
        self.cue_index = {t: i for i, t in enumerate(self.cue_vocab)}
        self.idf = np.asarray(idf, dtype=np.float64)
        self.coef_text = np.asarray(coef_text, dtype=np.float64)
        self.coef_cue = np.asarray(coef_cue, dtype=np.float64)
        self.bias = float(bias)
        self.threshold = float(threshold)
        self.use_rule_features = use_rule_features

    def cues(self, cand: Candidate) -> list[str]:
        if self.use_rule_features:
            return cand.cues
        return [c for c in cand.cues if "rule" not in c]

    def score(self, cands: Sequence[Candidate]) -> list[float]:
        out = []
        for cand in cands:
            counts = term_counts(cand, self.text_index)
            z = self.bias
            if counts:
                idx, vals = tfidf_values(counts, self.idf)
                z += float(vals @ self.coef_text[idx])
            z += sum(self.coef_cue[self.cue_index[c]] for c in self.cues(cand) if c in self.cue_index)
            out.append(1.0 / (1.0 + math.exp(-z)))
        return out

    def probabilities(self, units: list[Unit], text: str, doc_type: str, people: People,
                      rule_spans: Sequence[tuple[int, int]] = (), only: Sequence[int] | None = None) -> list[float]:
        """P(action) for each unit (units as the action extractor sees them), or for the units whose
        indexes are in `only` (in increasing order), so that no work is spent on the others."""
        return self.score(candidates(units, text, doc_type, people, rule_spans, only))

    # -- files ------------------------------------------------------------------------------
    def save(self, folder: Path, meta: dict | None = None) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        info = dict(meta or {})
        info.update({"feature_version": FEATURE_VERSION, "threshold": self.threshold,
                     "use_rule_features": self.use_rule_features,
                     "text_vocab": self.text_vocab, "cue_vocab": self.cue_vocab})
        (folder / "model.json").write_text(json.dumps(info, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        with open(folder / "weights.npz", "wb") as fh:
            np.savez_compressed(fh, idf=self.idf, coef_text=self.coef_text, coef_cue=self.coef_cue,
                                bias=np.array([self.bias]))

    @classmethod
    def load(cls, folder: Path | None = None) -> "ActionDetector":
        from .trained import ModelFilesMissing, models_dir

        folder = Path(folder) if folder is not None else models_dir() / FOLDER
        meta_path, weights_path = folder / "model.json", folder / "weights.npz"
        for path in (meta_path, weights_path):
            if not path.exists():
                raise ModelFilesMissing(f"action detector: {path} is missing; run `make train` to build it "
                                        f"(or `.venv/bin/python training/train_action_detector.py`)")
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("feature_version") != FEATURE_VERSION:
            raise ActionDetectorError(
                f"action detector: {meta_path} was built for feature version {meta.get('feature_version')!r}, "
                f"this code computes version {FEATURE_VERSION}; run `make train`")
        with np.load(weights_path, allow_pickle=False) as data:
            arrays = {k: np.array(data[k], dtype=np.float64) for k in ("idf", "coef_text", "coef_cue", "bias")}
        try:
            return cls(meta["text_vocab"], arrays["idf"], meta["cue_vocab"], arrays["coef_text"],
                       arrays["coef_cue"], float(arrays["bias"][0]), float(meta["threshold"]),
                       bool(meta.get("use_rule_features", False)))
        except ValueError as exc:
            raise ActionDetectorError(f"action detector: {folder}: {exc}; run `make train`") from exc


@lru_cache(maxsize=4)
def _load_cached(folder: str) -> ActionDetector:
    return ActionDetector.load(Path(folder))


def default_detector() -> ActionDetector:
    """The bundled detector (`$REVIEWER_MODELS/action_detector` or `models/action_detector`), loaded once."""
    from .trained import models_dir

    return _load_cached(str(models_dir() / FOLDER))
