"""Required literals of a regular expression: a cheap, safe prefilter for many regexes.

``required(source)`` returns a set of strings at least one of which occurs in every match of the
regex (or ``None`` when no such set is known). :class:`LiteralGate` then finds, in one scan of a
text, which of many regexes could possibly match, so only those run. The analysis is
conservative: anything it does not understand yields ``None`` ("always run the regex"), so the
gate can only skip regexes that cannot match and never changes a result.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from re import _constants as _C  # type: ignore[attr-defined]
from re import _parser as _P  # type: ignore[attr-defined]

try:  # Aho-Corasick in C: every literal occurrence in one pass
    import ahocorasick as _aho
except ImportError:  # pragma: no cover - the trie regex below does the same, slower
    _aho = None

__all__ = ["LiteralGate", "required", "split_alternatives"]

_LIMIT = 64
"""Largest set of alternative strings followed through a sequence before it is cut."""
_REPEATS = tuple(
    op for op in (_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", None)) if op
)

_Info = tuple["set[str] | None", "set[str] | None"]
"""(every string the node can match, if few; a set one of which every match contains)."""


_COMMON = frozenset(
    {
        "a", "an", "the", "to", "of", "and", "or", "in", "on", "at", "it", "is", "im", "i", "me",
        "my", "us", "we", "you", "he", "she", "they", "him", "her", "his", "them", "so", "be",
        "was",
        "for", "if", "do", "not", "no", "as", "but", "get", "got", "our", "your", "this", "that",
        "with", "all",
    }
)
"""Words in nearly every answer: a literal set made of them (" me", "he ") opens the gate for
almost every text, so a set of rarer literals is preferred when a regex offers one."""


def _selectivity(literal: str) -> float:
    core = literal.strip()
    return 0.5 if core in _COMMON else len(core)


def _best(candidates: list[set[str]]) -> set[str] | None:
    """The set to gate on: its shortest literal as rare (long, not a common word) as possible."""
    usable = [c for c in candidates if c and "" not in c]
    if not usable:
        return None
    return max(usable, key=lambda c: (min(_selectivity(s) for s in c), -len(c)))


def _seq(items: Iterable[tuple]) -> _Info:
    cur: set[str] = {""}
    whole = True
    candidates: list[set[str]] = []
    for op, av in items:
        exact, req = _node(op, av)
        if exact is not None and len(cur) * len(exact) <= _LIMIT:
            cur = {a + b for a in cur for b in exact}
            continue
        whole = False
        candidates.append(cur)
        if req:
            candidates.append(req)
        cur = set(exact) if exact is not None and len(exact) <= _LIMIT else {""}
    candidates.append(cur)
    return (cur if whole else None), _best(candidates)


def _node(op: object, av: object) -> _Info:
    if op is _C.LITERAL:
        return {chr(av)}, None  # type: ignore[arg-type]
    if op is _C.IN:
        chars = set()
        for o, v in av:  # type: ignore[attr-defined]
            if o is _C.LITERAL:
                chars.add(chr(v))
            elif o is _C.RANGE and v[1] - v[0] < 10:  # type: ignore[index]
                chars.update(chr(c) for c in range(v[0], v[1] + 1))  # type: ignore[index]
            else:
                return None, None
        return (chars if len(chars) <= 10 else None), None
    if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
        return {""}, None  # zero width: requires nothing we rely on
    if op is _C.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av  # type: ignore[misc]
        if add_flags & (_C.SRE_FLAG_IGNORECASE | _C.SRE_FLAG_VERBOSE):
            return None, None
        return _seq(sub)
    if op is _C.BRANCH:
        exacts, reqs = [], []
        for alt in av[1]:  # type: ignore[index]
            exact, req = _seq(alt)
            exacts.append(exact)
            reqs.append(exact if exact is not None and "" not in exact else req)
        union_exact = None
        if all(e is not None for e in exacts):
            union_exact = set().union(*exacts)  # type: ignore[arg-type]
            union_exact = union_exact if len(union_exact) <= _LIMIT else None
        if any(r is None or "" in r for r in reqs):
            return union_exact, None
        return union_exact, set().union(*reqs)  # type: ignore[arg-type]
    if op in _REPEATS:
        low, high, sub = av  # type: ignore[misc]
        exact, req = _seq(sub)
        if low == 0:
            return ((exact | {""}) if high == 1 and exact is not None else None), None
        if low == high == 1:
            return exact, req
        return None, (exact if exact is not None and "" not in exact else req)
    return None, None


def required(source: str) -> frozenset[str] | None:
    """Strings one of which every match of ``source`` contains; ``None`` if unknown."""
    try:
        exact, req = _seq(_P.parse(source))
    except Exception:  # anything unexpected means "no prefilter"
        return None
    found = exact if exact is not None and "" not in exact else req
    return frozenset(found) if found else None


def split_alternatives(source: str) -> list[str]:
    """The top-level alternatives of a regex source (``a|b(c|d)|e`` -> ``a``, ``b(c|d)``, ``e``).

    Each alternative gated on its own opens less often than their union, whose literal set is
    as weak as its weakest member.
    """
    out, depth, start, i = [], 0, 0, 0
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":  # a character class: skip to its end
            i = source.index("]", i + 2)
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(source[start:i])
            start = i + 1
        i += 1
    out.append(source[start:])
    return out


class LiteralGate:
    """Which keys' regexes could match a text, found with one scan over all required literals.

    Built from ``(key, regex source)`` pairs. The literals go into an Aho-Corasick automaton
    (pyahocorasick) that finds every occurrence in one pass; without it, into one trie-shaped
    regex that reports the shortest literal at each position, the longer literals that begin
    with it then checked in place. Either way every literal in the text is found.
    """

    def __init__(self, sources: Iterable[tuple[Hashable, str]]) -> None:
        self.always: set[Hashable] = set()
        self._scan: re.Pattern[str] | None = None
        owners: dict[str, set[Hashable]] = {}
        for key, source in sources:
            lits = required(source)
            if lits is None:
                self.always.add(key)
            else:
                for lit in lits:
                    owners.setdefault(lit, set()).add(key)
        self._automaton = None
        if _aho is not None and owners:
            self._automaton = _aho.Automaton()
            for lit, keys in owners.items():
                self._automaton.add_word(lit, frozenset(keys))
            self._automaton.make_automaton()
            return
        # Without Aho-Corasick: for each literal the scan can report (the shortest at a
        # position), the literals that extend it, checked in place.
        self.extends: dict[str, list[tuple[str, frozenset[Hashable]]]] = {}
        literals = sorted(owners)
        for i, lit in enumerate(literals):
            longer = []
            for other in literals[i:]:  # sorted: the literals lit starts come right after it
                if not other.startswith(lit):
                    break
                longer.append((other, frozenset(owners[other])))
            self.extends[lit] = longer
        self._scan = re.compile("(?=(" + _trie_regex(literals) + "))") if literals else None

    def open_keys(self, text: str) -> set[Hashable]:
        """Keys whose regex may match somewhere in ``text``."""
        keys = set(self.always)
        if self._automaton is not None:
            for _end, owners in self._automaton.iter(text):
                keys |= owners
        elif self._scan is not None:
            for m in self._scan.finditer(text):
                start = m.start()
                for lit, owners in self.extends[m.group(1)]:
                    if text.startswith(lit, start):
                        keys |= owners
        return keys


def _trie_regex(literals: list[str]) -> str:
    """A regex matching, at a position, the shortest of ``literals`` starting there."""
    trie: dict = {}
    for lit in literals:
        node = trie
        for ch in lit:
            if "" in node:
                break  # a shorter literal ends here: the scan stops at it anyway
            node = node.setdefault(ch, {})
        else:
            node.clear()
            node[""] = True

    def build(node: dict) -> str:
        if "" in node:
            return ""
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items())]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return build(trie)
