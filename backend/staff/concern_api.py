"""The concern queue's JSON API, beside its pages (same service, same guard, same view log).

Reason labels follow the request's ``Accept-Language``, as the pages do.
"""

from __future__ import annotations

import datetime as dt

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.di import Provide
from litestar.exceptions import NotFoundException
from litestar.openapi import ResponseSpec
from litestar.params import FromPath, FromQuery, JSONBody

from backend.concerns import (
    STATUSES,
    AlreadyClosed,
    ConcernDetail,
    ConcernItem,
    close_item,
    concern_queue,
    open_item,
    reason_labels,
)
from backend.i18n import negotiate, translations
from backend.staff.accounts import SAFEGUARDING_LEAD
from backend.staff.auth_views import problems_response
from backend.staff.concern_views import PageNumber, secret_key
from backend.staff.guards import Staff, requires, staff_principal
from backend.staff.problems import InputProblems
from backend.staff.schemas import ProblemOut, ProblemsOut

__all__ = [
    "CloseIn",
    "ConcernApi",
    "ConcernDetailOut",
    "ConcernItemOut",
    "ConcernQueueOut",
    "ReasonOut",
    "ViewOut",
]


class ReasonOut(msgspec.Struct):
    code: str
    """A reason id of the concern screen (``analysis.concern.REASONS``)."""
    label: str
    """The reason in the request's language."""


class ConcernItemOut(msgspec.Struct):
    """An item as the queue lists it: nothing about the pupil beyond school and day."""

    reference: str
    """Opaque: tells nothing about the answer, the response or the order they came in."""
    school: str
    submitted_on: dt.date
    reasons: list[ReasonOut]
    """Empty when a later re-analysis no longer flags an item someone had already opened."""
    status: str
    """``open`` or ``closed``."""
    demo: bool
    """Synthetic demo data, not a real pupil's answer."""
    closed_by: str | None
    closed_at: dt.datetime | None


class ViewOut(msgspec.Struct):
    staff: str | None
    viewed_at: dt.datetime


class ConcernDetailOut(ConcernItemOut):
    text: str
    """The answer as stored, redacted before it was written."""
    action_taken: str
    views: list[ViewOut]
    """Every time the item was opened, newest first (this request included)."""


class ConcernQueueOut(msgspec.Struct):
    status: str
    open_count: int
    closed_count: int
    awaiting_analysis: int
    """Free-text answers not screened yet: the queue may still grow by up to this many."""
    page: int
    pages: int
    items: list[ConcernItemOut]


class CloseIn(msgspec.Struct):
    action_taken: str


def _item(request: Request, item: ConcernItem) -> dict:
    gettext = translations(negotiate(request.headers.get("accept-language"))).gettext
    return {
        "reference": item.reference,
        "school": item.school,
        "submitted_on": item.submitted_on,
        "reasons": [ReasonOut(**r) for r in reason_labels(item.reasons, gettext)],
        "status": item.status,
        "demo": item.demo,
        "closed_by": item.closed_by,
        "closed_at": item.closed_at,
    }


def _detail(request: Request, detail: ConcernDetail) -> ConcernDetailOut:
    return ConcernDetailOut(
        **_item(request, detail.item),
        text=detail.text,
        action_taken=detail.item.action_taken,
        views=[ViewOut(v.staff, v.viewed_at) for v in detail.views],
    )


class ConcernApi(Controller):
    path = "/api/v1/staff/concerns"
    guards = [requires(SAFEGUARDING_LEAD)]
    tags = ["staff: concerns"]
    dependencies = {"staff": Provide(staff_principal)}

    @get("/")
    async def queue(
        self, request: Request, status: FromQuery[str] = "open", page_number: PageNumber = 1,
    ) -> ConcernQueueOut:
        """Flagged answers, newest first (``status``: open, closed or all; open first in all)."""
        if status not in STATUSES:
            raise NotFoundException(f"status must be one of {', '.join(STATUSES)}")
        q = await concern_queue(secret_key(request), status, page_number)
        return ConcernQueueOut(
            status=q.status, open_count=q.open_count, closed_count=q.closed_count,
            awaiting_analysis=q.awaiting_analysis, page=q.page, pages=q.pages,
            items=[ConcernItemOut(**_item(request, item)) for item in q.items],
        )

    @get("/{reference:str}")
    async def item(self, request: Request, reference: FromPath[str],
                   staff: Staff) -> ConcernDetailOut:
        """One item with its redacted text and view log. Reading it is logged as a view."""
        try:
            return _detail(request, await open_item(secret_key(request), reference, staff.id))
        except LookupError:
            raise NotFoundException() from None

    @post(
        "/{reference:str}/close",
        status_code=200,
        responses={
            400: ResponseSpec(ProblemsOut, description="No action given; nothing was changed"),
            409: ResponseSpec(ProblemsOut, description="Already closed; nothing was changed"),
        },
    )
    async def close(self, request: Request, reference: FromPath[str], staff: Staff,
                    data: JSONBody[CloseIn]) -> ConcernItemOut:
        """Record the action taken (redacted on entry) and close the item."""
        try:
            item = await close_item(secret_key(request), reference, staff.id, data.action_taken)
        except LookupError:
            raise NotFoundException() from None
        except InputProblems as exc:
            return problems_response(exc)  # type: ignore[return-value]
        except AlreadyClosed:
            return Response(  # type: ignore[return-value]
                ProblemsOut(409, "The item is already closed; nothing was changed.",
                            [ProblemOut("reference", "is already closed")]),
                status_code=409,
            )
        return ConcernItemOut(**_item(request, item))
