"""Measure: one line of the measure table (a Maßnahme), with its bounds and its rate."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from enum import Enum
from itertools import repeat
from operator import attrgetter

from amip import texts as T
from amip.errors import InputError
from amip.models.effects import EFFECTS, MeasureEffects
from amip.models.fmt import num, short

#: Ids keep the planner's spelling (capitals allowed); they are matched case-insensitively everywhere
#: (id_key), and two ids equal after that are an error (loader).
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
DISTRIBUTIONS = ("triangular", "uniform", "normal", "fixed")


class BudgetBasis(str, Enum):
    """How a measure's money relates to the Neufallbudget."""

    NEW = "new"              #: new entries paid from the Neufallbudget
    MIXED = "mixed"          #: new entries plus places bought in the prior year
    PREBOUGHT = "prebought"  #: only places bought in the prior year (paid from Vorbindungen): fixed
    PRIOR_YEAR = "prior_year"  #: money-only item "Kalkulation VJ": fixed spending at prior-year level
    OUTSIDE = "outside"      #: entries counted, money outside the Neufallbudget (SGB III, 2021, ESF)

    has_new_entries: bool   #: new entries paid from the Neufallbudget (NEW, MIXED); set on each member below


for _basis in BudgetBasis:   # a plain attribute of each member: asked several times per measure and plan
    _basis.has_new_entries = _basis in (BudgetBasis.NEW, BudgetBasis.MIXED)


def id_key(measure_id: str) -> str:
    """The key ids are matched by: case-insensitive (a planner's 'M01' is the scenario's 'm01')."""
    return measure_id.strip().lower()


def id_keys(measure_ids) -> list[str]:
    """``id_key`` of many ids, in one C-level pass (the indexes of 100.000 measures)."""
    return list(map(str.lower, map(str.strip, measure_ids)))


def name_key(measure_id: str) -> str:
    """The id as PuLP variable and constraint names spell it (build.var_name, check.constraint_name)."""
    return measure_id.lower().replace("-", "_").replace(" ", "_")


def _basis_key(text: str) -> str:
    t = text.strip().lower().replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    return re.sub(r"[\s_\-./]+", " ", t).strip()


#: Spellings of budget_basis as planners write them (German and English), normalised by _basis_key.
BUDGET_BASIS_ALIASES: dict[str, str] = {
    "neu": "new", "neueintritte": "new", "neue eintritte": "new", "neufall": "new", "neufaelle": "new",
    "gemischt": "mixed", "neu und vorab eingekauft": "mixed", "neu und vorgebunden": "mixed",
    "vorab eingekauft": "prebought", "vorab gekauft": "prebought", "vorgebunden": "prebought",
    "vorjahreseinkauf": "prebought", "eingekauft": "prebought", "pre bought": "prebought",
    "vorjahr": "prior_year", "kalkulation vj": "prior_year", "vj": "prior_year", "vorjahresniveau": "prior_year",
    "prior year": "prior_year",
    "ausserhalb": "outside", "ausserhalb des neufallbudgets": "outside", "fremdfinanziert": "outside",
}


#: The German word the template's dropdown offers for each budget_basis (parse_budget_basis reads both).
BUDGET_BASIS_GERMAN = {"new": "neu", "mixed": "gemischt", "prebought": "vorab eingekauft", "prior_year": "Vorjahr",
                       "outside": "außerhalb"}


def parse_budget_basis(text: str) -> "BudgetBasis | None":
    """A budget_basis cell ('neu', 'vorab eingekauft', 'Gemischt', 'Vorjahr', 'außerhalb', 'mixed' …), or None."""
    key = _basis_key(text)
    value = BUDGET_BASIS_ALIASES.get(key, key)
    try:
        return BudgetBasis(value)
    except ValueError:
        return None


def scale_range(low: float, high: float, old_rate: float, new_rate: float) -> tuple[float, float]:
    """A rate range that moves with its rate: scaled by new/old (capped at 1); collapsed if old is 0."""
    if old_rate <= 0:
        return new_rate, new_rate
    f = new_rate / old_rate
    return min(low * f, new_rate), min(1.0, max(high * f, new_rate))


@dataclass(frozen=True)
class Measure:
    """A measure type. Money in euros, entries in entries (Eintritte).

    ``lower_entries``/``upper_entries`` bound the *new* entries; pre-bought entries are fixed on top.
    """

    id: str
    field: str
    name: str
    instrument: str            #: legal instrument, e.g. "§ 16 Abs. 1 SGB II i.V.m. § 45 SGB III"
    instrument_type: str       #: short key for the rate table and the rules, e.g. "mat", "p16i"
    product_category: str      #: Abb. 6 category I..VI
    budget_basis: BudgetBasis
    cost_per_entry_eur: float  #: gross cost per new entry; for § 16i before the PAT relief
    planned_entries: float     #: new entries in the seed's (or the planner's) plan
    prebought_entries: float   #: places bought in the prior year: fixed
    lower_entries: float       #: lower bound on new entries
    upper_entries: float       #: upper bound on new entries
    integration_rate: float    #: integrations per entry
    rate_source: str
    rate_is_estimate: bool
    fixed_spend_eur: float = 0.0   #: money-only spending (Vermittlungsbudget, freie Förderung …)
    pool: str = ""             #: eligible customer pool this measure draws from ("" = none)
    source: str = ""           #: seed lines or other provenance of the row
    objective_weight: float = 1.0   #: weight of one integration of this measure in the objective (scenario)
    weight_source: str = ""
    #: Uncertainty of the integration rate for the Monte Carlo analysis: a distribution over
    #: [rate_low, rate_high] (absolute rates; for "normal" the central 95 % interval) with its mode or
    #: mean at the rate. None = no range given: the rate itself (no uncertainty).
    rate_low: float | None = None
    rate_high: float | None = None
    rate_distribution: str = "triangular"   #: one of DISTRIBUTIONS
    rate_range_source: str = ""
    rate_group: str = ""       #: measures of one group draw together (default: the instrument type)
    duration_months: float | None = None   #: expected months per entry, if the measure table gives it
    #: how instrument_type was derived from the legal reference ("" = given in the table); provenance only,
    #: not part of the input hash
    instrument_type_derived: str = ""
    #: The effect measure ``integration_rate`` holds (amip.models.effects): "gross" (the rate table),
    #: "net" (integrations caused; may be negative) or "kennzahl" (what § 48a SGB II counts).
    effect: str = "gross"
    #: The measure's values under the other effects (net-effect table); None = no entry for it.
    effects: MeasureEffects | None = None
    upper_source: str = ""     #: where the upper bound on new entries comes from (POLICY/ESTIMATE marks kept)
    lower_source: str = ""
    #: A voucher (AVGS): the entries are vouchers issued, ``redemption_share`` of them become participants
    #: (Einlösequote; 1 = no voucher). The rates above are then per voucher (see ``as_voucher``).
    redemption_share: float = 1.0
    redemption_source: str = ""

    def __post_init__(self) -> None:
        if not ID_RE.match(self.id):
            raise InputError(T.ID_INVALID.format(id=self.id))
        if self.effect not in EFFECTS:
            raise InputError(T.MEASURE_EFFECT.format(id=self.id, options=", ".join(EFFECTS), got=self.effect))
        floor = self.rate_floor
        values = _numbers(self)
        # the common case in one pass: all eight are finite numbers, none negative, the rate above its floor
        if not (all(type(v) in _REAL and v - v == 0 for v in values) and min(values) >= 0):
            for name, v in zip(_NUMBER_FIELDS, values, strict=True):
                if not isinstance(v, (int, float)) or math.isnan(v) or math.isinf(v):
                    raise InputError(T.MEASURE_FINITE.format(id=self.id, name=name, got=repr(v)))
                if v < (floor if name == "integration_rate" else 0):
                    raise InputError(T.MEASURE_MIN.format(id=self.id, name=name, got=short(v),
                                                         min=short(floor if name == "integration_rate" else 0)))
        if self.integration_rate > 1:
            raise InputError(T.MEASURE_RATE.format(id=self.id, floor=short(floor), got=short(self.integration_rate)))
        if self.lower_entries > self.upper_entries + 1e-9:
            raise InputError(T.MEASURE_BOUNDS.format(id=self.id,
                                                     lower=num(self.lower_entries), upper=num(self.upper_entries)))
        if self.rate_distribution not in DISTRIBUTIONS:
            raise InputError(T.MEASURE_DISTRIBUTION.format(id=self.id, options=", ".join(DISTRIBUTIONS),
                                                              got=self.rate_distribution))
        low, high = self.rate_range
        eps = 1e-12
        if not (floor <= low <= self.integration_rate + eps and
                self.integration_rate <= high + eps and high <= 1 + eps):
            raise InputError(T.MEASURE_RANGE.format(id=self.id, low=short(low), high=short(high), floor=short(floor),
                                                       rate=short(self.integration_rate)))

    @classmethod
    def checked(cls, **values) -> "Measure":
        """``Measure(**values)``, checked by ``__post_init__`` alike, without the frozen ``__init__``
        (36 fields set one by one through ``object.__setattr__``): the loader makes one per row."""
        unknown = values.keys() - _DEFAULTS.keys() - _REQUIRED
        missing = _REQUIRED - values.keys()
        if unknown or missing:
            raise TypeError(f"Measure: unknown {sorted(unknown)}, missing {sorted(missing)}")
        obj = object.__new__(cls)
        object.__setattr__(obj, "__dict__", {**_ORDERED, **values})   # in field order
        obj.__post_init__()
        return obj

    @classmethod
    def builder(cls, names: tuple[str, ...]):
        """A function ``build(*values)`` → the Measure ``checked`` makes of ``dict(zip(names, values))`` (its
        fields in field order), without the check: for values the caller has already checked as
        ``__post_init__`` would (the loader: ids it matched with ID_RE, numbers from its number cells,
        non-negative and finite, lower ≤ upper, a rate row one of its measures passed ``checked`` with). The
        names are checked here, once: unknown or missing fields are refused."""
        unknown = set(names) - _ORDERED.keys()
        missing = _REQUIRED - set(names)
        if unknown or missing or len(set(names)) != len(names):
            raise TypeError(f"Measure.builder: unknown {sorted(unknown)}, missing {sorted(missing)}, or twice")
        template, new, setattr_ = dict(_ORDERED), object.__new__, object.__setattr__

        def build(*values) -> "Measure":
            d = template.copy()
            d.update(zip(names, values, strict=True))
            obj = new(cls)
            setattr_(obj, "__dict__", d)
            return obj

        return build

    @classmethod
    def from_columns(cls, columns: dict) -> list["Measure"]:
        """The Measures ``builder`` makes, for many rows at once: ``columns`` maps field names to one value
        per row (every required field; the others take their defaults), each instance dict in field order.
        Unchecked, as ``builder``: for values the caller has already checked."""
        unknown, missing = columns.keys() - _ORDERED.keys(), _REQUIRED - columns.keys()
        if unknown or missing:
            raise TypeError(f"Measure.from_columns: unknown {sorted(unknown)}, missing {sorted(missing)}")
        names, template, setattr_ = tuple(columns), dict(_ORDERED), object.__setattr__
        out = list(map(object.__new__, repeat(cls, len(columns["id"]))))
        for obj, values in zip(out, zip(*columns.values(), strict=True), strict=True):
            d = template.copy()   # every field in field order, then this row's values
            d.update(zip(names, values))
            setattr_(obj, "__dict__", d)
        return out

    def evolve(self, **changes) -> "Measure":
        """``dataclasses.replace(self, **changes)``, checked alike, without the frozen ``__init__``."""
        unknown = changes.keys() - self.__dict__.keys()
        if unknown:
            raise TypeError(f"Measure: unknown fields {sorted(unknown)}")
        obj = object.__new__(Measure)
        object.__setattr__(obj, "__dict__", {**self.__dict__, **changes})
        obj.__post_init__()
        return obj

    def with_provenance(self, **changes) -> "Measure":
        """This measure with other values of fields ``__post_init__`` does not check (its effect row and
        where its bounds come from): a copy without re-validating the rest (the loader attaches these
        to every measure; a ``replace`` would check the whole measure again)."""
        if not _UNCHECKED_FIELDS.issuperset(changes):
            unknown = set(changes) - _UNCHECKED_FIELDS
            raise TypeError(f"with_provenance: {', '.join(sorted(unknown))} are checked fields; use replace")
        obj, d = object.__new__(Measure), self.__dict__.copy()
        d.update(changes)
        object.__setattr__(obj, "__dict__", d)
        return obj

    def as_voucher(self, share: float, low: float, high: float, source: str) -> "Measure":
        """This measure counted in vouchers issued: of each voucher ``share`` (range ``low``..``high``)
        becomes a participant, and the rates (gross, net; per participant in the tables) become rates
        per voucher. The money per entry stays the case's money per voucher issued."""
        if not 0 < low <= share <= high <= 1:
            raise InputError(T.MEASURE_VOUCHER.format(id=self.id, share=short(share), low=short(low), high=short(high)))
        r_low, r_high = self.rate_range
        changes = {"integration_rate": self.integration_rate * share, "rate_low": r_low * low,
                   "rate_high": r_high * high, "redemption_share": share, "redemption_source": source,
                   "rate_source": T.SRC_VOUCHER.format(source=self.rate_source, share=short(share))}
        e = self.effects
        if e is not None:
            ends = (e.net_low * low, e.net_low * high, e.net_high * low, e.net_high * high)
            e = replace(e, net=e.net * share, net_low=min(ends), net_high=max(ends),
                        net_source=T.SRC_VOUCHER.format(source=e.net_source, share=short(share)))
        return self.evolve(**changes, effects=e)

    def participants(self, entries: float) -> float:
        """Participants of ``entries`` (vouchers issued × Einlösequote; = entries for other measures)."""
        return entries * self.redemption_share

    @property
    def rate_floor(self) -> float:
        """The least value per entry: a net effect may be negative (AGH), a rate or a count may not."""
        return -1.0 if self.effect == "net" else 0.0

    # ------------------------------------------------------------------ the three effect measures
    def _gross(self) -> tuple[float, tuple[float, float]] | None:
        if self.effect == "gross":
            return self.integration_rate, self.rate_range
        e = self.effects
        return None if e is None or e.gross is None else (e.gross, (e.gross_low, e.gross_high))

    def effect_value(self, effect: str) -> float | None:
        """Value per entry under ``effect`` (gross, net, kennzahl), whichever one is active; None if
        the net-effect table has no entry for this measure. This is the accessor for re-scoring a
        plan in another measure."""
        return self.effect_range_and_value(effect)[0]

    def effect_range(self, effect: str) -> tuple[float, float] | None:
        v = self.effect_range_and_value(effect)
        return None if v[0] is None else v[1]

    def effect_range_and_value(self, effect: str) -> tuple[float | None, tuple[float, float] | None]:
        if effect == self.effect:
            return self.integration_rate, self.rate_range
        g = self._gross()
        if effect == "gross":
            return (None, None) if g is None else (g[0], g[1])
        e = self.effects
        if e is None:
            return None, None
        if effect == "net":
            return e.net, (e.net_low, e.net_high)
        if g is None:
            return None, None
        v, lo, hi = e.kennzahl_for(g[0], g[1])
        return v, (lo, hi)

    def with_effect(self, effect: str) -> "Measure":
        """This measure with ``effect`` active: its value per entry and range become the rate the
        model and every analysis use; the gross rate is kept in ``effects``."""
        if effect == self.effect:
            return self
        e = self.effects
        if e is None:
            from amip import texts as T

            raise InputError(T.ERR_EFFECT_NO_ROW.format(id=self.id, type=self.instrument_type,
                                                        cat=self.product_category, effect=effect))
        if self.effect == "gross":
            e = replace(e, gross=self.integration_rate, gross_low=self.rate_range[0], gross_high=self.rate_range[1],
                        gross_source=self.rate_source, gross_estimate=self.rate_is_estimate,
                        gross_distribution=self.rate_distribution)
        # e.gross is set from here on (kept when the case left gross)
        if effect == "gross":
            value, low, high = e.gross, e.gross_low, e.gross_high
            source, estimate, dist = e.gross_source, e.gross_estimate, e.gross_distribution
        elif effect == "net":
            value, low, high = e.net, e.net_low, e.net_high
            source, estimate, dist = e.net_source, e.net_estimate, "triangular"
        else:
            value, low, high = e.kennzahl_for(e.gross, (e.gross_low, e.gross_high))
            from amip import texts as T

            source = e.kennzahl_source + ("" if e.kennzahl_mode != "gross"
                                          else T.SRC_KENNZAHL_GROSS.format(source=e.gross_source))
            estimate = e.kennzahl_estimate or (e.kennzahl_mode == "gross" and e.gross_estimate)
            dist = e.gross_distribution if e.kennzahl_mode == "gross" else "fixed"
        return self.evolve(integration_rate=value, rate_low=low, rate_high=high, rate_source=source,
                       rate_is_estimate=estimate, rate_distribution=dist, effect=effect, effects=e,
                       rate_range_source=f"{effect}: {source}")

    @property
    def objective_rate(self) -> float:
        """Objective value per entry: integration rate × objective weight (1 unless a scenario weights)."""
        return self.integration_rate * self.objective_weight

    @property
    def rate_range(self) -> tuple[float, float]:
        """(low, high) of the integration rate; (rate, rate) without a range."""
        r = self.integration_rate
        return (r if self.rate_low is None else self.rate_low, r if self.rate_high is None else self.rate_high)

    def with_rate(self, rate: float, **changes) -> "Measure":
        """This measure with another integration rate; its range moves with it (scale_range)."""
        low, high = scale_range(*self.rate_range, self.integration_rate, rate)
        return self.evolve(integration_rate=rate, rate_low=low, rate_high=high, **changes)

    @property
    def uncertainty_group(self) -> str:
        return self.rate_group or self.instrument_type

    @property
    def counts_against_budget(self) -> bool:
        return self.budget_basis.has_new_entries

    @property
    def fixed_entries(self) -> float:
        """Entries that do not depend on the LP: pre-bought places and outside-budget entries."""
        if self.budget_basis is BudgetBasis.OUTSIDE:
            return self.planned_entries + self.prebought_entries
        return self.prebought_entries

    @property
    def planned_total_entries(self) -> float:
        """Entries of the reference plan: planned new entries plus the fixed ones."""
        return self.fixed_entries + (self.planned_entries if self.budget_basis.has_new_entries else 0.0)

    def total_entries(self, new_entries: float) -> float:
        return self.fixed_entries + (new_entries if self.budget_basis.has_new_entries else 0.0)


_NUMBER_FIELDS = ("cost_per_entry_eur", "planned_entries", "prebought_entries", "lower_entries", "upper_entries",
                  "integration_rate", "fixed_spend_eur", "objective_weight")
_numbers = attrgetter(*_NUMBER_FIELDS)
_REAL = frozenset({int, float})
_UNCHECKED_FIELDS = frozenset({"effects", "upper_source", "lower_source", "source", "weight_source",
                               "rate_range_source", "instrument_type_derived"})

def _field_table() -> tuple[dict, frozenset]:
    from dataclasses import MISSING, fields

    defaults, required = {}, set()
    for f in fields(Measure):
        if f.default is not MISSING:
            defaults[f.name] = f.default
        elif f.default_factory is not MISSING:   # pragma: no cover - Measure has none
            raise TypeError("Measure.checked does not support default factories")
        else:
            required.add(f.name)
    # in field order, so the instance dict has the order dataclasses.asdict and fields() give
    return {f.name: defaults.get(f.name) for f in fields(Measure)}, frozenset(required)


_ORDERED, _REQUIRED = _field_table()
_DEFAULTS = {k: v for k, v in _ORDERED.items() if k not in _REQUIRED}
