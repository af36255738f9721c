"""The frontier kinks walked in numpy (amip.optimizer.parametric) against HiGHS: its own walk
(sensitivity._breakpoints_highs), cold re-solves around a few kinks, PuLP rebuilds and scipy at the
kinks, on a synthetic table of ~300 measures of Duisburg's shape (benchmarks/synthetic.py)."""
from __future__ import annotations

import importlib.util
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from amip.models.check import BUDGET
from amip.optimizer import optimize
from amip.optimizer import sensitivity as S
from amip.optimizer.highs import MAX_SIGN
from amip.optimizer.parametric import WalkFailed, walk
from amip.optimizer.warm import Batch, WarmModel, run_batches
from tests.conftest import scipy_optimum

SYNTHETIC = Path(__file__).resolve().parents[2] / "benchmarks" / "synthetic.py"


@pytest.fixture(scope="module")
def syn(tmp_path_factory):
    spec = importlib.util.spec_from_file_location("synthetic", SYNTHETIC)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    table = tmp_path_factory.mktemp("syn") / "syn300.csv"
    budget = mod.write(300, table)
    from amip.scenarios import load_scenario

    return load_scenario(None, measures=table, budget_eur=budget)


@pytest.fixture(scope="module")
def model(syn):
    return WarmModel(syn)


@pytest.fixture(scope="module")
def sweep(syn, model):
    settings = S.Settings(points=41)
    b0 = syn.budget.neufallbudget_eur
    budgets = np.linspace(0.5 * b0, 1.5 * b0, settings.points)
    res = run_batches(syn, Batch(budgets=budgets), model=model)
    upper = np.array([syn.measure(mid).upper_entries for mid in model.ids])
    return budgets, res, upper


@pytest.fixture(scope="module")
def kinks(syn, model, sweep):
    """The numpy walk alone (no fallback to HiGHS's walk), and the fixed entries' part of the objective."""
    budgets, res, upper = sweep
    constant = optimize(syn).objective - model.solve_at().objective
    return S._breakpoints_numpy(model, budgets, res, upper, constant), constant


def with_budget(case, eur):
    return replace(case, budget=case.budget.with_neufallbudget(eur, "test"))


def test_the_numpy_walk_finds_the_kinks_the_highs_walk_finds(syn, model, sweep, kinks):
    budgets, res, upper = sweep
    mine, constant = kinks
    theirs = S._breakpoints_highs(model, budgets, res.budget_dual, upper, constant)
    assert len(mine) == len(theirs) > 50
    for a, b in zip(mine, theirs):
        assert a["budget"] == pytest.approx(b["budget"], rel=1e-9)
        assert a["between"] == b["between"]
        assert a["marginal_before_per_100k"] == pytest.approx(b["marginal_before_per_100k"], rel=1e-9)
        assert a["marginal_after_per_100k"] == pytest.approx(b["marginal_after_per_100k"], rel=1e-9, abs=1e-9)
        assert a["objective"] == pytest.approx(b["objective"], rel=1e-9)
        assert a["changes"] == b["changes"]


def test_kinks_and_objectives_equal_cold_re_solves(syn, kinks):
    mine, _ = kinks
    at = np.array([k["budget"] for k in mine])
    gaps = np.diff(at)
    for i in (1, len(mine) // 3, len(mine) // 2, len(mine) - 2):
        k = mine[i]
        d = min(500.0, gaps[i - 1] / 3, gaps[i] / 3)
        below, above = optimize(with_budget(syn, k["budget"] - d)), optimize(with_budget(syn, k["budget"] + d))
        dual = [next(c.dual for c in r.constraints if c.name == BUDGET) for r in (below, above)]
        assert dual[0] * 1e5 == pytest.approx(k["marginal_before_per_100k"], rel=1e-7)
        assert dual[1] * 1e5 == pytest.approx(k["marginal_after_per_100k"], rel=1e-7)
        cold = with_budget(syn, k["budget"])
        assert k["objective"] == pytest.approx(optimize(cold).objective, rel=1e-8)
        assert k["objective"] == pytest.approx(scipy_optimum(cold), rel=1e-7)
        assert k["changes"]


def test_the_frontier_is_linear_between_kinks(syn, sweep, kinks):
    """Between two neighbouring kinks the optimum is the straight line: its value at the midpoint,
    solved cold, is the mean of the kinks' objectives."""
    mine, _ = kinks
    for i in (3, len(mine) // 2):
        a, b = mine[i], mine[i + 1]
        mid = optimize(with_budget(syn, (a["budget"] + b["budget"]) / 2)).objective
        assert mid == pytest.approx((a["objective"] + b["objective"]) / 2, rel=1e-9)


def test_a_walk_that_disagrees_with_highs_fails_instead_of_reporting(syn, model, sweep):
    budgets, res, _ = sweep
    model.solve_at(float(budgets[0]))
    snap = model.snapshot()
    wrong = res.objective / MAX_SIGN
    wrong = wrong.copy()
    wrong[-1] *= 1.001
    with pytest.raises(WalkFailed):
        walk(snap, budgets, res.budget_dual / MAX_SIGN, wrong, np.ones(len(budgets) - 1, bool))


@pytest.mark.parametrize("scenario", [None, "pat-expansion", "commitments-capped", "downturn-severe-egt-cut"])
def test_shipped_scenarios_walk_in_numpy_to_the_same_kinks(case, scenario):
    """The shipped case and scenarios (pools, PAT, commitments, an EGT cut: more row kinds than the
    synthetic table) walk in numpy without falling back, to HiGHS's kinks and yields (which
    measures change at a kink may differ where two measures tie)."""
    from amip.scenarios import load_scenario

    case = case if scenario is None else load_scenario(scenario)
    model = WarmModel(case)
    b0 = case.budget.neufallbudget_eur
    budgets = np.linspace(0.5 * b0, 1.5 * b0, 101)
    res = run_batches(case, Batch(budgets=budgets), model=model)
    upper = np.array([case.measure(mid).upper_entries for mid in model.ids])
    mine = S._breakpoints_numpy(model, budgets, res, upper, 0.0)
    theirs = S._breakpoints_highs(model, budgets, res.budget_dual, upper, 0.0)
    assert len(mine) == len(theirs) > 10
    for a, b in zip(mine, theirs):
        assert a["budget"] == pytest.approx(b["budget"], rel=1e-9)
        assert a["marginal_after_per_100k"] == pytest.approx(b["marginal_after_per_100k"], rel=1e-9, abs=1e-9)
        assert a["objective"] == pytest.approx(b["objective"], rel=1e-9)
