"""Behaviour of analysis.redaction.redact: what is redacted, what is left alone, offsets."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.redaction import PII_TYPES, PiiSpan, Redaction, redact


def found(text: str, **kw) -> list[tuple[str, str]]:
    """(substring of the input, type) for each span."""
    return [(text[s.start : s.end], s.type) for s in redact(text, **kw).spans]


# ------------------------------------------------------------------ structured types
@pytest.mark.parametrize(
    "text, pii",
    [
        ("call me on 07700 900123 after school", "07700 900123"),
        ("ring 07700900123", "07700900123"),
        ("my number +44 7700 900123 x", "+44 7700 900123"),
        ("text +447700900123", "+447700900123"),
        ("0044 7700 900 123 is mine", "0044 7700 900 123"),
        ("home (020) 8770 5000", "(020) 8770 5000"),
        ("home 020-8770-5000", "020-8770-5000"),
        ("+44 (0)20 8770 5000 is the house", "+44 (0)20 8770 5000"),
        ("zadzwoń 600 123 456", "600 123 456"),
    ],
)
def test_phone_numbers_in_uk_and_other_formats(text, pii):
    assert found(text) == [(pii, "PHONE")]


def test_arabic_indic_and_urdu_digits_are_phone_numbers():
    text = "رقمي ٠٧٧٠٠٩٠٠١٢٣ و ۰۷۷۰۰ ۹۰۰ ۱۲۳"
    assert found(text) == [("٠٧٧٠٠٩٠٠١٢٣", "PHONE"), ("۰۷۷۰۰ ۹۰۰ ۱۲۳", "PHONE")]
    assert redact(text).text == "رقمي [PHONE] و [PHONE]"


def test_helplines_and_ordinary_numbers_are_not_phones():
    assert found("i rang childline on 0800 1111 and the nspcc 0808 800 5000") == []
    assert found("in 2019 about 300 000 people, born 12/03/2010 at 5.30") == []


def test_a_phone_followed_by_stray_digits_is_still_found():
    assert found("call 07700 900123 2 times") == [("07700 900123", "PHONE")]


@pytest.mark.parametrize(
    "text, pii",
    [
        ("email me jamie.s@gmail.com pls", "jamie.s@gmail.com"),
        ("it's kasia_99@wp.pl", "kasia_99@wp.pl"),
        ("jamie at hotmail dot com", "jamie at hotmail dot com"),
        ("بريدي ali.k@outlook.com", "ali.k@outlook.com"),
    ],
)
def test_emails(text, pii):
    assert found(text) == [(pii, "EMAIL")]


@pytest.mark.parametrize(
    "text, pii",
    [
        ("look at https://example.com/x?y=1.", "https://example.com/x?y=1"),
        ("www.foo.co.uk has it", "www.foo.co.uk"),
        ("he sent bit.ly/abc123 to me", "bit.ly/abc123"),
        ("go on sutton.gov.uk", "sutton.gov.uk"),
    ],
)
def test_urls(text, pii):
    assert found(text) == [(pii, "URL")]


def test_missing_space_after_full_stop_is_not_a_url():
    assert found("it was bad.to be honest i felt sad.me and my mum left") == []


@pytest.mark.parametrize(
    "text, pii",
    [
        ("my snap is jamie_22", "jamie_22"),
        ("add me on insta its lily.x", "lily.x"),
        ("ig: kasia_99", "kasia_99"),
        ("follow @tom.h on tiktok", "@tom.h"),
        ("mój snap to ola2010", "ola2010"),
        ("meu insta é joao.silva", "joao.silva"),
        ("سناب: ali_123", "ali_123"),
        ("میرا سنیپ چیٹ zain_07 ہے", "zain_07"),
    ],
)
def test_social_handles(text, pii):
    assert found(text) == [(pii, "HANDLE")]


def test_words_after_app_names_are_not_handles():
    assert found("my snap is private and insta is blocked") == []
    assert found("meet @ 5 by the station") == []


@pytest.mark.parametrize(
    "text, pii",
    [
        ("i live at SM1 1AA", "SM1 1AA"),
        ("postcode sm11aa", "sm11aa"),
        ("it's cr4 3ub by the shops", "cr4 3ub"),
        ("I live in SM5", "SM5"),
    ],
)
def test_postcodes(text, pii):
    assert found(text) == [(pii, "POSTCODE")]


def test_postcode_lookalikes_are_left_alone():
    assert found("CR7 is the goat and my ps5 is broken") == []


# ------------------------------------------------------------------ names
@pytest.mark.parametrize(
    "text, pii",
    [
        ("jamie keeps following me home", "jamie"),
        ("my friend tyler got jumped", "tyler"),
        ("jake thompson brought a blade", "jake thompson"),
        ("sophie k is not nice", "sophie k"),
        ("jaimee keeps starting rumours", "jaimee"),  # misspelt Jaime/Jamie
        ("a boy named Zayn threatened me", "Zayn"),
        ("my friend jaxon got jumped", "jaxon"),  # on no list: the cue finds it
        ("DANIEL IS A BULLY", "DANIEL"),
        ("i get bullied by Tyler-James at lunch", "Tyler-James"),
        ("byłam z Kasią w parku", "Kasią"),  # Polish instrumental case
        ("o Tiago disse que tem uma faca", "Tiago"),
    ],
)
def test_person_names_in_any_case(text, pii):
    assert found(text) == [(pii, "PERSON")]


def test_several_names_in_one_answer():
    text = "Oliwia cried because of what Jess said"
    assert found(text) == [("Oliwia", "PERSON"), ("Jess", "PERSON")]
    assert redact(text).text == "[NAME] cried because of what [NAME] said"


def test_titles_keep_the_title_and_redact_the_name():
    assert redact("mr patel is the only teacher who listens").text == (
        "mr [NAME] is the only teacher who listens"
    )
    assert redact("Mr Patel said so").text == "Mr [NAME] said so"
    assert redact("miss k said to tell someone").text == "miss [NAME] said to tell someone"
    assert redact("Mrs White helped me").text == "Mrs [NAME] helped me"


@pytest.mark.parametrize(
    "text",
    [
        "i will tell a teacher if something happens",
        "people will say things online",
        "i got a bad mark in maths",
        "mark my words someone is going to get hurt",
        "the rose garden in the park is nice",
        "hope this survey helps",
        "in may there was a stabbing near the shops",
        "i miss my old friends and i really miss home",
        "the lily pads at the pond are nice",
        "sir said we will have an assembly",
    ],
)
def test_ordinary_words_that_are_also_names_are_left_alone(text):
    assert found(text) == []


def test_word_like_names_are_names_with_a_cue_or_a_capital():
    assert found("my friend mark got stabbed") == [("mark", "PERSON")]
    assert found("a girl called rose got her phone nicked") == [("rose", "PERSON")]
    assert found("me and Will walk home together") == [("Will", "PERSON")]
    assert found("lily said she would kill herself") == [("lily", "PERSON")]


@pytest.mark.parametrize(
    "text",
    [
        "sutton high street is dodgy after dark",
        "i feel unsafe in croydon and cheam and on the tram at wallington",
        "Carshalton ponds at night, Sutton station and the high street are sketchy",
        "i rang Childline once, the NSPCC came in and the police were there",
        "camhs took ages so i used kooth",
        "someone on Snapchat and TikTok and Instagram and WhatsApp and Discord and Roblox",
        "I feel safe at school mostly",
        "i dont like walking through manor park or stanley park",
    ],
)
def test_places_services_and_apps_are_left_alone(text):
    assert found(text) == []


def test_names_in_arabic_and_tamil_script():
    assert found("صديقي محمد يخاف") == [("محمد", "PERSON")]
    assert found("میرا دوست علی ڈرتا ہے") == [("علی", "PERSON")]
    assert found("ومع علي ذهبنا") == [("علي", "PERSON")]  # the prefix و "and" stays
    assert found("அருணுக்கு பயமாக இருக்கிறது") == [("அருணுக்கு", "PERSON")]
    # أمل is also "hope", على is "on": words, not names
    assert found("أمل أن يساعد هذا الاستبيان") == []
    assert found("الشرطة على الطريق") == []


# ------------------------------------------------------------------ schools and addresses
SCHOOLS = ("Greenshaw High School", "Cheam High School", "Wilson's School", "The Link")


@pytest.mark.parametrize(
    "text, pii",
    [
        ("i go to greenshaw and its ok", "greenshaw"),
        ("at Cheam High there are fights", "Cheam High"),
        ("wilsons boys are stuck up", "wilsons"),
        ("my brother goes to the link", "the link"),
        ("i moved from Riverside Academy last year", "Riverside Academy"),
        ("my old school St Mary's Primary School was safer", "St Mary's Primary School"),
    ],
)
def test_schools(text, pii):
    assert found(text, schools=SCHOOLS) == [(pii, "SCHOOL")]


@pytest.mark.parametrize(
    "text",
    [
        "in high school people are meaner than primary",
        "cheam is fine but the high street is scary",
        "click the link they sent",
        "i want to go to a football academy",
        "knife crime is bad in sutton",
    ],
)
def test_school_lookalikes_are_left_alone(text):
    assert found(text, schools=SCHOOLS) == []


@pytest.mark.parametrize(
    "text, pii",
    [
        ("i live at 12 Oak Road", "12 Oak Road"),
        ("flat 3, 45 High Street is where i live", "flat 3, 45 High Street"),
        ("he lives on 27 collingwood road", "27 collingwood road"),
        ("the dealer lives on Aultone Way", "Aultone Way"),
        ("mieszkam przy ul. Długa 5", "ul. Długa 5"),
        ("moro na Rua das Flores, 23", "Rua das Flores, 23"),
    ],
)
def test_addresses(text, pii):
    assert found(text) == [(pii, "ADDRESS")]


@pytest.mark.parametrize(
    "text",
    [
        "its a 10 minute walk to the station",
        "i live on the high street",
        "3 people on the road were fighting",
        "we live on the main road and its loud",
    ],
)
def test_address_lookalikes_are_left_alone(text):
    assert found(text) == []


# ------------------------------------------------------------------ shape of the result
def test_offsets_index_the_input_and_placeholders_are_typed():
    text = "ﾠemail ali@x.com or ring ٠٧٧٠٠٩٠٠١٢٣"
    r = redact(text)
    assert isinstance(r, Redaction)
    assert [text[s.start : s.end] for s in r.spans] == ["ali@x.com", "٠٧٧٠٠٩٠٠١٢٣"]
    assert r.text == "ﾠemail [EMAIL] or ring [PHONE]"
    assert all(isinstance(s, PiiSpan) and s.type in PII_TYPES for s in r.spans)


def test_odd_and_huge_input_is_handled():
    big = "my snap is jamie_22 and i live at 12 Oak Road SM1 1AA. " * 4000
    r = redact(big)
    assert r.text.count("[HANDLE]") == r.text.count("[ADDRESS]") == 4000
    assert redact("\x00\ud800 @ . 0 +44 ﷽ 𝕁𝕒𝕞𝕚𝕖").text  # lone surrogate, NUL, odd symbols
    assert redact("x" * 100_000).spans == ()
    # long blank or repeated stretches after a cue must not blow up the matchers
    assert redact("my snap is" + " " * 20_000 + "x_1").spans == ()
    assert redact("12 " + "a" * 50_000 + " road").spans == ()
    assert redact("0" * 50_000).spans == ()
    assert redact("hi Jamie", schools=["", "  "]).text == "hi [NAME]"


def test_empty_and_plain_text():
    assert redact("") == Redaction("", ())
    assert redact("i feel safe at school") == Redaction("i feel safe at school", ())


def _rebuild(text: str, r: Redaction) -> str:
    placeholders = {
        "PERSON": "[NAME]",
        "PHONE": "[PHONE]",
        "EMAIL": "[EMAIL]",
        "POSTCODE": "[POSTCODE]",
        "ADDRESS": "[ADDRESS]",
        "SCHOOL": "[SCHOOL]",
        "HANDLE": "[HANDLE]",
        "URL": "[URL]",
    }
    out, pos = [], 0
    for s in r.spans:
        out += [text[pos : s.start], placeholders[s.type]]
        pos = s.end
    return "".join([*out, text[pos:]])


_PIIISH = st.sampled_from(
    [
        "07700 900123",
        "+44 7700 900123",
        "ali@x.com",
        "SM1 1AA",
        "bit.ly/x",
        "@jo_1",
        "my snap is ",
        "Mr Patel",
        "jamie",
        "12 Oak Road",
        "Greenshaw High",
        " ",
        ".",
        "٠٧٧",
        "ஸ்னாப்",
        "سناب: ",
        "Will",
        "the high street",
        "\n",
        "\u200f",
        "Ł",
        "www.",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=40), _PIIISH), max_size=12).map("".join))
def test_redact_never_raises_and_spans_are_consistent(text):
    r = redact(text, schools=("Greenshaw High School", ""))
    spans = r.spans
    assert all(0 <= s.start < s.end <= len(text) for s in spans)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))
    assert all(s.type in PII_TYPES for s in spans)
    assert _rebuild(text, r) == r.text


def test_eval_set_is_in_step_with_its_generator():
    """tests/data/pii_eval.jsonl is what make_pii_eval.py writes (offsets included)."""
    import json
    import sys
    from pathlib import Path

    data = Path(__file__).resolve().parents[1] / "data"
    sys.path.insert(0, str(data))
    try:
        from make_pii_eval import build
    finally:
        sys.path.remove(str(data))
    lines = (data / "pii_eval.jsonl").read_text(encoding="utf-8").splitlines()
    stored = [json.loads(line) for line in lines]
    assert stored == build()
    for item in stored:
        for span in item["pii"]:
            piece = item["text"][span["start"] : span["end"]]
            assert piece and piece == piece.strip() and span["type"] in PII_TYPES


def test_words_that_carry_a_disclosure_are_not_taken_for_names():
    """Stored text is what the concern screen reads: hiding "matar" would hide a child at risk."""
    assert redact("às vezes penso em me matar").text == "às vezes penso em me matar"
    assert redact("nie wiem kim jestem, jestem sama").text == "nie wiem kim jestem, jestem sama"
    assert redact("my friend Kim said it").text == "my friend [NAME] said it"
