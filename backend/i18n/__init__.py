"""Languages, gettext catalogs and locale negotiation (one package, as in warehouse)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from io import BytesIO

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from backend.i18n.formatting import (
    format_date,
    format_datetime,
    format_number,
    format_percent,
    locale_for,
)
from locales import LOCALES_DIR

__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "N_",
    "RTL_LANGUAGES",
    "VARIANTS",
    "Language",
    "format_date",
    "format_datetime",
    "format_number",
    "format_percent",
    "locale_for",
    "negotiate",
    "translations",
]

DOMAIN = "messages"
"""The one gettext domain: interface strings and survey text together."""


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it (it is translated later)."""
    return message


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str
    english_name: str
    direction: str = "ltr"


LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("en", "English", "English"),
        Language("ta", "தமிழ்", "Tamil"),
        Language("ur", "اردو", "Urdu", "rtl"),
        Language("pl", "Polski", "Polish"),
        Language("pt", "Português", "Portuguese"),
        Language("ar", "العربية", "Arabic", "rtl"),
    )
}
RTL_LANGUAGES = frozenset(code for code, lang in LANGUAGES.items() if lang.direction == "rtl")
VARIANTS = ("standard", "easy_read")


@cache
def translations(lang: str) -> NullTranslations:
    """The catalog for ``lang``; English (the source language) needs none.

    The compiled ``.mo`` (built by ``make compile``) is used when it is at least
    as new as its ``.po``; otherwise the ``.po`` is compiled in memory, so a
    fresh checkout or an edited catalog never silently falls back to English.
    Fuzzy entries are never used.
    """
    if lang == "en" or lang not in LANGUAGES:
        return NullTranslations()
    folder = LOCALES_DIR / lang / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        return Translations.load(dirname=str(LOCALES_DIR), locales=[lang], domain=DOMAIN)
    if not po.exists():
        return NullTranslations()
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


def negotiate(accept_language: str | None, default: str = "en") -> str:
    """Pick the best supported language from an Accept-Language header."""
    if not accept_language:
        return default
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept_language.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else default
