"""Languages, gettext catalogs and locale negotiation (one package, as in warehouse)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from babel.support import NullTranslations, Translations

from locales import LOCALES_DIR

__all__ = ["LANGUAGES", "RTL_LANGUAGES", "VARIANTS", "Language", "negotiate", "translations"]


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
    """The compiled catalog for ``lang``; English (the source language) needs none."""
    if lang == "en" or lang not in LANGUAGES:
        return NullTranslations()
    return Translations.load(dirname=str(LOCALES_DIR), locales=[lang], domain="messages")


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
