import json

import jsonschema
import pytest

from reviewer import InputError
from reviewer.report import Report, report_schema, validate_report_dict

PLAN = """Child Protection Plan for Archie (2)

What needs to change
Archie needs to be fed and changed regularly.

Action | Who | By when
Weigh Archie at the clinic | Health visitor | every Monday
Attend the Freedom Programme | Mum | Tuesdays from 4 Feb 2025
Engage with services | Dad | ongoing
Share attendance | All professionals | TBC

The social worker will visit Archie at home every two weeks.
Support will be offered to the family.
She will attend all appointments.

Contingency
If Dad returns, a strategy discussion will be held the same day.
"""


def test_report_matches_schema_and_offsets(reviewer):
    report = reviewer.review(PLAN)
    data = report.to_dict()
    validate_report_dict(data)
    json.dumps(data)
    for group in ("sentences", "actions"):
        for item in data[group]:
            assert data["text"][item["start"]:item["end"]].strip() == data["text"][item["start"]:item["end"]]
    assert data["doc_type"] == "cp_plan"
    assert set(data["dimensions"]) == {"family_history", "child_voice", "specific_tasks", "timescales"}


def test_round_trip(reviewer):
    report = reviewer.review(PLAN)
    again = Report.from_dict(json.loads(report.to_json()))
    assert again.to_dict() == report.to_dict()


def test_schema_rejects_a_broken_report(reviewer):
    data = reviewer.review(PLAN).to_dict()
    data["dimensions"]["timescales"]["rating"] = 7
    with pytest.raises(jsonschema.ValidationError):
        validate_report_dict(data)
    data = reviewer.review(PLAN).to_dict()
    data["actions"][0]["end"] = len(data["text"]) + 5
    with pytest.raises(ValueError):
        validate_report_dict(data)


def test_actions_who_what_when(reviewer):
    report = reviewer.review(PLAN)
    by_task = {a.task: a for a in report.actions}
    weigh = by_task["Weigh Archie at the clinic"]
    assert (weigh.owner, weigh.timescale, weigh.specific) == ("Health visitor", "every Monday", True)
    engage = by_task["Engage with services"]
    assert engage.timescale is None and engage.timescale_vague == "ongoing" and engage.specific is False
    share = by_task["Share attendance"]
    assert share.owner is None and share.owner_problem == "collective" and share.timescale_vague == "TBC"
    sw = next(a for a in report.actions if "visit Archie" in a.task)
    assert sw.owner == "The social worker" and sw.timescale == "every two weeks"
    passive = next(a for a in report.actions if report.text[a.start:a.end].startswith("Support will"))
    assert passive.owner is None and passive.owner_problem == "passive"
    pronoun = next(a for a in report.actions if report.text[a.start:a.end].startswith("She will"))
    assert pronoun.owner is None and pronoun.owner_problem == "pronoun"


def test_action_findings_point_at_the_action(reviewer):
    report = reviewer.review(PLAN)
    checks = [(f.check, report.text[f.start:f.end]) for f in report.findings if f.start is not None]
    assert ("plan.action.vague_timescale", "Engage with services | Dad | ongoing") in checks
    assert ("plan.action.unspecific", "Engage with services | Dad | ongoing") in checks
    assert ("plan.action.vague_owner", "Share attendance | All professionals | TBC") in checks
    assert ("plan.action.pronoun_owner", "She will attend all appointments.") in checks
    assert not any(c == "plan.no_contingency" for c, _ in checks)
    assert all(f.why and f.suggestion for f in report.findings)


def test_no_contingency_found_when_missing(reviewer):
    text = PLAN.split("Contingency")[0]
    report = reviewer.review(text, doc_type="cp_plan")
    assert "plan.no_contingency" in {f.check for f in report.findings}


def test_dimension_ratings_follow_the_share_of_actions(reviewer):
    good = "Action | Who | By when\n" + "\n".join(
        f"Attend appointment {i} at the clinic | Mum | by {i + 1}/03/2025" for i in range(6))
    half = "Action | Who | By when\n" + "\n".join(
        f"Attend appointment {i} at the clinic | Mum | {'by 3/03/2025' if i % 2 else 'ongoing'}" for i in range(6))
    r_good = reviewer.review(good, doc_type="cin_plan").dimensions["timescales"]
    r_half = reviewer.review(half, doc_type="cin_plan").dimensions["timescales"]
    assert r_good.rating == 3 and r_good.score == 100
    assert r_half.rating == 1 and r_half.score == 50


def test_document_type_is_detected_with_confidence(reviewer):
    report = reviewer.review(PLAN)
    assert report.doc_type == "cp_plan" and 0.5 < report.doc_type_confidence <= 1.0
    given = reviewer.review(PLAN, doc_type="cin_plan")
    assert given.doc_type == "cin_plan" and given.doc_type_confidence == 1.0


def test_review_is_independent_of_earlier_reviews(reviewer):
    first = reviewer.review(PLAN).to_dict()
    reviewer.review("Amir (7) said he is happy. Dad grew up in care.")
    assert reviewer.review(PLAN).to_dict() == first


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_text_is_an_input_error(reviewer, text):
    with pytest.raises(InputError, match="empty"):
        reviewer.review(text, source="draft.txt")


def test_unknown_doc_type_is_an_input_error(reviewer):
    with pytest.raises(InputError, match="unknown document type"):
        reviewer.review("Some text.", doc_type="letter")


def test_schema_ships_in_the_package():
    assert report_schema()["title"] == "Reviewer report"
