"""HiGHS through PuLP and highspy: the solver, its options, its chatter kept off stdout, and the one
place that corrects the sign of duals. The low layer every solving module of the optimizer uses."""
from __future__ import annotations

import contextlib
import os
import sys

import numpy as np
import pulp

from amip import texts as T
from amip.errors import SolverError

SOLVER_OPTIONS = {"solver": "HiGHS", "interface": "highspy", "msg": False}
#: HiGHS minimises: PuLP hands it −objective for our maximisation, so objective values and duals
#: read from highspy change sign once with this (the PuLP path corrects them in shadow_price).
MAX_SIGN = -1.0


MIP_GAP_REL = 1e-6   #: relative MIP gap HiGHS must reach (its default 1e-4 would be ±0,5 integrations)


class _HiGHS(pulp.HiGHS):
    """PuLP's highspy interface, with the model passed and read back in whole columns.

    - The problem's variables are listed once per solve: PuLP's ``LpProblem.variables()`` walks the
      objective and every row and sorts by name each time it is asked, and one solve asks four times
      (0,26 s each at 100.000 measures; with ``isMIP`` before it, five). Nothing adds a variable while
      the solver runs, so the first list stands for the others (``listed_variables``).
    - The columns go to HiGHS in one ``addCols`` and the rows in one ``addRows`` (PuLP: one ``addCol``
      and one ``addRow`` call per column and row, ~0,03 s of 10.000 pybind calls at 10.000 measures):
      the same costs, bounds and row entries in the same order, so HiGHS holds the same LP."""

    def actualSolve(self, lp):   # noqa: D102 - PuLP's method
        with listed_variables(lp):
            return super().actualSolve(lp)

    def buildSolverModel(self, lp):   # noqa: D102 - PuLP's method
        import highspy

        inf = highspy.kHighsInf
        h = lp.solverModel
        listed = lp.variables()
        for i, v in enumerate(listed):
            v.index = i
        sign = -1.0 if lp.sense == pulp.LpMaximize else 1.0
        objective = lp.objective
        n = len(listed)
        cost = np.fromiter((objective.get(v, 0.0) for v in listed), float, count=n) * sign
        lower = np.fromiter((-inf if v.lowBound is None else v.lowBound for v in listed), float, count=n)
        upper = np.fromiter((inf if v.upBound is None else v.upBound for v in listed), float, count=n)
        h.addCols(n, cost, lower, upper, 0, np.zeros(n, np.int32), np.zeros(0, np.int32), np.zeros(0))
        if self.mip:
            for v in listed:
                if v.cat == pulp.LpInteger:
                    h.changeColIntegrality(v.index, highspy.HighsVarType.kInteger)
        rows = list(lp._constraints.values())
        m = len(rows)
        if not m:
            return
        starts, index, value = np.zeros(m, np.int32), [], []
        for i, row in enumerate(rows):
            row.index = i
            starts[i] = len(index)
            for v, a in row.items():
                if a != 0:
                    index.append(v.index)
                    value.append(a)
        lower = np.fromiter((-inf if (b := row.getLb()) is None else b for row in rows), float, count=m)
        upper = np.fromiter((inf if (b := row.getUb()) is None else b for row in rows), float, count=m)
        h.addRows(m, lower, upper, len(index), starts, np.array(index, np.int32), np.array(value, float))


@contextlib.contextmanager
def listed_variables(prob: pulp.LpProblem):
    """``prob.variables()`` listed once for what runs inside (an instance attribute shadows the method;
    nested uses keep the outer list): nothing may add a variable meanwhile."""
    if "variables" in vars(prob) or prob.objective is None or prob.objective.isNumericalConstant():
        yield   # a constant objective: PuLP's solve() adds its dummy variable after this point (fixObjective)
        return
    listed = prob.variables()
    prob.variables = lambda: listed
    try:
        yield
    finally:
        del prob.variables

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
    with solver_chatter_to_stderr(), listed_variables(prob):
        prob.solve(make_solver(mip=bool(prob.isMIP())))
    return prob.status


def shadow_price(prob: pulp.LpProblem, value: float | None) -> float | None:
    """PuLP's HiGHS interface hands back duals of the negated objective on a maximisation
    (solver-notes: PuLP passes −c to HiGHS). This is the one place that corrects the sign;
    tests pin it against a finite difference of two solves."""
    if value is None:
        return None
    return -value if prob.sense == pulp.LpMaximize else value
