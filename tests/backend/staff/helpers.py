"""Signing staff in for tests: accounts made in the database, sessions as a browser has them."""

from __future__ import annotations

import asyncio

from backend.staff.accounts import ROLES, create_session, create_user
from backend.staff.guards import STAFF_COOKIE

PASSWORD = "correct horse battery staple"


def make_user(role: str, *, school: str | None = None, email: str | None = None,
              password: str = PASSWORD, must_change: bool = False) -> int:
    if school is None and role == "send_lead":
        school = "TST"
    return asyncio.run(create_user(
        email or f"{role}@test.invalid", password, role, school,
        must_change_password=must_change,
    ))


def session_for(user_id: int) -> str:
    return asyncio.run(create_session(user_id))


def use_session(client, token: str | None) -> None:
    """Make ``client`` act as the browser holding ``token`` (None: no staff cookie)."""
    client.cookies.delete(STAFF_COOKIE)
    if token:
        client.cookies.set(STAFF_COOKIE, token)


def csrf_headers(client) -> dict[str, str]:
    """The double-submit token: a GET gives the csrftoken cookie; forms and API echo it."""
    if not client.cookies.get("csrftoken"):
        client.get("/staff/sign-in")
    return {"x-csrftoken": client.cookies.get("csrftoken")}


def sign_in(client, email: str, password: str = PASSWORD):
    """Sign in through the real form, as a browser does."""
    return client.post(
        "/staff/sign-in",
        data={"email": email, "password": password},
        headers=csrf_headers(client),
        follow_redirects=False,
    )


__all__ = ["PASSWORD", "ROLES", "csrf_headers", "make_user", "session_for", "sign_in",
           "use_session"]
