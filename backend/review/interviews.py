"""Notes from interviews, focus groups and Youth Summit discussions.

Title and text are redacted on entry with the redactor pupils' answers go through, and coded
with the same codebook; the reviewer then keeps or changes the themes. Each change is audited
with the fields that changed, never their text.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from analysis.themes import code_themes
from backend.review._db import now, write_transaction
from backend.review.audit import record
from backend.review.codebook import current_codebook
from backend.review.entry import redact_entry
from backend.staff.problems import N_, FieldProblem, InputProblems
from backend.storage.tables import Edition, InterviewNote, School

__all__ = [
    "KINDS",
    "MAX_TEXT_LENGTH",
    "MAX_TITLE_LENGTH",
    "create_note",
    "get_note",
    "list_notes",
    "suggested_themes",
    "update_note",
]

KINDS = ("interview", "focus_group", "youth_summit")
MAX_TITLE_LENGTH = 200
MAX_TEXT_LENGTH = 20000
NOTE_LANGUAGE = "en"
"""Staff write their notes in English; they are coded with the English terms."""


def suggested_themes(text: str) -> list[dict[str, Any]]:
    """The codebook's themes for a note, with the terms that matched."""
    return [{"theme": m.theme, "terms": list(m.terms)}
            for m in code_themes(text, NOTE_LANGUAGE, current_codebook())]


async def _checked(year: int | None, kind: str, held_on: dt.date | None, school: str | None,
                   title: str, text: str, themes: list[str] | None,
                   prior: list[FieldProblem]) -> tuple[int, int | None]:
    """(edition id, school id) once every field is valid; otherwise every problem is raised."""
    problems = list(prior)
    prior_fields = {p.field for p in prior}
    edition = None
    if year is None:
        if "year" not in prior_fields:
            problems.append(FieldProblem("year", N_("Choose the edition the notes belong to.")))
    else:
        edition = await Edition.select(Edition.id).where(Edition.year == year).first()
        if edition is None:
            problems.append(FieldProblem("year", N_("Choose the edition the notes belong to.")))
    if kind not in KINDS:
        problems.append(FieldProblem("kind", N_("Choose whether this was an interview, a focus "
                                                "group or a Youth Summit discussion.")))
    if held_on is None and "held_on" not in prior_fields:
        problems.append(FieldProblem("held_on", N_("Enter the date it was held, like "
                                                   "2026-03-15.")))
    elif held_on is not None and held_on > dt.date.today():
        problems.append(FieldProblem("held_on", N_("The date must not be in the future.")))
    school_id = None
    if school:
        row = await School.select(School.id).where(School.code == school.upper()).first()
        if row is None:
            problems.append(FieldProblem("school", N_("Choose a school from the list, or none.")))
        else:
            school_id = row["id"]
    if not title:
        problems.append(FieldProblem("title", N_("Enter a title.")))
    elif len(title) > MAX_TITLE_LENGTH:
        problems.append(FieldProblem("title", N_("The title must be %(max)s characters or "
                                                 "fewer."), {"max": MAX_TITLE_LENGTH}))
    if not text:
        problems.append(FieldProblem("text", N_("Enter the notes.")))
    elif len(text) > MAX_TEXT_LENGTH:
        problems.append(FieldProblem("text", N_("The notes must be %(max)s characters or "
                                                "fewer."), {"max": MAX_TEXT_LENGTH}))
    if themes is not None and any(t not in current_codebook().themes for t in themes):
        problems.append(FieldProblem("themes", N_("Choose themes from the list.")))
    if problems:
        raise InputProblems(problems)
    assert edition is not None
    return edition["id"], school_id


async def create_note(staff_id: int, *, year: int | None, kind: str, held_on: dt.date | None,
                      school: str | None, title: str, text: str,
                      prior: list[FieldProblem] | None = None) -> int:
    """Redact, code and store a note; returns its id. The themes are the codebook's suggestion
    until the reviewer changes them."""
    title, text = title.strip(), text.strip()
    edition_id, school_id = await _checked(year, kind, held_on, school, title, text, None,
                                           prior or [])
    redacted_title, redacted_text = await redact_entry(title), await redact_entry(text)
    themes = [t["theme"] for t in suggested_themes(redacted_text.text)]
    pii = sorted({s.type for s in (*redacted_title.spans, *redacted_text.spans)})
    async with write_transaction(InterviewNote):
        rows = await InterviewNote.insert(InterviewNote(
            edition=edition_id, school=school_id, kind=kind, held_on=held_on,
            title=redacted_title.text, text=redacted_text.text, pii_types=pii, themes=themes,
            created_by=staff_id, created_at=now(),
        )).returning(InterviewNote.id)
        note_id = rows[0]["id"]
        await record("interview_created", staff_id,
                     {"kind": kind, "themes": themes, "redacted": pii}, interview=note_id)
    return note_id


async def update_note(note_id: int, staff_id: int, *, year: int | None, kind: str,
                      held_on: dt.date | None, school: str | None, title: str, text: str,
                      themes: list[str], prior: list[FieldProblem] | None = None) -> None:
    """Change a note: new text is redacted again; ``themes`` is the reviewer's coding."""
    if await get_note(note_id) is None:
        raise LookupError(f"there is no interview note {note_id}")
    title, text = title.strip(), text.strip()
    edition_id, school_id = await _checked(year, kind, held_on, school, title, text, themes,
                                           prior or [])
    redacted_title, redacted_text = await redact_entry(title), await redact_entry(text)
    new_themes = [t for t in current_codebook().theme_ids if t in set(themes)]
    async with write_transaction(InterviewNote):
        old = await InterviewNote.select().where(InterviewNote.id == note_id).first().output(
            load_json=True)
        if old is None:
            raise LookupError(f"there is no interview note {note_id}")
        new = {"edition": edition_id, "school": school_id, "kind": kind, "held_on": held_on,
               "title": redacted_title.text, "text": redacted_text.text, "themes": new_themes}
        changed = [field for field, value in new.items() if old[field] != value]
        if not changed:
            return
        pii = sorted({*(old["pii_types"] or []),
                      *(s.type for s in (*redacted_title.spans, *redacted_text.spans))})
        await InterviewNote.update({
            **{getattr(InterviewNote, field): value for field, value in new.items()},
            InterviewNote.pii_types: pii,
        }).where(InterviewNote.id == note_id)
        detail: dict[str, Any] = {"fields": changed}
        if "themes" in changed:
            detail.update({"from": old["themes"] or [], "to": new_themes})
        await record("interview_updated", staff_id, detail, interview=note_id)


_COLUMNS = (
    InterviewNote.id, InterviewNote.kind, InterviewNote.held_on, InterviewNote.title,
    InterviewNote.text, InterviewNote.pii_types, InterviewNote.themes, InterviewNote.created_at,
    InterviewNote.edition.year.as_alias("year"), InterviewNote.school.code.as_alias("school"),
    InterviewNote.school.name.as_alias("school_name"),
    InterviewNote.created_by.email.as_alias("created_by_email"),
)


async def list_notes(year: int | None = None) -> list[dict[str, Any]]:
    """Notes, most recently held first (all editions, or one)."""
    query = InterviewNote.select(*_COLUMNS).order_by(
        InterviewNote.held_on, ascending=False).order_by(InterviewNote.id, ascending=False)
    if year is not None:
        query = query.where(InterviewNote.edition.year == year)
    return await query.output(load_json=True)


async def get_note(note_id: int) -> dict[str, Any] | None:
    return await InterviewNote.select(*_COLUMNS).where(
        InterviewNote.id == note_id).first().output(load_json=True)
