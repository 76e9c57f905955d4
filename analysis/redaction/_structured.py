"""Detectors for structured PII: emails, URLs, phone numbers, UK postcodes, handles.

They run on the output of :func:`._text.normalise` (offsets unchanged), so
Arabic-Indic and Urdu digits and full-width ``@`` are already ASCII here. Every
pattern is compiled once at import and written so that each repetition must
consume a character (no nested quantifiers over the same text), which keeps
matching linear on long or hostile input.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from ._lexicon import is_common_word

__all__ = [
    "find_emails",
    "find_handles",
    "find_phones",
    "find_postcodes",
    "find_urls",
]

Found = Iterator[tuple[int, int, str]]

# ---------------------------------------------------------------- emails
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+'\-])"
    r"[A-Za-z0-9][A-Za-z0-9._%+'\-]{0,63}"
    r"@"
    r"[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){0,4}\.[A-Za-z]{2,12}"
    r"(?![A-Za-z0-9])"
)
_PROVIDERS = (
    r"(?:gmail|googlemail|hotmail|outlook|yahoo|icloud|live|aol|btinternet|sky"
    r"|proton(?:mail)?|mail)"
)
# "jamie at gmail dot com", "jamie(at)gmail.com", "jamie@gmail" (no TLD)
_EMAIL_SPOKEN = re.compile(
    r"(?<![A-Za-z0-9._%+'\-])"
    r"[A-Za-z0-9][A-Za-z0-9._%+'\-]{0,63}"
    r"(?:\s*[(\[]at[)\]]\s*|\s+at\s+|@)"
    + _PROVIDERS
    + r"(?:\s*(?:\.|[(\[]?dot[)\]]?|\s)\s*(?:com|co\s*\.?\s*uk|net|org|pl|pt|com\.br|uk))?"
    r"(?![A-Za-z0-9])",
    re.IGNORECASE,
)


def find_emails(text: str) -> Found:
    for m in _EMAIL.finditer(text):
        yield m.start(), m.end(), "EMAIL"
    for m in _EMAIL_SPOKEN.finditer(text):
        yield m.start(), m.end(), "EMAIL"


# ---------------------------------------------------------------- URLs
_TRAIL = ".,;:!?)]}'\"»”’"
_URL_SCHEME = re.compile(r"(?<![A-Za-z0-9])(?:https?://|www\.)[^\s<>\"'،]+", re.IGNORECASE)
# Bare domains. Common TLDs stand alone ("sutton.gov.uk"); short or word-like
# TLDs need a path ("bit.ly/abc", "wa.me/447..."), because pupils often leave
# out the space after a full stop ("it was bad.to be honest").
_SAFE_TLD = (
    r"(?:com|co\.uk|org\.uk|gov\.uk|ac\.uk|sch\.uk|uk|org|net|info|pl|com\.pl|pt|com\.br|br"
    r"|xyz|online|site)"
)
_PATH_TLD = (
    r"(?:ly|io|me|gg|tv|app|link|to|co|be|in|ae|sa|lk|pk|eu|de|fr|us|so|am|fm|tk|ws|ee|page|dev"
    r"|art|club|live|shop|store)"
)
_URL_BARE = re.compile(
    r"(?<![A-Za-z0-9@._\-/])"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.){1,4}"
    r"(?:" + _SAFE_TLD + r"(?![A-Za-z0-9\-])(?:/[^\s<>\"'،]*)?"
    r"|" + _PATH_TLD + r"/[^\s<>\"'،]+)",
    re.IGNORECASE,
)


def _strip_trailing(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _TRAIL:
        end -= 1
    return end


def find_urls(text: str) -> Found:
    for rx in (_URL_SCHEME, _URL_BARE):
        for m in rx.finditer(text):
            end = _strip_trailing(text, m.start(), m.end())
            if end - m.start() > 4:
                yield m.start(), end, "URL"


# ---------------------------------------------------------------- phones
_PHONE = re.compile(
    r"(?<![A-Za-z0-9+])"
    r"(?:\+\s?|00)?\(?"
    r"[0-9](?:[ \-.()/]{0,3}[0-9]){6,16}"
    r"(?![0-9])"
)
_DIGIT_RUN = re.compile(r"[0-9]+")
# Helplines pupils are told to call: not personal data, never redacted.
_SERVICE_NUMBERS = frozenset(
    {
        "08001111",  # Childline
        "08088005000",  # NSPCC
        "0800555111",  # Crimestoppers
        "08088025544",  # YoungMinds parents
        "08000121700",  # ChildLine (old)
        "116123",  # Samaritans
        "08457909090",  # Samaritans (old)
        "08081689111",  # Hope Again / Childline alternative
        "08088024040",  # Refuge
        "08082000247",  # National Domestic Abuse Helpline
    }
)


def _valid_phone(digits: str, plus: bool, groups: tuple[int, ...]) -> bool:
    intl = plus
    if digits.startswith("00") and groups[0] >= 2:  # "0044 ...", not "0 0 4 4"
        digits, intl = digits[2:], True
    if intl:
        if digits.startswith("44"):
            nat = digits[2:]
            if nat.startswith("0"):
                nat = nat[1:]
            return 9 <= len(nat) <= 10 and nat[0] in "1235789" and "0" + nat not in _SERVICE_NUMBERS
        return 8 <= len(digits) <= 15
    if digits[0] == "0":
        return len(digits) in (10, 11) and digits[1] in "1235789" and digits not in _SERVICE_NUMBERS
    if digits[0] == "7" and len(digits) == 10:  # UK mobile written without the 0
        return True
    # Polish and Portuguese mobiles: nine digits, written 3-3-3 or in one run.
    return len(digits) == 9 and groups in ((9,), (3, 3, 3))


def find_phones(text: str) -> Found:
    for m in _PHONE.finditer(text):
        yield from _split_phone(text, m.start(), m.end())


def _split_phone(text: str, start: int, end: int) -> Found:
    """Find valid numbers among the digit groups of one candidate run.

    A run may hold a number plus stray digits ("call 07700 900123 2 times") or two
    numbers; try the longest window of whole digit groups first.
    """
    groups = [(g.start(), g.end()) for g in _DIGIT_RUN.finditer(text, start, end)]
    n = len(groups)
    upto = [0]  # upto[k]: number of digits in groups[:k]
    for a, b in groups:
        upto.append(upto[-1] + b - a)
    i = 0
    while i < n:
        hit = None
        s = groups[i][0]
        plus = False
        k = s - 1
        # include a leading "+", "(" or "+44 (" prefix in the span
        while k >= start and text[k] in "+( ":
            if text[k] == "+":
                plus = True
                s = k
            elif text[k] == "(":
                s = k
            k -= 1
        lead = text[groups[i][0]]
        # lengths worth trying: any for "0..." and "+...", else a mobile without its 0
        # (10 digits from "7") or a nine-digit Polish/Portuguese number
        first = text[groups[i][0] : groups[i][1]]
        if plus or first.startswith("00"):
            sizes: tuple[int, ...] | range = range(15, 7, -1)
        elif lead == "0":
            sizes = (11, 10)
        else:
            sizes = (10, 9) if lead == "7" else (9,)
        for size in sizes:  # longest first
            j = bisect_left(upto, upto[i] + size, i + 1)
            if j > n or upto[j] != upto[i] + size:
                continue
            digits = "".join(text[a:b] for a, b in groups[i:j])
            if _valid_phone(digits, plus, tuple(b - a for a, b in groups[i:j])):
                e = groups[j - 1][1]
                hit = (s, e, j)
                break
        if hit is None:
            i += 1
            continue
        s, e, j = hit
        yield s, e, "PHONE"
        i = j


# ---------------------------------------------------------------- postcodes
_POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])"
    r"(?:[A-PR-UWYZ][0-9][0-9A-HJKPSTUW]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRVWXY]?)"
    r"[ \-]{0,2}"
    r"[0-9][ABD-HJLNP-UW-Z]{2}"
    r"(?![A-Za-z0-9])",
    re.IGNORECASE,
)
# Outward codes alone: Sutton's own "SM1".."SM7" in capitals, and districts round
# Sutton ("sw19", "cr4") only after a place cue, so "CR7" stays Ronaldo.
_DISTRICT = (
    r"(?:SM[1-7]|CR[0-9]|KT(?:[1-9]|1[0-9]|2[0-4])|SW(?:[1-9]|1[0-9]|20)"
    r"|SE(?:[1-9]|1[0-9]|2[0-8]))"
)
_OUTWARD_UPPER = re.compile(r"(?<![A-Za-z0-9])SM[1-7](?![A-Za-z0-9])")
_OUTWARD_CUED = re.compile(
    r"(?:\b(?:in|near|around|from|live|lives|living|postcode|post code|area|at)\s+(?:the\s+)?)"
    r"(" + _DISTRICT + r")(?![A-Za-z0-9])",
    re.IGNORECASE,
)


def find_postcodes(text: str) -> Found:
    for m in _POSTCODE.finditer(text):
        yield m.start(), m.end(), "POSTCODE"
    for m in _OUTWARD_UPPER.finditer(text):
        yield m.start(), m.end(), "POSTCODE"
    for m in _OUTWARD_CUED.finditer(text):
        yield m.start(1), m.end(1), "POSTCODE"


# ---------------------------------------------------------------- handles
_AT_HANDLE = re.compile(
    r"(?<![A-Za-z0-9._%+'\-@])@(?=[A-Za-z0-9_.]*[A-Za-z])[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?"
    r"(?:#[0-9]{4})?"
)
_APPS = (
    r"snap(?:chat)?|sc|insta(?:gram)?|ig|tik\s?tok|tt|discord|dc|twitter|fb|facebook|roblox"
    r"|xbox|psn|gamertag|twitch|kik|telegram|threads|yt|youtube|fortnite|steam"
    r"|user\s?name|usr|user|handle|acc(?:ount)?|@"
    # Arabic, Urdu and Tamil spellings of the apps
    r"|سناب(?:\s?شات)?|انستا|انستقرام|انستغرام|تيك\s?توك|تيكتوك|ديسكورد"
    r"|اسنیپ|سنیپ(?:\s?چیٹ)?|انسٹا(?:گرام)?|ٹک\s?ٹاک|ڈسکارڈ"
    r"|ஸ்னாப்(?:சாட்)?|ஸ்நாப்|இன்ஸ்டா(?:கிராம்)?|டிக்டாக்"
)
# Up to four connecting words or symbols between the app and the handle. Runs of
# spaces are bounded and atomic so that long blank stretches cannot make the
# matcher try every way of splitting them.
_SP = r"(?>\s{0,3})"
_CONNECT = (
    r"(?:" + _SP + r"(?:[:=\-]{1,3}|>|is|its|it's|it\s+is|was|are|name|names|username|user|id"
    r"|handle|acc|account|add|me|on|at|to|jest|é|e|ta|tá|é\s+o|o)(?![A-Za-z0-9])"
    + _SP
    + r"|"
    + _SP
    + r"(?>[^\sA-Za-z0-9@#]{1,20})"
    + _SP
    + r"|(?>\s{1,3})){1,4}"
)
_CUE_HANDLE = re.compile(
    r"(?<![A-Za-z0-9])(?:"
    + _APPS
    + r")(?![A-Za-z0-9])"
    + _CONNECT
    + r"(@?[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?:#[0-9]{4})?)(?![A-Za-z0-9_@])",
    re.IGNORECASE,
)
_APP_WORDS = re.compile(r"^(?:" + _APPS + r")$", re.IGNORECASE)


def _handle_like(token: str) -> bool:
    """Does a token after a cue look like a handle rather than an ordinary word?"""
    core = token.lstrip("@")
    if not core or _APP_WORDS.match(core):
        return False
    if token.startswith("@") or any(ch.isdigit() or ch in "_." for ch in core):
        return any(ch.isalpha() for ch in core) or token.startswith("@")
    return len(core) >= 3 and not is_common_word(core)


def find_handles(text: str) -> Found:
    for m in _AT_HANDLE.finditer(text):
        yield m.start(), m.end(), "HANDLE"
    for m in _CUE_HANDLE.finditer(text):
        token = m.group(1)
        if _handle_like(token):
            end = m.end(1)
            while end > m.start(1) and text[end - 1] == ".":
                end -= 1
            yield m.start(1), end, "HANDLE"
