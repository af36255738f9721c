"""The year-end forecast (Hochrechnung) from the actuals to the report month M. No solver.

Method (README "The year as it runs"):

- A monthly profile c(m) gives the share of the year's spending (and entries) reached by the end of
  month m, with a band [c_low(m), c_high(m)]. Default: the national cumulative spending curve of
  the jobcenters (BIAJ from BA data, domain.md §7.3, shipped as ``amip/data/spending-curve.csv``),
  divided by its December value: ESTIMATE for one jobcenter (read by ``amip.inputs.actuals.national_profile``). A local profile comes from earlier
  years' complete actuals (``profile_from_history``): the mean cumulative share per month, the band
  from the lowest to the highest year.
- Per measure, the pace to date continues: forecast = actual to date / c(M), the range
  actual / c_high(M) … actual / c_low(M); spending is never forecast below the money spent plus the
  money already bound for the rest of the year (sheet Festlegungen).
- Totals are sums over the measures; the PAT relief of the § 16i entries as forecast is added to the
  money available, as in the plan; what the forecast leaves of the Neufallbudget lapses: an SGB II
  jobcenter cannot carry it into the next year (§ 46 SGB II; domain.md §7.3).
- Integrations as forecast: rate × (forecast new entries + the fixed entries), against the plan's.
"""
from __future__ import annotations

from dataclasses import dataclass

from amip import texts as T
from amip.errors import InputError
from amip.models.actuals import Actuals, budget_measures, planned_spend_eur
from amip.models.case import Case

@dataclass(frozen=True)
class Profile:
    """Cumulative share of the year's spending by the end of each month (index 0 = January)."""

    share: tuple[float, ...]
    low: tuple[float, ...]
    high: tuple[float, ...]
    source: str
    estimate: bool = True

    def __post_init__(self) -> None:
        if len(self.share) != 12 or abs(self.share[-1] - 1.0) > 1e-9:
            raise InputError(T.PROFILE_SHAPE.format(source=self.source))
        if any(b < a - 1e-12 for a, b in zip(self.share, self.share[1:])) or self.share[0] < 0:
            raise InputError(T.PROFILE_FALLS.format(source=self.source))

    def at(self, month: int) -> float:
        return self.share[month - 1] if month > 0 else 0.0

    def band(self, month: int) -> tuple[float, float]:
        return (self.low[month - 1], self.high[month - 1]) if month > 0 else (0.0, 0.0)


def profile_from_history(history: list[Actuals]) -> Profile:
    """A local profile from earlier years' complete actuals (report month 12): per month the mean of
    the cumulative spending shares, the band from the lowest to the highest year."""
    years = []
    for a in history:
        if a.month != 12:
            raise InputError(T.HISTORY_NOT_DECEMBER.format(month=a.month), file=a.file)
        total = sum(ma.spend_eur[-1] for ma in a.measures.values())
        if total <= 0:
            raise InputError(T.HISTORY_EMPTY, file=a.file)
        years.append([sum(ma.spend_eur[k] for ma in a.measures.values()) / total for k in range(12)])
    share = tuple(sum(y[k] for y in years) / len(years) for k in range(12))
    return Profile(share, tuple(min(y[k] for y in years) for k in range(12)),
                   tuple(max(y[k] for y in years) for k in range(12)),
                   T.PROFILE_LOCAL.format(files=", ".join(a.file for a in history)), estimate=False)


@dataclass(frozen=True)
class MeasureForecast:
    id: str
    name: str
    field: str
    planned_entries: float
    actual_entries: float
    forecast_entries: float
    forecast_entries_low: float
    forecast_entries_high: float
    planned_spend_eur: float
    actual_spend_eur: float
    committed_rest_eur: float
    forecast_spend_eur: float
    forecast_spend_low_eur: float
    forecast_spend_high_eur: float
    planned_integrations: float
    forecast_integrations: float

    @property
    def frees_eur(self) -> float:
        """Money the measure leaves of its plan (> 0 under plan, < 0 over plan)."""
        return self.planned_spend_eur - self.forecast_spend_eur


@dataclass(frozen=True)
class Forecast:
    month: int
    profile: Profile
    budget_eur: float
    pat_relief_eur: float
    planned_spend_eur: float          #: net of the plan's PAT relief
    actual_spend_eur: float
    spend_eur: float                  #: forecast year-end spending, net of the PAT relief
    spend_low_eur: float
    spend_high_eur: float
    planned_integrations: float
    integrations: float
    integrations_low: float
    integrations_high: float
    measures: tuple[MeasureForecast, ...]

    @property
    def lapse_eur(self) -> float:
        return max(0.0, self.budget_eur - self.spend_eur)

    @property
    def lapse_low_eur(self) -> float:
        return max(0.0, self.budget_eur - self.spend_high_eur)

    @property
    def lapse_high_eur(self) -> float:
        return max(0.0, self.budget_eur - self.spend_low_eur)

    @property
    def overrun_eur(self) -> float:
        return max(0.0, self.spend_eur - self.budget_eur)

    def monthly(self, case: Case) -> dict[str, list[float | None]]:
        """Cumulative net spending per month: plan, actual (to M), forecast with band (from M)."""
        p = self.profile
        plan = [self.planned_spend_eur * p.at(k) for k in range(1, 13)]
        actual: list[float | None] = [None] * 12
        fc: list[float | None] = [None] * 12
        lo: list[float | None] = [None] * 12
        hi: list[float | None] = [None] * 12
        for k in range(1, 13):
            if k <= self.month:
                actual[k - 1] = self.actual_cumulative[k - 1]
            if k >= self.month:
                done = self.actual_spend_eur
                w = (p.at(k) - p.at(self.month)) / (1 - p.at(self.month)) if p.at(self.month) < 1 else 1.0
                fc[k - 1] = done + w * (self.spend_eur - done)
                lo[k - 1] = done + w * (self.spend_low_eur - done)
                hi[k - 1] = done + w * (self.spend_high_eur - done)
        return {"plan": plan, "actual": actual, "forecast": fc, "low": lo, "high": hi}

    actual_cumulative: tuple[float, ...] = ()


def _rate(m) -> float:
    return m.integration_rate


def pat_relief_for(case: Case, new_entries: dict[str, float]) -> float:
    if case.pat is None:
        return 0.0
    potential = sum(case.pat_relief_per_entry_eur(m) * new_entries.get(m.id, 0.0) for m in case.measures)
    return min(potential, case.pat.new_cases_cap_eur)


def forecast(case: Case, actuals: Actuals, profile: Profile) -> Forecast:
    """The year-end forecast of every measure paid from the Neufallbudget, and the totals."""
    M = actuals.month
    c = profile.at(M)
    c_lo, c_hi = profile.band(M)
    rows = []
    fc_new, lo_new, hi_new = {}, {}, {}
    for m in budget_measures(case):
        a = actuals.of(m.id)
        e, s = a.entries_to_date, a.spend_to_date_eur
        floor = s + a.committed_rest_eur
        fe, fe_lo, fe_hi = (e / c, e / c_hi, e / c_lo) if c > 0 else (m.planned_entries,) * 3
        fs, fs_lo, fs_hi = ((s / c, s / c_hi, s / c_lo) if c > 0 else (planned_spend_eur(m),) * 3)
        fs, fs_lo, fs_hi = max(fs, floor), max(fs_lo, floor), max(fs_hi, floor)
        if not m.budget_basis.has_new_entries:
            fe = fe_lo = fe_hi = e = 0.0
        fc_new[m.id], lo_new[m.id], hi_new[m.id] = fe, fe_lo, fe_hi
        r = _rate(m)
        rows.append(MeasureForecast(
            m.id, m.name, m.field, m.planned_entries if m.budget_basis.has_new_entries else 0.0, e, fe, fe_lo, fe_hi,
            planned_spend_eur(m), s, a.committed_rest_eur, fs, fs_lo, fs_hi,
            r * m.planned_total_entries, r * (m.fixed_entries + fe)))
    fixed_integ = sum(_rate(m) * m.total_entries(m.planned_entries) for m in case.measures
                      if m.id not in fc_new)
    plan_new = {mid: (case.measure(mid).planned_entries if case.measure(mid).budget_basis.has_new_entries else 0.0)
                for mid in fc_new}
    pat_plan, pat_fc = pat_relief_for(case, plan_new), pat_relief_for(case, fc_new)
    pat_lo, pat_hi = pat_relief_for(case, lo_new), pat_relief_for(case, hi_new)

    def integ(new):
        return fixed_integ + sum(_rate(case.measure(mid)) * (case.measure(mid).fixed_entries + v)
                                 for mid, v in new.items())

    cum = tuple(sum(actuals.of(mf.id).spend_eur[k] for mf in rows) for k in range(M))
    return Forecast(
        month=M, profile=profile, budget_eur=case.budget.neufallbudget_eur, pat_relief_eur=pat_fc,
        planned_spend_eur=sum(r.planned_spend_eur for r in rows) - pat_plan,
        actual_spend_eur=sum(r.actual_spend_eur for r in rows),
        spend_eur=sum(r.forecast_spend_eur for r in rows) - pat_fc,
        spend_low_eur=sum(r.forecast_spend_low_eur for r in rows) - pat_lo,
        spend_high_eur=sum(r.forecast_spend_high_eur for r in rows) - pat_hi,
        planned_integrations=integ(plan_new), integrations=integ(fc_new), integrations_low=integ(lo_new),
        integrations_high=integ(hi_new), measures=tuple(rows), actual_cumulative=cum)
