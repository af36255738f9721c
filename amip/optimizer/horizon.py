"""A rolling multi-year plan (issue 26 item 4, ``amip optimize --horizon N``).

One cohort of entries per year of the horizon. Each cohort's model is the one-year model of its case
(``amip.models.horizon.cohort_case``, built by ``build_model``: bounds, field minimums, pools,
eligibility, share caps, commitments, links, PAT, whole places), its columns and rows renamed with
the year; the one-year budget row is replaced by one row per year: the entry-year spend of that
year's cohort plus what the earlier cohorts' entries cost in it ≤ the year's EGT less the fixed
items. The plan's later-year limits hold, shifted behind the horizon, for what all cohorts bind of
the years after it. Objective: the sum of the cohorts' objectives (the active effect); the first
year's plan is the recommendation.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import pulp

from amip import __version__
from amip import texts as T
from amip.errors import InfeasibleError, InputError, SolverError
from amip.models import Case
from amip.models.check import BUDGET, PAT_PER_ENTRY, constraint_name, pat_relief_eur, score_plan
from amip.models.fmt import eur, num
from amip.models.horizon import (
    HorizonYear,
    ShiftedLimit,
    cohort_case,
    horizon_years,
    later_cash_per_entry,
    shifted_limits,
)
from amip.models.timing import cohorts_by_year, horizon_quota
from amip.optimizer import constraints as C
from amip.optimizer.build import BuiltModel, build_model
from amip.optimizer.highs import SOLVER_OPTIONS, shadow_price, solve_problem, solver_label
from amip.optimizer.result import OptimizationResult, Status, make_result


@dataclass
class HorizonModel:
    prob: pulp.LpProblem
    cohorts: list[Case]
    built: list[BuiltModel]            #: each cohort's one-year model (its columns, renamed)
    years: tuple[HorizonYear, ...]
    limits: tuple[ShiftedLimit, ...]
    constraint_names: list[str] = field(default_factory=list)


#: what horizon[].shadow_price_* and horizon_summary.after_horizon[].shadow_price_* are (JSON; English)
PRICE_NOTE = ("dual of each money row (a year's EGT row; a shifted limit after the horizon) in the objective of all "
              "cohorts per 100.000 EUR more; valid_from/valid_to: the year's EGT (the limit) between which the dual "
              "holds (HiGHS ranging); objective_at_*: the optimum there; none with whole entries (--integer)")
FREE_TOL_EUR = 0.5   #: money left in a year below this counts as none (the "frei" column shows it as 0 €)


def year_row(year: int) -> str:
    """The money row of a year of the horizon (C.add_horizon_cash, kind horizon_budget)."""
    return constraint_name("horizon_budget", str(year))


def limit_row(lim: ShiftedLimit) -> str:
    """The row of a later-year limit shifted behind the horizon (kind horizon_commitment)."""
    return constraint_name("horizon_commitment", limit_key(lim))


def limit_key(lim: ShiftedLimit) -> str:
    """A shifted limit's key in row names ("2025+" → "2025plus")."""
    return lim.key.replace("+", "plus")


def horizon_conflict_label(case: Case, hm: HorizonModel, name: str) -> str:
    """A conflicting row of the horizon by its German name with its year: a year's money row, a shifted
    limit, or a cohort's row labelled as the one-year diagnosis labels it (diagnose.conflict_label)."""
    from amip.models.check import constraint_rows
    from amip.optimizer.diagnose import conflict_label

    for hy in hm.years:
        if name == year_row(hy.year):
            return T.HORIZON_ROW_YEAR.format(year=hy.year)
    for lim in hm.limits:
        if name == limit_row(lim):
            return T.HORIZON_ROW_AFTER.format(year=lim.key, orig=lim.original_key)
    base, _, suffix = name.rpartition("__")
    t = int(suffix) - case.year if suffix.isdigit() else -1
    if not base or not 0 <= t < len(hm.cohorts):
        return name
    rows = {r.name: r for r in constraint_rows(hm.cohorts[t], {})}
    return T.HORIZON_ROW_COHORT.format(label=conflict_label(base, rows, case.effect), year=suffix)


def _later_terms(cohorts: list[Case], built: list[BuiltModel], upto: int, base_year: int, year: int,
                 and_after: bool = False) -> list[tuple]:
    """(entries column, gross money per entry, PAT relief per entry) of every earlier cohort in ``year``."""
    terms = []
    for c in range(upto):
        k = year - (base_year + c)
        if k < 1:
            continue
        case_c = cohorts[c]
        for mid, v in built[c].x.items():
            g, r = later_cash_per_entry(case_c, case_c.measure(mid), k, and_after=and_after)
            if g or r:
                terms.append((v, g, r))
    return terms


def build_horizon(case: Case, n: int, *, integer: bool | None = None) -> HorizonModel:
    years = horizon_years(case, n)
    cohorts = [cohort_case(case, t, n) for t in range(n)]
    prob = pulp.LpProblem("amip_horizon", pulp.LpMaximize)
    built, names, objective = [], [], []
    cap = case.pat.new_cases_cap_eur if case.pat is not None and case.pat.capped else None
    for t, ct in enumerate(cohorts):
        b = build_model(ct, integer=integer)
        suffix = str(case.year + t)
        for v in b.prob.variables():
            v.name = f"{v.name}__{suffix}"
        for name in b.constraint_names:
            if name == BUDGET:   # replaced by the year rows below
                continue
            new = f"{name}__{suffix}"
            prob.addConstraint(b.prob.get_constraint_by_name(name), new)
            names.append(new)
        objective.append(b.prob.objective)
        built.append(b)
    prob += pulp.lpSum(objective)
    for hy in years:
        t = hy.offset
        ct, b = cohorts[t], built[t]
        own = [(v, ct.measure(mid).cost_per_entry_eur) for mid, v in b.x.items()]
        if b.pat is not None:
            own.append((b.pat, -1.0))
        names += C.add_horizon_cash(prob, str(hy.year), own, _later_terms(cohorts, built, t, case.year, hy.year),
                                    hy.available_eur, own_pat=b.pat, pat_cap=cap)
    limits = shifted_limits(case, n)
    for lim in limits:
        names += C.add_horizon_cash(prob, limit_key(lim), None,
                                    _later_terms(cohorts, built, n, case.year, lim.year, lim.and_after),
                                    lim.limit_eur, kind="horizon_commitment", pat_cap=cap)
    return HorizonModel(prob, cohorts, built, years, limits, names)


@dataclass(frozen=True)
class HorizonPlan:
    """The solved horizon: per year its budget, the cohorts' money and integrations, per cohort its plan."""

    n: int
    effect: str
    objective: float                      #: the sum of the cohorts' objectives (the solver's)
    plans: tuple[dict, ...]               #: per cohort: measure id → new entries
    years: tuple[dict, ...]
    after: tuple[dict, ...]               #: what all cohorts bind after the horizon, with the shifted limits
    notes: tuple[str, ...]
    differences: tuple[dict, ...] | None  #: first year against the one-year optimum (None: no optimum)
    integrations_after: float = 0.0       #: the cohorts' integrations in the years after the horizon
    integer: bool = False
    priced: bool = False                  #: the money rows have duals (an LP; not with whole entries)

    def to_dict(self) -> dict:
        return {"horizon": list(self.years),
                "horizon_summary": {"years": self.n, "effect": self.effect, "objective": self.objective,
                                    "integer": self.integer, "after_horizon": list(self.after),
                                    "integrations_after_horizon": self.integrations_after,
                                    "shadow_prices": PRICE_NOTE if self.priced else None,
                                    "notes": list(self.notes),
                                    "first_year_vs_one_year": None if self.differences is None
                                    else list(self.differences)}}


def cohort_cash(case: Case, cohorts: list[Case], plans: list[dict], year: int, *, and_after: bool = False,
                upto: int | None = None) -> float:
    """What the cohorts' plans cost in ``year`` (net of the PAT, as the model counts it), from the data
    alone: the entry-year spend of the cohort entering then, the later money of the earlier ones, the
    relief capped where the case caps the PAT."""
    cap = case.pat.new_cases_cap_eur if case.pat is not None and case.pat.capped else None
    own, own_relief, gross, relief = 0.0, 0.0, 0.0, 0.0
    for c, (ct, plan) in enumerate(zip(cohorts[:upto], plans[:upto], strict=True)):
        k = year - (case.year + c)
        if k == 0 and not and_after:
            own += sum(ct.measure(mid).cost_per_entry_eur * x for mid, x in plan.items())
            own_relief = pat_relief_eur(ct, plan)[0]
        elif k >= 1:
            for mid, x in plan.items():
                g, r = later_cash_per_entry(ct, ct.measure(mid), k, and_after=and_after)
                gross, relief = gross + g * x, relief + r * x
    if cap is not None:
        relief = min(relief, max(0.0, cap - own_relief))
    return own - own_relief + gross - relief


def optimize_horizon(case: Case, n: int, *, one_year: OptimizationResult | None = None,
                     goal=None, objective=None) -> tuple[OptimizationResult, HorizonPlan]:
    """Solve the horizon; the result describes the first year (the recommendation), the HorizonPlan
    every year. ``one_year``: the one-year optimum the first year is compared with."""
    if goal is not None:
        raise InputError(T.HORIZON_MODE.format(option="--goal"))
    if objective is not None and not objective.is_default:
        raise InputError(T.HORIZON_MODE.format(option="--objective"))
    import time

    t0 = time.perf_counter()
    hm = build_horizon(case, n)
    t1 = time.perf_counter()
    status = solve_problem(hm.prob)
    t2 = time.perf_counter()
    if status == pulp.LpStatusInfeasible:
        raise_cohort_infeasible(case, hm)
        from amip.optimizer.diagnose import find_conflicts

        conflicts = [c for c in find_conflicts(BuiltModel(hm.prob, {}, None, hm.constraint_names))
                     if not c.startswith((PAT_PER_ENTRY + "__", "pat_later__"))]   # definitions, not limits
        labels = [horizon_conflict_label(case, hm, c) for c in conflicts]
        raise InfeasibleError(T.HORIZON_INFEASIBLE.format(n=n, conflicts=", ".join(labels)), conflicts,
                              diagnosis={"conflicts": conflicts, "changes": [], "findings": [],
                                         "conflict_labels": labels})
    if status != pulp.LpStatusOptimal or hm.prob.sol_status != pulp.LpSolutionOptimal:
        raise SolverError(T.SOLVE_NOT_OPTIMAL.format(status=pulp.LpStatus.get(status, status)))
    integer = any(b.integer for b in hm.built)
    plans = []
    for b in hm.built:
        p = {mid: float(v.value() or 0.0) for mid, v in b.x.items()}
        plans.append({mid: float(round(x)) for mid, x in p.items()} if integer else p)
    result = make_result(case, plans[0], status=Status.OPTIMAL, solver=solver_label(), solve_time_s=t2 - t1,
                         build_time_s=t1 - t0, version=__version__,
                         input_hash=case.input_hash(version=__version__, solver=SOLVER_OPTIONS))
    return result, horizon_plan(case, hm, plans, float(pulp.value(hm.prob.objective)), one_year, integer,
                                prices=money_prices(hm))


def money_prices(hm: HorizonModel) -> dict[str, dict]:
    """Per money row of the solved horizon LP (each year's EGT row, each shifted limit after the
    horizon): its dual in the objective (integrations of all cohorts) per 100.000 € and the range of
    the right-hand side over which that dual holds, with the optimum at its ends (HiGHS ranging, the
    one-year sensitivity's ``rhs_ranging``), in the user's terms: a year's EGT, a limit's euros.
    Empty for a model with whole entries (no duals). A ranging HiGHS cannot give leaves the range None."""
    import highspy

    from amip.optimizer.sensitivity import PER_100K, reported_objective, rhs_ranging

    prob = hm.prob
    if prob.isMIP():
        return {}
    rows = {year_row(hy.year): (hy.egt_eur, "EUR") for hy in hm.years}
    rows.update({limit_row(lim): (lim.limit_eur, "EUR") for lim in hm.limits})
    h = prob.solverModel
    status, rg = h.getRanging()
    total = reported_objective(prob.objective.constant)   # PuLP hands HiGHS no objective constant
    ranged = {} if status == highspy.HighsStatus.kError else rhs_ranging(h, rg, prob, list(rows), rows, total)
    out = {}
    for name in rows:
        dual = shadow_price(prob, prob.get_constraint_by_name(name).pi)
        r = ranged.get(name, {})
        out[name] = {"row": name, "per_100k_eur": None if dual is None else dual * PER_100K,
                     "valid_from_eur": r.get("low"), "valid_to_eur": r.get("high"),
                     "objective_at_valid_from": r.get("objective_low"),
                     "objective_at_valid_to": r.get("objective_high")}
    return out


def _price_keys(price: dict | None, rhs: float, free: float) -> dict:
    """The JSON keys of a money row's price (None where the model has whole entries). A row with money
    left (``free`` ≥ FREE_TOL_EUR of its right-hand side ``rhs``): its price 0 holds from ``rhs − free``
    up, the money left as the data count it (the solver need not take the PAT relief a slack row does
    not need, so its row activity may overstate what the plans cost)."""
    p = dict(price or {})
    if p and free >= FREE_TOL_EUR:
        p.update(valid_from_eur=rhs - free, valid_to_eur=None)
    return {"shadow_price_per_100k_eur": p.get("per_100k_eur"), "shadow_price_valid_from_eur": p.get("valid_from_eur"),
            "shadow_price_valid_to_eur": p.get("valid_to_eur"),
            "objective_at_valid_from": p.get("objective_at_valid_from"),
            "objective_at_valid_to": p.get("objective_at_valid_to"), "money_row": p.get("row")}


def raise_cohort_infeasible(case: Case, hm: HorizonModel) -> None:
    """A later cohort with no plan even with all the money (its whole places, field minimums or
    commitments without the plan year's pre-bought places): InfeasibleError with that cohort's
    diagnosis, named by its year."""
    from amip.optimizer.solve import optimize

    for t, ct in enumerate(hm.cohorts[1:], start=1):
        rich = replace(ct, budget=ct.budget.with_neufallbudget(1e12, "horizon: a cohort's own rules"))
        try:
            optimize(rich)
        except InfeasibleError as e:
            raise InfeasibleError(T.HORIZON_COHORT_INFEASIBLE.format(year=case.year + t, text=str(e)),
                                  e.conflicts, diagnosis=e.diagnosis) from None


def horizon_plan(case: Case, hm: HorizonModel, plans: list[dict], objective: float,
                 one_year: OptimizationResult | None, integer: bool, prices: dict | None = None) -> HorizonPlan:
    """The report of a solved horizon, its figures recomputed from the data and the plans; ``prices``:
    the money rows' duals and ranges (``money_prices``; none with whole entries)."""
    prices = prices or {}
    scores = [score_plan(ct, p) for ct, p in zip(hm.cohorts, plans, strict=True)]
    per_cohort = [{mid: s.per_measure[mid]["integrations"] for mid in s.per_measure} for s in scores]
    n = len(hm.years)
    in_year = cohorts_by_year(hm.cohorts[0].planning, case.measures, per_cohort, n)
    # the § 48b view per year: what § 48a counts of all cohorts' entries (new and pre-bought) ÷ the eLb
    quotas = horizon_quota(case, [{mid: s.per_measure[mid]["entries"] for mid in s.per_measure} for s in scores])
    years = []
    for hy in hm.years:
        t = hy.offset
        cash = cohort_cash(case, hm.cohorts, plans, hy.year, upto=t + 1)
        ct = hm.cohorts[t]
        free = hy.available_eur - cash
        years.append({
            "year": hy.year, "egt_eur": hy.egt_eur, "egt_source": hy.egt_source,
            "prior_commitments_eur": hy.prior_commitments_eur, "prior_commitments_source": hy.prior_source,
            "fixed_eur": hy.fixed_eur, "available_eur": hy.available_eur, "new_cash_eur": cash,
            "free_eur": free, "binding": free < FREE_TOL_EUR,
            **_price_keys(prices.get(year_row(hy.year)), hy.egt_eur, free),
            "integrations_in_year": in_year[t], "cohort_integrations": scores[t].integrations,
            "cohort_objective": scores[t].objective, "unit": "EUR", "integration_quota": quotas[t],
            "measures": [{"id": mid, "entries": x, "cost_eur": ct.measure(mid).cost_per_entry_eur * x}
                         for mid, x in plans[t].items()],
        })
    after = []
    for lim in hm.limits:
        cash = cohort_cash(case, hm.cohorts, plans, lim.year, and_after=lim.and_after)
        after.append({"year": lim.key, "cash_eur": cash, "limit_eur": lim.limit_eur,
                      "limit_of_year": lim.original_key, "source": lim.source,
                      "binding": cash >= lim.limit_eur - 1e-6 * max(1.0, lim.limit_eur),
                      "free_eur": lim.limit_eur - cash,
                      **_price_keys(prices.get(limit_row(lim)), lim.limit_eur, lim.limit_eur - cash)})
    notes = [T.HORIZON_FIXED_SAME, T.HORIZON_PREBOUGHT, T.HORIZON_INTEGRATIONS_NOTE]
    if quotas and quotas[0]["elb"]:
        notes.append(T.HORIZON_QUOTA_NOTE.format(elb=num(quotas[0]["elb"], 0), year=case.year))
    inside = [str(lim.year) for lim in case.planning.commitment_limits if lim.year < case.year + n]
    if inside:
        notes.append(T.HORIZON_LIMITS_INSIDE.format(years=", ".join(inside)))
    if hm.limits:
        notes.append(T.HORIZON_LIMITS_SHIFTED.format(shift=n - 1, items="; ".join(
            T.HORIZON_LIMIT_ITEM.format(year=lim.key, limit=eur(lim.limit_eur), orig=lim.original_key)
            for lim in hm.limits)))
    if not hm.limits:
        notes.append(T.HORIZON_NO_LIMITS)
    return HorizonPlan(n=n, effect=case.effect, objective=objective, plans=tuple(plans), years=tuple(years),
                       after=tuple(after), notes=tuple(notes), integrations_after=in_year[n],
                       differences=None if one_year is None else differences(case, one_year, plans[0]),
                       integer=integer, priced=bool(prices))


def differences(case: Case, one_year: OptimizationResult, first: dict) -> tuple[dict, ...]:
    """Measures whose first-year entries differ from the one-year optimum by at least one entry: the
    entries and the net money in the plan year (cost per entry after the PAT relief per entry)."""
    out = []
    for r in one_year.measures:
        if r.id not in first:
            continue
        d = first[r.id] - r.new_entries
        if abs(d) < 0.5:
            continue
        out.append({"id": r.id, "name": r.name, "one_year_entries": r.new_entries, "first_year_entries": first[r.id],
                    "delta_entries": d, "delta_eur": d * r.cost_per_entry})
    return tuple(sorted(out, key=lambda x: -abs(x["delta_eur"])))
