"""Interview and focus-group notes: redacted on entry like pupils' answers, coded with the same
codebook, themes editable by the reviewer, every change audited (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

from backend.storage.tables import InterviewNote, ReviewEvent
from tests.backend.staff.helpers import csrf_headers
from tests.backend.staff.review_helpers import post_form, sign_in_reviewer

NOTES = ("Jayden Smith from Hillcrest Academy said the kids carry knives on the way home "
         "and he gets messages on snapchat; his number is 07700 900123")


def _note(note_id: int) -> dict:
    return InterviewNote.select().where(InterviewNote.id == note_id).first().output(
        load_json=True).run_sync()


def _events(note_id: int) -> list[dict]:
    return ReviewEvent.select().where(ReviewEvent.interview == note_id).order_by(
        ReviewEvent.id).output(load_json=True).run_sync()


def test_notes_are_redacted_on_entry_and_themed(client, app):
    reviewer = sign_in_reviewer(client)
    form = client.get("/staff/interviews/new")
    assert form.status_code == 200
    for field in ("year", "held_on", "school", "title", "text"):
        assert f'<label class="label" for="{field}">' in form.text
    reply = post_form(client, "/staff/interviews", {
        "year": "2026", "kind": "focus_group", "held_on": "2026-03-15", "school": "TST",
        "title": "Year 9 group with Jayden Smith", "text": NOTES})
    assert reply.status_code == 303
    note_id = int(reply.headers["location"].split("/")[-1].split("?")[0])
    note = _note(note_id)
    assert "07700" not in note["text"] and "[PHONE]" in note["text"]
    assert "Hillcrest" not in note["text"] and "Jayden" not in note["text"]
    assert "Jayden" not in note["title"] and "[NAME]" in note["title"]
    assert {"PHONE", "SCHOOL", "PERSON"} <= set(note["pii_types"])
    assert {"knife_crime", "online_safety"} <= set(note["themes"])
    assert note["school"] == app.state.seeded["school"] and note["kind"] == "focus_group"
    assert note["created_by"] == reviewer and note["held_on"] == dt.date(2026, 3, 15)
    [event] = _events(note_id)
    assert event["action"] == "interview_created" and event["staff"] == reviewer
    assert "knife" not in str(event["detail"]).replace("knife_crime", "")

    page = client.get(reply.headers["location"])
    assert "The notes have been redacted, coded and saved." in page.text
    assert "Jayden" not in page.text and "07700" not in page.text
    assert 'value="knife_crime" checked' in page.text
    assert "Knife crime (matched:" in page.text  # the suggestion and why
    listing = client.get("/staff/interviews")
    assert "Year 9 group with [NAME]" in listing.text and "Focus group" in listing.text

    # The reviewer changes the themes and the text; new text is redacted again.
    reply = post_form(client, f"/staff/interviews/{note_id}", {
        "year": "2026", "kind": "focus_group", "held_on": "2026-03-15", "school": "",
        "title": note["title"], "text": note["text"] + " Call Priya on 07700 900456.",
        "themes": ["knife_crime", "support"]})
    assert reply.status_code == 303
    note = _note(note_id)
    assert note["themes"] == ["knife_crime", "support"] and note["school"] is None
    assert "900456" not in note["text"]
    update = _events(note_id)[-1]
    assert update["action"] == "interview_updated"
    assert set(update["detail"]["fields"]) == {"school", "text", "themes"}
    assert update["detail"]["to"] == ["knife_crime", "support"]
    changes = client.get(f"/staff/interviews/{note_id}").text.split('id="changes"')[1]
    assert "reviewer@test.invalid" in changes and "Themes changed from" in changes


def test_bad_notes_are_refused_with_every_problem_and_nothing_stored(client):
    sign_in_reviewer(client)
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    reply = post_form(client, "/staff/interviews", {
        "year": "1999", "kind": "chat", "held_on": tomorrow, "school": "NOPE", "title": "",
        "text": ""})
    assert reply.status_code == 400
    assert reply.headers["content-type"].startswith("text/html")
    assert "<title>Error:" in reply.text
    for field in ("year", "kind", "held_on", "school", "title", "text"):
        assert f'href="#{field}"' in reply.text, field
    assert post_form(client, "/staff/interviews", {"held_on": "15/03/2026"}).status_code == 400
    assert InterviewNote.count().run_sync() == 0
    assert client.get("/staff/interviews/999999").status_code == 404


def test_notes_api(client):
    sign_in_reviewer(client)
    headers = csrf_headers(client)
    reply = client.post("/api/v1/staff/interviews", headers=headers, json={
        "year": 2026, "kind": "youth_summit", "held_on": "2026-02-01",
        "title": "Summit table 3", "text": "Young people want more youth workers and safer "
        "buses; email me at someone@example.com"})
    assert reply.status_code == 201, reply.text
    note = reply.json()
    assert "[EMAIL]" in note["text"] and "example.com" not in note["text"]
    assert "general_safety" in note["themes"]
    assert note["events"][0]["action"] == "interview_created"
    assert note["events"][0]["staff"] == "reviewer@test.invalid"
    listed = client.get("/api/v1/staff/interviews?year=2026").json()
    assert [n["id"] for n in listed] == [note["id"]]
    reply = client.put(f"/api/v1/staff/interviews/{note['id']}", headers=headers, json={
        "year": 2026, "kind": "youth_summit", "held_on": "2026-02-01",
        "title": "Summit table 3", "text": note["text"], "themes": ["support"]})
    assert reply.status_code == 200 and reply.json()["themes"] == ["support"]
    bad = client.put(f"/api/v1/staff/interviews/{note['id']}", headers=headers, json={
        "year": 2026, "kind": "youth_summit", "held_on": "2026-02-01",
        "title": "Summit table 3", "text": note["text"], "themes": ["nope"]})
    assert bad.status_code == 400 and bad.json()["problems"][0]["field"] == "themes"
    assert client.get(f"/api/v1/staff/interviews/{note['id']}").json()["themes"] == ["support"]
