"""Classes of labelling error found with writers w21-w23 (train/dev only), each checked on
invented sentences: the label where QF / corpora/GUIDELINES.md give it, and a near miss that
must not get it. Behaviour only: which cue fires is not asserted."""
import pytest

from reviewer import Reviewer
from reviewer.labels import label_people
from reviewer.people import find_people

FH, CV = "family_history", "child_voice"


@pytest.fixture(scope="module")
def rules():
    """The rule labeller on its own (the default model also weighs its trained features)."""
    return Reviewer.load("rules")


def labels_of(labeller, text, doc_type="assessment"):
    report = labeller.review(text, doc_type=doc_type)
    return {report.text[s.start:s.end]: set(s.labels) for s in report.sentences}


def label(labeller, sentence, context="", doc_type="assessment"):
    """The labels of `sentence`, read after `context` (which introduces the people)."""
    text = (context + "\n\n" + sentence) if context else sentence
    return labels_of(labeller, text, doc_type)[sentence]


KIDS = "Child: Milo Hart (age 9)\nChild: Ruby Hart (age 3)\nMother: Gemma Hart"


# -- family_history --------------------------------------------------------------------------

def test_counted_police_callouts_are_history(rules):
    # QF: past domestic abuse, earlier involvement of other agencies.
    assert FH in label(rules, "Police were called to the flat twice, in May and June 2024, after arguments.", KIDS)
    assert FH in label(rules, "It was the fourth police call-out to the property since March 2023.", KIDS)
    assert FH in label(rules, "There have been no DV call-outs to the flat.", KIDS)
    # near miss: the count is of something else
    assert FH not in label(rules, "Gemma was given a leaflet about the food bank twice this month.", KIDS)


def test_open_early_help_episode_found_on_systems_is_history(rules):
    # D46: an open early-help episode found on checks.
    assert FH in label(rules, "The LCS system shows an open early help episode for the family.", KIDS)
    # near miss: a present plan of work, not a check on systems
    assert FH not in label(rules, "Gemma would like early help to support her with routines.", KIDS)


def test_transfer_in_history(rules):
    assert FH in label(rules, "Brackenfield had Milo on a CIN plan for neglect before the family moved here.", KIDS)
    assert FH in label(rules, "The previous authority's chronology shows three referrals about home conditions.", KIDS)
    assert FH not in label(rules, "Milo is on a paper round before school.", KIDS)


def test_dated_move_is_history_whatever_the_year(rules):
    # QF: moves; a date in the current year is still a past move.
    assert FH in label(rules, "Gemma and the children moved to Oakbridge in February 2025.", KIDS)
    assert FH in label(rules, "Her partner moved in during April 2025.", KIDS)
    # near misses: a school placement move (passive), and a plan to move
    assert FH not in label(rules, "Milo was moved to the nurture room in March 2025 after he hit a pupil.", KIDS)
    assert FH not in label(rules, "Gemma hopes to move to a bigger flat.", KIDS)


def test_parents_past_mental_health_and_treatment(rules):
    # QF: mental-health history.
    assert FH in label(rules, "Gemma had postnatal depression after Milo was born and was on medication for a year.", KIDS)
    assert FH in label(rules, "Her partner had counselling through his GP after his brother died.", KIDS)
    # near miss: present mood, no past event
    assert FH not in label(rules, "Gemma says she feels tired today.", KIDS)


def test_earlier_school_exclusion_is_history(rules):
    # D40: an earlier exclusion from school is family_history.
    assert FH in label(rules, "Milo received a fixed-term exclusion in Year 3 for throwing a chair.", KIDS)
    # near miss: an exclusion this term is the present concern
    assert FH not in label(rules, "Milo has been excluded for two days this term for swearing.", KIDS)


def test_parent_was_themselves_on_a_plan_as_a_child(rules):
    # QF: parents' own childhoods (pre-birth and kinship assessments).
    assert FH in label(rules, "Gemma was herself on a child protection plan for neglect in Dunmore.", KIDS)
    assert FH in label(rules, "Their own experience of being separated from their parents as children shapes how they parent.", KIDS)
    assert FH in label(rules, "Gemma's partner has used cannabis since he was a teenager.", KIDS)
    assert FH not in label(rules, "Gemma herself asked for a parenting course.", KIDS)


def test_event_since_a_parent_left(rules):
    # D46: a past family event tied to the present.
    assert FH in label(rules, "Milo said home has been quieter since his dad left.", KIDS)
    # near miss: a parent leaving the room during a visit
    assert FH not in label(rules, "Ruby cried when Gemma left the room to answer the door.", KIDS)


def test_breached_orders_before_is_history(rules):
    assert FH in label(rules, "Records show that Mr Dunn has breached court orders twice before.", KIDS)
    assert FH not in label(rules, "Mr Dunn must not breach the order.", KIDS)


def test_gap_about_family_history_is_not_history(rules):
    # §4.2, D7: gap statements are not labels.
    assert FH not in label(rules, "Nothing is known about the maternal family.", KIDS)
    assert FH not in label(rules, "We do not know anything about the father's own childhood yet.", KIDS)
    assert FH not in label(rules, "No other family history has been gathered so far.", KIDS)
    # near miss: a negative check is history (D2)
    assert FH in label(rules, "Nothing is known to police about either parent.", KIDS)


def test_gap_beside_concrete_history_is_history(rules):
    # D46: a gap sentence restating a concrete past event is history.
    sentence = ("Mr Dunn would not talk about his own childhood, but police records show he "
                "received a caution for assault in 2017.")
    assert FH in label(rules, sentence, KIDS)
    assert FH not in label(rules, "Mr Dunn would not talk about his own childhood.", KIDS)


def test_pointer_and_heading_are_not_history(rules):
    # §1.1 headings; a bare reference with no content (QF).
    assert FH not in label(rules, "Please see the earlier CP plans and chronology for background.", KIDS)
    assert FH not in label(rules, "The carers' own childhood", KIDS)
    assert FH not in label(rules, "Gemma's first time at the toddler group was a success.", KIDS)


def test_a_present_parent_in_the_room_is_not_history(rules):
    sentence = "Milo answered in single words when his mother was in the room."
    assert FH not in label(rules, sentence, KIDS)
    assert FH in label(rules, "His mother was in care from the age of nine.", KIDS)


def test_wrapped_line_reads_as_one_sentence(rules):
    # PDF exports break sentences over lines; the cues read them as one line.
    assert FH in label(rules, "Gemma has been\nknown to adult mental health services since 2016.", KIDS)


# -- child_voice -----------------------------------------------------------------------------

def test_child_voice_through_activities(rules):
    # QF: what the child said or did in direct work.
    ctx = KIDS + "\n\nI saw Milo at school on 3 April."
    assert CV in label(rules, "I gave Milo a body map and asked him to colour where he feels worry.", ctx)
    assert CV in label(rules, "Milo coloured his tummy red and tapped the picture of his house.", ctx)
    assert CV in label(rules, "His drawing showed a big dog between him and the front door.", ctx)
    # near miss: a task for a professional to do direct work later
    assert CV not in label(rules, "School to complete the worry jar activity with Milo each week.", ctx, "cin_plan")


def test_observed_stillness_and_watching(rules):
    # QF: the practitioner's observation of behaviour.
    assert CV in label(rules, "Ruby kept watching the door and went very still when a van pulled up.", KIDS)
    assert CV not in label(rules, "Ruby is due to start nursery in September.", KIDS)


def test_child_seen_alone_counted_in_a_review(rules):
    # D41: a review row saying the child was seen alone is child_voice.
    assert CV in label(rules, "SW to see Milo alone at each visit – Done – seen alone on 5 visits.", KIDS, "cin_plan")
    assert CV in label(rules, "Milo chose to be seen at school, in the nurture room, three times.", KIDS)
    # near misses: the plan to see him, and something else seen on visits
    assert CV not in label(rules, "SW to see Milo alone at each visit.", KIDS, "cin_plan")
    assert CV not in label(rules, "Rubbish bags were seen in the hallway on 4 visits.", KIDS)


def test_child_seen_by_a_health_service_is_not_voice(rules):
    # QF: professionals' opinions / appointments with no child perspective.
    assert CV not in label(rules, "Milo was seen by the paediatrician at Hollins Hospital on 2 May.", KIDS)
    assert CV not in label(rules, "Ruby was seen by SALT in January for a speech assessment.", KIDS)
    # near miss: the worker was there and saw him (D36 first-hand observation)
    assert CV in label(rules, "Milo was seen at the clinic by the nurse and me, and he chatted about his bike.", KIDS)


def test_plan_outcomes_and_agency_tasks_are_not_voice(rules):
    assert CV not in label(rules, "Outcome 2: Milo feels safe at home", KIDS, "cin_plan")
    assert CV not in label(rules, "Nursery to monitor Ruby's presentation and share concerns.", KIDS, "cin_plan")
    assert CV not in label(rules, "If Milo is scared, he can ring his nan.", KIDS, "cin_plan")
    # near miss: the child's own words in the plan
    assert CV in label(rules, "Milo said he feels safe when his nan stays over.", KIDS, "cin_plan")


def test_descriptions_and_arrangements_are_not_observation(rules):
    # D8: unsourced descriptions are not child_voice; sleeping arrangements are the home.
    assert CV not in label(rules, "Ruby sleeps in a cot in her mum's room.", KIDS)
    assert CV not in label(rules, "Milo plays football for the Oakbridge under-10s.", KIDS)
    assert CV not in label(rules, "Dad says he shouts when Ruby cries at night.", KIDS)
    # near miss: the worker's own observation
    assert CV in label(rules, "Ruby slept on my visit and woke smiling when Gemma picked her up.", KIDS)


def test_unknown_experience_is_a_gap(rules):
    # §4.2: views or experience not known is a gap.
    assert CV not in label(rules, "Ruby's experience of home is not known.", KIDS)
    assert CV in label(rules, "Ruby's experience of home, as I saw it, is of a busy, warm kitchen.", KIDS)


def test_third_party_says_both_children_are_settled(rules):
    # D5: another adult's report of the children is not child_voice.
    assert CV not in label(rules, "Nursery say both children are settled.", KIDS)
    assert CV in label(rules, "Both children were settled and chatty when I visited on 2 May.", KIDS)


# -- who is a child -----------------------------------------------------------------------------

def test_child_introduced_with_relationship_and_age():
    text = "Also living at home: Tomek Zielinski (brother, 6, Year 1)\nI saw Tomek on 2 May."
    people = label_people(text, find_people(text))
    assert "Tomek" in people.children
    adult = "Also living at home: Marek Zielinski (father, 41)\nI saw Marek on 2 May."
    assert "Marek" not in label_people(adult, find_people(adult)).children


def test_child_named_in_plan_title_or_by_age_in_words(rules):
    text = "This is the child protection plan for Ossie.\n\nOssie brought me his toy bus and laughed."
    assert CV in labels_of(rules, text, "cp_plan")["Ossie brought me his toy bus and laughed."]
    text = "Ossie is two and has a few words.\n\nOssie brought me his toy bus and laughed."
    assert CV in labels_of(rules, text)["Ossie brought me his toy bus and laughed."]
