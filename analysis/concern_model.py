"""The statistical concern screen: a second net for disclosures no pattern foresaw.

Patterns (:mod:`analysis.concern`) say exactly why they flag, but pupils find ways of saying
things nobody listed. This screen is a logistic regression over the features of
:mod:`analysis.linear_model`, trained on the labelled answers under ``tests/data`` by
``python -m analysis.train_concern_model``; its weights ship as ``data/concern_model.json``. It
runs when no pattern flags an answer; its threshold (in the file) is the highest at which
patterns and screen together find 95% of the concerns in tuning files written blind to both.

It stays checkable: a flag names the reason class the model finds likeliest and the words that
weighed most (:func:`cues`), so a reviewer sees why.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path
from typing import NamedTuple

from analysis.emerging import stopwords
from analysis.linear_model import LinearHeads, features, share, tokens

__all__ = ["ModelVerdict", "cues", "features", "model_verdict", "tokens"]

DATA = Path(__file__).resolve().parent / "data" / "concern_model.json"


class ModelVerdict(NamedTuple):
    """The screen's decision on one answer."""

    flagged: bool
    probability: float
    reason: str = ""


class _Model:
    """The weights of ``concern_model.json``: one score, and the reason heads of a flag."""

    def __init__(self, raw: dict) -> None:
        self.threshold: float = raw["threshold"]
        weights = {feature: [w] for feature, w in raw["weights"].items()}
        self.heads = LinearHeads(["concern"], [raw["bias"]], weights)
        self.reasons = LinearHeads(raw["reasons"], raw["reason_bias"], raw["reason_weights"])

    def word_score(self, word: str) -> float:
        """The summed weights of a word and its letter pieces."""
        vector = self.heads.word_vector(word)
        return 0.0 if vector is None else vector[0]

    def probability(self, ws: list[str]) -> float:
        """How likely the screen finds it that ``ws`` tell of a concern."""
        return 1 / (1 + math.exp(-max(self.heads.scores(ws)[0], -30.0)))

    def likeliest_reason(self, ws: list[str]) -> str:
        totals = self.reasons.scores(ws)
        return self.reasons.classes[max(range(len(totals)), key=totals.__getitem__)]


@cache
def _model() -> _Model:
    model = _Model(json.loads(DATA.read_text(encoding="utf-8")))
    share(model.heads)
    return model


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
