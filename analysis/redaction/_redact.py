"""Run every detector, resolve overlaps and build the redacted text."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

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
_DETECTORS: tuple[Detector, ...] = (
    find_emails,
    find_urls,
    find_phones,
    find_postcodes,
    find_handles,
)


def _resolve(found: Iterable[tuple[int, int, str]]) -> list[PiiSpan]:
    """Keep a non-overlapping subset, preferring higher rank, then longer spans."""
    candidates = sorted(
        {(s, e, t) for s, e, t in found if e > s},
        key=lambda c: (-_RANK[c[2]], -(c[1] - c[0]), c[0]),
    )
    taken: list[PiiSpan] = []
    for s, e, t in candidates:
        if all(e <= o.start or s >= o.end for o in taken):
            taken.append(PiiSpan(s, e, t))
    taken.sort()
    return taken


def _detect(text: str, schools: Sequence[str]) -> Iterator[tuple[int, int, str]]:
    norm = normalise(text)
    for detector in _DETECTORS:
        yield from detector(norm)


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
    out: list[str] = []
    pos = 0
    for span in spans:
        out.append(text[pos : span.start])
        out.append(PLACEHOLDERS[span.type])
        pos = span.end
    out.append(text[pos:])
    return Redaction("".join(out), tuple(spans))
