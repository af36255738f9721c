"""The joint national LP: what the distribution key costs.

One LP over every jobcenter's measures: the blocks of the separate LPs (each exactly as PuLP built it
for that jobcenter, ``amip.national.run._block``) side by side, with their budget rows merged into one
national row ``budget__national`` (Σ of the Neufallbudgets net of each one's fixed items). Every other
row of every jobcenter stays (field minima, pools, statutory limits, PAT, share caps), as do the
bounds. Built from arrays in one pass (numpy concatenation of the CSC blocks) and solved by highspy:
linear in the number of measures. ``joint_pulp`` builds the same model through PuLP for the tests.

Its optimum ≥ the sum of the separate optima (the separate plans are feasible in it); the gap is the
integrations the distribution key gives up, and ``budget_moves`` say which jobcenters would spend more
or less than their Neufallbudget. Only as good as the derived catalogues (ESTIMATE).
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from amip import texts as T
from amip.errors import SolverError

NATIONAL_BUDGET = "budget__national"


@dataclass(frozen=True)
class JointModel:
    col_cost: np.ndarray
    col_lower: np.ndarray
    col_upper: np.ndarray
    row_lower: np.ndarray
    row_upper: np.ndarray
    start: np.ndarray
    index: np.ndarray
    value: np.ndarray
    col_offset: np.ndarray    #: first column of each block
    budget_cols: list[np.ndarray]   #: per block: (columns, coefficients) of its old budget row
    budget_vals: list[np.ndarray]
    row_names: list[str]      #: budget__national, then jc<Träger-Nr>__<the jobcenter's own row name>


def stack(blocks: list[dict], ids: list[str] | None = None) -> JointModel:
    """The joint LP from the separate blocks: rows renumbered, each budget row mapped onto row 0;
    ``ids`` (Träger-Nr) prefix each block's row names."""
    ncols = np.array([len(b["col_cost"]) for b in blocks])
    nrows = np.array([len(b["row_upper"]) for b in blocks])
    col_offset = np.concatenate([[0], np.cumsum(ncols)[:-1]])
    row_offset = np.concatenate([[1], 1 + np.cumsum(nrows - 1)[:-1]])   # row 0: the national budget
    nnz_offset = np.concatenate([[0], np.cumsum([len(b["value"]) for b in blocks])[:-1]])
    index, starts, bcols, bvals, rlo, rup = [], [], [], [], [np.array([-np.inf])], []
    national, names = 0.0, [NATIONAL_BUDGET]
    for k, b in enumerate(blocks):
        prefix = f"jc{ids[k] if ids else k}__"
        names += [prefix + n for i, n in enumerate(b["row_names"]) if i != b["budget_row"]]
        br = b["budget_row"]
        rowmap = np.empty(len(b["row_upper"]), np.int64)
        keep = np.arange(len(b["row_upper"])) != br
        rowmap[keep] = row_offset[k] + np.arange(int(keep.sum()))
        rowmap[br] = 0
        index.append(rowmap[b["index"]])
        starts.append(b["start"][:-1] + nnz_offset[k])
        rlo.append(b["row_lower"][keep])
        rup.append(b["row_upper"][keep])
        national += float(b["row_upper"][br])
        col_of_nz = np.repeat(np.arange(len(b["col_cost"])), np.diff(b["start"]))
        on = b["index"] == br
        bcols.append(col_of_nz[on] + col_offset[k])
        bvals.append(b["value"][on])
    nnz = int(sum(len(b["value"]) for b in blocks))
    return JointModel(col_cost=np.concatenate([b["col_cost"] for b in blocks]),
                      col_lower=np.concatenate([b["col_lower"] for b in blocks]),
                      col_upper=np.concatenate([b["col_upper"] for b in blocks]),
                      row_lower=np.concatenate(rlo), row_upper=np.concatenate([[national]] + rup),
                      start=np.concatenate(starts + [np.array([nnz])]), index=np.concatenate(index),
                      value=np.concatenate([b["value"] for b in blocks]), col_offset=col_offset,
                      budget_cols=bcols, budget_vals=bvals, row_names=names)


def solve_stacked(jm: JointModel) -> tuple[float, np.ndarray]:
    """Solve the joint model with highspy; (objective in the max sense, column values)."""
    import highspy

    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = len(jm.col_cost), len(jm.row_upper)
    lp.col_cost_, lp.col_lower_, lp.col_upper_ = jm.col_cost, jm.col_lower, jm.col_upper
    lp.row_lower_, lp.row_upper_ = jm.row_lower, jm.row_upper
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = jm.start, jm.index, jm.value
    from amip.optimizer.highs import solver_chatter_to_stderr

    with solver_chatter_to_stderr():   # the banner of a new Highs object stays off stdout
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.passModel(lp)
        for i, name in enumerate(jm.row_names):   # the rows keep their names, as in the PuLP model
            h.passRowName(i, name)
        h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        raise SolverError(T.NAT_JOINT_NOT_OPTIMAL.format(status=h.modelStatusToString(h.getModelStatus())))
    x = np.asarray(h.getSolution().col_value)
    return -float(jm.col_cost @ x), x


def joint(results: list[dict]) -> dict:
    """The joint LP over the successful results of one scenario, against their separate optima."""
    ok = [r for r in results if r["status"] == "ok"]
    t0 = time.perf_counter()
    jm = stack([r["block"] for r in ok], [r["traeger_nr"] for r in ok])
    obj_lp, x = solve_stacked(jm)
    seconds = time.perf_counter() - t0
    constant = sum(r["objective_constant"] for r in ok)
    moves = []
    for k, r in enumerate(ok):
        b = r["block"]
        lo, hi = jm.col_offset[k], jm.col_offset[k] + len(b["col_cost"])
        xk = x[lo:hi]
        spend = float(jm.budget_vals[k] @ x[jm.budget_cols[k]]) + r["budget_offset_eur"]
        integ = float(-b["col_cost"] @ xk) + r["objective_constant"]
        moves.append({"traeger_nr": r["traeger_nr"], "name": r["name"], "budget_eur": r["budget_eur"],
                      "joint_spend_eur": spend, "move_eur": spend - r["budget_eur"],
                      "separate_objective": r["objective"], "joint_objective": integ,
                      "plan": {mid: float(xk[c]) for mid, c in b["x_cols"].items()}})
    moves.sort(key=lambda m: (-m["move_eur"], m["traeger_nr"]))
    separate = float(sum(r["objective"] for r in ok))
    objective = obj_lp + constant
    if abs(objective - separate) <= 1e-9 * max(1.0, abs(separate)):   # the key costs nothing: no solver noise
        objective = separate
    return {"objective": objective, "separate_objective": separate, "gain": objective - separate,
            "gain_pct": (objective - separate) / separate * 100 if separate else None,
            "jobcenters": len(ok), "columns": len(jm.col_cost), "rows": len(jm.row_upper),
            "seconds": seconds, "budget_moves": moves}


def public_moves(j: dict, tol_eur: float = 1.0) -> dict:
    """The joint result for JSON: the moves without plans, only those of at least ``tol_eur``."""
    out = {k: v for k, v in j.items() if k != "budget_moves"}
    out["budget_moves"] = [{k: v for k, v in m.items() if k != "plan"} for m in j["budget_moves"]
                           if abs(m["move_eur"]) >= tol_eur]
    return out


def joint_pulp(cases: list) -> float:
    """The same joint LP through PuLP, built from each case's model (small subsets, for the tests):
    variables renamed per jobcenter, the budget rows summed into one."""
    import pulp

    from amip.models.check import BUDGET
    from amip.optimizer.build import build_model
    from amip.optimizer.highs import solve_problem

    prob = pulp.LpProblem("amip_national", pulp.LpMaximize)
    budget_terms, budget_rhs, objective, constant = [], 0.0, [], 0.0
    for k, case in enumerate(cases):
        built = build_model(case)
        new = {}
        for v in built.prob.variables():
            new[v.name] = prob.add_variable(f"j{k}__{v.name}", lowBound=v.lowBound, upBound=v.upBound)
        objective += [(new[v.name], a) for v, a in built.prob.objective.items()]
        constant += built.prob.objective.constant
        for c in built.prob.constraints():   # in the order they were added
            name = c.name
            pairs = [(new[v.name], a) for v, a in c.items()]
            if name == BUDGET:
                budget_terms += pairs
                budget_rhs += -c.constant
                continue
            prob += pulp.LpConstraint(pulp.LpAffineExpression(pairs), c.sense, f"j{k}__{name}", -c.constant)
    prob += pulp.LpAffineExpression(objective) + constant
    prob += pulp.LpConstraint(pulp.LpAffineExpression(budget_terms), pulp.LpConstraintLE, NATIONAL_BUDGET, budget_rhs)
    if solve_problem(prob) != pulp.LpStatusOptimal:
        raise SolverError(T.NAT_JOINT_NOT_OPTIMAL.format(status="PuLP"))
    return float(pulp.value(prob.objective))
