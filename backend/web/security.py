"""Security headers for every response: CSP without inline script, no caching of pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from litestar.datastructures import MutableScopeHeaders

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


def security_before_send(https: bool):
    """Headers for every answer, as a ``before_send`` hook rather than a middleware: it
    also sees the answers no route produced (404, 405), so none goes out without them."""

    async def before_send(message: Message, scope: Scope) -> None:
        if message["type"] != "http.response.start":
            return
        headers = MutableScopeHeaders.from_message(message)
        headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "no-referrer"
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        public = scope["path"].startswith(PUBLIC_PAGES) and (
            headers.get("Cache-Control", "").startswith("public"))
        if not scope["path"].startswith("/static/") and not public:
            headers["Cache-Control"] = "no-store"
        if https:
            headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"

    return before_send
