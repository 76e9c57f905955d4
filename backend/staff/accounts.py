"""Staff accounts: Argon2 passwords, lock-out and sessions, all held in the database.

Everything that must hold across worker processes (failure counts, locks,
sessions) lives in the ``staff_user`` and ``staff_session`` tables, never in a
process's memory. The session cookie carries only a random token; the
database keeps its SHA-256, so a copy of the database cannot be replayed as
cookies.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from backend.staff.problems import N_, FieldProblem, InputProblems
from backend.storage.tables import School, StaffSession, StaffUser

__all__ = [
    "AUTH",
    "ROLES",
    "SCHOOL_ROLES",
    "SignInRefused",
    "StaffAuthConfig",
    "StaffPrincipal",
    "authenticate",
    "change_password",
    "create_session",
    "create_user",
    "end_session",
    "hash_token",
    "list_users",
    "new_password",
    "normalise_email",
    "password_problems",
    "reset_password",
    "resolve_session",
    "set_active",
]

ADMIN, REVIEWER, SAFEGUARDING_LEAD, SEND_LEAD, AMBASSADOR = (
    "admin",
    "reviewer",
    "safeguarding_lead",
    "send_lead",
    "ambassador",
)
ROLES: tuple[str, ...] = (ADMIN, REVIEWER, SAFEGUARDING_LEAD, SEND_LEAD, AMBASSADOR)
SCHOOL_ROLES = frozenset({SEND_LEAD})
"""Roles scoped to one school: they need a school, and no other role may have one."""

_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class StaffAuthConfig:
    """How strict sign-in is. One instance, ``AUTH``, is used everywhere."""

    max_failures: int = 5
    """Failed sign-ins in a row that lock an account."""
    lockout: dt.timedelta = dt.timedelta(minutes=15)
    """How long a locked account stays locked (an admin's password reset unlocks it at once)."""
    idle_timeout: dt.timedelta = dt.timedelta(hours=2)
    """A session unused this long has ended."""
    session_lifetime: dt.timedelta = dt.timedelta(hours=12)
    """A session ends this long after sign-in, however busy."""
    touch_interval: dt.timedelta = dt.timedelta(seconds=60)
    """``last_seen`` is written at most this often, to keep writes off the hot path."""
    min_password_length: int = 12
    max_password_length: int = 256
    """Bounds the work an Argon2 hash does for one request."""
    argon2_time_cost: int = 2
    argon2_memory_kib: int = 19456
    argon2_parallelism: int = 1
    """Argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): about 0.1 s a hash
    on a small shared server, where argon2-cffi's default (64 MiB, 4 lanes) takes a second and
    would let a few sign-ins starve the pupils' submissions."""


AUTH = StaffAuthConfig()

_hasher = PasswordHasher(
    time_cost=AUTH.argon2_time_cost,
    memory_cost=AUTH.argon2_memory_kib,
    parallelism=AUTH.argon2_parallelism,
)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """A hash to check unknown emails against, so they take as long as known ones."""
    return _hasher.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True)
class StaffPrincipal:
    """The signed-in member of staff, as the guards and pages see them."""

    id: int
    email: str
    role: str
    school_id: int | None
    school_code: str | None
    must_change_password: bool


class SignInRefused(Exception):
    """Sign-in failed. ``reason`` is "invalid" (unknown email or wrong password) or "locked"."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def normalise_email(email: str) -> str:
    return email.strip().lower()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_password() -> str:
    """A random password for demo accounts and the like (about 96 bits)."""
    return secrets.token_urlsafe(12)


def password_problems(password: str, field_name: str = "password") -> list[FieldProblem]:
    if len(password) < AUTH.min_password_length:
        return [
            FieldProblem(
                field_name,
                N_("Password must be at least %(min)s characters long."),
                {"min": AUTH.min_password_length},
            )
        ]
    if len(password) > AUTH.max_password_length:
        return [
            FieldProblem(
                field_name,
                N_("Password must be at most %(max)s characters long."),
                {"max": AUTH.max_password_length},
            )
        ]
    return []


async def _hash(password: str) -> str:
    return await asyncio.to_thread(_hasher.hash, password)


def _verify(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


# --------------------------------------------------------------------------- accounts


async def create_user(
    email: str,
    password: str,
    role: str,
    school_code: str | None = None,
    *,
    must_change_password: bool = False,
) -> int:
    """Create an account, or raise InputProblems listing everything wrong."""
    email = normalise_email(email)
    problems: list[FieldProblem] = []
    if not _EMAIL.match(email) or len(email) > 254:
        problems.append(FieldProblem("email", N_("Enter an email address like name@example.org.")))
    elif await StaffUser.exists().where(StaffUser.email == email):
        problems.append(FieldProblem("email", N_("There is already an account with this email.")))
    school_id = None
    if role not in ROLES:
        problems.append(
            FieldProblem(
                "role", N_("Role must be one of: %(roles)s."), {"roles": ", ".join(ROLES)}
            )
        )
    elif role in SCHOOL_ROLES:
        if not school_code:
            problems.append(
                FieldProblem("school", N_("Choose the school this SEND lead works for."))
            )
        else:
            school = await School.select(School.id).where(
                School.code == school_code.strip().upper()
            ).first()
            if school is None:
                problems.append(
                    FieldProblem(
                        "school", N_("There is no school with code %(code)s."),
                        {"code": school_code},
                    )
                )
            else:
                school_id = school["id"]
    elif school_code:
        problems.append(
            FieldProblem("school", N_("Only a SEND lead is linked to a school; leave it empty."))
        )
    problems += password_problems(password)
    if problems:
        raise InputProblems(problems)
    user = StaffUser(
        email=email,
        password_hash=await _hash(password),
        role=role,
        school=school_id,
        must_change_password=must_change_password,
        created_at=_now(),
    )
    await user.save()
    return user.id


async def list_users() -> list[dict]:
    rows = await StaffUser.select(
        StaffUser.id,
        StaffUser.email,
        StaffUser.role,
        StaffUser.school.code.as_alias("school_code"),
        StaffUser.active,
        StaffUser.must_change_password,
        StaffUser.locked_until,
    ).order_by(StaffUser.email)
    now = _now()
    for row in rows:
        row["locked"] = bool(row["locked_until"] and row["locked_until"] > now)
        row["active"] = bool(row["active"])
        row["must_change_password"] = bool(row["must_change_password"])
    return rows


async def reset_password(user_id: int, one_time_password: str) -> None:
    """An admin's reset: a one-time password to change at next sign-in; unlocks; signs out."""
    if problems := password_problems(one_time_password):
        raise InputProblems(problems)
    if not await StaffUser.exists().where(StaffUser.id == user_id):
        raise LookupError(user_id)
    await StaffUser.update(
        {
            StaffUser.password_hash: await _hash(one_time_password),
            StaffUser.must_change_password: True,
            StaffUser.failed_sign_ins: 0,
            StaffUser.locked_until: None,
        }
    ).where(StaffUser.id == user_id)
    await StaffSession.delete().where(StaffSession.user == user_id)


async def set_active(user_id: int, active: bool) -> None:
    """Deactivating signs the user out everywhere and stops them signing in."""
    if not await StaffUser.exists().where(StaffUser.id == user_id):
        raise LookupError(user_id)
    await StaffUser.update({StaffUser.active: active}).where(StaffUser.id == user_id)
    if not active:
        await StaffSession.delete().where(StaffSession.user == user_id)


async def change_password(user_id: int, current: str, new: str, keep_token: str | None) -> None:
    """The user's own change; every other session of theirs ends."""
    row = await StaffUser.select(StaffUser.password_hash).where(StaffUser.id == user_id).first()
    if row is None:
        raise LookupError(user_id)
    problems: list[FieldProblem] = []
    if not await asyncio.to_thread(_verify, row["password_hash"], current):
        problems.append(FieldProblem("current_password", N_("Your current password is not right.")))
    problems += password_problems(new, "new_password")
    if not problems and new == current:
        problems.append(
            FieldProblem("new_password", N_("Choose a password different from the current one."))
        )
    if problems:
        raise InputProblems(problems)
    await StaffUser.update(
        {StaffUser.password_hash: await _hash(new), StaffUser.must_change_password: False}
    ).where(StaffUser.id == user_id)
    others = StaffSession.delete().where(StaffSession.user == user_id)
    if keep_token:
        others = others.where(StaffSession.token_hash != hash_token(keep_token))
    await others


# --------------------------------------------------------------------------- sign-in


async def authenticate(email: str, password: str, now: dt.datetime | None = None) -> int:
    """Return the user id for a right email and password, or raise SignInRefused.

    A locked account is refused before its password is even checked, and
    ``max_failures`` wrong passwords in a row lock it. The counter is updated
    in the database in one statement, so several workers count together.
    """
    now = now or _now()
    email = normalise_email(email)
    row = await StaffUser.select(
        StaffUser.id, StaffUser.password_hash, StaffUser.active, StaffUser.locked_until
    ).where(StaffUser.email == email).first()
    if row is None or not row["active"] or len(password) > AUTH.max_password_length:
        await asyncio.to_thread(_verify, _dummy_hash(), password[: AUTH.max_password_length])
        raise SignInRefused("invalid")
    if row["locked_until"] is not None and row["locked_until"] > now:
        raise SignInRefused("locked")
    user_id = row["id"]
    if not await asyncio.to_thread(_verify, row["password_hash"], password):
        await StaffUser.update(
            {StaffUser.failed_sign_ins: StaffUser.failed_sign_ins + 1}
        ).where(StaffUser.id == user_id)
        locked = await StaffUser.update(
            {StaffUser.failed_sign_ins: 0, StaffUser.locked_until: now + AUTH.lockout}
        ).where(
            (StaffUser.id == user_id) & (StaffUser.failed_sign_ins >= AUTH.max_failures)
        ).returning(StaffUser.id)
        raise SignInRefused("locked" if locked else "invalid")
    changes: dict = {StaffUser.failed_sign_ins: 0, StaffUser.locked_until: None}
    if _hasher.check_needs_rehash(row["password_hash"]):
        changes[StaffUser.password_hash] = await _hash(password)
    await StaffUser.update(changes).where(StaffUser.id == user_id)
    return user_id


async def create_session(user_id: int, now: dt.datetime | None = None) -> str:
    """Start a session and return its token (for the cookie; only its hash is stored)."""
    now = now or _now()
    token = secrets.token_urlsafe(32)
    # Housekeeping: ended sessions are removed whenever someone signs in.
    await StaffSession.delete().where(
        (StaffSession.expires_at < now) | (StaffSession.last_seen < now - AUTH.idle_timeout)
    )
    await StaffSession(
        token_hash=hash_token(token),
        user=user_id,
        created_at=now,
        last_seen=now,
        expires_at=now + AUTH.session_lifetime,
    ).save()
    return token


async def resolve_session(token: str, now: dt.datetime | None = None) -> StaffPrincipal | None:
    """The signed-in user for a cookie's token, or None when it is unknown or has ended."""
    if not token or len(token) > 128:
        return None
    now = now or _now()
    row = await StaffSession.select(
        StaffSession.id,
        StaffSession.last_seen,
        StaffSession.expires_at,
        StaffSession.user.id.as_alias("user_id"),
        StaffSession.user.email.as_alias("email"),
        StaffSession.user.role.as_alias("role"),
        StaffSession.user.active.as_alias("active"),
        StaffSession.user.must_change_password.as_alias("must_change_password"),
        StaffSession.user.school.id.as_alias("school_id"),
        StaffSession.user.school.code.as_alias("school_code"),
    ).where(StaffSession.token_hash == hash_token(token)).first()
    if row is None:
        return None
    if row["expires_at"] <= now or row["last_seen"] <= now - AUTH.idle_timeout or not row["active"]:
        await StaffSession.delete().where(StaffSession.id == row["id"])
        return None
    if now - row["last_seen"] >= AUTH.touch_interval:
        await StaffSession.update({StaffSession.last_seen: now}).where(
            StaffSession.id == row["id"]
        )
    return StaffPrincipal(
        id=row["user_id"],
        email=row["email"],
        role=row["role"],
        school_id=row["school_id"],
        school_code=row["school_code"],
        must_change_password=bool(row["must_change_password"]),
    )


async def end_session(token: str) -> None:
    """Sign-out: the session row goes, so the cookie is worthless everywhere at once."""
    if token:
        await StaffSession.delete().where(StaffSession.token_hash == hash_token(token))
