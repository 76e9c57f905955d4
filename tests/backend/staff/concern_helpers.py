"""Flagged answers made the real way: submitted through the API, then screened by the analysis."""

from __future__ import annotations

import asyncio
import datetime as dt

from analysis.codebook import load_codebook
from backend.concerns import item_reference
from backend.storage.tables import FreeText, Response
from backend.text_analysis import analyse_pending
from tests.backend.submission_helpers import full_answers, submission

AT_RISK = "i dont want to go home when hes drunk he hits my mum"
"""Flagged by the screen for home_violence."""
CALM = "no thanks"


def submit(client, text: str = AT_RISK, *, days_ago: int = 0, language: str = "en",
           **answers) -> int:
    """Send one response whose ``anything_else`` is ``text``; return its response id.

    ``days_ago`` moves its day back, as if it had been sent then.
    """
    body = submission(language=language,
                      answers={**full_answers(), "anything_else": text, **answers})
    reply = client.post("/api/v1/responses", json=body)
    assert reply.status_code == 201, reply.text
    row = Response.select(Response.id).where(
        Response.client_submission_id == body["client_submission_id"]).first().run_sync()
    if days_ago:
        day = dt.date.today() - dt.timedelta(days=days_ago)
        Response.update({Response.submitted_on: day}).where(
            Response.id == row["id"]).run_sync()
    return row["id"]


def analyse() -> int:
    """Screen every answer not screened yet, as ``feelsafe analyse`` does."""
    return asyncio.run(analyse_pending(load_codebook(), limit=10_000))


def reference_of(app, response_id: int, question_id: str = "anything_else") -> str:
    """The queue's reference for one answer (as the app makes it, from its secret)."""
    row = FreeText.select(FreeText.id).where(
        (FreeText.response == response_id) & (FreeText.question_id == question_id)
    ).first().run_sync()
    return item_reference(app.state.settings.secret_key, row["id"])


def flagged_reference(client) -> str:
    """One flagged answer, screened, and its reference."""
    response_id = submit(client)
    analyse()
    return reference_of(client.app, response_id)
