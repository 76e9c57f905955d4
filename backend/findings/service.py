"""Stored responses -> counts that may be shown. The only way from the database to a number.

Counting happens in the database (``GROUP BY`` over the answer and response tables: one query
for respondents and one for answers, each returning every breakdown's margin), so what comes
back grows with the number of groups, not of pupils. Every result goes through
``analysis.disclosure`` and, because tables published side by side share totals, through
``analysis.linked_tables`` so that a number hidden in one table is never shown in another:

* the respondents per group (a school's base) are decided once per breakdown, by a one-way
  table of group sizes (``group_sizes``), and every question's breakdown uses those states;
* a question's answer totals are decided by its one-way table (``question_counts``), and every
  breakdown of the question uses those states;
* a multiple-choice question's "not answered" cells are decided once for the question and
  shared by every option's table;
* a school's own view (``school_id``) is that school's column of the edition-wide school
  breakdown, so staff who see their school and the published tables learn nothing more.

Tables are exhaustive over respondents: a skipped question (or a follow-up the pupil was not
asked) counts as "Not answered". A multiple-choice option is a table of its own: "Chosen",
"Not chosen" (answered the question, did not pick it) and "Not answered".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import msgspec
from piccolo.query.functions.aggregate import Count

from analysis.disclosure import SuppressedCrosstab, SuppressedTable, suppress_counts
from analysis.linked_tables import fit_crosstab, fit_table
from backend.editions import survey_for
from backend.findings.labels import (
    BREAKDOWNS,
    CHOICE_TYPES,
    MULTIPLE_TYPES,
    NOT_ANSWERED,
    answer_labels,
    group_labels,
)
from backend.storage.tables import Edition, Response, School

if TYPE_CHECKING:
    from collections.abc import Sequence

    from backend.surveys import Survey
    from backend.surveys.schema import Question

__all__ = [
    "ANSWERED",
    "CHOSEN",
    "NOT_CHOSEN",
    "EditionInfo",
    "FindingsError",
    "QuestionFindings",
    "edition_by_year",
    "edition_info",
    "group_sizes",
    "option_breakdown",
    "option_counts",
    "question_breakdown",
    "question_counts",
    "question_findings",
]

CHOSEN, NOT_CHOSEN, ANSWERED = "Chosen", "Not chosen", "Answered"
_QA_KEY = "\0answered"


class FindingsError(LookupError):
    """An unknown edition, school or question, or a question that has no counts."""


@dataclass(frozen=True)
class EditionInfo:
    id: int
    year: int
    title: str
    is_demo: bool
    survey: Survey


class QuestionFindings(msgspec.Struct, frozen=True):
    """Every disclosure-controlled table of one question, mutually consistent.

    For a single-choice or scale question ``overall`` and each ``breakdowns[by]`` hold one
    table under the key ``""``; for a multiple-choice question one table per option label.
    Rows are answer labels plus "Not answered" (single choice) or Chosen / Not chosen / Not
    answered (per option); columns are groups.
    """

    question_id: str
    question: str
    type: str
    multiple: bool
    min_size: int
    overall: dict[str, SuppressedTable]
    breakdowns: dict[str, dict[str, SuppressedCrosstab]]


# --------------------------------------------------------------------------- editions


async def edition_by_year(year: int) -> EditionInfo:
    row = await Edition.select(
        Edition.id, Edition.year, Edition.title, Edition.is_demo, Edition.definition
    ).where(Edition.year == year).first()
    if row is None:
        raise FindingsError(f"there is no edition for {year}")
    return _info(row)


async def edition_info(edition_id: int) -> EditionInfo:
    row = await Edition.select(
        Edition.id, Edition.year, Edition.title, Edition.is_demo, Edition.definition
    ).where(Edition.id == edition_id).first()
    if row is None:
        raise FindingsError(f"there is no edition with id {edition_id}")
    return _info(row)


def _info(row: dict) -> EditionInfo:
    return EditionInfo(row["id"], row["year"], row["title"], bool(row["is_demo"]),
                       survey_for(row["definition"]))


def _question(survey: Survey, question_id: str) -> Question:
    question = survey.questions.get(question_id)
    if question is None:
        raise FindingsError(f"{question_id!r} is not a question of the {survey.year} edition")
    if question.type not in CHOICE_TYPES:
        raise FindingsError(
            f"{question_id!r} is a free-text question: its answers are reviewed, not counted"
        )
    return question


def _min_size(min_size: int | None) -> int:
    if min_size is None:
        from backend.settings import get_settings

        return get_settings().min_group_size
    return min_size


# --------------------------------------------------------------------------- queries


_COLUMNS = {by: by for by in BREAKDOWNS}
"""Breakdown -> its response column (the same names; raw SQL only ever uses these)."""


def _dims(by: Sequence[str]) -> list[str]:
    bad = [b for b in by if b not in BREAKDOWNS]
    if bad:
        raise FindingsError(f"cannot break down by {bad[0]!r}; use one of {', '.join(BREAKDOWNS)}")
    return list(dict.fromkeys(by))


async def _respondents(edition_id: int, dims: list[str], school_id: int | None) -> dict:
    """(group values...) -> respondents, for every combination present."""
    where = Response.edition == edition_id
    if school_id is not None:
        where &= Response.school == school_id
    cols = [getattr(Response, d).as_alias(f"g{i}") for i, d in enumerate(dims)]
    query = Response.select(*cols, Count()).where(where)
    if cols:
        query = query.group_by(*[getattr(Response, d) for d in dims])
    rows = await query
    return {tuple(r[f"g{i}"] for i in range(len(dims))): r["count"] for r in rows}


@dataclass
class _Margins:
    """Counts overall and per breakdown. Keys: ``()`` / ``(group,)`` for respondents,
    ``(value,)`` / ``(value, group)`` for answer rows."""

    overall: dict
    by: dict[str, dict]
    answered: int = 0
    """Respondents with at least one answer row (answer margins asked ``answered=True``)."""
    answered_by: dict[str, dict] = field(default_factory=dict)


def _scope(edition_id: int, school_id: int | None, question_id: str | None,
           *, answered: bool = False) -> tuple[str, str, list]:
    """(FROM, WHERE, parameters) for respondents, a question's answer rows, or (``answered``)
    the respondents with at least one answer row to the question."""
    if question_id is None:
        source, where, params = "response r", "r.edition = {}", [edition_id]
    elif answered:
        source = ("(SELECT DISTINCT a.response FROM answer a WHERE a.question_id = {}) a "
                  "JOIN response r ON r.id = a.response")
        where, params = "r.edition = {}", [question_id, edition_id]
    else:
        source = "answer a JOIN response r ON r.id = a.response"
        where, params = "a.question_id = {} AND r.edition = {}", [question_id, edition_id]
    if school_id is not None:
        where += " AND r.school = {}"
        params.append(school_id)
    return source, where, params


def _sqlite_margins(edition_id, dims, school_id, question_id, answered) -> list[tuple[str, list]]:
    """One statement: a CTE of the rows once, each margin a ``GROUP BY`` over it (SQLite has
    no grouping sets; it materialises a CTE that is used more than once)."""
    source, where, params = _scope(edition_id, school_id, question_id)
    cols = ["a.response AS rid", "a.value AS v"] if question_id is not None else []
    cols += [f"r.{_COLUMNS[d]} AS k{p}" for p, d in enumerate(dims)]
    inner = f"SELECT {', '.join(cols) or '1 AS one'} FROM {source} WHERE {where}"
    value = "v" if question_id is not None else "NULL"
    parts = [f"SELECT 'n' AS kind, -1 AS dim, {value} AS v, NULL AS g, COUNT(*) AS n FROM c"
             + (" GROUP BY v" if question_id is not None else "")] if not dims else []
    parts += [
        f"SELECT 'n' AS kind, {p} AS dim, {value} AS v, CAST(k{p} AS TEXT) AS g, COUNT(*) AS n "
        "FROM c GROUP BY " + (f"v, k{p}" if question_id is not None else f"k{p}")
        for p in range(len(dims))
    ]
    if answered:
        parts.append("SELECT 'a' AS kind, -1 AS dim, NULL AS v, NULL AS g, "
                     "COUNT(DISTINCT rid) AS n FROM c")
        parts += [f"SELECT 'a' AS kind, {p} AS dim, NULL AS v, CAST(k{p} AS TEXT) AS g, "
                  f"COUNT(DISTINCT rid) AS n FROM c GROUP BY k{p}" for p in range(len(dims))]
    return [(f"WITH c AS ({inner}) " + " UNION ALL ".join(parts), params)]


def _postgres_margins(edition_id, dims, school_id, question_id, answered
                      ) -> list[tuple[str, list]]:
    """``GROUPING SETS``: one scan, a hash table per margin (PostgreSQL reads a question's
    answers from the covering index alone)."""

    def statement(kind: str, by_value: bool, scope: tuple[str, str, list]) -> tuple[str, list]:
        source, where, params = scope
        cols = [f"r.{_COLUMNS[d]}" for d in dims]
        value = ["a.value"] if by_value else []
        sets = [f"({', '.join([*value, c])})" for c in cols] or [f"({', '.join(value)})"]
        if kind == "a" and cols:
            sets.append("()")
        dim = ("CASE " + " ".join(f"WHEN GROUPING({c}) = 0 THEN {p}" for p, c in enumerate(cols))
               + " ELSE -1 END") if cols else "-1"
        group = ("CASE " + " ".join(f"WHEN GROUPING({c}) = 0 THEN CAST({c} AS TEXT)"
                                   for c in cols) + " END") if cols else "NULL"
        sql = (f"SELECT '{kind}' AS kind, {dim} AS dim, {value[0] if value else 'NULL'} AS v, "
               f"{group} AS g, COUNT(*) AS n FROM {source} WHERE {where} "
               f"GROUP BY GROUPING SETS ({', '.join(sets)})")
        return sql, params

    by_value = question_id is not None
    out = [statement("n", by_value, _scope(edition_id, school_id, question_id))]
    if answered:
        out.append(statement("a", False, _scope(edition_id, school_id, question_id,
                                                answered=True)))
    return out


async def _margins(
    edition_id: int,
    dims: list[str],
    school_id: int | None,
    *,
    question_id: str | None = None,
    answered: bool = False,
) -> _Margins:
    """Respondents (no ``question_id``) or a question's answer rows by value, overall and for
    every breakdown's margin.

    The rows are scanned once for every breakdown, and only the margins come back, however
    many combinations of groups exist (at Big Ask scale nearly as many as pupils). ``answered``
    adds the respondents with an answer per group, for multiple choice.
    """
    build = (_postgres_margins if Response._meta.db.engine_type == "postgres"
             else _sqlite_margins)
    rows = []
    for sql, params in build(edition_id, dims, school_id, question_id, answered):
        rows += await Response.raw(sql, *params)
    out = _Margins({}, {d: {} for d in dims}, 0, {d: {} for d in dims})
    width = 1 if question_id is not None else 0
    for r in rows:
        n = int(r["n"])
        if r["dim"] < 0:
            if r["kind"] == "a":
                out.answered = n
            elif n:
                out.overall[(r["v"],)[:width]] = n
            continue
        d = dims[r["dim"]]
        group = r["g"]
        if group is not None and d == "school":
            group = int(group)
        if r["kind"] == "a":
            out.answered_by[d][group] = n
        else:
            key = ((r["v"], group) if width else (group,))
            out.by[d][key] = n
    if dims:
        for key, n in out.by[dims[0]].items():
            out.overall[key[:width]] = out.overall.get(key[:width], 0) + n
    return out


async def _school_names(ids) -> dict[int, str]:
    ids = [i for i in ids if i is not None]
    if not ids:
        return {}
    rows = await School.select(School.id, School.name).where(School.id.is_in(ids))
    return {r["id"]: r["name"] for r in rows}


# --------------------------------------------------------------------------- building tables


@dataclass
class _Data:
    """Counts of one question for one population (the edition, or one school)."""

    total: int
    groups: dict[str, dict[object, str]]  # by -> value -> label (ordered)
    sizes: dict[str, dict[object, int]]  # by -> value -> respondents
    values: dict[str, int]  # answer value -> rows
    cells: dict[str, dict[tuple[str, object], int]]  # by -> (value, group) -> rows
    answered: int
    answered_by: dict[str, dict[object, int]]  # by -> group -> respondents who answered


async def _load(info: EditionInfo, question: Question, dims: list[str],
                school_id: int | None) -> _Data:
    multiple = question.type in MULTIPLE_TYPES
    people = await _margins(info.id, dims, school_id)
    answers = await _margins(info.id, dims, school_id, question_id=question.id,
                             answered=multiple)
    sizes = {d: {k[0]: n for k, n in people.by[d].items()} for d in dims}
    names = await _school_names(sizes["school"]) if "school" in sizes else {}
    groups = {d: group_labels(d, info.survey, sizes[d], names) for d in dims}
    values = {k[0]: n for k, n in answers.overall.items()}
    cells = answers.by
    if multiple:
        answered, answered_by = answers.answered, answers.answered_by
    else:
        answered = sum(values.values())
        answered_by = {d: defaultdict(int) for d in dims}
        for d in dims:
            for (_, g), n in cells[d].items():
                answered_by[d][g] += n
    return _Data(people.overall.get((), 0), groups, sizes, values, cells, answered, answered_by)


@dataclass
class _Canon:
    """States decided elsewhere: this population's tables must agree with them."""

    bases: dict[str, SuppressedTable]  # by -> group sizes table (keyed by group label)
    overall_fixed: dict[str, dict[str, bool]] | None = None  # table key -> row -> hidden
    total_hidden: bool | None = None


def _single(question: Question, survey: Survey, data: _Data, k: int, canon: _Canon):
    labels = answer_labels(survey, question, [v for v in data.values if v is not None])
    rows = [*labels.values(), NOT_ANSWERED]
    counts = {labels[v]: data.values.get(v, 0) for v in labels}
    counts[NOT_ANSWERED] = data.total - data.answered
    fixed = canon.overall_fixed[""] if canon.overall_fixed else None
    overall = fit_table(counts, k, fixed=fixed, total_hidden=canon.total_hidden)
    breakdowns = {}
    for by, groups in data.groups.items():
        grid = {(labels[v], groups[g]): n for (v, g), n in data.cells[by].items()}
        for g, label in groups.items():
            grid[(NOT_ANSWERED, label)] = data.sizes[by][g] - data.answered_by[by].get(g, 0)
        breakdowns[by] = {"": fit_crosstab(
            grid, k, rows=rows, cols=list(groups.values()),
            row_totals_hidden={r: c.suppressed for r, c in overall.cells.items()},
            bases_hidden={c: cell.suppressed for c, cell in canon.bases[by].cells.items()},
            grand_hidden=overall.total.suppressed,
        )}
    return {"": overall}, breakdowns


def _multiple(question: Question, survey: Survey, data: _Data, k: int, canon: _Canon):
    labels = answer_labels(survey, question, [v for v in data.values if v is not None])
    not_answered = data.total - data.answered
    fixed_all = canon.overall_fixed or {}
    # The question-level split, whose "Not answered" cells every option table shares.
    qa = fit_table({ANSWERED: data.answered, NOT_ANSWERED: not_answered}, k,
                   fixed=fixed_all.get(_QA_KEY), total_hidden=canon.total_hidden)
    qa_tabs = {}
    for by, groups in data.groups.items():
        grid = {}
        for g, label in groups.items():
            a = data.answered_by[by].get(g, 0)
            grid[(ANSWERED, label)] = a
            grid[(NOT_ANSWERED, label)] = data.sizes[by][g] - a
        qa_tabs[by] = fit_crosstab(
            grid, k, rows=[ANSWERED, NOT_ANSWERED], cols=list(groups.values()),
            row_totals_hidden={r: c.suppressed for r, c in qa.cells.items()},
            bases_hidden={c: cell.suppressed for c, cell in canon.bases[by].cells.items()},
            grand_hidden=qa.total.suppressed,
        )
    overall, breakdowns = {}, {}
    rows = [CHOSEN, NOT_CHOSEN, NOT_ANSWERED]
    for value, label in labels.items():
        chosen = data.values.get(value, 0)
        fixed = dict(fixed_all.get(label, {}))
        fixed[NOT_ANSWERED] = qa.cells[NOT_ANSWERED].suppressed
        table = fit_table(
            {CHOSEN: chosen, NOT_CHOSEN: data.answered - chosen, NOT_ANSWERED: not_answered},
            k, fixed=fixed, total_hidden=canon.total_hidden,
        )
        overall[label] = table
        for by, groups in data.groups.items():
            grid = {}
            for g, glabel in groups.items():
                n = data.cells[by].get((value, g), 0)
                a = data.answered_by[by].get(g, 0)
                grid[(CHOSEN, glabel)] = n
                grid[(NOT_CHOSEN, glabel)] = a - n
                grid[(NOT_ANSWERED, glabel)] = data.sizes[by][g] - a
            qa_tab = qa_tabs[by]
            breakdowns.setdefault(by, {})[label] = fit_crosstab(
                grid, k, rows=rows, cols=list(groups.values()),
                row_totals_hidden={r: c.suppressed for r, c in table.cells.items()},
                bases_hidden={c: cell.suppressed for c, cell in canon.bases[by].cells.items()},
                grand_hidden=table.total.suppressed,
                cells_hidden={
                    (NOT_ANSWERED, c): qa_tab.cells[(NOT_ANSWERED, c)].suppressed
                    for c in qa_tab.col_labels
                },
            )
    return overall, breakdowns, qa_tabs


def _bases(data: _Data, k: int, total_hidden: bool | None) -> dict[str, SuppressedTable]:
    return {
        by: fit_table({groups[g]: data.sizes[by][g] for g in groups}, k,
                      total_hidden=total_hidden)
        for by, groups in data.groups.items()
    }


async def question_findings(
    edition_id: int,
    question_id: str,
    *,
    by: Sequence[str] = BREAKDOWNS,
    school_id: int | None = None,
    min_size: int | None = None,
) -> QuestionFindings:
    """All disclosure-controlled tables of one choice question: overall and per breakdown.

    ``school_id`` limits everything to one school's respondents (a school's own view), taking
    the school's column of the edition-wide tables as given. ``min_size`` defaults to the
    configured minimum group size.
    """
    k = _min_size(min_size)
    info = await edition_info(edition_id)
    question = _question(info.survey, question_id)
    dims = _dims(by)
    multiple = question.type in MULTIPLE_TYPES
    canon = None
    if school_id is not None:
        canon = await _school_canon(info, question, school_id, k)
    data = await _load(info, question, dims, school_id)
    if canon is None:
        canon = _Canon(bases=_bases(data, k, None))
    else:
        canon.bases = _bases(data, k, canon.total_hidden)
    if multiple:
        overall, breakdowns, _ = _multiple(question, info.survey, data, k, canon)
    else:
        overall, breakdowns = _single(question, info.survey, data, k, canon)
    return QuestionFindings(question.id, question.text, question.type, multiple, k, overall,
                            breakdowns)


async def _school_canon(info: EditionInfo, question: Question, school_id: int, k: int) -> _Canon:
    """A school's view must agree with its column of the edition-wide school breakdown."""
    name = await School.select(School.name).where(School.id == school_id).first()
    if name is None:
        raise FindingsError(f"there is no school with id {school_id}")
    wide = await _load(info, question, ["school"], None)
    label = wide.groups["school"].get(school_id)
    bases = _bases(wide, k, None)
    if label is None:  # nobody from this school answered: nothing to agree with
        return _Canon(bases={}, total_hidden=None)
    canon = _Canon(bases=bases)
    if question.type in MULTIPLE_TYPES:
        _, breakdowns, qa_tabs = _multiple(question, info.survey, wide, k, canon)
        fixed = {opt: {r: tab.cells[(r, label)].suppressed for r in tab.row_labels}
                 for opt, tab in breakdowns["school"].items()}
        qa_tab = qa_tabs["school"]
        fixed[_QA_KEY] = {r: qa_tab.cells[(r, label)].suppressed for r in qa_tab.row_labels}
    else:
        _, breakdowns = _single(question, info.survey, wide, k, canon)
        tab = breakdowns["school"][""]
        fixed = {"": {r: tab.cells[(r, label)].suppressed for r in tab.row_labels}}
    hidden = bases["school"].cells[label].suppressed
    return _Canon(bases={}, overall_fixed=fixed, total_hidden=hidden)


# --------------------------------------------------------------------------- conveniences


async def question_counts(
    edition_id: int, question_id: str, *, school_id: int | None = None, min_size: int | None = None
) -> SuppressedTable:
    """One single-choice or scale question: a cell per answer plus "Not answered"."""
    found = await question_findings(edition_id, question_id, by=(), school_id=school_id,
                                    min_size=min_size)
    if found.multiple:
        raise FindingsError(f"{question_id!r} is multiple choice: use option_counts")
    return found.overall[""]


async def question_breakdown(
    edition_id: int,
    question_id: str,
    by: str,
    *,
    school_id: int | None = None,
    min_size: int | None = None,
) -> SuppressedCrosstab:
    """One single-choice or scale question by group: answers as rows, groups as columns."""
    found = await question_findings(edition_id, question_id, by=(by,), school_id=school_id,
                                    min_size=min_size)
    if found.multiple:
        raise FindingsError(f"{question_id!r} is multiple choice: use option_breakdown")
    return found.breakdowns[by][""]


async def option_counts(
    edition_id: int, question_id: str, *, school_id: int | None = None, min_size: int | None = None
) -> dict[str, SuppressedTable]:
    """A multiple-choice question: option label -> Chosen / Not chosen / Not answered."""
    found = await question_findings(edition_id, question_id, by=(), school_id=school_id,
                                    min_size=min_size)
    if not found.multiple:
        raise FindingsError(f"{question_id!r} is single choice: use question_counts")
    return found.overall


async def option_breakdown(
    edition_id: int,
    question_id: str,
    by: str,
    *,
    school_id: int | None = None,
    min_size: int | None = None,
) -> dict[str, SuppressedCrosstab]:
    """A multiple-choice question by group: option label -> crosstab of Chosen / Not chosen /
    Not answered by group."""
    found = await question_findings(edition_id, question_id, by=(by,), school_id=school_id,
                                    min_size=min_size)
    if not found.multiple:
        raise FindingsError(f"{question_id!r} is single choice: use question_breakdown")
    return found.breakdowns[by]


async def group_sizes(
    edition_id: int, by: str, *, school_id: int | None = None, min_size: int | None = None
) -> SuppressedTable:
    """Respondents per group (the bases every breakdown by ``by`` shares)."""
    k = _min_size(min_size)
    info = await edition_info(edition_id)
    dims = _dims([by])
    total_hidden = None
    if school_id is not None:
        wide = await _respondents(info.id, ["school"], None)
        names = await _school_names([key[0] for key in wide])
        labels = group_labels("school", info.survey, [key[0] for key in wide], names)
        if school_id not in labels:
            return suppress_counts({}, k)
        table = suppress_counts({labels[key[0]]: n for key, n in wide.items()}, k)
        total_hidden = table.cells[labels[school_id]].suppressed
    combos = await _respondents(info.id, dims, school_id)
    sizes = {key[0]: n for key, n in combos.items()}
    names = await _school_names(sizes) if by == "school" else {}
    labels = group_labels(by, info.survey, sizes, names)
    return fit_table({labels[g]: sizes[g] for g in labels}, k, total_hidden=total_hidden)
