"""The msgspec schema of one annual edition's survey definition file.

Standard and easy-read wording share one question id so results pool.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import msgspec

__all__ = [
    "DONT_UNDERSTAND",
    "PREFER_NOT_SAY",
    "QUESTION_TYPES",
    "ROLES",
    "Condition",
    "Edition",
    "Option",
    "Question",
    "Section",
    "SurveyDefinition",
]

PREFER_NOT_SAY = "prefer_not_say"
"""The answer value of "I'd rather not say", offered on every question that allows it."""
DONT_UNDERSTAND = "dont_understand"
"""The answer value of "I don't understand", offered in the easy-read version."""

QuestionType = Literal["single_choice", "multiple_choice", "scale", "free_text", "theme_vote"]
QUESTION_TYPES: tuple[str, ...] = QuestionType.__args__  # type: ignore[attr-defined]

Role = Literal["year_group", "gender", "send", "home_language", "had_help"]
ROLES: tuple[str, ...] = Role.__args__  # type: ignore[attr-defined]
"""Questions whose answer is also kept, coarsely, on the response row for breakdowns."""


class Option(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    value: str
    """Stored answer value; stable across editions and languages."""
    text: str
    easy_read: str = ""
    """Easy-read wording; the standard text is used when empty."""
    symbol: str = ""
    """Name of an easy-read symbol in backend/static/symbols/ (without .svg)."""
    band: str = ""
    """Coarse group stored on the response row (year_group role), e.g. years 7-8."""

    def label(self, variant: str) -> str:
        return self.easy_read if variant == "easy_read" and self.easy_read else self.text


class Condition(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """Show a follow-up only when an earlier answer is one of ``any_of``."""

    question: str
    any_of: tuple[str, ...]


class Question(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    id: str
    section: str
    type: QuestionType
    text: str
    easy_read: str
    help: str = ""
    easy_help: str = ""
    themes: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    """Choices; scale questions use the edition's ``safety_scale`` when empty."""
    prefer_not_say: bool = True
    role: Role | None = None
    show_if: Condition | None = None
    max_choices: int | None = None
    max_length: int = 1000
    symbol: str = ""

    def wording(self, variant: str) -> str:
        return self.easy_read if variant == "easy_read" else self.text

    def help_text(self, variant: str) -> str:
        return (self.easy_help or self.help) if variant == "easy_read" else self.help


class Section(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    id: str
    title: str
    easy_read: str = ""
    intro: str = ""

    def label(self, variant: str) -> str:
        return self.easy_read if variant == "easy_read" and self.easy_read else self.title


class Edition(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    year: int
    title: str
    opens: dt.date
    closes: dt.date
    description: str = ""


class SurveyDefinition(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    edition: Edition
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]
    safety_scale: tuple[Option, ...] = ()
    """The five points of "how safe do you feel", least safe first."""

    def options_for(self, question: Question) -> tuple[Option, ...]:
        if question.type == "scale" and not question.options:
            return self.safety_scale
        return question.options
