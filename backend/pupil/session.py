"""The pupil's survey session: answers in progress, in their own encrypted cookie.

Nothing a pupil types is written on the server before it is sent and
redacted: answers in progress travel in an AES-GCM encrypted cookie
(Litestar's client-side session backend), which also means nobody can resume
another pupil's survey. The cookie is a browser-session cookie (no Max-Age,
so it goes when the browser closes); the encrypted envelope carries its own
generous expiry, renewed on every page, so a lesson never times out.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from litestar.middleware.session.client_side import ClientSideSessionBackend, CookieBackendConfig

from backend.i18n import LANGUAGES, VARIANTS

if TYPE_CHECKING:
    from litestar import Request

    from backend.settings import Settings

__all__ = [
    "COOKIE_KEY",
    "DISPLAY_OPTIONS",
    "ENVELOPE_SECONDS",
    "PupilState",
    "load_state",
    "save_state",
    "session_config",
]

COOKIE_KEY = "pupil"
ENVELOPE_SECONDS = 24 * 60 * 60
"""The encrypted session is good for a day after the last page: no lesson runs out of time."""


class _BrowserSessionBackend(ClientSideSessionBackend):
    """Sets the cookie without Max-Age, so it does not outlive the browser session."""

    def __init__(self, config: CookieBackendConfig) -> None:
        super().__init__(config)
        self._set_cookie_params = {  # type: ignore[misc]
            k: v for k, v in self._set_cookie_params.items() if k != "max_age"
        }

    def __deepcopy__(self, memo: dict) -> _BrowserSessionBackend:
        # Litestar copies routers when registering them; the cipher cannot be copied, and
        # need not be: it holds no per-request state.
        return self


class PupilSessionConfig(CookieBackendConfig):
    _backend_class = _BrowserSessionBackend


def pupil_key(secret: bytes) -> bytes:
    """A key for pupil sessions only, derived from the app secret (staff sessions get another)."""
    return hmac.new(secret, b"feelsafe pupil session v1", hashlib.sha256).digest()


def session_config(settings: Settings) -> CookieBackendConfig:
    return PupilSessionConfig(
        secret=pupil_key(settings.secret_key),
        key=COOKIE_KEY,
        max_age=ENVELOPE_SECONDS,
        secure=settings.https,
        httponly=True,
        samesite="lax",
    )


@dataclass
class PupilState:
    """What one pupil's session holds; plain data so it serialises into the cookie."""

    code: str
    lang: str = "en"
    variant: str = "standard"
    client_submission_id: str = field(default_factory=lambda: secrets.token_urlsafe(18))
    """Made once per survey session: a double click or a retry stores one response."""
    answers: dict[str, Any] = field(default_factory=dict)
    started: bool = False
    submitted: bool = False
    support: list[str] = field(default_factory=list)
    """Kinds of support for the thank-you page, worked out when the answers were sent."""
    shared_device: bool = False
    display: list[str] = field(default_factory=list)
    """Display options the pupil switched on (see DISPLAY_OPTIONS), for this session only."""


DISPLAY_OPTIONS = ("large", "contrast", "spacing")
"""Larger text, high contrast, dyslexia-friendly spacing: classes ``display-<name>`` on <html>."""


def load_state(request: Request) -> PupilState | None:
    """The pupil's state, or None when there is none (or it was tampered with)."""
    raw = request.session if request.scope.get("session") else None
    if not raw or not isinstance(raw, dict) or not isinstance(raw.get("code"), str):
        return None
    try:
        state = PupilState(**{k: raw[k] for k in PupilState.__dataclass_fields__ if k in raw})
    except TypeError:
        return None
    if state.lang not in LANGUAGES or state.variant not in VARIANTS:
        return None
    if not isinstance(state.answers, dict):
        state.answers = {}
    if not isinstance(state.display, list):
        state.display = []
    state.display = [d for d in DISPLAY_OPTIONS if d in state.display]
    return state


def save_state(request: Request, state: PupilState) -> None:
    request.set_session(asdict(state))
