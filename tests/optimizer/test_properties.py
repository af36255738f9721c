"""Property tests over random feasible catalogues (hypothesis, derandomised so CI is repeatable)."""
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from amip.models import check_allocation
from amip.models.budget import Budget
from amip.models.case import Case, FieldOfAction, Pool
from amip.models.measure import BudgetBasis, Measure
from amip.models.pat import PAT
from amip.models.rates import RateTable
from amip.models.rules import RuleSet
from amip.optimizer import optimize
from tests.conftest import scipy_optimum

SETTINGS = settings(max_examples=40, derandomize=True, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@st.composite
def feasible_cases(draw, with_pat: bool = True):
    """A random catalogue, made feasible by construction: a reference plan x0 inside the bounds
    meets every limit (budget ≥ its gross cost, minima ≤ its entries, pools ≥ its entries)."""
    n = draw(st.integers(2, 12))
    fields = ["F1", "F2", "F3"][: draw(st.integers(1, 3))]
    measures, x0 = [], {}
    for i in range(n):
        upper = draw(st.floats(1, 500))
        lower = draw(st.sampled_from([0.0, 0.0, 0.0, upper * draw(st.floats(0, 0.5))]))
        itype = "p16i" if with_pat and draw(st.integers(0, 4)) == 0 else "mat"
        m = Measure(id=f"m{i}", field=draw(st.sampled_from(fields)), name=f"Maßnahme {i}", instrument="test",
                    instrument_type=itype, product_category="I", budget_basis=BudgetBasis.NEW,
                    cost_per_entry_eur=draw(st.floats(100, 12_000)), planned_entries=upper / 2,
                    prebought_entries=draw(st.sampled_from([0.0, 0.0, 10.0])), lower_entries=lower,
                    upper_entries=upper, integration_rate=draw(st.floats(0.01, 0.9)), rate_source="test",
                    rate_is_estimate=True, pool="p" if draw(st.booleans()) else "")
        measures.append(m)
        x0[m.id] = lower + draw(st.floats(0, 1)) * (upper - lower)
    gross = sum(m.cost_per_entry_eur * x0[m.id] for m in measures)
    budget = Budget(1e9, 0, 0, 0, 0, 0, 0).with_neufallbudget(gross * draw(st.floats(1.0, 2.0)) + 1, "test")
    entries = {f: sum(m.fixed_entries + x0[m.id] for m in measures if m.field == f) for f in fields}
    fos = tuple(FieldOfAction(f, f, min_entries=entries[f] * draw(st.floats(0, 1)), min_source="test")
                for f in fields)
    in_pool = sum(m.fixed_entries + x0[m.id] for m in measures if m.pool == "p")
    pools = {"p": Pool("p", in_pool * draw(st.floats(1, 2)) + 1, "test")}
    pat = None
    if with_pat:
        pat = PAT(rates_eur_per_month={"a": 500.0, "b": 700.0}, bg_mix={"a": 0.6, "b": 0.4},
                  months_in_year=draw(st.floats(0, 12)), new_cases_cap_eur=draw(st.floats(0, 1e6)))
    rules = RuleSet(year=2020, file="test", pat_rates_eur_per_month=pat.rates_eur_per_month if pat else None,
                    pat_instrument_types=("p16i",), pat_cap_at_subsidy=True, pat_sources={})
    return Case(name="random", title="random", year=2020, measures=tuple(measures), fields=fos, budget=budget,
                pat=pat, pools=pools, rules=rules, rates=RateTable(()))


@SETTINGS
@given(feasible_cases())
def test_optimum_satisfies_every_constraint_and_matches_scipy(case):
    r = optimize(case)
    assert check_allocation(case, r.new_entries, tol=1e-7) == []
    assert r.objective == pytest.approx(scipy_optimum(case), rel=1e-7, abs=1e-7)


@SETTINGS
@given(feasible_cases(with_pat=False), st.sampled_from([0.01, 0.5, 3.0, 1000.0]))
def test_scaling_costs_and_budget_leaves_the_allocation_unchanged(case, k):
    r = optimize(case)
    scaled = replace(case, measures=tuple(replace(m, cost_per_entry_eur=m.cost_per_entry_eur * k)
                                          for m in case.measures),
                     budget=case.budget.with_neufallbudget(case.budget.neufallbudget_eur * k, "scaled"))
    s = optimize(scaled)
    assert s.objective == pytest.approx(r.objective, rel=1e-7, abs=1e-7)
    for mid, x in r.new_entries.items():
        assert s.new_entries[mid] == pytest.approx(x, rel=1e-6, abs=1e-6), mid


@SETTINGS
@given(feasible_cases(), st.floats(1.0, 3.0))
def test_more_budget_never_lowers_the_optimum(case, factor):
    more = replace(case, budget=case.budget.with_neufallbudget(case.budget.neufallbudget_eur * factor, "more"))
    assert optimize(more).objective >= optimize(case).objective - 1e-7 * max(1.0, optimize(case).objective)


@SETTINGS
@given(feasible_cases())
def test_removing_a_non_binding_constraint_changes_nothing(case):
    r = optimize(case)
    slack = [c for c in r.constraints if not c.binding and c.kind in ("field_min", "pool")]
    for c in slack:
        if c.kind == "pool":
            relaxed = replace(case, pools={})
        else:
            fid = c.name.split("__")[1].upper()
            relaxed = replace(case, fields=tuple(replace(f, min_entries=0) if f.id == fid else f
                                                 for f in case.fields))
        assert optimize(relaxed).objective == pytest.approx(r.objective, rel=1e-7, abs=1e-7), c.name
