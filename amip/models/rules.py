"""RuleSet: statutory parameters of one planning year, read from a dated rule file."""
from __future__ import annotations

from dataclasses import dataclass, field

from amip.models.planning import SubsidySchedule


@dataclass(frozen=True)
class EligibilityRule:
    """Σ entries of the named instrument types ≤ an eligible customer pool (e.g. § 16e: LZA)."""

    name: str
    paragraph: str
    instrument_types: tuple[str, ...]
    pool: str
    source: str


@dataclass(frozen=True)
class ShareCap:
    """Σ new-case spending on the named instrument types ≤ max_share × a budget base."""

    name: str
    paragraph: str
    instrument_types: tuple[str, ...]
    max_share: float
    base: str      #: "egt_zuteilung" or "neufallbudget"
    source: str


@dataclass(frozen=True)
class RuleSet:
    year: int
    file: str
    pat_rates_eur_per_month: dict[str, float] | None
    pat_instrument_types: tuple[str, ...]
    pat_cap_at_subsidy: bool
    pat_sources: dict[str, str]
    eligibility: tuple[EligibilityRule, ...] = ()
    share_caps: tuple[ShareCap, ...] = ()
    subsidy_schedules: tuple[SubsidySchedule, ...] = ()
    raw: dict = field(default_factory=dict, compare=False, repr=False)
