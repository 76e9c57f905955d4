"""Dates and numbers in the reader's language (Babel), for templates and documents.

Each function takes the language code last so templates can use them as
filters with the request's language filled in (see backend/web/templating.py).
Digits stay Latin in every language: that is what pupils in Sutton's schools
are taught, and it keeps numbers in Urdu and Arabic text unambiguous.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from babel import dates, numbers
from babel.core import Locale

__all__ = ["format_date", "format_datetime", "format_number", "format_percent", "locale_for"]

_SUPPORTED = frozenset({"en", "ta", "ur", "pl", "pt", "ar"})


@cache
def locale_for(lang: str) -> Locale:
    """The Babel locale of a supported language; British English for anything else."""
    return Locale.parse(lang if lang in _SUPPORTED and lang != "en" else "en_GB")


def format_date(value: dt.date | dt.datetime, format: str = "long", lang: str = "en") -> str:
    """``12 January 2026``, ``12 stycznia 2026``, ``12 يناير 2026``: month names in the language."""
    return dates.format_date(value, format=format, locale=locale_for(lang))


def format_datetime(value: dt.datetime, format: str = "medium", lang: str = "en") -> str:
    return dates.format_datetime(value, format=format, locale=locale_for(lang))


def format_number(value: float, lang: str = "en", decimal_quantization: bool = True) -> str:
    """Grouping and decimal separators of the language: ``1,234.5`` / ``1 234,5``."""
    return numbers.format_decimal(
        value, locale=locale_for(lang), decimal_quantization=decimal_quantization
    )


def format_percent(value: float, lang: str = "en", format: str | None = None) -> str:
    """``value`` is a fraction (0.25 is 25%); the sign and its place follow the language."""
    return numbers.format_percent(value, format=format, locale=locale_for(lang))
