"""The review audit trail: who changed what and when, never the text itself.

``detail`` holds only what cannot identify anyone: theme ids, a sentiment label, kinds of
detail redacted and how many places, the names of the fields that changed.
"""

from __future__ import annotations

from typing import Any

from backend.review._db import now
from backend.storage.tables import ReviewEvent

__all__ = ["ACTIONS", "events_for_answer", "events_for_note", "record"]

ACTIONS = (
    "themes",
    "translation",
    "redaction",
    "quote_approved",
    "quote_withdrawn",
    "interview_created",
    "interview_updated",
)
"""Every ``ReviewEvent.action`` this package writes."""


async def record(action: str, staff_id: int, detail: dict[str, Any], *,
                 free_text: int | None = None, interview: int | None = None) -> None:
    """Write one audit row (call inside the transaction that makes the change)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown review action {action!r}")
    await ReviewEvent.insert(ReviewEvent(
        free_text=free_text, interview=interview, staff=staff_id, action=action,
        detail=detail, at=now(),
    ))


async def _events(where) -> list[dict[str, Any]]:
    rows = await ReviewEvent.select(
        ReviewEvent.id, ReviewEvent.action, ReviewEvent.detail, ReviewEvent.at,
        ReviewEvent.staff.email.as_alias("staff_email"),
    ).where(where).order_by(ReviewEvent.at).order_by(ReviewEvent.id).output(load_json=True)
    for row in rows:
        if not isinstance(row["detail"], dict):
            row["detail"] = {}
    return rows


async def events_for_answer(free_text_id: int) -> list[dict[str, Any]]:
    """An answer's changes, oldest first: id, action, detail, at, staff_email (None once the
    account is deleted)."""
    return await _events(ReviewEvent.free_text == free_text_id)


async def events_for_note(note_id: int) -> list[dict[str, Any]]:
    return await _events(ReviewEvent.interview == note_id)
