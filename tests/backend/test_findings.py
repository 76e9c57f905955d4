"""Findings: counts come from the database only through disclosure control, and agree."""

from __future__ import annotations

import asyncio

import pytest

from analysis.disclosure import recoverable_entries
from analysis.linked_tables import crosstab_states
from backend.findings import (
    BREAKDOWNS,
    CHOSEN,
    NOT_ANSWERED,
    NOT_CHOSEN,
    FindingsError,
    group_sizes,
    option_breakdown,
    option_counts,
    question_breakdown,
    question_counts,
    question_findings,
)
from tests.backend.findings_helpers import SIZES, seed_findings

K = 10
SMALL = "Other Park School"


@pytest.fixture
def seeded(client, app):
    sent = seed_findings(client, app)
    return app.state.seeded, sent


def run(coro):
    return asyncio.run(coro)


def visible_counts(tab):
    cells = [*tab.cells.values(), *tab.row_totals.values(), *tab.col_totals.values(),
             tab.grand_total]
    return [c.count for c in cells if not c.suppressed]


def true_matrix(edition_id, question_id, by):
    """The unsuppressed augmented table behind a published one (min_size=1 hides nothing)."""
    full = run(question_breakdown(edition_id, question_id, by, min_size=1))
    x = [[full.cells[(r, c)].count for c in full.col_labels] + [full.row_totals[r].count]
         for r in full.row_labels]
    x.append([full.col_totals[c].count for c in full.col_labels] + [full.grand_total.count])
    return x


def test_small_school_column_is_all_hidden_and_cannot_be_worked_back(seeded):
    ids, _ = seeded
    tab = run(question_breakdown(ids["edition"], "safe_at_school", "school", min_size=K))
    assert SMALL in tab.col_labels
    column = [tab.cell(r, SMALL) for r in tab.row_labels] + [tab.col_totals[SMALL]]
    assert all(c.display == "c" and c.percent is None for c in column)
    # The grand total is shown, so another school's base must be hidden too (secondary).
    assert not tab.grand_total.suppressed and tab.grand_total.count == sum(SIZES.values())
    hidden_bases = [c for c, cell in tab.col_totals.items() if cell.suppressed]
    assert len(hidden_bases) >= 2
    assert all(n == 0 or n >= K for n in visible_counts(tab))


def test_every_breakdown_is_protected_and_agrees_with_the_overall_table(seeded):
    ids, _ = seeded
    found = run(question_findings(ids["edition"], "safe_at_school", min_size=K))
    overall = found.overall[""]
    assert overall.total.count == sum(SIZES.values())
    # Every sixth pupil skipped the question: counted, not dropped.
    skipped = sum(1 for i in range(sum(SIZES.values())) if i % 6 == 5)
    assert skipped >= K
    assert overall.cells[NOT_ANSWERED].count == skipped
    for by in BREAKDOWNS:
        tab = found.breakdowns[by][""]
        assert all(n == 0 or n >= K for n in visible_counts(tab)), by
        states = crosstab_states(tab)
        R, C = len(tab.row_labels), len(tab.col_labels)
        truth = true_matrix(ids["edition"], "safe_at_school", by)
        # No hidden count is pinned (a zero under a published zero total is no disclosure).
        pinned = [(i, j) for i, j in recoverable_entries(truth, states, R, C) if truth[i][j]]
        assert pinned == [], by
        for row in tab.row_labels:  # shared totals: hidden here exactly when hidden there
            assert tab.row_totals[row].suppressed == overall.cells[row].suppressed, (by, row)
            if not overall.cells[row].suppressed:
                assert tab.row_totals[row].count == overall.cells[row].count


def test_group_bases_are_the_same_in_every_question(seeded):
    ids, _ = seeded
    bases = run(group_sizes(ids["edition"], "school", min_size=K))
    for question in ("safe_at_school", "knife_worry", "home_worry"):
        tab = run(question_breakdown(ids["edition"], question, "school", min_size=K))
        for school, cell in tab.col_totals.items():
            assert cell.suppressed == bases.cells[school].suppressed, (question, school)
    assert bases.cells[SMALL].suppressed


def test_multiple_choice_options_count_chosen_not_chosen_and_not_answered(seeded):
    ids, sent = seeded
    tables = run(option_counts(ids["edition"], "unsafe_places", min_size=1))
    parks = tables["Parks"]
    answered = [a for a in sent if "unsafe_places" in a]
    assert parks.cells[CHOSEN].count == len(answered)
    assert parks.cells[NOT_CHOSEN].count == 0
    assert parks.cells[NOT_ANSWERED].count == len(sent) - len(answered)
    home = tables["At home"]
    assert home.cells[CHOSEN].count == sum("home" in a["unsafe_places"] for a in answered)
    # With the real threshold the shared "Not answered" cells agree across every option.
    by_option = run(option_breakdown(ids["edition"], "unsafe_places", "school", min_size=K))
    states = {
        option: tuple(tab.cell(NOT_ANSWERED, c).suppressed for c in tab.col_labels)
        for option, tab in by_option.items()
    }
    assert len(set(states.values())) == 1
    for tab in by_option.values():
        assert all(n == 0 or n >= K for n in visible_counts(tab))


def test_a_schools_own_view_is_its_column_of_the_edition_table(seeded):
    ids, _ = seeded
    edition_tab = run(question_breakdown(ids["edition"], "safe_at_school", "school", min_size=K))
    own = run(question_counts(ids["edition"], "safe_at_school", school_id=ids["school"],
                              min_size=K))
    label = "Hillcrest Academy"
    for row in edition_tab.row_labels:
        assert own.cells[row].suppressed == edition_tab.cell(row, label).suppressed
    small = run(question_counts(ids["edition"], "safe_at_school",
                                school_id=ids["other_school"], min_size=K))
    assert small.base_suppressed
    assert all(c.display == "c" for c in small.cells.values())


def test_wrong_questions_and_breakdowns_are_refused(seeded):
    ids, _ = seeded
    with pytest.raises(FindingsError, match="free-text"):
        run(question_counts(ids["edition"], "what_makes_unsafe", min_size=K))
    with pytest.raises(FindingsError, match="not a question"):
        run(question_counts(ids["edition"], "no_such_question", min_size=K))
    with pytest.raises(FindingsError, match="multiple choice"):
        run(question_counts(ids["edition"], "unsafe_places", min_size=K))
    with pytest.raises(FindingsError, match="break down"):
        run(question_breakdown(ids["edition"], "safe_at_school", "postcode", min_size=K))
