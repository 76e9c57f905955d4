"""The start page, a scale question and the thank-you page in every language, in Chromium.

Urdu and Arabic must be laid out right to left: the document direction is rtl, each
radio sits on the right of its label, and Continue comes before (right of) Back.
Urdu is drawn in Nastaliq, Arabic in Naskh and Tamil in Noto Sans Tamil, from our
own web fonts. Screenshots are kept in test-artifacts/i18n/ for people to look at.
"""

from __future__ import annotations

import pytest

from backend.i18n import LANGUAGES, translations
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts" / "i18n"
FAMILY = {"ur": "Noto Nastaliq Urdu", "ar": "Noto Naskh Arabic", "ta": "Noto Sans Tamil"}


def _x(page, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box["x"] + box["width"] / 2


def _check_direction(page, lang: str) -> None:
    expected = LANGUAGES[lang].direction
    assert page.evaluate("document.documentElement.dir") == expected
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.evaluate("getComputedStyle(document.body).direction") == expected


def _uses_our_font(page, lang: str) -> None:
    if lang not in FAMILY:
        return
    family = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert family.startswith(f'"{FAMILY[lang]}"'), family
    page.evaluate("document.fonts.ready")
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)"
    )
    assert any(FAMILY[lang] in name for name in loaded), loaded


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_start_scale_question_and_thanks_in_each_language(live_server, browser, lang):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    _ = translations(lang).gettext
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale=lang)
    context.set_default_timeout(10_000)
    server = live_server.base
    page = context.new_page()
    try:
        page.goto(f"{server}/s/DEMO26?lang={lang}")
        _check_direction(page, lang)
        assert _("Have your say about feeling safe") in page.locator("h1").inner_text()
        _uses_our_font(page, lang)
        page.screenshot(path=str(ARTIFACTS / f"{lang}-1-start.png"), full_page=True)

        page.locator("button.button--start").click()
        page.wait_for_url("**/p/1")
        page.goto(f"{server}/s/DEMO26/p/2")  # "Where you live": the "how safe" scale questions
        _check_direction(page, lang)
        legend = page.locator("#question-safe_at_school legend")
        assert legend.inner_text().strip() == _("How safe do you feel at school?")
        radio = "#question-safe_at_school .choice__input"
        label = "#question-safe_at_school .choice__label"
        continue_button = "button[name=go][value=next]"
        back_button = "button[name=go][value=back]"
        if LANGUAGES[lang].direction == "rtl":
            assert _x(page, radio) > _x(page, label), "the radio should be on the right"
            assert _x(page, continue_button) > _x(page, back_button), "Continue should lead"
        else:
            assert _x(page, radio) < _x(page, label)
            assert _x(page, continue_button) < _x(page, back_button)
        first = page.locator(label).first.inner_text().strip()
        assert first == _("Very unsafe")
        page.locator(radio).first.check()
        page.screenshot(path=str(ARTIFACTS / f"{lang}-2-scale.png"), full_page=True)

        for _page in range(20):  # skip the rest: every question may be left out
            if "/check" in page.url:
                break
            page.locator(continue_button).click()
            page.wait_for_load_state()
        assert "/check" in page.url
        page.locator("button.button[type=submit]").click()
        page.wait_for_url("**/thanks")
        _check_direction(page, lang)
        assert _("Your answers have been sent.") in page.content()
        page.screenshot(path=str(ARTIFACTS / f"{lang}-3-thanks.png"), full_page=True)
    finally:
        context.close()
