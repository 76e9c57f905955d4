"""A submission ready to write: validated, redacted, reduced to plain rows.

Only the standard library and msgspec here: the SQLite writer process
(backend.submissions.sqlite_process) imports this module and nothing else of
the application.
"""

from __future__ import annotations

import datetime as dt
import enum

import msgspec

__all__ = [
    "ANSWER_COLUMNS",
    "FREE_TEXT_COLUMNS",
    "RESPONSE_COLUMNS",
    "Outcome",
    "PreparedSubmission",
]


class Outcome(enum.Enum):
    STORED = "stored"
    DUPLICATE = "duplicate"
    """The same client_submission_id was stored before; nothing new is written."""
    USED_UP = "used_up"
    """The access code reached its use limit before this submission."""


class PreparedSubmission(msgspec.Struct, frozen=True, kw_only=True, array_like=True):
    """Array-like, so a batch crosses to the writer process as compact MessagePack."""

    client_submission_id: str
    edition_id: int
    school_id: int
    access_code_id: int | None
    """None for paper responses typed in by a SEND lead."""
    max_uses: int | None
    language: str
    variant: str
    year_band: str | None
    gender: str | None
    send: str | None
    home_language: str | None
    had_help: bool
    paper: bool
    submitted_on: dt.date
    is_demo: bool
    answers: tuple[tuple[str, str], ...]
    """(question id, option value) pairs."""
    texts: tuple[tuple[str, str, str], ...]
    """(question id, redacted text, JSON list of redacted PII types)."""

    def response_row(self, response_id: int) -> tuple:
        return (
            response_id,
            self.edition_id,
            self.school_id,
            self.client_submission_id,
            self.language,
            self.variant,
            self.year_band,
            self.gender,
            self.send,
            self.home_language,
            self.had_help,
            self.paper,
            self.submitted_on,
            self.is_demo,
        )


RESPONSE_COLUMNS = (
    "id",
    "edition",
    "school",
    "client_submission_id",
    "language",
    "variant",
    "year_band",
    "gender",
    "send",
    "home_language",
    "had_help",
    "paper",
    "submitted_on",
    "is_demo",
)
ANSWER_COLUMNS = ("response", "question_id", "value")
FREE_TEXT_COLUMNS = ("response", "question_id", "language", "text", "pii_types")
