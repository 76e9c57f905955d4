"""The Safeguarding Ambassador toolkit: a download page per language, and its JSON API.

Toolkits are served from the per-edition cache. One that is not cached yet is built in a
worker thread (never on the event loop), once however many people ask for it at the same
time; meanwhile the page says it is being prepared.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.di import Provide
from litestar.exceptions import NotFoundException
from litestar.params import FromQuery, JSONBody
from litestar.response import File, Template

from backend.i18n import LANGUAGES
from backend.packs import PackError, toolkit_input
from backend.packs.builds import SingleFlight
from backend.packs.service import cache_toolkit, toolkit_cache_file
from backend.staff.guards import (
    StaffPages,
    requires,
    staff_principal,
)
from backend.staff.pages import page
from backend.storage.tables import Edition

if TYPE_CHECKING:
    from pathlib import Path

    from litestar.datastructures import State

__all__ = ["TOOLKIT_ROLES", "ToolkitApi", "ToolkitPages", "pack_builds"]

TOOLKIT_ROLES = ("ambassador", "reviewer", "admin")
DOWNLOAD_PATH = "/staff/toolkit/download"


def pack_builds(state: State) -> SingleFlight:
    """The process's in-flight builds (one per app)."""
    builds = state.get("pack_builds")
    if builds is None:
        builds = state["pack_builds"] = SingleFlight()
    return builds


async def latest_year() -> int:
    """The newest edition: ambassadors use the toolkit after the survey, so it need not be
    open."""
    row = await Edition.select(Edition.year).order_by(Edition.year, ascending=False).first()
    if row is None:
        raise NotFoundException("No edition has been opened yet.")
    return row["year"]


@dataclass(frozen=True)
class ToolkitState:
    lang: str
    status: str
    """ready, preparing, failed or not_prepared."""
    size_bytes: int | None
    target: Path


async def _toolkit_state(request: Request, year: int, lang: str) -> tuple[ToolkitState, Any]:
    data = await toolkit_input(year, lang, request.app.state.settings)
    target = toolkit_cache_file(data)
    builds = pack_builds(request.app.state)
    if target.is_file():
        state = ToolkitState(lang, "ready", target.stat().st_size, target)
    elif builds.running(target):
        state = ToolkitState(lang, "preparing", None, target)
    elif builds.failed(target):
        state = ToolkitState(lang, "failed", None, target)
    else:
        state = ToolkitState(lang, "not_prepared", None, target)
    return state, data


def _start(request: Request, state: ToolkitState, data: Any) -> None:
    pack_builds(request.app.state).start(state.target, lambda: cache_toolkit(data))


def _file_name(year: int, lang: str) -> str:
    return f"feelsafe-ambassador-toolkit-{year}-{lang}.zip"


class ToolkitPages(StaffPages):
    path = "/staff/toolkit"
    guards = [requires(*TOOLKIT_ROLES)]

    @get("/")
    async def toolkits(self, request: Request) -> Template:
        """Every language's toolkit, with whether it is ready to download."""
        year = await latest_year()
        rows = []
        for lang, language in LANGUAGES.items():
            state, _data = await _toolkit_state(request, year, lang)
            rows.append({"lang": lang, "language": language, "status": state.status,
                         "size_mb": _megabytes(state.size_bytes)})
        return page(request, "toolkit.html", year=year, rows=rows, download=DOWNLOAD_PATH)

    @get("/download")
    async def download(self, request: Request, lang: FromQuery[str] = "") -> Response | Template:
        """The zip when it is cached; otherwise start preparing it and say so."""
        if lang not in LANGUAGES:
            raise NotFoundException()
        year = await latest_year()
        state, data = await _toolkit_state(request, year, lang)
        if state.status == "ready":
            return File(path=state.target, filename=_file_name(year, lang),
                        media_type="application/zip")
        _start(request, state, data)
        return page(request, "toolkit_preparing.html", year=year, lang=lang,
                    language=LANGUAGES[lang], failed=state.status == "failed",
                    download=DOWNLOAD_PATH)


def _megabytes(size: int | None) -> str:
    return f"{size / 1_000_000:.1f}" if size is not None else ""


class ToolkitOut(msgspec.Struct):
    lang: str
    name: str
    """The language's name in its own script."""
    english_name: str
    direction: str
    status: str
    """``ready`` (download now), ``preparing``, ``failed`` or ``not_prepared`` (asking for it,
    by download or ``prepare``, starts a build of about 15 s)."""
    size_bytes: int | None
    download_url: str


class ToolkitsOut(msgspec.Struct):
    year: int
    toolkits: list[ToolkitOut]


class PrepareIn(msgspec.Struct):
    lang: str


def _out(state: ToolkitState) -> ToolkitOut:
    language = LANGUAGES[state.lang]
    return ToolkitOut(state.lang, language.native_name, language.english_name,
                      language.direction, state.status, state.size_bytes,
                      f"{DOWNLOAD_PATH}?lang={state.lang}")


class ToolkitApi(Controller):
    path = "/api/v1/staff/toolkits"
    guards = [requires(*TOOLKIT_ROLES)]
    tags = ["staff: toolkit"]
    dependencies = {"staff": Provide(staff_principal)}

    @get("/")
    async def toolkits(self, request: Request) -> ToolkitsOut:
        """The newest edition's toolkit in each language and whether it is ready."""
        year = await latest_year()
        states = [(await _toolkit_state(request, year, lang))[0] for lang in LANGUAGES]
        return ToolkitsOut(year, [_out(s) for s in states])

    @post("/prepare", status_code=202)
    async def prepare(self, request: Request, data: JSONBody[PrepareIn]) -> ToolkitOut:
        """Start building one language's toolkit if it is not cached (202 either way; the
        answer's status says whether it is ready)."""
        if data.lang not in LANGUAGES:
            raise NotFoundException(f"unknown language {data.lang!r}")
        try:
            year = await latest_year()
            state, toolkit = await _toolkit_state(request, year, data.lang)
        except PackError as exc:
            raise NotFoundException(str(exc)) from None
        if state.status in {"not_prepared", "failed"}:
            _start(request, state, toolkit)
            state = ToolkitState(state.lang, "preparing", None, state.target)
        return _out(state)
