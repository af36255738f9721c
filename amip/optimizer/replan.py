"""Re-plan the rest of the year (``amip replan``): the allocation LP of the rest-of-year case
(``amip.models.replan``), solved like any case (so it maximises the case's objective rate per
measure, whatever the effect measure), against the baseline of simply continuing the plan as it
runs (the forecast of ``amip.models.forecast``). Every measure gets an action (raise, lower, hold,
stop) with the entries and money moved and a reason worded from the duals and reduced costs.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from amip import texts as T
from amip.errors import InfeasibleError
from amip.models import Case
from amip.models.actuals import Actuals, budget_measures
from amip.models.fmt import eur, fixed, num, signed
from amip.models.forecast import Forecast, Profile, forecast
from amip.models.replan import MIN_REST_EUR, MeasureWindow, later_bound_eur, rest_budget_eur, rest_of_year_case
from amip.optimizer.reasons import by_id, reasons
from amip.optimizer.result import OptimizationResult

TOL_ENTRIES = 0.5
ACTIONS = {"raise": T.REPLAN_RAISE, "lower": T.REPLAN_LOWER, "hold": T.REPLAN_HOLD, "stop": T.REPLAN_STOP}


@dataclass(frozen=True)
class Action:
    id: str
    name: str
    action: str                 #: raise / lower / hold / stop
    baseline_entries: float     #: the year's new entries if the plan simply runs on (forecast)
    entries: float              #: the year's new entries of the re-plan (to date + after the month)
    actual_entries: float
    delta_entries: float
    baseline_eur: float
    spend_eur: float
    delta_eur: float
    delta_integrations: float
    reason: str
    start_month: int
    #: what the re-plan's entries after the month bind of each later year (issue 26), and the change of it
    binds_later_eur: dict = field(default_factory=dict)
    delta_binds_later_eur: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Replan:
    month: int
    forecast: Forecast
    result: OptimizationResult        #: the rest-of-year LP (new entries = entries after the month)
    derived: Case
    windows: dict[str, MeasureWindow]
    actions: tuple[Action, ...]
    objective: float
    baseline_objective: float
    rest_budget_eur: float            #: money left for new entries after the fixed money
    new_spend_eur: float              #: money the re-plan gives new entries (net of their PAT)
    notes: tuple[str, ...]
    baseline_lapse_eur: float = 0.0   #: what lapses if the plan simply runs on (same cost model)
    same_money_objective: float = 0.0  #: the re-plan's optimum with only the money the plan as it runs spends
    #: money bound in later years as ``optimize`` reports it (JSON ``commitments``): by the entries to date,
    #: by the re-plan's entries after the month, together, and each limit with its price
    commitments: dict = field(default_factory=dict)

    @property
    def lapse_eur(self) -> float:
        return max(0.0, self.rest_budget_eur - self.new_spend_eur)

    @property
    def gain(self) -> float:
        return self.objective - self.baseline_objective

    @property
    def gain_from_lapse(self) -> float:
        """Integrations the money that would lapse buys in the re-plan."""
        return self.objective - self.same_money_objective

    @property
    def year_entries(self) -> dict[str, float]:
        return {a.id: a.entries for a in self.actions if a.id in self.result.new_entries}

    def monthly(self) -> list[float | None]:
        """Cumulative net spending of the re-plan per month (actual to M, then along the profile)."""
        p, M = self.forecast.profile, self.month
        done = self.forecast.actual_spend_eur
        total = self.forecast.budget_eur - self.lapse_eur if self.lapse_eur > 0 else (
            sum(w.committed_eur for w in self.windows.values()) + self.new_spend_eur)
        out: list[float | None] = [None] * 12
        for k in range(M, 13):
            w = (p.at(k) - p.at(M)) / (1 - p.at(M)) if p.at(M) < 1 else 1.0
            out[k - 1] = done + w * (total - done)
        return out


def _reason(case: Case, m, act: str, w: MeasureWindow, why, budget_dual: float | None, y: float) -> str:
    """The action's reason: for a change, the record of amip.optimizer.reasons (what binds, checked
    by a re-solve); for a measure that holds, its capacity or lead time."""
    per100k = (budget_dual or 0.0) * 100_000
    if not m.budget_basis.has_new_entries:
        return T.REPLAN_WHY_MONEY_ONLY
    if act in ("raise", "lower", "stop"):
        text = why.text if why is not None else T.RS_OPEN.format(dir=ACTIONS[act])
        return T.REPLAN_WHY.format(text=text[:1].upper() + text[1:])
    unit = m.cost_per_entry_eur * w.cost_factor
    yield_100k = m.objective_rate / unit * 100_000 if unit > 0 else 0.0
    price = (T.REPLAN_PRICE.format(price=fixed(per100k, 1)) if per100k > 1e-9 else T.REPLAN_PRICE_SLACK)
    at_cap = w.capacity_entries > 0 and y >= w.capacity_entries - 1e-6
    if at_cap and w.start_month > 12:
        return T.REPLAN_WHY_LEAD.format(lead=num(w.lead_time_months), start=w.start_month)
    if at_cap:
        return T.REPLAN_WHY_HOLD_CAP.format(yield_=fixed(yield_100k, 1), price=price, start=w.start_month)
    return T.REPLAN_WHY_HOLD


def replan(case: Case, actuals: Actuals, profile: Profile) -> Replan:
    """Re-optimise the rest of the year after the actuals' report month."""
    from amip.optimizer.solve import optimize

    fc = forecast(case, actuals, profile)
    derived, win, notes = rest_of_year_case(case, actuals, profile)
    res = optimize(derived)
    why = by_id(reasons(derived, res, reference={mid: w.baseline_entries for mid, w in win.items()}))
    budget_dual = next((c.dual for c in res.constraints if c.name == "budget__neufall"), None)
    actions = []
    keys = case.planning.year_keys(case.year)
    base = {m.id: m.total_entries(m.planned_entries) for m in case.measures}
    base_new_cost = 0.0
    for m in budget_measures(case):
        w = win[m.id]
        a = actuals.of(m.id)
        y = res.new_entries.get(m.id, 0.0)
        e = a.entries_to_date if m.budget_basis.has_new_entries else 0.0
        yb = w.baseline_entries
        unit = m.cost_per_entry_eur * w.cost_factor
        base_new_cost += unit * yb
        base[m.id] = m.fixed_entries + e + yb
        d = y - yb
        if not m.budget_basis.has_new_entries:
            act = "hold"
        elif y <= 1e-6 and yb > TOL_ENTRIES:
            act = "stop"
        elif d > TOL_ENTRIES:
            act = "raise"
        elif d < -TOL_ENTRIES:
            act = "lower"
        else:
            act = "hold"
        per_entry = derived.commitment_per_entry_eur(derived.measure(m.id)) if m.budget_basis.has_new_entries \
            else [0.0] * len(keys)
        binds = dict(zip(keys, (c * y for c in per_entry), strict=True))
        reason = _reason(case, m, act, w, why.get(m.id), budget_dual, y)
        if any(v > 0.5 for v in binds.values()):
            reason += " " + T.REPLAN_BINDS.format(m=actuals.month, years=" · ".join(
                f"{k} {eur(v)}" for k, v in binds.items() if v > 0.5))
        actions.append(Action(m.id, m.name, act, e + yb, e + y, e, d, w.committed_eur + unit * yb,
                              w.committed_eur + unit * y, unit * d, m.objective_rate * d, reason, w.start_month,
                              binds, dict(zip(keys, (c * d for c in per_entry), strict=True))))
    baseline = sum(m.objective_rate * base[m.id] for m in case.measures)
    committed = sum(w.committed_eur for w in win.values())
    new_spend = max(0.0, res.budget_used - committed)
    rest = rest_budget_eur(case, actuals, win)
    base_pat = _baseline_pat(case, derived, win)
    base_lapse = max(0.0, rest - (base_new_cost - base_pat))
    same_money = res.objective
    if base_lapse > 1.0:
        # the same LP with only the money the plan as it runs would spend: what reallocating alone buys
        from dataclasses import replace as _replace

        tight = _replace(derived, budget=derived.budget.with_neufallbudget(
            committed + max(rest - base_lapse, MIN_REST_EUR), "re-plan without the lapsing money"))
        try:
            same_money = optimize(tight).objective
        except InfeasibleError:
            same_money = baseline
    return Replan(actuals.month, fc, res, derived, win, tuple(actions), res.objective, baseline, rest, new_spend,
                  tuple(notes), base_lapse, same_money, replan_commitments(case, actuals, res))


def replan_commitments(case: Case, actuals, res) -> dict:
    """JSON ``commitments`` of a re-plan, with optimize's keys: ``years`` = what the entries to date
    (``to_date``, the Ist workbook's Festlegungen) and the entries after the month (``after_month``) bind
    together; ``limits`` and ``prices`` name each limit as the case sets it (the rest-of-year LP holds the
    entries after the month to the limit less what the entries to date bind: ``left``)."""
    done = later_bound_eur(case, actuals)
    after = res.commitments.get("years", {})
    years = {k: done.get(k, 0.0) + after.get(k, 0.0) for k in case.planning.year_keys(case.year)}
    limits, prices = {}, {}
    for lim in case.planning.commitment_limits:
        k = case.planning.limit_key(case.year, lim.year)
        limits[k] = {"limit": lim.limit_eur, "source": lim.source}
        p = dict((res.commitments.get("prices") or {}).get(k, {}))
        p.update(limit=lim.limit_eur, left=lim.limit_eur - done.get(k, 0.0), bound_eur=years[k],
                 source=lim.source)
        prices[k] = p
    return {"unit": "EUR", "years": years, "to_date": done, "after_month": after, "limits": limits,
            "per_measure": res.commitments.get("per_measure", {}), "pat_relief": res.commitments.get("pat_relief", {}),
            "first_entry_month": actuals.month + 1, "prices": prices}


def _baseline_pat(case: Case, derived: Case, win: dict[str, MeasureWindow]) -> float:
    """PAT relief of the baseline's entries after the month (the re-plan's rates and cap)."""
    if derived.pat is None:
        return 0.0
    pot = sum(derived.pat_relief_per_entry_eur(derived.measure(mid)) * w.baseline_entries for mid, w in win.items()
              if derived.measure(mid).budget_basis.has_new_entries)
    return min(pot, derived.pat.cap_eur)


def replan_to_dict(rp: Replan) -> dict:
    r = rp.result
    return {
        "status": r.status.value, "month": rp.month, "objective": rp.objective,
        "baseline_objective": rp.baseline_objective, "gain": rp.gain, "lapse_eur": rp.lapse_eur,
        "rest_budget_eur": rp.rest_budget_eur, "new_spend_eur": rp.new_spend_eur,
        "forecast_lapse_eur": rp.forecast.lapse_eur, "baseline_lapse_eur": rp.baseline_lapse_eur,
        "gain_from_lapse": rp.gain_from_lapse,
        "gain_from_reallocation": rp.same_money_objective - rp.baseline_objective,
        "actions": [{"id": a.id, "name": a.name, "action": a.action, "action_de": ACTIONS[a.action],
                     "delta_entries": a.delta_entries, "delta_eur": a.delta_eur,
                     "delta_integrations": a.delta_integrations, "baseline_entries": a.baseline_entries,
                     "entries": a.entries, "start_month": a.start_month, "reason": a.reason,
                     "binds_later_eur": a.binds_later_eur, "delta_binds_later_eur": a.delta_binds_later_eur}
                    for a in rp.actions],
        "measures": [{"id": a.id, "entries": a.entries, "actual_entries": a.actual_entries,
                      "new_entries_after_month": a.entries - a.actual_entries, "spend_eur": a.spend_eur}
                     for a in rp.actions],
        "notes": list(rp.notes), "profile_source": rp.forecast.profile.source, "commitments": rp.commitments,
        "input_hash": r.input_hash, "version": r.version, "solver": r.solver,
    }


def describe(rp: Replan) -> str:
    """One German sentence for the head of the table."""
    text = T.REPLAN_SUMMARY.format(month=rp.month, gain=signed(rp.gain),
                                   obj=num(rp.objective), base=num(rp.baseline_objective), rest=eur(rp.rest_budget_eur),
                                   lapse=eur(rp.lapse_eur), base_lapse=eur(rp.baseline_lapse_eur),
                                   from_lapse=num(rp.gain_from_lapse),
                                   from_moves=num(rp.same_money_objective - rp.baseline_objective))
    if eur(rp.forecast.lapse_eur) != eur(rp.baseline_lapse_eur):
        text += " " + T.REPLAN_LAPSES.format(fc=eur(rp.forecast.lapse_eur), base=eur(rp.baseline_lapse_eur))
    return text
