"""Disclosure control: the one place every pupil count passes through before anyone sees it.

Dashboards, charts, exports, workshop packs and toolkits must call these functions rather than
showing raw counts, so that one set of rules (issue 6) protects every output:

* **Primary suppression.** A count of 1 to ``min_size - 1`` is never shown. A group (a one-way
  table's base, a crosstab column such as a school) smaller than ``min_size`` is hidden entirely,
  zeros included, because "0 of 7 pupils" describes every one of those 7 pupils.
* **Zero rule.** Otherwise a zero is shown: it describes nobody. A zero is hidden only when its
  whole group is too small, or (rarely) when it is picked for secondary suppression.
* **Secondary suppression.** A published total minus the published cells gives the sum of the
  hidden cells. Every line (a row or column with its total) that hides anything hides at least
  two entries, and when its total is shown the hidden entries add up to at least ``min_size``
  (so the differencing never reveals a small group either). For crosstabs a final audit proves
  that no hidden entry has a single value consistent with everything published (non-negative
  integers, all row and column totals), adding suppressions until that holds.
* **Percentages** are never given for a hidden cell or a hidden base.

``k_anonymise`` coarsens the response-level export so every combination of quasi-identifiers is
shared by at least ``k`` records, and ``quote_allowed`` gates free-text quotes.
"""

from __future__ import annotations

import operator
from collections import Counter, deque
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

import msgspec

__all__ = [
    "SUPPRESSED",
    "Cell",
    "KAnonResult",
    "SuppressedCrosstab",
    "SuppressedTable",
    "k_anonymise",
    "quote_allowed",
    "recoverable_entries",
    "suppress_counts",
    "suppress_crosstab",
]

SUPPRESSED = "c"
"""What a hidden count (and its percentage) is shown as, in the UK official-statistics style."""

Reason = Literal["primary", "secondary"]

_VISIBLE, _PRIMARY, _SECONDARY = 0, 1, 2


class Cell(msgspec.Struct, frozen=True):
    """One published number. A hidden cell carries no count at all, so it cannot leak."""

    count: int | None
    """The count, or ``None`` when suppressed."""
    display: str
    """What to print: ``"c"`` when suppressed, else the count."""
    percent: float | None
    """Share of the cell's base (0-100), or ``None`` when the cell or its base is hidden or the
    base is zero."""
    suppressed: bool
    reason: Reason | None
    """``"primary"`` (small count or small group), ``"secondary"`` (hidden to protect another
    cell) or ``None``. For staff screens and audits only; exports show just ``c``."""

    def percent_display(self, decimals: int = 1) -> str:
        """``"c"`` for a hidden percentage, ``""`` when undefined (zero base), else rounded."""
        if self.percent is None:
            return SUPPRESSED if self.suppressed or self.count is None else ""
        return f"{self.percent:.{decimals}f}"


_HIDDEN_CELLS = {
    _PRIMARY: Cell(None, SUPPRESSED, None, True, "primary"),
    _SECONDARY: Cell(None, SUPPRESSED, None, True, "secondary"),
}


def _make_cell(count: int, state: int, base: int, base_state: int) -> Cell:
    if state != _VISIBLE:
        return _HIDDEN_CELLS[state]
    percent = None
    if base_state == _VISIBLE and base > 0:
        percent = 100.0 * count / base
    return Cell(count, str(count), percent, False, None)


def _check_min_size(min_size: int) -> None:
    if not isinstance(min_size, int) or min_size < 1:
        raise ValueError(f"min_size must be a positive integer, got {min_size!r}")


def _check_count(key: object, value: object) -> int:
    if type(value) is int and value >= 0:
        return value
    if not isinstance(value, bool):  # accept int-like counts (numpy), never bools or floats
        try:
            n = operator.index(value)  # type: ignore[arg-type]
        except TypeError:
            n = -1
        if n >= 0:
            return n
    raise ValueError(f"count for {key!r} must be a non-negative integer, got {value!r}")


# --------------------------------------------------------------------------- one-way tables


class SuppressedTable(msgspec.Struct, frozen=True):
    """A suppressed breakdown of one question: a cell per answer option plus the base."""

    min_size: int
    cells: dict[str, Cell]
    """Answer option -> cell, in the order given."""
    total: Cell
    """The base (number of pupils in the table)."""

    @property
    def base_suppressed(self) -> bool:
        """True when the whole group is below the threshold, so nothing at all is shown."""
        return self.total.suppressed

    def to_rows(
        self, *, label: str = "option", total_label: str = "Total", decimals: int = 1
    ) -> list[dict[str, str]]:
        """Plain rows for CSV: ``{label, "count", "percent"}`` per option, then the total."""
        rows = [
            {label: key, "count": cell.display, "percent": cell.percent_display(decimals)}
            for key, cell in self.cells.items()
        ]
        rows.append(
            {
                label: total_label,
                "count": self.total.display,
                "percent": self.total.percent_display(decimals),
            }
        )
        return rows


def suppress_counts(counts: Mapping[str, int], min_size: int) -> SuppressedTable:
    """Suppress a one-way table whose cells partition its base (a single-choice question).

    ``counts`` must be exhaustive: include "skipped"/"rather not say" when the base counts them,
    since the total is their sum. For a multi-choice question call this once per option with
    ``{"chosen": n, "not chosen": base - n}``.

    Rules: a base below ``min_size`` hides everything; counts 1..min_size-1 are hidden; then, while
    anything is hidden, at least two cells are hidden and the hidden cells sum to at least
    ``min_size`` (total minus shown cells gives that sum). Each extra cell is the smallest one
    that meets the need on its own, else the largest available.
    """
    _check_min_size(min_size)
    keys = list(counts)
    values = [_check_count(k, counts[k]) for k in keys]
    total = sum(values)
    states = [_VISIBLE] * len(values)
    total_state = _VISIBLE
    if 0 < total < min_size:
        states = [_PRIMARY] * len(values)
        total_state = _PRIMARY
    else:
        for i, v in enumerate(values):
            if 0 < v < min_size:
                states[i] = _PRIMARY
        while True:
            hidden = [i for i, s in enumerate(states) if s]
            hidden_sum = sum(values[i] for i in hidden)
            if not hidden or (len(hidden) >= 2 and hidden_sum >= min_size):
                break
            shown = [i for i, s in enumerate(states) if not s]
            need = min_size - hidden_sum
            # Smallest single cell that completes both needs, else the biggest step towards it.
            enough = [i for i in shown if values[i] >= need]
            pick = (
                min(enough, key=lambda i: (values[i], i))
                if enough
                else max(shown, key=lambda i: (values[i], -i))
            )
            states[pick] = _SECONDARY
    cells = {
        k: _make_cell(v, s, total, total_state)
        for k, v, s in zip(keys, values, states, strict=True)
    }
    return SuppressedTable(min_size, cells, _make_cell(total, total_state, total, total_state))


# --------------------------------------------------------------------------- two-way tables


class SuppressedCrosstab(msgspec.Struct, frozen=True):
    """A suppressed breakdown: rows are answer options, columns are groups (school, year...).

    Cell percentages are shares of the column base (the group); row-total percentages are shares
    of the grand total; a shown column base is 100 of itself.
    """

    min_size: int
    row_labels: tuple[str, ...]
    col_labels: tuple[str, ...]
    cells: dict[tuple[str, str], Cell]
    """(row, column) -> cell."""
    row_totals: dict[str, Cell]
    """Row (answer option) -> total across all groups."""
    col_totals: dict[str, Cell]
    """Column (group) -> its base."""
    grand_total: Cell

    def cell(self, row: str, col: str) -> Cell:
        return self.cells[(row, col)]

    def to_rows(
        self,
        *,
        row_header: str = "option",
        total_label: str = "Total",
        percentages: bool = False,
        decimals: int = 1,
    ) -> list[dict[str, str]]:
        """Wide rows for CSV: one per answer option then the bases row; ``c`` where hidden.

        Keys are ``row_header``, each column label, then ``total_label``. With
        ``percentages=True`` the cells hold percentages (``c`` hidden, ``""`` undefined).
        """

        if len({row_header, total_label, *self.col_labels}) != len(self.col_labels) + 2:
            raise ValueError(
                f"column labels clash with {row_header!r}/{total_label!r}; pass other headers"
            )

        def show(cell: Cell) -> str:
            return cell.percent_display(decimals) if percentages else cell.display

        out = []
        for r in self.row_labels:
            row = {row_header: r}
            for c in self.col_labels:
                row[c] = show(self.cells[(r, c)])
            row[total_label] = show(self.row_totals[r])
            out.append(row)
        row = {row_header: total_label}
        for c in self.col_labels:
            row[c] = show(self.col_totals[c])
        row[total_label] = show(self.grand_total)
        out.append(row)
        return out

    def to_long(self, *, decimals: int = 1) -> list[dict[str, str]]:
        """Tidy rows ``{"row", "col", "count", "percent"}`` for every cell and margin."""
        out = []
        total = "Total"
        items: list[tuple[str, str, Cell]] = [
            (r, c, self.cells[(r, c)]) for r in self.row_labels for c in self.col_labels
        ]
        items += [(r, total, self.row_totals[r]) for r in self.row_labels]
        items += [(total, c, self.col_totals[c]) for c in self.col_labels]
        items.append((total, total, self.grand_total))
        for r, c, cell in items:
            out.append(
                {
                    "row": r,
                    "col": c,
                    "count": cell.display,
                    "percent": cell.percent_display(decimals),
                }
            )
        return out


def _normalise_crosstab(
    counts: Mapping[tuple[str, str], int] | Mapping[str, Mapping[str, int]],
    rows: Sequence[str] | None,
    cols: Sequence[str] | None,
) -> tuple[list[str], list[str], list[list[int]]]:
    flat: dict[tuple[str, str], int] = {}
    for key, value in counts.items():
        if type(key) is tuple and len(key) == 2:
            flat[key] = _check_count(key, value)
        elif isinstance(value, Mapping):
            for col, v in value.items():
                flat[(key, col)] = _check_count((key, col), v)  # type: ignore[index]
        else:
            raise ValueError(f"crosstab keys must be (row, column) pairs, got {key!r}")
    row_list = list(rows) if rows is not None else list(dict.fromkeys(r for r, _ in flat))
    col_list = list(cols) if cols is not None else list(dict.fromkeys(c for _, c in flat))
    row_set, col_set = set(row_list), set(col_list)
    unknown = [k for k in flat if k[0] not in row_set or k[1] not in col_set]
    if unknown:
        raise ValueError(f"counts for unknown rows/columns: {unknown[:3]!r}")
    grid = [[flat.get((r, c), 0) for c in col_list] for r in row_list]
    return row_list, col_list, grid


def _augment(grid: list[list[int]]) -> list[list[int]]:
    """Add a totals column (index C) and a totals row (index R) to the grid."""
    n_cols = len(grid[0]) if grid else 0
    x = [[*row, sum(row)] for row in grid]
    x.append([sum(row[j] for row in x) for j in range(n_cols + 1)])
    return x


def suppress_crosstab(
    counts: Mapping[tuple[str, str], int] | Mapping[str, Mapping[str, int]],
    min_size: int,
    *,
    rows: Sequence[str] | None = None,
    cols: Sequence[str] | None = None,
) -> SuppressedCrosstab:
    """Suppress a two-way table with row totals, column bases and a grand total.

    ``counts`` is ``{(row, col): n}`` or ``{row: {col: n}}``; missing cells are 0. ``rows`` and
    ``cols`` fix the order (and add all-zero rows/columns). Columns must partition the pupils and
    rows must be exhaustive for each column (totals are sums).

    A column whose base is below ``min_size`` is hidden entirely; counts 1..min_size-1 anywhere
    (cells and totals) are hidden; secondary suppression then keeps every row and column with a
    hidden entry at two or more hidden entries, with the hidden cells of a line with a shown total
    summing to at least ``min_size``, and finally repeats until ``recoverable_entries`` finds no
    hidden entry that the published numbers pin to one value.
    """
    _check_min_size(min_size)
    row_list, col_list, grid = _normalise_crosstab(counts, rows, cols)
    n_rows, n_cols = len(row_list), len(col_list)
    x = _augment(grid) if n_rows else [[0] * (n_cols + 1)]
    state = _protect(x, n_rows, n_cols, min_size)
    base_row = x[n_rows]
    base_state = state[n_rows]
    cells = {}
    for i, r in enumerate(row_list):
        for j, c in enumerate(col_list):
            cells[(r, c)] = _make_cell(x[i][j], state[i][j], base_row[j], base_state[j])
    row_totals = {
        r: _make_cell(x[i][n_cols], state[i][n_cols], base_row[n_cols], base_state[n_cols])
        for i, r in enumerate(row_list)
    }
    col_totals = {
        c: _make_cell(base_row[j], base_state[j], base_row[j], base_state[j])
        for j, c in enumerate(col_list)
    }
    grand = _make_cell(base_row[n_cols], base_state[n_cols], base_row[n_cols], base_state[n_cols])
    return SuppressedCrosstab(
        min_size, tuple(row_list), tuple(col_list), cells, row_totals, col_totals, grand
    )


def _protect(x: list[list[int]], R: int, C: int, k: int) -> list[list[int]]:
    """Return the suppression state of every entry of the augmented (R+1)x(C+1) table ``x``.

    Row ``R`` holds the column bases and column ``C`` the row totals; ``x[R][C]`` is the grand
    total. A "line" is a row or a column of ``x``; its last entry is its total.
    """
    R1, C1 = R + 1, C + 1
    st = [[_VISIBLE] * C1 for _ in range(R1)]
    # Small groups: hide the whole column (j == C is the grand total: hides everything).
    for j in range(C1):
        if 0 < x[R][j] < k:
            for i in range(R1):
                st[i][j] = _PRIMARY
    if 0 < x[R][C] < k:
        for i in range(R1):
            for j in range(C1):
                st[i][j] = _PRIMARY
        return st
    for i in range(R1):
        xi, si = x[i], st[i]
        for j in range(C1):
            if 0 < xi[j] < k:
                si[j] = _PRIMARY
    # Per-line counts of hidden entries and sums of hidden non-total entries.
    row_n = [0] * R1
    row_s = [0] * R1
    col_n = [0] * C1
    col_s = [0] * C1
    for i in range(R1):
        for j in range(C1):
            if st[i][j]:
                row_n[i] += 1
                col_n[j] += 1
                if j != C:
                    row_s[i] += x[i][j]
                if i != R:
                    col_s[j] += x[i][j]

    def hide(i: int, j: int) -> None:
        st[i][j] = _SECONDARY
        row_n[i] += 1
        col_n[j] += 1
        if j != C:
            row_s[i] += x[i][j]
        if i != R:
            col_s[j] += x[i][j]

    def violated(is_row: bool, a: int) -> bool:
        if is_row:
            n, s, total_shown = row_n[a], row_s[a], not st[a][C]
        else:
            n, s, total_shown = col_n[a], col_s[a], not st[R][a]
        return n == 1 or (n >= 1 and total_shown and s < k)

    def fix(is_row: bool, a: int) -> tuple[int, int] | None:
        """Hide the cheapest shown entry of line ``a`` (a row if ``is_row``, else a column)."""
        if is_row:
            n, s, total_shown = row_n[a], row_s[a], not st[a][C]
            entries = [(a, j) for j in range(C1)]
            total_entry = (a, C)
        else:
            n, s, total_shown = col_n[a], col_s[a], not st[R][a]
            entries = [(i, a) for i in range(R1)]
            total_entry = (R, a)
        best = None
        best_key = None
        for i, j in entries:
            if st[i][j]:
                continue
            v = x[i][j]
            # Margins carry headline numbers: hide inner cells first, the grand total last.
            rank = 2 if (i == R and j == C) else (1 if (i == R or j == C) else 0)
            cross_clean = (col_n[j] if is_row else row_n[i]) == 0
            # Would this line still need more? (Hiding its own total lifts the sum rule.)
            fails = n + 1 < 2 or ((i, j) != total_entry and total_shown and s + v < k)
            key = (rank, fails, cross_clean, -v if fails else v)
            if best_key is None or key < best_key:
                best, best_key = (i, j), key
        if best is not None:  # None only if the whole line is hidden, which is never violated
            hide(*best)
        return best

    limit = 4 * R1 * C1 + 8
    for _ in range(limit):
        work = deque([(True, i) for i in range(R1)] + [(False, j) for j in range(C1)])
        queued = set(work)
        while work:
            line = work.popleft()
            queued.discard(line)
            if not violated(*line):
                continue
            done = fix(*line)
            if done is None:
                continue
            for other in ((True, done[0]), (False, done[1]), line):
                if other not in queued:
                    work.append(other)
                    queued.add(other)
        exposed = recoverable_entries(x, st, R, C)
        if not exposed:
            return st
        _break_exposure(x, st, R, C, exposed[0], hide)
    # Could not settle (should not happen): hide everything rather than risk a disclosure.
    return [[s or _SECONDARY for s in row] for row in st]


def _arcs(x: list[list[int]], i: int, j: int, R: int, C: int) -> tuple[bool, bool]:
    """Which unit moves entry (i, j) can take on a balancing cycle and stay non-negative.

    In signed form (margins negated, grand total positive) every row and column sums to zero,
    so the alternative solutions are cycles of +1/-1. ``up`` is the row->column move (+1 signed),
    ``down`` the column->row move. A cell rises on ``up``; a margin falls on ``up``.
    """
    margin = (i == R) != (j == C)
    positive = x[i][j] >= 1
    if margin:
        return positive, True
    return True, positive


_Adj = list[list[tuple[int, int]]]


def _reach(start: int, adj: _Adj, skip: int) -> set[int]:
    """Vertices reachable from ``start`` along arcs, ignoring arcs of entry id ``skip``."""
    seen = {start}
    todo = [start]
    while todo:
        u = todo.pop()
        for v, eid in adj[u]:
            if eid != skip and v not in seen:
                seen.add(v)
                todo.append(v)
    return seen


def _hidden_graph(
    x: list[list[int]], st: list[list[int]], R: int, C: int
) -> tuple[list[tuple[int, int]], list[tuple[bool, bool]], _Adj, _Adj]:
    """Directed graph of feasible unit moves: rows are vertices 0..R, columns R+1..R+1+C.

    Returns the hidden entries, their (up, down) feasibility (see ``_arcs``) and the forward and
    reverse adjacency lists of (vertex, entry id).
    """
    n = R + C + 2
    fwd: _Adj = [[] for _ in range(n)]
    rev: _Adj = [[] for _ in range(n)]
    entries: list[tuple[int, int]] = []
    arcs: list[tuple[bool, bool]] = []
    for i in range(R + 1):
        xi, si = x[i], st[i]
        for j in range(C + 1):
            if not si[j]:
                continue
            positive = xi[j] >= 1
            if (i == R) != (j == C):  # a margin: it falls when the signed entry rises
                up, down = positive, True
            else:
                up, down = True, positive
            eid = len(entries)
            entries.append((i, j))
            arcs.append((up, down))
            c = R + 1 + j
            if up:
                fwd[i].append((c, eid))
                rev[c].append((i, eid))
            if down:
                fwd[c].append((i, eid))
                rev[i].append((c, eid))
    return entries, arcs, fwd, rev


def _scc_ids(n: int, fwd: _Adj, rev: _Adj) -> list[int]:
    """Strongly connected component of each vertex (Kosaraju, iterative)."""
    order: list[int] = []
    seen = [False] * n
    for s in range(n):
        if seen[s]:
            continue
        seen[s] = True
        stack = [(s, iter(fwd[s]))]
        while stack:
            u, it = stack[-1]
            for v, _ in it:
                if not seen[v]:
                    seen[v] = True
                    stack.append((v, iter(fwd[v])))
                    break
            else:
                stack.pop()
                order.append(u)
    comp = [-1] * n
    label = 0
    for s in reversed(order):
        if comp[s] != -1:
            continue
        comp[s] = label
        todo = [s]
        while todo:
            u = todo.pop()
            for v, _ in rev[u]:
                if comp[v] == -1:
                    comp[v] = label
                    todo.append(v)
        label += 1
    return comp


def _bridges(n: int, edges: list[tuple[int, int, int]]) -> set[int]:
    """Ids of the bridges of an undirected graph given as (u, v, id) edges (iterative Tarjan)."""
    adj: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for u, v, eid in edges:
        adj[u].append((v, eid))
        adj[v].append((u, eid))
    disc = [-1] * n
    low = [0] * n
    clock = 0
    found: set[int] = set()
    for s in range(n):
        if disc[s] != -1 or not adj[s]:
            continue
        disc[s] = low[s] = clock
        clock += 1
        stack = [(s, -1, iter(adj[s]))]
        while stack:
            u, parent_edge, it = stack[-1]
            for v, eid in it:
                if eid == parent_edge:
                    continue
                if disc[v] == -1:
                    disc[v] = low[v] = clock
                    clock += 1
                    stack.append((v, eid, iter(adj[v])))
                    break
                low[u] = min(low[u], disc[v])
            else:
                stack.pop()
                if stack:
                    p = stack[-1][0]
                    low[p] = min(low[p], low[u])
                    if low[u] > disc[p]:
                        found.add(parent_edge)
    return found


def recoverable_entries(
    x: list[list[int]], states: list[list[int]] | list[list[bool]], R: int, C: int
) -> list[tuple[int, int]]:
    """Hidden entries of an augmented table whose value the published numbers pin down exactly.

    ``x`` is the (R+1)x(C+1) table with totals in the last row and column; ``states`` is truthy
    where hidden. An entry has another consistent non-negative integer value exactly when a
    cycle of +1/-1 moves through it keeps every hidden entry non-negative (the difference of two
    solutions splits into such cycles). That is decided per entry from the strongly connected
    components of the feasible-move graph and, for entries free to move both ways, the bridges
    of the two-way part; only the few remaining entries need a search.
    """
    entries, arcs, fwd, rev = _hidden_graph(x, states, R, C)  # type: ignore[arg-type]
    n = R + C + 2
    comp = _scc_ids(n, fwd, rev)
    two_way = [
        (i, R + 1 + j, eid)
        for eid, (i, j) in enumerate(entries)
        if arcs[eid][0] and arcs[eid][1] and comp[i] == comp[R + 1 + j]
    ]
    bridges = _bridges(n, two_way)
    exposed = []
    for eid, (i, j) in enumerate(entries):
        up, down = arcs[eid]
        r, c = i, R + 1 + j
        if comp[r] != comp[c]:
            free = False  # no cycle can pass through it
        elif not (up and down) or eid not in bridges:
            free = True  # a one-way arc inside a component, or a cycle of two-way entries
        else:
            free = r in _reach(c, fwd, eid) or c in _reach(r, fwd, eid)
        if not free:
            exposed.append((i, j))
    return exposed


def _break_exposure(
    x: list[list[int]], st: list[list[int]], R: int, C: int, entry: tuple[int, int], hide
) -> None:
    """Hide one more entry so that ``entry`` gains a feasible cycle (or its lines grow)."""
    entries, _, fwd, rev = _hidden_graph(x, st, R, C)
    eid = entries.index(entry)
    i0, j0 = entry
    r0, c0 = i0, R + 1 + j0
    up0, down0 = _arcs(x, i0, j0, R, C)
    wanted: list[tuple[set[int], set[int]]] = []  # arc u->v needed with u in F, v in B
    if up0:
        wanted.append((_reach(c0, fwd, eid), _reach(r0, rev, eid)))
    if down0:
        wanted.append((_reach(r0, fwd, eid), _reach(c0, rev, eid)))
    best = None
    best_key = None
    for i in range(R + 1):
        for j in range(C + 1):
            if st[i][j]:
                continue
            up, down = _arcs(x, i, j, R, C)
            r, c = i, R + 1 + j
            ok = any((up and r in f and c in b) or (down and c in f and r in b) for f, b in wanted)
            if not ok:
                continue
            rank = 2 if (i == R and j == C) else (1 if (i == R or j == C) else 0)
            key = (rank, x[i][j])
            if best_key is None or key < best_key:
                best, best_key = (i, j), key
    if best is None:
        # No single entry closes a cycle: widen the pattern along the entry's own lines.
        line = [(i0, j) for j in range(C + 1)] + [(i, j0) for i in range(R + 1)]
        shown = [(i, j) for i, j in line if not st[i][j]]
        if not shown:
            shown = [(i, j) for i in range(R + 1) for j in range(C + 1) if not st[i][j]]
        if not shown:
            return
        best = min(
            shown, key=lambda e: (x[e[0]][e[1]] == 0, (e[0] == R) or (e[1] == C), x[e[0]][e[1]])
        )
    hide(*best)


# --------------------------------------------------------------------------- quotes


def quote_allowed(group_size: int, approved: bool, min_size: int) -> bool:
    """A free-text quote may be shown only for a group at or above the threshold, once approved."""
    _check_min_size(min_size)
    return bool(approved) and group_size >= min_size


# --------------------------------------------------------------------------- k-anonymity

REMOVED = "*"


class KAnonResult(msgspec.Struct, frozen=True):
    """A k-anonymous copy of the records and how it was made (for the data dictionary)."""

    records: list[dict[str, str | None]]
    rule: str
    """Human-readable description of what was coarsened, removed and dropped."""
    suppressed_records: int
    """Records dropped entirely because nothing else made them safe."""
    levels: dict[str, int] = msgspec.field(default_factory=dict)
    """Generalisation level used per quasi-identifier (0 = as collected, beyond the hierarchy =
    removed for everyone)."""
    masked: dict[str, int] = msgspec.field(default_factory=dict)
    """Per quasi-identifier, records in which the value was replaced by ``*`` locally."""


def _generaliser(
    hierarchy: Sequence[Mapping[str, str]],
) -> list[dict[str | None, str | None]]:
    """Per level, a cache from original value to generalised value (filled lazily)."""
    return [{} for _ in range(len(hierarchy) + 2)]


def _generalise(
    value: str | None,
    level: int,
    hierarchy: Sequence[Mapping[str, str]],
    cache: list[dict[str | None, str | None]],
) -> str | None:
    if level == 0:
        return value
    if level > len(hierarchy):
        return REMOVED
    memo = cache[level]
    if value in memo:
        return memo[value]
    mapping = hierarchy[level - 1]
    if value in mapping:
        out: str | None = mapping[value]  # type: ignore[index]
    else:  # allow levels keyed by the previous level's labels
        prev = _generalise(value, level - 1, hierarchy, cache)
        out = mapping.get(prev, prev) if prev is not None else None  # type: ignore[arg-type]
    memo[value] = out
    return out


def _small(keys: Iterable[tuple], k: int) -> tuple[Counter, int]:
    counts = Counter(keys)
    return counts, sum(n for n in counts.values() if n < k)


def k_anonymise(
    records: Sequence[Mapping[str, str | None]],
    quasi_identifiers: Sequence[str],
    k: int,
    hierarchies: Mapping[str, Sequence[Mapping[str, str]]] | None = None,
    *,
    max_masked_fraction: float = 0.05,
) -> KAnonResult:
    """Coarsen quasi-identifiers until every combination occurs at least ``k`` times.

    A simple, explainable greedy: while more than ``max_masked_fraction`` of the records sit in
    combinations shared by fewer than ``k`` records, generalise (for every record) the
    quasi-identifier with the most distinct values one level up its hierarchy; past the last
    level it is removed (``*``). ``hierarchies[q][n]`` maps a value (as collected, or as labelled
    at level n) to its label at level n + 1; unmapped values stay as they are. Then local
    suppression: the remaining rare records get ``*`` in one quasi-identifier at a time (most
    distinct first) until their combination is common enough; records still rare with every
    quasi-identifier removed are dropped and counted. Other fields pass through unchanged, in the
    input order (so do not feed records in submission order).
    """
    if not isinstance(k, int) or k < 1:
        raise ValueError(f"k must be a positive integer, got {k!r}")
    hierarchies = hierarchies or {}
    qis = list(quasi_identifiers)
    n = len(records)
    hier = {q: list(hierarchies.get(q, ())) for q in qis}
    caches = {q: _generaliser(hier[q]) for q in qis}
    levels = dict.fromkeys(qis, 0)
    raw = [tuple(rec.get(q) for q in qis) for rec in records]
    allowed = max_masked_fraction * n

    def keys_at() -> list[tuple]:
        gens = [(lambda v, q=q: _generalise(v, levels[q], hier[q], caches[q])) for q in qis]
        return [tuple(g(v) for g, v in zip(gens, row, strict=True)) for row in raw]

    keys = keys_at()
    counts, small = _small(keys, k)
    while small > allowed:
        distinct = {q: len({key[p] for key in keys}) for p, q in enumerate(qis)}
        candidates = [q for q in qis if levels[q] <= len(hier[q]) and distinct[q] > 1]
        if not candidates:
            break
        pick = max(candidates, key=lambda q: (distinct[q], -qis.index(q)))
        levels[pick] += 1
        keys = keys_at()
        counts, small = _small(keys, k)

    # Local suppression of what is still rare.
    rare = [i for i, key in enumerate(keys) if counts[key] < k]
    if rare:
        distinct = {q: len({key[p] for key in keys}) for p, q in enumerate(qis)}
        order = sorted(range(len(qis)), key=lambda p: (-distinct[qis[p]], p))
        for p in order:
            if not rare:
                break
            for i in rare:
                key = keys[i]
                keys[i] = (*key[:p], REMOVED, *key[p + 1 :])
            counts = Counter(keys)
            rare = [i for i in rare if counts[keys[i]] < k]
    dropped = set(rare)
    masked = dict.fromkeys(qis, 0)
    for i, key in enumerate(keys):
        if i not in dropped:
            for p, q in enumerate(qis):
                if key[p] == REMOVED and levels[q] <= len(hier[q]) and raw[i][p] != REMOVED:
                    masked[q] += 1

    out: list[dict[str, str | None]] = []
    for i, rec in enumerate(records):
        if i in dropped:
            continue
        new = dict(rec)
        for p, q in enumerate(qis):
            new[q] = keys[i][p]
        out.append(new)
    rule = _describe(qis, k, levels, hier, masked, len(dropped), n)
    return KAnonResult(out, rule, len(dropped), levels, {q: m for q, m in masked.items() if m})


def _describe(
    qis: list[str],
    k: int,
    levels: dict[str, int],
    hier: dict[str, list[Mapping[str, str]]],
    masked: dict[str, int],
    dropped: int,
    n: int,
) -> str:
    parts = [
        f"Every combination of {', '.join(qis)} occurs in at least {k} records"
        f" ({n} records in, {n - dropped} out)."
    ]
    coarse = []
    for q in qis:
        lvl = levels[q]
        if lvl == 0:
            continue
        if lvl > len(hier[q]):
            coarse.append(f"{q} removed for every record")
        else:
            labels = sorted({str(v) for v in hier[q][lvl - 1].values()})
            shown = ", ".join(f"'{v}'" for v in labels[:4]) + (", ..." if len(labels) > 4 else "")
            coarse.append(f"{q} grouped (level {lvl} of {len(hier[q])}: {shown})")
    parts.append("Coarsened: " + "; ".join(coarse) + "." if coarse else "No values were coarsened.")
    local = [f"{q} in {m} records" for q, m in masked.items() if m]
    if local:
        parts.append(f"Replaced by '{REMOVED}' where still rare: " + ", ".join(local) + ".")
    parts.append(f"Records removed because no coarsening made them safe: {dropped}.")
    return " ".join(parts)
