"""Rate limits for code entry, submissions and staff sign-in, shared by every worker process."""

from __future__ import annotations

from backend.ratelimit.limiter import Limit, Limits, RateLimiter, Refusal
from backend.ratelimit.stores import MemoryStore, RedisStore, Store

__all__ = [
    "Limit",
    "Limits",
    "MemoryStore",
    "RateLimiter",
    "RedisStore",
    "Refusal",
    "Store",
    "limiter_for",
]


def limiter_for(settings) -> RateLimiter:
    """Redis when FEELSAFE_REDIS_URL is set (several workers), else this process's memory.

    Keys are namespaced by a hash of the secret and the database, so two
    deployments (or two test runs) sharing one Redis never share counters.
    """
    import hashlib

    if settings.redis_url:
        space = hashlib.sha256(settings.secret_key + settings.database_url.encode()).hexdigest()
        store: Store = RedisStore(settings.redis_url, prefix=f"feelsafe:{space[:12]}:")
    else:
        store = MemoryStore()
    return RateLimiter(store, settings.secret_key, settings.rate_limits)
