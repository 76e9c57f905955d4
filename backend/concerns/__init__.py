"""The safeguarding concern queue: flagged answers, the action taken on each, and who read them."""

from backend.concerns.reasons import REASON_NAMES, reason_labels
from backend.concerns.service import (
    STATUSES,
    AlreadyClosed,
    ConcernDetail,
    ConcernItem,
    QueuePage,
    close_item,
    concern_queue,
    item_reference,
    open_item,
)

__all__ = [
    "REASON_NAMES",
    "STATUSES",
    "AlreadyClosed",
    "ConcernDetail",
    "ConcernItem",
    "QueuePage",
    "close_item",
    "concern_queue",
    "item_reference",
    "open_item",
    "reason_labels",
]
