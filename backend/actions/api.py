"""The reviewer's "You said, we did" JSON API (same service and guard as the pages)."""

from __future__ import annotations

import msgspec
from litestar import Controller, Response, delete, get, patch, post
from litestar.di import Provide
from litestar.exceptions import NotFoundException
from litestar.openapi import ResponseSpec
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_204_NO_CONTENT

from backend.actions import service
from backend.actions.schemas import ActionIn, ActionOut, ActionPatchIn
from backend.staff.accounts import REVIEWER
from backend.staff.auth_views import problems_response
from backend.staff.guards import Staff, requires, staff_principal
from backend.staff.problems import InputProblems
from backend.staff.schemas import ProblemsOut

__all__ = ["ActionsApi"]

_PROBLEMS = {400: ResponseSpec(ProblemsOut, description="Problems listed; nothing was changed")}


def _out(action: service.Action) -> ActionOut:
    return ActionOut(action.id, action.year, action.theme, action.question_id, action.status,
                     action.texts, action.recorded_by, action.recorded_at)


class ActionsApi(Controller):
    path = "/api/v1/staff/actions"
    guards = [requires(REVIEWER)]
    tags = ["staff: you said, we did"]
    dependencies = {"staff": Provide(staff_principal)}

    @get("/")
    async def actions(self, year: FromQuery[int]) -> list[ActionOut]:
        """An edition's recorded actions, oldest first."""
        try:
            return [_out(a) for a in await service.list_actions(year)]
        except LookupError:
            raise NotFoundException(f"There is no edition for {year}.") from None

    @post("/", status_code=201, responses=_PROBLEMS)
    async def record(self, data: JSONBody[ActionIn], staff: Staff) -> ActionOut:
        """Record an action against a theme, or one headline finding, of an edition."""
        try:
            action = await service.record_action(
                data.year,
                service.ActionInput(data.theme, data.status, data.texts, data.question_id),
                staff.id,
            )
        except InputProblems as exc:
            return problems_response(exc)  # type: ignore[return-value]
        return _out(action)

    @patch("/{action_id:int}", responses=_PROBLEMS)
    async def change(self, action_id: FromPath[int], data: JSONBody[ActionPatchIn],
                     staff: Staff) -> ActionOut:
        """Change an action's theme, finding, progress or texts."""
        try:
            current = await service.get_action(action_id)
            merged = service.ActionInput(
                theme=current.theme if data.theme is msgspec.UNSET else data.theme,
                status=current.status if data.status is msgspec.UNSET else data.status,
                texts=current.texts if data.texts is msgspec.UNSET else data.texts,
                question_id=(current.question_id if data.question_id is msgspec.UNSET
                             else data.question_id),
            )
            return _out(await service.update_action(action_id, merged, staff.id))
        except LookupError:
            raise NotFoundException(f"There is no action {action_id}.") from None
        except InputProblems as exc:
            return problems_response(exc)  # type: ignore[return-value]

    @delete("/{action_id:int}", status_code=HTTP_204_NO_CONTENT)
    async def remove(self, action_id: FromPath[int]) -> Response[None]:
        """Remove an action from the public page and from packs built from now on."""
        try:
            await service.remove_action(action_id)
        except LookupError:
            raise NotFoundException(f"There is no action {action_id}.") from None
        return Response(None, status_code=204)
