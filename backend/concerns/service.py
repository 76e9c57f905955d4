"""The concern queue: flagged answers, what a safeguarding lead did about each, who read each.

An item is a free-text answer the concern screen flagged (``analysis/concern.py``), or one a lead
has already read or closed even if a later re-analysis no longer flags it: once a person has read
it, it stays. Beside the redacted text only the school, the day and the screen's reasons are
ever given: never the year group, gender, SEND, home language, the pupil's other answers, or a
response or answer id.

Items are named by an opaque reference (a keyed hash of the answer's id), and answers sent on
the same day are ordered by that reference, so neither a reference nor the order of a day's
items shows which answers came from the same pupil or who answered first.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass, field

from analysis.redaction import redact
from backend.i18n import N_
from backend.staff.problems import FieldProblem, InputProblems
from backend.storage.tables import ConcernCase, ConcernView, FreeText, TextAnalysis

__all__ = [
    "ACTION_MAX_LENGTH",
    "PAGE_SIZE",
    "STATUSES",
    "AlreadyClosed",
    "ConcernDetail",
    "ConcernItem",
    "QueuePage",
    "ViewRecord",
    "awaiting_analysis",
    "close_item",
    "concern_queue",
    "item_reference",
    "open_item",
]

STATUSES = ("open", "closed", "all")
PAGE_SIZE = 50
ACTION_MAX_LENGTH = 2000
_REFERENCE_LENGTH = 16


def item_reference(key: bytes, free_text_id: int) -> str:
    """The opaque name of an item: stable for a secret key, and telling nothing about order."""
    digest = hmac.new(key, f"concern-item:{free_text_id}".encode(), hashlib.sha256)
    return digest.hexdigest()[:_REFERENCE_LENGTH]


@dataclass(frozen=True)
class ConcernItem:
    """One row of the queue: what a lead may see without opening the item."""

    reference: str
    school: str
    submitted_on: dt.date
    reasons: tuple[str, ...]
    """The screen's reason ids; empty if a later re-analysis no longer flags the answer."""
    status: str
    demo: bool
    closed_by: str | None = None
    closed_at: dt.datetime | None = None
    action_taken: str = ""


@dataclass(frozen=True)
class ViewRecord:
    staff: str | None
    """The email of who opened the item; None if that account has since been deleted."""
    viewed_at: dt.datetime


@dataclass(frozen=True)
class ConcernDetail:
    item: ConcernItem
    text: str
    """The answer as stored: redacted before it was written."""
    views: list[ViewRecord] = field(default_factory=list)
    """Newest first, including the view that produced this detail."""


@dataclass(frozen=True)
class QueuePage:
    status: str
    items: list[ConcernItem]
    open_count: int
    closed_count: int
    awaiting_analysis: int
    page: int
    pages: int


class AlreadyClosed(Exception):
    """The item was closed before (perhaps by another lead a moment ago); nothing changed."""

    def __init__(self, detail: ConcernDetail) -> None:
        self.detail = detail
        super().__init__("the item is already closed")


@dataclass(frozen=True)
class _Entry:
    free_text_id: int
    reference: str
    submitted_on: dt.date
    status: str


async def _entries(key: bytes) -> list[_Entry]:
    """Every item, light enough to order and filter the whole queue in Python."""
    day = FreeText.response.submitted_on
    flagged = await TextAnalysis.select(
        TextAnalysis.free_text.as_alias("free_text"),
        TextAnalysis.free_text.response.submitted_on.as_alias("submitted_on"),
    ).where(TextAnalysis.concern == True)  # noqa: E712 (Piccolo builds SQL from ==)
    kept = await FreeText.select(FreeText.id, day.as_alias("submitted_on")).where(
        FreeText.id.is_in(ConcernCase.select(ConcernCase.free_text))
        | FreeText.id.is_in(ConcernView.select(ConcernView.free_text))
    )
    closed = {
        r["free_text"]
        for r in await ConcernCase.select(ConcernCase.free_text).where(
            ConcernCase.status == "closed"
        )
    }
    days = {r["free_text"]: r["submitted_on"] for r in flagged}
    days.update({r["id"]: r["submitted_on"] for r in kept})
    return [
        _Entry(ft, item_reference(key, ft), _as_date(day), "closed" if ft in closed else "open")
        for ft, day in days.items()
    ]


def _as_date(value: dt.date | str) -> dt.date:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


async def _items(entries: list[_Entry]) -> list[ConcernItem]:
    """The shown fields of ``entries``, in their order: school, day, reasons, case."""
    ids = [e.free_text_id for e in entries]
    if not ids:
        return []
    schools = {
        r["id"]: r
        for r in await FreeText.select(
            FreeText.id,
            FreeText.response.school.name.as_alias("school"),
            FreeText.response.is_demo.as_alias("demo"),
        ).where(FreeText.id.is_in(ids))
    }
    reasons = {
        r["free_text"]: tuple(r["concern_reasons"] or ()) if r["concern"] else ()
        for r in await TextAnalysis.select(
            TextAnalysis.free_text, TextAnalysis.concern, TextAnalysis.concern_reasons
        ).where(TextAnalysis.free_text.is_in(ids)).output(load_json=True)
    }
    cases = {
        r["free_text"]: r
        for r in await ConcernCase.select(
            ConcernCase.free_text,
            ConcernCase.status,
            ConcernCase.action_taken,
            ConcernCase.closed_by.email.as_alias("closed_by"),
            ConcernCase.closed_at,
        ).where(ConcernCase.free_text.is_in(ids))
    }
    items = []
    for e in entries:
        case = cases.get(e.free_text_id, {})
        items.append(ConcernItem(
            reference=e.reference,
            school=schools[e.free_text_id]["school"],
            submitted_on=e.submitted_on,
            reasons=reasons.get(e.free_text_id, ()),
            status=e.status,
            demo=bool(schools[e.free_text_id]["demo"]),
            closed_by=case.get("closed_by"),
            closed_at=case.get("closed_at"),
            action_taken=case.get("action_taken") or "",
        ))
    return items


async def awaiting_analysis() -> int:
    """Free-text answers the analysis has not reached yet: the queue may still grow by these."""
    return await FreeText.count().where(
        FreeText.id.not_in(TextAnalysis.select(TextAnalysis.free_text))
    )


async def concern_queue(key: bytes, status: str = "open", page: int = 1) -> QueuePage:
    """One page of the queue, newest answer first; with ``all``, open items come first."""
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    entries = await _entries(key)
    open_count = sum(e.status == "open" for e in entries)
    chosen = [e for e in entries if status == "all" or e.status == status]
    chosen.sort(key=lambda e: (
        status == "all" and e.status != "open", -e.submitted_on.toordinal(), e.reference,
    ))
    pages = max(1, -(-len(chosen) // PAGE_SIZE))
    page = min(max(1, page), pages)
    shown = chosen[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    return QueuePage(
        status=status,
        items=await _items(shown),
        open_count=open_count,
        closed_count=len(entries) - open_count,
        awaiting_analysis=await awaiting_analysis(),
        page=page,
        pages=pages,
    )


async def _find(key: bytes, reference: str) -> _Entry:
    if len(reference) != _REFERENCE_LENGTH:
        raise LookupError(reference)
    for entry in await _entries(key):
        if hmac.compare_digest(entry.reference, reference):
            return entry
    raise LookupError(reference)


async def _detail(entry: _Entry) -> ConcernDetail:
    (item,) = await _items([entry])
    text = await FreeText.select(FreeText.text).where(FreeText.id == entry.free_text_id).first()
    views = await ConcernView.select(
        ConcernView.staff.email.as_alias("staff"), ConcernView.viewed_at
    ).where(ConcernView.free_text == entry.free_text_id).order_by(
        ConcernView.viewed_at, ascending=False
    ).order_by(ConcernView.id, ascending=False)
    return ConcernDetail(
        item=item,
        text=text["text"],
        views=[ViewRecord(v["staff"], v["viewed_at"]) for v in views],
    )


async def open_item(key: bytes, reference: str, staff_id: int) -> ConcernDetail:
    """The item with its text and view log; the view is logged first, so it is in the log.

    Raises ``LookupError`` for a reference that names no item.
    """
    entry = await _find(key, reference)
    await ConcernView.insert(ConcernView(
        free_text=entry.free_text_id, staff=staff_id, viewed_at=dt.datetime.now(dt.UTC),
    ))
    return await _detail(entry)


async def close_item(key: bytes, reference: str, staff_id: int, action_taken: str) -> ConcernItem:
    """Record the action taken and close the item: who and when are recorded with it.

    The action is redacted on entry like a pupil's answer (names, phone numbers, addresses),
    since it is kept beside the answer. Raises ``LookupError`` (no such item),
    ``InputProblems`` (no action, or too long) or ``AlreadyClosed``.
    """
    action = action_taken.strip()
    if not action:
        raise InputProblems([FieldProblem(
            "action_taken", N_("Enter the action taken before closing the item."))])
    if len(action) > ACTION_MAX_LENGTH:
        raise InputProblems([FieldProblem(
            "action_taken", N_("The action taken must be %(n)s characters or fewer."),
            {"n": ACTION_MAX_LENGTH})])
    entry = await _find(key, reference)
    await ConcernCase.insert(ConcernCase(free_text=entry.free_text_id)).on_conflict(
        target=ConcernCase.free_text, action="DO NOTHING"
    )
    # Only an open case is closed: of two leads closing at once, one wins and one is told.
    closed = await ConcernCase.update({
        ConcernCase.status: "closed",
        ConcernCase.action_taken: redact(action).text,
        ConcernCase.closed_by: staff_id,
        ConcernCase.closed_at: dt.datetime.now(dt.UTC),
    }).where(
        (ConcernCase.free_text == entry.free_text_id) & (ConcernCase.status == "open")
    ).returning(ConcernCase.id)
    if not closed:
        raise AlreadyClosed(await _detail(entry))
    (item,) = await _items([_Entry(entry.free_text_id, entry.reference, entry.submitted_on,
                                   "closed")])
    return item
