"""The sentence models: every registered model loads from its files (no pickle, no network),
gives probabilities and reasons per unit, reviews validate against the report schema, and the
default beats a naive keyword baseline on sentences written for this test."""
import re

import numpy as np
import pytest

from reviewer import Reviewer, models, trained
from reviewer.labels import DocContext
from reviewer.people import find_people
from reviewer.report import LABELS, validate_report_dict
from reviewer.segment import Segmenter

pytestmark = pytest.mark.usefixtures("no_network")

TRAINED = list(models.TRAINED)
ALL = ["rules"] + TRAINED

PLAN = """Child Protection Plan

Children: Ruby Hart (6) and Mason Hart (2)
Mother: Kelly Hart. Father: Dean Hart.

Family history
Kelly grew up in foster care from the age of nine. Children's services first worked with the family in 2019 under a Child in Need plan.

The child's views
Ruby was seen alone at school on 3 March. She said "I like it when Nan picks me up" and drew her dad in her house of worries.
Mason was not seen during this period.

What needs to change
Kelly needs to keep the children safe from Dean's drinking.

Plan
1. Kelly will attend the Freedom Programme every Tuesday from 11 March.
2. The social worker will visit Ruby and Mason every two weeks and see Ruby alone.
3. Dad to engage with services.
4. All professionals to share information as required.

Contingency
If Dean returns to the home, an urgent strategy meeting will be held.
"""

# Hand-written sentences with their labels (family_history, child_voice).
SENTENCES = [
    ("Kelly told me she was placed in foster care when she was nine after her mother died.", {"family_history"}),
    ("There were three referrals to children's services between 2016 and 2019 about domestic abuse.", {"family_history"}),
    ("Dean has a conviction for assault from 2014 against a former partner.", {"family_history"}),
    ("Maternal grandmother raised five children on her own after the grandfather left.", {"family_history"}),
    ("Ruby whispered that she gets scared when daddy shouts at night.", {"child_voice"}),
    ("When we did the three houses together, Ruby put 'Dad's shouting' in her house of worries.", {"child_voice"}),
    ("Mason (18 months) babbled and crawled to his mum for a cuddle when I arrived.", {"child_voice"}),
    ("Ruby wants to stay living with her mum and to see her nan every weekend.", {"child_voice"}),
    ("The family's current housing is a two-bedroom flat above a shop.", set()),
    ("Medical history: asthma, managed with an inhaler.", set()),
    ("Kelly said the house is cold and the landlord will not fix the boiler.", set()),
    ("Professionals shared their views at the conference.", set()),
    ("The social worker will review the plan with the family every four weeks.", set()),
    ("Dean works night shifts at the warehouse.", set()),
]
KEYWORDS = {  # the naive baseline of training/evaluate.py
    "family_history": re.compile(r"\b(history|previous|background|childhood|grew up|past)\b", re.I),
    "child_voice": re.compile(r"\b(wishes|feelings|views?|said|voice|told)\b", re.I),
}


def context_for(text: str) -> DocContext:
    seg = Segmenter()(text)
    return DocContext(text=text, doc_type=None, people=find_people(text), units=seg.units)


def load_or_skip(name: str):
    if name in TRAINED and not (trained.models_dir() / name / "model.json").exists():
        pytest.skip(f"{name}: its files are not in {trained.models_dir()} (run `make train`)")
    return models.load_labeller(name)


def test_registry_names_every_model():
    assert set(models.available()) == set(ALL) | {"default"}
    assert models.DEFAULT_MODEL in ALL


@pytest.mark.parametrize("name", ALL)
def test_model_gives_probabilities_and_reasons(name):
    labeller = load_or_skip(name)
    context = context_for(PLAN)
    predictions = labeller.predict(context)
    assert len(predictions) == len(context.units) > 10
    for pred in predictions:
        assert set(pred.scores) == set(LABELS)
        assert all(0.0 <= p <= 1.0 for p in pred.scores.values())
    if name != "rules":  # the trained models give a reason for every label of every unit
        assert all(isinstance(p.reasons.get(label), str) and p.reasons[label]
                   for p in predictions for label in LABELS)
    # a gap statement is never evidence
    not_seen = [p for u, p in zip(context.units, predictions) if "not seen" in u.text]
    assert not_seen and all(p.scores["child_voice"] <= 0.15 for p in not_seen)
    # the rule that fired stays in the reason (the ratings count kinds of evidence by rule id)
    grew_up = next(p for u, p in zip(context.units, predictions) if "grew up in foster care" in u.text)
    assert "fh." in grew_up.reasons["family_history"]


@pytest.mark.parametrize("name", ALL)
def test_review_validates_against_the_report_schema(name):
    load_or_skip(name)
    report = Reviewer.load(name).review(PLAN, doc_type="cp_plan")
    data = report.to_dict()
    validate_report_dict(data)
    assert data["model_version"] == models.load_labeller(name).version
    labelled = {PLAN[s["start"]:s["end"]]: s["labels"] for s in data["sentences"]}
    assert any("family_history" in labels for labels in labelled.values())
    assert any("child_voice" in labels for labels in labelled.values())


def test_linear_model_reason_names_the_ngrams():
    labeller = load_or_skip("tfidf")
    context = context_for("Family history\nKelly grew up in foster care and was known to services as a teenager.")
    pred = labeller.predict(context)[-1]
    assert pred.scores["family_history"] >= 0.5
    assert "top features: '" in pred.reasons["family_history"]


def test_loaded_once_per_process():
    name = models.DEFAULT_MODEL
    load_or_skip(name)
    assert models.load_labeller(name) is models.load_labeller(name)
    assert models.load_labeller("default") is models.load_labeller(name)
    assert Reviewer.load().labeller is Reviewer.load(name).labeller


def test_default_beats_the_keyword_baseline():
    labeller = load_or_skip(models.DEFAULT_MODEL)
    text = "\n\n".join(s for s, _ in SENTENCES)
    context = context_for(text)
    assert len(context.units) == len(SENTENCES)
    predictions = labeller.predict(context)

    def f1(pred_sets):
        tp = sum(len(p & g) for p, (_, g) in zip(pred_sets, SENTENCES))
        fp = sum(len(p - g) for p, (_, g) in zip(pred_sets, SENTENCES))
        fn = sum(len(g - p) for p, (_, g) in zip(pred_sets, SENTENCES))
        return 2 * tp / (2 * tp + fp + fn)

    model = [{label for label in LABELS if p.scores[label] >= 0.5} for p in predictions]
    keyword = [{label for label in LABELS if KEYWORDS[label].search(s)} for s, _ in SENTENCES]
    assert f1(model) > f1(keyword) + 0.2, (f1(model), f1(keyword))


def test_missing_files_give_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("REVIEWER_MODELS", str(tmp_path))
    with pytest.raises(trained.ModelFilesMissing, match="make train"):
        trained.load_trained("tfidf")


def test_model_files_are_inspectable_and_small():
    root = trained.models_dir()
    files = [f for f in root.rglob("*") if f.is_file()]
    if not any(f.name == "model.json" for f in files):
        pytest.skip(f"no trained models in {root} (run `make train`)")
    assert not [f for f in files if f.suffix in (".pkl", ".pickle", ".joblib", ".pt")]
    for npz in root.rglob("*.npz"):
        with np.load(npz, allow_pickle=False) as data:  # numbers only: no object arrays
            assert all(data[k].dtype != object for k in data.files)
    assert sum(f.stat().st_size for f in files) <= 20 * 1024 * 1024
    for name in TRAINED:
        if (root / name / "model.json").exists():
            assert (root / name / "MODEL_CARD.md").exists()


def test_unknown_model_is_a_config_error():
    from reviewer.errors import ConfigError

    with pytest.raises(ConfigError, match="unknown model"):
        models.load_labeller("no_such_model")
