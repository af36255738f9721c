"""When a cohort's integrations happen: the share of one entry's integrations in each calendar year
(issue 26 item 5). Plain arithmetic on the planning data, no solver, no files.

§ 48b target agreements count integrations *in the year* (Integrationsquote = integrations in the
year ÷ the average stock of eLb, § 48a SGB II Kennzahl K2), while the allocation LP counts what one
year's entries (a cohort) produce, partly years later. This module spreads a cohort's integrations
over the years. Three kinds of timing, chosen by instrument type (``TIMING``):

- ``after_exit`` (the default): the rates are Eingliederungsquoten, "share of Austritte from an
  instrument who are sozialversicherungspflichtig beschäftigt 6 months after exit" (domain.md §2.1,
  § 54 SGB II i.V.m. § 11 SGB III). The job is taken up at some time between the exit and the sixth
  month after it; we spread it evenly over those six months. ESTIMATE: the even spread (no
  distribution of the take-up month was found); the exit = entry + the measure's expected duration
  (``MeasurePlanning.duration_months``, itself mostly an ESTIMATE with its source).
- ``at_entry``: the subsidised job or training is itself the integration. sgb2.info, Kennzahlen-
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

from amip.models.planning import Planning, month_profile

#: months after the exit within which the Eingliederungsquote counts an integration (domain.md §2.1)
WINDOW_MONTHS = 6.0

AFTER_EXIT, AT_ENTRY, FROM_ENTRY = "after_exit", "at_entry", "from_entry"

#: instrument type → (timing kind, reason). Types not named here: AFTER_EXIT.
TIMING: dict[str, tuple[str, str]] = {
    "egz": (AT_ENTRY, "EGZ (§§ 88 ff. SGB III): die geförderte Beschäftigung zählt bei Aufnahme als Integration "
                      "(sgb2.info, Kennzahlen-Glossar 'Integration')"),
    "reha_egz": (AT_ENTRY, "EGZ für Rehabilitanden (§ 90 SGB III): wie EGZ, Integration bei Aufnahme"),
    "sb_egz": (AT_ENTRY, "EGZ für schwerbehinderte Menschen (§ 90 SGB III): wie EGZ, Integration bei Aufnahme"),
    "esg": (AT_ENTRY, "Einstiegsgeld (§ 16b SGB II): die geförderte Tätigkeit zählt bei Aufnahme als Integration "
                      "(sgb2.info, Kennzahlen-Glossar 'Integration')"),
    "p16e": (AT_ENTRY, "§ 16e SGB II: die geförderte Beschäftigung zählt bei Aufnahme als Integration "
                       "(domain.md §7.2, Kennzahlen-Verordnung § 48a SGB II)"),
    "reha_az": (AT_ENTRY, "Zuschuss zur Ausbildungsvergütung (§ 73 SGB III): der Eintritt in eine betriebliche "
                          "Ausbildung zählt als Integration (sgb2.info: 'Eintritte in eine vollqualifizierende "
                          "berufliche Ausbildung')"),
    "sb_az": (AT_ENTRY, "Zuschuss zur Ausbildungsvergütung (§ 73 SGB III): wie Reha-AZ, Integration beim "
                        "Ausbildungsbeginn"),
    "reha_pb": (AT_ENTRY, "SCHÄTZUNG: Probebeschäftigung (§ 46 Abs. 1 SGB III) ist eine sozialversicherungspflichtige "
                          "Beschäftigung mit Zuschuss; gezählt wie EGZ bei Aufnahme"),
    "sb_pb": (AT_ENTRY, "SCHÄTZUNG: Probebeschäftigung (§ 46 Abs. 1 SGB III) wie Reha-PB, Integration bei Aufnahme"),
    "mpav": (FROM_ENTRY, "SCHÄTZUNG: AVGS-MPAV (private Arbeitsvermittlung): die Vermittlung ist die Integration; "
                         "gleichmäßig über die sechs Monate ab Ausgabe des Gutscheins (die Dauer der Maßnahme "
                         "gilt nur der Zahlung der Vergütung)"),
}
#: the reason of the default kind
AFTER_EXIT_REASON = ("SCHÄTZUNG: Eingliederungsquote = sozialversicherungspflichtig beschäftigt sechs Monate nach "
                     "Austritt (§ 54 SGB II i.V.m. § 11 SGB III); die Aufnahme gleichmäßig über die sechs Monate "
                     "nach dem Austritt (Eintritt + erwartete Dauer) verteilt")


def timing_kind(instrument_type: str) -> tuple[str, str]:
    """(kind, reason) of an instrument type: AT_ENTRY, FROM_ENTRY or AFTER_EXIT."""
    return TIMING.get(instrument_type, (AFTER_EXIT, AFTER_EXIT_REASON))


def year_shares(kind: str, duration_months: float, first_entry_month: int, years: int) -> list[float]:
    """The share of one cohort's integrations in its entry year (index 0), each following year, and,
    at index ``years``, all later years together (``years + 1`` values, summing to 1).

    Entries spread evenly over months first_entry_month..12; ``kind`` as in :data:`TIMING`. An
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
    """:func:`year_shares` of a measure (anything with ``id`` and ``instrument_type``): its duration
    and start month from the planning data. ``years`` defaults to ``planning.years_ahead + 1`` — the
    entry year, each later year of ``Planning.year_keys`` and, last, all after them; a cohort that
    enters in another year than the plan's (a horizon plan) passes its own ``first_entry_month``."""
    kind, _ = timing_kind(measure.instrument_type)
    return year_shares(kind, planning.of(measure.id).duration_months,
                       first_entry_month or planning.start_month(measure.id),
                       planning.years_ahead + 1 if years is None else years)


def year_labels(planning: Planning, plan_year: int) -> list[str]:
    """The keys of :func:`measure_shares` with default ``years``: the plan year, then
    ``Planning.year_keys`` ("2020", "2021", "2022", "2023+")."""
    return [str(plan_year)] + planning.year_keys(plan_year)


def integrations_by_year(planning: Planning, measures: Sequence, integrations: Mapping[str, float],
                         years: int, cohort_offset: int = 0,
                         first_entry_month: int | None = None) -> list[float]:
    """Integrations per calendar year of one cohort, for a whole plan.

    ``measures``: the measures (``id``, ``instrument_type``); ``integrations``: measure id → the
    integrations that cohort's entries of the measure produce in all (the LP's figure: entries × rate
    or the effect, after any returns curve; ids missing count 0). The cohort enters in year
    ``cohort_offset`` (0 = the plan year). Returns ``years + 1`` values: index k is plan year + k,
    the last collects every year after plan year + years - 1 … i.e. all later years. Their sum is
    the cohort's total. A horizon plan sums this over its cohorts (:func:`cohorts_by_year`)."""
    out = [0.0] * (years + 1)
    if cohort_offset > years:
        out[years] = sum(integrations.get(m.id, 0.0) for m in measures)
        return out
    for m in measures:
        value = integrations.get(m.id, 0.0)
        if not value:
            continue
        shares = measure_shares(planning, m, years - cohort_offset, first_entry_month)
        for k, s in enumerate(shares):
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
