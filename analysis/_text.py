"""Script-aware text helpers shared by theme coding, concern screening and emerging topics.

Python's ``\\b`` and ``\\w`` treat Tamil vowel signs and Arabic diacritics as non-letters, so a
word boundary would fall inside a Tamil word; these helpers define word characters per Unicode
category instead, and fold spelling variants (case, apostrophes, Arabic/Urdu letter forms).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["FOLD", "PLACEHOLDER", "WORD_CHARS", "normalise", "split_sentences", "words"]

WORD_CHARS = r"\w\u0300-\u036f\u0b82-\u0bcd\u0bd7\u064b-\u065f\u0670\u06d6-\u06ed\u200c\u200d"
"""A regex character-class body for letters, digits and combining marks of our six scripts."""

PLACEHOLDER = re.compile(r"\[[A-Z][A-Z_]*\]")
"""Redaction placeholders such as ``[NAME]`` or ``[PHONE]``."""

FOLD = str.maketrans(  # apostrophes, Arabic/Urdu letter variants, tatweel
    {
        "\u2019": None, "\u2018": None, "'": None, "`": None, "\u00b4": None,
        "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
        "\u0649": "\u064a", "\u06cc": "\u064a", "\u06d0": "\u064a",
        "\u06a9": "\u0643",
        "\u0629": "\u0647", "\u06c1": "\u0647", "\u06c3": "\u0647", "\u06d5": "\u0647",
        "\u0640": None,
    }
)
_ARABIC_MARKS = re.compile(r"[\u064b-\u065f\u0670\u06d6-\u06ed]")
_SENTENCE = re.compile(r"(?<=[.!?\u061f\u06d4])\s+|\n+|(?<=[.!?])(?=[A-Za-z])")
_SENTENCE_MARKS = ".!?\n\u061f\u06d4"
_SENTENCE_MARK = re.compile(f"[{re.escape(_SENTENCE_MARKS)}]")
_WORD = re.compile(rf"[{WORD_CHARS}]+")


def normalise(text: str) -> str:
    """Fold case, apostrophes and Arabic-script letter variants so spellings compare equal.

    Placeholders keep their brackets but are lower-cased like everything else. Plain ASCII
    (most answers) takes a short path with the same result.
    """
    if text.isascii():
        return text.lower().replace("'", "").replace("`", "")
    return _normalise_other(text)


@lru_cache(maxsize=4)
def _normalise_other(text: str) -> str:
    """The full fold, remembered for the last few answers: the concern screen and theme coding
    both fold the same answer, and this path is the costly one."""
    text = unicodedata.normalize("NFC", text).casefold().translate(FOLD)
    return _ARABIC_MARKS.sub("", text)


def split_sentences(text: str) -> list[str]:
    """Split on sentence punctuation (Latin, Arabic and Urdu) and line breaks."""
    if _SENTENCE_MARK.search(text) is None:  # one sentence: nothing to split
        return [text] if text.strip() else []
    return [s for s in _SENTENCE.split(text) if s.strip()]


def words(text: str) -> list[str]:
    """Word tokens of already-normalised text (placeholders excluded by the caller)."""
    return [w for w in _WORD.findall(text) if not w.isdigit() and w != "_"]
