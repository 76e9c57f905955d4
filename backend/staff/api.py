"""The admin JSON API behind the admin pages (same services, same guards)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, patch, post
from litestar.di import Provide
from litestar.exceptions import NotFoundException
from litestar.openapi import ResponseSpec
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_204_NO_CONTENT

from backend.staff import admin
from backend.staff.accounts import (
    ADMIN,
    create_user,
    list_users,
    reset_password,
    set_active,
)
from backend.staff.admin_views import definitions_dir
from backend.staff.auth_views import problems_response
from backend.staff.guards import Staff, requires, staff_principal
from backend.staff.pages import pupil_url
from backend.staff.problems import FieldProblem, InputProblems
from backend.staff.schemas import (
    AccessCodeOut,
    ActiveIn,
    EditionOpenIn,
    EditionOut,
    EditionsOut,
    IssueCodesIn,
    PasswordResetIn,
    ProblemOut,
    ProblemsOut,
    RateOut,
    RatesOut,
    SchoolIn,
    SchoolOut,
    UserIn,
    UserOut,
)
from backend.surveys import DefinitionError

__all__ = ["EditionsApi", "ResponseRatesApi", "SchoolsApi", "UsersApi"]

_PROBLEMS = {400: ResponseSpec(ProblemsOut, description="Problems listed; nothing was changed")}


class _AdminApi(Controller):
    guards = [requires(ADMIN)]
    tags = ["staff: admin"]
    dependencies = {"staff": Provide(staff_principal)}


def _user(row: dict) -> UserOut:
    return UserOut(
        id=row["id"], email=row["email"], role=row["role"], school=row["school_code"],
        active=row["active"], must_change_password=row["must_change_password"],
        locked=row["locked"],
    )


class UsersApi(_AdminApi):
    path = "/api/v1/staff/users"

    @get("/")
    async def users(self) -> list[UserOut]:
        """Every staff account (no passwords or hashes)."""
        return [_user(row) for row in await list_users()]

    @post("/", status_code=201, responses=_PROBLEMS)
    async def create(self, data: JSONBody[UserIn]) -> UserOut:
        """Create an account with a one-time password the person must change at first sign-in."""
        try:
            user_id = await create_user(
                data.email, data.password, data.role, data.school, must_change_password=True
            )
        except InputProblems as exc:
            return problems_response(exc)  # type: ignore[return-value]
        return next(_user(r) for r in await list_users() if r["id"] == user_id)

    @post("/{user_id:int}/password", status_code=HTTP_204_NO_CONTENT, responses=_PROBLEMS)
    async def reset(
        self, user_id: FromPath[int], data: JSONBody[PasswordResetIn]
    ) -> Response[None]:
        """Give a one-time password; unlocks the account and signs the person out everywhere."""
        try:
            await reset_password(user_id, data.password)
        except LookupError:
            raise NotFoundException() from None
        except InputProblems as exc:
            return problems_response(exc)  # type: ignore[return-value]
        return Response(None, status_code=204)

    @patch("/{user_id:int}", responses=_PROBLEMS)
    async def update(
        self, user_id: FromPath[int], data: JSONBody[ActiveIn], staff: Staff
    ) -> UserOut:
        """Deactivate (signs the person out everywhere) or reactivate an account."""
        if user_id == staff.id and not data.active:
            return problems_response(InputProblems([  # type: ignore[return-value]
                FieldProblem("active", "You cannot deactivate your own account.")]))
        try:
            await set_active(user_id, data.active)
        except LookupError:
            raise NotFoundException() from None
        return next(_user(r) for r in await list_users() if r["id"] == user_id)


def _edition(row: dict) -> EditionOut:
    return EditionOut(
        year=row["year"], title=row["title"], status=row["status"], opened_on=row["opened_on"],
        closed_on=row["closed_on"], is_demo=row["is_demo"],
    )


class EditionsApi(_AdminApi):
    path = "/api/v1/staff/editions"

    @get("/")
    async def editions(self, request: Request) -> EditionsOut:
        """Editions, newest first, and the definition files that could be opened."""
        return EditionsOut(
            editions=[_edition(e) for e in await admin.list_editions()],
            definition_files=admin.definition_files(definitions_dir(request)),
        )

    @post("/", status_code=201, responses=_PROBLEMS)
    async def open(self, request: Request, data: JSONBody[EditionOpenIn]) -> EditionOut:
        """Validate a definition file and open its year's edition; every problem is located."""
        try:
            return _edition(await admin.open_edition_file(definitions_dir(request), data.file))
        except InputProblems as exc:
            return problems_response(exc)  # type: ignore[return-value]
        except DefinitionError as exc:
            return Response(  # type: ignore[return-value]
                ProblemsOut(
                    400,
                    f"{data.file} is not a valid survey definition; nothing was changed.",
                    [ProblemOut(p.location, p.message) for p in exc.problems],
                ),
                status_code=400,
            )

    @post("/{year:int}/close", status_code=200)
    async def close(self, year: FromPath[int]) -> EditionOut:
        """Close an edition: its access codes stop working."""
        try:
            return _edition(await admin.close_edition(year))
        except LookupError:
            raise NotFoundException() from None


def _code(request: Request, row: dict) -> AccessCodeOut:
    return AccessCodeOut(
        code=row["code"], label=row["label"], year=row["year"], opens_on=row["opens_on"],
        closes_on=row["closes_on"], max_uses=row["max_uses"],
        shared_device=row["shared_device"], status=row["status"],
        url=pupil_url(request, row["code"]),
    )


class SchoolsApi(_AdminApi):
    path = "/api/v1/staff/schools"

    @get("/")
    async def schools(self) -> list[SchoolOut]:
        return [
            SchoolOut(code=s["code"], name=s["name"], kind=s["kind"], roll=s["roll"],
                      is_demo=s["is_demo"])
            for s in await admin.list_schools()
        ]

    @post("/", status_code=201, responses=_PROBLEMS)
    async def register(self, data: JSONBody[SchoolIn]) -> SchoolOut:
        """Register a school with its pupil roll (for response rates)."""
        try:
            s = await admin.register_school(data.code, data.name, data.kind, data.roll)
        except InputProblems as exc:
            return problems_response(exc)  # type: ignore[return-value]
        return SchoolOut(code=s["code"], name=s["name"], kind=s["kind"], roll=s["roll"],
                         is_demo=False)

    @get("/{code:str}/codes")
    async def codes(
        self, request: Request, code: FromPath[str], year: FromQuery[int | None] = None
    ) -> list[AccessCodeOut]:
        """A school's class access codes (use counts are not given: they count pupils)."""
        if await admin.get_school(code) is None:
            raise NotFoundException()
        return [_code(request, row) for row in await admin.list_codes(code, year=year)]

    @post("/{code:str}/codes", status_code=201, responses=_PROBLEMS)
    async def issue(
        self, request: Request, code: FromPath[str], data: JSONBody[IssueCodesIn]
    ) -> list[AccessCodeOut]:
        """Issue one code per class label, all or none."""
        try:
            rows = await admin.issue_codes(
                code, data.year, [label.strip() for label in data.labels if label.strip()],
                data.opens_on, data.closes_on, data.max_uses, data.shared_device,
            )
        except LookupError:
            raise NotFoundException() from None
        except InputProblems as exc:
            return problems_response(exc)  # type: ignore[return-value]
        return [_code(request, row) for row in rows]


class ResponseRatesApi(_AdminApi):
    path = "/api/v1/staff/response-rates"

    @get("/")
    async def rates(self, request: Request, year: FromQuery[int]) -> RatesOut:
        """Responses per school against its roll; small counts are null (suppressed)."""
        try:
            r: dict[str, Any] = await admin.response_rates(
                year, request.app.state.settings.min_group_size
            )
        except LookupError:
            raise NotFoundException() from None
        return RatesOut(
            year=r["year"], min_group_size=r["min_group_size"],
            schools=[RateOut(**row) for row in r["schools"]],
            total_responses=r["total_responses"], total_roll=r["total_roll"],
            total_rate_percent=r["total_rate_percent"],
        )
