"""What both writer processes share: frames on a pipe, and the loop that answers them.

The web process hands each batch to a writer process of its own and waits for
the reply; the process does the database's round trips at its own pace rather
than one event-loop turn of a busy web process per round trip (see
``sqlite_process`` and ``postgres_process`` for each database's side).

Frames both ways are a 4-byte big-endian length and a MessagePack body: a list
of PreparedSubmission in, ``[true, [outcome, ...]]`` or ``[false, "what
failed"]`` out. What failed names the error class and the driver's error code,
never the data.

A writer process lives exactly as long as its pipe: it ignores SIGINT and
SIGTERM and stops at end of input, after finishing the batch it has, so a dying
web process never leaves half a batch behind (each batch is one transaction,
all or nothing anyway).
"""

from __future__ import annotations

import os
import signal
import sys
from typing import TYPE_CHECKING, BinaryIO

import msgspec

from backend.submissions.prepared import PreparedSubmission

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from backend.submissions.prepared import Outcome

__all__ = ["frame", "run", "serve"]


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


def serve(
    write: Callable[[Sequence[PreparedSubmission]], list[Outcome]],
    describe_error: Callable[[BaseException], str],
    stdin: BinaryIO,
    stdout: BinaryIO,
) -> None:
    """Answer each batch frame with ``write``'s outcomes until end of input."""
    decode = msgspec.msgpack.Decoder(list[PreparedSubmission]).decode
    encode = msgspec.msgpack.Encoder().encode
    while (head := _read_exactly(stdin, 4)) is not None:
        body = _read_exactly(stdin, int.from_bytes(head, "big"))
        if body is None:
            break
        try:
            outcomes = write(decode(body))
        except Exception as exc:
            reply = encode((False, describe_error(exc)))
        else:
            reply = encode((True, [o.value for o in outcomes]))
        stdout.write(frame(reply))
        stdout.flush()


def run(
    write: Callable[[Sequence[PreparedSubmission]], list[Outcome]],
    describe_error: Callable[[BaseException], str],
) -> None:
    """The process's main: frames on the original stdout, anything printed to stderr."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    out = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(2, 1)
    serve(write, describe_error, sys.stdin.buffer, out)
