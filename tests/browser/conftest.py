"""A live server on a fresh demo database, and headless Chromium (never downloaded)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT, feelsafe_env, run_feelsafe

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    def __init__(self, base: str, db_path: Path, exit_url: str) -> None:
        self.base = base
        self.db_path = db_path
        self.exit_url = exit_url

    def url(self, path: str) -> str:
        return self.base + path

    def responses(self) -> int:
        """Stored responses, read straight from the database file."""
        with sqlite3.connect(self.db_path) as db:
            return db.execute("SELECT COUNT(*) FROM response").fetchone()[0]


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> LiveServer:
    tmp = tmp_path_factory.mktemp("live")
    db_path = tmp / "feelsafe.sqlite3"
    url = f"sqlite:///{db_path}"
    migrated = run_feelsafe(url, "migrate")
    assert migrated.returncode == 0, migrated.stderr
    seeded = subprocess.run([sys.executable, "-m", "tests.browser.seed"], cwd=ROOT,
                            env=feelsafe_env(url), capture_output=True, text=True, timeout=120)
    assert seeded.returncode == 0, seeded.stderr
    port = _free_port()
    # The "neutral site" of Exit this page, on another origin: tests never reach the internet.
    exit_url = f"http://localhost:{port}/healthz"
    log = (tmp / "server.log").open("w+")
    server = subprocess.Popen(
        [sys.executable, "-m", "backend.cli", "serve", "--port", str(port)],
        cwd=ROOT, env=feelsafe_env(url, FEELSAFE_EXIT_URL=exit_url), stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            if httpx.get(f"{base}/healthz", timeout=0.5).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    else:
        server.terminate()
        pytest.fail("the server did not start: " + (tmp / "server.log").read_text())
    yield LiveServer(base, db_path, exit_url)
    server.terminate()
    server.wait(timeout=10)
    log.close()


@pytest.fixture(scope="session")
def staff_emails(live_server) -> dict[str, str]:
    """One staff account per role on the live server: role -> email (tests/browser/staff.py)."""
    from tests.browser.staff import create_staff

    return create_staff(live_server)


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _new_context(browser, javascript: bool):
    context = browser.new_context(java_script_enabled=javascript, locale="en-GB")
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def no_js_page(browser):
    context = _new_context(browser, javascript=False)
    yield context.new_page()
    context.close()


@pytest.fixture
def js_page(browser):
    context = _new_context(browser, javascript=True)
    yield context.new_page()
    context.close()
