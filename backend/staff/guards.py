"""Who may reach a staff route: the session cookie, role guards and how refusals look.

Guards raise Litestar's own exceptions. Pages turn "not signed in" into a
redirect to the sign-in page and "not allowed" into a plain 403 page; the
JSON API answers 401 or 403 in the app's usual problem shape.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

from litestar import Controller, Request, Response
from litestar.datastructures import Cookie
from litestar.di import NamedDependency, Provide
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.response import Redirect

from backend.i18n import negotiate
from backend.staff.accounts import StaffPrincipal, resolve_session
from backend.staff.pages import page

if TYPE_CHECKING:
    from litestar.connection import ASGIConnection
    from litestar.handlers.base import BaseRouteHandler
    from litestar.types import Guard

__all__ = [
    "ALLOW_PASSWORD_CHANGE",
    "STAFF_COOKIE",
    "PasswordChangeRequired",
    "Staff",
    "StaffPages",
    "current_staff",
    "page_exception_handlers",
    "requires",
    "session_cookie",
    "set_staff_language",
    "staff_principal",
]

STAFF_COOKIE = "staff"
ALLOW_PASSWORD_CHANGE = "staff_allow_password_change"
"""Route ``opt`` key: reachable while the user still has to replace a one-time password."""
SIGN_IN_PATH = "/staff/sign-in"
PASSWORD_PATH = "/staff/password"

_UNSET = object()


class PasswordChangeRequired(PermissionDeniedException):
    """Signed in with a one-time password: only the change-password page is open."""


async def current_staff(connection: ASGIConnection) -> StaffPrincipal | None:
    """The signed-in member of staff, looked up once per request."""
    found = connection.scope.get("state", {}).get("staff_principal", _UNSET)
    if found is _UNSET:
        token = connection.cookies.get(STAFF_COOKIE, "")
        found = await resolve_session(token) if token else None
        connection.scope.setdefault("state", {})["staff_principal"] = found
    return found  # type: ignore[return-value]


def requires(*roles: str) -> Guard:
    """A guard letting through signed-in staff with one of ``roles`` (any role when none given)."""

    async def guard(connection: ASGIConnection, handler: BaseRouteHandler) -> None:
        principal = await current_staff(connection)
        if principal is None:
            raise NotAuthorizedException("Sign in to continue.")
        if principal.must_change_password and not handler.opt.get(ALLOW_PASSWORD_CHANGE):
            raise PasswordChangeRequired("Choose a new password before going on.")
        if roles and principal.role not in roles:
            raise PermissionDeniedException("Your role does not give access to this.")

    guard.__name__ = f"requires_{'_'.join(roles) or 'staff'}"
    return guard


Staff = NamedDependency[StaffPrincipal]
"""Handler parameter type for the signed-in user (provide it with ``staff_principal``)."""


async def staff_principal(request: Request) -> StaffPrincipal:
    """Dependency for handlers behind a guard: the signed-in user."""
    principal = await current_staff(request)
    if principal is None:  # only reachable if a handler forgot its guard
        raise NotAuthorizedException("Sign in to continue.")
    return principal


def session_cookie(request: Request, token: str | None) -> Cookie:
    """The session cookie: only a random token; cleared when ``token`` is None."""
    https = request.app.state.settings.https
    return Cookie(
        key=STAFF_COOKIE,
        value=token or "",
        path="/",
        httponly=True,
        samesite="strict",
        secure=https,
        max_age=None if token else 0,
    )


def set_staff_language(request: Request) -> None:
    """``before_request`` hook: staff pages follow the browser's language where translated."""
    request.state.lang = negotiate(request.headers.get("accept-language"))


def _to_sign_in(request: Request, _: NotAuthorizedException) -> Response:
    target = request.url.path
    if request.url.query:
        target += "?" + request.url.query
    next_part = f"?next={quote(target, safe='/')}" if request.method == "GET" else ""
    return Redirect(f"{SIGN_IN_PATH}{next_part}", status_code=303)


def _forbidden(request: Request, exc: PermissionDeniedException) -> Response:
    if isinstance(exc, PasswordChangeRequired):
        return Redirect(PASSWORD_PATH, status_code=303)
    if not hasattr(request.state, "lang"):
        set_staff_language(request)
    return page(request, "forbidden.html", status_code=403)


def page_exception_handlers() -> dict:
    """For page controllers: redirects and HTML instead of JSON problems."""
    return {NotAuthorizedException: _to_sign_in, PermissionDeniedException: _forbidden}


class StaffPages(Controller):
    """What every staff page controller shares: kept out of the API schema, in the browser's
    language, refusals as pages (a sign-in redirect, a 403 page), and the signed-in user
    injected as ``staff``. Each controller adds its path and its role guard."""

    include_in_schema = False
    before_request = set_staff_language
    exception_handlers = page_exception_handlers()
    dependencies = {"staff": Provide(staff_principal)}
