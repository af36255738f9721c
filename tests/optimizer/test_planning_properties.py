"""Property tests of the planning features over random feasible catalogues: amip's PuLP/HiGHS model
against scipy's milp on a model written from the data alone, and the independent checker."""
from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from amip.errors import InfeasibleError
from amip.models import check_allocation
from amip.models.check import score_plan
from amip.models.planning import GroupLimit, MeasurePlanning, Planning, StaffClass
from amip.optimizer import optimize
from tests.conftest import scipy_planning_optimum
from tests.optimizer.test_properties import SETTINGS, feasible_cases


@st.composite
def planned_cases(draw):
    case = draw(feasible_cases(with_pat=False))
    mps = {}
    for m in case.measures:
        size = draw(st.sampled_from([1, 1, 5, 12, 15]))
        mps[m.id] = MeasurePlanning(
            lot_size=size, class_min=max(1, int(size * draw(st.sampled_from([0.5, 0.8, 1.0])))),
            returns=draw(st.sampled_from([(), ((1.0, 0.9), (1.5, 0.75)), ((0.5, 0.6),)])),
            group_shares=(("women", draw(st.floats(0, 1))),),
            staff_class=draw(st.sampled_from(["u25", "ue25"])))
    planning = Planning(measures=mps)
    # a group limit the reference plan (the seed plan: planned entries) meets, so the LP stays feasible
    plan = {m.id: min(max(m.planned_entries, m.lower_entries), m.upper_entries) for m in case.measures}
    score = score_plan(replace(case, planning=planning), plan)
    women = sum(dict(mps[m.id].group_shares)["women"] * score.per_measure[m.id]["entries"] for m in case.measures)
    share = women / score.entries * draw(st.floats(0, 1)) if score.entries else 0.0
    cap = score.entries * draw(st.floats(0.2, 1.2))
    staff = tuple(StaffClass(c, 1.0, 1.0, 1.0, 1.0, cap / 2, draw(st.floats(0, 0.5)), "test") for c in ("u25", "ue25"))
    return replace(case, planning=replace(planning, group_limits=(GroupLimit("women", share, "test"),), staff=staff))


def using(case, *features):
    return replace(case, planning=replace(case.planning, features=features))


@SETTINGS
@given(planned_cases())
def test_lp_features_match_scipy_and_the_checker(case):
    case = using(case, "returns", "groups", "staff")
    r = optimize(case)
    assert check_allocation(case, r.new_entries, tol=1e-7) == []
    assert r.objective == pytest.approx(scipy_planning_optimum(case), rel=1e-7, abs=1e-6)
    assert r.objective == pytest.approx(score_plan(case, r.new_entries).objective, rel=1e-7, abs=1e-6)


def brute_force_optimum(case) -> float | None:
    """The MILP optimum by enumerating every whole-place plan (small cases only), from the data alone:
    the reference for the integer mode. (scipy's milp is no reference here: the HiGHS inside scipy
    1.17 returned suboptimal points as optimal on such cases, with and without presolve.)"""
    import itertools
    import math

    p = case.planning
    ms = [m for m in case.measures if m.budget_basis.has_new_entries]

    def allowed(m):
        mp = p.of(m.id)
        for n in range(math.ceil(m.lower_entries - 1e-9), math.floor(m.upper_entries + 1e-9) + 1):
            if mp.lot_size == 1 or any(k * mp.class_min <= n <= k * mp.lot_size for k in range(n + 1)):
                yield n

    def integrations(m, total):
        v, prev = total, 1.0
        for mult, f in p.of(m.id).returns if p.uses("returns") else ():
            v -= (prev - f) * max(0.0, total - mult * m.planned_total_entries)
            prev = f
        return m.integration_rate * v

    best = None
    limit = case.budget.neufallbudget_eur - case.fixed_spend_eur
    for xs in itertools.product(*(list(allowed(m)) for m in ms)):
        if sum(m.cost_per_entry_eur * x for m, x in zip(ms, xs, strict=True)) > limit * (1 + 1e-9):
            continue
        total = {m.id: m.fixed_entries + x for m, x in zip(ms, xs, strict=True)}
        if any(sum(total[m.id] for m in ms if m.field == f.id) < f.min_entries - 1e-9 for f in case.fields):
            continue
        if any(sum(total[m.id] for m in ms if m.pool == pool.id) > pool.size + 1e-9 for pool in case.pools.values()):
            continue
        value = sum(integrations(m, total[m.id]) for m in ms)
        best = value if best is None else max(best, value)
    return best


@st.composite
def small_planned_cases(draw):
    """Few measures with few places, so that every whole-place plan can be enumerated."""
    case = draw(planned_cases())
    ms = case.measures[: draw(st.integers(2, 4))]
    ms = tuple(replace(m, upper_entries=min(m.upper_entries, 30.0), lower_entries=min(m.lower_entries, 5.0))
               for m in ms)
    budget = case.budget.with_neufallbudget(sum(m.cost_per_entry_eur * m.upper_entries for m in ms)
                                            * draw(st.floats(0.1, 1.0)) + 1, "test")
    return replace(case, measures=ms, budget=budget, fields=tuple(replace(f, min_entries=0.0) for f in case.fields))


@SETTINGS
@given(small_planned_cases())
def test_milp_matches_enumeration_or_both_are_infeasible(case):
    case = using(case, "integer", "returns")
    expected = brute_force_optimum(case)
    try:
        r = optimize(case)
    except InfeasibleError:
        event("infeasible (both)")
        assert expected is None
        return
    event("optimal")
    assert expected is not None
    assert check_allocation(case, r.new_entries, tol=1e-7) == []      # no class split, all whole places
    assert r.objective == pytest.approx(expected, rel=1e-9, abs=1e-9)
    assert r.modes.integer.lp_bound >= r.objective - 1e-6 * max(1.0, abs(r.objective))
