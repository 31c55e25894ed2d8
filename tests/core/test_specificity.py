import pytest

from reviewer.specificity import is_specific


@pytest.mark.parametrize("task", [
    "attend the Freedom Programme", "complete the parenting assessment", "visit Archie weekly at home",
    "not drink alcohol when caring for Leo on his own", "take Leo to the dentist",
    "Referral to CAMHS", "make a referral to the food bank",
])
def test_specific(task):
    assert is_specific(task)[0] is True


@pytest.mark.parametrize("task", [
    "engage with services", "support Mum", "monitor the situation", "work on her parenting",
    "look into housing", "improve home conditions", "keep an eye on the children",
    "ensure the children are safe", "continue to engage with the social worker", "Monitoring",
])
def test_not_specific(task):
    assert is_specific(task)[0] is False


def test_local_services_from_config_count_as_concrete():
    assert is_specific("enjoy Sunflower")[0] is False
    assert is_specific("enjoy Sunflower", ("Sunflower",))[0] is True
