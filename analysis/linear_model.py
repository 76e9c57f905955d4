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
import struct
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


_SCALE = float(1 << 20)
_FIELD = 64


class LinearHeads:
    """One linear score per class over an answer's features: ``bias`` plus the weights of every
    feature present (``weights`` maps a feature to one weight per class).

    Speed: the weight vector of each remembered word (with its letter pieces), of each weighted
    word pair and of any other non-word feature is also held packed into one integer, a signed
    64-bit fixed-point field per class (weight * 2**20; :meth:`pack`), so an answer's vectors
    are summed by one integer sum done in C (:meth:`total`). Reading the fields back
    (:meth:`scores`) adds back the one a negative field borrows from the field above it; a
    decision needs no reading at all (:meth:`nonnegative`). Rounding costs under 1e-6 a feature.
    """

    def __init__(self, classes: list[str], bias: list[float], weights: dict[str, list[float]]):
        self.classes = classes
        self.bias = bias
        self.weights = weights
        self._memo: dict[str, list[float] | None] = {}
        self._fields = struct.Struct(f"<{len(classes)}q")
        self._modulus = 1 << (8 * self._fields.size)
        self._sign_bits = tuple(1 << (_FIELD * i + _FIELD - 2) for i in range(len(classes)))
        self._signs = sum(self._sign_bits)
        self._sign_patterns: dict[int, tuple[int, ...]] = {}
        self._packed_words: dict[str, int] = {}
        self._packed_pairs: dict[tuple[str, ...], int] = {}
        """Word pairs, keyed by the two words (the tuples ``pairwise`` gives, no string built)."""
        self._packed_other: dict[str, int] = {}
        """Other non-word features, such as the theme model's ``lex:<theme>``."""
        for feature, vector in weights.items():
            if feature.startswith("b:"):
                self._packed_pairs[tuple(feature[2:].split(" ", 1))] = self.pack(vector)
            elif ":" in feature and not feature.startswith("w:"):
                self._packed_other[feature] = self.pack(vector)

    @staticmethod
    def pack(vector: list[float]) -> int:
        """One value per class as one integer: a signed fixed-point field each."""
        return sum(round(w * _SCALE) << (_FIELD * i) for i, w in enumerate(vector))

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

    def _packed_word(self, word: str) -> int:
        packed = self._packed_words
        found = packed.get(word)
        if found is None:
            vector = self.word_vector(word)
            found = 0 if vector is None else self.pack(vector)
            if len(packed) >= MEMO_LIMIT:
                packed.clear()
            packed[word] = found
        return found

    def total(self, ws: list[str], extra: list[str] | tuple[str, ...] = ()) -> int:
        """The packed sum of the weights of the words ``ws`` (with their pairs) and of any
        ``extra`` non-word features (such as the theme model's ``lex:<theme>``; unknown ones
        weigh nothing), without the bias."""
        try:
            total = sum(filter(None, map(self._packed_words.__getitem__, ws)))  # in C
        except KeyError:
            total = sum(map(self._packed_word, ws))
        total += sum(filter(None, map(self._packed_pairs.get, pairwise(ws))))
        if extra:
            total += sum(filter(None, map(self._packed_other.get, extra)))
        return total

    def scores(self, ws: list[str], extra: list[str] | tuple[str, ...] = ()) -> list[float]:
        """Each class's score for the words ``ws`` and ``extra`` features (see :meth:`total`)."""
        total = self.total(ws, extra) % self._modulus
        fields = self._fields.unpack(total.to_bytes(self._fields.size, "little"))
        return [
            (f + (below < 0)) / _SCALE + b
            for below, f, b in zip((0, *fields), fields, self.bias, strict=False)
        ]

    def nonnegative(self, packed: int) -> tuple[int, ...]:
        """The classes whose field of a packed sum is at least zero, in order. No field is read:
        with 2**62 added to each (fields stay below 2**62 in size), every field is a plain
        non-negative number, no field borrows from the next, and bit 62 of a field is set just
        when it was at least zero. The at most 2**classes patterns are remembered."""
        signs = (packed + self._signs) & self._signs
        found = self._sign_patterns.get(signs)
        if found is None:
            found = tuple(i for i, bit in enumerate(self._sign_bits) if signs & bit)
            self._sign_patterns[signs] = found
        return found
