"""`reviewer.redact` on classes of identifier a fifth separately written batch showed it missing: people
written only as initials ("TJ", "K.D."), a surname written as an initial, names in Chinese characters,
names introduced by a role in brackets or a staff list, other-language kinship words, alternative dates
of birth, two-street addresses, and a few false positives (languages, apps, pets, a surgery named after
its street). Every sentence is invented for these tests; every identifier is fictional."""
from __future__ import annotations



from privacy_helpers import assert_gone, assert_kept, redacted_text


_out = redacted_text
_gone = assert_gone
_kept = assert_kept


# --------------------------------------------------------------------------- initials


def test_dotted_initials_after_a_person_word():
    out = _gone("Two classmates (B.W. and D.O'C.) saw the incident. B.W. cried afterwards.", "B.W.", "D.O'C.")
    assert out.count("[PERSON 1]") == 2


def test_capital_initials_introduced_after_a_name_are_the_same_person():
    out = _gone('Pupil: Harrison-Lee Quarmby ("HLQ"). HLQ kicked the fence. The SENCo met HLQ\'s dad.',
                "HLQ", "Quarmby")
    assert out.count("[CHILD 1]") == 4


def test_capital_initials_with_an_age_or_a_person_verb():
    _gone("KB (11) was upset. KB told the TA that she was hungry.", "KB")
    _gone("Later QV said the older boys had taken her bag.", "QV")


def test_initials_of_a_named_attendee_as_an_action_owner():
    text = ("Present: Dr Fenwick Aldous – paediatrician\n"
            "Actions:\n1. Medical – FA – today\n2. Visit – TBC")
    _gone(text, "FA –")


def test_lower_case_initials_signing_a_note():
    _gone("hv visit. mum tired.\nbaby feeding well ✓\nplan: rv 2/52.\nrk 14.05", "rk")


def test_care_acronyms_are_not_initials():
    text = ("The GP said the CP plan would continue. The HT agreed. CAMHS and the DSL will meet. "
            "Meeting at 10 a.m. in the U.K. office; N.B. the IRO will attend.")
    _kept(text, "GP", "CP", "HT", "CAMHS", "DSL", "a.m.", "U.K.", "N.B.", "IRO")
    _kept("CHILDREN AND FAMILIES ACT 2014 REPORT (draft)", "ACT")


# --------------------------------------------------------------------------- other name classes


def test_surname_written_as_an_initial():
    _gone("Subject: concern – Tomasz W (Y5) – seen by DSL Tomasz Wrona", "Tomasz W ")


def test_name_in_chinese_characters_beside_its_romanised_form():
    _gone("Child: WONG Ka Ming (黃家明), prefers 'Kevin'.", "黃家明")
    _gone("Mother: 李秀英 (Li Xiu Ying) attended.", "李秀英")


def test_name_after_a_kinship_word_in_another_language():
    _gone("Nani (Savitriben) looks after the baby on Fridays.", "Savitriben")
    _kept('She said "Papa has a new car" and laughed.', "Papa")


def test_names_in_a_staff_list_and_with_a_role_in_brackets():
    _gone("Night staff: Bethan, Jo     Day staff: Ilirjana, Kwabena", "Bethan", "Jo ", "Ilirjana", "Kwabena")
    _gone("Present: Odile Marchetti (appropriate adult); Fenella Grozdanova (advocate)",
          "Odile", "Marchetti", "Fenella", "Grozdanova")


def test_name_before_a_form_column_gap():
    _gone("Named midwife: Perpetua Annan        Hospital no. ZX 0001", "Perpetua", "Annan")


# --------------------------------------------------------------------------- structured and places


def test_alternative_date_of_birth_in_brackets():
    out = _out("Claimed DOB 03/03/2010 (passport gives 03/03/2008). Seen 04/05/2024 (visit 05/05/2024).")
    assert "03/03/2010" not in out and "03/03/2008" not in out, out
    assert "04/05/2024" in out and "05/05/2024" in out, out


def test_address_with_a_numbered_building_and_a_road():
    _gone("Carer's address: 7 Mill Row Cottages, Station Road, Little Hatton", "Station Road", "Little Hatton")


def test_surgery_named_after_its_street_is_not_an_address():
    out = _out("GP is Dr Rahman at Church Lane Surgery.")
    assert "Church Lane Surgery" in out and "[ADDRESS" not in out, out


# --------------------------------------------------------------------------- false positives


def test_languages_apps_pets_and_clubs_are_not_names():
    _kept("First language: Kurdish (Sorani). He uses Snapchat and Kooth.", "Kurdish", "Sorani", "Snapchat", "Kooth")
    _kept("She has a cat called Biscuit and a rabbit named Thumper.", "Biscuit", "Thumper")
    _kept("He is a keen Liverpool fan. Group meets on Tuesdays.", "Liverpool", "Tuesdays")


def test_job_titles_and_form_labels_are_not_names():
    _kept("Yours sincerely\n\nMorwenna Tregear\nEducation Welfare Officer", "Welfare")
    _kept("Surname: OKAFOR   Forename(s): Chidubem   DOB: 2015-02-03", "Surname")
