"""The trained adjustment of the English sentiment rules: the final label from words and rules.

The rules (:mod:`analysis.sentiment`) read negation, slang and contrast well, but their labels
come from one cut of an averaged polarity, and pupils write many answers whose words carry no
opinion the lexicon knows ("we have a wellbeing room now", "the cctv by the gates") or whose
opinion lies in words nobody listed. This model is a 3-class logistic regression (negative,
neutral, positive) over the answer's words, word pairs and letter pieces
(:func:`analysis.linear_model.features`) plus the rules' own result as synthetic features: the
rule label (``rule:<label>``) and the rule polarity in a few bins (``polarity:<bin>``, the bin
edges are in the file). It is trained offline by ``python -m analysis.train_sentiment_model`` and
ships as ``data/sentiment_model.json``; nothing is trained or downloaded at run time.

Scoring is :class:`~analysis.linear_model.LinearHeads` (each distinct word's weights remembered)
plus the rows of the two synthetic features: a few dictionary lookups per word.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_left
from functools import cache
from operator import add
from pathlib import Path
from typing import NamedTuple

from analysis._text import PLACEHOLDER
from analysis.linear_model import LinearHeads, features, share, tokens

__all__ = ["DATA", "ModelSentiment", "model_features", "model_sentiment", "rule_features"]

DATA = Path(__file__).resolve().parent / "data" / "sentiment_model.json"


class ModelSentiment(NamedTuple):
    """The model's label and its P(positive) - P(negative)."""

    label: str
    lean: float


def _words_text(text: str) -> str:
    """The text the word features read: redaction placeholders out (the rules skip them too)."""
    return PLACEHOLDER.sub(" ", text) if "[" in text else text


def rule_features(label: str, polarity: float, edges: list[float]) -> list[str]:
    """The synthetic features of the rules' result: its label and its polarity's bin (bin ``i``
    holds the polarities above ``edges[i - 1]`` up to ``edges[i]``)."""
    return [f"rule:{label}", f"polarity:{bisect_left(edges, polarity)}"]


def model_features(text: str, label: str, polarity: float, edges: list[float]) -> list[str]:
    """Every feature of an answer and its rule result, as the trainer counts them."""
    return [*features(_words_text(text)), *rule_features(label, polarity, edges)]


class _Model:
    """The weights of ``sentiment_model.json``."""

    def __init__(self, raw: dict) -> None:
        self.edges: list[float] = raw["polarity_bins"]
        self.heads = LinearHeads(raw["classes"], raw["bias"], raw["weights"])
        self.positive = raw["classes"].index("positive")
        self.negative = raw["classes"].index("negative")
        get = self.heads.weights.get
        zero = [0.0] * len(raw["classes"])
        # the summed rows of the two synthetic features, per rule label and polarity bin
        self.rule_rows = {
            label: [
                list(map(add, get(f"rule:{label}", zero), get(f"polarity:{i}", zero)))
                for i in range(len(self.edges) + 1)
            ]
            for label in raw["classes"]
        }

    def predict(self, text: str, label: str, polarity: float) -> ModelSentiment:
        row = self.rule_rows[label][bisect_left(self.edges, polarity)]
        totals = list(map(add, self.heads.scores(tokens(_words_text(text))), row))
        top = max(totals)
        exps = [math.exp(t - top) for t in totals]
        lean = (exps[self.positive] - exps[self.negative]) / sum(exps)
        return ModelSentiment(self.heads.classes[totals.index(top)], lean)


@cache
def _model() -> _Model:
    model = _Model(json.loads(DATA.read_text(encoding="utf-8")))
    share(model.heads)
    return model


def model_sentiment(text: str, label: str, polarity: float) -> ModelSentiment:
    """The model's label for an English answer whose rules gave ``label`` and ``polarity``."""
    return _model().predict(text, label, polarity)
