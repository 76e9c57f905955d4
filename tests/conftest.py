"""Shared fixtures: real databases (an SQLite file, and PostgreSQL when reachable)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_SERVER = os.environ.get("FEELSAFE_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432/test")
REQUIRE_POSTGRES = os.environ.get("FEELSAFE_REQUIRE_POSTGRES") == "1"
TEST_SECRET = "ab" * 32


def postgres_reachable() -> bool:
    host_port = POSTGRES_SERVER.split("@")[-1].split("/")[0]
    host, _, port = host_port.partition(":")
    try:
        with socket.create_connection((host, int(port or 5432)), timeout=1):
            return True
    except OSError:
        return False


def feelsafe_env(database_url: str, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        FEELSAFE_SECRET_KEY=TEST_SECRET,
        PICCOLO_CONF="backend.piccolo_conf",
        PYTHONPATH=str(ROOT),
        **extra,
    )
    return env


def run_feelsafe(database_url: str, *args: str, input: str | None = None, **extra: str):
    return subprocess.run(
        [sys.executable, "-m", "backend.cli", *args],
        cwd=ROOT,
        env=feelsafe_env(database_url, **extra),
        capture_output=True,
        text=True,
        input=input,
        timeout=300,
    )


def migrate(database_url: str) -> None:
    done = run_feelsafe(database_url, "migrate")
    assert done.returncode == 0, done.stderr


def _create_postgres_database(template: str | None = None) -> str:
    import asyncpg  # noqa: F401  (the driver must be installed)

    name = f"feelsafe_test_{uuid.uuid4().hex[:12]}"
    from_template = f" TEMPLATE {template}" if template else ""
    command = ["psql", POSTGRES_SERVER, "-q", "-c", f"CREATE DATABASE {name}{from_template}"]
    for _ in range(50):
        done = subprocess.run(command, capture_output=True, text=True)
        # Another session may hold the template for a moment (autovacuum), or the server may
        # be at its connection limit while other tests' pools close: try again shortly.
        if done.returncode == 0 or not any(
                m in done.stderr for m in ("being accessed by other users", "too many clients")):
            break
        time.sleep(0.1)
    done.check_returncode()
    return name


def _drop_postgres_database(name: str) -> None:
    subprocess.run(
        ["psql", POSTGRES_SERVER, "-q", "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"],
        capture_output=True,
    )


_templates: dict[str, str] = {}


def _migrated_template(kind: str, request: pytest.FixtureRequest) -> str:
    """Migrate once per test session; each test then gets a copy (a file copy, or
    ``CREATE DATABASE ... TEMPLATE`` on PostgreSQL), which is far quicker than migrating."""
    if kind not in _templates:
        if kind == "sqlite":
            folder = request.config._tmp_path_factory.mktemp("template")  # type: ignore[attr-defined]
            url = f"sqlite:///{folder / 'template.sqlite3'}"
            migrate(url)
            _templates[kind] = url
        else:
            name = _create_postgres_database()
            request.session.config.add_cleanup(lambda: _drop_postgres_database(name))
            migrate(POSTGRES_SERVER.rsplit("/", 1)[0] + "/" + name)
            _templates[kind] = name
    return _templates[kind]


def new_database(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A new, migrated database of ``kind`` that lives for one test (or module)."""
    if kind == "sqlite":
        template = Path(_migrated_template(kind, request).removeprefix("sqlite:///"))
        path = tmp_path / "feelsafe.sqlite3"
        shutil.copyfile(template, path)
        return f"sqlite:///{path}"
    if not postgres_reachable():
        if REQUIRE_POSTGRES:
            pytest.fail(f"PostgreSQL is required but not reachable at {POSTGRES_SERVER}")
        pytest.skip("PostgreSQL is not reachable")
    template = _migrated_template(kind, request)
    name = _create_postgres_database(template)
    request.addfinalizer(lambda: _drop_postgres_database(name))
    return POSTGRES_SERVER.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each database test runs on an SQLite file and on PostgreSQL."""
    return new_database(request.param, tmp_path, request)


@pytest.fixture
def sqlite_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return new_database("sqlite", tmp_path, request)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Browser tests run last: Playwright's sync API keeps an event loop running in the main
    thread until the session ends, and tests after it must be free to call asyncio.run()."""
    items.sort(key=lambda item: "tests/browser/" in item.nodeid or "browser" in item.keywords)


@pytest.fixture(scope="session", autouse=True)
def pack_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built packs, letters and toolkits go to a temporary cache, never into the work tree
    (the CLI and the browser tests' server inherit it through the environment)."""
    if not os.environ.get("FEELSAFE_CACHE_DIR"):
        os.environ["FEELSAFE_CACHE_DIR"] = str(tmp_path_factory.mktemp("pack-cache"))
    return Path(os.environ["FEELSAFE_CACHE_DIR"])
