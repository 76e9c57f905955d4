"""Seed an edition with three schools (30, 25 and 7 respondents) through the real API."""

from __future__ import annotations

import asyncio
import datetime as dt

from backend.storage.tables import AccessCode, School
from tests.backend.submission_helpers import submission

SIZES = {"TST": 30, "BIG": 25, "OTH": 7}
"""Respondents per school: OTH (a special school) is below the threshold of 10."""
YEARS = ("y7", "y8", "y9", "y10", "y11", "y12", "y13")
GENDERS = ("girl", "boy", "girl", "boy", "non_binary")


async def _codes(seeded: dict) -> dict[str, str]:
    big = School(code="BIG", name="Big Park Academy", kind="secondary", roll=1200)
    await big.save()
    today = dt.date.today()
    codes = {"TST": "OPENCODE22"}
    for school, school_id in (("BIG", big.id), ("OTH", seeded["other_school"])):
        code = f"{school}CODE2345"
        await AccessCode(code=code, school=school_id, edition=seeded["edition"],
                         opens_on=today - dt.timedelta(days=1),
                         closes_on=today + dt.timedelta(days=1)).save()
        codes[school] = code
    seeded["big_school"] = big.id
    return codes


def answers_for(i: int) -> dict:
    """The i-th pupil's answers: safe_at_school follows submission order (1,2,3,4,5,1...),
    every sixth pupil skips it, and pupils who never saw bullying skip the follow-up."""
    body = submission()
    answers = body["answers"]
    answers["safe_at_school"] = str(i % 5 + 1)
    if i % 6 == 5:
        del answers["safe_at_school"]
    answers["year_group"] = YEARS[i % len(YEARS)]
    answers["gender"] = GENDERS[i % len(GENDERS)]
    answers["unsafe_places"] = ["parks"] if i % 3 else ["parks", "home"]
    if i % 4 == 0:
        del answers["unsafe_places"]
    return answers


def seed_findings(client, app) -> list[dict]:
    """Post every pupil's answers; returns them in submission order."""
    seeded = app.state.seeded
    codes = asyncio.run(_codes(seeded))
    sent = []
    i = 0
    for school, n in SIZES.items():
        for _ in range(n):
            body = submission(codes[school])
            body["answers"] = answers_for(i)
            if school == "OTH":
                body["variant"] = "easy_read"
            response = client.post("/api/v1/responses", json=body)
            assert response.status_code == 201, response.text
            sent.append(body["answers"])
            i += 1
    return sent
