"""Solve the allocation LP with HiGHS (in-process, via highspy) and return an OptimizationResult."""
from __future__ import annotations

import contextlib
import os
import sys
import time

import pulp

from amip import __version__
from amip.errors import InfeasibleError, SolverError
from amip.models import Case
from amip.optimizer.build import BuiltModel, build_model
from amip.optimizer.result import OptimizationResult, Status, make_result

SOLVER_OPTIONS = {"solver": "HiGHS", "interface": "highspy", "msg": False}


def make_solver() -> pulp.LpSolver:
    """HiGHS through highspy, chosen explicitly. CBC is never a silent fallback."""
    solver = pulp.HiGHS(msg=False)
    if not solver.available():
        raise SolverError("HiGHS is not available: install the 'highspy' package (pip install highspy)")
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
    """highspy prints a banner on stdout when a Highs object is created, whatever output_flag says.
    Keep machine-readable stdout clean: point file descriptor 1 at stderr while the solver runs."""
    try:
        sys.stdout.flush()
        saved = os.dup(1)
    except (OSError, ValueError):   # no real stdout (embedded use): nothing to protect
        yield
        return
    try:
        os.dup2(2, 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def solve_problem(prob: pulp.LpProblem) -> int:
    """Solve any PuLP problem with HiGHS, solver chatter kept off stdout; returns PuLP's status."""
    with solver_chatter_to_stderr():
        prob.solve(make_solver())
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


def optimize(case: Case, *, reference: dict[str, float] | None = None) -> OptimizationResult:
    """Maximise expected integrations for the case. Raises InfeasibleError (with the conflicting
    constraints) or SolverError; never returns a non-optimal result."""
    t0 = time.perf_counter()
    built = build_model(case)
    t1 = time.perf_counter()
    status = _solve(built)
    t2 = time.perf_counter()
    if status == pulp.LpStatusInfeasible:
        from amip.optimizer.diagnose import diagnose

        diagnosis = diagnose(case, built)
        raise InfeasibleError(diagnosis.text(), list(diagnosis.conflicts), diagnosis=diagnosis.to_dict())
    if status != pulp.LpStatusOptimal or built.prob.sol_status != pulp.LpSolutionOptimal:
        raise SolverError(f"HiGHS stopped without an optimal plan (status {pulp.LpStatus.get(status, status)})")
    prob = built.prob
    new = {mid: float(v.value() or 0.0) for mid, v in built.x.items()}
    duals = {name: shadow_price(prob, prob.get_constraint_by_name(name).pi) for name in built.constraint_names}
    reduced = {mid: shadow_price(prob, v.dj) for mid, v in built.x.items()}
    objective = float(pulp.value(prob.objective))
    return make_result(case, new, status=Status.OPTIMAL, objective=objective, duals=duals, reduced_costs=reduced,
                       reference=reference, solver=solver_label(), solve_time_s=t2 - t1, build_time_s=t1 - t0,
                       input_hash=case.input_hash(version=__version__, solver=SOLVER_OPTIONS), version=__version__)


def evaluate(case: Case, new_entries: dict[str, float] | None = None) -> OptimizationResult:
    """Score a given plan (default: the case's own plan) with the same data, rates and constraints."""
    plan = new_entries if new_entries is not None else {
        m.id: m.planned_entries for m in case.measures if m.budget_basis.has_new_entries}
    return make_result(case, plan, status=Status.EVALUATED, solver="none (plan scored from the input data)",
                       input_hash=case.input_hash(version=__version__, solver={"solver": "none"}),
                       version=__version__)
