"""People found in a document: an address is not a child's age."""
from __future__ import annotations

from reviewer.people import find_people


def test_an_address_number_after_a_comma_is_not_an_age():
    people = find_people("GP: Dr Farah Siddiqui, Hamley Medical Practice, 2 Market Street.")
    assert "Medical" not in people.children and "Practice" not in people.children
