"""Tests for reviewer.app_support: the app's pure helpers read the report as it is."""
from __future__ import annotations

import html
import io
import json
import re
import sys
import time
import tomllib
import types
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from reviewer import InputError
from reviewer import app_support as support
from reviewer.batch import Document, review_document, rows_frame
from reviewer.report import validate_report_dict

ROOT = Path(__file__).resolve().parents[2]
CP_PLAN = (ROOT / "examples" / "cp_plan.txt").read_text(encoding="utf-8")
ASSESSMENT = (ROOT / "examples" / "assessment.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def plan_report(reviewer):
    return reviewer.review(CP_PLAN, source="cp_plan.txt")


def _document_text(fragment: str) -> str:
    """The text inside the highlighted box, without the tags, badges and markers the view adds."""
    body = fragment.split("<div class=\"rv-text\">", 1)[1]
    body = re.sub(r"<span class=\"tag\">[^<]*</span>", "", body)
    body = re.sub(r"<span id=\"action-\d+\" class=\"anchor\"></span><span class=\"badge[^\"]*\">[^<]*</span>", "", body)
    body = re.sub(r"<sup class=\"marker[^\"]*\">.*?</sup>", "", body)
    body = re.sub(r"<[^>]+>", "", body)
    return html.unescape(body)


# --------------------------------------------------------------------------- highlights


def test_highlights_label_sentences_actions_and_findings(reviewer):
    # Without its contingency the plan also has a document-level finding (plan.no_contingency).
    report = reviewer.review(CP_PLAN.split("\nContingency\n")[0] + "\n", source="cp_plan.txt")
    assert any(f.check == "plan.no_contingency" for f in report.findings)
    fragment = support.highlight_html(report)
    assert "[FH]" in fragment and "[CV]" in fragment  # labels, not colour alone
    assert "Action 1" in fragment and "no owner" in fragment
    assert "[!1]" in fragment
    # the legend names every signal in words
    for words in ("family history", "child's voice", "a plan action", "a finding"):
        assert words in support.LEGEND_HTML
    # document-level findings sit above the text
    assert fragment.index("About the whole document") < fragment.index("<div class=\"rv-text\">")


def test_highlights_keep_every_character_of_the_text(plan_report):
    assert _document_text(support.highlight_html(plan_report)).rstrip("\n") == plan_report.text.rstrip("\n")


def test_highlights_escape_the_document(reviewer):
    text = CP_PLAN + "\nNote <script>alert('x')</script> & <b>bold</b>\n"
    report = reviewer.review(text)
    fragment = support.highlight_html(report)
    assert "<script>" not in fragment and "<b>" not in fragment
    assert "&lt;script&gt;" in fragment
    assert _document_text(fragment).rstrip("\n") == text.rstrip("\n")


def test_finding_numbers_match_markers_and_dismissal_removes_them(plan_report):
    entries = support.finding_entries(plan_report)
    assert [e.number for e in entries] == list(range(1, len(plan_report.findings) + 1))
    fragment = support.highlight_html(plan_report)
    for entry in entries:
        assert f"[!{entry.number}]" in fragment
    placed = next(e for e in entries if e.where != "whole document")
    assert placed.where.startswith("line ") and placed.quote
    dismissed = {placed.key: {"reason": "not relevant"}}
    after = support.finding_entries(plan_report, dismissed)
    assert len(after) == len(entries) - 1
    assert placed.key not in {e.key for e in after}
    assert f"[!{len(entries)}]" not in support.highlight_html(plan_report, dismissed)


def test_finding_keys_survive_edits_elsewhere(reviewer, plan_report):
    edited = reviewer.review("Draft 2.\n\n" + CP_PLAN)
    before = set(support.finding_keys(plan_report))
    after = set(support.finding_keys(edited))
    placed = {k for k, f in zip(support.finding_keys(plan_report), plan_report.findings) if f.start is not None}
    assert placed and placed <= after
    assert len(before) == len(plan_report.findings)  # unique, even for repeated spans


def test_keys_are_unique_for_repeated_actions(reviewer):
    text = CP_PLAN + "\nEngage with support services | Nadia | Ongoing\n"
    report = reviewer.review(text)
    keys = support.finding_keys(report)
    assert len(keys) == len(set(keys))


def test_warm_highlight_of_a_long_draft_is_quick(reviewer):
    long_text = "\n\n".join([ASSESSMENT] * 5)  # about 3,000 words
    report = reviewer.review(long_text)
    start = time.perf_counter()
    support.highlight_html(report)
    support.finding_entries(report)
    support.actions_frame(report)
    assert time.perf_counter() - start < 1.0


# --------------------------------------------------------------------------- cards, actions, downloads


def test_scorecards_follow_the_report(plan_report):
    cards = support.scorecards(plan_report)
    assert [c["dimension"] for c in cards] == list(plan_report.dimensions)
    for card in cards:
        dim = plan_report.dimensions[card["dimension"]]
        assert card["rating"] == dim.rating and card["score"] == dim.score and card["summary"] == dim.summary
        assert card["rating_word"] in support.RATING_WORDS.values()


def test_actions_frame_marks_missing_and_vague_cells(plan_report):
    frame = support.actions_frame(plan_report)
    assert list(frame.columns) == ["#", "Who", "What", "When", "Specific", "Gaps"]
    assert len(frame) == len(plan_report.actions)
    for row, action in zip(frame.itertuples(index=False), plan_report.actions):
        if action.owner is None:
            assert row.Who.startswith("⚠ missing")
        else:
            assert row.Who == action.owner
        if action.timescale is None:
            assert row.When.startswith("⚠")
    assert any(w.startswith("⚠ vague") for w in frame["When"])
    assert any(w.startswith("⚠ missing") for w in frame["Who"])


def test_report_json_is_the_contract_without_dismissed(plan_report):
    key = support.finding_keys(plan_report)[0]
    data = json.loads(support.report_json(plan_report, {key: {}}))
    validate_report_dict(data)
    assert len(data["findings"]) == len(plan_report.findings) - 1
    full = json.loads(support.report_json(plan_report))
    assert full == json.loads(plan_report.to_json())


def test_report_html_is_a_standalone_page(plan_report):
    page = support.report_html(plan_report, title="cp_plan.txt")
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page


def test_type_description(reviewer, plan_report):
    assert "detected automatically" in support.type_description(plan_report, None)
    forced = reviewer.review(CP_PLAN, doc_type="cin_plan")
    line = support.type_description(forced, "cin_plan", plan_report)
    assert "as you chose" in line and "child protection plan" in line
    assert support.doc_type_label(None) == "Detect automatically"


# --------------------------------------------------------------------------- batch helpers


@pytest.fixture(scope="module")
def batch_rows(reviewer):
    texts = {name: (ROOT / "examples" / name).read_text(encoding="utf-8")
             for name in ("cp_plan.txt", "cin_plan.txt", "assessment.txt")}
    documents = [Document(id=name, text=text, team=team)
                 for (name, text), team in zip(texts.items(), ("North", "South", "North"))]
    documents.append(Document(id="broken.docx", error="broken.docx: is not a Word .docx file"))
    return rows_frame([review_document(reviewer, d) for d in documents])


def test_display_and_filter(batch_rows):
    shown = support.display_frame(batch_rows)
    assert {"id", "team", "doc_type", "family_history_rating", "n_actions_no_owner"} <= set(shown.columns)
    assert "n_history_absent" not in shown.columns  # the exports hold every column; the view fewer
    assert len(support.filter_rows(batch_rows, teams=["North"])) == 2
    assert list(support.filter_rows(batch_rows, doc_types=["cp_plan"])["id"]) == ["cp_plan.txt"]
    assert list(support.filter_rows(batch_rows, statuses=["error"])["id"]) == ["broken.docx"]
    assert list(support.filter_rows(batch_rows, search="CIN")["id"]) == ["cin_plan.txt"]
    low = support.filter_rows(batch_rows, max_ratings={"family_history": 0})
    assert all(batch_rows.loc[low.index, "family_history_rating"] <= 0)
    assert len(support.filter_rows(batch_rows)) == len(batch_rows)


def test_rating_distribution(batch_rows):
    dist = support.rating_distribution(batch_rows)
    assert list(dist.index) == ["0 absent", "1 weak", "2 adequate", "3 good"]
    assert dist["Family history"].sum() == 3  # the error row is not rated
    assert dist["Specific tasks"].sum() == 2  # only plans have actions


def test_action_gap_shares(batch_rows):
    overall = support.action_gap_shares(batch_rows)
    assert list(overall["gap"]) == list(support.GAP_COLUMNS.values())
    total = int(batch_rows["n_actions"].fillna(0).sum())
    assert (overall["actions"] == total).all()
    no_owner = overall.set_index("gap").loc["no owner", "share"]
    assert no_owner == round(100 * batch_rows["n_actions_no_owner"].fillna(0).sum() / total, 1)
    by_team = support.action_gap_shares(batch_rows, by="team")
    assert set(by_team["team"]) <= {"North", "South"}


def _frame(n: int = 40) -> pd.DataFrame:
    return pd.DataFrame({"id": [f"d{i}" for i in range(n)],
                         "team": ["A"] * (n // 2) + ["B"] * (n // 4) + ["C"] * (n - n // 2 - n // 4),
                         "family_history_rating": pd.array([i % 4 for i in range(n)], dtype="Int64")})


def test_random_sample_is_seeded():
    frame = _frame()
    first = support.draw_sample(frame, 7, seed=3)
    assert len(first) == 7 and first.equals(support.draw_sample(frame, 7, seed=3))
    assert not first["id"].equals(support.draw_sample(frame, 7, seed=4)["id"])
    assert len(support.draw_sample(frame, 500, seed=1)) == len(frame)  # clamped


def test_stratified_sample_covers_every_stratum_in_proportion():
    frame = _frame()
    sample = support.draw_sample(frame, 8, seed=1, by="team")
    counts = sample["stratum"].value_counts().to_dict()
    assert counts == {"A": 4, "B": 2, "C": 2}
    assert sample.equals(support.draw_sample(frame, 8, seed=1, by="team"))
    tiny = support.draw_sample(frame, 2, seed=1, by="team")
    assert len(tiny) == 2
    by_rating = support.draw_sample(frame, 4, seed=1, by="family_history_rating")
    assert set(by_rating["stratum"]) == {"0 absent", "1 weak", "2 adequate", "3 good"}


def test_csv_and_excel_exports_neutralise_formulas():
    frame = pd.DataFrame({"id": ["=HYPERLINK(\"x\")", "ok"], "score": [1, 2]})
    text = support.csv_bytes(frame).decode("utf-8")
    assert "'=HYPERLINK" in text
    book = openpyxl.load_workbook(io.BytesIO(support.excel_bytes({"documents": frame, "findings": frame})))
    assert book.sheetnames == ["documents", "findings"]
    assert book["documents"]["A2"].value.startswith("'=")


def test_unique_ids_and_column_guesses():
    assert support.unique_ids(["a", "b", "a", "a (2)"]) == ["a", "b", "a (3)", "a (2)"]
    columns = ["Case ref", "Team name", "Social worker", "Date completed", "Narrative"]
    assert support.guess_column(columns, "team") == "Team name"
    assert support.guess_column(columns, "worker") == "Social worker"
    assert support.guess_column(columns, "date") == "Date completed"
    assert support.guess_column(columns, "text") == "Narrative"
    frame = pd.DataFrame({"a": ["x"], "b": ["a long document text"]})
    assert support.guess_column(["a", "b"], "text", frame) == "b"


def test_read_table_upload():
    frame = support.read_table_upload(b"case,notes\n1,Mum will attend\n", "C:\\Users\\x\\records.csv")
    assert list(frame.columns) == ["case", "notes"] and frame.iloc[0]["notes"] == "Mum will attend"
    book = openpyxl.Workbook()
    book.active.append(["id", "body"])
    book.active.append(["7", "=1+1"])
    buffer = io.BytesIO()
    book.save(buffer)
    frame = support.read_table_upload(buffer.getvalue(), "records.xlsx")
    assert list(frame.columns) == ["id", "body"] and frame.iloc[0]["body"] == "=1+1"
    with pytest.raises(InputError):
        support.read_table_upload(b"x", "records.txt")


# --------------------------------------------------------------------------- text and privacy


def test_md_escape_shows_text_literally():
    assert support.md_escape("*a* $x$ [l](u) <b>") == r"\*a\* \$x\$ \[l\]\(u\) \<b\>"


def test_redactor_is_optional(monkeypatch):
    monkeypatch.setitem(sys.modules, "reviewer.redact", None)  # import fails: not built yet
    assert support.load_redactor() is None
    monkeypatch.setitem(sys.modules, "reviewer.redact", types.ModuleType("reviewer.redact"))
    assert support.load_redactor() is None  # a module without a redaction function


def test_document_redaction_reaches_every_piece(monkeypatch):
    """A name the redactor finds once in the document is replaced in every piece shown."""
    fake = types.ModuleType("reviewer.redact")

    def redact(text):
        start = text.find("Mum, Nadia") + len("Mum, ")  # found only where it is introduced
        span = types.SimpleNamespace(original_start=start, original_end=start + 5, placeholder="[PARENT 1]")
        return types.SimpleNamespace(text=text[:start] + "[PARENT 1]" + text[start + 5:], spans=[span])

    fake.redact = redact
    fake.redact_text = lambda text: text.replace("07700 900123", "[PHONE 1]")
    monkeypatch.setitem(sys.modules, "reviewer.redact", fake)
    redactor = support.load_redactor()
    assert redactor.text("Call 07700 900123") == "Call [PHONE 1]"
    piece = redactor.document("Mum, Nadia, was seen.\nEngage with services | Nadia | Ongoing")
    assert piece("Engage with services | Nadia | Ongoing") == "Engage with services | [PARENT 1] | Ongoing"
    assert piece("Nadiah and Nadia's 07700 900123") == "Nadiah and [PARENT 1]'s [PHONE 1]"


def test_real_redaction_of_a_plan_row():
    pytest.importorskip("reviewer.redact")
    redactor = support.load_redactor()
    assert redactor is not None
    piece = redactor.document(CP_PLAN)
    row = "Engage with support services | Nadia | Ongoing"
    assert "Nadia" not in piece(row) and "support services" in piece(row)
    assert "Mason" not in piece("Mason was seen at nursery on 24 February.")


def test_corpus_loads_with_annotations():
    docs = support.load_corpus_documents()
    assert docs and {"id", "text", "doc_type", "sentences", "actions"} <= set(docs[0])


def test_streamlit_config_is_private_and_local():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["address"] == "localhost"
    assert config["server"]["headless"] is True
    assert 0 < config["server"]["maxUploadSize"] <= 200
    assert config["server"].get("enableCORS", True) is True
    assert config["server"].get("corsAllowedOrigins", []) == []
    assert config["server"].get("enableXsrfProtection", True) is True
