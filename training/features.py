"""Training examples: the reviewer's own units with their gold labels and shared features.

Each document is segmented exactly as `Reviewer.review` does (same `Segmenter`, same people,
same `DocContext`), and gold labels are mapped onto those units with
`evaluate.gold_unit_labels`, so training and inference see identical text spans. A unit whose
label is only "unclear" in the gold is not an example for that label (mask 0).
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

from evaluate import gold_unit_labels  # noqa: E402
from reviewer.labels import DocContext  # noqa: E402
from reviewer.people import find_people  # noqa: E402
from reviewer.report import LABELS  # noqa: E402
from reviewer.segment import Segmenter  # noqa: E402
from reviewer.trained import UnitInfo, analyse  # noqa: E402


@dataclass
class DocExamples:
    doc: dict
    context: DocContext
    infos: list[UnitInfo]
    y: np.ndarray      # units x labels, 0/1
    mask: np.ndarray   # units x labels, 1 where the label is scored


@dataclass
class Examples:
    docs: list[DocExamples] = field(default_factory=list)

    @property
    def infos(self) -> list[UnitInfo]:
        return [i for d in self.docs for i in d.infos]

    @property
    def y(self) -> np.ndarray:
        return np.vstack([d.y for d in self.docs]) if self.docs else np.zeros((0, len(LABELS)))

    @property
    def mask(self) -> np.ndarray:
        return np.vstack([d.mask for d in self.docs]) if self.docs else np.zeros((0, len(LABELS)))

    @property
    def doc_index(self) -> np.ndarray:
        return np.concatenate([np.full(len(d.infos), k) for k, d in enumerate(self.docs)]) \
            if self.docs else np.zeros(0, dtype=int)

    def __len__(self) -> int:
        return sum(len(d.infos) for d in self.docs)


_SEGMENTER: Segmenter | None = None


def doc_examples(doc: dict) -> DocExamples:
    global _SEGMENTER
    if _SEGMENTER is None:
        _SEGMENTER = Segmenter()
    seg = _SEGMENTER(doc["text"])
    people = find_people(doc["text"])
    context = DocContext(text=doc["text"], doc_type=doc["doc_type"], people=people, units=seg.units)
    gold = gold_unit_labels(doc, [(u.start, u.end) for u in seg.units])
    y = np.zeros((len(seg.units), len(LABELS)))
    mask = np.ones((len(seg.units), len(LABELS)))
    for r, (labels, unclear) in enumerate(gold):
        for j, label in enumerate(LABELS):
            if label in labels:
                y[r, j] = 1.0
            elif label in unclear:
                mask[r, j] = 0.0
    return DocExamples(doc, context, analyse(context), y, mask)


def build_examples(docs: list[dict], desc: str = "units") -> Examples:
    from tqdm import tqdm

    return Examples([doc_examples(d) for d in tqdm(docs, desc=desc, unit="doc", leave=False)])
