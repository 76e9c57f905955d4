"""Security headers for every response: CSP without inline script, no caching of pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from litestar.types import Message, Scope

__all__ = ["CONTENT_SECURITY_POLICY", "PUBLIC_PAGES", "security_before_send"]

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)

PUBLIC_PAGES = ("/you-said-we-did",)
"""Pages that are the same for every reader and set no cookie: they may be cached when their
handler says ``public``. Every other page and API answer is ``no-store``."""


def _encoded(headers: dict[str, str]) -> tuple[frozenset[bytes], list[tuple[bytes, bytes]]]:
    pairs = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
    return frozenset(name for name, _ in pairs), pairs


def _says_public(message: Message) -> bool:
    """Did the handler mark this answer ``Cache-Control: public``?"""
    return any(name.lower() == b"cache-control" and value.startswith(b"public")
               for name, value in message.get("headers", ()))


def security_before_send(https: bool):
    """Headers for every answer, as a ``before_send`` hook rather than a middleware: it
    also sees the answers no route produced (404, 405), so none goes out without them.

    Each header replaces any of the same name the handler set. The raw header list
    is edited in one pass (this runs for every response, /healthz included)."""
    common = {
        "Content-Security-Policy": CONTENT_SECURITY_POLICY,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    }
    if https:
        common["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    static = _encoded(common)
    pages = _encoded({**common, "Cache-Control": "no-store"})

    async def before_send(message: Message, scope: Scope) -> None:
        if message["type"] != "http.response.start":
            return
        path = scope["path"]
        names, added = static if path.startswith("/static/") or (
            path.startswith(PUBLIC_PAGES) and _says_public(message)) else pages
        kept = [h for h in message.get("headers", ()) if h[0].lower() not in names]
        message["headers"] = kept + added

    return before_send
