"""What the trained models share: the features they read and a remembered linear scorer.

The concern screen, the theme model and the sentiment model are logistic regressions over an
answer's words, word pairs and the 3- to 5-letter pieces of each word (pieces carry misspellings,
slang spellings and the inflections of Tamil, Urdu and Polish). They are trained offline with
scikit-learn on the labelled answers under ``tests/data`` and ship as JSON weights, so nothing is
trained or downloaded at run time. Scoring is a sum of weights; each distinct word's weights (with
its letter pieces) are remembered, so an answer costs a few dictionary lookups per word.
"""

from __future__ import annotations

import re
from itertools import pairwise

from analysis._text import WORD_CHARS, normalise

__all__ = ["LinearHeads", "features", "pairs", "tokens", "word_features"]

_WORD = re.compile(rf"[{WORD_CHARS}]+")
_LATIN = str.maketrans("ąćęłńóśźżáàâãéêíôõúüç", "acelnoszzaaaaeeioouuc")
"""Polish and Portuguese letters folded to plain ones: pupils often type without them."""
_ASCII_WORD = re.compile(r"[a-z0-9_]+")
_REPEAT = re.compile(r"(.)\1{2,}")
_PIECES = (3, 4, 5)
MEMO_LIMIT = 200_000
"""Distinct words remembered before a memo starts again (bounds a long-running worker)."""


_LAST: tuple[str, tuple[str, ...]] = ("", ())
"""The last answer's words: the concern screen, the theme and the sentiment model read the same
answer one after the other (one tuple, replaced whole, so threads never see half of it)."""


def tokens(text: str) -> list[str]:
    """Words of ``text`` as the models see them: folded, with letters repeated at most twice."""
    global _LAST
    last = _LAST
    if last[0] == text:
        return list(last[1])  # a copy: the caller may change its list
    norm = normalise(text)
    if norm.isascii():  # most answers: the same words, found faster
        found = _ASCII_WORD.findall(_REPEAT.sub(r"\1\1", norm))
    else:
        found = _WORD.findall(_REPEAT.sub(r"\1\1", norm.translate(_LATIN)))
    out = [w for w in found if not w.isdigit() and w != "_"]
    _LAST = (text, tuple(out))
    return out


def word_features(word: str) -> list[str]:
    """The word itself and its letter pieces (marked at the word's edges)."""
    padded = f"<{word}>"
    out = [f"w:{word}"]
    for n in _PIECES:
        out.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return out


def pairs(ws: list[str]) -> list[str]:
    """The word-pair features of a list of words."""
    return [f"b:{a} {b}" for a, b in pairwise(ws)]


def features(text: str) -> list[str]:
    """Every feature of an answer, repeats kept (the trainers count them)."""
    ws = tokens(text)
    out = [f for w in ws for f in word_features(w)]
    out.extend(pairs(ws))
    return out


class LinearHeads:
    """One linear score per class over an answer's features: ``bias`` plus the weights of every
    feature present (``weights`` maps a feature to one weight per class)."""

    def __init__(self, classes: list[str], bias: list[float], weights: dict[str, list[float]]):
        self.classes = classes
        self.bias = bias
        self.weights = weights
        self._memo: dict[str, list[float] | None] = {}

    def word_vector(self, word: str) -> list[float] | None:
        """The summed weights of a word and its letter pieces (None: no feature is known)."""
        memo = self._memo
        if word in memo:
            return memo[word]
        rows = [r for f in word_features(word) if (r := self.weights.get(f))]
        vector = [sum(column) for column in zip(*rows, strict=True)] if rows else None
        if len(memo) >= MEMO_LIMIT:
            memo.clear()
        memo[word] = vector
        return vector

    def scores(self, ws: list[str]) -> list[float]:
        """Each class's score for the words ``ws``."""
        vectors = list(map(self._memo.get, ws))  # remembered words, looked up in C
        if None in vectors:
            vectors = list(map(self.word_vector, ws))
        vectors += map(self.weights.get, pairs(ws))
        vectors = [v for v in vectors if v is not None]
        vectors.append(self.bias)
        return list(map(sum, zip(*vectors, strict=True)))
