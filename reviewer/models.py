"""Sentence models by name. The rules are always available; trained models live in `models/`
at the repository root (or `$REVIEWER_MODELS`), are built by `make train` and are loaded once
per process (`load_labeller` is cached).

    rules          weighted regex cues (resources/cues.json), no files needed
    tfidf          TF-IDF word + char n-grams, logistic regression, calibrated on dev
    tfidf_rules    the same plus the rules' fired cues, logits and child-referent features
    spacy_textcat  spaCy textcat_multilabel (bag of words)
    minilm         MiniLM sentence embeddings + logistic regression
    minilm_rules   MiniLM embeddings + rule features + logistic regression
    ensemble       the mean of tfidf_rules' and spacy_textcat's probabilities, re-calibrated

`DEFAULT_MODEL` is the model `training/train.py` chose (best mean F1 of the two labels on the
authored TEST split, then speed), read from `models/default.json`; "rules" when no trained
model has been built.
"""
from __future__ import annotations

import json
from functools import lru_cache

from .errors import ConfigError
from .labels import RuleLabeller, SentenceLabeller
from .trained import load_trained, models_dir

_BUILTIN = {"rules": RuleLabeller}
TRAINED = ("tfidf", "tfidf_rules", "spacy_textcat", "minilm", "minilm_rules", "ensemble")


def _default_model() -> str:
    path = models_dir() / "default.json"
    try:
        name = json.loads(path.read_text(encoding="utf-8"))["default"]
    except (OSError, ValueError, KeyError, TypeError):
        return "rules"
    return name if name in _BUILTIN or name in TRAINED else "rules"


DEFAULT_MODEL = _default_model()


def available() -> list[str]:
    """Every registered name (a trained model may still lack its files: see `built()`)."""
    return sorted(_BUILTIN) + list(TRAINED) + ["default"]


def built() -> list[str]:
    """The registered models whose files are present."""
    return sorted(_BUILTIN) + [n for n in TRAINED if (models_dir() / n / "model.json").exists()]


@lru_cache(maxsize=8)
def load_labeller(name: str = "default") -> SentenceLabeller:
    if name == "default":
        return load_labeller(DEFAULT_MODEL)
    if name in _BUILTIN:
        return _BUILTIN[name]()
    if name in TRAINED:
        return load_trained(name)
    raise ConfigError(f"unknown model {name!r}; available: {available()}")
