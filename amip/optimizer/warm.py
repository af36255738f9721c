"""One HiGHS model, built once through PuLP, re-solved many times with another budget or other rates.

Sweeps and Monte Carlo draws change the budget row's bound or the column costs on the live
``highspy.Highs`` object PuLP leaves in ``prob.solverModel`` and call ``run()`` again; nothing is
rebuilt (the project's solver notes measured this ~7× faster than a PuLP rebuild).

Every re-solve starts from the basis of the nominal optimum. A solve therefore depends only on its own
inputs, not on the ones solved before it: ``--jobs 2`` gives exactly what ``--jobs 1`` gives, even where
the LP has several optimal plans. Work spreads over processes with ``run_batches``; each worker builds
its own model once (spawned, so no HiGHS thread pool is ever forked).
"""
from __future__ import annotations

import concurrent.futures as cf
import contextlib
import multiprocessing
from dataclasses import dataclass
from operator import attrgetter
from typing import Callable

import numpy as np

from amip import texts as T
from amip.errors import InputError, SolverError
from amip.models import Case
from amip.models.check import BUDGET
from amip.optimizer.build import BuiltModel, build_model
from amip.optimizer.highs import MAX_SIGN, solve_problem, solver_chatter_to_stderr


@dataclass(frozen=True)
class Solution:
    optimal: bool
    objective: float          #: objective of the new entries (without the fixed entries' part)
    x: np.ndarray             #: new entries per column measure (WarmModel.ids order)
    budget_dual: float        #: objective per extra euro of Neufallbudget


class WarmModel:
    """The allocation LP of a case, solved once and ready to be re-solved."""

    def __init__(self, case: Case, built: BuiltModel | None = None):
        """``built``: the case's allocation model (default objective) as ``optimize`` left it, solved
        to optimality and not changed since: taken as it is instead of built and solved again."""
        import highspy
        import pulp

        self.case = case
        unsupported = [f for f in ("integer", "returns", "staff") if case.planning.uses(f)]
        if unsupported:
            raise InputError(T.WARM_UNSUPPORTED.format(flags=", ".join("--" + f for f in unsupported)))
        if built is None:
            built = build_model(case)
            if solve_problem(built.prob) != pulp.LpStatusOptimal:
                raise SolverError(T.WARM_NO_OPTIMUM)
        self.built = built
        self.h: highspy.Highs = built.prob.solverModel
        self.h.setOptionValue("output_flag", False)
        self.ids = list(built.x)
        self.cols = np.array([v.index for v in built.x.values()], dtype=np.intp)   # indexes even when empty
        #: each column measure's position in ``case.measures`` (= montecarlo.columns(case, ids))
        position = {m.id: j for j, m in enumerate(case.measures)}
        self.positions = np.array([position[mid] for mid in self.ids], dtype=np.intp)
        self.budget_row = built.prob.get_constraint_by_name(BUDGET).index
        lp = self.h.getLp()
        self.budget_rhs0 = float(lp.row_upper_[self.budget_row])
        self.costs0 = np.array(lp.col_cost_)[self.cols]
        self.weights = np.fromiter(map(attrgetter("objective_weight"), case.measures), float,
                                   count=len(case.measures))[self.positions]
        # Statutory share caps measured against the Neufallbudget move with it (rules with base
        # 'egt_zuteilung' do not): (row, share of the budget, row bound − share × budget).
        self.share_rows = []
        for cap in case.rules.share_caps:
            row = built.prob.get_constraint_by_name(cap.name)
            if cap.base != "egt_zuteilung" and row is not None:
                i = row.index
                self.share_rows.append((i, cap.max_share, float(lp.row_upper_[i]) - cap.max_share
                                        * case.budget.neufallbudget_eur))
        self.basis = self.h.getBasis()
        self._inf = highspy.kHighsInf
        self._optimal = highspy.HighsModelStatus.kOptimal
        self._budget = self.budget_rhs0
        self._costs = self.costs0.copy()

    # ------------------------------------------------------------------ inputs in the user's units
    def budget_offset_eur(self) -> float:
        """Neufallbudget − the budget row's bound (the fixed money-only spending)."""
        return self.case.budget.neufallbudget_eur - self.budget_rhs0

    def set_budget(self, neufallbudget_eur: float) -> None:
        rhs = neufallbudget_eur - self.budget_offset_eur()
        if rhs != self._budget:
            self.h.changeRowBounds(self.budget_row, -self._inf, rhs)
            for row, share, offset in self.share_rows:
                self.h.changeRowBounds(row, -self._inf, share * neufallbudget_eur + offset)
            self._budget = rhs

    def set_rates(self, rates: np.ndarray | None) -> None:
        """Integration rates of the column measures (WarmModel.ids order); None = the case's own."""
        costs = self.costs0 if rates is None else MAX_SIGN * np.asarray(rates) * self.weights
        if not np.array_equal(costs, self._costs):
            self.h.changeColsCost(len(self.cols), self.cols, costs)
            self._costs = costs.copy()

    # ------------------------------------------------------------------ solve
    def solve_at(self, budget_eur: float | None = None, rates: np.ndarray | None = None) -> Solution:
        """Solve with this Neufallbudget and these column rates; None = the case's own. Every input
        is set on every call, so nothing of an earlier solve carries over."""
        self.set_budget(self.case.budget.neufallbudget_eur if budget_eur is None else budget_eur)
        self.set_rates(rates)
        return self.solve()

    def solve(self) -> Solution:
        h = self.h
        h.clearSolver()          # drop factorisation and hot-start data of earlier solves …
        h.setBasis(self.basis)   # … and start from the nominal basis: the result depends on the inputs only
        return self._run()

    def solve_warm(self, budget_eur: float) -> Solution:
        """Re-solve at another budget (the case's own rates) from the basis the last solve ended in,
        without the reset of ``solve``: for a walk along a line of budgets that starts from the
        nominal basis and runs in one fixed order, so its result still depends on its inputs only."""
        self.set_budget(budget_eur)
        self.set_rates(None)
        return self._run()

    def _run(self) -> Solution:
        h = self.h
        h.run()
        if h.getModelStatus() != self._optimal:
            return Solution(False, float("nan"), np.full(len(self.cols), np.nan), float("nan"))
        sol = h.getSolution()
        x = np.asarray(sol.col_value)[self.cols]
        return Solution(True, MAX_SIGN * h.getInfo().objective_function_value, x,
                        MAX_SIGN * sol.row_dual[self.budget_row])

    def solve_with(self, *, rows: dict[str, tuple[float, float]] | None = None,
                   cols: dict[str, tuple[float, float]] | None = None, budget_eur: float | None = None) -> Solution:
        """Solve at the case's own rates with some bounds changed for this solve only: ``rows`` maps
        a constraint name to its (lower, upper) bound in the model's terms (±inf allowed: a row
        dropped), ``cols`` a measure id to the (lower, upper) bound of its new entries; ``budget_eur``
        another Neufallbudget. Starts from the nominal basis (as ``solve``); everything is restored
        afterwards, so the next solve sees the case again."""
        inf = self._inf
        lp = self.h.getLp()
        saved_rows, saved_cols = [], []
        for name, (lo, hi) in (rows or {}).items():
            i = self.built.prob.get_constraint_by_name(name).index
            saved_rows.append((i, lp.row_lower_[i], lp.row_upper_[i]))
            self.h.changeRowBounds(i, max(lo, -inf), min(hi, inf))
        for mid, (lo, hi) in (cols or {}).items():
            j = self.built.x[mid].index
            saved_cols.append((j, lp.col_lower_[j], lp.col_upper_[j]))
            self.h.changeColBounds(j, max(lo, -inf), min(hi, inf))
        try:
            self.set_budget(self.case.budget.neufallbudget_eur if budget_eur is None else budget_eur)
            self.set_rates(None)
            return self.solve()
        finally:
            for i, lo, hi in saved_rows:
                self.h.changeRowBounds(i, lo, hi)
            for j, lo, hi in saved_cols:
                self.h.changeColBounds(j, lo, hi)
            self.set_budget(self.case.budget.neufallbudget_eur)

    def row_bounds(self, name: str) -> tuple[float, float]:
        """(lower, upper) of a constraint row in the model's terms (±inf where open)."""
        i = self.built.prob.get_constraint_by_name(name).index
        lp = self.h.getLp()
        return float(lp.row_lower_[i]), float(lp.row_upper_[i])

    def row_dual(self, name: str) -> float:
        """After a solve: the row's shadow price (objective per unit of its bound)."""
        return MAX_SIGN * float(self.h.getSolution().row_dual[self.built.prob.get_constraint_by_name(name).index])

    def cvar_plan(self, coef: np.ndarray, constants: np.ndarray, alpha: float) -> np.ndarray | None:
        """The plan with the best mean objective over the worst ``alpha`` share of the draws (CVaR,
        Rockafellar & Uryasev 2000) under every row and bound of this model at the case's own budget:
        ``coef`` (draws × column measures) the objective per new entry in each draw, ``constants``
        the fixed entries' part of each draw's objective. None if not optimal.

        A separate HiGHS model: this one's LP with its costs set to zero, a threshold column
        ``cvar_threshold``, one shortfall column ``cvar_shortfall_NNNNN`` and one row
        ``cvar__draw_NNNNN`` (shortfall − threshold + objective(x) ≥ −constant) per draw, added as
        one block. Measures whose coefficients agree in every draw (one rate group with one rate and
        range: most of a large table) enter the draw rows through one sum column each
        (``cvar_sum_NNNNN`` = Σ of their new entries, row ``cvar__sum_NNNNN``): the same LP, with
        draws × groups instead of draws × measures nonzeros."""
        import highspy

        self.set_budget(self.case.budget.neufallbudget_eur)
        self.set_rates(None)
        n, m = coef.shape
        cols = self.cols.astype(np.int32)
        uniq, group = _identical_columns(coef)
        sums = uniq is not None and len(uniq) <= m // 2
        with solver_chatter_to_stderr():
            lp = self.h.getLp()
            lp.col_cost_ = np.zeros(lp.num_col_)
            lp.offset_ = 0.0
            h = highspy.Highs()
            h.setOptionValue("output_flag", False)
            h.passModel(lp)
            inf = highspy.kHighsInf
            t = lp.num_col_                       # HiGHS minimises −threshold + Σ shortfall / (α n)
            h.addVar(-inf, inf)
            h.changeColCost(t, -1.0)
            h.addVars(n, np.zeros(n), np.full(n, inf))
            h.changeColsCost(n, np.arange(t + 1, t + 1 + n, dtype=np.int32), np.full(n, 1.0 / (alpha * n)))
            rows = lp.num_row_
            if sums:
                g_count = len(uniq)
                first = t + 1 + n
                h.addVars(g_count, np.full(g_count, -inf), np.full(g_count, inf))
                counts = np.bincount(group, minlength=g_count)
                starts = np.concatenate([[0], np.cumsum(counts + 1)[:-1]]).astype(np.int32)
                index = np.empty(m + g_count, dtype=np.int32)
                values = np.full(m + g_count, -1.0)
                index[starts], values[starts] = first + np.arange(g_count), 1.0
                member = np.ones(m + g_count, bool)
                member[starts] = False
                index[member] = cols[np.argsort(group, kind="stable")]
                h.addRows(g_count, np.zeros(g_count), np.zeros(g_count), m + g_count, starts, index, values)
                for g in range(g_count):
                    h.passColName(first + g, f"cvar_sum_{g:05d}")
                    h.passRowName(rows + g, f"cvar__sum_{g:05d}")
                rows += g_count
                term_index, term_values = first + np.arange(g_count, dtype=np.int32), uniq.T
            else:
                term_index, term_values = cols, coef
            k_terms = len(term_index)
            width = k_terms + 2
            index = np.empty((n, width), dtype=np.int32)
            index[:, :k_terms] = term_index
            index[:, k_terms] = t + 1 + np.arange(n)
            index[:, k_terms + 1] = t
            values = np.empty((n, width))
            values[:, :k_terms] = term_values
            values[:, k_terms] = 1.0
            values[:, k_terms + 1] = -1.0
            h.addRows(n, -np.asarray(constants, dtype=float), np.full(n, inf), n * width,
                      np.arange(n, dtype=np.int32) * width, index.ravel(), values.ravel())
            h.passColName(t, "cvar_threshold")
            for k in range(n):
                h.passColName(t + 1 + k, f"cvar_shortfall_{k:05d}")
                h.passRowName(rows + k, f"cvar__draw_{k:05d}")
            h.run()
        if h.getModelStatus() != self._optimal:
            return None
        return np.asarray(h.getSolution().col_value)[cols]

    def snapshot(self):
        """The LP, the basis and the solution HiGHS holds after the last solve, read once into numpy
        (``amip.optimizer.parametric.Snapshot``), with how each row's upper bound moves per euro of
        Neufallbudget (the budget row 1, the statutory share caps their share)."""
        from amip.optimizer.parametric import Snapshot

        h = self.h
        lp, basis, sol = h.getLp(), h.getBasis(), h.getSolution()
        a = lp.a_matrix_
        start, index = np.asarray(a.start_), np.asarray(a.index_)
        outer = np.repeat(np.arange(len(start) - 1), np.diff(start))
        colwise = a.format_.name == "kColwise"
        n, m = lp.num_col_, lp.num_row_
        moves = np.zeros(n + m)
        moves[n + self.budget_row] = 1.0
        for row, share, _ in self.share_rows:
            moves[n + row] = share
        return Snapshot(col_of_nz=outer if colwise else index, row_of_nz=index if colwise else outer,
                        value_nz=np.asarray(a.value_, dtype=float), cost=np.asarray(lp.col_cost_, dtype=float),
                        lower=np.concatenate([lp.col_lower_, lp.row_lower_]),
                        upper=np.concatenate([lp.col_upper_, lp.row_upper_]),
                        status=np.array([v.value for v in basis.col_status] + [v.value for v in basis.row_status]),
                        value=np.concatenate([sol.col_value, sol.row_value]), offset=float(lp.offset_),
                        moves=moves, budget_row=self.budget_row,
                        budget=self._budget + self.budget_offset_eur())

    def basis_holds_until_eur(self) -> float:
        """After a solve: the Neufallbudget up to which the current basis stays optimal (HiGHS
        ranging of the budget row), i.e. the next kink of the budget frontier; inf if none."""
        rg = self._ranging()
        up = rg.row_bound_up.value_[self.budget_row]
        return float("inf") if abs(up) >= 1e30 else up + self.budget_offset_eur()

    def ranging(self):
        """HiGHS ranging of the nominal optimum (minimisation terms; see sensitivity.ranging)."""
        self.solve_at()
        return self._ranging()

    def _ranging(self):
        import highspy

        status, rg = self.h.getRanging()
        if status == highspy.HighsStatus.kError:
            raise SolverError(T.WARM_RANGING)
        return rg


def _identical_columns(coef: np.ndarray) -> tuple[np.ndarray | None, np.ndarray | None]:
    """The distinct columns of ``coef`` (as rows) and each column's index among them; (None, None)
    if a collision of the fingerprint hides a difference. Fingerprint: a fixed random projection of
    each column (O(draws × columns), not the sort of whole columns), checked exactly in chunks."""
    if coef.size == 0:
        return None, None
    proj = np.random.default_rng(0).standard_normal(coef.shape[0]) @ coef
    _, first, group = np.unique(proj, return_index=True, return_inverse=True)
    group = group.ravel()
    uniq = coef[:, first].T
    for lo in range(0, coef.shape[1], 1024):
        if not np.array_equal(coef[:, lo:lo + 1024].T, uniq[group[lo:lo + 1024]]):
            return None, None
    return uniq, group


# ---------------------------------------------------------------------- batches, in-process or spread
@dataclass(frozen=True)
class Batch:
    """Inputs of many solves: a budget each (euros), or the column rates each (rows of a matrix)."""

    budgets: np.ndarray | None = None
    rates: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.budgets) if self.budgets is not None else len(self.rates)

    def part(self, lo: int, hi: int) -> "Batch":
        return Batch(None if self.budgets is None else self.budgets[lo:hi],
                     None if self.rates is None else self.rates[lo:hi])


@dataclass(frozen=True)
class BatchResult:
    optimal: np.ndarray       #: bool per solve
    objective: np.ndarray     #: objective of the new entries per solve
    x: np.ndarray             #: (solves × column measures) new entries
    budget_dual: np.ndarray   #: objective per extra euro, per solve


def solve_batch(model: WarmModel, batch: Batch, progress: Progress | None = None, chunk: int = 50) -> BatchResult:
    """Every solve of the batch into one preallocated result (no per-chunk parts to join);
    ``progress`` hears of every ``chunk`` solves."""
    n = len(batch)
    ok, obj = np.zeros(n, bool), np.empty(n)
    xs, dual = np.empty((n, len(model.cols))), np.empty(n)
    for i in range(n):
        s = model.solve_at(None if batch.budgets is None else batch.budgets[i],
                           None if batch.rates is None else batch.rates[i])
        ok[i], obj[i], xs[i], dual[i] = s.optimal, s.objective, s.x, s.budget_dual
        if progress and ((i + 1) % chunk == 0 or i + 1 == n):
            progress((i + 1) - (i // chunk) * chunk)
    return BatchResult(ok, obj, xs, dual)


def _join(parts: list[BatchResult]) -> BatchResult:
    return BatchResult(*(np.concatenate([getattr(p, f) for p in parts]) for f in ("optimal", "objective", "x",
                                                                                   "budget_dual")))


_WORKER: WarmModel | None = None


def _init_worker(case: Case) -> None:
    global _WORKER
    import signal

    # Ctrl-C and a closed terminal are the parent's business: it stops the pool (SIGTERM, silent).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGNALS)   # blocked by the parent while it spawned us
    _exit_with_parent()
    with solver_chatter_to_stderr():
        _WORKER = WarmModel(case)


def _exit_with_parent() -> None:
    """A worker ends itself once its parent is gone (killed, or interrupted before it could end its
    workers): no orphan keeps computing, or holds the terminal's pipes open."""
    import os
    import threading
    import time

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.25)
        os._exit(0)

    threading.Thread(target=watch, name="amip-parent-watch", daemon=True).start()


def _run_in_worker(batch: Batch) -> BatchResult:
    assert _WORKER is not None
    return solve_batch(_WORKER, batch)


Progress = Callable[[int], None]     #: called with the number of solves just finished


def run_batches(case: Case, batch: Batch, *, jobs: int = 1, model: WarmModel | None = None,
                progress: Progress | None = None, chunk: int = 50) -> BatchResult:
    """Solve every item of the batch. ``jobs`` > 1 spreads chunks over that many processes; the
    result is the same for every ``jobs`` (each solve starts from the nominal basis)."""
    n = len(batch)
    if jobs > 1:   # fewer, larger chunks: each round trip to a worker costs a pickle of the chunk
        chunk = max(chunk, -(-n // (4 * jobs)))
    bounds = [(lo, min(lo + chunk, n)) for lo in range(0, n, chunk)]
    if jobs <= 1 or len(bounds) <= 1:
        model = model or WarmModel(case)
        with solver_chatter_to_stderr():
            return solve_batch(model, batch, progress, chunk)
    ctx = multiprocessing.get_context("spawn")
    done: dict[int, BatchResult] = {}
    pool = cf.ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker, initargs=(case,))
    try:
        with _signals_blocked():   # a signal waits until every worker has its start-up data (none half-fed)
            futures = {pool.submit(_run_in_worker, batch.part(lo, hi)): k for k, (lo, hi) in enumerate(bounds)}
        for f in cf.as_completed(futures):
            k = futures[f]
            done[k] = f.result()
            if progress:
                progress(bounds[k][1] - bounds[k][0])
        pool.shutdown(wait=True)
    except cf.process.BrokenProcessPool as e:
        _stop(pool)
        raise SolverError(T.WARM_WORKER_DIED.format(jobs=jobs, error=e)) from None
    except BaseException:   # Ctrl-C, SIGTERM, SIGHUP (KeyboardInterrupt), or any error: stop at once
        _stop(pool)
        raise
    return _join([done[k] for k in range(len(bounds))])


def _signal_set() -> set:
    import signal

    return {signal.SIGINT, signal.SIGTERM} | ({signal.SIGHUP} if hasattr(signal, "SIGHUP") else set())


_SIGNALS = _signal_set()


@contextlib.contextmanager
def _signals_blocked():
    """SIGINT/SIGTERM/SIGHUP held (not lost: delivered right after) while the workers are spawned. Two
    layers: the mask, inherited across exec, so a worker cannot get Ctrl-C during its start-up (its
    initializer then ignores SIGINT/SIGHUP and unblocks them); and the Python handlers swapped for a
    recorder, because the mask blocks only this thread — a signal the kernel gives to another thread
    (HiGHS's, Dask's) still ran the handler in the middle of writing a worker's start-up data (a
    partial pipe write checks signals), and the worker died with EOFError and a traceback."""
    import signal
    import threading

    held: list[int] = []
    old_handlers = {}
    if threading.current_thread() is threading.main_thread():
        for s in _SIGNALS:
            with contextlib.suppress(OSError, ValueError):
                old_handlers[s] = signal.signal(s, lambda signum, _frame: held.append(signum))
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    except (AttributeError, OSError, ValueError):
        old = None
    try:
        yield
    finally:
        if old is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)
        for s, h in old_handlers.items():
            signal.signal(s, h if h is not None else signal.SIG_DFL)
        if held:   # the first one held, now as if it came at this moment
            signal.raise_signal(held[0])


def _stop(pool: cf.ProcessPoolExecutor) -> None:
    """End the workers now and drop queued work. The workers ignore SIGINT; SIGTERM ends them without a
    word. The pool's own bookkeeping may still start a replacement while it notices the first deaths,
    so every live child process is ended until none is left (at most ~2 s)."""
    import time

    pool.shutdown(wait=False, cancel_futures=True)
    deadline = time.monotonic() + 2.0
    while True:
        children = multiprocessing.active_children()
        if not children or time.monotonic() > deadline:
            break
        for p in children:
            with contextlib.suppress(Exception):
                p.terminate()
        for p in children:
            with contextlib.suppress(Exception):
                p.join(timeout=0.2)
    # The pool's manager thread closes its wake-up pipe when it sees the workers gone; the interpreter's
    # exit hook (concurrent.futures.process._python_exit) writes to that pipe. Racing, the hook wrote to
    # the just-closed pipe and printed "OSError: [Errno 9] Bad file descriptor" with a traceback after
    # the one-line message (SIGHUP to a `--jobs` run, Python 3.11). Waiting here until the thread has
    # closed it leaves the hook nothing to write to.
    manager = getattr(pool, "_executor_manager_thread", None)
    if manager is not None and manager.is_alive():
        manager.join(timeout=2.0)
