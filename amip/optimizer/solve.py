"""Solve the allocation LP with HiGHS (in-process, via highspy) and return an OptimizationResult."""
from __future__ import annotations

import contextlib
import os
import sys
import time

import pulp

from amip import __version__
from amip import texts as T
from amip.errors import InfeasibleError, InputError, SolverError
from amip.models import Case
from amip.models.objective import Goal, Objective
from amip.optimizer.build import BuiltModel, build_model
from amip.optimizer.result import OptimizationResult, Status, make_result

SOLVER_OPTIONS = {"solver": "HiGHS", "interface": "highspy", "msg": False}
#: HiGHS minimises: PuLP hands it −objective for our maximisation, so objective values and duals
#: read from highspy change sign once with this (the PuLP path corrects them in shadow_price).
MAX_SIGN = -1.0


MIP_GAP_REL = 1e-6   #: relative MIP gap HiGHS must reach (its default 1e-4 would be ±0,5 integrations)


class _HiGHS(pulp.HiGHS):
    """PuLP's highspy interface, with the problem's variables listed once per solve: PuLP's
    ``LpProblem.variables()`` walks the objective and every row and sorts by name each time it is
    asked, and one solve asks four times (0,26 s each at 100.000 measures; with ``isMIP`` before it, five). Nothing adds a variable
    while the solver runs, so the first list stands for the others."""

    def actualSolve(self, lp):   # noqa: D102 - PuLP's method
        listed = lp.variables()
        lp.variables = lambda: listed   # an instance attribute shadows the method for this solve
        try:
            return super().actualSolve(lp)
        finally:
            del lp.variables


def make_solver(*, mip: bool = False) -> pulp.LpSolver:
    """HiGHS through highspy, chosen explicitly. CBC is never a silent fallback."""
    solver = _HiGHS(msg=False, gapRel=MIP_GAP_REL) if mip else _HiGHS(msg=False)
    if not solver.available():
        raise SolverError(T.SOLVE_NO_HIGHS)
    return solver


def solver_label() -> str:
    import highspy

    version = getattr(highspy, "__version__", None)
    if version is None:
        try:
            from importlib.metadata import version as _v
            version = _v("highspy")
        except Exception:  # pragma: no cover - metadata missing
            version = "?"
    return f"HiGHS {version} (highspy) via PuLP {pulp.__version__}"


@contextlib.contextmanager
def solver_chatter_to_stderr():
    """highspy prints an English banner on stdout when a Highs object is created, whatever
    output_flag says. Users read German and scripts read stdout: point file descriptor 1 at the null
    device while the solver runs (the name stays for the callers; nothing reaches stderr either)."""
    try:
        sys.stdout.flush()
        saved = os.dup(1)
    except (OSError, ValueError):   # no real stdout (embedded use): nothing to protect
        yield
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(null)


def solve_problem(prob: pulp.LpProblem) -> int:
    """Solve any PuLP problem with HiGHS, solver chatter kept off stdout; returns PuLP's status."""
    with solver_chatter_to_stderr():
        prob.solve(make_solver(mip=prob.isMIP()))
    return prob.status


def _solve(built: BuiltModel) -> int:
    return solve_problem(built.prob)


def shadow_price(prob: pulp.LpProblem, value: float | None) -> float | None:
    """PuLP's HiGHS interface hands back duals of the negated objective on a maximisation
    (solver-notes: PuLP passes −c to HiGHS). This is the one place that corrects the sign;
    tests pin it against a finite difference of two solves."""
    if value is None:
        return None
    return -value if prob.sense == pulp.LpMaximize else value


def _raise_unless_optimal(case: Case, built: BuiltModel, status: int) -> None:
    if status == pulp.LpStatusInfeasible:
        from amip.optimizer.diagnose import diagnose

        diagnosis = diagnose(case, built)
        raise InfeasibleError(diagnosis.text(), list(diagnosis.conflicts), diagnosis=diagnosis.to_dict())
    # A MILP stopped early still reports "Optimal" in prob.status: check the solution status too.
    if status != pulp.LpStatusOptimal or built.prob.sol_status != pulp.LpSolutionOptimal:
        raise SolverError(T.SOLVE_NOT_OPTIMAL.format(status=pulp.LpStatus.get(status, status)))


def optimize(case: Case, *, reference: dict[str, float] | None = None, objective: Objective | None = None,
             goal: Goal | None = None, solved: list[BuiltModel] | None = None) -> OptimizationResult:
    """Maximise the objective (default: expected integrations) for the case, or with ``goal`` find the
    least net money that reaches a target. Raises InfeasibleError (with the conflicting constraints)
    or SolverError; never returns a non-optimal result. ``solved``: a list that receives the solved
    model of the default objective when its optimum is left as HiGHS found it (no re-solves for the
    prices of commitments), for the headline's warm model (``amip.optimizer.headline``)."""
    objective = objective or Objective()
    if objective.lexicographic and goal is None:
        from amip.optimizer.targets import lexicographic

        return lexicographic(case, objective, reference=reference)
    t0 = time.perf_counter()
    built = build_model(case, objective=objective, goal=goal)
    t1 = time.perf_counter()
    relaxed = None
    if built.integer and goal is None and objective.is_default and not (case.policy.active_commitments
                                                                      or case.policy.active_links):
        # whole places: the LP relaxation and its rounded plan come first (the report shows them
        # anyway); when the rounded plan is optimal within the MILP's gap, the MILP is not solved.
        # With commitments the MILP stays: their prices are re-solves of it.
        from amip.optimizer.targets import integer_by_rounding, relaxation

        try:
            relaxed = relaxation(case, objective, goal)
        except (SolverError, InputError):   # no LP optimum, or a measure without a whole step: the
            relaxed, report = None, None      # MILP below reports it (with the infeasibility diagnosis)
        else:
            report = integer_by_rounding(case, objective, relaxed)
        if report is not None:
            plan = {mid: float(round(v)) for mid, v in report["rounded_lp"]["new_entries"].items()}
            return make_result(case, plan, status=Status.OPTIMAL, objective=report["objective"], reference=reference,
                               solver=solver_label(), solve_time_s=time.perf_counter() - t1, build_time_s=t1 - t0,
                               extras={"integer": report},
                               input_hash=case.input_hash(version=__version__, solver=SOLVER_OPTIONS),
                               version=__version__)
    status = _solve(built)
    t2 = time.perf_counter()
    _raise_unless_optimal(case, built, status)
    if solved is not None and goal is None and objective.is_default and not built.integer and not (
            case.policy.active_commitments or case.policy.active_links):
        solved.append(built)
    return result_of(case, built, objective=objective, goal=goal, reference=reference,
                     solve_time_s=t2 - t1, build_time_s=t1 - t0, relaxed=relaxed)


def result_of(case: Case, built: BuiltModel, *, objective: Objective, goal: Goal | None = None,
              reference: dict[str, float] | None = None, solve_time_s: float = 0.0, build_time_s: float = 0.0,
              extras: dict | None = None, relaxed: tuple | None = None) -> OptimizationResult:
    """The result of a solved model: the plan, its duals (LP only) and the reports of its mode."""
    prob = built.prob
    new = {mid: float(v.value() or 0.0) for mid, v in built.x.items()}
    if built.integer:   # whole places: drop the solver's 1e-9 noise so the checks see integers
        new = {mid: float(round(v)) for mid, v in new.items()}
    duals = reduced = None
    if not built.integer:
        duals = {name: shadow_price(prob, prob.get_constraint_by_name(name).pi) for name in built.constraint_names}
        reduced = {mid: shadow_price(prob, v.dj) for mid, v in built.x.items()}
    extras = dict(extras or {})
    if not objective.is_default:
        extras.setdefault("objective_spec", objective.to_dict())
    if goal is not None:
        from amip.optimizer.targets import goal_report

        extras["goal"] = goal_report(case, built, goal, duals)
    if built.integer:
        from amip.optimizer.targets import integer_report

        extras["integer"] = integer_report(case, built, objective, goal, new, relaxed)
    value = float(pulp.value(prob.objective))   # goal mode: the net spend incl. fixed items, euros
    prices = None
    if case.policy.active_commitments or case.policy.active_links:
        from amip.optimizer.policy import price_policy

        prices = price_policy(case, built)
    return make_result(case, new, status=Status.OPTIMAL, objective=value, duals=duals, reduced_costs=reduced,
                       reference=reference, solver=solver_label(), solve_time_s=solve_time_s,
                       build_time_s=build_time_s, extras=extras, objective_unit=_unit(objective, goal),
                       input_hash=case.input_hash(version=__version__, solver=SOLVER_OPTIONS), version=__version__,
                       policy_prices=prices)


def _unit(objective: Objective, goal: Goal | None) -> str | None:
    if goal is not None:
        return "EUR (least net spend that reaches the goal)"
    if objective.is_default:
        return None
    return "weighted targets: " + objective.describe()


def evaluate(case: Case, new_entries: dict[str, float] | None = None) -> OptimizationResult:
    """Score a given plan (default: the case's own plan) with the same data, rates and constraints."""
    plan = new_entries if new_entries is not None else {
        m.id: m.planned_entries for m in case.measures if m.budget_basis.has_new_entries}
    return make_result(case, plan, status=Status.EVALUATED, solver="keiner (Plan aus den Eingabedaten bewertet)",
                       input_hash=case.input_hash(version=__version__, solver={"solver": "none"}),
                       version=__version__)
