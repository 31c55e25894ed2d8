import pytest

from reviewer.owners import OwnerFinder
from reviewer.people import People


@pytest.fixture(scope="module")
def finder():
    return OwnerFinder(People(children={"Archie"}, adults={"Kerry"}))


@pytest.mark.parametrize("text,owner", [
    ("The health visitor will weigh Archie every week", "The health visitor"),
    ("Mum to attend the Freedom Programme", "Mum"),
    ("Parents to take Archie to the dentist", "Parents"),
    ("Kerry will attend the GP appointment", "Kerry"),
    ("The parenting assessment will be completed by the HV", "the HV"),
    ("I will ring Nan if Dad has been drinking", "I"),
    ("School DSL: share attendance every Friday", "School DSL"),
])
def test_owner_found(finder, text, owner):
    found, _ = finder.from_text(text)
    assert found.text == owner


@pytest.mark.parametrize("text,problem", [
    ("She will attend the appointment", "pronoun"),
    ("All professionals to share information", "collective"),
    ("Support will be offered to the family", "passive"),
    ("Attend the GP appointment", "missing"),
    ("Everyone to keep Archie safe", "collective"),
])
def test_not_owners(finder, text, problem):
    found, _ = finder.from_text(text)
    assert found.text is None and found.problem == problem


def test_passive_with_date_is_not_an_agent(finder):
    found, _ = finder.from_text("The referral will be made by Friday")
    assert found.text is None
