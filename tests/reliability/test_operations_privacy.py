"""Load traffic with free text full of personal details, from many addresses and user
agents: no log line holds any of it, and a whole school behind one address gets through."""

from __future__ import annotations

import asyncio
import json
import re

import httpx
import pytest

from tests.backend.submission_helpers import full_answers, submission
from tests.reliability.db_checks import seed
from tests.reliability.server import Server

pytestmark = pytest.mark.slow

PII_TEXTS = [
    "my name is Zenobia Quarrington and my phone is 07700 900461",
    "email me at zenobia.q@example.org or find @zeno_q_2011 online",
    "I live at 14 Larkspur Gardens SM1 4QQ and a man follows me home",
    "Mr Thaddeus Okonkwo-Brightwater at Hillcrest Academy hits us",
    "see https://example.net/private/zq-evidence for what they sent me",
]
ADDRESSES = [f"198.51.100.{i}" for i in range(1, 41)]
AGENTS = [f"SchoolTablet/{i}.0 (marker-ua-{i:03d}x)" for i in range(40)]


def _pii_submission(i: int, code: str) -> dict:
    answers = full_answers()
    answers["what_makes_unsafe"] = PII_TEXTS[i % len(PII_TEXTS)]
    answers["safer_ideas"] = PII_TEXTS[(i + 1) % len(PII_TEXTS)]
    answers["anything_else"] = PII_TEXTS[(i + 2) % len(PII_TEXTS)] + f" #{i}"
    return submission(code, answers=answers)


async def _traffic(base: str) -> dict[int, int]:
    """Page views, submissions, refusals and hostile bodies, as the load test sends them."""
    statuses: dict[int, int] = {}
    sem = asyncio.Semaphore(24)

    async def one(http: httpx.AsyncClient, i: int) -> None:
        headers = {"X-Forwarded-For": ADDRESSES[i % len(ADDRESSES)],
                   "User-Agent": AGENTS[i % len(AGENTS)]}
        async with sem:
            replies = [
                await http.get("/api/v1/surveys/current", headers=headers),
                await http.post("/api/v1/responses", json=_pii_submission(i, "OPENCODE22"),
                                headers=headers),
            ]
            if i % 10 == 0:  # wrong codes, bad answers, an undecodable body, pupil pages
                replies.append(await http.post(
                    "/api/v1/responses", json=_pii_submission(i, "NOSUCHCODE"), headers=headers))
                bad = _pii_submission(i, "OPENCODE22")
                bad["answers"]["gender"] = PII_TEXTS[0]
                replies.append(await http.post("/api/v1/responses", json=bad, headers=headers))
                replies.append(await http.post(
                    "/api/v1/responses", headers={**headers, "Content-Type": "application/json"},
                    content=json.dumps(_pii_submission(i, "OPENCODE22")).encode()[:-5] + b"\xff"))
                replies.append(await http.get("/s/OPENCODE22", headers=headers))
                replies.append(await http.get(f"/s/{PII_TEXTS[0][:20]}", headers=headers))
                replies.append(await http.get("/go", params={"code": PII_TEXTS[3]},
                                              headers=headers))
        for reply in replies:
            statuses[reply.status_code] = statuses.get(reply.status_code, 0) + 1

    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        await asyncio.gather(*(one(http, i) for i in range(300)))
    return statuses


def test_no_log_holds_free_text_addresses_or_user_agents(sqlite_url, tmp_path):
    seed(sqlite_url)
    log_path = tmp_path / "server.log"
    with Server(sqlite_url, log_path, FEELSAFE_FORWARDED_ALLOW_IPS="127.0.0.1") as server:
        statuses = asyncio.run(_traffic(server.base))
        # let the analysis worker (part of `feelsafe serve`) read the stored answers
        asyncio.run(asyncio.sleep(3))
    assert statuses.get(201) == 300 and statuses.get(500) is None, statuses
    # the server's own listening address is not a client's
    log = "\n".join(line for line in log_path.read_text().splitlines()
                    if "Uvicorn running on" not in line)
    assert len(log.splitlines()) > 600  # the access log was written
    needles = set()
    for text in PII_TEXTS:
        needles.update(w for w in re.findall(r"[\w@.:/-]{6,}", text) if not w.isalpha()
                       or w[0].isupper())
        needles.add(text[:30])
    needles.update(ADDRESSES + AGENTS + ["marker-ua", "127.0.0.1", "198.51.100"])
    needles -= {"Hillcrest", "Academy"}  # a seeded school name may appear in a report
    found = sorted(n for n in needles if n in log)
    assert found == [], found[:10]
    assert "Traceback" not in log


def test_one_school_behind_one_address_submits_1500_within_the_limits(sqlite_url, tmp_path):
    """Default limits: 1,500 pupils, one code, one address, some mistyped codes first."""
    seed(sqlite_url)

    async def school(base: str) -> dict[str, int]:
        outcome: dict[str, int] = {}
        sem = asyncio.Semaphore(32)

        async def pupil(http: httpx.AsyncClient, i: int) -> None:
            async with sem:
                if i % 25 == 0:  # 60 typos among 1,500 pupils
                    typo = await http.post("/api/v1/responses", json=submission("OPENCODE23"))
                    outcome[f"typo {typo.status_code}"] = outcome.get(
                        f"typo {typo.status_code}", 0) + 1
                reply = await http.post("/api/v1/responses", json=submission("OPENCODE22"))
                key = f"submit {reply.status_code}"
                outcome[key] = outcome.get(key, 0) + 1

        async with httpx.AsyncClient(base_url=base, timeout=60) as http:
            await asyncio.gather(*(pupil(http, i) for i in range(1500)))
        return outcome

    with Server(sqlite_url, tmp_path / "server.log") as server:
        outcome = asyncio.run(school(server.base))
    assert outcome == {"submit 201": 1500, "typo 400": 60}
