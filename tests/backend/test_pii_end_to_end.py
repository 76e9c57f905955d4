"""Free text full of personal details goes through the real server; none of it is kept.

A real ``feelsafe serve`` process takes the submission over HTTP;
then the whole database (the SQLite file and its WAL, or a dump of every PostgreSQL table) and
the server's log are searched for each detail the redactor catches: zero hits.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from analysis.redaction import redact
from tests.backend.submission_helpers import submission
from tests.backend.test_privacy_of_storage_and_logs import free_port
from tests.conftest import ROOT, feelsafe_env, run_feelsafe

TEXTS = {
    "what_makes_unsafe": (
        "my name is Jessica Okonkwo and Tyler Whitfield from year 9 keeps following me, "
        "ring me on 07700 900461 or my mum on +44 20 7946 0958"
    ),
    "safer_ideas": (
        "email me at jess.okonkwo2011@gmail.com or jessica_k@outlook.co.uk, i live at "
        "14 Rosehill Avenue SM1 3HX near the park, my snap is jess_ok2011"
    ),
    "anything_else": (
        "look at https://tiktok.com/@jessok2011 and www.jessica-okonkwo.co.uk, insta "
        "@tyler_whit09, Mr Patel at Northgate High School said to call 020 8770 1234"
    ),
}
PII = {
    "PHONE": ["07700 900461", "+44 20 7946 0958", "020 8770 1234"],
    "EMAIL": ["jess.okonkwo2011@gmail.com", "jessica_k@outlook.co.uk"],
    "POSTCODE": ["SM1 3HX"],
    "URL": ["https://tiktok.com/@jessok2011", "www.jessica-okonkwo.co.uk"],
    "HANDLE": ["jess_ok2011", "@tyler_whit09"],
    "PERSON": ["Jessica Okonkwo", "Tyler Whitfield", "Okonkwo", "Whitfield", "Mr Patel"],
    "ADDRESS": ["14 Rosehill Avenue"],
    "SCHOOL": ["Northgate High School"],
}
STRUCTURED = ("PHONE", "EMAIL", "POSTCODE", "URL", "HANDLE")
CODE = "PIICODE234"
SEED = f"""
import asyncio, datetime as dt
from backend.editions import open_edition
from backend.settings import get_settings
from backend.storage.engine import bind_tables, engine_for
from backend.storage.tables import AccessCode, School
from survey_definitions import definition_path

async def main():
    bind_tables(engine_for(get_settings().database_url))
    edition_id, _ = await open_edition(definition_path(2026))
    school = School(code="HILL", name="Hillcrest Academy", kind="secondary", roll=900)
    await school.save()
    today = dt.date.today()
    await AccessCode(code="{CODE}", school=school.id, edition=edition_id,
                     opens_on=today - dt.timedelta(days=1),
                     closes_on=today + dt.timedelta(days=1)).save()

asyncio.run(main())
"""


def caught() -> list[str]:
    """The details the redactor removes from these texts (in this process): the ones that must
    not be stored. Structured details must all be among them."""
    redacted = " ".join(redact(t, schools=("Hillcrest Academy",)).text for t in TEXTS.values())
    needles = []
    for kind, values in PII.items():
        for value in values:
            assert any(value in t for t in TEXTS.values()), value
            if value not in redacted:
                needles.append(value)
            else:
                assert kind not in STRUCTURED, f"the redactor missed {kind} {value!r}"
    return needles


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def served(request, tmp_path):
    from tests.conftest import new_database

    url = new_database(request.param, tmp_path, request)
    seeded = subprocess.run([sys.executable, "-c", SEED], cwd=ROOT, env=feelsafe_env(url),
                            capture_output=True, text=True, timeout=120)
    assert seeded.returncode == 0, seeded.stderr
    port = free_port()
    log_path = tmp_path / "server.log"
    log = log_path.open("w+")
    server = subprocess.Popen(
        # The analysis worker is run explicitly below, so the test does not wait on a
        # low-priority process on a busy machine.
        [sys.executable, "-m", "backend.cli", "serve", "--port", str(port),
         "--no-analysis-worker"],
        cwd=ROOT, env=feelsafe_env(url), stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            httpx.get(f"{base}/healthz", timeout=0.5)
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    yield base, url, log_path
    server.terminate()
    server.wait(timeout=10)
    log.close()


def stored_bytes(url: str, tmp_path: Path) -> bytes:
    if url.startswith("sqlite:///"):
        db = url.removeprefix("sqlite:///")
        return b"".join(Path(p).read_bytes() for p in (db, db + "-wal") if Path(p).exists())
    dump = subprocess.run(["pg_dump", "--data-only", url], capture_output=True, check=True)
    return dump.stdout


def stored_texts(url: str) -> list[str]:
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            return [r[0] for r in db.execute("SELECT text FROM free_text")]
    out = subprocess.run(["psql", url, "-At", "-c", "SELECT text FROM free_text"],
                         capture_output=True, text=True, check=True)
    return out.stdout.splitlines()


def analysed(url: str) -> int:
    query = "SELECT count(*) FROM text_analysis"
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            return db.execute(query).fetchone()[0]
    out = subprocess.run(["psql", url, "-At", "-c", query], capture_output=True, text=True,
                         check=True)
    return int(out.stdout.strip())


def test_pii_in_free_text_never_reaches_the_database_or_the_logs(served, tmp_path):
    base, url, log_path = served
    needles = caught()
    body = submission(CODE)
    body["answers"].update(TEXTS)
    with httpx.Client(base_url=base) as http:
        assert http.post("/api/v1/responses", json=body).status_code == 201
        bad = submission(CODE)
        bad["answers"].update(TEXTS)
        bad["answers"]["safe_at_school"] = "not a value"  # refused: its text is not stored
        assert http.post("/api/v1/responses", json=bad).status_code == 400
    texts = stored_texts(url)
    assert len(texts) == 3
    assert any("[PHONE]" in t for t in texts) and any("[EMAIL]" in t for t in texts)
    done = run_feelsafe(url, "analyse")  # what the worker does: themes, concern, sentiment
    assert done.returncode == 0, done.stderr
    assert analysed(url) == 3
    stored = stored_bytes(url, tmp_path)
    log_text = log_path.read_bytes()
    assert b"/api/v1/responses" in log_text
    for needle in needles:
        for variant in {needle, needle.lower(), needle.replace(" ", "")}:
            assert variant.encode() not in stored, f"{needle!r} is in the database"
            assert variant.encode() not in log_text, f"{needle!r} is in the server log"
