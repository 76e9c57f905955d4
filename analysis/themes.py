"""Theme coding: which codebook themes an answer touches, and which terms show it.

Matching is transparent on purpose: each :class:`ThemeMatch` lists the codebook terms found,
so a reviewer can see why a theme was given and correct the codebook rather than the code.
Negation is ignored ("I don't carry a knife" is still about knife crime). A theme may also name
concern reasons (``concern_reasons`` in the codebook; ``concern_reasons_other`` for answers not
in English only): an answer the safeguarding screen flags for one of them gets the theme too,
listed with the term ``concern: <reason>``.

The terms are not the last word: a trained model (:mod:`analysis.theme_model`) reads the whole
answer and what the lexicon found, and decides each theme it knows. It adds themes no term
matched, listing the words that weighed most as ``model: <word>``, and it may overrule a match
when the rest of the answer says otherwise ("my step dad is really kind to me" is not domestic
abuse). Letting it overrule is deliberate: on the blind tuning files the lexicon's precision for
domestic abuse and neglect was about a half, and in English a model that could only add themes
gained half as much (macro F1 0.829 against 0.840, lexicon 0.817, each file left out; in the
other languages adding only did a little better, 0.843 against 0.836, lexicon 0.819). An
overruled match is not lost: it keeps its terms in :func:`overruled_themes`, and the review page
lists it beside the suggested themes as a match the model set aside, so a reviewer sees what
matched and can still give the theme.
A theme the model does not know (one an admin added to the codebook) is given by its terms
alone; :func:`lexicon_themes` is the lexicon without the model.

Speed: an answer is tokenised once and each token is looked up, instead of running a regex per
theme. A codebook is compiled once (cached per loaded :class:`Codebook` and language) into a
dict of exact word forms, a dict of stems keyed by their first two letters, and, for phrases,
the same indexes on the phrase's first word with the remaining words checked in place.
:func:`compile_term` keeps the regex form of a term as the documented reference semantics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import msgspec

from analysis._text import WORD_CHARS, normalise
from analysis.linear_model import tokens
from analysis.theme_model import theme_model

if TYPE_CHECKING:
    from analysis.codebook import Codebook
    from analysis.concern import Concern

__all__ = [
    "MODEL_PREFIX",
    "ThemeMatch",
    "code_themes",
    "compile_term",
    "lexicon_themes",
    "model_inputs",
    "overruled_themes",
]

_BEFORE = rf"(?<![{WORD_CHARS}])"
_AFTER = rf"(?![{WORD_CHARS}])"
_STEM_TAIL = rf"[{WORD_CHARS}]*"
_PLURAL = {"en": "(?:s|es)?", "pt": "(?:s|es)?"}
# Arabic attaches conjunctions, prepositions and the article to the word, and pronouns after it.
_AR_CLITIC_LIST = ("و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "فال", "كال", "لل")
_AR_CLITIC_LIST += ("ولل", "وب", "ول")
_AR_ENDING_LIST = ("ه", "ها", "هم", "هن", "ي", "ك", "كم", "نا", "ات", "ون", "ين")
_AR_ENDING_LIST += ("ان", "وا", "ني")
_AR_CLITICS = "(?:" + "|".join(_AR_CLITIC_LIST) + ")?"
_AR_ENDINGS = "(?:" + "|".join(_AR_ENDING_LIST) + ")?"
_SPLIT = re.compile(rf"([^{WORD_CHARS}]+)")
_SPLIT_ASCII = re.compile(r"(\W+)", re.ASCII)
"""The same split for ASCII text (most answers): the other word characters are not ASCII."""
_CONCERN = "concern: "
"""Marks a theme given because the concern screen found one of its reasons."""
MODEL_PREFIX = "model: "
"""Marks a word the theme model weighed most for a theme no term matched (cf. ``concern: ``)."""
_GAP_OK = frozenset(" \t\n\r-")
"""Characters allowed between the words of a phrase (as in the regex form: spaces, hyphens)."""


class ThemeMatch(msgspec.Struct, frozen=True):
    """A theme given to an answer and the codebook terms that matched."""

    theme: str
    terms: tuple[str, ...]


def compile_term(term: str, lang: str) -> str:
    """The regex source for one codebook term in one language (see codebook.toml's header)."""
    return _BEFORE + _term_body(term, lang)


def _term_body(term: str, lang: str) -> str:
    words = normalise(term).split()
    parts = []
    for i, word in enumerate(words):
        stem = word.endswith("*")
        body = re.escape(word.rstrip("*")).replace(r"\-", "[-\\s]?")
        last = i == len(words) - 1
        if stem or lang == "ta":
            body += _STEM_TAIL
        elif lang == "ar":
            body += _AR_ENDINGS
        elif last:
            body += _PLURAL.get(lang, "")
        if lang == "ar":
            body = _AR_CLITICS + body
        parts.append(body)
    return r"[\s\-]+".join(parts) + _AFTER


# --- compiled token index -------------------------------------------------------------------

# A word of a term: (kind, text). kind "=": the token equals one of a few forms (a frozenset);
# "^": the token starts with text; "a=" / "a^": the same once Arabic clitics/endings are off.
_Word = tuple[str, object]
_Entry = tuple[int, str, tuple[_Word, ...]]  # (theme index, term as written, remaining words)


@dataclass
class _Index:
    exact: dict[str, list[_Entry]]
    """First word's exact forms (Arabic ones expanded with every clitic and ending)."""
    pair: dict[str, list[_Entry]]
    """Phrases whose first two words are exact, keyed "first second": one lookup per position."""
    prefix: dict[str, list[tuple[str, _Entry]]]
    """Stems keyed by their first two letters (one-letter stems under their letter)."""
    ar_prefix: dict[str, list[tuple[str, _Entry]]]
    """Arabic stems, looked up after stripping each clitic the token starts with."""
    theme_ids: tuple[str, ...]
    from_concern: tuple[tuple[str, int], ...] = ()
    """(concern reason, theme index) pairs from the themes' ``concern_reasons`` (and, for a
    language other than English, ``concern_reasons_other``)."""
    pair_first: frozenset[str] = frozenset()
    """First words of the phrases in ``pair``."""
    short_stems: bool = False
    """Whether any stem has one letter (only possible for Tamil words, all stems)."""
    memo: dict[str, tuple[_Entry, ...]] = field(default_factory=dict)
    """Per word form, the entries whose first word it matches (pupils reuse few words)."""


def _word_forms(word: str, lang: str, last: bool) -> _Word:
    """The matcher of one term word (without hyphens) in one language."""
    if word.endswith("*") or lang == "ta":
        return ("a^" if lang == "ar" else "^", word.rstrip("*"))
    if lang == "ar":
        return ("a=", word)
    if last and lang in _PLURAL:
        return ("=", frozenset((word, word + "s", word + "es")))
    return ("=", frozenset((word,)))


def _variants(term: str, lang: str) -> list[tuple[_Word, ...]]:
    """Every word sequence a term stands for: a hyphenated word may be split or joined."""
    seqs: list[list[str]] = [[]]
    for word in normalise(term).split():
        if "-" in word.rstrip("-"):
            pieces = [p for p in word.split("-") if p]
            seqs = [s + pieces for s in seqs] + [[*s, "".join(pieces)] for s in seqs]
        else:
            seqs = [[*s, word] for s in seqs]
    return [
        tuple(_word_forms(w, lang, i == len(seq) - 1) for i, w in enumerate(seq)) for seq in seqs
    ]


def _ar_forms(word: str) -> list[str]:
    return [c + word + e for c in ("", *_AR_CLITIC_LIST) for e in ("", *_AR_ENDING_LIST)]


@lru_cache(maxsize=64)
def _index(codebook: Codebook, lang: str) -> _Index:
    """Compile the codebook's terms for answers in ``lang`` (own terms, then English ones)."""
    idx = _Index({}, {}, {}, {}, tuple(codebook.themes))
    langs = (lang, "en") if lang != "en" else ("en",)
    for t, theme in enumerate(codebook.themes.values()):
        for lg in langs:
            for term in theme.terms.get(lg, ()):
                for words in _variants(term, lg):
                    (kind, text), rest = words[0], words[1:]
                    if kind == "=" and rest and rest[0][0] == "=":
                        entry: _Entry = (t, term, rest[1:])
                        for a in text:  # type: ignore[union-attr]
                            for b in rest[0][1]:  # type: ignore[union-attr]
                                idx.pair.setdefault(f"{a} {b}", []).append(entry)
                        continue
                    entry = (t, term, rest)
                    if kind in ("=", "a="):
                        forms = _ar_forms(str(text)) if kind == "a=" else text
                        for form in forms:  # type: ignore[union-attr]
                            idx.exact.setdefault(form, []).append(entry)
                    else:
                        table = idx.ar_prefix if kind == "a^" else idx.prefix
                        table.setdefault(str(text)[:2], []).append((str(text), entry))
                        idx.short_stems |= kind == "^" and len(str(text)) < 2
    idx.pair_first = frozenset(key.split(" ", 1)[0] for key in idx.pair)
    idx.from_concern = tuple(
        (reason, t)
        for t, theme in enumerate(codebook.themes.values())
        for reason in (
            theme.concern_reasons
            if lang == "en"
            else (*theme.concern_reasons, *theme.concern_reasons_other)
        )
    )
    return idx


def _ar_splits(token: str) -> list[tuple[str, str]]:
    """(token without a leading clitic, the same also without a trailing ending) pairs."""
    out = []
    for clitic in ("", *_AR_CLITIC_LIST):
        if not token.startswith(clitic):
            continue
        rest = token[len(clitic) :]
        if rest:
            out.append((rest, rest))
            for ending in _AR_ENDING_LIST:
                if rest.endswith(ending) and len(rest) > len(ending):
                    out.append((rest, rest[: -len(ending)]))
    return out


def _word_matches(word: _Word, token: str) -> bool:
    kind, text = word
    if kind == "=":
        return token in text  # type: ignore[operator]
    if kind == "^":
        return token.startswith(text)  # type: ignore[arg-type]
    splits = _ar_splits(token)
    if kind == "a=":
        return any(base == text for _, base in splits)
    return any(rest.startswith(text) for rest, _ in splits)  # type: ignore[arg-type]


def _gap_ok(sep: str) -> bool:
    return sep == " " or _GAP_OK.issuperset(sep)


def code_themes(
    text: str, lang: str, codebook: Codebook, *, concern: Concern | None = None
) -> list[ThemeMatch]:
    """The themes of ``text``, in codebook order, each with the terms that show why.

    The lexicon (:func:`lexicon_themes`) finds themes by their terms; the theme model then
    decides each theme it knows from the whole answer and what the lexicon found. A theme it
    gives keeps the terms that matched; one no term matched lists the words that weighed most
    for it, as ``model: <word>``. A theme the model does not know is given by its terms alone.
    ``concern`` is the safeguarding screen's result when the caller has it (the pipeline does);
    otherwise the answer is screened when the codebook links a theme to a concern reason.
    """
    ids, hits, chosen, ws = _decided(text, lang, codebook, concern)
    given = []
    for t in chosen:
        terms = hits.get(t)
        if terms is None:
            terms = [MODEL_PREFIX + w for w in theme_model().cues(ws, ids[t])]
        given.append(ThemeMatch(ids[t], tuple(terms)))
    return given


def overruled_themes(
    text: str, lang: str, codebook: Codebook, *, concern: Concern | None = None
) -> list[ThemeMatch]:
    """The lexicon's matches the theme model set aside, with their terms, for the reviewer."""
    ids, hits, chosen, _ = _decided(text, lang, codebook, concern)
    return [ThemeMatch(ids[t], tuple(hits[t])) for t in sorted(hits) if t not in chosen]


def lexicon_themes(
    text: str, lang: str, codebook: Codebook, *, concern: Concern | None = None
) -> list[ThemeMatch]:
    """Every theme whose terms occur in ``text`` (the lexicon alone, without the model), in
    codebook order, with the matched terms.

    Answers in any language are also searched with the English terms, because pupils often mix
    English words ("bullying", "snapchat") into Tamil, Urdu, Polish, Portuguese or Arabic.
    Terms are listed in the order they first occur in the answer, then any ``concern: <reason>``.
    """
    idx = _index(codebook, lang)
    hits, _ = _lexicon_hits(idx, text, lang, concern)
    return [ThemeMatch(idx.theme_ids[t], tuple(hits[t])) for t in sorted(hits)]


def model_inputs(
    text: str, lang: str, codebook: Codebook, *, concern: Concern | None = None
) -> list[str]:
    """The themes the lexicon hands the theme model (the trainer reads the same)."""
    idx = _index(codebook, lang)
    hits, concern = _lexicon_hits(idx, text, lang, concern)
    return [idx.theme_ids[t] for t in _found(hits, concern)]


def _found(hits: dict[int, dict[str, None]], concern: Concern | None) -> list[int]:
    """The themes a term found, or a concern reason the screen's patterns found. A reason from
    the statistical screen alone is left out: that screen was trained on the answers the theme
    model is trained on, where it is surer than on new ones, and the theme model reads the
    same words itself."""
    if concern is None or not concern.statistical:
        return list(hits)
    return [t for t, terms in hits.items() if not all(x.startswith(_CONCERN) for x in terms)]


def _decided(
    text: str, lang: str, codebook: Codebook, concern: Concern | None
) -> tuple[tuple[str, ...], dict[int, dict[str, None]], list[int], list[str]]:
    """(the codebook's theme ids, the lexicon's hits, the indexes of the themes given in order,
    the answer's words as the model reads them)."""
    idx = _index(codebook, lang)
    hits, concern = _lexicon_hits(idx, text, lang, concern)
    model = theme_model()
    layout = model.layout(idx.theme_ids)
    ws = tokens(text)
    lexical, positions = layout.lexical, layout.positions
    chosen = [positions[j] for j in model.passing(ws, [lexical[t] for t in _found(hits, concern)])]
    if layout.unknown:  # themes an admin added: their terms alone
        chosen.extend(t for t in layout.unknown if t in hits)
    chosen.sort()
    if chosen and chosen[0] < 0:  # themes this codebook lacks
        chosen = [t for t in chosen if t >= 0]
    return idx.theme_ids, hits, chosen, ws


def _lexicon_hits(
    idx: _Index, text: str, lang: str, concern: Concern | None
) -> tuple[dict[int, dict[str, None]], Concern | None]:
    """Per theme index, the terms (and ``concern: <reason>``) found, in order; with the concern
    screen's result (screened here when a theme needs it and the caller did not)."""
    norm = normalise(text)
    parts = (_SPLIT_ASCII if norm.isascii() else _SPLIT).split(norm)
    # parts alternate word, separator, word, ...; an empty word can only start or end it.
    toks, seps = parts[0::2], parts[1::2]
    pair, pair_first, memo = idx.pair, idx.pair_first, idx.memo
    hits: dict[int, dict[str, None]] = {}
    n = len(toks)
    for i, tok in enumerate(toks):
        if not tok:
            continue
        found = memo.get(tok)
        if found is None:
            found = _first_word_entries(idx, tok)
        if found:
            _record(hits, found, toks, seps, i + 1)
        if tok in pair_first and i + 1 < n:
            found = pair.get(tok + " " + toks[i + 1])
            if found and _gap_ok(seps[i]):
                _record(hits, found, toks, seps, i + 2)
    if idx.from_concern:
        if concern is None:
            from analysis.concern import screen_concern

            concern = screen_concern(text, lang)
        for reason, t in idx.from_concern:
            if reason in concern.reasons:
                hits.setdefault(t, {})[_CONCERN + reason] = None
    return hits, concern


_MEMO_LIMIT = 50_000


def _first_word_entries(idx: _Index, tok: str) -> tuple[_Entry, ...]:
    """Entries whose first word matches ``tok``: exact forms, stems, Arabic clitic forms."""
    out: list[_Entry] = list(idx.exact.get(tok, ()))
    for stem, entry in idx.prefix.get(tok[:2], ()):
        if tok.startswith(stem):
            out.append(entry)
    if idx.short_stems:
        out.extend(entry for _stem, entry in idx.prefix.get(tok[:1], ()))
    if idx.ar_prefix:
        for clitic in ("", *_AR_CLITIC_LIST):
            if tok.startswith(clitic) and len(tok) > len(clitic):
                rest = tok[len(clitic) :]
                for stem, entry in idx.ar_prefix.get(rest[:2], ()):
                    if rest.startswith(stem):
                        out.append(entry)
    found = tuple(out)
    if len(idx.memo) >= _MEMO_LIMIT:
        idx.memo.clear()
    idx.memo[tok] = found
    return found


def _record(
    hits: dict[int, dict[str, None]],
    entries: tuple[_Entry, ...] | list[_Entry],
    toks: list[str],
    seps: list[str],
    k: int,
) -> None:
    """Add each entry whose remaining words follow from token ``k`` on, phrase-style."""
    for t, term, rest in entries:
        if rest and not _rest_matches(toks, seps, k, rest):
            continue
        hits.setdefault(t, {})[term] = None


def _rest_matches(toks: list[str], seps: list[str], k: int, rest: tuple[_Word, ...]) -> bool:
    """Do the phrase's remaining words sit at tokens k, k+1, ..., separated by spaces/hyphens?"""
    if k + len(rest) > len(toks):
        return False
    for j, word in enumerate(rest, start=k):
        if not toks[j] or not _gap_ok(seps[j - 1]) or not _word_matches(word, toks[j]):
            return False
    return True
