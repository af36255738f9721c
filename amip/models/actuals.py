"""Actuals of the running year (Ist): per measure and month, entries, spending (Ausgaben) and the
money already bound (Festlegungen / Bindungen) for the rest of the year and for later years.

The workbook (``amip template --actuals``) has three sheets, one row per measure that is paid from
the Neufallbudget (new entries or a fixed money-only item):

- ``Eintritte``: cumulative new entries at the end of each month (columns Jan … Dez);
- ``Ausgaben``: cumulative spending in euros at the end of each month (gross, as booked);
- ``Festlegungen``: money bound by the entries and contracts so far, for the rest of the year and
  for each later year (the year keys of the case, e.g. 2021, 2022, 2023+).

The workbook is read by ``amip.inputs.actuals.read_actuals``; actuals as the plan would give them
(examples, tests) come from ``amip.models.replan.derived_from_plan``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from amip.models.case import Case
from amip.models.measure import Measure

MONTHS = ("Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez")
MONTH_NAMES = ("januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
               "oktober", "november", "dezember")
SHEET_ENTRIES, SHEET_SPEND, SHEET_COMMIT = "Eintritte", "Ausgaben", "Festlegungen"
ID_HEADERS = ("maßnahme-id", "massnahme-id", "id", "kennung")
NAME_HEADER = "Maßnahme"
PLAN_ENTRIES_HEADER = "Plan Eintritte (Jahr)"
PLAN_SPEND_HEADER = "Plan Ausgaben (Jahr, €)"
REST_HEADER = "gebunden Rest des Jahres (€)"
TOL_EUR = 0.5


def budget_measures(case: Case) -> list[Measure]:
    """The measures whose money comes from the Neufallbudget: those with new entries and the fixed
    money-only items. Their rows make up the actuals workbook."""
    return [m for m in case.measures if m.budget_basis.has_new_entries or m.fixed_spend_eur > 0]


def planned_spend_eur(m: Measure) -> float:
    """The measure's planned money for the year, gross: cost × planned new entries + fixed money."""
    return (m.cost_per_entry_eur * m.planned_entries if m.budget_basis.has_new_entries else 0.0) + m.fixed_spend_eur


def later_headers(case: Case) -> list[str]:
    return [f"gebunden {k} (€)" for k in case.planning.year_keys(case.year)]


@dataclass(frozen=True)
class MeasureActuals:
    id: str
    entries: tuple[float, ...]         #: cumulative new entries at the end of months 1..month
    spend_eur: tuple[float, ...]       #: cumulative spending at the end of months 1..month
    committed_rest_eur: float = 0.0    #: money bound for the months after the report month
    committed_later_eur: tuple[float, ...] = ()   #: per later-year key of the case
    has_commitment: bool = False       #: a commitment record exists (any cell filled in)

    @property
    def entries_to_date(self) -> float:
        return self.entries[-1] if self.entries else 0.0

    @property
    def spend_to_date_eur(self) -> float:
        return self.spend_eur[-1] if self.spend_eur else 0.0


@dataclass(frozen=True)
class Actuals:
    file: str
    month: int                         #: report month: actuals cover months 1..month
    measures: dict[str, MeasureActuals] = field(default_factory=dict)

    def of(self, measure_id: str) -> MeasureActuals:
        """A measure without a row has no entries and no spending yet."""
        return self.measures.get(measure_id) or MeasureActuals(measure_id, (0.0,) * self.month,
                                                                (0.0,) * self.month)
