"""Build cached files off the event loop, one build per file at a time.

A toolkit takes ~15 s to build. Requests for a file that is already being built share that
build instead of starting another (in this process), and a lock file beside the target stops
another worker process building it at the same moment: whoever gets the lock second finds
the file made and returns at once.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows; one process there is the norm
    fcntl = None  # type: ignore[assignment]

__all__ = ["BuildFailed", "SingleFlight", "build_once"]

log = logging.getLogger("feelsafe.packs")


class BuildFailed(RuntimeError):
    """The last build of a file failed; the next request tries again."""


def build_once(target: Path, build: Callable[[], object]) -> Path:
    """Run ``build`` (which writes ``target``) unless ``target`` exists, holding a lock file
    so no other process builds it at the same moment."""
    if target.is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    lock_path = target.with_name(f".{target.name}.lock")
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        if not target.is_file():
            build()
    finally:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
    return target


class SingleFlight:
    """In-flight builds of this process, by target file."""

    def __init__(self) -> None:
        self._running: dict[Path, asyncio.Future[Path]] = {}
        self._failed: set[Path] = set()
        self.builds_started = 0
        """How many builds this process started (the tests count them)."""

    def running(self, target: Path) -> bool:
        return target in self._running

    def failed(self, target: Path) -> bool:
        return target in self._failed

    def start(self, target: Path, build: Callable[[], object]) -> asyncio.Future[Path]:
        """The build of ``target``: the one already running, or a new one in a worker thread."""
        future = self._running.get(target)
        if future is not None:
            return future
        self.builds_started += 1
        self._failed.discard(target)
        future = asyncio.ensure_future(asyncio.to_thread(build_once, target, build))
        self._running[target] = future
        future.add_done_callback(lambda f, t=target: self._finished(t, f))
        return future

    async def get(self, target: Path, build: Callable[[], object]) -> Path:
        """Wait for ``target`` (sharing a running build); raises ``BuildFailed``."""
        if target.is_file():
            return target
        try:
            return await asyncio.shield(self.start(target, build))
        except Exception as exc:
            raise BuildFailed(str(target.name)) from exc

    async def drain(self) -> None:
        """Wait for every running build to end (app shutdown, tests); failures are kept."""
        while self._running:
            await asyncio.gather(*self._running.values(), return_exceptions=True)

    def _finished(self, target: Path, future: asyncio.Future[Path]) -> None:
        self._running.pop(target, None)
        if future.cancelled():
            return
        exc = future.exception()
        if exc is not None:
            self._failed.add(target)
            # The file name and error type only: no request data reaches the log.
            log.error("build of %s failed: %s", target.name, type(exc).__name__)
