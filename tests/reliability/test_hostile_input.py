"""Oversize bodies, deeply nested JSON, invalid UTF-8 and form floods: a clear 4xx, and the
database is exactly as it was."""

from __future__ import annotations

import json

from tests.backend.submission_helpers import submission
from tests.reliability.db_checks import row_counts

URL = "/api/v1/responses"


def _body(**overrides) -> bytes:
    return json.dumps(submission(**overrides)).encode()


def _nested(depth: int) -> bytes:
    return (
        b'{"access_code": "OPENCODE22", "language": "en", "variant": "standard", '
        b'"client_submission_id": "nested-00001", "answers": {"anything_else": '
        + b"[" * depth + b"]" * depth + b"}}"
    )


HOSTILE = {
    "oversize": (_body(answers={"anything_else": "x" * 300_000}), "application/json", 413),
    "oversize_no_length_check": (b"[" + b"1," * 200_000 + b"1]", "application/json", 413),
    "deeply_nested": (_nested(50_000), "application/json", 400),
    "invalid_utf8": (
        _body().replace(b"no thanks", b"no \xff\xfe thanks \xc3\x28"), "application/json", 400
    ),
    "lone_surrogate": (
        _body().replace(b"no thanks", b"no \\ud800 thanks"), "application/json", 400
    ),
    "form_flood": (
        "&".join(f"f{i}=v" for i in range(20_000)).encode(),
        "application/x-www-form-urlencoded",
        400,
    ),
    "multipart_flood": (
        b"".join(
            b'--B\r\nContent-Disposition: form-data; name="f%d"\r\n\r\nv\r\n' % i
            for i in range(3_000)
        ) + b"--B--\r\n",
        "multipart/form-data; boundary=B",
        400,
    ),
    "not_json": (b"access_code=OPENCODE22", "application/json", 400),
    "json_array": (b"[1, 2, 3]", "application/json", 400),
    "null_bytes": (_body().replace(b"no thanks", b"no \\u0000 thanks"), "application/json", 400),
}


def test_hostile_bodies_get_clear_4xx_and_change_nothing(client, database_url):
    # One database for all of them (migrating one per case is slow); each is checked alone.
    for name, (content, content_type, expected) in HOSTILE.items():
        before = row_counts(database_url)
        reply = client.post(URL, content=content, headers={"Content-Type": content_type})
        assert reply.status_code == expected, (name, reply.text[:500])
        body = reply.json()
        assert body["detail"], (name, body)
        if expected == 400:
            assert body["problems"], (name, body)
        assert "Traceback" not in reply.text
        assert row_counts(database_url) == before, name
    # and the service still works afterwards
    assert client.post(URL, json=submission()).status_code == 201


def test_oversize_body_is_refused_on_every_route(client):
    big = b"x" * (300 * 1024)
    for path in ("/api/v1/responses", "/api/v1/surveys/current", "/healthz"):
        reply = client.post(path, content=big, headers={"Content-Type": "application/json"})
        assert 400 <= reply.status_code < 500, (path, reply.status_code)
