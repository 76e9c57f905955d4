"""The hot write path: group commit of concurrent submissions, one transaction per batch.

Per-request transactions on SQLite manage about 160 submissions/s with lock
errors at 32 connections; grouping every submission that arrives while the
previous batch is being written into one transaction (each request answered
only after its batch commits) removes both the lock contention and most of
the per-commit fsync cost. Piccolo keeps the schema and migrations; this
module writes with the drivers directly because building Piccolo row objects
for thousands of answers per second is the dominant cost.

Durability: SQLite runs in WAL mode with ``synchronous=FULL`` in a writer
process of its own (backend.submissions.sqlite_process), so a batch that was
acknowledged survives a crash of either process and a power cut. PostgreSQL
uses its default ``synchronous_commit=on``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import msgspec

from backend.submissions._plan import plan_batch, spend_from
from backend.submissions.prepared import (
    ANSWER_COLUMNS,
    FREE_TEXT_COLUMNS,
    RESPONSE_COLUMNS,
    Outcome,
    PreparedSubmission,
)
from backend.submissions.sqlite_process import frame

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["GroupCommitter", "PostgresWriter", "SQLiteWriter", "Writer", "WriterFailed"]

log = logging.getLogger("feelsafe.submissions")

BATCH_LIMIT = 512
_ADVISORY_LOCK = 0x6665_656C  # serialises batches across worker processes on PostgreSQL
_PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent


class Writer(Protocol):
    async def write(self, batch: Sequence[PreparedSubmission]) -> list[Outcome]: ...
    async def close(self) -> None: ...


class WriterFailed(RuntimeError):
    """A batch was not stored (the message names the error, never the data)."""


class SQLiteWriter:
    """Hands batches to the SQLite writer process and waits for its commit.

    The process starts with the first batch and again after it dies; a batch
    it was writing when it died is reported as failed (it may or may not have
    committed, and a retry with the same submission id is stored once either
    way).
    """

    def __init__(self, path: str) -> None:
        self._path = path
        self._proc: asyncio.subprocess.Process | None = None
        self._encode = msgspec.msgpack.Encoder().encode
        self._decode = msgspec.msgpack.Decoder(tuple[bool, list[str] | str]).decode

    async def _process(self) -> asyncio.subprocess.Process:
        proc = self._proc
        if proc is None or proc.returncode is not None:
            path = os.pathsep.join(filter(None, [str(_PROJECT_ROOT), os.environ.get("PYTHONPATH")]))
            proc = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "backend.submissions.sqlite_process",
                self._path,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                env={**os.environ, "PYTHONPATH": path},
            )
            self._proc = proc
        return proc

    async def write(self, batch: Sequence[PreparedSubmission]) -> list[Outcome]:
        proc = await self._process()
        assert proc.stdin is not None and proc.stdout is not None
        try:
            proc.stdin.write(frame(self._encode(batch)))
            await proc.stdin.drain()
            head = await proc.stdout.readexactly(4)
            ok, result = self._decode(await proc.stdout.readexactly(int.from_bytes(head, "big")))
        except (ConnectionError, asyncio.IncompleteReadError) as exc:
            await self._discard()
            raise WriterFailed("the SQLite writer process stopped") from exc
        except BaseException:
            await self._discard()  # cancelled mid-batch: its reply would answer the next one
            raise
        if not ok:
            raise WriterFailed(f"the batch was not stored: {result}")
        return [Outcome(v) for v in result]

    async def _discard(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None and proc.returncode is None:
            assert proc.stdin is not None
            proc.stdin.close()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(proc.wait(), 30)
            if proc.returncode is None:
                proc.kill()
                await proc.wait()

    async def close(self) -> None:
        """Let the process finish the batch it has, then stop it."""
        await self._discard()


class PostgresWriter:
    """Writes batches with asyncpg: ids from the sequence, rows by COPY."""

    def __init__(self, dsn: str) -> None:
        self._dsn = dsn
        self._pool = None

    async def _acquire_pool(self):
        if self._pool is None:
            import asyncpg

            self._pool = await asyncpg.create_pool(self._dsn, min_size=1, max_size=4)
        return self._pool

    async def write(self, batch: Sequence[PreparedSubmission]) -> list[Outcome]:
        pool = await self._acquire_pool()
        async with pool.acquire() as conn, conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock($1)", _ADVISORY_LOCK)
            rows = await conn.fetch(
                "SELECT client_submission_id FROM response WHERE client_submission_id = ANY($1)",
                [s.client_submission_id for s in batch],
            )
            existing = {r[0] for r in rows}
            limited = list({s.access_code_id for s in batch if s.max_uses is not None})
            remaining: dict[int, int | None] = {}
            if limited:
                for r in await conn.fetch(
                    "SELECT id, max_uses - uses FROM access_code WHERE id = ANY($1) FOR UPDATE",
                    limited,
                ):
                    remaining[r[0]] = r[1]
            outcomes, new, used = plan_batch(batch, existing, spend_from(remaining))
            if used:
                await conn.executemany(
                    "UPDATE access_code SET uses = uses + $1 WHERE id = $2",
                    [(n, code_id) for code_id, n in used.items()],
                )
            if new:
                ids = [
                    r[0]
                    for r in await conn.fetch(
                        "SELECT nextval('response_id_seq') FROM generate_series(1, $1)", len(new)
                    )
                ]
                await conn.copy_records_to_table(
                    "response",
                    records=[sub.response_row(i) for sub, i in zip(new, ids, strict=True)],
                    columns=list(RESPONSE_COLUMNS),
                )
                answers = [
                    (i, q, v) for sub, i in zip(new, ids, strict=True) for q, v in sub.answers
                ]
                texts = [
                    (i, q, sub.language, t, p)
                    for sub, i in zip(new, ids, strict=True)
                    for q, t, p in sub.texts
                ]
                if answers:
                    await conn.copy_records_to_table(
                        "answer", records=answers, columns=list(ANSWER_COLUMNS)
                    )
                if texts:
                    await conn.copy_records_to_table(
                        "free_text",
                        records=texts,
                        columns=list(FREE_TEXT_COLUMNS),
                    )
        return outcomes

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()
            self._pool = None


class GroupCommitter:
    """Collects concurrent submissions and writes each gathered group in one transaction.

    A request waits for the commit of the batch that holds it, so a 201 always
    means the response and all its answers are on disk. When a batch fails, its
    submissions are retried one by one, so a single bad one fails alone.
    """

    def __init__(self, writer: Writer, batch_limit: int = BATCH_LIMIT) -> None:
        self._writer = writer
        self._limit = batch_limit
        self._queue: asyncio.Queue[tuple[PreparedSubmission, asyncio.Future[Outcome]]] | None = None
        self._task: asyncio.Task[None] | None = None

    async def submit(self, sub: PreparedSubmission) -> Outcome:
        if self._task is None or self._task.done():
            self._queue = asyncio.Queue()
            self._task = asyncio.create_task(self._run(), name="feelsafe-group-commit")
        future: asyncio.Future[Outcome] = asyncio.get_running_loop().create_future()
        assert self._queue is not None
        self._queue.put_nowait((sub, future))
        # If the request is cancelled (the client went away) the future is cancelled with
        # it; the submission stays in its batch and is written all the same.
        return await future

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self._writer.close()

    async def _run(self) -> None:
        assert self._queue is not None
        queue = self._queue
        while True:
            batch = [await queue.get()]
            while len(batch) < self._limit and not queue.empty():
                batch.append(queue.get_nowait())
            try:
                outcomes = await self._writer.write([sub for sub, _ in batch])
            except Exception:
                if len(batch) == 1:
                    log.exception("a submission could not be stored")
                    _settle(batch[0][1], exc=RuntimeError("the submission could not be stored"))
                    continue
                log.warning("a batch of %d failed; retrying one by one", len(batch))
                for item in batch:
                    try:
                        (outcome,) = await self._writer.write([item[0]])
                    except Exception:
                        log.exception("a submission could not be stored")
                        _settle(item[1], exc=RuntimeError("the submission could not be stored"))
                    else:
                        _settle(item[1], outcome)
                continue
            for (_, future), outcome in zip(batch, outcomes, strict=True):
                _settle(future, outcome)


def _settle(future: asyncio.Future[Outcome], outcome: Outcome | None = None, exc=None) -> None:
    if future.done():
        return
    if exc is not None:
        future.set_exception(exc)
    else:
        future.set_result(outcome)


def pii_json(types: list[str]) -> str:
    """The JSON list of redacted PII types; most answers have none."""
    return json.dumps(sorted(set(types))) if types else "[]"
