from reviewer.doctype import detect_doc_type
from reviewer.segment import Segmenter


def detect(text):
    return detect_doc_type(Segmenter()(text))


def test_titles_decide_the_type():
    assert detect("Child Protection Plan\nAction | Who | When\nVisit | SW | weekly\n")[0] == "cp_plan"
    assert detect("Child in Need Plan\n- Mum to attend the GP by Friday\n")[0] == "cin_plan"
    text = ("Child and Family Assessment\n\nReason for referral\nThe school called.\n\n"
            "Analysis\nThe children are safe but need support.\n")
    assert detect(text)[0] == "assessment"


def test_probabilities_sum_to_one_and_confidence_is_the_top():
    kind, confidence, probs = detect("Some notes about a visit. Mum was at home.")
    assert abs(sum(probs.values()) - 1) < 1e-9
    assert confidence == probs[kind] == max(probs.values())


def test_earlier_plans_mentioned_in_the_body_do_not_outweigh_the_title():
    text = ("Child Protection Plan – Amara (3)\n\nFamily history\n"
            "The family were on a Child in Need plan in 2021.\n\nAction | Who | When\nVisit | SW | weekly\n")
    kind, confidence, _ = detect(text)
    assert kind == "cp_plan" and confidence > 0.8
