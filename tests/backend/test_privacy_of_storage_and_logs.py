"""No stored row or log line holds a pupil's IP address or user agent."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.backend.submission_helpers import submission
from tests.conftest import ROOT, feelsafe_env, run_feelsafe

USER_AGENT = "PupilTablet/7.3 (unique-agent-marker-9f3a)"
FORWARDED_IP = "203.0.113.77"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(sqlite_url, tmp_path):
    seeded = run_feelsafe(sqlite_url, "demo")
    assert seeded.returncode == 0, seeded.stderr
    port = free_port()
    log = (tmp_path / "server.log").open("w+")
    server = subprocess.Popen(
        [sys.executable, "-m", "backend.cli", "serve", "--port", str(port)],
        cwd=ROOT,
        env=feelsafe_env(sqlite_url),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.get(f"{base}/healthz", timeout=0.5)
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    yield base, sqlite_url, tmp_path / "server.log"
    server.terminate()
    server.wait(timeout=10)
    log.close()


def test_no_ip_or_user_agent_in_database_or_logs(served):
    base, url, log_path = served
    headers = {"User-Agent": USER_AGENT, "X-Forwarded-For": FORWARDED_IP}
    with httpx.Client(base_url=base, headers=headers) as http:
        assert http.post("/api/v1/responses", json=submission("DEMO26")).status_code == 201
        assert http.get("/api/v1/surveys/current").status_code == 200
        assert http.post("/api/v1/responses", json=submission("NOSUCHCODE")).status_code == 400
    time.sleep(0.5)
    log_text = log_path.read_text()
    access_lines = [line for line in log_text.splitlines() if "/api/v1/" in line]
    assert len(access_lines) >= 3, log_text
    for line in access_lines:
        assert "127.0.0.1" not in line
    for needle in (USER_AGENT, "unique-agent-marker", FORWARDED_IP):
        assert needle not in log_text
    db_path = url.removeprefix("sqlite:///")
    stored = b"".join(
        Path(path).read_bytes() for path in (db_path, db_path + "-wal") if Path(path).exists()
    )
    for needle in (USER_AGENT, "unique-agent-marker", FORWARDED_IP, "127.0.0.1", "testclient"):
        assert needle.encode() not in stored
