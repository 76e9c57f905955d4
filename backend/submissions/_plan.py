"""Deciding each submission's outcome inside a batch's transaction (both databases)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from backend.submissions.prepared import Outcome

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from backend.submissions.prepared import PreparedSubmission

__all__ = ["plan_batch", "spend_from"]


def plan_batch(
    batch: Sequence[PreparedSubmission],
    existing: set[str],
    try_use: Callable[[PreparedSubmission], bool],
) -> tuple[list[Outcome], list[PreparedSubmission], Counter[int]]:
    """Outcomes in batch order, the submissions to store, and the uses to add to each code.

    ``existing`` holds the batch's ids already stored; ``try_use`` takes one use
    of a limited code, or says it has none left.
    """
    outcomes: list[Outcome] = []
    new: list[PreparedSubmission] = []
    used: Counter[int] = Counter()
    seen = set(existing)
    for sub in batch:
        if sub.client_submission_id in seen:
            outcomes.append(Outcome.DUPLICATE)
            continue
        if sub.access_code_id is not None:
            if sub.max_uses is not None and not try_use(sub):
                outcomes.append(Outcome.USED_UP)
                continue
            used[sub.access_code_id] += 1
        seen.add(sub.client_submission_id)
        new.append(sub)
        outcomes.append(Outcome.STORED)
    return outcomes, new, used


def spend_from(remaining: dict[int, int | None]) -> Callable[[PreparedSubmission], bool]:
    """``try_use`` over the uses each code has left, read under the batch's lock.

    None means the code has no limit any more (an admin lifted it after the
    submission's code was looked up).
    """

    def try_use(sub: PreparedSubmission) -> bool:
        code_id: int = sub.access_code_id  # type: ignore[assignment]
        left = remaining.get(code_id, 0)
        if left is None:
            return True
        if left <= 0:
            return False
        remaining[code_id] = left - 1
        return True

    return try_use
