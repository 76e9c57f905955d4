"""Check a submission's answers against the edition's definition.

Every problem is reported with the field it is about, so a client (or the
pupil's error summary) can point at it; nothing is stored when any is found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

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


class _Rule(NamedTuple):
    """What a choice question accepts, worked out once per survey."""

    multiple: bool
    scale: bool
    valid: frozenset[str]
    special: frozenset[str]
    """prefer_not_say (where allowed), and dont_understand in easy read."""
    max_choices: int | None


@lru_cache(maxsize=16)
def _rules(survey: Survey, variant: str) -> dict[str, _Rule]:
    rules = {}
    for q in survey.definition.questions:
        special = {PREFER_NOT_SAY} if q.prefer_not_say else set()
        if variant == "easy_read":
            special.add(DONT_UNDERSTAND)
        rules[q.id] = _Rule(
            multiple=q.type in {"multiple_choice", "theme_vote"},
            scale=q.type == "scale",
            valid=frozenset(survey.options[q.id]),
            special=frozenset(special),
            max_choices=q.max_choices,
        )
    return rules


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
    rules = _rules(survey, "easy_read" if variant == "easy_read" else "standard")
    given: dict[str, Any] = {}
    for question in survey.definition.questions:
        raw = answers.get(question.id)
        if raw is None or raw == "" or raw == []:
            continue
        where = f"answers.{question.id}"
        if question.show_if is not None and not survey.visible(question, given):
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
        values, problem = _check_choice(rules[question.id], raw)
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


def _check_choice(rule: _Rule, raw: Any) -> tuple[list[str], str | None]:
    kind = type(raw)
    if kind is str:
        values = [raw]
    elif kind is int and rule.scale:
        values = [str(raw)]
    elif kind is list and rule.multiple and all(type(v) is str for v in raw):
        values = list(dict.fromkeys(raw))
    elif rule.multiple:
        return [], "must be a list of option values"
    else:
        return [], "must be one option value"
    if len(values) == 1 and values[0] in rule.valid:
        return values, None
    if not rule.special.isdisjoint(values):
        if len(values) > 1:
            return [], f"{next(v for v in values if v in rule.special)!r} cannot be combined"
        return values, None
    unknown = [v for v in values if v not in rule.valid]
    if unknown:
        allowed = ", ".join([*sorted(rule.valid), *sorted(rule.special)])
        return [], f"{unknown[0]!r} is not an option; choose from {allowed}"
    if rule.max_choices is not None and len(values) > rule.max_choices:
        return [], f"choose at most {rule.max_choices}"
    return values, None
