"""The headline of `amip optimize` and `amip report`: the optimum with its P5–P95 (issue 14, item 4),
made without wasted work (issue 29, item 1).

The integration rates (in the case's effect measure) are drawn from their ranges, seeded and grouped
as in ``amip.optimizer.montecarlo.run_monte_carlo`` (``amip.optimizer.uncertainty.RateDraws``), and the
LP is re-optimised per draw from the nominal optimum's basis. What saves work, and what the range claims:

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
- **Blocks.** Draws are made and scored ``BLOCK`` at a time (the early stop is checked after each),
  and solved ``CHUNK`` draws × LP columns at a time (``Reprice.solve_block``: the start from the nominal
  basis — reduced costs, bounds, basic values — as matrix products for all draws of a chunk, only the
  draws that need a pivot one by one); only the objective per draw is kept. No draws × measures
  matrix is held (300 × 100.000 rates alone are 240 MB).
- **Shown to the precision the draws support.** P5, P50, P95 and the mean of a few hundred draws are
  estimates, far less precise than the 0,1 integration that ``amip.models.fmt.num`` shows (at 10.000
  measures: 660.000 integrations, a P5–P95 width of 84.000). Each estimate's Monte Carlo error is
  measured (``uncertainty``): for the q-quantile the band of sorted draws between the ranks
  ``q·(n−1) ± Z·√(n·q·(1−q))`` — by the binomial argument the ranks between which the q-quantile of
  the drawn distribution lies with ≈99,7 % probability whatever that distribution is — and how far it
  reaches from the estimate (the larger side); for the mean ``Z`` standard errors; the largest of the
  four. The *shown unit* ``u`` (``shown_unit``, JSON ``precision``) is the smallest of 0,1 · 0,2 · 0,5 ·
  1 · 2 · 5 · 10 … (never finer than 0,1, the table's digit) that is at least that error: no digit is
  shown that the draws do not know. The table prints P5 rounded down and P95 rounded up to ``u``
  (outwards, ``shown_ends``: the shown range contains the estimated one, never a narrower one) and
  says "nach außen gerundet auf u" when ``u`` is above 0,1; JSON keeps p5/p50/p95/mean as full floats.
  Steps of 1–2–5, not only powers of ten, so that the unit is no coarser than needed. The same rule
  shows the plan's net range (``effects.net``, amip.optimizer.result.effects_report).
- **Early stop.** The unit is derived from the draws actually made, so the number of draws decides
  only how fine the unit can be, never whether the shown numbers are true. After each block, from
  ``MIN_DRAWS`` draws on, the run stops once the requested draws are not expected to make the shown
  unit finer: the rank bands narrow as 1/√n (the binomial rank spread, as a share of the draws,
  shrinks so; the mean's standard error too), so with n of N requested draws made the unit the
  uncertainty ``× √(n/N)`` would support is compared with the unit the draws made support; equal,
  the remaining draws are not made (``stopped_early``). On the shipped rate table and the synthetic
  tables this stops at 100 to 200 of 300 draws (Duisburg gross 200, net 100; 10.000 measures 150);
  with ranges that do not move the optimum by the shown digit (an atom of the distribution, or ranges
  too narrow) the unit is 0,1 and the run stops after ``MIN_DRAWS``.
"""
from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

import numpy as np

from amip.models import Case
from amip.optimizer.build import BuiltModel
from amip.optimizer.highs import MAX_SIGN
from amip.optimizer.parametric import Reprice, WalkFailed
from amip.optimizer.uncertainty import RateDraws, has_range, percentile
from amip.optimizer.warm import WarmModel

HEADLINE_DRAWS = 300   #: draws of the quick Monte Carlo behind `amip optimize`'s headline
HEADLINE_SEED = 2020
BLOCK = 50             #: draws made and scored (the early stop checked) at a time
CHUNK = 2 ** 18        #: draws × LP columns solved at once (2 MB a matrix: in cache, and no memory per block)
MIN_DRAWS = 100        #: no early stop before this many draws
PRECISION = 0.1        #: the finest shown unit: the last digit the table shows (amip.models.fmt.num: one decimal)
UNIT_STEPS = (1, 2, 5)  #: shown units: these × a power of ten, from PRECISION up
Z = 3.0                #: band half-width in standard deviations of the rank (≈99,7 %)
QUANTILES = (5, 50, 95)

#: Why a headline has no range (English for JSON; the table words them in German, amip.texts).
REASONS = {"draws_off": "--draws 0", "goal": "a goal minimises euros",
           "objective": "the objective is not the effect measure alone",
           "modes": "modes {modes} are not re-solved per draw", "no_optimal": "no draw had an optimal plan",
           "no_range": "no drawn rate has a range, so every draw is the nominal LP: no draws made",
           "one_draw": "one optimal draw gives no range",
           "no_decision": "no measure takes new entries: nothing to re-optimise per draw"}
METHOD = "rates drawn from their ranges (by instrument type), LP re-optimised per draw"
STOP_RULE = (f"shown unit (precision): the smallest of 1, 2, 5 x a power of ten, at least {PRECISION}, at least "
             f"the Monte Carlo error of P5, P50, P95 and the mean (how far the band of sorted draws at rank "
             f"q(n-1) +- {Z:g} sd of the binomial rank reaches from the estimate; {Z:g} standard errors of the "
             f"mean); P5 shown rounded down, P95 up; stopped once the requested draws, shrinking "
             f"that uncertainty by sqrt(n/N), would not give a finer unit; checked every {BLOCK} draws from "
             f"{MIN_DRAWS} on")


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
    precision: float = PRECISION   #: the shown unit of p5/p50/p95/mean (``shown_unit``)
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
                "precision": self.precision, "stop_rule": STOP_RULE}


def uncertainty(values: np.ndarray) -> float:
    """The largest Monte Carlo error of P5, P50, P95 and the mean of ``values`` (the objectives of the
    draws so far) by the rule in this module's docstring: for each quantile, how far the band of sorted
    draws at the ranks ``q·(n−1) ± Z·√(n·q·(1−q))`` reaches from the estimate (the larger side), for the
    mean ``Z`` standard errors; infinite below two values."""
    n = len(values)
    if n < 2:
        return np.inf
    v = np.sort(values)
    widest = max(quantile_error(v, q) for q in QUANTILES)
    return max(widest, float(Z * v.std(ddof=1) / np.sqrt(n)))


def quantile_error(v: np.ndarray, q: float) -> float:
    """The Monte Carlo error of the q-th percentile (q in per cent) of the *sorted* values ``v`` by the
    rule in this module's docstring: how far the band of sorted values between the ranks
    ``q·(n−1) ± Z·√(n·q·(1−q))`` reaches from the estimate (the larger side); infinite below two values.
    ``uncertainty`` takes the largest of P5, P50, P95 (and the mean); the sensitivity report shows each."""
    n = len(v)
    if n < 2:
        return np.inf
    p = q / 100
    at, spread = p * (n - 1), Z * np.sqrt(n * p * (1 - p))
    lo, hi = max(0, int(np.floor(at - spread))), min(n - 1, int(np.ceil(at + spread)))
    estimate = percentile(v, q)
    return max(float(estimate - v[lo]), float(v[hi] - estimate))


def stable(values: np.ndarray, precision: float = PRECISION) -> bool:
    """Whether P5, P50, P95 and the mean of ``values`` are stable to ``precision``: their Monte Carlo
    error is at most one unit of it."""
    return bool(uncertainty(values) <= precision)


def shown_unit(spread: float) -> float:
    """The shown unit for a Monte Carlo error of ``spread``: the smallest of ``UNIT_STEPS`` × a power of
    ten, at least ``PRECISION``, that is at least the error (no digit shown finer than the draws know)."""
    if not spread > PRECISION:
        return PRECISION
    power = 10.0 ** np.floor(np.log10(spread))
    return next(float(step * power) for step in (*UNIT_STEPS, 10) if step * power >= spread * (1 - 1e-12))


def to_unit(value: float, unit: float, direction: str = "nearest") -> float:
    """``value`` rounded to a multiple of ``unit``: to the nearest (halves away from zero), or ``down``
    / ``up`` (how the ends of a range are shown: outwards, at one decimal too). To the nearest at one
    decimal, the value is left to the table's own rounding (amip.models.fmt.num)."""
    if unit <= PRECISION and direction == "nearest":
        return value
    unit = max(unit, PRECISION)
    steps = round(value / unit, 9)   # 0,6 / 0,2 is 2,9999999999999996 in floating point: 3 steps
    k = (np.floor(steps) if direction == "down" else np.ceil(steps) if direction == "up"
         else np.copysign(np.floor(abs(steps) + 0.5), steps))
    return float(k * unit)


def shown_ends(h: dict) -> tuple[float, float, float]:
    """P5 and P95 of a Monte Carlo range (a headline's JSON, ``Headline.to_dict``, or ``effects.net``)
    as shown: rounded outwards to its shown unit (P5 down, P95 up, so the shown range contains the
    estimated one), and the unit (0,1 for a dict without ``precision``)."""
    unit = h.get("precision", PRECISION)
    return to_unit(h["p5"], unit, "down"), to_unit(h["p95"], unit, "up"), unit


def finer_expected(values: np.ndarray, requested: int) -> bool:
    """Whether the ``requested`` draws are expected to give a finer shown unit than ``values`` (the
    draws made) do: their uncertainty shrinks as 1/√n (module docstring, early stop). Below two values
    nothing is known yet: True."""
    if len(values) < 2:
        return True
    spread = uncertainty(values)
    return shown_unit(spread * np.sqrt(len(values) / requested)) < shown_unit(spread)


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
    if not len(model.ids):   # only fixed places (outside, pre-bought): no decision to re-optimise per draw
        return Headline(**base, draws=0, reason_code="no_decision", modes=modes)
    cols = model.positions
    snap = model.snapshot()
    count = len(case.measures)
    weight = np.fromiter(map(attrgetter("objective_weight"), case.measures), float, count=count)
    fixed = np.fromiter(map(attrgetter("fixed_entries"), case.measures), float, count=count)
    fixed_part = weight * fixed       # objective of the entries outside the LP, per unit of rate
    # each LP column's measure and signed weight (as WarmModel.set_rates); other columns keep their cost
    measure_of, signed_weight = np.zeros(len(snap.cost), np.intp), np.zeros(len(snap.cost))
    measure_of[model.cols], signed_weight[model.cols] = cols, MAX_SIGN * model.weights
    others = np.ones(len(snap.cost), bool)
    others[model.cols] = False
    others = np.flatnonzero(others)       # (not np.setdiff1d: its np.unique imports numpy.ma, ~15 ms)
    try:
        reprice = Reprice(snap)
    except WalkFailed:
        reprice = None
    rates = RateDraws(case.measures, draws, seed)
    values, infeasible, made, by_highs = [], 0, 0, 0

    def solve(block: np.ndarray) -> np.ndarray:
        """The objectives of the optimal draws among the rates ``block`` (draws × measures)."""
        nonlocal infeasible, by_highs
        cost = block[:, measure_of] * signed_weight
        cost[:, others] = snap.cost[others]
        if reprice is not None:
            x, ok = reprice.solve_block(cost)
        else:
            x, ok = np.empty_like(cost), np.zeros(len(block), bool)
        for i in np.flatnonzero(~ok):     # not certified optimal (or no numpy path): HiGHS decides
            by_highs += 1
            s = model.solve_at(None, block[i, cols])
            x[i, model.cols], ok[i] = s.x, s.optimal
        infeasible += int((~ok).sum())
        cost[:, others] = 0.0             # the objective: the measures' columns only
        if not ok.all():                  # (no copies when every draw had an optimum)
            block, cost, x = block[ok], cost[ok], x[ok]
        # the objective of each draw's optimum at its rates (montecarlo.outcomes, per block)
        return block @ fixed_part + MAX_SIGN * np.einsum("ij,ij->i", cost, x)

    step = max(1, CHUNK // len(snap.lower))
    for lo in range(0, draws, BLOCK):
        for sub in range(lo, min(lo + BLOCK, draws), step):
            block = rates.block(sub, min(sub + step, lo + BLOCK, draws))
            values.append(solve(block))
            made += len(block)
        if early_stop and MIN_DRAWS <= made < draws and not finer_expected(np.concatenate(values), draws):
            break
    out = np.concatenate(values)
    if len(out) < 2:
        return Headline(**base, draws=made, infeasible_draws=infeasible,
                        reason_code="one_draw" if len(out) else "no_optimal", modes=modes)
    return Headline(**base, draws=made, p5=percentile(out, 5), p50=percentile(out, 50),
                    p95=percentile(out, 95), mean=float(out.mean()), infeasible_draws=infeasible,
                    solved_by_highs=by_highs, stopped_early=made < draws, precision=shown_unit(uncertainty(out)))

