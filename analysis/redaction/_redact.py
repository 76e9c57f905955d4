"""Run every detector, resolve overlaps and build the redacted text."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence

from ._lexicon import word_set
from ._names import BORING, find_names
from ._places import find_addresses, find_schools, may_hold_address, may_hold_school
from ._structured import find_emails, find_handles, find_phones, find_postcodes, find_urls
from ._text import normalise
from ._types import PLACEHOLDERS, PiiSpan, Redaction

__all__ = ["redact"]

# When two findings overlap the one of higher rank wins (then the longer one):
# an email contains something that looks like a handle and a domain, a URL may
# contain a handle, a school's name may contain a person's name.
_RANK = {
    "EMAIL": 8,
    "URL": 7,
    "PHONE": 6,
    "POSTCODE": 5,
    "ADDRESS": 4,
    "SCHOOL": 3,
    "HANDLE": 2,
    "PERSON": 1,
}

Detector = Callable[[str], Iterable[tuple[int, int, str]]]
# Each detector runs only when a cheap test on the text and its set of
# lowercase words says it could find something: most answers hold no digit,
# no "@", no app name and no full stop inside a word.
_LOW_WORDS = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"[0-9]")
_DOTTED = re.compile(r"[A-Za-z0-9][./][A-Za-z0-9]")
_PROVIDERS = word_set(
    "gmail googlemail hotmail outlook yahoo icloud live aol btinternet sky proton protonmail mail"
)
_APPS = word_set(
    "snap snapchat sc insta instagram ig tiktok tik tt discord dc twitter fb facebook "
    "roblox xbox psn gamertag twitch kik telegram threads yt youtube fortnite steam "
    "username user usr handle acc account"
)
_NON_LATIN_APPS = re.compile(
    r"سناب|انست|تيك|تيكتوك|ديسكورد|سنیپ|اسنیپ|انسٹا|ٹک|ڈسکارڈ|ஸ்ன|ஸ்ந|இன்ஸ்டா|டிக்"
)


def _hints(norm: str, words: set[str]) -> list[Detector]:
    detectors: list[Detector] = []
    at = "@" in norm
    if at or not words.isdisjoint(_PROVIDERS):
        detectors.append(find_emails)
    if ("." in norm or "/" in norm) and _DOTTED.search(norm):
        detectors.append(find_urls)
    if _DIGIT.search(norm) is not None:
        detectors += (find_phones, find_postcodes)
    if at or not words.isdisjoint(_APPS) or (not norm.isascii() and _NON_LATIN_APPS.search(norm)):
        detectors.append(find_handles)
    detectors.append(find_names)
    return detectors


def _resolve(found: Iterable[tuple[int, int, str]]) -> list[PiiSpan]:
    """Keep a non-overlapping subset, preferring higher rank, then longer spans."""
    if not found:
        return []
    candidates = sorted(
        {(s, e, t) for s, e, t in found if e > s},
        key=lambda c: (-_RANK[c[2]], -(c[1] - c[0]), c[0]),
    )
    starts: list[int] = []  # kept spans, sorted and disjoint, as parallel start/end lists
    ends: list[int] = []
    types: list[str] = []
    for s, e, t in candidates:
        i = bisect_left(starts, s)
        if (i > 0 and ends[i - 1] > s) or (i < len(starts) and starts[i] < e):
            continue  # overlaps a span already kept
        starts.insert(i, s)
        ends.insert(i, e)
        types.insert(i, t)
    return [PiiSpan(s, e, t) for s, e, t in zip(starts, ends, types, strict=True)]


def _detect(text: str, schools: Sequence[str]) -> list[tuple[int, int, str]]:
    """Every finding of every detector that could find something (a list: most are empty)."""
    norm = normalise(text)
    lowered = norm.lower()
    words = set(_LOW_WORDS.findall(lowered))
    # find_names' own first test ("every word is an ordinary word"), done here with the word set
    # already made when the text is plain lower-case ASCII (then the two word sets are equal)
    names_possible = not (lowered == norm and norm.isascii() and words <= BORING)
    found: list[tuple[int, int, str]] = []
    for detector in _hints(norm, words):
        if detector is find_names and not names_possible:
            continue
        found.extend(detector(norm))
    if may_hold_school(words, schools):
        found.extend(find_schools(norm, schools, words))
    if may_hold_address(words):
        found.extend(find_addresses(norm, words))
    return found


def redact(text: str, *, schools: Sequence[str] = ()) -> Redaction:
    """Replace PII in free text with typed placeholders such as ``[NAME]``.

    ``schools`` are the registered school names (matched whatever their case).
    Offsets in the returned spans index ``text`` itself. Never raises on a str.
    """
    if not isinstance(text, str):
        raise TypeError(f"redact() needs a str, not {type(text).__name__}")
    if not text:
        return Redaction("", ())
    spans = _resolve(_detect(text, schools))
    if not spans:
        return Redaction(text, ())
    out: list[str] = []
    pos = 0
    for span in spans:
        out.append(text[pos : span.start])
        out.append(PLACEHOLDERS[span.type])
        pos = span.end
    out.append(text[pos:])
    return Redaction("".join(out), tuple(spans))
