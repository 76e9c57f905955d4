"""A read cache that never makes a request wait for a reload it can do in the background.

The hot pupil paths keep what they read from the database (an access code, the open
edition's definition, the school names the redactor needs) for some seconds. With a
plain cache, the request that finds an entry expired reloads it in line, and so does
every request arriving while that reload runs; on SQLite each reload is a connection
in a thread that must win the GIL back from a busy event loop, so under load those
requests waited 100-400 ms (the p99 of the load test's page views). Here:

- a fresh entry is returned as it is;
- an expired one is still returned, and one background task reloads it (stale while
  revalidating), unless it is older than ``max_age``: then it is loaded in line, so
  an idle server never serves a value from long ago;
- concurrent loads of one key share a single database read.

A load that raises (an unknown code, no open edition) is not cached: the error goes to
the request that asked, and a failed background reload drops the entry so the next
request loads it in line and gets the error itself.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Hashable

__all__ = ["RefreshingCache"]

K = TypeVar("K", bound="Hashable")
V = TypeVar("V")


class RefreshingCache(Generic[K, V]):
    def __init__(
        self, load: Callable[[K], Awaitable[V]], fresh_for: float, max_age: float | None = None
    ) -> None:
        self._load = load
        self._fresh_for = fresh_for
        self._max_age = max_age if max_age is not None else 4 * fresh_for
        self._values: dict[K, tuple[float, V]] = {}
        self._loading: dict[K, asyncio.Future[V]] = {}
        self._generation = 0

    async def get(self, key: K) -> V:
        hit = self._values.get(key)
        if hit is not None:
            age = time.monotonic() - hit[0]
            if age < self._fresh_for:
                return hit[1]
            if age < self._max_age:
                if self._pending(key) is None:
                    self._start_load(key).add_done_callback(_consume_error)
                return hit[1]
        future = self._pending(key) or self._start_load(key)
        return await asyncio.shield(future)

    def _pending(self, key: K) -> asyncio.Future[V] | None:
        future = self._loading.get(key)
        if future is not None and future.get_loop() is not asyncio.get_running_loop():
            del self._loading[key]  # left by an event loop that has gone (a test's, say)
            return None
        return future

    def clear(self) -> None:
        """Forget every entry (after an admin changes what they hold); a load already
        running finishes for whoever waits on it but is not kept."""
        self._values.clear()
        self._generation += 1

    def _start_load(self, key: K) -> asyncio.Future[V]:
        future = asyncio.ensure_future(self._load_into(key, self._generation))
        self._loading[key] = future
        return future

    async def _load_into(self, key: K, generation: int) -> V:
        try:
            value = await self._load(key)
        except BaseException:
            self._values.pop(key, None)
            raise
        finally:
            if self._loading.get(key) is asyncio.current_task():
                del self._loading[key]
        if generation == self._generation:
            self._values[key] = (time.monotonic(), value)
        return value


def _consume_error(future: asyncio.Future) -> None:
    """A background reload's error is reported to the next request that loads in line."""
    if not future.cancelled():
        future.exception()
