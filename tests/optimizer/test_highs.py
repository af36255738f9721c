"""The HiGHS layer: the model passed in whole columns (``_HiGHS.buildSolverModel``) is the LP PuLP's own
highspy interface passes column by column, and its solve reads back the same values."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pulp
import pytest

from amip.inputs.assemble import load_scenario
from amip.models.objective import Goal
from amip.optimizer.build import build_model
from amip.optimizer.highs import listed_variables, solve_problem, solver_chatter_to_stderr


def _using(case, *features):
    return replace(case, planning=replace(case.planning, features=tuple(features)))


def _held(prob: pulp.LpProblem) -> dict:
    """The LP HiGHS holds, its solution and basis, and what PuLP read back."""
    h = prob.solverModel
    lp, sol = h.getLp(), h.getSolution()
    a = lp.a_matrix_
    rows = list(prob._constraints.values())
    arrays = {"cost": lp.col_cost_, "col_lower": lp.col_lower_, "col_upper": lp.col_upper_,
              "row_lower": lp.row_lower_, "row_upper": lp.row_upper_, "start": a.start_, "index": a.index_,
              "value": a.value_, "integrality": [int(v) for v in lp.integrality_],
              "x": sol.col_value, "row_dual": sol.row_dual, "col_dual": sol.col_dual,
              "col_status": [int(v) for v in h.getBasis().col_status],
              "var_value": [v.varValue for v in prob.variables()], "var_dj": [v.dj for v in prob.variables()],
              "var_index": [v.index for v in prob.variables()],
              "pi": [c.pi for c in rows], "slack": [c.slack for c in rows], "row_index": [c.index for c in rows]}
    out = {k: np.asarray(v, dtype=float) for k, v in arrays.items()}
    out["sign"] = np.signbit(out["cost"])     # −0.0 where PuLP negates a zero cost
    out["format"] = a.format_.name
    out["status"] = (prob.status, prob.sol_status)
    return out


@pytest.mark.parametrize("setup", ["default", "commitments", "integer", "goal", "returns-groups"])
def test_the_model_passed_in_columns_is_pulps_own(setup):
    case = load_scenario("commitments-capped" if setup == "commitments" else None)
    goal = None
    if setup == "integer":
        case = _using(case, "integer")
    elif setup == "returns-groups":
        case = _using(case, "returns", "groups")
    elif setup == "goal":
        goal = Goal.parse("integrations>=4000")
    ours, theirs = build_model(case, goal=goal), build_model(case, goal=goal)
    status = solve_problem(ours.prob)
    with solver_chatter_to_stderr():
        theirs.prob.solve(pulp.HiGHS(msg=False, gapRel=1e-6) if ours.integer else pulp.HiGHS(msg=False))
    assert status == theirs.prob.status == pulp.LpStatusOptimal
    a, b = _held(ours.prob), _held(theirs.prob)
    assert a.keys() == b.keys()
    for key in a:
        if isinstance(a[key], np.ndarray):
            np.testing.assert_array_equal(a[key], b[key], err_msg=key)
        else:
            assert a[key] == b[key], key


def test_listed_variables_lists_once_and_restores_the_method():
    prob = pulp.LpProblem("p", pulp.LpMaximize)
    x = prob.add_variable("x", lowBound=0, upBound=1)
    prob += x
    with listed_variables(prob):
        first = prob.variables()
        with listed_variables(prob):       # nested: the outer list stands
            assert prob.variables() is first
        assert prob.variables() is first
    assert "variables" not in vars(prob)
    y = prob.add_variable("a", lowBound=0)
    prob += x + y <= 2, "c"
    assert prob.variables() == [y, x]      # PuLP's own method again: listed anew, sorted by name


def test_a_problem_without_decision_variables_solves():
    """A constant objective (a table whose measures all have fixed places): PuLP's solve() adds its
    dummy variable after the variables were listed, so the list is not kept for such a problem —
    it was, and HiGHS got no column and stopped 'Not Solved' (exit 4 for a valid table)."""
    prob = pulp.LpProblem("fixed", pulp.LpMaximize)
    prob += pulp.LpAffineExpression(constant=12.5)
    assert solve_problem(prob) == pulp.LpStatusOptimal
    assert pulp.value(prob.objective) == 12.5
