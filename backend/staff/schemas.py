"""Shapes of the staff JSON API (msgspec Structs, shown in the OpenAPI schema)."""

from __future__ import annotations

import datetime as dt

import msgspec

__all__ = [
    "AccessCodeOut",
    "ActiveIn",
    "EditionOpenIn",
    "EditionOut",
    "EditionsOut",
    "IssueCodesIn",
    "MeOut",
    "PasswordChangeIn",
    "PasswordResetIn",
    "ProblemOut",
    "ProblemsOut",
    "RateOut",
    "RatesOut",
    "SchoolIn",
    "SchoolOut",
    "SignInIn",
    "SignInRefusedOut",
    "UserIn",
    "UserOut",
]


class ProblemOut(msgspec.Struct):
    field: str
    """The input field, or for a definition file the location of the problem in it."""
    message: str


class ProblemsOut(msgspec.Struct):
    status_code: int
    detail: str
    problems: list[ProblemOut]


class SignInIn(msgspec.Struct):
    email: str
    password: str


class SignInRefusedOut(msgspec.Struct):
    status_code: int
    reason: str
    """``invalid`` (unknown email or wrong password) or ``locked``."""
    detail: str


class MeOut(msgspec.Struct):
    id: int
    email: str
    role: str
    school: str | None
    must_change_password: bool


class PasswordChangeIn(msgspec.Struct):
    current_password: str
    new_password: str


class UserIn(msgspec.Struct):
    email: str
    role: str
    password: str
    """A one-time password: the new user must choose their own at first sign-in."""
    school: str | None = None


class UserOut(msgspec.Struct):
    id: int
    email: str
    role: str
    school: str | None
    active: bool
    must_change_password: bool
    locked: bool


class PasswordResetIn(msgspec.Struct):
    password: str
    """A one-time password; the user must change it at next sign-in."""


class ActiveIn(msgspec.Struct):
    active: bool


class EditionOut(msgspec.Struct):
    year: int
    title: str
    status: str
    opened_on: dt.date
    closed_on: dt.date | None
    is_demo: bool


class EditionsOut(msgspec.Struct):
    editions: list[EditionOut]
    definition_files: list[str]
    """Files in survey_definitions/ that can be opened."""


class EditionOpenIn(msgspec.Struct):
    file: str
    """A name from ``definition_files``, e.g. ``2026-feeling-safe.toml``."""


class SchoolIn(msgspec.Struct):
    code: str
    name: str
    kind: str
    roll: int


class SchoolOut(msgspec.Struct):
    code: str
    name: str
    kind: str
    roll: int
    is_demo: bool


class IssueCodesIn(msgspec.Struct):
    year: int
    labels: list[str]
    opens_on: dt.date
    closes_on: dt.date
    max_uses: int | None = None
    shared_device: bool = False


class AccessCodeOut(msgspec.Struct):
    code: str
    label: str
    year: int
    opens_on: dt.date
    closes_on: dt.date
    max_uses: int | None
    shared_device: bool
    status: str
    """open, not_open_yet, closed or used_up."""
    url: str
    """The pupil page the code opens (what its QR code encodes)."""


class RateOut(msgspec.Struct):
    code: str
    name: str
    roll: int
    responses: int | None
    """None when suppressed."""
    suppressed: str | None
    """Why it is hidden: ``small`` (fewer than ``min_group_size``) or ``protect`` (hidden so
    another hidden count cannot be worked out from the total); None when shown."""
    rate_percent: float | None


class RatesOut(msgspec.Struct):
    year: int
    min_group_size: int
    schools: list[RateOut]
    total_responses: int | None
    total_roll: int
    total_rate_percent: float | None
