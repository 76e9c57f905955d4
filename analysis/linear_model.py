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
from operator import add

from analysis._text import WORD_CHARS, normalise

__all__ = ["LinearHeads", "SharedHeads", "features", "pairs", "share", "tokens", "word_features"]

_WORD = re.compile(rf"[{WORD_CHARS}]+")
_LATIN = str.maketrans("ąćęłńóśźżáàâãéêíôõúüç", "acelnoszzaaaaeeioouuc")
"""Polish and Portuguese letters folded to plain ones: pupils often type without them."""
_ASCII_WORD = re.compile(r"[a-z0-9_]+")
_REPEAT = re.compile(r"(.)\1{2,}")
_DIGIT_OR_UNDERSCORE = re.compile(r"[0-9_]")
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
    ascii_text = norm.isascii()  # most answers: the same words, found faster
    if not ascii_text:
        norm = norm.translate(_LATIN)
    if _REPEAT.search(norm):  # rare: sub() alone costs more than this search
        norm = _REPEAT.sub(r"\1\1", norm)
    out = (_ASCII_WORD if ascii_text else _WORD).findall(norm)
    if not ascii_text or _DIGIT_OR_UNDERSCORE.search(norm):
        out = [w for w in out if not w.isdigit() and w != "_"]
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


SCALE = float(1 << 20)
"""Weights are summed as fixed-point integers: weight * 2**20, rounded."""
_FIELD = 64


class LinearHeads:
    """One linear score per class over an answer's features: ``bias`` plus the weights of every
    feature present (``weights`` maps a feature to one weight per class).

    Speed: the weight vector of each remembered word (with its letter pieces) and of each
    weighted word pair is also held packed into one integer, a signed 64-bit fixed-point field
    per class (weight * 2**20; :meth:`pack`), so an answer's vectors are summed by one integer
    sum done in C (:class:`SharedHeads`). Reading the fields back (:meth:`fields`) adds back the
    one a negative field borrows from the field above it. Rounding costs under 1e-6 a feature.
    The shipped models share one such sum (:func:`share`); any other model sums on its own.
    """

    def __init__(self, classes: list[str], bias: list[float], weights: dict[str, list[float]]):
        self.classes = classes
        self.bias = bias
        self.weights = weights
        self._memo: dict[str, list[float] | None] = {}
        self._packed_pairs: dict[tuple[str, ...], int] = {}
        """Word pairs, keyed by the two words (the tuples ``pairwise`` gives, no string built)."""
        self._other_fields: dict[str, list[int]] = {}
        """Other non-word features, such as the theme model's ``lex:<theme>``, fixed-point."""
        for feature, vector in weights.items():
            if feature.startswith("b:"):
                self._packed_pairs[tuple(feature[2:].split(" ", 1))] = self.pack(vector)
            elif ":" in feature and not feature.startswith("w:"):
                self._other_fields[feature] = [round(w * SCALE) for w in vector]
        self._shared: tuple[SharedHeads, int] | None = None
        """The sum this model's fields are read from, and where: the one shared sum after
        :func:`share`, else one of its own, made on first use."""

    @staticmethod
    def pack(vector: list[float]) -> int:
        """One value per class as one integer: a signed fixed-point field each."""
        return sum(round(w * SCALE) << (_FIELD * i) for i, w in enumerate(vector))

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

    def scores(self, ws: list[str], extra: list[str] | tuple[str, ...] = ()) -> list[float]:
        """Each class's score for the words ``ws`` and any ``extra`` non-word features (such as
        the theme model's ``lex:<theme>``; unknown ones weigh nothing)."""
        return [f / SCALE + b for f, b in zip(self.fields(ws, extra), self.bias, strict=True)]

    def fields(self, ws: list[str], extra: list[str] | tuple[str, ...] = ()) -> list[int]:
        """Each class's summed weights, without the bias, as exact fixed-point integers
        (weight * 2**20); ``extra`` as in :meth:`scores`."""
        shared = self._shared
        if shared is None:
            shared = self._shared = (SharedHeads((self,)), 0)
        heads, start = shared
        found = heads.fields(ws)[start : start + len(self.classes)]  # a copy: the sum is kept
        for feature in extra:
            vector = self._other_fields.get(feature)
            if vector is not None:
                found = list(map(add, found, vector))
        return found


def _unpack(layout: struct.Struct, total: int) -> list[int]:
    """The signed fields of a packed sum taken modulo 2**(64 * fields): each field read as a
    signed 64-bit number, plus the one a negative field below borrowed from it."""
    fields = layout.unpack(total.to_bytes(layout.size, "little"))
    return [f + (below < 0) for below, f in zip((0, *fields), fields, strict=False)]


class SharedHeads:
    """Several models' heads summed in one pass over the same words.

    The concern screen, the theme model and the sentiment model read the same words of an
    answer one after the other (the redacted answer is the raw one for almost every answer).
    Each word's packed vectors, one per model, are joined side by side into one integer, so the
    words and pairs are looked up and summed once for all three; the fields of the last words
    summed are remembered for the next model that asks.
    """

    def __init__(self, parts: tuple[LinearHeads, ...]) -> None:
        self.parts = parts
        self.starts = []
        start = 0
        for heads in parts:
            self.starts.append(start)
            start += len(heads.classes)
        self._layout = struct.Struct(f"<{start}q")
        self._modulus = 1 << (8 * self._layout.size)
        self._shifts = tuple(_FIELD * s for s in self.starts)
        self._words: dict[str, int] = {}
        self._pairs: dict[tuple[str, ...], int] = {}
        for heads, shift in zip(parts, self._shifts, strict=True):
            for key, packed in heads._packed_pairs.items():
                self._pairs[key] = self._pairs.get(key, 0) + (packed << shift)
        self._last: tuple[tuple[str, ...], list[int]] = ((), [0] * start)

    def _word(self, word: str) -> int:
        packed = 0
        for heads, shift in zip(self.parts, self._shifts, strict=True):
            vector = heads.word_vector(word)
            if vector is not None:
                packed += heads.pack(vector) << shift
        if len(self._words) >= MEMO_LIMIT:
            self._words.clear()
        self._words[word] = packed
        return packed

    def fields(self, ws: list[str]) -> list[int]:
        """Every model's fields for the words ``ws``, side by side (:meth:`LinearHeads.fields`)."""
        key = tuple(ws)
        last = self._last
        if last[0] == key:
            return last[1]
        try:
            total = sum(filter(None, map(self._words.__getitem__, ws)))  # in C
        except KeyError:
            total = sum(map(self._word, ws))
        total += sum(filter(None, map(self._pairs.get, pairwise(ws))))
        found = _unpack(self._layout, total % self._modulus)
        self._last = (key, found)  # one tuple, replaced whole: threads never see half of it
        return found


_SHARED: list[LinearHeads] = []


def share(heads: LinearHeads) -> LinearHeads:
    """Add a shipped model's heads to the one shared sum (see :class:`SharedHeads`)."""
    if heads not in _SHARED:
        _SHARED.append(heads)
        joined = SharedHeads(tuple(_SHARED))
        for part, start in zip(joined.parts, joined.starts, strict=True):
            part._shared = (joined, start)
    return heads
