"""The limits themselves, and the one object the web layer asks.

A whole school reaches the internet through one public address, so plain
per-address limits would lock out a year group in the middle of a lesson.
What is limited instead:

- failed access-code attempts per address (guessing a code), checked before
  every code entry and counted only when a code is unknown;
- submissions per access code (one code cannot flood an edition);
- submissions per address, with a burst big enough for a whole school;
- failed staff sign-ins per address and per account.

Addresses and account names are turned into keyed hashes (BLAKE2b keyed with
a key derived from the secret key) before they reach a store, and are never logged.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import msgspec

from backend.i18n import N_

if TYPE_CHECKING:
    from backend.ratelimit.stores import Store

__all__ = ["Limit", "Limits", "RateLimiter", "Refusal"]


class Limit(msgspec.Struct, frozen=True, array_like=True):
    """``count`` at once, refilled evenly over ``per_seconds``."""

    count: int
    per_seconds: float

    @property
    def interval(self) -> float:
        return self.per_seconds / self.count


class Limits(msgspec.Struct, frozen=True, kw_only=True):
    """Every limit; FEELSAFE_RATE_LIMITS (JSON, e.g. ``{"code_failures_per_address": [100, 600]}``)
    overrides any of them."""

    code_failures_per_address: Limit = Limit(100, 600)
    """Unknown access codes tried from one address: 100 at once, then one every 6 s."""
    submissions_per_code: Limit = Limit(2000, 3000)
    """Submissions with one code: a 2,000-pupil school in one 50-minute lesson."""
    submissions_per_address: Limit = Limit(3000, 3000)
    """Submissions from one address: two such schools behind one address, then one a second."""
    sign_in_failures_per_address: Limit = Limit(30, 900)
    """Failed staff sign-ins from one address: 30, then one every 30 s."""
    sign_in_failures_per_account: Limit = Limit(10, 900)
    """Failed sign-ins to one staff account from anywhere: 10, then one every 90 s."""


def _english_ngettext(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural


_MESSAGES = {
    "code_guessing": N_("Too many codes that do not exist were tried from this network. "
                        "Please wait %(wait)s, then check the code with your teacher."),
    "address_volume": N_("Too many answers were sent from this network in a short time. "
                         "Nothing was saved. Please wait %(wait)s and send them again."),
    "code_volume": N_("Too many answers were sent with this access code in a short time. "
                      "Nothing was saved. Please wait %(wait)s and send them again."),
    "sign_in": N_("Too many failed sign-ins. Please wait %(wait)s and try again."),
}


@dataclass(frozen=True)
class Refusal:
    """Why a request was refused and when to try again: answer 429 with Retry-After."""

    kind: str
    """code_guessing, address_volume, code_volume or sign_in."""
    retry_after: int
    """Whole seconds until the request would be let through."""

    @property
    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)}

    def describe(self, gettext=lambda text: text, ngettext=_english_ngettext) -> str:
        """The message for people, through the caller's translations."""
        if self.retry_after < 90:
            n = self.retry_after
            wait = ngettext("%(num)d second", "%(num)d seconds", n)
        else:
            n = math.ceil(self.retry_after / 60)
            wait = ngettext("%(num)d minute", "%(num)d minutes", n)
        return gettext(_MESSAGES[self.kind]) % {"wait": wait % {"num": n}}

    @property
    def message(self) -> str:
        return self.describe()


class RateLimiter:
    """Asks the store about each limit; the web layer turns a Refusal into a 429."""

    def __init__(self, store: Store, secret_key: bytes, limits: Limits | None = None) -> None:
        self.store = store
        self.limits = limits or Limits()
        self._key = hashlib.sha256(b"feelsafe-rate-limit" + secret_key).digest()

    def _hash(self, kind: str, value: str) -> str:
        digest = hashlib.blake2b(
            f"{kind}\0{value}".encode(), key=self._key, digest_size=16
        ).hexdigest()
        return f"{kind}:{digest}"

    async def _take(
        self, kind: str, value: str, limit: Limit, *, consume: bool = True, force: bool = False
    ) -> float:
        return await self.store.take(
            self._hash(kind, value), limit.interval, limit.count, consume=consume, force=force
        )

    # Access codes --------------------------------------------------------

    async def code_entry_blocked(self, address: str | None) -> Refusal | None:
        """Before looking a code up: has this address tried too many unknown codes?"""
        wait = await self._take(
            "code-fail", address or "", self.limits.code_failures_per_address, consume=False
        )
        return Refusal("code_guessing", math.ceil(wait)) if wait else None

    async def code_entry_failed(self, address: str | None) -> None:
        """An unknown code was tried: count it against the address."""
        await self._take(
            "code-fail", address or "", self.limits.code_failures_per_address, force=True
        )

    # Submissions ---------------------------------------------------------

    async def submission(self, address: str | None, code_id: int) -> Refusal | None:
        """One submission with a known code: within the address's and the code's volume?"""
        for kind, value, limit, refusal in (
            ("sub-addr", address or "", self.limits.submissions_per_address, "address_volume"),
            ("sub-code", str(code_id), self.limits.submissions_per_code, "code_volume"),
        ):
            wait = await self._take(kind, value, limit)
            if wait:
                return Refusal(refusal, math.ceil(wait))
        return None

    # Staff sign-in -------------------------------------------------------

    async def sign_in_blocked(self, address: str | None, account: str) -> Refusal | None:
        """Before checking a password: too many failures from here, or against this account?"""
        for kind, value, limit in (
            ("signin-addr", address or "", self.limits.sign_in_failures_per_address),
            ("signin-acct", account.strip().lower(), self.limits.sign_in_failures_per_account),
        ):
            wait = await self._take(kind, value, limit, consume=False)
            if wait:
                return Refusal("sign_in", math.ceil(wait))
        return None

    async def sign_in_failed(self, address: str | None, account: str) -> None:
        """A wrong email or password: count it against the address and the account."""
        await self._take(
            "signin-addr", address or "", self.limits.sign_in_failures_per_address, force=True
        )
        await self._take(
            "signin-acct",
            account.strip().lower(),
            self.limits.sign_in_failures_per_account,
            force=True,
        )

    async def close(self) -> None:
        await self.store.close()
