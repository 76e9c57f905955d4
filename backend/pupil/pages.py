"""How a survey becomes pages, and how a page's form becomes answers.

Pure logic over a validated ``Survey``: no requests, no templates. The
standard version groups a section's questions onto pages of sensible length
and starts a new page before any follow-up whose trigger is on the same page,
so follow-ups can be shown only when they apply without JavaScript. The
easy-read version asks one question per page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from backend.i18n import N_
from backend.submissions.validation import validate_answers
from backend.surveys.schema import DONT_UNDERSTAND, PREFER_NOT_SAY

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from backend.surveys import Survey
    from backend.surveys.schema import Question, Section

__all__ = [
    "CONTROL_FIELDS",
    "MAX_QUESTIONS_PER_PAGE",
    "FieldError",
    "Page",
    "TamperedForm",
    "answer_labels",
    "build_pages",
    "check_page",
    "for_variant",
    "page_with_question",
    "prune",
    "read_page",
    "special_values",
    "visible_pages",
]

MAX_QUESTIONS_PER_PAGE = 5
"""More than this on one page is hard going on a phone and for pupils who read slowly."""
CONTROL_FIELDS = frozenset({"_csrf_token", "go", "_return"})
"""Form fields that are not answers."""
_MULTIPLE = frozenset({"multiple_choice", "theme_vote"})


@dataclass(frozen=True)
class Page:
    number: int
    """1-based position in the full (unfiltered) list of pages; stable within a version."""
    section: Section
    questions: tuple[Question, ...]


class TamperedForm(ValueError):
    """A form the pages could not have produced: unknown fields, values or question ids."""


@dataclass(frozen=True)
class FieldError:
    question_id: str
    message: str
    """English source text, translated when shown."""
    variables: dict[str, Any] = field(default_factory=dict)


@lru_cache(maxsize=32)
def build_pages(survey: Survey, variant: str) -> tuple[Page, ...]:
    """Every page of one version, in order, before any answer hides one."""
    d = survey.definition
    pages: list[Page] = []
    for section in d.sections:
        current: list[Question] = []
        for question in (q for q in d.questions if q.section == section.id):
            on_page = {q.id for q in current}
            breaks = (
                variant == "easy_read"
                or len(current) >= MAX_QUESTIONS_PER_PAGE
                or (question.show_if is not None and question.show_if.question in on_page)
            )
            if current and breaks:
                pages.append(Page(len(pages) + 1, section, tuple(current)))
                current = []
            current.append(question)
        if current:
            pages.append(Page(len(pages) + 1, section, tuple(current)))
    return tuple(pages)


def prune(survey: Survey, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Only the answers to questions that still apply, in survey order.

    A pupil who goes back and changes "yes" to "no" must not send the follow-up
    they answered before; the validator would refuse it, rightly.
    """
    kept: dict[str, Any] = {}
    for q in survey.definition.questions:
        value = answers.get(q.id)
        if value in (None, "", []):
            continue
        if survey.visible(q, kept):
            kept[q.id] = value
    return kept


def visible_questions(survey: Survey, page: Page, answers: Mapping[str, Any]) -> list[Question]:
    return [q for q in page.questions if survey.visible(q, answers)]


def visible_pages(survey: Survey, variant: str, answers: Mapping[str, Any]) -> list[Page]:
    """The pages a pupil will see given what they have answered so far."""
    kept = prune(survey, answers)
    return [p for p in build_pages(survey, variant) if visible_questions(survey, p, kept)]


def page_with_question(survey: Survey, variant: str, question_id: str) -> Page | None:
    for page in build_pages(survey, variant):
        if any(q.id == question_id for q in page.questions):
            return page
    return None


def special_values(question: Question, variant: str) -> tuple[str, ...]:
    """The answers offered besides the options: "I'd rather not say", "I don't understand"."""
    if question.type == "free_text":
        return ()
    values = []
    if variant == "easy_read":
        values.append(DONT_UNDERSTAND)
    if question.prefer_not_say:
        values.append(PREFER_NOT_SAY)
    return tuple(values)


def for_variant(survey: Survey, answers: Mapping[str, Any], variant: str) -> dict[str, Any]:
    """Answers carried over when a pupil switches version: drop what the new one cannot take."""
    if variant == "easy_read":
        return prune(survey, answers)
    kept = {}
    for qid, value in answers.items():
        values = value if isinstance(value, list) else [value]
        if DONT_UNDERSTAND not in values:
            kept[qid] = value
    return prune(survey, kept)


def read_page(
    survey: Survey,
    page: Page,
    form: Iterable[tuple[str, str]],
    variant: str,
    earlier: Mapping[str, Any],
) -> dict[str, Any]:
    """This page's answers from its submitted form fields, or TamperedForm.

    Only the questions shown on the page (given ``earlier`` answers) may be
    answered, each only with values the page offered.
    """
    shown = {q.id: q for q in visible_questions(survey, page, prune(survey, earlier))}
    raw: dict[str, list[str]] = {}
    for name, value in form:
        if name in CONTROL_FIELDS:
            continue
        if name not in shown:
            if name in survey.questions:
                raise TamperedForm(f"the question {name!r} is not on this page")
            raise TamperedForm(f"{name!r} is not a question in this survey")
        if not isinstance(value, str):
            raise TamperedForm(f"the answer to {name!r} is not text")
        raw.setdefault(name, []).append(value)
    answers: dict[str, Any] = {}
    for qid, values in raw.items():
        question = shown[qid]
        if question.type == "free_text":
            if len(values) != 1:
                raise TamperedForm(f"{qid!r} was sent more than once")
            if values[0].strip():
                answers[qid] = values[0].replace("\r\n", "\n")
            continue
        allowed = set(survey.options[qid]) | set(special_values(question, variant))
        unknown = [v for v in values if v not in allowed]
        if unknown:
            raise TamperedForm(f"{unknown[0]!r} is not one of the answers to {qid!r}")
        if question.type in _MULTIPLE:
            answers[qid] = list(dict.fromkeys(values))
        elif len(values) > 1:
            raise TamperedForm(f"{qid!r} takes one answer but was sent {len(values)}")
        else:
            answers[qid] = values[0]
    return answers


def check_page(
    survey: Survey,
    page: Page,
    page_answers: Mapping[str, Any],
    variant: str,
    earlier: Mapping[str, Any],
) -> list[FieldError]:
    """Problems a pupil can fix, one per question, worded for them (English source)."""
    merged = {k: v for k, v in earlier.items() if k not in {q.id for q in page.questions}}
    merged.update(page_answers)
    _, problems = validate_answers(survey, prune(survey, merged), variant)
    on_page = {q.id: q for q in page.questions}
    errors: list[FieldError] = []
    seen: set[str] = set()
    for problem in problems:
        qid = problem.field.removeprefix("answers.")
        if qid not in on_page or qid in seen:
            continue
        seen.add(qid)
        errors.append(_friendly(on_page[qid], page_answers.get(qid), variant))
    return errors


def _friendly(question: Question, value: Any, variant: str) -> FieldError:
    if question.type == "free_text":
        length = len(str(value or "").strip())
        if length > question.max_length:
            return FieldError(
                question.id,
                N_("Your answer is %(length)d characters long. Please make it %(max)d "
                   "characters or fewer."),
                {"length": length, "max": question.max_length},
            )
        return FieldError(question.id, N_("Your answer has a character we cannot accept. "
                                          "Please remove it."))
    values = value if isinstance(value, list) else [value]
    specials = set(special_values(question, variant))
    if len(values) > 1 and specials.intersection(values):
        return FieldError(
            question.id,
            N_("Choose either your answers or “I'd rather not say” or “I don't understand”, "
               "not both."),
        )
    if question.max_choices is not None and len(values) > question.max_choices:
        return FieldError(
            question.id, N_("Choose up to %(max)d answers."), {"max": question.max_choices}
        )
    return FieldError(question.id, N_("Choose one of the answers, or leave this question out."))


def answer_labels(
    survey: Survey, question: Question, value: Any, variant: str, gettext: Callable[[str], str]
) -> list[str]:
    """What a pupil chose, in their words, for the check-your-answers page."""
    if value in (None, "", []):
        return []
    if question.type == "free_text":
        return [str(value)]
    options = survey.options[question.id]
    labels = []
    for v in value if isinstance(value, list) else [value]:
        if v == PREFER_NOT_SAY:
            labels.append(gettext("I'd rather not say"))
        elif v == DONT_UNDERSTAND:
            labels.append(gettext("I don't understand"))
        elif v in options:
            labels.append(gettext(options[v].label(variant)))
    return labels
