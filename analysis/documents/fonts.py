"""Which TrueType fonts a document in each language is set in.

Latin text (en, pl, pt and every fallback) uses DejaVu Sans, which ships inside matplotlib (a
runtime dependency), so English documents need no extra files. Tamil, Urdu and Arabic use the
Noto fonts shipped under ``analysis/fonts/`` (SIL Open Font Licence, see the licence file
there): Noto Sans Tamil, Noto Nastaliq Urdu and Noto Naskh Arabic. Nothing is downloaded.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import matplotlib

__all__ = [
    "FONTS_DIR",
    "LANGUAGE_DIRECTION",
    "SCRIPT_FONTS",
    "FontFiles",
    "MissingFontError",
    "fonts_for",
]

FONTS_DIR = Path(__file__).resolve().parent.parent / "fonts"
"""Where the Noto fonts for non-Latin scripts live (shipped with the package)."""

_MPL_FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"

SCRIPT_FONTS: dict[str, str] = {
    "ta": "NotoSansTamil",
    "ur": "NotoNastaliqUrdu",
    "ar": "NotoNaskhArabic",
}
"""Language -> font family file prefix, for languages Latin fonts cannot set."""

LANGUAGE_DIRECTION: dict[str, str] = {
    "en": "ltr", "ta": "ltr", "ur": "rtl", "pl": "ltr", "pt": "ltr", "ar": "rtl",
}


class MissingFontError(FileNotFoundError):
    """A language's font is not installed where the builders look for it."""


@dataclass(frozen=True)
class FontFiles:
    """The font files one document needs, and its writing direction."""

    lang: str
    latin_regular: Path
    latin_bold: Path
    script_regular: Path | None = None
    script_bold: Path | None = None

    @property
    def direction(self) -> str:
        return LANGUAGE_DIRECTION.get(self.lang, "ltr")

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"


def _find(folder: Path, family: str, weight: str) -> Path | None:
    for name in (f"{family}-{weight}.ttf", f"{family}-{weight}.otf"):
        if (folder / name).is_file():
            return folder / name
    if weight == "Regular":  # a variable font covers every weight
        found = sorted(folder.glob(f"{family}*.ttf"))
        return found[0] if found else None
    return None


_LATIN = [
    *range(0x20, 0x7F), *range(0xA0, 0x250), *range(0x2010, 0x2045), 0x20AC, 0x2190, 0x2192,
    0x2193, 0x2713, 0xFFFD,
]
"""Basic Latin, Latin-1, Latin Extended-A/B (Polish, Portuguese), punctuation, arrows."""


@cache
def _latin_subset(source: Path) -> Path:
    """DejaVu Sans cut down to Latin, made once per machine.

    The full font has ~6,000 glyphs and fpdf2 parses it again for every document; the cut-down
    copy parses several times faster, which matters when a toolkit holds a dozen PDFs.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont

    stat = source.stat()
    folder = Path(tempfile.gettempdir()) / "feelsafe-fonts"
    target = folder / f"{source.stem}-latin-{stat.st_size}-{int(stat.st_mtime)}.ttf"
    if target.is_file():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    font = TTFont(source)
    options = subset.Options(layout_features=["*"], name_IDs=["*"], notdef_outline=True,
                             hinting=False, ignore_missing_unicodes=True)
    options.drop_tables += ["FFTM"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=_LATIN)
    subsetter.subset(font)
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".ttf")
    with os.fdopen(fd, "wb") as fh:
        font.save(fh)
    os.replace(tmp, target)
    return target


def fonts_for(lang: str, fonts_dir: Path | str | None = None) -> FontFiles:
    """The fonts for ``lang``; ``fonts_dir`` overrides where the script fonts are looked up."""
    if lang not in LANGUAGE_DIRECTION:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGE_DIRECTION)}")
    latin = FontFiles(lang, _latin_subset(_MPL_FONTS / "DejaVuSans.ttf"),
                      _latin_subset(_MPL_FONTS / "DejaVuSans-Bold.ttf"))
    family = SCRIPT_FONTS.get(lang)
    if family is None:
        return latin
    folder = Path(fonts_dir) if fonts_dir is not None else FONTS_DIR
    regular = _find(folder, family, "Regular")
    if regular is None:
        raise MissingFontError(f"no {family} font in {folder}: documents in {lang!r} need it")
    bold = _find(folder, family, "Bold") or regular
    return FontFiles(lang, latin.latin_regular, latin.latin_bold, regular, bold)
