"""More sentence-label cases, each from a rule of the framework or the annotation guidelines
(corpora/GUIDELINES.md, cited by section or decision number). Invented text, no corpus quotes."""
import pytest

from reviewer import Reviewer
from reviewer.labels import label_people
from reviewer.people import find_people


@pytest.fixture(scope="module")
def rules():
    """The rule labeller on its own (the default model also weighs its trained features)."""
    return Reviewer.load("rules")


def labels_of(labeller, text, doc_type="assessment"):
    report = labeller.review(text, doc_type=doc_type)
    return {report.text[s.start:s.end]: set(s.labels) for s in report.sentences}


FH, CV = {"family_history"}, {"child_voice"}

CASES = [
    # family_history: negative checks (D2), with words between "no previous" and the noun
    ("No previous CSC involvement.", FH),
    ("There has been no other agency involvement with the family.", FH),
    ("Mum says there has never been any police involvement with the family.", FH),
    ("Police checks nil for both adults.", FH),
    # earlier involvement, closed
    ("Early Help was involved in 2021 and the case was closed with advice.", FH),
    # moves and migration, upbringing in the writer's own words
    ("The family came to the UK from Sudan in 2016.", FH),
    ("Dad left school at 14 and went to work with his uncle.", FH),
    ("Mum lived with her grandmother until she was 12.", FH),
    # chronology lines
    ("2019: first referral from school about attendance.", FH),
    # D10: concrete history with present facts is still history
    ("Dad left the family home in 2020 and now lives in Leeds.", FH),
    # family_history: no
    ("Jodie has a history of asthma and uses an inhaler.", set()),       # medical history
    ("Police checks on the new partner are still outstanding.", set()),  # not done yet: a gap
    ("Mum was reluctant to talk about her childhood.", set()),           # D7: a gap
    ("SW to explore Dad's own upbringing before the review.", set()),    # a task, not content
    # child_voice: D6, a child seen who will not talk is the child's voice, not a gap
    ("Kai (13) did not want to talk about his dad and went upstairs.", CV),
    ("Kai (13) refused to speak to me, pulled his hood up and left the room.", CV),
    # observation of presentation and of a baby's day (QF; §3.1)
    ("Kai (13) was polite and quiet at first.", CV),
    ("Baby Ava (3 months) was lying on her playmat, kicking her legs.", CV),
    ("Kai (13) scaled his worry at school as 8 out of 10.", CV),
    # child_voice: no
    ("Home visits, Kai (13) seen alone | SW | every 10 working days", set()),  # a plan task
    ("Mum was seen alone with an interpreter.", set()),                      # an adult seen
    ("The children were in the house at the time.", set()),                 # not an observation
]


@pytest.mark.parametrize("sentence,expected", CASES)
def test_guideline_examples(rules, sentence, expected):
    assert labels_of(rules, sentence)[sentence] == expected


def test_child_not_seen_is_still_a_gap(rules):
    text = "Kai (13) declined to be seen."
    report = rules.review(text, doc_type="assessment")
    assert "child_voice" not in report.sentences[0].labels
    assert "voice.not_seen" in report.sentences[0].gaps


def test_child_introduced_with_age_after_surname():
    text = "Child: Rohan Mistry, 15 (DOB 21/07/2010)\nRohan said he wants to stay at home."
    assert "Rohan" in label_people(text, find_people(text)).children


def test_incidental_role_next_to_a_child_does_not_make_an_adult():
    text = "Child: Baby Sofia STAN (born 02/10/2025)\n07/10 new birth visit by HV, Sofia feeding well."
    people = label_people(text, find_people(text))
    assert "Sofia" in people.children and "Sofia" not in people.adults


def test_a_named_parent_stays_an_adult():
    text = "Mum, Kerry Lane (34), lives with Leo (4). Kerry said the flat is cold."
    people = label_people(text, find_people(text))
    assert "Kerry" in people.adults and "Kerry" not in people.children


def test_short_form_of_a_childs_name_is_the_child(rules):
    text = "Oluwatobi (11) lives with his mum. Tobi said he helps his mum every morning."
    assert "child_voice" in labels_of(rules, text)["Tobi said he helps his mum every morning."]


def test_pronoun_after_a_child_introduced_in_a_table(rules):
    text = ("| Name | Relationship | Age |\n|---|---|---|\n| Oliwia Nowak | Child | 8 |\n\n"
            "Oliwia told me about the night the police came. She said she was really scared.")
    assert "child_voice" in labels_of(rules, text)["She said she was really scared."]


def test_label_people_returns_the_same_object_when_nothing_is_missing():
    text = "Amir (7) lives with Mum, Sarah."
    people = find_people(text)
    assert label_people(text, people) is people
