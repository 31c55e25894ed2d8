"""Evaluate a reviewer model against the annotated corpus.

Gold sentence spans are mapped onto the reviewer's own units (a unit carries a gold label when
a gold span with that label covers most of it); units overlapping an "unclear" span are not
scored for that label. Actions are matched by overlap. Documents, never sentences, are the
unit of any split.

    python training/evaluate.py --model rules --split test
    python training/evaluate.py --model keyword          # the naive keyword baseline
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

from reviewer.report import LABELS  # noqa: E402

CORPUS = ROOT / "corpora" / "corpus.jsonl"
_KEYWORDS = {
    "family_history": re.compile(r"\b(history|previous|background|childhood|grew up|past)\b", re.I),
    "child_voice": re.compile(r"\b(wishes|feelings|views?|said|voice|told)\b", re.I),
}


def load_corpus(path: Path = CORPUS, split: str | None = None, source: str | None = None) -> list[dict]:
    if not path.exists():
        from build_corpus import CORPORA, CorpusError, iter_documents, load_document
        from split_corpus import assign_splits
        docs = []
        for p in iter_documents([CORPORA / "authored", CORPORA / "generated"]):
            try:
                docs.append(load_document(p))
            except CorpusError as exc:  # a document still being written
                print("skipped:", exc, file=sys.stderr)
        assign_splits(docs)
    else:
        docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if split:
        wanted = set(split.split(","))  # e.g. "train,dev"
        docs = [d for d in docs if d.get("split") in wanted]
    if source:
        docs = [d for d in docs if d.get("source", "authored") == source]
    return docs


def _overlap(a0, a1, b0, b1) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def gold_unit_labels(doc: dict, units: list[tuple[int, int]]) -> list[tuple[set[str], set[str]]]:
    """(gold labels, unclear labels) per unit."""
    out = []
    for s, e in units:
        labels, unclear = set(), set()
        length = max(1, e - s)
        for g in doc["sentences"]:
            ov = _overlap(s, e, g["start"], g["end"])
            if ov == 0:
                continue
            covered = ov / length >= 0.5 or ov / max(1, g["end"] - g["start"]) >= 0.5
            if covered:
                labels.update(g["labels"])
                unclear.update(g.get("unclear", []))
        out.append((labels, unclear))
    return out


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "tp": tp, "fp": fp, "fn": fn}


def match_actions(gold: list[dict], pred: list[dict]) -> list[tuple[dict, dict | None]]:
    pairs = []
    used = set()
    for g in gold:
        best, best_ov = None, 0
        for i, p in enumerate(pred):
            if i in used:
                continue
            ov = _overlap(g["start"], g["end"], p["start"], p["end"])
            if ov > best_ov:
                best, best_ov = i, ov
        if best is not None and best_ov >= 0.3 * (g["end"] - g["start"]):
            used.add(best)
            pairs.append((g, pred[best]))
        else:
            pairs.append((g, None))
    return pairs


def spearman(xs: list[float], ys: list[float]) -> float:
    import pandas as pd
    if len(xs) < 3:
        return float("nan")
    return float(pd.Series(xs).corr(pd.Series(ys), method="spearman"))


def evaluate(docs: list[dict], reviewer=None, keyword: bool = False) -> dict:
    counts = {label: [0, 0, 0] for label in LABELS}
    flags = {"no_owner": [0, 0, 0], "no_timescale": [0, 0, 0], "unspecific": [0, 0, 0]}
    found = total_actions = 0
    false_actions = 0
    ratings: dict[str, tuple[list, list]] = {}
    n_units = 0
    t0 = time.perf_counter()
    errors = []
    for doc in docs:
        report = reviewer.review(doc["text"], doc_type=doc["doc_type"]).to_dict()
        units = [(s["start"], s["end"]) for s in report["sentences"]]
        gold = gold_unit_labels(doc, units)
        n_units += len(units)
        for sent, (glabels, unclear) in zip(report["sentences"], gold):
            text = doc["text"][sent["start"]:sent["end"]]
            for label in LABELS:
                if label in unclear and label not in glabels:
                    continue
                pred = bool(_KEYWORDS[label].search(text)) if keyword else label in sent["labels"]
                g = label in glabels
                c = counts[label]
                if pred and g:
                    c[0] += 1
                elif pred:
                    c[1] += 1
                    errors.append(("FP", label, doc["id"], text))
                elif g:
                    c[2] += 1
                    errors.append(("FN", label, doc["id"], text))
        pairs = match_actions(doc["actions"], report["actions"])
        total_actions += len(pairs)
        matched_pred = set()
        for g, p in pairs:
            if p is None:
                errors.append(("MISS_ACTION", "action", doc["id"], doc["text"][g["start"]:g["end"]]))
                continue
            found += 1
            matched_pred.add((p["start"], p["end"]))
            for flag, gold_gap, pred_gap in (
                ("no_owner", g["owner"] is None, p["owner"] is None),
                ("no_timescale", g["timescale"] is None, p["timescale"] is None),
                ("unspecific", not g["specific"], not p["specific"]),
            ):
                c = flags[flag]
                if gold_gap and pred_gap:
                    c[0] += 1
                elif pred_gap:
                    c[1] += 1
                    errors.append(("FP", flag, doc["id"], doc["text"][g["start"]:g["end"]]))
                elif gold_gap:
                    c[2] += 1
                    errors.append(("FN", flag, doc["id"], doc["text"][g["start"]:g["end"]]))
        for p in report["actions"]:
            if (p["start"], p["end"]) not in matched_pred:
                false_actions += 1
                errors.append(("EXTRA_ACTION", p["section"], doc["id"], doc["text"][p["start"]:p["end"]]))
        for dim, gold_rating in doc["ratings"].items():
            if dim in report["dimensions"]:
                xs, ys = ratings.setdefault(dim, ([], []))
                xs.append(report["dimensions"][dim]["rating"])
                ys.append(gold_rating)
    elapsed = time.perf_counter() - t0
    rating_stats = {}
    for dim, (xs, ys) in ratings.items():
        rating_stats[dim] = {
            "spearman": round(spearman(xs, ys), 3),
            "within_one": round(sum(abs(x - y) <= 1 for x, y in zip(xs, ys)) / len(xs), 3),
            "exact": round(sum(x == y for x, y in zip(xs, ys)) / len(xs), 3),
            "n": len(xs),
        }
    all_x = [x for xs, _ in ratings.values() for x in xs]
    all_y = [y for _, ys in ratings.values() for y in ys]
    return {
        "documents": len(docs),
        "units": n_units,
        "labels": {label: prf(*counts[label]) for label in LABELS},
        "action_flags": {flag: prf(*c) for flag, c in flags.items()},
        "action_detection": {"recall": round(found / total_actions, 3) if total_actions else None,
                             "precision": round(found / (found + false_actions), 3) if found + false_actions else None,
                             "gold": total_actions, "found": found, "extra": false_actions},
        "ratings": rating_stats,
        "ratings_overall": {"spearman": round(spearman(all_x, all_y), 3),
                            "within_one": round(sum(abs(x - y) <= 1 for x, y in zip(all_x, all_y)) / max(1, len(all_x)), 3)},
        "seconds": round(elapsed, 2),
        "units_per_second": round(n_units / elapsed, 1) if elapsed else None,
        "_errors": errors,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Evaluate a model on the corpus")
    parser.add_argument("--model", default="rules", help="a model name, or 'keyword' for the naive baseline")
    parser.add_argument("--split", default=None, help="train | dev | test (default: all)")
    parser.add_argument("--source", default=None, help="authored | generated")
    parser.add_argument("--author", default=None, help="only these writers, e.g. w8,w9,w10")
    parser.add_argument("--errors", type=int, default=0, help="print this many errors")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    from reviewer import Reviewer
    docs = load_corpus(split=args.split, source=args.source)
    if args.author:
        docs = [d for d in docs if d.get("author") in set(args.author.split(","))]
    reviewer = Reviewer.load("rules" if args.model == "keyword" else args.model)
    result = evaluate(docs, reviewer, keyword=args.model == "keyword")
    errors = result.pop("_errors")
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"model={args.model} split={args.split or 'all'} source={args.source or 'all'} "
              f"documents={result['documents']} units={result['units']}")
        for label, m in result["labels"].items():
            print(f"  {label:16} P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f}")
        ad = result["action_detection"]
        print(f"  action detection recall={ad['recall']} precision={ad['precision']} (gold {ad['gold']})")
        for flag, m in result["action_flags"].items():
            print(f"  gap {flag:13} P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f}")
        for dim, m in result["ratings"].items():
            print(f"  rating {dim:15} spearman={m['spearman']} within_one={m['within_one']} exact={m['exact']} n={m['n']}")
        print(f"  ratings overall {result['ratings_overall']}")
        print(f"  {result['units_per_second']} units/s")
    for err in errors[: args.errors]:
        print(" ", err[0], err[1], err[2], repr(err[3][:160]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
