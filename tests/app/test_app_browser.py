"""End to end in a real headless Chromium: start the app, paste a plan, review it, see the
highlights and the action table. Skipped only when Debian's /usr/bin/chromium is absent."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
START_TIMEOUT = 90  # seconds for the server to answer its health check
CP_PLAN = (ROOT / "examples" / "cp_plan.txt").read_text(encoding="utf-8")
# Without its contingency the plan also has a document-level finding (plan.no_contingency).
CP_PLAN_NO_CONTINGENCY = CP_PLAN.split("\nContingency\n")[0] + "\n"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not os.path.exists(CHROMIUM),
                       reason=f"Debian's Chromium is not installed at {CHROMIUM} (make browser installs it)"),
]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def app_url(tmp_path):
    port = _free_port()
    log = open(tmp_path / "streamlit.log", "wb")
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"streamlit exited with {process.returncode}: "
                            f"{(tmp_path / 'streamlit.log').read_text(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit did not answer on {url} within {START_TIMEOUT}s")
            time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
        log.close()


def test_paste_a_plan_review_it_and_see_highlights_and_actions(app_url, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    screenshot = tmp_path / "self-check.png"
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            user_data_dir=str(tmp_path / "chromium-profile"), executable_path=CHROMIUM, headless=True,
            args=ARGS, viewport={"width": 1500, "height": 2600})
        try:
            page = context.new_page()
            page.goto(app_url, wait_until="domcontentloaded", timeout=60_000)
            draft = page.get_by_label("Draft text")
            expect(draft).to_be_visible(timeout=60_000)
            draft.fill(CP_PLAN_NO_CONTINGENCY)
            draft.press("Control+Enter")  # commit the text area's value
            page.get_by_role("button", name="Review", exact=True).click()

            highlighted = page.locator(".rv-draft")
            expect(highlighted).to_be_visible(timeout=60_000)
            expect(highlighted.locator(".tag").first).to_be_visible()
            tags = highlighted.locator(".tag").all_inner_texts()
            assert "[FH]" in tags and "[CV]" in tags
            badges = highlighted.locator(".rv-text .badge").all_inner_texts()
            assert any(b.startswith("Action 1") for b in badges)
            assert any("no owner" in b for b in badges)
            assert highlighted.locator(".marker").count() > 0
            assert "About the whole document" in highlighted.inner_text()

            table = page.locator("[data-testid='stTable']").first
            expect(table).to_be_visible(timeout=30_000)
            table_text = table.inner_text()
            for heading in ("Who", "What", "When"):
                assert heading in table_text
            assert "⚠ missing" in table_text and "Sunnybank Nursery manager" in table_text
            expect(page.get_by_text("Findings (", exact=False).first).to_be_visible()
            expect(page.get_by_role("button", name="Review again")).to_be_visible()
            page.wait_for_timeout(500)
            page.screenshot(path=str(screenshot), full_page=True)
            highlighted.locator(".rv-text .badge").first.scroll_into_view_if_needed()
            page.wait_for_timeout(300)
            page.screenshot(path=str(tmp_path / "self-check-actions.png"))
        finally:
            context.close()
    assert screenshot.stat().st_size > 10_000
