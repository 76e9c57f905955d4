"""Staff fixtures: an app on SQLite only, for checks where the engine makes no difference."""

from __future__ import annotations

import asyncio

import pytest
from litestar.testing import TestClient

from backend.app import create_app
from backend.editions.access_codes import forget_cached_codes
from backend.settings import Settings
from tests.backend.conftest import seed_school_and_codes
from tests.conftest import TEST_SECRET


@pytest.fixture
def sqlite_app(sqlite_url: str):
    forget_cached_codes()
    settings = Settings.from_env({"DATABASE_URL": sqlite_url, "FEELSAFE_SECRET_KEY": TEST_SECRET})
    application = create_app(settings)
    application.state.seeded = asyncio.run(seed_school_and_codes())
    return application


@pytest.fixture
def sqlite_client(sqlite_app):
    with TestClient(sqlite_app) as test_client:
        yield test_client


@pytest.fixture
def bare_app(tmp_path):
    """An app that is never asked anything (no database needed): for route listings."""
    settings = Settings.from_env({
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        "FEELSAFE_SECRET_KEY": TEST_SECRET,
    })
    return create_app(settings)
