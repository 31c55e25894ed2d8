"""Should the rating parameters be tuned with the generated documents or without them?

5-fold check on the authored TRAIN+DEV documents (seeded): tune `ratings.toml`'s parameters on four
folds (with and without the generated TRAIN+DEV documents), rate the held-out fold, and report the
held-out mean Spearman of the four dimensions, with cuts shared by the dimensions or each
dimension's own, and with or without an "absent" cut (a score so low it rates 0). Evidence comes from the rules labeller, so the check
needs no trained model and never reads the TEST split.

    .venv/bin/python training/rating_tuning_check.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

import train as T  # noqa: E402
from evaluate import load_corpus  # noqa: E402
from features import Examples, doc_examples  # noqa: E402

from reviewer import Reviewer, dimensions  # noqa: E402


def main() -> int:
    docs = load_corpus(split="train,dev")
    rules = Reviewer.load("rules")
    rows = T.rating_inputs(rules.labeller, T.CachingReviewer(rules), Examples([doc_examples(d) for d in docs]))
    start = json.loads(json.dumps(dimensions._weights()))
    for table, values in T.RATINGS_BASELINE.items():
        for key, value in values.items():
            if isinstance(value, dict):
                start[table][key].update(value)
            else:
                start[table][key] = value
    for dim in T.DIMENSIONS:
        start["cuts"][dim] = dict(T.RATINGS_BASELINE["cuts"])
    authored = [r for r in rows if r["doc"].get("source", "authored") == "authored"]
    generated = [r for r in rows if r["doc"].get("source", "authored") != "authored"]
    order = np.random.default_rng(0).permutation(len(authored))
    setups = {  # name -> (use the generated documents, cuts per dimension, an "absent" cut)
        "with generated, shared cuts": (True, False, True), "authored only, shared cuts": (False, False, True),
        "with generated, cuts per dimension": (True, True, True),
        "authored only, cuts per dimension": (False, True, True),
        "authored only, shared, no absent cut": (False, False, False),
    }
    results: dict[str, list[float]] = {name: [] for name in setups}
    for fold in np.array_split(order, 5):
        held = [authored[i] for i in fold]
        rest = [authored[i] for i in order if i not in set(fold.tolist())]
        for name, (with_generated, per_dim, absent) in setups.items():
            params, _ = T.tune_ratings(rest + generated if with_generated else rest, start,
                                       per_dimension_cuts=per_dim, absent_cut=absent)
            results[name].append(T.mean_spearman(T.rate_all(held, params)))
    for name, values in results.items():
        print(f"{name:36} held-out mean Spearman {np.mean(values):.3f}  (folds: "
              + ", ".join(f"{v:.3f}" for v in values) + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
