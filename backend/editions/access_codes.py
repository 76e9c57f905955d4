"""Class access codes: long enough not to be guessed, never tied to a pupil."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from backend.refreshing_cache import RefreshingCache
from backend.storage.tables import AccessCode

__all__ = [
    "ALPHABET",
    "AccessCodeInfo",
    "CodeRefused",
    "forget_cached_codes",
    "generate_code",
    "lookup_code",
    "normalise",
]

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""No 0/O or 1/I/L: codes are read off a board and typed by children."""
CODE_LENGTH = 10
"""32**10 = 1.1e15 codes: at 10 failed guesses a minute per address, about 10^9 years per hit
among 10,000 live codes."""
_CACHE_SECONDS = 30.0


@dataclass(frozen=True)
class AccessCodeInfo:
    id: int
    code: str
    school_id: int
    edition_id: int
    opens_on: dt.date
    closes_on: dt.date
    max_uses: int | None
    uses: int
    shared_device: bool
    is_demo: bool
    edition_open: bool


class CodeRefused(LookupError):
    """A code that cannot be used; ``reason`` is a stable key, the message is for people."""

    def __init__(self, reason: str, message: str) -> None:
        self.reason = reason
        super().__init__(message)


def generate_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise(code: str) -> str:
    """Codes are case-insensitive and may be typed with spaces or hyphens."""
    return "".join(ch for ch in code.upper() if ch.isalnum())[:32]


async def _load_code(key: str) -> AccessCodeInfo:
    row = (
        await AccessCode.select(
            AccessCode.all_columns(),
            AccessCode.edition.status.as_alias("edition_status"),
        )
        .where(AccessCode.code == key)
        .first()
    ) if key else None
    if row is None:
        raise CodeRefused(
            "unknown",
            "We could not find that code. Check it with your teacher and try again.",
        )
    return AccessCodeInfo(
        id=row["id"],
        code=row["code"],
        school_id=row["school"],
        edition_id=row["edition"],
        opens_on=_date(row["opens_on"]),
        closes_on=_date(row["closes_on"]),
        max_uses=row["max_uses"],
        uses=row["uses"],
        shared_device=bool(row["shared_device"]),
        is_demo=bool(row["is_demo"]),
        edition_open=row["edition_status"] == "open",
    )


_codes: RefreshingCache[str, AccessCodeInfo] = RefreshingCache(_load_code, _CACHE_SECONDS)


def forget_cached_codes() -> None:
    _codes.clear()


async def lookup_code(code: str, today: dt.date | None = None) -> AccessCodeInfo:
    """Return a usable code or raise CodeRefused saying clearly why not.

    Found codes are kept for 30 seconds (then reloaded in the background while the
    old entry still answers; see backend.refreshing_cache); the use limit is enforced
    again inside the write transaction, so the cache can never let a code be over-used.
    """
    today = today or dt.date.today()
    info = await _codes.get(normalise(code))
    if not info.edition_open:
        raise CodeRefused("closed", "This survey has closed. Thank you for wanting to take part.")
    if today < info.opens_on:
        raise CodeRefused(
            "not_open", f"This code can be used from {info.opens_on.isoformat()}."
        )
    if today > info.closes_on:
        raise CodeRefused("closed", "This code has closed. Ask your teacher for a new one.")
    if info.max_uses is not None and info.uses >= info.max_uses:
        # The cached count may be stale; the writer enforces the limit exactly.
        fresh = await AccessCode.select(AccessCode.uses).where(AccessCode.id == info.id).first()
        if fresh is None or fresh["uses"] >= info.max_uses:
            raise CodeRefused("used_up", "This code has been used as many times as allowed.")
    return info


def _date(value: dt.date | str) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)

