"""A "6 in 10" pictogram: ten people, some filled in, as an SVG string for a web page.

Filled and empty figures differ in shape (solid against outline), not only in colour, and the
picture carries its own text alternative, so it reads the same in high contrast, in print and
to a screen reader. Only presentation attributes are used (no ``style``), which the pages'
Content Security Policy allows.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

__all__ = ["FIGURES", "pictogram_svg"]

FIGURES = 10
_WIDTH, _HEIGHT = 24, 48
"""One figure's cell in the viewBox."""
_FILLED = "#1d70b8"
_OUTLINE = "#0b0c0c"
_EMPTY = "#ffffff"
_PERSON = (
    '<circle cx="{cx}" cy="9" r="6"/>'
    '<path d="M{x0} 44 V26 a8 8 0 0 1 8 -8 h{mid} a8 8 0 0 1 8 8 V44 Z"/>'
)


def _figure(index: int, filled: bool) -> str:
    left = index * _WIDTH + 2
    body = _PERSON.format(cx=left + 10, x0=left + 2, mid=0)
    colour = _FILLED if filled else _EMPTY
    return (f'<g fill="{colour}" stroke="{_OUTLINE}" stroke-width="1.5"'
            f' data-filled="{"1" if filled else "0"}">{body}</g>')


def pictogram_svg(filled: int, label: str, *, element_id: str, rtl: bool = False) -> str:
    """Ten figures, ``filled`` of them solid, read in the page's direction (right to left
    for Urdu and Arabic). ``label`` is the translated text alternative; ``element_id`` names
    its ``<title>`` so that ``aria-labelledby`` can point at it."""
    if not 0 <= filled <= FIGURES:
        raise ValueError(f"a pictogram of {FIGURES} figures cannot fill {filled}")
    first_filled = FIGURES - filled if rtl else 0
    figures = "".join(_figure(slot, first_filled <= slot < first_filled + filled)
                      for slot in range(FIGURES))
    title_id = escape(f"{element_id}-title", {'"': "&quot;"})
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pictogram" role="img"'
        f' viewBox="0 0 {FIGURES * _WIDTH} {_HEIGHT}" width="{FIGURES * _WIDTH}"'
        f' height="{_HEIGHT}" aria-labelledby="{title_id}" focusable="false">'
        f'<title id="{title_id}">{escape(label)}</title>{figures}</svg>'
    )
