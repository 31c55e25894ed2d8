from reviewer.segment import Segmenter

TEXT = """CHILD PROTECTION PLAN
Category: Neglect

1. Reason for the plan
Leo (4) was left alone. Mum, Sarah, said she was tired. e.g. the home was dirty.

What are we worried about?
Dad will hit Mum again.

Action | Who | By when
Attend the Freedom Programme | Mum | Tuesdays from 4 Feb 2025
Weigh Leo | HV | weekly

Action: Complete the parenting assessment
Responsible: SW
Timescale: within 20 working days

Next steps
- Mum to take Leo to the dentist by 14.04.25
- The school DSL will share attendance weekly.
  This will continue.
1. Dad will not drink when caring for Leo.
"""


def test_every_unit_is_an_exact_span():
    seg = Segmenter()(TEXT)
    assert seg.units
    for unit in seg.units:
        assert TEXT[unit.start:unit.end] == unit.text
        assert unit.text == unit.text.strip()


def test_headings_map_to_section_types():
    seg = Segmenter()(TEXT)
    types = [(h.text, h.type) for h in seg.headings]
    assert ("1. Reason for the plan", "reason_for_referral") in types
    assert ("What are we worried about?", "worries") in types
    assert ("Next steps", "plan") in types
    # a "Label: value" detail line is not a heading
    assert "Category: Neglect" not in [t for t, _ in types]


def test_sentences_split_but_abbreviations_kept():
    seg = Segmenter()(TEXT)
    texts = [u.text for u in seg.units if u.kind == "sentence"]
    assert "Leo (4) was left alone." in texts
    assert "Mum, Sarah, said she was tired." in texts


def test_table_rows_take_header_roles_and_header_is_not_a_unit():
    seg = Segmenter()(TEXT)
    rows = [u for u in seg.units if u.kind == "row"]
    assert [r.text.split(" | ")[0] for r in rows] == ["Attend the Freedom Programme", "Weigh Leo"]
    assert rows[0].columns == ["task", "owner", "timescale"]
    assert not any(u.text.startswith("Action | Who") for u in seg.units)


def test_action_block_is_one_unit_with_fields():
    seg = Segmenter()(TEXT)
    block = next(u for u in seg.units if u.kind == "block")
    fields = {k: TEXT[s:e] for k, (s, e) in block.fields.items()}
    assert fields == {"task": "Complete the parenting assessment", "owner": "SW",
                      "timescale": "within 20 working days"}
    assert block.text.startswith("Action:") and block.text.endswith("working days")


def test_list_items_with_continuation_lines():
    seg = Segmenter()(TEXT)
    items = [u.text for u in seg.units if u.kind == "item"]
    assert items[0] == "Mum to take Leo to the dentist by 14.04.25"
    assert items[1].startswith("The school DSL") and items[1].endswith("This will continue.")
    assert items[2] == "Dad will not drink when caring for Leo."


def test_wrapped_prose_lines_are_joined_into_one_sentence():
    text = ("Mum told me that she grew up with her grandmother in a village outside the city\n"
            "and moved to England when she was nineteen.\n")
    units = Segmenter()(text).units
    assert len(units) == 1 and units[0].text.endswith("nineteen.")


def test_markdown_tables_and_headings():
    text = "## Plan\n\n| Action | Who | When |\n|---|---|---|\n| Visit Amir | SW | weekly |\n"
    seg = Segmenter()(text)
    assert seg.headings[0].type == "plan"
    row = next(u for u in seg.units if u.kind == "row")
    assert row.columns == ["task", "owner", "timescale"]
    assert [text[s:e] for s, e in row.cells] == ["Visit Amir", "SW", "weekly"]


def test_crlf_text_offsets_hold():
    text = "Family history\r\nMum grew up in care.\r\nShe left at 16.\r\n"
    for unit in Segmenter()(text).units:
        assert text[unit.start:unit.end] == unit.text and "\r" not in unit.text
