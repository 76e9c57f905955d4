"""Free-text review over real HTTP on SQLite and PostgreSQL: recode, translate, redact by hand,
approve quotes (into packs), refuse flagged answers; every change audited with who and when."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import logging
import re

import pytest
from pypdf import PdfReader

from backend.packs import PackRefused, build_workshop_files, workshop_input
from backend.review import answers
from backend.review.quotes import approved_quotes
from backend.storage.tables import (
    AccessCode,
    FreeText,
    ReviewEvent,
    TextAnalysis,
    TextReview,
)
from tests.backend.staff.helpers import csrf_headers, make_user, session_for, use_session
from tests.backend.staff.review_helpers import analyse, post_form, sign_in_reviewer, submit_text


def _review(text_id: int) -> dict | None:
    return TextReview.select().where(TextReview.free_text == text_id).first().output(
        load_json=True).run_sync()


def _events(text_id: int) -> list[dict]:
    return ReviewEvent.select(
        ReviewEvent.action, ReviewEvent.detail, ReviewEvent.at, ReviewEvent.staff,
    ).where(ReviewEvent.free_text == text_id).order_by(ReviewEvent.id).output(
        load_json=True).run_sync()


def _text(text_id: int) -> dict:
    return FreeText.select().where(FreeText.id == text_id).first().output(
        load_json=True).run_sync()


def test_recode_persists_and_is_audited_with_who_and_when(client):
    knife = submit_text(client, "people carry knives near the park and it worries me")
    other = submit_text(client, "the buses are late and crowded", question="safer_ideas")
    analyse()
    reviewer = sign_in_reviewer(client)

    listing = client.get("/staff/review")
    assert listing.status_code == 200
    assert "people carry knives near the park" in listing.text
    # Suggested themes with the terms that matched, sentiment and status.
    assert re.search(r"Knife crime \(matched: <span class=\"terms\">[^<]*knives", listing.text)
    assert "Not reviewed yet" in listing.text and "Scored" in listing.text

    before = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=5)
    reply = post_form(client, f"/staff/review/{knife}/themes?year=2026",
                      {"action": "recode", "themes": ["support", "knife_crime"]})
    assert reply.status_code == 303
    assert reply.headers["location"].startswith(f"/staff/review/{knife}?year=2026")
    assert _review(knife)["themes"] == ["knife_crime", "support"]  # codebook order
    assert _review(knife)["updated_by"] == reviewer
    [event] = _events(knife)
    assert event["action"] == "themes" and event["staff"] == reviewer
    assert event["detail"]["to"] == ["knife_crime", "support"]
    assert "knife_crime" in event["detail"]["from"] and event["detail"]["accepted"] is False
    at = event["at"] if event["at"].tzinfo else event["at"].replace(tzinfo=dt.UTC)
    assert before <= at <= dt.datetime.now(dt.UTC)

    page = client.get(reply.headers["location"])
    assert "The themes have been saved." in page.text
    changes = page.text.split('id="changes"')[1]
    assert "reviewer@test.invalid" in changes and "Themes changed from" in changes
    assert 'value="support" checked' in page.text

    # Accepting the suggestion from the list keeps the reviewer's filters and place.
    reply = post_form(client, f"/staff/review/{other}/themes?year=2026&not_reviewed=1&page=1",
                      {"action": "accept", "back": "list"})
    assert reply.status_code == 303
    assert reply.headers["location"].startswith("/staff/review?year=2026&not_reviewed=1")
    assert reply.headers["location"].endswith(f"#answer-{other}")
    suggested = TextAnalysis.select(TextAnalysis.themes).where(
        TextAnalysis.free_text == other).first().output(load_json=True).run_sync()["themes"]
    assert _review(other)["themes"] == [t["theme"] for t in suggested]
    assert _events(other)[0]["detail"]["accepted"] is True
    # Both are reviewed now: the "not yet reviewed" filter shows neither.
    assert "people carry knives" not in client.get("/staff/review?not_reviewed=1").text

    api = client.get(f"/api/v1/staff/review/answers/{knife}").json()
    assert api["themes"] == ["knife_crime", "support"] and api["reviewed"] is True
    assert api["events"][0]["staff"] == "reviewer@test.invalid"
    assert api["events"][0]["action"] == "themes"

    # Recoding through the API, and a theme the codebook does not have.
    headers = csrf_headers(client)
    reply = client.put(f"/api/v1/staff/review/answers/{knife}/themes",
                       json={"themes": ["not_a_theme"]}, headers=headers)
    assert reply.status_code == 400
    assert _review(knife)["themes"] == ["knife_crime", "support"]
    reply = client.put(f"/api/v1/staff/review/answers/{knife}/themes",
                       json={"themes": ["general_safety"]}, headers=headers)
    assert reply.status_code == 200 and reply.json()["themes"] == ["general_safety"]
    assert [e["action"] for e in _events(knife)] == ["themes", "themes"]


def test_filters_and_pages_never_give_a_count(client, monkeypatch):
    monkeypatch.setattr(answers, "_SCAN", 3)  # the theme filter reads several chunks
    online_ids = [submit_text(client, "online people add me on snapchat", question="safer_ideas")]
    for i in range(23):
        submit_text(client, f"walking home past the alley is scary number {i}")
    online_ids.append(submit_text(client, "they message me on tiktok", question="safer_ideas"))
    analyse()
    sign_in_reviewer(client)
    first = client.get("/staff/review")
    assert first.text.count('class="review-item"') == 20
    assert first.text.index(f'id="answer-{online_ids[1]}"') < first.text.index("number 22")
    assert "Next page" in first.text and "Previous page" not in first.text
    second = client.get("/staff/review?page=2")
    assert second.text.count('class="review-item"') == 5 and "Previous page" in second.text
    assert "number 0" in second.text and "number 22" not in second.text  # newest first
    online = client.get("/staff/review?theme=online_safety")
    assert online.text.count('class="review-item"') == 2 and "snapchat" in online.text
    # "Next answer" follows the filters: from the newest online answer to the older one.
    page = client.get(f"/staff/review/{online_ids[1]}?theme=online_safety")
    assert f'href="/staff/review/{online_ids[0]}?year=2026&amp;theme=online_safety"' in page.text
    last = client.get(f"/staff/review/{online_ids[0]}?theme=online_safety")
    assert "Next answer" not in last.text
    question = client.get("/staff/review?question=safer_ideas")
    assert question.text.count('class="review-item"') == 2
    bad = client.get("/staff/review?theme=nonsense")
    assert bad.status_code == 400 and 'href="#theme"' in bad.text
    api = client.get("/api/v1/staff/review/answers?page=2").json()
    assert api["page"] == 2 and api["has_next"] is False and len(api["answers"]) == 5
    assert "total" not in api
    assert client.get("/api/v1/staff/review/answers?sentiment=angry").status_code == 400


def test_translation_is_redacted_scored_and_changes_status(client):
    tamil = submit_text(client, "இரவில் பூங்காவில் பயமாக இருக்கிறது", lang="ta",
                        question="safer_ideas")
    english = submit_text(client, "the park is fine")
    analyse()
    sign_in_reviewer(client)
    waiting = client.get("/staff/review?needs_translation=1")
    assert f'id="answer-{tamil}"' in waiting.text and f'id="answer-{english}"' not in waiting.text
    assert "Needs an English translation" in waiting.text

    reply = post_form(client, f"/staff/review/{tamil}/translation", {
        "translation": "I am scared in the park at night, Sam Jones from Hillcrest Academy "
                       "follows me, call him on 07700 900123"})
    assert reply.status_code == 303
    stored = _review(tamil)
    assert "07700" not in stored["translation"] and "[PHONE]" in stored["translation"]
    assert "Hillcrest" not in stored["translation"] and "[SCHOOL]" in stored["translation"]
    assert stored["translation_sentiment"] == "negative"
    assert stored["translation_polarity"] < 0
    [event] = _events(tamil)
    assert event["action"] == "translation" and event["detail"]["sentiment"] == "negative"
    assert "PHONE" in event["detail"]["redacted"]
    assert "scared" not in str(event["detail"])  # no text in the audit

    page = client.get(f"/staff/review/{tamil}")
    assert "Scored from the English translation" in page.text and "07700" not in page.text
    assert f'id="answer-{tamil}"' not in client.get("/staff/review?needs_translation=1").text
    assert f'id="answer-{tamil}"' in client.get("/staff/review?sentiment=negative").text
    api = client.get(f"/api/v1/staff/review/answers/{tamil}").json()
    assert api["sentiment_status"] == "scored_from_translation"
    assert api["sentiment"]["label"] == "negative"

    # English answers need none; an empty translation is refused; nothing changes.
    refused = post_form(client, f"/staff/review/{english}/translation", {"translation": "x"})
    assert refused.status_code == 400 and "needs no translation" in refused.text
    assert _review(english) is None
    empty = client.put(f"/api/v1/staff/review/answers/{tamil}/translation",
                       json={"translation": "  "}, headers=csrf_headers(client))
    assert empty.status_code == 400
    assert _review(tamil)["translation"] == stored["translation"]


def test_manual_redaction_removes_the_words_from_the_row_the_page_and_the_audit(
        client, caplog):
    caplog.set_level(logging.DEBUG)
    secret = "Zorblax Quenty"
    text_id = submit_text(client, f"{secret} and zorblax's mates wait by the station at night, "
                                  "zorblaxing about")
    tamil = submit_text(client, "ராமுவை பூங்காவில் பார்த்தேன், ராமு பயமுறுத்தினான்", lang="ta",
                        question="safer_ideas")
    analyse()
    sign_in_reviewer(client)
    # A translation that repeats the name is redacted too.
    assert post_form(client, f"/staff/review/{text_id}/translation",
                     {"translation": "x"}).status_code == 400  # English: refused
    missing = post_form(client, f"/staff/review/{text_id}/redaction",
                        {"phrases": f"{secret}\nNotInTheAnswer", "kind": "PERSON"})
    assert missing.status_code == 400 and "Nothing was changed" in missing.text
    assert missing.headers["content-type"].startswith("text/html")
    # The typed phrases are never echoed into the page, not even to correct them.
    assert "NotInTheAnswer" not in missing.text
    assert re.search(r'<textarea[^>]*name="phrases"[^>]*></textarea>', missing.text)
    assert secret in _text(text_id)["text"]

    reply = post_form(client, f"/staff/review/{text_id}/redaction",
                      {"phrases": f"{secret}\nzorblax", "kind": "PERSON"})
    assert reply.status_code == 303
    row = _text(text_id)
    # Whole words only in English: "zorblax's" loses the name, "zorblaxing" is another word.
    assert row["text"] == "[NAME] and [NAME]'s mates wait by the station at night, zorblaxing about"
    assert "MANUAL" in row["pii_types"]
    [event] = _events(text_id)
    assert event["action"] == "redaction"
    assert event["detail"] == {"kind": "PERSON", "places": 2}
    page = client.get(reply.headers["location"])
    assert "Quenty" not in page.text and "Zorblax " not in page.text
    assert "Redacted by hand in 2 places" in page.text
    analysis = TextAnalysis.select().where(TextAnalysis.free_text == text_id).first().output(
        load_json=True).run_sync()
    assert "quenty" not in str(analysis).lower()
    for table in (FreeText, TextAnalysis, TextReview, ReviewEvent):
        assert "quenty" not in str(table.select().run_sync()).lower(), table
    assert "quenty" not in caplog.text.lower()

    # Tamil attaches endings to a name: the whole word goes, and the translation with it.
    assert post_form(client, f"/staff/review/{tamil}/translation",
                     {"translation": "I saw Ramu in the park, Ramu scared me"}).status_code == 303
    reply = client.post(f"/api/v1/staff/review/answers/{tamil}/redaction",
                        json={"phrases": ["ராமு", "Ramu"], "kind": "PERSON"},
                        headers=csrf_headers(client))
    assert reply.status_code == 200, reply.text
    assert reply.json()["places"] == 4
    assert "ராமு" not in _text(tamil)["text"] and _text(tamil)["text"].count("[NAME]") == 2
    assert "Ramu" not in _review(tamil)["translation"]


def _code_for_other_school(app) -> str:
    today = dt.date.today()
    AccessCode(
        code="OTHCODE2345", school=app.state.seeded["other_school"],
        edition=app.state.seeded["edition"], opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=1)).save().run_sync()
    return "OTHCODE2345"


def _pdf_text(path) -> str:
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)
    return " ".join(text.split())


def test_approved_quotes_reach_packs_and_unapproved_never_do(client, app, settings,
                                                              tmp_path, monkeypatch):
    monkeypatch.setenv("FEELSAFE_CACHE_DIR", str(tmp_path / "cache"))
    ids = [submit_text(client, f"the underpass is dark and scary at night number {i}",
                       full=True) for i in range(11)]
    kept = submit_text(client, "the underpass by the old garages is dark and scary at night",
                       full=True)
    small = _code_for_other_school(app)
    small_ids = [submit_text(client, f"the bus stop is scary at night {i}", code=small,
                             full=True) for i in range(3)]
    analyse()
    sign_in_reviewer(client)
    edition = app.state.seeded["edition"]
    k = settings.min_group_size

    reply = post_form(client, f"/staff/review/{kept}/quote", {"decision": "approve"})
    assert reply.status_code == 303
    assert "The answer is approved as a quote." in client.get(reply.headers["location"]).text
    assert _review(kept)["quote_approved"] is True
    assert _events(kept)[-1]["action"] == "quote_approved"
    assert f'id="answer-{kept}"' in client.get("/staff/review?approved=1").text
    # Approving a quote is not reviewing its themes: it is still waiting for that.
    assert f'id="answer-{kept}"' in client.get("/staff/review?not_reviewed=1").text
    assert f'id="answer-{ids[0]}"' not in client.get("/staff/review?approved=1").text
    # Also approve one answer of the small school (3 pupils, under the threshold of 10).
    assert post_form(client, f"/staff/review/{small_ids[0]}/quote",
                     {"decision": "approve"}).status_code == 303

    quotes = [q.text for q in asyncio.run(approved_quotes(edition, k, theme="general_safety"))]
    assert "the underpass by the old garages is dark and scary at night" in quotes
    assert not any("number" in q for q in quotes)  # never approved, never quoted
    school = app.state.seeded["school"]
    assert len(asyncio.run(approved_quotes(edition, k, school_id=school))) == 1
    assert asyncio.run(approved_quotes(edition, k, school_id=app.state.seeded["other_school"])
                       ) == []
    with pytest.raises(PackRefused):
        asyncio.run(workshop_input(2026, "general_safety", "OTH", settings))

    data = asyncio.run(workshop_input(2026, "general_safety", None, settings))
    pdf = tmp_path / "pack.pdf"
    build_workshop_files(data, pdf, tmp_path / "pack.pptx")
    text = _pdf_text(pdf)
    assert "old garages is dark and scary" in text
    assert "number 3" not in text

    # Withdrawn: gone from quotes (the audit keeps who withdrew it).
    reply = client.put(f"/api/v1/staff/review/answers/{kept}/quote", json={"approved": False},
                       headers=csrf_headers(client))
    assert reply.status_code == 200 and reply.json()["quote_approved"] is False
    assert [e["action"] for e in reply.json()["events"]] == ["quote_approved", "quote_withdrawn"]
    quotes = [q.text for q in asyncio.run(approved_quotes(edition, k, theme="general_safety"))]
    assert "the underpass by the old garages is dark and scary at night" not in quotes
    assert ids  # the unapproved answers were there all along


def test_flagged_answers_cannot_be_approved_as_quotes(client, app, settings):
    for i in range(10):
        submit_text(client, f"the park is ok {i}")
    flagged = submit_text(client, "i dont want to go home when hes drunk he hits my mum",
                          question="anything_else")
    clear = submit_text(client, "the park is ok later")
    analyse_count = analyse()
    assert analyse_count == 12
    # An answer that arrived after the last analysis run has not been screened yet.
    late = submit_text(client, "the park is ok, this one arrived late")
    sign_in_reviewer(client)

    page = client.get(f"/staff/review/{flagged}")
    assert "This answer is in the safeguarding concern queue" in page.text
    assert 'value="approve"' not in page.text
    assert "safeguarding concern queue" in client.get("/staff/review").text
    refused = post_form(client, f"/staff/review/{flagged}/quote", {"decision": "approve"})
    assert refused.status_code == 400
    assert 'href="#quote"' in refused.text and "must not be used as a quote" in refused.text
    api = client.put(f"/api/v1/staff/review/answers/{flagged}/quote", json={"approved": True},
                     headers=csrf_headers(client))
    assert api.status_code == 400
    assert _review(flagged) is None and _events(flagged) == []
    assert post_form(client, f"/staff/review/{late}/quote",
                     {"decision": "approve"}).status_code == 400
    assert post_form(client, f"/staff/review/{clear}/quote",
                     {"decision": "approve"}).status_code == 303

    # Even an approval written straight into the table never makes a flagged answer a quote.
    asyncio.run(TextReview.insert(TextReview(free_text=flagged, quote_approved=True,
                                             updated_at=dt.datetime.now(dt.UTC))).run())
    quotes = [q.text for q in asyncio.run(approved_quotes(app.state.seeded["edition"],
                                                          settings.min_group_size))]
    assert quotes == ["the park is ok later"]


def test_only_reviewers_reach_review_and_unknown_answers_are_not_found(client):
    text_id = submit_text(client, "the park is ok")
    use_session(client, session_for(make_user("safeguarding_lead")))
    assert client.get(f"/staff/review/{text_id}").status_code == 403
    assert client.get(f"/api/v1/staff/review/answers/{text_id}").status_code == 403
    sign_in_reviewer(client)
    assert client.get("/staff/review/999999").status_code == 404
    assert post_form(client, "/staff/review/999999/quote",
                     {"decision": "approve"}).status_code == 404
    reply = post_form(client, f"/staff/review/{text_id}/themes", {})
    assert reply.status_code == 400  # neither accept nor recode: nothing changes
    assert _review(text_id) is None


def test_the_model_s_words_and_the_matches_it_set_aside_are_shown(client):
    """The theme model may add a theme no term matched (its words shown as "model: ...") and may
    set a match aside; the reviewer sees both, with the terms that matched."""
    kind = submit_text(client, "my step dad is really kind to me")
    lunch = submit_text(client, "some kids in year 9 keep taking my lunch money")
    analyse()
    sign_in_reviewer(client)

    page = client.get(f"/staff/review/{kind}?year=2026").text
    suggested, aside = page.split("Suggested themes")[1].split(
        "Codebook matches the theme model set aside")
    assert "Domestic abuse" not in suggested
    assert re.search(r"Domestic abuse \(matched: <span class=\"terms\">[^<]*step dad", aside)

    page = client.get(f"/staff/review/{lunch}?year=2026").text
    assert re.search(r"Bullying \(matched: <span class=\"terms\">model: ", page)
    assert "marks the words the theme model weighed most" in page
    assert "Codebook matches the theme model set aside" not in page
