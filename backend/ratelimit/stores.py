"""Where the limiter keeps its counters: this process's memory, or Redis for several workers.

Both implement the generic cell rate algorithm (GCRA): one stored number per
key, the "theoretical arrival time" of the next request. A limit of ``count``
per ``period`` lets ``count`` requests through at once and then refills one
every ``period / count`` seconds. Keys are keyed hashes, never addresses, and
nothing is written to disk (Redis here runs without persistence; entries
expire as soon as their bucket is full again).
"""

from __future__ import annotations

import logging
import time
from typing import Protocol

__all__ = ["MemoryStore", "RedisStore", "Store"]

log = logging.getLogger("feelsafe.ratelimit")


class Store(Protocol):
    async def take(
        self, key: str, interval: float, capacity: int, *, consume: bool = True, force: bool = False
    ) -> float:
        """Return 0 when a request may pass (consuming one unit if ``consume``), else the
        seconds until it could. ``force`` consumes even when refused (failed attempts)."""
        ...

    async def close(self) -> None: ...


def _gcra(
    tat: float, now: float, interval: float, capacity: int
) -> tuple[float, float]:
    """(new arrival time if admitted, seconds to wait; 0 = admitted)."""
    new_tat = max(tat, now) + interval
    wait = new_tat - now - capacity * interval
    return new_tat, max(wait, 0.0)


class MemoryStore:
    """Counters in this process's memory: right for the single-worker embedded default."""

    def __init__(self, clock=time.monotonic) -> None:
        self._tat: dict[str, float] = {}
        self._clock = clock
        self._next_prune = 0.0

    async def take(
        self, key: str, interval: float, capacity: int, *, consume: bool = True, force: bool = False
    ) -> float:
        now = self._clock()
        if now >= self._next_prune:
            # Forget every key whose bucket has refilled, so memory stays bounded.
            self._tat = {k: v for k, v in self._tat.items() if v > now}
            self._next_prune = now + 60
        new_tat, wait = _gcra(self._tat.get(key, 0.0), now, interval, capacity)
        if (consume and wait == 0) or force:
            self._tat[key] = new_tat
        return wait

    async def close(self) -> None:
        self._tat.clear()


# One round trip, atomic across every worker process; Redis's clock is the only clock.
_GCRA_SCRIPT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local interval = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local new_tat = tat + interval
local wait = new_tat - now - capacity * interval
if (wait <= 0 and ARGV[3] == '1') or ARGV[4] == '1' then
  redis.call('SET', KEYS[1], tostring(new_tat), 'PX', math.ceil((new_tat - now) * 1000) + 1)
end
if wait < 0 then wait = 0 end
return tostring(wait)
"""


class RedisStore:
    """Counters in Redis, shared by every worker process (FEELSAFE_REDIS_URL).

    If Redis cannot be reached the limiter lets requests through and logs it
    once: a pupil's submission matters more than a limit.
    """

    def __init__(self, url: str, prefix: str) -> None:
        import redis.asyncio as redis

        self._redis = redis.from_url(url, socket_timeout=1.0, socket_connect_timeout=1.0)
        self._script = self._redis.register_script(_GCRA_SCRIPT)
        self._prefix = prefix
        self._warned = False

    async def take(
        self, key: str, interval: float, capacity: int, *, consume: bool = True, force: bool = False
    ) -> float:
        try:
            raw = await self._script(
                keys=[self._prefix + key],
                args=[repr(interval), capacity, int(consume), int(force)],
            )
        except Exception as exc:  # the limiter must never take the service down
            if not self._warned:
                log.warning("rate limits are not enforced: Redis failed (%s)", type(exc).__name__)
                self._warned = True
            return 0.0
        self._warned = False
        return float(raw)

    async def close(self) -> None:
        await self._redis.aclose()
