"""Responses with known headline shares, and actions recorded through the reviewer's API."""

from __future__ import annotations

import uuid

from tests.backend.staff.helpers import csrf_headers, make_user, session_for, use_session
from tests.backend.submission_helpers import submission

PUPILS = 30
"""Respondents: every group of interest is at or above the threshold (10) unless said."""
SAFE_AT_SCHOOL = 18
"""Pupils who answer "safe" or "very safe" at school: 18 in 30, so "6 in 10"."""
KNIFE_CARRY = 3
"""Pupils who know someone who carries a knife: 3, below the threshold, so never shown."""


def seed_responses(client) -> None:
    """30 pupils of one school through the real API."""
    for i in range(PUPILS):
        body = submission()
        answers = body["answers"]
        answers["safe_at_school"] = "4" if i < SAFE_AT_SCHOOL else "2"
        answers["knife_know_carry"] = "yes" if i < KNIFE_CARRY else "no"
        if i >= KNIFE_CARRY:
            del answers["knife_why"]  # a follow-up only for "yes"
        answers["knife_worry"] = "quite" if i < 12 else "a_little"
        reply = client.post("/api/v1/responses", json=body)
        assert reply.status_code == 201, reply.text


def sign_in_reviewer(client) -> None:
    """A new reviewer account, signed in on ``client``."""
    email = f"reviewer-{uuid.uuid4().hex[:8]}@test.invalid"
    use_session(client, session_for(make_user("reviewer", email=email)))


def record(client, **fields):
    """POST /api/v1/staff/actions as the signed-in reviewer; returns the reply."""
    body = {"year": 2026, "status": "planned", **fields}
    return client.post("/api/v1/staff/actions", json=body, headers=csrf_headers(client))
