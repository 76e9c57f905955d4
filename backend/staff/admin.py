"""What a partnership admin does: editions, schools, class access codes, response rates.

Pages and the JSON API both call these functions, so the two cannot drift.
Inputs arrive typed; every problem is reported per field and nothing is
written unless everything is right.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from piccolo.query.functions.aggregate import Count

from analysis.disclosure import suppress_counts
from backend.editions import open_edition
from backend.editions.access_codes import forget_cached_codes, generate_code
from backend.staff.problems import N_, FieldProblem, InputProblems
from backend.storage.tables import AccessCode, Edition, Response, School

__all__ = [
    "DEFINITION_GLOB",
    "MAX_CODES_PER_ISSUE",
    "SCHOOL_KINDS",
    "close_edition",
    "code_status",
    "definition_files",
    "get_school",
    "issue_codes",
    "list_codes",
    "list_editions",
    "list_schools",
    "open_edition_file",
    "parse_labels",
    "register_school",
    "response_rates",
]

DEFINITION_GLOB = "[0-9][0-9][0-9][0-9]-*.toml"
"""Edition definitions are named by year (``2026-feeling-safe.toml``); the codebook is not one."""
SCHOOL_KINDS = ("secondary", "special", "alternative", "other")
MAX_CODES_PER_ISSUE = 200
MAX_ROLL = 20000
_SCHOOL_CODE = re.compile(r"^[A-Z0-9]{2,16}$")
_WHY = {"primary": "small", "secondary": "protect"}
"""Why a count is hidden, in the API's words: too small itself, or hidden to protect one."""


# --------------------------------------------------------------------------- editions


def definition_files(directory: Path) -> list[str]:
    """Names of the edition definition files an admin may open, newest year first."""
    return sorted((p.name for p in Path(directory).glob(DEFINITION_GLOB)), reverse=True)


async def open_edition_file(directory: Path, name: str) -> dict:
    """Validate and open one file from ``directory``; DefinitionError lists each problem."""
    if name not in definition_files(directory):
        raise InputProblems(
            [FieldProblem("file", N_("Choose one of the definition files listed."))]
        )
    _, survey = await open_edition(Path(directory) / name)
    forget_cached_codes()
    return await _edition(survey.year)


async def list_editions() -> list[dict]:
    rows = await Edition.select(
        Edition.id, Edition.year, Edition.title, Edition.status, Edition.opened_on,
        Edition.closed_on, Edition.is_demo,
    ).order_by(Edition.year, ascending=False)
    return [_edition_row(r) for r in rows]


async def _edition(year: int) -> dict:
    row = await Edition.select(
        Edition.id, Edition.year, Edition.title, Edition.status, Edition.opened_on,
        Edition.closed_on, Edition.is_demo,
    ).where(Edition.year == year).first()
    if row is None:
        raise LookupError(year)
    return _edition_row(row)


def _edition_row(row: dict) -> dict:
    return {**row, "is_demo": bool(row["is_demo"]), "opened_on": _date(row["opened_on"]),
            "closed_on": _date(row["closed_on"]) if row["closed_on"] else None}


async def close_edition(year: int, today: dt.date | None = None) -> dict:
    """Close an edition: its codes stop working (in other workers within the code cache's 30 s)."""
    if not await Edition.exists().where(Edition.year == year):
        raise LookupError(year)
    await Edition.update(
        {Edition.status: "closed", Edition.closed_on: today or dt.date.today()}
    ).where(Edition.year == year)
    forget_cached_codes()
    return await _edition(year)


# --------------------------------------------------------------------------- schools


async def list_schools() -> list[dict]:
    rows = await School.select(
        School.id, School.code, School.name, School.kind, School.roll, School.is_demo
    ).order_by(School.name)
    for row in rows:
        row["is_demo"] = bool(row["is_demo"])
    return rows


async def get_school(code: str) -> dict | None:
    return await School.select(
        School.id, School.code, School.name, School.kind, School.roll
    ).where(School.code == code.strip().upper()).first()


def _raise_if_any(problems: list[FieldProblem], prior: list[FieldProblem]) -> None:
    """Raise with the form's own problems (unreadable input) first, one per field."""
    fields = {p.field for p in prior}
    merged = list(prior) + [p for p in problems if p.field not in fields]
    if merged:
        raise InputProblems(merged)


async def register_school(
    code: str, name: str, kind: str, roll: int | None, prior: list[FieldProblem] | None = None
) -> dict:
    """Register a school. ``prior`` holds problems found reading the form, reported together."""
    code = code.strip().upper()
    name = " ".join(name.split())
    problems: list[FieldProblem] = []
    if not _SCHOOL_CODE.match(code):
        problems.append(FieldProblem(
            "code", N_("School code must be 2 to 16 letters or digits, like GRNH.")
        ))
    elif await School.exists().where(School.code == code):
        problems.append(FieldProblem("code", N_("There is already a school with this code.")))
    if not name:
        problems.append(FieldProblem("name", N_("Enter the school's name.")))
    elif len(name) > 200:
        problems.append(FieldProblem("name", N_("The name must be at most 200 characters.")))
    if kind not in SCHOOL_KINDS:
        problems.append(FieldProblem("kind", N_("Choose the kind of school.")))
    if roll is None or not 0 <= roll <= MAX_ROLL:
        problems.append(FieldProblem(
            "roll", N_("Enter the number of pupils on roll, a whole number from 0 to %(max)s."),
            {"max": MAX_ROLL},
        ))
    _raise_if_any(problems, prior or [])
    school = School(code=code, name=name, kind=kind, roll=roll)
    await school.save()
    return {"id": school.id, "code": code, "name": name, "kind": kind, "roll": roll,
            "is_demo": False}


# --------------------------------------------------------------------------- access codes


def parse_labels(text: str) -> list[str]:
    """Class labels typed one per line or separated by commas: "9X, 9Y" or "9X\\n9Y"."""
    return [part.strip() for part in re.split(r"[,\n;]+", text) if part.strip()]


async def issue_codes(
    school_code: str,
    year: int | None,
    labels: list[str],
    opens_on: dt.date | None,
    closes_on: dt.date | None,
    max_uses: int | None,
    shared_device: bool,
    prior: list[FieldProblem] | None = None,
) -> list[dict]:
    """Issue one new access code per class label, all at once or none.

    ``prior`` holds problems found reading the form, reported together with these.
    """
    school = await get_school(school_code)
    if school is None:
        raise LookupError(school_code)
    problems: list[FieldProblem] = []
    edition = None
    if year is None:
        problems.append(FieldProblem("edition", N_("Choose the edition the codes are for.")))
    else:
        edition = await Edition.select(Edition.id, Edition.status).where(
            Edition.year == year
        ).first()
        if edition is None or edition["status"] != "open":
            problems.append(FieldProblem("edition", N_("Choose an open edition.")))
    if not labels:
        problems.append(FieldProblem("labels", N_("Enter at least one class label, like 9X.")))
    elif len(labels) > MAX_CODES_PER_ISSUE:
        problems.append(FieldProblem(
            "labels", N_("Issue at most %(max)s codes at a time."), {"max": MAX_CODES_PER_ISSUE}
        ))
    elif too_long := [label for label in labels if len(label) > 64]:
        problems.append(FieldProblem(
            "labels", N_("Class labels must be at most 64 characters: %(label)s."),
            {"label": too_long[0][:64]},
        ))
    elif len({label.casefold() for label in labels}) != len(labels):
        problems.append(FieldProblem("labels", N_("Each class label must appear only once.")))
    if opens_on is None:
        problems.append(FieldProblem("opens_on", N_("Enter the date the codes open.")))
    if closes_on is None:
        problems.append(FieldProblem("closes_on", N_("Enter the date the codes close.")))
    elif opens_on is not None and closes_on < opens_on:
        problems.append(FieldProblem(
            "closes_on", N_("The closing date must be on or after the opening date.")
        ))
    if max_uses is not None and not 1 <= max_uses <= 10000:
        problems.append(FieldProblem(
            "max_uses", N_("The use limit must be a whole number from 1 to 10000, or empty.")
        ))
    _raise_if_any(problems, prior or [])
    assert edition is not None and opens_on is not None and closes_on is not None
    rows = [
        AccessCode(
            code=generate_code(),
            school=school["id"],
            edition=edition["id"],
            label=label,
            opens_on=opens_on,
            closes_on=closes_on,
            max_uses=max_uses,
            shared_device=shared_device,
        )
        for label in labels
    ]
    # One INSERT: all the codes or none. A clash among 32**10 codes is not worth a retry loop.
    await AccessCode.insert(*rows)
    return await list_codes(school["code"], year=year, codes=[r.code for r in rows])


async def list_codes(
    school_code: str,
    *,
    year: int | None = None,
    codes: list[str] | None = None,
    today: dt.date | None = None,
) -> list[dict]:
    query = AccessCode.select(
        AccessCode.code, AccessCode.label, AccessCode.opens_on, AccessCode.closes_on,
        AccessCode.max_uses, AccessCode.uses, AccessCode.shared_device,
        AccessCode.edition.year.as_alias("year"),
        AccessCode.edition.status.as_alias("edition_status"),
    ).where(AccessCode.school.code == school_code.strip().upper())
    if year is not None:
        query = query.where(AccessCode.edition.year == year)
    if codes is not None:
        query = query.where(AccessCode.code.is_in(codes or [""]))
    rows = await query.order_by(AccessCode.edition.year, ascending=False).order_by(
        AccessCode.label
    ).order_by(AccessCode.id)
    today = today or dt.date.today()
    for row in rows:
        row["opens_on"] = _date(row["opens_on"])
        row["closes_on"] = _date(row["closes_on"])
        row["shared_device"] = bool(row["shared_device"])
        row["status"] = code_status(row, today)
    return rows


def code_status(row: dict, today: dt.date) -> str:
    """open, not_open_yet, closed or used_up: what a pupil typing the code would meet."""
    if row["edition_status"] != "open" or today > row["closes_on"]:
        return "closed"
    if today < row["opens_on"]:
        return "not_open_yet"
    if row["max_uses"] is not None and row["uses"] >= row["max_uses"]:
        return "used_up"
    return "open"


# --------------------------------------------------------------------------- response rates


async def response_rates(year: int, min_size: int) -> dict:
    """Responses per school against its roll, for one edition, through disclosure control.

    The counts form a one-way table (schools partition the edition's responses), so they go
    through ``analysis.disclosure.suppress_counts`` like every other published count.
    """
    edition = await Edition.select(Edition.id).where(Edition.year == year).first()
    if edition is None:
        raise LookupError(year)
    grouped = await Response.select(Response.school, Count(Response.id, alias="n")).where(
        Response.edition == edition["id"]
    ).group_by(Response.school)
    by_school = {row["school"]: row["n"] for row in grouped}
    schools = await list_schools()
    # Schools that took no part this edition are listed too (with 0), since a zero is safe.
    counts = {s["code"]: by_school.get(s["id"], 0) for s in schools}
    table = suppress_counts(counts, min_size)
    total = table.total.count
    rows = []
    for school in schools:
        cell = table.cells[school["code"]]
        why = _WHY.get(cell.reason) if cell.suppressed else None
        n = cell.count
        rows.append({
            "code": school["code"],
            "name": school["name"],
            "roll": school["roll"],
            "responses": n,
            "suppressed": why,
            "rate_percent": round(100 * n / school["roll"], 1)
            if n is not None and school["roll"] > 0 else None,
        })
    roll_total = sum(s["roll"] for s in schools)
    return {
        "year": year,
        "min_group_size": min_size,
        "schools": rows,
        "total_responses": total,
        "total_roll": roll_total,
        "total_rate_percent": round(100 * total / roll_total, 1)
        if total is not None and roll_total > 0 else None,
    }


def _date(value: dt.date | str) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
