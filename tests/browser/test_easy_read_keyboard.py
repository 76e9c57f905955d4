"""The easy-read survey in Arabic, right to left, with the keyboard only; "I had help" is stored."""

from __future__ import annotations

import sqlite3

import pytest

from backend.i18n import translations
from tests.browser.test_pupil_journey import (
    _keyboard_page,
    _tab_to,
    run_to_check_page,
    start_survey,
)

pytestmark = pytest.mark.browser


def test_easy_read_survey_in_arabic_with_keyboard_only(live_server, js_page):
    page = js_page
    _ = translations("ar").gettext
    before = live_server.responses()
    page.goto(live_server.url("/s/DEMO26?lang=ar"))
    assert page.locator("html").get_attribute("dir") == "rtl"
    # Into the version radios (standard is chosen), then an arrow key picks easy read.
    _tab_to(page, 'input[name="variant"]')
    page.keyboard.press("ArrowDown")
    assert page.locator('input[value="easy_read"]').is_checked()
    _tab_to(page, "button.button--start")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    answers = {
        "year_group": "y8", "gender": "boy", "safe_at_school": "2", "safe_online": "4",
        "unsafe_places": ["parks"], "what_makes_unsafe": "الطريق المظلم", "had_help": "yes",
    }
    seen = []
    for _n in range(60):
        if page.url.endswith("/check"):
            break
        assert page.locator("html").get_attribute("lang") == "ar"
        seen += page.locator("form [data-type]").evaluate_all("els => els.map(e => e.id)")
        # Easy read: one question per page, with its symbol beside it.
        assert page.locator("form [data-type]").count() == 1
        if page.locator("form [data-type=scale]").count():
            # The smiley-face scale: a face per answer, the words under it.
            assert page.locator(".radios--faces .choice__label img.symbol").count() == 5
        with page.expect_navigation():
            _keyboard_page(page, answers)
    assert page.url.endswith("/check")
    assert "question-had_help" in seen
    assert page.get_by_role("heading", name=_("Check your answers")).is_visible()
    _tab_to(page, "form[data-prevent-double-submit] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", name=_("Thank you")).is_visible()
    assert live_server.responses() == before + 1
    with sqlite3.connect(live_server.db_path) as db:
        row = db.execute("SELECT language, variant, had_help FROM response "
                         "ORDER BY id DESC LIMIT 1").fetchone()
    assert row == ("ar", "easy_read", 1)


def _last_had_help(db_path) -> tuple:
    with sqlite3.connect(db_path) as db:
        return db.execute("SELECT variant, had_help FROM response ORDER BY id DESC LIMIT 1"
                          ).fetchone()


def test_standard_version_asks_and_stores_had_help(live_server, no_js_page):
    page = no_js_page
    start_survey(page, live_server.base)
    run_to_check_page(page, {"year_group": "y9", "had_help": "yes"})
    assert page.locator("#had_help").count() == 1
    page.get_by_role("button", name="Send my answers").click()
    assert _last_had_help(live_server.db_path) == ("standard", 1)
