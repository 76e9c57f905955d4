"""Shapes of the "You said, we did" staff JSON API (msgspec Structs, shown in the OpenAPI
schema)."""

from __future__ import annotations

import datetime as dt

import msgspec

__all__ = ["ActionIn", "ActionOut", "ActionPatchIn"]


class ActionIn(msgspec.Struct):
    year: int
    """The edition whose findings the action answers."""
    theme: str
    """A theme id of the edition, e.g. ``knife_crime``."""
    texts: dict[str, str]
    """``en`` and ``en-easy`` (easy-read English) are required; ``ta``, ``ur``, ``pl``, ``pt``
    and ``ar`` are optional translations."""
    status: str = "planned"
    """``planned``, ``in_progress`` or ``done``."""
    question_id: str | None = None
    """A headline question of the theme, when the action answers that finding."""


class ActionPatchIn(msgspec.Struct):
    """Only the fields given change; ``texts``, when given, replaces every text."""

    theme: str | msgspec.UnsetType = msgspec.UNSET
    texts: dict[str, str] | msgspec.UnsetType = msgspec.UNSET
    status: str | msgspec.UnsetType = msgspec.UNSET
    question_id: str | msgspec.UnsetType | None = msgspec.UNSET


class ActionOut(msgspec.Struct):
    id: int
    year: int
    theme: str
    question_id: str | None
    status: str
    texts: dict[str, str]
    recorded_by: str | None
    """Email of whoever recorded the action last (None once that account is deleted)."""
    recorded_at: dt.datetime | None
