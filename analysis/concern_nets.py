"""Wider concern nets for Tamil, Urdu, Polish, Portuguese and Arabic answers.

The per-language patterns of ``concern_patterns.toml`` list whole phrasings and miss most other
ways of saying the same thing (blind evaluation: non-English recall about half the English one).
These nets mirror the English ``[cooccurrence]`` nets with per-language vocabulary classes from
``data/concern_nets.toml`` (all drafts for native-speaker review): a harm word, not negated in
its clause, beside a real person; or two different weak cues beside a real person. Sentences
only about a lesson, and answers joking about exams, are skipped. :func:`analysis.concern.
screen_concern` calls :func:`net_reasons` only when no pattern flagged a non-English answer.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

from analysis._literals import LiteralGate
from analysis._text import FOLD, WORD_CHARS, split_sentences

__all__ = ["NET_LANGS", "net_reasons"]

_DATA = Path(__file__).resolve().parent / "data" / "concern_nets.toml"

NET_LANGS = frozenset({"ta", "ur", "pl", "pt", "ar"})

_REASONS = (
    "home_violence",
    "sexual_abuse",
    "self_harm",
    "exploitation",
    "weapon_carrying",
    "threatened",
    "neglect",
)  # the order of analysis.concern.REASONS (not imported: concern imports this module)

_START = f"(?<![{WORD_CHARS}])"
_END = f"(?![{WORD_CHARS}])"


def _source(fragment: str, lang: str) -> str:
    """A data fragment as a regex: ``\\<``/``\\>`` as word start/end, Arabic letters folded."""
    fragment = fragment.replace("\\<", _START).replace("\\>", _END)
    return fragment.translate(FOLD) if lang in ("ar", "ur") else fragment


def _union_source(items: list[str], lang: str, anchored: bool) -> str:
    """One regex for a word list: the word-start test once, before the alternatives."""
    body = "|".join(f"(?:{_source(item, lang)})" for item in items)
    return f"{_START}(?:{body})" if anchored else body


def _union(items: list[str], lang: str, anchored: bool) -> re.Pattern[str]:
    return re.compile(_union_source(items, lang, anchored))


class _Net:
    """One language's compiled vocabulary classes."""

    def __init__(self, lang: str, table: dict) -> None:
        anchored = table["boundary"] == "start"
        self.reach_before = int(table["reach_before"])
        self.reach_after = int(table["reach_after"])
        self.clause = re.compile(_source(table["clause"], lang))
        self.negation_before = re.compile(_source(table["negation_before"], lang))
        after = table["negation_after"]
        self.negation_after = re.compile(_source(after, lang)) if after else None
        self.anchor = _union(table["anchor"], lang, anchored)
        self.family = _union(table["family"], lang, anchored)
        self.personal = _union(table["personal"], lang, anchored)
        self.lesson = _union(table["lesson"], lang, anchored)
        self.hyperbole = _union(table["hyperbole"], lang, anchored)
        self.harm = {
            reason: _union(items, lang, anchored) for reason, items in table["harm"].items()
        }
        weak = [(reason, item) for reason, items in table["weak"].items() for item in items]
        self.weak = [(reason, _union([item], lang, anchored)) for reason, item in weak]
        # Most answers hold no harm word and at most one weak cue: one literal scan says so.
        self.gate = LiteralGate(
            [(("harm", reason), pattern.pattern) for reason, pattern in self.harm.items()]
            + [
                (("weak", i), _union_source([item], lang, anchored))
                for i, (_, item) in enumerate(weak)
            ]
        )

    def negated(self, sentence: str, start: int, end: int) -> bool:
        """A negation in the same clause just before the match, or (Tamil, Urdu) just after."""
        before = sentence[max(0, start - self.reach_before) : start]
        last = None
        for last in self.clause.finditer(before):  # noqa: B007 - only the last one is wanted
            continue
        if last is not None:
            before = before[last.end() :]
        if self.negation_before.search(before):
            return True
        if self.negation_after is None:
            return False
        after = sentence[end : end + self.reach_after]
        stop = self.clause.search(after)
        if stop is not None:
            after = after[: stop.start()]
        return self.negation_after.search(after) is not None

    def lesson_only(self, text: str) -> bool:
        return self.lesson.search(text) is not None and self.personal.search(text) is None


@lru_cache(maxsize=1)
def _nets() -> dict[str, _Net]:
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    return {lang: _Net(lang, data[lang]) for lang in NET_LANGS}


_SELF_REASONS = frozenset({"self_harm", "neglect"})
"""Reasons whose harm words need no person beside them: the writer is person enough."""


def _hit_reason(net: _Net, norm: str) -> str:
    """Being hit by family or at home is home violence; by anyone else, being threatened."""
    return "home_violence" if net.family.search(norm) else "threatened"


def net_reasons(norm: str, lang: str) -> tuple[str, ...]:
    """Reasons the wider nets find in a normalised answer in ``lang`` (empty if none)."""
    net = _nets().get(lang)
    if net is None:
        return ()
    keys = net.gate.open_keys(norm)
    harms = {key[1] for key in keys if key[0] == "harm"}
    weak = {key[1] for key in keys if key[0] == "weak"}
    if (not harms and len(weak) < 2) or net.hyperbole.search(norm):
        return ()
    found: set[str] = set()
    for sentence in split_sentences(norm) if harms else ():
        if net.lesson_only(sentence):
            continue
        anchored = net.anchor.search(sentence) is not None
        for reason, harm in net.harm.items():
            if reason not in harms or (not anchored and reason not in _SELF_REASONS):
                continue
            for m in harm.finditer(sentence):
                if not net.negated(sentence, m.start(), m.end()):
                    found.add(_hit_reason(net, norm) if reason == "hit" else reason)
                    break
    if not found and len(weak) >= 2:
        found = _weak_net(net, norm, weak)
    return tuple(r for r in _REASONS if r in found)


def _weak_net(net: _Net, norm: str, candidates: set[int]) -> set[str]:
    """Two different weak cues in the answer, beside a real person: the commonest cue's reason."""
    if net.lesson_only(norm) or not net.anchor.search(norm):
        return set()
    counts: dict[str, int] = {}
    spans: list[tuple[int, int]] = []  # cues that overlap ("سر بين", "سر") count once
    for index, (reason, cue) in enumerate(net.weak):
        if index not in candidates:
            continue
        for m in cue.finditer(norm):
            start, end = m.span()
            if any(s < end and start < e for s, e in spans) or net.negated(norm, start, end):
                continue
            spans.append((start, end))
            counts[reason] = counts.get(reason, 0) + 1
            break
    if sum(counts.values()) < 2:
        return set()
    return {max(counts, key=lambda r: (counts[r], -_REASONS.index(r)))}
