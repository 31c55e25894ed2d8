"""Build corpora/corpus.jsonl from the authored and generated documents.

Each document is a `<id>.txt` with a `<id>.ann.json` beside it (see corpora/AUTHORING.md).
Quotes are located in the text to give character offsets; any quote that cannot be found,
or an owner/timescale that is not inside its action, is an error naming the file.

    python training/build_corpus.py --check corpora/authored/w3     # validate only
    python training/build_corpus.py                                 # write corpora/corpus.jsonl
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
DOC_TYPES = {"assessment", "cp_plan", "cin_plan"}
LABELS = {"family_history", "child_voice"}
PLAN_DIMS = ["family_history", "child_voice", "specific_tasks", "timescales"]
ASSESSMENT_DIMS = ["family_history", "child_voice"]
SENTENCE_KEYS = {"quote", "labels", "unclear"}
ACTION_KEYS = {"quote", "owner", "timescale", "timescale_vague", "specific"}
DOC_KEYS = {"id", "doc_type", "style", "ratings", "sentences", "actions", "source", "split"}


class CorpusError(ValueError):
    pass


def _locate(text: str, quote: str, after: int, where: str) -> int:
    if not quote or not quote.strip():
        raise CorpusError(f"{where}: empty quote")
    pos = text.find(quote, after)
    if pos < 0:
        pos = text.find(quote)
    if pos < 0:
        raise CorpusError(f"{where}: quote not found in text: {quote[:80]!r}")
    return pos


def _sub(action_text: str, value, start: int, where: str, field: str):
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise CorpusError(f"{where}: {field} must be a non-empty string or null")
    # The first whole-word occurrence ("I" as an owner, not the "I" of "If"), else the first.
    whole = re.search(r"(?<!\w)" + re.escape(value) + r"(?!\w)", action_text)
    pos = whole.start() if whole else action_text.find(value)
    if pos < 0:
        raise CorpusError(f"{where}: {field} {value!r} is not inside the action quote")
    return {"start": start + pos, "end": start + pos + len(value), "text": value}


def load_document(txt_path: Path) -> dict:
    """Read one annotated document and return it with offsets resolved."""
    ann_path = txt_path.with_suffix(".ann.json")
    name = str(txt_path.relative_to(ROOT)) if txt_path.is_relative_to(ROOT) else str(txt_path)
    if not ann_path.exists():
        raise CorpusError(f"{name}: no annotation file {ann_path.name}")
    text = txt_path.read_text(encoding="utf-8")
    try:
        ann = json.loads(ann_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise CorpusError(f"{ann_path.name}: invalid JSON: {exc}") from None
    unknown = set(ann) - DOC_KEYS
    if unknown:
        raise CorpusError(f"{ann_path.name}: unknown keys {sorted(unknown)}")
    if ann.get("id") != txt_path.stem:
        raise CorpusError(f"{ann_path.name}: id {ann.get('id')!r} does not match file name")
    doc_type = ann.get("doc_type")
    if doc_type not in DOC_TYPES:
        raise CorpusError(f"{ann_path.name}: doc_type must be one of {sorted(DOC_TYPES)}")
    dims = ASSESSMENT_DIMS if doc_type == "assessment" else PLAN_DIMS
    ratings = ann.get("ratings") or {}
    for dim in dims:
        if ratings.get(dim) not in (0, 1, 2, 3):
            raise CorpusError(f"{ann_path.name}: rating for {dim} must be 0..3")
    extra = set(ratings) - set(dims)
    if extra:
        raise CorpusError(f"{ann_path.name}: ratings not used for {doc_type}: {sorted(extra)}")

    sentences, cursor = [], 0
    for i, item in enumerate(ann.get("sentences", [])):
        where = f"{ann_path.name} sentences[{i}]"
        bad = set(item) - SENTENCE_KEYS
        if bad:
            raise CorpusError(f"{where}: unknown keys {sorted(bad)}")
        labels = item.get("labels", [])
        unclear = item.get("unclear", [])
        if not set(labels) <= LABELS or not set(unclear) <= LABELS:
            raise CorpusError(f"{where}: unknown label in {labels + unclear}")
        start = _locate(text, item["quote"], cursor, where)
        end = start + len(item["quote"])
        cursor = end
        sentences.append({"start": start, "end": end, "labels": sorted(set(labels)),
                          "unclear": sorted(set(unclear))})

    actions, cursor = [], 0
    for i, item in enumerate(ann.get("actions", [])):
        where = f"{ann_path.name} actions[{i}]"
        bad = set(item) - ACTION_KEYS
        if bad:
            raise CorpusError(f"{where}: unknown keys {sorted(bad)}")
        if not isinstance(item.get("specific"), bool):
            raise CorpusError(f"{where}: specific must be true or false")
        quote = item["quote"]
        start = _locate(text, quote, cursor, where)
        cursor = start + len(quote)
        actions.append({
            "start": start, "end": start + len(quote),
            "owner": _sub(quote, item.get("owner"), start, where, "owner"),
            "timescale": _sub(quote, item.get("timescale"), start, where, "timescale"),
            "timescale_vague": _sub(quote, item.get("timescale_vague"), start, where,
                                    "timescale_vague"),
            "specific": item["specific"],
        })
    if doc_type != "assessment" and not actions:
        raise CorpusError(f"{ann_path.name}: a plan needs its actions annotated")
    return {
        "id": ann["id"], "doc_type": doc_type, "style": ann.get("style", ""),
        "source": ann.get("source", "authored"), "author": txt_path.parent.name,
        "text": text, "ratings": {d: ratings[d] for d in dims},
        "sentences": sentences, "actions": actions,
    }


def iter_documents(folders: list[Path]):
    for folder in folders:
        for txt in sorted(folder.rglob("*.txt")):
            yield txt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--check", action="store_true", help="validate only, write nothing")
    parser.add_argument("--out", type=Path, default=CORPORA / "corpus.jsonl")
    args = parser.parse_args(argv)
    folders = args.folders or [CORPORA / "authored", CORPORA / "generated"]
    docs, errors = [], []
    for txt in iter_documents([f for f in folders if f.exists()]):
        try:
            docs.append(load_document(txt.resolve()))
        except CorpusError as exc:
            errors.append(str(exc))
    for err in errors:
        print("ERROR", err, file=sys.stderr)
    n_sent = sum(len(d["sentences"]) for d in docs)
    n_act = sum(len(d["actions"]) for d in docs)
    print(f"{len(docs)} documents ok, {len(errors)} with errors; "
          f"{n_sent} labelled spans, {n_act} actions")
    if errors:
        return 1
    if not args.check:
        from split_corpus import assign_splits  # noqa: E402  (same folder)
        assign_splits(docs)
        with args.out.open("w", encoding="utf-8") as fh:
            for doc in docs:
                fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    sys.exit(main())
