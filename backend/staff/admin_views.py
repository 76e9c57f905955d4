"""The admin's pages: staff accounts, editions, schools, access codes and response rates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from backend.staff import admin
from backend.staff.accounts import (
    ADMIN,
    ROLES,
    create_user,
    list_users,
    reset_password,
    set_active,
)
from backend.staff.guards import (
    Staff,
    StaffPages,
    requires,
)
from backend.staff.pages import form_values, page, parse_date, parse_int, pupil_url
from backend.staff.problems import N_, FieldProblem, InputProblems
from backend.staff.qr import qr_data_uri
from backend.surveys import DefinitionError
from survey_definitions import DEFINITIONS_DIR

__all__ = [
    "EditionsPages",
    "ResponseRatesPage",
    "SchoolsPages",
    "UsersPages",
    "definitions_dir",
]


def definitions_dir(request: Request) -> Path:
    """survey_definitions/, unless the app's state names another folder (tests do)."""
    return Path(request.app.state.get("definitions_dir", DEFINITIONS_DIR))


class _AdminPages(StaffPages):
    guards = [requires(ADMIN)]


class UsersPages(_AdminPages):
    path = "/staff/admin/users"

    async def _render(self, request: Request, **context: Any) -> Template:
        return page(
            request,
            "users.html",
            users=await list_users(),
            schools=await admin.list_schools(),
            roles=ROLES,
            **context,
        )

    @get("/")
    async def users(self, request: Request) -> Template:
        return await self._render(request)

    @post("/")
    async def create(self, request: Request) -> Any:
        values = await form_values(request)
        try:
            await create_user(
                values.get("email", ""),
                values.get("password", ""),
                values.get("role", ""),
                values.get("school") or None,
                must_change_password=True,
            )
        except InputProblems as exc:
            values.pop("password", None)
            return await self._render(request, problems=exc.problems, values=values)
        return Redirect("/staff/admin/users?notice=user_created", status_code=303)

    @post("/{user_id:int}/password")
    async def reset(self, request: Request, user_id: FromPath[int]) -> Any:
        values = await form_values(request)
        try:
            await reset_password(user_id, values.get("password", ""))
        except LookupError:
            raise NotFoundException() from None
        except InputProblems as exc:
            problems = [FieldProblem(f"password-{user_id}", p.message, p.params)
                        for p in exc.problems]
            return await self._render(request, problems=problems)
        return Redirect("/staff/admin/users?notice=password_reset", status_code=303)

    @post("/{user_id:int}/active")
    async def activate(self, request: Request, user_id: FromPath[int], staff: Staff) -> Any:
        values = await form_values(request)
        active = values.get("active") == "1"
        if user_id == staff.id and not active:
            return await self._render(request, problems=[FieldProblem(
                f"active-{user_id}", N_("You cannot deactivate your own account."))])
        try:
            await set_active(user_id, active)
        except LookupError:
            raise NotFoundException() from None
        return Redirect("/staff/admin/users?notice=user_updated", status_code=303)


class EditionsPages(_AdminPages):
    path = "/staff/admin/editions"

    async def _render(self, request: Request, **context: Any) -> Template:
        return page(
            request,
            "editions.html",
            editions=await admin.list_editions(),
            files=admin.definition_files(definitions_dir(request)),
            **context,
        )

    @get("/")
    async def editions(self, request: Request) -> Template:
        return await self._render(request)

    @post("/")
    async def open(self, request: Request) -> Any:
        values = await form_values(request)
        try:
            await admin.open_edition_file(definitions_dir(request), values.get("file", ""))
        except InputProblems as exc:
            return await self._render(request, problems=exc.problems, values=values)
        except DefinitionError as exc:
            problems = [
                FieldProblem("file", N_("%(location)s: %(message)s"),
                             {"location": p.location, "message": p.message})
                for p in exc.problems
            ]
            return await self._render(
                request, problems=problems, values=values, definition_problems=True
            )
        return Redirect("/staff/admin/editions?notice=edition_opened", status_code=303)

    @post("/{year:int}/close")
    async def close(self, request: Request, year: FromPath[int]) -> Redirect:
        try:
            await admin.close_edition(year)
        except LookupError:
            raise NotFoundException() from None
        return Redirect("/staff/admin/editions?notice=edition_closed", status_code=303)


class SchoolsPages(_AdminPages):
    path = "/staff/admin/schools"

    async def _render(self, request: Request, **context: Any) -> Template:
        return page(
            request, "schools.html", schools=await admin.list_schools(),
            kinds=admin.SCHOOL_KINDS, **context,
        )

    @get("/")
    async def schools(self, request: Request) -> Template:
        return await self._render(request)

    @post("/")
    async def register(self, request: Request) -> Any:
        values = await form_values(request)
        roll, problems = parse_int(
            values.get("roll", ""), "roll", N_("Enter the number of pupils on roll as digits.")
        )
        try:
            await admin.register_school(
                values.get("code", ""), values.get("name", ""), values.get("kind", ""), roll,
                prior=problems,
            )
        except InputProblems as exc:
            return await self._render(request, problems=exc.problems, values=values)
        return Redirect("/staff/admin/schools?notice=school_registered", status_code=303)

    async def _codes_page(self, request: Request, code: FromPath[str], **context: Any) -> Template:
        school = await admin.get_school(code)
        if school is None:
            raise NotFoundException()
        editions = await admin.list_editions()
        codes = await admin.list_codes(school["code"])
        today = dt.date.today()
        values = {
            "edition": next((str(e["year"]) for e in editions if e["status"] == "open"), ""),
            "opens_on": today.isoformat(),
            "closes_on": (today + dt.timedelta(days=60)).isoformat(),
        }
        values.update(context.pop("values", {}))
        return page(
            request, "codes.html", school=school, codes=codes, values=values,
            open_editions=[e for e in editions if e["status"] == "open"],
            years=sorted({c["year"] for c in codes}, reverse=True),
            min_group_size=request.app.state.settings.min_group_size, **context,
        )

    @get("/{code:str}/codes")
    async def codes(self, request: Request, code: FromPath[str]) -> Template:
        return await self._codes_page(request, code)

    @post("/{code:str}/codes")
    async def issue(self, request: Request, code: FromPath[str]) -> Any:
        values = await form_values(request)
        year, problems = parse_int(values.get("edition", ""), "edition",
                                   N_("Choose an open edition."))
        opens_on, more = parse_date(values.get("opens_on", ""), "opens_on")
        problems += more
        closes_on, more = parse_date(values.get("closes_on", ""), "closes_on")
        problems += more
        max_uses, more = parse_int(
            values.get("max_uses", ""), "max_uses",
            N_("The use limit must be a whole number from 1 to 10000, or empty."),
        )
        problems += more
        try:
            await admin.issue_codes(
                code, year, admin.parse_labels(values.get("labels", "")), opens_on, closes_on,
                max_uses, values.get("shared_device") == "1", prior=problems,
            )
        except LookupError:
            raise NotFoundException() from None
        except InputProblems as exc:
            return await self._codes_page(request, code, problems=exc.problems, values=values)
        return Redirect(
            f"/staff/admin/schools/{code.upper()}/codes?notice=codes_issued", status_code=303
        )

    @get("/{code:str}/codes/sheet")
    async def sheet(
        self, request: Request, code: FromPath[str], year: FromQuery[int | None] = None
    ) -> Template:
        """A printable sheet: one card per class with its code, address and QR code."""
        school = await admin.get_school(code)
        if school is None:
            raise NotFoundException()
        codes = await admin.list_codes(school["code"], year=year)
        cards = []
        for c in codes:
            if c["status"] != "closed":
                url = pupil_url(request, c["code"])
                cards.append({**c, "url": url, "qr": qr_data_uri(url)})
        return page(request, "code_sheet.html", school=school, cards=cards, year=year)


class ResponseRatesPage(_AdminPages):
    path = "/staff/admin/response-rates"

    @get("/")
    async def rates(self, request: Request, year: FromQuery[int | None] = None) -> Template:
        editions = await admin.list_editions()
        if year is None and editions:
            year = editions[0]["year"]
        rates = None
        if year is not None:
            try:
                rates = await admin.response_rates(year, request.app.state.settings.min_group_size)
            except LookupError:
                raise NotFoundException() from None
        return page(request, "response_rates.html", editions=editions, year=year, rates=rates)
