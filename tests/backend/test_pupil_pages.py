"""The pupil's survey pages over HTTP, as a browser without JavaScript uses them."""

from __future__ import annotations

import asyncio
import datetime as dt
import re

import pytest
from litestar.testing import TestClient

from backend.app import create_app
from backend.editions.access_codes import forget_cached_codes
from backend.settings import Settings
from backend.storage.tables import AccessCode, Answer, FreeText, Response
from tests.backend.conftest import CODES, seed_school_and_codes
from tests.backend.pupil_helpers import answer, csrf, questions_on, start, submit, walk
from tests.backend.submission_helpers import full_answers
from tests.conftest import TEST_SECRET, new_database

PAGES = ("/", "/s/OPENCODE22")


@pytest.fixture(scope="module",
                params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def pupil_app(request, tmp_path_factory):
    """One migrated database per engine for the whole module: migrating per test is slow."""
    url = new_database(request.param, tmp_path_factory.mktemp("pupil"), request)
    forget_cached_codes()
    app = create_app(Settings.from_env({"DATABASE_URL": url, "FEELSAFE_SECRET_KEY": TEST_SECRET}))
    app.state.seeded = asyncio.run(seed_school_and_codes())
    return app


async def _wipe() -> None:
    await FreeText.delete(force=True)
    await Answer.delete(force=True)
    await Response.delete(force=True)
    await AccessCode.delete().where(AccessCode.code.not_in(list(CODES)))
    await AccessCode.update({AccessCode.uses: 0}, force=True)


@pytest.fixture
def client(pupil_app):
    """A fresh browser (no cookies) on an empty set of responses."""
    asyncio.run(_wipe())
    forget_cached_codes()
    with TestClient(pupil_app) as test_client:
        yield test_client


def count(table, *where) -> int:
    query = table.count()
    if where:
        query = query.where(*where)
    return asyncio.run(query.run())


def title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def assert_pupil_page(html: str) -> None:
    """What every pupil page must carry: exit, help box, language picker, no inline code."""
    assert 'href="/exit"' in html and "Exit this page" in html
    assert "0800 1111" in html and 'href="tel:999"' in html
    assert "Sutton Multi-Agency Safeguarding Hub" in html  # a local contact from settings
    assert 'lang="ta"' in html and "தமிழ்" in html and "العربية" in html
    assert "<script>" not in html and " style=" not in html and "<style" not in html


# --- Start, languages and codes ---------------------------------------------------------


def test_home_and_start_pages_carry_exit_help_and_languages(client):
    for path in PAGES:
        reply = client.get(path)
        assert reply.status_code == 200
        assert reply.headers["content-type"].startswith("text/html")
        assert_pupil_page(reply.text)
        assert "abuse" not in title(reply.text).lower()


def test_start_page_explains_privacy_and_offers_both_versions(client):
    html = client.get("/s/OPENCODE22").text
    assert "anonymous" in html
    assert "cannot be taken back" in html
    assert "skip any question" in html
    assert "see everyone&#39;s answers added together" in html or "added together" in html
    assert 'value="standard" checked' in html and 'value="easy_read"' in html
    assert 'name="_csrf_token"' in html


def test_language_from_query_then_session_then_accept_language(client):
    assert '<html lang="pl" dir="ltr"' in client.get(
        "/s/OPENCODE22", headers={"Accept-Language": "pl-PL,pl;q=0.9,en;q=0.5"}
    ).text
    assert '<html lang="ur" dir="rtl"' in client.get("/s/OPENCODE22?lang=ur").text
    page = start(client, lang="ar")
    assert '<html lang="ar" dir="rtl"' in page.text
    # The choice is remembered in the session, whatever the browser asks for.
    again = client.get(page.url.path, headers={"Accept-Language": "pt"})
    assert '<html lang="ar" dir="rtl"' in again.text
    switched = client.get(page.url.path + "?lang=ta")
    assert '<html lang="ta" dir="ltr"' in switched.text
    assert '<html lang="ta"' in client.get(page.url.path).text


def test_typed_code_is_found_whatever_the_case_and_spacing(client):
    reply = client.get("/go", params={"code": " open-code 22 "}, follow_redirects=False)
    assert reply.status_code == 303
    assert reply.headers["location"].startswith("/s/OPENCODE22")


def test_unknown_typed_code_shows_error_summary_linked_to_the_field(client):
    reply = client.get("/go", params={"code": "NOPE12345"})
    assert reply.status_code == 400
    assert title(reply.text).startswith("Error:")
    assert 'href="#code"' in reply.text and 'id="code"' in reply.text
    assert 'value="NOPE12345"' in reply.text  # nothing typed is lost


def test_unknown_and_closed_codes_get_a_clear_page(client):
    unknown = client.get("/s/NOSUCHCODE9")
    assert unknown.status_code == 404
    assert unknown.headers["content-type"].startswith("text/html")
    assert "could not find that code" in unknown.text
    assert_pupil_page(unknown.text)
    closed = client.get("/s/CLOSEDCODE")
    assert closed.status_code == 403 and "closed" in closed.text
    future = client.get("/s/FUTURECODE")
    assert future.status_code == 403 and "not opened yet" in future.text
    assert "Traceback" not in closed.text + future.text + unknown.text


def test_lowercase_code_in_link_goes_to_the_canonical_address(client):
    reply = client.get("/s/opencode22", follow_redirects=False)
    assert reply.status_code == 303 and reply.headers["location"] == "/s/OPENCODE22"


# --- Question pages -------------------------------------------------------------------------


def test_standard_pages_group_questions_by_section_with_progress(client):
    page = start(client)
    assert title(page.text) == "Your views – Page 1 of 10"
    assert questions_on(page.text) == ["year_group", "gender", "send", "home_language"]
    assert "<fieldset" in page.text and "<legend" in page.text
    assert 'for="year_group"' in page.text and 'id="year_group"' in page.text
    assert page.text.count("I&#39;d rather not say") == 4
    assert "I don&#39;t understand" not in page.text
    assert_pupil_page(page.text)


def test_easy_read_asks_one_question_per_page_and_offers_dont_understand(client):
    page = start(client, variant="easy_read")
    assert questions_on(page.text) == ["year_group"]
    assert title(page.text).startswith("Your views – Question 1 of")
    assert "What year are you in at school?" in page.text
    assert 'value="dont_understand"' in page.text
    assert "<h1 class=\"fieldset__heading\">" in page.text


def test_follow_up_shown_only_when_it_applies(client):
    answers = {**full_answers(), "knife_know_carry": "no", "hate_experienced": "no"}
    check, _ = walk(client, answers)
    assert "Why do you think they carry a knife?" not in check.text
    answers["knife_know_carry"] = "yes"
    check, _ = walk(client, answers)
    assert "Why do you think they carry a knife?" in check.text
    assert "To protect themselves" in check.text


def test_skipped_questions_show_as_not_answered(client):
    check, _ = walk(client, {"year_group": "y8"})
    assert "Year 8" in check.text
    assert "Not answered" in check.text
    assert reply_ok(submit(client, check))
    assert count(Response) == 1


def reply_ok(reply) -> bool:
    return reply.status_code == 303 and reply.headers["location"].endswith("/thanks")


def test_too_long_text_shows_linked_error_and_keeps_what_was_typed(client):
    check, _ = walk(client, {})
    # Go to the free-text page from the check page's change link.
    change = re.search(r'href="(/s/OPENCODE22/p/\d+\?return=check)#what_makes_unsafe"',
                       check.text).group(1)
    page = client.get(change)
    long_text = "x" * 1001
    reply = answer(client, page, {"what_makes_unsafe": long_text, "safer_ideas": "more lights"})
    assert reply.status_code == 200
    assert title(reply.text).startswith("Error: Your views")
    assert 'href="#what_makes_unsafe"' in reply.text
    assert 'aria-describedby="what_makes_unsafe-hint what_makes_unsafe-error"' in reply.text
    assert long_text in reply.text and "more lights" in reply.text
    assert "1001 characters long" in reply.text
    # Nothing was saved from the page with the error.
    assert "more lights" not in client.get("/s/OPENCODE22/check").text


def test_too_many_choices_and_contradictory_choices_are_explained(client):
    check, _ = walk(client, {})
    change = re.search(r'href="(/s/OPENCODE22/p/\d+\?return=check)#ambassador_themes"',
                       check.text).group(1)
    page = client.get(change)
    reply = answer(client, page, {"ambassador_themes": ["knife_crime", "bullying", "support",
                                                         "hate_crime"]})
    assert reply.status_code == 200 and "Choose up to 3 answers." in reply.text
    assert reply.text.count('checked') >= 4  # still ticked
    reply = answer(client, page, {"ambassador_themes": ["knife_crime", "prefer_not_say"]})
    assert reply.status_code == 200 and "not both" in reply.text


def test_free_text_is_preceded_by_a_gentle_note(client):
    check, _ = walk(client, {})
    change = re.search(r'href="(/s/OPENCODE22/p/\d+)\?return=check#what_makes_unsafe"',
                       check.text).group(1)
    html = client.get(change).text
    note = html.index("talk to an adult you trust")
    assert note < html.index('<textarea')
    assert "anonymous" in html[:html.index("<textarea")]


def test_change_link_returns_to_check_page(client):
    check, _ = walk(client, full_answers())
    change = re.search(r'href="(/s/OPENCODE22/p/\d+\?return=check)#gender"', check.text).group(1)
    page = client.get(change)
    assert 'name="_return" value="check"' in page.text
    reply = answer(client, page, {**full_answers(), "gender": "boy"})
    assert reply.headers["location"] == "/s/OPENCODE22/check"
    assert "Boy" in client.get("/s/OPENCODE22/check").text


def test_back_keeps_answers_and_goes_to_previous_page(client):
    first = start(client)
    second = client.get(answer(client, first, {"year_group": "y10"}).headers["location"])
    back = answer(client, second, {"safe_at_school": "4"}, go="back")
    assert back.headers["location"] == "/s/OPENCODE22/p/1"
    page = client.get(back.headers["location"])
    assert re.search(r'value="y10" checked', page.text)
    page2 = client.get("/s/OPENCODE22/p/2")
    assert re.search(r'id="safe_at_school-4"[^>]*value="4" checked', page2.text)


def test_switching_to_easy_read_mid_survey_keeps_answers(client):
    first = start(client)
    answer(client, first, {"year_group": "y7"})
    reply = client.get("/s/OPENCODE22/p/2?variant=easy_read", follow_redirects=False)
    assert reply.status_code == 303
    page = client.get(reply.headers["location"])
    assert questions_on(page.text) == ["safe_at_school"]
    assert re.search(r'value="y7" checked', client.get("/s/OPENCODE22/p/1").text)


def test_question_pages_need_a_started_session(client):
    reply = client.get("/s/OPENCODE22/p/1", follow_redirects=False)
    assert reply.status_code == 303 and reply.headers["location"] == "/s/OPENCODE22"


def test_no_such_page_is_a_clear_404_page(client):
    start(client)
    for path in ("/s/OPENCODE22/p/99", "/s/OPENCODE22/nonsense", "/s/OPENCODE22/p/0"):
        reply = client.get(path)
        assert reply.status_code == 404, path
        assert reply.headers["content-type"].startswith("text/html")
        assert "Page not found" in reply.text


# --- Refusals: tampering and CSRF change nothing --------------------------------------------


def test_unknown_question_id_is_refused_and_changes_nothing(client):
    page = start(client)
    reply = client.post("/s/OPENCODE22/p/1", data={
        "_csrf_token": csrf(page.text), "year_group": "y9", "no_such_question": "1"})
    assert reply.status_code == 400
    assert reply.headers["content-type"].startswith("text/html")
    assert "nothing was changed" in reply.text
    assert 'value="y9" checked' not in client.get("/s/OPENCODE22/p/1").text


def test_question_from_another_page_is_refused(client):
    page = start(client)
    reply = client.post("/s/OPENCODE22/p/1", data={
        "_csrf_token": csrf(page.text), "safe_at_home": "1"})
    assert reply.status_code == 400


def test_tampered_option_value_is_refused(client):
    page = start(client)
    for bad in ({"year_group": "y99"}, {"year_group": ["y7", "y8"]},
                {"gender": "dont_understand"}):
        reply = client.post("/s/OPENCODE22/p/1", data={"_csrf_token": csrf(page.text), **bad})
        assert reply.status_code == 400, bad
        assert "Something went wrong with that page" in reply.text


def test_tampered_start_form_is_refused(client):
    page = client.get("/s/OPENCODE22")
    reply = client.post("/s/OPENCODE22/start", data={
        "_csrf_token": csrf(page.text), "lang": "en", "variant": "deluxe"})
    assert reply.status_code == 400
    assert client.get("/s/OPENCODE22/p/1", follow_redirects=False).status_code == 303


def test_missing_csrf_token_is_a_clear_page_and_stores_nothing(client):
    _check, _ = walk(client, full_answers())
    reply = client.post("/s/OPENCODE22/submit", data={})
    assert reply.status_code == 403
    assert reply.headers["content-type"].startswith("text/html")
    assert "could not be sent" in reply.text
    assert count(Response) == 0
    reply = client.post("/s/OPENCODE22/p/1", data={"year_group": "y13"})
    assert reply.status_code == 403
    assert "y13\" checked" not in client.get("/s/OPENCODE22/p/1").text


# --- Submitting ----------------------------------------------------------------------------


def test_full_survey_is_stored_once_even_when_sent_twice(client):
    check, titles = walk(client, full_answers())
    assert all(t.startswith("Your views – Page") for t in titles)
    assert "Check your answers" in check.text and "Change" in check.text
    cookies_before = dict(client.cookies)
    first = submit(client, check)
    assert reply_ok(first)
    # A retry with the same session (a double click, a refresh on flaky Wi-Fi) stores nothing.
    client.cookies.clear()
    for name, value in cookies_before.items():
        client.cookies.set(name, value)
    second = submit(client, check)
    assert reply_ok(second)
    assert count(Response) == 1
    assert count(Answer) > 20
    assert count(FreeText) == 3
    thanks = client.get("/s/OPENCODE22/thanks")
    assert thanks.status_code == 200 and "Your answers have been sent" in thanks.text
    assert "What happens next" in thanks.text
    assert_pupil_page(thanks.text)


def test_answers_are_gone_from_the_session_after_submission(client):
    check, _ = walk(client, full_answers())
    submit(client, check)
    assert client.get("/s/OPENCODE22/check", follow_redirects=False).status_code == 303
    assert client.get("/s/OPENCODE22/p/1", follow_redirects=False).status_code == 303
    start_page = client.get("/s/OPENCODE22")
    assert "Carry on where you left off" not in start_page.text


def test_free_text_is_not_stored_before_submission(client):
    check, _ = walk(client, full_answers())
    assert count(FreeText) == 0 and count(Response) == 0
    assert "groups of older kids" in check.text


def test_pruned_follow_up_is_not_sent(client):
    answers = {**full_answers(), "knife_know_carry": "yes"}
    check, _ = walk(client, answers)
    change = re.search(r'href="(/s/OPENCODE22/p/\d+\?return=check)#knife_know_carry"',
                       check.text).group(1)
    page = client.get(change)
    answer(client, page, {**answers, "knife_know_carry": "no"})
    check = client.get("/s/OPENCODE22/check")
    assert reply_ok(submit(client, check))
    assert count(Answer, Answer.question_id == "knife_why") == 0


def test_thanks_page_shows_support_matching_the_answers(client):
    answers = {**full_answers(), "safe_at_home": "1", "online_experiences": ["asked_for_images"]}
    check, _ = walk(client, answers)
    submit(client, check)
    html = client.get("/s/OPENCODE22/thanks").text
    assert 'data-support="home"' in html and "NSPCC" in html
    assert 'data-support="online"' in html and "CEOP" in html
    assert 'data-support="images"' in html and "Report Remove" in html


def test_thanks_page_shows_no_extra_support_when_not_needed(client):
    check, _ = walk(client, {**full_answers(), "online_experiences": ["none"]})
    submit(client, check)
    html = client.get("/s/OPENCODE22/thanks").text
    assert "data-support" not in html
    assert "0800 1111" in html  # the help box is always there


def test_shared_device_returns_to_start_with_nothing_left(client):
    today = dt.date.today()
    asyncio.run(AccessCode(
        code="SHAREDTAB2", school=client.app.state.seeded["school"],
        edition=client.app.state.seeded["edition"], opens_on=today, closes_on=today,
        shared_device=True,
    ).save().run())
    check, _ = walk(client, {**full_answers(), "safe_at_home": "2"}, code="SHAREDTAB2")
    submit(client, check, code="SHAREDTAB2")
    thanks = client.get("/s/SHAREDTAB2/thanks")
    assert "Start the survey for the next person" in thanks.text
    assert 'href="/s/SHAREDTAB2"' in thanks.text
    assert 'data-support="home"' in thanks.text
    # The next pupil sees neither the thank-you page nor the support shown to the last one.
    again = client.get("/s/SHAREDTAB2/thanks", follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"] == "/s/SHAREDTAB2"
    assert "pupil" not in client.cookies


def test_used_up_code_at_submission_gets_a_clear_page(client):
    for _ in range(2):
        check, _ = walk(client, {"year_group": "y9"}, code="LIMITED222")
        assert reply_ok(submit(client, check, code="LIMITED222"))
    check, _ = walk(client, {"year_group": "y9"}, code="LIMITED222")
    refused = submit(client, check, code="LIMITED222")
    assert refused.status_code == 403 and "used as many times" in refused.text
    assert refused.headers["content-type"].startswith("text/html")
    assert count(Response) == 2


# --- Exit and the session cookie -----------------------------------------------------------


def test_exit_clears_the_session_and_leaves_for_a_neutral_site(client):
    page = start(client)
    answer(client, page, {"year_group": "y11"})
    reply = client.get("/exit", follow_redirects=False)
    assert reply.status_code == 303
    assert reply.headers["location"] == "https://www.bbc.co.uk/weather"
    cleared = [c for c in reply.headers.get_list("set-cookie") if c.startswith("pupil")]
    assert cleared and all("null" in c for c in cleared)
    back = client.get("/s/OPENCODE22/p/1", follow_redirects=False)
    assert back.status_code == 303 and back.headers["location"] == "/s/OPENCODE22"


def test_session_cookie_is_encrypted_httponly_and_ends_with_the_browser(client):
    page = start(client)
    reply = answer(client, page, {"year_group": "y12"})
    cookie = next(c for c in reply.headers.get_list("set-cookie") if c.startswith("pupil"))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Max-Age" not in cookie and "expires" not in cookie.lower()
    assert "y12" not in cookie and "year_group" not in cookie


def test_pages_are_not_cached(client):
    page = start(client)
    assert page.headers["cache-control"] == "no-store"
    assert "script-src 'self'" in page.headers["content-security-policy"]
