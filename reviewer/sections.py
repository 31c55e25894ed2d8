"""Headings: recognise a heading line and map it to a canonical section type.

The heading patterns are data (`resources/sections.json`); this module only applies them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .resources import load_json

# Numbering a council template puts before a heading: "3.", "3.2", "B.", "Section C -", "Part 2:".
_NUMBERING = re.compile(
    r"^\s*(?:(?:section|part|step|domain)\s+[\w]{1,3}\s*[-–—:.)]?\s*|"
    r"\(?\d{1,2}(?:\.\d{1,2})*[.)]?\s+|\(?[A-Ha-h][.)]\s+)",
    re.IGNORECASE,
)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(.+?)\1\s*:?\s*$")
_TERMINAL = re.compile(r"[.;,!]\s*$")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_LIST_START = re.compile(r"^\s*(?:[-*•·▪◦‣○●■□➢►✓☐☑☒]|\[[ xX✓✔]?\]|\(?\d{1,2}[a-h]?[.)]|[a-z][.)]|\([ivx]{1,4}\))\s+\S")
_SMALL_WORDS = {"and", "or", "of", "the", "a", "an", "to", "for", "in", "on", "with", "by", "at", "from", "about", "we", "are", "is", "s"}


@dataclass(frozen=True)
class SectionPatterns:
    types: tuple[str, ...]
    patterns: tuple[tuple[str, re.Pattern[str]], ...]

    def classify(self, heading: str) -> str | None:
        """Canonical type of a heading text, or None when no pattern matches."""
        key = normalise_heading(heading)
        if not key:
            return None
        for section_type, pattern in self.patterns:
            if pattern.search(key):
                return section_type
        return None


def normalise_heading(heading: str) -> str:
    text = heading.strip().strip("*_#").strip()
    text = _NUMBERING.sub("", text, count=1)
    text = text.replace("’", "'").lower()
    text = re.sub(r"[^a-z0-9'?/&() -]+", " ", text)
    return re.sub(r"\s+", " ", text).strip(" :-")


@lru_cache(maxsize=1)
def default_patterns() -> SectionPatterns:
    data = load_json("sections.json", required=("sections",))
    compiled: list[tuple[str, re.Pattern[str]]] = []
    for entry in data["sections"]:
        unknown = set(entry) - {"type", "patterns"}
        if unknown:
            raise ValueError(f"sections.json: unknown keys {sorted(unknown)} in {entry.get('type')}")
        for pattern in entry["patterns"]:
            compiled.append((entry["type"], re.compile(pattern, re.IGNORECASE)))
    types = tuple(dict.fromkeys(t for t, _ in compiled))
    return SectionPatterns(types=types, patterns=tuple(compiled))


def heading_text(line: str) -> str | None:
    """The heading's text if the line is explicitly marked up as one (Markdown or bold)."""
    match = _MD_HEADING.match(line)
    if match:
        return match.group(1)
    match = _BOLD_LINE.match(line)
    if match:
        return match.group(2)
    return None


def looks_like_heading(line: str, next_line: str | None, patterns: SectionPatterns) -> bool:
    """Decide whether an unmarked line is a heading, from its shape and the section lexicon."""
    stripped = line.strip()
    if not stripped or len(stripped) > 90 or "|" in stripped or "\t" in stripped:
        return False
    words = _WORD.findall(stripped)
    if not words or len(words) > 12:
        return False
    inline = re.match(r"^([^:]{1,60}):\s+\S", stripped)
    if inline:
        # "Category: Neglect" is a detail line, not a heading.
        return False
    # A bracketed note does not change the heading's shape: "THE PLAN (owner and timescale in
    # brackets)", "7. Inaya's safety plan (agreed with the family 20/05/2025)".
    shape = re.sub(r"\s*\([^)]*\)\s*", " ", stripped).strip() or stripped
    words = _WORD.findall(shape) or words
    if len(re.findall(r"(?<![\w./])\d+(?:/\d+)*(?![\w.])", _NUMBERING.sub("", shape, count=1))) >= 2:
        return False  # "SW 5, school 6, HV 6": scores, not a heading
    known = patterns.classify(stripped) is not None
    numbered = bool(_NUMBERING.match(stripped))
    rest = _NUMBERING.sub("", shape, count=1) if numbered else shape
    # A heading written as a wh-clause ("How we will know the plan is working", "What Dad will do").
    wh_title = known and len(words) <= 10 and re.match(r"^(?:how|what|who|where|when|why)\b", rest, re.IGNORECASE) \
        and not _TERMINAL.search(stripped)
    if re.search(r"\b(will|to|must|should|shall|needs to|agreed)\b", rest, re.IGNORECASE) and not (
        stripped.endswith("?") or stripped.isupper() or wh_title
    ):
        # "1. Mum to attend ..." is a list item, not a heading; question headings are fine, and
        # so is a known heading after a dash ("House of Dreams - What needs to happen").
        parts = re.split(r"\s+[-–—]\s+", rest)
        if not known or (len(words) > 6 and not (len(parts) > 1 and patterns.classify(parts[-1])
                                                  and len(_WORD.findall(parts[-1])) <= 6)):
            return False
    if len(re.split(r"\s+[-–—]\s+", rest)) >= 3:
        return False  # "Dad - see the GP about his sleep - every month": Who - What - When, an item
    if _TERMINAL.search(stripped) and not stripped.endswith(":"):
        return False
    letters = [c for c in shape if c.isalpha()]
    if len(letters) >= 3 and all(c.isupper() for c in letters):
        return True
    if stripped.endswith(":"):
        return len(words) <= 8
    if stripped.endswith("?"):
        return known and len(words) <= 12
    if numbered:
        return known and len(words) <= 10
    if len(words) > 8:
        return False
    title_words = [w for w in _WORD.findall(shape) if w.lower() not in _SMALL_WORDS]
    title_ratio = sum(w[0].isupper() for w in title_words) / max(len(title_words), 1)
    next_blank = next_line is None or not next_line.strip()
    if known and (title_ratio >= 0.5 or next_blank or len(words) <= 6):
        if stripped[0].isupper() or stripped[0].isdigit():
            return True
        # A lower-case heading in quick notes ("plan - what needs to happen") over a list.
        return len(words) <= 6 and next_line is not None and _LIST_START.match(next_line) is not None
    if next_line is not None and _LIST_START.match(next_line) and len(words) <= 6 and stripped[0].isupper() \
            and not re.search(r"\b(?:was|were|is|are|has|had|have|will|said)\b", shape, re.IGNORECASE):
        return True  # a short title over a list ("Mei's views", "Short term (next 4 weeks)")
    return next_blank and title_ratio >= 0.99 and 1 <= len(words) <= 6 and stripped[0].isupper()
