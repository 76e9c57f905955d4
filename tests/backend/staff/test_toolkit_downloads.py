"""The ambassador's toolkit page: real zips from the cache, one build however many ask."""

from __future__ import annotations

import asyncio
import io
import threading
import zipfile

import pytest
from litestar.testing import AsyncTestClient

from backend.packs import service
from backend.packs.builds import BuildFailed, SingleFlight, build_once
from backend.staff.toolkit_views import pack_builds
from tests.backend.staff.helpers import make_user, session_for, use_session


def _counting_builds(monkeypatch) -> list[str]:
    """Count real toolkit builds (the builder itself still runs)."""
    calls: list[str] = []
    real = service.build_toolkit

    def counted(data, *args, **kwargs):
        calls.append(data.lang)
        return real(data, *args, **kwargs)

    monkeypatch.setattr(service, "build_toolkit", counted)
    return calls


def test_ambassador_downloads_a_real_zip_after_it_is_prepared(sqlite_app, sqlite_client,
                                                              monkeypatch):
    calls = _counting_builds(monkeypatch)
    use_session(sqlite_client, session_for(make_user("ambassador")))
    page = sqlite_client.get("/staff/toolkit")
    assert page.status_code == 200
    assert '<span lang="ta" dir="ltr">தமிழ்</span> (Tamil)' in page.text
    assert '<span lang="ar" dir="rtl">العربية</span>' in page.text
    assert page.text.count("Not prepared yet") == 6
    assert sqlite_client.get("/api/v1/staff/toolkits").json()["toolkits"][5]["status"] == \
        "not_prepared"

    first = sqlite_client.get("/staff/toolkit/download?lang=pl")
    assert first.status_code == 200 and first.headers["content-type"].startswith("text/html")
    assert "The toolkit is being prepared" in first.text
    assert "about 15 seconds" in first.text
    sqlite_client.blocking_portal.call(pack_builds(sqlite_app.state).drain)
    assert calls == ["pl"]

    listing = sqlite_client.get("/api/v1/staff/toolkits").json()
    polish = next(t for t in listing["toolkits"] if t["lang"] == "pl")
    assert polish["status"] == "ready" and polish["size_bytes"] > 10_000
    assert polish["name"] == "Polski" and polish["download_url"] == \
        "/staff/toolkit/download?lang=pl"

    reply = sqlite_client.get(polish["download_url"])
    assert reply.status_code == 200
    assert reply.headers["content-type"] == "application/zip"
    assert 'filename="feelsafe-ambassador-toolkit-2026-pl.zip"' in \
        reply.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(reply.content)) as zf:
        assert zf.testzip() is None
        pdfs = [n for n in zf.namelist() if n.endswith(".pdf")]
        assert len(pdfs) >= 7
        assert all(zf.read(n).startswith(b"%PDF") for n in pdfs)
    assert "Ready" in sqlite_client.get("/staff/toolkit").text
    assert calls == ["pl"]  # served from the cache, not built again


def test_concurrent_requests_for_one_toolkit_build_it_once(sqlite_app, monkeypatch):
    calls = _counting_builds(monkeypatch)
    token = session_for(make_user("reviewer"))

    async def run() -> list:
        async with AsyncTestClient(sqlite_app) as client:
            use_session(client, token)
            replies = await asyncio.gather(
                *[client.get("/staff/toolkit/download?lang=ur") for _ in range(4)],
                client.post("/api/v1/staff/toolkits/prepare", json={"lang": "ur"},
                            headers={"x-csrftoken": await _csrf(client)}),
            )
            builds = pack_builds(sqlite_app.state)
            assert builds.builds_started == 1
            await builds.drain()
            replies.append(await client.get("/staff/toolkit/download?lang=ur"))
            return replies

    replies = asyncio.run(run())
    assert all(r.status_code in {200, 202} for r in replies), [r.status_code for r in replies]
    assert replies[4].json()["status"] in {"preparing", "ready"}
    assert calls == ["ur"]
    assert replies[-1].headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(replies[-1].content)) as zf:
        assert any(n.endswith("01-role-and-limits.pdf") for n in zf.namelist())


async def _csrf(client) -> str:
    await client.get("/staff/sign-in")
    return client.cookies.get("csrftoken")


def test_api_prepare_rejects_unknown_languages(sqlite_client):
    use_session(sqlite_client, session_for(make_user("admin")))
    token = sqlite_client.get("/staff/sign-in") and sqlite_client.cookies.get("csrftoken")
    reply = sqlite_client.post("/api/v1/staff/toolkits/prepare", json={"lang": "xx"},
                               headers={"x-csrftoken": token})
    assert reply.status_code == 404
    assert sqlite_client.get("/staff/toolkit/download?lang=xx").status_code == 404


def test_a_lock_file_stops_two_threads_building_the_same_file(tmp_path):
    """Two workers (threads here; processes share the lock file the same way)."""
    target = tmp_path / "toolkit.zip"
    started, release = threading.Event(), threading.Event()
    built: list[int] = []

    def slow_build() -> None:
        built.append(1)
        started.set()
        release.wait()
        target.write_bytes(b"zip")

    first = threading.Thread(target=build_once, args=(target, slow_build))
    first.start()
    started.wait()
    second = threading.Thread(target=build_once, args=(target, slow_build))
    second.start()
    release.set()
    first.join()
    second.join()
    assert built == [1] and target.read_bytes() == b"zip"


def test_a_failed_build_is_reported_and_tried_again(tmp_path):
    target = tmp_path / "toolkit.zip"
    attempts: list[int] = []

    def broken() -> None:
        attempts.append(1)
        raise RuntimeError("no fonts")

    async def run() -> None:
        flight = SingleFlight()
        with pytest.raises(BuildFailed):
            await flight.get(target, broken)
        assert flight.failed(target) and not flight.running(target)
        await flight.get(target, lambda: target.write_bytes(b"ok"))
        assert not flight.failed(target)

    asyncio.run(run())
    assert attempts == [1] and target.read_bytes() == b"ok"
