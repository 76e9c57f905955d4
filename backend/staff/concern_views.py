"""The safeguarding lead's concern queue pages: the queue, one item, closing it.

Each time an item's page is shown (also when it is shown again with a problem) the view is
logged, because each showing puts the answer's text in front of someone.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery, QueryParameter
from litestar.response import Redirect, Template

from analysis.concern_model import cues as screen_cues
from backend.concerns import (
    STATUSES,
    AlreadyClosed,
    ConcernItem,
    close_item,
    concern_queue,
    open_item,
    reason_labels,
)
from backend.i18n import translations
from backend.staff.accounts import SAFEGUARDING_LEAD
from backend.staff.guards import (
    Staff,
    StaffPages,
    requires,
)
from backend.staff.pages import form_values, page
from backend.staff.problems import N_, FieldProblem, InputProblems

__all__ = ["ConcernPages", "PageNumber", "secret_key"]

LOCAL_TIME = ZoneInfo("Europe/London")
"""Times of views and closures are stored in UTC and shown as the partnership's clocks read."""

PageNumber = Annotated[int, QueryParameter(name="page")]
"""``?page=N`` of a long queue (out-of-range numbers show the nearest page)."""


def secret_key(request: Request) -> bytes:
    """The key item references are made with (the app's secret)."""
    return request.app.state.settings.secret_key


def _gettext(request: Request) -> Any:
    return translations(getattr(request.state, "lang", "en")).gettext


def _local(moment: dt.datetime | None) -> dt.datetime | None:
    return moment.astimezone(LOCAL_TIME) if moment is not None else None


def _row(request: Request, item: ConcernItem) -> dict[str, Any]:
    return {"item": item, "reasons": reason_labels(item.reasons, _gettext(request)),
            "closed_at": _local(item.closed_at)}


class ConcernPages(StaffPages):
    path = "/staff/concerns"
    guards = [requires(SAFEGUARDING_LEAD)]

    @get("/")
    async def queue(
        self, request: Request, status: FromQuery[str] = "open", page_number: PageNumber = 1,
    ) -> Template:
        """Flagged answers, newest first: school, day and reasons only."""
        if status not in STATUSES:
            raise NotFoundException()
        queue = await concern_queue(secret_key(request), status, page_number)
        return page(
            request, "concerns.html", queue=queue,
            rows=[_row(request, item) for item in queue.items],
        )

    async def _item_page(self, request: Request, reference: str, staff: Staff,
                         **context: Any) -> Template:
        try:
            detail = await open_item(secret_key(request), reference, staff.id)
        except LookupError:
            raise NotFoundException() from None
        return page(
            request, "concern.html", detail=detail, row=_row(request, detail.item),
            cues=screen_cues(detail.text), closed_at=_local(detail.item.closed_at),
            views=[{"staff": v.staff, "viewed_at": _local(v.viewed_at)} for v in detail.views],
            **context,
        )

    @get("/{reference:str}")
    async def item(self, request: Request, reference: FromPath[str], staff: Staff) -> Template:
        """The redacted answer with its school, day and reasons; the view is logged."""
        return await self._item_page(request, reference, staff)

    @post("/{reference:str}/close")
    async def close(self, request: Request, reference: FromPath[str], staff: Staff) -> Any:
        """Record the action taken and close the item; it leaves the open queue."""
        values = await form_values(request)
        try:
            await close_item(secret_key(request), reference, staff.id,
                             values.get("action_taken", ""))
        except LookupError:
            raise NotFoundException() from None
        except InputProblems as exc:
            return await self._item_page(request, reference, staff, problems=exc.problems,
                                         values=values)
        except AlreadyClosed:
            return await self._item_page(request, reference, staff, problems=[FieldProblem(
                "closure", N_("Someone closed this item already, so nothing was changed."))])
        return Redirect("/staff/concerns?notice=concern_closed", status_code=303)
