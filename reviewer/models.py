"""Sentence models by name. The rules are always available; trained models live in `models/`
(built by `make train`) and are loaded once per process.
"""
from __future__ import annotations

from functools import lru_cache

from .errors import ConfigError
from .labels import RuleLabeller, SentenceLabeller

_BUILTIN = {"rules": RuleLabeller}
DEFAULT_MODEL = "rules"


def available() -> list[str]:
    return sorted(_BUILTIN) + ["default"]


@lru_cache(maxsize=8)
def load_labeller(name: str = "default") -> SentenceLabeller:
    if name == "default":
        name = DEFAULT_MODEL
    if name not in _BUILTIN:
        raise ConfigError(f"unknown model {name!r}; available: {available()}")
    return _BUILTIN[name]()
