"""Monte Carlo over the integration rates: re-optimise per draw, and find a robust plan.

Rates are drawn with ``amip.optimizer.uncertainty.draw_rates`` (seeded, grouped by instrument type). For
each draw the warm model re-solves (``amip.optimizer.warm``). The report gives

- P5/P50/P95 of the integrations the re-optimised plan reaches in each draw;
- per measure the probability that it gets new entries (funding) and that it is filled to its bound;
- the same percentiles for the *nominal* plan (optimised for the point rates, then exposed to the drawn
  rates), which is what a planner commits to;
- a **robust plan**: the plan with the best mean of its worst 5 % of draws (CVaR, sample average over
  the same draws; Rockafellar & Uryasev 2000), with its own percentiles. It is one LP, built in PuLP
  on top of the allocation model, so it keeps every constraint of the plan.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from amip import texts as T
from amip.models import Case
from amip.optimizer.uncertainty import draw_rates
from amip.optimizer.warm import Batch, Progress, WarmModel, run_batches

FUNDED_TOL = 1e-6     #: new entries above this count as funding


@dataclass(frozen=True)
class Outcomes:
    """Integrations and objective of a plan (or of the per-draw optima) across the draws."""

    integrations: np.ndarray
    objective: np.ndarray

    def summary(self, alpha: float) -> dict:
        v = self.integrations
        k = max(1, int(np.ceil(alpha * len(v))))
        return {"p5": float(np.percentile(v, 5)), "p50": float(np.percentile(v, 50)),
                "p95": float(np.percentile(v, 95)), "mean": float(v.mean()),
                "std": float(v.std(ddof=1)) if len(v) > 1 else 0.0,
                "cvar": float(np.sort(v)[:k].mean()), "min": float(v.min()), "max": float(v.max())}


@dataclass(frozen=True)
class MonteCarlo:
    draws: int
    seed: int
    alpha: float
    ids: list[str]                    #: column measures (with new entries)
    rates: np.ndarray                 #: (draws × all measures)
    optimum: Outcomes                 #: re-optimised per draw
    x: np.ndarray                     #: (draws × column measures) new entries of the per-draw optimum
    nominal: Outcomes                 #: the nominal plan under the drawn rates
    nominal_x: np.ndarray
    robust: Outcomes
    robust_x: np.ndarray
    upper: np.ndarray                 #: upper bounds of the column measures
    infeasible_draws: int

    def funding_probability(self) -> dict[str, float]:
        p = (self.x > FUNDED_TOL).mean(axis=0) if len(self.x) else np.full(len(self.ids), np.nan)
        return dict(zip(self.ids, p.tolist(), strict=True))

    def at_upper_probability(self) -> dict[str, float]:
        tol = 1e-6 * np.maximum(1.0, self.upper)
        p = (self.x >= self.upper - tol).mean(axis=0) if len(self.x) else np.full(len(self.ids), np.nan)
        return dict(zip(self.ids, p.tolist(), strict=True))

    def histogram(self, bins: int = 30) -> dict:
        counts, edges = np.histogram(self.optimum.integrations, bins=bins)
        return {"edges": [float(e) for e in edges], "counts": [int(c) for c in counts]}


def columns(case: Case, ids) -> list[int]:
    """Positions of the measures ``ids`` in ``case.measures``: picks their columns from a
    (draws × all measures) matrix."""
    pos = {m.id: j for j, m in enumerate(case.measures)}
    return [pos[mid] for mid in ids]


def _entries(case: Case, ids: list[str], x: np.ndarray) -> np.ndarray:
    """Total entries of every measure (fixed + new) for each row of x (rows × all measures)."""
    fixed = np.array([m.fixed_entries for m in case.measures])
    out = np.tile(fixed, (x.shape[0], 1))
    out[:, columns(case, ids)] += x
    return out


def outcomes(case: Case, rates: np.ndarray, ids: list[str], x: np.ndarray) -> Outcomes:
    """Integrations and objective per draw of plans ``x`` (one row per draw, or one row for all).
    One plan or one set of rates: matrix-vector products; many of both: in blocks of rows, so no
    draws × measures temporary larger than ~8 MB is ever held."""
    x = np.atleast_2d(x)
    weights = np.array([m.objective_weight for m in case.measures])
    if len(x) == 1:
        e = _entries(case, ids, x)[0]
        return Outcomes(rates @ e, rates @ (weights * e))
    if len(rates) == 1:
        e = _entries(case, ids, x)
        return Outcomes(e @ rates[0], e @ (weights * rates[0]))
    integ, obj = np.empty(len(x)), np.empty(len(x))
    step = max(1, (1 << 20) // max(1, rates.shape[1]))
    for lo in range(0, len(x), step):
        e = _entries(case, ids, x[lo:lo + step])
        r = rates[lo:lo + step]
        integ[lo:lo + step] = np.einsum("ij,ij->i", r, e)
        e *= weights
        obj[lo:lo + step] = np.einsum("ij,ij->i", r, e)
    return Outcomes(integ, obj)


def robust_plan(case: Case, rates: np.ndarray, alpha: float, model: WarmModel | None = None,
                col_rates: np.ndarray | None = None) -> dict[str, float]:
    """Maximise the mean objective of the worst ``alpha`` share of the draws (CVaR), under every
    constraint of the allocation LP (``WarmModel.cvar_plan``: the allocation model as HiGHS holds it,
    with one row per draw added as one numpy block). Returns the new entries per column measure.
    ``col_rates``: ``rates`` of the warm model's columns, if the caller has them already."""
    from amip.errors import SolverError

    model = model or WarmModel(case)
    cols = columns(case, model.ids)
    constants = outcomes(case, rates, model.ids, np.zeros((1, len(cols)))).objective   # the fixed entries' part
    weights = np.array([m.objective_weight for m in case.measures])[cols]
    coef = rates[:, cols] if col_rates is None else col_rates
    x = model.cvar_plan(coef if (weights == 1.0).all() else coef * weights, constants, alpha)
    if x is None:
        raise SolverError(T.MC_NO_ROBUST)
    return dict(zip(model.ids, x.tolist(), strict=True))


def run_monte_carlo(case: Case, *, draws: int, seed: int, jobs: int = 1, alpha: float = 0.05,
                    model: WarmModel | None = None, progress: Progress | None = None) -> MonteCarlo:
    model = model or WarmModel(case)
    rates = draw_rates(case.measures, draws, seed)
    col_rates = rates[:, columns(case, model.ids)]
    res = run_batches(case, Batch(rates=col_rates), jobs=jobs, model=model, progress=progress)
    ok = res.optimal
    x = res.x[ok]
    upper = np.array([case.measure(mid).upper_entries for mid in model.ids])
    nominal_x = np.array([[float(model.built.x[mid].value() or 0.0) for mid in model.ids]])
    robust = robust_plan(case, rates, alpha, model, col_rates)
    robust_x = np.array([[robust[mid] for mid in model.ids]])
    return MonteCarlo(
        draws=draws, seed=seed, alpha=alpha, ids=model.ids, rates=rates,
        optimum=outcomes(case, rates if ok.all() else rates[ok], model.ids, x), x=x,
        nominal=outcomes(case, rates, model.ids, nominal_x), nominal_x=nominal_x[0],
        robust=outcomes(case, rates, model.ids, robust_x), robust_x=robust_x[0], upper=upper,
        infeasible_draws=int((~ok).sum()))
