"""SIGKILL in the middle of a submission burst: nothing acknowledged is lost, nothing is
stored in part, and a client retry stores each submission exactly once."""

from __future__ import annotations

import asyncio
import uuid

import httpx
import pytest

from tests.backend.submission_helpers import full_answers, submission
from tests.reliability.db_checks import integrity, seed, stored_ids
from tests.reliability.server import Server

pytestmark = pytest.mark.slow

CONCURRENCY = 48
KILL_AFTER_ACKS = 150
TEXT_QUESTIONS = {"what_makes_unsafe", "safer_ideas", "anything_else"}
EXPECTED_ANSWERS = sum(
    len(v) if isinstance(v, list) else 1
    for k, v in full_answers().items()
    if k not in TEXT_QUESTIONS
)


async def _burst(server: Server, bodies: dict[str, dict]) -> tuple[set[str], int]:
    """Submit until KILL_AFTER_ACKS are acknowledged, then SIGKILL the server mid-burst."""
    acked: set[str] = set()
    in_flight = 0
    in_flight_at_kill = 0
    killed = asyncio.Event()

    async def pupil(http: httpx.AsyncClient) -> None:
        nonlocal in_flight, in_flight_at_kill
        while not killed.is_set():
            body = submission(client_submission_id=f"crash-{uuid.uuid4().hex}")
            bodies[body["client_submission_id"]] = body
            in_flight += 1
            try:
                reply = await http.post("/api/v1/responses", json=body)
            except httpx.HTTPError:
                return  # the server died under this request: not acknowledged
            finally:
                in_flight -= 1
            if reply.status_code == 201:
                acked.add(body["client_submission_id"])
            if len(acked) >= KILL_AFTER_ACKS and not killed.is_set():
                killed.set()
                in_flight_at_kill = in_flight
                server.kill()

    limits = httpx.Limits(max_connections=CONCURRENCY)
    async with httpx.AsyncClient(base_url=server.base, limits=limits, timeout=30) as http:
        await asyncio.gather(*(pupil(http) for _ in range(CONCURRENCY)))
    return acked, in_flight_at_kill


async def _retry_all(base: str, bodies: dict[str, dict]) -> dict[str, int]:
    sem = asyncio.Semaphore(16)
    statuses: dict[str, int] = {}

    async def retry(http: httpx.AsyncClient, sid: str, body: dict) -> None:
        async with sem:
            statuses[sid] = (await http.post("/api/v1/responses", json=body)).status_code

    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        await asyncio.gather(*(retry(http, sid, b) for sid, b in bodies.items()))
    return statuses


def _assert_whole(url: str) -> dict:
    report = integrity(url)
    assert report["orphan_answers"] == 0
    assert report["orphan_texts"] == 0
    partial = {
        sid: counts
        for sid, counts in report["children"].items()
        if counts != (EXPECTED_ANSWERS, len(TEXT_QUESTIONS))
    }
    assert partial == {}, f"stored in part: {list(partial.items())[:5]}"
    return report


def test_sigkill_mid_burst_loses_nothing_and_retries_store_once(database_url, tmp_path):
    seed(database_url)
    workers = 2 if database_url.startswith("postgres") else 1
    log = tmp_path / "server.log"
    server = Server(database_url, log, workers=workers).start()
    try:
        bodies: dict[str, dict] = {}
        acked, in_flight_at_kill = asyncio.run(_burst(server, bodies))
    finally:
        server.kill()
    assert len(acked) >= KILL_AFTER_ACKS
    assert in_flight_at_kill > 0, "the kill must land while submissions are in flight"

    with Server(database_url, log, workers=workers) as restarted:
        stored_before = stored_ids(database_url)
        assert acked <= stored_before, f"lost {len(acked - stored_before)} acknowledged"
        _assert_whole(database_url)
        unacked = set(bodies) - acked
        assert unacked, "some submissions must have been cut off by the kill"

        statuses = _retry_all_sync(restarted.base, bodies)
    for sid, status in statuses.items():
        expected = 200 if sid in stored_before else 201
        assert status == expected, (sid, status, sid in acked)
    assert stored_ids(database_url) == set(bodies)  # every one, each once (unique id)
    report = _assert_whole(database_url)
    assert len(report["children"]) == len(bodies)


def _retry_all_sync(base: str, bodies: dict[str, dict]) -> dict[str, int]:
    return asyncio.run(_retry_all(base, bodies))
