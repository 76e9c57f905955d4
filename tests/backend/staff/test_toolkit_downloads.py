"""The ambassador's toolkit page: real zips from the cache, one build however many ask."""

from __future__ import annotations

import asyncio
import io
import threading
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pytest

from backend.packs import service
from backend.packs.builds import BuildFailed, SingleFlight, build_once
from backend.staff.toolkit_views import pack_builds
from tests.backend.staff.helpers import csrf_headers, make_user, session_for, use_session


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    """Each test starts with nothing built (other tests build the same toolkits)."""
    monkeypatch.setenv("FEELSAFE_CACHE_DIR", str(tmp_path / "cache"))


def _counting_builds(monkeypatch, hold: threading.Event | None = None) -> list[str]:
    """Count real toolkit builds (the builder itself still runs, after ``hold`` is set)."""
    calls: list[str] = []
    real = service.build_toolkit

    def counted(data, *args, **kwargs):
        calls.append(data.lang)
        if hold is not None:
            hold.wait()
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


def test_concurrent_requests_for_one_toolkit_build_it_once(sqlite_app, sqlite_client,
                                                          monkeypatch):
    """Three downloads and a prepare call at once, while the build is held open: every one is
    told it is being prepared, and the toolkit is built exactly once.

    Fewer requests than the default executor's worker threads, so that a broken single-flight
    (a build per request, each held open) fails the test instead of starving the server."""
    release = threading.Event()
    calls = _counting_builds(monkeypatch, hold=release)
    builds = pack_builds(sqlite_app.state)
    use_session(sqlite_client, session_for(make_user("reviewer")))
    csrf = csrf_headers(sqlite_client)
    try:
        # The test client runs each request on its server loop, so requests from several
        # threads are handled there concurrently.
        with ThreadPoolExecutor(4) as pool:
            downloads = [pool.submit(sqlite_client.get, "/staff/toolkit/download?lang=ur")
                         for _ in range(3)]
            prepared = pool.submit(sqlite_client.post, "/api/v1/staff/toolkits/prepare",
                                   json={"lang": "ur"}, headers=csrf)
            replies = [f.result() for f in downloads]
            prepare = prepared.result()
        assert all(r.status_code == 200 and "The toolkit is being prepared" in r.text
                   for r in replies)
        assert prepare.status_code == 202 and prepare.json()["status"] == "preparing"
        urdu = next(t for t in sqlite_client.get("/api/v1/staff/toolkits").json()["toolkits"]
                    if t["lang"] == "ur")
        assert urdu["status"] == "preparing"
        assert builds.builds_started == 1
    finally:
        release.set()  # never leave a build thread waiting, even when an assertion failed
        sqlite_client.blocking_portal.call(builds.drain)
    assert calls == ["ur"]
    reply = sqlite_client.get("/staff/toolkit/download?lang=ur")
    assert reply.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(reply.content)) as zf:
        assert any(n.endswith("01-role-and-limits.pdf") for n in zf.namelist())
    assert calls == ["ur"] and builds.builds_started == 1


def test_api_prepare_rejects_unknown_languages(sqlite_client):
    use_session(sqlite_client, session_for(make_user("admin")))
    reply = sqlite_client.post("/api/v1/staff/toolkits/prepare", json={"lang": "xx"},
                               headers=csrf_headers(sqlite_client))
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
