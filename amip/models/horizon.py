"""A rolling multi-year plan (issue 26 item 4, ``amip optimize --horizon N``): the data of each year of
the horizon and of each cohort (the entries of one year). Plain data and arithmetic, no solver.

Each year t of the horizon (the plan year + t) has its EGT (the case's, flat, or ``budget.egt_path``),
the Vorbindungen known from contracts before the horizon (year 0: the case's; later years: not known,
0 €), the fixed items of the budget chain (Umschichtung, Rückeinnahmen, money-only items: as in the
plan year) and so the money the horizon's cohorts may spend in it. Each cohort is the case itself
with the pre-bought places of the plan year only: every rule of the one-year model holds for it.
Its money per entry in the entry year is the one-year model's, in each later year
``Case.commitment_per_entry_eur`` (net of the PAT), with one item per year (``years_ahead``).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from amip import texts as T
from amip.errors import InputError
from amip.models.case import Case
from amip.models.fmt import eur

MIN_HORIZON, MAX_HORIZON = 2, 5


@dataclass(frozen=True)
class HorizonYear:
    """One year of the horizon: what its cohorts may spend = EGT − Vorbindungen − fixed items."""

    offset: int                   #: 0 = the plan year
    year: int
    egt_eur: float
    egt_source: str
    prior_commitments_eur: float  #: Vorbindungen from contracts before the horizon
    prior_source: str
    fixed_eur: float              #: Umschichtung − Rückeinnahmen + money-only items (as in the plan year)
    available_eur: float          #: what the horizon's cohorts may spend in the year (net of the PAT)


@dataclass(frozen=True)
class ShiftedLimit:
    """A later-year limit of the plan year, applied after the horizon: what all cohorts bind of ``year``
    (and, with ``and_after``, of every year after it) ≤ ``limit_eur``."""

    year: int
    and_after: bool
    limit_eur: float
    original_year: int
    original_key: str    #: the limit's key in the plan ("2021", "2023+")
    source: str

    @property
    def key(self) -> str:
        return f"{self.year}+" if self.and_after else str(self.year)


def check_horizon(n: int) -> None:
    if not (isinstance(n, int) and MIN_HORIZON <= n <= MAX_HORIZON):
        raise InputError("--horizon " + T.ERR_HORIZON_RANGE.format(got=n))


def check_egt_path(case: Case, n: int) -> None:
    """An EGT path, where the case has one, names every later year of the horizon; neither path names
    the plan year or one before it."""
    for key in ("egt_path", "vorbindungen_path"):
        path = getattr(case.budget, key)
        early = [e for e in path if e.year <= case.year]
        if early:
            raise InputError(T.EGT_PATH_PLAN_YEAR.format(path=key, year=early[0].year, first=case.year + 1),
                             file=early[0].where or None)
    path = case.budget.egt_path
    if not path:
        return
    needed = [case.year + t for t in range(1, n)]
    given = {e.year for e in path}
    missing = [y for y in needed if y not in given]
    if missing:
        raise InputError(T.EGT_PATH_SHORT.format(given=", ".join(str(y) for y in sorted(given)), n=n,
                                                 needed=", ".join(map(str, needed)),
                                                 missing=", ".join(f"{y} (budget.egt_path.{y})" for y in missing)),
                         file=path[0].where or None)   # the key of a missing year: the sheet's row has it


def horizon_years(case: Case, n: int) -> tuple[HorizonYear, ...]:
    """The N years of the horizon. Year 0 is the one-year budget row (Neufallbudget − fixed money-only
    items); a later year has what its EGT less the same fixed items leaves (the chain of the plan
    year: a --budget or scenario Neufallbudget moves every year alike)."""
    check_horizon(n)
    check_egt_path(case, n)
    b = case.budget
    path = {e.year: e for e in b.egt_path}
    prior = {e.year: e for e in b.vorbindungen_path}
    egt0, prior0 = b.egt_zuteilung_eur, b.vorbindungen_eur
    available0 = b.neufallbudget_eur - case.fixed_spend_eur
    fixed = egt0 - prior0 - available0
    out = [HorizonYear(0, case.year, egt0, dict(b.sources).get("egt_zuteilung_eur", "") or T.CHAIN_DERIVED, prior0,
                       dict(b.sources).get("vorbindungen_eur", "") or T.HORIZON_PRIOR_CASE, fixed, available0)]
    for t in range(1, n):
        y = case.year + t
        e, p = path.get(y), prior.get(y)
        egt = e.eur if e else egt0
        source = f"{e.source} ({e.where})" if e else T.HORIZON_EGT_FLAT.format(egt=eur(egt0))
        vb = p.eur if p else 0.0
        vb_source = T.HORIZON_PRIOR_GIVEN.format(source=p.source, where=p.where) if p else T.HORIZON_PRIOR_UNKNOWN
        out.append(HorizonYear(t, y, egt, source, vb, vb_source, fixed, egt - vb - fixed))
    return tuple(out)


def years_ahead(case: Case, n: int) -> int:
    """Later years each cohort's money is reported for, one by one: past the horizon and past the later
    years of the plan's limits shifted behind it (the last item collects all after)."""
    return case.planning.years_ahead + n


def cohort_case(case: Case, offset: int, n: int) -> Case:
    """The case of the cohort entering in the plan year + ``offset``: the same measures, rules and
    prices; pre-bought places only in the plan year (offset 0, else ``later_measure``); money per entry
    reported for every later year one by one; the later-year limits left to the horizon
    (``shifted_limits``)."""
    planning = replace(case.planning, years_ahead=years_ahead(case, n), commitment_limits=())
    if offset == 0:
        return replace(case, planning=planning)
    return replace(case, measures=tuple(map(later_measure, case.measures)), planning=planning)


def later_measure(m):
    """A measure in a cohort after the plan year: no pre-bought places (no contract of an earlier year
    is known beyond the plan year); a measure with new entries may buy its plan year's pre-bought places
    anew, at its cost per entry (POLICY: the catalogue keeps its capacity); a measure of pre-bought
    places only has no price for new entries and so no entries."""
    if not m.prebought_entries:
        return m
    if m.budget_basis.has_new_entries:
        return m.evolve(prebought_entries=0.0, upper_entries=m.upper_entries + m.prebought_entries)
    return m.evolve(prebought_entries=0.0)


def shifted_limits(case: Case, n: int) -> tuple[ShiftedLimit, ...]:
    """The plan's later-year limits (commitments.limits), shifted by n − 1 years behind the horizon: the
    horizon's cohorts together bind of its first year after no more than the plan year's cohort may
    bind of the next year, and so on; the last ("2023+") holds for its year and all after."""
    last = case.year + case.planning.years_ahead + 1   # the year that stands for itself and all after
    out = []
    for lim in case.planning.commitment_limits:
        key = f"{lim.year}+" if lim.year >= last else str(lim.year)
        out.append(ShiftedLimit(lim.year + n - 1, lim.year >= last, lim.limit_eur, lim.year, key, lim.source))
    return tuple(out)


def later_cash_per_entry(cohort: Case, m, k: int, *, and_after: bool = False) -> tuple[float, float]:
    """(gross money, PAT relief) one entry of ``cohort`` brings in the k-th year after its entry year
    (k ≥ 1; with ``and_after`` that year and all after). The net money is
    ``Case.commitment_per_entry_eur``; gross = net + relief."""
    net = cohort.commitment_per_entry_eur(m)
    relief = cohort.later_pat_relief_per_entry_eur(m)
    idx = slice(k - 1, None) if and_after else slice(k - 1, k)
    if k - 1 >= len(net):
        return 0.0, 0.0
    r = sum(relief[idx])
    return sum(net[idx]) + r, r
