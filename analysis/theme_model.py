"""The trained theme model: decides which codebook themes an answer touches, with the lexicon.

Hand-written term lists plateau: a term is either always a sign of its theme or never, but "step
dad" is domestic abuse in one answer and a kind word in the next, and pupils describe bullying
without any word a list foresaw. This model is a logistic regression per theme over the answer's
words, word pairs and letter pieces (:mod:`analysis.linear_model`) plus one indicator per theme
the lexicon found (``lex:<theme>``: a codebook term, or a concern reason the screen's patterns
found; :func:`analysis.themes.model_inputs`), so it learns when a lexicon hit is reliable and
what the lexicon misses. It is trained by ``python -m analysis.train_theme_model`` on the
labelled answers under ``tests/data``; the weights ship as ``data/theme_model.json`` with the
codebook version they were trained with, so nothing is trained or downloaded at run time.
:func:`analysis.themes.code_themes` lets it decide every theme it knows; a theme it does not
know (one an admin added) is given by its terms alone.

Speed: scoring is a sum of remembered per-word weights (:class:`~analysis.linear_model.LinearHeads`,
summed as packed integers once for all three models), and a theme passes when its fixed-point sum
plus (bias - cut) is not negative: no exponential is taken. The words that weighed most
(:meth:`ThemeModel.cues`) are looked up only for a theme no term matched.
"""

from __future__ import annotations

import json
import math
from functools import cache
from operator import add
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from analysis.linear_model import SCALE, LinearHeads, pairs, share

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["DATA", "LEXICON_PREFIX", "Layout", "ThemeModel", "lexicon_features", "theme_model"]

DATA = Path(__file__).resolve().parent / "data" / "theme_model.json"
LEXICON_PREFIX = "lex:"
"""Feature of a theme the lexicon found: ``lex:<theme id>`` (no word feature has a colon)."""


def lexicon_features(found: Iterable[str]) -> list[str]:
    """The features saying which themes the lexicon found (the trainer uses the same)."""
    return [LEXICON_PREFIX + theme for theme in found]


class Layout(NamedTuple):
    """How a codebook's themes meet the model's (see :meth:`ThemeModel.layout`)."""

    lexical: tuple[str, ...]
    """Per codebook theme, its lexicon feature."""
    positions: tuple[int, ...]
    """Per model column, the codebook theme's index, or -1: a theme the codebook lacks."""
    unknown: tuple[int, ...]
    """The codebook themes the model does not know: given by their terms alone."""


class ThemeModel:
    """The weights of ``theme_model.json``: one linear head and one cut-off per known theme."""

    def __init__(self, raw: dict) -> None:
        self.version: str = raw["version"]
        self.themes: tuple[str, ...] = tuple(raw["themes"])
        self.thresholds: tuple[float, ...] = tuple(raw["thresholds"])
        self.heads = LinearHeads(list(self.themes), raw["bias"], raw["weights"])
        self.cuts: tuple[float, ...] = tuple(math.log(p / (1 - p)) for p in self.thresholds)
        """The thresholds as scores (logits): a theme is given when its score reaches its cut."""
        margins = zip(raw["bias"], self.cuts, strict=True)
        self._margins = [round((b - c) * SCALE) for b, c in margins]
        """Bias less cut, fixed-point: a theme passes when its summed weights plus this is >= 0."""
        self.column = {theme: j for j, theme in enumerate(self.themes)}
        self._layouts: dict[tuple[str, ...], Layout] = {}

    def layout(self, theme_ids: tuple[str, ...]) -> Layout:
        """How a codebook's themes (``theme_ids``, in codebook order) meet the model's."""
        found = self._layouts.get(theme_ids)
        if found is None:
            index = {t: i for i, t in enumerate(theme_ids)}
            found = self._layouts[theme_ids] = Layout(
                tuple(lexicon_features(theme_ids)),
                tuple(index.get(t, -1) for t in self.themes),
                tuple(i for i, t in enumerate(theme_ids) if t not in self.column),
            )
        return found

    def passing(self, ws: list[str], lexical: list[str]) -> tuple[int, ...]:
        """The columns of the themes whose score for the words ``ws`` and the lexicon features
        ``lexical`` (see :func:`lexicon_features`) reaches their cut, in order."""
        summed = map(add, self.heads.fields(ws, lexical), self._margins)
        return tuple(j for j, v in enumerate(summed) if v >= 0)

    def cues(self, ws: list[str], theme: str, limit: int = 3) -> list[str]:
        """The words and word pairs of ``ws`` that weighed most towards ``theme``, strongest
        first; stopwords ("my", "in the") only when nothing else weighed for it."""
        j = self.column[theme]
        vector_of, get = self.heads.word_vector, self.heads.weights.get
        weighed = {w: v[j] for w in ws if (v := vector_of(w)) is not None and v[j] > 0}
        for pair in pairs(ws):
            vector = get(pair)
            if vector is not None and vector[j] > 0:
                weighed[pair[2:]] = vector[j]
        ranked = sorted(weighed, key=weighed.__getitem__, reverse=True)
        stop, telling = _stopwords(), []
        for cue in ranked:
            if not stop.issuperset(cue.split()):
                telling.append(cue)
                if len(telling) == limit:
                    break
        return telling or ranked[:limit]


@cache
def _stopwords() -> frozenset[str]:
    from analysis.emerging import stopwords  # emerging imports themes, which imports this

    return stopwords()


@cache
def theme_model() -> ThemeModel:
    """The shipped model, read once."""
    model = ThemeModel(json.loads(DATA.read_text(encoding="utf-8")))
    share(model.heads)
    return model
