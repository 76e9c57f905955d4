"""Signing in and out, changing one's password, the staff home page, and their JSON API."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, delete, get, post
from litestar.di import Provide
from litestar.openapi import ResponseSpec
from litestar.params import FromQuery, JSONBody
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_204_NO_CONTENT

from backend.i18n import translations
from backend.ratelimit.web import RateLimited, check_sign_in, sign_in_failed
from backend.staff.accounts import (
    AUTH,
    SignInRefused,
    StaffPrincipal,
    authenticate,
    change_password,
    create_session,
    end_session,
    resolve_session,
)
from backend.staff.guards import (
    ALLOW_PASSWORD_CHANGE,
    STAFF_COOKIE,
    Staff,
    StaffPages,
    requires,
    session_cookie,
    staff_principal,
)
from backend.staff.pages import form_values, page
from backend.staff.problems import N_, FieldProblem, InputProblems
from backend.staff.schemas import (
    MeOut,
    PasswordChangeIn,
    ProblemOut,
    ProblemsOut,
    SignInIn,
    SignInRefusedOut,
)

__all__ = ["SessionApiController", "SignInController", "StaffHomeController"]

_LOCKED = N_(
    "This account is locked for %(minutes)s minutes after too many failed sign-ins. "
    "Try again later, or ask an admin to reset your password."
)
_INVALID = N_("The email address or password is not right.")


def _refusal(reason: str) -> FieldProblem:
    if reason == "locked":
        return FieldProblem("email", _LOCKED, {"minutes": int(AUTH.lockout.total_seconds() // 60)})
    return FieldProblem("email", _INVALID)


def _safe_next(target: str) -> str:
    """Only a staff page of this site: never another host (``//evil``) or a pupil page."""
    if target.startswith("/staff") and not target.startswith("//") and "\\" not in target:
        return target
    return "/staff"


def _me(principal: StaffPrincipal) -> MeOut:
    return MeOut(
        id=principal.id,
        email=principal.email,
        role=principal.role,
        school=principal.school_code,
        must_change_password=principal.must_change_password,
    )


class SignInController(StaffPages):
    """Sign-in, sign-out and the change-password page."""

    path = "/staff"

    @get("/sign-in")
    async def sign_in_form(self, request: Request, next: FromQuery[str] = "/staff") -> Template:
        return page(request, "sign_in.html", next=_safe_next(next))

    @post("/sign-in")
    async def sign_in(self, request: Request) -> Any:
        values = await form_values(request)
        target = _safe_next(values.get("next", "/staff"))
        problems = []
        if not values.get("email"):
            problems.append(FieldProblem("email", N_("Enter your email address.")))
        if not values.get("password"):
            problems.append(FieldProblem("password", N_("Enter your password.")))
        if not problems:
            try:
                await check_sign_in(request, values["email"])
            except RateLimited as limited:
                t = translations(getattr(request.state, "lang", "en"))
                refused_page = page(
                    request, "sign_in.html", status_code=429, next=target,
                    problems=[FieldProblem("email", limited.refusal.describe(t.gettext,
                                                                              t.ngettext))],
                    values={"email": values.get("email", "")},
                )
                refused_page.headers.update(limited.refusal.headers)
                return refused_page
            try:
                user_id = await authenticate(values["email"], values["password"])
            except SignInRefused as refused:
                await sign_in_failed(request, values["email"])
                problems.append(_refusal(refused.reason))
        if problems:
            return page(
                request, "sign_in.html", problems=problems, next=target,
                values={"email": values.get("email", "")},
            )
        # A fresh token at every sign-in; any session this browser had is ended.
        await end_session(request.cookies.get(STAFF_COOKIE, ""))
        token = await create_session(user_id)
        return Redirect(target, status_code=303, cookies=[session_cookie(request, token)])

    @post("/sign-out", guards=[requires()], opt={ALLOW_PASSWORD_CHANGE: True})
    async def sign_out(self, request: Request) -> Redirect:
        await end_session(request.cookies.get(STAFF_COOKIE, ""))
        return Redirect(
            "/staff/sign-in?notice=signed_out",
            status_code=303,
            cookies=[session_cookie(request, None)],
        )

    @get(
        "/password",
        guards=[requires()],
        opt={ALLOW_PASSWORD_CHANGE: True},
    )
    async def password_form(self, request: Request, staff: Staff) -> Template:
        return page(request, "password.html", forced=staff.must_change_password)

    @post(
        "/password",
        guards=[requires()],
        opt={ALLOW_PASSWORD_CHANGE: True},
    )
    async def password_change(self, request: Request, staff: Staff) -> Any:
        values = await form_values(request)
        problems: list[FieldProblem] = []
        if values.get("new_password", "") != values.get("confirm_password", ""):
            problems.append(
                FieldProblem("confirm_password", N_("The two new passwords are not the same."))
            )
        else:
            try:
                await change_password(
                    staff.id,
                    values.get("current_password", ""),
                    values.get("new_password", ""),
                    request.cookies.get(STAFF_COOKIE),
                )
            except InputProblems as exc:
                problems = exc.problems
        if problems:
            return page(
                request, "password.html", problems=problems, forced=staff.must_change_password
            )
        return Redirect("/staff?notice=password_changed", status_code=303)


class StaffHomeController(StaffPages):
    """The page every role lands on: what they can do here."""

    path = "/staff"
    guards = [requires()]

    @get("/")
    async def home(self, request: Request, staff: Staff) -> Template:
        return page(request, "home.html")


class SessionApiController(Controller):
    """Sign in and out for tools. Send the ``csrftoken`` cookie's value as ``X-CSRFToken``."""

    path = "/api/v1/staff/session"
    tags = ["staff"]

    @post(
        "/",
        status_code=201,
        responses={
            401: ResponseSpec(SignInRefusedOut, description="Wrong email or password, or locked"),
            429: ResponseSpec(SignInRefusedOut, description="Too many failed sign-ins from this "
                              "address or on this account: wait for Retry-After seconds"),
            400: ResponseSpec(ProblemsOut, description="Email or password missing"),
        },
    )
    async def sign_in(self, request: Request, data: JSONBody[SignInIn]) -> Response[MeOut]:
        """Sign in; the answer sets the ``staff`` session cookie."""
        if not data.email or not data.password:
            return Response(  # type: ignore[return-value]
                ProblemsOut(400, "Email and password are both needed.",
                            [ProblemOut("email", "Enter your email address and password.")]),
                status_code=400,
            )
        try:
            await check_sign_in(request, data.email)
        except RateLimited as limited:
            return Response(  # type: ignore[return-value]
                SignInRefusedOut(429, "rate_limited", limited.refusal.describe()),
                status_code=429,
                headers=limited.refusal.headers,
            )
        try:
            user_id = await authenticate(data.email, data.password)
        except SignInRefused as refused:
            await sign_in_failed(request, data.email)
            return Response(  # type: ignore[return-value]
                SignInRefusedOut(401, refused.reason, _refusal(refused.reason).text()),
                status_code=401,
            )
        await end_session(request.cookies.get(STAFF_COOKIE, ""))
        token = await create_session(user_id)
        principal = await resolve_session(token)
        assert principal is not None
        return Response(_me(principal), status_code=201, cookies=[session_cookie(request, token)])

    @get(
        "/",
        guards=[requires()],
        opt={ALLOW_PASSWORD_CHANGE: True},
        dependencies={"staff": Provide(staff_principal)},
    )
    async def me(self, staff: Staff) -> MeOut:
        """Who is signed in."""
        return _me(staff)

    @delete("/", guards=[requires()], opt={ALLOW_PASSWORD_CHANGE: True},
            status_code=HTTP_204_NO_CONTENT)
    async def sign_out(self, request: Request) -> Response[None]:
        """Sign out: the session ends on the server, so the cookie no longer works anywhere."""
        await end_session(request.cookies.get(STAFF_COOKIE, ""))
        return Response(None, status_code=204, cookies=[session_cookie(request, None)])

    @post(
        "/password",
        guards=[requires()],
        opt={ALLOW_PASSWORD_CHANGE: True},
        dependencies={"staff": Provide(staff_principal)},
        status_code=HTTP_204_NO_CONTENT,
        responses={400: ResponseSpec(ProblemsOut, description="The new password is not accepted")},
    )
    async def password_change(
        self, request: Request, data: JSONBody[PasswordChangeIn], staff: Staff
    ) -> Response[None]:
        """Change one's own password (required after an admin's reset); other sessions end."""
        try:
            await change_password(
                staff.id, data.current_password, data.new_password,
                request.cookies.get(STAFF_COOKIE),
            )
        except InputProblems as exc:
            return problems_response(exc)  # type: ignore[return-value]
        return Response(None, status_code=204)


def problems_response(exc: InputProblems) -> Response[ProblemsOut]:
    return Response(
        ProblemsOut(
            400,
            "The request has problems; nothing was changed.",
            [ProblemOut(p.field, p.text()) for p in exc.problems],
        ),
        status_code=400,
    )
