"""The kinks of the budget frontier by a parametric dual simplex in numpy, from one HiGHS basis.

The budget frontier is piecewise linear in the Neufallbudget; it bends where the optimal basis
changes and the budget's shadow price with it. Asking HiGHS for each kink (ranging, then a re-solve
just past it) costs a whole ``run()`` and ``getRanging()`` per kink, each O(measures) inside HiGHS,
and the kinks grow with the measures: O(n²) in all. This module reads the LP and the optimal basis at
the first frontier point once (``Snapshot``, from ``WarmModel.snapshot``) and walks on from there
itself, the textbook way (e.g. Vanderbei, *Linear Programming*, ch. 7, parametric self-dual method;
here only the right-hand side moves):

- with the variables z = (columns x, row activities r = A x) and the basis matrix M (the basic
  columns of [A −I], m × m, m = rows of the model, a handful), a euro more Neufallbudget moves the
  basic values by M⁻¹ g (g: how the budget row's bound and the statutory share caps' bounds move);
- the ratio test gives the budget at which the first basic variable reaches a bound: a basis change;
- one dual simplex pivot there (the leaving variable goes to its bound; the entering one is the
  nonbasic variable with the smallest |reduced cost / pivot-row entry| of the right sign), with its
  pivot row A'ρ for all columns computed in one vectorised product.

Per kink that is O(m³ + nonzeros) numpy work, not a HiGHS run. The walk is checked against HiGHS at
every frontier point it passes (the points were solved independently, from the nominal basis): the
budget's shadow price and the objective must agree, else ``WalkFailed`` is raised and the caller
walks with HiGHS instead. Units: budgets in euros of Neufallbudget; duals in HiGHS's minimisation.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

LOWER, BASIC, UPPER, ZERO = 0, 1, 2, 3    #: HiGHS's basis status codes (kNonbasic = 4 does not occur)
MAX_ROWS = 400                            #: more rows: the dense m × m basis algebra would dominate


class WalkFailed(Exception):
    """The numpy walk cannot go on or disagrees with HiGHS: walk with HiGHS instead."""


@dataclass(frozen=True)
class Snapshot:
    """The LP and an optimal basis as HiGHS holds them (minimisation), read once."""

    col_of_nz: np.ndarray     #: column of each nonzero of A
    row_of_nz: np.ndarray     #: row of each nonzero
    value_nz: np.ndarray
    cost: np.ndarray          #: per column
    lower: np.ndarray         #: per variable z = (columns, rows)
    upper: np.ndarray
    status: np.ndarray        #: per variable, HiGHS basis status code
    value: np.ndarray         #: per variable
    offset: float             #: objective constant
    moves: np.ndarray         #: per variable: change of its upper bound per euro of Neufallbudget
    budget_row: int
    budget: float             #: the Neufallbudget of the snapshot


@dataclass(frozen=True)
class Kink:
    budget: float             #: euros of Neufallbudget
    objective: float          #: HiGHS's objective at the kink (minimisation, with the LP's offset)
    dual_before: float        #: the budget row's dual (HiGHS's sign) just below
    dual_after: float
    before: dict[int, float]  #: column → value just below the kink (columns that move there)
    after: dict[int, float]   #: column → value just above


class Walk:
    def __init__(self, snap: Snapshot):
        self.s = snap
        n = len(snap.cost)
        self.n = n
        self.m = len(snap.lower) - n
        if self.m > MAX_ROWS:
            raise WalkFailed(f"{self.m} rows")
        self.lower = snap.lower.astype(float).copy()
        self.upper = snap.upper.astype(float).copy()
        self.status = snap.status.astype(np.int8).copy()
        self.z = snap.value.astype(float).copy()
        self.cz = np.concatenate([snap.cost, np.zeros(self.m)])
        self.basis = np.flatnonzero(self.status == BASIC)
        if len(self.basis) != self.m:
            raise WalkFailed("basis size")
        self.budget = snap.budget
        self.movers = np.flatnonzero(snap.moves)
        order = np.argsort(snap.col_of_nz, kind="stable")     # column-wise, for the basis columns
        self.nz_col, self.nz_row, self.nz_val = snap.col_of_nz[order], snap.row_of_nz[order], snap.value_nz[order]
        self.col_start = np.searchsorted(self.nz_col, np.arange(n + 1))
        self._factor()
        self.exact_basic_values()

    # ------------------------------------------------------------------ basis algebra
    def _factor(self) -> None:
        self._invert()
        self.pi = self.Minv.T @ self.cz[self.basis]          # row duals (HiGHS's row_dual)
        self._direction()

    def _invert(self) -> None:
        """M⁻¹ of the current basis (``Reprice`` needs no more of ``_factor``)."""
        n, m = self.n, self.m
        M = np.zeros((m, m))
        for k, j in enumerate(self.basis.tolist()):      # m columns (the rows of the model), not n
            if j >= n:
                M[j - n, k] = -1.0
            else:
                a, b = self.col_start[j], self.col_start[j + 1]
                M[self.nz_row[a:b], k] = self.nz_val[a:b]
        try:
            self.Minv = np.linalg.inv(M)
        except np.linalg.LinAlgError:
            raise WalkFailed("singular basis") from None
        if not np.isfinite(self.Minv).all():
            raise WalkFailed("singular basis")

    def _direction(self) -> None:
        """Change of every basic value per euro of Neufallbudget; nonbasic moving rows move with
        their bound."""
        n = self.n
        h = np.zeros(self.m)
        nb = self.movers[self.status[self.movers] != BASIC]
        at_up = nb[self.status[nb] == UPPER]
        h[at_up - n] = self.s.moves[at_up]
        self.dB = self.Minv @ h
        self.moving_nb = at_up

    #: the constraint matrix as a dense m × n array (``use_dense``), or None: A'y and Ax from the
    #: nonzeros by np.bincount, which sums in the nonzeros' order
    dense: np.ndarray | None = None

    def use_dense(self, limit: int) -> None:
        """A'y and Ax as dense matrix-vector products (BLAS: ~3× faster than np.bincount over the
        nonzeros at 10.000 columns and a handful of rows) when m × n is at most ``limit`` entries; the
        sums then come in another order (the same values to rounding, ~1e-13 relative)."""
        if self.m * self.n <= limit:
            self.dense = np.zeros((self.m, self.n))
            np.add.at(self.dense, (self.nz_row, self.nz_col), self.nz_val)

    def _times_a(self, y: np.ndarray) -> np.ndarray:
        """A'y: one value per column."""
        if self.dense is not None:
            return y @ self.dense
        return np.bincount(self.nz_col, weights=self.nz_val * y[self.nz_row], minlength=self.n)

    def times_a_rows(self, y: np.ndarray) -> np.ndarray:
        """A'y for each row y of ``y`` (rows × columns of the model)."""
        if self.dense is not None:
            return y @ self.dense
        return np.array([self._times_a(row) for row in y]).reshape(len(y), self.n)

    def a_times_rows(self, x: np.ndarray) -> np.ndarray:
        """Ax for each row x of ``x`` (one value per row of the model, per row of ``x``)."""
        if self.dense is not None:
            return x @ self.dense.T
        return np.array([self.a_times(row) for row in x]).reshape(len(x), self.m)

    def a_times(self, x: np.ndarray) -> np.ndarray:
        """Ax: one value per row (x over the columns)."""
        if self.dense is not None:
            return self.dense @ x
        return np.bincount(self.nz_row, weights=self.nz_val * x[self.nz_col], minlength=self.m)

    def exact_basic_values(self) -> None:
        """Basic values from the nonbasic ones (M z_B = −A x_N + r_N) and the reduced costs from the
        duals (d = c − [A −I]'π): the drift of the steps and pivots removed."""
        n = self.n
        zn = np.where(self.status == BASIC, 0.0, self.z)
        rhs = -self.a_times(zn[:n])
        rhs += zn[n:]
        self.z[self.basis] = self.Minv @ rhs
        self.d = self.cz.copy()
        self.d[:n] -= self._times_a(self.pi)
        self.d[n:] = self.pi
        self.d[self.basis] = 0.0

    def budget_dual(self) -> float:
        d = float(self.pi[self.s.budget_row])
        return 0.0 if abs(d) < 1e-15 else d     # M⁻¹'s rounding where HiGHS has an exact 0

    def objective(self) -> float:
        return float(self.s.cost @ self.z[: self.n] + self.s.offset)

    # ------------------------------------------------------------------ steps
    def ratio(self) -> tuple[float, int, int]:
        """(euros until the first basic variable reaches a bound, its position in the basis, +1 for
        its upper bound / −1 for its lower)."""
        B = self.basis
        z, lo, up, d = self.z[B], self.lower[B], self.upper[B], self.dB
        g = self.s.moves[B]
        scale = max(1e-300, float(np.abs(d).max(initial=0.0)))
        tol = 1e-11 * scale
        rate_up = d - g
        with np.errstate(divide="ignore", invalid="ignore"):
            to_up = np.where((rate_up > tol) & np.isfinite(up), (up - z) / rate_up, np.inf)
            to_lo = np.where((d < -tol) & np.isfinite(lo), (z - lo) / -d, np.inf)
        to_up, to_lo = np.maximum(to_up, 0.0), np.maximum(to_lo, 0.0)
        iu, il = int(np.argmin(to_up)), int(np.argmin(to_lo))
        if to_up[iu] <= to_lo[il]:
            return float(to_up[iu]), iu, 1
        return float(to_lo[il]), il, -1

    def move(self, step: float) -> None:
        if step <= 0.0:
            return
        self.z[self.basis] += self.dB * step
        self.z[self.moving_nb] += self.s.moves[self.moving_nb] * step
        self.upper[self.movers] += self.s.moves[self.movers] * step
        self.budget += step

    def pivot_row(self, r: int) -> tuple[int, np.ndarray, float]:
        """The basic variable at position r, its row of the tableau over every column and slack, and the
        tolerance below which an entry of that row counts as zero (shared by the budget walk's pivot and
        Reprice's dual ratio test)."""
        p = int(self.basis[r])
        rho = self.Minv[r]
        alpha = np.empty(self.n + self.m)
        alpha[:self.n] = self._times_a(rho)
        alpha[self.n:] = -rho
        return p, alpha, 1e-9 * max(1.0, float(alpha.max()), -float(alpha.min()))     # max |α|, no temporary

    def pivot(self, r: int, side: int) -> None:
        """The basic variable at position r leaves to its upper (side +1) or lower (−1) bound."""
        p, alpha, tol = self.pivot_row(r)
        d = self.d
        st = self.status
        sa = side * alpha
        free = self.lower < self.upper
        ok = free & (((st == LOWER) & (sa > tol)) | ((st == UPPER) & (sa < -tol)) | ((st == ZERO) & (np.abs(sa) > tol)))
        ok[p] = False
        cand = np.flatnonzero(ok)
        if not len(cand):
            raise WalkFailed("no entering variable")
        a = np.abs(alpha[cand])
        ratio = np.abs(d[cand]) / a
        bound = float(np.min((np.abs(d[cand]) + 1e-9) / a))        # Harris: within the tolerance …
        near = ratio <= bound
        q = int(cand[near][np.argmax(a[near])])                     # … the largest pivot
        d -= (d[q] / alpha[q]) * alpha                              # the reduced costs of the new basis
        d[q] = 0.0
        st[p] = UPPER if side > 0 else LOWER
        self.z[p] = self.upper[p] if side > 0 else self.lower[p]
        st[q] = BASIC
        self.basis[r] = q
        self._factor()


def walk(snap: Snapshot, budgets: np.ndarray, duals: np.ndarray, objectives: np.ndarray, record: np.ndarray,
         *, eps_of=lambda b: max(1.0, 1e-9 * b), max_pivots: int | None = None) -> list[tuple[int, Kink]]:
    """Walk from ``snap`` (optimal at ``budgets[0]``) through every budget of ``budgets`` (ascending),
    where HiGHS found the budget row's dual ``duals`` and the objective ``objectives`` (both in
    HiGHS's minimisation); ``record[i]``: report the kinks between budgets i and i+1. Returns
    (interval, kink) for every basis change that changes the budget's dual."""
    w = Walk(snap)
    out: list[tuple[int, Kink]] = []
    pivots = 0
    max_pivots = max_pivots or 20 * (w.n + w.m) + 1000
    _agree(w, duals[0], objectives[0], budgets[0])
    step, r, side = w.ratio()
    for i in range(len(budgets) - 1):
        target = float(budgets[i + 1])
        while True:
            left = target - w.budget
            if step >= left - 1e-9 * max(1.0, abs(target)):
                w.move(left)
                w.budget = target
                step -= left
                break
            w.move(step)
            kink = w.budget
            eps = eps_of(kink)
            dual0, objective = w.budget_dual(), w.objective()
            basis0, dB0 = w.basis.copy(), w.dB.copy()
            while True:                         # every pivot at this budget (degenerate ones too)
                w.pivot(r, side)
                pivots += 1
                if pivots > max_pivots:
                    raise WalkFailed("too many pivots")
                step, r, side = w.ratio()
                if step > 1e-9 * max(1.0, abs(kink)):
                    break
            dual1 = w.budget_dual()
            # the yield changes (1e-12 per euro: the noise of M⁻¹ where HiGHS has an exact 0)
            if record[i] and abs(dual0 - dual1) > 1e-9 * abs(dual0) + 1e-12:
                cols = np.union1d(basis0[basis0 < w.n], w.basis[w.basis < w.n])
                pos0 = {int(j): k for k, j in enumerate(basis0)}
                pos1 = {int(j): k for k, j in enumerate(w.basis)}
                before = {int(j): float(w.z[j] - eps * dB0[pos0[int(j)]]) if int(j) in pos0 else float(w.z[j])
                          for j in cols}
                after = {int(j): float(w.z[j] + eps * w.dB[pos1[int(j)]]) if int(j) in pos1 else float(w.z[j])
                         for j in cols}
                out.append((i, Kink(kink, objective, dual0, dual1, before, after)))
        w.exact_basic_values()
        _agree(w, duals[i + 1], objectives[i + 1], target)
        step, r, side = w.ratio()
    return out


def _agree(w: Walk, dual: float, objective: float, budget: float) -> None:
    """The walk's dual and objective at a frontier point against HiGHS's solve there."""
    if not abs(w.budget_dual() - dual) <= 1e-7 * max(abs(dual), 1e-12) + 1e-14:
        raise WalkFailed(f"dual at {budget}: {w.budget_dual()} vs {dual}")
    if not abs(w.objective() - objective) <= 1e-7 * max(1.0, abs(objective)):
        raise WalkFailed(f"objective at {budget}: {w.objective()} vs {objective}")


# ---------------------------------------------------------------------- other costs, same constraints
class Reprice:
    """The snapshot's LP re-optimised for other column costs, each time from the snapshot's optimal
    basis, by the dual simplex in numpy (e.g. Vanderbei, *Linear Programming*, ch. 6): with the new
    costs every nonbasic variable with a finite bound on the side its reduced cost asks for is put on
    that bound (the basis is then dual feasible), the basic values follow, and while one of them lies
    outside its bounds it leaves the basis by ``Walk.pivot`` (the dual ratio test with Harris's
    tolerance). For rate draws a few pivots reach the new optimum, each O(m³ + nonzeros) numpy work,
    where a HiGHS ``run()`` costs several milliseconds of set-up at 10.000 columns.

    ``solve`` returns the column values only with a certificate: the basic values recomputed from the
    nonbasic ones lie within their bounds and every reduced cost has the sign of an optimum (both to
    the tolerances below) — the LP optimality conditions, checked, not assumed. Otherwise (a wrong
    sign on a one-sided bound, too many pivots, no entering variable, a singular basis, a failed
    check) it returns None and the caller solves with HiGHS. The optimal value is unique; with several
    optimal plans this one may differ from HiGHS's, so callers use it where only values count (the
    headline's objective per draw)."""

    MAX_PIVOTS = 100
    DUAL_TOL = 1e-9          #: × max(1, largest |cost|): a reduced cost of the wrong sign within this is 0
    PRIMAL_TOL = 1e-9        #: × max(1, |bound|): a basic value outside its bound within this is on it
    FAR = 1e6                #: artificial bound: this × max(1, |value|) away

    DENSE = 4_000_000        #: A held dense (32 MB) up to this many entries, e.g. 8 rows × 500.000 columns

    def __init__(self, snap: Snapshot):
        self.w = Walk(snap)
        w = self.w
        w.use_dense(self.DENSE)
        self.start = (w.status.copy(), w.z.copy(), w.basis.copy(), w.Minv.copy())
        self.free = w.lower < w.upper
        self.bounds = (w.lower.copy(), w.upper.copy())
        status, z = self.start[:2]
        self.nonbasic = self.free & (status != BASIC)     # nonbasic at the start of every draw
        self.has_zero = bool((self.free & (status == ZERO)).any())
        #: the free nonbasic variables at their lower / upper bound, kept with ``w.status`` (the dual
        #: ratio test's candidates without comparing the status codes on every pivot)
        self.at_lower = self.at_upper = np.zeros(len(status), bool)
        # the bounds a nonbasic variable is put on at the start: a one-sided variable whose reduced cost
        # asks for its missing bound (a field minimum that stops binding) gets an artificial one far
        # away; the certificate, against the true bounds, refuses a result that leaves it there
        far = self.FAR * np.maximum(1.0, np.abs(z))
        lower, upper = self.bounds
        self.start_lower = np.where(np.isfinite(lower), lower, z - far)
        self.start_upper = np.where(np.isfinite(upper), upper, z + far)
        self.one_sided_up = np.flatnonzero(self.nonbasic & ~np.isfinite(upper))
        self.one_sided_lo = np.flatnonzero(self.nonbasic & ~np.isfinite(lower))
        self.far_set = False       #: artificial bounds in w.lower / w.upper (restored by ``_true_bounds``)
        # the primal tolerances per variable, from its bound or its artificial one: where a bound is
        # infinite its tolerance does not matter (a value is never beyond it)
        self.tol_lo = self.PRIMAL_TOL * np.maximum(1.0, np.abs(self.start_lower))
        self.tol_up = self.PRIMAL_TOL * np.maximum(1.0, np.abs(self.start_upper))
        #: the first pivot of every draw leaves from the start basis: its pivot rows (``Walk.pivot_row``
        #: at basis position r, with the masks of its entries above +tol and below −tol) are the same
        #: for every draw, kept per r once made when A is held dense (at most as many entries as A)
        self.start_rows: dict[int, tuple] | None = {} if w.dense is not None else None
        self.at_start = False      #: the basis of ``w`` is the start basis (set per draw, cleared by a pivot)

    def _reduced(self) -> None:
        """Duals and reduced costs of the current basis (``w.pi``, ``w.d``)."""
        w = self.w
        w.pi = w.Minv.T @ w.cz[w.basis]
        w.d = np.empty(w.n + w.m)
        np.subtract(w.cz[:w.n], w._times_a(w.pi), out=w.d[:w.n])
        w.d[w.n:] = w.pi
        w.d[w.basis] = 0.0

    def _true_bounds(self) -> None:
        if self.far_set:
            self.w.lower[:], self.w.upper[:] = self.bounds
            self.far_set = False

    def solve(self, cost: np.ndarray) -> np.ndarray | None:
        """Column values of an optimum for the column costs ``cost`` (HiGHS's minimisation), or None."""
        x, ok = self.solve_block(cost[None, :])
        return x[0] if ok[0] else None

    def solve_block(self, costs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``solve`` for each row of ``costs`` (draws × columns): the column values (draws × columns) and
        which rows are certified optimal (the others' values are undefined). The start — the new
        reduced costs of the snapshot's basis, every nonbasic variable on the bound they ask for, the
        basic values — is the same algebra for every draw and made for all rows at once (matrix
        products; the caller sizes the block, every matrix here is draws × variables); a draw whose
        basic values lie within their bounds is certified there too, the others pivot one by one
        (``_iterate``)."""
        w = self.w
        n = w.n
        status0, z0, basis0, minv0 = self.start
        x = np.empty_like(costs, dtype=float)
        ok = np.zeros(len(costs), bool)
        cz = np.zeros((len(costs), n + w.m))
        cz[:, :n] = costs
        dtol = self.DUAL_TOL * np.maximum(1.0, np.abs(costs).max(axis=1, initial=0.0))
        pi = cz[:, basis0] @ minv0                       # per draw: Minv'c_B, the row duals
        d = cz                                           # reduced costs c − [A −I]'π, in place of cz
        d[:, :n] -= w.times_a_rows(pi)
        d[:, n:] = pi
        d[:, basis0] = 0.0
        up = self.nonbasic & (d < -dtol[:, None])        # to the upper bound
        down = self.nonbasic & (d > dtol[:, None])       # to the lower bound
        z = np.where(up, self.start_upper, np.where(down, self.start_lower, z0))
        z[:, basis0] = 0.0
        z[:, basis0] = (z[:, n:] - w.a_times_rows(z[:, :n])) @ minv0.T     # the basic values
        lower, upper = self.bounds
        zb = z[:, basis0]
        feasible = ((zb >= lower[basis0] - self.tol_lo[basis0])
                    & (zb <= upper[basis0] + self.tol_up[basis0])).all(axis=1)
        for i in np.flatnonzero(feasible):               # optimal at the start: certify
            ok[i] = self._certify(z[i], d[i], self.nonbasic, dtol[i], x[i])
        rest = np.flatnonzero(~feasible)
        status = np.where(up[rest], UPPER, np.where(down[rest], LOWER, status0)).astype(status0.dtype)
        at_lower, at_upper = self.free & (status == LOWER), self.free & (status == UPPER)
        for k, i in enumerate(rest):                     # pivot from the start, one draw at a time
            w.status[:], w.z[:], w.basis, w.Minv = status[k], z[i], basis0.copy(), minv0
            self.at_lower, self.at_upper = at_lower[k], at_upper[k]
            w.cz[:n] = costs[i]
            w.pi, w.d = pi[i], d[i]
            self._true_bounds()
            far_up = self.one_sided_up[up[i, self.one_sided_up]]
            far_lo = self.one_sided_lo[down[i, self.one_sided_lo]]
            if len(far_up) or len(far_lo):
                w.upper[far_up], w.lower[far_lo] = self.start_upper[far_up], self.start_lower[far_lo]
                self.far_set = True
            self.at_start = True
            ok[i] = self._iterate(dtol[i], x[i])
        return x, ok

    def _iterate(self, dtol: float, x: np.ndarray) -> bool:
        """Dual simplex pivots from the state in ``self.w`` until the basic values lie within their
        bounds, then the certificate; the column values into ``x``. False: not certified."""
        w = self.w
        try:
            for _ in range(self.MAX_PIVOTS + 1):
                zb = w.z[w.basis]
                tol_lo, tol_up = self.tol_lo[w.basis], self.tol_up[w.basis]
                below = w.lower[w.basis] - tol_lo - zb
                above = zb - w.upper[w.basis] - tol_up
                worst = np.maximum(below, above)
                r = int(np.argmax(worst)) if len(worst) else 0
                if not len(worst) or worst[r] <= 0.0:
                    self._true_bounds()
                    if not ((zb >= w.lower[w.basis] - tol_lo).all() and (zb <= w.upper[w.basis] + tol_up).all()):
                        return False
                    return self._certify(w.z, w.d, self._nonbasic(), dtol, x)
                if not self._pivot(r, to_lower=below[r] >= above[r]):
                    return False
        except WalkFailed:
            return False
        return False

    def _pivot(self, r: int, *, to_lower: bool) -> bool:
        """The basic variable at position r leaves to its lower (or upper) bound; the dual ratio test
        with bound flips (the "long step" rule): the candidates in the order of their ratios
        |d_j / α_j| pass to their other bound while the leaving variable's infeasibility is not yet
        used up by their flips, the first one that would use it up enters. False: no entering
        variable (the row cannot reach its bound)."""
        w = self.w
        p, alpha, rises, falls = self._pivot_row(r)   # the leaving variable's row, its entries by sign
        st = w.status
        # sa = −α when it leaves to its lower bound: sa > tol is α < −tol, and sa < −tol is α > tol
        ok = (self.at_lower & (falls if to_lower else rises)) | (self.at_upper & (rises if to_lower else falls))
        if self.has_zero:
            ok |= self.free & (st == ZERO) & (rises | falls)
        ok[p] = False
        cand = np.flatnonzero(ok)
        if not len(cand):
            return False
        a = np.abs(alpha[cand])
        ratio = np.abs(w.d[cand]) / a
        need = (w.lower[p] - w.z[p]) if to_lower else (w.z[p] - w.upper[p])
        first = min(len(cand), 512)     # the smallest ratios, in order: mostly a few hundred decide, on
        while True:                     # large tables thousands (4× more each time: sort no more than needed)
            part = np.argpartition(ratio, first - 1)[:first] if first < len(cand) else np.arange(len(cand))
            order = part[np.argsort(ratio[part], kind="stable")]
            c, aa = cand[order], a[order]
            boxed = (st[c] != ZERO) & np.isfinite(w.lower[c]) & np.isfinite(w.upper[c])
            capacity = np.where(boxed, aa * (w.upper[c] - w.lower[c]), np.inf)
            k = int(np.searchsorted(np.cumsum(capacity), need, side="right"))   # flips before k leave need > 0
            if k < first or first == len(cand):
                break
            first = min(len(cand), 4 * first)
        cand = c
        if k >= len(cand):
            flips, q = cand, None                    # every flip together does not reach the bound
        else:
            flips, q = cand[:k], int(cand[k])
        to_up = flips[st[flips] == LOWER]
        to_lo = flips[st[flips] == UPPER]
        w.z[to_up], st[to_up] = w.upper[to_up], UPPER
        w.z[to_lo], st[to_lo] = w.lower[to_lo], LOWER
        self.at_lower[to_up], self.at_upper[to_up] = False, True
        self.at_lower[to_lo], self.at_upper[to_lo] = True, False
        if q is not None:
            w.z[p] = w.lower[p] if to_lower else w.upper[p]
            st[p] = LOWER if to_lower else UPPER
            st[q] = BASIC
            self.at_lower[p], self.at_upper[p] = self.free[p] and to_lower, self.free[p] and not to_lower
            self.at_lower[q] = self.at_upper[q] = False
            w.basis[r] = q
            w._invert()
            self.at_start = False
        self._reduced()
        self._basic_values()
        return True

    def _pivot_row(self, r: int) -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
        """``Walk.pivot_row(r)`` as (leaving variable, row, entries above +tol, entries below −tol); at
        the start basis from ``start_rows`` (made on first use)."""
        if self.at_start and self.start_rows is not None and r in self.start_rows:
            return self.start_rows[r]
        p, alpha, tol = self.w.pivot_row(r)
        row = (p, alpha, alpha > tol, alpha < -tol)
        if self.at_start and self.start_rows is not None:
            self.start_rows[r] = row
        return row

    def _basic_values(self) -> None:
        """The basic values from the nonbasic ones (as ``Walk.exact_basic_values``, without the
        reduced costs, which ``_reduced`` keeps)."""
        w = self.w
        zn = w.z.copy()
        zn[w.basis] = 0.0
        rhs = zn[w.n:] - w.a_times(zn[:w.n])
        w.z[w.basis] = w.Minv @ rhs

    def _nonbasic(self) -> np.ndarray:
        """The free nonbasic variables (free & status not BASIC)."""
        out = self.at_lower | self.at_upper
        if self.has_zero:
            out |= self.free & (self.w.status == ZERO)
        return out

    def _certify(self, z: np.ndarray, d: np.ndarray, nonbasic: np.ndarray, dtol: float, x: np.ndarray) -> bool:
        """The optimality certificate of a basis whose basic values lie within their bounds (checked by
        the caller, which refuses NaN there): every nonbasic reduced cost of the sign of an optimum — not
        below −tolerance where a variable is below its true upper bound, not above +tolerance where it
        is above its true lower bound. The column values (clipped to their bounds) into ``x``."""
        lower, upper = self.bounds
        if (nonbasic & (((d < -dtol) & (z < upper)) | ((d > dtol) & (z > lower)))).any():
            return False
        n = self.w.n
        np.minimum(np.maximum(z[:n], lower[:n]), upper[:n], out=x)       # np.clip, without its overhead
        return True
