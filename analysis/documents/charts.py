"""Bar charts of disclosure-controlled shares, with a text alternative for every chart.

Drawn with matplotlib's object API (``Figure`` on an Agg canvas, no pyplot and no global state),
so charts can be made from several threads. A hidden cell is never drawn: its bar is left out and
labelled "c", the same mark the tables use.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from analysis.disclosure import SUPPRESSED, Cell
from analysis.documents._i18n import Gettext, as_gettext

__all__ = ["BarChartSpec", "Chart", "bar_chart", "chart_alt_text"]

_BAR = "#1d70b8"  # GOV.UK blue: 4.5:1 against white
_TEXT = "#0b0c0c"


@dataclass(frozen=True)
class BarChartSpec:
    """A horizontal bar chart: one bar per category, the cell's percentage of its base."""

    title: str
    categories: Sequence[str]
    cells: Sequence[Cell]
    base_label: str = ""
    """Who the percentages are of, e.g. "of 412 pupils in Years 10-11"."""
    source: str = ""
    """Question id, for captions and tests."""


@dataclass(frozen=True)
class Chart:
    data: bytes
    mime: str
    alt_text: str
    width_in: float
    height_in: float


def _pct(cell: Cell) -> float | None:
    return None if cell.suppressed or cell.percent is None else cell.percent


def chart_alt_text(spec: BarChartSpec, gettext: Gettext | None = None) -> str:
    """Every bar as words: what a screen-reader user or a printed caption needs."""
    _ = as_gettext(gettext)
    parts = []
    hidden = False
    for label, cell in zip(spec.categories, spec.cells, strict=True):
        pct = _pct(cell)
        if pct is None:
            hidden |= cell.suppressed
            parts.append(_("{label}: {value}").format(label=label, value=SUPPRESSED))
        else:
            parts.append(_("{label}: {value}%").format(label=label, value=f"{pct:.0f}"))
    text = _("Bar chart: {title}").format(title=spec.title)
    if spec.base_label:
        text += f" ({spec.base_label})"
    text += ("" if text.endswith(("?", ".", "!", "؟")) else ".") + " " + "; ".join(parts) + "."
    if hidden:
        text += " " + _("c: hidden to protect small groups.")
    return text


def bar_chart(
    spec: BarChartSpec,
    *,
    fmt: Literal["png", "svg"] = "png",
    gettext: Gettext | None = None,
    font_path: Path | str | None = None,
    dpi: int = 150,
) -> Chart:
    """Draw ``spec``; ``font_path`` sets a font for non-Latin labels (shaped by matplotlib)."""
    _ = as_gettext(gettext)
    font = FontProperties(fname=str(font_path)) if font_path else FontProperties()
    n = len(spec.categories)
    width, height = 7.0, 1.1 + 0.42 * max(n, 1)
    fig = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    positions = list(range(n))[::-1]
    values = [_pct(c) for c in spec.cells]
    ax.barh(positions, [v or 0 for v in values], color=_BAR, height=0.65)
    for y, v, cell in zip(positions, values, spec.cells, strict=True):
        label = f"{v:.0f}%" if v is not None else SUPPRESSED if cell.suppressed else ""
        ax.text((v or 0) + 1.5, y, label, va="center", ha="left", color=_TEXT,
                fontproperties=font, fontsize=10)
    ax.set_yticks(positions, list(spec.categories), fontproperties=font, fontsize=10)
    ax.set_xlim(0, 110)
    ax.set_xticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
    ax.tick_params(colors=_TEXT, labelsize=9)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    title = spec.title + (f"\n{spec.base_label}" if spec.base_label else "")
    ax.set_title(title, loc="left", fontsize=11, color=_TEXT, fontproperties=font)
    if any(c.suppressed for c in spec.cells):
        fig.text(0.01, 0.01, _("c: hidden to protect small groups"), fontsize=8, color=_TEXT,
                 fontproperties=font)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=dpi, metadata={"Software": None} if fmt == "png" else None)
    mime = "image/png" if fmt == "png" else "image/svg+xml"
    return Chart(buf.getvalue(), mime, chart_alt_text(spec, _), width, height)
