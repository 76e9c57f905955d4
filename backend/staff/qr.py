"""QR codes for class access codes, as SVG data URIs (the CSP allows ``img-src data:``)."""

from __future__ import annotations

from functools import lru_cache

import segno

__all__ = ["qr_data_uri"]


@lru_cache(maxsize=1024)
def qr_data_uri(url: str) -> str:
    """An SVG QR code for ``url``; medium error correction survives a smudged printout."""
    return segno.make(url, error="m", micro=False).svg_data_uri(scale=4, border=4)
