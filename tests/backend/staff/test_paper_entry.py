"""A SEND lead types paper responses in for their own school, validated as online ones are."""

from __future__ import annotations

import re

from backend.storage.tables import Response
from backend.surveys import load_survey
from survey_definitions import DEFINITIONS_DIR
from tests.backend.staff.helpers import csrf_headers, make_user, session_for, use_session

SURVEY = load_survey(DEFINITIONS_DIR / "2026-feeling-safe.toml")
FIRST = next(q for q in SURVEY.definition.questions
             if q.type == "single_choice" and q.show_if is None)


def _stored() -> list[dict]:
    return Response.select(Response.school, Response.paper, Response.language).run_sync()


def _form(client) -> dict[str, str]:
    page = client.get("/staff/send/entry")
    assert page.status_code == 200
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page.text))
    return fields


def _post(client, data):
    return client.post("/staff/send/entry", data=data, headers=csrf_headers(client),
                       follow_redirects=False)


def _signed_in(client):
    use_session(client, session_for(make_user("send_lead")))


def test_lead_types_in_a_paper_response_for_their_school_once(client, app):
    _signed_in(client)
    fields = _form(client)
    assert fields["school"] == "TST" and len(fields["client_submission_id"]) >= 8
    page = client.get("/staff/send/entry").text
    assert "OTH" not in page and "Other Park" not in page  # no other school is offered
    for lang in ("en", "ta", "ur", "pl", "pt", "ar"):  # every paper version is offered
        assert f"/staff/send/paper?lang={lang}&amp;variant=easy_read" in page
    assert f'name="{FIRST.id}"' in page and "<fieldset" in page and "<legend" in page
    data = {**fields, "language": "ur", FIRST.id: FIRST.options[0].value}
    reply = _post(client, data)
    assert reply.status_code == 303, reply.text
    assert "notice=paper_saved" in reply.headers["location"]
    again = _post(client, data)  # a double post stores once
    assert again.status_code == 303
    stored = _stored()
    assert len(stored) == 1
    assert stored[0]["school"] == app.state.seeded["school"]
    assert stored[0]["paper"] is True and stored[0]["language"] == "ur"


def test_invalid_answers_show_an_error_summary_and_store_nothing(client):
    _signed_in(client)
    fields = _form(client)
    reply = _post(client, {**fields, "language": "en", FIRST.id: "not-an-option"})
    assert reply.status_code == 400
    assert "There is a problem" in reply.text
    number = SURVEY.definition.questions.index(FIRST) + 1
    assert f"Check the answer to question {number}." in reply.text
    assert _stored() == []


def test_another_schools_code_or_id_is_refused(client, app):
    _signed_in(client)
    fields = _form(client)
    for school in ("OTH", str(app.state.seeded["other_school"])):
        data = {**fields, "school": school, "language": "en", FIRST.id: FIRST.options[0].value}
        reply = _post(client, data)
        assert reply.status_code == 403
    assert _stored() == []


def test_easy_read_paper_takes_i_dont_understand(client):
    _signed_in(client)
    page = client.get("/staff/send/entry?variant=easy_read")
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page.text))
    assert fields["variant"] == "easy_read"
    assert "I don&#39;t understand" in page.text or "I don't understand" in page.text
    reply = _post(client, {**fields, "language": "en", FIRST.id: "dont_understand"})
    assert reply.status_code == 303
    assert len(_stored()) == 1
