"""A fair test of the learned action detector (training/action_detector_lowo.py): rules frozen
BEFORE they were fixed on writers w18-w20.

    .venv/bin/python training/action_detector_frozen_check.py            # under a minute (2 cores)
    .venv/bin/python training/action_detector_frozen_check.py --keep     # leave /tmp/wt_rules in place

The LOWO test in action_detector_lowo.py was confounded: every held-out writer's layouts had
already been fixed in the rules. Commit 8f3dadf holds reviewer/ as it was before the fixes for
w18, w19, w20 (their TRAIN/DEV action recall with those rules: 0.836 / 0.527). This script:

  * adds a detached git worktree of 8f3dadf at /tmp/wt_rules (unless one is there) and removes
    it at the end if it added it;
  * runs itself in a child process with the OLD reviewer package first on sys.path (checked:
    reviewer.__file__ must lie inside the worktree), on the CURRENT corpus
    (corpora/corpus.jsonl, TRAIN+DEV only; TEST is filtered out by load_corpus(split=...) and
    asserted absent): units, plan-area remapping and rule decisions all from the old code;
  * trains the detector (action_detector_lowo.fit: config C = no rule-decision features,
    config A = with them) on w1-w17 TRAIN+DEV authored documents (and, as a second variant,
    plus the TRAIN generated documents), and measures on w18, w19, w20 TRAIN+DEV: old rules
    alone and old rules + detector-added units at thresholds 0.5 / 0.7 / 0.9;
  * runs a second child with the CURRENT reviewer (this checkout) for the current rules alone on
    the same documents, for reference.

Matching is training/evaluate.py's match_actions (the current file; imported from this tree in
both children). The detector's features are this tree's reviewer/action_detector.py and its
fitting training/train_action_detector.py's `fit` (the code the shipped model is trained with).
Nothing is written; the table goes to stdout.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OLD_COMMIT = "8f3dadf"
WORKTREE = Path("/tmp/wt_rules")
HELD = ("w18", "w19", "w20")
TRAIN_WRITERS = tuple(f"w{i}" for i in range(1, 18))
THRESHOLDS = (0.5, 0.7, 0.9)


# --------------------------------------------------------------------------- child process

def _child(rules_root: Path, full: bool) -> dict:
    """Run with `rules_root`'s reviewer package. Returns counts as a JSON-able dict."""
    sys.path.insert(0, str(rules_root))
    import reviewer  # noqa: F401  (must come from rules_root)
    where = Path(reviewer.__file__).resolve()
    if rules_root.resolve() not in where.parents:
        raise SystemExit(f"reviewer imported from {where}, not from {rules_root}")
    # The training helpers from THIS tree (evaluate.match_actions, the detector); they put ROOT on
    # sys.path, but `reviewer` is already imported, so all reviewer.* submodules stay rules_root's.
    sys.path.insert(1, str(ROOT / "training"))
    # The detector's feature code is THIS tree's reviewer/action_detector.py (the old package has
    # none), loaded as a module of the old package: its relative imports (`.actions._imperative`,
    # `.timescales.find_timescale`, ...) resolve to rules_root's code, as in the original experiment.
    import importlib.util
    spec = importlib.util.spec_from_file_location("reviewer.action_detector",
                                                  ROOT / "reviewer" / "action_detector.py")
    detector_mod = importlib.util.module_from_spec(spec)
    sys.modules["reviewer.action_detector"] = detector_mod
    spec.loader.exec_module(detector_mod)
    import action_detector_lowo as lowo
    import evaluate
    from reviewer import actions as actions_mod
    from reviewer.config import ReviewerConfig
    from reviewer.people import find_people
    from reviewer.segment import Segmenter
    from reviewer.timescales import extra_vague_pattern

    for mod in (actions_mod, sys.modules["reviewer.segment"]):
        assert rules_root.resolve() in Path(mod.__file__).resolve().parents, mod.__file__
    assert Path(evaluate.__file__).resolve() == (ROOT / "training" / "evaluate.py").resolve()

    need_lists = getattr(actions_mod, "_need_lists", None)   # absent in the old rules
    seg_ = Segmenter()
    config = ReviewerConfig()

    def prepare(doc: dict) -> "lowo.Prepared":
        # As lowo.prepare, but with the units exactly as THIS version's extractor remaps them.
        text, doc_type = doc["text"], doc["doc_type"]
        seg = seg_(text)
        people = find_people(text)
        ext = actions_mod.ActionExtractor(people, config.roles, config.services,
                                          extra_vague_pattern(config.vague_timescales))
        rule = ext(seg.units, text, doc_type, seg.headings)
        spans = [(a.start, a.end) for a in rule]
        if doc_type == "assessment":
            units = seg.units
        else:
            units = actions_mod._plan_areas(seg.units, seg.headings)
            if need_lists is not None:
                units = need_lists(units)
        cands = lowo.candidates(units, text, doc_type, people, spans)
        labels = [int(any(evaluate._overlap(c.unit.start, c.unit.end, g["start"], g["end"])
                          >= 0.3 * (g["end"] - g["start"]) for g in doc["actions"])) for c in cands]
        for c, y in zip(cands, labels):
            c._label = y   # read only by _Oracle
        return lowo.Prepared(doc, cands, labels, spans)

    docs = evaluate.load_corpus(split="train,dev")
    assert all(d.get("split") in ("train", "dev") for d in docs)
    authored = [d for d in docs if d.get("source", "authored") == "authored"]
    held_docs = [d for d in authored if d.get("author") in HELD]
    out: dict = {"reviewer": str(where.parent), "held": {}, "split": {}}
    held = [prepare(d) for d in held_docs]
    for w in HELD:
        mine = [p for p in held if p.doc["author"] == w]
        out["held"][w] = {"rules": lowo.detection(mine, None)}
    for w in HELD:   # ceiling: every unit labelled positive added (a perfect unit-level detector)
        mine = [p for p in held if p.doc["author"] == w]
        out["held"][w]["oracle"] = lowo.detection(mine, _Oracle())
    for split in ("train", "dev"):
        out["split"][split] = lowo.detection([p for p in held if p.doc["split"] == split], None)
    out["n_docs"] = {w: sum(d["author"] == w for d in held_docs) for w in HELD}
    if not full:
        return out
    train_auth = [prepare(d) for d in authored if d.get("author") in TRAIN_WRITERS]
    train_gen = [prepare(d) for d in docs if d.get("source", "authored") == "generated" and d["split"] == "train"]
    out["n_train"] = {"authored": len(train_auth), "generated": len(train_gen)}
    for gen_name, train in (("authored", train_auth), ("authored+generated", train_auth + train_gen)):
        for cfg, use_rule in (("C", False), ("A", True)):
            det = lowo.fit(train, use_rule_features=use_rule)
            for w in HELD:
                mine = [p for p in held if p.doc["author"] == w]
                for thr in THRESHOLDS:
                    out["held"][w][f"{gen_name}|{cfg}|{thr}"] = lowo.detection(mine, det, threshold=thr)
    return out


class _Oracle:
    """Stands in for a detector in lowo.detection: scores each candidate with its gold label."""
    threshold = 0.5

    def score(self, cands):
        return [float(getattr(c, "_label", 0)) for c in cands]


# --------------------------------------------------------------------------- parent process

def _run_child(rules_root: Path, full: bool) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(rules_root)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(rules_root)] + (["--full"] if full else [])
    res = subprocess.run(cmd, env=env, cwd=str(rules_root), capture_output=True, text=True)
    if res.returncode != 0:
        sys.stderr.write(res.stderr)
        raise SystemExit(f"child for {rules_root} failed")
    return json.loads(res.stdout.strip().splitlines()[-1])


def _rp(r: dict) -> str:
    return f"{r['recall']:.3f} / {r['precision']:.3f}"


def table(old: dict, cur: dict) -> str:
    sys.path.insert(0, str(ROOT))  # imported here: the child runs with the old `reviewer`
    from training.action_detector_lowo import pool as _pool

    cols = ["old rules"]
    keys = ["rules"]
    for gen in ("authored", "authored+generated"):
        for cfg in ("C", "A"):
            for thr in THRESHOLDS:
                cols.append(f"+det {cfg}@{thr}" + (" (+gen)" if gen != "authored" else ""))
                keys.append(f"{gen}|{cfg}|{thr}")
    rows = {w: old["held"][w] for w in HELD}
    rows["pooled"] = {k: _pool([old["held"][w][k] for w in HELD]) for k in keys + ["oracle"]}
    cur_rows = {w: cur["held"][w]["rules"] for w in HELD}
    cur_rows["pooled"] = _pool(list(cur_rows.values()))
    lines = []
    # Two tables (transposed: configurations as rows) to keep them readable.
    names = list(rows)
    head = "| recall / precision | " + " | ".join(
        f"{n} ({rows[n]['rules']['gold']} gold)" for n in names) + " |"
    lines += [head, "|" + "---|" * (1 + len(names))]
    for col, key in zip(cols, keys):
        lines.append(f"| {col} | " + " | ".join(_rp(rows[n][key]) for n in names) + " |")
    lines.append("| old rules + every positive unit (ceiling) | " + " | ".join(_rp(rows[n]["oracle"]) for n in names) + " |")
    lines.append("| current rules | " + " | ".join(_rp(cur_rows[n]) for n in names) + " |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Detector vs rules frozen before w18-w20 were fixed")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--full", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--keep", action="store_true", help="keep the worktree")
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(Path(args.child), args.full)))
        return 0
    added = False
    if not (WORKTREE / "reviewer" / "actions.py").exists():
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(WORKTREE), OLD_COMMIT],
                       check=True, capture_output=True)
        added = True
    head = subprocess.run(["git", "-C", str(WORKTREE), "rev-parse", "HEAD"], check=True,
                          capture_output=True, text=True).stdout.strip()
    want = subprocess.run(["git", "-C", str(ROOT), "rev-parse", OLD_COMMIT], check=True,
                          capture_output=True, text=True).stdout.strip()
    if head != want:
        raise SystemExit(f"{WORKTREE} is at {head}, not {OLD_COMMIT}")
    try:
        old = _run_child(WORKTREE, full=True)
        cur = _run_child(ROOT, full=False)
    finally:
        if added and not args.keep:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(WORKTREE)],
                           check=False, capture_output=True)
    print(f"old reviewer: {old['reviewer']} ({OLD_COMMIT}); current reviewer: {cur['reviewer']}")
    print(f"held-out documents (TRAIN+DEV): {old['n_docs']}; detector training documents: {old['n_train']}")
    print("sanity, old rules on w18-w20 by split (expected 0.836 train / 0.527 dev): "
          + ", ".join(f"{s} {_rp(r)}" for s, r in old["split"].items()))
    print("current rules on w18-w20 by split: " + ", ".join(f"{s} {_rp(r)}" for s, r in cur["split"].items()))
    print()
    print(table(old, cur))
    return 0


if __name__ == "__main__":
    sys.exit(main())
