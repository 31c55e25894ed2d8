"""Plan layouts met in the w21–w23 documents, each written here as new invented text: bulleted
TASK / LEAD / DATE blocks, sub-lettered items with [owner – date] brackets, text pasted from PDFs
(page furniture, rows wrapped mid-cell), review tables and "Done?" lists, space-aligned
trackers, family safety-plan headings and recommendations made by a conference."""
from __future__ import annotations


from action_helpers import actions as _actions, find as _find


def test_bulleted_task_lead_date_blocks_are_one_action_each(reviewer):
    text = ("CHILD IN NEED PLAN\n\nThe plan\n"
            "• TASK: Book Noah's hearing test at the audiology clinic.\n"
            "◦ LEAD: Priya Nair (HV)\n"
            "◦ DATE: by 12/05/2026\n"
            "• TASK: Walk Noah to the breakfast club.\n"
            "◦ LEAD: Grandad Pete\n"
            "◦ DATE: Mondays and Wednesdays\n"
            "• TASK: Keep an eye on Noah's mood.\n"
            "◦ LEAD: N/A\n"
            "◦ DATE: Ongoing\n")
    actions = _actions(reviewer, text, "cin_plan")
    assert len(actions) == 3, [s for s, _ in actions]
    hearing = _find(actions, "hearing test")
    assert hearing.owner == "Priya Nair (HV)" and hearing.timescale == "by 12/05/2026"
    assert _find(actions, "breakfast club").owner == "Grandad Pete"
    mood = _find(actions, "mood")
    assert mood.owner is None and mood.timescale is None and not mood.specific
    # Near miss: the LEAD / DATE lines are parts of their block, never actions of their own.
    assert not any(span.startswith(("LEAD", "DATE")) for span, _ in actions)


def test_single_bulleted_action_label_stays_one_item(reviewer):
    text = "The plan\n- Action: Dad to collect Noah from school every Friday.\n- Next review on 01/07/2026.\n"
    actions = _actions(reviewer, text, "cin_plan")
    dad = _find(actions, "collect Noah")
    assert dad.owner == "Dad" and dad.timescale is not None


def test_sub_lettered_items_with_bracketed_owner_and_date(reviewer):
    text = ("THE PLAN\n\n"
            "1. Noah is kept safe at home\n"
            "1a) Mr Quinn not to visit the flat while the bail conditions last [Mr Quinn]\n"
            "1b) Contact to be supervised at the family centre on Sundays [Family centre – from 03/05/2026]\n"
            "1c) Plan to be reviewed at the review conference [Chair – 14/09/2026]\n"
            "1d) Mum to learn about safe sleep []\n")
    actions = _actions(reviewer, text)
    assert len(actions) == 4, [s for s, _ in actions]
    # Near miss: the numbered outcome the sub-items hang from is not an action.
    assert not any(span.startswith("Noah is kept safe") for span, _ in actions)
    assert _find(actions, "supervised").owner == "Family centre"
    review = _find(actions, "review conference")
    assert review.owner == "Chair" and review.timescale is not None
    assert _find(actions, "safe sleep").timescale is None


def test_pdf_rows_wrapped_mid_cell_and_page_furniture(reviewer):
    text = ("OFFICIAL – SENSITIVE\nEastmoor District Council\n\nThe plan\n"
            "No. | What needs to happen | Who | By when\n"
            "1 | Dad to complete the alcohol awareness course at the Lantern\n"
            "Centre | Sam Okoro | by 30/06/2026\n"
            "2 | Nursery to record Ava's attendance and send it to the SW |\n"
            "Nursery manager | every Friday\n"
            "\nOFFICIAL – SENSITIVE                                Page 2 of 3\n\n"
            "OFFICIAL – SENSITIVE\nEastmoor District Council\n\n"
            "3 | Mum to register Ava with a dentist | Mum | by 01/06/2026\n"
            "4 | SW to share the written plan with the whole\n"
            "family | | \n")
    actions = _actions(reviewer, text)
    assert len(actions) == 4, [s for s, _ in actions]
    course = _find(actions, "alcohol awareness")
    assert course.owner == "Sam Okoro" and course.timescale == "by 30/06/2026"
    assert "Centre | Sam Okoro" in [s for s, a in actions if a is course][0]
    nursery = _find(actions, "attendance")
    assert nursery.owner == "Nursery manager" and nursery.timescale is not None
    assert _find(actions, "dentist").owner == "Mum"
    plan = _find(actions, "written plan")  # blank Who cell: the owner named in the task
    assert plan.owner == "SW" and plan.timescale is None
    # Near miss: the page header and footer are not actions, nor the start of a new section.
    assert not any("Page 2" in span or "Eastmoor" in span for span, _ in actions)


def test_review_table_completed_and_carried_over_rows(reviewer):
    text = ("CIN REVIEW\n\nProgress on the plan\n"
            "Previous action | Progress since last review | New action | Lead | By when\n"
            "SW to refer Ava to the young carers project | Completed – Ava goes on Tuesdays | Completed |  | \n"
            "Housing to be asked about the broken boiler | Not done | Carried over | SW | by 20/07/2026\n"
            "Mum to see the GP about her sleep | Mum went once | Mum to book a second GP appointment | Mum | by 10/07/2026\n")
    actions = _actions(reviewer, text, "cin_plan")
    # Near miss: a row whose new action only says "Completed" carries no action.
    assert not any("young carers" in span for span, _ in actions)
    boiler = _find(actions, "boiler")
    assert boiler.owner == "SW" and boiler.timescale == "by 20/07/2026" and boiler.specific
    gp = _find(actions, "second GP")
    assert gp.owner == "Mum" and gp.specific
    assert len(actions) == 2


def test_done_progress_comment_is_not_the_actions_when_or_who(reviewer):
    text = ("Review of the last plan\n"
            "1. Referral to Housing for a bigger flat – Done? Y – done 03/03, waiting to hear.\n"
            "2. Children to attend school every day – Done? Partly – Ava 91%, Leo 80%.\n"
            "3. Core groups monthly – Done? Y – held three times.\n"
            "4. HV to complete Leo's 2-year check by 30/04/2026 – N – no access twice.\n")
    actions = _actions(reviewer, text, "cin_plan")
    housing = _find(actions, "bigger flat")
    # The date in the progress comment is when it was done, not the action's timescale.
    assert housing.timescale is None and housing.owner is None and housing.specific
    assert _find(actions, "attend school").owner is None
    assert _find(actions, "Core groups monthly").specific
    check = _find(actions, "2-year check")
    assert check.owner == "HV" and check.timescale == "by 30/04/2026"


def test_space_aligned_tracker_rows(reviewer):
    text = ("FAMILY PLAN TRACKER\nChild: Leo   Plan start: 02/03/2026\n\n"
            "Ref   Area        Action                                  Owner      Start        Due         RAG\n"
            "A1    Health      Book an eye test for Leo                Mum                     wk 3        A\n"
            "A2                Referral to the sleep clinic            GP         09/03/2026               G\n"
            "A3    School      Agree a reduced timetable               SENCO                   Q2          R\n"
            "A4                Keep an eye on friendships              all                     ongoing\n"
            "\nNext review - tbc\n")
    actions = _actions(reviewer, text, "cin_plan")
    assert len(actions) == 4, [s for s, _ in actions]
    assert _find(actions, "eye test").owner == "Mum"
    assert _find(actions, "eye test").timescale == "wk 3"
    assert _find(actions, "sleep clinic").timescale == "09/03/2026"
    reduced = _find(actions, "reduced timetable")
    assert reduced.owner == "SENCO" and reduced.timescale is None  # a calendar quarter is vague
    assert _find(actions, "friendships").owner is None
    # Near miss: the header line is not an action.
    assert not any(span.startswith("Ref ") for span, _ in actions)


def test_prose_with_double_spaces_is_not_a_tracker(reviewer):
    text = ("The plan\nMum said  the flat  is too small.  Dad agreed.\n"
            "- SW to visit every two weeks.\n")
    actions = _actions(reviewer, text, "cin_plan")
    assert [s for s, _ in actions] == ["SW to visit every two weeks."]


def test_family_safety_plan_headings(reviewer):
    text = ("Family Safety Plan\n\n2. What Ava has told us\n\n- Ava said she hides when Dad shouts.\n\n"
            "3. The rules we agreed\n\n"
            "- If Dad has been drinking, then he will stay at his brother's flat that night.\n"
            "- Mum will keep her phone charged.\n\n"
            "4. Who checks in\n\n"
            "- Aunt Rose will ring Mum every Saturday at 8pm.\n")
    actions = _actions(reviewer, text)
    assert len(actions) == 3, [s for s, _ in actions]
    assert _find(actions, "ring Mum").owner == "Aunt Rose"
    # Near miss: what the child said is not an action.
    assert not any("hides" in span for span, _ in actions)


def test_success_measures_are_not_actions_but_their_items_are(reviewer):
    text = ("The plan\n- Mum to attend the Triple P group on Tuesdays.\n\n"
            "How we will know the plan is working\n"
            "Leo is in school every day. The children know when they will see Dad.\n"
            "- SW to see Leo alone every three weeks.\n")
    actions = _actions(reviewer, text, "cin_plan")
    spans = [s for s, _ in actions]
    assert not any("know when" in s or "in school every day" in s for s in spans), spans
    assert _find(actions, "alone").owner == "SW"
    assert len(actions) == 2


def test_conference_recommendation_is_owned_by_the_person_named(reviewer):
    text = ("Recommendations\n"
            "The conference recommends that the SW refers Leo to the speech and language service within "
            "four weeks.\n")
    action = _find(_actions(reviewer, text), "speech and language")
    assert action.owner is not None and "SW" in action.owner
    assert action.timescale == "within four weeks"
