"""HTML reports and the app escape document text: a document full of HTML and script injects
nothing, checked in the markup and in a real headless Chromium (Debian's /usr/bin/chromium via
Playwright, nothing downloaded, every network request refused and counted)."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from reviewer import cli
from reviewer.html import render_html

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

PAYLOADS = [
    "<script>document.title='pwned';window.__pwned=1</script>",
    "<img src=x onerror=\"document.title='pwned';window.__pwned=2\">",
    "<svg onload=\"window.__pwned=3\"></svg>",
    "\"><iframe src=\"javascript:window.top.__pwned=4\"></iframe>",
    "<a href=\"javascript:window.__pwned=5\" id=\"evil\">link</a>",
    "<style>body{display:none}</style>",
    "<meta http-equiv=\"refresh\" content=\"0;url=http://evil.example/\">",
    "<base href=\"http://evil.example/\">",
    "{{7*7}} ${7*7} <!-- comment --> &lt;script&gt; &amp;",
]
DOCUMENT = (
    "Child protection plan\n\nActions\n"
    f"- Mum {PAYLOADS[0]} will attend the Freedom Programme every Tuesday from 4 March 2025.\n"
    f"- {PAYLOADS[1]} will support the family.\n"
    f"- Dad will {PAYLOADS[2]} attend ongoing.\n\n"
    "What needs to change: " + " ".join(PAYLOADS[3:]) + "\n\n"
    f"Amir (7) said \"{PAYLOADS[0]} I like Nan\". The family history was not explored.\n"
)
TAG = re.compile(r"<\s*(script|img|svg|iframe|meta|base|style|a)\b[^>]*>", re.IGNORECASE)


def _injected_tags(html: str) -> list[str]:
    """Tags a payload could have added: any script/img/svg/iframe/meta/base, any <a href=javascript>,
    any on* attribute, and any <style> other than the page's own one."""
    found = []
    for match in TAG.finditer(html):
        tag = match.group(0)
        name = match.group(1).lower()
        if name == "style" and tag.lower() == "<style>" and html.lower().count("<style>") == 1:
            continue  # the page's own stylesheet
        if name == "meta" and "http-equiv" not in tag.lower():
            continue  # charset and viewport
        if name == "a" and "javascript:" not in tag.lower():
            continue  # links to findings and actions
        found.append(tag)
    found += re.findall(r"<[^>]*\son\w+\s*=", html)
    return found


@pytest.fixture(scope="module")
def report(reviewer):
    return reviewer.review(DOCUMENT, source="<script>alert(1)</script>.txt")


def test_html_report_escapes_everything_from_the_document(report):
    page = render_html(report)
    assert _injected_tags(page) == []
    assert "&lt;script&gt;document.title=" in page
    assert "&lt;img src=x onerror=" in page
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;.txt" in page  # the file name too


def test_cli_html_report_escapes_the_document(capsys, tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text(DOCUMENT, encoding="utf-8")
    assert cli.main(["review", str(path), "--format", "html"]) in (0, 1)
    assert _injected_tags(capsys.readouterr().out) == []


def test_app_highlights_escape_the_document(report):
    support = pytest.importorskip("reviewer.app_support")
    fragment = support.highlight_html(report, set())
    assert _injected_tags(fragment) == []
    assert "&lt;script&gt;" in fragment


def test_app_page_escapes_a_pasted_document():
    """The self-check page under AppTest: its HTML element and every Markdown block are inert."""
    app = ROOT / "app.py"
    if not app.exists():
        pytest.skip("app.py is not there yet")
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(app), default_timeout=120)
    at.run()
    at.text_area(key="draft_text").set_value(DOCUMENT)
    at.button(key="review_button").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.html, "the highlighted draft was not shown"
    for element in at.html:
        assert _injected_tags(element.value) == []
    for block in at.markdown:  # Markdown: rendered without raw HTML, and the app escapes "<" too
        assert not re.search(r"(?<!\\)<\s*(script|img|svg|iframe)", block.value, re.IGNORECASE), block.value


# --------------------------------------------------------------------------- in a real browser


def _browser_check(tmp_path: Path, html: str) -> dict:
    """Load `html` from a file in headless Chromium; return what ran and what was requested."""
    sync_api = pytest.importorskip("playwright.sync_api")
    page_file = tmp_path / "report.html"
    page_file.write_text(html, encoding="utf-8")
    requests: list[str] = []
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            user_data_dir=str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            dialogs: list[str] = []
            page = context.new_page()
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

            def route(route_obj):
                if route_obj.request.url.startswith("file://") and route_obj.request.url.endswith("report.html"):
                    route_obj.continue_()
                else:
                    requests.append(route_obj.request.url)
                    route_obj.abort()

            context.route("**/*", route)
            page.goto(page_file.as_uri())
            page.wait_for_load_state("load")
            page.wait_for_timeout(300)
            state = page.evaluate("""() => ({
                title: document.title,
                pwned: window.__pwned === undefined ? null : window.__pwned,
                scripts: document.querySelectorAll('script').length,
                images: document.querySelectorAll('img').length,
                frames: document.querySelectorAll('iframe, svg, meta[http-equiv], base').length,
                handlers: [...document.querySelectorAll('*')].filter(
                    e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
                hidden: getComputedStyle(document.body).display === 'none',
                text: document.body.innerText,
                url: location.href,
            })""")
            if page.locator("#evil").count():
                page.locator("#evil").click()
        finally:
            context.close()
    state.update(requests=requests, dialogs=dialogs)
    return state


browser = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"Debian's Chromium is not at {CHROMIUM}")


@pytest.mark.slow
@browser
def test_html_report_runs_no_script_in_chromium(report, tmp_path):
    state = _browser_check(tmp_path, render_html(report, title="<script>window.__pwned=9</script>"))
    assert state["pwned"] is None and state["title"] == "<script>window.__pwned=9</script> – review"
    assert state["scripts"] == state["images"] == state["frames"] == state["handlers"] == 0
    assert not state["hidden"] and state["dialogs"] == [] and state["requests"] == []
    assert state["url"].endswith("report.html")  # no meta refresh
    assert "<script>document.title='pwned'" in state["text"]  # shown as text, exactly


@pytest.mark.slow
@browser
def test_app_highlights_run_no_script_in_chromium(report, tmp_path):
    support = pytest.importorskip("reviewer.app_support")
    fragment = support.highlight_html(report, set())
    state = _browser_check(tmp_path, f"<!DOCTYPE html><html><head><title>t</title></head><body>{fragment}</body></html>")
    assert state["pwned"] is None and state["title"] == "t"
    assert state["scripts"] == state["images"] == state["handlers"] == 0
    assert state["requests"] == [] and state["dialogs"] == []
