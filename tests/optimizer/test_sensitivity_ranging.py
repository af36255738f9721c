"""Right-hand-side ranging (``ranging.rhs`` of `amip sensitivity --format json`), checked row by row
by re-solving the warm model with the row's bound moved: to both finite ends of its range, to a point
inside (where the objective must follow the dual) and just outside."""
from __future__ import annotations

import math

import pytest

from amip.optimizer import optimize
from amip.optimizer.sensitivity import ranging
from amip.optimizer.warm import WarmModel
from amip.scenarios import load_scenario

SCENARIOS = ("base", "downturn-severe", "budget-cut-10")


@pytest.fixture(scope="module", params=SCENARIOS)
def ranged(request):
    case = load_scenario(request.param)
    result = optimize(case)
    model = WarmModel(case)
    constant = result.objective - model.solve_at().objective
    return case, result, model, constant, ranging(case, model, result, constant)


def _solve_at(model: WarmModel, name: str, r: dict, value: float):
    """Re-solve with the row's restricting bound at ``value`` (in the report's terms, as r["rhs"])."""
    lo, hi = model.row_bounds(name)
    upper = math.isfinite(hi) and abs(hi) < 1e30
    bound = hi if upper else lo
    moved = value - (r["rhs"] - bound)         # the report's rhs and the model's bound differ by a constant
    return model.solve_with(rows={name: (lo, moved) if upper else (moved, hi)})


def test_every_range_contains_its_rhs(ranged):
    *_, rg = ranged
    assert rg["rhs"]
    for name, r in rg["rhs"].items():
        tol = 1e-6 * max(1.0, abs(r["rhs"]))
        assert r["low"] is None or r["low"] <= r["rhs"] + tol, (name, r)
        assert r["high"] is None or r["high"] >= r["rhs"] - tol, (name, r)


def test_a_row_with_slack_leaves_the_objective_unchanged_up_to_its_activity(ranged):
    case, result, model, constant, rg = ranged
    rows = {c.name: c for c in optimize(case).constraints}
    slack = {n: r for n, r in rg["rhs"].items() if r["slack"]}
    assert slack, "every scenario has rows with slack (pools, field minimums)"
    for name, r in slack.items():
        assert r["objective_low"] == pytest.approx(result.objective, rel=1e-9)
        assert r["objective_high"] == pytest.approx(result.objective, rel=1e-9)
        end = r["low"] if r["high"] is None else r["high"]
        assert (r["low"] is None) != (r["high"] is None), name      # open on the slack side only
        if name in rows:                                           # the activity is the row's lhs
            assert end == pytest.approx(rows[name].lhs, rel=1e-6, abs=1e-6), name
        for value in (end, (end + r["rhs"]) / 2):
            s = _solve_at(model, name, r, value)
            assert s.optimal and s.objective + constant == pytest.approx(result.objective, rel=1e-8), (name, value)
            assert abs(model.row_dual(name)) < 1e-9, name


def test_a_binding_row_follows_its_dual_inside_and_reaches_the_ends(ranged):
    _, result, model, constant, rg = ranged
    duals = {c.name: c.dual for c in result.constraints}
    binding = {n: r for n, r in rg["rhs"].items() if not r["slack"]}
    assert "budget__neufall" in binding
    for name, r in binding.items():
        dual = duals.get(name) or 0.0
        for end, key in ((r["low"], "objective_low"), (r["high"], "objective_high")):
            if end is None or r[key] is None:
                continue
            s = _solve_at(model, name, r, end)
            assert s.optimal, (name, end)
            assert s.objective + constant == pytest.approx(r[key], rel=1e-7, abs=1e-6), (name, key)
            mid = (end + r["rhs"]) / 2
            s = _solve_at(model, name, r, mid)
            linear = result.objective + dual * (mid - r["rhs"])
            assert s.objective + constant == pytest.approx(linear, rel=1e-7, abs=1e-6), (name, mid)
            if abs(end - r["rhs"]) > 1e-6 * max(1.0, abs(r["rhs"])):
                assert model.row_dual(name) == pytest.approx(dual, rel=1e-6, abs=1e-9), (name, mid)
            # just outside: never above the line (the optimum is concave in a right-hand side)
            out = end + (end - r["rhs"]) * 0.05 + math.copysign(1.0, end - r["rhs"])
            s = _solve_at(model, name, r, out)
            if s.optimal:
                assert s.objective + constant <= result.objective + dual * (out - r["rhs"]) + 1e-6, (name, out)
