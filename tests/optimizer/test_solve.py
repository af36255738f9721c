"""The LP against the independent checker, scipy's HiGHS and finite differences."""
from dataclasses import replace

import pytest

from amip.errors import InfeasibleError
from amip.inputs.loader import load_case
from amip.models import check_allocation, score_plan
from amip.optimizer import Status, build_model, evaluate, optimize
from tests.conftest import scipy_optimum, seed_plan


@pytest.fixture(scope="module")
def result(case):
    return optimize(case)


def test_optimum_satisfies_every_constraint_checked_from_the_data(case, result):
    assert result.status is Status.OPTIMAL
    assert check_allocation(case, result.new_entries) == []
    assert result.violations == ()


def test_objective_matches_the_independent_score(case, result):
    assert result.objective == pytest.approx(score_plan(case, result.new_entries).integrations, rel=1e-9)


def test_objective_matches_scipy_highs(case, result):
    assert result.objective == pytest.approx(scipy_optimum(case), rel=1e-6)


@pytest.mark.parametrize("budget", [20_000_000, 30_000_000, 45_000_000])
def test_objective_matches_scipy_at_other_budgets(case, budget):
    c = replace(case, budget=case.budget.with_neufallbudget(budget, "test"))
    assert optimize(c).objective == pytest.approx(scipy_optimum(c), rel=1e-6)


def test_optimum_beats_the_seed_plan_given_the_seed_plans_money(case):
    # The seed plan overspends by ~1.637 €; at that budget it is feasible, so the optimum must be ≥ it.
    plan = score_plan(case, seed_plan(case))
    c = replace(case, budget=case.budget.with_neufallbudget(plan.spend_eur + 1, "test"))
    assert optimize(c).objective >= plan.integrations - 1e-9


def test_budget_dual_sign_and_size_match_a_finite_difference(case, result):
    """Pins the PuLP/HiGHS dual sign flip on maximisation (solver-notes)."""
    dual = next(c.dual for c in result.constraints if c.name == "budget__neufall")
    step = 10_000.0
    up = optimize(replace(case, budget=case.budget.with_neufallbudget(case.budget.neufallbudget_eur + step, "t")))
    down = optimize(replace(case, budget=case.budget.with_neufallbudget(case.budget.neufallbudget_eur - step, "t")))
    fd_up, fd_down = (up.objective - result.objective) / step, (result.objective - down.objective) / step
    assert dual > 0
    assert fd_up - 1e-12 <= dual <= fd_down + 1e-12   # a valid dual lies between the one-sided slopes


def test_reduced_costs_have_the_right_sign(result):
    for m in result.measures:
        if m.reduced_cost is None or abs(m.reduced_cost) < 1e-9:
            continue
        if m.reduced_cost > 0:      # more would help: must be at its upper bound
            assert m.entries == pytest.approx(m.upper), m.id
        else:                       # less would help: must be at its lower bound
            assert m.entries == pytest.approx(m.lower), m.id


def test_pat_relief_is_used_when_it_pays(case):
    # Force § 16i to its plan: the model then takes the whole PAT relief of its entries (no cap).
    m = case.measure("hf2-16i")
    ms = tuple(replace(x, lower_entries=198) if x.id == m.id else x for x in case.measures)
    r = optimize(replace(case, measures=ms))
    relief = 198 * case.pat_relief_per_entry_eur(m)
    assert relief > 0 and r.pat_relief == pytest.approx(relief)
    assert next(x for x in r.measures if x.id == m.id).cost == pytest.approx(198 * m.cost_per_entry_eur - relief)


def test_more_budget_never_lowers_the_optimum(case):
    values = [optimize(replace(case, budget=case.budget.with_neufallbudget(b, "t"))).objective
              for b in (20e6, 25e6, 30e6, 35e6, 40e6)]
    assert values == sorted(values)


def test_infeasible_names_the_conflicting_constraints(case):
    c = replace(case, budget=case.budget.with_neufallbudget(5_000_000, "test"))
    with pytest.raises(InfeasibleError) as e:
        optimize(c)
    assert "budget__neufall" in e.value.conflicts
    assert set(e.value.conflicts) <= {"budget__neufall", "field_min__hf1", "field_min__hf2", "field_min__hf3",
                                      "field_min__qa"}
    assert "Neufallbudget" in str(e.value)


def test_every_constraint_is_named_and_built_once(case):
    built = build_model(case)
    assert len(built.constraint_names) == len(set(built.constraint_names)) == len(built.prob.constraints())
    assert set(built.constraint_names) >= {"budget__neufall", "pat__per_entry",
                                           "field_min__hf1", "sgb2_16e_abs1_pool", "sgb2_16i_abs3_pool",
                                           "pool__u25"}
    assert "pat__new_cases_cap" not in built.constraint_names   # the default case sets no PAT cap


def test_2018_rules_add_the_old_20_percent_cap():
    c = load_case(year=2018)
    assert c.pat is None
    built = build_model(c)
    assert "sgb2_46_abs2_s3_af" in built.constraint_names
    r = optimize(c)
    assert check_allocation(c, r.new_entries) == []


def test_share_cap_binds_when_tight():
    c = load_case(year=2018)
    cap = replace(c.rules.share_caps[0], max_share=0.001)
    c = replace(c, rules=replace(c.rules, share_caps=(cap,)))
    # Make § 16e attractive so that the cap, not the rate, limits it.
    ms = tuple(m.with_rate(0.95) if m.instrument_type == "p16e" else m for m in c.measures)
    r = optimize(replace(c, measures=ms))
    row = next(x for x in r.constraints if x.name == cap.name)
    assert row.binding and row.lhs <= row.rhs * (1 + 1e-9)


def test_evaluate_scores_the_seed_plan(case):
    e = evaluate(case)
    assert e.status is Status.EVALUATED
    assert e.objective == pytest.approx(score_plan(case, seed_plan(case)).integrations)
    over = score_plan(case, seed_plan(case)).spend_eur - case.budget.neufallbudget_eur
    assert [v["constraint"] for v in e.violations] == (["budget__neufall"] if over > 1e-6 else [])
