"""Leave-one-writer-out (LOWO) cross-validation of the sentence models.

TEST (training/split_corpus.py) is split by document, so its documents come from the same seven
hand-writers (corpora/authored/w1..w7) as TRAIN and its F1 is optimistic for documents written
by other people. Here each writer in turn is held out completely:

    for each writer w in w1..w7:
        train on every authored document of the other six writers (all splits: train, dev and
        test), plus (variant "with generated") every generated document; a seeded 10% of the
        other writers' authored documents (stratified by writer, whole documents) is held back
        for calibration (Platt scaling and the threshold check; spaCy's early stopping), as DEV
        is in training/train.py;
        evaluate on every document of w, on the reviewer's own units (features.build_examples:
        reviewer.segment.Segmenter, gold mapped with evaluate.gold_unit_labels), a unit that is
        only "unclear" for a label not being scored for it.

The models are fitted with training/train.py's own functions (train_tfidf, train_spacy: the same
features, C chosen by 3-fold CV grouped by document, the same calibration), written to a
temporary folder, loaded with reviewer.trained.load_trained and scored through
`labeller.predict`, exactly as train.py scores TEST. Nothing is written under models/. `rules`
needs no training and is scored on the same units. The calibration documents are the same in
both variants, so "without generated" differs from "with generated" only by the generated
training documents.

--control adds the same protocol with the writers NOT held out: the authored documents are cut
into 7 folds by document (stratified by writer, seeded), so each held-out fold shares its
writers with the training documents as TEST does. LOWO minus this control is the cost of an
unseen writer with everything else equal.

    .venv/bin/python training/cross_writer.py                   # rules, tfidf, tfidf_rules, spacy_textcat
    .venv/bin/python training/cross_writer.py --control         # + the same-writer control
    .venv/bin/python training/cross_writer.py --json lowo.json  # also write the numbers

Two worker processes by default (--jobs); deterministic (seed 0): the same corpus gives the same
numbers whatever the number of workers.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import sys
import tempfile
import time
from pathlib import Path

# One BLAS thread per process, fixed before numpy loads: liblinear's vector operations go through
# BLAS, whose sums round differently with the number of threads, and a last-digit difference can
# flip a C choice (train.choose_c compares rounded scores) or a threshold. With one thread the
# numbers do not depend on the number of workers or on the order the folds run in.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train as T  # noqa: E402  (sets the offline environment and sys.path like train.py)
from features import Examples, build_examples  # noqa: E402
from reviewer import trained  # noqa: E402
from reviewer.labels import RuleLabeller  # noqa: E402
from reviewer.report import LABELS  # noqa: E402

CALIBRATION_SHARE = 0.10
CONTROL_FOLDS = 7
TRAINED = ("tfidf", "tfidf_rules", "spacy_textcat")
VARIANTS = ("with_generated", "without_generated")
VARIANT_TEXT = {"with_generated": "other writers + generated", "without_generated": "other writers only",
                "none": "no training", "control": "all writers + generated"}
T0 = time.perf_counter()

# Filled in the parent before the workers fork (shared copy-on-write, never pickled).
EXAMPLES: dict = {}


def log(msg: str) -> None:
    print(f"[{time.perf_counter() - T0:5.0f}s] {msg}", flush=True)


def calibration_ids(train_docs: list[dict], seed: int) -> set[str]:
    """A seeded ~10% of the training writers' authored documents, whole documents, from each writer."""
    rng = random.Random(seed)
    chosen: set[str] = set()
    for writer in sorted({d["author"] for d in train_docs}):
        ids = sorted(d["id"] for d in train_docs if d["author"] == writer)
        rng.shuffle(ids)
        chosen.update(ids[:max(1, round(CALIBRATION_SHARE * len(ids)))])
    return chosen


def control_folds(authored: list[dict]) -> list[list[str]]:
    """CONTROL_FOLDS folds of authored documents, by document, each writer spread over all folds."""
    rng = random.Random(T.SEED)
    folds: list[list[str]] = [[] for _ in range(CONTROL_FOLDS)]
    k = 0
    for writer in sorted({d["author"] for d in authored}):
        ids = sorted(d["id"] for d in authored if d["author"] == writer)
        rng.shuffle(ids)
        for doc_id in ids:
            folds[k % CONTROL_FOLDS].append(doc_id)
            k += 1
    return folds


def counts_for(scores: np.ndarray, ex: Examples) -> list[np.ndarray]:
    """Per label, tp/fp/fn per held-out document (training/train.py's own scoring)."""
    return [T.per_doc_counts(scores, ex, j) for j in range(len(LABELS))]


def f1s(counts: list[np.ndarray]) -> dict:
    out = {label: float(T.f1_of(c.sum(axis=0))) for label, c in zip(LABELS, counts)}
    out["mean"] = float(np.mean([out[label] for label in LABELS]))
    return out


def run_job(job: dict) -> dict:
    """Fit every trained model on job['train'] (calibrated on job['cal']) and score job['held']."""
    T.tqdm = lambda iterable, *a, **k: iterable  # no progress bars from inside the workers
    T.seed_everything()
    held = Examples([EXAMPLES[i] for i in job["held"]])
    ex = {"train": Examples([EXAMPLES[i] for i in job["train"]]), "dev": Examples([EXAMPLES[i] for i in job["cal"]])}
    cache: dict = {}  # tfidf and tfidf_rules share the fold's TF-IDF vocabulary, as in train.py
    out = {"key": job["key"], "counts": {}, "seconds": {}, "train_documents": len(ex["train"].docs),
           "train_units": len(ex["train"]), "calibration_documents": len(ex["dev"].docs)}
    with tempfile.TemporaryDirectory(prefix="lowo-") as tmp:
        for name in job["models"]:
            t0 = time.perf_counter()
            T.seed_everything()
            folder = Path(tmp) / name
            if name == "spacy_textcat":
                T.train_spacy(name, ex, folder, cache)
            else:
                T.train_tfidf(name, ex, folder, name == "tfidf_rules", cache, context=name == "tfidf_rules")
            scores, _ = T.unit_predictions(trained.load_trained(name, folder), held)
            out["counts"][name] = counts_for(scores, held)
            out["seconds"][name] = round(time.perf_counter() - t0, 1)
    return out


def in_distribution_test(test_ex: Examples) -> dict[str, dict]:
    """The TEST figures of models/README.md: the trained models' from their metrics.json (written
    by train.py), the rules' scored here on the same TEST units (they need no files)."""
    scores, _ = T.unit_predictions(RuleLabeller(), test_ex)
    out = {"rules": f1s(counts_for(scores, test_ex))}
    for name in TRAINED:
        try:
            test = json.loads((trained.models_dir() / name / "metrics.json").read_text(encoding="utf-8"))["labels"]["test"]
        except (OSError, ValueError, KeyError):
            continue
        out[name] = {label: test[label]["f1"] for label in LABELS} | {"mean": test["mean_f1"]}
    return out


def summarise(per_fold: dict[str, list[np.ndarray]], order: list[str], bootstrap: int) -> dict:
    pooled = [np.vstack([per_fold[k][j] for k in order]) for j in range(len(LABELS))]
    ci = T.bootstrap_f1(pooled, bootstrap)
    return {"micro": f1s(pooled), "ci95": ci,
            "macro_over_folds": float(np.mean([f1s(per_fold[k])["mean"] for k in order])),
            "tp_fp_fn": {label: [int(x) for x in pooled[j].sum(axis=0)] for j, label in enumerate(LABELS)},
            "per_fold": {k: f1s(per_fold[k]) for k in order}}


def by_document(per_fold: dict[str, list[np.ndarray]], held_ids: dict[str, list[str]]) -> dict[str, np.ndarray]:
    """doc id -> (labels x [tp, fp, fn]) from per-fold, per-label count arrays."""
    out = {}
    for k, counts in per_fold.items():
        for r, doc_id in enumerate(held_ids[k]):
            out[doc_id] = np.stack([c[r] for c in counts])
    return out


def paired_difference(a: dict[str, np.ndarray], b: dict[str, np.ndarray], bootstrap: int) -> dict:
    """Mean F1 of a minus b on the same documents, with a 95% interval from resampling the
    documents (the same resample for both: the comparison is paired)."""
    ids = sorted(set(a) & set(b))
    A, B = np.stack([a[i] for i in ids]), np.stack([b[i] for i in ids])  # docs x labels x 3

    def mean_f1(x):  # x: ... x docs x labels x 3 -> ...
        return T.f1_of(x.sum(axis=-3)).mean(axis=-1)

    idx = np.random.default_rng(T.SEED).integers(0, len(ids), size=(bootstrap, len(ids)))
    diff = mean_f1(A[idx]) - mean_f1(B[idx])
    return {"difference": float(mean_f1(A) - mean_f1(B)), "documents": len(ids),
            "ci95": [float(np.percentile(diff, 2.5)), float(np.percentile(diff, 97.5))]}


def markdown(result: dict) -> str:
    writers, test = result["writers"], result["test_in_distribution"]
    rows = [(m, v) for m in result["models"] for v in result["lowo"][m]]
    lines = ["| model | trained on | LOWO family_history F1 [95% CI] | LOWO child_voice F1 [95% CI] "
             "| LOWO mean F1 [95% CI] | TEST mean F1 (seen writers) | LOWO − TEST |",
             "|---|---|---:|---:|---:|---:|---:|"]
    for model, variant in rows:
        r = result["lowo"][model][variant]
        cells = [f"{r['micro'][k]:.3f} [{r['ci95'][k][0]:.3f}–{r['ci95'][k][1]:.3f}]" for k in (*LABELS, "mean")]
        t = test.get(model, {}).get("mean")
        tt = "–" if t is None else f"{t:.3f}"
        drop = "–" if t is None else f"{r['micro']['mean'] - t:+.3f}"
        lines.append(f"| {model} | {VARIANT_TEXT[variant]} | " + " | ".join(cells) + f" | {tt} | {drop} |")
    lines += ["", "Per held-out writer, family_history / child_voice F1:", "",
              "| model | trained on | " + " | ".join(writers) + " | macro mean F1 |",
              "|---|---|" + "---|" * len(writers) + "---:|"]
    for model, variant in rows:
        r = result["lowo"][model][variant]
        lines.append(f"| {model} | {VARIANT_TEXT[variant]} | " + " | ".join(
            f"{r['per_fold'][w]['family_history']:.2f} / {r['per_fold'][w]['child_voice']:.2f}" for w in writers)
            + f" | {r['macro_over_folds']:.3f} |")
    sizes = result["held_out"]
    lines.append("| *documents / units / positives fh, cv* | | " + " | ".join(
        f"{sizes[w]['documents']} / {sizes[w]['units']} / {sizes[w]['positives'][0]}, {sizes[w]['positives'][1]}"
        for w in writers) + " | |")
    if result.get("control"):
        lines += ["", f"Same protocol, writers seen ({CONTROL_FOLDS}-fold CV by document over the authored "
                  "documents, each fold's writers also in its training data, + generated):", "",
                  "| model | control family_history F1 | control child_voice F1 | control mean F1 [95% CI] "
                  "| LOWO mean F1 (+ generated) | LOWO − control |", "|---|---:|---:|---:|---:|---:|"]
        for model in result["models"]:
            c = result["control"][model]
            lowo = result["lowo"][model].get("with_generated") or result["lowo"][model].get("none")
            tail = (f"{lowo['micro']['mean']:.3f} | {lowo['micro']['mean'] - c['micro']['mean']:+.3f}"
                    if lowo else "– | –")
            lines.append(f"| {model} | {c['micro']['family_history']:.3f} | {c['micro']['child_voice']:.3f} | "
                         f"{c['micro']['mean']:.3f} [{c['ci95']['mean'][0]:.3f}–{c['ci95']['mean'][1]:.3f}] | "
                         + tail + " |")
    if result.get("paired"):
        lines += ["", "Paired differences in mean F1 (the same held-out documents; 95% interval from "
                  f"{result['bootstrap']} paired resamples of the documents):", "", "| comparison | difference [95% CI] |", "|---|---:|"]
        for what, d in result["paired"].items():
            lines.append(f"| {what} | {d['difference']:+.3f} [{d['ci95'][0]:+.3f} – {d['ci95'][1]:+.3f}] |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None,
                        help="a corpus.jsonl (default: corpora/corpus.jsonl if current, as train.py)")
    parser.add_argument("--no-spacy", action="store_true", help="leave out spacy_textcat")
    parser.add_argument("--control", action="store_true", help="also the same-writer 7-fold control")
    parser.add_argument("--writers", nargs="*", default=None, help="hold out only these writers (default: all)")
    parser.add_argument("--variants", nargs="*", default=list(VARIANTS), choices=VARIANTS)
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--bootstrap", type=int, default=1000)
    parser.add_argument("--json", type=Path, default=None, help="also write the numbers here")
    args = parser.parse_args(argv)
    T.seed_everything()
    models = [m for m in TRAINED if not (args.no_spacy and m == "spacy_textcat")]

    docs, source = T.load_documents(args.corpus)
    authored = [d for d in docs if d.get("source", "authored") == "authored"]
    generated = [d["id"] for d in docs if d.get("source", "authored") != "authored"]
    writers = sorted({d["author"] for d in authored})
    held_writers = [w for w in writers if args.writers is None or w in args.writers]
    log(f"corpus: {source}: {len(authored)} authored documents by {len(writers)} writers ("
        + ", ".join(f"{w} {sum(d['author'] == w for d in authored)}" for w in writers)
        + f"), {len(generated)} generated")
    log("segmenting every document once (the reviewer's Segmenter, people and rule evidence)")
    all_ex = build_examples(docs, desc="segmenting")
    EXAMPLES.update({d.doc["id"]: d for d in all_ex.docs})

    result: dict = {"corpus": source, "seed": T.SEED, "calibration_share": CALIBRATION_SHARE,
                    "bootstrap": args.bootstrap,
                    "writers": held_writers, "models": ["rules"] + models, "held_out": {},
                    "lowo": {m: {} for m in ["rules"] + models}, "seconds_per_fit": {}}
    test_ex = Examples([EXAMPLES[d["id"]] for d in authored if d.get("split") == "test"])
    result["test_in_distribution"] = in_distribution_test(test_ex)
    log("TEST (writers seen in TRAIN), mean F1 from models/*/metrics.json: " + ", ".join(
        f"{m} {v['mean']:.3f}" for m, v in result["test_in_distribution"].items()))

    # -- the jobs: one per held-out writer and variant (and control fold) ------------------------
    jobs, rules_counts, held_ids = [], {"lowo": {}, "control": {}}, {}
    rules = RuleLabeller()
    for k, w in enumerate(held_writers):
        held = [d["id"] for d in authored if d["author"] == w]
        others = [d for d in authored if d["author"] != w]
        cal = calibration_ids(others, T.SEED + writers.index(w))
        fit = [d["id"] for d in others if d["id"] not in cal]
        held_ex = Examples([EXAMPLES[i] for i in held])
        held_ids[w] = held
        result["held_out"][w] = {"documents": len(held), "units": len(held_ex), "calibration_documents": len(cal),
                                 "positives": [int((held_ex.y[:, j] * held_ex.mask[:, j]).sum())
                                               for j in range(len(LABELS))]}
        rules_counts["lowo"][w] = counts_for(T.unit_predictions(rules, held_ex)[0], held_ex)
        for variant in args.variants:
            jobs.append({"key": ("lowo", w, variant), "held": held, "cal": sorted(cal), "models": models,
                         "train": fit + (generated if variant == "with_generated" else [])})
    if args.control:
        for k, fold in enumerate(control_folds(authored)):
            fold_set = set(fold)
            others = [d for d in authored if d["id"] not in fold_set]
            cal = calibration_ids(others, T.SEED + 100 + k)
            fit = [d["id"] for d in others if d["id"] not in cal]
            held_ex = Examples([EXAMPLES[i] for i in fold])
            held_ids[f"fold{k + 1}"] = fold
            rules_counts["control"][f"fold{k + 1}"] = counts_for(T.unit_predictions(rules, held_ex)[0], held_ex)
            jobs.append({"key": ("control", f"fold{k + 1}", "with_generated"), "held": fold, "cal": sorted(cal),
                         "models": models, "train": fit + generated})
    for w in held_writers:
        f = f1s(rules_counts["lowo"][w])
        log(f"rules on {w}: F1 fh={f['family_history']:.3f} cv={f['child_voice']:.3f}")
    log(f"{len(jobs)} fits of {', '.join(models)} on {args.jobs} worker(s)")

    done: dict = {}
    if args.jobs > 1:
        pool = mp.get_context("fork").Pool(args.jobs)
        results = pool.imap_unordered(run_job, jobs)
    else:
        pool, results = None, map(run_job, jobs)
    for n, out in enumerate(results, 1):
        done[out["key"]] = out
        scheme, fold, variant = out["key"]
        for name, secs in out["seconds"].items():
            result["seconds_per_fit"].setdefault(name, []).append(secs)
        log(f"{n:2}/{len(jobs)} {scheme} {fold} {variant}: trained on {out['train_documents']} documents "
            f"({out['train_units']} units), calibrated on {out['calibration_documents']}: "
            + "; ".join(f"{name} fh={f1s(c)['family_history']:.3f} cv={f1s(c)['child_voice']:.3f} "
                        f"({out['seconds'][name]:.0f}s)" for name, c in out["counts"].items()))
    if pool is not None:
        pool.close()
        pool.join()

    # -- pooled (micro) F1 over all held-out units, per-writer F1 ----------------------------------
    result["lowo"]["rules"]["none"] = summarise(rules_counts["lowo"], held_writers, args.bootstrap)
    for name in models:
        for variant in args.variants:
            per = {w: done[("lowo", w, variant)]["counts"][name] for w in held_writers}
            result["lowo"][name][variant] = summarise(per, held_writers, args.bootstrap)
    if args.control:
        folds = sorted(rules_counts["control"])
        result["control"] = {"rules": summarise(rules_counts["control"], folds, args.bootstrap)}
        for name in models:
            per = {f: done[("control", f, "with_generated")]["counts"][name] for f in folds}
            result["control"][name] = summarise(per, folds, args.bootstrap)

    # -- paired comparisons on the same documents -------------------------------------------------
    docs_of = {("rules", "none"): by_document(rules_counts["lowo"], held_ids)}
    for name in models:
        for variant in args.variants:
            docs_of[(name, variant)] = by_document(
                {w: done[("lowo", w, variant)]["counts"][name] for w in held_writers}, held_ids)
    paired = {}
    if set(VARIANTS) <= set(args.variants):
        for name in models:
            paired[f"{name}: with − without generated (LOWO)"] = paired_difference(
                docs_of[(name, "with_generated")], docs_of[(name, "without_generated")], args.bootstrap)
    for name in models:
        for variant in args.variants:
            paired[f"{name} ({VARIANT_TEXT[variant]}) − rules (LOWO)"] = paired_difference(
                docs_of[(name, variant)], docs_of[("rules", "none")], args.bootstrap)
    if args.control and "with_generated" in args.variants:
        for name in models:
            control = by_document({f: done[("control", f, "with_generated")]["counts"][name]
                                   for f in sorted(rules_counts["control"])}, held_ids)
            paired[f"{name}: LOWO − same-writer control (both + generated)"] = paired_difference(
                docs_of[(name, "with_generated")], control, args.bootstrap)
    result["paired"] = paired
    result["seconds"] = round(time.perf_counter() - T0, 1)

    print()
    print(markdown(result))
    print()
    log(f"done in {result['seconds'] / 60:.1f} min")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
        log(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
