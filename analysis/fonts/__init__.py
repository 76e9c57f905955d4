"""Fonts shipped for documents (PDF packs and toolkits) in scripts system fonts may lack.

Noto Nastaliq Urdu, Noto Naskh Arabic and Noto Sans Tamil, unmodified TTFs from
Debian's fonts-noto-core, under the SIL Open Font License 1.1 (``OFL.txt`` here).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["FONTS_DIR", "FONT_FILES"]

FONTS_DIR = Path(__file__).resolve().parent

FONT_FILES: dict[str, dict[str, Path]] = {
    "ur": {"regular": FONTS_DIR / "NotoNastaliqUrdu-Regular.ttf",
           "bold": FONTS_DIR / "NotoNastaliqUrdu-Bold.ttf"},
    "ar": {"regular": FONTS_DIR / "NotoNaskhArabic-Regular.ttf",
           "bold": FONTS_DIR / "NotoNaskhArabic-Bold.ttf"},
    "ta": {"regular": FONTS_DIR / "NotoSansTamil-Regular.ttf",
           "bold": FONTS_DIR / "NotoSansTamil-Bold.ttf"},
}
"""Per language, the regular and bold font files a document builder should embed."""
