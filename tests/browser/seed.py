"""A lean seed for the browser tests: the 2026 edition and the shared-device code DEMO26.

``feelsafe demo`` also writes 700 synthetic responses, which the browser tests
do not need and which take several seconds to write.
"""

from __future__ import annotations

import asyncio
import datetime as dt

from backend.editions import open_edition
from backend.settings import get_settings
from backend.storage.engine import bind_tables, engine_for
from backend.storage.tables import AccessCode, School
from survey_definitions import definition_path


async def seed() -> None:
    bind_tables(engine_for(get_settings().database_url))
    edition_id, _ = await open_edition(definition_path(2026), is_demo=True)
    school = School(code="DEMO", name="Demo Academy", kind="secondary", roll=900, is_demo=True)
    await school.save()
    today = dt.date.today()
    await AccessCode(
        code="DEMO26", school=school.id, edition=edition_id, label="Demo class",
        opens_on=today - dt.timedelta(days=1), closes_on=today + dt.timedelta(days=30),
        shared_device=True, is_demo=True,
    ).save()
    # A one-pupil-per-device code: the thank-you page stays open in every language.
    await AccessCode(
        code="AXE26", school=school.id, edition=edition_id, label="Accessibility checks",
        opens_on=today - dt.timedelta(days=1), closes_on=today + dt.timedelta(days=30),
        shared_device=False, is_demo=True,
    ).save()


if __name__ == "__main__":
    asyncio.run(seed())
