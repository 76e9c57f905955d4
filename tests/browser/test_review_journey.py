"""A reviewer in real headless Chromium: signs in, recodes an answer, approves it as a quote and
records interview notes; axe-core finds no WCAG 2.2 AA violation on the pages on the way."""

from __future__ import annotations

import sqlite3
import uuid

import httpx
import pytest

from tests.browser.test_accessibility import WCAG_TAGS
from tests.conftest import run_feelsafe

pytestmark = pytest.mark.browser

EMAIL = "review.journey@test.invalid"
PASSWORD = "a long browser reviewer passphrase"
ANSWER = "the alley behind the chip shop feels unsafe after dark"


@pytest.fixture(scope="module")
def axe():
    sync = pytest.importorskip("axe_playwright_python.sync_playwright")
    return sync.Axe()


@pytest.fixture(scope="module")
def review_setup(live_server) -> int:
    """A reviewer account and one analysed answer; returns the answer's FreeText id."""
    url = f"sqlite:///{live_server.db_path}"
    made = run_feelsafe(url, "user", "create", "--email", EMAIL, "--role", "reviewer",
                        input=PASSWORD)
    assert made.returncode == 0, made.stderr
    reply = httpx.post(live_server.url("/api/v1/responses"), json={
        "access_code": "AXE26", "language": "en", "variant": "standard",
        "client_submission_id": str(uuid.uuid4()), "answers": {"what_makes_unsafe": ANSWER}})
    assert reply.status_code == 201, reply.text
    # The server's own analysis worker may get there first; either way the row is made once.
    run_feelsafe(url, "analyse")
    with sqlite3.connect(live_server.db_path) as db:
        text_id = db.execute("SELECT id FROM free_text WHERE text = ?", (ANSWER,)).fetchone()[0]
        analysed = db.execute("SELECT COUNT(*) FROM text_analysis WHERE free_text = ?",
                              (text_id,)).fetchone()[0]
    assert analysed == 1
    return text_id


def _axe(page, label: str, problems: list[str]) -> None:
    violations = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']}).then(r => r.violations)", WCAG_TAGS)
    for v in violations:
        nodes = "; ".join(str(n["target"]) for n in v["nodes"][:3])
        problems.append(f"{label}: axe {v['id']} ({v['impact']}) at {nodes}")


def test_reviewer_recodes_approves_and_records_notes(live_server, browser, axe, review_setup):
    text_id = review_setup
    context = browser.new_context(locale="en-GB", bypass_csp=True)
    context.add_init_script(axe.axe_script)
    context.set_default_timeout(15_000)
    page = context.new_page()
    problems: list[str] = []

    page.goto(live_server.url("/staff/sign-in"))
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Free-text review").first.click()
    page.wait_for_url("**/staff/review")
    _axe(page, "review list", problems)
    item = page.locator(f"#answer-{text_id}")
    assert ANSWER in item.inner_text() and "General safety" in item.inner_text()

    # Recode by keyboard: open the answer, tick Support, untick General safety, save.
    item.get_by_role("link", name=f"Answer {text_id}").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/staff/review/{text_id}?**")
    _axe(page, "review answer", problems)
    page.get_by_label("Support").check()
    page.get_by_label("General safety").uncheck()
    page.get_by_role("button", name="Save themes").click()
    page.wait_for_url("**notice=themes_saved")  # not the page before: it may show a notice too
    assert page.locator(".notice").inner_text() == "The themes have been saved."
    assert "Reviewer's themes" in page.locator(".facts").inner_text()
    assert "Support" in page.locator(".facts dd").nth(1).inner_text()

    page.get_by_role("button", name="Approve as a quote").click()
    page.wait_for_url("**notice=quote_approved")
    assert page.locator(".notice").inner_text() == "The answer is approved as a quote."
    changes = page.locator("table").inner_text()
    assert EMAIL in changes and "Approved as a quote" in changes and "Themes changed" in changes
    _axe(page, "review answer after changes", problems)

    # A refused redaction shows the error summary (and is itself checked).
    page.get_by_label("Words or phrases to remove").fill("not in this answer")
    page.get_by_role("button", name="Remove these words").click()
    page.locator(".error-summary").wait_for()
    assert page.title().startswith("Error:")
    assert page.get_by_label("Words or phrases to remove").input_value() == ""
    _axe(page, "review answer with errors", problems)

    page.goto(live_server.url("/staff"))
    page.get_by_role("link", name="Interview and focus-group notes").click()
    page.wait_for_url("**/staff/interviews")
    _axe(page, "interview list", problems)
    page.get_by_role("link", name="Record new notes").click()
    page.wait_for_url("**/staff/interviews/new")
    _axe(page, "interview form", problems)
    page.get_by_role("button", name="Save notes").click()  # empty: every problem listed
    page.locator(".error-summary").wait_for()
    assert page.locator(".error-summary li").count() >= 3
    _axe(page, "interview form with errors", problems)
    page.get_by_label("Focus group").check()
    page.get_by_label("Date held").fill("2026-03-15")
    page.get_by_label("Title").fill("Year 10 group on the walk home")
    page.get_by_label("Notes").fill("Sam Jones said the bus stop is scary at night and "
                                    "people carry knives; ring 07700 900123")
    page.get_by_role("button", name="Save notes").click()
    page.wait_for_url("**notice=note_saved")
    assert "The notes have been redacted, coded and saved." in page.locator(".notice").inner_text()
    notes = page.get_by_label("Notes").input_value()
    assert "07700" not in notes and "[PHONE]" in notes and "Sam Jones" not in notes
    assert page.get_by_label("Knife crime").is_checked()
    _axe(page, "interview notes", problems)
    context.close()
    assert not problems, "\n".join(problems)
