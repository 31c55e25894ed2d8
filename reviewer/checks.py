"""The check catalogue (`resources/checks.toml`) and the findings it produces.

Every check has a stable dotted id, a dimension, a severity, a message, a "why it matters"
line, a suggestion and a good example. Users switch checks off by id or change severities in
their config; this module applies that, so nothing downstream needs to.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .config import ReviewerConfig
from .errors import ConfigError
from .report import DOC_TYPES, SEVERITIES, Finding
from .resources import load_toml

_KEYS = {"dimension", "severity", "applies_to", "message", "why", "suggestion", "example"}
_DOC_WORDS = {"assessment": "assessment", "cp_plan": "child protection plan", "cin_plan": "child in need plan"}


@dataclass(frozen=True)
class Check:
    id: str
    dimension: str | None
    severity: str
    applies_to: tuple[str, ...]
    message: str
    why: str
    suggestion: str
    example: str


@lru_cache(maxsize=1)
def catalogue() -> dict[str, Check]:
    data = load_toml("checks.toml")
    checks = {}
    for check_id, entry in data.items():
        if set(entry) != _KEYS:
            raise ConfigError(f"resources/checks.toml: [{check_id}] must have exactly {sorted(_KEYS)}")
        if entry["severity"] not in SEVERITIES:
            raise ConfigError(f"resources/checks.toml: [{check_id}] has unknown severity {entry['severity']!r}")
        if not set(entry["applies_to"]) <= set(DOC_TYPES):
            raise ConfigError(f"resources/checks.toml: [{check_id}] applies_to has unknown types")
        checks[check_id] = Check(check_id, entry["dimension"] or None, entry["severity"],
                                 tuple(entry["applies_to"]), entry["message"], entry["why"],
                                 entry["suggestion"], entry["example"])
    return checks


class FindingFactory:
    """Makes findings for one document, honouring the user's config."""

    def __init__(self, config: ReviewerConfig, doc_type: str):
        self.checks = catalogue()
        self.config = config
        self.doc_type = doc_type
        self.severity = dict(config.severity)

    def make(self, check_id: str, start: int | None = None, end: int | None = None,
             **values) -> Finding | None:
        check = self.checks[check_id]  # a KeyError here is a bug: every id used is in the catalogue
        if check_id in self.config.disabled or self.doc_type not in check.applies_to:
            return None
        values.setdefault("doc", _DOC_WORDS[self.doc_type])
        return Finding(
            check=check_id, dimension=check.dimension,
            severity=self.severity.get(check_id, check.severity),
            message=check.message.format_map(_Default(values)),
            why=check.why, suggestion=check.suggestion,
            start=start, end=end, example=check.example or None,
        )


class _Default(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
