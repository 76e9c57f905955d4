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
_HIDDEN = "does not apply given the earlier answers, so leave it out"


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


class _Step(NamedTuple):
    """One question in definition order, with everything its check needs."""

    id: str
    question: Question
    rule: _Rule | None
    """None for free text."""
    shown_by: str | None
    """The earlier question whose answer shows this one (show_if), if any."""
    shown_for: frozenset[str]
    """The answers of ``shown_by`` that show it."""


class _Plan(NamedTuple):
    ids: frozenset[str]
    steps: tuple[_Step, ...]


@lru_cache(maxsize=16)
def _plan(survey: Survey, variant: str) -> _Plan:
    """The checks for one survey and variant, worked out once instead of per submission."""
    steps = []
    for q in survey.definition.questions:
        rule = None
        if q.type != "free_text":
            special = {PREFER_NOT_SAY} if q.prefer_not_say else set()
            if variant == "easy_read":
                special.add(DONT_UNDERSTAND)
            rule = _Rule(
                multiple=q.type in {"multiple_choice", "theme_vote"},
                scale=q.type == "scale",
                valid=frozenset(survey.options[q.id]),
                special=frozenset(special),
                max_choices=q.max_choices,
            )
        cond = q.show_if
        steps.append(
            _Step(
                id=q.id,
                question=q,
                rule=rule,
                shown_by=cond.question if cond else None,
                shown_for=frozenset(cond.any_of) if cond else frozenset(),
            )
        )
    return _Plan(ids=frozenset(survey.questions), steps=tuple(steps))


def validate_answers(
    survey: Survey, answers: Any, variant: str
) -> tuple[CleanAnswers, list[AnswerProblem]]:
    clean = CleanAnswers()
    if not isinstance(answers, dict):
        return clean, [AnswerProblem("answers", "must be an object of question id to answer")]
    problems: list[AnswerProblem] = []
    plan = _plan(survey, "easy_read" if variant == "easy_read" else "standard")
    if not plan.ids.issuperset(answers):
        for qid in answers:
            if qid not in plan.ids:
                problems.append(AnswerProblem(f"answers.{qid}", "is not a question in this survey"))
    choices, texts = clean.choices, clean.texts
    for qid, question, rule, shown_by, shown_for in plan.steps:
        raw = answers.get(qid)
        if raw is None or (not raw and isinstance(raw, (str, list))):
            continue  # skipped
        if shown_by is not None:
            given = choices.get(shown_by)
            if given is None or shown_for.isdisjoint(given):
                problems.append(AnswerProblem(f"answers.{qid}", _HIDDEN))
                continue
        if rule is None:
            problem = _check_text(question, raw)
            if problem:
                problems.append(AnswerProblem(f"answers.{qid}", problem))
            elif raw.strip():
                texts[qid] = raw.strip()
            continue
        if type(raw) is str and raw in rule.valid:  # the common case, without a call
            choices[qid] = [raw]
            continue
        values, problem = _check_choice(rule, raw)
        if problem:
            problems.append(AnswerProblem(f"answers.{qid}", problem))
            continue
        choices[qid] = values
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
    if kind is list and rule.multiple:
        try:
            values = list(dict.fromkeys(raw))
            fine = rule.valid.issuperset(values) and rule.special.isdisjoint(values)
        except TypeError:  # an unhashable item: the checks below explain
            fine = False
        if fine:  # only option values, so only strings, and nothing special
            if len(values) > 1 and rule.max_choices is not None and len(values) > rule.max_choices:
                return [], f"choose at most {rule.max_choices}"
            return values, None
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
