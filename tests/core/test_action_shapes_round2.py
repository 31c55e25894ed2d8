"""Round 2 of plan-action shapes, each written here as new invented text: points dated by the
document (a due date, the plan's first week), triggers and the relative when after them,
frequencies tied to an event, note-form periods and course lengths, next steps with no occasion,
bare "direct work", and owners that are really a when, a collective or a thing done on someone."""
from __future__ import annotations


from action_helpers import actions as _actions, find as _find


# -- timescales a document dates elsewhere (D29, D43) ------------------------------------------

def test_birth_points_count_only_when_the_document_gives_a_due_date(reviewer):
    plan = ("The plan\n"
            "- Ffion to pack a hospital bag before the baby is born.\n"
            "- Midwife to see Ffion at 30 and 34 weeks.\n")
    dated = _actions(reviewer, "PRE-BIRTH PLAN\nUnborn baby of Ffion Rees (EDD 02/11/2026)\n\n" + plan)
    assert _find(dated, "hospital bag").timescale == "before the baby is born"
    assert _find(dated, "34 weeks").timescale is not None
    # Near miss: the same items in a plan that gives no due date have no checkable when.
    undated = _actions(reviewer, "PRE-BIRTH PLAN\nUnborn baby of Ffion Rees\n\n" + plan)
    assert _find(undated, "hospital bag").timescale is None
    assert _find(undated, "34 weeks").timescale is None


def test_plan_week_counts_only_when_week_one_is_dated(reviewer):
    rows = ("Action | Who | When\n"
            "Book the family into the dental practice | Dad | wk 3\n")
    dated = _actions(reviewer, "CIN PLAN\nStart date of plan: 07/09/2026\n\nThe plan\n" + rows, "cin_plan")
    assert _find(dated, "dental practice").timescale == "wk 3"
    # Near miss: with no start date, "wk 3" names no week anyone can check.
    undated = _actions(reviewer, "CIN PLAN\n\nThe plan\n" + rows, "cin_plan")
    dental = _find(undated, "dental practice")
    assert dental.timescale is None and dental.timescale_vague == "wk 3"


# -- triggers and the relative when after them (D35, D43) --------------------------------------

def test_clock_time_in_a_trigger_is_not_the_timescale(reviewer):
    text = ("The plan\n"
            "- Gran to ring the police if Rory is not back by 11pm.\n"
            "- Gran to ring the police if Rory is not back by 11pm, and to tell the SW the next working day.\n"
            "- Rory to be home by 11pm on Fridays.\n")
    actions = _actions(reviewer, text)
    assert actions[0][1].timescale is None
    assert actions[1][1].timescale == "the next working day"
    # Near miss: a curfew that is the rule itself keeps its time.
    assert actions[2][1].timescale is not None


def test_relative_when_after_a_trigger_counts(reviewer):
    text = ("Contingency plan\n"
            "If Paula is taken into hospital, Uncle Dev will collect the twins that night.\n"
            "If the flat is found unsafe, the social worker will call a strategy discussion the same working day.\n"
            "If Paula is taken into hospital, Uncle Dev will collect the twins.\n")
    actions = _actions(reviewer, text)
    assert _find(actions, "twins that night").timescale == "that night"
    assert _find(actions, "same working day").timescale == "the same working day"
    # Near miss: with no relative when the trigger alone gives none.
    assert _find(actions, "collect the twins.").timescale is None


# -- frequencies tied to an event, note-form periods, course lengths (D23, D43) ----------------

def test_each_or_every_event_with_a_modifier_is_a_frequency(reviewer):
    text = ("Action | Who | When\n"
            "Share the blood sugar diary with the diabetes nurse | Mum | at each clinic visit\n"
            "Check Sol's feeding tube | School nurse | every 3 wks\n"
            "Share the blood sugar diary with the GP | Mum | ongoing\n")
    actions = _actions(reviewer, "The plan\n" + text)
    assert _find(actions, "diabetes nurse").timescale == "at each clinic visit"
    assert _find(actions, "feeding tube").timescale == "every 3 wks"
    # Near miss: an open-ended When cell is still vague.
    assert _find(actions, "with the GP").timescale is None


def test_note_form_period_counts_but_a_course_length_does_not(reviewer):
    text = ("The plan\n"
            "- SW home visits – 15 working days\n"
            "- Mum to complete the Nurturing Families programme (14 weeks)\n")
    actions = _actions(reviewer, text)
    assert _find(actions, "home visits").timescale == "15 working days"
    # Near miss: a course's length in brackets is not a when.
    assert _find(actions, "Nurturing Families").timescale is None


def test_bare_length_in_when_cell_of_a_course_is_not_a_timescale(reviewer):
    text = ("Action | Who | When\n"
            "Attend the Steady Steps parenting programme | Dad | 8 weeks\n"
            "Assess the stairs for a second handrail | Occupational therapist | 8 weeks\n")
    actions = _actions(reviewer, "The plan\n" + text)
    assert _find(actions, "Steady Steps").timescale is None
    # Near miss: the same length for a task that is not a course is its deadline.
    assert _find(actions, "handrail").timescale == "8 weeks"


# -- specific or not (D39, D45) -----------------------------------------------------------------

def test_next_step_with_no_occasion_is_not_specific(reviewer):
    text = ("Contingency plan\n"
            "If the tenancy is lost, the plan will be reviewed.\n"
            "Worries about the bruising to be escalated to the team manager.\n"
            "The plan will be reviewed at the review conference.\n"
            "The case to be stepped up to a strategy discussion if Kit goes missing again.\n")
    actions = _actions(reviewer, text)
    assert not _find(actions, "tenancy is lost").specific
    assert not _find(actions, "escalated to the team manager").specific
    # Near misses: an occasion or a concrete next step makes it checkable.
    assert _find(actions, "at the review conference").specific
    assert _find(actions, "strategy discussion").specific


def test_step_to_be_considered_is_not_specific(reviewer):
    text = ("The plan\n"
            "- Referral to the Young Carers service to be considered.\n"
            "- Referral to the Young Carers service to be made by the SW.\n")
    actions = _actions(reviewer, text)
    assert not _find(actions, "to be considered").specific
    # Near miss: a referral to be made is a task.
    assert _find(actions, "to be made").specific


def test_bare_direct_work_is_not_specific(reviewer):
    text = ("Action | Who | When\n"
            "Direct work with both boys | SW | before the review\n"
            "Direct work with both boys about the move to Nan's | SW | by 30/10/2026\n")
    actions = _actions(reviewer, "The plan\n" + text)
    assert not _find(actions, "both boys |").specific
    # Near miss: a topic makes the same work specific.
    assert _find(actions, "move to Nan").specific


# -- owners (D20, D22, D44, §6.1) ---------------------------------------------------------------

def test_a_when_after_the_dash_is_not_an_owner(reviewer):
    text = ("The plan\n"
            "- Referral to the food bank – ASAP.\n"
            "- Referral to the food bank – Grace (FSW).\n")
    actions = _actions(reviewer, text)
    assert _find(actions, "– ASAP").owner is None
    # Near miss: a person after the dash is the owner.
    assert _find(actions, "Grace (FSW)").owner == "Grace (FSW)"


def test_collective_with_a_postmodifier_is_not_an_owner(reviewer):
    text = ("The plan\n"
            "Everyone in the network will phone the social worker if Lula is missing.\n"
            "The nurse in the team will phone the social worker if Lula is missing.\n")
    actions = _actions(reviewer, text)
    assert _find(actions, "Everyone in the network").owner is None
    # Near miss: a role with the same postmodifier is an owner.
    assert _find(actions, "The nurse in the team").owner is not None


def test_checks_on_someone_name_no_owner(reviewer):
    text = ("Action | Who | When\n"
            "Police checks on Mr Vane to be completed |  | 20/10/2026\n"
            "School nurse visits to Tia to be arranged | School nurse | 20/10/2026\n")
    actions = _actions(reviewer, "The plan\n" + text)
    assert _find(actions, "Police checks").owner is None
    # Near miss: a filled Who cell names the owner.
    assert _find(actions, "School nurse visits").owner == "School nurse"


def test_young_persons_curfew_rule_is_owned_by_them(reviewer):
    text = ("Safety plan\nChild: Rory Hale (15)\n"
            "- Rory will be home by 10pm on school nights.\n"
            "- Rory will feel safe at home.\n")
    actions = _actions(reviewer, text)
    assert _find(actions, "home by 10pm").owner == "Rory"
    # Near miss: a feeling is a goal for him, not something he does.
    assert _find(actions, "feel safe").owner is None


def test_agreed_that_he_would_reads_as_the_persons_action(reviewer):
    text = ("The plan\n"
            "It was also agreed that I would ring the housing officer by 14/10/2026.\n"
            "Bram agreed that he would not smoke in the flat.\n")
    actions = _actions(reviewer, text)
    assert _find(actions, "housing officer").owner == "I"
    assert _find(actions, "smoke in the flat").owner == "Bram"


def test_they_after_a_condition_is_not_the_named_person(reviewer):
    text = ("Child: Lula Grant (9)\n\nContingency plan\n"
            "If Lula tells anyone she is frightened, they will call the police straight away.\n"
            "If Lula feels frightened, she will call Auntie Bea straight away.\n")
    actions = _actions(reviewer, text)
    assert _find(actions, "they will call").owner is None
    # Near miss: "she" after a condition naming Lula is Lula.
    assert _find(actions, "she will call").owner == "Lula"
