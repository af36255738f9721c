"""Planning realism (issue 7): whole places and classes, diminishing returns, money bound in later
years, several targets, target groups and staff capacity. Plain data and arithmetic, no solver.

The data come from the case's planning file (``amip/data/duisburg-2020/planning.yaml``, in scenario
format) and from scenarios; ``amip.scenarios.apply`` turns them into a :class:`Planning` on the Case.
Which parts act on the optimum is chosen per run (``features``): lots and integers, diminishing
returns, target-group shares and staff capacity are off unless switched on; the money committed in
later years is always reported and limited only where a limit (Verpflichtungsermächtigung) is given.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

#: target → (German label, unit). "integrations" is the objective of the allocation LP.
TARGETS = {
    "integrations": ("erwartete Integrationen (brutto; nicht die Kennzahl § 48a)", "integrations"),
    "lzb": ("Abbau Bestand Langzeitleistungsbezieher (LZB)", "persons"),
    "llu": ("eingesparte Leistungen zum Lebensunterhalt (LLU)", "EUR"),
}


def target_label(target: str, effect: str = "gross") -> str:
    """A target's German label. The integrations are counted in the effect measure the run optimises
    (every measure's rate is that measure's: under --effect net they are net integrations), so their
    label names it; gross keeps the note that they are not the § 48a Kennzahl."""
    if target == "integrations" and effect != "gross":
        from amip import texts as T

        return T.TARGET_INTEGRATIONS_EFFECT.format(effect=T.EFFECT_NAMES.get(effect, effect))
    return TARGETS[target][0]


#: target groups of seed section 4.4 (§ 1 Abs. 2 SGB II): women, single parents, refugees
GROUPS = {"women": "Frauen", "single_parents": "Alleinerziehende", "refugees": "Geflüchtete"}
#: parts that change the optimum and are switched on per run
FEATURES = ("integer", "returns", "groups", "staff")
STAFF_CLASSES = {"u25": "Markt und Integration U25", "ue25": "Markt und Integration Ü25"}


@dataclass(frozen=True)
class MeasurePlanning:
    """The planning data of one measure. Defaults: individual places, no later-year money, the full
    rate at any volume, no target or group data."""

    lot_size: int = 1              #: places per class (1 = individual places)
    class_min: int = 1             #: a class runs only with at least this many places
    lot_source: str = ""
    duration_months: float = 0.0   #: expected months per entry (0 = paid within the entry month)
    duration_source: str = ""
    #: diminishing returns: (multiple of the planned entries, rate factor beyond it), factors falling
    returns: tuple[tuple[float, float], ...] = ()
    returns_source: str = ""
    per_integration: tuple[tuple[str, float], ...] = ()   #: target → amount per integration (lzb, llu)
    target_sources: tuple[tuple[str, str], ...] = ()
    group_shares: tuple[tuple[str, float], ...] = ()       #: target group → share of the entries
    group_sources: tuple[tuple[str, str], ...] = ()
    staff_class: str = ""          #: u25 / ue25: whose caseload steers the entries
    staff_source: str = ""
    lead_time_months: float = 0.0  #: months from the decision to the first new entry (re-plan, issue 18)
    lead_time_source: str = ""
    first_entry_month: int = 0     #: entries start in this month (0 = the case's first_entry_month)

    @property
    def in_lots(self) -> bool:
        return self.lot_size > 1

    def target_factor(self, target: str) -> float:
        if not self.per_integration:
            return 0.0
        return dict(self.per_integration).get(target, 0.0)

    def group_share(self, group: str) -> float | None:
        if not self.group_shares:
            return None
        return dict(self.group_shares).get(group)


def classes_for(entries: float, lot_size: int, class_min: int) -> int | None:
    """How many classes carry ``entries`` places with every class between class_min and lot_size
    places; None if no split exists (or the entries are not whole). 0 entries = 0 classes."""
    n = round(entries)
    if abs(entries - n) > 1e-6 or n < 0:
        return None
    if n == 0:
        return 0
    k = math.ceil(n / lot_size)
    return k if k * class_min <= n else None


def feasible_entries(lot_size: int, class_min: int, upper: float) -> list[int]:
    """Every whole number of places from 0 to ``upper`` that splits into full-enough classes."""
    return [n for n in range(int(math.floor(upper + 1e-9)) + 1) if classes_for(n, lot_size, class_min) is not None]


def yield_factor_integral(total: float, planned: float, returns: tuple[tuple[float, float], ...]) -> float:
    """Integrations per unit rate of ``total`` entries under a concave piecewise-linear curve: the
    full rate up to the first breakpoint (a multiple of the planned entries), then each segment's
    factor. Equals ``total`` without breakpoints."""
    value, prev = total, 1.0
    for multiple, factor in returns:
        value -= (prev - factor) * max(0.0, total - multiple * planned)
        prev = factor
    return value


#: The planning data of a measure the planning file does not name (one shared, immutable instance).
NO_PLANNING = MeasurePlanning()


# --------------------------------------------------------------------------- money in later years

@dataclass(frozen=True)
class SubsidySchedule:
    """A statutory subsidy that falls with the years of employment (rule file)."""

    instrument_type: str
    shares: tuple[float, ...]      #: subsidy per employment year, as a share of the wage
    max_months: float
    paragraph: str
    source: str


def month_profile(duration_months: float, shares: tuple[float, ...], first_entry_month: int,
                  years: int) -> list[float]:
    """Paid month-units per entry in the plan year (index 0) and the following years; the last index
    collects all later years. Entries spread evenly over months first_entry_month..12, each starting
    at the beginning of its month; employment month m is paid at ``shares[m // 12]`` (the last share
    continues)."""
    out = [0.0] * (years + 1)
    starts = range(first_entry_month - 1, 12)
    full = int(math.floor(duration_months))
    frac = duration_months - full
    for j in starts:
        for m in range(full + (1 if frac > 1e-12 else 0)):
            w = 1.0 if m < full else frac
            share = shares[min(m // 12, len(shares) - 1)] if shares else 1.0
            out[min((j + m) // 12, years)] += w * share
    return [v / len(starts) for v in out]


@dataclass(frozen=True)
class CommitmentLimit:
    """A limit on the money the plan year's new entries bind in a later year (Verpflichtungsermächtigung).
    ``year`` is a later year of the plan; the year after the last one reported alone (2023 for 2020 with
    two years ahead) stands for that year and all after it ("2023+")."""

    year: int
    limit_eur: float
    source: str
    origin: str = ""       #: file and line the limit was set in ("planning.yaml:91"), for messages


@dataclass(frozen=True)
class GroupLimit:
    group: str
    min_share: float       #: share of all entries (new + pre-bought + outside)
    source: str
    basis: str = ""        #: how min_share was set, e.g. "1 × their share of eLb (11,9 %)"


@dataclass(frozen=True)
class StaffClass:
    id: str
    caseload: float            #: customers per full-time case manager (seed: 1:73, 1:135)
    customers: float           #: customers of the class
    staffing_ratio: float      #: staff in post / planned staff
    entries_per_fte: float     #: entries one FTE steers in a year
    capacity_entries: float    #: = customers / caseload × staffing_ratio × entries_per_fte
    penalty: float             #: integrations lost per entry above the capacity
    source: str

    @property
    def fte(self) -> float:
        return self.customers / self.caseload * self.staffing_ratio


@dataclass(frozen=True)
class Planning:
    measures: dict[str, MeasurePlanning] = field(default_factory=dict)
    features: tuple[str, ...] = ()                            #: switched-on FEATURES, sorted
    years_ahead: int = 2                                     #: later years reported one by one (2021, 2022)
    first_entry_month: int = 1
    first_entry_source: str = ""
    schedules: dict[str, SubsidySchedule] = field(default_factory=dict)
    commitment_limits: tuple[CommitmentLimit, ...] = ()
    population: dict[str, tuple[float, str]] = field(default_factory=dict)   #: group → (share of eLb, source)
    group_limits: tuple[GroupLimit, ...] = ()
    staff: tuple[StaffClass, ...] = ()
    staff_settings: dict = field(default_factory=dict)      #: the raw staff keys, so a scenario can change one
    file: str = ""

    def of(self, measure_id: str) -> MeasurePlanning:
        return self.measures.get(measure_id) or NO_PLANNING

    def uses(self, feature: str) -> bool:
        return feature in self.features

    def switched_on(self, features) -> tuple[str, ...]:
        """These features plus the ones already on, in FEATURES order (so the input hash is stable)."""
        on = set(self.features) | set(features)
        return tuple(f for f in FEATURES if f in on)

    def years(self, plan_year: int) -> list[int]:
        return [plan_year + k for k in range(1, self.years_ahead + 1)]

    def year_keys(self, plan_year: int) -> list[str]:
        """Report keys of the later years: each year, then all after it ("2021", "2022", "2023+")."""
        years = self.years(plan_year)
        return [str(y) for y in years] + [f"{plan_year + self.years_ahead + 1}+"]

    def limit_index(self, plan_year: int, year: int) -> int:
        """The index of a limit's year in ``year_keys`` (the last one collects all years after); ValueError
        for a year that is no later year of the plan."""
        k = year - plan_year - 1
        if not 0 <= k <= self.years_ahead:
            raise ValueError(year)
        return k

    def limit_key(self, plan_year: int, year: int) -> str:
        """The report key of a limit's year: "2021", "2022" or "2023+"."""
        return self.year_keys(plan_year)[self.limit_index(plan_year, year)]

    def start_month(self, measure_id: str) -> int:
        """The first month of the measure's entries: its own (a re-plan's) or the case's."""
        return self.of(measure_id).first_entry_month or self.first_entry_month

    def commitment_factors(self, m) -> list[float]:
        """Money bound per entry in each later year (and, last, all years after), as a multiple of
        the entry's money in the plan year (its cost per entry)."""
        mp = self.of(m.id)
        if mp.duration_months <= 0:
            return [0.0] * (self.years_ahead + 1)
        sched = self.schedules.get(m.instrument_type)
        shares = sched.shares if sched else ()
        units = month_profile(mp.duration_months, shares, self.start_month(m.id), self.years_ahead + 1)
        return [u / units[0] for u in units[1:]] if units[0] > 0 else [0.0] * (self.years_ahead + 1)

    def later_months(self, m) -> list[float]:
        """Months per entry in each later year (for the PAT, paid per month whatever the subsidy)."""
        mp = self.of(m.id)
        units = month_profile(mp.duration_months, (), self.start_month(m.id), self.years_ahead + 1)
        return units[1:]
