"""The survey API in every language and version, and submissions recording their language."""

from __future__ import annotations

import asyncio

from backend.i18n import LANGUAGES
from backend.storage.tables import Response
from tests.backend.submission_helpers import submission

TRANSLATED = [code for code in LANGUAGES if code != "en"]
SAME_IN_TRANSLATION = {"pl": {"Urdu"}, "pt": {"Urdu"}}
"""Option texts that are spelt the same in the language as in English."""


def _texts(survey: dict) -> dict[str, str]:
    """Every pupil-facing text of a /surveys/current answer, keyed by where it is."""
    found = {"title": survey["title"], "description": survey["description"]}
    for section in survey["sections"]:
        found[f"section {section['id']}"] = section["title"]
        if section["intro"]:
            found[f"section {section['id']} intro"] = section["intro"]
    for q in survey["questions"]:
        found[f"{q['id']} text"] = q["text"]
        if q["help"]:
            found[f"{q['id']} help"] = q["help"]
        for option in q["options"]:
            found[f"{q['id']} option {option['value']}"] = option["text"]
        for special in ("prefer_not_say", "dont_understand"):
            if q[special]:
                found[f"{q['id']} {special}"] = q[special]["text"]
    return found


def test_survey_is_served_in_every_language_and_version_with_no_english_left(client):
    for variant in ("standard", "easy_read"):
        english = _texts(client.get(f"/api/v1/surveys/current?lang=en&variant={variant}").json())
        for lang in TRANSLATED:
            reply = client.get(f"/api/v1/surveys/current?lang={lang}&variant={variant}")
            assert reply.status_code == 200
            survey = reply.json()
            assert survey["language"] == lang
            assert survey["direction"] == LANGUAGES[lang].direction
            texts = _texts(survey)
            assert texts.keys() == english.keys()
            untranslated = {
                where: text for where, text in texts.items()
                if text == english[where] and text not in SAME_IN_TRANSLATION.get(lang, ())
            }
            assert untranslated == {}, f"{lang} {variant}: English left in {untranslated}"


def test_tamil_questions_are_in_tamil_script(client):
    survey = client.get("/api/v1/surveys/current?lang=ta&variant=easy_read").json()
    for q in survey["questions"]:
        assert any("\u0b80" <= ch <= "\u0bff" for ch in q["text"]), q["id"]


def test_rtl_languages_are_marked_rtl(client):
    for lang in ("ur", "ar"):
        assert client.get(f"/api/v1/surveys/current?lang={lang}").json()["direction"] == "rtl"
    assert client.get("/api/v1/surveys/current?lang=ta").json()["direction"] == "ltr"


def test_each_submission_stores_its_language_and_answers_in_it(client):
    receipts = {}
    for lang in LANGUAGES:
        for variant in ("standard", "easy_read"):
            body = submission(language=lang, variant=variant)
            reply = client.post("/api/v1/responses", json=body)
            assert reply.status_code == 201, reply.text
            receipts[(lang, variant)] = (body["client_submission_id"], reply.json()["message"])
    rows = asyncio.run(Response.select(Response.language, Response.variant).run())
    assert sorted((r["language"], r["variant"]) for r in rows) == sorted(receipts)
    assert receipts[("pl", "standard")][1] == "Dziękujemy. Twoje odpowiedzi zostały zapisane."
    assert receipts[("en", "standard")][1] == "Thank you. Your answers have been saved."


def test_unknown_submission_language_is_refused_and_nothing_is_stored(client):
    reply = client.post("/api/v1/responses", json=submission(language="fr"))
    assert reply.status_code == 400
    assert any(p["field"] == "language" for p in reply.json()["problems"])
    assert asyncio.run(Response.count().run()) == 0
