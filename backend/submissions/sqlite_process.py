"""The SQLite writer process: batches in on stdin, outcomes out on stdout.

Why a process and not a thread: SQLite gives up the GIL inside every call and
a thread must then win it back from the busy event loop, which can take a
whole switch interval (5 ms) each time. A batch makes a dozen such calls, so
under load a 2 ms write took 15 to 50 ms and the server sat idle waiting for
its own commits. In a process of its own the writer shares no GIL with the
event loop, and the web process only encodes each batch once.

The process holds one connection (WAL, ``synchronous=FULL``: a batch that was
answered is in the WAL and synced to disk, so it survives a crash of either
process and a power cut). It lives exactly as long as its pipe: it ignores
SIGINT and SIGTERM and stops at end of input, after finishing the batch it
has, so a dying web process never leaves half a batch behind (SQLite's
transaction makes each batch all or nothing anyway).

Frames both ways are a 4-byte big-endian length and a MessagePack body: a list
of PreparedSubmission in, ``[true, [outcome, ...]]`` or ``[false, "what
failed"]`` out. What failed names the error class and SQLite's error code,
never the data.

    python -m backend.submissions.sqlite_process PATH
"""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
import time
from typing import TYPE_CHECKING, BinaryIO

import msgspec

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

__all__ = [
    "begin_immediate",
    "describe_error",
    "frame",
    "open_connection",
    "serve",
    "write_batch",
]

_SQLITE_VARIABLES = 30000
"""Below SQLite's default limit of 32,766 bound variables per statement (3.32 and later)."""


_BUSY_TIMEOUT_MS = 30000
_LOCK_POLL_SECONDS = 0.0005


def open_connection(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def begin_immediate(conn: sqlite3.Connection) -> None:
    """Take the write lock, trying again every half millisecond while another connection
    (the analysis worker storing its results, a command) holds it.

    SQLite's own busy handler sleeps 1, 2, 5, 10, 15... ms between tries, so a
    lock freed after 3 ms was only taken after 8, one freed after 9 after 18:
    with the analysis worker writing, the writer spent about a third of its time
    in those sleeps while every pupil in the batch waited. Polling costs a
    little CPU, and only while the lock is held elsewhere.
    """
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        deadline = time.monotonic() + _BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                busy = getattr(exc, "sqlite_errorcode", sqlite3.SQLITE_BUSY) & 0xFF
                if busy != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                    raise
            time.sleep(_LOCK_POLL_SECONDS)
    finally:
        conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")


def write_batch(conn: sqlite3.Connection, batch: Sequence[PreparedSubmission]) -> list[Outcome]:
    """Store a batch in one transaction; each submission's outcome in batch order."""
    begin_immediate(conn)
    try:
        ids = [s.client_submission_id for s in batch]
        existing = {
            row[0]
            for row in conn.execute(
                "SELECT client_submission_id FROM response "
                f"WHERE client_submission_id IN ({_marks(len(ids))})",
                ids,
            )
        }
        limited = list({s.access_code_id for s in batch if s.max_uses is not None})
        remaining: dict[int, int | None] = {}
        if limited:
            remaining.update(
                conn.execute(
                    "SELECT id, max_uses - uses FROM access_code "
                    f"WHERE id IN ({_marks(len(limited))})",
                    limited,
                ).fetchall()
            )
        outcomes, new, used = plan_batch(batch, existing, spend_from(remaining))
        if used:
            conn.executemany(
                "UPDATE access_code SET uses = uses + ? WHERE id = ?",
                [(n, code_id) for code_id, n in used.items()],
            )
        if new:
            first = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM response").fetchone()[0]
            responses, answers, texts = [], [], []
            for i, sub in enumerate(new):
                rid = first + i
                responses.append(_sqlite_row(sub.response_row(rid)))
                answers += [(rid, qid, value) for qid, value in sub.answers]
                texts += [(rid, qid, sub.language, text, pii) for qid, text, pii in sub.texts]
            _insert_many(conn, "response", RESPONSE_COLUMNS, responses)
            _insert_many(conn, "answer", ANSWER_COLUMNS, answers)
            _insert_many(conn, "free_text", FREE_TEXT_COLUMNS, texts)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return outcomes


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _insert_many(conn: sqlite3.Connection, table: str, columns: Sequence[str], rows: list) -> None:
    """Insert with multi-row VALUES statements: a few large steps instead of one per row."""
    if not rows:
        return
    width = len(columns)
    per_statement = max(1, _SQLITE_VARIABLES // width)
    head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
    one = "(" + ",".join("?" * width) + ")"
    for start in range(0, len(rows), per_statement):
        chunk = rows[start : start + per_statement]
        conn.execute(head + ",".join([one] * len(chunk)), [v for row in chunk for v in row])


def _sqlite_row(row: tuple) -> tuple:
    return tuple(
        v.isoformat() if hasattr(v, "isoformat") else int(v) if isinstance(v, bool) else v
        for v in row
    )


def describe_error(exc: BaseException) -> str:
    """The error class and SQLite's code: enough to act on, never a value from the batch."""
    code = getattr(exc, "sqlite_errorname", None)
    return f"{type(exc).__name__} ({code})" if code else type(exc).__name__


def frame(body: bytes) -> bytes:
    return len(body).to_bytes(4, "big") + body


def _read_exactly(stream: BinaryIO, n: int) -> bytes | None:
    data = b""
    while len(data) < n:
        chunk = stream.read(n - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def serve(path: str, stdin: BinaryIO, stdout: BinaryIO) -> None:
    """Answer each batch frame until end of input."""
    decode = msgspec.msgpack.Decoder(list[PreparedSubmission]).decode
    encode = msgspec.msgpack.Encoder().encode
    conn = open_connection(path)
    try:
        while (head := _read_exactly(stdin, 4)) is not None:
            body = _read_exactly(stdin, int.from_bytes(head, "big"))
            if body is None:
                break
            try:
                outcomes = write_batch(conn, decode(body))
            except Exception as exc:
                reply = encode((False, describe_error(exc)))
            else:
                reply = encode((True, [o.value for o in outcomes]))
            stdout.write(frame(reply))
            stdout.flush()
    finally:
        conn.close()


def main() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    # Frames go to the original stdout; anything else printed lands on stderr.
    out = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(2, 1)
    serve(sys.argv[1], sys.stdin.buffer, out)


if __name__ == "__main__":
    main()
