"""Bar charts of disclosure-controlled shares, with a text alternative for every chart.

Drawn with matplotlib's object API (``Figure`` on an Agg canvas, no pyplot and no global state),
so charts can be made from several threads. A hidden cell is never drawn: its bar is left out and
labelled "c", the same mark the tables use. Grouped charts (several series per category) tell
series apart by hatching as well as colour, and every bar carries its value as text, so nothing
depends on colour alone.
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

__all__ = [
    "BarChartSpec",
    "Chart",
    "GroupedBarChartSpec",
    "bar_chart",
    "chart_alt_text",
    "grouped_alt_text",
    "grouped_bar_chart",
    "largest_share",
]

_BAR = "#1d70b8"  # GOV.UK blue: 4.5:1 against white
_TEXT = "#0b0c0c"
_SERIES = ("#1d70b8", "#00703c", "#4c2c92", "#d4351c", "#0b0c0c", "#912b88", "#6f4e12",
           "#28a197")
"""Series colours, each at least 3:1 against white (WCAG 1.4.11); hatching tells them apart
without colour."""
_HATCHES = ("", "///", "\\\\\\", "xxx", "---", "|||", "+++", "//--")
"""Line patterns only: dotted hatches make SVG files ten times larger."""


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
    finding: str = ""
    """One sentence stating what the chart shows, put first in the text alternative."""


@dataclass(frozen=True)
class GroupedBarChartSpec:
    """Horizontal bars in groups: one group per category, one bar per series within it.

    ``cells[i][j]`` is category ``i``, series ``j``; each bar is that cell's percentage.
    """

    title: str
    categories: Sequence[str]
    series: Sequence[str]
    cells: Sequence[Sequence[Cell]]
    base_label: str = ""
    finding: str = ""
    source: str = ""


@dataclass(frozen=True)
class Chart:
    data: bytes
    mime: str
    alt_text: str
    width_in: float
    height_in: float


def _pct(cell: Cell) -> float | None:
    return None if cell.suppressed or cell.percent is None else cell.percent


def largest_share(categories: Sequence[str], cells: Sequence[Cell],
                  gettext: Gettext | None = None) -> str:
    """"The largest share, 40%, is Safe." from shown cells only ("shown" when some are hidden,
    since a hidden cell may be larger); empty when no share above zero is shown."""
    _ = as_gettext(gettext)
    shown = [(cell.percent, label) for label, cell in zip(categories, cells, strict=True)
             if _pct(cell)]
    if not shown:
        return ""
    percent, label = max(shown, key=lambda p: p[0])
    values = {"label": label, "value": f"{percent:.0f}"}
    if any(c.suppressed for c in cells):
        return _("The largest share shown, {value}%, is {label}.").format(**values)
    return _("The largest share, {value}%, is {label}.").format(**values)


def _sentence(text: str) -> str:
    return text + ("" if text.endswith(("?", ".", "!", "؟", "۔")) else ".")


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
    text = _sentence(text)
    if spec.finding:
        text += " " + _sentence(spec.finding)
    text += " " + "; ".join(parts) + "."
    if hidden:
        text += " " + _("c: hidden to protect small groups.")
    return text


def grouped_alt_text(spec: GroupedBarChartSpec, gettext: Gettext | None = None) -> str:
    """The finding first, then every bar as words, group by group."""
    _ = as_gettext(gettext)
    groups = []
    hidden = False
    for category, row in zip(spec.categories, spec.cells, strict=True):
        parts = []
        for name, cell in zip(spec.series, row, strict=True):
            pct = _pct(cell)
            if pct is None:
                hidden |= cell.suppressed
                parts.append(_("{label}: {value}").format(label=name, value=SUPPRESSED))
            else:
                parts.append(_("{label}: {value}%").format(label=name, value=f"{pct:.0f}"))
        groups.append(f"{category}: " + ", ".join(parts))
    text = _("Bar chart: {title}").format(title=spec.title)
    if spec.base_label:
        text += f" ({spec.base_label})"
    text = _sentence(text)
    if spec.finding:
        text += " " + _sentence(spec.finding)
    text += " " + "; ".join(groups) + "."
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
        _value_label(ax, y, v, cell, font, 10)
    _percent_axes(ax, spec, positions, font, size=10, xmax=110)
    if any(c.suppressed for c in spec.cells):
        _hidden_note(fig, _, font, y=0.01, size=8)
    fig.tight_layout()
    return Chart(_save(fig, fmt, dpi), _MIME[fmt], chart_alt_text(spec, _), width, height)


_MIME = {"png": "image/png", "svg": "image/svg+xml"}


def _value_label(ax, y: float, value: float | None, cell: Cell, font, size: int) -> None:
    """The share at the end of its bar, or ``c`` where the cell is hidden."""
    label = f"{value:.0f}%" if value is not None else SUPPRESSED if cell.suppressed else ""
    ax.text((value or 0) + 1.5, y, label, va="center", ha="left", color=_TEXT,
            fontproperties=font, fontsize=size)


def _percent_axes(ax, spec, positions, font, *, size: int, xmax: float) -> None:
    """Category labels, a 0-100% axis without the top and right frame, the title and its base."""
    ax.set_yticks(positions, list(spec.categories), fontproperties=font, fontsize=size)
    ax.set_xlim(0, xmax)
    ax.set_xticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
    ax.tick_params(colors=_TEXT, labelsize=size - 1)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    title = spec.title + (f"\n{spec.base_label}" if spec.base_label else "")
    ax.set_title(title, loc="left", fontsize=size + 1, color=_TEXT, fontproperties=font)


def _hidden_note(fig: Figure, _: Gettext, font, *, y: float, size: int) -> None:
    fig.text(0.01, y, _("c: hidden to protect small groups"), fontsize=size, color=_TEXT,
             fontproperties=font)


def _save(fig: Figure, fmt: str, dpi: int) -> bytes:
    """The figure's bytes; no creation date or software stamp, so equal charts are equal."""
    buf = io.BytesIO()
    metadata = {"Software": None} if fmt == "png" else {"Date": None}
    fig.savefig(buf, format=fmt, dpi=dpi, metadata=metadata)
    return buf.getvalue()


def grouped_bar_chart(
    spec: GroupedBarChartSpec,
    *,
    fmt: Literal["png", "svg"] = "svg",
    gettext: Gettext | None = None,
    font_path: Path | str | None = None,
    dpi: int = 100,
) -> Chart:
    """Draw ``spec``: each series has its own colour and hatching, shown in a legend."""
    _ = as_gettext(gettext)
    font = FontProperties(fname=str(font_path)) if font_path else FontProperties()
    n_cat, n_ser = len(spec.categories), max(len(spec.series), 1)
    bar, gap = 0.8 / n_ser, 0.6
    legend_rows = (len(spec.series) + 2) // 3
    width = 7.0
    height = 1.2 + 0.26 * n_cat * n_ser + 0.12 * n_cat + 0.3 * legend_rows
    fig = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    centres = [(n_cat - 1 - i) * (0.8 + gap) for i in range(n_cat)]
    handles = []
    for j, name in enumerate(spec.series):
        ys = [c + 0.4 - bar * (j + 0.5) for c in centres]
        values = [_pct(row[j]) for row in spec.cells]
        handles.append(ax.barh(
            ys, [v or 0 for v in values], height=bar * 0.9, color=_SERIES[j % len(_SERIES)],
            hatch=_HATCHES[j % len(_HATCHES)], edgecolor="white", linewidth=0, label=name,
        ))
        for y, v, row in zip(ys, values, spec.cells, strict=True):
            _value_label(ax, y, v, row[j], font, 8)
    _percent_axes(ax, spec, centres, font, size=9, xmax=112)
    ax.set_ylim(-0.8, centres[0] + 0.8 if centres else 0.8)
    if len(spec.series) > 1:
        fig.legend(handles=handles, loc="lower center", ncols=min(3, len(spec.series)),
                   frameon=False, prop=font if font_path else {"size": 8})
    if any(c.suppressed for row in spec.cells for c in row):
        _hidden_note(fig, _, font, y=0.005, size=7)
    bottom = (0.24 * legend_rows + 0.12) / height if len(spec.series) > 1 else 0.2 / height
    fig.tight_layout(rect=(0, min(bottom, 0.5), 1, 1))
    return Chart(_save(fig, fmt, dpi), _MIME[fmt], grouped_alt_text(spec, _), width, height)
