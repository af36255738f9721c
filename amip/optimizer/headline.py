"""The headline of `amip optimize` and `amip report`: the optimum with its P5–P95 (issue 14, item 4),
made without wasted work (issue 29, item 1).

The integration rates (in the case's effect measure) are drawn from their ranges, seeded and grouped
as in ``amip.optimizer.montecarlo.run_monte_carlo`` (``amip.optimizer.uncertainty.RateDraws``), and the
LP is re-optimised per draw from the nominal optimum's basis. Four things save work:

- **No range, no draws.** When no measure's rate has a range (every rate ``fixed`` or ``low == high``),
  every draw would be the nominal LP again: no draw is made, the report says so (``draws`` 0,
  ``reason_code`` ``no_range``).
- **Re-solves in numpy.** A draw changes only the objective's costs. ``amip.optimizer.parametric.
  Reprice`` takes the warm model's optimal basis (``WarmModel.snapshot``) and re-optimises it by the
  dual simplex with bound flips in numpy — one or two pivots per draw on the scale tables, where a
  HiGHS ``run()`` on the warm model costs milliseconds of set-up — and hands back a plan only with an
  optimality certificate (primal and dual feasibility checked); any draw it cannot certify is solved
  by HiGHS on the warm model (``solved_by`` in JSON counts both). Only each draw's optimal value is
  used, which is the same whichever optimal plan a solver finds.
- **Blocks.** Draws are made, solved and scored ``BLOCK`` at a time; only the objective per draw is
  kept. No draws × measures matrix is held (300 × 100.000 rates alone are 240 MB).
- **Early stop.** After each block, from ``MIN_DRAWS`` draws on, the run stops once every number it
  reports is *stable to the shown precision* (``PRECISION``: the table shows one decimal,
  ``amip.models.fmt.num``): for each of P5, P50 and P95 the band of sorted draws between the ranks
  ``q·(n−1) ± Z·√(n·q·(1−q))`` — by the binomial argument the ranks between which the q-quantile of
  the drawn distribution lies with ≈99,7 % probability whatever that distribution is — is narrower
  than half a shown unit, and the mean's ``Z`` standard errors are below half a shown unit. More draws
  then move none of the four shown numbers by more than half a unit except with that small
  probability. On wide ranges (the shipped rate table) this never happens before the requested draws
  are all made; it happens where the ranges do not move the optimum (an atom of the distribution), or
  only by less than the shown digit.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from amip.models import Case
from amip.optimizer.build import BuiltModel
from amip.optimizer.highs import MAX_SIGN
from amip.optimizer.montecarlo import columns
from amip.optimizer.parametric import Reprice, WalkFailed
from amip.optimizer.uncertainty import RateDraws, has_range, percentile
from amip.optimizer.warm import WarmModel

HEADLINE_DRAWS = 300   #: draws of the quick Monte Carlo behind `amip optimize`'s headline
HEADLINE_SEED = 2020
BLOCK = 50             #: draws made, solved and scored at a time
MIN_DRAWS = 100        #: no early stop before this many draws
PRECISION = 0.1        #: the last digit the table shows (amip.models.fmt.num: one decimal)
Z = 3.0                #: band half-width in standard deviations of the rank (≈99,7 %)
QUANTILES = (5, 50, 95)

#: Why a headline has no range (English for JSON; the table words them in German, amip.texts).
REASONS = {"draws_off": "--draws 0", "goal": "a goal minimises euros",
           "objective": "the objective is not the effect measure alone",
           "modes": "modes {modes} are not re-solved per draw", "no_optimal": "no draw had an optimal plan",
           "no_range": "no drawn rate has a range, so every draw is the nominal LP: no draws made"}
METHOD = "rates drawn from their ranges (by instrument type), LP re-optimised per draw"
STOP_RULE = (f"stopped once P5, P50, P95 and the mean are stable to {PRECISION} (half a shown unit): the band "
             f"of sorted draws at rank q(n-1) +- {Z:g} sd of the binomial rank, and {Z:g} standard errors "
             f"of the mean, below {PRECISION / 2}; checked every {BLOCK} draws from {MIN_DRAWS} on")


@dataclass(frozen=True)
class Headline:
    """The headline range, or why there is none. ``draws``: the draws actually made."""

    effect: str
    unit: str
    draws: int
    seed: int
    draws_requested: int
    p5: float | None = None
    p50: float | None = None
    p95: float | None = None
    mean: float | None = None
    infeasible_draws: int = 0
    solved_by_highs: int = 0     #: draws the numpy re-solve could not certify, solved by HiGHS
    stopped_early: bool = False
    reason_code: str | None = None
    modes: tuple[str, ...] = ()

    @property
    def reason(self) -> str | None:
        if self.reason_code is None:
            return None
        return REASONS[self.reason_code].format(modes=", ".join("--" + f for f in self.modes))

    def to_dict(self) -> dict:
        """The JSON ``headline`` (keys of issue 14 kept; ``draws_requested``, ``stopped_early``,
        ``precision`` added)."""
        base = {"effect": self.effect, "unit": self.unit, "draws": self.draws, "seed": self.seed,
                "draws_requested": self.draws_requested}
        if self.reason_code is not None:
            return {**base, "p5": None, "p50": None, "p95": None, "reason": self.reason,
                    "reason_code": self.reason_code, "modes": list(self.modes)}
        return {**base, "p5": self.p5, "p50": self.p50, "p95": self.p95, "mean": self.mean,
                "infeasible_draws": self.infeasible_draws, "method": METHOD, "stopped_early": self.stopped_early,
                "solved_by": {"numpy": self.draws - self.solved_by_highs, "highs": self.solved_by_highs},
                "precision": PRECISION, "stop_rule": STOP_RULE}


def stable(values: np.ndarray, precision: float = PRECISION) -> bool:
    """Whether P5, P50, P95 and the mean of ``values`` (the objectives of the draws so far) are
    stable to ``precision`` by the rule in this module's docstring."""
    n = len(values)
    if n < 2:
        return False
    v = np.sort(values)
    half = precision / 2
    for q in QUANTILES:
        p = q / 100
        at, spread = p * (n - 1), Z * np.sqrt(n * p * (1 - p))
        lo, hi = max(0, int(np.floor(at - spread))), min(n - 1, int(np.ceil(at + spread)))
        if v[hi] - v[lo] >= half:
            return False
    return bool(Z * v.std(ddof=1) / np.sqrt(n) < half)


def headline(case: Case, *, draws: int = HEADLINE_DRAWS, seed: int = HEADLINE_SEED,
             unsupported: str | None = None, early_stop: bool = True, built: BuiltModel | None = None) -> Headline:
    """The optimum's P5–P95 over ``draws`` seeded rate draws, re-optimised per draw (see the module
    docstring for what is skipped and when the run stops early). ``unsupported``: a REASONS code
    saying why the caller's mode gets no range (``goal``, ``objective``); ``early_stop`` False makes
    every requested draw (for tests and benchmarks of the rule); ``built``: the model ``optimize``
    solved (its ``solved`` list), reused as the warm model instead of built and solved again."""
    from amip.models.effects import EFFECT_UNITS

    modes = tuple(f for f in ("integer", "returns", "staff") if case.planning.uses(f))
    base = {"effect": case.effect, "unit": EFFECT_UNITS[case.effect], "seed": seed, "draws_requested": draws}
    code = unsupported or ("modes" if modes else "draws_off" if draws <= 0 else
                           None if any(has_range(m) for m in case.measures) else "no_range")
    if code is not None:
        return Headline(**base, draws=0, reason_code=code, modes=modes)
    model = WarmModel(case, built)
    cols = columns(case, model.ids)
    snap = model.snapshot()
    per_entry = np.array([m.objective_weight for m in case.measures])     # objective per integration
    fixed_part = per_entry * np.array([m.fixed_entries for m in case.measures])
    col_weight = per_entry[cols]
    try:
        reprice = Reprice(snap)
    except WalkFailed:
        reprice = None
    rates = RateDraws(case.measures, draws, seed)
    values, infeasible, made, by_highs = [], 0, 0, 0
    cost = snap.cost.copy()     # one buffer: each draw sets the same columns, the others stay nominal
    for lo in range(0, draws, BLOCK):
        block = rates.block(lo, min(lo + BLOCK, draws))
        x, ok = np.empty((len(block), len(cols))), np.ones(len(block), bool)
        for i, r in enumerate(block[:, cols]):
            xi = None
            if reprice is not None:
                cost[model.cols] = MAX_SIGN * r * model.weights      # as WarmModel.set_rates
                xi = reprice.solve(cost)
            if xi is None:        # not certified optimal (or no numpy path): HiGHS decides
                by_highs += 1
                s = model.solve_at(None, r)
                xi, ok[i] = s.x, s.optimal
            else:
                xi = xi[model.cols]
            x[i] = xi
        infeasible += int((~ok).sum())
        made += len(block)
        if ok.any():   # the objective of each draw's optimum at its rates (montecarlo.outcomes, per block)
            r = block[ok]
            values.append(r @ fixed_part + np.einsum("ij,ij->i", r[:, cols] * col_weight, x[ok]))
        if early_stop and made < draws and made >= MIN_DRAWS and values and stable(np.concatenate(values)):
            break
    out = np.concatenate(values) if values else np.empty(0)
    if not len(out):
        return Headline(**base, draws=made, infeasible_draws=infeasible, reason_code="no_optimal", modes=modes)
    return Headline(**base, draws=made, p5=percentile(out, 5), p50=percentile(out, 50),
                    p95=percentile(out, 95), mean=float(out.mean()), infeasible_draws=infeasible,
                    solved_by_highs=by_highs, stopped_early=made < draws)
