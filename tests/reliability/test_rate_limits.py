"""Rate limits: failed code attempts, submission volume and staff sign-in, shared by every
worker through Redis, keyed by hashes, loose enough for a whole school behind one address."""

from __future__ import annotations

import asyncio
import json
import socket
import uuid

import httpx
import pytest

from backend.ratelimit import Limit, Limits, MemoryStore, RateLimiter, RedisStore
from tests.backend.submission_helpers import submission
from tests.conftest import TEST_SECRET

REDIS_URL = "redis://127.0.0.1:6379/0"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def run(coro):
    return asyncio.run(coro)


def test_gcra_lets_a_burst_through_then_refills_evenly():
    clock = Clock()
    store = MemoryStore(clock)
    results = [run(store.take("k", interval=2.0, capacity=3)) for _ in range(4)]
    assert results[:3] == [0, 0, 0]
    assert results[3] == pytest.approx(2.0)  # the next unit is 2 s away
    clock.now += 2.0
    assert run(store.take("k", interval=2.0, capacity=3)) == 0
    assert run(store.take("k", interval=2.0, capacity=3)) > 0


def test_peeking_does_not_consume_and_force_always_does():
    store = MemoryStore(Clock())
    for _ in range(5):
        assert run(store.take("k", 1.0, 2, consume=False)) == 0
    run(store.take("k", 1.0, 2, force=True))
    run(store.take("k", 1.0, 2, force=True))
    assert run(store.take("k", 1.0, 2, consume=False)) > 0
    run(store.take("k", 1.0, 2, force=True))  # counted even when already refused
    assert run(store.take("k", 1.0, 2, consume=False)) == pytest.approx(2.0)


def _limiter(store=None, **limits) -> RateLimiter:
    return RateLimiter(store or MemoryStore(Clock()), bytes.fromhex(TEST_SECRET),
                       Limits(**limits))


def test_failed_codes_block_the_address_not_other_addresses():
    limiter = _limiter(code_failures_per_address=Limit(3, 600))

    async def scenario():
        for _ in range(3):
            assert await limiter.code_entry_blocked("203.0.113.5") is None
            await limiter.code_entry_failed("203.0.113.5")
        refusal = await limiter.code_entry_blocked("203.0.113.5")
        other = await limiter.code_entry_blocked("203.0.113.6")
        return refusal, other

    refusal, other = run(scenario())
    assert refusal is not None and other is None
    assert refusal.retry_after == 200  # one attempt comes back every 600/3 s
    assert refusal.headers == {"Retry-After": "200"}
    assert "wait 4 minutes" in refusal.message


def test_sign_in_limits_per_account_and_per_address():
    limiter = _limiter(
        sign_in_failures_per_account=Limit(2, 900), sign_in_failures_per_address=Limit(4, 900)
    )

    async def scenario():
        # one account attacked from many addresses
        for i in range(2):
            await limiter.sign_in_failed(f"198.51.100.{i}", "Lead@School.example")
        account = await limiter.sign_in_blocked("198.51.100.99", "lead@school.example ")
        # one address trying many accounts
        for i in range(4):
            await limiter.sign_in_failed("192.0.2.1", f"user{i}@example.org")
        address = await limiter.sign_in_blocked("192.0.2.1", "someone-new@example.org")
        fine = await limiter.sign_in_blocked("192.0.2.2", "someone-new@example.org")
        return account, address, fine

    account, address, fine = run(scenario())
    assert account is not None and address is not None and fine is None
    assert "failed sign-ins" in account.message


def test_keys_are_keyed_hashes_never_addresses():
    store = MemoryStore(Clock())
    limiter = _limiter(store)
    run(limiter.code_entry_failed("203.0.113.77"))
    run(limiter.sign_in_failed("203.0.113.77", "lead@school.example"))
    keys = " ".join(store._tat)
    assert "203.0.113" not in keys and "school.example" not in keys
    other = RateLimiter(MemoryStore(Clock()), b"another secret key, 32 bytes long", Limits())
    assert other._hash("code-fail", "203.0.113.77") != limiter._hash("code-fail", "203.0.113.77")


def redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


needs_redis = pytest.mark.skipif(not redis_reachable(), reason="Redis is not reachable")


@needs_redis
def test_redis_counters_are_shared_between_processes_and_expire():
    import redis

    prefix = f"feelsafe-test-{uuid.uuid4().hex[:8]}:"

    async def scenario():
        # two stores = two worker processes, one Redis
        first, second = RedisStore(REDIS_URL, prefix), RedisStore(REDIS_URL, prefix)
        try:
            waits = [await first.take("k", 10.0, 3), await second.take("k", 10.0, 3),
                     await first.take("k", 10.0, 3), await second.take("k", 10.0, 3)]
        finally:
            await first.close()
            await second.close()
        return waits

    waits = run(scenario())
    assert waits[:3] == [0, 0, 0]
    assert 9 < waits[3] <= 10  # refused: the burst of 3 is used up, one comes back in 10 s
    client = redis.Redis.from_url(REDIS_URL)
    try:
        ttl = client.pttl(prefix + "k")
        assert 0 < ttl <= 30_001  # the key goes when the bucket would be full again
    finally:
        client.delete(prefix + "k")
        client.close()


def test_unreachable_redis_lets_requests_through():
    store = RedisStore("redis://127.0.0.1:1/0", "x:")

    async def scenario():
        try:
            return await store.take("k", 1.0, 1), await store.take("k", 1.0, 1)
        finally:
            await store.close()

    assert run(scenario()) == (0, 0)


# Through the API ----------------------------------------------------------------------


@pytest.fixture
def settings(database_url):
    from backend.settings import Settings

    limits = {"code_failures_per_address": [3, 3600], "submissions_per_code": [4, 3600],
              "submissions_per_address": [6, 3600], "sign_in_failures_per_address": [3, 900]}
    return Settings.from_env({
        "DATABASE_URL": database_url, "FEELSAFE_SECRET_KEY": TEST_SECRET,
        "FEELSAFE_RATE_LIMITS": json.dumps(limits),
    })


def test_api_refuses_guessing_then_volume_with_429_and_retry_after(client):
    url = "/api/v1/responses"
    # volume per code: 4 with OPENCODE22, then 429; another code still has room
    assert [client.post(url, json=submission()).status_code for _ in range(5)] == [
        201, 201, 201, 201, 429]
    refused = client.post(url, json=submission())
    assert refused.json()["reason"] == "rate_limited"
    assert "this access code" in refused.json()["detail"]
    assert int(refused.headers["Retry-After"]) > 0
    # guessing: three unknown codes are explained, the fourth is refused
    statuses = [client.post(url, json=submission("NOSUCHCODE")).status_code for _ in range(4)]
    assert statuses == [400, 400, 400, 429]
    blocked = client.post(url, json=submission("LIMITED222"))
    assert blocked.status_code == 429  # the address is blocked for a while, whatever the code
    assert "codes that do not exist" in blocked.json()["detail"]
    assert blocked.headers["Retry-After"] == "1200"


# Several workers, one Redis ------------------------------------------------------------


@pytest.mark.slow
@needs_redis
def test_limits_hold_across_worker_processes(sqlite_url, tmp_path):
    from tests.reliability.db_checks import seed
    from tests.reliability.server import Server

    seed(sqlite_url)
    limits = json.dumps({"code_failures_per_address": [10, 3600]})
    with Server(sqlite_url, tmp_path / "server.log", workers=2,
                FEELSAFE_REDIS_URL=REDIS_URL, FEELSAFE_FORWARDED_ALLOW_IPS="127.0.0.1",
                FEELSAFE_RATE_LIMITS=limits) as server:
        fresh = httpx.Limits(max_keepalive_connections=0)  # a new connection, any worker
        with httpx.Client(base_url=server.base, limits=fresh, timeout=10) as http:
            attacker = {"X-Forwarded-For": "203.0.113.200"}
            statuses = [
                http.post("/api/v1/responses", json=submission("NOSUCHCODE"),
                          headers=attacker).status_code
                for _ in range(30)
            ]
            pupil = http.post("/api/v1/responses", json=submission("OPENCODE22"),
                              headers={"X-Forwarded-For": "192.0.2.10"})
    assert statuses == [400] * 10 + [429] * 20  # not 10 per worker
    assert pupil.status_code == 201  # another school's address is untouched
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        keys = b" ".join(client.scan_iter("feelsafe:*"))
    finally:
        client.close()
    assert keys and b"203.0.113" not in keys and b"192.0.2" not in keys
    log = (tmp_path / "server.log").read_text()
    assert "203.0.113.200" not in log and "192.0.2.10" not in log


def test_pupil_pages_count_unknown_codes_and_answer_429_pages(client):
    statuses = [client.get("/s/NOSUCHCODE").status_code for _ in range(2)]
    statuses.append(client.get("/go", params={"code": "ALSONOCODE"}).status_code)
    blocked = client.get("/s/OPENCODE22")  # the address is blocked now, even for a real code
    assert statuses == [404, 404, 400]
    assert blocked.status_code == 429
    assert blocked.headers["Retry-After"] == "1200"
    assert "20 minutes" in blocked.text and "<html" in blocked.text
    assert client.get("/go", params={"code": "OPENCODE22"}).status_code == 429


def test_pupils_already_in_the_survey_are_not_stopped_by_a_guessing_classmate(client):
    from tests.backend.pupil_helpers import answer, start, submit
    from tests.backend.submission_helpers import full_answers

    page = start(client)  # a pupil has entered the class code
    guesses = [client.get(f"/s/GUESS{i}CODE").status_code for i in range(4)]
    assert guesses == [404, 404, 404, 429]  # same network: guessing is now refused
    for _ in range(60):  # ...but the pupil who already entered a code carries on
        reply = answer(client, page, full_answers())
        assert reply.status_code == 303, reply.text
        page = client.get(reply.headers["location"])
        assert page.status_code == 200
        if reply.headers["location"].endswith("/check"):
            break
    done = submit(client, page)
    assert done.status_code == 303 and done.headers["location"].endswith("/thanks")


def test_staff_sign_in_is_refused_from_an_address_after_failures_on_any_accounts(client):
    from tests.backend.staff.helpers import PASSWORD, csrf_headers, make_user, sign_in

    make_user("admin")
    make_user("reviewer")
    for email in ("admin@test.invalid", "reviewer@test.invalid", "nobody@test.invalid"):
        assert sign_in(client, email, "wrong password here").status_code == 400
    refused = sign_in(client, "admin@test.invalid", PASSWORD)  # even the right password
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "300"
    assert "Too many failed sign-ins. Please wait 5 minutes" in refused.text
    assert "staff=" not in refused.headers.get("set-cookie", "")
    api = client.post("/api/v1/staff/session", headers=csrf_headers(client),
                      json={"email": "reviewer@test.invalid", "password": PASSWORD})
    assert api.status_code == 429
    assert api.json()["reason"] == "rate_limited"
    assert api.headers["Retry-After"] == "300"
