"""Issue 7 on the Duisburg case: every planning feature against the independent checker and against a
second solver path (scipy.optimize.milp on a model written from the input data alone)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from amip.errors import InfeasibleError, InputError
from amip.inputs.assemble import load_scenario
from amip.models.check import check_allocation, classes_for, commitments_eur, score_plan
from amip.models.objective import Goal, Objective
from amip.optimizer import optimize
from amip.optimizer.targets import discrete_allocation, tradeoff
from tests.conftest import scipy_planning_optimum


@pytest.fixture(scope="module")
def base():
    return load_scenario()


def using(case, *features):
    return replace(case, planning=replace(case.planning, features=tuple(features)))


@pytest.fixture(scope="module")
def milp(base):
    return optimize(using(base, "integer"))


# --------------------------------------------------------------------------- whole places and classes
def test_integer_plan_splits_into_whole_classes(base, milp):
    case = using(base, "integer")
    assert not check_allocation(case, milp.new_entries)
    lots = [m for m in case.measures if case.planning.of(m.id).in_lots and m.budget_basis.has_new_entries]
    assert len(lots) >= 25
    for m in lots:
        mp = case.planning.of(m.id)
        x = milp.new_entries[m.id]
        assert x == int(x)
        k = classes_for(x, mp.lot_size, mp.class_min)
        assert k is not None, f"{m.id}: {x} places do not split into classes of {mp.class_min}-{mp.lot_size}"
    reported = {lot.measure: lot for lot in milp.modes.integer.lots}
    for lot in reported.values():
        assert lot.class_min * lot.classes <= lot.new_entries <= lot.lot_size * lot.classes
    assert all(float(v).is_integer() for v in milp.new_entries.values())


def test_lp_bound_is_at_least_the_milp_optimum(base, milp):
    i = milp.modes.integer
    assert i.lp_bound >= i.objective - 1e-9
    assert i.lp_bound == pytest.approx(optimize(base).objective, rel=1e-12)
    assert i.dual_bound >= i.objective - 1e-6
    assert i.mip_gap <= 1e-6
    # the rounded LP plan is feasible and cannot beat the MILP
    r = i.rounded_lp
    assert not r.violations
    assert r.objective <= i.objective + 1e-9
    assert milp.objective == pytest.approx(score_plan(using(base, "integer"), milp.new_entries).objective, rel=1e-9)


def test_milp_equals_scipy_milp(base, milp):
    assert milp.objective == pytest.approx(scipy_planning_optimum(using(base, "integer")), rel=1e-6)


def test_milp_equals_cbc(base, milp):
    """A second MILP solver on the same model: the CBC bundled with PuLP (a cross-check only)."""
    import warnings

    import pulp

    from amip.optimizer.build import build_model

    built = build_model(using(base, "integer"))
    with warnings.catch_warnings():   # PuLP 3.3 announces that its bundled CBC goes in PuLP 4: known, a cross-check
        warnings.simplefilter("ignore", DeprecationWarning)
        cbc = pulp.PULP_CBC_CMD(msg=False, gapRel=1e-9)
    assert cbc.available(), "PuLP 3.3 (setup.cfg pins <3.4) bundles CBC; this cross-check needs it"
    assert built.prob.solve(cbc) == pulp.LpStatusOptimal
    assert pulp.value(built.prob.objective) == pytest.approx(milp.objective, rel=1e-7)


def test_discrete_allocation_rounds_within_the_budget(base):
    case = using(base, "integer")
    lp = optimize(base)
    plan = discrete_allocation(case, lp.new_entries)
    assert not check_allocation(case, plan)
    assert score_plan(case, plan).spend_eur <= case.budget.neufallbudget_eur + 1e-6
    # every measure lies within one class step of its LP value or was filled up greedily
    assert score_plan(case, plan).objective <= lp.objective + 1e-9


def test_lots_bind_on_a_small_budget(base):
    # With 60 % of the budget few classes fit: the MILP loses more against its LP bound.
    # 60 % of the budget cannot keep the seed's commitments: they are switched off here
    case = using(replace(base, budget=base.budget.with_neufallbudget(0.6 * base.budget.neufallbudget_eur, "test"),
                         policy=base.policy.off("test")), "integer")
    r = optimize(case)
    assert not check_allocation(case, r.new_entries)
    assert r.modes.integer.lp_bound >= r.objective - 1e-9
    assert r.objective == pytest.approx(scipy_planning_optimum(case), rel=1e-6)


# --------------------------------------------------------------------------- diminishing returns
def test_returns_lower_the_optimum_and_match_scipy(base):
    case = using(base, "returns")
    r = optimize(case)
    assert r.objective < optimize(base).objective
    assert r.objective == pytest.approx(score_plan(case, r.new_entries).objective, rel=1e-9)
    assert r.objective == pytest.approx(scipy_planning_optimum(case), rel=1e-7)
    assert not r.violations


def test_returns_make_the_marginal_yield_fall(base):
    case = using(base, "returns")
    m = case.measure("hf1-avgs-mag")
    planned = m.planned_total_entries
    plan = {m.id: 0.0}
    step = []
    for x in (0.5 * planned, 1.2 * planned, 1.7 * planned):
        a = score_plan(case, dict(plan, **{m.id: x})).integrations
        b = score_plan(case, dict(plan, **{m.id: x + 1})).integrations
        step.append(b - a)
    assert step[0] == pytest.approx(m.integration_rate)
    assert step[1] == pytest.approx(0.9 * m.integration_rate)
    assert step[2] == pytest.approx(0.75 * m.integration_rate)


# --------------------------------------------------------------------------- commitments
def test_commitments_are_reported_and_limited():
    capped = load_scenario("commitments-capped")
    r = optimize(capped)
    years = r.commitments["years"]
    assert years["2021"] <= 16_000_000 + 1e-3 and years["2022"] <= 1_000_000 + 1e-3
    assert not r.violations
    assert r.objective == pytest.approx(scipy_planning_optimum(capped), rel=1e-7)
    free = load_scenario()   # the capped scenario switches the commitments off (they need more VE money)
    base = optimize(replace(free, policy=free.policy.off("test")))
    assert base.commitments["years"]["2021"] > 16_000_000   # the limit binds …
    assert r.objective < base.objective                       # … and costs integrations
    # the reported money equals Σ money per entry × new entries, computed here again
    again = sum(capped.commitment_per_entry_eur(capped.measure(mid))[0] * x for mid, x in r.new_entries.items())
    assert years["2021"] == pytest.approx(again)
    assert commitments_eur(capped, r.new_entries)["years"] == years


# --------------------------------------------------------------------------- goal mode
def test_goal_gives_the_least_money_and_its_marginal_cost(base):
    n = 4400.0   # 4.500 need more money of 2021 than its limit allows (issue 26)
    g = optimize(base, goal=Goal("integrations", n))
    cost = g.modes.goal.cost_eur
    assert g.modes.goal.reached == pytest.approx(n)
    # duality: with exactly that money, the maximum is n integrations
    at = replace(base, budget=base.budget.with_neufallbudget(cost, "test"))
    assert optimize(at).objective == pytest.approx(n, rel=1e-9)
    # marginal cost = finite difference of two goals
    marginal = g.modes.goal.marginal_cost_eur
    up = optimize(base, goal=Goal("integrations", n + 1)).modes.goal.cost_eur
    assert marginal == pytest.approx(up - cost, rel=1e-6)
    assert marginal > 0


def test_goal_for_other_targets_and_unreachable_goals(base):
    g = optimize(base, goal=Goal("lzb", 1000))
    assert g.targets["lzb"]["value"] == pytest.approx(1000)
    assert g.modes.goal.fits_budget
    with pytest.raises(InfeasibleError):
        optimize(base, goal=Goal("integrations", 1e6))


# --------------------------------------------------------------------------- several targets
def test_weighted_and_lexicographic_targets(base):
    plain = optimize(base)
    lzb = optimize(base, objective=Objective.parse("lzb"))
    assert lzb.targets["lzb"]["value"] >= plain.targets["lzb"]["value"] - 1e-9
    assert lzb.objective == pytest.approx(lzb.targets["lzb"]["value"])
    lex = optimize(base, objective=Objective.parse("integrations>lzb", 0.01))
    stages = lex.modes.lexicographic
    assert stages[0].optimum == pytest.approx(plain.objective)
    assert lex.targets["integrations"]["value"] >= 0.99 * plain.objective - 1e-6
    assert lex.targets["lzb"]["value"] >= plain.targets["lzb"]["value"] - 1e-6
    w = optimize(base, objective=Objective.parse("integrations=1,llu=0.0001"))
    assert w.objective == pytest.approx(w.targets["integrations"]["value"] + 1e-4 * w.targets["llu"]["value"])


def test_tradeoff_frontier_is_monotone_and_ends_at_both_optima(base):
    pts = tradeoff(base, "integrations", "lzb", points=6)
    assert pts[-1].a == pytest.approx(optimize(base).objective, rel=1e-9)
    assert pts[0].b == pytest.approx(optimize(base, objective=Objective.parse("lzb")).objective, rel=1e-9)
    for p, q in zip(pts, pts[1:], strict=False):
        assert q.a >= p.a - 1e-6 and q.b <= p.b + 1e-6
    # concave: the exchange rate gets worse along the frontier
    slopes = [(q.b - p.b) / (q.a - p.a) for p, q in zip(pts, pts[1:], strict=False) if q.a - p.a > 1e-6]
    assert all(s2 <= s1 + 1e-6 for s1, s2 in zip(slopes, slopes[1:], strict=False))
    with pytest.raises(InputError):
        tradeoff(using(base, "integer"), "integrations", "lzb")


# --------------------------------------------------------------------------- target groups and staff
def test_group_shares_hold_and_match_scipy(base):
    case = using(base, "groups")
    r = optimize(case)
    for lim in case.planning.group_limits:
        assert r.groups[lim.group]["share"] >= lim.min_share - 1e-9
        assert r.groups[lim.group]["limit_active"]
    assert not r.violations
    assert r.objective == pytest.approx(scipy_planning_optimum(case), rel=1e-7)
    assert r.objective < optimize(base).objective


def test_womens_share_of_elb_is_out_of_reach_and_named(base):
    from amip.models.planning import GroupLimit

    case = using(replace(base, planning=replace(base.planning, group_limits=(GroupLimit("women", 0.5, "test"),))),
                 "groups")
    with pytest.raises(InfeasibleError) as e:
        optimize(case)
    assert "group__women" in e.value.conflicts


def test_staff_capacity_is_soft_with_its_penalty(base):
    case = using(base, "staff")
    r = optimize(case)
    assert not r.violations                      # soft: over capacity is paid for, not violated
    penalty = sum(s["penalty"] * s["over"] for s in r.staff)
    assert penalty > 0 and all(s["binding"] for s in r.staff)
    assert r.objective == pytest.approx(r.integrations - penalty, rel=1e-9)
    assert r.objective == pytest.approx(scipy_planning_optimum(case), rel=1e-7)
    with pytest.raises(InputError, match="staff"):
        optimize(case, goal=Goal("integrations", 4000))


@pytest.mark.slow   # ~25 s: measured with --durations
def test_all_features_together_match_scipy(base):
    case = using(base, "integer", "returns", "groups", "staff")
    r = optimize(case)
    assert not check_allocation(case, r.new_entries)
    assert r.objective == pytest.approx(scipy_planning_optimum(case), rel=1e-6)
    assert r.modes.integer.lp_bound >= r.objective - 1e-9
