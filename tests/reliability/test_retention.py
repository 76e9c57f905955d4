"""``feelsafe retention`` deletes old editions with everything about them, and nothing else."""

from __future__ import annotations

import asyncio
import datetime as dt

from analysis.codebook import load_codebook
from backend.editions import open_edition
from backend.storage.tables import AccessCode, Edition
from backend.text_analysis import runner
from survey_definitions import definition_path
from tests.backend.submission_helpers import submission
from tests.conftest import run_feelsafe
from tests.reliability.db_checks import integrity, row_counts


def _old_edition(tmp_path, school_id: int) -> int:
    """A 2019 edition, opened in March 2019, with a code that still works today."""
    source = definition_path(2026).read_text().replace("year = 2026", "year = 2019", 1)
    path = tmp_path / "2019-feeling-safe.toml"
    path.write_text(source)

    async def make() -> int:
        edition_id, _ = await open_edition(path)
        await Edition.update({Edition.opened_on: dt.date(2019, 3, 1)}).where(
            Edition.id == edition_id
        )
        today = dt.date.today()
        await AccessCode(
            code="OLDCODE222", school=school_id, edition=edition_id,
            opens_on=today - dt.timedelta(days=1), closes_on=today + dt.timedelta(days=1),
        ).save()
        return edition_id

    return asyncio.run(make())


def test_retention_deletes_old_editions_whole_and_keeps_recent(client, app, database_url, tmp_path):
    old_id = _old_edition(tmp_path, app.state.seeded["school"])
    for _ in range(3):
        assert client.post("/api/v1/responses", json=submission("OLDCODE222")).status_code == 201
    for _ in range(2):
        assert client.post("/api/v1/responses", json=submission("OPENCODE22")).status_code == 201
    asyncio.run(runner.analyse_pending(load_codebook(), limit=1000))
    before = row_counts(database_url)
    whole_before = integrity(database_url)["children"]
    assert len(whole_before) == 5

    dry = run_feelsafe(database_url, "retention", "--older-than-years", "5", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "would delete edition 2019" in dry.stdout
    assert row_counts(database_url) == before

    done = run_feelsafe(database_url, "retention", "--older-than-years", "5")
    assert done.returncode == 0, done.stderr
    assert "Deleted edition(s) 2019" in done.stdout

    async def leftovers() -> dict:
        from backend.storage.tables import Response, TextAnalysis

        return {
            "edition": await Edition.count().where(Edition.id == old_id),
            "codes": await AccessCode.count().where(AccessCode.edition == old_id),
            "responses": await Response.count().where(Response.edition == old_id),
            "analysis": await TextAnalysis.count(),
        }

    left = asyncio.run(leftovers())
    assert left["edition"] == left["codes"] == left["responses"] == 0
    after = row_counts(database_url)
    assert after["response"] == 2
    assert after["edition"] == before["edition"] - 1
    assert after["answer"] == before["answer"] * 2 // 5
    assert after["free_text"] == before["free_text"] * 2 // 5
    assert left["analysis"] == after["free_text"]  # the 2026 analysis is kept, the 2019 gone
    report = integrity(database_url)
    assert report["orphan_answers"] == report["orphan_texts"] == 0
    assert set(report["children"]) < set(whole_before)


def test_retention_needs_a_period(sqlite_url):
    done = run_feelsafe(sqlite_url, "retention")
    assert done.returncode != 0
    assert "--older-than-years" in done.stderr
    assert "Traceback" not in done.stderr


def test_retention_uses_the_setting(sqlite_url):
    done = run_feelsafe(sqlite_url, "retention", FEELSAFE_RETENTION_YEARS="3")
    assert done.returncode == 0, done.stderr
    assert "nothing deleted" in done.stdout
