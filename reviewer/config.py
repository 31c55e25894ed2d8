"""User configuration (TOML): switch checks off by id, change severities, add local vocabulary.

    [checks]
    disable = ["plan.no_contingency"]

    [checks.severity]
    "plan.action.vague_timescale" = "error"

    [vocabulary]
    roles = ["Brighter Futures worker", "family hub key worker"]
    services = ["Freedom Programme", "Strong Start group"]
    vague_timescales = ["when possible"]
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError
from .report import SEVERITIES

_TOP = {"checks", "vocabulary"}
_CHECKS = {"disable", "severity"}
_VOCAB = {"roles", "services", "vague_timescales"}


@dataclass(frozen=True)
class ReviewerConfig:
    disabled: frozenset[str] = frozenset()
    severity: tuple[tuple[str, str], ...] = ()
    roles: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    vague_timescales: tuple[str, ...] = ()

    def with_disabled(self, checks: set[str] | frozenset[str]) -> "ReviewerConfig":
        return ReviewerConfig(frozenset(self.disabled | set(checks)), self.severity, self.roles,
                              self.services, self.vague_timescales)

    @classmethod
    def from_dict(cls, data: dict, source: str = "config", known_checks: set[str] | None = None) -> "ReviewerConfig":
        unknown = set(data) - _TOP
        if unknown:
            raise ConfigError(f"{source}: unknown section(s) {sorted(unknown)}; expected {sorted(_TOP)}")
        checks = data.get("checks", {})
        vocab = data.get("vocabulary", {})
        if set(checks) - _CHECKS:
            raise ConfigError(f"{source}: unknown key(s) in [checks]: {sorted(set(checks) - _CHECKS)}")
        if set(vocab) - _VOCAB:
            raise ConfigError(f"{source}: unknown key(s) in [vocabulary]: {sorted(set(vocab) - _VOCAB)}")
        disabled = _string_list(checks.get("disable", []), source, "checks.disable")
        severity = checks.get("severity", {})
        if not isinstance(severity, dict):
            raise ConfigError(f"{source}: [checks.severity] must be a table of check = severity")
        for check, level in severity.items():
            if level not in SEVERITIES:
                raise ConfigError(f"{source}: severity of {check!r} must be one of {list(SEVERITIES)}")
        if known_checks is not None:
            bad = (set(disabled) | set(severity)) - known_checks
            if bad:
                raise ConfigError(f"{source}: unknown check id(s) {sorted(bad)}")
        return cls(
            disabled=frozenset(disabled),
            severity=tuple(sorted(severity.items())),
            roles=tuple(_string_list(vocab.get("roles", []), source, "vocabulary.roles")),
            services=tuple(_string_list(vocab.get("services", []), source, "vocabulary.services")),
            vague_timescales=tuple(_string_list(vocab.get("vague_timescales", []), source,
                                                "vocabulary.vague_timescales")),
        )

    @classmethod
    def from_file(cls, path: str | Path, known_checks: set[str] | None = None) -> "ReviewerConfig":
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"{path}: config file not found") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from None
        return cls.from_dict(data, str(path), known_checks)


def _string_list(value, source: str, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{source}: {key} must be a list of non-empty strings")
    return [v.strip() for v in value]
