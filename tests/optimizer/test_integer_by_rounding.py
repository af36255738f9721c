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
from amip.optimizer.solve import MIP_GAP_REL
from amip.scenarios import load_scenario
from tests.conftest import scipy_planning_optimum

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import synthetic  # noqa: E402


def whole(case):
    return replace(case, planning=replace(case.planning, features=("integer",)))


@pytest.fixture(scope="module")
def table_case(tmp_path_factory):
    path = tmp_path_factory.mktemp("syn") / "syn.csv"
    budget = synthetic.write(1000, path)
    return whole(load_scenario(None, measures=path, budget_eur=budget))


def test_a_rounded_plan_within_the_gap_is_the_answer_and_is_optimal(table_case):
    r = optimize(table_case)
    rep = r.extras["integer"]
    assert rep["solved_by"] == "rounding"
    assert not check_allocation(table_case, r.new_entries) and all(float(v).is_integer() for v in r.new_entries.values())
    best = scipy_planning_optimum(table_case, integer=True)
    assert r.objective <= best + 1e-6 * abs(best)                       # no whole-places plan beats the optimum
    assert best - r.objective <= MIP_GAP_REL * abs(best) + 1e-9         # and this one is optimal within the gap
    assert rep["objective"] <= rep["lp_bound"] and rep["dual_bound"] == rep["lp_bound"]
    assert rep["mip_gap"] <= MIP_GAP_REL


def test_the_milp_still_runs_when_rounding_falls_short_or_commitments_need_their_price():
    base = load_scenario()
    r = optimize(whole(base))   # Duisburg: the seed's commitments are priced by re-solving the MILP
    assert r.extras["integer"]["solved_by"] == "milp"
    off = optimize(whole(replace(base, policy=base.policy.off("test"))))
    rep = off.extras["integer"]
    # the class sizes of Duisburg keep the rounded plan more than the gap below the LP bound
    assert rep["solved_by"] == "milp" and rep["rounded_lp"]["objective"] < rep["objective"]
    assert abs(off.objective - scipy_planning_optimum(whole(replace(base, policy=base.policy.off("test"))),
                                                      integer=True)) <= 1e-6 * abs(off.objective)
