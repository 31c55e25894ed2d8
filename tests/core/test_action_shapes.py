"""Plan layouts the action extractor must read: each example is invented and written in a shape
seen in councils' plans (topic headings under "The plan", dash-separated items, bracketed owners,
contingencies, question-and-answer plans, inline Responsible/Target fields)."""
from __future__ import annotations

import pytest
from action_helpers import actions as _actions, find as _find


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


def test_smart_table_with_glossed_action_header_and_blank_first_cells(reviewer):
    text = ("CHILD IN NEED PLAN\n\nSMART plan\n"
            "Outcome | Action (what will be done) | Measure | Lead | Target date | RAG\n"
            "Priya sleeps safely | Buy a cot for Priya | Cot in place | Mum | 20/03/2026 | Amber\n"
            " | Review the sleeping arrangements |  | HV | Each visit | Green\n"
            " | Keep an eye on the bedroom |  | All | Ongoing | Red\n")
    actions = _actions(reviewer, text, "cin_plan")
    assert len(actions) == 3
    assert _find(actions, "Buy a cot").task.startswith("Buy a cot")
    assert _find(actions, "sleeping arrangements").timescale == "Each visit"
    keep = _find(actions, "Keep an eye")
    assert keep.owner is None and keep.timescale is None and not keep.specific


def test_labelled_action_lines_in_minutes_under_agency_updates(reviewer):
    text = ("CORE GROUP MEETING\n\n2. School update\n"
            "Mr Osei said Dara was late four times this half term.\n"
            "Action – Dad to walk Dara to school by 8:40 every morning.\n"
            "ACTION: School to ring Dad by 9:15am on any day Dara is absent.\n\n"
            "3. Agreed\n"
            "AGREED: Lena Brook (SW) to refer Dad to the parenting group by 02/04/2026.\n"
            "AGREED: Dental check for Dara.\n"
            "Agreed: Sam Hale, Team Manager, 20/03/2026\n")
    spans = [s for s, _ in _actions(reviewer, text)]
    assert any("walk Dara to school" in s for s in spans)
    assert any("ring Dad" in s for s in spans)
    assert any("parenting group" in s for s in spans)
    assert any("Dental check" in s for s in spans)
    assert not any("Mr Osei said" in s for s in spans)
    assert not any("Sam Hale" in s for s in spans)


def test_need_line_with_lettered_sub_actions(reviewer):
    text = ("CHILD IN NEED PLAN\n\nTomas's views\nTomas said he likes his new class.\n\n"
            "NEED 1: Tomas is safe when he is out in the evening\n"
            "1a) Anya (Mum) to ring Tomas at 8pm every Friday and Saturday.\n"
            "1b) Tomas to be home by 9pm on school nights.\n"
            "NEED 2: Tomas's mood is low and he is not sleeping\n")
    actions = _actions(reviewer, text, "cin_plan")
    assert [a.owner for _, a in actions][:1] == ["Anya (Mum)"]
    assert any("home by 9pm" in s for s, _ in actions)
    assert not any(s.startswith("NEED") for s, _ in actions)


def test_roman_numeral_items_with_name_colon_and_date_first(reviewer):
    text = ("CHILD PROTECTION PLAN\n\nThe plan\n\nOutcome A – Ellis is safe at home.\n"
            "(i) Craig: will not stay at the flat overnight.\n"
            "(ii) By 15/05 – SW – complete a DASH with Nicola on her own.\n"
            "(iii) Nicola: to call 999 if Craig comes to the flat.\n")
    actions = _actions(reviewer, text)
    assert len(actions) == 3
    assert _find(actions, "stay at the flat").owner == "Craig"
    assert _find(actions, "DASH").owner == "SW"
    assert _find(actions, "DASH").timescale == "By 15/05"
    assert _find(actions, "call 999").owner == "Nicola"


def test_per_person_paragraphs_under_what_x_will_do_headings(reviewer):
    text = ("CHILD IN NEED PLAN\n\nWhat Gran will do\n"
            "Gran will collect Ava from school every Wednesday.\n"
            "She will keep the food diary.\n\n"
            "What the health visitor will do\n"
            "The health visitor will weigh Ava at home every two weeks.\n")
    actions = _actions(reviewer, text, "cin_plan")
    assert len(actions) == 3
    assert _find(actions, "collect Ava").owner == "Gran"
    assert _find(actions, "food diary").owner is None  # a bare pronoun (D22)
    assert _find(actions, "weigh Ava").timescale == "every two weeks"


def test_three_line_blocks_without_labels(reviewer):
    text = ("Care and Support Plan\n\nWho will do what\n\n"
            "Take Osian to the dentist for a check-up\n"
            "Bethan (Mum)\n"
            "By 30 April 2026\n\n"
            "Visit Osian at home and see him on his own\n"
            "Rhys Evans (social worker)\n"
            "Every 15 working days\n\n"
            "Look into after-school clubs\n"
            "TBC\n"
            "Ongoing\n")
    actions = _actions(reviewer, text, "cin_plan")
    assert len(actions) == 3
    dentist = _find(actions, "dentist")
    assert dentist.owner == "Bethan (Mum)" and dentist.timescale == "By 30 April 2026"
    assert _find(actions, "see him on his own").timescale == "Every 15 working days"
    clubs = _find(actions, "after-school clubs")
    assert clubs.owner is None and clubs.timescale is None and not clubs.specific


def test_who_what_when_dash_lines_numbered_are_items_not_headings(reviewer):
    text = ("CHILD IN NEED PLAN\n\nThe plan\n"
            "1. Dad - book a GP appointment about his sleep - every month\n"
            "2. Hillside Primary - support Mo's attendance - ongoing\n")
    actions = _actions(reviewer, text, "cin_plan")
    assert len(actions) == 2
    assert _find(actions, "GP appointment").owner == "Dad"
    assert _find(actions, "Hillside").timescale is None


def test_minute_style_asked_and_beneficial_sentences(reviewer):
    text = ("CHILD IN NEED PLAN\n\nThe plan\n"
            "The school nurse was asked to share any relevant information.\n"
            "It would be beneficial for Dad to attend the Caring Dads course.\n"
            "Further work with Mum on routines is needed.\n")
    actions = _actions(reviewer, text, "cin_plan")
    assert len(actions) == 3
    assert _find(actions, "school nurse").owner == "The school nurse"
    assert not _find(actions, "school nurse").specific
    assert _find(actions, "Caring Dads").owner == "Dad"
    assert _find(actions, "Further work").owner is None


@pytest.mark.parametrize("sentence, timescale", [
    ("SW to visit every 10 working days.", "every 10 working days"),
    ("HV to weigh Ayo at each home visit.", "at each home visit"),
    ("SW to hold the first meeting within three weeks of this assessment.", "within three weeks of this assessment"),
    ("Mum and Dad to write a safety plan by the time Noor is eight weeks old.", "by the time Noor is eight weeks old"),
    ("Mum to go to the carers' group, which meets on Tuesdays.", None),
    ("Dad to agree a rota so Sam cooks no more than two nights a week.", None),
])
def test_timescale_wordings(reviewer, sentence, timescale):
    text = "CHILD IN NEED PLAN\n\nThe plan\n- " + sentence + "\n"
    action = _find(_actions(reviewer, text, "cin_plan"), sentence[:12])
    assert action.timescale == timescale
