"""Settings, read once from the environment into a typed object."""

from __future__ import annotations

import os
import secrets
from functools import lru_cache
from pathlib import Path

import msgspec

from backend.ratelimit.limiter import Limits

__all__ = ["PROJECT_ROOT", "DataContact", "HelpContact", "Settings", "get_settings"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class HelpContact(msgspec.Struct, frozen=True):
    """A local contact shown in every pupil page's help box."""

    name: str
    phone: str = ""
    url: str = ""
    description: str = ""


class DataContact(msgspec.Struct, frozen=True):
    """Who answers parents' questions about how survey answers are stored and used (named in
    the parent letter)."""

    name: str
    email: str = ""
    phone: str = ""
    url: str = ""


DEFAULT_HELP_CONTACTS = (
    HelpContact(
        name="Sutton Multi-Agency Safeguarding Hub (MASH)",
        phone="020 8770 6001",
        description="If you are worried about a child in Sutton.",
    ),
    HelpContact(name="Kooth", url="https://www.kooth.com", description="Free online support."),
)


DEFAULT_PARTNERSHIP_NAME = "Sutton Local Safeguarding Children Partnership"
DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather"
"""A neutral page that says nothing about the survey."""


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    """Everything that varies between deployments."""

    database_url: str
    """``sqlite:///path`` or ``postgres://user@host:port/db``; unset means var/feelsafe.sqlite3."""
    secret_key: bytes
    """32 bytes that encrypt pupil session cookies and sign staff sessions (FEELSAFE_SECRET_KEY)."""
    min_group_size: int = 10
    """Smallest group whose numbers may be shown (FEELSAFE_MIN_GROUP_SIZE)."""
    help_contacts: tuple[HelpContact, ...] = DEFAULT_HELP_CONTACTS
    """Local contacts for the help box, JSON list in FEELSAFE_HELP_CONTACTS."""
    partnership_name: str = DEFAULT_PARTNERSHIP_NAME
    """Shown on letters, packs and toolkits (FEELSAFE_PARTNERSHIP_NAME)."""
    https: bool = False
    """True behind TLS: cookies are Secure and HSTS is sent (FEELSAFE_HTTPS)."""
    debug: bool = False
    """Litestar debug mode; never in production (FEELSAFE_DEBUG)."""
    redis_url: str = ""
    """Redis for rate-limit counters shared by several workers (FEELSAFE_REDIS_URL); unset
    means this process's memory, right for the single-worker default."""
    rate_limits: Limits = msgspec.field(default_factory=Limits)
    """Overrides as JSON in FEELSAFE_RATE_LIMITS, e.g. ``{"submissions_per_code": [2000, 3000]}``
    (count, seconds)."""
    forwarded_allow_ips: str = ""
    """Proxies trusted to name the client in X-Forwarded-For (FEELSAFE_FORWARDED_ALLOW_IPS,
    e.g. ``*`` behind a platform router); the address is used for rate limits only."""
    db_pool_size: int = 8
    """Pooled PostgreSQL connections per web process for Piccolo queries
    (FEELSAFE_DB_POOL_SIZE); 0 opens a connection per query."""
    retention_years: int | None = None
    """Editions older than this many years are deleted by ``feelsafe retention``
    (FEELSAFE_RETENTION_YEARS)."""
    exit_url: str = DEFAULT_EXIT_URL
    """Where "Exit this page" sends a pupil: a neutral site (FEELSAFE_EXIT_URL)."""
    data_contact: DataContact | None = None
    """The data protection contact named in parent letters, JSON object in
    FEELSAFE_DATA_CONTACT (``{"name", "email", "phone", "url"}``); unset, letters send
    questions through the school office, which every parent can reach."""
    opt_out_days: int = 5
    """Days before a school's survey window opens by which parents return the opt-out slip
    (FEELSAFE_OPT_OUT_DAYS); a deadline on a weekend moves back to the Friday."""

    @property
    def is_postgres(self) -> bool:
        return self.database_url.startswith(("postgres://", "postgresql://"))

    @property
    def sqlite_path(self) -> Path:
        """The database file of a ``sqlite:///`` URL."""
        return Path(self.database_url.removeprefix("sqlite:///"))

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        url = env.get("DATABASE_URL") or f"sqlite:///{PROJECT_ROOT / 'var' / 'feelsafe.sqlite3'}"
        if not url.startswith(("sqlite:///", "postgres://", "postgresql://")):
            raise ValueError(
                f"DATABASE_URL must start with sqlite:/// or postgres://, got {url.split(':')[0]!r}"
            )
        key = env.get("FEELSAFE_SECRET_KEY")
        contacts = DEFAULT_HELP_CONTACTS
        if raw := env.get("FEELSAFE_HELP_CONTACTS"):
            contacts = tuple(msgspec.json.decode(raw, type=list[HelpContact]))
        return cls(
            database_url=url,
            secret_key=_secret_key(key, url),
            min_group_size=int(env.get("FEELSAFE_MIN_GROUP_SIZE", "10")),
            help_contacts=contacts,
            partnership_name=env.get("FEELSAFE_PARTNERSHIP_NAME", DEFAULT_PARTNERSHIP_NAME),
            https=env.get("FEELSAFE_HTTPS", "").lower() in {"1", "true", "yes"},
            debug=env.get("FEELSAFE_DEBUG", "").lower() in {"1", "true", "yes"},
            redis_url=env.get("FEELSAFE_REDIS_URL", ""),
            rate_limits=_rate_limits(env.get("FEELSAFE_RATE_LIMITS", "")),
            forwarded_allow_ips=env.get("FEELSAFE_FORWARDED_ALLOW_IPS", ""),
            db_pool_size=int(env.get("FEELSAFE_DB_POOL_SIZE") or 8),
            retention_years=int(env["FEELSAFE_RETENTION_YEARS"])
            if env.get("FEELSAFE_RETENTION_YEARS")
            else None,
            exit_url=env.get("FEELSAFE_EXIT_URL") or DEFAULT_EXIT_URL,
            data_contact=_data_contact(env.get("FEELSAFE_DATA_CONTACT", "")),
            opt_out_days=int(env.get("FEELSAFE_OPT_OUT_DAYS") or 5),
        )


def _data_contact(raw: str) -> DataContact | None:
    if not raw:
        return None
    try:
        return msgspec.json.decode(raw, type=DataContact)
    except msgspec.DecodeError as exc:
        raise ValueError(f"FEELSAFE_DATA_CONTACT is not valid: {exc}") from None


def _rate_limits(raw: str) -> Limits:
    if not raw:
        return Limits()
    try:
        return msgspec.json.decode(raw, type=Limits)
    except msgspec.DecodeError as exc:
        raise ValueError(f"FEELSAFE_RATE_LIMITS is not valid: {exc}") from None


def _secret_key(value: str | None, database_url: str) -> bytes:
    """A 32-byte key: from the environment, or one kept beside an embedded database.

    Several workers must share the key, so a development key is written once to
    ``var/secret.key`` rather than made afresh in each process.
    """
    if value:
        raw = bytes.fromhex(value) if len(value) == 64 else value.encode()
        if len(raw) < 32:
            raise ValueError("FEELSAFE_SECRET_KEY must be at least 32 bytes (or 64 hex digits)")
        return raw[:32]
    if database_url.startswith(("postgres://", "postgresql://")):
        raise ValueError("FEELSAFE_SECRET_KEY must be set when DATABASE_URL is PostgreSQL")
    path = Path(database_url.removeprefix("sqlite:///")).parent / "secret.key"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return bytes.fromhex(path.read_text().strip())


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings, read once."""
    return Settings.from_env()
