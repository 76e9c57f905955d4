"""Fixtures for backend tests: an app over a real database, seeded with codes."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from litestar.testing import TestClient

from backend.app import create_app
from backend.editions import open_edition
from backend.editions.access_codes import forget_cached_codes
from backend.settings import Settings
from backend.storage.tables import AccessCode, School
from survey_definitions import definition_path
from tests.conftest import TEST_SECRET

CODES = {
    "OPENCODE22": {},
    "LIMITED222": {"max_uses": 2},
    "CLOSEDCODE": {"closes_on": -1},
    "FUTURECODE": {"opens_on": 1},
}


async def seed_school_and_codes() -> dict[str, int]:
    edition_id, _ = await open_edition(definition_path(2026))
    school = School(code="TST", name="Hillcrest Academy", kind="secondary", roll=900)
    await school.save()
    other = School(code="OTH", name="Other Park School", kind="special", roll=80)
    await other.save()
    today = dt.date.today()
    for code, spec in CODES.items():
        await AccessCode(
            code=code,
            school=school.id,
            edition=edition_id,
            opens_on=today + dt.timedelta(days=spec.get("opens_on", -30)),
            closes_on=today + dt.timedelta(days=spec.get("closes_on", 30)),
            max_uses=spec.get("max_uses"),
        ).save()
    return {"edition": edition_id, "school": school.id, "other_school": other.id}


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings.from_env({"DATABASE_URL": database_url, "FEELSAFE_SECRET_KEY": TEST_SECRET})


@pytest.fixture
def app(settings: Settings):
    forget_cached_codes()
    application = create_app(settings)
    application.state.seeded = asyncio.run(seed_school_and_codes())
    return application


@pytest.fixture
def client(app):
    with TestClient(app) as test_client:
        yield test_client
