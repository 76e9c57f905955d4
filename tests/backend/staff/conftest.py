"""Staff fixtures. Databases are copied from one migrated template per engine and session.

Migrating costs seconds (a subprocess per database); copying a migrated SQLite file or
creating a PostgreSQL database ``TEMPLATE`` the migrated one costs milliseconds, and the
tests still get a fresh database each. ``database_url`` and ``sqlite_url`` keep their
meaning (and the backend fixtures built on them) and only get faster here.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import uuid

import pytest
from litestar.testing import TestClient

from backend.app import create_app
from backend.editions.access_codes import forget_cached_codes
from backend.settings import Settings
from tests.backend.conftest import seed_school_and_codes
from tests.conftest import (
    POSTGRES_SERVER,
    REQUIRE_POSTGRES,
    TEST_SECRET,
    _create_postgres_database,
    _drop_postgres_database,
    migrate,
    postgres_reachable,
)


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("staff-template") / "template.sqlite3"
    migrate(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def _postgres_template():
    if not postgres_reachable():
        if REQUIRE_POSTGRES:
            pytest.fail(f"PostgreSQL is required but not reachable at {POSTGRES_SERVER}")
        pytest.skip("PostgreSQL is not reachable")
    name = _create_postgres_database()
    migrate(POSTGRES_SERVER.rsplit("/", 1)[0] + "/" + name)
    yield name
    _drop_postgres_database(name)


def _copy_sqlite(request, tmp_path) -> str:
    target = tmp_path / "feelsafe.sqlite3"
    shutil.copyfile(request.getfixturevalue("_sqlite_template"), target)
    return f"sqlite:///{target}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return _copy_sqlite(request, tmp_path)
    template = request.getfixturevalue("_postgres_template")
    name = f"feelsafe_test_{uuid.uuid4().hex[:12]}"
    subprocess.run(
        ["psql", POSTGRES_SERVER, "-q", "-c", f"CREATE DATABASE {name} TEMPLATE {template}"],
        check=True,
        capture_output=True,
    )
    request.addfinalizer(lambda: _drop_postgres_database(name))
    return POSTGRES_SERVER.rsplit("/", 1)[0] + "/" + name


@pytest.fixture
def sqlite_url(request, tmp_path) -> str:
    return _copy_sqlite(request, tmp_path)


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
