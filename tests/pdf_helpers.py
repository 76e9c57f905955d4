"""Reading generated PDFs in tests: their text, and whether every font is embedded."""

from __future__ import annotations

import io

from pypdf import PdfReader

__all__ = ["embedded_fonts", "pdf_text"]


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def embedded_fonts(data: bytes) -> dict[str, bool]:
    """Each font's name, and whether its file is in the PDF (a reader needs no system font)."""
    out = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            out[str(font["/BaseFont"])] = "/FontFile2" in descriptor
    return out
