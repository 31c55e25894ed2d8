import pytest

from reviewer.sections import default_patterns, looks_like_heading, normalise_heading


@pytest.mark.parametrize("heading,kind", [
    ("FAMILY HISTORY", "family_history"),
    ("3. Family background", "family_history"),
    ("Section C – Child's lived experience", "child_views"),
    ("What are we worried about?", "worries"),
    ("What's working well?", "strengths"),
    ("What needs to change", "what_needs_to_change"),
    ("Next steps", "plan"),
    ("Contingency plan", "contingency"),
    ("Reason for referral", "reason_for_referral"),
    ("Management oversight", "management_oversight"),
    ("Voice of the child", "child_views"),
    ("Household composition", "household"),
])
def test_headings_map_to_canonical_types(heading, kind):
    assert default_patterns().classify(heading) == kind


def test_unknown_heading_is_none():
    assert default_patterns().classify("Miscellaneous jottings") is None


def test_numbering_is_stripped():
    assert normalise_heading("2.1 Family History:") == "family history"
    assert normalise_heading("Part 3 - Analysis") == "analysis"


@pytest.mark.parametrize("line,expected", [
    ("FAMILY HISTORY", True),
    ("Child's views:", True),
    ("1. Mum to attend the GP appointment on Monday.", False),
    ("Mum said she was tired.", False),
    ("Category: Neglect", False),
    ("Action | Who | When", False),
])
def test_heading_shapes(line, expected):
    assert looks_like_heading(line, "", default_patterns()) is expected
