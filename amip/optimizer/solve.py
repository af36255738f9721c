"""Solve the allocation LP with HiGHS (in-process, via highspy) and return an OptimizationResult."""
from __future__ import annotations

import time

import pulp

from amip import __version__
from amip.errors import InputError, SolverError
from amip.models import Case
from amip.models.objective import Goal, Objective
from amip.optimizer.build import BuiltModel, build_model
from amip.optimizer.diagnose import raise_unless_optimal
from amip.optimizer.highs import SOLVER_OPTIONS, shadow_price, solve_problem, solver_label
from amip.optimizer.reports import LexStage, ModeReports
from amip.optimizer.result import OptimizationResult, Status, make_result
from amip.optimizer.targets import goal_report, integer_by_rounding, integer_report, relaxation


def _solve(built: BuiltModel) -> int:
    return solve_problem(built.prob)


def optimize(case: Case, *, reference: dict[str, float] | None = None, objective: Objective | None = None,
             goal: Goal | None = None, solved: list[BuiltModel] | None = None) -> OptimizationResult:
    """Maximise the objective (default: expected integrations) for the case, or with ``goal`` find the
    least net money that reaches a target. Raises InfeasibleError (with the conflicting constraints)
    or SolverError; never returns a non-optimal result. ``solved``: a list that receives the solved
    model of the default objective when its optimum is left as HiGHS found it (no re-solves for the
    prices of commitments), for the headline's warm model (``amip.optimizer.headline``)."""
    objective = objective or Objective()
    if objective.lexicographic and goal is None:
        return lexicographic(case, objective, reference=reference)
    t0 = time.perf_counter()
    built = build_model(case, objective=objective, goal=goal)
    t1 = time.perf_counter()
    relaxed = None
    priced = bool(case.policy.active_commitments or case.policy.active_links or case.planning.commitment_limits)
    if built.integer and goal is None and objective.is_default and not priced:
        # whole places: the LP relaxation and its rounded plan come first (the report shows them
        # anyway); when the rounded plan is optimal within the MILP's gap, the MILP is not solved.
        # With commitments or limits on later years the MILP stays: their prices are re-solves of it.
        try:
            relaxed = relaxation(case, objective, goal)
        except (SolverError, InputError):   # no LP optimum, or a measure without a whole step: the
            relaxed, report = None, None      # MILP below reports it (with the infeasibility diagnosis)
        else:
            report = integer_by_rounding(case, objective, relaxed)
        if report is not None:
            plan = {mid: float(round(v)) for mid, v in report.rounded_lp.new_entries.items()}
            return make_result(case, plan, status=Status.OPTIMAL, objective=report.objective, reference=reference,
                               solver=solver_label(), solve_time_s=time.perf_counter() - t1, build_time_s=t1 - t0,
                               modes=ModeReports(integer=report),
                               input_hash=case.input_hash(version=__version__, solver=SOLVER_OPTIONS),
                               version=__version__)
    status = _solve(built)
    t2 = time.perf_counter()
    raise_unless_optimal(case, built, status)
    if solved is not None and goal is None and objective.is_default and not built.integer and not priced:
        solved.append(built)
    return result_of(case, built, objective=objective, goal=goal, reference=reference,
                     solve_time_s=t2 - t1, build_time_s=t1 - t0, relaxed=relaxed)


def result_of(case: Case, built: BuiltModel, *, objective: Objective, goal: Goal | None = None,
              reference: dict[str, float] | None = None, solve_time_s: float = 0.0, build_time_s: float = 0.0,
              lexicographic: tuple[LexStage, ...] | None = None, relaxed: tuple | None = None) -> OptimizationResult:
    """The result of a solved model: the plan, its duals (LP only) and the reports of its mode."""
    prob = built.prob
    new = {mid: float(v.value() or 0.0) for mid, v in built.x.items()}
    if built.integer:   # whole places: drop the solver's 1e-9 noise so the checks see integers
        new = {mid: float(round(v)) for mid, v in new.items()}
    duals = reduced = None
    if not built.integer:
        duals = {name: shadow_price(prob, prob.get_constraint_by_name(name).pi) for name in built.constraint_names}
        reduced = {mid: shadow_price(prob, v.dj) for mid, v in built.x.items()}
    modes = ModeReports(lexicographic=lexicographic,
                        objective_spec=None if objective.is_default else objective.to_dict(),
                        goal=None if goal is None else goal_report(case, built, goal, duals),
                        integer=integer_report(case, built, objective, goal, new, relaxed) if built.integer else None)
    value = float(pulp.value(prob.objective))   # goal mode: the net spend incl. fixed items, euros
    prices = None
    if case.policy.active_commitments or case.policy.active_links or case.planning.commitment_limits:
        from amip.optimizer.policy import price_policy

        prices = price_policy(case, built)
    return make_result(case, new, status=Status.OPTIMAL, objective=value, duals=duals, reduced_costs=reduced,
                       reference=reference, solver=solver_label(), solve_time_s=solve_time_s,
                       build_time_s=build_time_s, modes=modes, objective_unit=_unit(objective, goal),
                       input_hash=case.input_hash(version=__version__, solver=SOLVER_OPTIONS), version=__version__,
                       policy_prices=prices)


# --------------------------------------------------------------------------- lexicographic
def lexicographic(case: Case, objective: Objective, *, reference: dict[str, float] | None = None) -> OptimizationResult:
    """Maximise the first target; keep it within the tolerance of its optimum and maximise the next …"""
    kept: list[tuple[str, float]] = []
    stages = []
    for t in objective.lexicographic:
        built = build_model(case, objective=Objective(weights=((t, 1.0),)))
        for prev, bound in kept:
            built.prob += built.targets[prev] >= bound, f"lex__{prev}"
            built.constraint_names.append(f"lex__{prev}")
        raise_unless_optimal(case, built, solve_problem(built.prob))
        best = float(pulp.value(built.targets[t]))
        stages.append((t, best, best - objective.tolerance * abs(best)))
        kept.append((t, best - objective.tolerance * abs(best)))
    # what the final plan achieves on each stage's target
    lex = tuple(LexStage(target=t, optimum=best, kept_at_least=floor, achieved=float(pulp.value(built.targets[t])))
                for t, best, floor in stages)
    return result_of(case, built, objective=objective, reference=reference, lexicographic=lex)


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
