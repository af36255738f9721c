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
class Referral:
    """Instruments another agency decides and pays for the jobcenter's customers (2025: FbW and
    berufliche Reha go to the Agentur für Arbeit). Their new entries leave the Neufallbudget: they are
    fixed at the planned level (the jobcenter refers, the Agentur decides), their integrations still
    count (the customers stay the jobcenter's), their money is 0 € in the Eingliederungstitel."""

    instrument_types: tuple[str, ...]
    paragraph: str
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
    referral: Referral | None = None
    raw: dict = field(default_factory=dict, compare=False, repr=False)
