"""HiGHS through PuLP and highspy: the solver, its options, its chatter kept off stdout, and the one
place that corrects the sign of duals. The low layer every solving module of the optimizer uses."""
from __future__ import annotations

import contextlib
import os
import sys

import pulp

from amip import texts as T
from amip.errors import SolverError

SOLVER_OPTIONS = {"solver": "HiGHS", "interface": "highspy", "msg": False}
#: HiGHS minimises: PuLP hands it −objective for our maximisation, so objective values and duals
#: read from highspy change sign once with this (the PuLP path corrects them in shadow_price).
MAX_SIGN = -1.0


MIP_GAP_REL = 1e-6   #: relative MIP gap HiGHS must reach (its default 1e-4 would be ±0,5 integrations)


class _HiGHS(pulp.HiGHS):
    """PuLP's highspy interface, with the problem's variables listed once per solve: PuLP's
    ``LpProblem.variables()`` walks the objective and every row and sorts by name each time it is
    asked, and one solve asks four times (0,26 s each at 100.000 measures; with ``isMIP`` before it, five).
    Nothing adds a variable while the solver runs, so the first list stands for the others."""

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
    if version is None and hasattr(highspy, "HIGHS_VERSION_MAJOR"):   # the library's own (no importlib.metadata)
        version = f"{highspy.HIGHS_VERSION_MAJOR}.{highspy.HIGHS_VERSION_MINOR}.{highspy.HIGHS_VERSION_PATCH}"
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


def shadow_price(prob: pulp.LpProblem, value: float | None) -> float | None:
    """PuLP's HiGHS interface hands back duals of the negated objective on a maximisation
    (solver-notes: PuLP passes −c to HiGHS). This is the one place that corrects the sign;
    tests pin it against a finite difference of two solves."""
    if value is None:
        return None
    return -value if prob.sense == pulp.LpMaximize else value
