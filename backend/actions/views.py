"""The reviewer's "You said, we did" pages: record, change and remove an edition's actions.

One page lists an edition's actions by theme, with the form to record one; ``?edit=ID`` fills
the same form to change that action. Every form field names its language (``lang``, and
``dir="rtl"`` for Urdu and Arabic), so each text is spell-checked and read aloud correctly.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from backend.actions import service
from backend.actions.labels import STATUS_NAMES, theme_label
from backend.findings import FindingsError, edition_by_year
from backend.i18n import LANGUAGES, N_, translations
from backend.staff.accounts import REVIEWER
from backend.staff.admin import list_editions
from backend.staff.guards import (
    Staff,
    StaffPages,
    requires,
)
from backend.staff.pages import form_values, page, parse_int
from backend.staff.problems import FieldProblem, InputProblems

__all__ = ["ActionsPages", "text_fields"]

_NOTICES = {
    "action_recorded": N_("The action has been recorded. It is on the public page now."),
    "action_changed": N_("The action has been changed."),
    "action_removed": N_("The action has been removed from the public page."),
}


def text_fields() -> list[dict[str, str]]:
    """One form field per text: its key, the language it is written in and its direction."""
    fields = [
        {"key": "en", "lang": "en", "dir": "ltr", "name": ""},
        {"key": service.EASY_KEY, "lang": "en", "dir": "ltr", "name": ""},
    ]
    for code in service.OPTIONAL_KEYS:
        lang = LANGUAGES[code]
        fields.append({"key": code, "lang": code, "dir": lang.direction,
                       "name": lang.native_name})
    return fields


def _input(values: dict[str, str]) -> service.ActionInput:
    return service.ActionInput(
        theme=values.get("theme", ""),
        status=values.get("status", ""),
        texts={key: values.get(f"texts.{key}", "") for key in service.TEXT_KEYS},
        question_id=values.get("question_id") or None,
    )


def _values(action: service.Action) -> dict[str, str]:
    values = {"theme": action.theme, "status": action.status,
              "question_id": action.question_id or ""}
    values.update({f"texts.{k}": v for k, v in action.texts.items()})
    return values


class ActionsPages(StaffPages):
    path = "/staff/actions"
    guards = [requires(REVIEWER)]

    async def _render(self, request: Request, year: int | None, *,
                      editing: service.Action | None = None, **context: Any) -> Template:
        editions = await list_editions()
        if year is None:
            if not editions:
                return page(request, "actions.html", editions=[], info=None, **context)
            year = editions[0]["year"]
        try:
            info = await edition_by_year(year)
        except FindingsError:
            raise NotFoundException() from None
        _ = translations(request.state.lang).gettext
        survey = info.survey
        themes = [(t, theme_label(survey, t, _)) for t in service.action_themes(survey)]
        findings = [
            (label, [(q.id, _(q.text)) for q in service.headline_questions(survey, t)])
            for t, label in themes
        ]
        question_text = {q.id: _(q.text) for q in service.headline_questions(survey)}
        actions = await service.list_actions(info.year)
        by_theme = [(t, label, [a for a in actions if a.theme == t]) for t, label in themes]
        notice_key = request.query_params.get("notice", "")
        if notice_key in _NOTICES:
            context.setdefault("notice", _(_NOTICES[notice_key]))
        if editing is not None:
            context.setdefault("values", _values(editing))
        return page(
            request, "actions.html", editions=editions, info=info, year=info.year,
            themes=themes, findings=findings, question_text=question_text,
            by_theme=[row for row in by_theme if row[2]], action_count=len(actions),
            statuses=[(s, _(STATUS_NAMES[s])) for s in service.STATUSES],
            text_fields=text_fields(), editing=editing, max_length=service.MAX_TEXT_LENGTH,
            **context,
        )

    @get("/")
    async def actions(self, request: Request, year: FromQuery[int | None] = None,
                      edit: FromQuery[int | None] = None) -> Template:
        editing = None
        if edit is not None:
            try:
                editing = await service.get_action(edit)
            except LookupError:
                raise NotFoundException() from None
            year = editing.year
        return await self._render(request, year, editing=editing)

    @post("/")
    async def record(self, request: Request, staff: Staff) -> Any:
        values = await form_values(request)
        year, problems = parse_int(values.get("year", ""), "year",
                                   N_("Choose an edition from the list."))
        try:
            if year is None:
                raise InputProblems(problems or [FieldProblem(
                    "year", N_("Choose an edition from the list."))])
            action = await service.record_action(year, _input(values), staff.id)
        except InputProblems as exc:
            known = year if year in {e["year"] for e in await list_editions()} else None
            return await self._render(request, known, problems=exc.problems, values=values)
        return Redirect(f"/staff/actions?year={action.year}&notice=action_recorded#actions",
                        status_code=303)

    @post("/{action_id:int}")
    async def change(self, request: Request, action_id: FromPath[int], staff: Staff) -> Any:
        values = await form_values(request)
        try:
            action = await service.update_action(action_id, _input(values), staff.id)
        except LookupError:
            raise NotFoundException() from None
        except InputProblems as exc:
            current = await service.get_action(action_id)
            return await self._render(request, current.year, editing=current,
                                      problems=exc.problems, values=values)
        return Redirect(f"/staff/actions?year={action.year}&notice=action_changed#actions",
                        status_code=303)

    @post("/{action_id:int}/remove")
    async def remove(self, action_id: FromPath[int]) -> Redirect:
        try:
            action = await service.get_action(action_id)
            await service.remove_action(action_id)
        except LookupError:
            raise NotFoundException() from None
        return Redirect(f"/staff/actions?year={action.year}&notice=action_removed#actions",
                        status_code=303)
