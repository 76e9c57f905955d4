"""Grouped bar charts and the finding sentence: drawn from shown cells only, never colour alone."""

from __future__ import annotations

from analysis.disclosure import suppress_counts, suppress_crosstab
from analysis.documents.charts import (
    BarChartSpec,
    GroupedBarChartSpec,
    bar_chart,
    chart_alt_text,
    grouped_bar_chart,
    largest_share,
)


def _table():
    return suppress_counts({"Safe": 40, "Unsafe": 25, "Very unsafe": 4, "Not sure": 31}, 10)


def test_largest_share_names_the_biggest_shown_cell_and_admits_hidden_ones():
    table = _table()
    labels, cells = list(table.cells), list(table.cells.values())
    assert largest_share(labels, cells) == "The largest share shown, 40%, is Safe."
    full = suppress_counts({"Safe": 40, "Unsafe": 60}, 10)
    assert largest_share(list(full.cells), list(full.cells.values())) == (
        "The largest share, 60%, is Unsafe.")
    hidden = suppress_counts({"Safe": 4, "Unsafe": 3}, 10)
    assert largest_share(list(hidden.cells), list(hidden.cells.values())) == ""


def test_the_finding_comes_first_in_the_text_alternative():
    table = _table()
    spec = BarChartSpec("How safe?", list(table.cells), list(table.cells.values()),
                        finding="The largest share shown, 40%, is Safe.")
    alt = chart_alt_text(spec)
    assert alt.startswith("Bar chart: How safe? The largest share shown, 40%, is Safe. Safe: 40%")
    assert "Very unsafe: c" in alt and "4" not in alt.split("Very unsafe")[1][:5]


def test_svg_charts_carry_no_creation_date():
    table = _table()
    spec = BarChartSpec("How safe?", list(table.cells), list(table.cells.values()))
    assert b"<dc:date>" not in bar_chart(spec, fmt="svg").data


def test_grouped_chart_hatches_series_and_marks_hidden_cells():
    counts = {"Safe": (30, 6, 25), "Unsafe": (20, 24, 22), "Not sure": (50, 30, 40)}
    tab = suppress_crosstab({(row, col): n for row, values in counts.items()
                             for col, n in zip(("Girls", "Boys", "Other"), values, strict=True)},
                            10)
    spec = GroupedBarChartSpec(
        "How safe, by gender", list(tab.col_labels), list(tab.row_labels),
        [[tab.cell(r, c) for r in tab.row_labels] for c in tab.col_labels],
        base_label="Share of each group", finding="Girls: Safe (60%).",
    )
    chart = grouped_bar_chart(spec, fmt="svg")
    svg = chart.data.decode()
    assert chart.mime == "image/svg+xml" and svg.count("<pattern") >= 1  # hatching, not colour
    assert chart.alt_text.startswith(
        "Bar chart: How safe, by gender (Share of each group). Girls: Safe (60%). "
        "Girls: Safe: 30%, Unsafe: 20%, Not sure: 50%; Boys: ")
    assert "Boys: Safe: c, Unsafe: c, Not sure: 50%" in chart.alt_text
    assert chart.alt_text.endswith("c: hidden to protect small groups.")
