"""The shipped scenario library: every file solves, is sourced, and behaves as its evidence says."""
import random

import pytest

from amip.models import check_allocation
from amip.optimizer import optimize
from amip.scenarios import list_scenarios, load_scenario, resolve
from amip.scenarios.loader import settings_of
from tests.conftest import scipy_planning_optimum, write_scenario

SHIPPED = list_scenarios()


@pytest.fixture(scope="module")
def optimum():
    cache = {}

    def get(name):
        if name not in cache:
            cache[name] = optimize(load_scenario(name))
        return cache[name]
    return get


def test_the_library_has_the_required_scenarios():
    assert {"base", "downturn-mild", "downturn-severe", "budget-cut-10", "pat-expansion"} <= set(SHIPPED)


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_scenario_solves_and_is_verified_independently(name, optimum):
    case = load_scenario(name)
    r = optimum(name)
    assert r.is_optimal and r.scenario == name
    new = {m.id: m.new_entries for m in r.measures}
    assert check_allocation(case, new) == []
    assert r.objective == pytest.approx(scipy_planning_optimum(case), rel=1e-7)   # incl. commitment limits


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_setting_names_its_source(name):
    for s in settings_of(resolve(name)):
        if s["key"] in ("year", "case", "measures", "rate_table"):
            continue
        assert s["source"], f"{name}: {s['key']} has no source"


@pytest.mark.parametrize("name,factors", [
    ("downturn-mild", {0.88, 0.90, 0.95}),
    ("downturn-severe", {0.75, 0.77, 0.80, 0.90}),
])
def test_downturn_factors_are_the_table_values_applied_once(name, factors, case):
    """Each rate gets exactly one factor of domain.md §3.2 (selectors must not compound by accident),
    and a changed rate stays marked as an estimate."""
    c = load_scenario(name)
    for m in case.measures:
        new = c.measure(m.id)
        if m.integration_rate == 0 or m.budget_basis.value == "prior_year":
            continue
        ratio = new.integration_rate / m.integration_rate
        assert any(abs(ratio - f) < 1e-9 for f in factors), (m.id, ratio)
        assert new.rate_is_estimate


def test_budget_cuts_never_raise_the_optimum(optimum):
    assert optimum("budget-cut-10").objective <= optimum("base").objective + 1e-6
    assert optimum("egt-cut-10").objective <= optimum("budget-cut-10").objective + 1e-6
    assert optimum("downturn-severe-egt-cut").objective <= optimum("downturn-severe").objective + 1e-6


@pytest.mark.parametrize("pct", [-40, -25, -10, -1])
def test_a_deeper_cut_never_raises_the_optimum(tmp_path, pct, optimum):
    # without the commitments: a deep cut cannot keep them (the seed's promises need money)
    off = "policy: {active: false}\n"
    cut = optimize(load_scenario(write_scenario(tmp_path, "c.yaml", f"name: c\nbudget: {{change_pct: {pct}}}\n{off}")))
    deeper = optimize(load_scenario(write_scenario(tmp_path, "d.yaml",
                                                   f"name: d\nbudget: {{change_pct: {pct - 5}}}\n{off}")))
    free = optimize(load_scenario(write_scenario(tmp_path, "f.yaml", f"name: f\n{off}")))
    assert deeper.objective <= cut.objective + 1e-6 <= free.objective + 2e-6


@pytest.mark.parametrize("seed", range(5))
def test_lower_rates_at_equal_budget_never_raise_integrations(tmp_path, seed, case, optimum):
    rng = random.Random(seed)
    types = sorted({m.instrument_type for m in case.measures})
    lines = "\n".join(f"    {t}: {{multiplier: {rng.uniform(0.5, 1.0):.4f}, source: test}}" for t in types)
    r = optimize(load_scenario(write_scenario(tmp_path, "r.yaml", f"name: r\nrates:\n  instrument_type:\n{lines}\n")))
    assert r.budget_limit == optimum("base").budget_limit
    assert r.objective <= optimum("base").objective + 1e-6


def test_a_uniform_rate_factor_scales_the_optimum_exactly(tmp_path, optimum):
    r = optimize(load_scenario(write_scenario(tmp_path, "u.yaml", "name: u\nrates: {all: {multiplier: 0.8}}\n")))
    assert r.objective == pytest.approx(0.8 * optimum("base").objective, rel=1e-9)


def test_pat_expansion_never_lowers_the_optimum(optimum):
    """More relief per § 16i entry and a higher cap only enlarge the feasible set."""
    assert optimum("pat-expansion").objective >= optimum("base").objective - 1e-6


def test_shipped_ordering_base_mild_severe(optimum):
    """Not a theorem (the downturns also enlarge pools), but what the evidence must give for Duisburg."""
    assert optimum("base").objective > optimum("downturn-mild").objective > optimum("downturn-severe").objective
