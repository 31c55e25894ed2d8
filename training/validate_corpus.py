"""Validate the annotated corpus: offsets, labels, ratings, ids, splits and fictional identifiers.

`validate(docs)` takes documents as returned by `build_corpus.load_document` (or read back from
`corpora/corpus.jsonl`) and returns a list of problems, one string each, of the form
`<doc id>: <what is wrong>: <the offending string>`. An empty list means the corpus is clean.

Checks (see corpora/GUIDELINES.md and corpora/DATACARD.md for why):
- spans: every sentence span and action span lies inside the text and is non-empty; sentence
  spans and actions have no leading/trailing whitespace and start and end on word boundaries;
  owner / timescale / timescale_vague spans lie inside their action and quote the text exactly;
  a sentence or action is not listed twice, and a quote that occurs more than once in the text
  is listed in document order (otherwise the builder may have located the wrong occurrence);
- labels: only `family_history` / `child_voice`; a listed sentence carries a label or an
  `unclear` label; a label is not both gold and unclear on the same sentence;
- ratings: the right dimensions for the doc_type, each an integer 0..3; plans have actions;
- ids: unique, and an authored id starts with its writer's folder name;
- splits: the split recorded on a document (if any) is the one `split_corpus` assigns; no
  generated document in dev/test; no identical or near-identical document (word 5-gram shingle
  Jaccard >= 0.6) in two different splits;
- identifiers: nothing that looks like a real NHS number (10 digits passing the mod-11 check),
  UK postcode (area other than ZZ), UK phone number (outside 07700 900000-900999), e-mail
  address (outside example.com/.org/.net and the .invalid/.test/.example TLDs) or National
  Insurance number (prefix other than QQ).

    python training/validate_corpus.py                        # all documents under corpora/
    python training/validate_corpus.py corpora/authored/w3    # one writer's folder
    python training/validate_corpus.py --corpus corpora/corpus.jsonl   # the built file
"""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_corpus import (  # noqa: E402  (same folder)
    ASSESSMENT_DIMS,
    CORPORA,
    DOC_TYPES,
    LABELS,
    PLAN_DIMS,
    ROOT,
    CorpusError,
    iter_documents,
    load_document,
)
from split_corpus import assign_splits  # noqa: E402

SOURCES = {"authored", "generated"}
SPLITS = {"train", "dev", "test", "gen_test"}  # gen_test: held-out generated documents
SHINGLE = 5
NEAR_DUPLICATE = 0.6

# --------------------------------------------------------------------------------------------
# Real-looking identifiers
# --------------------------------------------------------------------------------------------

# NHS number: 10 digits, either run together or spaced 3-3-4.
_NHS = re.compile(r"(?<![\d])(?:\d{3} \d{3} \d{4}|\d{10})(?![\d])")

# UK postcode: the standard (gov.uk data-standard) pattern, with the second letter of the area
# widened to any letter so that the reserved fictional area ZZ is matched and then exempted.
_POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])"
    r"(GIR ?0AA"
    r"|(?:[A-Z][0-9]{1,2}|[A-Z][A-Z][0-9]{1,2}|[A-Z][0-9][A-Z]|[A-Z][A-Z][0-9][A-Z]?)"
    r" ?[0-9][A-Z]{2})"
    r"(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)$")  # 'Y6 2nd', 'B2 1st' in prose are not postcodes

# UK phone numbers: national (0...) or international (+44 / 0044) form, digits optionally
# grouped by spaces, hyphens or brackets; normalised to 11 national digits.
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+44|0044)[ -]?(?:\(0\)[ -]?)?\(?|\(?0)"
    r"\d{1,5}\)?(?:[ -]?\d{2,4}){1,3}(?![\d])"
)
_PHONE_PREFIXES = ("01", "02", "03", "05", "07", "08")
_DRAMA_MOBILE = range(7700900000, 7700901000)  # 07700 900000 - 07700 900999

_EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})(?![\w-])")
_EMAIL_DOMAINS = ("example.com", "example.org", "example.net")
_EMAIL_TLDS = ("invalid", "test", "example", "localhost")

# National Insurance number: two letters, six digits (optionally spaced in pairs), A-D.
_NINO = re.compile(r"(?<![A-Za-z0-9])([A-Z]{2}) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-D])(?![A-Za-z0-9])",
                   re.IGNORECASE)


def nhs_check_digit_ok(digits: str) -> bool:
    """True when a 10-digit string passes the NHS number modulus-11 check."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    if check == 11:
        check = 0
    if check == 10:
        return False
    return check == int(digits[9])


def _phone_digits(raw: str) -> str | None:
    digits = re.sub(r"\D", "", raw.replace("(0)", ""))
    if raw.lstrip().startswith("+44"):
        digits = "0" + digits[2:]
    elif raw.lstrip().startswith("0044"):
        digits = "0" + digits[4:]
    if len(digits) != 11 or not digits.startswith(_PHONE_PREFIXES):
        return None
    return digits


def find_identifiers(text: str) -> list[tuple[str, str]]:
    """(kind, offending string) for every real-looking identifier in `text`."""
    found: list[tuple[str, str]] = []
    for m in _NHS.finditer(text):
        if nhs_check_digit_ok(m.group().replace(" ", "")):
            found.append(("NHS number passing the mod-11 check", m.group()))
    for m in _POSTCODE.finditer(text):
        code = m.group(1)
        if _ORDINAL.search(code):
            continue
        area = re.match(r"[A-Za-z]+", code).group().upper()
        if area == "ZZ":
            continue
        found.append(("real-format UK postcode (use area ZZ, e.g. ZZ9 9ZZ)", code))
    for m in _PHONE.finditer(text):
        raw = m.group().strip(" -")
        digits = _phone_digits(raw)
        if digits is None:
            continue
        if int(digits) in _DRAMA_MOBILE:
            continue
        found.append(("UK phone number outside 07700 900000-900999", raw))
    for m in _EMAIL.finditer(text):
        domain = m.group(1).lower()
        if any(domain == d or domain.endswith("." + d) for d in _EMAIL_DOMAINS):
            continue
        if domain.rsplit(".", 1)[-1] in _EMAIL_TLDS:
            continue
        found.append(("e-mail address outside example.com/.org/.net and .invalid/.test/.example",
                      m.group()))
    for m in _NINO.finditer(text):
        if m.group(1).upper() == "QQ":
            continue
        found.append(("National Insurance number pattern (use prefix QQ)", m.group()))
    return found


# --------------------------------------------------------------------------------------------
# Near-duplicates: word 5-gram shingles, exact Jaccard, candidates by prefix filtering
# --------------------------------------------------------------------------------------------

_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = SHINGLE) -> set[str]:
    words = _WORD.findall(text.lower())
    if len(words) < n:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}


def jaccard(a: set, b: set) -> float:
    if not a and not b:
        return 1.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def near_duplicate_pairs(texts: list[str], threshold: float = NEAR_DUPLICATE) -> list[tuple[int, int, float]]:
    """All pairs (i, j, jaccard) with word 5-gram shingle Jaccard >= threshold, i < j.

    Exact, and sub-quadratic in practice (the all-pairs prefix filter): shingles are ordered
    rarest first across the collection; two sets with Jaccard >= t must share a shingle within
    their first |S| - ceil(t * |S|) + 1 shingles, so only documents sharing a rare "prefix"
    shingle become candidates (an inverted index over prefixes), and only candidates passing the
    size filter |small| >= t * |large| get their Jaccard computed.
    """
    sets = [shingles(t) for t in texts]
    df = Counter(s for st in sets for s in st)
    rank = {s: (df[s], s) for s in df}
    ordered = [sorted(st, key=rank.__getitem__) for st in sets]
    index: dict[str, list[int]] = defaultdict(list)
    candidates: set[tuple[int, int]] = set()
    for i, toks in enumerate(ordered):
        prefix = len(toks) - math.ceil(threshold * len(toks)) + 1 if toks else 0
        for tok in toks[:prefix]:
            for j in index[tok]:
                candidates.add((j, i))
            index[tok].append(i)
    pairs = []
    for i, j in sorted(candidates):
        a, b = sets[i], sets[j]
        small, large = sorted((len(a), len(b)))
        if small < threshold * large:
            continue
        score = jaccard(a, b)
        if score >= threshold:
            pairs.append((i, j, score))
    return pairs


# --------------------------------------------------------------------------------------------
# The validator
# --------------------------------------------------------------------------------------------

def _clip(s: str, n: int = 80) -> str:
    s = s.replace("\n", "\\n")
    return s if len(s) <= n else s[: n - 1] + "…"


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _check_span(text: str, start, end, where: str, strip: bool = True) -> list[str]:
    if not isinstance(start, int) or not isinstance(end, int):
        return [f"{where}: offsets are not integers: {start!r}..{end!r}"]
    if not 0 <= start < end <= len(text):
        return [f"{where}: offsets {start}..{end} outside the text (length {len(text)}) or empty: "
                f"{text[max(0, start):max(0, end)]!r}"]
    span = text[start:end]
    if not span.strip():
        return [f"{where}: span is only whitespace: {span!r}"]
    problems = []
    if strip and span != span.strip():
        problems.append(f"{where}: span has leading/trailing whitespace: {_clip(span)!r}")
    if start > 0 and _is_word_char(text[start - 1]) and _is_word_char(text[start]):
        problems.append(f"{where}: span starts inside a word: {_clip(text[max(0, start - 10):end])!r}")
    if end < len(text) and _is_word_char(text[end - 1]) and _is_word_char(text[end]):
        problems.append(f"{where}: span ends inside a word: {_clip(text[start:end + 10])!r}")
    return problems


def _check_sub(text: str, action: dict, field: str, where: str) -> list[str]:
    sub = action.get(field)
    if sub is None:
        return []
    if not isinstance(sub, dict) or "start" not in sub or "end" not in sub:
        return [f"{where}: {field} is not a span: {sub!r}"]
    problems = _check_span(text, sub["start"], sub["end"], f"{where} {field}", strip=False)
    if problems:
        return problems
    quoted = text[sub["start"]:sub["end"]]
    if "text" in sub and sub["text"] != quoted:
        problems.append(f"{where}: {field} offsets give {quoted!r} but the span says {sub['text']!r}")
    if not (action["start"] <= sub["start"] and sub["end"] <= action["end"]):
        problems.append(f"{where}: {field} is not inside its action: {quoted!r}")
    return problems


def _check_document(doc: dict) -> list[str]:
    doc_id = doc.get("id", "<no id>")
    text = doc.get("text")
    out: list[str] = []

    def add(msg: str) -> None:
        out.append(f"{doc_id}: {msg}")

    if not isinstance(text, str) or not text.strip():
        add("document has no text: ''")
        return out
    doc_type = doc.get("doc_type")
    if doc_type not in DOC_TYPES:
        add(f"unknown doc_type: {doc_type!r}")
    source = doc.get("source", "authored")
    if source not in SOURCES:
        add(f"unknown source: {source!r}")
    author = doc.get("author")
    if source == "authored" and author and not str(doc_id).startswith(f"{author}-"):
        add(f"id does not start with its writer folder {author!r}: {doc_id!r}")

    # ratings
    ratings = doc.get("ratings")
    if not isinstance(ratings, dict):
        add(f"ratings missing: {ratings!r}")
        ratings = {}
    if doc_type in DOC_TYPES:
        dims = ASSESSMENT_DIMS if doc_type == "assessment" else PLAN_DIMS
        for dim in dims:
            value = ratings.get(dim)
            if isinstance(value, bool) or value not in (0, 1, 2, 3):
                add(f"rating {dim} must be an integer 0..3: {value!r}")
        for dim in sorted(set(ratings) - set(dims)):
            add(f"rating not used for {doc_type}: {dim!r}")

    # sentence spans
    sentences = doc.get("sentences") or []
    seen_spans: set[tuple[int, int]] = set()
    last_start = -1
    for i, s in enumerate(sentences):
        where = f"sentences[{i}]"
        span_problems = _check_span(text, s.get("start"), s.get("end"), where)
        out.extend(f"{doc_id}: {p}" for p in span_problems)
        if not isinstance(s.get("start"), int) or not isinstance(s.get("end"), int):
            continue
        quoted = text[s["start"]:s["end"]]
        labels = s.get("labels") or []
        unclear = s.get("unclear") or []
        labels = [labels] if isinstance(labels, str) else list(labels)
        unclear = [unclear] if isinstance(unclear, str) else list(unclear)
        for label in labels + unclear:
            if label not in LABELS:
                add(f"{where}: unknown label {label!r}: {_clip(quoted)!r}")
        if not labels and not unclear:
            add(f"{where}: listed sentence carries no label: {_clip(quoted)!r}")
        for label in sorted(set(labels) & set(unclear)):
            add(f"{where}: {label} is both a label and unclear: {_clip(quoted)!r}")
        key = (s["start"], s["end"])
        if key in seen_spans:
            add(f"{where}: sentence listed twice: {_clip(quoted)!r}")
        seen_spans.add(key)
        if s["start"] < last_start and text.count(quoted) > 1:
            add(f"{where}: sentence out of document order and its quote occurs more than once, "
                f"so its offsets are ambiguous: {_clip(quoted)!r}")
        last_start = max(last_start, s["start"])

    # actions
    actions = doc.get("actions") or []
    if doc_type in ("cp_plan", "cin_plan") and not actions:
        add("plan has no actions annotated: ''")
    seen_actions: set[tuple[int, int]] = set()
    last_start = -1
    for i, a in enumerate(actions):
        where = f"actions[{i}]"
        span_problems = _check_span(text, a.get("start"), a.get("end"), where)
        out.extend(f"{doc_id}: {p}" for p in span_problems)
        if not isinstance(a.get("start"), int) or not isinstance(a.get("end"), int):
            continue
        quoted = text[a["start"]:a["end"]]
        if not isinstance(a.get("specific"), bool):
            add(f"{where}: specific must be true or false: {a.get('specific')!r}")
        for field in ("owner", "timescale", "timescale_vague"):
            out.extend(f"{doc_id}: {p}" for p in _check_sub(text, a, field, where))
        key = (a["start"], a["end"])
        if key in seen_actions:
            add(f"{where}: action listed twice: {_clip(quoted)!r}")
        seen_actions.add(key)
        if a["start"] < last_start and text.count(quoted) > 1:
            add(f"{where}: action out of document order and its quote occurs more than once, "
                f"so its offsets are ambiguous: {_clip(quoted)!r}")
        last_start = max(last_start, a["start"])

    # real-looking identifiers, in the text and in the free-text style line
    for kind, value in find_identifiers(text):
        add(f"{kind}: {value!r}")
    for kind, value in find_identifiers(str(doc.get("style", ""))):
        add(f"style line: {kind}: {value!r}")
    return out


def validate(docs: list[dict], threshold: float = NEAR_DUPLICATE) -> list[str]:
    """Return every problem found in `docs` (an empty list when the corpus is clean)."""
    problems: list[str] = []
    for doc in docs:
        problems.extend(_check_document(doc))

    # unique ids
    counts = Counter(d.get("id") for d in docs)
    for doc_id, n in sorted(counts.items(), key=lambda kv: str(kv[0])):
        if n > 1:
            problems.append(f"{doc_id}: id used by {n} documents: {doc_id!r}")

    # splits: the one split_corpus assigns (on copies, so callers' documents are not changed)
    shadow = [{"id": d.get("id", ""), "source": d.get("source", "authored")} for d in docs]
    assign_splits(shadow)
    splits = [s["split"] for s in shadow]
    for doc, split in zip(docs, splits):
        recorded = doc.get("split")
        if recorded is not None and recorded != split:
            problems.append(f"{doc.get('id')}: recorded split {recorded!r} is not the assigned split: {split!r}")
        for s in {split, recorded} - {None}:
            if s not in SPLITS:
                problems.append(f"{doc.get('id')}: unknown split: {s!r}")
            if s in ("dev", "test") and doc.get("source", "authored") != "authored":
                problems.append(f"{doc.get('id')}: generated document in {s}: {doc.get('id')!r}")

    # identical and near-identical documents in different splits
    texts = [d.get("text") or "" for d in docs]
    for i, j, score in near_duplicate_pairs(texts, threshold):
        a, b = docs[i], docs[j]
        if splits[i] == splits[j]:
            if texts[i] == texts[j]:
                problems.append(f"{a.get('id')}: identical text to {b.get('id')} (both {splits[i]}): "
                                f"{b.get('id')!r}")
            continue
        kind = "identical" if texts[i] == texts[j] else f"near-duplicate (5-gram Jaccard {score:.2f})"
        problems.append(f"{a.get('id')}: {kind} of {b.get('id')} across splits "
                        f"{splits[i]}/{splits[j]}: {b.get('id')!r}")
    return problems


# --------------------------------------------------------------------------------------------
# Loading and CLI
# --------------------------------------------------------------------------------------------

DEFAULT_FOLDERS = [CORPORA / "authored", CORPORA / "generated"]


def load_all(folders: list[Path] | None = None) -> tuple[list[dict], list[str]]:
    """Load every document under `folders` with build_corpus; (documents, load problems).

    A document the loader rejects (a `.txt` with no `.ann.json` yet, a quote not found, ...) is a
    problem, as is an `.ann.json` with no `.txt` beside it: nothing is skipped silently.
    """
    folders = DEFAULT_FOLDERS if folders is None else folders
    docs, problems = [], []
    for folder in folders:
        if not folder.exists():
            continue
        for txt in iter_documents([folder]):
            try:
                docs.append(load_document(txt.resolve()))
            except CorpusError as exc:
                problems.append(f"{txt.stem}: cannot load: {exc}")
            except (KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
                problems.append(f"{txt.stem}: cannot load ({type(exc).__name__}): {exc}")
        for ann in sorted(folder.rglob("*.ann.json")):
            if not ann.with_name(ann.name[: -len(".ann.json")] + ".txt").exists():
                rel = ann.relative_to(ROOT) if ann.is_relative_to(ROOT) else ann
                problems.append(f"{ann.name[:-len('.ann.json')]}: annotation without a text file: {str(rel)!r}")
    return docs, problems


def validate_all(folders: list[Path] | None = None) -> tuple[list[dict], list[str]]:
    docs, problems = load_all(folders)
    return docs, problems + validate(docs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Validate the annotated corpus.")
    parser.add_argument("folders", nargs="*", type=Path, help="default: corpora/authored corpora/generated")
    parser.add_argument("--corpus", type=Path, help="validate a built corpus.jsonl instead of the folders")
    args = parser.parse_args(argv)
    if args.corpus:
        docs = [json.loads(line) for line in args.corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
        problems = validate(docs)
    else:
        folders = [f.resolve() for f in args.folders] if args.folders else None
        docs, problems = validate_all(folders)
    for p in problems:
        print(p)
    print(f"{len(docs)} documents loaded, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
