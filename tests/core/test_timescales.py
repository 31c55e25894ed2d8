import pytest

from reviewer.timescales import find_timescale, parse_date


@pytest.mark.parametrize("text,expected", [
    ("by 14.04.25", "by 14.04.25"),
    ("w/c 10/03", "w/c 10/03"),
    ("within 10 working days", "within 10 working days"),
    ("within 72 hours of his return", "within 72 hours of his return"),
    ("Tuesdays from 4 Feb 2025", "Tuesdays from 4 Feb 2025"),
    ("The SW will visit every two weeks", "every two weeks"),
    ("fortnightly", "fortnightly"),
    ("by Easter", "by Easter"),
    ("before the end of term", "end of term"),
    ("by the end of March", "by the end of March"),
    ("Weekly, starting w/c 3/3/25", "Weekly, starting w/c 3/3/25"),
    ("at the next CGM on 12/03/2025", "on 12/03/2025"),
])
def test_checkable_timescales(text, expected):
    ts = find_timescale(text)
    assert ts.text is not None and expected in ts.text or ts.text == expected, ts


@pytest.mark.parametrize("text,vague", [
    ("ongoing", "ongoing"), ("ASAP", "ASAP"), ("TBC", "TBC"), ("as required", "as required"),
    ("as and when", "as and when"), ("in due course", "in due course"), ("at all times", "at all times"),
    ("next CGM", "next CGM"),
])
def test_vague_timescales_are_not_timescales(text, vague):
    ts = find_timescale(text)
    assert ts.text is None
    assert ts.vague.lower() == vague.lower()


@pytest.mark.parametrize("text", [
    "Mum to complete the 12-week programme",
    "Mum has been attending since 13 January",
    "Mum to attend the weekly group",
    "Mum will engage with services",
])
def test_not_timescales(text):
    assert find_timescale(text).text is None


def test_dates_are_day_first_and_two_digit_years_are_this_century():
    assert parse_date("by 14.04.25") == "2025-04-14"
    assert parse_date("03/04/2025") == "2025-04-03"
    assert parse_date("4th Feb 2025") == "2025-02-04"
    assert find_timescale("w/c 3/3/25").iso_date == "2025-03-03"
