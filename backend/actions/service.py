""""You said, we did": the actions the partnership records against an edition's findings.

A reviewer writes each action in English and in easy-read English, and may add it in Tamil,
Urdu, Polish, Portuguese and Arabic. An action answers a theme, or one headline finding of it.
The staff pages and the JSON API both call these functions, so the two cannot drift; nothing is
written unless every field is right. Action texts are staff writing, not pupils' words, so they
are stored as written (never logged).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from backend.findings import FindingsError, edition_by_year
from backend.findings.labels import CHOICE_TYPES
from backend.packs.statements import HEADLINES
from backend.staff.problems import N_, FieldProblem, InputProblems
from backend.storage.tables import Edition, EditionAction

if TYPE_CHECKING:
    from backend.surveys import Survey
    from backend.surveys.schema import Question

__all__ = [
    "EASY_KEY",
    "MAX_TEXT_LENGTH",
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

STATUSES = ("planned", "in_progress", "done")
EASY_KEY = "en-easy"
REQUIRED_KEYS = ("en", EASY_KEY)
OPTIONAL_KEYS = ("ta", "ur", "pl", "pt", "ar")
TEXT_KEYS = REQUIRED_KEYS + OPTIONAL_KEYS
"""Keys of ``EditionAction.texts``: a language code, or ``en-easy`` for easy-read English."""
MAX_TEXT_LENGTH = 1000


@dataclass(frozen=True)
class ActionInput:
    """What a reviewer sends: ``texts`` may hold empty strings for languages left out."""

    theme: str
    status: str
    texts: dict[str, str]
    question_id: str | None = None


@dataclass(frozen=True)
class Action:
    id: int
    year: int
    theme: str
    question_id: str | None
    status: str
    texts: dict[str, str] = field(default_factory=dict)
    recorded_by: str | None = None
    """The email of whoever recorded it last (staff data), or None once that account is gone."""
    recorded_at: dt.datetime | None = None


# --------------------------------------------------------------------------- what may be chosen


def headline_questions(survey: Survey, theme: str | None = None) -> list[Question]:
    """The questions whose headline finding an action can answer (all, or one theme's).

    A headline belongs to its question's first theme, as in the packs; follow-ups have none.
    """
    return [
        q for q in survey.definition.questions
        if q.id in HEADLINES and q.show_if is None and q.themes
        and (theme is None or q.themes[0] == theme)
    ]


def action_themes(survey: Survey) -> list[str]:
    """Themes of the edition's counted questions, in the codebook's order."""
    from analysis.codebook import DEFAULT_THEME_IDS

    used = {t for q in survey.definition.questions if q.type in CHOICE_TYPES for t in q.themes}
    return [t for t in DEFAULT_THEME_IDS if t in used] + sorted(used - set(DEFAULT_THEME_IDS))


def check_action(survey: Survey, data: ActionInput) -> ActionInput:
    """The input cleaned (texts trimmed, empty translations left out), or every problem."""
    problems: list[FieldProblem] = []
    if data.theme not in action_themes(survey):
        problems.append(FieldProblem("theme", N_("Choose a theme from the list.")))
    question_id = data.question_id or None
    if question_id is not None and question_id not in {
        q.id for q in headline_questions(survey, data.theme)
    }:
        problems.append(FieldProblem(
            "question_id", N_("Choose a finding of the theme you chose, or no finding.")))
    if data.status not in STATUSES:
        problems.append(FieldProblem("status", N_("Choose whether the action is planned, in "
                                                  "progress or done.")))
    texts: dict[str, str] = {}
    for key in data.texts:
        if key not in TEXT_KEYS:
            problems.append(FieldProblem(f"texts.{key}", N_(
                "Actions can be written in en, en-easy, ta, ur, pl, pt and ar only.")))
    for key in TEXT_KEYS:
        value = data.texts.get(key)
        text = value.strip() if isinstance(value, str) else ""
        if not text:
            if key == "en":
                problems.append(FieldProblem("texts.en", N_("Write the action in English.")))
            elif key == EASY_KEY:
                problems.append(FieldProblem(f"texts.{key}", N_(
                    "Write the action in easy-read English: short sentences and everyday "
                    "words.")))
            continue
        if len(text) > MAX_TEXT_LENGTH:
            problems.append(FieldProblem(
                f"texts.{key}", N_("Keep each text to %(max)d characters or fewer."),
                {"max": MAX_TEXT_LENGTH}))
        texts[key] = text
    if problems:
        raise InputProblems(problems)
    return ActionInput(data.theme, data.status, texts, question_id)


# --------------------------------------------------------------------------- storing


async def _survey_of(year: int) -> tuple[int, Survey]:
    try:
        info = await edition_by_year(year)
    except FindingsError:
        raise InputProblems([FieldProblem("year", N_("Choose an edition from the list."))]) \
            from None
    return info.id, info.survey


async def record_action(year: int, data: ActionInput, staff_id: int | None) -> Action:
    """Record a new action against the ``year`` edition."""
    edition_id, survey = await _survey_of(year)
    clean = check_action(survey, data)
    row = EditionAction(
        edition=edition_id, theme=clean.theme, question_id=clean.question_id,
        status=clean.status, texts=clean.texts, recorded_by=staff_id,
        recorded_at=dt.datetime.now(dt.UTC),
    )
    await row.save()
    return await get_action(row.id)


async def update_action(action_id: int, data: ActionInput, staff_id: int | None) -> Action:
    """Replace an action's theme, finding, status and texts; LookupError if there is none."""
    current = await get_action(action_id)
    _, survey = await _survey_of(current.year)
    clean = check_action(survey, data)
    await EditionAction.update({
        EditionAction.theme: clean.theme,
        EditionAction.question_id: clean.question_id,
        EditionAction.status: clean.status,
        EditionAction.texts: clean.texts,
        EditionAction.recorded_by: staff_id,
        EditionAction.recorded_at: dt.datetime.now(dt.UTC),
    }).where(EditionAction.id == action_id)
    return await get_action(action_id)


async def remove_action(action_id: int) -> None:
    """Delete an action; LookupError if there is none."""
    await get_action(action_id)
    await EditionAction.delete().where(EditionAction.id == action_id)


# --------------------------------------------------------------------------- reading


def _select():
    return EditionAction.select(
        EditionAction.id, EditionAction.edition.year.as_alias("year"), EditionAction.theme,
        EditionAction.question_id, EditionAction.status, EditionAction.texts,
        EditionAction.recorded_by.email.as_alias("recorded_by"), EditionAction.recorded_at,
    ).output(load_json=True).order_by(EditionAction.id)


def _action(row: dict) -> Action:
    texts = row["texts"] if isinstance(row["texts"], dict) else {}
    return Action(row["id"], row["year"], row["theme"], row["question_id"], row["status"],
                  {k: v for k, v in texts.items() if isinstance(v, str)},
                  row["recorded_by"], row["recorded_at"])


async def get_action(action_id: int) -> Action:
    rows = await _select().where(EditionAction.id == action_id)
    if not rows:
        raise LookupError(f"there is no action with id {action_id}")
    return _action(rows[0])


async def list_actions(year: int) -> list[Action]:
    """The ``year`` edition's actions, oldest first; LookupError for an unknown year."""
    row = await Edition.select(Edition.id).where(Edition.year == year).first()
    if row is None:
        raise LookupError(f"there is no edition for {year}")
    return await actions_for_edition(row["id"])


async def actions_for_edition(edition_id: int, theme: str | None = None) -> list[Action]:
    """An edition's actions (one theme's when given), oldest first: for packs and the public
    page."""
    query = _select().where(EditionAction.edition == edition_id)
    if theme is not None:
        query = query.where(EditionAction.theme == theme)
    return [_action(r) for r in await query]
