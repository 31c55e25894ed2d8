"""Loading the package's data files (`reviewer/resources/`), validated on load.

Resources live inside the package and are read with importlib.resources, so an installed
wheel finds them too.
"""
from __future__ import annotations

import json
import re
import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

from .errors import ConfigError

_PACKAGE = "reviewer"


def _read(name: str) -> str:
    path = resources.files(_PACKAGE) / "resources" / name
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"resources/{name}: missing from the package") from None


def load_json(name: str, required: tuple[str, ...] = ()) -> dict[str, Any]:
    try:
        data = json.loads(_read(name))
    except json.JSONDecodeError as exc:
        raise ConfigError(f"resources/{name}: invalid JSON ({exc})") from None
    missing = [key for key in required if key not in data]
    if missing:
        raise ConfigError(f"resources/{name}: missing keys {missing}")
    return data


def load_toml(name: str) -> dict[str, Any]:
    try:
        return tomllib.loads(_read(name))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"resources/{name}: invalid TOML ({exc})") from None


@lru_cache(maxsize=1)
def lexicons() -> dict[str, tuple[str, ...]]:
    """Word lists, lower-cased, longest first so multi-word entries match before their parts."""
    keys = ("roles", "collective_owners", "pronouns", "first_person", "child_refs", "adult_refs",
            "vague_verbs", "concrete_verbs", "vague_timescales", "vague_phrases")
    data = load_json("lexicons.json", required=keys)
    unknown = set(data) - set(keys) - {"_doc"}
    if unknown:
        raise ConfigError(f"resources/lexicons.json: unknown keys {sorted(unknown)}")
    out: dict[str, tuple[str, ...]] = {}
    for key in keys:
        words = data[key]
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise ConfigError(f"resources/lexicons.json: '{key}' must be a list of non-empty strings")
        if key == "vague_phrases":  # regular expressions, kept as written
            for w in words:
                try:
                    re.compile(w)
                except re.error as exc:
                    raise ConfigError(f"resources/lexicons.json: bad vague_phrases pattern {w!r}: {exc}") from None
            out[key] = tuple(words)
            continue
        out[key] = tuple(sorted({w.strip().lower() for w in words}, key=lambda w: (-len(w), w)))
    return out
