"""A learned person-name tagger that backs up the redactor's cues and spaCy's NER.

The redactor's cues (`reviewer/redact.py`) were built from the fictional PII set, batch by batch,
and each batch written by a new writer showed habits the cues had not met: capitalised surnames in
police and court headers, names in lower-case notes ("spoke to mum (sade)"), text-message
senders. This tagger scores every word as part of a person's name or not, from features that do
not depend on any one writer's template:

- the word itself, its shape (`Xxxx`, `XXXX`, `xxxx`, `X.`), prefixes and suffixes;
- whether it is an English word (the spaCy lemmatizer's dictionary, passed in by the redactor),
  a given name or surname in the 1990 US Census frequency lists (the `names` package, public
  domain data under the MIT licence; its rank bucket), or one of the project's given names;
- how note-like the document is (share of lower-case words), crossed with lower case and the
  name lists, so a lower-case "gemma" in a lower-case note reads as a name;
- the three words either side (lower case), their shapes, and line breaks between them.

It is a logistic regression over hashed features (`sklearn.feature_extraction.FeatureHasher`,
2**20 buckets, MurmurHash3: stable across platforms). The weights live in
`models/name_tagger/weights.npz` (the non-zero coefficients only: numbers, read with
`allow_pickle=False`) and `model.json`, built by `training/train_name_tagger.py` (`make train`)
from `corpora/pii/`. Nothing is downloaded and nothing is unpickled.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

import numpy as np

from .errors import ConfigError
from .trained import ModelFilesMissing, models_dir

FOLDER = "name_tagger"
N_FEATURES = 2 ** 20
FEATURE_VERSION = 2

# Words (letters, inner apostrophes and hyphens), numbers, and single other characters.
TOKEN = re.compile(r"[^\W\d_]+(?:['’](?![sS](?![^\W_]))[^\W\d_]+|-[^\W\d_]+)*|\d+|\S")
_WORDS = re.compile(r"[^\W\d_]+")


# The name tagger's files missing is the trained models' error (it names `make train`).
NameTaggerMissing = ModelFilesMissing


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str


def tokens(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def shape(word: str) -> str:
    s = re.sub(r"[A-Z]", "X", word)
    s = re.sub(r"[a-z]", "x", s)
    s = re.sub(r"\d", "d", s)
    s = re.sub(r"[^\x00-\x7f]", "u", s)
    return re.sub(r"(.)\1{2,}", r"\1\1", s)


def _bucket(rank: int) -> str:
    return "a" if rank < 500 else "b" if rank < 5000 else "c" if rank < 20000 else "d"


@lru_cache(maxsize=1)
def census_names() -> tuple[dict[str, int], dict[str, int]]:
    """(given names, surnames) of the 1990 US Census lists -> frequency rank, lower case."""
    try:
        import names as census
    except ImportError:  # pragma: no cover - a declared dependency
        raise ConfigError("the `names` package (census name lists) is not installed; run `make install`") from None
    folder = Path(census.__file__).resolve().parent
    given: dict[str, int] = {}
    for filename in ("dist.female.first", "dist.male.first"):
        for rank, line in enumerate((folder / filename).read_text(encoding="ascii").splitlines()):
            if line.strip():
                given.setdefault(line.split()[0].lower(), rank)
    surnames: dict[str, int] = {}
    for rank, line in enumerate((folder / "dist.all.last").read_text(encoding="ascii").splitlines()):
        if line.strip():
            surnames.setdefault(line.split()[0].lower(), rank)
    return given, surnames


def note_likeness(text: str) -> str:
    """'hi' / 'mid' / 'lo': how much of the text is written in lower case (messy notes)."""
    words = _WORDS.findall(text)
    share = sum(1 for w in words if w[0].islower()) / max(1, len(words))
    return "hi" if share > 0.9 else "mid" if share > 0.8 else "lo"


class Features:
    """Feature dicts for the word tokens of one text (shared by training and tagging)."""

    def __init__(self, is_word: Callable[[str], bool], given_names: Iterable[str]):
        self.is_word = is_word
        self.given = {g.casefold() for g in given_names}
        self.census_given, self.census_surnames = census_names()
        self._word_cache: dict[str, bool] = {}

    def _dict(self, word: str) -> int:
        if word not in self._word_cache:
            self._word_cache[word] = bool(self.is_word(word))
        return int(self._word_cache[word])

    def of_text(self, text: str) -> tuple[list[Token], list[dict[str, float]]]:
        """The word tokens of `text` (those starting with a letter) and a feature dict for each."""
        toks = tokens(text)
        note = note_likeness(text)
        words, feats = [], []
        for i, tok in enumerate(toks):
            if tok.text[0].isalpha():
                words.append(tok)
                feats.append(self._features(text, toks, i, note))
        return words, feats

    def _features(self, text: str, toks: list[Token], i: int, note: str) -> dict[str, float]:
        tok = toks[i]
        w, lw = tok.text, tok.text.lower()
        d = self._dict(w)
        f = {"bias": 1.0, "w=" + lw: 1.0, "sh=" + shape(w): 1.0, "p3=" + lw[:3]: 1.0, "s3=" + lw[-3:]: 1.0,
             "s2=" + lw[-2:]: 1.0, "dict": float(d), "given": float(lw in self.given),
             f"dict_sh={d}_{shape(w)[:2]}": 1.0, "note=" + note: 1.0}
        if lw in self.census_given:
            f["cf=" + _bucket(self.census_given[lw])] = 1.0
            f[f"cf_d={d}"] = 1.0
        if lw in self.census_surnames:
            f["cl=" + _bucket(self.census_surnames[lw])] = 1.0
            f[f"cl_d={d}"] = 1.0
        if w.islower():
            f["low_note=" + note] = 1.0
            if lw in self.census_given:
                f[f"low_cf_note={note}_{d}"] = 1.0
            if lw in self.census_surnames:
                f[f"low_cl_note={note}_{d}"] = 1.0
        line_start = text.rfind("\n", 0, tok.start) + 1
        if not text[line_start:tok.start].strip():
            f["linestart"] = 1.0
        for k in (-3, -2, -1, 1, 2, 3):
            j = i + k
            if not 0 <= j < len(toks):
                f[f"w{k:+d}=<none>"] = 1.0
                continue
            other = toks[j].text
            f[f"w{k:+d}={other.lower()}"] = 1.0
            if abs(k) == 1:
                f[f"sh{k:+d}={shape(other)}"] = 1.0
                if other[0].isalpha():
                    f[f"dict{k:+d}={self._dict(other)}"] = 1.0
                a, b = (toks[j].end, tok.start) if k < 0 else (tok.end, toks[j].start)
                if "\n" in text[a:b]:
                    f[f"nl{k:+d}"] = 1.0
        return f


def hasher():
    from sklearn.feature_extraction import FeatureHasher

    return FeatureHasher(N_FEATURES, input_type="dict", alternate_sign=False)


class NameTagger:
    """P(word is part of a person's name) for every word of a text."""

    def __init__(self, coef: np.ndarray, intercept: float, threshold: float, features: Features,
                 word_threshold: float = 1.0):
        self.coef, self.intercept, self.threshold, self.features = coef, intercept, threshold, features
        self.word_threshold = word_threshold
        self._hasher = hasher()

    @classmethod
    def load(cls, is_word: Callable[[str], bool], given_names: Iterable[str],
             folder: Path | None = None) -> "NameTagger":
        folder = folder or models_dir() / FOLDER
        meta_path, weights_path = folder / "model.json", folder / "weights.npz"
        for path in (meta_path, weights_path):
            if not path.exists():
                raise NameTaggerMissing(f"name tagger: {path} is missing; run `make train` to build it")
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("feature_version") != FEATURE_VERSION or meta.get("n_features") != N_FEATURES:
            raise ConfigError(f"name tagger: {meta_path} was built for other features; run `make train`")
        with np.load(weights_path, allow_pickle=False) as data:
            coef = np.zeros(N_FEATURES, dtype=np.float64)
            coef[data["index"]] = data["value"]
            intercept = float(data["intercept"][0])
        return cls(coef, intercept, float(meta["threshold"]), Features(is_word, given_names),
                   float(meta["word_threshold"]))

    def probabilities(self, text: str) -> list[tuple[Token, float]]:
        words, feats = self.features.of_text(text)
        if not words:
            return []
        matrix = self._hasher.transform(feats)
        logits = matrix @ self.coef + self.intercept
        return list(zip(words, (1.0 / (1.0 + np.exp(-logits))).tolist()))

    def runs(self, text: str) -> list[list[tuple[Token, float]]]:
        """Runs of consecutive tagged words on one line (a multi-word name is one run), with probabilities."""
        out: list[list[tuple[Token, float]]] = []
        previous: Token | None = None
        for tok, p in self.probabilities(text):
            if p < self.threshold:
                previous = None
                continue
            if out and previous is not None and re.fullmatch(r"[ \t]{1,3}", text[previous.end:tok.start]):
                out[-1].append((tok, p))
            else:
                out.append([(tok, p)])
            previous = tok
        return out


# spaCy entity types that say a capitalised word is a place, an organisation or a date, not a person
NOT_PERSON_ENTS = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP", "DATE", "TIME", "EVENT", "PRODUCT", "LAW",
                             "WORK_OF_ART", "LANGUAGE"})


class Gate:
    """Which tagged words may seed a name: the redactor's own word lists veto the tagger.

    A word is refused when it is a role, title or never-a-name word, a street, building or place
    word, a care acronym, or sits inside a placeholder; an English word or a word spaCy tags as a
    place, organisation or date needs the higher `word_threshold`.
    """

    def __init__(self, lex, ents: dict[int, str], is_word: Callable[[str], bool], word_threshold: float,
                 protected: Iterable[tuple[int, int]] = ()):
        self.places = set(getattr(lex, "street_words", ())) | set(getattr(lex, "place_words", ()))
        self.never = set(lex.weak_never) | set(lex.all_roles) | self.places
        self.acronyms = set(getattr(lex, "care_acronyms", ()))
        self.ents, self.is_word, self.word_threshold = ents, is_word, word_threshold
        self.protected = list(protected)

    def refuses(self, tok: Token, p: float, alone: bool = True) -> bool:
        folded = tok.text.casefold()
        if folded in self.never or tok.text.upper() in self.acronyms and tok.text.isupper():
            return True
        if any(start <= tok.start < end for start, end in self.protected):
            return True
        if self.ents.get(tok.start) in NOT_PERSON_ENTS or self.is_word(tok.text):
            # "Grace", "Mark", "Preston" alone: a capitalised word or place needs one of the redactor's
            # cues; beside another name ("Patience Ofori"), in capitals ("BELL, Dean") or in a
            # lower-case note ("spoke frank"), a sure tagger will do.
            title_case = tok.text[0].isupper() and not tok.text.isupper()
            return title_case and alone or p < self.word_threshold
        return False

    def seeds(self, runs: list[list[tuple[Token, float]]], text: str,
              known: Iterable[tuple[str, ...]] = ()) -> list[tuple[str, ...]]:
        """The tagger's runs split at refused words: each part a seed (its words as written). A run
        followed by or ending in a place word ("Victoria Park", "Elizabeth Hospital", "Fenwick
        Vale") names a place: refused.
        Capitals that are the initials of a `known` name ("HLQ" for Harrison-Lee Quarmby) are left
        to the redactor's initials pass, which gives them that person's placeholder."""
        initials = set()
        for tokens in known:
            parts = [p for token in tokens for p in token.split("-") if p]
            initials |= {"".join(p[0] for p in parts).upper(), "".join(t[0] for t in tokens if t).upper()}
        out: list[tuple[str, ...]] = []
        for run in runs:
            after = re.match(r"[ \t]+([^\W\d_]+)", text[run[-1][0].end:])
            if after and after.group(1).casefold() in self.places:
                continue
            if len(run) > 1 and run[-1][0].text.casefold() in self.places:
                continue
            parts: list[list[str]] = [[]]
            for tok, p in run:
                if self.refuses(tok, p, alone=len(run) == 1):
                    parts.append([])
                else:
                    parts[-1].append(tok.text)
            out += [tuple(part) for part in parts
                    if part and not (len(part) == 1 and part[0].isupper() and part[0] in initials)]
        return out
