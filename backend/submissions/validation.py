"""Check a submission's answers against the edition's definition.

Every problem is reported with the field it is about, so a client (or the
pupil's error summary) can point at it; nothing is stored when any is found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from backend.i18n import LANGUAGES, VARIANTS
from backend.surveys.schema import DONT_UNDERSTAND, PREFER_NOT_SAY

if TYPE_CHECKING:
    from backend.surveys import Survey
    from backend.surveys.schema import Question

__all__ = ["AnswerProblem", "CleanAnswers", "validate_answers", "validate_envelope"]

_SUBMISSION_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


@dataclass(frozen=True)
class AnswerProblem:
    field: str
    message: str


@dataclass
class CleanAnswers:
    """Answers normalised for storage: choices as lists of option values, free text as str."""

    choices: dict[str, list[str]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)


def validate_envelope(
    language: Any, variant: Any, client_submission_id: Any
) -> list[AnswerProblem]:
    problems = []
    if language not in LANGUAGES:
        problems.append(
            AnswerProblem("language", f"must be one of {', '.join(LANGUAGES)}")
        )
    if variant not in VARIANTS:
        problems.append(AnswerProblem("variant", f"must be one of {', '.join(VARIANTS)}"))
    if not isinstance(client_submission_id, str) or not _SUBMISSION_ID.match(client_submission_id):
        problems.append(
            AnswerProblem(
                "client_submission_id",
                "must be 8 to 64 letters, digits, hyphens or underscores (a UUID is ideal)",
            )
        )
    return problems


def validate_answers(
    survey: Survey, answers: Any, variant: str
) -> tuple[CleanAnswers, list[AnswerProblem]]:
    clean = CleanAnswers()
    if not isinstance(answers, dict):
        return clean, [AnswerProblem("answers", "must be an object of question id to answer")]
    problems: list[AnswerProblem] = []
    for qid in answers:
        if qid not in survey.questions:
            problems.append(AnswerProblem(f"answers.{qid}", "is not a question in this survey"))
    given: dict[str, Any] = {}
    for question in survey.definition.questions:
        raw = answers.get(question.id)
        if raw is None or raw == "" or raw == []:
            continue
        where = f"answers.{question.id}"
        if not survey.visible(question, given):
            problems.append(
                AnswerProblem(where, "does not apply given the earlier answers, so leave it out")
            )
            continue
        if question.type == "free_text":
            problem = _check_text(question, raw)
            if problem:
                problems.append(AnswerProblem(where, problem))
            elif raw.strip():
                clean.texts[question.id] = raw.strip()
            continue
        values, problem = _check_choice(survey, question, raw, variant)
        if problem:
            problems.append(AnswerProblem(where, problem))
            continue
        clean.choices[question.id] = values
        given[question.id] = values
    return clean, problems


def _check_text(question: Question, raw: Any) -> str | None:
    if not isinstance(raw, str):
        return "must be text"
    if len(raw.strip()) > question.max_length:
        return f"is {len(raw.strip())} characters long; the most allowed is {question.max_length}"
    if "\x00" in raw:
        return "contains a character that is not allowed"
    return None


def _check_choice(
    survey: Survey, question: Question, raw: Any, variant: str
) -> tuple[list[str], str | None]:
    multiple = question.type in {"multiple_choice", "theme_vote"}
    if isinstance(raw, bool):
        return [], "must be an option value"
    if isinstance(raw, int) and question.type == "scale":
        raw = str(raw)
    if multiple and isinstance(raw, str):
        raw = [raw]
    if multiple:
        if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
            return [], "must be a list of option values"
        values = list(dict.fromkeys(raw))
    elif isinstance(raw, str):
        values = [raw]
    else:
        return [], "must be one option value"
    special = _special_values(question, variant)
    if any(v in special for v in values):
        if len(values) > 1:
            return [], f"{values[0] if values[0] in special else values[-1]!r} cannot be combined"
        return values, None
    valid = survey.options[question.id]
    unknown = [v for v in values if v not in valid]
    if unknown:
        allowed = ", ".join([*valid, *sorted(special)])
        return [], f"{unknown[0]!r} is not an option; choose from {allowed}"
    if question.max_choices is not None and len(values) > question.max_choices:
        return [], f"choose at most {question.max_choices}"
    return values, None


def _special_values(question: Question, variant: str) -> set[str]:
    special = {PREFER_NOT_SAY} if question.prefer_not_say else set()
    if variant == "easy_read" and question.type != "free_text":
        special.add(DONT_UNDERSTAND)
    return special
