"""The limiter as the web layer uses it: one call per decision, a RateLimited to refuse.

The API and the pupil pages both call these; each turns RateLimited into its
own 429 (JSON or a page) with Retry-After. The address is read here and
handed straight to the limiter, which hashes it; it is never kept or logged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from litestar import Request

    from backend.ratelimit.limiter import RateLimiter, Refusal

__all__ = [
    "RateLimited",
    "check_code_entry",
    "check_sign_in",
    "check_submission",
    "client_address",
    "code_entry_failed",
    "sign_in_failed",
]


class RateLimited(Exception):
    def __init__(self, refusal: Refusal) -> None:
        self.refusal = refusal
        super().__init__(refusal.kind)


def client_address(request: Request) -> str | None:
    """The peer, or the client a trusted proxy names (FEELSAFE_FORWARDED_ALLOW_IPS)."""
    return request.client.host if request.client else None


def _limiter(request: Request) -> RateLimiter:
    return request.app.state.rate_limiter


async def check_code_entry(request: Request) -> None:
    """Before any code is looked up: has this address tried too many unknown codes?"""
    refusal = await _limiter(request).code_entry_blocked(client_address(request))
    if refusal is not None:
        raise RateLimited(refusal)


async def code_entry_failed(request: Request) -> None:
    await _limiter(request).code_entry_failed(client_address(request))


async def check_submission(request: Request, code_id: int) -> None:
    """Before a submission with a known code is validated and stored."""
    refusal = await _limiter(request).submission(client_address(request), code_id)
    if refusal is not None:
        raise RateLimited(refusal)


async def check_sign_in(request: Request, account: str) -> None:
    """Before a staff password is checked: too many failures from here or on this account?"""
    refusal = await _limiter(request).sign_in_blocked(client_address(request), account)
    if refusal is not None:
        raise RateLimited(refusal)


async def sign_in_failed(request: Request, account: str) -> None:
    await _limiter(request).sign_in_failed(client_address(request), account)
