"""The read cache of the pupil paths: no request waits for a reload that can run behind it,
one database read per key however many requests ask at once, and errors never cached."""

from __future__ import annotations

import asyncio
import types

import pytest

from backend import refreshing_cache
from backend.refreshing_cache import RefreshingCache


@pytest.fixture
def clock(monkeypatch) -> types.SimpleNamespace:
    now = types.SimpleNamespace(t=1000.0)
    monkeypatch.setattr(refreshing_cache, "time", types.SimpleNamespace(monotonic=lambda: now.t))
    return now


async def settle() -> None:
    """Let background tasks run to their end."""
    for _ in range(10):
        await asyncio.sleep(0)


class Source:
    """A loader that counts its reads and can be held open until released."""

    def __init__(self) -> None:
        self.value = "v1"
        self.reads = 0
        self.fail: Exception | None = None
        self.gate: asyncio.Event | None = None

    async def load(self, key: str) -> str:
        self.reads += 1
        if self.gate is not None:
            await self.gate.wait()
        if self.fail is not None:
            raise self.fail
        return f"{key}:{self.value}"


def test_fresh_entries_are_not_read_again(clock):
    source = Source()
    cache = RefreshingCache(source.load, fresh_for=30)

    async def run():
        first = await cache.get("a")
        source.value = "v2"
        clock.t += 29
        return first, await cache.get("a")

    assert asyncio.run(run()) == ("a:v1", "a:v1")
    assert source.reads == 1


def test_an_expired_entry_answers_at_once_while_one_reload_runs_behind_it(clock):
    source = Source()
    cache = RefreshingCache(source.load, fresh_for=30)

    async def run():
        await cache.get("a")
        source.value, source.gate = "v2", asyncio.Event()
        clock.t += 31
        during = [await cache.get("a") for _ in range(5)]  # none of them waits
        await asyncio.sleep(0)
        assert source.reads == 2  # one reload for all five, still running
        source.gate.set()
        await settle()
        return during, await cache.get("a")

    during, after = asyncio.run(run())
    assert during == ["a:v1"] * 5
    assert after == "a:v2"
    assert source.reads == 2


def test_concurrent_first_requests_share_one_read(clock):
    source = Source()
    cache = RefreshingCache(source.load, fresh_for=30)

    async def run():
        source.gate = asyncio.Event()
        waiting = [asyncio.ensure_future(cache.get("a")) for _ in range(20)]
        await asyncio.sleep(0)
        source.gate.set()
        return await asyncio.gather(*waiting)

    assert asyncio.run(run()) == ["a:v1"] * 20
    assert source.reads == 1


def test_an_entry_much_too_old_is_loaded_in_line(clock):
    source = Source()
    cache = RefreshingCache(source.load, fresh_for=30, max_age=120)

    async def run():
        await cache.get("a")
        source.value = "v2"
        clock.t += 121  # an idle server: never answer from two minutes ago
        return await cache.get("a")

    assert asyncio.run(run()) == "a:v2"


def test_errors_are_not_cached_and_a_failed_reload_drops_the_entry(clock):
    source = Source()
    cache = RefreshingCache(source.load, fresh_for=30)
    source.fail = LookupError("unknown code")

    async def run():
        with pytest.raises(LookupError):
            await cache.get("a")
        source.fail = None
        assert await cache.get("a") == "a:v1"  # read again, not a cached error
        source.fail = LookupError("the code was deleted")
        clock.t += 31
        assert await cache.get("a") == "a:v1"  # stale answer; the reload fails behind it
        await settle()
        with pytest.raises(LookupError):  # the next request loads in line and is refused
            await cache.get("a")

    asyncio.run(run())


def test_clear_forgets_entries_and_a_load_already_running_is_not_kept(clock):
    source = Source()
    cache = RefreshingCache(source.load, fresh_for=30)

    async def run():
        source.gate = asyncio.Event()
        pending = asyncio.ensure_future(cache.get("a"))
        await asyncio.sleep(0)
        cache.clear()  # an admin changed the code while it was being read
        source.gate.set()
        assert await pending == "a:v1"
        source.gate, source.value = None, "v2"
        return await cache.get("a")

    assert asyncio.run(run()) == "a:v2"
    assert source.reads == 2
