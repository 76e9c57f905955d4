"""Letters to parents (per school) and the pupil assent text, to download in each language.

Admins reach every school's letter; a SEND lead only their own school's. Letters are built
from the open edition's dates in a worker thread and kept in the per-edition cache.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import msgspec
from litestar import Controller, Request, Response, get
from litestar.di import Provide
from litestar.exceptions import (
    InternalServerException,
    NotFoundException,
    PermissionDeniedException,
)
from litestar.params import FromPath, FromQuery
from litestar.response import File, Template

from backend.editions import EditionNotOpen, current_edition
from backend.i18n import LANGUAGES
from backend.packs import PackError
from backend.packs.builds import BuildFailed
from backend.packs.letters import (
    assent_cache_file,
    assent_input,
    cache_assent,
    cache_letter,
    letter_cache_file,
    letter_input,
    school_window,
)
from backend.staff import admin
from backend.staff.accounts import StaffPrincipal
from backend.staff.guards import (
    Staff,
    StaffPages,
    requires,
    staff_principal,
)
from backend.staff.pages import page
from backend.staff.toolkit_views import pack_builds

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["LETTER_ROLES", "LetterPages", "LettersApi"]

LETTER_ROLES = ("admin", "send_lead")


async def _open_year() -> int:
    try:
        _edition_id, survey = await current_edition()
    except EditionNotOpen:
        raise NotFoundException("No edition is open.") from None
    return survey.year


def _may_see(staff: StaffPrincipal, code: str) -> None:
    """A SEND lead sees only their own school; an admin sees every school."""
    if staff.role != "admin" and staff.school_code != code:
        raise PermissionDeniedException("You can only download your own school's letter.")


async def _schools_for(staff: StaffPrincipal) -> list[dict[str, Any]]:
    schools = await admin.list_schools()
    if staff.role == "admin":
        return schools
    return [s for s in schools if s["code"] == staff.school_code]


async def _serve(request: Request, target: Path, build: Any, name: str) -> Response:
    try:
        path = await pack_builds(request.app.state).get(target, build)
    except BuildFailed:  # logged by the builder; the next request tries again
        raise InternalServerException("The document could not be built.") from None
    return File(path=path, filename=name, media_type="application/pdf")


def _letter_url(code: str, lang: str) -> str:
    return f"/staff/letters/{code}/letter?lang={lang}"


def _assent_url(lang: str) -> str:
    return f"/staff/letters/assent?lang={lang}"


class LetterPages(StaffPages):
    path = "/staff/letters"
    guards = [requires(*LETTER_ROLES)]

    @get("/")
    async def letters(self, request: Request, staff: Staff,
                      school: FromQuery[str] = "") -> Template:
        """The school's survey window, its opt-out deadline and a download per language."""
        schools = await _schools_for(staff)
        try:
            year = await _open_year()
        except NotFoundException:
            return page(request, "letters.html", year=None, schools=schools, chosen=None)
        codes = [s["code"] for s in schools]
        code = school if school in codes else (codes[0] if codes else "")
        if school and school not in codes:
            _may_see(staff, school)  # 403 for another school, 404 for one that does not exist
            raise NotFoundException()
        chosen = window = None
        if code:
            name, window = await school_window(year, code, request.app.state.settings)
            chosen = {"code": code, "name": name}
        languages = [{"lang": lang, "language": language,
                      "letter_url": _letter_url(code, lang) if code else "",
                      "assent_url": _assent_url(lang)}
                     for lang, language in LANGUAGES.items()]
        return page(request, "letters.html", year=year, schools=schools, chosen=chosen,
                    window=window, languages=languages, today=dt.date.today(),
                    opt_out_days=request.app.state.settings.opt_out_days)

    @get("/{code:str}/letter")
    async def letter(self, request: Request, staff: Staff, code: FromPath[str],
                     lang: FromQuery[str] = "en") -> Response:
        """One school's letter to parents and carers, with the opt-out slip (PDF)."""
        _may_see(staff, code)
        if lang not in LANGUAGES:
            raise NotFoundException()
        year = await _open_year()
        try:
            data = await letter_input(year, code, lang, request.app.state.settings)
        except PackError:
            raise NotFoundException() from None
        return await _serve(request, letter_cache_file(data), lambda: cache_letter(data),
                            f"feelsafe-{year}-parent-letter-{code}-{lang}.pdf")

    @get("/assent")
    async def assent(self, request: Request, lang: FromQuery[str] = "en") -> Response:
        """What pupils are told before they start, to read aloud or hand out (PDF)."""
        if lang not in LANGUAGES:
            raise NotFoundException()
        year = await _open_year()
        data = await assent_input(year, lang, request.app.state.settings)
        return await _serve(request, assent_cache_file(data), lambda: cache_assent(data),
                            f"feelsafe-{year}-pupil-assent-{lang}.pdf")


class DocumentOut(msgspec.Struct):
    lang: str
    name: str
    url: str


class SchoolLettersOut(msgspec.Struct):
    code: str
    name: str
    opens_on: dt.date
    closes_on: dt.date
    opt_out_by: dt.date
    window_from_codes: bool
    letters: list[DocumentOut]


class LettersOut(msgspec.Struct):
    year: int
    schools: list[SchoolLettersOut]
    assent: list[DocumentOut]


class LettersApi(Controller):
    path = "/api/v1/staff/letters"
    guards = [requires(*LETTER_ROLES)]
    tags = ["staff: letters"]
    dependencies = {"staff": Provide(staff_principal)}

    @get("/")
    async def letters(self, request: Request, staff: Staff) -> LettersOut:
        """The open edition's letters for every school this user may see, and the assent
        text, with each school's survey window and opt-out deadline."""
        year = await _open_year()
        settings = request.app.state.settings
        schools = []
        for school in await _schools_for(staff):
            name, window = await school_window(year, school["code"], settings)
            schools.append(SchoolLettersOut(
                school["code"], name, window.opens_on, window.closes_on, window.opt_out_by,
                window.from_codes,
                [DocumentOut(lang, language.native_name, _letter_url(school["code"], lang))
                 for lang, language in LANGUAGES.items()]))
        assent = [DocumentOut(lang, language.native_name, _assent_url(lang))
                  for lang, language in LANGUAGES.items()]
        return LettersOut(year, schools, assent)
