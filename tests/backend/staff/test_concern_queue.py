"""The safeguarding lead's concern queue over real HTTP, on SQLite and PostgreSQL.

Answers are sent through the pupil API and screened by the real analysis; the lead works the
queue through its pages and its JSON API.
"""

from __future__ import annotations

import datetime as dt
import re

from analysis.concern import REASONS
from backend.concerns import REASON_NAMES
from backend.i18n import translations
from backend.storage.tables import ConcernCase, ConcernView, StaffUser, TextAnalysis
from tests.backend.staff.concern_helpers import AT_RISK, CALM, analyse, reference_of, submit
from tests.backend.staff.helpers import ROLES, csrf_headers, make_user, session_for, use_session

KNIFE = "people in my year carry knives and my brother has one"
LEAD_EMAIL = "safeguarding_lead@test.invalid"

# A pupil who describes themselves in ways that, beside a school and a day, could single them
# out. None of it may reach the lead: not the stored value, not its label.
WHO_THEY_ARE = {
    "year_group": "y11", "gender": "non_binary", "send": "not_sure",
    "home_language": "portuguese", "knife_worry": "quite",
    "safer_ideas": "the marmalade lighthouse by the canal should have a guard",
}
NEVER_SHOWN = [
    "y11", "y10_11", "Year 11", "non_binary", "Non-binary", "not_sure", "not sure",
    "portuguese", "Portuguese", "quite", "marmalade", "lighthouse",
]


def _as_lead(client) -> int:
    user_id = make_user("safeguarding_lead")
    use_session(client, session_for(user_id))
    return user_id


def _queue(client, status="open") -> dict:
    reply = client.get(f"/api/v1/staff/concerns?status={status}")
    assert reply.status_code == 200, reply.text
    return reply.json()


def _close(client, reference, action):
    return client.post(f"/staff/concerns/{reference}/close", data={"action_taken": action},
                       headers=csrf_headers(client), follow_redirects=False)


def test_queue_lists_flagged_answers_newest_first(client):
    week_old = submit(client, AT_RISK, days_ago=7)
    today = submit(client, KNIFE)
    two_days = submit(client, AT_RISK, days_ago=2)
    submit(client, CALM, days_ago=1)  # screened, not flagged: never in the queue
    analyse()
    submit(client, AT_RISK)  # not screened yet: counted as waiting, not listed
    _as_lead(client)

    queue = _queue(client)
    app = client.app
    expected = [reference_of(app, r) for r in (today, two_days, week_old)]
    assert [i["reference"] for i in queue["items"]] == expected
    days = [i["submitted_on"] for i in queue["items"]]
    assert days == sorted(days, reverse=True)
    assert queue["open_count"] == 3 and queue["closed_count"] == 0
    assert queue["awaiting_analysis"] == 3  # the unscreened response's three free-text answers
    assert [r["code"] for r in queue["items"][0]["reasons"]] == ["weapon_carrying"]
    assert queue["items"][1]["reasons"] == [
        {"code": "home_violence", "label": "Violence or fear at home"}]

    page = client.get("/staff/concerns")
    assert page.status_code == 200
    assert [page.text.index(f"/staff/concerns/{ref}") for ref in expected] == sorted(
        page.text.index(f"/staff/concerns/{ref}") for ref in expected)
    assert "Carrying a weapon" in page.text and "Hillcrest Academy" in page.text
    assert "3 free-text answers have not been screened yet" in page.text
    assert AT_RISK not in page.text  # the list never shows the text itself


def test_only_school_day_and_reasons_reach_the_lead(client):
    response_id = submit(client, AT_RISK, language="pt", **WHO_THEY_ARE)
    analyse()
    _as_lead(client)
    reference = reference_of(client.app, response_id)

    queue = _queue(client)
    (item,) = queue["items"]
    assert set(item) == {"reference", "school", "submitted_on", "reasons", "status", "demo",
                         "closed_by", "closed_at"}
    assert item["school"] == "Hillcrest Academy"
    assert item["submitted_on"] == dt.date.today().isoformat()
    detail = client.get(f"/api/v1/staff/concerns/{reference}").json()
    assert set(detail) == set(item) | {"text", "action_taken", "views"}
    assert detail["text"] == AT_RISK
    assert "pt" not in [v for v in detail.values() if isinstance(v, str)]

    assert re.fullmatch(r"[0-9a-f]{16}", reference)
    pages = [client.get("/staff/concerns").text, client.get(f"/staff/concerns/{reference}").text,
             client.get("/staff/concerns?status=all").text]
    api = [client.get("/api/v1/staff/concerns?status=all").text,
           client.get(f"/api/v1/staff/concerns/{reference}").text]
    for text in pages + api:
        for secret in NEVER_SHOWN:
            assert secret not in text, secret
        assert f"/staff/concerns/{response_id}" not in text
    assert AT_RISK in pages[1]


def test_every_view_of_an_item_is_logged_and_shown(client):
    response_id = submit(client)
    analyse()
    _as_lead(client)
    reference = reference_of(client.app, response_id)
    client.get("/staff/concerns")  # the list shows no text, so it is not a view
    assert ConcernView.count().run_sync() == 0

    client.get(f"/staff/concerns/{reference}")
    client.get(f"/api/v1/staff/concerns/{reference}")
    other = make_user("safeguarding_lead", email="second.lead@test.invalid")
    use_session(client, session_for(other))
    page = client.get(f"/staff/concerns/{reference}")

    views = ConcernView.select(ConcernView.staff.email, ConcernView.viewed_at).order_by(
        ConcernView.id).run_sync()
    assert [v["staff.email"] for v in views] == [LEAD_EMAIL, LEAD_EMAIL,
                                                "second.lead@test.invalid"]
    assert all(v["viewed_at"] is not None for v in views)
    log = page.text.split("Who has opened this item")[1]
    assert log.count("<tr>") == 1 + 3  # a header row and one row per view
    assert log.index("second.lead@test.invalid") < log.index(LEAD_EMAIL)  # newest first
    detail = client.get(f"/api/v1/staff/concerns/{reference}").json()
    assert len(detail["views"]) == 4
    assert detail["views"][0]["staff"] == "second.lead@test.invalid"


def test_closing_records_action_who_and_when_and_leaves_the_open_queue(client):
    response_id = submit(client)
    analyse()
    lead = _as_lead(client)
    reference = reference_of(client.app, response_id)

    refused = _close(client, reference, "   ")
    assert refused.status_code == 400
    assert "Enter the action taken before closing the item." in refused.text
    assert refused.headers["content-type"].startswith("text/html")  # a page, not JSON
    assert ConcernCase.count().run_sync() == 0

    action = "Raised with the school's DSL for year-group awareness work; rang 07700 900123"
    reply = _close(client, reference, action)
    assert reply.status_code == 303
    assert reply.headers["location"] == "/staff/concerns?notice=concern_closed"
    open_page = client.get(reply.headers["location"]).text
    assert "The item is closed and has left the open queue." in open_page
    assert reference not in open_page
    assert _queue(client)["items"] == []
    (closed,) = _queue(client, "closed")["items"]
    assert closed["reference"] == reference and closed["closed_by"] == LEAD_EMAIL

    case = ConcernCase.select().first().run_sync()
    assert case["status"] == "closed" and case["closed_by"] == lead
    assert case["action_taken"] == (
        "Raised with the school's DSL for year-group awareness work; rang [PHONE]")
    closed_at = case["closed_at"]
    if isinstance(closed_at, str):
        closed_at = dt.datetime.fromisoformat(closed_at)
    assert closed_at.astimezone(dt.UTC).date() == dt.datetime.now(dt.UTC).date()

    page = client.get(f"/staff/concerns/{reference}").text
    assert "year-group awareness work; rang [PHONE]" in page
    assert f"<dd>{LEAD_EMAIL}</dd>" in page and "Closed at" in page
    assert 'name="action_taken"' not in page  # no form on a closed item

    again = _close(client, reference, "something else")
    assert again.status_code == 400
    assert "Someone closed this item already, so nothing was changed." in again.text
    api_again = client.post(f"/api/v1/staff/concerns/{reference}/close",
                            json={"action_taken": "x"}, headers=csrf_headers(client))
    assert api_again.status_code == 409
    assert ConcernCase.select(ConcernCase.action_taken).first().run_sync()[
        "action_taken"].endswith("rang [PHONE]")


def test_the_api_closes_an_item_too(client):
    response_id = submit(client)
    analyse()
    _as_lead(client)
    reference = reference_of(client.app, response_id)
    missing = client.post(f"/api/v1/staff/concerns/{reference}/close",
                          json={"action_taken": ""}, headers=csrf_headers(client))
    assert missing.status_code == 400
    assert missing.json()["problems"][0]["field"] == "action_taken"
    no_csrf = client.post(f"/api/v1/staff/concerns/{reference}/close",
                          json={"action_taken": "Referred to MASH"})
    assert no_csrf.status_code == 403
    done = client.post(f"/api/v1/staff/concerns/{reference}/close",
                       json={"action_taken": "Referred to MASH"}, headers=csrf_headers(client))
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "closed" and done.json()["closed_by"] == LEAD_EMAIL
    assert _queue(client)["open_count"] == 0 and _queue(client)["closed_count"] == 1
    everything = _queue(client, "all")
    assert [i["status"] for i in everything["items"]] == ["closed"]


def test_all_shows_open_items_before_closed_ones(client):
    older = submit(client, days_ago=3)
    newer = submit(client)
    analyse()
    _as_lead(client)
    _close(client, reference_of(client.app, newer), "Raised with the DSL")
    items = _queue(client, "all")["items"]
    assert [i["status"] for i in items] == ["open", "closed"]
    assert items[0]["reference"] == reference_of(client.app, older)


def test_an_opened_item_stays_when_a_new_screening_no_longer_flags_it(client):
    read, unread = submit(client), submit(client)
    analyse()
    _as_lead(client)
    client.get(f"/staff/concerns/{reference_of(client.app, read)}")
    TextAnalysis.update({TextAnalysis.concern: False, TextAnalysis.concern_reasons: []},
                        force=True).run_sync()
    (item,) = _queue(client)["items"]
    assert item["reference"] == reference_of(client.app, read)
    assert item["reasons"] == []
    assert "No longer flagged by the latest screening" in client.get("/staff/concerns").text
    assert reference_of(client.app, unread) not in client.get("/staff/concerns").text


def test_the_lead_sees_which_words_made_the_statistical_screen_flag_an_answer(client):
    unforeseen = "i go straight upstairs and lock my door when his van pulls up"  # no pattern
    flagged_by_it, calm = submit(client, unforeseen), submit(client, CALM)
    analyse()
    _as_lead(client)
    page = client.get(f"/staff/concerns/{reference_of(client.app, flagged_by_it)}").text
    words = page.split("Words the statistical screen weighed most")[1].split("</dd>")[0]
    assert "upstairs" in words and " his" not in words
    assert reference_of(client.app, calm) not in client.get("/staff/concerns").text


def test_reasons_are_shown_in_the_staff_members_language(client):
    assert set(REASON_NAMES) == set(REASONS)
    response_id = submit(client, KNIFE)
    analyse()
    _as_lead(client)
    reference = reference_of(client.app, response_id)
    for lang in ("ta", "ur", "pl", "pt", "ar"):
        label = translations(lang).gettext(REASON_NAMES["weapon_carrying"])
        assert label != REASON_NAMES["weapon_carrying"], lang
        headers = {"accept-language": lang}
        assert label in client.get("/staff/concerns", headers=headers).text
        assert label in client.get(f"/staff/concerns/{reference}", headers=headers).text
        api = client.get("/api/v1/staff/concerns?status=all", headers=headers).json()
        assert api["items"][0]["reasons"] == [{"code": "weapon_carrying", "label": label}]


def test_unknown_references_and_statuses_find_nothing(client):
    _as_lead(client)
    assert client.get("/staff/concerns/0123456789abcdef").status_code == 404
    assert client.get("/api/v1/staff/concerns/nope").status_code == 404
    assert client.get("/staff/concerns?status=deleted").status_code == 404
    assert _close(client, "0123456789abcdef", "x").status_code == 404
    assert ConcernView.count().run_sync() == 0


def test_other_roles_and_strangers_are_refused(client):
    response_id = submit(client)
    analyse()
    reference = reference_of(client.app, response_id)
    for role in ROLES:
        if role == "safeguarding_lead":
            continue
        use_session(client, session_for(make_user(role)))
        assert client.get("/staff/concerns").status_code == 403, role
        item = client.get(f"/staff/concerns/{reference}")
        assert item.status_code == 403 and AT_RISK not in item.text, role
        assert client.get(f"/api/v1/staff/concerns/{reference}").status_code == 403, role
        assert _close(client, reference, "x").status_code == 403, role
    use_session(client, None)
    assert client.get("/api/v1/staff/concerns").status_code == 401
    page = client.get(f"/staff/concerns/{reference}", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/staff/sign-in")
    assert ConcernView.count().run_sync() == 0
    assert ConcernCase.count().run_sync() == 0
    assert StaffUser.count().run_sync() == len(ROLES) - 1
