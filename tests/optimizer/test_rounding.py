"""The incremental greedy rounding of --integer against the plain one it replaced (every trial
re-checked from scratch with the independent checker: O(n) per trial, O(n³) in all)."""
from __future__ import annotations

import bisect
import math
from dataclasses import replace

import pytest

from amip.models.check import check_allocation, constraint_rows, score_plan
from amip.models.objective import Objective
from amip.optimizer import optimize
from amip.optimizer.rounding import allowed_steps, round_plan
from amip.scenarios import load_scenario


def _badness(case, plan):
    return sum(r.violation() / max(1.0, abs(r.rhs)) for r in constraint_rows(case, plan) if r.kind != "soft")


def reference_round(case, lp_plan, objective=None):
    """The greedy exactly as it was written before (amip 0.1.0, targets.discrete_allocation)."""
    objective = objective or Objective()
    steps = {mid: allowed_steps(case, mid) for mid in lp_plan}
    plan = {}
    for mid, x in lp_plan.items():
        i = bisect.bisect_right(steps[mid], x + 1e-6)
        plan[mid] = float(steps[mid][i - 1] if i else steps[mid][0])

    def up(mid):
        i = bisect.bisect_right(steps[mid], plan[mid] + 1e-9)
        return float(steps[mid][i]) if i < len(steps[mid]) else None

    bad = _badness(case, plan)
    while bad > 1e-9:
        best = None
        for mid in plan:
            v = up(mid)
            if v is None:
                continue
            b = _badness(case, dict(plan, **{mid: v}))
            if b < bad - 1e-12 and (best is None or b < best[0]):
                best = (b, mid, v)
        if best is None:
            break
        bad, mid, v = best
        plan[mid] = v
    value = objective.value(score_plan(case, plan))
    while True:
        ranked = []
        for mid in plan:
            v = up(mid)
            if v is None:
                continue
            gain = objective.value(score_plan(case, dict(plan, **{mid: v}))) - value
            if gain <= 1e-12:
                continue
            cost = case.measure(mid).cost_per_entry_eur * (v - plan[mid])
            ranked.append((-(gain / cost) if cost > 0 else -math.inf, mid, v, gain))
        ranked.sort()
        for _, mid, v, gain in ranked:
            trial = dict(plan, **{mid: v})
            if _badness(case, trial) <= bad + 1e-12:
                plan, value = trial, value + gain
                break
        else:
            return plan


def _with(case, *features):
    return replace(case, planning=replace(case.planning, features=case.planning.switched_on(features)))


@pytest.mark.parametrize("features", [("integer",), ("integer", "groups"), ("integer", "returns"),
                                      ("integer", "staff"), ("integer", "groups", "returns", "staff")])
@pytest.mark.parametrize("scenario", ["base", "budget-cut-10", "downturn-severe"])
def test_the_incremental_rounding_takes_the_same_steps(scenario, features):
    case = _with(load_scenario(scenario), *features)
    lp_case = replace(case, planning=replace(case.planning, features=tuple(f for f in case.planning.features
                                                                          if f != "integer")))
    lp_plan = optimize(lp_case).new_entries
    lp_plan = {mid: x for mid, x in lp_plan.items() if case.measure(mid).budget_basis.has_new_entries}
    new, old = round_plan(case, lp_plan), reference_round(case, lp_plan)
    assert new == old
    assert score_plan(case, new).objective == pytest.approx(score_plan(case, old).objective, abs=1e-9)


def test_the_rounded_plan_keeps_every_limit_of_a_smaller_budget(case):
    small = _with(replace(case, budget=case.budget.with_neufallbudget(0.7 * case.budget.neufallbudget_eur, "test")),
                  "integer")
    lp = optimize(replace(small, planning=replace(small.planning, features=())))
    plan = round_plan(small, lp.new_entries)
    assert not check_allocation(small, plan)
    assert all(float(x).is_integer() for x in plan.values())
    assert score_plan(small, plan).spend_eur <= small.budget.neufallbudget_eur + 1e-6
