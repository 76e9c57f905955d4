"""POST /api/v1/responses and GET /api/v1/surveys/current, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio

from backend.storage.tables import AccessCode, Answer, FreeText, Response
from tests.backend.submission_helpers import full_answers, submission


def count(table, *where) -> int:
    query = table.count()
    if where:
        query = query.where(*where)
    return asyncio.run(query.run())


def test_healthz(client):
    reply = client.get("/healthz")
    assert reply.status_code == 200
    assert reply.json() == {"status": "ok"}


def test_openapi_lists_the_public_endpoints(client):
    schema = client.get("/schema/openapi.json").json()
    assert "/api/v1/responses" in schema["paths"]
    assert "/api/v1/surveys/current" in schema["paths"]


def test_current_survey_has_ids_types_texts_and_option_values(client):
    survey = client.get("/api/v1/surveys/current?lang=en&variant=standard").json()
    assert survey["year"] == 2026
    questions = {q["id"]: q for q in survey["questions"]}
    assert questions["safe_area_dark"]["type"] == "scale"
    assert [o["value"] for o in questions["safe_area_dark"]["options"]] == ["1", "2", "3", "4", "5"]
    assert questions["what_makes_unsafe"]["type"] == "free_text"
    assert questions["ambassador_themes"]["type"] == "theme_vote"
    assert questions["knife_why"]["show_if"] == {"question": "knife_know_carry", "any_of": ["yes"]}
    assert questions["gender"]["prefer_not_say"]["value"] == "prefer_not_say"
    assert all(q["skippable"] for q in survey["questions"])


def test_easy_read_variant_uses_easy_wording_and_offers_dont_understand(client):
    standard = client.get("/api/v1/surveys/current?variant=standard").json()
    easy = client.get("/api/v1/surveys/current?variant=easy_read").json()
    s = {q["id"]: q for q in standard["questions"]}
    e = {q["id"]: q for q in easy["questions"]}
    assert s.keys() == e.keys()
    assert e["send"]["text"] != s["send"]["text"]
    assert e["send"]["dont_understand"]["value"] == "dont_understand"
    assert s["send"]["dont_understand"] is None


def test_unknown_language_is_a_clear_400(client):
    reply = client.get("/api/v1/surveys/current?lang=xx")
    assert reply.status_code == 400
    assert reply.json()["problems"]


def test_submission_is_stored_once_and_retry_returns_200(client):
    body = submission()
    first = client.post("/api/v1/responses", json=body)
    assert first.status_code == 201, first.text
    assert first.json()["status"] == "stored"
    again = client.post("/api/v1/responses", json=body)
    assert again.status_code == 200
    assert again.json()["status"] == "already_stored"
    assert count(Response) == 1
    stored = asyncio.run(Response.select().first().run())
    assert stored["year_band"] == "y7_9"
    assert stored["gender"] == "girl"
    assert stored["had_help"] is False or stored["had_help"] == 0
    assert count(Answer, Answer.question_id == "unsafe_places") == 2
    assert count(FreeText) == 3


def test_every_answer_problem_is_listed_and_nothing_stored(client):
    answers = full_answers()
    answers.update(
        {
            "not_a_question": "x",
            "gender": "martian",
            "hate_reason": ["race"],  # hate_experienced is "no": hidden follow-up
            "what_makes_unsafe": "x" * 1001,
            "ambassador_themes": ["knife_crime", "bullying", "support", "hate_crime"],
        }
    )
    reply = client.post("/api/v1/responses", json=submission(answers=answers))
    assert reply.status_code == 400
    fields = {p["field"]: p["message"] for p in reply.json()["problems"]}
    assert set(fields) == {
        "answers.not_a_question",
        "answers.gender",
        "answers.hate_reason",
        "answers.what_makes_unsafe",
        "answers.ambassador_themes",
    }
    assert "martian" in fields["answers.gender"]
    assert "1000" in fields["answers.what_makes_unsafe"]
    assert count(Response) == 0
    assert count(Answer) == 0


def test_envelope_problems_are_listed(client):
    reply = client.post(
        "/api/v1/responses",
        json=submission(language="fr", variant="big", client_submission_id="x"),
    )
    assert reply.status_code == 400
    fields = {p["field"] for p in reply.json()["problems"]}
    assert fields == {"language", "variant", "client_submission_id"}


def test_malformed_body_is_a_400_with_problems(client):
    reply = client.post(
        "/api/v1/responses", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert reply.status_code == 400
    assert reply.json()["problems"]
    reply = client.post("/api/v1/responses", json={"access_code": "OPENCODE22"})
    assert reply.status_code == 400


def test_skipping_everything_is_allowed(client):
    reply = client.post("/api/v1/responses", json=submission(answers={}))
    assert reply.status_code == 201
    assert count(Answer) == 0


def test_dont_understand_only_in_easy_read(client):
    answers = {"send": "dont_understand"}
    assert client.post("/api/v1/responses", json=submission(answers=answers)).status_code == 400
    easy = submission(answers=answers, variant="easy_read")
    assert client.post("/api/v1/responses", json=easy).status_code == 201


def test_unknown_code_is_refused_clearly(client):
    reply = client.post("/api/v1/responses", json=submission(code="NOSUCHCODE"))
    assert reply.status_code == 400
    assert reply.json()["problems"][0]["field"] == "access_code"
    assert "could not find" in reply.json()["problems"][0]["message"]
    assert count(Response) == 0


def test_closed_and_not_yet_open_codes_are_refused(client):
    closed = client.post("/api/v1/responses", json=submission(code="CLOSEDCODE"))
    assert closed.status_code == 403
    assert closed.json()["reason"] == "closed"
    future = client.post("/api/v1/responses", json=submission(code="futurecode"))
    assert future.status_code == 403
    assert future.json()["reason"] == "not_open"
    assert count(Response) == 0


def test_used_up_code_is_refused_after_its_limit(client):
    for _ in range(2):
        assert (
            client.post("/api/v1/responses", json=submission(code="LIMITED222")).status_code == 201
        )
    third = client.post("/api/v1/responses", json=submission(code="LIMITED222"))
    assert third.status_code == 403
    assert third.json()["reason"] == "used_up"
    assert count(Response) == 2
    uses = asyncio.run(
        AccessCode.select(AccessCode.uses).where(AccessCode.code == "LIMITED222").first().run()
    )
    assert uses["uses"] == 2


def test_codes_are_case_and_space_insensitive(client):
    reply = client.post("/api/v1/responses", json=submission(code=" open-code22 "))
    assert reply.status_code == 201


def test_free_text_is_redacted_before_it_is_stored(client):
    answers = full_answers()
    answers["anything_else"] = (
        "msg me on 07700 900123 or jay.k@example.com, snap is @jaykay_22, "
        "i live near SM1 4AB see https://example.org/me"
    )
    assert client.post("/api/v1/responses", json=submission(answers=answers)).status_code == 201
    text = asyncio.run(
        FreeText.select(FreeText.text, FreeText.pii_types)
        .where(FreeText.question_id == "anything_else")
        .first()
        .run()
    )
    for secret in ("07700 900123", "jay.k@example.com", "jaykay_22", "SM1 4AB", "example.org"):
        assert secret not in text["text"]
    for placeholder in ("[PHONE]", "[EMAIL]", "[HANDLE]", "[POSTCODE]", "[URL]"):
        assert placeholder in text["text"]
