"""``feelsafe export``: an edition's published data set, safe to hand to a partner.

Three files (and a README) go into the output folder:

* ``aggregate_tables.csv``: every choice question, overall and by school, year group, gender,
  SEND, language, variant and home language, straight from ``backend.findings`` (so with the
  same disclosure control as every other output; hidden cells are ``c``).
* ``responses_anonymised.csv``: one row per kept response, its groups coarsened with
  ``analysis.disclosure.k_anonymise`` until every combination of school, year group, gender,
  SEND, language, variant, home language and "had help" occurs at least k times. Rows are in a
  random order; there are no ids, no dates and no free text.
* ``data_dictionary.csv``: every file and column, with the rules used.

Free text is left out on purpose: even redacted, the way a pupil writes can identify them, and
approved quotes reach partners through the review workflow and workshop packs instead.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from analysis.disclosure import SUPPRESSED, k_anonymise
from backend.findings import BREAKDOWNS, edition_by_year, question_findings
from backend.findings.labels import CHOICE_TYPES, MULTIPLE_TYPES, SPECIAL_LABELS, answer_labels
from backend.i18n import LANGUAGES
from backend.storage.tables import Answer, Response, School

if TYPE_CHECKING:
    from pathlib import Path

    from backend.findings import EditionInfo
    from backend.surveys.schema import Question

__all__ = [
    "AGGREGATE_COLUMNS",
    "QUASI_IDENTIFIERS",
    "ExportReport",
    "export_edition",
]

AGGREGATE_FILE = "aggregate_tables.csv"
RESPONSES_FILE = "responses_anonymised.csv"
DICTIONARY_FILE = "data_dictionary.csv"
README_FILE = "README.md"

AGGREGATE_COLUMNS = {
    "question_id": "Question id (stable across editions and languages).",
    "question": "The question as worded in the standard version.",
    "option": "For a multiple-choice question, the option this table is about; empty otherwise.",
    "breakdown": "What the respondents are grouped by: all, school, year_band, gender, send, "
                 "language (of the survey), variant (standard or easy read) or home_language.",
    "group": "The group (a school, a year band...); 'All respondents' when breakdown is all.",
    "answer": "The answer; for a multiple-choice option Chosen, Not chosen or Not answered. "
              "'Not answered' counts pupils who skipped the question or were not asked it "
              "(follow-ups). 'Total' is the number of respondents in the group.",
    "count": f"Number of pupils, or '{SUPPRESSED}' where hidden by disclosure control.",
    "percent": "Share of the group's respondents (0-100, one decimal); "
               f"'{SUPPRESSED}' where the count or the group's total is hidden.",
}

QUASI_IDENTIFIERS = ("school", "year_group", "gender", "send", "language", "variant",
                     "home_language", "had_help")
"""Columns that, combined, could single a pupil out: each combination occurs >= k times."""

_NOT_GIVEN = "not_given"
_NOT_ANSWERED = "not_answered"
_KINDS = {"secondary": "secondary school", "special": "special school",
          "alternative": "alternative provision", "other": "other setting"}


@dataclass
class ExportReport:
    files: list[str] = field(default_factory=list)
    questions: int = 0
    aggregate_rows: int = 0
    responses_in: int = 0
    responses_out: int = 0
    rule: str = ""
    demo_responses: int = 0

    def __str__(self) -> str:
        return (
            f"Wrote {', '.join(self.files)}: {self.aggregate_rows} aggregate rows for "
            f"{self.questions} questions; {self.responses_out} of {self.responses_in} responses "
            f"in the anonymised file ({self.demo_responses} demo responses, flagged)."
        )


# --------------------------------------------------------------------------- entry point


async def export_edition(year: int, out: Path, *, min_size: int, seed: int | None = None) -> (
    ExportReport
):
    """Write the edition's export into ``out`` (created if needed).

    Raises ``backend.findings.FindingsError`` for an unknown year before writing anything.
    ``seed`` fixes the row shuffle (tests only); by default it comes from the OS.
    """
    info = await edition_by_year(year)
    out.mkdir(parents=True, exist_ok=True)
    report = ExportReport()
    questions = [q for q in info.survey.definition.questions if q.type in CHOICE_TYPES]
    report.questions = len(questions)
    report.aggregate_rows = await _write_aggregates(info, questions, out / AGGREGATE_FILE,
                                                    min_size)
    responses_columns = await _write_responses(info, out / RESPONSES_FILE, min_size, seed,
                                               report)
    _write_dictionary(info, out, responses_columns, min_size, report)
    report.files = [AGGREGATE_FILE, RESPONSES_FILE, DICTIONARY_FILE, README_FILE]
    return report


# --------------------------------------------------------------------------- aggregates


async def _write_aggregates(info: EditionInfo, questions: list[Question], path: Path,
                            k: int) -> int:
    n = 0
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(AGGREGATE_COLUMNS))
        writer.writeheader()
        for question in questions:
            found = await question_findings(info.id, question.id, by=BREAKDOWNS, min_size=k)
            base = {"question_id": question.id, "question": question.text}
            for option, table in found.overall.items():
                for row in table.to_rows(label="answer"):
                    writer.writerow({**base, "option": option, "breakdown": "all",
                                     "group": "All respondents", **row})
                    n += 1
            for by, tables in found.breakdowns.items():
                for option, tab in tables.items():
                    for row in tab.to_long():
                        if row["col"] == "Total":
                            continue  # the answer totals: already under breakdown "all"
                        writer.writerow({**base, "option": option, "breakdown": by,
                                         "group": row["col"], "answer": row["row"],
                                         "count": row["count"], "percent": row["percent"]})
                        n += 1
    return n


# --------------------------------------------------------------------------- response level


def _hierarchies(info: EditionInfo, schools: dict[int, dict]) -> dict[str, list[dict[str, str]]]:
    """How each group is coarsened, one level at a time; past the last level it is removed."""
    survey = info.survey
    not_given = {v: _NOT_GIVEN for v in (*SPECIAL_LABELS, _NOT_ANSWERED)}
    year_q = next((q for q in survey.definition.questions if q.role == "year_group"), None)
    bands = {o.value: o.band or o.value for o in survey.definition.options_for(year_q)} if (
        year_q
    ) else {}
    home_q = next((q for q in survey.definition.questions if q.role == "home_language"), None)
    homes = [o.value for o in survey.definition.options_for(home_q)] if home_q else []
    return {
        "school": [{s["name"]: _KINDS.get(s["kind"], s["kind"]) for s in schools.values()}],
        "year_group": [{**bands, **not_given}],
        "gender": [{"girl": "girl", "boy": "boy", "non_binary": "another_gender",
                    "another": "another_gender", **not_given}],
        "send": [{"yes": "yes", "no": "no", "not_sure": "not_sure_or_not_given",
                  **dict.fromkeys(not_given, "not_sure_or_not_given")}],
        "language": [{code: ("en" if code == "en" else "other") for code in LANGUAGES}],
        "variant": [],
        "home_language": [{**dict.fromkeys(homes, "other"), "english": "english", **not_given}],
        "had_help": [],
    }


def _answer_columns(info: EditionInfo) -> list[tuple[str, Question, str | None]]:
    """(column, question, option value or None) for every choice question that is not a group."""
    cols = []
    for q in info.survey.definition.questions:
        if q.type not in CHOICE_TYPES or q.role:
            continue  # group questions are the (coarsened) quasi-identifier columns
        if q.type in MULTIPLE_TYPES:
            for value in answer_labels(info.survey, q):
                cols.append((f"{q.id}__{value}", q, value))
        else:
            cols.append((q.id, q, None))
    return cols


async def _write_responses(info: EditionInfo, path: Path, k: int, seed: int | None,
                           report: ExportReport) -> list[str]:
    school_rows = await School.select(School.id, School.name, School.kind)
    schools = {r["id"]: r for r in school_rows}
    rows = await Response.select(
        Response.id, Response.school, Response.gender, Response.send, Response.language,
        Response.variant, Response.home_language, Response.had_help, Response.is_demo,
    ).where(Response.edition == info.id)
    year_q = next((q.id for q in info.survey.definition.questions if q.role == "year_group"), "")
    years = {
        r["response"]: r["value"]
        for r in await Answer.select(Answer.response, Answer.value).where(
            (Answer.question_id == year_q) & (Answer.response.edition == info.id)
        )
    }
    records = []
    for r in rows:
        school = schools.get(r["school"], {"name": "unknown", "kind": "other"})
        records.append({
            "_response": r["id"],
            "_demo": "yes" if r["is_demo"] else "no",
            "school": school["name"],
            "year_group": years.get(r["id"], _NOT_ANSWERED),
            "gender": r["gender"] or _NOT_ANSWERED,
            "send": r["send"] or _NOT_ANSWERED,
            "language": r["language"],
            "variant": r["variant"],
            "home_language": r["home_language"] or _NOT_ANSWERED,
            "had_help": "yes" if r["had_help"] else "no",
        })
    report.responses_in = len(records)
    report.demo_responses = sum(rec["_demo"] == "yes" for rec in records)
    # Shuffle before anonymising: k_anonymise keeps its input order, and the stored order is
    # the submission order, which could be matched to a class timetable.
    (random.Random(seed) if seed is not None else random.SystemRandom()).shuffle(records)
    hierarchies = _hierarchies(info, schools)
    result = k_anonymise(records, QUASI_IDENTIFIERS, k, hierarchies)
    report.rule = result.rule
    report.responses_out = len(result.records)
    answer_cols = _answer_columns(info)
    header = ["edition", "is_demo", *QUASI_IDENTIFIERS, *(c for c, _, _ in answer_cols)]
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        chunk = 2000
        for start in range(0, len(result.records), chunk):
            part = result.records[start : start + chunk]
            ids = [rec["_response"] for rec in part]
            given: dict[int, dict[str, set[str]]] = {i: {} for i in ids}
            for a in await Answer.select(Answer.response, Answer.question_id, Answer.value).where(
                Answer.response.is_in(ids)
            ):
                given[a["response"]].setdefault(a["question_id"], set()).add(a["value"])
            for rec in part:
                answers = given[rec["_response"]]
                line = [info.year, rec["_demo"], *(rec[q] for q in QUASI_IDENTIFIERS)]
                for _, q, value in answer_cols:
                    chosen = answers.get(q.id)
                    if value is None:
                        line.append(next(iter(chosen)) if chosen else "")
                    else:
                        line.append("" if not chosen else ("1" if value in chosen else "0"))
                writer.writerow(line)
    return header


# --------------------------------------------------------------------------- dictionary


def _values_text(pairs) -> str:
    return "; ".join(f"{v} = {label}" for v, label in pairs)


def _write_dictionary(info: EditionInfo, out: Path, columns: list[str], k: int,
                      report: ExportReport) -> None:
    survey = info.survey
    rows: list[dict[str, str]] = []

    def add(file: str, column: str, description: str, values: str = "") -> None:
        rows.append({"file": file, "column": column, "description": description,
                     "values": values})

    add(AGGREGATE_FILE, "", f"Counts per answer for every choice question, overall and by group."
        f" Disclosure control: any count from 1 to {k - 1} is hidden ('{SUPPRESSED}'); a group "
        f"(school, year band...) with fewer than {k} respondents is hidden whole; more cells are "
        "hidden so that no hidden count can be worked out from totals or from the other tables "
        "(secondary suppression, checked exactly). Zeros are shown.")
    for column, text in AGGREGATE_COLUMNS.items():
        add(AGGREGATE_FILE, column, text)
    add(RESPONSES_FILE, "", f"One row per response, in random order, without ids, dates or free "
        f"text. k-anonymity rule: {report.rule}")
    add(RESPONSES_FILE, "edition", "Survey year (the only date kept).")
    add(RESPONSES_FILE, "is_demo", "yes for synthetic demonstration responses; analyse only "
        "rows with no.", "yes; no")
    qi_text = {
        "school": "School name, or its kind (secondary school, special school, alternative "
                  "provision) when coarsened.",
        "year_group": "Year group (y7-y13), or year band (y7_9, y10_11, y12_13) when coarsened.",
        "gender": "Gender as answered; another_gender joins non-binary and another way.",
        "send": "Special educational needs or disability, as the pupil answered.",
        "language": "Language the survey was answered in (en, ta, ur, pl, pt, ar); other "
                    "when coarsened.",
        "variant": "standard or easy_read version.",
        "home_language": "Main language at home; other when coarsened.",
        "had_help": "Whether an adult helped the pupil answer.",
    }
    for q in QUASI_IDENTIFIERS:
        add(RESPONSES_FILE, q, qi_text[q] + " '*' means removed to keep the group large enough; "
            f"{_NOT_GIVEN} joins rather not say, don't understand and not answered; "
            f"{_NOT_ANSWERED} means skipped.")
    for column, question, value in _answer_columns(info):
        labels = answer_labels(survey, question)
        if value is None:
            add(RESPONSES_FILE, column, f"{question.text} Empty when not answered.",
                _values_text(labels.items()))
        else:
            add(RESPONSES_FILE, column, f"{question.text} Option: {labels[value]}. 1 chosen, "
                "0 not chosen (answered the question), empty when not answered.", "1; 0")
    add(DICTIONARY_FILE, "", "This file: one row per file and per column.")
    for column, text in (("file", "The file described."),
                         ("column", "The column described; empty for the file itself."),
                         ("description", "What it holds and how it was made."),
                         ("values", "Allowed values (value = label) where they are codes.")):
        add(DICTIONARY_FILE, column, text)
    add(README_FILE, "", "How the export was made, in words.")
    missing = [c for c in columns if not any(r["file"] == RESPONSES_FILE and r["column"] == c
                                             for r in rows)]
    if missing:  # a column nobody described is a bug, not something to publish
        raise RuntimeError(f"undocumented export columns: {missing}")
    with (out / DICTIONARY_FILE).open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["file", "column", "description", "values"])
        writer.writeheader()
        writer.writerows(rows)
    demo = (
        f"This edition contains {report.demo_responses} synthetic demonstration responses "
        "(is_demo = yes in the response file; the aggregate tables include them)."
        if report.demo_responses else "This edition contains no demonstration responses."
    )
    (out / README_FILE).write_text(
        f"# {info.title}: published data\n\n"
        f"Minimum group size k = {k}. {demo}\n\n"
        f"## Files\n\n"
        f"- `{AGGREGATE_FILE}`: counts per answer for every choice question, overall and by "
        "school, year band, gender, SEND, survey language, variant and home language. Hidden "
        f"counts are `{SUPPRESSED}`.\n"
        f"- `{RESPONSES_FILE}`: {report.responses_out} of {report.responses_in} responses, "
        "anonymised (below).\n"
        f"- `{DICTIONARY_FILE}`: every file and column.\n\n"
        "## Disclosure control (aggregate tables)\n\n"
        f"A count from 1 to {k - 1} is never shown; a group with fewer than {k} respondents is "
        "hidden whole; further cells are hidden so no hidden count can be worked out from the "
        "totals, and numbers shared between tables (answer totals, group sizes, the 'not "
        "answered' cells of multiple-choice options) are hidden or shown the same way in every "
        "table. Percentages are never given for a hidden count or a hidden base.\n\n"
        "## Anonymisation (response-level file)\n\n"
        f"{report.rule}\n\n"
        "Rows are in a random order (not the order answers arrived). There are no ids, no dates "
        "(only the edition year) and no free text: written answers can identify a pupil even "
        "after names and contact details are removed, so they are reviewed inside feelsafe and "
        "only approved quotes are shared, through workshop packs.\n",
        encoding="utf-8",
    )

