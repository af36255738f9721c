"""PAT: the Passiv-Aktiv-Transfer relief on § 16i wage subsidies (seed section 2.4).

Relief per new § 16i entry = months in the year × Σ_k share_k × flat rate_k (500/600/700 € per
month by BG class, from the rule file), never above the subsidy itself; in later years the same flat
rate per month of the remaining subsidy (``Case.commitment_per_entry_eur``).

PAT money is no local allotment: "Die Mittel werden nicht auf die einzelnen Jobcenter verteilt, sondern
können nach Bedarf genutzt werden" (Haufe/Sauer § 16i Rz. 56-57a, domain.md §1.5), and the seed calls
its 550.000 € for new cases an estimate that depends on the cases realised ("Wie hoch diese Entlastung
ausfällt, ist im Vorfeld schwer zu beziffern", L425-429). So the relief is not capped unless a case
sets ``pat.cap_eur`` (a local limit the jobcenter imposes on itself): then the cap holds in the plan
year and in every later year. The seed's figure is kept as ``expected_new_cases_eur`` and shown beside
the modelled relief.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from amip import texts as T
from amip.errors import InputError
from amip.models.fmt import eur, fixed, num


@dataclass(frozen=True)
class PAT:
    rates_eur_per_month: dict[str, float]   #: BG class → flat rate (rule file)
    bg_mix: dict[str, float]                #: BG class → share of § 16i cases (case data)
    months_in_year: float                   #: average months of PAT per new entry in the plan year
    new_cases_cap_eur: float | None = None  #: a local cap on the relief for new cases per year; None = none
    instrument_types: tuple[str, ...] = ("p16i",)
    cap_at_subsidy: bool = True
    name: str = "pat_16i"
    expected_new_cases_eur: float | None = None   #: what the case expects for new cases (seed L428), not a cap
    expected_source: str = ""

    def __post_init__(self) -> None:
        unknown = set(self.bg_mix) - set(self.rates_eur_per_month)
        if unknown:
            raise InputError(T.PAT_UNKNOWN.format(unknown=", ".join(sorted(unknown)),
                                                 known=", ".join(sorted(self.rates_eur_per_month))))
        if any(v < 0 for v in self.bg_mix.values()):
            raise InputError(T.PAT_NEGATIVE)
        if abs(sum(self.bg_mix.values()) - 1.0) > 1e-6:
            raise InputError(T.PAT_SUM.format(sum=fixed(sum(self.bg_mix.values()), 4)))
        if not 0 <= self.months_in_year <= 12:
            raise InputError(T.PAT_MONTHS.format(got=num(self.months_in_year)))
        if self.new_cases_cap_eur is not None and not self.new_cases_cap_eur >= 0:
            raise InputError(T.PAT_CAP.format(got=eur(self.new_cases_cap_eur)))

    @property
    def capped(self) -> bool:
        return self.new_cases_cap_eur is not None

    @property
    def cap_eur(self) -> float:
        """The cap on the relief for new cases in a year (infinite without ``pat.cap_eur``)."""
        return self.new_cases_cap_eur if self.new_cases_cap_eur is not None else math.inf

    @property
    def mean_rate_eur_per_month(self) -> float:
        return sum(self.bg_mix[k] * self.rates_eur_per_month[k] for k in self.bg_mix)

    def relief_per_entry_eur(self, subsidy_per_entry_eur: float) -> float:
        relief = self.months_in_year * self.mean_rate_eur_per_month
        if self.cap_at_subsidy:
            relief = min(relief, subsidy_per_entry_eur)
        return relief

    def applies_to(self, instrument_type: str) -> bool:
        return instrument_type in self.instrument_types
