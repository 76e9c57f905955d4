"""The public "You said, we did" page over real HTTP, on SQLite and PostgreSQL: actions in the
page's language (English, marked, where no translation was written), easy read, right to left,
numbers only from shown cells, cacheable without cookies."""

from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html

from backend.i18n import translations
from backend.yousaid.content import forget_cached_findings
from tests.backend.staff.helpers import use_session
from tests.backend.yousaid_helpers import record, seed_responses, sign_in_reviewer

URL = "/you-said-we-did/2026"
SCHOOL_EN = "We are putting more staff on the gates and in the corridors at lunchtime."
SCHOOL_EASY = "More adults will be at the school gates at lunchtime."
SCHOOL_UR = "ہم دوپہر کے وقت دروازوں اور راہداریوں میں زیادہ عملہ رکھ رہے ہیں۔"
SCHOOL_PL = "W czasie przerwy obiadowej przy bramach i na korytarzach będzie więcej pracowników."
KNIFE_EN = "Youth workers will run knife-crime sessions in every secondary school."
KNIFE_EASY = "Youth workers will come to your school to talk about knives."
CARRY_EN = "Police school officers will talk with pupils about why people carry knives."
CARRY_EASY = "Police officers will talk with pupils about knives."


@pytest.fixture
def page_data(client):
    forget_cached_findings()
    seed_responses(client)
    sign_in_reviewer(client)
    for fields in (
        {"theme": "general_safety", "question_id": "safe_at_school", "status": "in_progress",
         "texts": {"en": SCHOOL_EN, "en-easy": SCHOOL_EASY, "ur": SCHOOL_UR, "pl": SCHOOL_PL}},
        {"theme": "knife_crime", "status": "done",
         "texts": {"en": KNIFE_EN, "en-easy": KNIFE_EASY}},
        {"theme": "knife_crime", "question_id": "knife_know_carry",
         "texts": {"en": CARRY_EN, "en-easy": CARRY_EASY}},
    ):
        reply = record(client, **fields)
        assert reply.status_code == 201, reply.text
    use_session(client, None)  # the public page is read signed out
    return client


def get(client, query: str = ""):
    reply = client.get(URL + query)
    assert reply.status_code == 200, reply.text
    return reply, lxml_html.fromstring(reply.text)


def action_texts(doc) -> dict[str, dict]:
    """Action text -> its lang, dir and whether a fallback note follows it."""
    found = {}
    for item in doc.xpath('//li[@class="action"]'):
        text = item.xpath('.//p[@class="action__text"]')[0]
        found[text.text_content().strip()] = {
            "lang": text.get("lang"), "dir": text.get("dir"),
            "note": bool(item.xpath('.//p[@class="action__note"]')),
            "status": item.xpath('.//span[@class="action__tag"]')[0].text_content().strip(),
            "finding": (item.xpath('ancestor::div[@class="finding"]/@id') or [None])[0],
        }
    return found


def test_actions_appear_in_the_pages_language_with_english_fallback_marked(page_data):
    _, doc = get(page_data, "?lang=ur")
    assert doc.get("lang") == "ur" and doc.get("dir") == "rtl"
    actions = action_texts(doc)
    ur_note = translations("ur").gettext("This has not been translated yet, so it is in English.")
    assert ur_note != "This has not been translated yet, so it is in English."
    # Written in Urdu: shown in Urdu, beside the finding it answers.
    assert actions[SCHOOL_UR] == {"lang": "ur", "dir": "rtl", "note": False,
                                  "status": translations("ur").gettext("In progress"),
                                  "finding": "finding-safe_at_school"}
    # Not translated: English, marked lang="en" dir="ltr", with the note in Urdu.
    assert actions[KNIFE_EN]["lang"] == "en" and actions[KNIFE_EN]["dir"] == "ltr"
    assert actions[KNIFE_EN]["note"] and ur_note in doc.text_content()
    assert SCHOOL_EN not in actions

    _, doc = get(page_data, "?lang=pl")
    actions = action_texts(doc)
    assert actions[SCHOOL_PL]["lang"] == "pl" and not actions[SCHOOL_PL]["note"]
    assert actions[KNIFE_EN]["note"]

    _, doc = get(page_data, "?lang=en")
    actions = action_texts(doc)
    assert set(actions) == {SCHOOL_EN, KNIFE_EN, CARRY_EN}
    assert not any(a["note"] for a in actions.values())
    assert actions[KNIFE_EN]["status"] == "Done" and actions[CARRY_EN]["status"] == "Planned"
    # The finding beside it is written from shown cells: 18 of 30 is 6 in 10.
    sentence = doc.xpath('//div[@id="finding-safe_at_school"]/p[@class="finding__sentence"]')
    assert sentence[0].text_content().strip() == "6 in 10 pupils said they feel safe at school."
    picture = doc.xpath('//div[@id="finding-safe_at_school"]//*[local-name()="svg"]')[0]
    assert picture.get("role") == "img"
    title = picture.xpath('.//*[local-name()="title"]')[0]
    assert picture.get("aria-labelledby") == title.get("id")
    assert title.text_content() == "Picture of 10 people. Coloured in: 6."
    assert len(picture.xpath('.//*[@data-filled="1"]')) == 6
    assert len(picture.xpath('.//*[@data-filled="0"]')) == 4


def test_easy_read_shows_the_easy_read_text_and_words(page_data):
    _, doc = get(page_data, "?lang=en&variant=easy_read")
    assert "pupil--easy-read" in doc.xpath("//body/@class")[0]
    actions = action_texts(doc)
    assert set(actions) == {SCHOOL_EASY, KNIFE_EASY, CARRY_EASY}
    assert actions[SCHOOL_EASY]["status"] == "We are doing this now"
    assert actions[KNIFE_EASY]["status"] == "We have done this"
    assert not any(a["note"] for a in actions.values())
    sentences = [p.text_content().strip()
                 for p in doc.xpath('//p[@class="finding__sentence"]')]
    assert "6 in 10 pupils said they feel safe at school." in sentences
    assert "All pupils said they feel safe near home in the day." in sentences
    assert doc.xpath('//div[@id="finding-safe_at_school"]//img[@class="symbol"]/@alt') == [""]
    # Tamil easy read: no Tamil text was written, so easy-read English, marked as English.
    _, doc = get(page_data, "?lang=ta&variant=easy_read")
    actions = action_texts(doc)
    assert actions[KNIFE_EASY]["lang"] == "en" and actions[KNIFE_EASY]["note"]
    assert translations("ta").gettext("This is in English for now.") in doc.text_content()
    # Urdu easy read: the Urdu text the reviewer wrote comes before easy-read English.
    _, doc = get(page_data, "?lang=ur&variant=easy_read")
    assert action_texts(doc)[SCHOOL_UR]["lang"] == "ur"


def test_a_hidden_finding_never_shows_its_number_but_its_action_does(page_data):
    for query in ("?lang=en", "?lang=en&variant=easy_read", "?lang=ar"):
        reply, doc = get(page_data, query)
        # 3 of 30 know someone who carries a knife: below 10, so no sentence and no picture.
        assert not doc.xpath('//*[@id="finding-knife_know_carry"]')
        assert "carries a knife" not in reply.text
        assert "1 in 10" not in reply.text
        knife = doc.xpath('//section[@aria-labelledby="theme-knife_crime"]')[0]
        assert knife.xpath('.//p[@class="hint"]')  # "some results are not shown"
        pictures = knife.xpath('.//*[local-name()="svg"]')
        assert [p.xpath('ancestor::div[@class="finding"]/@id')[0] for p in pictures] == [
            "finding-knife_worry"]
        # The action on the hidden finding still shows, under the theme.
        texts = action_texts(doc)
        carry = CARRY_EASY if "easy" in query else CARRY_EN
        assert texts[carry]["finding"] is None


@pytest.mark.parametrize("lang", ["ur", "ar"])
def test_urdu_and_arabic_pages_are_right_to_left(page_data, lang):
    _, doc = get(page_data, f"?lang={lang}&variant=easy_read")
    assert (doc.get("lang"), doc.get("dir")) == (lang, "rtl")
    picture = doc.xpath('//div[@id="finding-safe_at_school"]//*[local-name()="svg"]')[0]
    filled = [g.get("data-filled") for g in picture.xpath('.//*[@data-filled]')]
    assert filled == ["0"] * 4 + ["1"] * 6  # drawn left to right, so filled from the right
    # The safety features of the pupil pages: exit, help box, language links.
    assert doc.xpath('//a[@data-exit and @href="/exit"]')
    assert "0800 1111" in doc.xpath('//aside[@class="help-box"]')[0].text_content()
    links = doc.xpath('//nav[@class="language-picker"]//a/@href')
    assert f"{URL}?lang=ta&variant=easy_read" in links


def test_page_is_cacheable_sets_no_cookie_and_answers_304(page_data):
    reply, _doc = get(page_data, "?lang=en")
    assert "set-cookie" not in reply.headers
    assert "default-src 'self'" in reply.headers["content-security-policy"]
    assert reply.headers["cache-control"] == "public, max-age=300"
    etag = reply.headers["etag"]
    again = page_data.get(URL + "?lang=en", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert page_data.get(URL + "?lang=ta").headers["etag"] != etag
    # A new action changes the page, so the old copy is no longer current.
    sign_in_reviewer(page_data)
    assert record(page_data, theme="online_safety",
                  texts={"en": "New online safety lessons.", "en-easy": "New lessons."}
                  ).status_code == 201
    use_session(page_data, None)
    page_data.cookies.clear()
    fresh = page_data.get(URL + "?lang=en", headers={"If-None-Match": etag})
    assert fresh.status_code == 200 and "New online safety lessons." in fresh.text


def test_unknown_year_is_a_clear_404_in_the_readers_language(page_data):
    for path in ("/you-said-we-did/2031", "/you-said-we-did/twenty"):
        reply = page_data.get(path + "?lang=ar")
        assert reply.status_code == 404
        assert reply.headers["cache-control"] == "no-store"
        doc = lxml_html.fromstring(reply.text)
        assert (doc.get("lang"), doc.get("dir")) == ("ar", "rtl")
        _ = translations("ar").gettext
        assert _("Page not found") in doc.xpath("//h1")[0].text_content()
        assert doc.xpath('//a[starts-with(@href, "/you-said-we-did/2026")]')
    index = page_data.get("/you-said-we-did?lang=en")
    assert index.status_code == 200
    assert re.search(r'href="/you-said-we-did/2026\?lang=en&amp;variant=standard"', index.text)


def test_every_headline_has_easy_read_words():
    from backend.packs.statements import EASY_STATEMENTS, HEADLINES

    assert set(EASY_STATEMENTS) == set(HEADLINES)
    assert all(s.startswith("said ") for s in EASY_STATEMENTS.values())
