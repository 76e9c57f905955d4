"""What the pupil templates are given: plain view objects built from the survey.

Kept apart from the controllers so the words a pupil sees (all through
gettext) are built in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from backend.i18n import LANGUAGES, translations
from backend.pupil.pages import answer_labels, special_values
from backend.pupil.symbols import symbol_url
from backend.surveys.schema import DONT_UNDERSTAND, PREFER_NOT_SAY

if TYPE_CHECKING:
    from collections.abc import Mapping

    from backend.pupil.pages import FieldError, Page
    from backend.surveys import Survey
    from backend.surveys.schema import Question

__all__ = [
    "ChoiceView",
    "QuestionView",
    "SummaryRow",
    "error_views",
    "question_views",
    "summary_rows",
]

@dataclass(frozen=True)
class ChoiceView:
    id: str
    value: str
    label: str
    checked: bool
    symbol: str = ""
    exclusive: bool = False
    picture: str = ""
    """The symbol's address in easy read ("" in the standard version or when there is none)."""
    """"I'd rather not say" and "I don't understand": choosing one clears the others."""


@dataclass
class QuestionView:
    id: str
    type: str
    text: str
    help: str
    symbol: str
    number: int
    multiple: bool = False
    choices: list[ChoiceView] = field(default_factory=list)
    specials: list[ChoiceView] = field(default_factory=list)
    value: str = ""
    """Free text typed so far."""
    max_length: int = 0
    max_choices: int | None = None
    error: str = ""
    picture: str = ""
    """The symbol's address in easy read ("" in the standard version or when there is none)."""

    @property
    def describedby(self) -> str:
        ids = []
        if self.help:
            ids.append(f"{self.id}-hint")
        if self.error:
            ids.append(f"{self.id}-error")
        return " ".join(ids)


@dataclass(frozen=True)
class SummaryRow:
    question_id: str
    question: str
    answers: list[str]
    change_url: str


def _first_id(qid: str, index: int) -> str:
    """The first input of a group has the question id, so error links land on it."""
    return qid if index == 0 else f"{qid}-{index + 1}"


def question_views(
    survey: Survey,
    questions: list[Question],
    values: Mapping[str, Any],
    variant: str,
    lang: str,
    errors: Mapping[str, str] | None = None,
    first_number: int = 1,
) -> list[QuestionView]:
    _ = translations(lang).gettext
    errors = errors or {}
    easy = variant == "easy_read"
    views = []
    for n, q in enumerate(questions):
        value = values.get(q.id)
        chosen = set(value) if isinstance(value, list) else {value} if value else set()
        help_text = q.help_text(variant)
        view = QuestionView(
            id=q.id,
            type=q.type,
            text=_(q.wording(variant)),
            help=_(help_text) if help_text else "",
            symbol=q.symbol,
            number=first_number + n,
            multiple=q.type in {"multiple_choice", "theme_vote"},
            max_length=q.max_length if q.type == "free_text" else 0,
            max_choices=q.max_choices,
            error=errors.get(q.id, ""),
            picture=symbol_url(q.symbol) if easy else "",
        )
        if q.type == "free_text":
            view.value = str(value or "")
        else:
            options = survey.definition.options_for(q)
            for i, o in enumerate(options):
                view.choices.append(
                    ChoiceView(_first_id(q.id, i), o.value, _(o.label(variant)), o.value in chosen,
                               o.symbol, picture=symbol_url(o.symbol) if easy else "")
                )
            labels = {PREFER_NOT_SAY: _("I'd rather not say"),
                      DONT_UNDERSTAND: _("I don't understand")}
            for j, special in enumerate(special_values(q, variant)):
                view.specials.append(
                    ChoiceView(_first_id(q.id, len(options) + j), special, labels[special],
                               special in chosen, exclusive=True)
                )
        views.append(view)
    return views


def error_views(errors: list[FieldError], lang: str) -> dict[str, str]:
    _ = translations(lang).gettext
    return {e.question_id: _(e.message) % e.variables if e.variables else _(e.message)
            for e in errors}


def summary_rows(
    survey: Survey, pages: list[Page], answers: Mapping[str, Any], variant: str, lang: str,
    code: str,
) -> list[tuple[str, list[SummaryRow]]]:
    """Check-your-answers rows grouped by section, each with a link back to its page."""
    _ = translations(lang).gettext
    groups: list[tuple[str, list[SummaryRow]]] = []
    for page in pages:
        rows = [
            SummaryRow(
                q.id,
                _(q.wording(variant)),
                answer_labels(survey, q, answers.get(q.id), variant, _),
                f"/s/{code}/p/{page.number}?return=check#{q.id}",
            )
            for q in page.questions
            if survey.visible(q, answers)
        ]
        title = _(page.section.label(variant))
        if groups and groups[-1][0] == title:
            groups[-1][1].extend(rows)
        else:
            groups.append((title, rows))
    return groups


def language_links(path: str) -> list[dict[str, str]]:
    return [
        {"code": code, "name": lang.native_name, "dir": lang.direction,
         "url": f"{path}?lang={code}"}
        for code, lang in LANGUAGES.items()
    ]
