"""The statistical concern screen: a second net for disclosures no pattern foresaw.

Patterns (:mod:`analysis.concern`) say exactly why they flag, but pupils find ways of saying
things nobody listed. This screen is a logistic regression over the answer's words, word pairs
and the 3- to 5-letter pieces of each word (which carry misspellings, slang spellings and the
inflections of Tamil, Urdu and Polish), trained on the labelled answers under ``tests/data`` by
``python -m analysis.train_concern_model``; its weights ship as ``data/concern_model.json`` so
nothing is trained or downloaded at run time. It runs when no pattern flags an answer, and its
threshold (in the file) is set so that its own flags are mostly right: the patterns already err
towards flagging, and a queue full of everyday answers would bury the disclosures in it.

It stays checkable: a flag names the reason class the model finds likeliest and the words that
weighed most (:func:`cues`), so a reviewer sees why. Scoring is a sum of weights; the weight of
each distinct word with its letter pieces is remembered, so an answer costs a few dictionary
lookups per word.
"""

from __future__ import annotations

import json
import math
import re
from functools import cache
from itertools import pairwise, repeat
from operator import add
from pathlib import Path
from typing import NamedTuple

from analysis._text import WORD_CHARS, normalise
from analysis.emerging import stopwords

__all__ = ["ModelVerdict", "cues", "features", "model_verdict", "tokens"]

DATA = Path(__file__).resolve().parent / "data" / "concern_model.json"

_WORD = re.compile(rf"[{WORD_CHARS}]+")
_LATIN = str.maketrans("ąćęłńóśźżáàâãéêíôõúüç", "acelnoszzaaaaeeioouuc")
"""Polish and Portuguese letters folded to plain ones: pupils often type without them."""
_ASCII_WORD = re.compile(r"[a-z0-9_]+")
_REPEAT = re.compile(r"(.)\1{2,}")
_PIECES = (3, 4, 5)
_MEMO_LIMIT = 200_000
"""Distinct words remembered before the memo starts again (bounds a long-running worker)."""


def tokens(text: str) -> list[str]:
    """Words of ``text`` as the model sees them: folded, with letters repeated at most twice."""
    norm = normalise(text)
    if norm.isascii():  # most answers: the same words, found faster
        found = _ASCII_WORD.findall(_REPEAT.sub(r"\1\1", norm))
    else:
        found = _WORD.findall(_REPEAT.sub(r"\1\1", norm.translate(_LATIN)))
    return [w for w in found if not w.isdigit() and w != "_"]


def word_features(word: str) -> list[str]:
    """The word itself and its letter pieces (marked at the word's edges)."""
    padded = f"<{word}>"
    out = [f"w:{word}"]
    for n in _PIECES:
        out.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return out


def features(text: str) -> list[str]:
    """Every feature of an answer, repeats kept (the trainer counts them)."""
    ws = tokens(text)
    out = [f for w in ws for f in word_features(w)]
    out.extend(_pairs(ws))
    return out


def _pairs(ws: list[str]) -> list[str]:
    """The word-pair features of a list of words."""
    return [f"b:{a} {b}" for a, b in pairwise(ws)]


class ModelVerdict(NamedTuple):
    """The screen's decision on one answer."""

    flagged: bool
    probability: float
    reason: str = ""


class _Model:
    """The weights of ``concern_model.json`` and the memo of per-word scores."""

    def __init__(self, raw: dict) -> None:
        self.threshold: float = raw["threshold"]
        self.bias: float = raw["bias"]
        self.weights: dict[str, float] = raw["weights"]
        self.reasons: list[str] = raw["reasons"]
        self.reason_bias: list[float] = raw["reason_bias"]
        self.reason_weights: dict[str, list[float]] = raw["reason_weights"]
        self._memo: dict[str, float] = {}
        self._reason_memo: dict[str, list[float] | None] = {}

    def word_score(self, word: str) -> float:
        memo = self._memo
        score = memo.get(word)
        if score is None:
            get = self.weights.get
            score = sum(get(f, 0.0) for f in word_features(word))
            if len(memo) >= _MEMO_LIMIT:
                memo.clear()
            memo[word] = score
        return score

    def probability(self, ws: list[str]) -> float:
        """How likely the screen finds it that ``ws`` tell of a concern."""
        return 1 / (1 + math.exp(-max(self.score(ws), -30.0)))

    def score(self, ws: list[str]) -> float:
        scores = list(map(self._memo.get, ws))  # remembered words, looked up in C
        if None in scores:
            scores = list(map(self.word_score, ws))
        return self.bias + sum(scores) + sum(map(self.weights.get, _pairs(ws), repeat(0.0)))

    def likeliest_reason(self, ws: list[str]) -> str:
        totals = list(self.reason_bias)
        get = self.reason_weights.get
        for vector in [self.word_reasons(w) for w in ws] + [get(f) for f in _pairs(ws)]:
            if vector is not None:
                totals = list(map(add, totals, vector))
        return self.reasons[max(range(len(totals)), key=totals.__getitem__)]

    def word_reasons(self, word: str) -> list[float] | None:
        memo = self._reason_memo
        if word not in memo:
            rows = [r for f in word_features(word) if (r := self.reason_weights.get(f))]
            if len(memo) >= _MEMO_LIMIT:
                memo.clear()
            memo[word] = [sum(column) for column in zip(*rows, strict=True)] if rows else None
        return memo[word]


@cache
def _model() -> _Model:
    return _Model(json.loads(DATA.read_text(encoding="utf-8")))


def model_verdict(text: str) -> ModelVerdict:
    """Whether the statistical screen flags ``text``, how sure it is, and the likeliest reason."""
    model = _model()
    ws = tokens(text)
    probability = model.probability(ws)
    if probability < model.threshold:
        return ModelVerdict(False, probability)
    return ModelVerdict(True, probability, model.likeliest_reason(ws))


def cues(text: str, limit: int = 3) -> tuple[str, ...]:
    """The words that pushed the screen furthest towards flagging, strongest first (stopwords
    left out: "he" or "my" tell a reviewer nothing); none when the screen would not flag it."""
    model = _model()
    ws = tokens(text)
    if model.probability(ws) < model.threshold:
        return ()
    stop = stopwords()
    scored = {w: model.word_score(w) for w in ws if w not in stop}
    ranked = sorted((s, w) for w, s in scored.items() if s > 0)
    return tuple(w for _, w in reversed(ranked[-limit:]))
