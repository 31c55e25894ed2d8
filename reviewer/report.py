"""The report: one finding record and one report record, consumed everywhere.

The CLI, batch tables, the HTML page and the app all read these records; none of them
re-derives what a report already says. `Report.to_dict()` is the stable contract and is
validated against `resources/report.schema.json`.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

LABELS = ("family_history", "child_voice")
DOC_TYPES = ("assessment", "cp_plan", "cin_plan")
DIMENSIONS = ("family_history", "child_voice", "specific_tasks", "timescales")
SEVERITIES = ("suggestion", "warning", "error")
DIMENSIONS_BY_TYPE = {
    "assessment": ("family_history", "child_voice"),
    "cp_plan": DIMENSIONS,
    "cin_plan": DIMENSIONS,
}


@dataclass
class Finding:
    """One gap or problem, at a span of the text or (start=end=None) for the whole document."""

    check: str
    dimension: str | None
    severity: str
    message: str
    why: str
    suggestion: str
    start: int | None = None
    end: int | None = None
    example: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SentenceResult:
    """A unit of text (prose sentence, list item, table row or field block) and its labels."""

    start: int
    end: int
    section: str
    kind: str
    labels: list[str]
    scores: dict[str, float]
    reasons: dict[str, str] = field(default_factory=dict)
    gaps: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ActionResult:
    """One thing someone must do under the plan, with who / what / when."""

    start: int
    end: int
    owner: str | None
    task: str
    timescale: str | None
    timescale_vague: str | None
    specific: bool
    owner_problem: str | None = None  # "pronoun" | "collective" | "passive" | "missing" | None
    timescale_date: str | None = None  # ISO date when the timescale names one
    section: str = "other"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class DimensionResult:
    rating: int
    score: int
    summary: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SectionResult:
    start: int
    end: int
    type: str
    heading: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Report:
    text: str
    doc_type: str
    doc_type_confidence: float
    reviewer_version: str
    model_version: str
    dimensions: dict[str, DimensionResult]
    sentences: list[SentenceResult]
    actions: list[ActionResult]
    findings: list[Finding]
    sections: list[SectionResult] = field(default_factory=list)
    source: str | None = None
    warnings: list[str] = field(default_factory=list)
    disabled_checks: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "doc_type": self.doc_type,
            "doc_type_confidence": round(float(self.doc_type_confidence), 4),
            "reviewer_version": self.reviewer_version,
            "model_version": self.model_version,
            "dimensions": {k: v.to_dict() for k, v in self.dimensions.items()},
            "sentences": [s.to_dict() for s in self.sentences],
            "actions": [a.to_dict() for a in self.actions],
            "findings": [f.to_dict() for f in self.findings],
            "sections": [s.to_dict() for s in self.sections],
            "warnings": list(self.warnings),
            "disabled_checks": list(self.disabled_checks),
            "text": self.text,
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Report":
        return cls(
            text=data["text"],
            doc_type=data["doc_type"],
            doc_type_confidence=data["doc_type_confidence"],
            reviewer_version=data["reviewer_version"],
            model_version=data["model_version"],
            dimensions={k: DimensionResult(**v) for k, v in data["dimensions"].items()},
            sentences=[SentenceResult(**s) for s in data["sentences"]],
            actions=[ActionResult(**a) for a in data["actions"]],
            findings=[Finding(**f) for f in data["findings"]],
            sections=[SectionResult(**s) for s in data.get("sections", [])],
            source=data.get("source"),
            warnings=list(data.get("warnings", [])),
            disabled_checks=list(data.get("disabled_checks", [])),
        )

    # Convenience views used by the CLI, batch and app (derived, never stored twice).
    def counts_by_check(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for f in self.findings:
            counts[f.check] = counts.get(f.check, 0) + 1
        return counts

    def worst_severity(self) -> str | None:
        ranks = {s: i for i, s in enumerate(SEVERITIES)}
        worst = max((ranks[f.severity] for f in self.findings), default=None)
        return None if worst is None else SEVERITIES[worst]

    def line_of(self, offset: int | None) -> int | None:
        """1-based line number of a character offset (None for document-level)."""
        if offset is None:
            return None
        return self.text.count("\n", 0, offset) + 1


@lru_cache(maxsize=1)
def report_schema() -> dict[str, Any]:
    """The JSON Schema every `Report.to_dict()` satisfies (shipped in the package)."""
    path = resources.files("reviewer") / "resources" / "report.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


def validate_report_dict(data: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError if `data` breaks the report contract."""
    import jsonschema

    jsonschema.validate(data, report_schema())
    text = data["text"]
    for group in ("sentences", "actions", "findings", "sections"):
        for item in data[group]:
            start, end = item.get("start"), item.get("end")
            if start is None and end is None:
                continue
            if start is None or end is None or not (0 <= start <= end <= len(text)):
                raise ValueError(f"{group}: offsets {start}..{end} outside the text")
