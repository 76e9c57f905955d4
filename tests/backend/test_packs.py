"""Packs from stored findings: small schools are refused; the CLI builds and caches."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from backend.packs import PackError, PackRefused, workshop_input
from tests.backend.submission_helpers import full_answers
from tests.conftest import run_feelsafe


def _submit(client, n: int) -> None:
    import uuid

    for _ in range(n):
        response = client.post("/api/v1/responses", json={
            "access_code": "OPENCODE22", "language": "en", "variant": "standard",
            "client_submission_id": str(uuid.uuid4()), "answers": full_answers()})
        assert response.status_code == 201, response.text


def test_school_below_threshold_is_refused_not_given_an_empty_pack(client, settings):
    _submit(client, 3)
    with pytest.raises(PackRefused, match="fewer than 10 responses"):
        asyncio.run(workshop_input(2026, "general_safety", "TST", settings))
    with pytest.raises(PackError, match="no school"):
        asyncio.run(workshop_input(2026, "general_safety", "NOPE", settings))
    with pytest.raises(PackError, match="no counted questions"):
        asyncio.run(workshop_input(2026, "not_a_theme", None, settings))


def test_cli_builds_caches_and_refuses(sqlite_url, tmp_path):
    cache = str(tmp_path / "cache")
    assert run_feelsafe(sqlite_url, "demo").returncode == 0
    out = tmp_path / "pack.pdf"
    args = ("pack", "workshop", "--year", "2026", "--theme", "knife_crime", "--out", str(out))
    first = run_feelsafe(sqlite_url, *args, FEELSAFE_CACHE_DIR=cache)
    assert first.returncode == 0, first.stderr
    assert "findings: knife_worry" in first.stderr  # progress
    assert out.read_bytes().startswith(b"%PDF") and out.with_suffix(".pptx").is_file()
    again = run_feelsafe(sqlite_url, *args, FEELSAFE_CACHE_DIR=cache)
    assert again.returncode == 0 and "from the cache" in again.stdout
    with sqlite3.connect(sqlite_url.removeprefix("sqlite:///")) as db:
        db.execute("INSERT INTO school (code, name, kind, roll, is_demo) "
                   "VALUES ('TINY', 'Tiny School', 'special', 8, 1)")
    refused = run_feelsafe(sqlite_url, *args[:-2], "--school", "TINY", "--out",
                           str(tmp_path / "tiny.pdf"), FEELSAFE_CACHE_DIR=cache)
    assert refused.returncode == 1
    assert "Refused: Tiny School has fewer than 10 responses" in refused.stderr
    assert not (tmp_path / "tiny.pdf").exists()
