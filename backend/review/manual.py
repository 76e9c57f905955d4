"""Redaction by hand: a reviewer names words or phrases the redactor missed.

Each occurrence (any case, any run of spaces between the words) is replaced by the redactor's
own placeholder for the kind of detail, so a hand redaction reads exactly like
an automatic one. Pure functions: the caller rewrites the stored text and keeps nothing removed.
"""

from __future__ import annotations

import re
import unicodedata

from analysis.redaction import PII_TYPES, PLACEHOLDERS

__all__ = [
    "MANUAL",
    "MAX_PHRASES",
    "MAX_PHRASE_LENGTH",
    "MIN_PHRASE_LENGTH",
    "REDACTION_KINDS",
    "parse_phrases",
    "remove_phrases",
]

MANUAL = "MANUAL"
"""Added to ``pii_types`` when a reviewer redacted by hand."""
REDACTION_KINDS: tuple[str, ...] = PII_TYPES
"""What a reviewer may say the removed words were; each has the redactor's placeholder."""
MAX_PHRASES = 20
MAX_PHRASE_LENGTH = 200
MIN_PHRASE_LENGTH = 2


def parse_phrases(raw: str | list[str]) -> list[str]:
    """One phrase per line (or list item), trimmed, blanks and repeats left out."""
    lines = raw.splitlines() if isinstance(raw, str) else [str(p) for p in raw]
    seen: set[str] = set()
    phrases = []
    for line in lines:
        phrase = " ".join(line.split())
        if phrase and phrase.casefold() not in seen:
            seen.add(phrase.casefold())
            phrases.append(phrase)
    return phrases


def _is_word_char(ch: str) -> bool:
    return ch == "_" or unicodedata.category(ch)[0] in "LMN"


_PLACEHOLDER = re.compile(r"\[[A-Z][A-Z_]*\]")


def _spans(text: str, phrase: str, whole_words: bool) -> list[tuple[int, int]]:
    """Occurrences of ``phrase`` in any case, its words joined by any run of spaces.

    With ``whole_words`` a match inside a longer word is skipped ("Sam" is not in "same");
    without, the match grows to the whole word around it, for languages that attach endings
    and particles to a name (Tamil "ராமுவை", Arabic "وسام").
    """
    body = r"\s+".join(re.escape(w) for w in phrase.split())
    found = []
    for match in re.finditer(body, text, re.IGNORECASE):
        start, end = match.span()
        if whole_words:
            if start and _is_word_char(text[start - 1]) and _is_word_char(text[start]):
                continue
            if end < len(text) and _is_word_char(text[end]) and _is_word_char(text[end - 1]):
                continue
        else:
            while start and _is_word_char(text[start - 1]):
                start -= 1
            while end < len(text) and _is_word_char(text[end]):
                end += 1
        found.append((start, end))
    return found


def remove_phrases(text: str, phrases: list[str], kind: str, *,
                   whole_words: bool = True) -> tuple[str, int]:
    """``text`` with every occurrence of ``phrases`` (see :func:`_spans`) replaced by the
    placeholder of ``kind``, and how many were replaced. Where phrases overlap the longer one
    wins; existing placeholders are never touched."""
    marker = PLACEHOLDERS[kind]
    taken = [m.span() for m in _PLACEHOLDER.finditer(text)]
    candidates = sorted((span for p in phrases for span in _spans(text, p, whole_words)),
                        key=lambda s: (s[0] - s[1], s[0]))
    kept: list[tuple[int, int]] = []
    for start, end in candidates:
        if all(end <= s or start >= e for s, e in taken):
            taken.append((start, end))
            kept.append((start, end))
    out: list[str] = []
    done = 0
    for start, end in sorted(kept):
        out += [text[done:start], marker]
        done = end
    out.append(text[done:])
    return "".join(out), len(kept)
