"""School names and street addresses.

Schools: the registered names the backend passes (also their shorter forms,
"Greenshaw High", "Carshalton Boys", "wilsons") and the common
"<Name> Academy/High/School/College/Grammar/Primary" forms. A place, a park or
"the high street" on its own is not a school and not an address: pupils name
places to say where they feel unsafe, and those words must survive.

Addresses: a house or flat number followed by a street ("12 Oak Road",
"flat 3, 45 High Street"), a street after "live on" ("lives on Aultone Way"),
and Polish and Portuguese forms ("ul. Długa 5", "Rua das Flores, 23").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from ._lexicon import common_words, data_lines, word_set

__all__ = ["find_addresses", "find_schools", "may_hold_address", "may_hold_school"]

Found = Iterator[tuple[int, int, str]]

_COMMON = common_words()
_PLACES: set[str] = set()
for _line in data_lines("never_redact.txt"):
    _PLACES |= {e.strip().lower() for e in _line.split(",") if e.strip()}

_FUNCTION = word_set(
    "a an the and or but if so as at by for from in into of off on onto out over to up "
    "with i me my you your we us our he him his she her they them their it its this that "
    "these those is am are was were be been do does did have has had will would can could "
    "my new old big near next our go goes going went get got im u ur any some every all "
    "no not"
)
_GENERIC = word_set(
    "school academy college high grammar primary secondary sixth form prep infant infants "
    "junior juniors catholic community county sports boys girls for the of c e church "
    "free technology tech language arts"
)
_CUE = r"(?:go|goes|going|went|attend|attends|attended|at|from|to|moved|left|in)"

# ------------------------------------------------------------------ generic schools
_SUFFIX = re.compile(
    r"(?<![A-Za-z])(?:high\s+school|grammar\s+school|primary\s+school|secondary\s+school"
    r"|sixth\s+form\s+college|sixth\s+form|prep\s+school|junior\s+school|infant\s+school"
    r"|academy|school|college|grammar|primary|high|secondary)"
    r"(?:\s+for\s+(?:girls|boys))?"
    r"(?![A-Za-z])(?!\s+(?:street|st|road|rd|streets)\b)",
    re.IGNORECASE,
)
_SUFFIX_ASCII = re.compile(_SUFFIX.pattern, re.IGNORECASE | re.ASCII)
"""The same regex for ASCII text (most answers), where it finds exactly the same and is faster."""
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'’.-")


def _word_before(text: str, end: int) -> int | None:
    """Start of the word that ends one or two spaces before ``end``, if any."""
    i = end - 1
    spaces = 0
    while i >= 0 and text[i] == " " and spaces < 3:
        i -= 1
        spaces += 1
    if spaces not in (1, 2):
        return None
    j = i
    while j >= 0 and text[j] in _WORD_CHARS and i - j < 40:
        j -= 1
    start = j + 1
    if start > i or not text[start].isascii() or not text[start].isalpha():
        return None
    return start


_AFTER_ACADEMY = re.compile(r"\s+([A-Z][a-z]+)")


def _sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \"'(":
        i -= 1
    return i < 0 or text[i] in ".!?\n"


def _name_word(text: str, start: int, word: str) -> bool:
    """Can ``word`` (at ``start``) be part of a school's own name?"""
    low = word.lower().rstrip(".")
    base = low[:-2] if low.endswith(("'s", "’s")) else low
    if low in _FUNCTION:
        return low in {"st", "saint"}
    if low in _GENERIC:  # "Sutton Community Academy", not "my high school"
        return word[0].isupper()
    if low in {"st", "saint"} or base in _PLACES:
        return True
    if word[0].isupper():
        return not (base in _COMMON and _sentence_start(text, start))
    return base not in _COMMON


def find_generic_schools(text: str) -> Found:
    for m in (_SUFFIX_ASCII if text.isascii() else _SUFFIX).finditer(text):
        start = m.start()
        words = 0
        while words < 4:
            w = _word_before(text, start)
            if w is None or not _name_word(text, w, text[w:start].rstrip(" ")):
                break
            start = w
            words += 1
        if words == 0 or all(
            w.lower().rstrip(".") in _GENERIC for w in text[start : m.start()].split()
        ):
            continue
        # "The Link Secondary School"
        if text[max(0, start - 4) : start].lower() == "the ":
            start -= 4
        end = m.end()
        if m.group().lower() == "academy":  # "Harris Academy Sutton"
            a = _AFTER_ACADEMY.match(text, end)
            if a and a.group(1).lower() in _PLACES:
                end = a.end()
        yield start, end, "SCHOOL"


# ------------------------------------------------------------------ registered schools
def _variant_pattern(tokens: list[str]) -> str:
    parts = []
    for tok in tokens:
        core = re.escape(tok.replace("'", "").replace("’", ""))
        if tok.lower().endswith(("'s", "’s")):
            core = re.escape(tok[:-2]) + r"['’]?s"
        parts.append(core)
    return r"\s+".join(parts)


def _specific(tokens: list[str]) -> bool:
    """Could this part of a school's name stand for the school? Not "St", not "Sutton":
    a bare place or a generic word is never taken for a school, even after "at"."""
    words = [t.lower().rstrip(".") for t in tokens]
    if len(words) == 1:
        w = words[0]
        return w not in _PLACES and w not in _GENERIC and w not in {"st", "saint"}
    return True


def _distinctive(tokens: list[str]) -> bool:
    """A variant that cannot be an ordinary phrase or a place on its own."""
    words = [t.lower() for t in tokens if t.lower() != "the"]
    if len(words) >= 2:
        return not all(w in _PLACES or w in _COMMON for w in words) or any(
            w in _GENERIC for w in words
        )
    if not words:
        return False
    w = words[0].replace("'s", "").replace("’s", "")
    return w not in _COMMON and w not in _PLACES and words[0] not in _PLACES


def _first_words(token: str) -> set[str]:
    """How the first word of a name shows up in ``_LOW_WORDS`` ("wilson's" -> wilson, wilsons)."""
    parts = _LOW_WORDS.findall(token.lower())
    return {parts[0], "".join(parts)} if parts else set()


_LOW_WORDS = re.compile(r"[a-z]+")
_SUFFIX_WORDS = word_set(
    "school academy college grammar primary high secondary sixth prep junior infant"
)


@lru_cache(maxsize=16)
def _registered(
    schools: tuple[str, ...],
) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None, frozenset[str]]:
    """Patterns for the registered names, and their first words (a cheap pre-check)."""
    free: set[str] = set()
    cued: set[str] = set()
    firsts: set[str] = set()
    for school in schools:
        if not isinstance(school, str):
            continue
        tokens = [t for t in re.split(r"\s+", school.strip()) if t]
        while tokens and tokens[0].lower() == "the":  # "the" is optional in every pattern
            tokens = tokens[1:]
        if not tokens:
            continue
        for n in range(len(tokens), 0, -1):
            prefix = tokens[:n]
            if prefix[-1].lower() in {"for", "of", "the", "and", "&"} or not _specific(prefix):
                continue
            (free if _distinctive(prefix) else cued).add(_variant_pattern(prefix))
        firsts |= _first_words(tokens[0])
        core = [t for t in tokens if t.lower() not in _GENERIC]
        if core and core != tokens and _specific(core):
            (free if _distinctive(core) else cued).add(_variant_pattern(core))
            firsts |= _first_words(core[0])
    cued -= free

    def build(variants: set[str], prefix: str) -> re.Pattern[str] | None:
        if not variants:
            return None
        alts = "|".join(sorted(variants, key=len, reverse=True))
        return re.compile(
            prefix + r"(?<![A-Za-z])((?:the\s+)?(?:" + alts + r"))(?![A-Za-z])"
            r"(?!\s+(?:park|road|rd|street|st|station|lane|common|village|green|avenue|rec)\b)",
            re.IGNORECASE,
        )

    cue = r"(?:(?<![A-Za-z])" + _CUE + r"\s+)"
    return build(free, ""), build(cued, cue), frozenset(firsts)


_ST_CUED = re.compile(
    r"(?<![A-Za-z])" + _CUE + r"\s+((?:st\.?|saint)\s+[A-Za-z]+(?:['’]?s)?)(?![A-Za-z])",
    re.IGNORECASE,
)


def find_schools(text: str, schools: Sequence[str] = (), words: set[str] | None = None) -> Found:
    """Schools in ``text``; ``words`` is its set of lowercase ASCII words, if known."""
    if words is None:
        words = set(_LOW_WORDS.findall(text.lower()))
    if not words.isdisjoint(_SUFFIX_WORDS):
        yield from find_generic_schools(text)
    if schools:
        try:
            free, cued, firsts = _registered(tuple(schools))
        except TypeError:  # an unhashable entry: keep only the strings
            free, cued, firsts = _registered(tuple(x for x in schools if isinstance(x, str)))
        if not words.isdisjoint(firsts):
            for rx in (free, cued):
                if rx is not None:
                    for m in rx.finditer(text):
                        yield m.start(1), m.end(1), "SCHOOL"
    if "st" not in words and "saint" not in words:
        return
    for m in _ST_CUED.finditer(text):
        saint = m.group(1).split()[-1].lower().rstrip("s'’")
        if f"st {saint}" not in _PLACES and m.group(1).lower() not in _PLACES:
            yield m.start(1), m.end(1), "SCHOOL"


# ------------------------------------------------------------------ addresses
_STREET = (
    r"(?:road|rd|street|st|avenue|ave|lane|ln|close|cl|drive|dr|way|gardens|gdns|crescent"
    r"|cres|grove|place|pl|court|ct|terrace|hill|park|rise|mews|walk|square|sq|row|green"
    r"|parade|view|vale|gate|end|path|wharf|yard|heights|house|estate)"
)
_NUMBERED = re.compile(
    r"(?<![A-Za-z0-9])"
    r"(?:(?:flat|apartment|apt|unit|room|no\.?|number)\s*[0-9]{1,4}[a-zA-Z]?\s*,?\s*"
    r"(?:[0-9]{1,4}[a-zA-Z]?\s*,?\s+)?"
    r"|[0-9]{1,4}[a-zA-Z]?\s*,?\s+)"
    r"(?P<words>(?:[A-Za-z][A-Za-z'’\-]{0,30}\s+){1,3})" + _STREET + r"(?![A-Za-z])",
    re.IGNORECASE,
)
_LIVE_ON = re.compile(
    r"(?:\b(?:live|lives|living|lived|stay|stays|staying|address\s+is|address:?|moved\s+to"
    r"|house\s+is\s+on|house\s+on)\s+(?:on|at|in)?\s*)"
    r"(?P<words>(?:[A-Za-z][A-Za-z'’\-]{0,30}\s+){1,3})" + _STREET + r"(?![A-Za-z])",
    re.IGNORECASE,
)
_UNITS = word_set(
    "minute minutes min mins hour hours hr hrs second seconds sec secs mile miles year "
    "years yr yrs day days week weeks month months time times people person boys girls "
    "men women kids lads guys pound pounds quid percent km foot feet metre metres meter "
    "meters bus buses stop stops"
)
_PL_PT = re.compile(
    r"(?<![A-Za-z])(?:(?:ul\.|ulica|ulicy|al\.|aleja|alei|os\.|osiedle)\s*"
    r"[A-ZĄĆĘŁŃÓŚŹŻ][\wąćęłńóśźż]+(?:\s+[A-ZĄĆĘŁŃÓŚŹŻ][\wąćęłńóśźż]+)?\s+[0-9]{1,4}[a-z]?(?:/[0-9]{1,4})?"
    r"|(?:Rua|R\.|Avenida|Av\.|Travessa|Tv\.|Largo|Praça|Estrada|Alameda)\s+"
    r"(?:(?:d[aoe]s?|de)\s+)?[A-ZÀ-Ý][\wÀ-ÿ]+(?:\s+(?:(?:d[aoe]s?|de)\s+)?[A-ZÀ-Ý][\wÀ-ÿ]+){0,3}"
    r",?\s*(?:n\.?[ºo°]\s*)?[0-9]{1,4})(?![0-9])"
)


def _street_words_ok(words: str, *, numbered: bool) -> bool:
    toks = words.split()
    if toks and toks[0].lower() == "the":
        if not numbered:
            return False
        toks = toks[1:]
        if not toks:  # "102 the Grove"
            return True
    lows = [t.lower() for t in toks]
    if any(t in _FUNCTION or t in _UNITS for t in lows):
        return False
    # "live on the high street" is a place, not an address
    if not numbered and (
        lows in (["high"], ["main"], ["busy"]) or not any(t[0].isupper() for t in toks)
    ):
        return all(t not in _COMMON for t in lows)
    return True


_STREET_WORDS = frozenset(_STREET[3:-1].split("|"))
_PL_PT_WORDS = word_set(
    "ul ulica ulicy al aleja alei os osiedle rua r avenida av travessa tv largo pra estrada alameda"
)


def may_hold_school(words: set[str], schools: Sequence[str]) -> bool:
    """Could find_schools() find anything in a text with these lowercase words? (A cheap test
    that lets the redactor skip it for most answers.)"""
    return bool(schools) or not words.isdisjoint(_SCHOOL_HINTS)


def may_hold_address(words: set[str]) -> bool:
    """Could find_addresses() find anything in a text with these lowercase words?"""
    return not words.isdisjoint(_ADDRESS_HINTS)


# Each pattern runs only where it could match: _NUMBERED needs an ASCII digit, _LIVE_ON
# one of its cue words. In ASCII text a cue word is always one of the lowercase words;
# other text (where case folding differs between the two) always runs the pattern.
_ASCII_DIGIT = re.compile(r"[0-9]")
_LIVE_CUES = word_set("live lives living lived stay stays staying address moved house")


def find_addresses(text: str, words: set[str] | None = None) -> Found:
    """Addresses in ``text``; ``words`` is its set of lowercase ASCII words, if known."""
    if words is None:
        words = set(_LOW_WORDS.findall(text.lower()))
    if not words.isdisjoint(_STREET_WORDS):
        if _ASCII_DIGIT.search(text):
            for m in _NUMBERED.finditer(text):
                if _street_words_ok(m.group("words"), numbered=True):
                    yield m.start(), m.end(), "ADDRESS"
        if not text.isascii() or not words.isdisjoint(_LIVE_CUES):
            for m in _LIVE_ON.finditer(text):
                if _street_words_ok(m.group("words"), numbered=False):
                    yield m.start("words"), m.end(), "ADDRESS"
    if not words.isdisjoint(_PL_PT_WORDS):
        for m in _PL_PT.finditer(text):
            yield m.start(), m.end(), "ADDRESS"


_SCHOOL_HINTS = frozenset(_SUFFIX_WORDS | {"st", "saint"})
_ADDRESS_HINTS = frozenset(_STREET_WORDS | _PL_PT_WORDS)

