"""msgspec shapes of the public JSON API (they are also the OpenAPI schema)."""

from __future__ import annotations

from typing import Literal

import msgspec

__all__ = [
    "OptionOut",
    "Problem",
    "ProblemsOut",
    "QuestionOut",
    "ReceiptOut",
    "RefusalOut",
    "SectionOut",
    "SubmissionIn",
    "SurveyOut",
]


class OptionOut(msgspec.Struct):
    value: str
    text: str
    symbol: str = ""


class ConditionOut(msgspec.Struct):
    question: str
    any_of: list[str]


class QuestionOut(msgspec.Struct):
    id: str
    section: str
    type: str
    text: str
    help: str
    themes: list[str]
    options: list[OptionOut]
    skippable: bool
    prefer_not_say: OptionOut | None
    dont_understand: OptionOut | None
    show_if: ConditionOut | None
    max_choices: int | None
    max_length: int | None
    symbol: str = ""


class SectionOut(msgspec.Struct):
    id: str
    title: str
    intro: str = ""


class SurveyOut(msgspec.Struct):
    year: int
    title: str
    language: str
    direction: Literal["ltr", "rtl"]
    variant: str
    sections: list[SectionOut]
    questions: list[QuestionOut]
    description: str = ""


AnswerScalar = str | int | float | bool | None
AnswerValue = AnswerScalar | list[AnswerScalar]
"""An option value, a list of them (multiple choice) or text; nothing nests deeper, which
also stops a deeply nested body before it can exhaust the decoder's recursion."""


class SubmissionIn(msgspec.Struct):
    access_code: str
    language: str
    variant: str
    client_submission_id: str
    answers: dict[str, AnswerValue]
    """Question id to answer: an option value, a list of values, or text. Omit to skip."""


class ReceiptOut(msgspec.Struct):
    status: Literal["stored", "already_stored"]
    client_submission_id: str
    message: str


class Problem(msgspec.Struct):
    field: str
    message: str


class ProblemsOut(msgspec.Struct):
    status_code: int
    detail: str
    problems: list[Problem]


class RefusalOut(msgspec.Struct):
    status_code: int
    reason: str
    detail: str
