"""When a cohort's integrations happen: the share of one entry's integrations in each calendar year
(issue 26 item 5). Plain arithmetic on the planning data, no solver, no files.

§ 48b target agreements count integrations *in the year* (Integrationsquote = integrations in the
year ÷ the average stock of eLb, § 48a SGB II Kennzahl K2), while the allocation LP counts what one
year's entries (a cohort) produce, partly years later. This module spreads a cohort's integrations
over the years. Three kinds of timing, chosen per measure (``timing_kind``):

- ``after_exit`` (the default): the rates are Eingliederungsquoten, "share of Austritte from an
  instrument who are sozialversicherungspflichtig beschäftigt 6 months after exit" (domain.md §2.1,
  § 54 SGB II i.V.m. § 11 SGB III). The job is taken up at some time between the exit and the sixth
  month after it; we spread it evenly over those six months. ESTIMATE: the even spread (no
  distribution of the take-up month was found); the exit = entry + the measure's expected duration
  (``MeasurePlanning.duration_months``, itself mostly an ESTIMATE with its source).
- ``at_entry``: the subsidised job or training is itself the integration — where the net-effect
  table's ``kennzahl`` column (amip/data/effects.csv, each row sourced) says § 48a counts the entry
  (``entry``): the same reading as the § 48a count of a plan (``amip.models.effects``). sgb2.info, Kennzahlen-
  Glossar "Integration": "Als Integrationen im Sinne der Kennzahlen nach § 48a SGB II wird die
  Aufnahme einer sozialversicherungspflichtigen oder selbständigen Tätigkeit gezählt, auch wenn diese
  durch Beschäftigung begleitende Leistungen wie Eingliederungszuschuss oder Einstiegsgeld gefördert
  wird. Eintritte in eine vollqualifizierende berufliche Ausbildung … werden ebenfalls als Integration
  erfasst." (domain.md §2.1, §7.2: "including jobs subsidised by EGZ, Einstiegsgeld and § 16e").
  The integration falls in the entry month, i.e. in the entry year.
- ``from_entry``: a placement voucher (AVGS-MPAV): the placement is the integration and the
  measure's "duration" is only when its fee is paid; ESTIMATE: the take-up is spread evenly over the
  six months from the voucher's issue.

§ 16i and AGH entries are no integrations (domain.md §7.2: "entries into § 16i and AGH are not
integrations"): their rates count the transitions after the exit (``after_exit``).

The entries spread evenly over months first_entry_month..12 of their year, each starting at the
beginning of its month — the same entry profile as the money (``planning.month_profile``), which
does the month-by-month counting here too.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import repeat

from amip import texts as T
from amip.models.check import effective_entries
from amip.models.planning import Planning, month_profile

#: months after the exit within which the Eingliederungsquote counts an integration (domain.md §2.1)
WINDOW_MONTHS = 6.0

AFTER_EXIT, AT_ENTRY, FROM_ENTRY = "after_exit", "at_entry", "from_entry"

#: instrument types whose take-up is spread from the entry (placement vouchers)
FROM_ENTRY_TYPES = ("mpav",)


def timing_kind(measure) -> tuple[str, str]:
    """(kind, reason) of a measure. AT_ENTRY where § 48a counts the entry itself as an integration:
    the net-effect table's ``kennzahl`` column says ``entry`` (EGZ, Einstiegsgeld, § 16e, Ausbildung
    with a subsidy, …, each row with its source; amip/data/effects.csv) — one reading for the count
    and its timing. FROM_ENTRY for placement vouchers; AFTER_EXIT for every other measure."""
    return _kind(getattr(measure, "effects", None), measure.instrument_type)


def _kind(effects, instrument_type: str) -> tuple[str, str]:
    """timing_kind of a measure's effect row and instrument type."""
    if effects is not None and effects.kennzahl_mode == "entry":
        return AT_ENTRY, effects.kennzahl_source
    if instrument_type in FROM_ENTRY_TYPES:
        return FROM_ENTRY, T.TIMING_FROM_ENTRY
    return AFTER_EXIT, T.TIMING_AFTER_EXIT


def year_shares(kind: str, duration_months: float, first_entry_month: int, years: int) -> list[float]:
    """The share of one cohort's integrations in its entry year (index 0), each following year, and,
    at index ``years``, all later years together (``years + 1`` values, summing to 1).

    Entries spread evenly over months first_entry_month..12; ``kind`` as :func:`timing_kind` gives it. An
    integration spread evenly over the window [a, a + 6) months after an entry's start is counted by
    ``month_profile``: months in [0, a + 6) less months in [0, a), divided by 6."""
    if kind == AT_ENTRY:
        return month_profile(1.0, (), first_entry_month, years)   # the entry month: the entry year
    start = 0.0 if kind == FROM_ENTRY else max(0.0, duration_months)
    upto = month_profile(start + WINDOW_MONTHS, (), first_entry_month, years)
    before = month_profile(start, (), first_entry_month, years)
    return [(u - b) / WINDOW_MONTHS for u, b in zip(upto, before, strict=True)]


def measure_shares(planning: Planning, measure, years: int | None = None,
                   first_entry_month: int | None = None) -> list[float]:
    """:func:`year_shares` of a measure (a Measure: ``id``, ``instrument_type``, ``effects``): its duration
    and start month from the planning data. ``years`` defaults to ``planning.years_ahead + 1`` — the
    entry year, each later year of ``Planning.year_keys`` and, last, all after them; a cohort that
    enters in another year than the plan's (a horizon plan) passes its own ``first_entry_month``."""
    kind, _ = timing_kind(measure)
    return year_shares(kind, planning.of(measure.id).duration_months,
                       first_entry_month or planning.start_month(measure.id),
                       planning.years_ahead + 1 if years is None else years)


def shares_by_measure(planning: Planning, years: int, first_entry_month: int | None = None):
    """m → :func:`measure_shares` (``years``), computed once per (planning entry, timing kind):
    the many measures without planning data of their own share one computation (a case of 100.000
    measures stays linear)."""
    memo: dict[tuple, list[float]] = {}
    by_id: dict[str, list[float]] = {}     # a caller that asks again for a measure (result, then quota)
    planning_of = planning.of

    def of(m) -> list[float]:
        mid = m.id
        got = by_id.get(mid)
        if got is not None:
            return got
        # what the shares depend on: the planning entry (its duration and start month) and the timing kind
        key = (id(planning_of(mid)), timing_kind(m)[0])
        got = memo.get(key)
        if got is None:
            got = memo[key] = measure_shares(planning, m, years, first_entry_month)
        by_id[mid] = got
        return got

    return of


def shares_column(planning: Planning, columns: Mapping[str, Sequence], years: int) -> list[list[float]]:
    """:func:`measure_shares` (``years``) of every measure of ``columns`` (Case.columns: its ``id``,
    ``effects``, ``instrument_type``) in table order, computed once per (planning entry, timing kind) as
    :func:`shares_by_measure` does, in one pass over the columns (no call and no object per measure)."""
    memo: dict[tuple, list[float]] = {}
    planning_of = planning.of
    out = []
    for mid, effects, instrument_type in zip(columns["id"], columns["effects"], columns["instrument_type"]):
        entry = planning_of(mid)
        kind = _kind(effects, instrument_type)[0]
        got = memo.get((id(entry), kind))
        if got is None:
            got = memo[id(entry), kind] = year_shares(kind, entry.duration_months,
                                                      entry.first_entry_month or planning.first_entry_month, years)
        out.append(got)
    return out


def year_labels(planning: Planning, plan_year: int) -> list[str]:
    """The keys of :func:`measure_shares` with default ``years``: the plan year, then
    ``Planning.year_keys`` ("2020", "2021", "2022", "2023+")."""
    return [str(plan_year)] + planning.year_keys(plan_year)


def integrations_by_year(planning: Planning, measures: Sequence, integrations: Mapping[str, float],
                         years: int, cohort_offset: int = 0,
                         first_entry_month: int | None = None, shares_of=None,
                         shares: Sequence[Sequence[float]] | None = None) -> list[float]:
    """Integrations per calendar year of one cohort, for a whole plan.

    ``measures``: the measures (``id``, ``instrument_type``, ``effects``); ``integrations``: measure id → the
    integrations that cohort's entries of the measure produce in all (the LP's figure: entries × rate
    or the effect, after any returns curve; ids missing count 0). The cohort enters in year
    ``cohort_offset`` (0 = the plan year). Returns ``years + 1`` values: index k < years is plan
    year + k, index ``years`` collects plan year + years and every year after it. Their sum is the
    cohort's total. A horizon plan sums this over its cohorts (:func:`cohorts_by_year`). ``shares_of``:
    the :func:`shares_by_measure` of these arguments if the caller has one already; ``shares``: the
    measures' shares themselves, in the order of ``measures`` (:func:`shares_column`)."""
    out = [0.0] * (years + 1)
    if cohort_offset > years:
        out[years] = sum(integrations.get(m.id, 0.0) for m in measures)
        return out
    if shares is None:
        shares_of = shares_of or shares_by_measure(planning, years - cohort_offset, first_entry_month)
    get = integrations.get
    for m, own in zip(measures, shares if shares is not None else repeat(None)):
        value = get(m.id, 0.0)
        if not value:
            continue
        for k, s in enumerate(own if own is not None else shares_of(m)):
            out[cohort_offset + k] += value * s
    return out


def cohorts_by_year(planning: Planning, measures: Sequence, cohorts: Sequence[Mapping[str, float]],
                    years: int, first_entry_month: int | None = None) -> list[float]:
    """Integrations per calendar year of several cohorts: ``cohorts[c]`` = measure id → integrations
    of the cohort entering in plan year + c. Same layout as :func:`integrations_by_year`."""
    out = [0.0] * (years + 1)
    for c, cohort in enumerate(cohorts):
        fem = None if c == 0 else first_entry_month
        for k, v in enumerate(integrations_by_year(planning, measures, cohort, years, c, fem)):
            out[k] += v
    return out


# --------------------------------------------------------------------------- § 48b: the year's quota
def kennzahl_per_entry(m) -> tuple[float, bool]:
    """(§ 48a integrations per entry, from the table): the measure's ``kennzahl`` value (1 per entry,
    0, or its gross rate); a measure without a row in the net-effect table counts its gross rate
    (False: not from the table)."""
    v = m.effect_value("kennzahl")
    if v is None:
        return m.effect_value("gross") or 0.0, False
    return v, True


def kennzahl_integrations(case, entries: Mapping[str, float]) -> tuple[dict[str, float], list[str]]:
    """Measure id → the integrations § 48a counts of ``entries`` (id → all entries of one cohort,
    new and pre-bought; after any returns curve), and the ids counted at their gross rate for want
    of a row in the net-effect table."""
    out: dict[str, float] = {}
    missing = []
    get, returns_on = entries.get, case.planning.uses("returns")
    memo: dict[tuple, tuple[float, bool]] = {}   # per table row (effect row, active effect, rate, range), once
    c = case.columns   # the measures' fields as columns: no pass over the Measure objects
    for m, mid, effects, effect, rate, low, high in zip(case.measures, c["id"], c["effects"], c["effect"],
                                                        c["integration_rate"], c["rate_low"], c["rate_high"]):
        total = get(mid, 0.0)
        if not total:
            continue
        key = (id(effects), effect, rate, low, high)
        got = memo.get(key)
        if got is None:
            got = memo[key] = kennzahl_per_entry(m)
        per_entry, from_table = got
        if not from_table:
            missing.append(mid)
        out[mid] = per_entry * (effective_entries(case, m, total) if returns_on else total)
    return out, missing


def _published(basis) -> dict:
    return {"published_quota": basis.published_pct / 100 if basis and basis.published_pct is not None else None,
            "published_basis": basis.published_basis if basis else "",
            "published_source": basis.published_source if basis else ""}


def quota_report(case, entries: Mapping[str, float], *, shares_of=None, shares=None) -> dict:
    """The plan's contribution to the year's Integrationsquote: the integrations § 48a counts (the
    ``kennzahl`` effect measure: subsidised jobs at entry, § 16i/AGH entries none, the rest as the
    gross rate) that the plan's entries (``entries``: measure id → all entries, new and pre-bought)
    produce *in the plan year*, ÷ the case's average eLb. ``by_year``: the same count per year of
    :func:`year_labels`. Only the plan's entries: integrations without a measure and those of
    earlier years' entries are not modelled, so this is a contribution, not the quota. ``shares_of``: the
    caller's ``shares_by_measure(case.planning, len(year_labels(…)) - 1)``, reused; ``shares``: the caller's
    ``shares_column`` of these years."""
    labels = year_labels(case.planning, case.year)
    counted, missing = kennzahl_integrations(case, entries)
    by_year = integrations_by_year(case.planning, case.measures, counted, len(labels) - 1, shares_of=shares_of,
                                   shares=shares)
    basis = case.quota   # amip.models.case.QuotaBasis or None
    in_year = by_year[0]
    return {
        "year": case.year,
        "elb": basis.elb_average if basis else None,
        "elb_source": basis.elb_source if basis else "",
        "integrations_in_year": in_year,
        "quota": in_year / basis.elb_average if basis else None,
        "by_year": dict(zip(labels, by_year, strict=True)),
        "count": "integrations counted by § 48a SGB II",
        "basis": "plan entries only: integrations without a measure and from earlier years' entries not modelled",
        **_published(basis),
        "missing": missing,
    }


def horizon_quota(case, cohorts: Sequence[Mapping[str, float]], first_entry_month: int | None = None) -> list[dict]:
    """For a plan over several years (``cohorts[c]``: measure id → all entries of the cohort entering
    in plan year + c): per year of the horizon, the integrations § 48a counts that year from all the
    horizon's cohorts, and their ratio to the case's average eLb — the same eLb in every year (no
    forecast beyond the plan year is in the data: an ESTIMATE the output must say). Later cohorts
    enter from ``first_entry_month`` (None: the plan year's months). Integrations of entries before
    the plan year and without a measure are not modelled: each figure is a contribution."""
    n = len(cohorts)
    counted = [kennzahl_integrations(case, c)[0] for c in cohorts]
    by_year = cohorts_by_year(case.planning, case.measures, counted, n, first_entry_month)
    basis = case.quota
    return [{"year": case.year + k, "integrations_in_year": by_year[k],
             "quota": by_year[k] / basis.elb_average if basis else None,
             "elb": basis.elb_average if basis else None, "elb_same_as_plan_year": k > 0,
             **_published(basis)} for k in range(n)]
