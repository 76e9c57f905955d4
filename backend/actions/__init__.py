""""You said, we did": actions recorded against an edition's findings, and the reviewer's
pages and JSON API for them."""

from backend.actions.service import (
    EASY_KEY,
    OPTIONAL_KEYS,
    REQUIRED_KEYS,
    STATUSES,
    TEXT_KEYS,
    Action,
    ActionInput,
    action_themes,
    actions_for_edition,
    check_action,
    get_action,
    headline_questions,
    list_actions,
    record_action,
    remove_action,
    update_action,
)

__all__ = [
    "EASY_KEY",
    "OPTIONAL_KEYS",
    "REQUIRED_KEYS",
    "STATUSES",
    "TEXT_KEYS",
    "Action",
    "ActionInput",
    "action_themes",
    "actions_for_edition",
    "check_action",
    "get_action",
    "headline_questions",
    "list_actions",
    "record_action",
    "remove_action",
    "update_action",
]
