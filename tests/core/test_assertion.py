import pytest

from reviewer.assertion import GapDetector
from reviewer.people import People

DETECT = GapDetector(People(children={"Sami"}, adults={"Kerry"}))


@pytest.mark.parametrize("text,check", [
    ("Sami was not seen alone on this occasion.", "voice.not_seen"),
    ("The children were not seen.", "voice.not_seen"),
    ("I was unable to speak to Sami alone.", "voice.not_seen"),
    ("Sami's views have not been obtained.", "voice.views_not_gathered"),
    ("Direct work has not yet been completed.", "voice.views_not_gathered"),
    ("Family history was not explored.", "history.gap_statement"),
    ("Little is known about Dad's background.", "history.gap_statement"),
    ("Previous authority checks are outstanding.", "history.gap_statement"),
])
def test_gap_statements(text, check):
    assert check in {g.check for g in DETECT.find(text)}


@pytest.mark.parametrize("text", [
    "Sami was seen alone at school.",
    "No previous involvement is recorded.",
    "Aisha has not seen her father since her birthday.",
    "Police checks were negative.",
])
def test_not_gap_statements(text):
    assert DETECT.find(text) == []
