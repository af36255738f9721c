"""Sensitivity analyses, checked against independent solves (PuLP rebuilds and scipy's HiGHS)."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from amip.models.check import BUDGET, check_allocation
from amip.optimizer import optimize
from amip.optimizer.sensitivity import Settings, analyse, frontier, ranging, tornado
from amip.optimizer.warm import Batch, WarmModel, run_batches
from tests.conftest import scipy_optimum

SMALL = Settings(points=201, draws=200, seed=7)


@pytest.fixture(scope="module")
def nominal(case):
    return optimize(case)


@pytest.fixture(scope="module")
def model(case):
    return WarmModel(case)


@pytest.fixture(scope="module")
def constant(nominal, model):
    return nominal.objective - model.solve().objective


@pytest.fixture(scope="module")
def fr(case, model):
    return frontier(case, SMALL, model=model)


@pytest.fixture(scope="module")
def report(case, nominal):
    return analyse(case, SMALL, result=nominal)


def with_budget(case, eur):
    return replace(case, budget=case.budget.with_neufallbudget(eur, "test"))


def test_the_warm_model_reproduces_the_pulp_optimum(case, nominal, model, constant):
    s = model.solve()
    assert s.optimal
    assert s.objective + constant == pytest.approx(nominal.objective, rel=1e-9)
    for mid, x in zip(model.ids, s.x, strict=True):
        assert x == pytest.approx(nominal.new_entries[mid], abs=1e-6)
    budget = next(c for c in nominal.constraints if c.name == BUDGET)
    assert s.budget_dual == pytest.approx(budget.dual, rel=1e-9)


def test_the_frontier_is_non_decreasing_and_concave(fr):
    ok = fr.optimal
    assert ok.all()
    y, b = fr.objective, fr.budgets
    assert (np.diff(y) >= -1e-6).all()
    slopes = np.diff(y) / np.diff(b)
    assert (np.diff(slopes) <= 1e-9).all()          # concave: the marginal yield never rises
    assert (np.diff(fr.marginal_per_100k) <= 1e-9).all()


def test_frontier_points_match_independent_solves(case, fr):
    """A rebuilt PuLP model and scipy's linprog at the same budgets give the same optimum."""
    for i in (0, 37, 100, 163, 200):
        c = with_budget(case, float(fr.budgets[i]))
        assert fr.objective[i] == pytest.approx(optimize(c).objective, rel=1e-7)
        assert fr.objective[i] == pytest.approx(scipy_optimum(c), rel=1e-7)


def test_the_budget_shadow_price_matches_the_finite_difference_away_from_breakpoints(fr):
    d = fr.marginal_per_100k / 1e5
    checked = 0
    for i in range(1, len(fr.budgets) - 1):
        if abs(d[i - 1] - d[i]) < 1e-12 and abs(d[i + 1] - d[i]) < 1e-12:
            fd = (fr.objective[i + 1] - fr.objective[i - 1]) / (fr.budgets[i + 1] - fr.budgets[i - 1])
            assert fd == pytest.approx(d[i], rel=1e-6)
            checked += 1
    assert checked > 100


def test_the_nominal_budget_dual_matches_two_pulp_solves(case, nominal):
    step = 10_000.0
    up = optimize(with_budget(case, case.budget.neufallbudget_eur + step)).objective
    down = optimize(with_budget(case, case.budget.neufallbudget_eur - step)).objective
    dual = next(c.dual for c in nominal.constraints if c.name == BUDGET)
    assert (up - down) / (2 * step) == pytest.approx(dual, rel=1e-6)


def test_breakpoints_separate_different_marginal_yields(case, fr, model):
    assert fr.breakpoints
    for bp in fr.breakpoints:
        lo, hi = bp["between"]
        assert lo <= bp["budget"] <= hi
        assert bp["marginal_before_per_100k"] > bp["marginal_after_per_100k"]
    # The location is exact for a single kink: a re-solve just before and after it shows both yields.
    bp = fr.breakpoints[len(fr.breakpoints) // 2]
    res = run_batches(case, Batch(budgets=np.array([bp["budget"] - 1_000.0, bp["budget"] + 1_000.0])), model=model)
    assert res.budget_dual[0] * 1e5 == pytest.approx(bp["marginal_before_per_100k"], rel=1e-6)
    assert res.budget_dual[1] * 1e5 == pytest.approx(bp["marginal_after_per_100k"], rel=1e-6)


def test_extrapolation_marks_points_outside_the_supported_range(case, fr):
    lo, hi = case.budget.support_low_share, case.budget.support_high_share
    b0 = case.budget.neufallbudget_eur
    for p in fr.points():
        inside = lo * b0 - 1 <= p["budget"] <= hi * b0 + 1
        assert p["extrapolation"] is (not inside)


def test_budgets_below_the_minimum_spend_are_infeasible_points(case, model):
    f = frontier(case, Settings(budget_from_pct=5, budget_to_pct=60, points=12), model=model)
    pts = f.points()
    assert pts[0]["status"] == "infeasible" and pts[0]["objective"] is None
    assert pts[-1]["status"] == "optimal"
    assert not any(bp["budget"] < pts[0]["budget"] for bp in f.breakpoints)


def test_the_budget_rhs_range_is_where_the_shadow_price_holds(case, report):
    b = next(s for s in report.shadow if s["name"] == BUDGET)
    assert b["valid_from"] < case.budget.neufallbudget_eur < b["valid_to"]
    res = run_batches(case, Batch(budgets=np.array([b["valid_from"] + 1e3, b["valid_to"] - 1e3,
                                                    b["valid_from"] - 5e4, b["valid_to"] + 5e4])))
    assert res.budget_dual[0] == pytest.approx(b["value"], rel=1e-9)
    assert res.budget_dual[1] == pytest.approx(b["value"], rel=1e-9)
    assert res.budget_dual[2] != pytest.approx(b["value"], rel=1e-6)
    assert res.budget_dual[3] != pytest.approx(b["value"], rel=1e-6)


def _with_rate(case, mid, rate):
    return replace(case, measures=tuple(m.with_rate(rate) if m.id == mid else m for m in case.measures))


def test_an_unfunded_measure_gets_money_once_its_rate_passes_the_ranging_bound(case, report):
    unfunded = {mid: r for mid, r in report.ranging["rates"].items() if r["state"] == "unfunded" and r["high"] < 1}
    assert len(unfunded) >= 5
    for mid, r in list(unfunded.items())[:5]:
        above = optimize(_with_rate(case, mid, min(1.0, r["high"] + 0.005)))
        below = optimize(_with_rate(case, mid, r["high"] - 0.005))
        assert above.new_entries[mid] > 1e-6, mid
        assert below.new_entries[mid] == pytest.approx(0.0, abs=1e-6), mid


def test_a_measure_at_its_bound_keeps_it_until_its_rate_falls_below_the_range(case, report):
    full = {mid: r for mid, r in report.ranging["rates"].items() if r["state"] == "at upper bound"
            and r["low"] is not None and r["low"] > 0.01}
    for mid, r in list(full.items())[:4]:
        upper = case.measure(mid).upper_entries
        assert optimize(_with_rate(case, mid, r["low"] + 0.003)).new_entries[mid] == pytest.approx(upper, rel=1e-6)
        assert optimize(_with_rate(case, mid, r["low"] - 0.003)).new_entries[mid] < upper - 1e-6


def test_tornado_deltas_match_rebuilt_models(case, nominal, model):
    rows = tornado(case, Settings(tornado_pct=10), model=model, base_objective=nominal.objective)
    assert [abs(r["delta_low"]) + abs(r["delta_high"]) for r in rows] == sorted(
        (abs(r["delta_low"]) + abs(r["delta_high"]) for r in rows), reverse=True)
    for r in rows[:3]:
        for sign, key in ((-1, "objective_low"), (1, "objective_high")):
            ms = tuple(m.with_rate(min(1.0, m.integration_rate * (1 + sign * 0.1)))
                       if m.uncertainty_group == r["group"] else m for m in case.measures)
            assert r[key] == pytest.approx(optimize(replace(case, measures=ms)).objective, rel=1e-7)


def test_ranging_translates_highs_minimisation_into_rates(case, nominal, model, constant):
    rg = ranging(case, model, nominal, constant)
    for r in rg["rates"].values():
        if r["low"] is not None:
            assert r["low"] <= r["rate"] + 1e-9
        if r["high"] is not None:
            assert r["high"] >= r["rate"] - 1e-9
        assert r["state"] in ("at upper bound", "unfunded", "at lower bound", "between bounds")
    assert set(rg["rhs"]) == set(model.built.constraint_names)


def test_the_report_has_the_json_contract_keys(report):
    d = report.to_dict()
    for key in ("shadow_prices", "reduced_costs", "ranging", "frontier", "monte_carlo"):
        assert key in d
    assert all({"budget", "objective"} <= set(p) for p in d["frontier"])
    assert {"p5", "p50", "p95", "funding_probability"} <= set(d["monte_carlo"])
    assert d["shadow_prices"][BUDGET] > 0
    assert set(d["reduced_costs"]) == {m.id for m in report.result.measures if m.reduced_cost is not None}


def test_the_robust_plan_is_feasible_and_has_the_best_tail(case, report):
    mc = report.monte_carlo
    plan = dict(zip(mc.ids, mc.robust_x, strict=True))
    assert check_allocation(case, plan, tol=1e-6) == []
    rob, nom = mc.robust.summary(mc.alpha), mc.nominal.summary(mc.alpha)
    assert rob["cvar"] >= nom["cvar"] - 1e-6      # optimal for exactly this criterion on these draws
    assert mc.optimum.integrations.mean() >= mc.nominal.integrations.mean() - 1e-6   # hindsight is never worse


def _band_error(values, q: float) -> float:
    """The Monte Carlo error of the q-th percentile written out from the headline's rule: the ranks
    q·(n−1) ± 3·√(n·q·(1−q)) of the sorted draws, how far they reach from numpy's percentile."""
    v = np.sort(values)
    n, p = len(v), q / 100
    at, spread = p * (n - 1), 3.0 * np.sqrt(n * p * (1 - p))
    lo, hi = max(0, int(np.floor(at - spread))), min(n - 1, int(np.ceil(at + spread)))
    est = np.percentile(v, q)
    return max(est - v[lo], v[hi] - est)


def test_each_quantiles_monte_carlo_error_is_the_headlines_rule_on_the_draws(report):
    mc, d = report.monte_carlo, report.monte_carlo_dict()
    for outcome, shown in ((mc.optimum, d), (mc.nominal, d["nominal_plan"]), (mc.robust, d["robust"])):
        for q in (5, 50, 95):
            assert shown["mc_error"][f"p{q}"] == pytest.approx(_band_error(outcome.integrations, q), abs=1e-9)
    every = [e for s in (d, d["nominal_plan"], d["robust"]) for e in s["mc_error"].values()]
    assert d["quantile_error"] == max(every) > 0
    # the plans' per-draw differences by the same rule (P5, P50, P95, 3 standard errors of the mean)
    pairs = [(mc.optimum, mc.nominal), (mc.optimum, mc.robust), (mc.nominal, mc.robust)]
    diffs = [a.integrations - b.integrations for a, b in pairs if len(a.integrations) == len(b.integrations)]
    expect = max(max(max(_band_error(x, q) for q in (5, 50, 95)), 3 * x.std(ddof=1) / np.sqrt(len(x)))
                 for x in diffs)
    assert d["paired_difference_error"] == pytest.approx(expect, abs=1e-9)
    # the report's claim: scored on the same draws, the plans' differences are known more precisely
    assert d["paired_difference_error"] < d["quantile_error"]
