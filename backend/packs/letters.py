"""Gather what the parent letter and the pupil assent text say, and build them, cached.

The school's survey window comes from its access codes for the edition (earliest opening to
latest closing), or the edition's own dates when the school has no codes yet. The opt-out
deadline is ``settings.opt_out_days`` before the window opens, moved back off a weekend.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from analysis.documents.content import Contact
from analysis.documents.letters import (
    AssentInput,
    LetterInput,
    build_assent,
    build_parent_letter,
)
from backend.i18n import LANGUAGES, format_date, translations
from backend.packs.service import (
    BuiltFile,
    PackError,
    _atomic,
    _cache_dir,
    _catalog_version,
    _contacts,
    _edition,
    _key,
    _school,
)
from backend.settings import Settings
from backend.storage.tables import AccessCode

__all__ = [
    "SurveyWindow",
    "assent_input",
    "build_assent_file",
    "build_letter_file",
    "cache_assent",
    "cache_letter",
    "letter_input",
    "opt_out_deadline",
    "survey_window",
]


@dataclass(frozen=True)
class SurveyWindow:
    """When one school's pupils can answer, and when parents' opt-out slips are due."""

    opens_on: dt.date
    closes_on: dt.date
    opt_out_by: dt.date
    from_codes: bool
    """True when the dates come from the school's access codes, False for the edition's."""


def opt_out_deadline(opens_on: dt.date, days_before: int) -> dt.date:
    """``days_before`` days before opening; a Saturday or Sunday moves back to the Friday."""
    deadline = opens_on - dt.timedelta(days=max(days_before, 0))
    while deadline.weekday() >= 5:
        deadline -= dt.timedelta(days=1)
    return deadline


async def survey_window(edition_id: int, school_id: int, edition_opens: dt.date,
                        edition_closes: dt.date, days_before: int) -> SurveyWindow:
    rows = await AccessCode.select(AccessCode.opens_on, AccessCode.closes_on).where(
        (AccessCode.edition == edition_id) & (AccessCode.school == school_id))
    if rows:
        opens = min(_date(r["opens_on"]) for r in rows)
        closes = max(_date(r["closes_on"]) for r in rows)
        return SurveyWindow(opens, closes, opt_out_deadline(opens, days_before), True)
    return SurveyWindow(edition_opens, edition_closes,
                        opt_out_deadline(edition_opens, days_before), False)


def _date(value: dt.date | str) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise PackError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")


async def school_window(year: int, school_code: str, settings: Settings
                        ) -> tuple[str, SurveyWindow]:
    """The school's name and survey window in the ``year`` edition."""
    info = await _edition(year)
    school_id, school_name = await _school(school_code)
    edition = info.survey.definition.edition
    window = await survey_window(info.id, school_id, edition.opens, edition.closes,
                                 settings.opt_out_days)
    return school_name, window


async def letter_input(year: int, school_code: str, lang: str, settings: Settings
                       ) -> LetterInput:
    """Everything one school's parent letter says, in ``lang``."""
    _language(lang)
    info = await _edition(year)
    school_name, window = await school_window(year, school_code, settings)
    return LetterInput(
        lang=lang, school=school_name, year=year, survey_title=info.title,
        opens_on=format_date(window.opens_on, "long", lang),
        closes_on=format_date(window.closes_on, "long", lang),
        opt_out_by=format_date(window.opt_out_by, "long", lang),
        partnership=settings.partnership_name, min_size=settings.min_group_size,
        contacts=_contacts(settings),
        data_contact=_data_contact(settings),
    )


def _data_contact(settings: Settings) -> Contact | None:
    data = settings.data_contact
    if data is None:
        return None
    return Contact(data.name, data.phone, ", ".join(x for x in (data.email, data.url) if x))


async def assent_input(year: int, lang: str, settings: Settings) -> AssentInput:
    """The pupil assent text of the ``year`` edition in ``lang`` (the same for every school)."""
    _language(lang)
    info = await _edition(year)
    return AssentInput(lang=lang, year=year, survey_title=info.title,
                       partnership=settings.partnership_name,
                       min_size=settings.min_group_size, contacts=_contacts(settings))


def letter_cache_file(data: LetterInput) -> Path:
    key = _key("letter", replace(data, fonts_dir=None), _catalog_version(data.lang))
    return _cache_dir(data.year) / f"letter-{data.lang}-{key}.pdf"


def assent_cache_file(data: AssentInput) -> Path:
    key = _key("assent", replace(data, fonts_dir=None), _catalog_version(data.lang))
    return _cache_dir(data.year) / f"assent-{data.lang}-{key}.pdf"


def cache_letter(data: LetterInput) -> BuiltFile:
    """The letter in the per-edition cache (built when its inputs changed); ``path`` is the
    cached file."""
    target = letter_cache_file(data)
    if target.is_file():
        return BuiltFile(target, True)
    _atomic(target, build_parent_letter(data, translations(data.lang)))
    return BuiltFile(target, False)


def cache_assent(data: AssentInput) -> BuiltFile:
    target = assent_cache_file(data)
    if target.is_file():
        return BuiltFile(target, True)
    _atomic(target, build_assent(data, translations(data.lang)))
    return BuiltFile(target, False)


def build_letter_file(data: LetterInput, out: Path) -> BuiltFile:
    """Write the letter to ``out``, from the cache when nothing it says has changed."""
    built = cache_letter(data)
    _atomic(out, built.path.read_bytes())
    return BuiltFile(out, built.cached)


def build_assent_file(data: AssentInput, out: Path) -> BuiltFile:
    built = cache_assent(data)
    _atomic(out, built.path.read_bytes())
    return BuiltFile(out, built.cached)
