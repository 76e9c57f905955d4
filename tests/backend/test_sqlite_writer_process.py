"""The SQLite writer process: batches stored whole with their outcomes, a dead process
replaced for the next batch, and the write lock waited for while another connection holds it."""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
import threading

import pytest

from backend.storage.engine import bind_tables, engine_for
from backend.storage.tables import AccessCode, Answer, FreeText, Response
from backend.submissions.prepared import Outcome, PreparedSubmission
from backend.submissions.writers import SQLiteWriter
from tests.backend.conftest import seed_school_and_codes


def _sub(seed: dict[str, int], sid: str, code: str = "OPENCODE22", **over) -> PreparedSubmission:
    fields = dict(
        client_submission_id=sid,
        edition_id=seed["edition"],
        school_id=seed["school"],
        access_code_id=seed["codes"][code],
        max_uses=2 if code == "LIMITED222" else None,
        language="en",
        variant="standard",
        year_band="y9",
        gender=None,
        send=None,
        home_language=None,
        had_help=False,
        paper=False,
        submitted_on=dt.date.today(),
        is_demo=False,
        answers=(("year_group", "y9"), ("unsafe_places", "parks"), ("unsafe_places", "transport")),
        texts=(("safer_ideas", "more lights [NAME]", '["PERSON"]'),),
    )
    fields.update(over)
    return PreparedSubmission(**fields)


@pytest.fixture
def seeded(sqlite_url: str) -> tuple[str, dict]:
    bind_tables(engine_for(sqlite_url))

    async def seed() -> dict:
        ids = await seed_school_and_codes()
        rows = await AccessCode.select(AccessCode.id, AccessCode.code)
        return {**ids, "codes": {r["code"]: r["id"] for r in rows}}

    return sqlite_url.removeprefix("sqlite:///"), asyncio.run(seed())


def _counts(path: str) -> tuple[int, int, int]:
    async def run():
        return (await Response.count(), await Answer.count(), await FreeText.count())

    bind_tables(engine_for(f"sqlite:///{path}"))
    return asyncio.run(run())


def test_a_batch_is_stored_whole_with_each_outcome(seeded):
    path, seed = seeded

    async def run() -> tuple[list[Outcome], list[Outcome]]:
        writer = SQLiteWriter(path)
        try:
            first = await writer.write(
                [
                    _sub(seed, "writer-a-0001"),
                    _sub(seed, "writer-a-0001"),  # the same id twice in one batch
                    _sub(seed, "writer-l-0001", "LIMITED222"),
                    _sub(seed, "writer-l-0002", "LIMITED222"),
                    _sub(seed, "writer-l-0003", "LIMITED222"),  # over the limit of 2
                ]
            )
            again = await writer.write([_sub(seed, "writer-a-0001")])
        finally:
            await writer.close()
        return first, again

    first, again = asyncio.run(run())
    assert first == [
        Outcome.STORED, Outcome.DUPLICATE, Outcome.STORED, Outcome.STORED, Outcome.USED_UP
    ]
    assert again == [Outcome.DUPLICATE]
    assert _counts(path) == (3, 9, 3)

    async def uses() -> dict[str, int]:
        rows = await AccessCode.select(AccessCode.code, AccessCode.uses)
        return {r["code"]: r["uses"] for r in rows}

    assert {k: v for k, v in asyncio.run(uses()).items() if v} == {
        "OPENCODE22": 1, "LIMITED222": 2
    }


def test_a_writer_process_that_stopped_is_started_again(seeded):
    path, seed = seeded

    async def run() -> list[Outcome]:
        writer = SQLiteWriter(path)
        try:
            await writer.write([_sub(seed, "writer-b-0001")])
            proc = writer._proc
            assert proc is not None
            proc.kill()
            await proc.wait()
            return await writer.write([_sub(seed, "writer-b-0002")])
        finally:
            await writer.close()

    assert asyncio.run(run()) == [Outcome.STORED]
    assert _counts(path)[0] == 2


def test_the_writer_waits_while_another_connection_holds_the_write_lock(seeded):
    path, seed = seeded
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    released = threading.Event()

    async def run() -> list[Outcome]:
        writer = SQLiteWriter(path)
        try:
            await writer.write([_sub(seed, "writer-c-0000")])  # the database is in WAL mode now
            other.execute("BEGIN IMMEDIATE")
            pending = asyncio.ensure_future(writer.write([_sub(seed, "writer-c-0001")]))
            await asyncio.sleep(0.3)
            assert not pending.done()  # still waiting for the lock
            other.execute("COMMIT")
            released.set()
            return await pending
        finally:
            await writer.close()

    try:
        assert asyncio.run(run()) == [Outcome.STORED]
    finally:
        if not released.is_set() and other.in_transaction:
            other.execute("ROLLBACK")
        other.close()
    assert _counts(path) == (2, 6, 2)
