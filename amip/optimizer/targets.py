"""Modes beyond "maximise integrations" (issue 7): the MILP report with its LP bound and a rounded LP
plan, goal mode and the trade-off frontier (lexicographic targets: amip.optimizer.solve) between two targets."""
from __future__ import annotations

from dataclasses import dataclass

import pulp

from amip import texts as T
from amip.errors import InputError, SolverError
from amip.models import Case
from amip.models.check import check_allocation, score_plan
from amip.models.fmt import fixed
from amip.models.objective import Goal, Objective
from amip.models.planning import TARGETS
from amip.optimizer.build import BuiltModel, build_model
from amip.optimizer.diagnose import raise_unless_optimal
from amip.optimizer.highs import MAX_SIGN, MIP_GAP_REL, solve_problem
from amip.optimizer.reports import GoalReport, IntegerReport, Lot, RoundedPlan


# --------------------------------------------------------------------------- whole places
def discrete_allocation(case: Case, lp_plan: dict[str, float], objective: Objective | None = None, *,
                        built: BuiltModel | None = None) -> dict[str, float]:
    """Round an LP plan to whole places and whole classes within the budget, for comparison with the
    MILP: the greedy heuristic of ``amip.optimizer.rounding`` (round down, repair the minima, fill by
    objective per euro), incremental so that it stays near-linear in the number of measures.
    ``built``: the case's relaxed LP with the default objective, if the caller has it (its rows are
    the limits of the greedy)."""
    from amip.optimizer.rounding import round_plan

    return round_plan(case, lp_plan, objective, built=built)


def _dual_bound(built: BuiltModel) -> tuple[float | None, float | None]:
    """(HiGHS's MIP gap, its dual bound in the objective's own sense)."""
    try:
        info = built.prob.solverModel.getInfo()
    except AttributeError:   # pragma: no cover - PuLP without a live highspy model
        return None, None
    sign = MAX_SIGN if built.prob.sense == pulp.LpMaximize else 1.0
    # HiGHS's bound leaves out the objective's constant (the fixed entries): add what its own
    # objective value misses of PuLP's.
    offset = float(pulp.value(built.prob.objective)) - sign * float(info.objective_function_value)
    return float(info.mip_gap), sign * float(info.mip_dual_bound) + offset


def relaxation(case: Case, objective: Objective,
               goal: Goal | None) -> tuple[float, dict[str, float], RoundedPlan | None]:
    """The LP relaxation of the whole-places model: (its optimum, its plan, the plan rounded by the
    greedy heuristic with its objective and violations; None for a goal, which the greedy fill does
    not seek)."""
    relaxed = build_model(case, objective=objective, goal=goal, integer=False)
    if solve_problem(relaxed.prob) != pulp.LpStatusOptimal:
        raise SolverError(T.TARGETS_LP_NO_OPTIMUM)
    lp = float(pulp.value(relaxed.prob.objective))
    lp_plan = {mid: float(v.value() or 0.0) for mid, v in relaxed.x.items()}
    rounded = _rounded(case, lp_plan, objective, relaxed if objective.is_default else None) if goal is None else None
    return lp, lp_plan, rounded


def integer_report(case: Case, built: BuiltModel, objective: Objective, goal: Goal | None,
                   new: dict[str, float], relaxed: tuple | None = None) -> IntegerReport:
    """The MILP beside its LP relaxation (the bound) and beside the rounded LP plan (``relaxed``: the
    result of ``relaxation`` if the caller has it)."""
    milp = float(pulp.value(built.prob.objective))
    gap, dual_bound = _dual_bound(built)
    lp, lp_plan, rounded = relaxed or relaxation(case, objective, goal)
    lots = _lots(case, new, lp_plan, lambda mid: round(built.classes[mid].value() or 0.0))
    return _report(milp, lp, gap, dual_bound, goal, lp_plan, rounded, lots, "milp")


def integer_by_rounding(case: Case, objective: Objective, relaxed: tuple) -> IntegerReport | None:
    """The whole-places report without the MILP, when the rounded LP plan proves itself optimal: it
    keeps every limit (whole places and classes included) and lies within the MILP's relative gap
    (MIP_GAP_REL) of the LP bound, which no whole-places plan can exceed; HiGHS's branch and bound
    would stop at such a plan too. None otherwise (the MILP is solved)."""
    from amip.models.planning import classes_for

    lp, lp_plan, rounded = relaxed
    if rounded is None:
        return None
    new, value = rounded.new_entries, rounded.objective
    # Strictly feasible: the greedy fills up to 1e-6 × a row's right-hand side (hundreds of euros of a
    # large budget), which the checker's default tolerance accepts but no MILP solution would take.
    # Such a plan can even score above the LP bound; it is no proof.
    if check_allocation(case, new, tol=1e-9) or value > lp + 1e-9 * max(1.0, abs(lp)):
        return None
    gap = max(0.0, lp - value) / max(1.0, abs(value))
    if gap > MIP_GAP_REL:
        return None

    def classes(mid: str) -> int:
        mp = case.planning.of(mid)
        return classes_for(new[mid], mp.lot_size, mp.class_min) or 0

    return _report(value, lp, gap, lp, None, lp_plan, rounded, _lots(case, new, lp_plan, classes), "rounding")


def _lots(case: Case, new: dict[str, float], lp_plan: dict[str, float], classes) -> tuple[Lot, ...]:
    out = []
    for mid, x in new.items():
        mp = case.planning.of(mid)
        if mp.in_lots:
            out.append(Lot(measure=mid, new_entries=x, classes=classes(mid), lot_size=mp.lot_size,
                           class_min=mp.class_min, lp_entries=lp_plan[mid], source=mp.lot_source))
    return tuple(out)


def _report(value: float, lp: float, gap, dual_bound, goal: Goal | None, lp_plan: dict, rounded, lots: tuple,
            solved_by: str) -> IntegerReport:
    return IntegerReport(objective=value, lp_bound=lp, mip_gap=gap, dual_bound=dual_bound,
                         gap_to_lp=(lp - value) if goal is None else (value - lp),
                         gap_to_lp_pct=100 * abs(lp - value) / abs(lp) if lp else 0.0,
                         lp_new_entries=lp_plan, rounded_lp=rounded, lots=lots, solved_by=solved_by)


def _rounded(case: Case, lp_plan: dict[str, float], objective: Objective,
             built: BuiltModel | None = None) -> RoundedPlan:
    rounded = discrete_allocation(case, lp_plan, objective, built=built)
    score = score_plan(case, rounded)
    return RoundedPlan(objective=objective.value(score), new_entries=rounded, spend=score.spend_eur,
                       violations=tuple(v.message for v in check_allocation(case, rounded)))


# --------------------------------------------------------------------------- goal mode
def goal_report(case: Case, built: BuiltModel, goal: Goal, duals: dict | None) -> GoalReport:
    name = f"goal__{goal.target}"
    cost = float(pulp.value(built.prob.objective))
    return GoalReport(target=goal.target, minimum=goal.minimum, unit=TARGETS[goal.target][1],
                      reached=float(pulp.value(built.targets[goal.target])), cost_eur=cost,
                      neufallbudget_eur=case.budget.neufallbudget_eur,
                      fits_budget=cost <= case.budget.neufallbudget_eur + 1e-6,
                      marginal_cost_eur=duals.get(name) if duals else None)


# --------------------------------------------------------------------------- trade-off
@dataclass(frozen=True)
class TradeoffPoint:
    a: float
    b: float
    new_entries: dict[str, float]


def tradeoff(case: Case, a: str, b: str, *, points: int = 11) -> list[TradeoffPoint]:
    """The frontier between targets a and b (ε-constraint): maximise b with a ≥ ε for ε from a's
    value at b's optimum up to a's optimum. One model, re-run warm for each ε."""
    if a == b:
        raise InputError(T.TRADEOFF_SAME.format(a=a))
    if case.planning.uses("integer"):
        raise InputError(T.TRADEOFF_INTEGER)
    if points < 2:
        raise InputError(T.TRADEOFF_POINTS)
    top = build_model(case, objective=Objective(weights=((a, 1.0),)))
    raise_unless_optimal(case, top, solve_problem(top.prob))
    a_max = float(pulp.value(top.targets[a]))
    built = build_model(case, objective=Objective(weights=((b, 1.0),)))
    built.prob += built.targets[a] >= -1e30, "tradeoff__a"
    raise_unless_optimal(case, built, solve_problem(built.prob))
    a_min = min(float(pulp.value(built.targets[a])), a_max)
    import highspy

    h = built.prob.solverModel
    row = built.prob.get_constraint_by_name("tradeoff__a").index
    offset = built.targets[a].constant
    variables = built.prob.variables()
    out = []
    for k in range(points):
        eps = a_min + (a_max - a_min) * k / (points - 1)
        h.changeRowBounds(row, eps - offset - 1e-7, highspy.kHighsInf)   # 1e-7: HiGHS's feasibility tolerance
        h.run()
        if h.getModelStatus().name != "kOptimal":
            raise SolverError(T.TRADEOFF_NO_PLAN.format(a=a, eps=fixed(eps)))
        values = h.getSolution().col_value
        for v in variables:
            v.varValue = values[v.index]
        out.append(TradeoffPoint(a=float(pulp.value(built.targets[a])), b=float(pulp.value(built.targets[b])),
                                 new_entries={mid: float(v.varValue) for mid, v in built.x.items()}))
    return out

