"""Findings for the dashboard: the service's suppressed tables as the shapes pages and API show.

Numbers come only from ``backend.findings`` (question tables, group sizes, themes) and quotes
only from ``backend.review.quotes``; this module fetches them and relabels them, never counts.
A multiple-choice question becomes one table with a row per option (its "Chosen" cell) plus
"Not answered": cells taken from the service's option tables, which were suppressed together.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from analysis.disclosure import Cell, SuppressedCrosstab, SuppressedTable
from backend.findings import (
    BREAKDOWNS,
    CHOSEN,
    NOT_ANSWERED,
    EditionInfo,
    FindingsError,
    QuestionFindings,
    edition_by_year,
    group_sizes,
    question_findings,
)
from backend.findings.labels import CHOICE_TYPES
from backend.findings.themes import MENTIONED, ThemeFindings, theme_findings
from backend.findings.trend import TrendPoint, question_trend
from backend.i18n import N_
from backend.review.quotes import approved_quotes
from backend.staff.findings_schemas import (
    CellOut,
    CrosstabOut,
    EditionFindingsOut,
    EditionRefOut,
    GroupOut,
    InterviewOut,
    QuestionFindingsOut,
    QuestionRefOut,
    RowOut,
    SchoolFindingsOut,
    SchoolQuestionOut,
    SchoolRefOut,
    SectionOut,
    TableOut,
    ThemeOut,
    ThemesOut,
    TrendOut,
)
from backend.storage.tables import Edition, InterviewNote, Response, School

if TYPE_CHECKING:
    from collections.abc import Callable

    from backend.surveys import Survey

__all__ = [
    "BY_LABELS",
    "INTERVIEW_KINDS",
    "QuestionData",
    "SchoolData",
    "ThemesData",
    "cell_out",
    "crosstab_out",
    "edition",
    "edition_out",
    "editions",
    "load_question",
    "load_school",
    "load_school_question",
    "load_themes",
    "overall_out",
    "question_out",
    "school_by_code",
    "school_out",
    "school_question_out",
    "schools_of",
    "sections",
    "table_out",
    "themes_out",
    "themes_page_out",
]

BY_LABELS = {
    "school": N_("School"),
    "year_band": N_("Year group"),
    "gender": N_("Gender"),
    "send": N_("SEND"),
    "language": N_("Survey language"),
    "variant": N_("Version"),
    "home_language": N_("Home language"),
}
"""Breakdown -> its heading (an English msgid)."""
INTERVIEW_KINDS = {
    "interview": N_("Interview"),
    "focus_group": N_("Focus group"),
    "youth_summit": N_("Youth Summit discussion"),
}
_LABEL_MSGIDS = (
    N_("Not answered"), N_("Years 7-9"), N_("Years 10-11"), N_("Years 12-13"),
    N_("Tamil"), N_("Urdu"), N_("Polish"), N_("Portuguese"), N_("Arabic"), N_("English"),
    N_("Standard"), N_("Easy read"), N_("Analysed free text"), N_("No analysed free text"),
    N_("Negative"), N_("Neutral"), N_("Positive"), N_("Mixed"), N_("Not scored"),
)
"""Labels the findings service and theme tables use, marked so catalogs translate them."""


def _label(tr: Callable[[str], str], text: str) -> str:
    return tr(text) if text else text


def cell_out(cell: Cell) -> CellOut:
    if cell.suppressed or cell.count is None:
        return CellOut(suppressed=True)
    percent = None if cell.percent is None else round(cell.percent, 1)
    return CellOut(count=cell.count, percent=percent)


def table_out(table: SuppressedTable, tr: Callable[[str], str]) -> TableOut:
    return TableOut([RowOut(_label(tr, k), cell_out(c)) for k, c in table.cells.items()],
                    cell_out(table.total))


def overall_out(found: QuestionFindings, tr: Callable[[str], str]) -> TableOut:
    """The question's one-way table; for multiple choice a row per option's "Chosen" cell."""
    if not found.multiple:
        return table_out(found.overall[""], tr)
    tables = list(found.overall.values())
    rows = [RowOut(_label(tr, option), cell_out(t.cells[CHOSEN]))
            for option, t in found.overall.items()]
    first = tables[0]
    rows.append(RowOut(_label(tr, NOT_ANSWERED), cell_out(first.cells[NOT_ANSWERED])))
    return TableOut(rows, cell_out(first.total))


def crosstab_out(found: QuestionFindings, by: str, tr: Callable[[str], str]) -> CrosstabOut:
    """One breakdown with groups as rows (the service has them as columns)."""
    tabs: dict[str, SuppressedCrosstab] = found.breakdowns[by]
    if found.multiple:
        first = next(iter(tabs.values()))
        answers = [*tabs, NOT_ANSWERED]
        columns = [(tab, CHOSEN) for tab in tabs.values()] + [(first, NOT_ANSWERED)]
    else:
        first = tabs[""]
        answers = list(first.row_labels)
        columns = [(first, row) for row in first.row_labels]
    groups = [
        GroupOut(_label(tr, col), cell_out(first.col_totals[col]),
                 [cell_out(tab.cells[(row, col)]) for tab, row in columns])
        for col in first.col_labels
    ]
    return CrosstabOut(
        by, tr(BY_LABELS[by]), [_label(tr, a) for a in answers], groups,
        [cell_out(tab.row_totals[row]) for tab, row in columns], cell_out(first.grand_total),
    )


# --------------------------------------------------------------------------- editions


async def editions() -> list[EditionRefOut]:
    rows = await Edition.select(Edition.year, Edition.title, Edition.status).order_by(
        Edition.year, ascending=False)
    return [EditionRefOut(r["year"], r["title"], r["status"]) for r in rows]


async def edition(year: int) -> EditionInfo:
    """The edition of ``year``; ``FindingsError`` when there is none."""
    return await edition_by_year(year)


def sections(survey: Survey, tr: Callable[[str], str]) -> list[SectionOut]:
    """The edition's choice questions, section by section (free text is reviewed, not counted)."""
    d = survey.definition
    out = []
    for section in d.sections:
        questions = [QuestionRefOut(q.id, tr(q.text), q.type) for q in d.questions
                     if q.section == section.id and q.type in CHOICE_TYPES]
        if questions:
            out.append(SectionOut(tr(section.title), questions))
    return out


async def schools_of(edition_id: int) -> list[SchoolRefOut]:
    """Schools with at least one response in the edition, by name."""
    ids = await Response.select(Response.school).where(Response.edition == edition_id).distinct()
    wanted = [r["school"] for r in ids]
    if not wanted:
        return []
    rows = await School.select(School.code, School.name).where(School.id.is_in(wanted)).order_by(
        School.name)
    return [SchoolRefOut(r["code"], r["name"]) for r in rows]


async def school_by_code(code: str) -> dict | None:
    return await School.select(School.id, School.code, School.name).where(
        School.code == code.strip().upper()).first()


async def respondents(edition_id: int, k: int, school_id: int | None = None) -> Cell:
    """The edition's (or a school's) respondents as published: a school's own number is its
    cell of the edition-wide table of schools, hidden when that is."""
    return (await group_sizes(edition_id, "variant", school_id=school_id, min_size=k)).total


# --------------------------------------------------------------------------- questions


@dataclass(frozen=True)
class QuestionData:
    info: EditionInfo
    found: QuestionFindings
    trend: list[TrendPoint]


def _choice_question(info: EditionInfo, question_id: str):
    question = info.survey.questions.get(question_id)
    if question is None or question.type not in CHOICE_TYPES:
        raise FindingsError(f"{question_id!r} is not a choice question of {info.year}")
    return question


async def load_question(year: int, question_id: str, k: int) -> QuestionData:
    info = await edition(year)
    _choice_question(info, question_id)
    found = await question_findings(info.id, question_id, by=BREAKDOWNS, min_size=k)
    trend = await question_trend(info.id, question_id, min_size=k)
    return QuestionData(info, found, trend if len(trend) > 1 else [])


@dataclass(frozen=True)
class SchoolData:
    info: EditionInfo
    school: SchoolRefOut
    school_id: int
    respondents: Cell

    @property
    def shown(self) -> bool:
        return not self.respondents.suppressed and bool(self.respondents.count)


async def load_school(year: int, school: dict, k: int) -> SchoolData:
    info = await edition(year)
    base = await respondents(info.id, k, school["id"])
    return SchoolData(info, SchoolRefOut(school["code"], school["name"]), school["id"], base)


async def load_school_question(data: SchoolData, question_id: str, k: int):
    """(the school's findings or None when the school is not shown, the borough's findings)."""
    _choice_question(data.info, question_id)
    borough = await question_findings(data.info.id, question_id, by=(), min_size=k)
    if not data.shown:
        return None, borough
    within = tuple(b for b in BREAKDOWNS if b != "school")
    own = await question_findings(data.info.id, question_id, by=within, school_id=data.school_id,
                                  min_size=k)
    return own, borough


# --------------------------------------------------------------------------- themes


@dataclass(frozen=True)
class ThemesData:
    info: EditionInfo
    found: ThemeFindings
    quotes: dict[str, list[str]]
    interviews: dict[str, list[dict]]


async def load_themes(year: int, k: int) -> ThemesData:
    info = await edition(year)
    found = await theme_findings(info.id, min_size=k)
    quotes = {theme: [q.text for q in await approved_quotes(info.id, k, theme=theme)]
              for theme in found.labels}
    notes = await InterviewNote.select(
        InterviewNote.kind, InterviewNote.title, InterviewNote.held_on, InterviewNote.text,
        InterviewNote.themes,
    ).where(InterviewNote.edition == info.id).order_by(
        InterviewNote.held_on, InterviewNote.id).output(load_json=True)
    interviews: dict[str, list[dict]] = {}
    for note in notes:
        for theme in note["themes"] or []:
            interviews.setdefault(theme, []).append(note)
    return ThemesData(info, found, quotes, interviews)


def themes_out(data: ThemesData, tr: Callable[[str], str]) -> list[ThemeOut]:
    out = []
    for theme, label in data.found.labels.items():
        out.append(ThemeOut(
            theme, tr(label),
            cell_out(data.found.mentions[theme].cells[MENTIONED]),
            table_out(data.found.sentiment[theme], tr),
            data.quotes.get(theme, []),
            [InterviewOut(tr(INTERVIEW_KINDS.get(n["kind"], n["kind"])), n["title"],
                          n["held_on"].isoformat(), n["text"])
             for n in data.interviews.get(theme, [])],
        ))
    return out


# --------------------------------------------------------------------------- whole pages


async def edition_out(year: int, k: int, tr: Callable[[str], str]) -> EditionFindingsOut:
    info = await edition(year)
    return EditionFindingsOut(
        info.year, tr(info.title), k, cell_out(await respondents(info.id, k)),
        sections(info.survey, tr), await schools_of(info.id),
    )


def question_out(data: QuestionData, tr: Callable[[str], str]) -> QuestionFindingsOut:
    found = data.found
    return QuestionFindingsOut(
        data.info.year, found.question_id, tr(found.question), found.type, found.multiple,
        found.min_size, overall_out(found, tr),
        [crosstab_out(found, by, tr) for by in BREAKDOWNS if by in found.breakdowns],
        [TrendOut(p.year, overall_out(p.findings, tr)) for p in data.trend],
    )


def school_out(data: SchoolData, k: int, tr: Callable[[str], str]) -> SchoolFindingsOut:
    return SchoolFindingsOut(
        data.info.year, data.school, k, data.shown, cell_out(data.respondents),
        sections(data.info.survey, tr),
    )


def school_question_out(data: SchoolData, own: QuestionFindings | None,
                        borough: QuestionFindings, tr: Callable[[str], str]) -> SchoolQuestionOut:
    return SchoolQuestionOut(
        data.info.year, data.school, borough.question_id, tr(borough.question), borough.type,
        borough.multiple, borough.min_size, own is not None,
        overall_out(own, tr) if own is not None else None, overall_out(borough, tr),
        [crosstab_out(own, by, tr) for by in BREAKDOWNS if by in own.breakdowns]
        if own is not None else [],
    )


def themes_page_out(data: ThemesData, tr: Callable[[str], str]) -> ThemesOut:
    return ThemesOut(data.info.year, data.found.min_size, table_out(data.found.writers, tr),
                     themes_out(data, tr))
