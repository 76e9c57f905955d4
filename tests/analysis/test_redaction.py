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


# ------------------------------------------------------------------ shape of the result
def test_offsets_index_the_input_and_placeholders_are_typed():
    text = "ﾠemail ali@x.com or ring ٠٧٧٠٠٩٠٠١٢٣"
    r = redact(text)
    assert isinstance(r, Redaction)
    assert [text[s.start : s.end] for s in r.spans] == ["ali@x.com", "٠٧٧٠٠٩٠٠١٢٣"]
    assert r.text == "ﾠemail [EMAIL] or ring [PHONE]"
    assert all(isinstance(s, PiiSpan) and s.type in PII_TYPES for s in r.spans)


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
