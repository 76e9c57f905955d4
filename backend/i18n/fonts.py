"""Web fonts for Urdu (Nastaliq), Arabic (Naskh) and Tamil, subset to what we show.

The full Noto TTFs ship in ``analysis/fonts/`` (the PDF builders embed them);
browsers get WOFF2 subsets holding only the characters of the catalogs (all
interface and survey text, plus each language's name in the picker), basic
Latin, digits and punctuation. The subsets are small enough to load on a
school phone, and named by content hash so they can be cached for a year.

``feelsafe translations fonts`` (``make fonts``) rebuilds them and
``backend/static/css/fonts.css`` after the catalogs change; a test fails when
a catalog uses a character its subset lacks. Needs ``fonttools`` with
``brotli`` (the ``dev`` extra); the app itself only serves the files.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from analysis.fonts import FONTS_DIR
from backend.i18n.catalogs import load_catalog

__all__ = ["CSS_PATH", "WEB_FONTS", "WEB_FONTS_DIR", "WebFont", "build_web_fonts", "characters"]

WEB_FONTS_DIR = Path(__file__).resolve().parent.parent / "static" / "fonts"
CSS_PATH = WEB_FONTS_DIR.parent / "css" / "fonts.css"

_BASE = (
    "".join(chr(c) for c in range(0x20, 0x7F))  # basic Latin, digits, ASCII punctuation
    + "\u00a0«»‘’“”–—…•·×"  # typographic punctuation
    + "\u200c\u200d\u200e\u200f\u061c\u2066\u2067\u2068\u2069"  # ZWNJ/ZWJ, bidi marks, isolates
)
_ARABIC_SCRIPT = "،؛؟٪۔٫٬" + "".join(chr(c) for c in range(0x0660, 0x066A)) + "".join(
    chr(c) for c in range(0x06F0, 0x06FA)
)  # Arabic punctuation, Arabic-Indic and Eastern Arabic-Indic digits


@dataclass(frozen=True)
class WebFont:
    family: str
    lang: str
    ttf: str
    weight: int
    unicode_range: str
    """Only text in these ranges uses the font; Latin inside Urdu keeps the system font."""


_ARABIC_RANGE = "U+0600-06FF, U+0750-077F, U+08A0-08FF, U+FB50-FDFF, U+FE70-FEFF, U+200C-200F"
_TAMIL_RANGE = "U+0B80-0BFF, U+200C-200D, U+25CC"
WEB_FONTS: tuple[WebFont, ...] = (
    WebFont("Noto Nastaliq Urdu", "ur", "NotoNastaliqUrdu-Regular.ttf", 400, _ARABIC_RANGE),
    WebFont("Noto Nastaliq Urdu", "ur", "NotoNastaliqUrdu-Bold.ttf", 700, _ARABIC_RANGE),
    WebFont("Noto Naskh Arabic", "ar", "NotoNaskhArabic-Regular.ttf", 400, _ARABIC_RANGE),
    WebFont("Noto Naskh Arabic", "ar", "NotoNaskhArabic-Bold.ttf", 700, _ARABIC_RANGE),
    WebFont("Noto Sans Tamil", "ta", "NotoSansTamil-Regular.ttf", 400, _TAMIL_RANGE),
    WebFont("Noto Sans Tamil", "ta", "NotoSansTamil-Bold.ttf", 700, _TAMIL_RANGE),
)

_CSS_RULES = """
/* Urdu in Nastaliq, Arabic in Naskh, Tamil in Noto Sans Tamil; everything else in system fonts.
   Loaded after each area's stylesheet so these rules win over its class-level line heights.
   Nastaliq rises and falls steeply across a line: it needs a generous line height. */
:lang(ur) {
  font-family: "Noto Nastaliq Urdu", "Noto Naskh Arabic", system-ui, sans-serif;
  line-height: 2.3;
}
:lang(ar) {
  font-family: "Noto Naskh Arabic", system-ui, sans-serif;
  line-height: 1.75;
}
:lang(ta) {
  font-family: "Noto Sans Tamil", system-ui, sans-serif;
  line-height: 1.6;
}
/* Nastaliq looks small beside other scripts at the same size. */
html:lang(ur) { font-size: 112.5%; }
:not(:lang(ur)) > :lang(ur) { font-size: 1.15em; }
:lang(ur) input, :lang(ur) textarea, :lang(ur) select, :lang(ur) button {
  font-family: inherit;
  line-height: 2;
}
:lang(ar) input, :lang(ar) textarea, :lang(ar) select, :lang(ar) button,
:lang(ta) input, :lang(ta) textarea, :lang(ta) select, :lang(ta) button {
  font-family: inherit;
}
"""


def characters(lang: str) -> str:
    """Every character the interface and the survey can show in ``lang``, sorted."""
    from backend.i18n import LANGUAGES

    found = set(_BASE) | set(LANGUAGES[lang].native_name)
    if lang in {"ur", "ar"}:
        found |= set(_ARABIC_SCRIPT)
    catalog = load_catalog(lang)
    for message in catalog or ():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            found |= set(text or "")
    return "".join(sorted(found))


def _subset(font: WebFont, text: str) -> bytes:
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # shaping (joining, conjuncts, Nastaliq kerning) needs them
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    loaded = subset.load_font(str(FONTS_DIR / font.ttf), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(loaded)
    buffer = BytesIO()
    subset.save_font(loaded, buffer, options)
    return buffer.getvalue()


def build_web_fonts(out_dir: Path = WEB_FONTS_DIR, css_path: Path = CSS_PATH) -> list[Path]:
    """Write hashed WOFF2 subsets and the @font-face CSS; remove subsets no longer named."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    faces: list[str] = []
    for font in WEB_FONTS:
        data = _subset(font, characters(font.lang))
        digest = hashlib.sha256(data).hexdigest()[:10]
        path = out_dir / f"{Path(font.ttf).stem}.{digest}.woff2"
        path.write_bytes(data)
        written.append(path)
        faces.append(
            "@font-face {\n"
            f'  font-family: "{font.family}";\n'
            f'  src: url("/static/fonts/{path.name}") format("woff2");\n'
            f"  font-weight: {font.weight};\n"
            "  font-style: normal;\n"
            "  font-display: swap;\n"
            f"  unicode-range: {font.unicode_range};\n"
            "}\n"
        )
    for stale in out_dir.glob("*.woff2"):
        if stale not in written:
            stale.unlink()
    css_path.parent.mkdir(parents=True, exist_ok=True)
    css_path.write_text(
        "/* Generated by `feelsafe translations fonts` (backend/i18n/fonts.py): do not edit.\n"
        "   Noto fonts, SIL Open Font License 1.1: /static/fonts/OFL.txt */\n\n"
        + "\n".join(faces)
        + _CSS_RULES,
        encoding="utf-8",
    )
    return written
