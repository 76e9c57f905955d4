"""Offset-preserving text normalisation shared by the detectors.

Every mapping here is one character to one character, so offsets found in the
normalised text index the input text unchanged.
"""

from __future__ import annotations

__all__ = ["normalise"]

_MAP: dict[int, str] = {}
# Arabic-Indic (U+0660..), Extended Arabic-Indic / Urdu (U+06F0..), Tamil (U+0BE6..),
# full-width (U+FF10..) digits become ASCII digits.
for _base in (0x0660, 0x06F0, 0x0BE6, 0xFF10):
    for _i in range(10):
        _MAP[_base + _i] = str(_i)
_MAP.update(
    {
        0xFF20: "@",  # full-width @
        0xFE6B: "@",  # small @
        0xFF0B: "+",  # full-width +
        0x2212: "-",  # minus sign
        0x2010: "-",
        0x2011: "-",
        0x2012: "-",
        0x2013: "-",  # en dash
        0x2014: "-",  # em dash
        0x00A0: " ",  # no-break space
        0x202F: " ",  # narrow no-break space
        0x2009: " ",  # thin space
        0x2007: " ",  # figure space
        0x2019: "'",  # right single quote (apostrophe)
        0x2018: "'",
        0x060C: ",",  # Arabic comma
        0xFF0E: ".",  # full-width full stop
        0x06D4: ".",  # Urdu full stop
        0x200E: " ",  # LRM / RLM marks pupils' keyboards insert in RTL text
        0x200F: " ",
    }
)
_TABLE = str.maketrans(_MAP)
_ONLY_NON_ASCII = all(code > 0x7F for code in _MAP)
"""Every mapped character is outside ASCII, so ASCII text is already normal."""


def normalise(text: str) -> str:
    """Map look-alike digits and punctuation to ASCII, keeping every offset."""
    if _ONLY_NON_ASCII and text.isascii():
        return text
    return text.translate(_TABLE)
