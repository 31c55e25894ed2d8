"""Document type: assessment, cp_plan or cin_plan, guessed with a confidence when not given.

Cues are data (`resources/doctype.json`); the document's shape (how much of it is actions)
adds to the plan types.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

from .report import DOC_TYPES
from .resources import load_json
from .segment import Segmentation

_WILL = re.compile(r"\b(will|to|must|should)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _cues():
    data = load_json("doctype.json", required=("prior", "cues"))
    cues = []
    for cue in data["cues"]:
        if cue.get("type") not in DOC_TYPES:
            raise ValueError(f"doctype.json: unknown type {cue.get('type')!r}")
        unknown = set(cue) - {"type", "weight", "pattern", "title_only"}
        if unknown:
            raise ValueError(f"doctype.json: unknown keys {sorted(unknown)}")
        cues.append((cue["type"], float(cue["weight"]), re.compile(cue["pattern"], re.IGNORECASE | re.MULTILINE),
                     bool(cue.get("title_only"))))
    return data["prior"], cues


def detect_doc_type(seg: Segmentation) -> tuple[str, float, dict[str, float]]:
    """(type, confidence, probabilities by type) for a segmented document."""
    prior, cues = _cues()
    scores = {t: float(prior.get(t, 0.0)) for t in DOC_TYPES}
    # The title area: the first non-empty lines, not the body (which may mention earlier plans).
    first = [line.strip() for line in seg.text[:600].splitlines() if line.strip()][:3]
    head = "\n".join(line[:200] for line in first if not line.endswith((".", "!", "?")) or len(line) > 100)
    for doc_type, weight, pattern, title_only in cues:
        if title_only:
            if pattern.search(head):
                scores[doc_type] += weight
            continue
        if pattern.search(seg.text):
            scores[doc_type] += weight
            if pattern.search(head):
                scores[doc_type] += weight
    units = seg.units or []
    if units:
        plan_like = sum(1 for u in units if u.kind in ("row", "block")
                        or (u.kind == "item" and _WILL.search(u.text)) or u.section == "plan")
        share = plan_like / len(units)
        scores["cp_plan"] += 2.0 * share
        scores["cin_plan"] += 2.0 * share
        scores["assessment"] += 2.0 * (1 - share)
    top = max(scores.values())
    exp = {t: math.exp(s - top) for t, s in scores.items()}
    total = sum(exp.values())
    probs = {t: v / total for t, v in exp.items()}
    best = max(probs, key=probs.get)
    return best, probs[best], probs
