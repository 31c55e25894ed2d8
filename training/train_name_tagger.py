"""Train the redactor's learned name tagger (reviewer/name_tagger.py) on the fictional PII set.

    python training/train_name_tagger.py                    # corpora/pii but its newest held-out batch
    python training/train_name_tagger.py --before 183 --out /tmp/t   # only documents pii-001..182

Every word of every document in `corpora/pii/pii.jsonl` is an example: positive when it lies inside
a marked NAME span. Logistic regression (scikit-learn, lbfgs, C=1, deterministic) over hashed
features; the non-zero weights are written as numbers (`weights.npz`), the settings as JSON, and a
model card. `training/name_tagger_check.py` measures what the tagger adds on batches it never saw.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reviewer import name_tagger as nt  # noqa: E402
from reviewer import redact  # noqa: E402

PII_JSONL = ROOT / "corpora" / "pii" / "pii.jsonl"
OUT = ROOT / "models" / nt.FOLDER
C = 1.0
WORD_THRESHOLD = 0.8  # an English word or a place to spaCy, in capitals or lower case, needs this
THRESHOLD = 0.4  # chosen on the held-out batches 4-7 (training/name_tagger_check.py): 0.35-0.65 move pooled recall 0.973-0.967


def number(doc_id: str) -> int:
    return int(doc_id.rsplit("-", 1)[1])


def load_documents(before: int | None = None) -> list[dict]:
    """The PII documents to train on: those numbered below `before`, or (by default) every document
    except the newest held-out batch, which is kept unseen until the next batch replaces it."""
    from training.evaluate_redaction import HOLDOUTS

    docs = [json.loads(line) for line in PII_JSONL.read_text(encoding="utf-8").splitlines() if line.strip()]
    if before is None:
        before = HOLDOUTS[-1][0]
    return [d for d in docs if number(d["id"]) < before]


def features() -> nt.Features:
    return nt.Features(redact._is_word, redact._lexicon().given_names)


def examples(docs: list[dict], feats: nt.Features) -> tuple[list[dict], np.ndarray]:
    X, y = [], []
    for doc in docs:
        gold = [(s["start"], s["end"]) for s in doc["spans"] if s["type"] == "NAME"]
        words, rows = feats.of_text(doc["text"])
        X += rows
        y += [int(any(w.start < end and start < w.end for start, end in gold)) for w in words]
    return X, np.array(y, dtype=np.int8)


def fit(docs: list[dict]) -> tuple[np.ndarray, float, dict]:
    from sklearn.linear_model import LogisticRegression

    X, y = examples(docs, features())
    matrix = nt.hasher().transform(X)
    model = LogisticRegression(C=C, max_iter=3000, solver="lbfgs")
    model.fit(matrix, y)
    stats = {"documents": len(docs), "words": int(len(y)), "name_words": int(y.sum())}
    return model.coef_[0], float(model.intercept_[0]), stats


def write(coef: np.ndarray, intercept: float, stats: dict, out: Path, seconds: float,
          threshold: float = THRESHOLD) -> None:
    out.mkdir(parents=True, exist_ok=True)
    index = np.flatnonzero(np.abs(coef) > 1e-9).astype(np.int32)
    np.savez_compressed(out / "weights.npz", index=index, value=coef[index].astype(np.float64),
                        intercept=np.array([intercept]))
    digest = hashlib.sha256(PII_JSONL.read_bytes()).hexdigest()[:16]
    meta = {"feature_version": nt.FEATURE_VERSION, "n_features": nt.N_FEATURES, "threshold": threshold, "word_threshold": WORD_THRESHOLD,
            "C": C, "trained_on": stats, "pii_jsonl_sha256_16": digest, "non_zero_weights": int(len(index))}
    (out / "model.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    (out / "MODEL_CARD.md").write_text(card(meta, seconds, out), encoding="utf-8")


def card(meta: dict, seconds: float, out: Path) -> str:
    stats = meta["trained_on"]
    lines = [
        "# Model card: name_tagger (the redactor's learned name tagger)", "",
        "**What it does.** Scores every word of a text as part of a person's name or not. "
        "`reviewer redact` (and the trainers' page) takes the words it scores at or above "
        f"{meta['threshold']} as extra seeds beside its cues and spaCy's NER; every other mention of a "
        "seeded name in the document is then redacted too, with the same placeholder.", "",
        "**Data.** The fictional PII set `corpora/pii/` (every document but the newest held-out batch, which stays unseen until the next one replaces it): "
        f"{stats['documents']} documents, {stats['words']:,} words, of which {stats['name_words']:,} "
        "are inside a marked name. Nothing in it is real.", "",
        "**Method.** Logistic regression (scikit-learn, lbfgs, C=1) over hashed features (2^20 "
        "buckets): the word, its shape, prefix and suffixes; dictionary word or not; rank bucket "
        "in the 1990 US Census given-name and surname lists (the `names` package); the project's "
        "given names; how note-like (lower case) the document is, crossed with lower case and the "
        "name lists; the three words either side and line breaks. "
        f"{meta['non_zero_weights']:,} non-zero weights, stored as numbers (`weights.npz`); nothing is pickled. "
        f"Built by `make train` (`python training/train_name_tagger.py`) in {seconds:.0f} s.", "",
        "## Measured on writers it never saw", "",
    ]
    evaluation = out / "evaluation.md"
    if evaluation.exists():
        lines += [evaluation.read_text(encoding="utf-8").strip(), ""]
    else:
        lines += ["Not measured yet: run `python training/name_tagger_check.py`.", ""]
    lines += [
        "## Limitations", "",
        "- Trained on one project's fictional documents; its own recall on new writers is lower "
        "than the cues' (it is a backup, not a replacement), and it adds some false alarms "
        "(capitalised words in headers and lower-case words that are also given names).",
        "- The census lists are American (1990): names common in England but rare there count less.",
        "- It cannot know a nickname never written near a name cue, nor an initial used alone "
        "that looks like an abbreviation. Read redacted text before sharing it.", "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=int, default=None, help="train only on documents numbered below this")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--threshold", type=float, default=THRESHOLD, help="probability at which a word is a name")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    docs = load_documents(args.before)
    print(f"name tagger: {len(docs)} documents", flush=True)
    coef, intercept, stats = fit(docs)
    write(coef, intercept, stats, args.out, time.perf_counter() - began, args.threshold)
    print(f"name tagger: {stats['words']:,} words, {stats['name_words']:,} in names -> {args.out}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
