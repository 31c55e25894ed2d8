"""Each page of app.py under Streamlit's AppTest (no browser, no server)."""
from __future__ import annotations

import io
import time
import sys
import types
from pathlib import Path

import docx
from streamlit.testing.v1 import AppTest

from reviewer import app_support as support

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
CP_PLAN = (ROOT / "examples" / "cp_plan.txt").read_text(encoding="utf-8")


def _app(page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if page:
        at.session_state["page"] = page
    at.run()
    _no_errors(at)
    return at


def _no_errors(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _reviewed(text: str = CP_PLAN) -> AppTest:
    at = _app()
    at.text_area(key="draft_text").set_value(text)
    at.button(key="review_button").click()
    at.run()
    _no_errors(at)
    return at


def _findings_count(at: AppTest) -> int:
    heading = next(s.value for s in at.subheader if s.value.startswith("Findings ("))
    return int(heading.split("(")[1].rstrip(")"))


# --------------------------------------------------------------------------- self-check


def test_start_page_offers_paste_and_upload():
    at = _app()
    assert at.title[0].value == "Self-check a draft"
    assert at.sidebar.radio(key="page").options == ["Self-check a draft", "Batch review", "Examples for training"]
    assert at.file_uploader(key="draft_upload")
    assert at.text_area(key="draft_text").value == ""
    assert at.selectbox(key="doc_type_choice").value == "detect"


def test_review_shows_type_scores_highlights_findings_and_actions():
    at = _reviewed()
    assert any("Child protection plan" in m.value and "detected" in m.value for m in at.markdown)
    metrics = {m.label: m.value for m in at.metric}
    assert set(metrics) == {"Family history", "Child's voice", "Specific tasks", "Timescales"}
    assert all(v.split("/")[0] in "0123" for v in metrics.values())
    draft = at.html[0].value
    assert "[FH]" in draft and "[CV]" in draft and "Action 1" in draft and "[!1]" in draft
    table = at.table[0].value
    assert {"Who", "What", "When"} <= set(table.columns)
    assert any(str(v).startswith("⚠") for v in table["Who"]) and any(str(v).startswith("⚠") for v in table["When"])
    labels = [e.label for e in at.expander]
    assert any("[!1\\]" in label for label in labels)
    assert any("Why it matters" in m.value for m in at.markdown)
    assert any("How to fix it" in m.value for m in at.markdown)
    assert any("A good example" in m.value for m in at.markdown)
    assert {b.label for b in at.get("download_button")} >= {"⬇ Report as HTML", "⬇ Report as JSON"}
    assert at.button(key="review_button").label == "Review again"


def test_changing_the_type_reviews_again_as_that_type():
    at = _reviewed()
    at.selectbox(key="doc_type_choice").set_value("cin_plan")
    at.run()
    _no_errors(at)
    line = next(m.value for m in at.markdown if m.value.startswith("Document type"))
    assert "Child in need plan" in line and "as you chose" in line


def test_dismiss_with_reason_and_restore():
    at = _reviewed()
    before = _findings_count(at)
    reason = next(t for t in at.text_input if t.key and t.key.startswith("reason_self_"))
    finding_key = reason.key.removeprefix("reason_self_")
    reason.set_value("Covered in the chronology")
    at.button(key=f"dismiss_self_{finding_key}").click()
    at.run()
    _no_errors(at)
    assert _findings_count(at) == before - 1
    assert finding_key in at.session_state["dismissed"]
    assert at.session_state["dismissed"][finding_key]["reason"] == "Covered in the chronology"
    assert any("Covered in the chronology" in m.value for m in at.markdown)
    at.button(key=f"restore_self_{finding_key}").click()
    at.run()
    assert _findings_count(at) == before


def test_switching_a_check_off_removes_its_findings():
    at = _reviewed()
    assert any("aim, not a task" in e.label for e in at.expander)
    button = next(b for b in at.button if b.key and b.key.startswith("off_self_plan.action.unspecific"))
    button.click()
    at.run()
    _no_errors(at)
    assert "plan.action.unspecific" in at.sidebar.multiselect(key="disabled_checks").value
    assert not any("aim, not a task" in e.label for e in at.expander)
    assert any("Checks switched off" in c.value for c in at.caption)


def test_edit_in_place_and_review_again():
    at = _reviewed()
    edited = CP_PLAN.replace("Engage with support services | Nadia | Ongoing",
                             "Attend the Freedom Programme at the family hub | Nadia | Every Tuesday from 4 March 2025")
    at.text_area(key="draft_text").set_value(edited)
    at.run()
    assert any("edited the draft" in i.value for i in at.info)
    before = _findings_count(at)
    at.button(key="review_button").click()
    at.run()
    _no_errors(at)
    assert not any("edited the draft" in i.value for i in at.info)
    assert _findings_count(at) < before


def test_upload_a_word_document_fills_the_draft():
    document = docx.Document()
    for line in CP_PLAN.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    at = _app()
    at.file_uploader(key="draft_upload").set_value(
        ("plan.docx", buffer.getvalue(),
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
    at.run()
    _no_errors(at)
    assert "Mason has missed four health appointments" in at.text_area(key="draft_text").value
    at.button(key="review_button").click()
    at.run()
    _no_errors(at)
    assert "Action 1" in at.html[0].value


def test_unreadable_upload_is_an_error_message_not_a_crash():
    at = _app()
    at.file_uploader(key="draft_upload").set_value(("plan.docx", b"not a zip file", "application/octet-stream"))
    at.run()
    assert not at.exception
    assert at.error and "plan.docx" in at.error[0].value


def test_script_in_the_draft_is_shown_as_text():
    at = _reviewed(CP_PLAN + "\n<script>alert('x')</script>\n")
    draft = at.html[0].value
    assert "<script>" not in draft and "&lt;script&gt;" in draft


# --------------------------------------------------------------------------- batch


def _example_files():
    files = [(name, (ROOT / "examples" / name).read_bytes(), "text/plain")
             for name in ("cp_plan.txt", "cin_plan.txt", "assessment.txt")]
    return files + [("broken.docx", b"not a zip", "application/octet-stream")]


def _scored_batch() -> AppTest:
    at = _app("Batch review")
    at.file_uploader(key="batch_files").set_value(_example_files())
    at.run()
    at.button(key="batch_run").click()
    at.run()
    _no_errors(at)
    return at


def test_batch_of_files_table_charts_drill_down_and_exports():
    at = _scored_batch()
    assert at.get("progress")  # the progress bar ran
    table = at.dataframe[0].value
    assert list(table["id"]) == ["cp_plan.txt", "cin_plan.txt", "assessment.txt", "broken.docx"]
    assert {"doc_type", "family_history_rating", "family_history_score", "n_actions_no_owner"} <= set(table.columns)
    assert table.set_index("id").loc["broken.docx", "status"] == "error"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Documents"] == "4" and metrics["Could not be read"] == "1"
    assert len(at.get("vega_lite_chart")) >= 3  # ratings per dimension and action gaps
    labels = {b.label for b in at.get("download_button")}
    assert {"⬇ Documents (CSV)", "⬇ Findings (CSV)", "⬇ Documents and findings (Excel)"} <= labels

    at.selectbox(key="drill_id").set_value("cp_plan.txt")
    at.run()
    _no_errors(at)
    assert "Action 1" in at.html[0].value
    assert any("Who" in t.value.columns for t in at.table)


def test_batch_filters_and_audit_sample():
    at = _scored_batch()
    at.multiselect(key="flt_type").set_value(["cp_plan", "cin_plan"])
    at.run()
    assert list(at.dataframe[0].value["id"]) == ["cp_plan.txt", "cin_plan.txt"]
    at.multiselect(key="flt_type").set_value([])
    at.radio(key="sample_method").set_value("rating")
    at.number_input(key="sample_size").set_value(2)
    at.number_input(key="sample_seed").set_value(7)
    at.button(key="sample_draw").click()
    at.run()
    _no_errors(at)
    sample = next(d.value for d in at.dataframe if "stratum" in d.value.columns)
    assert len(sample) == 2
    first = list(sample["id"])
    at.button(key="sample_draw").click()
    at.run()
    again = next(d.value for d in at.dataframe if "stratum" in d.value.columns)
    assert list(again["id"]) == first  # same seed, same sample


def test_batch_from_a_table_with_team_worker_and_date():
    texts = {name: (ROOT / "examples" / name).read_text(encoding="utf-8")
             for name in ("cp_plan.txt", "cin_plan.txt", "assessment.txt")}
    import pandas as pd

    frame = pd.DataFrame({"case": ["C1", "C2", "C3", "C4"],
                          "team": ["North", "South", "North", "South"],
                          "social worker": ["Ann", "Bo", "Ann", "Cy"],
                          "date": ["2025-03-01", "2025-03-02", "2025-03-03", "2025-03-04"],
                          "notes": [texts["cp_plan.txt"], texts["cin_plan.txt"], texts["assessment.txt"],
                                    texts["cp_plan.txt"]]})
    at = _app("Batch review")
    at.radio(key="batch_mode").set_value("table")
    at.run()
    at.file_uploader(key="batch_table").set_value(("records.csv", frame.to_csv(index=False).encode(), "text/csv"))
    at.run()
    _no_errors(at)
    assert at.selectbox(key="col_text").value == "notes"
    assert at.selectbox(key="col_team").value == "team"
    assert at.selectbox(key="col_worker").value == "social worker"
    assert at.selectbox(key="col_date").value == "date"
    at.selectbox(key="col_id").set_value("case")
    at.button(key="batch_run_table").click()
    at.run()
    _no_errors(at)
    table = at.dataframe[0].value
    assert list(table["id"]) == ["C1", "C2", "C3", "C4"]
    assert list(table["team"]) == ["North", "South", "North", "South"]
    assert list(table["worker"]) == ["Ann", "Bo", "Ann", "Cy"]
    assert any(s.value == "**By team**" for s in at.markdown)
    at.radio(key="sample_method").set_value("team")
    at.number_input(key="sample_size").set_value(2)
    at.button(key="sample_draw").click()
    at.run()
    sample = next(d.value for d in at.dataframe if "stratum" in d.value.columns)
    assert sorted(sample["stratum"]) == ["North", "South"]


# --------------------------------------------------------------------------- training


def test_training_page_browses_corpus_examples_and_builds_a_pack(monkeypatch):
    monkeypatch.setattr(support, "load_redactor", lambda: None)
    at = _app("Examples for training")
    assert at.radio(key="train_source").options == ["The bundled fictional corpus"]
    assert any("reviewer.redact" in c.value for c in at.caption)
    assert at.selectbox(key="train_check").value == "plan.action.no_owner"
    quotes = [m.value for m in at.markdown if m.value.startswith("> ")]
    assert len(quotes) >= 4
    assert any("Why it matters" in m.value for m in at.markdown)
    pick = next(c for c in at.checkbox if c.key.startswith("pick_"))
    pick.check()
    at.run()
    _no_errors(at)
    assert len(at.session_state["pack"]) == 1
    assert any(s.value == "Training pack (1 example)" for s in at.subheader)
    assert at.get("download_button")[0].label == "⬇ Download the training pack"
    at.radio(key="pack_format").set_value("docx")
    at.run()
    _no_errors(at)
    at.button(key="pack_add_all").click()
    at.run()
    assert len(at.session_state["pack"]) == len([c for c in at.checkbox if c.key.startswith("pick_")])
    at.button(key="pack_empty").click()
    at.run()
    assert at.session_state["pack"] == {}
    assert not any(c.value for c in at.checkbox if c.key.startswith("pick_"))


def test_training_page_other_checks(monkeypatch):
    monkeypatch.setattr(support, "load_redactor", lambda: None)
    at = _app("Examples for training")
    at.selectbox(key="train_check").set_value("plan.no_contingency")
    at.run()
    _no_errors(at)
    assert any(m.value.startswith("#### No contingency") for m in at.markdown)


def test_uploaded_batch_examples_only_with_redaction(monkeypatch):
    def fake(text):
        return text.replace("Nadia", "[NAME]").replace("Mason", "[NAME]")

    monkeypatch.setattr(support, "load_redactor",
                        lambda: support.Redactor(text=fake, document=lambda full_text: fake))
    at = _scored_batch()
    at.session_state["page"] = "Examples for training"
    at.run()
    _no_errors(at)
    assert at.radio(key="train_source").options[-1] == "The uploaded batch (personal details redacted)"
    at.radio(key="train_source").set_value("batch")
    at.selectbox(key="train_check").set_value("plan.action.vague_timescale")
    at.run()
    _no_errors(at)
    quotes = [m.value for m in at.markdown if m.value.startswith("> ")]
    assert quotes
    shown = "\n".join(quotes + [c.value for c in at.caption])
    assert "Nadia" not in shown and "Mason" not in shown and "\\[NAME\\]" in shown
    assert "cp\\_plan" not in shown and "cp_plan.txt" not in shown  # file names are not shown either


def test_without_redaction_uploaded_batch_is_not_offered(monkeypatch):
    monkeypatch.setattr(support, "load_redactor", lambda: None)
    monkeypatch.setitem(sys.modules, "reviewer.redact", types.ModuleType("reviewer.redact"))
    at = _scored_batch()
    at.session_state["page"] = "Examples for training"
    at.run()
    _no_errors(at)
    assert at.radio(key="train_source").options == ["The bundled fictional corpus"]


def test_a_document_that_cannot_be_redacted_is_never_shown(monkeypatch):
    def broken(full_text):
        raise RuntimeError("redaction failed")

    monkeypatch.setattr(support, "load_redactor",
                        lambda: support.Redactor(text=lambda t: t, document=broken))
    at = _scored_batch()
    at.session_state["page"] = "Examples for training"
    at.run()
    at.radio(key="train_source").set_value("batch")
    at.run()
    _no_errors(at)
    assert not [m.value for m in at.markdown if m.value.startswith("> ")]


def test_the_draft_and_its_review_survive_a_visit_to_another_page():
    at = _reviewed()
    at.selectbox(key="doc_type_choice").set_value("cp_plan")
    at.run()
    at.sidebar.radio(key="page").set_value("Batch review")
    at.run()
    _no_errors(at)
    assert at.title[0].value == "Batch review"
    at.sidebar.radio(key="page").set_value("Self-check a draft")
    at.run()
    _no_errors(at)
    assert at.text_area(key="draft_text").value == CP_PLAN
    assert at.selectbox(key="doc_type_choice").value == "cp_plan"
    assert not any("edited the draft" in i.value for i in at.info)
    assert "Action 1" in at.html[0].value


def test_a_new_batch_forgets_choices_it_no_longer_offers():
    at = _scored_batch()
    at.selectbox(key="drill_id").set_value("cp_plan.txt")
    at.multiselect(key="flt_type").set_value(["cp_plan"])
    at.run()
    files = [f for f in _example_files() if f[0] == "assessment.txt"]
    at.file_uploader(key="batch_files").set_value(files)
    at.run()
    at.button(key="batch_run").click()
    at.run()
    _no_errors(at)
    assert list(at.dataframe[0].value["id"]) == ["assessment.txt"]
    assert at.selectbox(key="drill_id").value is None


def test_warm_re_review_of_a_3000_word_draft_is_instant():
    parts = [(ROOT / "examples" / name).read_text(encoding="utf-8")
             for name in ("assessment.txt", "cp_plan.txt", "cin_plan.txt", "assessment.txt", "cp_plan.txt",
                          "assessment.txt", "cin_plan.txt")]
    text = "\n\n".join(parts)
    assert len(text.split()) >= 2800
    at = _reviewed(text)
    # the same text, type and checks again (a rerun, or Review again): served from the cache
    at.button(key="review_button").click()
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    _no_errors(at)
    assert elapsed < 1.5, f"warm re-review took {elapsed:.2f}s"
