"""Disclosure control: worked examples plus property tests that nothing small leaks."""

from __future__ import annotations

from collections import Counter
from itertools import product

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.disclosure import (
    SUPPRESSED,
    Cell,
    k_anonymise,
    quote_allowed,
    recoverable_entries,
    suppress_counts,
    suppress_crosstab,
)

# --------------------------------------------------------------------------- helpers


def _augment(grid: list[list[int]]) -> list[list[int]]:
    x = [[*row, sum(row)] for row in grid]
    n_cols = len(grid[0])
    x.append([sum(row[j] for row in x) for j in range(n_cols + 1)])
    return x


def _published(table) -> tuple[list[list[Cell]], int, int]:
    """The crosstab as an augmented grid of cells (totals last), with its inner size."""
    rows, cols = table.row_labels, table.col_labels
    grid = [[table.cell(r, c) for c in cols] + [table.row_totals[r]] for r in rows]
    grid.append([table.col_totals[c] for c in cols] + [table.grand_total])
    return grid, len(rows), len(cols)


def _alternatives_exist(grid: list[list[int]], hidden: list[list[bool]]) -> bool:
    """Brute force, independent of the module: every hidden entry takes two or more values among
    the non-negative integer tables that agree with every published number.

    Searching each hidden inner cell within +-1 of its true value is enough to find a second
    solution when one exists (a unit cycle move changes each cell by at most one), and any
    solution found is a genuine witness either way.
    """
    R, C = len(grid), len(grid[0])
    x = _augment(grid)
    inner = [(i, j) for i in range(R) for j in range(C) if hidden[i][j]]
    every = [(i, j) for i in range(R + 1) for j in range(C + 1) if hidden[i][j]]
    shown = [(i, j) for i in range(R + 1) for j in range(C + 1) if not hidden[i][j]]
    values: dict[tuple[int, int], set[int]] = {e: set() for e in every}
    ranges = [range(max(0, grid[i][j] - 1), grid[i][j] + 2) for i, j in inner]
    for combo in product(*ranges):
        g = [row[:] for row in grid]
        for (i, j), v in zip(inner, combo, strict=True):
            g[i][j] = v
        y = _augment(g)
        if all(y[i][j] == x[i][j] for i, j in shown):
            for e in every:
                values[e].add(y[e[0]][e[1]])
    return all(len(v) >= 2 for v in values.values())


def _pinned_by_brute_force(grid: list[list[int]], hidden: list[list[bool]]) -> list[tuple]:
    """Hidden entries that take a single value among all consistent tables near the truth."""
    R, C = len(grid), len(grid[0])
    x = _augment(grid)
    inner = [(i, j) for i in range(R) for j in range(C) if hidden[i][j]]
    every = [(i, j) for i in range(R + 1) for j in range(C + 1) if hidden[i][j]]
    shown = [(i, j) for i in range(R + 1) for j in range(C + 1) if not hidden[i][j]]
    values: dict[tuple[int, int], set[int]] = {e: set() for e in every}
    radius = 2 if R * C <= 4 else 1  # wider than the theory needs, where it is cheap
    boxes = [range(max(0, grid[i][j] - radius), grid[i][j] + radius + 1) for i, j in inner]
    for combo in product(*boxes):
        g = [row[:] for row in grid]
        for (i, j), v in zip(inner, combo, strict=True):
            g[i][j] = v
        y = _augment(g)
        if all(y[i][j] == x[i][j] for i, j in shown):
            for e in every:
                values[e].add(y[e[0]][e[1]])
    return sorted(e for e, v in values.items() if len(v) < 2)


# --------------------------------------------------------------------------- one-way examples


def test_small_base_hides_everything_including_zeros() -> None:
    table = suppress_counts({"yes": 7, "no": 0}, 10)
    assert table.base_suppressed
    assert [c.display for c in table.cells.values()] == [SUPPRESSED, SUPPRESSED]
    assert table.total.count is None and table.total.percent is None
    assert all(c.reason == "primary" for c in table.cells.values())


def test_single_small_cell_forces_a_second_suppression() -> None:
    table = suppress_counts({"very safe": 40, "quite safe": 25, "not safe": 3}, 10)
    assert table.cells["not safe"].reason == "primary"
    secondary = [k for k, c in table.cells.items() if c.reason == "secondary"]
    assert secondary == ["quite safe"]  # smallest cell that makes the hidden sum reach 10
    assert table.total.display == "68"
    assert table.cells["very safe"].percent == pytest.approx(100 * 40 / 68)


def test_hidden_cells_must_not_reveal_a_small_sum() -> None:
    # 3 and 2 hidden: 45 - 40 would reveal "5 pupils" across the two, so a third goes too.
    table = suppress_counts({"a": 3, "b": 2, "c": 40, "d": 12}, 10)
    hidden = [k for k, c in table.cells.items() if c.suppressed]
    assert set(hidden) == {"a", "b", "d"}


def test_zero_is_shown_in_a_large_group() -> None:
    table = suppress_counts({"yes": 30, "no": 0, "rather not say": 12}, 10)
    assert table.cells["no"].display == "0"
    assert table.cells["no"].percent == 0.0
    assert not any(c.suppressed for c in table.cells.values())


def test_percentages_absent_for_suppressed_cells() -> None:
    table = suppress_counts({"yes": 30, "no": 4, "unsure": 11}, 10)
    for cell in table.cells.values():
        assert (cell.percent is None) == cell.suppressed
    rows = table.to_rows()
    assert rows[1] == {"option": "no", "count": "c", "percent": "c"}
    assert rows[-1]["option"] == "Total" and rows[-1]["count"] == "45"


def test_empty_question_shows_zero_base_without_percentages() -> None:
    table = suppress_counts({"yes": 0, "no": 0}, 10)
    assert table.total.display == "0"
    assert table.cells["yes"].percent is None and not table.cells["yes"].suppressed
    assert table.to_rows()[0]["percent"] == ""


@pytest.mark.parametrize("bad", [{"a": -1}, {"a": 1.5}, {"a": True}])
def test_bad_counts_are_rejected(bad) -> None:
    with pytest.raises(ValueError, match="non-negative integer"):
        suppress_counts(bad, 10)


def test_min_size_must_be_positive() -> None:
    with pytest.raises(ValueError, match="min_size"):
        suppress_counts({"a": 1}, 0)


# --------------------------------------------------------------------------- crosstab examples


def test_school_with_seven_respondents_is_fully_suppressed() -> None:
    counts = {
        "safe": {"Big High": 60, "Oak School": 5, "Elm Academy": 41, "Ash College": 33},
        "unsafe": {"Big High": 20, "Oak School": 2, "Elm Academy": 15, "Ash College": 12},
    }
    table = suppress_crosstab(counts, 10)
    assert table.col_totals["Oak School"].display == SUPPRESSED
    assert all(table.cell(r, "Oak School").suppressed for r in table.row_labels)
    assert all(table.cell(r, "Oak School").reason == "primary" for r in table.row_labels)
    # Its base cannot be worked out from the grand total: another base is hidden too.
    hidden_bases = [c for c, cell in table.col_totals.items() if cell.suppressed]
    assert len(hidden_bases) >= 2
    assert table.grand_total.display == str(188)
    grid = [[counts[r][c] for c in table.col_labels] for r in table.row_labels]
    cells, R, C = _published(table)
    hidden = [[c.suppressed for c in row] for row in cells]
    assert recoverable_entries(_augment(grid), hidden, R, C) == []
    assert _alternatives_exist(grid, hidden)


def test_one_small_cell_in_a_row_forces_a_second_in_that_row() -> None:
    counts = {
        ("safe", "Y7"): 50,
        ("safe", "Y8"): 44,
        ("safe", "Y9"): 38,
        ("unsafe", "Y7"): 3,
        ("unsafe", "Y8"): 21,
        ("unsafe", "Y9"): 19,
    }
    table = suppress_crosstab(counts, 10)
    assert table.cell("unsafe", "Y7").reason == "primary"
    unsafe_hidden = [c for c in table.col_labels if table.cell("unsafe", c).suppressed]
    assert len(unsafe_hidden) >= 2 or table.row_totals["unsafe"].suppressed
    # And the column Y7 cannot be differenced either.
    y7_hidden = [r for r in table.row_labels if table.cell(r, "Y7").suppressed]
    assert len(y7_hidden) >= 2 or table.col_totals["Y7"].suppressed
    # Option totals (the headline numbers) stay visible.
    assert table.row_totals["unsafe"].display == "43"


def test_crosstab_percentages_use_the_group_base_and_vanish_when_hidden() -> None:
    counts = {("yes", "girls"): 30, ("no", "girls"): 10, ("yes", "boys"): 25, ("no", "boys"): 25}
    table = suppress_crosstab(counts, 10)
    assert table.cell("yes", "girls").percent == pytest.approx(75.0)
    assert table.row_totals["yes"].percent == pytest.approx(100 * 55 / 90)
    assert table.col_totals["boys"].percent == 100.0
    hidden = suppress_crosstab({("yes", "g"): 4, ("no", "g"): 20, ("yes", "b"): 30}, 10)
    for cell in hidden.cells.values():
        assert (cell.percent is None) == cell.suppressed or hidden.col_totals["b"].suppressed


def test_crosstab_to_rows_writes_c_and_a_bases_row() -> None:
    table = suppress_crosstab({"safe": {"A": 30, "B": 4}, "unsafe": {"A": 12, "B": 9}}, 10)
    rows = table.to_rows()
    assert list(rows[0]) == ["option", "A", "B", "Total"]
    assert rows[-1]["option"] == "Total"
    assert rows[0]["B"] == "c" and rows[1]["B"] == "c"
    long = table.to_long()
    assert {"row": "safe", "col": "B", "count": "c", "percent": "c"} in long


def test_nested_and_pair_inputs_agree_and_order_is_kept() -> None:
    pairs = {("a", "x"): 12, ("b", "y"): 3, ("a", "y"): 20}
    nested = {"a": {"x": 12, "y": 20}, "b": {"y": 3}}
    t1 = suppress_crosstab(pairs, 10, rows=["b", "a"], cols=["y", "x"])
    t2 = suppress_crosstab(nested, 10, rows=["b", "a"], cols=["y", "x"])
    assert t1.to_rows() == t2.to_rows()
    assert t1.row_labels == ("b", "a") and t1.cell("b", "x").display == "0"


def test_column_labels_clashing_with_headers_are_rejected() -> None:
    table = suppress_crosstab({("a", "Total"): 12}, 10)
    with pytest.raises(ValueError, match="clash"):
        table.to_rows()
    assert table.to_rows(total_label="All")[0]["Total"] == "12"


def test_unknown_labels_are_rejected() -> None:
    with pytest.raises(ValueError, match="unknown"):
        suppress_crosstab({("a", "x"): 1}, 10, rows=["a"], cols=["y"])


def test_audit_catches_a_hidden_cell_pinned_by_a_bridge() -> None:
    # Two 2x2 blocks of hidden cells joined by one hidden cell: every row and column has two
    # hidden cells, yet the joining cell equals a difference of published totals.
    grid = [
        [20, 20, 15, 30],
        [20, 20, 30, 30],
        [30, 30, 20, 20],
        [30, 30, 20, 20],
    ]
    R = C = 4
    x = _augment(grid)
    hidden = [[False] * (C + 1) for _ in range(R + 1)]
    for i, j in [(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3), (0, 2)]:
        hidden[i][j] = True
    assert recoverable_entries(x, hidden, R, C) == [(0, 2)]
    assert not _alternatives_exist(grid, hidden)


def test_audit_respects_non_negativity() -> None:
    # A hidden 2x2 block whose diagonal holds zeros on both move directions cannot move.
    grid = [[0, 12], [0, 25]]
    hidden = [[True, True, False], [True, True, False], [False, False, False]]
    assert recoverable_entries(_augment(grid), hidden, 2, 2) != []
    assert not _alternatives_exist(grid, hidden)


@pytest.mark.parametrize(
    ("k", "grid"),
    [
        # Found by search: the row/column rules alone leave these exposed (zeros block every
        # cycle in the first; a bridge in the second), so the audit has to add suppressions.
        (2, [[2, 27, 1, 26], [0, 24, 0, 15], [0, 12, 0, 4]]),
        (2, [[3, 2, 1, 1, 4], [4, 1, 0, 0, 18], [19, 4, 13, 24, 1], [2, 1, 1, 1, 4]]),
    ],
)
def test_tables_the_line_rules_alone_would_leak_are_repaired(k, grid) -> None:
    R, C = len(grid), len(grid[0])
    counts = {(f"r{i}", f"c{j}"): grid[i][j] for i in range(R) for j in range(C)}
    table = suppress_crosstab(counts, k)
    cells, _, _ = _published(table)
    hidden = [[c.suppressed for c in row] for row in cells]
    assert recoverable_entries(_augment(grid), hidden, R, C) == []
    if R * C <= 12:
        assert _alternatives_exist(grid, hidden)


# --------------------------------------------------------------------------- quotes


@pytest.mark.parametrize(
    ("size", "approved", "expected"),
    [(10, True, True), (9, True, False), (50, False, False), (0, True, False)],
)
def test_quotes_need_a_big_enough_group_and_approval(size, approved, expected) -> None:
    assert quote_allowed(size, approved, 10) is expected


# --------------------------------------------------------------------------- k-anonymity

YEAR_BANDS = [
    {
        "y7": "Years 7-8",
        "y8": "Years 7-8",
        "y9": "Years 9-11",
        "y10": "Years 9-11",
        "y11": "Years 9-11",
    },
    {"Years 7-8": "Years 7-11", "Years 9-11": "Years 7-11"},  # keyed by the level above
]
SCHOOL_TYPES = [
    {
        "s1": "Secondary",
        "s2": "Secondary",
        "s3": "Secondary",
        "s4": "Secondary",
        "s5": "Special or alternative",
        "s6": "Special or alternative",
    },
    {"Secondary": "All schools", "Special or alternative": "All schools"},
]
LANGUAGE = [
    {"en": "English", "ta": "Other", "ur": "Other", "pl": "Other", "pt": "Other", "ar": "Other"}
]
HIERARCHIES = {"year_group": YEAR_BANDS, "school": SCHOOL_TYPES, "language": LANGUAGE}
QIS = ("school", "year_group", "gender", "language")


def _allowed_values(q: str, value: str | None) -> set[str | None]:
    out = {value, "*"}
    current = value
    for level in HIERARCHIES.get(q, []):
        current = level.get(value, level.get(current, current))  # type: ignore[arg-type]
        out.add(current)
    return out


def test_k_anonymise_coarsens_year_groups_before_removing_anything() -> None:
    records = [
        {"school": "s1", "year_group": y, "gender": "girl", "language": "en", "answer": str(i)}
        for i, y in enumerate(["y7"] * 6 + ["y8"] * 6 + ["y9"] * 12)
    ]
    result = k_anonymise(records, QIS, 10, HIERARCHIES)
    assert result.suppressed_records == 0
    assert [r["year_group"] for r in result.records] == ["Years 7-8"] * 12 + ["Years 9-11"] * 12
    assert [r["answer"] for r in result.records] == [str(i) for i in range(24)]
    assert "year_group grouped" in result.rule and "Records removed" in result.rule
    assert result.levels["year_group"] == 1


def test_k_anonymise_drops_and_counts_what_cannot_be_saved() -> None:
    records = [{"school": "s1", "gender": "girl"}] * 3
    result = k_anonymise(records, ["school", "gender"], 5)
    assert result.records == [] and result.suppressed_records == 3
    assert "removed because no coarsening made them safe: 3" in result.rule


def test_k_anonymise_trades_local_removal_against_global_coarsening() -> None:
    records = [{"school": "s1", "gender": "girl"}] * 40 + [{"school": "s1", "gender": "other"}]
    # One rare record in 41 is under the 5% allowance: it is dealt with on its own (here it
    # cannot hide among 10 others even with everything removed, so it is dropped) ...
    local = k_anonymise(records, ["school", "gender"], 10, max_masked_fraction=0.05)
    assert local.suppressed_records == 1 and len(local.records) == 40
    assert all(r["gender"] == "girl" for r in local.records)
    # ... while with no allowance gender is removed for everyone and nobody is dropped.
    whole = k_anonymise(records, ["school", "gender"], 10, max_masked_fraction=0.0)
    assert whole.suppressed_records == 0 and len(whole.records) == 41
    assert {r["gender"] for r in whole.records} == {"*"}
    assert "gender removed for every record" in whole.rule


# --------------------------------------------------------------------------- properties

small_or_large = st.one_of(st.integers(0, 4), st.integers(0, 30))


@given(
    counts=st.dictionaries(
        st.text("abcdefgh", min_size=1, max_size=3), small_or_large, min_size=1, max_size=7
    ),
    k=st.integers(1, 15),
)
def test_one_way_never_shows_or_reveals_a_small_count(counts, k) -> None:
    table = suppress_counts(counts, k)
    shown = [c for c in [*table.cells.values(), table.total] if not c.suppressed]
    # (a) nothing visible is in 1..k-1; zeros are visible only with a visible base.
    assert all(c.count == 0 or c.count >= k for c in shown)
    for key, cell in table.cells.items():
        assert cell.suppressed == (cell.count is None) == (cell.display == "c")
        assert cell.count in (None, counts[key])
        assert cell.percent is None or not table.total.suppressed
        if cell.suppressed:
            assert cell.percent is None
    # (b) total minus visible cells never pins a hidden cell, nor reveals a small sum.
    hidden = [k_ for k_, c in table.cells.items() if c.suppressed]
    if hidden and not table.total.suppressed:
        assert len(hidden) >= 2
        assert sum(counts[h] for h in hidden) >= k
    if table.total.suppressed:
        assert len(hidden) == len(counts)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    shape=st.tuples(st.integers(1, 3), st.integers(1, 4)).filter(lambda s: s[0] * s[1] <= 8),
    data=st.data(),
    k=st.integers(2, 12),
)
def test_crosstab_hides_small_counts_and_no_hidden_entry_is_recoverable(shape, data, k) -> None:
    R, C = shape
    grid = [[data.draw(small_or_large) for _ in range(C)] for _ in range(R)]
    counts = {(f"r{i}", f"c{j}"): grid[i][j] for i in range(R) for j in range(C)}
    table = suppress_crosstab(
        counts, k, rows=[f"r{i}" for i in range(R)], cols=[f"c{j}" for j in range(C)]
    )
    cells, _, _ = _published(table)
    x = _augment(grid)
    hidden = [[c.suppressed for c in row] for row in cells]
    # (a) shown numbers are true and never in 1..k-1.
    for i in range(R + 1):
        for j in range(C + 1):
            cell = cells[i][j]
            if not cell.suppressed:
                assert cell.count == x[i][j]
                assert cell.count == 0 or cell.count >= k
                # Percent of the column's base, only when that base is shown and non-zero.
                base = cells[R][j]
                if base.suppressed or base.count == 0:
                    assert cell.percent is None
                else:
                    assert cell.percent == pytest.approx(100 * x[i][j] / x[R][j])
            else:
                assert cell.count is None and cell.percent is None and cell.display == "c"
    # Zeros in a small group are hidden with it.
    for j in range(C):
        if 0 < x[R][j] < k:
            assert all(hidden[i][j] for i in range(R + 1))
    # (b) every row and column with a hidden entry has two, and a shown total never gives away
    # a hidden sum below k.
    lines = [[(i, j) for j in range(C + 1)] for i in range(R + 1)]
    lines += [[(i, j) for i in range(R + 1)] for j in range(C + 1)]
    for line in lines:
        hid = [e for e in line if hidden[e[0]][e[1]]]
        assert len(hid) != 1
        total = line[-1]
        if hid and not hidden[total[0]][total[1]]:
            assert sum(x[i][j] for i, j in hid) >= k
    # (c) brute force: every hidden entry has at least two values consistent with what is shown.
    assert _alternatives_exist(grid, hidden)


@settings(max_examples=60, deadline=None)
@given(
    shape=st.tuples(st.integers(2, 7), st.integers(2, 30)),
    data=st.data(),
    k=st.integers(3, 12),
)
def test_larger_crosstabs_pass_the_audit(shape, data, k) -> None:
    R, C = shape
    grid = [[data.draw(small_or_large) for _ in range(C)] for _ in range(R)]
    counts = {(f"r{i}", f"c{j}"): grid[i][j] for i in range(R) for j in range(C)}
    table = suppress_crosstab(counts, k)
    cells, _, _ = _published(table)
    hidden = [[c.suppressed for c in row] for row in cells]
    assert recoverable_entries(_augment(grid), hidden, R, C) == []
    for row in cells:
        assert all(c.suppressed or c.count == 0 or c.count >= k for c in row)


@settings(max_examples=200, deadline=None)
@given(
    shape=st.tuples(st.integers(1, 3), st.integers(1, 3)),
    data=st.data(),
)
def test_audit_agrees_with_brute_force_on_any_hiding_pattern(shape, data) -> None:
    # The audit decides safety for the real tables, so check it on arbitrary patterns,
    # including zeros and hidden totals, against exhaustive search.
    R, C = shape
    grid = [[data.draw(st.sampled_from([0, 0, 1, 2, 5])) for _ in range(C)] for _ in range(R)]
    hidden = [[data.draw(st.booleans()) for _ in range(C + 1)] for _ in range(R + 1)]
    assert sorted(recoverable_entries(_augment(grid), hidden, R, C)) == _pinned_by_brute_force(
        grid, hidden
    )


record = st.fixed_dictionaries(
    {
        "school": st.sampled_from(["s1", "s2", "s3", "s4", "s5", "s6"]),
        "year_group": st.sampled_from(["y7", "y8", "y9", "y10", "y11"]),
        "gender": st.sampled_from(["girl", "boy", "other", None]),
        "language": st.sampled_from(["en", "en", "ta", "ur", "pl", "pt", "ar"]),
        "answer": st.sampled_from(["yes", "no", None]),
    }
)


@settings(max_examples=80, deadline=None)
@given(
    records=st.lists(record, max_size=120),
    k=st.integers(1, 12),
    frac=st.sampled_from([0.0, 0.05, 0.2]),
)
def test_k_anonymise_meets_k_and_keeps_every_record_it_can(records, k, frac) -> None:
    records = [dict(r, id=str(n)) for n, r in enumerate(records)]
    result = k_anonymise(records, QIS, k, HIERARCHIES, max_masked_fraction=frac)
    counts = Counter(tuple(r[q] for q in QIS) for r in result.records)
    assert all(n >= k for n in counts.values())
    assert len(result.records) + result.suppressed_records == len(records)
    # Kept records are the originals in order, with each quasi-identifier only coarsened.
    ids = [int(r["id"]) for r in result.records]
    assert ids == sorted(ids)
    for out in result.records:
        original = records[int(out["id"])]
        assert out["answer"] == original["answer"]
        assert all(out[q] in _allowed_values(q, original[q]) for q in QIS)
    assert isinstance(result.rule, str) and f"at least {k} records" in result.rule
