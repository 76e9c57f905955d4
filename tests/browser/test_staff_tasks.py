"""Staff roles doing their main task in real headless Chromium, signed in through the form.

Reviewer and ambassador tasks have their own tests beside the pages they use.
"""

from __future__ import annotations

import re
import sqlite3

import pytest

from tests.browser.staff import send_flagged_answer, sign_in

pytestmark = pytest.mark.browser

ACTION = "Raised with the school's DSL for year-group awareness work"


def _count(text: str) -> int:
    return int(re.search(r"\((\d+)\)", text).group(1))


def test_safeguarding_lead_reads_a_flagged_answer_and_closes_it(live_server, staff_emails,
                                                                js_page):
    send_flagged_answer(live_server, "my stepdad hits me when hes drunk and im scared to go home")
    page = js_page
    email = staff_emails["safeguarding_lead"]
    sign_in(page, live_server, email)
    page.get_by_role("navigation", name="Staff area").get_by_role(
        "link", name="Concern queue").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Concern queue"
    filters = page.get_by_role("navigation", name="Which items to show")
    open_before = _count(filters.get_by_role("link", name=re.compile("Open items")).inner_text())
    closed_before = _count(
        filters.get_by_role("link", name=re.compile("Closed items")).inner_text())
    assert open_before >= 1

    first = page.get_by_role("table").get_by_role("row").nth(1)
    school = first.get_by_role("cell").first.inner_text()
    first.get_by_role("link", name=re.compile("^Read the answer sent on")).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Flagged answer"
    assert school in page.locator(".summary-list").first.inner_text()
    assert page.locator("blockquote").inner_text().strip()
    item_path = page.url.removeprefix(live_server.base)
    views_before = page.get_by_role("table").get_by_role("row").count() - 1  # this one too
    assert email in page.get_by_role("table").get_by_role("row").nth(1).inner_text()
    page.get_by_label("Action taken").fill(ACTION)
    page.get_by_role("button", name="Close the item").click()

    assert page.get_by_role("status").inner_text() == (
        "The item is closed and has left the open queue.")
    filters = page.get_by_role("navigation", name="Which items to show")
    assert _count(filters.get_by_role("link", name=re.compile("Open items")).inner_text()) == (
        open_before - 1)
    filters.get_by_role("link", name=re.compile("Closed items")).click()
    page.wait_for_load_state()
    assert page.get_by_role("table").get_by_role("row").count() == 1 + closed_before + 1
    page.locator(f'a[href="{item_path}"]').click()
    summary = page.locator(".summary-list").nth(1).inner_text()
    assert ACTION in summary and email in summary
    views = page.get_by_role("table").get_by_role("row")
    assert views.count() == 1 + views_before + 1  # every opening is logged, this one first
    assert email in views.nth(1).inner_text()
    assert page.get_by_role("button", name="Close the item").count() == 0


def test_admin_issues_class_codes_and_opens_the_printable_sheet(live_server, staff_emails,
                                                                js_page):
    page = js_page
    sign_in(page, live_server, staff_emails["admin"])
    page.get_by_role("navigation", name="Staff area").get_by_role(
        "link", name="Schools and codes").click()
    page.get_by_role("link", name="Access codes for Demo Academy").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Access codes for Demo Academy"
    page.get_by_label("Class labels").fill("8Q, 8R")
    page.get_by_role("button", name="Issue codes").click()

    assert page.get_by_role("status").inner_text() == "The codes have been issued."
    codes = {}
    for label in ("8Q", "8R"):
        row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=label))
        codes[label] = row.locator("td.code").inner_text()
        assert re.fullmatch(r"[A-Z0-9]{6,}", codes[label]), codes[label]
    page.get_by_role("link", name=re.compile("Printable sheet of codes")).first.click()

    for label, code in codes.items():
        card = page.get_by_role("listitem").filter(
            has=page.get_by_role("heading", name=f"Class {label}"))
        assert code in card.inner_text()
        qr = card.get_by_role("img")
        assert f"/s/{code}" in qr.get_attribute("alt")
        assert qr.evaluate("img => img.complete && img.naturalWidth > 0")


def test_send_lead_types_in_a_paper_response(live_server, staff_emails, js_page):
    page = js_page
    before = live_server.responses()
    sign_in(page, live_server, staff_emails["send_lead"])
    page.get_by_role("link", name="Type in a paper response").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Type in a paper response"
    page.get_by_label("Language of the paper").select_option("pl")
    page.get_by_role("group", name=re.compile(r"^1\. Which year are you in")).get_by_label(
        "Year 8").check()
    page.get_by_role("group", name=re.compile(r"How safe do you feel at school")).get_by_label(
        re.compile("^Very safe")).first.check()
    page.get_by_label(re.compile(r"What would make you feel safer")).fill(
        "more lights in the park")
    page.get_by_role("button", name="Save this response").click()

    assert page.get_by_role("status").inner_text() == (
        "The paper response has been saved. You can type in the next one.")
    assert live_server.responses() == before + 1
    with sqlite3.connect(live_server.db_path) as db:
        paper, language, school = db.execute(
            "SELECT r.paper, r.language, s.code FROM response r JOIN school s ON s.id = r.school "
            "ORDER BY r.id DESC LIMIT 1").fetchone()
    assert (paper, language, school) == (1, "pl", "DEMO")
