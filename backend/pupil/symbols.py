"""Easy-read symbols: the survey definition's ``symbol`` names mapped to OpenMoji pictures.

The pictures are OpenMoji 17.0.0 colour SVGs (CC BY-SA 4.0, see
backend/static/symbols/LICENSE.txt and ATTRIBUTION.md), copied as
``backend/static/symbols/<name>.svg`` so a definition names a symbol by meaning,
not by emoji code. They are decorative (``alt=""``): the words are always beside them.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["OPENMOJI", "SYMBOL_DIR", "symbol_url"]

SYMBOL_DIR = Path(__file__).resolve().parent.parent / "static" / "symbols"

# Symbol name -> the OpenMoji file (Unicode code points) it was copied from.
OPENMOJI: dict[str, str] = {
    "boy": "1F466",
    "bus": "1F68C",
    "face-neither": "1F610",
    "face-safe": "1F642",
    "face-unsafe": "1F641",
    "face-very-safe": "1F600",
    "face-very-unsafe": "1F628",
    "gift": "1F381",
    "girl": "1F467",
    "help-at-school": "1F9D1-200D-1F3EB",
    "helper": "1F91D",
    "home": "1F3E0",
    "hurt": "1F915",
    "idea": "1F4A1",
    "knife": "1F52A",
    "map": "1F5FA",
    "moon": "1F319",
    "no": "274C",
    "not-sure": "1F914",
    "park": "1F3DE",
    "person": "1F9D1",
    "phone": "1F4F1",
    "question": "2753",
    "school": "1F3EB",
    "speech": "1F4AC",
    "sun": "2600",
    "uncomfortable": "1F616",
    "vote": "1F5F3",
    "worried": "1F61F",
    "yes": "2705",
}


def symbol_url(name: str) -> str:
    """The picture's address for a symbol name, or "" for none (unknown names show nothing)."""
    if name in OPENMOJI and (SYMBOL_DIR / f"{name}.svg").is_file():
        return f"/static/symbols/{name}.svg"
    return ""
