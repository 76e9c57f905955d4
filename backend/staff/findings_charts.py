"""Charts for the findings pages: SVG from ``analysis.documents.charts``, inline as data URIs.

A data URI keeps the chart inside the page (one request, the same access check) and out of the
page's Content Security Policy, which forbids the inline styles matplotlib's SVG uses. Every
chart is drawn from cells the tables show (a hidden cell is a "c", never a bar) and carries a
text alternative that states its finding first. Labels are drawn in the page's language when
it is written in Latin script; matplotlib cannot shape Tamil, Urdu or Arabic, so those charts
are drawn in English while their text alternative, caption and table are in the language.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from analysis.disclosure import SUPPRESSED, Cell
from analysis.documents.charts import (
    BarChartSpec,
    GroupedBarChartSpec,
    bar_chart,
    chart_alt_text,
    grouped_alt_text,
    grouped_bar_chart,
    largest_share,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from backend.staff.findings_schemas import CellOut, TableOut

__all__ = ["LATIN_SCRIPT", "MAX_BARS", "ChartView", "bar_view", "grouped_view",
           "largest_per_group", "merge_drawings"]

LATIN_SCRIPT = frozenset({"en", "pl", "pt"})
MAX_BARS = 60
"""A breakdown with more bars than this is left as a table: a chart that tall helps nobody."""


@dataclass(frozen=True)
class ChartView:
    uri: str
    alt: str
    finding: str
    note: str = ""
    """Why there is no chart (``uri`` empty): every share hidden, or too many bars."""


def _no_chart(note: str) -> ChartView:
    return ChartView("", "", "", note)


def _nothing_to_draw(cells: Sequence[Cell], gettext: Callable[[str], str]) -> ChartView | None:
    """A note instead of a chart of nothing but "c"s and zeros; None when there is a bar."""
    if any(c.percent for c in cells):
        return None
    if any(c.suppressed for c in cells):
        return _no_chart(gettext("No share can be charted: every one is hidden to protect "
                                 "small groups or is zero. The table shows what can be shown."))
    return _no_chart(gettext("Nothing to chart: every share is zero."))


def _cell(c: CellOut) -> Cell:
    if c.suppressed:
        return Cell(None, SUPPRESSED, None, True, None)
    return Cell(c.count, str(c.count), c.percent, False, None)


def _uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


@lru_cache(maxsize=256)
def _draw_bar(spec: BarChartSpec) -> str:
    return _uri(bar_chart(spec, fmt="svg", dpi=100).data)


@lru_cache(maxsize=256)
def _draw_grouped(spec: GroupedBarChartSpec) -> str:
    return _uri(grouped_bar_chart(spec, fmt="svg").data)


def bar_view(
    title: str,
    table: TableOut,
    base_label: str,
    gettext: Callable[[str], str],
    *,
    skip: Sequence[str] = (),
    draw: bool = True,
) -> ChartView | None:
    """One bar per row of ``table``; rows labelled in ``skip`` (e.g. "Not answered") stay in
    the table only. Without ``draw`` only the words are made (see ``merge_drawings``)."""
    keep = [i for i, r in enumerate(table.rows) if r.label not in skip]
    if not keep:
        return None
    labels = tuple(table.rows[i].label for i in keep)
    cells = tuple(_cell(table.rows[i].cell) for i in keep)
    empty = _nothing_to_draw(cells, gettext)
    if empty is not None:
        return empty
    finding = largest_share(labels, cells, gettext)
    spec = BarChartSpec(title, labels, cells, base_label, finding=finding)
    uri = _draw_bar(BarChartSpec(title, labels, cells, base_label)) if draw else ""
    return ChartView(uri, chart_alt_text(spec, gettext), finding)


def grouped_view(
    title: str,
    categories: Sequence[str],
    series: Sequence[str],
    cells: Sequence[Sequence[CellOut]],
    base_label: str,
    finding: str,
    gettext: Callable[[str], str],
    *,
    draw: bool = True,
) -> ChartView | None:
    """Grouped bars, or a note saying why not (nothing shown, or too many bars to help)."""
    if not categories or not series:
        return None
    if len(categories) * len(series) > MAX_BARS:
        return _no_chart(gettext("This has too many groups to chart; the table has every "
                                 "number."))
    grid = tuple(tuple(_cell(c) for c in row) for row in cells)
    empty = _nothing_to_draw([c for row in grid for c in row], gettext)
    if empty is not None:
        return empty
    spec = GroupedBarChartSpec(title, tuple(categories), tuple(series), grid, base_label,
                               finding=finding)
    uri = _draw_grouped(GroupedBarChartSpec(title, tuple(categories), tuple(series), grid,
                                            base_label)) if draw else ""
    return ChartView(uri, grouped_alt_text(spec, gettext), finding)


def merge_drawings(words: dict[str, ChartView | None],
                   drawings: dict[str, ChartView | None]) -> dict[str, ChartView | None]:
    """The page language's words with the English drawings (same charts, same cells)."""
    out: dict[str, ChartView | None] = {}
    for key, view in words.items():
        drawn = drawings.get(key)
        out[key] = view if view is None or not drawn or not drawn.uri else ChartView(
            drawn.uri, view.alt, view.finding, view.note)
    return out


def largest_per_group(groups: Sequence[tuple[str, Sequence[CellOut]]], answers: Sequence[str],
                      gettext: Callable[[str], str]) -> str:
    """"Largest share shown in each group: Girl: Safe (40%); Boy: ..." from shown cells only."""
    parts = []
    for label, cells in groups:
        shown = [(c.percent, a) for c, a in zip(cells, answers, strict=True)
                 if not c.suppressed and c.percent]
        if shown:
            percent, answer = max(shown, key=lambda p: p[0])
            parts.append(gettext("{group}: {label} ({value}%)").format(
                group=label, label=answer, value=f"{percent:.0f}"))
    if not parts:
        return ""
    return gettext("Largest share shown in each group: {groups}.").format(groups="; ".join(parts))
