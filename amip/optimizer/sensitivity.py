"""Sensitivity of the optimal plan: shadow prices, ranging, budget frontier, tornado and Monte Carlo.

All analyses start from the nominal optimum (``amip.optimizer.optimize``) and re-solve one warm HiGHS
model (``amip.optimizer.warm``). Units: the objective in (weighted) integrations, budgets in euros,
shadow prices per unit of the constraint's right-hand side (per euro or per entry); the budget's also
per 100.000 €.
"""
from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass, field
from functools import cached_property

import numpy as np

from amip.errors import InputError
from amip.models import Case
from amip.models.check import BUDGET, constraint_rows
from amip.optimizer.headline import MIN_DRAWS, QUANTILES, Z, quantile_error, uncertainty
from amip.optimizer.highs import solver_chatter_to_stderr
from amip.optimizer.montecarlo import MonteCarlo, columns, outcomes, run_monte_carlo
from amip.optimizer.reasons import reasons
from amip.optimizer.result import OptimizationResult
from amip.optimizer.uncertainty import describe, groups, mean_rate
from amip.optimizer.warm import MAX_SIGN, Batch, Progress, WarmModel, run_batches

PER_100K = 100_000.0
FUNDED_TOL = 1e-6


@dataclass(frozen=True)
class Settings:
    budget_from_pct: float = 50.0     #: frontier start, % of the Neufallbudget
    budget_to_pct: float = 150.0
    points: int = 101                 #: frontier points
    tornado_pct: float = 10.0         #: each rate group ± this many per cent
    draws: int = 1000
    seed: int = 2020
    jobs: int = 1
    alpha: float = 0.05               #: CVaR level of the robust plan (worst 5 % of draws)

    def __post_init__(self) -> None:
        """Draws and frontier points together within AMIP_MAX_SOLVES, so that a mistyped --draws answers
        at once with the limit instead of running for hours."""
        from amip import texts as T
        from amip.inputs.reading import limit, limit_hint
        from amip.models.fmt import num

        for name in ("budget_from_pct", "budget_to_pct", "tornado_pct", "alpha"):
            v = getattr(self, name)
            if not math.isfinite(v):
                raise InputError(f"--{name.replace('_', '-')}: {v} ist keine endliche Zahl")
        solves = self.draws + self.points
        if solves > limit("solves"):
            raise InputError(T.TOO_MANY_SOLVES.format(solves=num(solves), draws=self.draws, points=self.points,
                                                      hint=limit_hint("solves")))


# ---------------------------------------------------------------------- ranging
def _finite(v: float) -> float | None:
    return None if not math.isfinite(v) or abs(v) >= 1e30 else float(v)


def reported_objective(constant: float):
    """HiGHS's minimised objective value → the reported optimum (maximised, plus ``constant``: the part
    HiGHS does not hold, the fixed entries' objective); None where HiGHS reports infinity."""
    def total(obj_min: float) -> float | None:
        v = _finite(obj_min)
        return None if v is None else MAX_SIGN * v + constant

    return total


def ranging(case: Case, model: WarmModel, result: OptimizationResult, constant: float) -> dict:
    """Cost ranging (rates), bound ranging (measure bounds) and RHS ranging (constraints) of the
    nominal optimum, from HiGHS, translated from its minimisation into rates and integrations."""
    rg = model.ranging()
    lp = model.h.getLp()
    sol = model.h.getSolution()
    total = reported_objective(constant)

    # Each highspy attribute read copies the whole vector: read every vector once (O(n), not O(n²)).
    cols = model.cols
    xs = np.asarray(sol.col_value)[cols]
    los, ups = np.asarray(lp.col_lower_)[cols], np.asarray(lp.col_upper_)[cols]
    cost_up, cost_dn = np.asarray(rg.col_cost_up.value_)[cols], np.asarray(rg.col_cost_dn.value_)[cols]
    bound_dn, bound_up = np.asarray(rg.col_bound_dn.value_)[cols], np.asarray(rg.col_bound_up.value_)[cols]
    bound_dn_obj = np.asarray(rg.col_bound_dn.objective_)[cols]
    bound_up_obj = np.asarray(rg.col_bound_up.objective_)[cols]
    rates = {}
    bounds = {}
    for j, (mid, w) in enumerate(zip(model.ids, model.weights, strict=True)):
        m = case.measure(mid)
        x, lo, up = float(xs[j]), float(los[j]), float(ups[j])
        at_upper = x >= up - 1e-7 * max(1.0, up)
        at_lower = x <= lo + 1e-7 * max(1.0, lo)
        state = "at upper bound" if at_upper else "unfunded" if at_lower and lo == 0 else (
            "at lower bound" if at_lower else "between bounds")
        # HiGHS cost c = −rate × weight: its upper cost end is the lowest rate, and back.
        r_lo = _finite(cost_up[j])
        r_hi = _finite(cost_dn[j])
        rates[mid] = {"rate": m.integration_rate,
                      "low": None if r_lo is None else max(0.0, float(MAX_SIGN * r_lo / w)),
                      "high": None if r_hi is None else float(MAX_SIGN * r_hi / w), "state": state,
                      "new_entries": x, "rate_is_estimate": m.rate_is_estimate}
        if at_upper or at_lower:
            bounds[mid] = {"bound": "upper" if at_upper else "lower", "value": up if at_upper else lo,
                           "low": max(0.0, _finite(bound_dn[j]) or 0.0),
                           "high": _finite(bound_up[j]),
                           "objective_low": total(bound_dn_obj[j]),
                           "objective_high": total(bound_up_obj[j]), "unit": "entries"}
    rows = {r.name: (r.rhs, r.unit) for r in constraint_rows(case, result.new_entries)}
    rhs = rhs_ranging(model.h, rg, model.built.prob, model.built.constraint_names, rows, total)
    return {"rates": rates, "bounds": bounds, "rhs": rhs}


def rhs_ranging(h, rg, prob, names, rows: dict[str, tuple[float, str]], total) -> dict:
    """RHS ranging of the rows ``names`` of the solved PuLP problem ``prob`` (HiGHS object ``h``, its
    ranging ``rg``): per row its right-hand side, the interval over which its dual holds and the
    optimum at the interval's ends (``total``: HiGHS's minimised objective → the reported one).
    ``rows``: per row name (the right-hand side in the user's terms, unit); the model's bound differs
    from it by the fixed items (the budget row: the money-only spending), the interval moves with it.
    Used by ``ranging`` (one year) and the horizon's money rows (``amip.optimizer.horizon``)."""
    lp = h.getLp()
    row_lo, row_up = np.asarray(lp.row_lower_), np.asarray(lp.row_upper_)
    rb_dn, rb_up = np.asarray(rg.row_bound_dn.value_), np.asarray(rg.row_bound_up.value_)
    rb_dn_obj, rb_up_obj = np.asarray(rg.row_bound_dn.objective_), np.asarray(rg.row_bound_up.objective_)
    activity = np.asarray(h.getSolution().row_value)
    basic = int(highspy_basic())
    row_status = h.getBasis().row_status
    optimum = total(h.getInfo().objective_function_value)
    out = {}
    for name in names:
        i = prob.get_constraint_by_name(name).index
        row = rows.get(name)
        upper = math.isfinite(row_up[i]) and abs(row_up[i]) < 1e30
        bound = float(row_up[i] if upper else row_lo[i])
        offset = (row[0] - bound) if row is not None else 0.0
        unit = row[1] if row is not None else ""
        if int(row_status[i]) == basic:
            # a row with slack (basic): its right-hand side may move anywhere on the slack side of the
            # row's activity without changing the optimum (the basis stays optimal, its dual is 0);
            # HiGHS's row ranging of a basic row reports the activity's own range instead
            a = float(activity[i]) + offset
            lo_v, hi_v = (a, None) if upper else (None, a)
            out[name] = {"rhs": bound + offset, "low": lo_v, "high": hi_v, "objective_low": optimum,
                         "objective_high": optimum, "unit": unit, "slack": True}
            continue
        lo_v, hi_v = _finite(rb_dn[i]), _finite(rb_up[i])
        out[name] = {"rhs": bound + offset, "low": None if lo_v is None else lo_v + offset,
                     "high": None if hi_v is None else hi_v + offset,
                     "objective_low": total(rb_dn_obj[i]),
                     "objective_high": total(rb_up_obj[i]), "unit": unit, "slack": False}
    return out


def highspy_basic():
    """HiGHS's status of a basic variable or row (a row with slack)."""
    import highspy

    return highspy.HighsBasisStatus.kBasic


def shadow_prices(result: OptimizationResult, rhs_ranging: dict) -> list[dict]:
    """Every constraint with a dual: the value per unit of its RHS (per € or per entry) and the RHS
    interval over which that value holds."""
    out = []
    for c in result.constraints:
        if c.dual is None:
            continue
        r = rhs_ranging.get(c.name, {})
        out.append({"name": c.name, "label": c.label, "kind": c.kind, "unit": c.unit, "value": c.dual,
                    "per_100k_eur": c.dual * PER_100K if c.unit == "EUR" else None, "binding": c.binding,
                    "slack": c.slack, "rhs": c.rhs, "valid_from": r.get("low"), "valid_to": r.get("high"),
                    "source": c.source})
    return out


# ---------------------------------------------------------------------- budget frontier
@dataclass(frozen=True)
class Frontier:
    budgets: np.ndarray              #: Neufallbudget per point, EUR
    objective: np.ndarray            #: optimum per point (nan where infeasible)
    integrations: np.ndarray
    marginal_per_100k: np.ndarray    #: objective per extra 100.000 € at the point
    spent: np.ndarray                #: net spending against the Neufallbudget, EUR
    optimal: np.ndarray
    x: np.ndarray                    #: (points × column measures)
    ids: list[str]
    support: tuple[float, float] | None   #: supported budgets, EUR
    support_source: str
    breakpoints: list[dict] = field(default_factory=list)

    def extrapolated(self) -> np.ndarray:
        if self.support is None:
            return np.zeros(len(self.budgets), bool)
        lo, hi = self.support
        return (self.budgets < lo - 0.5) | (self.budgets > hi + 0.5)

    def points(self) -> list[dict]:
        ext = self.extrapolated()
        out = []
        for i, b in enumerate(self.budgets):
            ok = bool(self.optimal[i])
            out.append({"budget": float(b), "objective": float(self.objective[i]) if ok else None,
                        "integrations": float(self.integrations[i]) if ok else None,
                        "marginal_per_100k": float(self.marginal_per_100k[i]) if ok else None,
                        "spent": float(self.spent[i]) if ok else None,
                        "unspent": (float(b - self.spent[i]) if b - self.spent[i] > 0.01 else 0.0) if ok else None,
                        "status": "optimal" if ok else "infeasible", "extrapolation": bool(ext[i])})
        return out


def _spent(case: Case, ids: list[str], x: np.ndarray) -> np.ndarray:
    """Net spending per row of x: gross cost − PAT relief (capped) + fixed money-only spending."""
    cost = np.array([case.measure(mid).cost_per_entry_eur for mid in ids])
    gross = x @ cost + case.fixed_spend_eur
    if case.pat is None:
        return gross
    relief = np.array([case.pat_relief_per_entry_eur(case.measure(mid)) for mid in ids])
    return gross - np.minimum(x @ relief, case.pat.cap_eur)


def _state(x: np.ndarray, upper: np.ndarray) -> np.ndarray:
    """0 = no new entries, 2 = filled to the upper bound, 1 = in between (per point and measure)."""
    tol = 1e-6 * np.maximum(1.0, upper)
    return np.where(x <= FUNDED_TOL, 0, np.where(x >= upper - tol, 2, 1))


WORDS = {0: "ohne Neueintritte", 1: "teilweise", 2: "an der Obergrenze"}


def _yield_changes(dual) -> np.ndarray:
    """Per pair of neighbouring frontier points: whether the marginal yield differs between them."""
    d1, d2 = dual[:-1], dual[1:]
    with np.errstate(invalid="ignore"):
        return np.isfinite(d1) & np.isfinite(d2) & (np.abs(d1 - d2) > 1e-9 * np.maximum(np.abs(d1), np.abs(d2)))


def _breakpoints(model: WarmModel, budgets, res, upper, constant: float) -> list[dict]:
    """The exact kinks of the frontier: every basis change between two neighbouring points whose
    marginal yields differ that changes the yield. Walked in numpy (``_breakpoints_numpy``); where
    that walk cannot go on or disagrees with HiGHS, HiGHS walks (``_breakpoints_highs``). In this
    process and in budget order, so the result is the same for every --jobs. ``constant``: the fixed
    entries' part of the objective (each kink's ``objective`` is the optimum there, as the frontier's)."""
    from amip.optimizer.parametric import WalkFailed

    if not _yield_changes(res.budget_dual).any():
        return []
    try:
        return _breakpoints_numpy(model, budgets, res, upper, constant)
    except WalkFailed:
        return _breakpoints_highs(model, budgets, res.budget_dual, upper, constant)


def _breakpoints_numpy(model: WarmModel, budgets, res, upper, constant: float) -> list[dict]:
    """The kinks walked in numpy from the basis of the first optimal point
    (``amip.optimizer.parametric``: O(rows³ + nonzeros) per kink instead of two HiGHS runs and a
    ranging), checked against HiGHS's solve at every frontier point it passes. Raises WalkFailed."""
    from amip.optimizer.parametric import WalkFailed, walk

    record = _yield_changes(res.budget_dual)
    ok = np.flatnonzero(res.optimal & np.isfinite(res.budget_dual))
    if len(ok) < 2 or not np.array_equal(ok, np.arange(ok[0], len(budgets))):
        raise WalkFailed("optimal points not contiguous")
    i0 = int(ok[0])
    with solver_chatter_to_stderr():
        if not model.solve_at(float(budgets[i0])).optimal:
            raise WalkFailed("first point")
        snap = model.snapshot()
    kinks = walk(snap, budgets[i0:], res.budget_dual[i0:] / MAX_SIGN, res.objective[i0:] / MAX_SIGN, record[i0:])
    pos = np.full(len(snap.cost), -1)
    pos[model.cols] = np.arange(len(model.cols))
    out = []
    for i, k in kinks:
        js = sorted((int(pos[c]), c) for c in k.before if pos[c] >= 0)
        idx = np.array([j for j, _ in js], dtype=int)
        s0 = _state(np.array([[k.before[c] for _, c in js]]), upper[idx])[0] if js else []
        s1 = _state(np.array([[k.after[c] for _, c in js]]), upper[idx])[0] if js else []
        out.append({"budget": k.budget, "between": [float(budgets[i0 + i]), float(budgets[i0 + i + 1])],
                    "objective": float(MAX_SIGN * k.objective + constant),
                    "marginal_before_per_100k": float(MAX_SIGN * k.dual_before * PER_100K),
                    "marginal_after_per_100k": float(MAX_SIGN * k.dual_after * PER_100K),
                    "changes": [{"measure": model.ids[j], "from": WORDS[int(a)], "to": WORDS[int(b)]}
                                for (j, _), a, b in zip(js, s0, s1) if a != b]})
    return out


def _breakpoints_highs(model: WarmModel, budgets, dual, upper, constant: float) -> list[dict]:
    """The kinks walked with HiGHS: wherever the marginal yield differs between two neighbouring
    points, walk from the left point along HiGHS's ranging of the budget row (the budget up to which
    the basis holds) until the right point; every basis change that changes the yield is a kink.
    Each walk starts from the nominal basis and goes on warm from the kink before (two solves per
    kink, each a few pivots)."""
    out = []
    words = WORDS
    with solver_chatter_to_stderr():
        for i in range(len(budgets) - 1):
            d1, d2 = dual[i], dual[i + 1]
            if not (np.isfinite(d1) and np.isfinite(d2)) or abs(d1 - d2) <= 1e-9 * max(abs(d1), abs(d2)):
                continue
            b, b2 = float(budgets[i]), float(budgets[i + 1])
            if not model.solve_at(b).optimal:
                continue
            for _ in range(len(model.cols) + 200):   # every basis change of the interval, at most
                kink = max(b, model.basis_holds_until_eur())
                if kink >= b2:
                    break
                eps = max(1.0, 1e-9 * kink)
                before = model.solve_warm(kink - eps)
                after = model.solve_warm(kink + eps)
                b = kink + eps
                if not (before.optimal and after.optimal):
                    break
                if abs(before.budget_dual - after.budget_dual) <= 1e-9 * abs(before.budget_dual):
                    continue                     # the basis changed, the yield did not
                s0, s1 = _state(before.x[None, :], upper)[0], _state(after.x[None, :], upper)[0]
                out.append({"budget": kink, "between": [float(budgets[i]), b2],
                            "objective": float(before.objective + eps * before.budget_dual + constant),
                            "marginal_before_per_100k": float(before.budget_dual * PER_100K),
                            "marginal_after_per_100k": float(after.budget_dual * PER_100K),
                            "changes": [{"measure": model.ids[j], "from": words[int(s0[j])], "to": words[int(s1[j])]}
                                        for j in np.flatnonzero(s0 != s1)]})
    return out


def frontier(case: Case, settings: Settings, *, model: WarmModel, progress: Progress | None = None) -> Frontier:
    """The optimum at ``settings.points`` budgets from ``budget_from_pct`` to ``budget_to_pct`` of the
    Neufallbudget, with its exact kinks."""
    b0 = case.budget.neufallbudget_eur
    budgets = np.linspace(settings.budget_from_pct / 100 * b0, settings.budget_to_pct / 100 * b0, settings.points)
    res = run_batches(case, Batch(budgets=budgets), jobs=settings.jobs, model=model, progress=progress)
    ids = model.ids
    x = np.where(res.optimal[:, None], res.x, 0.0)
    plans = outcomes(case, np.array([[m.integration_rate for m in case.measures]]), ids, x)
    upper = np.array([case.measure(mid).upper_entries for mid in ids])
    good = np.flatnonzero(res.optimal)
    constant = float(plans.objective[good[0]] - res.objective[good[0]]) if len(good) else 0.0
    support = None
    if case.budget.support_low_share is not None:
        support = (case.budget.support_low_share * b0, case.budget.support_high_share * b0)
    return Frontier(budgets=budgets, objective=np.where(res.optimal, plans.objective, np.nan),
                    integrations=np.where(res.optimal, plans.integrations, np.nan),
                    marginal_per_100k=res.budget_dual * PER_100K, spent=_spent(case, ids, x), optimal=res.optimal,
                    x=x, ids=ids, support=support, support_source=case.budget.support_source,
                    breakpoints=_breakpoints(model, budgets, res, upper, constant))


# ---------------------------------------------------------------------- tornado
def tornado(case: Case, settings: Settings, *, model: WarmModel, base_objective: float,
            progress: Progress | None = None) -> list[dict]:
    """For each rate group (instrument type): the optimum with all its rates × (1 ± pct), capped at 1,
    re-optimised. Sorted by the wider swing first."""
    names = groups(case.measures)
    rates_all = np.array([m.integration_rate for m in case.measures])
    cols = columns(case, model.ids)
    f = settings.tornado_pct / 100
    variants = []
    for g in names:
        member = np.array([m.uncertainty_group == g for m in case.measures])
        for sign in (-1, 1):
            variants.append(np.where(member, np.minimum(1.0, rates_all * (1 + sign * f)), rates_all))
    mat = np.array(variants)
    res = run_batches(case, Batch(rates=mat[:, cols]), model=model, progress=progress)
    totals = outcomes(case, mat, model.ids, res.x).objective
    out = []
    for k, g in enumerate(names):
        ms = [m for m in case.measures if m.uncertainty_group == g]
        lo, hi = totals[2 * k], totals[2 * k + 1]
        out.append({"group": g, "measures": len(ms), "rate": ms[0].integration_rate if len(
                    {m.integration_rate for m in ms}) == 1 else None,
                    "rate_source": ms[0].rate_source, "rate_is_estimate": any(m.rate_is_estimate for m in ms),
                    "pct": settings.tornado_pct, "objective_low": float(lo), "objective_high": float(hi),
                    "delta_low": float(lo - base_objective), "delta_high": float(hi - base_objective)})
    out.sort(key=lambda r: -(abs(r["delta_high"]) + abs(r["delta_low"])))
    return out


# ---------------------------------------------------------------------- the report
@dataclass(frozen=True)
class SensitivityReport:
    result: OptimizationResult
    settings: Settings
    shadow: list[dict]
    ranging: dict
    frontier: Frontier
    tornado: list[dict]
    monte_carlo: MonteCarlo
    uncertainty: list[dict]
    timings: dict
    #: why each measure moves against the table's plan or stops (amip.optimizer.reasons)
    reasons: tuple = ()
    #: expected gain in integrations if a measure's rate were known (amip.optimizer.value_of_information)
    value_of_information: tuple = ()

    @property
    def budget_per_100k(self) -> float | None:
        for s in self.shadow:
            if s["name"] == BUDGET:
                return s["per_100k_eur"]
        return None

    def reduced_costs(self) -> dict[str, float]:
        return {m.id: m.reduced_cost for m in self.result.measures if m.reduced_cost is not None}

    def monte_carlo_dict(self) -> dict:
        """The Monte Carlo summary (computed once; every renderer reads it)."""
        return self._monte_carlo_summary

    @cached_property
    def _monte_carlo_summary(self) -> dict:
        mc = self.monte_carlo
        opt = mc.optimum.summary(mc.alpha)
        plans = (mc.optimum, mc.nominal, mc.robust)
        errors = [quantile_errors(o.integrations) for o in plans]
        known = [e for err in errors for e in err.values() if e is not None]
        return {
            "draws": mc.draws, "seed": mc.seed, "infeasible_draws": mc.infeasible_draws, "unit": "integrations",
            "p5": opt["p5"], "p50": opt["p50"], "p95": opt["p95"], "mean": opt["mean"],
            "std": opt["std"], "cvar": opt["cvar"], "mc_error": errors[0],
            "quantile_error": max(known) if known else None,
            "paired_difference_error": paired_difference_error(plans),
            "error_rule": ERROR_RULE,
            "funding_probability": mc.funding_probability(),
            "at_upper_probability": mc.at_upper_probability(),
            "histogram": mc.histogram(),
            "nominal_plan": {**mc.nominal.summary(mc.alpha), "mc_error": errors[1]},
            "robust": {"criterion": f"maximise the mean objective of the worst {mc.alpha:.0%} of the draws (CVaR)",
                       "alpha": mc.alpha, **mc.robust.summary(mc.alpha), "mc_error": errors[2],
                       "new_entries": dict(zip(mc.ids, (float(v) for v in mc.robust_x), strict=True)),
                       "changes": robust_changes(self)},
            "distributions": self.uncertainty,
        }

    def to_dict(self) -> dict:
        """The `--format json` contract: keys may be added, never renamed or dropped."""
        r = self.result
        return {
            "case": r.case_name, "scenario": r.scenario, "year": r.year, "input_hash": r.input_hash,
            "version": r.version, "solver": r.solver, "objective": r.objective, "integrations": r.integrations,
            "objective_unit": "weighted integrations" if r.weighted else "integrations",
            "budget": {"limit": r.budget_limit, "used": r.budget_used, "unit": "EUR",
                       "shadow_price_per_100k_eur": self.budget_per_100k},
            "settings": asdict(self.settings),
            "shadow_prices": {s["name"]: s["value"] for s in self.shadow},
            "shadow_price_details": self.shadow,
            "reduced_costs": self.reduced_costs(),
            "ranging": self.ranging,
            "frontier": self.frontier.points(),
            "frontier_breakpoints": self.frontier.breakpoints,
            "policy": list(r.policy), "policy_total": r.policy_total, "links": list(r.links),
            "frontier_support": None if self.frontier.support is None else {
                "low": self.frontier.support[0], "high": self.frontier.support[1],
                "source": self.frontier.support_source},
            "tornado": self.tornado,
            "monte_carlo": self.monte_carlo_dict(),
            "timings_s": self.timings,
            "reasons": [x.to_dict() for x in self.reasons],
            "effect": r.effect,
            "effects": r.effects,
            "value_of_information": list(self.value_of_information),
        }


#: what monte_carlo.mc_error, quantile_error and paired_difference_error are (JSON; English)
ERROR_RULE = (f"Monte Carlo error of each quantile by the headline's rule (amip.optimizer.headline.quantile_error): "
              f"how far the band of sorted draws at rank q(n-1) +- {Z:g} sd of the binomial rank reaches from the "
              f"estimate; quantile_error: the largest over P5, P50, P95 of the three plans; paired_difference_error: "
              f"the same rule (P5, P50, P95 and {Z:g} standard errors of the mean, headline.uncertainty) on the "
              f"per-draw differences between two plans scored on the same draws, the largest over the pairs; "
              f"None below {MIN_DRAWS} draws (the headline judges its precision from {MIN_DRAWS} draws on)")


def quantile_errors(values: np.ndarray) -> dict[str, float | None]:
    """The Monte Carlo error of P5, P50, P95 of ``values`` (headline.quantile_error); None below MIN_DRAWS
    draws, before which the headline does not judge its precision either (with 2 draws the band of the
    sorted draws is clipped at both ends: '±109,7' was no precision)."""
    v = np.sort(np.asarray(values, dtype=float))
    return {f"p{q}": quantile_error(v, q) if len(v) >= MIN_DRAWS else None for q in QUANTILES}


def paired_difference_error(plans) -> float | None:
    """The Monte Carlo error, by the headline's rule (headline.uncertainty), of the per-draw differences
    between plans scored on the same draws (the largest over the pairs): how precisely "plan A brings
    so much more than plan B" is known. Pairs only of outcomes over the same draws (the per-draw optimum
    leaves out draws without an optimum); None without such a pair or below MIN_DRAWS draws (quantile_errors)."""
    from itertools import combinations

    errors = [uncertainty(a.integrations - b.integrations) for a, b in combinations(plans, 2)
              if len(a.integrations) == len(b.integrations) >= MIN_DRAWS]
    return max(errors) if errors else None


def robust_changes(report: SensitivityReport, min_change: float = 0.5) -> list[dict]:
    """Measures whose new entries differ between the nominal and the robust plan, biggest first."""
    mc = report.monte_carlo
    out = [{"measure": mid, "nominal": float(a), "robust": float(b), "change": float(b - a)}
           for mid, a, b in zip(mc.ids, mc.nominal_x, mc.robust_x, strict=True) if abs(b - a) >= min_change]
    return sorted(out, key=lambda r: -abs(r["change"]))


def uncertainty_table(case: Case) -> list[dict]:
    """The distribution each rate is drawn from, with its source, one row per group and range."""
    seen: dict[tuple, dict] = {}
    for m in case.measures:
        key = (m.uncertainty_group, m.rate_distribution, m.rate_range, m.integration_rate)
        if key not in seen:
            low, high = m.rate_range
            seen[key] = {"group": m.uncertainty_group, "distribution": m.rate_distribution, "rate": m.integration_rate,
                         "low": low, "high": high, "mean": mean_rate(m), "describe": describe(m),
                         "measures": 0, "source": m.rate_range_source, "rate_is_estimate": m.rate_is_estimate}
        seen[key]["measures"] += 1
    return sorted(seen.values(), key=lambda r: (r["group"], r["rate"]))


def analyse(case: Case, settings: Settings = Settings(), *, result: OptimizationResult | None = None,
            progress: Progress | None = None, stage=None) -> SensitivityReport:
    """Every analysis of the issue in one call. ``stage(name, total)`` announces each step (for a
    progress bar); ``progress(n)`` reports solves done."""
    from amip.optimizer.solve import optimize

    def announce(name: str, total: int) -> None:
        if stage:
            stage(name, total)

    times = {}
    t = time.perf_counter()
    result = result or optimize(case)
    model = WarmModel(case)
    constant = result.objective - model.solve_at().objective    # the fixed entries' part of the objective
    times["nominal"] = time.perf_counter() - t

    t = time.perf_counter()
    rg = ranging(case, model, result, constant)
    shadow = shadow_prices(result, rg["rhs"])
    times["ranging"] = time.perf_counter() - t
    t = time.perf_counter()
    why = reasons(case, result, model=model)
    times["reasons"] = time.perf_counter() - t

    announce("frontier", settings.points)
    t = time.perf_counter()
    fr = frontier(case, settings, model=model, progress=progress)
    times["frontier"] = time.perf_counter() - t

    announce("tornado", 2 * len(groups(case.measures)))
    t = time.perf_counter()
    tor = tornado(case, settings, model=model, base_objective=result.objective, progress=progress)
    times["tornado"] = time.perf_counter() - t

    announce("monte_carlo", settings.draws)
    t = time.perf_counter()
    mc = run_monte_carlo(case, draws=settings.draws, seed=settings.seed, jobs=settings.jobs, alpha=settings.alpha,
                         model=model, progress=progress)
    times["monte_carlo"] = time.perf_counter() - t
    t = time.perf_counter()
    from amip.optimizer.value_of_information import value_of_information

    voi = tuple(value_of_information(case, model=model))
    times["value_of_information"] = time.perf_counter() - t
    return SensitivityReport(result=result, settings=settings, shadow=shadow, ranging=rg, frontier=fr, tornado=tor,
                             monte_carlo=mc, uncertainty=uncertainty_table(case), timings=times, reasons=why,
                             value_of_information=voi)
