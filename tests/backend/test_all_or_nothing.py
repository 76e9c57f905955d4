"""A submission is stored whole or not at all, even when the database fails midway."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from backend.storage.tables import Answer, FreeText, Response
from tests.backend.submission_helpers import full_answers, submission

SQLITE_TRIGGER = """
CREATE TRIGGER fail_on_anything_else BEFORE INSERT ON free_text
WHEN NEW.question_id = 'anything_else'
BEGIN SELECT RAISE(ABORT, 'injected failure'); END
"""
POSTGRES_FUNCTION = """
CREATE FUNCTION fail_on_anything_else() RETURNS trigger AS $$
BEGIN
  IF NEW.question_id = 'anything_else' THEN RAISE EXCEPTION 'injected failure'; END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql
"""
POSTGRES_TRIGGER = """
CREATE TRIGGER fail_on_anything_else BEFORE INSERT ON free_text
FOR EACH ROW EXECUTE FUNCTION fail_on_anything_else()
"""


def inject_failure(settings) -> None:
    """Make the database refuse the last rows of a submission: the free text."""

    async def install() -> None:
        if settings.is_postgres:
            await Response.raw(POSTGRES_FUNCTION)
            await Response.raw(POSTGRES_TRIGGER)
        else:
            await Response.raw(SQLITE_TRIGGER)

    asyncio.run(install())


def totals() -> tuple[int, int, int]:
    async def run():
        return (await Response.count(), await Answer.count(), await FreeText.count())

    return asyncio.run(run())


def test_failure_midway_leaves_nothing(settings, client):
    inject_failure(settings)
    reply = client.post("/api/v1/responses", json=submission())
    assert reply.status_code == 500
    assert "Traceback" not in reply.text
    assert totals() == (0, 0, 0)


def test_one_failing_submission_does_not_sink_its_batch(settings, client):
    inject_failure(settings)
    good = []
    for _ in range(7):
        answers = full_answers()
        del answers["anything_else"]
        good.append(submission(answers=answers))
    bodies = [submission(), *good]
    with ThreadPoolExecutor(max_workers=8) as pool:
        replies = list(pool.map(lambda b: client.post("/api/v1/responses", json=b), bodies))
    assert replies[0].status_code == 500
    assert [r.status_code for r in replies[1:]] == [201] * 7
    responses, answers, texts = totals()
    assert responses == 7
    assert texts == 7 * 2
    per_response = (
        len([v for a in good[0]["answers"].values() for v in (a if isinstance(a, list) else [a])])
        - 2
    )
    assert answers == 7 * per_response
