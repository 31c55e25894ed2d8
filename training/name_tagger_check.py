"""What the learned name tagger adds on PII batches neither it nor the redactor's cues had seen.

    python training/name_tagger_check.py            # holdout4-7; writes models/name_tagger/evaluation.md

Each of the held-out PII batches 4-7 was written by a separate writer and scored once with the
redactor as committed before that batch was added (corpora/pii/README.md names the commits). For
each batch this script

1. checks out that commit's redactor in a temporary git worktree (the cues as they were, before
   they were tuned on the batch), and
2. trains the tagger (training/train_name_tagger.py, the present features) on the documents
   written before the batch only,

then runs the old redactor on the batch twice: as it was, and with the tagger's names added as
seeds (the same `name_tagger.Gate` that `reviewer/redact.py` uses now, after the cues' seeds). The difference is an estimate, on writers
neither part had seen, of what the tagger adds. Needs git and the repository's history.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from training.evaluate_redaction import HOLDOUTS, load, score  # noqa: E402

# batch -> the commit that added it (its parent holds the redactor the batch was first scored with)
BATCH_COMMITS = {"holdout4": "7a56a90", "holdout5": "f9adaf2", "holdout6": "39ab0df", "holdout7": "fcf26f4"}
EVALUATION = ROOT / "models" / "name_tagger" / "evaluation.md"


def batch_range(name: str) -> tuple[int, int]:
    starts = [start for start, _ in HOLDOUTS]
    names = [n for _, n in HOLDOUTS]
    i = names.index(name)
    return starts[i], (starts[i + 1] - 1 if i + 1 < len(starts) else 10 ** 9)


# -- the worker: runs inside the old worktree's interpreter path ----------------------------------

def worker(worktree: str, tagger_dir: str, lo: int, hi: int, out: str) -> None:
    import importlib.util

    sys.path.insert(0, worktree)
    from reviewer import redact as old

    spec = importlib.util.spec_from_file_location("reviewer.name_tagger", ROOT / "reviewer" / "name_tagger.py")
    nt = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = nt
    spec.loader.exec_module(nt)
    assert Path(old.__file__).resolve().is_relative_to(Path(worktree).resolve()), old.__file__
    tagger = nt.NameTagger.load(old._is_word, old._lexicon().given_names, Path(tagger_dir))
    original = old._People._pair_seeds  # called with every cue's seeds; its result is added to them

    def with_tagger(self, seeds):
        protected = [(m.start(), m.end()) for m in old._PLACEHOLDER.finditer(self.text)]
        gate = nt.Gate(self.lex, self.ents, old._is_word, tagger.word_threshold, protected)
        found = gate.seeds(tagger.runs(self.text), self.text, [seed.tokens for seed in seeds])
        return original(self, seeds) + [old._Seed(words, None, all(w.islower() for w in words), "tagger") for words in found]

    docs = [json.loads(line) for line in (ROOT / "corpora" / "pii" / "pii.jsonl").read_text().splitlines()]
    docs = [d for d in docs if lo <= int(d["id"].rsplit("-", 1)[1]) <= hi]
    result = {"cues": {}, "cues+tagger": {}}
    for d in docs:
        result["cues"][d["id"]] = old.find_spans(d["text"])
    old._People._pair_seeds = with_tagger
    for d in docs:
        result["cues+tagger"][d["id"]] = old.find_spans(d["text"])
    Path(out).write_text(json.dumps(result))


# -- the driver -------------------------------------------------------------------------------

def check(batch: str, work: Path, threshold: float) -> dict:
    lo, hi = batch_range(batch)
    commit = BATCH_COMMITS[batch]
    tree = work / f"tree-{batch}"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-f", str(tree), commit + "^"],
                   check=True, capture_output=True)
    try:
        tagger_dir = work / f"tagger-{batch}"
        subprocess.run([sys.executable, str(ROOT / "training" / "train_name_tagger.py"), "--before", str(lo),
                        "--out", str(tagger_dir), "--threshold", str(threshold)], check=True, capture_output=True)
        out = work / f"{batch}.json"
        subprocess.run([sys.executable, __file__, "--worker", str(tree), str(tagger_dir), str(lo), str(hi), str(out)],
                       check=True, env={**os.environ, "PYTHONPATH": str(tree)})
        predicted = json.loads(out.read_text())
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], capture_output=True)
    docs = [d for d in load() if lo <= int(d["id"].rsplit("-", 1)[1]) <= hi]
    figures = {}
    for variant, spans in predicted.items():
        by_text = {d["text"]: [tuple(x) for x in spans[d["id"]]] for d in docs}
        names = score(docs, find_spans=by_text.__getitem__)["groups"]["names"]
        figures[variant] = {**names, "caught": round(names["recall"] * names["n"])}
    return {"batch": batch, "commit": commit + "^", "documents": len(docs), **figures}


def main(argv: list[str] | None = None) -> int:
    if argv is None and len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(*sys.argv[2:4], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", default=",".join(BATCH_COMMITS))
    from training.train_name_tagger import THRESHOLD  # not at the top: the worker runs with an old `reviewer`

    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--no-write", action="store_true", help="print only; do not write evaluation.md")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for batch in args.batches.split(","):
            print(f"{batch}: checking out the redactor before it, training the tagger on earlier documents...",
                  flush=True)
            rows.append(check(batch, Path(tmp), args.threshold))
    table = ["| batch | documents | redactor then: names recall (precision) | + tagger: names recall (precision) |",
             "|---|---:|---:|---:|"]
    caught = {"cues": [0, 0], "cues+tagger": [0, 0]}
    for row in rows:
        cells = []
        for variant in ("cues", "cues+tagger"):
            g = row[variant]
            caught[variant][0] += g["caught"]
            caught[variant][1] += g["n"]
            cells.append(f"{g['recall']:.3f} ({g['precision']:.3f}); {g['caught']}/{g['n']}")
        table.append(f"| {row['batch']} (redactor of {row['commit']}) | {row['documents']} | " + " | ".join(cells) + " |")
    pooled = [f"{c / n:.3f} ({c}/{n})" for c, n in caught.values()]
    table.append(f"| pooled | {sum(r['documents'] for r in rows)} | {pooled[0]} | {pooled[1]} |")
    text = (f"Each batch below was written by a separate writer. The cues are the redactor as committed "
            "before the batch was added; the tagger was trained only on the documents written before "
            f"the batch; a word is a name at probability {args.threshold} or more. "
            "`python training/name_tagger_check.py` reproduces this table.\n\n" + "\n".join(table))
    print(text)
    if not args.no_write:
        EVALUATION.parent.mkdir(parents=True, exist_ok=True)
        EVALUATION.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
