"""Reviewers record, change and remove "You said, we did" actions, through the pages and the
JSON API, on SQLite and PostgreSQL; every problem is reported per field and changes nothing."""

from __future__ import annotations

import re

from lxml import html as lxml_html

from tests.backend.staff.helpers import csrf_headers
from tests.backend.yousaid_helpers import record, sign_in_reviewer

EN = "The council is fixing the broken street lights on the path to the station by March."
EASY = "We are fixing the street lights near the station."
AR = "يصلح المجلس أضواء الشوارع المعطلة على الطريق إلى المحطة بحلول مارس."


def _form(client, path, data):
    return client.post(path, data={**data, "_csrf_token": csrf_headers(client)["x-csrftoken"]},
                       follow_redirects=False)


def test_reviewer_records_changes_and_removes_an_action_on_the_pages(client):
    sign_in_reviewer(client)
    page = client.get("/staff/actions")
    assert page.status_code == 200
    doc = lxml_html.fromstring(page.text)
    # Every text field names its language and direction; Urdu and Arabic are right to left.
    fields = {t.get("name"): (t.get("lang"), t.get("dir")) for t in doc.xpath("//textarea")}
    assert fields == {"texts.en": ("en", "ltr"), "texts.en-easy": ("en", "ltr"),
                      "texts.ta": ("ta", "ltr"), "texts.ur": ("ur", "rtl"),
                      "texts.pl": ("pl", "ltr"), "texts.pt": ("pt", "ltr"),
                      "texts.ar": ("ar", "rtl")}
    for name in fields:  # and every one has a label
        assert doc.xpath(f'//label[@for="{name}"]'), name
    assert doc.xpath('//select[@id="question_id"]/optgroup/option[@value="safe_area_dark"]')

    # Nothing filled in: a 400 page that says what is wrong with each field, linked.
    empty = _form(client, "/staff/actions", {"year": "2026"})
    assert empty.status_code == 400
    doc = lxml_html.fromstring(empty.text)
    assert doc.xpath("//title")[0].text_content().startswith("Error:")
    links = doc.xpath('//div[@class="error-summary"]//a/@href')
    assert links == ["#theme", "#status", "#texts.en", "#texts.en-easy"]
    assert client.get("/api/v1/staff/actions?year=2026").json() == []

    # A finding of another theme is refused; the form keeps what was typed.
    wrong = _form(client, "/staff/actions", {
        "year": "2026", "theme": "knife_crime", "question_id": "safe_area_dark",
        "status": "planned", "texts.en": EN, "texts.en-easy": EASY})
    assert wrong.status_code == 400 and "#question_id" in wrong.text and EN in wrong.text

    done = _form(client, "/staff/actions", {
        "year": "2026", "theme": "general_safety", "question_id": "safe_area_dark",
        "status": "planned", "texts.en": EN, "texts.en-easy": EASY, "texts.ar": AR,
        "texts.ta": "  "})
    assert done.status_code == 303
    listed = client.get(done.headers["location"])
    assert "The action has been recorded" in listed.text and EN in listed.text
    [action] = client.get("/api/v1/staff/actions?year=2026").json()
    assert action["texts"] == {"en": EN, "en-easy": EASY, "ar": AR}  # empty Tamil left out
    assert action["question_id"] == "safe_area_dark" and action["status"] == "planned"
    assert action["recorded_by"].startswith("reviewer-")

    edit = client.get(f"/staff/actions?edit={action['id']}")
    doc = lxml_html.fromstring(edit.text)
    assert doc.xpath('//textarea[@name="texts.ar"]')[0].text_content() == AR
    assert doc.xpath(f'//form[@action="/staff/actions/{action["id"]}"]')
    changed = _form(client, f"/staff/actions/{action['id']}", {
        "theme": "general_safety", "question_id": "", "status": "done",
        "texts.en": EN, "texts.en-easy": EASY})
    assert changed.status_code == 303
    [after] = client.get("/api/v1/staff/actions?year=2026").json()
    assert (after["status"], after["question_id"], after["texts"]) == (
        "done", None, {"en": EN, "en-easy": EASY})

    removed = _form(client, f"/staff/actions/{action['id']}/remove", {})
    assert removed.status_code == 303
    assert client.get("/api/v1/staff/actions?year=2026").json() == []
    assert _form(client, f"/staff/actions/{action['id']}/remove", {}).status_code == 404
    assert client.get("/staff/actions?edit=999999").status_code == 404
    assert client.get("/staff/actions?year=1999").status_code == 404


def test_api_lists_every_problem_and_changes_nothing(client):
    sign_in_reviewer(client)
    bad = record(client, theme="no_such_theme", status="sometime", question_id="gender",
                 texts={"en": "", "en-easy": "x" * 1001, "xx": "hello"})
    assert bad.status_code == 400
    fields = [p["field"] for p in bad.json()["problems"]]
    assert fields == ["theme", "question_id", "status", "texts.xx", "texts.en",
                      "texts.en-easy"]
    assert "1000 characters" in bad.json()["problems"][-1]["message"]
    assert record(client, year=1999, theme="knife_crime",
                  texts={"en": "a", "en-easy": "b"}).json()["problems"][0]["field"] == "year"
    assert client.get("/api/v1/staff/actions?year=2026").json() == []
    assert client.get("/api/v1/staff/actions?year=1999").status_code == 404

    made = record(client, theme="knife_crime", question_id="knife_worry",
                  texts={"en": EN, "en-easy": EASY}).json()
    path = f"/api/v1/staff/actions/{made['id']}"
    patched = client.patch(path, json={"status": "in_progress", "texts": {
        "en": EN, "en-easy": EASY, "ur": "اردو متن"}}, headers=csrf_headers(client))
    assert patched.status_code == 200, patched.text
    assert patched.json()["status"] == "in_progress" and patched.json()["texts"]["ur"]
    assert patched.json()["question_id"] == "knife_worry"  # not given, so kept
    moved = client.patch(path, json={"theme": "online_safety"}, headers=csrf_headers(client))
    assert moved.status_code == 400  # knife_worry is not an online safety finding
    assert [p["field"] for p in moved.json()["problems"]] == ["question_id"]
    cleared = client.patch(path, json={"theme": "online_safety", "question_id": None},
                           headers=csrf_headers(client))
    assert cleared.status_code == 200 and cleared.json()["question_id"] is None
    assert client.delete(path, headers=csrf_headers(client)).status_code == 204
    assert client.delete(path, headers=csrf_headers(client)).status_code == 404
    assert client.patch(path, json={}, headers=csrf_headers(client)).status_code == 404


def test_action_texts_never_reach_the_log(client, caplog):
    sign_in_reviewer(client)
    with caplog.at_level("INFO"):  # the level the server logs at
        assert record(client, theme="knife_crime",
                      texts={"en": EN, "en-easy": EASY}).status_code == 201
        client.get("/you-said-we-did/2026?lang=en")
    assert not re.search("street lights", caplog.text)
