"""Sign-in, lock-out, sessions held in the database, sign-out, password reset, CSRF.

Tests taking ``client`` run on SQLite and PostgreSQL: the lock-out counter and the
sessions live in the database so that several worker processes agree, which two apps on
one database show. Tests of request handling alone take ``sqlite_client``.
"""

from __future__ import annotations

import asyncio
import datetime as dt

from litestar.testing import TestClient

from backend.app import create_app
from backend.settings import Settings
from backend.staff.accounts import AUTH, authenticate, hash_token, resolve_session
from backend.storage.tables import School, StaffSession, StaffUser
from tests.backend.staff.helpers import (
    PASSWORD,
    csrf_headers,
    make_user,
    sign_in,
    use_session,
)
from tests.conftest import TEST_SECRET


def _user(email: str) -> dict:
    return asyncio.run(
        StaffUser.select(StaffUser.failed_sign_ins, StaffUser.locked_until,
                         StaffUser.password_hash, StaffUser.must_change_password)
        .where(StaffUser.email == email).first().run()
    )


def test_sign_in_sets_a_random_token_cookie_and_stores_only_its_hash(client):
    make_user("reviewer")
    reply = sign_in(client, "Reviewer@Test.invalid")
    assert reply.status_code == 303 and reply.headers["location"] == "/staff"
    cookie = reply.headers["set-cookie"]
    assert cookie.startswith("staff=")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    token = client.cookies.get("staff")
    stored = asyncio.run(StaffSession.select(StaffSession.token_hash).run())
    assert [row["token_hash"] for row in stored] == [hash_token(token)]
    assert token not in str(stored)
    assert "$argon2id$" in _user("reviewer@test.invalid")["password_hash"]
    home = client.get("/staff")
    assert home.status_code == 200
    assert "reviewer@test.invalid" in home.text


def test_session_cookie_is_secure_when_served_over_https(sqlite_url):
    app = create_app(Settings.from_env(
        {"DATABASE_URL": sqlite_url, "FEELSAFE_SECRET_KEY": TEST_SECRET, "FEELSAFE_HTTPS": "1"}
    ))
    make_user("reviewer")
    with TestClient(app, base_url="https://testserver.local") as client:
        reply = sign_in(client, "reviewer@test.invalid")
    assert reply.status_code == 303
    assert "Secure" in reply.headers["set-cookie"]


def test_wrong_password_is_refused_with_an_error_linked_to_the_field(sqlite_client):
    make_user("reviewer")
    reply = sign_in(sqlite_client, "reviewer@test.invalid", "not the password at all")
    assert reply.status_code == 400
    assert "<title>Error:" in reply.text
    assert 'href="#email"' in reply.text
    assert "The email address or password is not right." in reply.text
    assert "staff=" not in reply.headers.get("set-cookie", "")


def test_five_failures_lock_the_account_across_workers_for_fifteen_minutes(settings, client):
    """Two apps on one database stand for two worker processes: the count is shared."""
    make_user("admin")
    other_worker = create_app(settings)
    with TestClient(other_worker) as other:
        for attempt in range(AUTH.max_failures):
            worker = client if attempt % 2 == 0 else other
            reply = sign_in(worker, "admin@test.invalid", f"wrong password {attempt}")
            assert reply.status_code == 400
        assert "locked for 15 minutes" in reply.text
        # Locked: even the right password is refused, in either worker.
        for worker in (client, other):
            reply = sign_in(worker, "admin@test.invalid", PASSWORD)
            assert reply.status_code == 400
            assert "locked for 15 minutes" in reply.text
    locked_until = _user("admin@test.invalid")["locked_until"]
    now = dt.datetime.now(dt.UTC)
    assert dt.timedelta(minutes=14) < locked_until - now <= dt.timedelta(minutes=15)
    # After the lock-out the right password works again (and the counter starts afresh).
    later = now + AUTH.lockout + dt.timedelta(seconds=1)
    assert asyncio.run(authenticate("admin@test.invalid", PASSWORD, now=later))
    assert _user("admin@test.invalid")["failed_sign_ins"] == 0


def test_fewer_failures_than_the_limit_do_not_lock_and_success_resets_the_count(sqlite_client):
    make_user("admin")
    for attempt in range(AUTH.max_failures - 1):
        sign_in(sqlite_client, "admin@test.invalid", f"wrong password {attempt}")
    assert _user("admin@test.invalid")["failed_sign_ins"] == AUTH.max_failures - 1
    assert sign_in(sqlite_client, "admin@test.invalid").status_code == 303
    assert _user("admin@test.invalid")["failed_sign_ins"] == 0


def test_sign_out_ends_the_session_on_the_server(client, settings):
    make_user("admin")
    sign_in(client, "admin@test.invalid")
    old_token = client.cookies.get("staff")
    assert client.get("/api/v1/staff/session").status_code == 200
    reply = client.post("/staff/sign-out", headers=csrf_headers(client), follow_redirects=False)
    assert reply.status_code == 303
    assert 'staff=""' in reply.headers["set-cookie"] or "staff=;" in reply.headers["set-cookie"]
    # A copy of the old cookie (kept by an attacker, or another worker) no longer works.
    with TestClient(create_app(settings)) as elsewhere:
        use_session(elsewhere, old_token)
        assert elsewhere.get("/api/v1/staff/session").status_code == 401
        page = elsewhere.get("/staff/admin/users", follow_redirects=False)
        assert page.status_code == 303
        assert page.headers["location"].startswith("/staff/sign-in")
    assert asyncio.run(StaffSession.count().run()) == 0


def test_a_session_works_in_every_worker(client, settings):
    make_user("admin")
    sign_in(client, "admin@test.invalid")
    token = client.cookies.get("staff")
    with TestClient(create_app(settings)) as other:
        use_session(other, token)
        assert other.get("/api/v1/staff/session").json()["email"] == "admin@test.invalid"


def test_sessions_end_when_idle_or_too_old(client):
    make_user("reviewer")
    sign_in(client, "reviewer@test.invalid")
    token = client.cookies.get("staff")
    now = dt.datetime.now(dt.UTC)
    assert asyncio.run(resolve_session(token, now=now + dt.timedelta(minutes=5))) is not None
    assert asyncio.run(resolve_session(token, now=now + AUTH.idle_timeout * 2)) is None
    assert asyncio.run(StaffSession.count().run()) == 0  # the ended session was removed


def test_admin_reset_gives_a_one_time_password_that_must_be_changed(client):
    user_id = make_user("reviewer")
    make_user("admin")
    # The reviewer is signed in somewhere, and then locks themselves out.
    with TestClient(client.app) as reviewer_browser:
        sign_in(reviewer_browser, "reviewer@test.invalid")
        old_token = reviewer_browser.cookies.get("staff")
    for attempt in range(AUTH.max_failures):
        sign_in(client, "reviewer@test.invalid", f"wrong {attempt} password")
    assert _user("reviewer@test.invalid")["locked_until"] is not None

    sign_in(client, "admin@test.invalid")
    reply = client.post(
        f"/staff/admin/users/{user_id}/password",
        data={"password": "one-time-password-42"},
        headers=csrf_headers(client),
        follow_redirects=False,
    )
    assert reply.status_code == 303
    state = _user("reviewer@test.invalid")
    assert state["locked_until"] is None and state["must_change_password"]
    assert asyncio.run(resolve_session(old_token)) is None  # signed out everywhere

    with TestClient(client.app) as browser:
        assert sign_in(browser, "reviewer@test.invalid", PASSWORD).status_code == 400
        assert sign_in(browser, "reviewer@test.invalid", "one-time-password-42").status_code == 303
        home = browser.get("/staff", follow_redirects=False)
        assert home.status_code == 303 and home.headers["location"] == "/staff/password"
        assert browser.get("/api/v1/staff/session").json()["must_change_password"] is True
        mismatch = browser.post(
            "/staff/password",
            data={"current_password": "one-time-password-42",
                  "new_password": "my own new passphrase", "confirm_password": "different"},
            headers=csrf_headers(browser),
        )
        assert mismatch.status_code == 400 and 'href="#confirm_password"' in mismatch.text
        changed = browser.post(
            "/staff/password",
            data={"current_password": "one-time-password-42",
                  "new_password": "my own new passphrase",
                  "confirm_password": "my own new passphrase"},
            headers=csrf_headers(browser),
            follow_redirects=False,
        )
        assert changed.status_code == 303
        assert browser.get("/staff").status_code == 200
    assert not _user("reviewer@test.invalid")["must_change_password"]


def test_deactivated_account_is_signed_out_and_cannot_sign_in(sqlite_client):
    user_id = make_user("reviewer")
    make_user("admin")
    with TestClient(sqlite_client.app) as reviewer_browser:
        sign_in(reviewer_browser, "reviewer@test.invalid")
        token = reviewer_browser.cookies.get("staff")
    sign_in(sqlite_client, "admin@test.invalid")
    reply = sqlite_client.patch(f"/api/v1/staff/users/{user_id}", json={"active": False},
                         headers=csrf_headers(sqlite_client))
    assert reply.status_code == 200 and reply.json()["active"] is False
    assert asyncio.run(resolve_session(token)) is None
    with TestClient(sqlite_client.app) as browser:
        assert sign_in(browser, "reviewer@test.invalid").status_code == 400


def test_form_post_without_csrf_token_is_refused_and_changes_nothing(sqlite_client):
    make_user("admin")
    sign_in(sqlite_client, "admin@test.invalid")
    before = asyncio.run(School.count().run())
    reply = sqlite_client.post(
        "/staff/admin/schools",
        data={"code": "NEWS", "name": "New School", "kind": "secondary", "roll": "500"},
    )
    assert reply.status_code == 403
    api = sqlite_client.post("/api/v1/staff/schools",
                      json={"code": "NEWS", "name": "New School", "kind": "secondary", "roll": 5})
    assert api.status_code == 403
    assert asyncio.run(School.count().run()) == before
    # With the token the same request goes through.
    ok = sqlite_client.post(
        "/staff/admin/schools",
        data={"code": "NEWS", "name": "New School", "kind": "secondary", "roll": "500"},
        headers=csrf_headers(sqlite_client),
        follow_redirects=False,
    )
    assert ok.status_code == 303
    assert asyncio.run(School.count().run()) == before + 1


def test_sign_in_without_csrf_token_is_refused(sqlite_client):
    make_user("admin")
    reply = sqlite_client.post("/staff/sign-in",
                        data={"email": "admin@test.invalid", "password": PASSWORD})
    assert reply.status_code == 403
    assert asyncio.run(StaffSession.count().run()) == 0


def test_api_sign_in_and_out_for_tools(sqlite_client):
    make_user("safeguarding_lead")
    headers = csrf_headers(sqlite_client)
    bad = sqlite_client.post("/api/v1/staff/session",
                      json={"email": "safeguarding_lead@test.invalid", "password": "nope nope"},
                      headers=headers)
    assert bad.status_code == 401 and bad.json()["reason"] == "invalid"
    good = sqlite_client.post("/api/v1/staff/session",
                       json={"email": "safeguarding_lead@test.invalid", "password": PASSWORD},
                       headers=headers)
    assert good.status_code == 201
    assert good.json()["role"] == "safeguarding_lead"
    assert sqlite_client.get("/api/v1/staff/session").status_code == 200
    assert sqlite_client.delete("/api/v1/staff/session", headers=headers).status_code == 204
    assert sqlite_client.get("/api/v1/staff/session").status_code == 401


def test_sign_in_redirects_only_to_staff_pages(sqlite_client):
    make_user("admin")
    reply = sqlite_client.post(
        "/staff/sign-in",
        data={"email": "admin@test.invalid", "password": PASSWORD,
              "next": "//evil.example/staff"},
        headers=csrf_headers(sqlite_client),
        follow_redirects=False,
    )
    assert reply.headers["location"] == "/staff"
    use_session(sqlite_client, None)
    reply = sqlite_client.post(
        "/staff/sign-in",
        data={"email": "admin@test.invalid", "password": PASSWORD,
              "next": "/staff/admin/schools"},
        headers=csrf_headers(sqlite_client),
        follow_redirects=False,
    )
    assert reply.headers["location"] == "/staff/admin/schools"
