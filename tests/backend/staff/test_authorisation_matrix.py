"""Every staff route against every role, a user who must change their password, and no login.

Pages refuse by redirecting to sign-in (no login) or with a 403 page (wrong role);
the JSON API answers 401 or 403. An allowed request is never refused, and an
allowed GET shows its page.
"""

from __future__ import annotations

from backend.staff.accounts import ROLES
from tests.backend.staff.concern_helpers import flagged_reference
from tests.backend.staff.helpers import csrf_headers, make_user, session_for, use_session
from tests.backend.staff.review_helpers import review_targets

ADMIN = {"admin"}
LEAD = {"safeguarding_lead"}
REVIEWER = {"reviewer"}
EVERY_ROLE = set(ROLES)
LETTERS = {"admin", "send_lead"}
TOOLKIT = {"ambassador", "reviewer", "admin"}
FINDINGS = {"reviewer"}
OWN_SCHOOL = {"reviewer", "send_lead"}  # the matrix's SEND lead works for TST

# (method, path, body, roles allowed). Bodies are deliberately incomplete, so an allowed
# request fails validation (400) or finds nothing (404) instead of changing anything.
PAGES = [
    ("GET", "/staff", None, EVERY_ROLE),
    ("GET", "/staff/password", None, EVERY_ROLE),
    ("POST", "/staff/password", {}, EVERY_ROLE),
    ("GET", "/staff/admin/users", None, ADMIN),
    ("POST", "/staff/admin/users", {}, ADMIN),
    ("POST", "/staff/admin/users/{victim}/password", {}, ADMIN),
    ("POST", "/staff/admin/users/999999/active", {"active": "1"}, ADMIN),
    ("GET", "/staff/admin/editions", None, ADMIN),
    ("POST", "/staff/admin/editions", {"file": "no-such.toml"}, ADMIN),
    ("POST", "/staff/admin/editions/1999/close", {}, ADMIN),
    ("GET", "/staff/admin/schools", None, ADMIN),
    ("POST", "/staff/admin/schools", {}, ADMIN),
    ("GET", "/staff/admin/schools/TST/codes", None, ADMIN),
    ("POST", "/staff/admin/schools/TST/codes", {}, ADMIN),
    ("GET", "/staff/admin/schools/TST/codes/sheet", None, ADMIN),
    ("GET", "/staff/admin/response-rates", None, ADMIN),
    ("GET", "/staff/send/paper?lang=en&variant=standard", None, {"send_lead"}),
    ("GET", "/staff/send/entry", None, {"send_lead"}),
    ("POST", "/staff/send/entry", {"client_submission_id": "x"}, {"send_lead"}),
    ("GET", "/staff/letters", None, LETTERS),
    ("GET", "/staff/letters/TST/letter?lang=en", None, LETTERS),
    ("GET", "/staff/letters/assent?lang=en", None, LETTERS),
    ("GET", "/staff/toolkit", None, TOOLKIT),
    ("GET", "/staff/toolkit/download?lang=en", None, TOOLKIT),
    ("GET", "/staff/concerns", None, LEAD),
    ("GET", "/staff/concerns/{concern}", None, LEAD),
    ("POST", "/staff/concerns/{concern}/close", {}, LEAD),
    ("GET", "/staff/actions", None, REVIEWER),
    ("POST", "/staff/actions", {}, REVIEWER),
    ("POST", "/staff/actions/999999", {}, REVIEWER),
    ("POST", "/staff/actions/999999/remove", {}, REVIEWER),
    ("GET", "/staff/review", None, REVIEWER),
    ("GET", "/staff/review/{answer}", None, REVIEWER),
    ("POST", "/staff/review/{answer}/themes", {}, REVIEWER),
    ("POST", "/staff/review/{answer}/translation", {}, REVIEWER),
    ("POST", "/staff/review/{answer}/redaction", {}, REVIEWER),
    ("POST", "/staff/review/{answer}/quote", {}, REVIEWER),
    ("GET", "/staff/interviews", None, REVIEWER),
    ("GET", "/staff/interviews/new", None, REVIEWER),
    ("POST", "/staff/interviews", {}, REVIEWER),
    ("GET", "/staff/interviews/{note}", None, REVIEWER),
    ("POST", "/staff/interviews/{note}", {}, REVIEWER),
    ("GET", "/staff/findings", None, OWN_SCHOOL),
    ("GET", "/staff/findings/2026", None, FINDINGS),
    ("GET", "/staff/findings/2026/questions/safe_at_school", None, FINDINGS),
    ("GET", "/staff/findings/2026/themes", None, FINDINGS),
    ("GET", "/staff/findings/2026/schools/TST", None, OWN_SCHOOL),
    ("GET", "/staff/findings/2026/schools/TST/questions/safe_at_school", None, OWN_SCHOOL),
]
API = [
    ("GET", "/api/v1/staff/session", None, EVERY_ROLE),
    ("POST", "/api/v1/staff/session/password", {"current_password": "x", "new_password": "y"},
     EVERY_ROLE),
    ("GET", "/api/v1/staff/users", None, ADMIN),
    ("POST", "/api/v1/staff/users", {"email": "", "role": "x", "password": ""}, ADMIN),
    ("POST", "/api/v1/staff/users/{victim}/password", {"password": "short"}, ADMIN),
    ("PATCH", "/api/v1/staff/users/999999", {"active": True}, ADMIN),
    ("GET", "/api/v1/staff/editions", None, ADMIN),
    ("POST", "/api/v1/staff/editions", {"file": "no-such.toml"}, ADMIN),
    ("POST", "/api/v1/staff/editions/1999/close", None, ADMIN),
    ("GET", "/api/v1/staff/schools", None, ADMIN),
    ("POST", "/api/v1/staff/schools", {"code": "!", "name": "", "kind": "x", "roll": -1}, ADMIN),
    ("GET", "/api/v1/staff/schools/TST/codes", None, ADMIN),
    ("POST", "/api/v1/staff/schools/TST/codes",
     {"year": 2026, "labels": [], "opens_on": "2026-01-01", "closes_on": "2026-01-02"}, ADMIN),
    ("GET", "/api/v1/staff/response-rates?year=2026", None, ADMIN),
    ("GET", "/api/v1/staff/letters", None, LETTERS),
    ("GET", "/api/v1/staff/toolkits", None, TOOLKIT),
    ("POST", "/api/v1/staff/toolkits/prepare", {"lang": "xx"}, TOOLKIT),
    ("GET", "/api/v1/staff/concerns", None, LEAD),
    ("GET", "/api/v1/staff/concerns/{concern}", None, LEAD),
    ("POST", "/api/v1/staff/concerns/{concern}/close", {"action_taken": ""}, LEAD),
    ("GET", "/api/v1/staff/actions?year=2026", None, REVIEWER),
    ("POST", "/api/v1/staff/actions", {"year": 2026, "theme": "x", "texts": {}}, REVIEWER),
    ("PATCH", "/api/v1/staff/actions/999999", {"status": "done"}, REVIEWER),
    ("DELETE", "/api/v1/staff/actions/999999", None, REVIEWER),
    ("GET", "/api/v1/staff/review/themes", None, REVIEWER),
    ("GET", "/api/v1/staff/review/answers", None, REVIEWER),
    ("GET", "/api/v1/staff/review/answers/{answer}", None, REVIEWER),
    ("PUT", "/api/v1/staff/review/answers/{answer}/themes", {"themes": ["nope"]}, REVIEWER),
    ("PUT", "/api/v1/staff/review/answers/{answer}/translation", {"translation": ""}, REVIEWER),
    ("POST", "/api/v1/staff/review/answers/{answer}/redaction", {"phrases": []}, REVIEWER),
    ("PUT", "/api/v1/staff/review/answers/999999/quote", {"approved": True}, REVIEWER),
    ("GET", "/api/v1/staff/interviews", None, REVIEWER),
    ("POST", "/api/v1/staff/interviews", {"year": 1999, "kind": "x", "held_on": "2026-01-01",
                                          "title": "", "text": ""}, REVIEWER),
    ("GET", "/api/v1/staff/interviews/{note}", None, REVIEWER),
    ("PUT", "/api/v1/staff/interviews/{note}", {"year": 1999, "kind": "x",
                                                "held_on": "2026-01-01", "title": "",
                                                "text": ""}, REVIEWER),
    ("GET", "/api/v1/staff/findings", None, OWN_SCHOOL),
    ("GET", "/api/v1/staff/findings/2026", None, FINDINGS),
    ("GET", "/api/v1/staff/findings/2026/questions/safe_at_school", None, FINDINGS),
    ("GET", "/api/v1/staff/findings/2026/themes", None, FINDINGS),
    ("GET", "/api/v1/staff/findings/2026/schools/TST", None, OWN_SCHOOL),
    ("GET", "/api/v1/staff/findings/2026/schools/TST/questions/safe_at_school", None,
     OWN_SCHOOL),
]
# Reachable with a one-time password still to change; everything else sends them to change it.
PASSWORD_CHANGE_OPEN = {"/staff/password", "/api/v1/staff/session",
                        "/api/v1/staff/session/password"}


def _send(client, method, path, body, is_api):
    headers = csrf_headers(client)
    if body is None:
        return client.request(method, path, headers=headers, follow_redirects=False)
    if is_api:
        return client.request(method, path, json=body, headers=headers, follow_redirects=False)
    return client.request(method, path, data=body, headers=headers, follow_redirects=False)


def _check(reply, *, who, method, path, allowed, is_api, must_change=False):
    where = f"{who}: {method} {path} -> {reply.status_code}"
    if who == "anonymous":
        if is_api:
            assert reply.status_code == 401, where
        else:
            assert reply.status_code == 303, where
            assert reply.headers["location"].startswith("/staff/sign-in"), where
        return
    if must_change and path.split("?")[0] not in PASSWORD_CHANGE_OPEN:
        if is_api:
            assert reply.status_code == 403, where
        else:
            assert reply.status_code == 303, where
            assert reply.headers["location"] == "/staff/password", where
        return
    if not allowed:
        assert reply.status_code == 403, where
        if not is_api:
            assert "You cannot see this page" in reply.text, where
        return
    assert reply.status_code not in {401, 403}, where
    assert not reply.headers.get("location", "").startswith("/staff/sign-in"), where
    if method == "GET":
        assert reply.status_code == 200, where


def test_every_staff_route_allows_exactly_its_roles(sqlite_client):
    """Every principal in turn, each with its own session.

    Authorisation is decided in Python from the session row, so one engine is enough here;
    the session and lock-out tests run on both engines.
    """
    victim = make_user("ambassador", email="victim@test.invalid")
    concern = flagged_reference(sqlite_client)
    targets = review_targets(sqlite_client)
    for who in [*ROLES, "must_change_admin", "anonymous"]:
        _run_matrix_for(sqlite_client, who, victim, concern, targets)


def _run_matrix_for(client, who, victim, concern, targets):
    if who == "anonymous":
        token = None
    elif who == "must_change_admin":
        token = session_for(make_user("admin", must_change=True, email="new@test.invalid"))
    else:
        token = session_for(make_user(who))
    role = "admin" if who == "must_change_admin" else who
    for routes, is_api in ((PAGES, False), (API, True)):
        for method, path, body, roles in routes:
            path = path.format(victim=victim, concern=concern, **targets)
            use_session(client, token)
            reply = _send(client, method, path, body, is_api)
            _check(reply, who=who, method=method, path=path, allowed=role in roles,
                   is_api=is_api, must_change=who == "must_change_admin")
    # Signing out is open to every signed-in user (and to a user who must change password).
    use_session(client, token)
    reply = client.post("/staff/sign-out", headers=csrf_headers(client), follow_redirects=False)
    assert reply.status_code == 303
    assert reply.headers["location"].startswith("/staff/sign-in")
    use_session(client, token)
    reply = client.delete("/api/v1/staff/session", headers=csrf_headers(client))
    # The page sign-out already ended the session, so the API no longer knows this cookie.
    assert reply.status_code == 401


def test_matrix_covers_every_staff_route(bare_app):
    """A new staff route must be added to the matrix above."""
    covered = {(m, p.split("?")[0].replace("{victim}", "{user_id:int}")
                .replace("{concern}", "{reference:str}")
                .replace("{answer}", "{text_id:int}").replace("{note}", "{note_id:int}"))
               for m, p, _, _ in PAGES + API}
    covered |= {("POST", "/staff/sign-out"), ("DELETE", "/api/v1/staff/session"),
                ("GET", "/staff/sign-in"), ("POST", "/staff/sign-in"),
                ("POST", "/api/v1/staff/session")}
    found = set()
    for route in bare_app.routes:
        if not route.path.startswith(("/staff", "/api/v1/staff")):
            continue
        for method in getattr(route, "methods", ()):
            if method in {"HEAD", "OPTIONS"}:
                continue
            found.add((method, route.path))

    def normalise(path: str) -> str:
        return (path.replace("{user_id:int}", "N").replace("{year:int}", "N")
                .replace("{code:str}", "C").replace("999999", "N").replace("1999", "N")
                .replace("TST", "C").replace("{action_id:int}", "N")
                .replace("{text_id:int}", "N").replace("{note_id:int}", "N")
                .replace("{question_id:str}", "Q")
                .replace("safe_at_school", "Q").replace("2026", "N"))

    missing = {(m, p) for m, p in found} - {(m, p) for m, p in covered}
    missing = {(m, normalise(p)) for m, p in missing} - {(m, normalise(p)) for m, p in covered}
    assert not missing, f"staff routes missing from the matrix: {sorted(missing)}"
