"""Plan layouts the action extractor must read: each example is invented and written in a shape
seen in councils' plans (topic headings under "The plan", dash-separated items, bracketed owners,
contingencies, question-and-answer plans, inline Responsible/Target fields)."""
from __future__ import annotations

import pytest


def _actions(reviewer, text, doc_type="cp_plan"):
    report = reviewer.review(text, doc_type=doc_type)
    return [(text[a.start:a.end], a) for a in report.actions]


def _find(actions, fragment):
    hits = [a for span, a in actions if fragment in span]
    assert hits, f"no action found containing {fragment!r}; found {[s for s, _ in actions]}"
    return hits[0]


def test_items_under_topic_headings_inside_the_plan_are_actions(reviewer):
    text = ("CHILD PROTECTION PLAN\n\nWhy there is a plan\nMilo has lost weight since the spring.\n\n"
            "THE PLAN\n\nA. Milo's health\n"
            "a) Jo Price (HV) will weigh Milo at home every Tuesday.\n"
            "b) Dana will give Milo three meals a day and fill in the food diary.\n\n"
            "B. Home and money\n"
            "c) The SW will refer the family to the food bank by 14/03/2026.\n")
    actions = _actions(reviewer, text)
    assert len(actions) == 3
    assert _find(actions, "weigh Milo").owner == "Jo Price (HV)"
    assert _find(actions, "food bank").timescale is not None


def test_health_heading_outside_a_plan_holds_no_actions(reviewer):
    text = ("CHILD IN NEED PLAN\n\nHealth\nMilo will need glasses next year, the optician thinks.\n\n"
            "Plan:\n- SW to visit every three weeks.\n")
    actions = _actions(reviewer, text, "cin_plan")
    assert [s for s, _ in actions] == ["SW to visit every three weeks."]


@pytest.mark.parametrize("heading", ["Plan:", "Actions:", "What needs to happen", "What we need to do together",
                                     "plan - what needs to happen", "Steps"])
def test_headings_that_start_the_plan(reviewer, heading):
    text = (f"CHILD IN NEED PLAN\n\nWhat we are worried about\nThe flat is damp.\n\n{heading}\n"
            "- Parents to apply for a transfer by 30/04/2026.\n- Landlord to be contacted about the damp.\n")
    actions = _actions(reviewer, text, "cin_plan")
    assert len(actions) == 2, heading


def test_owner_in_a_dash_part_or_a_bracket(reviewer):
    text = ("Plan\n"
            "1. Chiamaka to be offered a young carers assessment – Siobhan (SW) – by 06/02/2026\n"
            "2. Write to the housing association about the mould (SW, by 15/04/2025)\n"
            "3. Support with keeping the house safe - everyone - all the time\n")
    actions = _actions(reviewer, text, "cin_plan")
    assert _find(actions, "young carers").owner == "Siobhan (SW)"
    mould = _find(actions, "mould")
    assert mould.owner == "SW" and mould.timescale is not None
    assert "SW" not in mould.task
    assert _find(actions, "house safe").owner is None


def test_contingency_main_clause_is_the_action(reviewer):
    text = ("Contingency\nIf Kieran breaches the order, or if there is another incident, "
            "Femi will convene a strategy discussion within 24 hours.\n")
    action = _find(_actions(reviewer, text), "strategy discussion")
    assert action.owner == "Femi"
    assert action.timescale is not None


def test_inline_contingency_label(reviewer):
    text = "Plan\n- Mum to attend the Freedom Programme weekly.\n\nContingency: If the plan is not followed, legal advice will be sought.\n"
    action = _find(_actions(reviewer, text), "legal advice")
    assert action.owner is None


def test_question_and_answer_plan(reviewer):
    text = ("The plan\nQ: Who will help Dad in the mornings?\n"
            "A: Adult Social Care will start a care package with carers visiting daily from 03/11/2025.\n")
    action = _find(_actions(reviewer, text, "cin_plan"), "care package")
    assert action.owner == "Adult Social Care"


def test_inline_responsible_and_target_fields(reviewer):
    text = ("Outcome 1: Less conflict at home\n"
            "Action 1.1: Parents to use calm words with Arjun. Responsible: Parents. Target: Ongoing.\n"
            "Action 1.2: Arjun to go to the youth club. Responsible: Arjun. Target: Every Thursday.\n")
    actions = _actions(reviewer, text)
    assert len(actions) == 2
    second = _find(actions, "youth club")
    assert second.owner == "Arjun" and second.timescale is not None


def test_multilevel_numbering_items(reviewer):
    text = ("The plan\n1. Health\n1.1 Wheelchair assessment - Wheelchair Service - appointment 21/10/2025\n"
            "1.2 Refer Rayyan to the hospice psychologist - Dr Hossain - by 31/10/2025\n")
    actions = _actions(reviewer, text, "cin_plan")
    assert _find(actions, "Wheelchair assessment").owner == "Wheelchair Service"
    assert _find(actions, "hospice psychologist").owner == "Dr Hossain"


def test_row_with_carried_down_first_cell(reviewer):
    text = ("PLAN\nOutcome | Action | Who | When\n"
            "Children in school | Florin to attend school full time | parents | ongoing\n"
            "| Denisa to see the school nurse | school nurse | by 30/04/2025\n")
    action = _find(_actions(reviewer, text), "school nurse |")
    assert action.owner == "school nurse"
    assert action.timescale is not None


def test_past_events_in_plan_prose_are_not_actions(reviewer):
    text = ("The plan\nLuwam left Eritrea in 2022, aged 13, with an older cousin to avoid the army.\n"
            "Zuzanna would like to come to the review, and Hannah will help her write down what she wants to say.\n")
    spans = [s for s, _ in _actions(reviewer, text, "cin_plan")]
    assert not any("Eritrea" in s for s in spans)
    assert any("Hannah will help" in s for s in spans)


def test_checkbox_items_are_actions(reviewer):
    text = ("CIN review\nActions\n[ ] Dad to book a GP appointment – by 14/04\n[x] SW to refer Tyler to SALT – done 20/03\n"
            "☐ Nursery to share attendance with the SW – fortnightly\n")
    actions = _actions(reviewer, text, "cin_plan")
    assert len(actions) == 3
    assert _find(actions, "GP appointment").owner == "Dad"


def test_review_plan_update_lines_are_not_actions_and_revised_actions_are(reviewer):
    text = ("4. Actions from the initial plan, updates and revised actions\n"
            "1. Florin to provide a hair strand test by 15/01/2025.\n"
            "   Update: Test completed on 9 January.\n"
            "   Revised action: Florin to complete a second test by 30/04/2025.\n")
    spans = [s for s, _ in _actions(reviewer, text)]
    assert any(s.startswith("Florin to provide") for s in spans)
    assert any("second test" in s for s in spans)
    assert not any(s.startswith("Update") or s.startswith("Test completed") for s in spans)


def test_semicolon_run_on_plan_gives_one_action_per_clause(reviewer):
    text = ("Plan\nTyrese will be home by 9pm on school nights; Donna will report Tyrese missing to police at 10pm "
            "if he is not home; Joel Asante (SW) will visit weekly and see Tyrese alone each time; the PRU will "
            "share Tyrese's attendance every Friday.\n")
    actions = _actions(reviewer, text)
    assert len(actions) == 4
    assert _find(actions, "PRU will share").owner == "the PRU"


def test_square_bracket_owner_and_capital_labels(reviewer):
    text = ("The plan\n- Book Zara a dental check-up and take her to it [Mum] [by 30/05]\n\n"
            "THE PLAN\nSUBSTANCES: Dean will not smoke cannabis in the flat.\n")
    actions = _actions(reviewer, text)
    assert _find(actions, "dental").owner == "Mum"
    assert _find(actions, "cannabis").owner == "Dean"


def test_recommendations_and_expectations_in_prose(reviewer):
    text = ("Recommendations\nI recommend that Rania and Martin attend the parenting teenagers sessions from 3 April.\n"
            "It is expected that the parents will take Oskar to his dental appointment on 4 June 2025.\n"
            "The next step is for Olga to take Artem to his GP appointment on 19 June.\n")
    actions = _actions(reviewer, text, "assessment")
    assert len(actions) == 3
    assert _find(actions, "GP appointment").owner == "Olga"


def test_goals_for_a_child_have_no_owner_and_things_are_not_owners(reviewer):
    text = ("Callum (9) lives with his mum.\n\nPlan\n- Callum will feel safe at home.\n"
            "- Callum will go to the homework club every Tuesday.\n- Police checks will be updated.\n"
            "- The plan will be reviewed at the review conference on 14/07/2025.\n")
    actions = _actions(reviewer, text, "cin_plan")
    assert _find(actions, "feel safe").owner is None
    assert _find(actions, "homework club").owner == "Callum"
    assert _find(actions, "Police checks").owner is None
    assert _find(actions, "plan will be reviewed").timescale is not None
