"""The year-end forecast (Hochrechnung) from the actuals to the report month M. No solver.

Method (README "The year as it runs"):

- A monthly profile c(m) gives the share of the year's spending (and entries) reached by the end of
  month m, with a band [c_low(m), c_high(m)]. Default: the national cumulative spending curve of
  the jobcenters, fitted (``fit_profile``) to the sourced points of domain.md §7.3 (BIAJ from BA data,
  years 2011–2024, shipped and replaceable as ``amip/data/spending-curve.csv``, read by
  ``amip.inputs.actuals.national_profile``): each point divided by
  its year's December value, one smooth monotone curve through them (the monthly pace a straight line
  January–November, December the rest), the band from the slowest to the fastest year: ESTIMATE for
  one jobcenter. The points come from different years and are never joined point to point (domain.md
  §8.3). A local profile comes from earlier years' complete actuals (``profile_from_history``): the
  mean cumulative share per month, the band from the lowest to the highest year.
- Per measure, the pace to date continues: forecast = actual to date / c(M), the range
  actual / c_high(M) … actual / c_low(M); spending is never forecast below the money spent plus the
  money already bound for the rest of the year (sheet Festlegungen).
- Totals are sums over the measures; the PAT relief of the § 16i entries as forecast is added to the
  money available, as in the plan; what the forecast leaves of the Neufallbudget lapses: an SGB II
  jobcenter cannot carry it into the next year (§ 46 SGB II provides none; unspent money becomes federal
  Ausgabereste that a later EinglMV distributes by its key to all jobcenters or moves to Verwaltungskosten;
  domain.md §7.3, texts.IST_CARRY_OVER).
- Integrations as forecast: rate × (forecast new entries + the fixed entries), against the plan's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from amip import texts as T
from amip.errors import InputError
from amip.models.actuals import Actuals, budget_measures, planned_spend_eur
from amip.models.case import Case
from amip.models.fmt import pct, short

CURVE_COLUMNS = ("month", "share_of_allocation", "years", "kind", "source")


@dataclass(frozen=True)
class CurvePoint:
    """One sourced point of the national spending curve: the cumulative share of the allocated money spent
    by the end of ``month`` in ``years`` (month 12: the year's final share)."""

    month: int
    share_of_allocation: float
    years: str
    kind: str
    source: str


@dataclass(frozen=True)
class Profile:
    """Cumulative share of the year's spending by the end of each month (index 0 = January)."""

    share: tuple[float, ...]
    low: tuple[float, ...]
    high: tuple[float, ...]
    source: str
    estimate: bool = True
    points: tuple[CurvePoint, ...] = ()         #: the sourced points a fitted profile comes from
    pace: tuple[float, float] = ()              #: a fitted profile's monthly pace a + b·(m − 1), (a, b)
    year_factors: tuple[float, float] = ()      #: its band: the slowest and fastest year, as a factor

    def steps(self) -> tuple[float, ...]:
        """The share of the year's spending in each month (December last)."""
        return tuple(b - a for a, b in zip((0.0,) + self.share[:-1], self.share, strict=True))

    def __post_init__(self) -> None:
        if len(self.share) != 12 or abs(self.share[-1] - 1.0) > 1e-9:
            raise InputError(T.PROFILE_SHAPE.format(source=self.source))
        if any(b < a - 1e-12 for a, b in zip(self.share, self.share[1:])) or self.share[0] < 0:
            raise InputError(T.PROFILE_FALLS.format(source=self.source))

    def at(self, month: int) -> float:
        return self.share[month - 1] if month > 0 else 0.0

    def band(self, month: int) -> tuple[float, float]:
        return (self.low[month - 1], self.high[month - 1]) if month > 0 else (0.0, 0.0)


def shares_of_year(points: tuple[CurvePoint, ...]) -> list[float]:
    """Each point as a share of its year's spending: divided by the December row of the same years, else
    by the mean of the December rows (December rows give 1)."""
    decs = {p.years: p.share_of_allocation for p in points if p.month == 12}
    mean_dec = sum(decs.values()) / len(decs) if decs else 1.0
    return [p.share_of_allocation / decs.get(p.years, mean_dec) for p in points]


def fit_profile(points: tuple[CurvePoint, ...], source: str = "", own_file: str = "") -> Profile:
    """One smooth, monotone cumulative curve fitted to points from different years (pure; no file).

    - Each point is divided by its year's final (December) share where a December row names the same
      years, else by the mean of the December rows: the share of *that year's* spending.
    - The monthly pace January–November is a straight line a + b·(m − 1) (a steady rise or fall through
      the year, no jumps), fitted by least squares to the points of months 1–11; December is the rest
      (the year-end peak). So c(m) = a·m + b·m·(m − 1)/2 for m ≤ 11 and c(12) = 1.
    - The band is the spread between the years: each point gives the factor s = point / c(month) by
      which its year ran ahead of (s > 1) or behind (s < 1) the curve up to November; the band is
      c(m) · min s … c(m) · max s (never above 1): every sourced point lies inside it.

    ``source`` names the points in error messages; ``own_file`` (a file name) marks points that replace
    the shipped national ones (read by ``amip.inputs.actuals.national_profile``).
    """
    where = source or T.CURVE_WHAT
    if not any(p.month == 12 for p in points):
        raise InputError(T.CURVE_NO_DECEMBER.format(source=where))
    obs = [(p.month, v) for p, v in zip(points, shares_of_year(points), strict=True) if p.month < 12]
    if len({m for m, _ in obs}) < 2:
        raise InputError(T.CURVE_TOO_FEW.format(source=where))
    # least squares for c(m) = a·m + b·m(m−1)/2: the 2×2 normal equations
    xs = [(m, m * (m - 1) / 2) for m, _ in obs]
    s11 = sum(x * x for x, _ in xs)
    s12 = sum(x * y for x, y in xs)
    s22 = sum(y * y for _, y in xs)
    t1 = sum(x * v for (x, _), (_, v) in zip(xs, obs, strict=True))
    t2 = sum(y * v for (_, y), (_, v) in zip(xs, obs, strict=True))
    det = s11 * s22 - s12 * s12
    a, b = (t1 * s22 - t2 * s12) / det, (s11 * t2 - s12 * t1) / det

    def c(m: int) -> float:
        return a * m + b * m * (m - 1) / 2 if m < 12 else 1.0

    share = tuple(c(m) for m in range(1, 13))
    if min(a, a + 10 * b) <= 0 or share[10] >= 1:
        raise InputError(T.CURVE_NOT_MONOTONE.format(source=where, a=short(round(a, 4)), b=short(round(b, 5)),
                                                     nov=short(round(share[10], 3))))
    factors = [v / c(m) for m, v in obs]
    lo_f, hi_f = min(factors), max(factors)
    low = tuple(min(1.0, v * lo_f) for v in share[:11]) + (1.0,)
    high = tuple(min(1.0, v * hi_f) for v in share[:11]) + (1.0,)
    years = sorted({y for p in points for y in re.findall(r"(?:19|20)\d\d", p.years)})
    fitted = Profile(share, low, high, where, estimate=True, points=tuple(points), pace=(a, b),
                     year_factors=(lo_f, hi_f))
    steps = fitted.steps()

    def pc(x: float) -> str:
        return pct(x).lstrip("+")

    what = T.PROFILE_OWN_CURVE.format(file=own_file) if own_file else T.PROFILE_NATIONAL
    return replace(fitted, source=T.PROFILE_FITTED.format(
        what=what, jan=pc(steps[0]), nov=pc(steps[10]), dec=pc(steps[11]), first=years[0] if years else "?",
        last=years[-1] if years else "?", slow=pct(lo_f - 1), fast=pct(hi_f - 1)))


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

    @property
    def overrun_low_eur(self) -> float:
        return max(0.0, self.spend_low_eur - self.budget_eur)

    @property
    def overrun_high_eur(self) -> float:
        return max(0.0, self.spend_high_eur - self.budget_eur)

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
    return min(potential, case.pat.cap_eur)


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
