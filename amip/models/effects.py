"""Three effect measures of a plan, and the net-effect table they come from (stdlib only).

- ``gross``: the integration rate of the rate table (share of leavers in svB employment 6 months
  after exit); what the tool always optimised;
- ``net``: integrations *caused* by a measure, i.e. its net effect (percentage points of the
  probability of svB employment, treated vs. comparable non-treated) × entries; from the shipped,
  replaceable net-effect table ``amip/data/effects.csv`` (domain.md §7.1, §2.3). Values may be
  negative (AGH);
- ``kennzahl``: what the official count of § 48a SGB II (Kennzahlen-Verordnung § 2 Abs. 2, § 5)
  counts: jobs subsidised by EGZ, Einstiegsgeld and § 16e count at entry (1 per entry), § 16i and AGH
  entries do not count (0), other instruments count when the participant takes up a job afterwards
  (their gross rate).

The table is keyed like the rate table: by ``instrument_type``, falling back to ``product_category``.
Each measure keeps all three values (``Measure.effects``); the *active* effect of a case
(``Case.effect``) is what ``Measure.integration_rate`` holds, so the LP, the checker and every
analysis (Monte Carlo, tornado, frontier, goal, re-solves) work in the chosen measure unchanged.
``Measure.effect_value(effect)`` gives a measure's per-entry value under any of the three.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from amip import texts as T
from amip.errors import InputError
from amip.models.rates import keyed_index, keyed_lookup

EFFECTS = ("gross", "net", "kennzahl")
#: Units of the three measures, for JSON (stable, English) …
EFFECT_UNITS = {
    "gross": "integrations (svB 6 months after exit, gross)",
    "net": "integrations caused (net effect on svB employment)",
    "kennzahl": "integrations counted by § 48a SGB II",
}
KEY_TYPES = ("instrument_type", "product_category")
EFFECT_COLUMNS = ("key_type", "key", "net_pp", "net_low_pp", "net_high_pp", "horizon", "estimate", "evidence",
                  "net_source", "kennzahl", "kennzahl_judgement", "kennzahl_source")
#: How § 48a counts an entry: ``entry`` = 1 integration per entry (subsidised job at entry);
#: ``none`` = 0 (entries are no integration); ``gross`` = as the gross rate (a job taken up afterwards).
KENNZAHL_MODES = ("entry", "none", "gross")


@dataclass(frozen=True)
class EffectEntry:
    """One row of the net-effect table. Net values in percentage points (pp), as the literature gives them."""

    key_type: str
    key: str
    net_pp: float
    net_low_pp: float
    net_high_pp: float
    horizon: str
    estimate: bool
    evidence: str
    net_source: str
    kennzahl: str            #: one of KENNZAHL_MODES
    kennzahl_judgement: bool  #: the § 48a reading of this row is an own judgement
    kennzahl_source: str

    def __post_init__(self) -> None:
        where = T.EFF_WHERE.format(key_type=self.key_type, key=self.key)
        if self.key_type not in KEY_TYPES:
            raise InputError(T.EFF_KEY_TYPE.format(allowed=", ".join(KEY_TYPES), got=self.key_type))
        for name in ("net_pp", "net_low_pp", "net_high_pp"):
            v = getattr(self, name)
            if not -100 <= v <= 100:
                raise InputError(T.EFF_PP_RANGE.format(where=where, name=name, got=f"{v:g}"))
        if not self.net_low_pp <= self.net_pp <= self.net_high_pp:
            raise InputError(T.EFF_OUTSIDE_RANGE.format(where=where, net=f"{self.net_pp:g}", low=f"{self.net_low_pp:g}",
                                                        high=f"{self.net_high_pp:g}"))
        if self.kennzahl not in KENNZAHL_MODES:
            raise InputError(T.EFF_KENNZAHL.format(where=where, allowed=", ".join(KENNZAHL_MODES), got=self.kennzahl))
        if not self.net_source.strip() or not self.kennzahl_source.strip():
            raise InputError(T.EFF_NEEDS_SOURCE.format(where=where))

    @property
    def net_label(self) -> str:
        mark = " [ESTIMATE]" if self.estimate else ""
        return f"{self.net_source}{mark}"

    @property
    def kennzahl_label(self) -> str:
        return self.kennzahl_source + (" [JUDGEMENT]" if self.kennzahl_judgement else "")


@dataclass(frozen=True)
class EffectTable:
    entries: tuple[EffectEntry, ...]
    file: str = ""

    @cached_property
    def _index(self) -> dict:
        return keyed_index(self.entries)

    def lookup(self, instrument_type: str, product_category: str) -> EffectEntry | None:
        return keyed_lookup(self._index, instrument_type, product_category)


@dataclass(frozen=True)
class MeasureEffects:
    """A measure's values under the effects that are not active; ``gross*`` are filled when the
    case switches away from gross (then ``Measure.integration_rate`` holds the active effect)."""

    net: float                 #: integrations caused per entry (net_pp / 100)
    net_low: float
    net_high: float
    net_source: str
    net_estimate: bool
    kennzahl_mode: str         #: KENNZAHL_MODES
    kennzahl_source: str
    kennzahl_estimate: bool    #: a judgement call: shown as ESTIMATE
    key: str = ""              #: which row of the table, e.g. "instrument_type=mat"
    gross: float | None = None
    gross_low: float | None = None
    gross_high: float | None = None
    gross_source: str = ""
    gross_estimate: bool = True
    gross_distribution: str = "triangular"

    def kennzahl_for(self, gross: float, gross_range: tuple[float, float]) -> tuple[float, float, float]:
        """(value, low, high) per entry under § 48a, given the measure's gross rate and range."""
        if self.kennzahl_mode == "entry":
            return 1.0, 1.0, 1.0
        if self.kennzahl_mode == "none":
            return 0.0, 0.0, 0.0
        return gross, gross_range[0], gross_range[1]


def effect_entry_for(entry: EffectEntry, table_file: str) -> MeasureEffects:
    from amip import texts as T

    src = T.SRC_NET.format(file=table_file.replace("\\", "/").rsplit("/", 1)[-1], key_type=entry.key_type,
                           key=entry.key, source=entry.net_label, evidence=entry.evidence, horizon=entry.horizon)
    return MeasureEffects(net=entry.net_pp / 100, net_low=entry.net_low_pp / 100, net_high=entry.net_high_pp / 100,
                          net_source=src, net_estimate=entry.estimate, kennzahl_mode=entry.kennzahl,
                          kennzahl_source=entry.kennzahl_label, kennzahl_estimate=entry.kennzahl_judgement,
                          key=f"{entry.key_type}={entry.key}")


def check_effect(effect: str, option: str = "--effect") -> str:
    if effect not in EFFECTS:
        from amip import texts as T

        raise InputError(T.ERR_EFFECT_UNKNOWN.format(option=option, v=effect))
    return effect
