"""Sentence labels as the framework defines them, one case per rule of the definitions."""
import pytest


def labels_of(reviewer, text, doc_type="assessment"):
    report = reviewer.review(text, doc_type=doc_type)
    return {report.text[s.start:s.end]: set(s.labels) for s in report.sentences}, report


CASES = [
    # family_history: yes
    ("No previous involvement is recorded.", {"family_history"}),
    ("Police checks were negative.", {"family_history"}),
    ("Dad has been known to services since 2015.", {"family_history"}),
    ("Mum told me she grew up in foster care after her own mother died.", {"family_history"}),
    # family_history: no
    ("The family live in a two-bedroom flat.", set()),
    ("Family history was not explored.", set()),
    ("Given the history, the risk is high.", set()),
    ("His immunisation history is up to date.", set()),
    # child_voice: yes
    ("Amir (7) said he likes it when Nan picks him up.", {"child_voice"}),
    ("I saw Amir alone at school.", {"child_voice"}),
    ("Baby Ruby (4 months) smiled at Mum and reached for her face.", {"child_voice"}),
    # child_voice: no
    ("Amir (7) was not seen alone.", set()),
    ("The school reported that Amir (7) is often late.", set()),
    ("Amir (7) needs a stable routine.", set()),
]


@pytest.mark.parametrize("sentence,expected", CASES)
def test_framework_examples(reviewer, sentence, expected):
    found, _ = labels_of(reviewer, sentence)
    assert found[sentence] == expected


def test_both_labels_on_one_sentence(reviewer):
    text = "Kacper (9) told me he cried when Dad left in 2022 and still misses him."
    found, _ = labels_of(reviewer, text)
    assert found[text] == {"family_history", "child_voice"}


def test_pronoun_refers_to_child_named_just_before(reviewer):
    text = "I visited Leah (8) at school. She said she is scared when Mum shouts."
    found, _ = labels_of(reviewer, text)
    assert "child_voice" in found["She said she is scared when Mum shouts."]


def test_pronoun_after_an_adult_is_not_the_child(reviewer):
    text = "Leah (8) lives with Mum, Kerry. Kerry explained the rent arrears. She said she is scared of eviction."
    found, _ = labels_of(reviewer, text)
    assert "child_voice" not in found["She said she is scared of eviction."]


def test_gap_statements_become_findings_not_evidence(reviewer):
    text = ("Family history was not explored. The children were not seen alone. "
            "Mum said the house was fine.")
    found, report = labels_of(reviewer, text)
    checks = {f.check for f in report.findings}
    assert {"history.gap_statement", "voice.not_seen", "history.absent", "voice.absent"} <= checks
    gap = next(f for f in report.findings if f.check == "voice.not_seen")
    assert report.text[gap.start:gap.end] == "The children were not seen alone."


def test_scores_are_probabilities_with_reasons(reviewer):
    text = "Mum grew up in care in Eastmoor."
    report = reviewer.review(text, doc_type="assessment")
    sent = report.sentences[0]
    assert 0.5 <= sent.scores["family_history"] <= 1.0
    assert sent.scores["child_voice"] < 0.5
    assert "fh.upbringing" in sent.reasons["family_history"] or "fh.in_care" in sent.reasons["family_history"]
