"""Choices resting on cost alone (issue 27): on the default case the MAT measures share one rate, so
the plan's raised-over-cut choices among them are named; the words are checked by a re-solve with the
cost difference reversed."""
from dataclasses import replace

import pytest

from amip.optimizer import optimize
from amip.optimizer.cost_only import by_type, cost_only_choices


@pytest.fixture(scope="module")
def solved(case):
    return optimize(case)


def test_default_case_names_the_mat_choices(case, solved):
    choices = cost_only_choices(case, solved)
    mat = [c for c in choices if c["instrument_type"] == "mat"]
    assert mat, "the MAT measures share 20 %: their raised/cut choices rest on cost"
    ms = {m.id: m for m in case.measures}
    for c in choices:
        assert ms[c["raised"]].instrument_type == ms[c["cut"]].instrument_type
        assert c["cost_raised"] < c["cost_cut"] and "allein auf den Kosten" in c["reason"]
    # the provider measures share the table's 20 %; AVGS-MAT vouchers (per voucher: 20 % × Einlösequote,
    # with a range) are told apart from them only by overlapping intervals
    assert any(c["kind"] == "same_rate" and c["rate_raised"] == c["rate_cut"] == 0.2 for c in mat)
    assert all(c["rate_raised"] == c["rate_cut"] if c["kind"] == "same_rate" else c["kind"] == "overlapping_intervals"
               for c in mat)
    up, down, n = by_type(mat)["mat"]
    assert n == len(mat) and set(up).isdisjoint(down)


def test_reversing_the_cost_reverses_the_choice(case, solved):
    """The named cause relaxed: the cut measure given the raised one's cost (and vice versa) is no
    longer cut — with the same rate, cost was what decided."""
    mat = [c for c in cost_only_choices(case, solved) if c["instrument_type"] == "mat"]
    pair = max(mat, key=lambda c: c["cost_cut"] - c["cost_raised"])
    ms = {m.id: m for m in case.measures}
    a, b = ms[pair["raised"]], ms[pair["cut"]]
    swapped = replace(case, measures=tuple(
        m.evolve(cost_per_entry_eur=b.cost_per_entry_eur) if m.id == a.id else
        m.evolve(cost_per_entry_eur=a.cost_per_entry_eur) if m.id == b.id else m for m in case.measures))
    before = {r.id: r for r in solved.measures}
    after = {r.id: r for r in optimize(swapped).measures}
    assert after[b.id].new_entries > before[b.id].new_entries + 0.5
    assert after[b.id].new_entries >= after[b.id].planned_new_entries - 0.5   # no longer cut


def test_history_that_tells_measures_apart_removes_the_pair(case, solved):
    """With intervals that do not overlap, a pair is no longer said to rest on cost alone."""
    pair = next(c for c in cost_only_choices(case, solved) if c["instrument_type"] == "mat")
    moved = replace(case, measures=tuple(
        m.evolve(integration_rate=0.40, rate_low=0.38, rate_high=0.42) if m.id == pair["raised"] else m
        for m in case.measures))
    again = optimize(moved)
    assert not any(c["raised"] == pair["raised"] and c["cut"] == pair["cut"] for c in cost_only_choices(moved, again))
