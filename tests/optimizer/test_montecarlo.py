"""Monte Carlo: reproducible by seed, the same for every --jobs, draws inside their ranges."""
from __future__ import annotations

import numpy as np
import pytest

from amip.optimizer.montecarlo import outcomes, run_monte_carlo
from amip.optimizer.sensitivity import Settings, frontier
from amip.optimizer.warm import WarmModel


@pytest.fixture(scope="module")
def model(case):
    return WarmModel(case)


def test_a_fixed_seed_makes_the_monte_carlo_reproducible(case, model):
    a = run_monte_carlo(case, draws=80, seed=11, model=model)
    b = run_monte_carlo(case, draws=80, seed=11, model=WarmModel(case))
    c = run_monte_carlo(case, draws=80, seed=12, model=model)
    assert np.array_equal(a.rates, b.rates) and np.array_equal(a.x, b.x)
    assert a.optimum.summary(0.05) == b.optimum.summary(0.05)
    assert a.funding_probability() == b.funding_probability()
    assert not np.array_equal(a.rates, c.rates)


def test_two_jobs_give_the_same_result_as_one(case, model):
    one = run_monte_carlo(case, draws=120, seed=3, jobs=1, model=model)
    two = run_monte_carlo(case, draws=120, seed=3, jobs=2, model=model)
    assert np.array_equal(one.x, two.x)
    assert np.array_equal(one.optimum.integrations, two.optimum.integrations)
    assert one.funding_probability() == two.funding_probability()
    s = Settings(points=120)
    f1 = frontier(case, s, model=model)
    f2 = frontier(case, Settings(points=120, jobs=2), model=model)
    assert np.array_equal(f1.objective, f2.objective) and np.array_equal(f1.x, f2.x)
    assert f1.breakpoints == f2.breakpoints


def test_per_draw_optima_match_a_rebuilt_model(case, model):
    """Draw 0's rates put into the case and optimised from scratch give the same optimum."""
    from dataclasses import replace

    from amip.optimizer import optimize

    mc = run_monte_carlo(case, draws=5, seed=5, model=model)
    for k in (0, 4):
        ms = tuple(m.with_rate(float(mc.rates[k, j])) for j, m in enumerate(case.measures))
        assert mc.optimum.objective[k] == pytest.approx(optimize(replace(case, measures=ms)).objective, rel=1e-7)


def test_funding_probabilities_are_probabilities_and_forced_measures_are_always_funded(case, model):
    mc = run_monte_carlo(case, draws=60, seed=1, model=model)
    p = mc.funding_probability()
    assert set(p) == set(model.ids)
    assert all(0.0 <= v <= 1.0 for v in p.values())
    for mid in model.ids:
        if case.measure(mid).lower_entries > 0:
            assert p[mid] == 1.0


def test_outcomes_of_a_fixed_plan_are_rates_times_entries(case, model):
    rates = np.array([[m.integration_rate for m in case.measures]])
    x = np.array([[0.0] * len(model.ids)])
    out = outcomes(case, rates, model.ids, x)
    assert out.integrations[0] == pytest.approx(sum(m.integration_rate * m.fixed_entries for m in case.measures))


def test_the_robust_plan_reaches_the_cvar_optimum_of_an_independent_lp(case, model):
    """The CVaR LP added to the warm model as one block (WarmModel.cvar_plan) against the same LP
    written from the data for scipy's linprog; the warm model is left at another budget and other
    rates first, as a sweep leaves it."""
    from tests.conftest import scipy_cvar_optimum

    model.solve_at(0.8 * case.budget.neufallbudget_eur, model.costs0 * 0 + 0.2)
    mc = run_monte_carlo(case, draws=160, seed=4, model=model)
    k = 8                                  # α × draws: the LP's CVaR is then the mean of the worst k
    cvar = np.sort(outcomes(case, mc.rates, mc.ids, mc.robust_x[None, :]).objective)[:k].mean()
    assert cvar == pytest.approx(scipy_cvar_optimum(case, mc.rates, mc.alpha), rel=1e-7)


def test_the_robust_plan_without_shared_rates_reaches_the_cvar_optimum(case, model):
    """Rates that differ for every measure in every draw: the CVaR rows carry one term per measure
    (no sum columns of measures that share their rates)."""
    from amip.optimizer.montecarlo import robust_plan
    from tests.conftest import scipy_cvar_optimum

    rates = np.random.default_rng(9).uniform(0.05, 0.6, size=(60, len(case.measures)))
    plan = robust_plan(case, rates, 0.05, model)
    x = np.array([[plan[mid] for mid in model.ids]])
    cvar = np.sort(outcomes(case, rates, model.ids, x).objective)[:3].mean()
    assert cvar == pytest.approx(scipy_cvar_optimum(case, rates, 0.05), rel=1e-7)
