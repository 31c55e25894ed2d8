"""How well do the tuned document ratings generalise? A 5-fold check on authored TRAIN+DEV.

The authored TRAIN+DEV documents are split into five seeded folds; `ratings.toml`'s parameters are
tuned on four (train.tune_ratings, as `make train` does) and the held-out fold is rated. For each
setup the script prints the held-out Spearman per dimension (mean of the folds, and each fold),
the mean over the four dimensions, and the within-one agreement of all held-out documents.
Evidence comes from the rules labeller, so the check needs no trained model and never reads the
TEST split.

Setups (default: the rating formulas):
- "former formula": specific tasks scored by the weighted shares of specific / owned actions only;
- "unspecific penalty": the adopted formula, which also takes points off for each aim or vague
  task beyond the few a good plan may have;
- "... oracle actions": the same, with the gold action judgements (owner, timescale, specific)
  in place of the extractor's: the ceiling that better action extraction could reach.
With --coverage: the family-history and child-voice scores with the sentence count and the kinds of
evidence weighted equally (the former formula) or with `sentence_weight` searched for family history
(adopted; train.SENTENCE_WEIGHT_DIMENSIONS: child voice did not gain from it and keeps 0.5).
With --cuts: the earlier questions (generated documents in the tuning or not; cuts shared by the
dimensions or each dimension's own; an "absent" cut or not).

    .venv/bin/python training/rating_tuning_check.py          # formulas (about 5 minutes)
    .venv/bin/python training/rating_tuning_check.py --cuts   # cuts and generated documents
    .venv/bin/python training/rating_tuning_check.py --coverage --seeds 0,1,2   # coverage formulas, 3 fold seeds
    .venv/bin/python training/rating_tuning_check.py --without-authors w18,w19,w20   # the corpus before them
"""
from __future__ import annotations

import argparse
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
from reviewer.report import ActionResult  # noqa: E402


def gold_actions(doc: dict) -> list[ActionResult]:
    """The document's annotated actions as the reviewer would report them (judgements only)."""
    out = []
    for a in doc.get("actions") or []:
        out.append(ActionResult(start=a["start"], end=a["end"], task=doc["text"][a["start"]:a["end"]],
                                owner=a["owner"]["text"] if a.get("owner") else None,
                                timescale=a["timescale"]["text"] if a.get("timescale") else None,
                                timescale_vague=a["timescale_vague"]["text"] if a.get("timescale_vague") else None,
                                specific=bool(a["specific"])))
    return out


def with_gold_actions(rows: list[dict]) -> list[dict]:
    return [{**r, "actions": gold_actions(r["doc"])} if r["doc"]["doc_type"] != "assessment" else r for r in rows]


def start_params() -> dict:
    """The hand-set values train.py starts its search from."""
    start = json.loads(json.dumps(dimensions._weights()))
    for table, values in T.RATINGS_BASELINE.items():
        for key, value in values.items():
            if isinstance(value, dict):
                start[table][key].update(value)
            else:
                start[table][key] = value
    for dim in T.DIMENSIONS:
        start["cuts"][dim] = dict(T.RATINGS_BASELINE["cuts"])
    return start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cuts", action="store_true", help="compare cut setups and generated documents")
    parser.add_argument("--coverage", action="store_true",
                        help="compare the coverage formulas (family history, child voice)")
    parser.add_argument("--seeds", default="0", metavar="0,1,2",
                        help="seeds of the fold split; each gives five folds (default 0)")
    parser.add_argument("--without-authors", default="", metavar="w18,w19",
                        help="leave these writers' documents out (to compare with a check run before they were added)")
    args = parser.parse_args(argv)

    docs = load_corpus(split="train,dev")
    assert all(d["split"] in ("train", "dev") for d in docs)
    left_out = {a for a in args.without_authors.split(",") if a}
    docs = [d for d in docs if d.get("author") not in left_out]
    rules = Reviewer.load("rules")
    rows = T.rating_inputs(rules.labeller, T.CachingReviewer(rules), Examples([doc_examples(d) for d in docs]))
    start = start_params()
    authored = [r for r in rows if r["doc"].get("source", "authored") == "authored"]
    generated = [r for r in rows if r["doc"].get("source", "authored") != "authored"]
    seeds = [int(x) for x in args.seeds.split(",") if x.strip()]
    if args.cuts:
        # name -> (use the generated documents, cuts per dimension, an "absent" cut, penalty, oracle,
        #          sentence weight searched)
        setups = {
            "with generated, shared cuts": (True, False, True, True, False, True),
            "authored only, shared cuts": (False, False, True, True, False, True),
            "with generated, cuts per dimension": (True, True, True, True, False, True),
            "authored only, cuts per dimension": (False, True, True, True, False, True),
            "authored only, shared, no absent cut": (False, False, False, True, False, True),
        }
    elif args.coverage:
        setups = {
            "coverage: equal weights (former)": (False, True, True, True, False, False),
            "coverage: sentence weight (adopted)": (False, True, True, True, False, True),
        }
    else:
        setups = {
            "former formula": (False, True, True, False, False, True),
            "unspecific penalty (adopted)": (False, True, True, True, False, True),
            "former formula, oracle actions": (False, True, True, False, True, True),
            "unspecific penalty, oracle actions": (False, True, True, True, True, True),
        }
    per_fold: dict[str, dict[str, list[float]]] = {name: {d: [] for d in T.DIMENSIONS} for name in setups}
    pooled: dict[str, dict[str, tuple[list, list]]] = {name: {d: ([], []) for d in T.DIMENSIONS} for name in setups}
    folds = [(order, fold) for seed in seeds
             for order in [np.random.default_rng(seed).permutation(len(authored))]
             for fold in np.array_split(order, 5)]
    for order, fold in folds:
        in_fold = set(fold.tolist())
        held = [authored[i] for i in fold]
        rest = [authored[i] for i in order if i not in in_fold]
        for name, (with_generated, per_dim, absent, penalty, oracle, weight) in setups.items():
            train_rows = rest + generated if with_generated else rest
            test_rows = held
            if oracle:
                train_rows, test_rows = with_gold_actions(train_rows), with_gold_actions(held)
            params, _ = T.tune_ratings(train_rows, start, per_dimension_cuts=per_dim, absent_cut=absent,
                                       unspecific_penalty=penalty, sentence_weight=weight)
            for dim, (x, y) in T.rate_all(test_rows, params).items():
                per_fold[name][dim].append(float(T.spearman_rows(x[None, :].astype(float), y.astype(float))[0]))
                pooled[name][dim][0].extend(x.tolist())
                pooled[name][dim][1].extend(y.tolist())
    print(f"{'setup':36} {'mean':>6} " + " ".join(f"{d:>15}" for d in T.DIMENSIONS) + "   within-one (all held out)")
    for name in setups:
        means = {d: float(np.mean(v)) for d, v in per_fold[name].items()}
        within = {d: float(np.mean(np.abs(np.array(x) - np.array(y)) <= 1)) for d, (x, y) in pooled[name].items()}
        print(f"{name:36} {np.mean(list(means.values())):6.3f} " + " ".join(f"{means[d]:15.3f}" for d in T.DIMENSIONS)
              + "   " + " ".join(f"{within[d]:.3f}" for d in T.DIMENSIONS))
        fold_means = np.mean([per_fold[name][d] for d in T.DIMENSIONS], axis=0)
        print(f"{'':36} folds (mean of dimensions): " + ", ".join(f"{v:.3f}" for v in fold_means))
        if len(seeds) > 1:  # each seed's five folds: the mean per seed shows the split-to-split noise
            for d in T.DIMENSIONS:
                by_seed = np.reshape(per_fold[name][d], (len(seeds), 5)).mean(axis=1)
                print(f"{'':36} seeds {d:15}: " + ", ".join(f"{v:.3f}" for v in by_seed))
        for d in T.DIMENSIONS:
            print(f"{'':36} folds {d:15}: " + ", ".join(f"{v:.3f}" for v in per_fold[name][d]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
