"""Person names: shipped name lists plus capitalisation and context cues.

A token is a name when it is on a given-name or surname list (any case: pupils
write "jamie"), unless it is also an ordinary word ("will", "mark", "rose"), in
which case it needs help: a capital letter where a sentence does not start, a
title ("Mr", "miss"), a surname after it, or a cue ("my friend X", "called X",
"X said"). Cues also catch names missing from the lists, and a one-edit
neighbour of a listed name ("jaimee", "mohamad") counts as a misspelling unless
it is an English word. Places, services and apps pupils name ("Sutton",
"Childline", "Snapchat") are never names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from ._lexicon import arabic_key, common_words, data_lines, word_set

__all__ = ["BORING", "find_names"]

Found = Iterator[tuple[int, int, str]]


def _strip_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=16384)
def _key(word: str) -> str:
    """Lookup key for Latin-script words: lower case, accents stripped (cached per word form:
    pupils use few of them, and stripping accents is the costly part)."""
    if word.isascii():
        return word.lower()
    return _strip_accents(unicodedata.normalize("NFC", word).lower())


def _words(name: str) -> list[str]:
    return [w for line in data_lines(name) for w in line.split()]


def _polish_forms(name: str) -> set[str]:
    """Common inflected forms of a Polish given name (draft rules, for review)."""
    forms = {name}
    if name.endswith("a"):
        stem = name[:-1]
        forms |= {stem + e for e in ("y", "i", "ę", "ą", "o", "u")}
        if stem.endswith("i"):
            forms.add(stem)  # Kasia -> Kasi
    elif name.endswith("ek"):
        stem = name[:-2] + "k"
        forms |= {stem + e for e in ("a", "iem", "owi", "u")}
    elif name[-1] not in "iy":
        forms |= {name + e for e in ("a", "em", "owi", "u", "ie")}
    return forms


# ------------------------------------------------------------------ lists
_COMMON = common_words()
_NEVER_PHRASES: list[str] = []
_NEVER: set[str] = set()
for _line in data_lines("never_redact.txt"):
    for _entry in _line.split(","):
        _entry = _entry.strip().lower()
        if " " in _entry:
            _NEVER_PHRASES.append(_entry)
        elif _entry:
            _NEVER.add(_key(_entry))

_STRONG_WORDLIKE: set[str] = set()
_MILD_WORDLIKE: set[str] = set()
for _line in data_lines("names_wordlike.txt"):
    _toks = _line.split()
    for _i, _t in enumerate(_toks):
        if _t == "!":
            continue
        strong = _i + 1 < len(_toks) and _toks[_i + 1] == "!"
        (_STRONG_WORDLIKE if strong else _MILD_WORDLIKE).add(_key(_t))
_MILD_WORDLIKE -= _STRONG_WORDLIKE
_WORDLIKE = _STRONG_WORDLIKE | _MILD_WORDLIKE
_MONTHS = {"april", "may", "june", "august"}
# single letters that are words (English "i", "a"; Polish "w", "z"; Portuguese "e", "o")
_NOT_INITIAL = frozenset("iauxwzoey")

_BASE_FIRST: set[str] = {_key(w) for w in _words("names_first.txt") + _words("names_first_pl.txt")}
_BASE_FIRST -= _WORDLIKE | _NEVER
_FIRST: set[str] = set(_BASE_FIRST)
for _w in _words("names_first_pl.txt"):
    _FIRST |= {_key(f) for f in _polish_forms(_w.lower())}
_FIRST -= _WORDLIKE | _NEVER
_SURNAMES: set[str] = {_key(w) for w in _words("names_surnames.txt")} - _NEVER - _WORDLIKE
_ANY_NAME = _FIRST | _SURNAMES | _WORDLIKE


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


# Misspelling index: a word within one edit of a listed given name of 5+ letters.
_FUZZY: set[str] = set()
for _n in _BASE_FIRST:
    if len(_n) >= 5 and _n.isalpha():
        _FUZZY.add(_n)
        _FUZZY |= _deletions(_n)


@lru_cache(maxsize=16384)
def _fuzzy_name(key: str) -> bool:
    if not 5 <= len(key) <= 20 or not key.isascii() or not key.isalpha():
        return False
    return key in _FUZZY or any(d in _FUZZY for d in _deletions(key))


def _script_names(name: str, key) -> tuple[set[str], set[str]]:
    plain: set[str] = set()
    cued: set[str] = set()
    for line in data_lines(name):
        toks = line.split()
        for i, tok in enumerate(toks):
            if tok == "!":
                continue
            tok = tok.replace("_", " ")
            if i + 1 < len(toks) and toks[i + 1] == "!":
                cued.add(key(tok))
            else:
                plain.add(key(tok))
    return plain - cued, cued


_AR_NAMES, _AR_CUED = _script_names("names_arabic_script.txt", arabic_key)
_TA_NAMES, _TA_CUED = _script_names("names_tamil_script.txt", lambda t: t)
# Tamil names that take case endings, indexed by their first two characters
_TA_STEMS: dict[str, list[tuple[str, str]]] = {}
for _n in sorted(_TA_NAMES, key=len, reverse=True):
    if len(_n) >= 4:
        _stem = _n[:-1] if _n.endswith("\u0bcd") else _n
        _TA_STEMS.setdefault(_stem[:2], []).append((_stem, _n))

# ------------------------------------------------------------------ cues
# Words that can never be a name even after "Mr" (articles, pronouns, verbs...).
_FUNCTION = word_set(
    "a an the and or but if so as at by for from in into of off on onto out over to up "
    "with i me my you your we us our he him his she her they them their it its this that "
    "these those is am are was were be been do does did have has had will would can could "
    "shall should may might must not no yes said says say told tell asked went go goes "
    "got get gets just also too very really who what when where why how there here then "
    "than said u ur im ive dont didnt cant wont isnt wasnt aint gonna wanna lol idk tbh "
    "ngl omg pls please thanks"
)
_TITLES_STRONG = frozenset({"mr", "mrs", "ms", "mx", "dr", "mister", "missus", "prof"})
_TITLES_WEAK = frozenset(
    {
        "miss", "sir", "teacher", "coach", "uncle", "auntie", "aunty", "aunt",
        "pan", "pani", "pana", "panią", "panem", "professor", "professora", "prof",
        "stor", "stora", "senhor", "senhora", "sr", "sra", "dona", "tia", "tio",
    }
)  # fmt: skip
_TITLES = _TITLES_STRONG | _TITLES_WEAK
# Words before "miss" that make it the verb ("i miss home"), not a title.
_MISS_VERB = frozenset({"i", "u", "you", "we", "they", "really", "will", "dont", "do", "to", "so"})
_CUE_BEFORE = (
    r"(?:my|our|his|her|their)\s+(?:best\s+)?(?:friend|mate|bestie|bff|bf|gf|boyfriend"
    r"|girlfriend|ex|cousin|brother|sister|bro|sis|stepdad|stepmum|step\s+dad|step\s+mum"
    r"|stepbrother|stepsister|uncle|aunt|auntie|tutor|neighbour)"
    r"|(?:girl|boy|kid|man|guy|lad|woman|someone|somebody|person|teacher|one)\s+(?:called|named)"
    r"|called|named|name\s+is|name\s+was|names|name's|known\s+as|nicknamed"
    r"|kolega|koleżanka|kolegą|koleżanką|przyjaciel|przyjaciółka|ma\s+na\s+imię|nazywa\s+się"
    r"|amigo|amiga|meu\s+amigo|minha\s+amiga|chama-se|se\s+chama|chamado|chamada|irmão|irmã"
    r"|primo|prima|namorado|namorada"
)
# the last word of every cue above: the regex runs only after one of these
_CUE_LAST = word_set(
    "friend mate bestie bff bf gf boyfriend girlfriend ex cousin brother sister bro sis "
    "stepdad stepmum dad mum stepbrother stepsister uncle aunt auntie tutor neighbour "
    "called named is was names name's as nicknamed kolega koleżanka kolegą koleżanką "
    "przyjaciel przyjaciółka imię się amigo amiga chama-se chama chamado chamada irmão "
    "irmã primo prima namorado namorada"
)
_CUE_BEFORE_RE = re.compile(r"(?:^|(?<=[^\w]))(?:" + _CUE_BEFORE + r")\s*[,:]?\s*$", re.IGNORECASE)
_LINK_BEFORE = frozenset({"and", "&", "with", "me", "i", "e"})  # "me and X", "X and Y"
_VERBS_AFTER = word_set(
    "said says told tells keeps kept threatened threatens hit hits punched punches pushed "
    "pushes bullies bullied started starts sent sends posted posts tried tries wants "
    "touched followed follows texted texts messaged messages cried cries jumped stole "
    "steals took takes threw throws brought brings showed shows made makes asked asks "
    "shouted shouts spread spreads screamed laughed called calls hurt hurts beat beats "
    "robbed slapped kicked"
)
_JOINERS = word_set("and but so then cos coz cuz bc because when if that & me")
_MILD_AFTER = _VERBS_AFTER | word_set(
    "and is was got gets has had does did doesnt didnt wont cant will would never always"
)

_AR_CUE_BEFORE = {
    arabic_key(w)
    for w in word_set(
        "صديقي صديقتي صاحبي صاحبتي اسمه اسمها اسمي يدعى تدعى أخي اختي دوست سہیلی بھائی بہن نام"
    )
}
_AR_CUE_AFTER = {arabic_key(w) for w in word_set("قال قالت يقول تقول نے")}
_AR_PREFIXES = ("و", "ب", "ل", "ف")
_TA_CUES = word_set("நண்பன் நண்பர் நண்பி தோழி தோழன் பெயர் அண்ணா அக்கா தம்பி தங்கை")

# ------------------------------------------------------------------ tokens
_L = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff\u0300-\u036f"
_AR = "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"
_TOKEN = re.compile(
    rf"(?P<lat>[{_L}]+(?:-[{_L}]+)*(?:'(?=[A-Z])[{_L}]+)?)"
    rf"|(?P<ar>[{_AR}]+)"
    r"|(?P<ta>[\u0b80-\u0bff]+)"
)
_CONTRACTION = re.compile(r"'(?:t|ll|re|ve|m|d)\b", re.IGNORECASE)
# never-redact phrases indexed by their first word, longest first
_PHRASES: dict[str, list[list[str]]] = {}
for _p in sorted(_NEVER_PHRASES, key=len, reverse=True):
    _pt = [_key(w) for w in _p.split()]
    _PHRASES.setdefault(_pt[0], []).append(_pt)
_PHRASE_WORDS = frozenset(w for ps in _PHRASES.values() for p in ps for w in p)
_SENT_END = frozenset(".!?…\n\r\t")
_OPENERS = frozenset("\"'([{“‘-*•>")


class _Tok:
    __slots__ = ("cap", "end", "key", "kind", "low", "start", "text")

    def __init__(self, m: re.Match[str]) -> None:
        self.start, self.end = m.span()
        self.text = m.group()
        self.kind = m.lastgroup or "lat"
        self.low = self.text.lower()
        self.key = _key(self.text) if self.kind == "lat" else self.text
        self.cap = self.kind == "lat" and self.text[:1].isupper()


def _sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and (text[i] == " " or text[i] in _OPENERS):
        i -= 1
    return i < 0 or text[i] in _SENT_END


def _casing_informative(words: list[str]) -> bool:
    """Capitals tell us nothing in all-lowercase, SHOUTED or Title Cased text."""
    lat = [w for w in words if len(w) > 1 and w.isascii()]
    if not lat:
        return False
    caps = sum(1 for w in lat if w[0].isupper())
    upper = sum(1 for w in lat if w.isupper())
    return caps > 0 and upper <= 0.5 * len(lat) and caps <= 0.6 * len(lat) + 1


class _Toks:
    """The tokens of one text, each built on first use (most are never looked at)."""

    __slots__ = ("_cache", "_ms")

    def __init__(self, ms: list[re.Match[str]]) -> None:
        self._ms = ms
        self._cache: list[_Tok | None] = [None] * len(ms)

    def __len__(self) -> int:
        return len(self._ms)

    def __getitem__(self, i: int) -> _Tok:
        t = self._cache[i]
        if t is None:
            t = self._cache[i] = _Tok(self._ms[i])
        return t


# Words that on their own can never start a name decision: ordinary words (lower
# case or capitalised) that are on no name list. Text made only of these (and no
# title) is skipped after one set comparison, which is most answers.
_BORING = frozenset(
    {w for w in _COMMON if _key(w) not in _ANY_NAME and w not in _TITLES}
    | {w.capitalize() for w in _COMMON if _key(w) not in _ANY_NAME and w not in _TITLES}
    | {w.capitalize() for w in _NEVER}
    | _NEVER
) - {t for w in _TITLES for t in (w, w.capitalize())}
_WORDS = re.compile(rf"[{_L}]+|[{_AR}\u0b80-\u0bff]")
BORING = _BORING
"""Words that never start a name decision (see above), for the redactor's shortcut."""
_MAX_PHRASE = max((len(p) for ps in _PHRASES.values() for p in ps), default=1)


def _shielded(words: list[str], i: int) -> bool:
    """Is word i inside a never-redact phrase ("stanley park", "sutton high street")?"""
    for j in range(max(0, i - _MAX_PHRASE + 1), i + 1):
        for phrase in _PHRASES.get(words[j].lower(), ()):
            k = j + len(phrase)
            if i < k <= len(words) and all(words[j + x].lower() == w for x, w in enumerate(phrase)):
                return True
    return False


# Arabic- and Tamil-script words that can be a name at all (with a leading و ب ل ف, as
# _arabic_name() accepts them; Tamil names with case endings by their first two letters):
# every other word of those scripts is skipped before any token object is built.
_AR_ANY = frozenset(
    {*_AR_NAMES, *_AR_CUED, *(p + k for p in _AR_PREFIXES for k in (*_AR_NAMES, *_AR_CUED))}
)


def _may_be_name(word: str) -> bool:
    """For a word not in ``_BORING``: could it be (part of) a name at all?"""
    first = word[0]
    if first < "\u0600" or "\u1e00" <= first <= "\u1eff":  # Latin script
        return True
    if "\u0b80" <= first <= "\u0bff":
        return (
            word in _TA_NAMES
            or word in _TA_CUED
            or any(
                word.startswith(stem) and len(stem) < len(word) <= len(stem) + 8
                for stem, _ in _TA_STEMS.get(word[:2], ())
            )
        )
    return arabic_key(word) in _AR_ANY


def find_names(text: str) -> Found:
    if set(_WORDS.findall(text)) <= _BORING:
        return
    ms = list(_TOKEN.finditer(text))
    if not ms:
        return
    words = [m.group() for m in ms]
    n = len(words)
    cands = [i for i, w in enumerate(words) if w not in _BORING and _may_be_name(w)]
    if not cands:
        return
    cands += [i + 1 for i in cands if i + 1 < n and words[i].lower() in _TITLES]
    toks = _Toks(ms)
    cased = _casing_informative(words)
    hits = [False] * n

    def close(i: int) -> bool:
        """Is token i separated from token i-1 by at most a space (same phrase)?"""
        return i > 0 and text[ms[i - 1].end() : ms[i].start()] in (" ", "-", ", ", ". ", " & ")

    for i in sorted(set(cands)):
        t = toks[i]
        if t.kind == "ar":
            span = _arabic_name(toks, i)
            if span:
                yield span
            continue
        if t.kind == "ta":
            if _tamil_name(toks, i):
                yield t.start, t.end, "PERSON"
            continue
        titled = i > 0 and words[i - 1].lower() in _TITLES_STRONG  # "Mrs White", "Mr Sutton"
        if not titled and (t.key in _NEVER or (t.key in _PHRASE_WORDS and _shielded(words, i))):
            continue
        if (
            t.low in _COMMON
            and t.key not in _ANY_NAME
            and not (cased and t.cap)
            and (i == 0 or words[i - 1].lower() not in _TITLES)
        ):
            continue  # an ordinary lowercase word
        if _CONTRACTION.match(text, t.end):
            continue
        hits[i] = _is_name(text, toks, i, cased, close)
    if True not in hits:
        return

    # a name is often followed by a surname or initial the lists do not know
    for i in range(n - 1):
        if not hits[i] or hits[i + 1] or toks[i + 1].kind != "lat":
            continue
        if text[toks[i].end : toks[i + 1].start] != " ":
            continue
        nxt = toks[i + 1]
        if nxt.key in _NEVER or nxt.low in _FUNCTION or _shielded(words, i + 1):
            continue
        if (
            nxt.key in _SURNAMES
            or (len(nxt.text) == 1 and nxt.low not in _NOT_INITIAL)
            or (cased and nxt.cap and nxt.low not in _COMMON and not nxt.text.isupper())
        ):
            hits[i + 1] = True

    # merge neighbouring name tokens into one span ("jake thompson")
    i = 0
    while i < n:
        if not hits[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and hits[j + 1] and text[toks[j].end : toks[j + 1].start] in (" ", "-"):
            j += 1
        yield toks[i].start, toks[j].end, "PERSON"
        i = j + 1


def _is_name(text, toks, i, cased, close) -> bool:
    t = toks[i]
    k = t.key
    if "-" in k and k not in _ANY_NAME:  # "Tyler-James", "Kacey-Leigh"
        parts = k.split("-")
        firsts = [p for p in parts if p in _FIRST]
        capitalised = all(p[:1].isupper() for p in t.text.split("-"))
        if firsts and (capitalised or all(p in _ANY_NAME or p in _FUZZY for p in parts)):
            k = firsts[0]
    prev = toks[i - 1] if i > 0 and close(i) else None
    nxt = toks[i + 1] if i + 1 < len(toks) and close(i + 1) else None
    cap = cased and t.cap and not t.text.isupper()
    if len(t.text) == 1:
        # an initial after a title: "miss k"
        return prev is not None and _title(toks, i - 1, cased) is not None and t.low not in {
            "i", "a", "u",
        }  # fmt: skip

    title = _title(toks, i - 1, cased) if prev is not None else None
    if title == "strong":
        return t.low not in _FUNCTION
    if title == "weak":
        return k in _ANY_NAME or (cap and t.low not in _COMMON)

    cue = (
        i > 0
        and toks[i - 1].key in _CUE_LAST
        and bool(_CUE_BEFORE_RE.search(text, max(0, t.start - 40), t.start))
    )
    verb_after = nxt is not None and nxt.low in _VERBS_AFTER
    if k in _FIRST and t.low in _COMMON and not cap:
        return cue  # "nie wiem kim jestem": a word first, a name only when cued
    if k in _FIRST or (k in _SURNAMES and t.low not in _COMMON):
        return len(t.text) > 2 or cap or cue
    if k in _WORDLIKE:
        if cue:
            return True
        if nxt is not None and nxt.key in _SURNAMES and nxt.key not in _FIRST:
            return True
        if k in _MONTHS:
            return False
        sent_start = _sentence_start(text, t.start)
        linked = _linked_to_name(toks, i, close)
        if k in _STRONG_WORDLIKE:
            return (
                (cap and not sent_start)
                or (cap and linked)
                or (verb_after and t.low not in {"will", "may"})
            )
        after = nxt is not None and nxt.low in _MILD_AFTER
        return cap or linked or after
    if t.low in _COMMON or t.low in _FUNCTION:
        return cue and cap
    if not t.text.isalpha() and "-" not in t.text:
        return False
    if cue:
        return True
    # an unknown word in the subject slot before "said", "keeps", ...: "jaxon said"
    subject = cap or _sentence_start(text, t.start) or (prev is not None and prev.low in _JOINERS)
    if verb_after and subject:
        return True
    # a misspelt listed name ("jaimee"), only where a name could stand
    return (subject or (nxt is not None and nxt.low in _MILD_AFTER)) and _fuzzy_name(k)


def _title(toks, j: int, cased: bool) -> str | None:
    """Is token j a title ("Mr", "miss") used as a title?"""
    if j < 0:
        return None
    t = toks[j]
    if t.low in _TITLES_STRONG:
        return "strong"
    if t.low in _TITLES_WEAK:
        if t.low == "miss" and j > 0 and toks[j - 1].low in _MISS_VERB:
            return None
        return "strong" if cased and t.cap else "weak"
    return None


def _linked_to_name(toks, i: int, close) -> bool:
    """'Will and Sam', 'Sam and Will', 'me and Will' with a listed name alongside."""
    for a, b in ((i - 2, i - 1), (i + 2, i + 1)):
        if 0 <= a < len(toks) and toks[b].low in _LINK_BEFORE and toks[a].key in _FIRST:
            return True
    return i >= 2 and toks[i - 1].low == "and" and toks[i - 2].low == "me"


def _arabic_name(toks, i: int) -> tuple[int, int, str] | None:
    t = toks[i]
    key = arabic_key(t.text)
    start = t.start
    if key not in _AR_NAMES and key not in _AR_CUED:
        for p in _AR_PREFIXES:
            if key.startswith(p) and (key[1:] in _AR_NAMES or key[1:] in _AR_CUED):
                key = key[1:]
                start = t.start + t.text.index(p) + 1
                break
        else:
            return None
    if key in _AR_CUED:
        prev = arabic_key(toks[i - 1].text) if i > 0 else ""
        nxt = arabic_key(toks[i + 1].text) if i + 1 < len(toks) else ""
        if prev not in _AR_CUE_BEFORE and nxt not in _AR_CUE_AFTER:
            return None
    return start, t.end, "PERSON"


def _tamil_name(toks, i: int) -> bool:
    text = toks[i].text
    if text in _TA_CUED:
        return i > 0 and toks[i - 1].text in _TA_CUES
    if text in _TA_NAMES:
        return True
    for stem, name in _TA_STEMS.get(text[:2], ()):
        if text.startswith(stem) and len(stem) < len(text) <= len(stem) + 8:
            rest = text[len(stem) :]
            if name.endswith("\u0bcd"):
                # அருண் -> அருணுக்கு: the virama gives way to a vowel sign
                if "\u0bbe" <= rest[0] <= "\u0bcc":
                    return True
            elif rest[0] in "வயி" or rest.startswith("\u0bc8"):
                return True
    return False
