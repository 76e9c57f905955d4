"""The hot write path: group commit of concurrent submissions, one transaction per batch.

Per-request transactions on SQLite manage about 160 submissions/s with lock
errors at 32 connections; grouping every submission that arrives while the
previous batch is being written into one transaction (each request answered
only after its batch commits) removes both the lock contention and most of
the per-commit fsync cost. Piccolo keeps the schema and migrations; this
module writes with the drivers directly because building Piccolo row objects
for thousands of answers per second is the dominant cost.

Durability: SQLite runs in WAL mode with ``synchronous=FULL``, so a batch that
was acknowledged survives a process crash and a power cut. PostgreSQL uses its
default ``synchronous_commit=on``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import sqlite3
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Protocol

from backend.submissions.prepared import RESPONSE_COLUMNS, Outcome, PreparedSubmission

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["GroupCommitter", "PostgresWriter", "SQLiteWriter", "Writer"]

log = logging.getLogger("feelsafe.submissions")

BATCH_LIMIT = 512
_ADVISORY_LOCK = 0x6665_656C  # serialises batches across worker processes on PostgreSQL


class Writer(Protocol):
    async def write(self, batch: Sequence[PreparedSubmission]) -> list[Outcome]: ...
    async def close(self) -> None: ...


def _plan(
    batch: Sequence[PreparedSubmission],
    existing: set[str],
    try_use: Callable[[PreparedSubmission], bool],
) -> tuple[list[Outcome], list[PreparedSubmission], Counter[int]]:
    """Decide each submission's outcome inside the batch's transaction."""
    outcomes: list[Outcome] = []
    new: list[PreparedSubmission] = []
    unlimited: Counter[int] = Counter()
    seen = set(existing)
    for sub in batch:
        if sub.client_submission_id in seen:
            outcomes.append(Outcome.DUPLICATE)
            continue
        if sub.access_code_id is not None:
            if sub.max_uses is None:
                unlimited[sub.access_code_id] += 1
            elif not try_use(sub):
                outcomes.append(Outcome.USED_UP)
                continue
        seen.add(sub.client_submission_id)
        new.append(sub)
        outcomes.append(Outcome.STORED)
    return outcomes, new, unlimited


def _child_rows(new: Sequence[PreparedSubmission], first_id: int):
    answers = [
        (first_id + i, qid, value) for i, sub in enumerate(new) for qid, value in sub.answers
    ]
    texts = [
        (first_id + i, qid, sub.language, text, pii)
        for i, sub in enumerate(new)
        for qid, text, pii in sub.texts
    ]
    return answers, texts


class SQLiteWriter:
    """Writes batches on one held SQLite connection in a dedicated thread."""

    def __init__(self, path: str) -> None:
        self._path = path
        self._conn: sqlite3.Connection | None = None
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="feelsafe-writer")

    async def write(self, batch: Sequence[PreparedSubmission]) -> list[Outcome]:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._thread, self._write, list(batch))

    async def close(self) -> None:
        def _close() -> None:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

        await asyncio.get_running_loop().run_in_executor(self._thread, _close)
        self._thread.shutdown(wait=True)

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            conn = sqlite3.connect(self._path, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA busy_timeout = 30000")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._conn = conn
        return self._conn

    def _write(self, batch: list[PreparedSubmission]) -> list[Outcome]:
        conn = self._connection()
        conn.execute("BEGIN IMMEDIATE")
        try:
            ids = [s.client_submission_id for s in batch]
            marks = ",".join("?" * len(ids))
            existing = {
                row[0]
                for row in conn.execute(
                    f"SELECT client_submission_id FROM response "
                    f"WHERE client_submission_id IN ({marks})",
                    ids,
                )
            }

            def try_use(sub: PreparedSubmission) -> bool:
                cur = conn.execute(
                    "UPDATE access_code SET uses = uses + 1 WHERE id = ? AND uses < ?",
                    (sub.access_code_id, sub.max_uses),
                )
                return cur.rowcount == 1

            outcomes, new, unlimited = _plan(batch, existing, try_use)
            if unlimited:
                conn.executemany(
                    "UPDATE access_code SET uses = uses + ? WHERE id = ?",
                    [(n, code_id) for code_id, n in unlimited.items()],
                )
            if new:
                first = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM response").fetchone()[0]
                answers, texts = _child_rows(new, first)
                _insert_many(
                    conn,
                    "response",
                    RESPONSE_COLUMNS,
                    [_sqlite_row(sub.response_row(first + i)) for i, sub in enumerate(new)],
                )
                _insert_many(conn, "answer", ("response", "question_id", "value"), answers)
                _insert_many(
                    conn,
                    "free_text",
                    ("response", "question_id", "language", "text", "pii_types"),
                    texts,
                )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return outcomes


def _insert_many(conn: sqlite3.Connection, table: str, columns: Sequence[str], rows: list) -> None:
    """Insert with multi-row VALUES statements, a few hundred rows per statement.

    ``executemany`` steps SQLite once per row and hands the GIL back and forth
    each time, which starves the writer while the event loop is busy; a few
    large statements do the same work in a handful of steps.
    """
    if not rows:
        return
    width = len(columns)
    per_statement = max(1, _SQLITE_VARIABLES // width)
    head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
    one = "(" + ",".join("?" * width) + ")"
    for start in range(0, len(rows), per_statement):
        chunk = rows[start : start + per_statement]
        conn.execute(head + ",".join([one] * len(chunk)), [v for row in chunk for v in row])


_SQLITE_VARIABLES = 30000
"""Below SQLite's default limit of 32,766 bound variables per statement (3.32 and later)."""


def _sqlite_row(row: tuple) -> tuple:
    return tuple(
        v.isoformat() if hasattr(v, "isoformat") else int(v) if isinstance(v, bool) else v
        for v in row
    )


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
            limited = [s for s in batch if s.max_uses is not None and s.access_code_id is not None]
            remaining: dict[int, int] = {}
            if limited:
                code_ids = list({s.access_code_id for s in limited})
                for r in await conn.fetch(
                    "SELECT id, max_uses - uses FROM access_code WHERE id = ANY($1) FOR UPDATE",
                    code_ids,
                ):
                    remaining[r[0]] = r[1]

            def try_use(sub: PreparedSubmission) -> bool:
                left = remaining.get(sub.access_code_id, 0)
                if left <= 0:
                    return False
                remaining[sub.access_code_id] = left - 1
                return True

            outcomes, new, unlimited = _plan(batch, existing, try_use)
            used = Counter(s.access_code_id for s in new if s.max_uses is not None)
            used.update(unlimited)
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
                        "answer", records=answers, columns=["response", "question_id", "value"]
                    )
                if texts:
                    await conn.copy_records_to_table(
                        "free_text",
                        records=texts,
                        columns=["response", "question_id", "language", "text", "pii_types"],
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
        return await asyncio.shield(future)

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
    return json.dumps(sorted(set(types)))
