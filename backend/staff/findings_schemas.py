"""Shapes of the findings API (msgspec Structs). The pages render the same objects.

A hidden cell is ``{"suppressed": true}`` and nothing else: no count, no percentage.
"""

from __future__ import annotations

import msgspec

__all__ = [
    "CellOut",
    "CrosstabOut",
    "EditionFindingsOut",
    "EditionRefOut",
    "FindingsIndexOut",
    "GroupOut",
    "InterviewOut",
    "QuestionFindingsOut",
    "QuestionRefOut",
    "RowOut",
    "SchoolFindingsOut",
    "SchoolQuestionOut",
    "SchoolRefOut",
    "SectionOut",
    "TableOut",
    "ThemeOut",
    "ThemesOut",
    "TrendOut",
]


class CellOut(msgspec.Struct, frozen=True, omit_defaults=True):
    """A published number: ``count`` and ``percent`` (of its base), or ``suppressed``."""

    count: int | None = None
    percent: float | None = None
    """Share of the cell's base, 0-100, one decimal; absent when the base is hidden or zero."""
    suppressed: bool = False


class RowOut(msgspec.Struct, frozen=True):
    label: str
    cell: CellOut


class TableOut(msgspec.Struct, frozen=True):
    """A one-way table: a row per answer (per option for multiple choice) and the base."""

    rows: list[RowOut]
    total: CellOut


class GroupOut(msgspec.Struct, frozen=True):
    label: str
    base: CellOut
    """Respondents in the group."""
    cells: list[CellOut]
    """One per answer, in the order of ``CrosstabOut.answers``; percentages of ``base``."""


class CrosstabOut(msgspec.Struct, frozen=True):
    """One breakdown: a row per group, a column per answer."""

    by: str
    by_label: str
    answers: list[str]
    groups: list[GroupOut]
    totals: list[CellOut]
    """Each answer across all groups (percentages of ``grand_total``)."""
    grand_total: CellOut


class TrendOut(msgspec.Struct, frozen=True):
    year: int
    overall: TableOut


class QuestionRefOut(msgspec.Struct, frozen=True):
    id: str
    text: str
    type: str


class SectionOut(msgspec.Struct, frozen=True):
    title: str
    questions: list[QuestionRefOut]


class SchoolRefOut(msgspec.Struct, frozen=True):
    code: str
    name: str


class EditionRefOut(msgspec.Struct, frozen=True):
    year: int
    title: str
    status: str


class FindingsIndexOut(msgspec.Struct, frozen=True):
    editions: list[EditionRefOut]
    school: SchoolRefOut | None = None
    """A SEND lead's own school (their findings are under ``/schools/{code}``)."""


class EditionFindingsOut(msgspec.Struct, frozen=True):
    year: int
    title: str
    min_group_size: int
    respondents: CellOut
    sections: list[SectionOut]
    schools: list[SchoolRefOut]


class QuestionFindingsOut(msgspec.Struct, frozen=True):
    """Every table of one choice question. For multiple choice each row is an option (pupils
    who chose it; shares add up to more than 100) plus "Not answered"."""

    year: int
    question_id: str
    question: str
    type: str
    multiple: bool
    min_group_size: int
    overall: TableOut
    breakdowns: list[CrosstabOut]
    trend: list[TrendOut]
    """This and every earlier edition that asks the question, oldest first; empty when no
    earlier edition asks it."""


class SchoolFindingsOut(msgspec.Struct, frozen=True):
    year: int
    school: SchoolRefOut
    min_group_size: int
    shown: bool
    """False when the school's respondents are below the threshold (or hidden to protect
    another small school): then nothing about the school is given."""
    respondents: CellOut
    sections: list[SectionOut]


class SchoolQuestionOut(msgspec.Struct, frozen=True):
    year: int
    school: SchoolRefOut
    question_id: str
    question: str
    type: str
    multiple: bool
    min_group_size: int
    shown: bool
    school_overall: TableOut | None
    """The school's own answers; null when the school is not shown."""
    borough_overall: TableOut
    """Every school together: the same table as on the edition's question page."""
    breakdowns: list[CrosstabOut]
    """Within the school (never by school); empty when the school is not shown."""


class InterviewOut(msgspec.Struct, frozen=True):
    """Interview or focus-group notes (redacted on entry), coded with a theme."""

    kind: str
    title: str
    held_on: str
    text: str


class ThemeOut(msgspec.Struct, frozen=True):
    id: str
    label: str
    mentioned: CellOut
    """Pupils whose free text mentions the theme (percent of pupils with analysed free text)."""
    sentiment: TableOut
    """The mentioning pupils by sentiment (percent of ``mentioned``)."""
    quotes: list[str]
    """Reviewer-approved quotes coded with the theme (redacted)."""
    interviews: list[InterviewOut]


class ThemesOut(msgspec.Struct, frozen=True):
    year: int
    min_group_size: int
    writers: TableOut
    """Pupils with analysed free text, and the rest of the edition's respondents."""
    themes: list[ThemeOut]
