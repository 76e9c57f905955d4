"""Theme coding: which codebook themes an answer touches, and which terms show it.

Matching is transparent on purpose: each :class:`ThemeMatch` lists the codebook terms found,
so a reviewer can see why a theme was given and correct the codebook rather than the code.
Negation is ignored ("I don't carry a knife" is still about knife crime).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from analysis._text import WORD_CHARS, normalise

if TYPE_CHECKING:
    from analysis.codebook import Codebook

__all__ = ["ThemeMatch", "code_themes", "compile_term"]

_BEFORE = rf"(?<![{WORD_CHARS}])"
_AFTER = rf"(?![{WORD_CHARS}])"
_STEM_TAIL = rf"[{WORD_CHARS}]*"
_PLURAL = {"en": "(?:s|es)?", "pt": "(?:s|es)?"}
# Arabic attaches conjunctions, prepositions and the article to the word, and pronouns after it.
_AR_CLITICS = "(?:و|ف|ب|ل|ك|ال|وال|بال|فال|كال|لل|ولل|وب|ول)?"
_AR_ENDINGS = "(?:ه|ها|هم|هن|ي|ك|كم|نا|ات|ون|ين|ان|وا|ني)?"


_Matcher = tuple[str, "re.Pattern[str]", tuple[str, ...]]


@dataclass(frozen=True)
class ThemeMatch:
    """A theme given to an answer and the codebook terms that matched."""

    theme: str
    terms: tuple[str, ...]


def compile_term(term: str, lang: str) -> str:
    """The regex source for one codebook term in one language (see codebook.toml's header)."""
    return _BEFORE + _term_body(term, lang)


def _term_body(term: str, lang: str) -> str:
    """A term's regex without the leading word boundary (the matcher checks that once)."""
    words = normalise(term).split()
    parts = []
    for i, word in enumerate(words):
        stem = word.endswith("*")
        body = re.escape(word.rstrip("*")).replace(r"\-", "[-\\s]?")
        last = i == len(words) - 1
        if stem or lang == "ta":
            body += _STEM_TAIL
        elif lang == "ar":
            body += _AR_ENDINGS
        elif last:
            body += _PLURAL.get(lang, "")
        if lang == "ar":
            body = _AR_CLITICS + body
        parts.append(body)
    return r"[\s\-]+".join(parts) + _AFTER


@lru_cache(maxsize=64)
def _matchers(codebook: Codebook, lang: str) -> tuple[_Matcher, ...]:
    """Per theme: one alternation of every term (own language, then English) with a group each."""
    out = []
    langs = (lang, "en") if lang != "en" else ("en",)
    for tid, theme in codebook.themes.items():
        terms: list[str] = []
        sources: list[str] = []
        for lg in langs:
            for term in theme.terms.get(lg, ()):
                terms.append(term)
                sources.append(f"({_term_body(term, lg)})")
        if terms:
            # One boundary check per position, then the alternation: most positions fail fast.
            out.append((tid, re.compile(_BEFORE + "(?:" + "|".join(sources) + ")"), tuple(terms)))
    return tuple(out)


def code_themes(text: str, lang: str, codebook: Codebook) -> list[ThemeMatch]:
    """Every theme whose terms occur in ``text``, in codebook order, with the matched terms.

    Answers in any language are also searched with the English terms, because pupils often mix
    English words ("bullying", "snapchat") into Tamil, Urdu, Polish, Portuguese or Arabic.
    """
    norm = normalise(text)
    found: list[ThemeMatch] = []
    for tid, pattern, terms in _matchers(codebook, lang):
        hit: dict[str, None] = {}
        for m in pattern.finditer(norm):
            hit[terms[m.lastindex - 1]] = None
        if hit:
            found.append(ThemeMatch(tid, tuple(hit)))
    return found
