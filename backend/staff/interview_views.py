"""Interview and focus-group notes for reviewers: pages and the JSON API beside them.

Notes are redacted on entry and coded with the survey's codebook (``backend.review.interviews``);
the edit page shows the codebook's suggestion for the current text beside the reviewer's themes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from litestar import Controller, Request, get, post, put
from litestar.di import Provide
from litestar.exceptions import NotFoundException
from litestar.openapi import ResponseSpec
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.response import Redirect, Template

from backend.i18n import translations
from backend.review import interviews
from backend.review.answers import edition_years
from backend.review.audit import events_for_note
from backend.review.labels import NOTE_KIND_NAMES, theme_labels
from backend.review.schemas import InterviewIn, InterviewOut, InterviewUpdateIn, SuggestedThemeOut
from backend.staff import admin
from backend.staff.auth_views import problems_response
from backend.staff.guards import (
    Staff,
    StaffPages,
    requires,
    staff_principal,
)
from backend.staff.pages import page as render
from backend.staff.pages import parse_date, parse_int
from backend.staff.problems import N_, FieldProblem, InputProblems
from backend.staff.review_views import REVIEWER, event_out, present_events
from backend.staff.schemas import ProblemsOut

__all__ = ["InterviewApi", "InterviewPages"]

_PROBLEMS = {400: ResponseSpec(ProblemsOut, description="Problems listed; nothing was changed")}
NOTE_NOTICES = {
    "note_saved": N_("The notes have been redacted, coded and saved. Check the themes below."),
    "note_updated": N_("The notes have been saved."),
}


def _gettext(request: Request):
    return translations(getattr(request.state, "lang", "en")).gettext


def _notice(request: Request) -> str:
    key = request.query_params.get("notice", "")
    return _gettext(request)(NOTE_NOTICES[key]) if key in NOTE_NOTICES else ""


async def _form_fields(request: Request) -> tuple[dict[str, Any], list[FieldProblem],
                                                  dict[str, Any]]:
    """(arguments for the service, problems found while reading, values to show again)."""
    form = await request.form()
    values = {k: str(form.get(k, "")).strip() for k in
              ("year", "kind", "held_on", "school", "title", "text")}
    values["themes"] = [str(t) for t in form.getall("themes", [])]
    year, problems = parse_int(values["year"], "year", N_("Choose the edition the notes "
                                                          "belong to."))
    held_on, more = parse_date(values["held_on"], "held_on")
    problems += more
    fields = {"year": year, "kind": values["kind"], "held_on": held_on,
              "school": values["school"] or None, "title": values["title"],
              "text": values["text"]}
    return fields, problems, values


class InterviewPages(StaffPages):
    path = "/staff/interviews"
    guards = [requires(REVIEWER)]

    @get("/")
    async def notes(self, request: Request, year: FromQuery[int | None] = None) -> Template:
        """Every note, most recently held first, with its themes."""
        gettext = _gettext(request)
        return render(
            request, "interview_list.html", notes=await interviews.list_notes(year), year=year,
            years=await edition_years(), labels=theme_labels(gettext),
            note_kinds={k: gettext(v) for k, v in NOTE_KIND_NAMES.items()},
            notice=_notice(request),
        )

    async def _form(self, request: Request, note: dict | None = None, **context: Any
                    ) -> Template:
        gettext = _gettext(request)
        years = await edition_years()
        values = context.pop("values", None)
        if values is None:
            values = ({"year": str(note["year"]), "kind": note["kind"],
                       "held_on": note["held_on"].isoformat(), "school": note["school"] or "",
                       "title": note["title"], "text": note["text"], "themes": note["themes"]}
                      if note else {"year": str(years[0]) if years else "",
                                    "kind": "interview", "themes": []})
        labels = theme_labels(gettext)
        suggested = interviews.suggested_themes(note["text"]) if note else []
        return render(
            request, "interview_form.html", note=note, values=values, years=years,
            schools=await admin.list_schools(), theme_options=list(labels.items()),
            suggested=[{**s, "label": labels.get(s["theme"], s["theme"])} for s in suggested],
            note_kinds=[(k, gettext(v)) for k, v in NOTE_KIND_NAMES.items()],
            events=present_events(await events_for_note(note["id"]), request) if note else [],
            notice=_notice(request), today=dt.date.today().isoformat(), **context,
        )

    @get("/new")
    async def new(self, request: Request) -> Template:
        return await self._form(request)

    @post("/")
    async def create(self, request: Request, staff: Staff) -> Template | Redirect:
        fields, problems, values = await _form_fields(request)
        try:
            note_id = await interviews.create_note(staff.id, prior=problems, **fields)
        except InputProblems as exc:
            return await self._form(request, problems=exc.problems, values=values)
        return Redirect(f"/staff/interviews/{note_id}?notice=note_saved", status_code=303)

    async def _note(self, note_id: int) -> dict:
        note = await interviews.get_note(note_id)
        if note is None:
            raise NotFoundException()
        return note

    @get("/{note_id:int}")
    async def edit(self, request: Request, note_id: FromPath[int]) -> Template:
        """A note to change, its suggested themes and its audit trail."""
        return await self._form(request, await self._note(note_id))

    @post("/{note_id:int}")
    async def update(self, request: Request, note_id: FromPath[int],
                     staff: Staff) -> Template | Redirect:
        note = await self._note(note_id)
        fields, problems, values = await _form_fields(request)
        try:
            await interviews.update_note(note_id, staff.id, themes=values["themes"],
                                         prior=problems, **fields)
        except LookupError:
            raise NotFoundException() from None
        except InputProblems as exc:
            return await self._form(request, note, problems=exc.problems, values=values)
        return Redirect(f"/staff/interviews/{note_id}?notice=note_updated", status_code=303)


async def _note_out(note_id: int, with_events: bool = True) -> InterviewOut:
    n = await interviews.get_note(note_id)
    if n is None:
        raise NotFoundException()
    events = await events_for_note(note_id) if with_events else None
    return InterviewOut(
        id=n["id"], year=n["year"], kind=n["kind"], held_on=n["held_on"], school=n["school"],
        title=n["title"], text=n["text"], pii_types=list(n["pii_types"] or []),
        themes=list(n["themes"] or []),
        suggested_themes=[SuggestedThemeOut(s["theme"], s["terms"])
                          for s in interviews.suggested_themes(n["text"])],
        created_by=n["created_by_email"], created_at=n["created_at"],
        events=[event_out(e) for e in events] if events is not None else None,
    )


class InterviewApi(Controller):
    """Interview and focus-group notes for tools. Send the ``csrftoken`` cookie as
    X-CSRFToken."""

    path = "/api/v1/staff/interviews"
    guards = [requires(REVIEWER)]
    tags = ["staff: review"]
    dependencies = {"staff": Provide(staff_principal)}

    @get("/")
    async def notes(self, year: FromQuery[int | None] = None) -> list[InterviewOut]:
        """Notes (redacted), most recently held first; one edition's with ``year``."""
        return [await _note_out(n["id"], with_events=False)
                for n in await interviews.list_notes(year)]

    @post("/", status_code=201, responses=_PROBLEMS)
    async def create(self, data: JSONBody[InterviewIn], staff: Staff) -> InterviewOut:
        """Record notes: title and text are redacted on entry, themes suggested by the
        codebook."""
        try:
            note_id = await interviews.create_note(
                staff.id, year=data.year, kind=data.kind, held_on=data.held_on,
                school=data.school, title=data.title, text=data.text)
        except InputProblems as exc:
            return problems_response(exc)  # type: ignore[return-value]
        return await _note_out(note_id)

    @get("/{note_id:int}")
    async def note(self, note_id: FromPath[int]) -> InterviewOut:
        """One note with its audit trail."""
        return await _note_out(note_id)

    @put("/{note_id:int}", responses=_PROBLEMS)
    async def update(self, note_id: FromPath[int], data: JSONBody[InterviewUpdateIn],
                     staff: Staff) -> InterviewOut:
        """Change a note; changed text is redacted again; ``themes`` is the reviewer's
        coding."""
        try:
            await interviews.update_note(
                note_id, staff.id, year=data.year, kind=data.kind, held_on=data.held_on,
                school=data.school, title=data.title, text=data.text, themes=data.themes)
        except LookupError:
            raise NotFoundException() from None
        except InputProblems as exc:
            return problems_response(exc)  # type: ignore[return-value]
        return await _note_out(note_id)
