"""Emerging topics: what pupils wrote about that the codebook did not foresee.

Counts words and short phrases (1-3 words, not starting or ending with a stopword) in answers
that no theme matched, once per answer, so the engagement subgroup can spot a new code.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from analysis._text import PLACEHOLDER, normalise, split_sentences, words
from analysis.themes import code_themes

if TYPE_CHECKING:
    from analysis.codebook import Codebook

__all__ = ["Topic", "emerging_topics", "ngrams"]

_DATA = Path(__file__).resolve().parent / "data" / "stopwords.toml"


@dataclass(frozen=True)
class Topic:
    """A word or phrase and the number of unmatched answers it occurs in."""

    phrase: str
    count: int


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Words too common to say anything, in every language (normalised)."""
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    return frozenset(normalise(w) for ws in data.values() for w in ws)


def ngrams(text: str, max_n: int = 3) -> set[str]:
    """Distinct 1..max_n-word phrases of an answer, never spanning a sentence or placeholder."""
    stop = stopwords()
    found: set[str] = set()
    for sentence in split_sentences(text):
        for chunk in PLACEHOLDER.split(sentence):
            toks = [w for w in words(normalise(chunk)) if len(w) > 1]
            for n in range(1, max_n + 1):
                for i in range(len(toks) - n + 1):
                    gram = toks[i : i + n]
                    if gram[0] in stop or gram[-1] in stop:
                        continue
                    found.add(" ".join(gram))
    return found


def emerging_topics(
    texts_with_langs: Iterable[tuple[str, str]], codebook: Codebook, top: int = 20
) -> list[Topic]:
    """The ``top`` most frequent phrases in answers that no theme of ``codebook`` matched.

    Ties go to the longer phrase, then alphabetical order, so results are stable. A shorter
    phrase is dropped when a longer one containing it occurs in just as many answers.
    """
    counts: Counter[str] = Counter()
    for text, lang in texts_with_langs:
        if text and text.strip() and not code_themes(text, lang, codebook):
            counts.update(ngrams(text))
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], -len(kv[0].split()), kv[0]))
    kept: list[Topic] = []
    for phrase, count in ranked:
        if any(t.count == count and f" {phrase} " in f" {t.phrase} " for t in kept):
            continue
        kept.append(Topic(phrase, count))
        if len(kept) == top:
            break
    return kept
