"""--integer without the MILP when the rounded LP plan proves itself optimal within the MILP's gap:
the plan keeps every limit (checker), and its objective is the whole-places optimum of a second path
(scipy.optimize.milp on a model written from the data) within that gap."""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from amip.models.check import check_allocation
from amip.optimizer import optimize
from amip.optimizer.highs import MIP_GAP_REL
from amip.scenarios import load_scenario
from tests.conftest import scipy_planning_optimum

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import synthetic  # noqa: E402


def whole(case):
    return replace(case, planning=replace(case.planning, features=("integer",)))


@pytest.fixture(scope="module")
def table_case(tmp_path_factory):
    path = tmp_path_factory.mktemp("syn") / "syn.csv"
    # 1.200 rows: a table whose greedy rounding lands within the MILP's gap of the LP bound (whether it
    # does depends on the table: with the 74-row catalogue of issue 24, 1.000 rows miss it by 1,5e-6)
    budget = synthetic.write(1200, path)
    return whole(load_scenario(None, measures=path, budget_eur=budget))


@pytest.mark.slow   # ~25 s: measured with --durations
def test_a_rounded_plan_within_the_gap_is_the_answer_and_is_optimal(table_case):
    r = optimize(table_case)
    rep = r.modes.integer
    assert rep.solved_by == "rounding"
    assert not check_allocation(table_case, r.new_entries) and all(float(v).is_integer()
                                                                   for v in r.new_entries.values())
    best = scipy_planning_optimum(table_case, integer=True)
    assert r.objective <= best + 1e-6 * abs(best)                       # no whole-places plan beats the optimum
    assert best - r.objective <= MIP_GAP_REL * abs(best) + 1e-9         # and this one is optimal within the gap
    assert rep.objective <= rep.lp_bound and rep.dual_bound == rep.lp_bound
    assert rep.mip_gap <= MIP_GAP_REL


def test_the_milp_still_runs_when_rounding_falls_short_or_commitments_need_their_price():
    base = load_scenario()
    r = optimize(whole(base))   # Duisburg: the seed's commitments are priced by re-solving the MILP
    assert r.modes.integer.solved_by == "milp"
    off = optimize(whole(replace(base, policy=base.policy.off("test"))))
    rep = off.modes.integer
    # the class sizes of Duisburg keep the rounded plan more than the gap below the LP bound: no proof
    # without the MILP (which may or may not find a better whole-places plan)
    assert rep.solved_by == "milp" and rep.rounded_lp.objective <= rep.objective + 1e-9
    assert rep.lp_bound - rep.rounded_lp.objective > MIP_GAP_REL * abs(rep.rounded_lp.objective)
    assert abs(off.objective - scipy_planning_optimum(whole(replace(base, policy=base.policy.off("test"))),
                                                      integer=True)) <= 1e-6 * abs(off.objective)


def test_a_rounded_plan_that_overshoots_a_limit_within_the_greedy_slack_is_no_proof(table_case):
    # the greedy fills up to 1e-6 × the budget (here ~470 €): such a plan scores above the LP bound
    over = replace(table_case, budget=table_case.budget.with_neufallbudget(table_case.budget.neufallbudget_eur + 1455,
                                                                        "test"))
    r = optimize(over)
    assert r.budget_used <= r.budget_limit + 1e-9 * r.budget_limit
    assert r.objective <= r.modes.integer.lp_bound + 1e-9 * r.objective
    assert not check_allocation(over, r.new_entries, tol=1e-9)


def test_an_infeasible_whole_places_model_keeps_its_diagnosis():
    from amip.errors import InfeasibleError

    base = load_scenario()
    case = whole(replace(base, policy=base.policy.off("test"),
                         fields=(replace(base.fields[0], min_entries=1e7),) + base.fields[1:]))
    with pytest.raises(InfeasibleError) as e:
        optimize(case)
    assert any(c.startswith("field_min__") for c in e.value.conflicts)


def test_a_measure_without_a_whole_number_in_its_bounds_is_infeasible_not_a_rounding_error():
    from amip.errors import InfeasibleError

    base = load_scenario()
    m = next(m for m in base.measures if m.budget_basis.has_new_entries and not base.planning.of(m.id).in_lots)
    i = base.measures.index(m)
    odd = m.evolve(lower_entries=2.4, upper_entries=2.6)
    case = whole(replace(base, policy=base.policy.off("test"),
                         measures=base.measures[:i] + (odd,) + base.measures[i + 1:]))
    with pytest.raises(InfeasibleError):
        optimize(case)
