"""Staff in the browser tests: accounts made with ``feelsafe user create``, signing in by form.

The live server's database is the seeded demo one (tests/browser/seed.py): the school DEMO,
the open 2026 edition and the class code DEMO26.
"""

from __future__ import annotations

import uuid

import httpx

from backend.staff.accounts import ROLES
from tests.backend.submission_helpers import full_answers
from tests.conftest import run_feelsafe

__all__ = ["PASSWORD", "SCHOOL", "create_staff", "send_flagged_answer", "sign_in"]

PASSWORD = "browser tests sign in here"
SCHOOL = "DEMO"


def create_staff(live_server) -> dict[str, str]:
    """One account per role (the SEND lead's for DEMO); returns each role's email."""
    url = f"sqlite:///{live_server.db_path}"
    emails = {}
    for role in ROLES:
        email = f"{role.replace('_', '.')}.browser@test.invalid"
        school = ["--school", SCHOOL] if role == "send_lead" else []
        done = run_feelsafe(url, "user", "create", "--email", email, "--role", role, *school,
                            input=PASSWORD + "\n")
        assert done.returncode == 0, done.stderr
        emails[role] = email
    return emails


def sign_in(page, live_server, email: str) -> None:
    """Sign in through the form, as a person does, and land on the staff home page."""
    page.goto(live_server.url("/staff/sign-in"))
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server.url("/staff"))


def send_flagged_answer(live_server, text: str) -> None:
    """A pupil's answer the concern screen flags, sent and then screened (``feelsafe analyse``).

    The server's own analysis worker may screen it first; running the command as well makes
    sure it has been screened before the test goes on, without waiting on a clock.
    """
    body = {
        "access_code": "DEMO26", "language": "en", "variant": "standard",
        "client_submission_id": str(uuid.uuid4()),
        "answers": {**full_answers(), "anything_else": text},
    }
    reply = httpx.post(live_server.url("/api/v1/responses"), json=body, timeout=30)
    assert reply.status_code == 201, reply.text
    done = run_feelsafe(f"sqlite:///{live_server.db_path}", "analyse")
    assert done.returncode == 0, done.stderr
