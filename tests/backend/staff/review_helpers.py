"""Answers to review, stored through the real pupil API and analysed as the worker does."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid

from analysis.codebook import load_codebook
from backend.storage.tables import FreeText, InterviewNote
from backend.text_analysis import analyse_pending
from tests.backend.staff.helpers import csrf_headers, make_user, session_for, use_session
from tests.backend.submission_helpers import full_answers


def submit_text(client, text: str, *, lang: str = "en", question: str = "what_makes_unsafe",
                code: str = "OPENCODE22", full: bool = False) -> int:
    """Send one pupil's answers holding ``text`` (with every other question answered when
    ``full``, other free text left out); returns the FreeText id of ``text``."""
    answers = {k: v for k, v in full_answers().items()
               if k not in FREE_TEXT_QUESTIONS} if full else {}
    answers[question] = text
    reply = client.post("/api/v1/responses", json={
        "access_code": code, "language": lang, "variant": "standard",
        "client_submission_id": str(uuid.uuid4()), "answers": answers})
    assert reply.status_code == 201, reply.text
    row = FreeText.select(FreeText.id).where(FreeText.question_id == question).order_by(
        FreeText.id, ascending=False).first().run_sync()
    return row["id"]

FREE_TEXT_QUESTIONS = ("what_makes_unsafe", "safer_ideas", "anything_else")


def analyse() -> int:
    return asyncio.run(analyse_pending(load_codebook(), limit=10**6))


def sign_in_reviewer(client, email: str = "reviewer@test.invalid") -> int:
    user_id = make_user("reviewer", email=email)
    use_session(client, session_for(user_id))
    return user_id


def review_targets(client) -> dict[str, int]:
    """An answer and an interview note for the authorisation matrix to point at."""
    answer = submit_text(client, "the park is ok")
    note = InterviewNote(
        edition=client.app.state.seeded["edition"], kind="interview", held_on=dt.date.today(),
        title="A note", text="Notes", created_at=dt.datetime.now(dt.UTC))
    note.save().run_sync()
    return {"answer": answer, "note": note.id}


def post_form(client, path: str, data: dict):
    return client.post(path, data=data, headers=csrf_headers(client), follow_redirects=False)


__all__ = ["analyse", "post_form", "review_targets", "sign_in_reviewer", "submit_text"]
