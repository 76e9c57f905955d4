"""Fonts for Urdu, Arabic and Tamil: shipped with their licence, subset, served and cached."""

from __future__ import annotations

import re
import unicodedata

import pytest
from fontTools.ttLib import TTFont

from analysis.fonts import FONT_FILES, FONTS_DIR
from backend.i18n.fonts import CSS_PATH, WEB_FONTS, WEB_FONTS_DIR, characters

CSS = CSS_PATH.read_text(encoding="utf-8")
FACES = re.findall(r"@font-face \{(.*?)\}", CSS, re.S)


def test_full_fonts_ship_for_documents_with_the_ofl_licence():
    for files in FONT_FILES.values():
        for path in files.values():
            assert TTFont(path)["name"].getDebugName(1).startswith("Noto")
    for folder in (FONTS_DIR, WEB_FONTS_DIR):
        licence = (folder / "OFL.txt").read_text(encoding="utf-8")
        assert "SIL OPEN FONT LICENSE" in licence and "Version 1.1" in licence
        assert "Google" in licence


def _web_font(ttf: str):
    names = [m for m in re.findall(r'url\("/static/fonts/([^"]+)"\)', CSS)
             if m.startswith(ttf.removesuffix(".ttf") + ".")]
    assert len(names) == 1, ttf
    return WEB_FONTS_DIR / names[0]


@pytest.mark.parametrize("font", WEB_FONTS, ids=lambda f: f.ttf)
def test_each_web_font_covers_every_character_its_language_shows(font):
    path = _web_font(font.ttf)
    assert path.stat().st_size < 150_000
    cmap = TTFont(path).getBestCmap()
    script = {"ur": (0x0600, 0x06FF), "ar": (0x0600, 0x06FF), "ta": (0x0B80, 0x0BFF)}[font.lang]
    needed = [
        c for c in characters(font.lang)
        if script[0] <= ord(c) <= script[1] and unicodedata.category(c) != "Cf"
    ]
    missing = [c for c in needed if ord(c) not in cmap]
    assert missing == [], (
        f"{path.name} lacks {missing}: run `make fonts` after changing the catalogs"
    )


def test_css_declares_every_face_with_swap_and_language_rules():
    assert len(FACES) == len(WEB_FONTS)
    assert all("font-display: swap" in face for face in FACES)
    for lang, family in (("ur", "Noto Nastaliq Urdu"), ("ar", "Noto Naskh Arabic"),
                         ("ta", "Noto Sans Tamil")):
        rule = re.search(rf":lang\({lang}\) \{{(.*?)\}}", CSS, re.S).group(1)
        assert f'"{family}"' in rule.split("font-family:")[1].split(",")[0]
    urdu = re.search(r":lang\(ur\) \{(.*?)\}", CSS, re.S).group(1)
    assert float(re.search(r"line-height: ([\d.]+)", urdu).group(1)) >= 2


def test_fonts_are_served_with_year_long_cache_and_pages_link_the_css(client):
    path = _web_font("NotoNastaliqUrdu-Regular.ttf")
    reply = client.get(f"/static/fonts/{path.name}")
    assert reply.status_code == 200
    assert reply.content == path.read_bytes()
    assert "max-age=31536000" in reply.headers["cache-control"]
    assert "immutable" in reply.headers["cache-control"]
    assert client.get("/static/css/fonts.css").status_code == 200
    page = client.get("/s/OPENCODE22?lang=ur")
    assert '<link rel="stylesheet" href="/static/css/fonts.css">' in page.text
