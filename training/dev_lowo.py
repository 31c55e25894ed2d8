"""Model-design check that never touches TEST: leave-one-writer-out over the authored TRAIN+DEV
documents only (TEST documents are dropped from training and from scoring).

For each writer: train on the other writers' authored TRAIN+DEV documents plus the generated
TRAIN documents (a seeded 10% of the authored ones held back for calibration, as in
training/cross_writer.py), score that writer's TRAIN+DEV documents. Compares model variants.

    .venv/bin/python training/dev_lowo.py                       # tfidf_rules with and without context
    .venv/bin/python training/dev_lowo.py --variants tfidf tfidf_rules tfidf_rules_ctx
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cross_writer as CW  # noqa: E402
import train as T  # noqa: E402
from features import Examples, build_examples  # noqa: E402

from reviewer import trained  # noqa: E402
from reviewer.report import LABELS  # noqa: E402

VARIANTS = {  # name -> (model kind, rules, context)
    "tfidf": ("tfidf", False, False),
    "tfidf_rules": ("tfidf_rules", True, False),
    "tfidf_rules_ctx": ("tfidf_rules", True, True),
    "tfidf_ctx": ("tfidf", False, True),
    "spacy_textcat": ("spacy_textcat", False, False),
}
# Averages of the calibrated probabilities of two variants (both must be listed too).
ENSEMBLES = {"ens_ctx_spacy": ("tfidf_rules_ctx", "spacy_textcat"), "ens_rules_spacy": ("tfidf_rules", "spacy_textcat")}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", nargs="*", default=["tfidf_rules", "tfidf_rules_ctx"],
                        choices=list(VARIANTS) + list(ENSEMBLES))
    args = parser.parse_args(argv)
    docs = [d for d in T.ev.load_corpus() if d["split"] in ("train", "dev")]
    examples = {d["id"]: e for d, e in zip(docs, build_examples(docs).docs)}
    authored = [d for d in docs if d.get("source", "authored") == "authored"]
    generated = [d["id"] for d in docs if d.get("source", "authored") != "authored"]
    writers = sorted({d["author"] for d in authored})
    wanted = [v for v in args.variants if v in VARIANTS]
    for e in args.variants:
        if e in ENSEMBLES:
            wanted += [c for c in ENSEMBLES[e] if c not in wanted]
    per = {v: [[] for _ in LABELS] for v in wanted + [e for e in args.variants if e in ENSEMBLES]}
    for w in writers:
        others = [d for d in authored if d["author"] != w]
        cal = CW.calibration_ids(others, T.SEED)
        ex = {"train": Examples([examples[d["id"]] for d in others if d["id"] not in cal] + [examples[i] for i in generated]),
              "dev": Examples([examples[i] for i in sorted(cal)])}
        held = Examples([examples[d["id"]] for d in authored if d["author"] == w])
        cache: dict = {}
        with tempfile.TemporaryDirectory(prefix="devlowo-") as tmp:
            got = {}
            for v in wanted:
                kind, rules, context = VARIANTS[v]
                T.seed_everything()
                folder = Path(tmp) / v
                if kind == "spacy_textcat":
                    T.train_spacy(kind, ex, folder, cache)
                else:
                    T.train_tfidf(kind, ex, folder, rules, cache, context=context)
                got[v], _ = T.unit_predictions(trained.load_trained(kind, folder), held)
            for e in args.variants:
                if e in ENSEMBLES:
                    a, b = ENSEMBLES[e]
                    got[e] = (got[a] + got[b]) / 2
            for v, scores in got.items():
                for j in range(len(LABELS)):
                    per[v][j].append(T.per_doc_counts(scores, held, j))
        line = " ".join(f"{v}: " + "/".join(f"{T.f1_of(per[v][j][-1].sum(axis=0)):.3f}" for j in range(len(LABELS)))
                        for v in per)
        print(f"{w} ({len(held.docs)} docs) {line}", flush=True)
    for v in per:
        pooled = [np.vstack(per[v][j]) for j in range(len(LABELS))]
        f = [float(T.f1_of(p.sum(axis=0))) for p in pooled]
        print(f"{v:18} family_history {f[0]:.3f}  child_voice {f[1]:.3f}  mean {np.mean(f):.3f}")
    return 0


if __name__ == "__main__":
    T.tqdm = lambda iterable, *a, **k: iterable
    sys.exit(main())
