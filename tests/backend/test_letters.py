"""Parent letters and the pupil assent text: what they say, in which languages, and who gets
which school's letter."""

from __future__ import annotations

import asyncio
import datetime as dt
import re

import pytest
from babel import dates

from backend.i18n import format_date, locale_for
from backend.packs.letters import (
    assent_input,
    cache_assent,
    cache_letter,
    letter_input,
    opt_out_deadline,
    school_window,
)
from backend.settings import DataContact, Settings
from tests.backend.staff.helpers import make_user, session_for, use_session
from tests.conftest import TEST_SECRET, run_feelsafe
from tests.pdf_helpers import embedded_fonts
from tests.pdf_helpers import pdf_text as raw_pdf_text

SCRIPTS = {"ta": r"[\u0B80-\u0BFF]", "ur": r"[\u0600-\u06FF]", "ar": r"[\u0600-\u06FF]"}
SCRIPT_FONT = {"ta": "NotoSansTamil", "ur": "NotoNastaliqUrdu", "ar": "NotoNaskhArabic"}


def pdf_text(data: bytes) -> str:
    return " ".join(raw_pdf_text(data).split())


def test_opt_out_deadline_is_days_before_opening_and_never_at_a_weekend():
    monday = dt.date(2026, 3, 16)
    assert opt_out_deadline(monday, 5) == dt.date(2026, 3, 11)  # a Wednesday
    assert opt_out_deadline(monday, 1) == dt.date(2026, 3, 13)  # Sunday -> Friday
    assert opt_out_deadline(monday, 2) == dt.date(2026, 3, 13)  # Saturday -> Friday
    assert opt_out_deadline(monday, 0) == monday


def test_window_comes_from_the_schools_codes_else_the_editions_dates(app, settings):
    today = dt.date.today()
    _name, window = asyncio.run(school_window(2026, "TST", settings))
    # Seeded codes open 30 days ago (and one tomorrow) and close between yesterday and +30 days.
    assert window.from_codes
    assert window.opens_on == today - dt.timedelta(days=30)
    assert window.closes_on == today + dt.timedelta(days=30)
    assert window.opt_out_by == opt_out_deadline(window.opens_on, settings.opt_out_days)
    name, other = asyncio.run(school_window(2026, "OTH", settings))
    assert name == "Other Park School" and not other.from_codes
    assert (other.opens_on, other.closes_on) == (dt.date(2026, 1, 12), dt.date(2026, 12, 18))


def test_english_letter_says_what_a_parent_needs_to_know(client, settings):
    """The real path: a signed-in admin downloads the letter over HTTP."""
    use_session(client, session_for(make_user("admin")))
    reply = client.get("/staff/letters/OTH/letter?lang=en")
    assert reply.status_code == 200, reply.text
    assert reply.headers["content-type"] == "application/pdf"
    assert "attachment" in reply.headers["content-disposition"]
    text = pdf_text(reply.content)
    for sentence in (
        "Other Park School",
        "Between 12 January 2026 and 18 December 2026, pupils at Other Park School",
        "Sutton Local Safeguarding Children Partnership",
        "Pupils are not asked for their name",
        "No IP addresses or device details are recorded",
        "Your child does not have to take part",
        "Pupils can skip any question",
        "A result for a group of fewer than 10 pupils is never shown",
        "If a pupil writes something worrying",
        "a safeguarding lead at the partnership sees it, with only the school and the date",
        "return it to the school office by 7 January 2026",  # 12 Jan (a Monday) less 5 days
        "0800 1111",
        "Opt-out slip: feeling safe survey 2026",
        "Pupil's name",
        "Your child's name is never entered into the survey system",
        "ask the school office, who will pass your question",
        "Sutton Multi-Agency Safeguarding Hub",
    ):
        assert sentence in text, sentence
    assert all(embedded_fonts(reply.content).values())


def test_a_data_contact_in_settings_is_named_in_the_letter(app, settings):
    custom = Settings.from_env({
        "DATABASE_URL": settings.database_url, "FEELSAFE_SECRET_KEY": TEST_SECRET,
        "FEELSAFE_PARTNERSHIP_NAME": "Testbridge Safeguarding Partnership",
        "FEELSAFE_DATA_CONTACT": '{"name": "Data Protection Officer", '
                                 '"email": "dpo@testbridge.invalid"}',
        "FEELSAFE_OPT_OUT_DAYS": "10",
    })
    assert custom.data_contact == DataContact("Data Protection Officer", "dpo@testbridge.invalid")
    data = asyncio.run(letter_input(2026, "OTH", "en", custom))
    text = pdf_text(cache_letter(data).path.read_bytes())
    assert "Data Protection Officer, dpo@testbridge.invalid" in text
    assert "Testbridge Safeguarding Partnership" in text
    assert "by 2 January 2026" in text  # 12 Jan minus 10 days is a Friday
    with pytest.raises(ValueError, match="FEELSAFE_DATA_CONTACT"):
        Settings.from_env({"DATABASE_URL": settings.database_url,
                           "FEELSAFE_SECRET_KEY": TEST_SECRET, "FEELSAFE_DATA_CONTACT": "{"})


def test_english_assent_text_tells_pupils_it_is_their_choice(client):
    use_session(client, session_for(make_user("send_lead")))
    reply = client.get("/staff/letters/assent?lang=en")
    assert reply.status_code == 200
    text = pdf_text(reply.content)
    for sentence in ("You do not have to take part", "It is anonymous",
                     "You can skip any question", "You can stop at any time",
                     "fewer than 10 people", "a safeguarding lead will read it",
                     "Childline", "0800 1111", "Easy read: before you start",
                     "Sutton Local Safeguarding Children Partnership"):
        assert sentence in text, sentence
    assert all(embedded_fonts(reply.content).values())


@pytest.mark.parametrize("lang", ["ta", "ur", "ar"])
def test_letters_in_tamil_urdu_and_arabic_are_in_their_script_with_fonts_embedded(
        app, settings, lang):
    letter = cache_letter(asyncio.run(letter_input(2026, "OTH", lang, settings))).path
    assent = cache_assent(asyncio.run(assent_input(2026, lang, settings))).path
    for data in (letter.read_bytes(), assent.read_bytes()):
        text = pdf_text(data)
        assert len(re.findall(SCRIPTS[lang], text)) > 500  # translated, not English
        assert "0800 1111" in text
        fonts = embedded_fonts(data)
        assert all(fonts.values())
        assert any(SCRIPT_FONT[lang] in name for name in fonts)
    letter_text = pdf_text(letter.read_bytes())
    if lang != "ur":  # pypdf reads Nastaliq's contextual glyphs back only in part
        january = dates.get_month_names("wide", locale=locale_for(lang))[1]
        assert january in letter_text  # the opt-out date, in the language
    assert "Sutton Local Safeguarding Children Partnership" in letter_text


@pytest.mark.parametrize("lang", ["pl", "pt"])
def test_letters_in_polish_and_portuguese_are_translated(app, settings, lang):
    data = asyncio.run(letter_input(2026, "OTH", lang, settings))
    text = pdf_text(cache_letter(data).path.read_bytes())
    assert "Dear parent or carer" not in text
    assert format_date(dt.date(2026, 1, 7), "long", lang) in text  # the opt-out date


def test_send_lead_gets_only_their_own_schools_letter(client):
    use_session(client, session_for(make_user("send_lead")))  # school TST
    assert client.get("/staff/letters/TST/letter?lang=en").status_code == 200
    refused = client.get("/staff/letters/OTH/letter?lang=ur", follow_redirects=False)
    assert refused.status_code == 403 and "You cannot see this page" in refused.text
    assert client.get("/staff/letters?school=OTH").status_code == 403
    page = client.get("/staff/letters")
    assert "Hillcrest Academy" in page.text and "Other Park School" not in page.text
    assert 'href="/staff/letters/TST/letter?lang=ta" hreflang="ta"' in page.text
    assert '<span lang="ur" dir="rtl">اردو</span>' in page.text
    api = client.get("/api/v1/staff/letters").json()
    assert [s["code"] for s in api["schools"]] == ["TST"]
    assert len(api["schools"][0]["letters"]) == len(api["assent"]) == 6


def test_admin_reaches_every_school_and_unknown_ones_are_not_found(client):
    use_session(client, session_for(make_user("admin")))
    page = client.get("/staff/letters?school=OTH")
    assert page.status_code == 200
    assert "<h2>Other Park School</h2>" in page.text
    assert "the edition's dates: the school has no access codes yet" in page.text
    assert client.get("/staff/letters/NOPE/letter?lang=en").status_code == 404
    assert client.get("/staff/letters/TST/letter?lang=xx").status_code == 404
    assert client.get("/staff/letters?school=NOPE").status_code == 404
    api = client.get("/api/v1/staff/letters").json()
    assert {s["code"] for s in api["schools"]} == {"TST", "OTH"}


def test_cli_builds_letter_and_assent_and_caches_them(sqlite_url, tmp_path):
    cache = str(tmp_path / "cache")
    assert run_feelsafe(sqlite_url, "demo").returncode == 0
    out = tmp_path / "letter.pdf"
    args = ("pack", "letter", "--year", "2026", "--school", "DEMO", "--lang", "pl",
            "--out", str(out))
    first = run_feelsafe(sqlite_url, *args, FEELSAFE_CACHE_DIR=cache)
    assert first.returncode == 0, first.stderr
    assert "Demo Academy" in pdf_text(out.read_bytes())
    again = run_feelsafe(sqlite_url, *args, FEELSAFE_CACHE_DIR=cache)
    assert again.returncode == 0 and "from the cache" in again.stdout
    assent = run_feelsafe(sqlite_url, "pack", "assent", "--year", "2026", "--lang", "ar",
                          "--out", str(tmp_path / "assent.pdf"), FEELSAFE_CACHE_DIR=cache)
    assert assent.returncode == 0, assent.stderr
    assert re.search(SCRIPTS["ar"], pdf_text((tmp_path / "assent.pdf").read_bytes()))
    bad = run_feelsafe(sqlite_url, *args[:5], "NOPE", *args[6:], FEELSAFE_CACHE_DIR=cache)
    assert bad.returncode == 1 and "no school with code 'NOPE'" in bad.stderr
    bad = run_feelsafe(sqlite_url, "pack", "assent", "--year", "1999", "--lang", "en",
                       "--out", str(tmp_path / "x.pdf"), FEELSAFE_CACHE_DIR=cache)
    assert bad.returncode == 1 and "no edition for 1999" in bad.stderr
