"""Security headers and cookies on the API, the OpenAPI schema and static files
(the pupil and staff pages are tested with their own areas)."""

from __future__ import annotations

from http.cookies import SimpleCookie

import pytest
from litestar.testing import TestClient

from backend.app import create_app
from backend.settings import Settings
from backend.web.security import CONTENT_SECURITY_POLICY
from backend.web.templating import STATIC_DIR
from tests.backend.submission_helpers import submission
from tests.conftest import TEST_SECRET
from tests.reliability.db_checks import seed

STATIC_FILE = next(p for p in sorted(STATIC_DIR.rglob("*")) if p.is_file())
STATIC_URL = "/static/" + STATIC_FILE.relative_to(STATIC_DIR).as_posix()


@pytest.fixture
def https_client(sqlite_url):
    settings = Settings.from_env(
        {"DATABASE_URL": sqlite_url, "FEELSAFE_SECRET_KEY": TEST_SECRET, "FEELSAFE_HTTPS": "1"}
    )
    app = create_app(settings)
    seed(sqlite_url)
    with TestClient(app, base_url="https://testserver.local") as client:
        yield client


def _csp(reply) -> dict[str, str]:
    return {
        part.strip().split(" ", 1)[0]: part.strip().partition(" ")[2]
        for part in reply.headers["Content-Security-Policy"].split(";")
    }


def test_csp_allows_no_inline_script_or_style_anywhere(https_client):
    for path in ("/healthz", "/api/v1/surveys/current", "/schema/openapi.json", STATIC_URL):
        reply = https_client.get(path)
        assert reply.status_code == 200, path
        policy = _csp(reply)
        assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'", path
        assert "unsafe-inline" not in reply.headers["Content-Security-Policy"]
        assert "unsafe-eval" not in reply.headers["Content-Security-Policy"]
        assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
        assert reply.headers["X-Content-Type-Options"] == "nosniff"
        assert reply.headers["Referrer-Policy"] == "no-referrer"
        assert reply.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_refusals_and_errors_carry_the_same_headers(https_client):
    for reply in (
        https_client.post("/api/v1/responses", json=submission("NOSUCHCODE")),
        https_client.post("/api/v1/responses", content=b"x" * 300_000),
        https_client.get("/api/v1/nothing-here"),
    ):
        assert 400 <= reply.status_code < 500
        assert reply.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        assert reply.headers["Cache-Control"] == "no-store"
        assert "Strict-Transport-Security" in reply.headers


def test_no_hsts_over_plain_http(client):
    reply = client.get("/api/v1/surveys/current")
    assert "Strict-Transport-Security" not in reply.headers
    assert reply.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_api_answers_are_never_cached_and_static_files_are(https_client):
    for path in ("/api/v1/surveys/current", "/healthz"):
        assert https_client.get(path).headers["Cache-Control"] == "no-store"
    posted = https_client.post("/api/v1/responses", json=submission("OPENCODE22"))
    assert posted.headers["Cache-Control"] == "no-store"
    static = https_client.get(STATIC_URL)
    assert "no-store" not in static.headers.get("Cache-Control", "")
    assert "max-age" in static.headers["Cache-Control"]


def test_the_api_sets_no_cookies(https_client):
    for reply in (
        https_client.get("/api/v1/surveys/current"),
        https_client.post("/api/v1/responses", json=submission("NOSUCHCODE")),
        https_client.get("/healthz"),
    ):
        assert "set-cookie" not in reply.headers


def test_every_cookie_is_secure_httponly_and_samesite(https_client):
    cookies = []
    for path in ("/schema/openapi.json", STATIC_URL):
        for header in https_client.get(path).headers.get_list("set-cookie"):
            cookies.append(header)
    assert cookies, "the CSRF cookie is set on some response"
    for header in cookies:
        parsed = SimpleCookie()
        parsed.load(header)
        for morsel in parsed.values():
            assert morsel["secure"], header
            assert morsel["httponly"], header
            assert morsel["samesite"].lower() in {"strict", "lax"}, header


def test_cookies_are_not_secure_only_when_https_is_off(client):
    headers = client.get("/schema/openapi.json").headers.get_list("set-cookie")
    assert headers and all("httponly" in h.lower() and "samesite" in h.lower() for h in headers)
