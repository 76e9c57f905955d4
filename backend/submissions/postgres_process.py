"""The PostgreSQL writer process: batches in on stdin, outcomes out on stdout.

Why a process: a batch is about ten round trips to PostgreSQL (lock, look up
the ids already stored, take the ids, three COPYs, commit). Made from the web
process, each round trip's reply waits for the busy event loop's next turn, so
under load a batch of 5 ms took over 100 ms and every pupil in it waited. Here
the round trips follow each other at the database's pace. Each web worker has
its own writer process; an advisory lock serialises batches across them. The
pipe's frames and the process's life are in ``backend.submissions.writer_process``.

The connection string comes in the environment (``FEELSAFE_WRITER_DSN``), not
on the command line, where any user of the machine could read a password.
A lost connection fails the batch it was writing and is opened again for the
next one.

    FEELSAFE_WRITER_DSN=postgres://... python -m backend.submissions.postgres_process
"""

from __future__ import annotations

import asyncio
import os
from typing import TYPE_CHECKING

from backend.submissions import writer_process
from backend.submissions._plan import plan_batch, spend_from
from backend.submissions.prepared import (
    ANSWER_COLUMNS,
    FREE_TEXT_COLUMNS,
    RESPONSE_COLUMNS,
    Outcome,
    PreparedSubmission,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["ADVISORY_LOCK", "DSN_VARIABLE", "describe_error", "write_batch"]

ADVISORY_LOCK = 0x6665_656C  # serialises batches across worker processes
DSN_VARIABLE = "FEELSAFE_WRITER_DSN"


async def write_batch(conn, batch: Sequence[PreparedSubmission]) -> list[Outcome]:
    """Store a batch in one transaction; each submission's outcome in batch order."""
    async with conn.transaction():
        await conn.execute("SELECT pg_advisory_xact_lock($1)", ADVISORY_LOCK)
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
            rows_of = list(zip(new, ids, strict=True))
            await conn.copy_records_to_table(
                "response",
                records=[sub.response_row(i) for sub, i in rows_of],
                columns=list(RESPONSE_COLUMNS),
            )
            answers = [(i, q, v) for sub, i in rows_of for q, v in sub.answers]
            if answers:
                await conn.copy_records_to_table(
                    "answer", records=answers, columns=list(ANSWER_COLUMNS)
                )
            texts = [(i, q, sub.language, t, p) for sub, i in rows_of for q, t, p in sub.texts]
            if texts:
                await conn.copy_records_to_table(
                    "free_text", records=texts, columns=list(FREE_TEXT_COLUMNS)
                )
    return outcomes


def describe_error(exc: BaseException) -> str:
    """The error class and PostgreSQL's SQLSTATE: enough to act on, never a value."""
    code = getattr(exc, "sqlstate", None)
    return f"{type(exc).__name__} ({code})" if code else type(exc).__name__


class _Connection:
    """One connection, opened on the first batch and again after it was lost."""

    def __init__(self, dsn: str) -> None:
        self._dsn = dsn
        self._loop = asyncio.new_event_loop()
        self._conn = None

    def write(self, batch: Sequence[PreparedSubmission]) -> list[Outcome]:
        return self._loop.run_until_complete(self._write(batch))

    async def _write(self, batch: Sequence[PreparedSubmission]) -> list[Outcome]:
        import asyncpg

        if self._conn is None or self._conn.is_closed():
            self._conn = await asyncpg.connect(self._dsn)
        try:
            return await write_batch(self._conn, batch)
        except (OSError, asyncpg.exceptions.ConnectionDoesNotExistError):
            conn, self._conn = self._conn, None
            conn.terminate()
            raise

    def close(self) -> None:
        if self._conn is not None:
            self._loop.run_until_complete(self._conn.close())
        self._loop.close()


def main() -> None:
    conn = _Connection(os.environ[DSN_VARIABLE])
    try:
        writer_process.run(conn.write, describe_error)
    finally:
        conn.close()


if __name__ == "__main__":
    main()
