from reviewer.people import find_people


def test_children_and_adults_from_introductions():
    text = ("Amir (7) and his sister Hana, aged 4, live with Mum, Sarah Khan, and her partner Dean. "
            "Baby Ruby was born in May. Sarah's son attends Greenfield Primary.")
    people = find_people(text)
    assert {"Amir", "Hana", "Ruby"} <= people.children
    assert {"Sarah", "Dean"} <= people.adults
    assert people.ages["Amir"] == 7 and people.ages["Hana"] == 4


def test_common_words_are_not_names():
    people = find_people("Children: Assessment to follow. Steps (3) are planned. The steps are clear and the assessment is due.")
    assert "Assessment" not in people.children and "Steps" not in people.children


def test_a_name_with_an_adult_role_is_not_a_child():
    people = find_people("Sarah (mother) is 24. Sarah (24) said she was tired.")
    assert "Sarah" in people.adults and "Sarah" not in people.children
