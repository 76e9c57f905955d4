"""The pupil's journey in real headless Chromium: without JavaScript, by keyboard, exit, retry."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from backend.i18n import translations
from tests.backend.submission_helpers import full_answers

pytestmark = pytest.mark.browser

CODE = "DEMO26"


def questions_on(page) -> list[str]:
    return [el.get_attribute("id").removeprefix("question-")
            for el in page.locator("form .form-group[id^=question-]").all()]


def fill_page(page, answers: dict) -> None:
    """Answer the questions on this page by pointing and clicking (no keyboard rules here)."""
    for qid in questions_on(page):
        value = answers.get(qid)
        if value is None:
            continue
        group = page.locator(f"#question-{qid}")
        if group.locator("textarea").count():
            group.locator("textarea").fill(str(value))
            continue
        for v in value if isinstance(value, list) else [value]:
            group.locator(f'input[value="{v}"]').check()


def run_to_check_page(page, answers: dict, limit: int = 40) -> list[str]:
    titles = []
    for _ in range(limit):
        if page.url.endswith("/check"):
            return titles
        titles.append(page.title())
        fill_page(page, answers)
        page.get_by_role("button", name="Continue").click()
        page.wait_for_load_state()  # the next page's title, not a half-parsed one
    raise AssertionError("never reached the check page")


def start_survey(page, base: str, variant: str = "standard") -> None:
    page.goto(base + "/")
    page.get_by_label("Enter your class code").fill(CODE.lower())
    page.get_by_role("button", name="Continue").click()
    assert page.url.endswith(f"/s/{CODE}?lang=en")
    if variant == "easy_read":
        page.get_by_label("Easy read").check()
    page.get_by_role("button", name=re.compile("Start")).click()


def test_whole_survey_without_javascript(live_server, no_js_page):
    page = no_js_page
    before = live_server.responses()
    start_survey(page, live_server.base)
    assert page.locator("html").get_attribute("lang") == "en"
    answers = {**full_answers(), "safe_at_home": "2"}
    titles = run_to_check_page(page, answers)
    assert titles[0] == "Your views – Page 1 of 10"
    assert all("abuse" not in t.lower() for t in titles)
    # Check your answers, with a change link that comes back here.
    assert page.get_by_role("heading", name="Check your answers").is_visible()
    page.locator("#gender").get_by_role("link", name=re.compile("Change")).click()
    page.locator('#question-gender input[value="non_binary"]').check()
    page.get_by_role("button", name="Continue").click()
    assert page.url.endswith("/check")
    assert page.locator("#gender dd").first.inner_text() == "Non-binary"
    page.get_by_role("button", name="Send my answers").click()
    assert page.get_by_role("heading", name="Thank you").is_visible()
    assert live_server.responses() == before + 1
    # Feeling unsafe at home brings matching support; the help box is always there.
    assert page.locator('[data-support="home"]').count() >= 1
    assert page.locator(".help-box").get_by_text("0800 1111").is_visible()
    # DEMO26 is a shared-device code: the next pupil starts afresh.
    page.get_by_role("link", name="Start the survey for the next person").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/s/{CODE}")
    assert page.get_by_text("Carry on where you left off").count() == 0


def fits_width(page, width: int) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth") <= width


def test_easy_read_without_javascript_in_urdu_at_320px(live_server, no_js_page):
    page = no_js_page
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url(f"/s/{CODE}?lang=ur&variant=easy_read"))
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert fits_width(page, 320)  # reflows: no sideways scrolling at 320 CSS px
    # Right to left: the exit button sits at the inline end, which is now the left.
    box = page.locator(".exit-this-page__button").bounding_box()
    assert box["x"] < 160
    assert box["height"] >= 24 and box["width"] >= 24
    _ = translations("ur").gettext  # the page is in Urdu, so are its buttons and title
    page.get_by_role("button", name=_("Start now")).click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "ur"
    assert questions_on(page) == ["year_group"]
    assert page.locator('input[value="dont_understand"]').count() == 1
    assert page.locator('input[value="dont_understand"]').bounding_box()["height"] >= 24
    assert fits_width(page, 320)
    page.locator('input[value="dont_understand"]').check()
    page.get_by_role("button", name=_("Continue")).click()
    progress = re.escape(_("Question %(n)d of %(total)d")).replace(
        re.escape("%(n)d"), "2").replace(re.escape("%(total)d"), r"\d+")
    # expect() waits for the next page to be parsed: the title is read from the new document.
    title = "^" + re.escape(_("Your views") + " – ") + progress + "$"
    expect(page).to_have_title(re.compile(title))


def _tab_to(page, selector: str, limit: int = 120) -> None:
    """Press Tab until the focused element matches ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)",
                         selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def _keyboard_page(page, answers: dict) -> None:
    """Answer with the keyboard only: Tab between fields, arrows in radio groups, Space, typing."""
    for qid in questions_on(page):
        value = answers.get(qid)
        if value is None:
            continue
        if page.locator(f"textarea#{qid}").count():
            _tab_to(page, f"textarea#{qid}")
            page.keyboard.type(value)
            continue
        values = [el.get_attribute("value") for el in
                  page.locator(f'input[name="{qid}"]').all()]
        if page.locator(f'input[name="{qid}"][type=radio]').count():
            _tab_to(page, f'input[name="{qid}"]')
            for _ in range(values.index(value)):
                page.keyboard.press("ArrowDown")
            page.keyboard.press("Space")
        else:
            for v in value:
                _tab_to(page, f'input[name="{qid}"][value="{v}"]')
                page.keyboard.press("Space")
    _tab_to(page, 'button[value="next"]')
    page.keyboard.press("Enter")
    page.wait_for_load_state()


def test_whole_survey_with_keyboard_only(live_server, js_page):
    page = js_page
    before = live_server.responses()
    page.goto(live_server.url(f"/s/{CODE}"))
    _tab_to(page, "button.button--start")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle"
                            " + ' ' + getComputedStyle(document.activeElement).backgroundColor")
    assert outline.split()[0] != "none" or "255, 221, 0" in outline  # focus is visible
    with page.expect_navigation():
        page.keyboard.press("Enter")
    answers = {
        "year_group": "y10", "gender": "girl", "safe_at_school": "4",
        "unsafe_places": ["parks", "prefer_not_say"],
        "knife_know_carry": "yes", "knife_why": ["fear"], "safe_online": "2",
        "what_makes_unsafe": "dark paths after football", "ambassador_themes": ["knife_crime"],
    }
    for _ in range(40):
        if page.url.endswith("/check"):
            break
        with page.expect_navigation():
            _keyboard_page(page, answers)
    assert page.url.endswith("/check")
    summary = page.locator("#unsafe_places dd").first.inner_text()
    # "I'd rather not say" cleared the box ticked before it (the exclusive-choice enhancement).
    assert summary == "I'd rather not say"
    assert "dark paths after football" in page.content()
    assert "Because they are scared" in page.content()
    _tab_to(page, "form[data-prevent-double-submit] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", name="Thank you").is_visible()
    assert page.locator('[data-support="online"]').count() >= 1
    assert live_server.responses() == before + 1


def _answer_first_page(page, base: str) -> None:
    start_survey(page, base)
    page.locator('#question-year_group input[value="y9"]').check()
    page.locator('#question-gender input[value="boy"]').check()
    page.get_by_role("button", name="Continue").click()
    page.locator('#question-safe_at_school input[value="1"]').check()


def _assert_no_answers_shown(page) -> None:
    html = page.content()
    assert "checked" not in re.sub(r'value="standard" checked', "", html)
    assert not page.url.endswith("/p/1") and not page.url.endswith("/p/2")


def test_exit_this_page_without_javascript_then_back(live_server, no_js_page):
    page = no_js_page
    _answer_first_page(page, live_server.base)
    page.locator(".exit-this-page__button").click()
    assert page.url == live_server.exit_url
    page.go_back()
    # The page is asked for again (no-store) and the session is gone: back to the start.
    assert page.url.endswith(f"/s/{CODE}")
    _assert_no_answers_shown(page)
    page.go_back()
    _assert_no_answers_shown(page)


def test_exit_by_pressing_shift_three_times(live_server, js_page):
    page = js_page
    _answer_first_page(page, live_server.base)
    assert page.locator("#exit-hint").is_visible()
    with page.expect_navigation(url=live_server.exit_url):
        for _ in range(3):
            page.keyboard.press("Shift")
    page.go_back()
    page.wait_for_load_state()
    # location.replace: the answered page is not in history; what is there shows no answers.
    _assert_no_answers_shown(page)


def test_double_submit_and_retry_store_one_response(live_server, no_js_page):
    page = no_js_page
    before = live_server.responses()
    start_survey(page, live_server.base)
    fill_page(page, {"year_group": "y8"})
    page.get_by_role("button", name="Continue").click()
    # Skipping the rest is allowed: straight to Check your answers.
    page.goto(live_server.url(f"/s/{CODE}/check"))
    token = page.locator('input[name="_csrf_token"]').last.get_attribute("value")
    cookies = page.context.cookies()
    page.get_by_role("button", name="Send my answers").dblclick()
    # The second click aborts the first click's navigation, so poll the address rather than
    # wait for a navigation event (which fails on the aborted one).
    expect(page).to_have_url(re.compile(r"/thanks$"))
    # A retry from a flaky connection: the same session, sent again.
    page.context.clear_cookies()
    page.context.add_cookies(cookies)
    retry = page.context.request.post(live_server.url(f"/s/{CODE}/submit"),
                                      form={"_csrf_token": token})
    assert retry.ok and retry.url.endswith("/thanks")
    assert live_server.responses() == before + 1
