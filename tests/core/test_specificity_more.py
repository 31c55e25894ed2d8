"""Specificity: the framework's examples (QF "Plan actions → specific", GUIDELINES §6.4, D17, D18)
and the grammar the rules use to tell an activity from an aim. Examples are invented."""
import pytest

from reviewer.specificity import is_specific


# GUIDELINES §6.4 table and D17/D18, with the owner and timescale taken off as the extractor does.
@pytest.mark.parametrize("task", [
    "attend the Freedom Programme every Tuesday",
    "visit Ruby at home fortnightly and see her alone",
    "complete a health assessment by 01/09",
    "not drink alcohol when he is caring for Leo alone",
    "keep the medication in the locked box",
    "weigh Noor weekly and share the weights with the GP",
    "not stay overnight at the family home",
    "walk Leo to school by 8:45 every day",
])
def test_framework_specific_examples(task):
    assert is_specific(task)[0] is True


@pytest.mark.parametrize("task", [
    "engage with services", "support the family", "monitor Ruby's health", "work on his drinking",
    "ensure the children are safe", "keep an eye on Noor's weight", "improve home conditions",
    "look into nursery options",
    # D17: ensure and its synonyms are never specific, whatever follows.
    "ensure Leo attends school every day", "make sure Leo goes to school", "see that the house is tidy",
    # D18: "Dad to stay safe" is not a rule about a named behaviour.
    "stay safe",
])
def test_framework_not_specific_examples(task):
    assert is_specific(task)[0] is False


# Light verbs are judged by their object: an aim as the object is not an activity.
@pytest.mark.parametrize("task, expected", [
    ("give Sam a naloxone kit and show him how to use it", True),
    ("provide a written contact sheet with out-of-hours numbers", True),
    ("offer Kim a place at the homework club", True),
    ("arrange supervised contact at the family centre", True),
    ("offer support", False),
    ("offer Mum emotional support", False),
    ("provide reassurance to the family", False),
    ("provide a safe and stable home", False),
    ("help out when she can", False),
    ("put boundaries in place", False),
])
def test_light_verbs_judged_by_their_object(task, expected):
    assert is_specific(task)[0] is expected


# Helping someone do a concrete thing is that thing; helping with an aim is an aim.
@pytest.mark.parametrize("task, expected", [
    ("help Sam apply for the repair grant", True),
    ("support Sam to register with a GP", True),
    ("support Sam to make positive changes", False),
    ("support Sam with her emotional wellbeing", False),
    ("support Sam in class", False),
])
def test_helping_with_an_activity(task, expected):
    assert is_specific(task)[0] is expected


# A state to keep is an aim; a place, a thing kept or a rule is not.
@pytest.mark.parametrize("task, expected", [
    ("keep the house clean and tidy", False),
    ("keep Lily-Mae safe", False),
    ("keep the plan under review", False),
    ("stay calm", False),
    ("be vigilant", False),
    ("be patient with him", False),
    ("keep a daily log of feeds and show it to the SW at each visit", True),
    ("keep all devices downstairs overnight", True),
    ("be home by 9pm", True),
    ("be kept in the kitchen and out of the bedrooms", True),
    ("be kept clean", False),
])
def test_states_and_places(task, expected):
    assert is_specific(task)[0] is expected


# Passives: what is offered must be named; adjectives after "be" are not participles.
@pytest.mark.parametrize("task, expected", [
    ("be offered a place on the parenting course", True),
    ("be offered a young carers assessment", True),
    ("be offered to the family", False),
    ("be offered some support for his feelings", False),
    ("be referred to CAMHS", True),
    ("be involved in the plan", False),
])
def test_passives(task, expected):
    assert is_specific(task)[0] is expected


# Rules about a named behaviour, with or without the subject left in.
@pytest.mark.parametrize("task", [
    "Lee not to stay overnight at the family home",
    "No contact between Ruby and her father unless agreed by the court",
    "No physical punishment of the children",
    "have no contact with Craig by any means, including social media",
])
def test_rules_about_named_behaviour(task):
    assert is_specific(task)[0] is True


# Noun-led aims and aim phrasings.
@pytest.mark.parametrize("task", [
    "Home conditions to improve", "Kai's attendance to improve", "House to be kept clean",
    "Parenting support for Mum", "Young carer support for Lily", "Protective parenting work with Mum",
    "Communicate with each other", "Look after her mental health", "continue to assess the situation",
    "meet Sam's care needs", "stay away from negative peers", "show Sam more warmth",
    "I will be a better dad", "I will try to stay calm", "inform the SW of any concerns",
    "pass on any worries to the allocated worker", "Dad to stay safe", "continue with the safety plan",
])
def test_aims(task):
    assert is_specific(task)[0] is False


@pytest.mark.parametrize("task", [
    "Direct work with Sam about his worries, four sessions", "Safety plan with Sam: safe word and who to call",
    "Letter of support for the housing application", "Support worker to visit weekly",
    "Change shift pattern so that she is not working nights", "surrender the passports to the social worker",
    "check in with her key worker at the family hub", "show Mum how to make up a bottle and watch her do it",
])
def test_activities_not_mistaken_for_aims(task):
    assert is_specific(task)[0] is True


def test_a_misread_cell_is_not_flagged_but_an_unknown_short_task_is():
    # A bare role or status left where the task should be: no task found, so no gap raised.
    assert is_specific("SW")[0] is True
    assert is_specific("parents")[0] is True
    assert is_specific("Open")[0] is True
    # A short task naming nothing the lists know is not an activity (unless it names a local service).
    assert is_specific("positive activities")[0] is False
    assert is_specific("enjoy Sunflower")[0] is False
    assert is_specific("enjoy Sunflower", ("Sunflower",))[0] is True
    assert is_specific("")[0] is False
