"""The findings service's counting SQL (GROUPING SETS on PostgreSQL, GROUP BYs over a CTE on
SQLite) against the same counts made in Python from the stored rows, group by group, on both
engines: skipped groups (NULL), a school's scope, answers by value and pupils who answered."""

from __future__ import annotations

import asyncio
from collections import Counter

from backend.findings.labels import BREAKDOWNS
from backend.findings.service import _margins
from backend.storage.tables import Answer, Response
from tests.backend.findings_helpers import seed_findings
from tests.backend.submission_helpers import submission


def run(coro):
    return asyncio.run(coro)


def test_margins_match_counts_made_from_the_rows(client, app):
    seed_findings(client, app)
    for i in range(9):  # skipped groups and "rather not say"
        body = submission()
        for key in ("gender", "year_group", "send", "home_language")[: i % 5]:
            body["answers"].pop(key, None)
        if i % 3 == 0:
            body["answers"]["gender"] = "prefer_not_say"
        if i % 2:
            body["answers"].pop("unsafe_places", None)
        assert client.post("/api/v1/responses", json=body).status_code == 201
    edition = app.state.seeded["edition"]
    responses = run(Response.select(Response.id, Response.school, *[
        getattr(Response, d) for d in BREAKDOWNS if d != "school"]).run())
    by_id = {r["id"]: r for r in responses}
    answers = run(Answer.select(Answer.response, Answer.question_id, Answer.value).run())
    dims = list(BREAKDOWNS)
    for school in (None, app.state.seeded["school"]):
        people = [r for r in responses if school is None or r["school"] == school]
        got = run(_margins(edition, dims, school))
        assert got.overall == {(): len(people)}
        for d in dims:
            assert got.by[d] == {(g,): n for g, n in Counter(r[d] for r in people).items()}, d
        for question in ("safe_at_school", "unsafe_places", "year_group"):
            rows = [(a["value"], by_id[a["response"]]) for a in answers
                    if a["question_id"] == question
                    and (school is None or by_id[a["response"]]["school"] == school)]
            got = run(_margins(edition, dims, school, question_id=question, answered=True))
            assert got.overall == dict(Counter((v,) for v, _ in rows)), question
            pupils = {r["id"]: r for _, r in rows}
            assert got.answered == len(pupils)
            for d in dims:
                assert got.by[d] == dict(Counter((v, r[d]) for v, r in rows)), (question, d)
                assert got.answered_by[d] == dict(Counter(r[d] for r in pupils.values()))
            alone = run(_margins(edition, [], school, question_id=question))
            assert alone.overall == got.overall and alone.by == {}
