"""The cheap tests that decide whether a detector runs never skip what it would find."""

from __future__ import annotations

import pytest

from analysis.redaction import redact
from analysis.redaction._text import normalise


def test_ascii_text_is_already_normal_and_other_digits_still_map():
    text = "ring 07700 900123"
    assert normalise(text) is text
    assert normalise("٠٧٧٠٠ ٩٠٠١٢٣") == "07700 900123"


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("flat 3, 12 Larkspur Road", "[ADDRESS]"),  # numbered: needs a digit, has one
        ("I live on Larkspur Road now", "I live on [ADDRESS] now"),  # cue word, no digit
        ("I STAY ON Larkspur Road now", "I STAY ON [ADDRESS] now"),
        # Not ASCII: case folding differs between the pattern and str.lower(), so the
        # pattern always runs ("ſ" is a long s, which the pattern reads as "s").
        ("I ſtay on Larkspur Road now", "I ſtay on [ADDRESS] now"),
        ("we went to the park at the end of the road",) * 2,
    ],
)
def test_addresses_are_found_with_or_without_a_digit(text, redacted):
    assert redact(text).text == redacted
