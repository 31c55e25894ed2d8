"""The reviewer in the browser: `make run` starts it on localhost.

Three pages: self-check a draft (social workers), batch review (quality-assurance leads) and
examples for training (trainers). It runs on this computer, sends nothing anywhere and keeps
nothing unless the user downloads it. Everything shown is read from the reviewer's reports;
the logic lives in `reviewer/app_support.py` and `reviewer/training_pack.py`.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path, PureWindowsPath

import pandas as pd
import streamlit as st

from reviewer import InputError, Reviewer
from reviewer import app_support as support
from reviewer import training_pack as pack
from reviewer.batch import Document, findings_frame, review_document, rows_frame, table_documents
from reviewer.checks import catalogue
from reviewer.html import DIMENSION_WORDS
from reviewer.readers import SUPPORTED_EXTENSIONS, read_bytes
from reviewer.report import DIMENSIONS, Report

PAGES = ("Self-check a draft", "Batch review", "Examples for training")
DOC_EXTENSIONS = [e.lstrip(".") for e in SUPPORTED_EXTENSIONS]
NONE = "(none)"  # an optional column left unchosen
PRIVACY = ("Runs on this computer only: nothing is sent anywhere, and nothing is kept unless "
           "you download it.")


# --------------------------------------------------------------------------- cached work


@st.cache_resource(show_spinner="Loading the reviewer (once)…")
def get_reviewer() -> Reviewer:
    """The models load once per process and are shared by every session."""
    return Reviewer.load()


def reviewer_for(disabled: tuple[str, ...]) -> Reviewer:
    base = get_reviewer()
    return base.with_config(base.config.with_disabled(set(disabled))) if disabled else base


@st.cache_data(max_entries=64, show_spinner="Reviewing…")
def review_text(text: str, doc_type: str | None, disabled: tuple[str, ...], source: str | None) -> Report:
    """A review, cached by (text, type, switched-off checks): a warm re-review is instant."""
    return reviewer_for(disabled).review(text, doc_type=doc_type, source=source)


@st.cache_resource(show_spinner=False)
def corpus_index() -> dict[str, dict]:
    return {doc["id"]: doc for doc in support.load_corpus_documents()}


@st.cache_resource(show_spinner=False, max_entries=1024)
def corpus_report(doc_id: str) -> Report:
    doc = corpus_index()[doc_id]
    return get_reviewer().review(doc["text"], doc_type=doc["doc_type"], source=doc_id)


def corpus_example_documents():
    for doc_id, doc in corpus_index().items():
        yield pack.ExampleDocument(doc_id, corpus_report(doc_id), gold=doc)


def batch_example_documents(batch: dict, redactor: support.Redactor):
    """The uploaded documents, each with its own redaction (made once per batch, when needed).

    Their ids (often file names) are not shown: they may carry names. A document whose
    redaction fails is left out rather than shown unredacted.
    """
    cache = batch.setdefault("redactors", {})
    for number, (doc_id, report) in enumerate(batch["reports"].items(), 1):
        if doc_id not in cache:
            try:
                cache[doc_id] = redactor.document(report.text)
            except Exception:  # noqa: BLE001 - never show a document that could not be redacted
                cache[doc_id] = None
        if cache[doc_id] is not None:
            yield pack.ExampleDocument(f"uploaded document {number}", report, redact=cache[doc_id])


# --------------------------------------------------------------------------- state


def _init_state() -> None:
    defaults = {"page": PAGES[0], "disabled_checks": [], "draft_text": "", "draft_source": None,
                "doc_type_choice": support.DETECT, "reviewed": None, "dismissed": {}, "pack": {}}
    for key, value in defaults.items():
        st.session_state.setdefault(key, value)


# Widgets whose values should survive a visit to another page. Streamlit forgets the state of
# a widget that is not drawn in a run; writing the value back each run keeps it.
_KEPT = ("draft_text", "doc_type_choice", "batch_mode", "drill_id", "sample_method", "sample_dim",
         "sample_size", "sample_seed", "train_source", "train_check", "train_limit", "pack_title",
         "pack_format")
_KEPT_PREFIXES = ("col_", "flt_", "reason_", "pick_")


def _keep_widget_state() -> None:
    for key in list(st.session_state.keys()):
        if isinstance(key, str) and (key in _KEPT or key.startswith(_KEPT_PREFIXES)):
            st.session_state[key] = st.session_state[key]


def _valid_choice(key: str, options: list, default=None) -> None:
    """Forget a remembered choice that is no longer offered (a new batch, another table)."""
    if key in st.session_state and st.session_state[key] not in options:
        if default is None:
            del st.session_state[key]
        else:
            st.session_state[key] = default


def _dismiss(key: str, check: str, message: str, reason_key: str) -> None:
    reason = (st.session_state.get(reason_key) or "").strip()
    st.session_state.dismissed = {**st.session_state.dismissed,
                                  key: {"check": check, "message": message, "reason": reason}}


def _restore(key: str) -> None:
    st.session_state.dismissed = {k: v for k, v in st.session_state.dismissed.items() if k != key}


def _switch_off(check: str) -> None:
    current = list(st.session_state.get("disabled_checks", []))
    if check not in current:
        st.session_state.disabled_checks = sorted([*current, check])


def _start_review() -> None:
    text = st.session_state.get("draft_text") or ""
    if not text.strip():
        st.session_state.empty_draft = True
    else:
        st.session_state.reviewed = {"text": text, "source": st.session_state.get("draft_source")}


def _disabled() -> tuple[str, ...]:
    return tuple(sorted(st.session_state.get("disabled_checks", [])))


# --------------------------------------------------------------------------- one report


def show_report(report: Report, key: str, interactive: bool, chosen: str | None = None,
                detected: Report | None = None, changeable: bool = False) -> None:
    """Score cards, highlighted draft beside the findings, the action table and downloads."""
    dismissed = st.session_state.dismissed if interactive else {}
    line = support.type_description(report, chosen, detected)
    st.markdown(line + (" Change it above if it is wrong." if changeable and chosen is None else ""))
    for warning in report.warnings:
        st.warning(warning)

    st.subheader("Scores")
    cards = support.scorecards(report)
    for column, card in zip(st.columns(max(1, len(cards))), cards):
        with column.container(border=True):
            st.metric(card["label"], f"{card['rating']}/3 {card['rating_word']}")
            st.progress(card["score"] / 100, text=f"Score {card['score']} of 100")
            st.caption(card["summary"])

    entries = support.finding_entries(report, dismissed)
    left, right = st.columns([3, 2], gap="medium")
    with left:
        st.subheader("The draft, highlighted")
        with st.container(height=720, key=f"draft_box_{key}"):
            st.html(support.highlight_html(report, dismissed))
    with right:
        st.subheader(f"Findings ({len(entries)})")
        with st.container(height=720, key=f"findings_box_{key}"):
            if not entries:
                st.success("No findings: nothing to fix.")
            for entry in entries:
                _finding(entry, key, interactive)

    if report.actions or report.doc_type != "assessment":
        st.subheader("The plan's actions: who, what, when")
        if report.actions:
            st.caption("⚠ marks a missing or vague cell. Numbers match the Action badges in the draft.")
            st.table(support.actions_frame(report), hide_index=True)
        else:
            st.info("No actions were found in this plan.")

    if interactive and st.session_state.dismissed:
        with st.expander(f"Dismissed findings ({len(st.session_state.dismissed)})"):
            for fkey, item in st.session_state.dismissed.items():
                cols = st.columns([4, 1])
                reason = f" Reason: {support.md_escape(item['reason'])}" if item["reason"] else " No reason given."
                cols[0].markdown(f"`{item['check']}`: {support.md_escape(item['message'])}{reason}")
                cols[1].button("Restore", key=f"restore_{key}_{fkey}", on_click=_restore, args=(fkey,))
    switched_off = report.disabled_checks
    if switched_off:
        st.caption("Checks switched off: " + ", ".join(f"`{c}`" for c in switched_off)
                   + " (turn them back on in the sidebar).")

    stem = Path(PureWindowsPath(report.source).name).stem if report.source else "draft"
    stem = stem or "draft"
    c1, c2, _ = st.columns([1, 1, 2])
    c1.download_button("⬇ Report as HTML", support.report_html(report, dismissed, title=report.source),
                       file_name=f"{stem}-review.html", mime="text/html", key=f"dl_html_{key}",
                       on_click="ignore")
    c2.download_button("⬇ Report as JSON", support.report_json(report, dismissed),
                       file_name=f"{stem}-review.json", mime="application/json", key=f"dl_json_{key}",
                       on_click="ignore")
    if dismissed:
        st.caption("Downloads leave out the findings you dismissed.")


def _finding(entry: support.FindingEntry, key: str, interactive: bool) -> None:
    title = (f"{entry.icon} {entry.severity.upper()} \\[!{entry.number}\\] "
             f"{support.md_escape(entry.message)} ({entry.where})")
    with st.expander(title):
        if entry.quote:
            st.markdown("> " + support.md_escape(entry.quote))
        st.markdown(f"**Why it matters:** {support.md_escape(entry.why)}")
        st.markdown(f"**How to fix it:** {support.md_escape(entry.suggestion)}")
        if entry.example:
            st.markdown(f"**A good example:** “{support.md_escape(entry.example)}”")
        st.caption(f"Check `{entry.check}`")
        if interactive:
            reason_key = f"reason_{key}_{entry.key}"
            st.text_input("Why dismiss it? (optional)", key=reason_key)
            b1, b2 = st.columns(2)
            b1.button("Dismiss", key=f"dismiss_{key}_{entry.key}", on_click=_dismiss,
                      args=(entry.key, entry.check, entry.message, reason_key))
            b2.button("Switch this check off", key=f"off_{key}_{entry.key}", on_click=_switch_off,
                      args=(entry.check,))


# --------------------------------------------------------------------------- self-check


def page_self_check() -> None:
    st.title("Self-check a draft")
    st.caption("Paste your draft or upload it, then press Review. " + PRIVACY)
    upload = st.file_uploader("Upload a draft (.docx, .pdf, .txt, .md)", type=DOC_EXTENSIONS,
                              key="draft_upload")
    if upload is not None and st.session_state.get("upload_seen") != upload.file_id:
        st.session_state.upload_seen = upload.file_id
        try:
            result = read_bytes(upload.getvalue(), upload.name)
        except InputError as exc:
            st.session_state.upload_error, st.session_state.upload_warnings = str(exc), []
        else:
            st.session_state.draft_text = result.text
            st.session_state.draft_source = result.source
            st.session_state.upload_error, st.session_state.upload_warnings = None, list(result.warnings)
    if st.session_state.get("upload_error"):
        st.error(st.session_state.upload_error)
    for warning in st.session_state.get("upload_warnings") or []:
        st.warning(warning)

    text = st.text_area("Draft text", key="draft_text", height=240,
                        placeholder="Paste an assessment, a child protection plan or a child in need plan…")
    c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
    choice = c1.selectbox("Document type", support.DOC_TYPE_CHOICES, format_func=support.doc_type_label,
                          key="doc_type_choice",
                          help="Leave it to the reviewer to detect, or choose the type yourself.")
    doc_type = None if choice == support.DETECT else choice
    label = "Review again" if st.session_state.reviewed else "Review"
    c2.button(label, type="primary", key="review_button", width="stretch", on_click=_start_review)
    if st.session_state.pop("empty_draft", False):
        st.warning("Paste or upload a draft first.")
    reviewed = st.session_state.reviewed
    if not reviewed:
        st.info("Your review appears here: scores, the draft with highlights, findings and the "
                "plan's actions.")
        return
    if reviewed["text"] != text:
        st.info("You have edited the draft since it was reviewed: press **Review again**.")
    disabled = _disabled()
    try:
        report = review_text(reviewed["text"], doc_type, disabled, reviewed["source"])
        detected = (review_text(reviewed["text"], None, disabled, reviewed["source"])
                    if doc_type is not None else None)
    except InputError as exc:
        st.error(str(exc))
        return
    show_report(report, key="self", interactive=True, chosen=doc_type, detected=detected, changeable=True)


# --------------------------------------------------------------------------- batch


def _score(documents: list[Document], extra: pd.DataFrame | None, forced: set[str]) -> None:
    total = len(documents)
    bar = st.progress(0.0, text=f"Scoring 0 of {total} documents…")
    reviewer = reviewer_for(_disabled())
    results = []
    for number, document in enumerate(documents, 1):
        results.append(review_document(reviewer, document))
        bar.progress(number / total, text=f"Scored {number} of {total} documents")
    rows = rows_frame(results)
    if extra is not None:
        position = list(rows.columns).index("team") + 1
        for offset, column in enumerate(extra.columns):
            rows.insert(position + offset, column, extra[column].tolist())
    st.session_state.batch = {
        "rows": rows,
        "findings": findings_frame(results),
        "reports": {r.row["id"]: r.report for r in results if r.report is not None},
        "forced": forced,
        "exports": {},
    }
    for key in [k for k in st.session_state.keys() if isinstance(k, str) and k.startswith("flt_")]:
        del st.session_state[key]
    for key in ("audit_sample", "drill_id"):
        st.session_state.pop(key, None)
    bar.progress(1.0, text=f"Scored {total} documents.")


def page_batch() -> None:
    st.title("Batch review")
    st.caption("Upload many documents, or one table with a document per row. " + PRIVACY)
    mode = st.radio("What are you uploading?", ["documents", "table"], horizontal=True, key="batch_mode",
                    format_func={"documents": "Documents (.docx, .pdf, .txt, .md)",
                                 "table": "One table (.csv, .xlsx)"}.get)
    if mode == "documents":
        files = st.file_uploader("Documents", type=DOC_EXTENSIONS, accept_multiple_files=True,
                                 key="batch_files")
        if files and st.button(f"Score {len(files)} document(s)", type="primary", key="batch_run"):
            ids = support.unique_ids([PureWindowsPath(f.name).name for f in files])
            documents = []
            for doc_id, upload in zip(ids, files):
                try:
                    read = read_bytes(upload.getvalue(), upload.name)
                except InputError as exc:
                    documents.append(Document(id=doc_id, error=f"{doc_id}: {exc.problem}"))
                else:
                    documents.append(Document(id=doc_id, text=read.text, warnings=tuple(read.warnings)))
            _score(documents, None, set())
    else:
        upload = st.file_uploader("Table of documents", type=["csv", "xlsx"], key="batch_table")
        if upload is not None:
            if st.session_state.get("table_seen") != upload.file_id:
                st.session_state.table_seen = upload.file_id
                for key in [k for k in st.session_state.keys() if isinstance(k, str) and k.startswith("col_")]:
                    del st.session_state[key]  # a new table: guess its columns afresh
                try:
                    st.session_state.table_frame, st.session_state.table_error = support.read_table_upload(upload.getvalue(), upload.name), None
                except InputError as exc:
                    st.session_state.table_frame, st.session_state.table_error = None, str(exc)
            if st.session_state.get("table_error"):
                st.error(st.session_state.table_error)
            frame = st.session_state.get("table_frame")
            if frame is not None:
                _table_form(frame)
    batch = st.session_state.get("batch")
    if batch:
        show_batch(batch)


def _table_form(frame: pd.DataFrame) -> None:
    columns = [str(c) for c in frame.columns]
    st.caption(f"{len(frame)} row(s); columns: {', '.join(columns)}")
    for role in ("text", "id", "team", "worker", "date", "type"):
        _valid_choice(f"col_{role}", columns if role == "text" else [NONE, *columns])
    st.session_state.setdefault("col_text", support.guess_column(columns, "text", frame) or columns[0])
    text_column = st.selectbox("Text column (the document)", columns, key="col_text")
    optional = [NONE, *columns]
    picks = {}
    cols = st.columns(5)
    for col, (role, label) in zip(cols, (("id", "Id column"), ("team", "Team column"),
                                          ("worker", "Worker column"), ("date", "Date column"),
                                          ("type", "Document type column"))):
        st.session_state.setdefault(f"col_{role}",
                                    support.guess_column([c for c in columns if c != text_column], role) or NONE)
        picks[role] = col.selectbox(label + " (optional)", optional, key=f"col_{role}")
    picks = {role: (None if value == NONE else value) for role, value in picks.items()}
    if st.button(f"Score {len(frame)} document(s)", type="primary", key="batch_run_table"):
        documents = list(table_documents(frame, text_column, id_column=picks["id"],
                                         type_column=picks["type"], team_column=picks["team"]))
        ids = support.unique_ids([d.id for d in documents])
        documents = [replace(d, id=i) for d, i in zip(documents, ids)]
        extra = {}
        for role in ("worker", "date"):
            if picks[role]:
                extra[role] = frame[picks[role]].map(lambda v: None if v is None or str(v).strip() == ""
                                                     else str(v).strip()).tolist()
        forced = {d.id for d in documents if d.doc_type}
        _score(documents, pd.DataFrame(extra) if extra else None, forced)


def show_batch(batch: dict) -> None:
    rows: pd.DataFrame = batch["rows"]
    reports: dict[str, Report] = batch["reports"]
    ok = int((rows["status"] == "ok").sum())
    st.divider()
    m = st.columns(4)
    m[0].metric("Documents", len(rows))
    m[1].metric("Reviewed", ok)
    m[2].metric("Could not be read", len(rows) - ok)
    m[3].metric("Findings", int(rows["n_findings"].fillna(0).sum()))
    has_team = "team" in rows.columns and rows["team"].notna().any()
    has_worker = "worker" in rows.columns and rows["worker"].notna().any()

    st.subheader("Documents")
    with st.expander("Filter the table", expanded=False):
        f = st.columns(4)
        types = f[0].multiselect("Document type", sorted(rows["doc_type"].dropna().unique()),
                                 format_func=support.doc_type_label, key="flt_type")
        teams = (f[1].multiselect("Team", sorted(rows["team"].dropna().astype(str).unique()), key="flt_team")
                 if has_team else [])
        workers = (f[2].multiselect("Worker", sorted(rows["worker"].dropna().astype(str).unique()),
                                    key="flt_worker") if has_worker else [])
        search = f[3].text_input("Id contains", key="flt_search")
        r = st.columns(len(DIMENSIONS) + 1)
        statuses = r[0].multiselect("Status", ["ok", "error"], key="flt_status")
        max_ratings = {}
        for col, dim in zip(r[1:], DIMENSIONS):
            top = col.selectbox(f"{DIMENSION_WORDS[dim]}: rating at most", ["any", 0, 1, 2, 3],
                                format_func=lambda v: v if v == "any" else support.rating_label(v),
                                key=f"flt_{dim}")
            max_ratings[dim] = None if top == "any" else top
    filtered = support.filter_rows(rows, types, teams, workers, statuses, max_ratings, search)
    st.caption(f"{len(filtered)} of {len(rows)} documents shown. Click a column heading to sort.")
    config = {f"{d}_score": st.column_config.ProgressColumn(f"{DIMENSION_WORDS[d]} score", min_value=0,
                                                             max_value=100, format="%d")
              for d in DIMENSIONS}
    config.update({f"{d}_rating": st.column_config.NumberColumn(f"{DIMENSION_WORDS[d]} rating", format="%d")
                   for d in DIMENSIONS})
    st.dataframe(support.display_frame(filtered), hide_index=True, column_config=config, key="batch_view")

    _charts(filtered, has_team)
    _drill_down(filtered, reports, batch["forced"])
    _audit_sample(filtered, has_team)
    _exports(batch)


def _charts(rows: pd.DataFrame, has_team: bool) -> None:
    st.subheader("Ratings")
    distribution = support.rating_distribution(rows[rows["status"] == "ok"])
    if distribution.empty or not len(distribution.columns):
        st.caption("No reviewed documents to chart.")
    else:
        for col, dim in zip(st.columns(len(distribution.columns)), distribution.columns):
            col.markdown(f"**{dim}**")
            # one plain column name per chart: Vega-Lite field names cannot hold quotes ("Child's")
            col.bar_chart(distribution[[dim]].rename(columns={dim: "documents"}), x_label="rating",
                          y_label="documents", height=220)
        with st.expander("The numbers behind the rating charts"):
            st.table(distribution)
    st.subheader("Plan actions with gaps")
    shares = support.action_gap_shares(rows)
    if shares.empty:
        st.caption("No plan actions in these documents.")
        return
    total = int(shares["actions"].iloc[0])
    st.caption(f"Share of all {total} plan actions with each gap (an action can have several).")
    st.bar_chart(shares, x="gap", y="share", x_label="gap", y_label="% of actions", horizontal=True,
                 height=200, sort=False)
    if has_team:
        import altair as alt

        by_team = support.action_gap_shares(rows, by="team")
        st.markdown("**By team**")
        chart = alt.Chart(by_team).mark_bar().encode(
            x=alt.X("gap:N", title=None, sort=list(support.GAP_COLUMNS.values())),
            xOffset=alt.XOffset("team:N"),
            y=alt.Y("share:Q", title="% of the team's actions"),
            color=alt.Color("team:N", title="Team"),
            tooltip=["team", "gap", "share", "actions"],
        )
        st.altair_chart(chart, width="stretch")
        with st.expander("The numbers behind the team chart"):
            st.table(by_team.pivot(index="team", columns="gap", values="share"))


def _drill_down(rows: pd.DataFrame, reports: dict[str, Report], forced: set[str]) -> None:
    st.subheader("Look at one document")
    ids = [i for i in rows["id"].tolist() if i in reports]
    if not ids:
        st.caption("No reviewed document in the table.")
        return
    _valid_choice("drill_id", [None, *ids])
    choice = st.selectbox("Document", [None, *ids], key="drill_id",
                          format_func=lambda v: "(choose a document)" if v is None else v)
    if choice is not None:
        report = reports[choice]
        show_report(report, key="drill", interactive=False,
                    chosen=report.doc_type if choice in forced else None)


def _audit_sample(rows: pd.DataFrame, has_team: bool) -> None:
    st.subheader("Audit sample")
    methods = ["random", *(["team"] if has_team else []), "rating"]
    words = {"random": "Random", "team": "Stratified by team", "rating": "Stratified by rating"}
    method = st.radio("How to draw it", methods, format_func=words.get, horizontal=True, key="sample_method")
    c = st.columns(3)
    by = None
    if method == "team":
        by = "team"
    elif method == "rating":
        rated = [d for d in DIMENSIONS if rows[f"{d}_rating"].notna().any()] or list(DIMENSIONS[:1])
        dim = c[0].selectbox("Rating of", rated, format_func=DIMENSION_WORDS.get, key="sample_dim")
        by = f"{dim}_rating"
    st.session_state.setdefault("sample_size", 10)
    st.session_state.setdefault("sample_seed", 1)
    size = c[1].number_input("Sample size", min_value=1, step=1, key="sample_size",
                             help="At most the number of documents in the table.")
    seed = c[2].number_input("Seed (the same seed draws the same sample)", min_value=0, step=1,
                             key="sample_seed")
    if st.button("Draw the sample", key="sample_draw"):
        st.session_state.audit_sample = (support.draw_sample(rows, int(size), int(seed), by),
                                         f"{words[method].lower()}, seed {int(seed)}")
    drawn = st.session_state.get("audit_sample")
    if drawn is not None:
        sample, how = drawn
        st.caption(f"{len(sample)} document(s) drawn ({how}).")
        shown = support.display_frame(sample)
        if "stratum" in sample.columns:
            shown.insert(0, "stratum", sample["stratum"].tolist())
        st.dataframe(shown, hide_index=True, key="sample_view")
        d1, d2, _ = st.columns([1, 1, 2])
        d1.download_button("⬇ Sample (CSV)", support.csv_bytes(shown), file_name="audit-sample.csv",
                           mime="text/csv", key="dl_sample_csv", on_click="ignore")
        d2.download_button("⬇ Sample (Excel)", support.excel_bytes({"sample": shown}),
                           file_name="audit-sample.xlsx", key="dl_sample_xlsx", on_click="ignore",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _exports(batch: dict) -> None:
    st.subheader("Export the results")
    exports = batch["exports"]
    if not exports:
        exports["rows"] = support.csv_bytes(batch["rows"])
        exports["findings"] = support.csv_bytes(batch["findings"])
        exports["xlsx"] = support.excel_bytes({"documents": batch["rows"], "findings": batch["findings"]})
    c = st.columns(3)
    c[0].download_button("⬇ Documents (CSV)", exports["rows"], file_name="batch-documents.csv",
                         mime="text/csv", key="dl_rows_csv", on_click="ignore")
    c[1].download_button("⬇ Findings (CSV)", exports["findings"], file_name="batch-findings.csv",
                         mime="text/csv", key="dl_findings_csv", on_click="ignore")
    c[2].download_button("⬇ Documents and findings (Excel)", exports["xlsx"], file_name="batch.xlsx",
                         mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                         key="dl_xlsx", on_click="ignore")
    st.caption("The tables hold ids, types, ratings, scores and counts of findings: no document text.")


# --------------------------------------------------------------------------- training


def _toggle_pick(example: pack.Example) -> None:
    chosen = dict(st.session_state.pack)
    if st.session_state.get(f"pick_{example.id}"):
        chosen[example.id] = example
    else:
        chosen.pop(example.id, None)
    st.session_state.pack = chosen


def _add_all(examples: list[pack.Example]) -> None:
    chosen = dict(st.session_state.pack)
    for example in examples:
        chosen[example.id] = example
        st.session_state[f"pick_{example.id}"] = True
    st.session_state.pack = chosen


def _empty_pack() -> None:
    for example_id in st.session_state.pack:
        st.session_state[f"pick_{example_id}"] = False
    st.session_state.pack = {}


def page_training() -> None:
    st.title("Examples for training")
    st.caption("Weak and strong sentences and actions for each check, beside the explanation. "
               "Choose examples and export them as a training pack.")
    redactor = support.load_redactor()
    batch = st.session_state.get("batch")
    sources = ["corpus"]
    if redactor is not None and batch and batch["reports"]:
        sources.append("batch")
    _valid_choice("train_source", sources, "corpus")
    source = st.radio("Examples from", sources, horizontal=True, key="train_source",
                      format_func={"corpus": "The bundled fictional corpus",
                                   "batch": "The uploaded batch (personal details redacted)"}.get)
    if redactor is None:
        st.caption("Examples from uploaded documents are offered once the redaction module "
                   "(`reviewer.redact`) is installed; until then only the bundled fictional corpus is used.")
    elif not (batch and batch["reports"]):
        st.caption("Score a batch on the Batch review page to browse its examples here, with names, "
                   "dates of birth, addresses, phone numbers, emails and NHS numbers redacted.")
    checks = pack.example_checks()
    _valid_choice("train_check", checks)
    st.session_state.setdefault("train_check", "plan.action.no_owner" if "plan.action.no_owner" in checks
                                else checks[0])
    st.session_state.setdefault("train_limit", 4)
    c1, c2 = st.columns([3, 1])
    check_id = c1.selectbox("Check", checks, key="train_check",
                            format_func=lambda c: f"{pack.check_title(c)} ({c})")
    limit = c2.slider("Examples of each kind", 2, 12, key="train_limit")
    if source == "corpus":
        documents, redact = corpus_example_documents(), None
    else:
        documents, redact = batch_example_documents(batch, redactor), redactor.text
    with st.spinner("Finding examples (the first time, the documents are reviewed or redacted once)…"):
        weak, strong = pack.examples_for_check(check_id, documents, limit=limit, redact=redact)

    check = catalogue()[check_id]
    explain, weak_col, strong_col = st.columns([1, 1, 1], gap="medium")
    with explain:
        st.markdown(f"#### {support.md_escape(pack.check_title(check_id))}")
        st.caption(f"Check `{check_id}` · {check.severity}")
        st.markdown(f"**What it finds:** {support.md_escape(check.message.replace('{', '').replace('}', ''))}")
        st.markdown(f"**Why it matters:** {support.md_escape(check.why)}")
        st.markdown(f"**How to fix it:** {support.md_escape(check.suggestion)}")
        if check.example:
            st.markdown(f"**A good example:** “{support.md_escape(check.example)}”")
    for column, items, heading in ((weak_col, weak, "✗ Weak examples"), (strong_col, strong, "✓ Strong examples")):
        with column:
            st.markdown(f"#### {heading}")
            if not items:
                st.caption("None found for this check.")
            for example in items:
                with st.container(border=True):
                    st.markdown("> " + support.md_escape(example.text).replace("\n", "\n> "))
                    st.caption(f"{heading.split()[0]} {example.note} ({example.source})")
                    st.session_state.setdefault(f"pick_{example.id}", example.id in st.session_state.pack)
                    st.checkbox("Add to the training pack", key=f"pick_{example.id}",
                                on_change=_toggle_pick, args=(example,))
    if weak or strong:
        st.button("Add all shown to the pack", key="pack_add_all", on_click=_add_all, args=(weak + strong,))

    st.divider()
    chosen = list(st.session_state.pack.values())
    st.subheader(f"Training pack ({len(chosen)} example{'s' if len(chosen) != 1 else ''})")
    if not chosen:
        st.info("Tick “Add to the training pack” under any example to build a pack.")
        return
    for group in pack.group_by_check(chosen):
        st.markdown(f"- **{support.md_escape(pack.check_title(group.check))}**: "
                    f"{len(group.weak)} weak, {len(group.strong)} strong")
    st.session_state.setdefault("pack_title", "Training pack: writing that helps children")
    title = st.text_input("Title of the pack", key="pack_title")
    fmt = st.radio("Format", ["html", "docx"], horizontal=True, key="pack_format",
                   format_func={"html": "HTML page", "docx": "Word (.docx)"}.get)
    intro = ("Examples come from the reviewer's fictional corpus"
             + (" and from uploaded documents, with personal details redacted." if any(
                 e.source.startswith("uploaded") for e in chosen) else "."))
    if fmt == "html":
        data, name, mime = pack.pack_html(chosen, title, intro), "training-pack.html", "text/html"
    else:
        data, name = pack.pack_docx(chosen, title, intro), "training-pack.docx"
        mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    c1, c2, _ = st.columns([1, 1, 2])
    c1.download_button("⬇ Download the training pack", data, file_name=name, mime=mime, key="dl_pack",
                       on_click="ignore")
    c2.button("Empty the pack", key="pack_empty", on_click=_empty_pack)


# --------------------------------------------------------------------------- main


def main() -> None:
    st.set_page_config(page_title="Reviewer: children's social care writing", page_icon="📝",
                       layout="wide")
    _init_state()
    _keep_widget_state()
    with st.sidebar:
        st.title("Reviewer")
        page = st.radio("Page", PAGES, key="page")
        st.multiselect("Checks switched off", list(catalogue()), key="disabled_checks",
                       help="Findings of these checks are not reported (self-check and batch).")
        st.caption(PRIVACY)
    {PAGES[0]: page_self_check, PAGES[1]: page_batch, PAGES[2]: page_training}[page]()


main()
