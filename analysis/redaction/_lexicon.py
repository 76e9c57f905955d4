"""Word lists the detectors share, loaded once at import.

The name, place and word lists are ours and ship in ``analysis/data/`` (see its
README). The only outside list is the part-of-speech lexicon that TextBlob (a
runtime dependency) ships: any lowercase word it tags as something other than a
proper noun counts as an ordinary English word. If it is missing we fall back to
our own lists, which is less precise but still safe.
"""

from __future__ import annotations

import importlib.util
import unicodedata
from functools import cache
from importlib import resources
from pathlib import Path

__all__ = ["arabic_key", "common_words", "data_lines", "is_common_word", "word_set"]

_DATA = "analysis.data"


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string (easier to read and edit)."""
    return frozenset(words.split())


def data_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a shipped data file (``#`` starts a comment)."""
    text = resources.files(_DATA).joinpath(name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(unicodedata.normalize("NFC", line))
    return out


def _textblob_common() -> set[str]:
    # find_spec locates the package without importing it (importing TextBlob
    # pulls in NLTK and costs seconds).
    try:
        spec = importlib.util.find_spec("textblob")
        locations = list(spec.submodule_search_locations or []) if spec else []
        path = Path(locations[0], "en", "en-lexicon.txt")
        text = path.read_text(encoding="utf-8")
    except Exception:  # pragma: no cover - depends on the installed TextBlob
        return set()
    words: set[str] = set()
    for line in text.splitlines():
        if not line or line[0] == ";":
            continue
        word, _, tags = line.partition(" ")
        if word.islower() and word.isalpha() and not tags.startswith("NNP"):
            words.add(word)
    return words


@cache
def common_words() -> frozenset[str]:
    """Ordinary words (English, plus our txt-speak, Polish and Portuguese lists)."""
    words = _textblob_common()
    words.update(w.lower() for line in data_lines("common_words.txt") for w in line.split())
    return frozenset(words)


def is_common_word(token: str) -> bool:
    return token.lower() in common_words()


_AR_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ی": "ي",
        "ې": "ي",
        "ک": "ك",
        "ہ": "ه",
        "ة": "ه",
        "ۃ": "ه",
        "ھ": "ه",
        "ۀ": "ه",
        "ؤ": "و",
        "ئ": "ي",
        "ـ": None,  # tatweel
    }
)


# vowel marks (harakat), superscript alef, Quranic marks: dropped when matching
for _cp in [*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE)]:
    _AR_FOLD[_cp] = None


def arabic_key(token: str) -> str:
    """Fold Arabic/Urdu spelling variants and strip vowel marks, for list look-ups.

    Alef maqsura (ى) is kept apart from ya (ي): folding it would make the
    preposition على ("on") the name علي (Ali).
    """
    return token.translate(_AR_FOLD)


common_words()  # load at import, not on the first request
