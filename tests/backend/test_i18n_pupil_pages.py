"""The pupil pages in every language: no interface or survey text left in English."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from backend.i18n import LANGUAGES, translations
from backend.i18n.catalogs import extract_catalog
from tests.backend.pupil_helpers import answer, start, submit
from tests.backend.submission_helpers import full_answers

TRANSLATED = [code for code in LANGUAGES if code != "en"]
KEPT_AS_IS = {language.native_name for language in LANGUAGES.values()} | {"Childline"}
"""The picker names each language in its own language (English too); names of services."""


class _Text(HTMLParser):
    """Each piece of visible text, plus the attributes a screen reader announces."""

    def __init__(self) -> None:
        super().__init__()
        self.pieces: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("aria-label", "title", "alt", "placeholder") and value:
                self.pieces.append(value.strip())

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.pieces.append(" ".join(data.split()))


@pytest.fixture(scope="module")
def english_strings() -> set[str]:
    return {m.id for m in extract_catalog() if isinstance(m.id, str) and m.id}


def _english_left(html: str, lang: str, english: set[str]) -> list[str]:
    parser = _Text()
    parser.feed(html)
    gettext = translations(lang).gettext
    return [
        p for p in parser.pieces if p in english and gettext(p) != p and p not in KEPT_AS_IS
    ]


def _walk_checking_each_page(client, code: str, lang: str, english: set[str]):
    """Answer every standard page in turn, checking each; return the check-answers page."""
    page = start(client, code, "standard", lang)
    answers = full_answers() | {"safe_at_home": "1"}
    for _ in range(30):
        assert _english_left(page.text, lang, english) == [], (lang, page.url)
        reply = answer(client, page, answers)
        assert reply.status_code == 303, reply.text
        page = client.get(reply.headers["location"])
        if reply.headers["location"].endswith("/check"):
            assert _english_left(page.text, lang, english) == [], (lang, page.url)
            return page
    raise AssertionError("never reached the check page")


def test_every_pupil_page_is_fully_translated(client, english_strings):
    for n, lang in enumerate(TRANSLATED):
        code = "OPENCODE22"
        client.cookies.clear()
        home = client.get(f"/s/{code}?lang={lang}")
        assert f'lang="{lang}" dir="{LANGUAGES[lang].direction}"' in home.text
        assert _english_left(home.text, lang, english_strings) == []
        check = _walk_checking_each_page(client, code, lang, english_strings)
        thanks_redirect = submit(client, check, code)
        thanks = client.get(thanks_redirect.headers["location"])
        assert thanks.status_code == 200
        assert _english_left(thanks.text, lang, english_strings) == [], lang
        client.cookies.clear()
        easy = start(client, code, variant="easy_read", lang=lang)
        assert _english_left(easy.text, lang, english_strings) == [], lang
        assert re.search(r"<title>[^<]*\d", easy.text), n


def test_question_pages_in_every_language_carry_translated_text(client, english_strings):
    for lang in TRANSLATED:
        client.cookies.clear()
        page = start(client, "OPENCODE22", variant="standard", lang=lang)
        gettext = translations(lang).gettext
        assert gettext("Which year are you in?") in page.text
        assert _english_left(page.text, lang, english_strings) == []
