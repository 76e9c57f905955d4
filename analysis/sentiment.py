"""Sentiment of an English answer, tuned to how pupils write about feeling safe.

The base is TextBlob's PatternAnalyzer lexicon and its averaging of the polarity of known words;
on top of it: pupils' slang and safety words (``analysis/data/sentiment_en.toml``), a negation
scope of a few words ("don't really feel safe", "I don't feel unsafe"), intensifiers ("bare
scary", "well safe"), and more weight on what follows "but". Only English is scored: for other
languages the answer gets ``None`` (the caller marks it "needs translation" and scores a
reviewer's English translation later) rather than an invented neutral.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from analysis._text import PLACEHOLDER

__all__ = ["Sentiment", "label_for", "score_sentiment"]

_DATA = Path(__file__).resolve().parent / "data" / "sentiment_en.toml"
_TOKEN = re.compile(r"[a-z0-9_]+|[.!?;:,]")
_CONTRAST = frozenset({"but", "though", "although", "however", "except", "tho", "yet"})
_SCOPE_END = frozenset(
    {"and", "so", "because", "cos", "coz", "cuz", "cause", "when", "if", "while"}
)
_DANGLING_NEGATION = -0.5
"""A clause that ends on a negation ("...but the walk home isnt") leans negative."""
_PHRASES = (
    (re.compile(r"\bkind of\b|\bkinda\b|\bsort of\b"), " kind_of "),
    (re.compile(r"\ba (little )?bit\b|\ba lil bit\b"), " abit "),
    (re.compile(r"\bno[ -]one\b|\bno body\b"), " noone "),
    (re.compile(r"\bnot really\b"), " not "),
    (re.compile(r"\b(make|makes|made|making) fun\b"), " mock "),
    (re.compile(r"\bknife crime\b"), " knifecrime "),
    (re.compile(r"\b(knife arch(es)?|bleed kits?)\b"), " safetykit "),
    (re.compile(r"\bwhats? the point\b|\bwhat is the point\b"), " pointless "),
    (re.compile(r"\b(dont|do not) want to (be here|live|exist)\b"), " hopeless "),
    (re.compile(r"\btake (the mick|the piss|advantage)\b"), " mock "),
    (re.compile(r"\bworry box\b"), " worrybox "),
    (re.compile(r"\bcould be better\b"), " meh "),
    (re.compile(r"\bi (really )?like\b"), " likeit "),
    (re.compile(r"\bwell\s*(?=[.!?,;]|$)"), " wellend "),
)
_NEGATION_SCOPE = 4
_AFTER_CONTRAST_WEIGHT = 2.0
THRESHOLD = 0.1
"""|polarity| above this is positive or negative; the same cut as the plain-TextBlob baseline."""


@dataclass(frozen=True)
class Sentiment:
    """A label and the polarity in [-1, 1] it came from."""

    label: Literal["negative", "neutral", "positive"]
    polarity: float


def label_for(polarity: float) -> Literal["negative", "neutral", "positive"]:
    """The label for a polarity score."""
    if polarity > THRESHOLD:
        return "positive"
    if polarity < -THRESHOLD:
        return "negative"
    return "neutral"


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, float], dict[str, float], frozenset[str]]:
    """TextBlob's word polarities overlaid with ours; loaded once, never mutating TextBlob's."""
    from textblob.en import sentiment as pattern

    if not dict.__len__(pattern):
        pattern.load()
    words = {w: float(pos[None][0]) for w, pos in dict.items(pattern) if None in pos}
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    words.update({w: float(p) for w, p in data["words"].items()})
    intensifiers = {w: float(m) for w, m in data["intensifiers"].items()}
    negators = frozenset(data["negators"]["words"])
    return words, intensifiers, negators


def _tokens(text: str) -> list[str]:
    text = PLACEHOLDER.sub(" ", text).lower()
    text = re.sub(r"[\u2019\u2018'`]", "", text)
    for pattern, repl in _PHRASES:
        text = pattern.sub(repl, text)
    return _TOKEN.findall(text)


def score_sentiment(text: str, lang: str) -> Sentiment | None:
    """Score an English answer; ``None`` for any other language (needs translation first)."""
    if lang != "en":
        return None
    words, intensifiers, negators = _lexicon()
    total = weight = 0.0
    negate = 0
    boost = 1.0
    boost_left = 0
    clause_weight = 1.0
    for tok in [*_tokens(text), "."]:
        if tok in ".!?;:," or tok in _CONTRAST:
            if negate == _NEGATION_SCOPE:
                total += clause_weight * _DANGLING_NEGATION
                weight += clause_weight
            negate, boost_left = 0, 0
            if tok in _CONTRAST:
                clause_weight = _AFTER_CONTRAST_WEIGHT
            continue
        if tok in _SCOPE_END:
            negate = 0
        if tok in negators:
            negate = _NEGATION_SCOPE
            continue
        if tok in intensifiers:
            boost, boost_left = intensifiers[tok], 2
            continue
        polarity = words.get(tok)
        if polarity:
            if boost_left:
                polarity = max(-1.0, min(1.0, polarity * boost))
            if negate:
                polarity = -0.5 * polarity
            total += clause_weight * polarity
            weight += clause_weight
            negate, boost_left = 0, 0
            continue
        negate = max(0, negate - 1)
        boost_left = max(0, boost_left - 1)
    polarity = round(total / weight, 4) if weight else 0.0
    return Sentiment(label_for(polarity), polarity)
