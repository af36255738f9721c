"""The typed reports (amip.optimizer.reports): each mode's record on a real solve, and the JSON keys
they give (the contract of ../shared/contract: unchanged since they were dicts)."""
from __future__ import annotations

from dataclasses import FrozenInstanceError, replace

import pytest

from amip.models.objective import Goal, Objective
from amip.optimizer import optimize
from amip.optimizer.reports import GoalReport, IntegerReport, LexStage, Optimum, PolicyPrices, RunReport
from amip.scenarios import load_scenario


@pytest.fixture(scope="module")
def case():
    """The shipped base scenario: Duisburg with its commitments."""
    return load_scenario()


def test_a_plain_optimum_has_no_mode_report(case):
    r = optimize(case)
    assert r.modes.to_dict() == {} and not {"goal", "integer", "lexicographic", "objective_spec"} & set(r.to_dict())


def test_goal_mode_reports_a_typed_record_with_the_old_keys(case):
    target = round(0.95 * optimize(case).objective)   # within reach of the budget (no pinned optimum)
    r = optimize(case, goal=Goal("integrations", target))
    g = r.modes.goal
    assert (isinstance(g, GoalReport) and g.reached == pytest.approx(target) and g.fits_budget
            and g.marginal_cost_eur > 0)
    assert r.to_dict()["goal"] == g.to_dict()
    assert list(g.to_dict()) == ["target", "minimum", "unit", "reached", "cost_eur", "neufallbudget_eur",
                                 "fits_budget", "marginal_cost_eur"]
    with pytest.raises(FrozenInstanceError):
        g.cost_eur = 0.0


def test_whole_places_report_their_lots_and_bound(case):
    whole = replace(case, planning=replace(case.planning, features=case.planning.switched_on({"integer"})))
    r = optimize(whole)
    i = r.modes.integer
    assert isinstance(i, IntegerReport) and i.objective == pytest.approx(r.objective) and i.lp_bound >= r.objective
    d = r.to_dict()["integer"]
    assert list(d) == ["objective", "lp_bound", "mip_gap", "dual_bound", "gap_to_lp", "gap_to_lp_pct",
                       "lp_new_entries", "rounded_lp", "lots", "solved_by"]
    assert [lot["measure"] for lot in d["lots"]] == [lot.measure for lot in i.lots]
    assert d["rounded_lp"] is None or d["rounded_lp"]["violations"] == list(i.rounded_lp.violations)


def test_lexicographic_stages_keep_each_floor(case):
    r = optimize(case, objective=Objective.parse("integrations>lzb", 0.01))
    stages = r.modes.lexicographic
    assert [s.target for s in stages] == ["integrations", "lzb"] and all(isinstance(s, LexStage) for s in stages)
    assert stages[0].achieved >= stages[0].kept_at_least - 1e-6
    assert r.to_dict()["lexicographic"] == [s.to_dict() for s in stages]
    assert r.to_dict()["objective_spec"]["lexicographic"] == ["integrations", "lzb"]


def test_policy_prices_are_records_and_the_total_is_the_optimum_without_them(case):
    from amip.optimizer.build import build_model
    from amip.optimizer.highs import solve_problem
    from amip.optimizer.policy import price_policy

    built = build_model(case)
    solve_problem(built.prob)
    prices = price_policy(case, built)
    assert isinstance(prices, PolicyPrices) and prices.total is not None
    off = optimize(replace(case, policy=case.policy.off("test")))
    with_all = optimize(case)
    assert prices.total.objective_without == pytest.approx(off.objective, rel=1e-9)
    assert prices.total.price_integrations == pytest.approx(off.objective - with_all.objective, abs=1e-6)
    assert prices.of("no such commitment").price_integrations is None


def test_the_run_report_gives_only_what_it_holds():
    assert RunReport().to_dict() == {}
    assert RunReport(optimum=Optimum(infeasible_message="kein Plan")).to_dict() == {
        "optimum": {"status": "infeasible", "message": "kein Plan"}}
    d = RunReport(headline={"p5": 1.0}, optimum=Optimum(objective=2.0, gain=1.0, gain_pct=100.0,
                                                        budget_used=3.0)).to_dict()
    assert d == {"headline": {"p5": 1.0}, "optimum": {"objective": 2.0, "gain": 1.0, "gain_pct": 100.0,
                                                      "budget_used": 3.0}}
