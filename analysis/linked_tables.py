"""Consistent suppression across linked tables (tables that share totals or cells).

``analysis.disclosure`` protects one table at a time. Published tables are linked: every
breakdown of a question repeats the question's answer totals (its one-way table), every
question's school breakdown repeats the school bases, and each option table of a
multiple-choice question repeats the same "not answered" cells. If a shared number is hidden in
one table but shown in another, the hidden cells of the first can be worked out. So findings
fix the shared numbers once (a *canonical* state, decided by the table that owns them) and fit
every other table around them:

* start from the disclosure module's own pattern;
* set every shared entry to its canonical state (shown or hidden) and, where a group's base or
  an answer's total is hidden, hide that whole column or row (the group is then published only
  as part of the hidden remainder);
* re-apply the line rule (a line that hides anything hides two or more entries, summing to at
  least ``min_size`` when its total is shown) and the exact audit
  (``disclosure.recoverable_entries``), hiding more *unshared* cells until both hold.

Only cells that are not fixed are ever hidden in the fitting step, so linked tables stay in
step. Entries that the shared numbers pin on their own (a published zero total pins its hidden
cells to zero) are left alone, since no pattern in this table could protect them; if nothing
else helps, every unfixed cell is hidden, and the table publishes only numbers that are
published elsewhere anyway.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from analysis.disclosure import (
    SUPPRESSED,
    Cell,
    SuppressedCrosstab,
    SuppressedTable,
    recoverable_entries,
    suppress_counts,
    suppress_crosstab,
)

__all__ = [
    "crosstab_states",
    "fit_crosstab",
    "fit_table",
    "table_states",
]

VISIBLE, PRIMARY, SECONDARY = 0, 1, 2


def _state(cell: Cell) -> int:
    if not cell.suppressed:
        return VISIBLE
    return PRIMARY if cell.reason == "primary" else SECONDARY


def table_states(table: SuppressedTable) -> tuple[list[int], int]:
    """The hidden/shown state of each cell (in order) and of the total of a one-way table."""
    return [_state(c) for c in table.cells.values()], _state(table.total)


def crosstab_states(tab: SuppressedCrosstab) -> list[list[int]]:
    """The augmented (R+1)x(C+1) state matrix: row totals in the last column, bases last row."""
    out = [
        [_state(tab.cells[(r, c)]) for c in tab.col_labels] + [_state(tab.row_totals[r])]
        for r in tab.row_labels
    ]
    out.append([_state(tab.col_totals[c]) for c in tab.col_labels] + [_state(tab.grand_total)])
    return out


def _cell(count: int, state: int, base: int, base_state: int) -> Cell:
    if state != VISIBLE:
        return Cell(None, SUPPRESSED, None, True, "primary" if state == PRIMARY else "secondary")
    percent = 100.0 * count / base if base_state == VISIBLE and base > 0 else None
    return Cell(count, str(count), percent, False, None)


def _hide_state(value: int, k: int) -> int:
    return PRIMARY if 0 < value < k else SECONDARY


# --------------------------------------------------------------------------- one-way


def fit_table(
    counts: Mapping[str, int],
    min_size: int,
    *,
    fixed: Mapping[str, bool] | None = None,
    total_hidden: bool | None = None,
) -> SuppressedTable:
    """``suppress_counts`` with some cells (``fixed``: key -> hidden) and the total decided
    elsewhere. Only unfixed cells are hidden to restore the line rule."""
    base = suppress_counts(counts, min_size)
    if not fixed and total_hidden is None:
        return base
    fixed = dict(fixed or {})
    keys = list(counts)
    values = [int(counts[key]) for key in keys]
    total = sum(values)
    states, total_state = table_states(base)
    for i, key in enumerate(keys):
        if key in fixed:
            states[i] = _hide_state(values[i], min_size) if fixed[key] else VISIBLE
    if total_hidden is not None:
        total_state = _hide_state(total, min_size) if total_hidden else VISIBLE
    free = [i for i, key in enumerate(keys) if key not in fixed]
    if total_state != VISIBLE and 0 < total < min_size:
        for i in free:
            states[i] = PRIMARY
    while True:
        hidden = [i for i, s in enumerate(states) if s]
        n = len(hidden) + (total_state != VISIBLE)
        s = sum(values[i] for i in hidden)
        if n == 0 or (n >= 2 and (total_state != VISIBLE or s >= min_size)):
            break
        shown = [i for i in free if not states[i]]
        if not shown:
            break
        need = min_size - s
        enough = [i for i in shown if values[i] >= need]
        pick = min(enough, key=lambda i: (values[i], i)) if enough else max(
            shown, key=lambda i: (values[i], -i)
        )
        states[pick] = SECONDARY
    cells = {
        key: _cell(v, st, total, total_state)
        for key, v, st in zip(keys, values, states, strict=True)
    }
    return SuppressedTable(min_size, cells, _cell(total, total_state, total, total_state))


# --------------------------------------------------------------------------- two-way


def fit_crosstab(
    counts: Mapping[tuple[str, str], int],
    min_size: int,
    *,
    rows: Sequence[str],
    cols: Sequence[str],
    row_totals_hidden: Mapping[str, bool] | None = None,
    bases_hidden: Mapping[str, bool] | None = None,
    grand_hidden: bool | None = None,
    cells_hidden: Mapping[tuple[str, str], bool] | None = None,
) -> SuppressedCrosstab:
    """``suppress_crosstab`` with shared entries fixed to their canonical state.

    ``row_totals_hidden`` (row -> hidden), ``bases_hidden`` (column -> hidden), ``grand_hidden``
    and ``cells_hidden`` ((row, col) -> hidden) are decided by the tables that own them. A row or
    column whose fixed total is hidden is hidden whole (except fixed cells); then unfixed cells
    are hidden until every line keeps two or more hidden entries (summing to ``min_size`` when
    the line's total is shown) and no hidden entry is pinned by what is published.
    """
    k = min_size
    rows, cols = list(rows), list(cols)
    tab = suppress_crosstab(counts, k, rows=rows, cols=cols)
    if not (row_totals_hidden or bases_hidden or grand_hidden is not None or cells_hidden):
        return tab
    R, C = len(rows), len(cols)
    grid = [[int(counts.get((r, c), 0)) for c in cols] for r in rows]
    x = [[*row, sum(row)] for row in grid]
    x.append([sum(x[i][j] for i in range(R)) for j in range(C + 1)])
    st = crosstab_states(tab)
    original = [row[:] for row in st]
    fixed: set[tuple[int, int]] = set()

    def force(i: int, j: int, hidden: bool) -> None:
        st[i][j] = _hide_state(x[i][j], k) if hidden else VISIBLE
        fixed.add((i, j))

    ri = {r: i for i, r in enumerate(rows)}
    cj = {c: j for j, c in enumerate(cols)}
    for (r, c), hidden in (cells_hidden or {}).items():
        if r in ri and c in cj:
            force(ri[r], cj[c], hidden)
    for r, hidden in (row_totals_hidden or {}).items():
        if r in ri:
            force(ri[r], C, hidden)
    for c, hidden in (bases_hidden or {}).items():
        if c in cj:
            force(R, cj[c], hidden)
    if grand_hidden is not None:
        force(R, C, grand_hidden)
    # A hidden shared total hides its whole line: the group is only published in the remainder.
    for i in range(R):
        if st[i][C] and (i, C) in fixed:
            for j in range(C):
                if (i, j) not in fixed and not st[i][j]:
                    st[i][j] = _hide_state(x[i][j], k)
    for j in range(C):
        if st[R][j] and (R, j) in fixed:
            for i in range(R):
                if (i, j) not in fixed and not st[i][j]:
                    st[i][j] = _hide_state(x[i][j], k)
    if [[bool(s) for s in row] for row in st] == [[bool(s) for s in row] for row in original]:
        return tab  # the shared numbers already agree: the module's own audit stands
    _settle(x, st, fixed, R, C, k)
    return _build(tab, x, st, R, C)


def _line(R: int, C: int, is_row: bool, a: int) -> tuple[list[tuple[int, int]], tuple[int, int]]:
    if is_row:
        return [(a, j) for j in range(C + 1)], (a, C)
    return [(i, a) for i in range(R + 1)], (R, a)


def _settle(
    x: list[list[int]], st: list[list[int]], fixed: set[tuple[int, int]], R: int, C: int, k: int
) -> None:
    """Hide unfixed inner cells until the line rule and the exact audit both hold."""

    def free_shown(entries):
        return [(i, j) for i, j in entries if i < R and j < C and (i, j) not in fixed
                and not st[i][j]]

    def repair_lines() -> None:
        lines = [(True, i) for i in range(R + 1)] + [(False, j) for j in range(C + 1)]
        changed = True
        while changed:
            changed = False
            for is_row, a in lines:
                entries, total = _line(R, C, is_row, a)
                hidden = [e for e in entries if st[e[0]][e[1]]]
                if not hidden:
                    continue
                total_shown = not st[total[0]][total[1]]
                s = sum(x[i][j] for i, j in hidden if (i, j) != total)
                if len(hidden) >= 2 and (not total_shown or s >= k):
                    continue
                shown = free_shown(entries)
                if not shown:
                    continue
                need = k - s
                enough = [e for e in shown if x[e[0]][e[1]] >= need]
                pick = min(enough, key=lambda e: x[e[0]][e[1]]) if enough else max(
                    shown, key=lambda e: x[e[0]][e[1]]
                )
                st[pick[0]][pick[1]] = SECONDARY
                changed = True

    # Entries pinned even with every unfixed cell hidden are pinned by the shared numbers alone
    # (a zero total pins its hidden cells to zero): nothing in this table can change that.
    everything = [
        [s or (VISIBLE if (i, j) in fixed or i == R or j == C else SECONDARY)
         for j, s in enumerate(row)]
        for i, row in enumerate(st)
    ]
    inherent = set(recoverable_entries(x, everything, R, C))
    for _ in range(4 * (R + 1) * (C + 1) + 8):
        repair_lines()
        exposed = [e for e in recoverable_entries(x, st, R, C) if e not in inherent]
        if not exposed:
            return
        progressed = False
        for i0, j0 in exposed:
            entries = _line(R, C, True, i0)[0] + _line(R, C, False, j0)[0]
            shown = free_shown(entries)
            if shown:
                pick = min(shown, key=lambda e: (x[e[0]][e[1]] == 0, x[e[0]][e[1]]))
                st[pick[0]][pick[1]] = SECONDARY
                progressed = True
                break
        if not progressed:
            break
    # Nothing else helps: publish only the fixed (shared) numbers.
    for i in range(R):
        for j in range(C):
            if (i, j) not in fixed and not st[i][j]:
                st[i][j] = SECONDARY


def _build(
    tab: SuppressedCrosstab, x: list[list[int]], st: list[list[int]], R: int, C: int
) -> SuppressedCrosstab:
    rows, cols = tab.row_labels, tab.col_labels
    base_row, base_st = x[R], st[R]
    cells = {
        (r, c): _cell(x[i][j], st[i][j], base_row[j], base_st[j])
        for i, r in enumerate(rows)
        for j, c in enumerate(cols)
    }
    row_totals = {
        r: _cell(x[i][C], st[i][C], base_row[C], base_st[C]) for i, r in enumerate(rows)
    }
    col_totals = {
        c: _cell(base_row[j], base_st[j], base_row[j], base_st[j]) for j, c in enumerate(cols)
    }
    grand = _cell(base_row[C], base_st[C], base_row[C], base_st[C])
    return SuppressedCrosstab(tab.min_size, rows, cols, cells, row_totals, col_totals, grand)
