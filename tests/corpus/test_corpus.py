"""The annotated corpus is valid, and the validator catches each kind of problem.

The first test loads every committed document under corpora/ (authored and generated) and runs
the validator: a `.txt` without its `.ann.json`, a quote that is not found, a real-looking
identifier or a near-duplicate across splits all fail it. Nothing is skipped.
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "training"))

import validate_corpus as vc  # noqa: E402
from split_corpus import split_of  # noqa: E402

# --------------------------------------------------------------------------------------------
# The committed corpus
# --------------------------------------------------------------------------------------------


def test_committed_corpus_is_valid():
    docs, problems = vc.validate_all()
    assert docs, "no documents found under corpora/"
    assert not problems, f"{len(problems)} corpus problems:\n" + "\n".join(problems)


# --------------------------------------------------------------------------------------------
# Small synthetic documents
# --------------------------------------------------------------------------------------------

BODY = """CHILD PROTECTION PLAN

Family history
Mum, Dana Reid, grew up in foster care in Brinton after her mother died in 2001.
Police: no information held.

The child's voice
Toby (6) told me he likes it when Nan reads to him.
Mum said Toby gets scared at night.

Plan
Mum | Attend the Freedom Programme | Tuesdays from 4 Feb 2025
SW to visit Toby at home every two weeks.
Support will be offered to the family | | Ongoing
"""


def _span(text: str, quote: str, after: int = 0) -> tuple[int, int]:
    start = text.index(quote, after)
    return start, start + len(quote)


def _sub(text: str, action: tuple[int, int], value: str | None):
    if value is None:
        return None
    start = text.index(value, action[0])
    assert start + len(value) <= action[1]
    return {"start": start, "end": start + len(value), "text": value}


def make_doc(doc_id: str = "w9-001", text: str = BODY, source: str = "authored", **over) -> dict:
    """A valid loaded document (the shape build_corpus.load_document returns)."""
    sentences = []
    for quote, labels, unclear in [
        ("Mum, Dana Reid, grew up in foster care in Brinton after her mother died in 2001.",
         ["family_history"], []),
        ("Police: no information held.", ["family_history"], []),
        ("Toby (6) told me he likes it when Nan reads to him.", ["child_voice"], []),
        ("Mum said Toby gets scared at night.", [], ["child_voice"]),
    ]:
        if quote in text:
            s, e = _span(text, quote)
            sentences.append({"start": s, "end": e, "labels": labels, "unclear": unclear})
    actions = []
    for quote, owner, ts, vague, specific in [
        ("Mum | Attend the Freedom Programme | Tuesdays from 4 Feb 2025", "Mum", "Tuesdays from 4 Feb 2025",
         None, True),
        ("SW to visit Toby at home every two weeks.", "SW", "every two weeks", None, True),
        ("Support will be offered to the family | | Ongoing", None, None, "Ongoing", False),
    ]:
        if quote in text:
            span = _span(text, quote)
            actions.append({"start": span[0], "end": span[1], "owner": _sub(text, span, owner),
                            "timescale": _sub(text, span, ts), "timescale_vague": _sub(text, span, vague),
                            "specific": specific})
    doc = {"id": doc_id, "doc_type": "cp_plan", "style": "synthetic test plan", "source": source,
           "author": doc_id.split("-")[0] if source == "authored" else "generated", "text": text,
           "ratings": {"family_history": 2, "child_voice": 2, "specific_tasks": 2, "timescales": 2},
           "sentences": sentences, "actions": actions}
    doc.update(over)
    return doc


def _ids_with_split(split: str, n: int = 1, prefix: str = "w9") -> list[str]:
    """The first n authored ids `<prefix>-NNN` that split_corpus assigns to `split`."""
    ids = [f"{prefix}-{k:03d}" for k in range(1, 1000)]
    chosen = [i for i in ids if split_of({"id": i, "source": "authored"}) == split][:n]
    assert len(chosen) == n
    return chosen


def _ids_in_splits(want: tuple[str, str]) -> tuple[str, str]:
    return _ids_with_split(want[0])[0], _ids_with_split(want[1])[0]


def _problems_about(problems: list[str], needle: str) -> list[str]:
    return [p for p in problems if needle in p]


def test_valid_synthetic_document_has_no_problems():
    assert vc.validate([make_doc()]) == []


def test_with_placeholder_identifiers_is_still_valid():
    text = BODY + ("\nContact: Dana Reid, 07700 900123, dana.reid@example.org, 12 Elm Road, ZZ9 9ZZ.\n"
                   "NI number QQ 12 34 56 C. NHS number 943 476 5910.\n")
    assert vc.validate([make_doc(text=text)]) == []


# ---- identifiers ------------------------------------------------------------------------


@pytest.mark.parametrize("snippet, kind, value", [
    ("NHS number 943 476 5919.", "NHS number", "943 476 5919"),
    ("NHS no 9434765919.", "NHS number", "9434765919"),
    ("The family live at 4 Mill Lane, M1 1AE.", "postcode", "M1 1AE"),
    ("Address: 10 High Street, SW1A 1AA.", "postcode", "SW1A 1AA"),
    ("Call Mum on 07123 456789.", "phone", "07123 456789"),
    ("School office: 0161 496 0000.", "phone", "0161 496 0000"),
    ("Dad's number is +44 7911 123456.", "phone", "+44 7911 123456"),
    ("Email the SW at d.lowe@brinton.gov.uk.", "e-mail", "d.lowe@brinton.gov.uk"),
    ("NI number AB 12 34 56 C.", "National Insurance", "AB 12 34 56 C"),
    ("NINO: JK123456A.", "National Insurance", "JK123456A"),
])
def test_real_looking_identifier_is_reported(snippet, kind, value):
    doc = make_doc(text=BODY + "\n" + snippet + "\n")
    problems = vc.validate([doc])
    hits = _problems_about(problems, kind)
    assert len(hits) == 1, problems
    assert hits[0].startswith("w9-001:")  # the document id
    assert repr(value) in hits[0]  # and the offending string


@pytest.mark.parametrize("snippet", [
    "NHS number 943 476 5910.",          # fails the mod-11 check
    "Postcode ZZ9 9ZZ.",                 # reserved fictional area
    "Mobile 07700 900999.",              # Ofcom drama range
    "Mobile 07700900000.",
    "Email x@example.com, y@mail.example.net, z@council.invalid, w@site.test.",
    "NI number QQ123456A.",
    "Born 01/02/2019; attended 2019-2022; in Y6 2nd term; weights 4.2kg.",
])
def test_fictional_identifiers_are_accepted(snippet):
    assert vc.validate([make_doc(text=BODY + "\n" + snippet + "\n")]) == []


def test_nhs_check_digit():
    assert vc.nhs_check_digit_ok("9434765919")
    assert not vc.nhs_check_digit_ok("9434765918")
    assert not vc.nhs_check_digit_ok("943476591")


# ---- offsets and labels ----------------------------------------------------------------


def test_bad_offset_is_reported():
    doc = make_doc()
    s = doc["sentences"][0]
    s["start"] -= 1  # now starts on the newline before the sentence
    problems = vc.validate([doc])
    assert _problems_about(problems, "leading/trailing whitespace"), problems

    doc = make_doc()
    doc["sentences"][1]["start"] += 3  # starts mid-word
    assert _problems_about(vc.validate([doc]), "inside a word")

    doc = make_doc()
    doc["sentences"][2]["end"] = len(doc["text"]) + 40  # past the end of the text
    assert _problems_about(vc.validate([doc]), "outside the text")

    doc = make_doc()
    doc["actions"][0]["end"] = doc["actions"][0]["start"]  # empty
    assert _problems_about(vc.validate([doc]), "actions[0]")


def test_unknown_label_is_reported():
    doc = make_doc()
    doc["sentences"][0]["labels"] = ["family_histroy"]
    problems = vc.validate([doc])
    hits = _problems_about(problems, "unknown label")
    assert hits and "family_histroy" in hits[0] and hits[0].startswith("w9-001:")

    doc = make_doc()
    doc["sentences"][3]["unclear"] = ["child_view"]
    assert _problems_about(vc.validate([doc]), "unknown label")


def test_sentence_without_any_label_is_reported():
    doc = make_doc()
    doc["sentences"][0]["labels"] = []
    assert _problems_about(vc.validate([doc]), "carries no label")


def test_owner_or_timescale_outside_action_is_reported():
    doc = make_doc()
    other = doc["actions"][1]["owner"]
    doc["actions"][0]["owner"] = other  # 'SW' from the next action
    assert _problems_about(vc.validate([doc]), "owner is not inside its action")

    doc = make_doc()
    doc["actions"][1]["timescale"] = {"start": 0, "end": 5, "text": "CHILD"}
    assert _problems_about(vc.validate([doc]), "timescale is not inside its action")

    doc = make_doc()
    doc["actions"][0]["timescale"]["text"] = "Wednesdays"
    assert _problems_about(vc.validate([doc]), "span says")


def test_ratings_are_checked_per_doc_type():
    doc = make_doc(ratings={"family_history": 4, "child_voice": 2, "specific_tasks": 2, "timescales": 2})
    assert _problems_about(vc.validate([doc]), "rating family_history")

    doc = make_doc(ratings={"family_history": 2, "child_voice": 2, "specific_tasks": 2})
    assert _problems_about(vc.validate([doc]), "rating timescales")

    doc = make_doc(doc_type="assessment", actions=[],
                   ratings={"family_history": 2, "child_voice": 2, "timescales": 1})
    assert _problems_about(vc.validate([doc]), "rating not used for assessment")

    doc = make_doc(doc_type="assessment", actions=[], ratings={"family_history": 2, "child_voice": 2})
    assert vc.validate([doc]) == []

    doc = make_doc(doc_type="plan")
    assert _problems_about(vc.validate([doc]), "unknown doc_type")

    doc = make_doc(actions=[])
    assert _problems_about(vc.validate([doc]), "plan has no actions")


def test_duplicate_ids_are_reported():
    a = make_doc("w9-001")
    b = make_doc("w9-001", text=BODY.replace("Toby", "Harry"))
    assert _problems_about(vc.validate([a, b]), "id used by 2 documents")


# ---- splits and near-duplicates ----------------------------------------------------------

LONG = " ".join(
    f"On visit {i} the worker saw child {i % 7} with parent {i % 5} in room {i % 3} and wrote note {i}."
    for i in range(150)
)


def test_near_duplicate_across_splits_is_reported():
    test_id, train_id = _ids_in_splits(("test", "train"))
    words = LONG.split()
    for k in range(0, len(words), 60):  # change about 1 word in 60: Jaccard well above 0.6
        words[k] = "changed"
    a = make_doc(test_id, text=BODY + LONG)
    b = make_doc(train_id, text=BODY + " ".join(words))
    problems = vc.validate([a, b])
    hits = _problems_about(problems, "near-duplicate")
    assert hits, problems
    assert test_id in hits[0] and train_id in hits[0]

    identical = vc.validate([a, make_doc(train_id, text=a["text"])])
    assert _problems_about(identical, "identical")


def test_near_duplicate_in_same_split_is_allowed_but_not_identical():
    id1, id2 = _ids_with_split("train", 2)
    words = LONG.split()
    words[10] = "changed"
    near = vc.validate([make_doc(id1, text=BODY + LONG), make_doc(id2, text=BODY + " ".join(words))])
    assert near == []
    same = vc.validate([make_doc(id1, text=BODY + LONG), make_doc(id2, text=BODY + LONG)])
    assert _problems_about(same, "identical text")


def test_different_documents_are_not_near_duplicates():
    test_id, train_id = _ids_in_splits(("test", "train"))
    other = " ".join(f"Nan {i} said the garden had {i} roses and a shed painted colour {i}." for i in range(150))
    assert vc.validate([make_doc(test_id, text=BODY + LONG), make_doc(train_id, text=BODY + other)]) == []


def test_generated_document_never_in_dev_or_test():
    doc = make_doc("gen-0001", source="generated", split="test")
    problems = vc.validate([doc])
    assert _problems_about(problems, "generated document in test"), problems
    assert _problems_about(problems, "recorded split")

    assert vc.validate([make_doc("gen-0002", source="generated", split="train")]) == []


def test_recorded_split_must_match_assignment():
    test_id, _ = _ids_in_splits(("test", "train"))
    assert _problems_about(vc.validate([make_doc(test_id, split="train")]), "recorded split")


def test_near_duplicate_pairs_is_exact():
    rng = random.Random(7)
    vocab = [f"w{i}" for i in range(400)]
    base = [rng.choice(vocab) for _ in range(600)]
    texts = []
    for _ in range(40):
        t = list(base)
        for _ in range(rng.randint(0, 250)):
            t[rng.randrange(len(t))] = rng.choice(vocab)
        texts.append(" ".join(t))
    texts += [" ".join(rng.choice(vocab) for _ in range(300)) for _ in range(10)]
    sets = [vc.shingles(t) for t in texts]
    brute = {(i, j) for i in range(len(texts)) for j in range(i + 1, len(texts))
             if vc.jaccard(sets[i], sets[j]) >= 0.6}
    fast = {(i, j) for i, j, _ in vc.near_duplicate_pairs(texts)}
    assert fast == brute
    assert brute  # the case is not vacuous


# ---- loading from files ----------------------------------------------------------------


def _write(folder: Path, doc_id: str, text: str, ann: dict | None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    if ann is not None:
        (folder / f"{doc_id}.ann.json").write_text(json.dumps(ann), encoding="utf-8")


ANN = {
    "id": "w9-001", "doc_type": "cp_plan", "style": "synthetic",
    "ratings": {"family_history": 2, "child_voice": 2, "specific_tasks": 2, "timescales": 2},
    "sentences": [
        {"quote": "Police: no information held.", "labels": ["family_history"]},
        {"quote": "Mum said Toby gets scared at night.", "labels": [], "unclear": ["child_voice"]},
    ],
    "actions": [
        {"quote": "SW to visit Toby at home every two weeks.", "owner": "SW",
         "timescale": "every two weeks", "timescale_vague": None, "specific": True},
    ],
}


def test_cli_on_clean_folder(tmp_path, capsys):
    _write(tmp_path / "w9", "w9-001", BODY, ANN)
    assert vc.main([str(tmp_path)]) == 0


def test_text_without_annotation_is_a_problem(tmp_path, capsys):
    _write(tmp_path / "w9", "w9-001", BODY, ANN)
    _write(tmp_path / "w9", "w9-002", BODY.replace("Toby", "Alfie"), None)
    docs, problems = vc.validate_all([tmp_path])
    assert len(docs) == 1
    hits = _problems_about(problems, "no annotation file")
    assert hits and hits[0].startswith("w9-002:")
    assert vc.main([str(tmp_path)]) == 1
    assert "w9-002" in capsys.readouterr().out


def test_annotation_without_text_is_a_problem(tmp_path):
    _write(tmp_path / "w9", "w9-001", BODY, ANN)
    (tmp_path / "w9" / "w9-003.ann.json").write_text(json.dumps(dict(ANN, id="w9-003")), encoding="utf-8")
    _, problems = vc.validate_all([tmp_path])
    assert _problems_about(problems, "annotation without a text file")


def test_quote_not_found_is_a_problem(tmp_path):
    bad = json.loads(json.dumps(ANN))
    bad["sentences"][0]["quote"] = "Police: nothing held."
    _write(tmp_path / "w9", "w9-001", BODY, bad)
    _, problems = vc.validate_all([tmp_path])
    assert _problems_about(problems, "quote not found")
