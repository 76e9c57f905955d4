"""Safeguarding concern screening: does an answer suggest a child may be at risk now?

A screen, not a judgement: it errs towards flagging, and a safeguarding lead reads every flagged
answer. Patterns live in ``analysis/data/concern_patterns.toml`` (non-English ones are drafts for
native-speaker review). English answers are also screened with the English patterns whatever
their language, since pupils mix English in. An English sentence that is about a lesson, the
news or people in general ("we learnt about knife crime in PSHE") does not count unless it also
points at a real person ("...my brother carries one").
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis._text import FOLD, normalise, split_sentences

__all__ = ["REASONS", "Concern", "screen_concern"]

_DATA = Path(__file__).resolve().parent / "data" / "concern_patterns.toml"

REASONS: tuple[str, ...] = (
    "home_violence",
    "sexual_abuse",
    "self_harm",
    "exploitation",
    "weapon_carrying",
    "threatened",
    "neglect",
)
"""Stable reason ids, in the order they are reported."""


@dataclass(frozen=True)
class Concern:
    """Whether to put the answer in the concern queue, and why (reason ids)."""

    flagged: bool
    reasons: tuple[str, ...] = ()


def _fold_letters(source: str) -> str:
    """Fold Arabic-script letters in a pattern like normalise() does, leaving case alone."""
    return source.translate(FOLD)


@lru_cache(maxsize=1)
def _patterns() -> tuple[dict[str, dict[str, re.Pattern[str]]], re.Pattern[str], re.Pattern[str]]:
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    compiled: dict[str, dict[str, re.Pattern[str]]] = {}
    for reason in REASONS:
        for lang, sources in data["reasons"][reason].items():
            joined = "|".join(f"(?:{_fold_letters(s)})" for s in sources)
            compiled.setdefault(lang, {})[reason] = re.compile(joined)
    context = data["context"]
    return compiled, re.compile(context["generic_en"]), re.compile(context["personal_en"])


def screen_concern(text: str, lang: str) -> Concern:
    """Flag an answer that suggests the writer or another child may be at risk now."""
    patterns, generic, personal = _patterns()
    langs = (lang, "en") if lang != "en" and lang in patterns else ("en",)
    reasons: set[str] = set()
    for sentence in split_sentences(normalise(text)):
        for lg in langs:
            for reason, pattern in patterns[lg].items():
                if reason in reasons or not pattern.search(sentence):
                    continue
                if lg == "en" and generic.search(sentence) and not personal.search(sentence):
                    continue
                reasons.add(reason)
    ordered = tuple(r for r in REASONS if r in reasons)
    return Concern(bool(ordered), ordered)
