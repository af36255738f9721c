"""Choices resting on cost alone (issue 27): on the default case the MAT measures share one rate, so
the plan's raised-over-cut choices among them are named; the words are checked by a re-solve with the
cost difference reversed; the counted and summarised pairs are checked against the enumeration of
every pair (the function before it was counted, kept here as the reference)."""
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from amip.optimizer import optimize
from amip.optimizer.cost_only import TOL_ENTRIES, cost_only_choices, pair_reason
from amip.scenarios import load_scenario

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import synthetic  # noqa: E402


def every_pair(case, result) -> list[dict]:
    """Every pair, enumerated raised × cut (amip.optimizer.cost_only before the pairs were counted)."""
    ms = {m.id: m for m in case.measures}
    rows = [r for r in result.measures if r.id in ms and ms[r.id].counts_against_budget]
    raised = [r for r in rows if r.new_entries > r.planned_new_entries + TOL_ENTRIES]
    cut = [r for r in rows if r.new_entries < r.planned_new_entries - TOL_ENTRIES]
    out = []
    for a in raised:
        ma = ms[a.id]
        for b in cut:
            mb = ms[b.id]
            if ma.instrument_type != mb.instrument_type or not a.cost_per_entry < b.cost_per_entry:
                continue
            (la, ha), (lb, hb) = ma.rate_range, mb.rate_range
            if not (abs(ma.integration_rate - mb.integration_rate) < 1e-9 or (la <= hb and lb <= ha)):
                continue
            kind, reason = pair_reason(ma, mb, a, b)
            out.append({"raised": a.id, "cut": b.id, "reason": reason, "kind": kind,
                        "instrument_type": ma.instrument_type, "rate_raised": ma.integration_rate,
                        "rate_cut": mb.integration_rate, "cost_raised": a.cost_per_entry,
                        "cost_cut": b.cost_per_entry})
    return out


def by_type(choices: list[dict]) -> dict[str, tuple[list[str], list[str], int]]:
    """instrument type → (raised ids, cut ids, number of pairs), in the order the pairs name them."""
    out: dict[str, tuple[list[str], list[str], int]] = {}
    for c in choices:
        up, down, n = out.get(c["instrument_type"], ([], [], 0))
        if c["raised"] not in up:
            up.append(c["raised"])
        if c["cut"] not in down:
            down.append(c["cut"])
        out[c["instrument_type"]] = (up, down, n + 1)
    return out


def _same_as_every_pair(case, limit):
    result = optimize(case)
    got, ref = cost_only_choices(case, result, limit=limit), every_pair(case, result)
    assert got.total == len(ref) and bool(got) == bool(ref)
    assert got.pairs == ref[:limit]
    assert got.by_type == by_type(ref)
    return got, ref


@pytest.fixture(scope="module")
def solved(case):
    return optimize(case)


def test_default_case_names_the_mat_choices(case, solved):
    choices = cost_only_choices(case, solved).pairs
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
    mat = [c for c in cost_only_choices(case, solved).pairs if c["instrument_type"] == "mat"]
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
    pair = next(c for c in cost_only_choices(case, solved).pairs if c["instrument_type"] == "mat")
    moved = replace(case, measures=tuple(
        m.evolve(integration_rate=0.40, rate_low=0.38, rate_high=0.42) if m.id == pair["raised"] else m
        for m in case.measures))
    again = optimize(moved)
    assert not any(c["raised"] == pair["raised"] and c["cut"] == pair["cut"]
                   for c in cost_only_choices(moved, again).pairs)


@pytest.mark.parametrize("name", [None, "downturn-severe", "budget-cut-10"])
def test_counted_pairs_are_every_pair(name):
    got, ref = _same_as_every_pair(load_scenario(name), limit=1000)
    assert len(got.pairs) == len(ref) > 0   # below the limit every pair is spelt out


def test_a_1000_row_table_lists_the_first_pairs_and_counts_all(tmp_path):
    """Beyond the limit the first pairs are spelt out, all counted and summarised by type; also with
    a small limit that cuts a raised measure's partners in the middle."""
    path = tmp_path / "syn.csv"
    case = load_scenario(None, measures=path, budget_eur=synthetic.write(1000, path))
    for limit in (1000, 37):
        got, ref = _same_as_every_pair(case, limit)
        assert len(ref) > 1000 and len(got.pairs) == limit
    assert got.to_dict()["cost_only_pairs"] == len(ref)


def test_intervals_of_their_own_overlap_or_not_as_the_enumeration_says(case):
    """Measures each with its own interval (as a history gives them): one rate class per measure."""
    import numpy as np

    rng = np.random.default_rng(7)
    own = replace(case, measures=tuple(
        m.evolve(integration_rate=r, rate_low=r - w, rate_high=r + w)
        if m.budget_basis.has_new_entries and m.rate_low is not None else m
        for m, r, w in zip(case.measures, rng.uniform(0.15, 0.3, len(case.measures)),
                           rng.uniform(0.0, 0.05, len(case.measures)))))
    got, ref = _same_as_every_pair(own, limit=1000)
    assert {c["kind"] for c in ref} == {"overlapping_intervals"}
