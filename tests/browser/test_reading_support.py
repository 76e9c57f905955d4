"""Reading support: display options kept in the session (no JavaScript needed), read aloud."""

from __future__ import annotations

import pytest

from tests.browser.test_pupil_journey import start_survey

pytestmark = pytest.mark.browser


def _classes(page) -> set[str]:
    return set((page.locator("html").get_attribute("class") or "").split())


def test_display_options_without_javascript_last_for_the_session(live_server, no_js_page):
    page = no_js_page
    start_survey(page, live_server.base, variant="easy_read")
    url = page.url
    assert not _classes(page) & {"display-large", "display-contrast", "display-spacing"}
    # The read-aloud button needs JavaScript and speech: without them it is not shown.
    assert page.locator("[data-read-aloud]").count() == 1
    assert not page.locator("[data-read-aloud]").is_visible()
    page.locator(".display-options__summary").click()
    page.get_by_label("Larger text").check()
    page.get_by_label("High contrast").check()
    page.get_by_role("button", name="Apply").click()
    page.wait_for_load_state()
    assert page.url == url  # back on the same question
    assert {"display-large", "display-contrast"} <= _classes(page)
    assert "display-spacing" not in _classes(page)
    # They stay on the next page, and only in this browser's session cookie.
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    assert {"display-large", "display-contrast"} <= _classes(page)
    big = page.evaluate("() => parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert big == pytest.approx(20.0)
    page.get_by_label("Larger text").uncheck()
    page.get_by_label("Dyslexia-friendly spacing").check()
    page.get_by_role("button", name="Apply").click()
    assert _classes(page) >= {"display-contrast", "display-spacing"}
    assert "display-large" not in _classes(page)
    page.context.clear_cookies()
    page.goto(live_server.url("/s/DEMO26"))
    assert not _classes(page) & {"display-large", "display-contrast", "display-spacing"}


def test_display_options_refuse_to_send_you_elsewhere(live_server, no_js_page):
    page = no_js_page
    page.goto(live_server.url("/s/DEMO26"))
    token = page.locator('input[name="_csrf_token"]').first.get_attribute("value")
    reply = page.context.request.post(
        live_server.url("/s/DEMO26/display"),
        form={"_csrf_token": token, "display_spacing": "on", "next": "https://evil.example/"},
        max_redirects=0,
    )
    assert reply.status == 303
    assert reply.headers["location"] == "/s/DEMO26"


def test_read_aloud_speaks_the_question_and_choices_in_the_page_language(live_server, js_page):
    page = js_page
    # A stand-in for the browser's voice, recording what it is asked to say.
    page.add_init_script("""
      window.__said = [];
      const fake = {speaking: false, cancel() {}, getVoices() { return []; },
                    speak(u) { window.__said.push({text: u.text, lang: u.lang}); }};
      Object.defineProperty(window, 'speechSynthesis', {value: fake});
    """)
    page.goto(live_server.url("/s/DEMO26?lang=pl&variant=easy_read"))
    page.locator("button.button--start").click()
    button = page.locator("[data-read-aloud]")
    assert button.is_visible()
    button.click()
    said = page.evaluate("() => window.__said")
    assert len(said) == 1 and said[0]["lang"] == "pl"
    legend = page.locator("form [data-type] legend").inner_text().strip()
    assert legend
    assert said[0]["text"].startswith(legend)
    for label in page.locator("form [data-type] .choice__label").all_inner_texts():
        assert label.strip() in said[0]["text"]
