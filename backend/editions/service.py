"""Open editions from validated definition files and find the current one."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from backend.editions.access_codes import CodeRefused
from backend.storage.tables import Edition
from backend.surveys import Survey, load_survey, parse_survey

__all__ = ["EditionNotOpen", "current_edition", "edition_survey", "open_edition", "survey_for"]


class EditionNotOpen(LookupError):
    """No edition is open, so there is no survey to answer."""


async def open_edition(path: str | Path, *, is_demo: bool = False) -> tuple[int, Survey]:
    """Validate ``path`` and open (or re-open) its year's edition.

    Raises DefinitionError, listing every problem, before anything is written.
    """
    survey = load_survey(path)
    definition = survey.definition
    row = await Edition.objects().get(Edition.year == survey.year)
    if row is None:
        row = Edition(
            year=survey.year,
            title=definition.edition.title,
            definition=survey.source,
            status="open",
            opened_on=dt.date.today(),
            is_demo=is_demo,
        )
        await row.save()
    else:
        await Edition.update(
            {Edition.definition: survey.source, Edition.title: definition.edition.title,
             Edition.status: "open", Edition.closed_on: None}
        ).where(Edition.id == row.id)
    return row.id, survey


async def current_edition() -> tuple[int, Survey]:
    """The open edition with the latest year."""
    row = (
        await Edition.select(Edition.id, Edition.definition)
        .where(Edition.status == "open")
        .order_by(Edition.year, ascending=False)
        .first()
    )
    if row is None:
        raise EditionNotOpen("no survey is open at the moment")
    return row["id"], survey_for(row["definition"])


async def edition_survey(edition_id: int) -> Survey:
    """One edition's frozen definition; refused as closed if the edition is not there."""
    row = await Edition.select(Edition.definition).where(Edition.id == edition_id).first()
    if row is None:
        raise CodeRefused("closed", "This survey has closed.")
    return survey_for(row["definition"])


@lru_cache(maxsize=16)
def survey_for(source: str) -> Survey:
    """Parse an edition's frozen definition once per process."""
    return parse_survey(source, "edition definition")
