"""Case: everything one optimisation needs — measures, fields, budget, PAT, pools, rules, rates."""
from __future__ import annotations

import hashlib
import json
import math
import sys
from array import array
from dataclasses import dataclass, field, is_dataclass
from dataclasses import fields as dataclass_fields
from functools import cached_property, lru_cache
from operator import attrgetter, itemgetter

from amip.models.budget import Budget
from amip.models.effects import EffectTable, check_effect
from amip.models.measure import BudgetBasis, Measure, id_key, id_keys
from amip.models.pat import PAT
from amip.models.plain import plain
from amip.models.planning import MeasurePlanning, Planning
from amip.models.policy import Policy
from amip.models.rates import RateTable
from amip.models.rules import RuleSet


def _measure_data(m: Measure) -> dict:
    """A measure's inputs for the hash: provenance of a derived instrument type is left out."""
    d = plain(m)
    del d["instrument_type_derived"]
    return d


def _file_name(path: str) -> str:
    """A file by name only, so the hash of the same data does not change when the package or a case
    folder is installed or moved elsewhere (plan round trip)."""
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _planning_data(planning: Planning) -> dict:
    """The planning data for canonical(): its file by name only (_file_name)."""
    d = plain(planning)
    if d.get("file"):
        d["file"] = _file_name(d["file"])
    return d


#: scenario selector → the Measure attribute it matches (``all`` matches every measure)
SELECTORS = {"field": "field", "product_category": "product_category", "instrument_type": "instrument_type",
             "measure": "id"}
#: selectors whose keys match case-insensitively: ids keep a planner's spelling ('M01' = 'm01')
CASELESS = frozenset({"instrument_type", "measure"})


@dataclass(frozen=True)
class FieldOfAction:
    """A Handlungsfeld with its minimum of entries (new + pre-bought + outside)."""

    id: str
    name: str
    min_entries: float
    min_source: str
    planned_entries: float = 0.0   #: entries the seed plan gives the field


@dataclass(frozen=True)
class Pool:
    """An eligible customer pool (eLb, LZA, U25 …) in persons."""

    id: str
    size: float
    source: str


@dataclass(frozen=True)
class Derivation:
    """Where a derived case comes from (``amip init --jobcenter``, a national derived case): the
    template case, the scale of its catalogue, each frame value that is an estimate or a planning
    choice (label, value as shown, source, where the planner finds the own figure), and what is carried
    from the template. Shown by every output of such a case (terminal header, Excel sheet Herkunft,
    the Vorlage's first page)."""

    template: str
    scale: float | None
    estimated: tuple[tuple[str, str, str, str], ...] = ()
    carried: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuotaBasis:
    """What a case knows for the Integrationsquote (§ 48a SGB II, Kennzahl K2): the average stock of
    eLb of the plan year (its denominator) and, where the shipped national data hold one, the
    published quota of the jobcenter (or of its Land) to show beside the plan's contribution."""

    elb_average: float             #: eLb im Jahresdurchschnitt (Duisburg 2020: 47.232, seed L1285)
    elb_source: str
    published_pct: float | None = None   #: Integrationsquote K2 in per cent
    published_basis: str = ""            #: Jobcenter, Land …, Bund (amip/data/national/integrationsquote-k2.csv)
    published_source: str = ""


@dataclass(frozen=True)
class Case:
    name: str
    title: str
    year: int
    measures: tuple[Measure, ...]
    fields: tuple[FieldOfAction, ...]
    budget: Budget
    pat: PAT | None
    pools: dict[str, Pool]
    rules: RuleSet
    rates: RateTable
    files: dict[str, str] = field(default_factory=dict)   #: role → file the data came from
    scenario: str = "base"
    notes: tuple[str, ...] = ()
    planning: Planning = field(default_factory=Planning)
    policy: Policy = field(default_factory=Policy)   #: commitments (Politik) and linked measures
    #: What the frame of the case rests on, when it is not the planner's own data: an estimated
    #: EGT, a derived catalogue, the neutral frame of --measures without --case (German, each
    #: marked ESTIMATE or POLICY). Every output shows them.
    frame_notes: tuple[str, ...] = ()
    #: A derived case's origin (None: the planner's own case).
    derivation: Derivation | None = None
    #: The effect measure the case is optimised and analysed in (amip.models.effects): every measure's
    #: ``integration_rate`` holds its value under this effect. ``effects`` is the net-effect table.
    effect: str = "gross"
    effects: EffectTable | None = None
    #: the average eLb of the year and a published Integrationsquote, for the § 48b view (issue 26)
    quota: QuotaBasis | None = None

    def with_effect(self, effect: str) -> "Case":
        """The case measured in ``effect`` (gross, net, kennzahl): the objective, the checker and every
        analysis then use that measure's values per entry; each measure keeps all three."""
        check_effect(effect)
        if effect == self.effect:
            return self
        from dataclasses import replace

        # No scenario note: the effect is no adjustment of the data; every output names it (`effect`).
        return replace(self, measures=tuple(m.with_effect(effect) for m in self.measures), effect=effect)

    @cached_property
    def _by_id(self) -> dict[str, Measure]:
        return _measure_index(self.measures, "")

    @cached_property
    def columns(self) -> dict[str, tuple]:
        """The measures' fields that the checker and a result read (MEASURE_COLUMNS), each as a tuple in
        table order, from one pass over the Measure objects, plus ``has_new_entries`` (of the budget
        basis) and ``fixed_entries`` (Measure.fixed_entries, the same float operation). At 100.000
        measures each pass over the objects costs more than its arithmetic (their memory is spread out);
        every pass of the checker reads the same few fields. Plain tuples: models stay free of numpy."""
        return _measure_columns(self.measures)

    def measure(self, measure_id: str) -> Measure:
        """The measure of an id, matched case-insensitively (the table's 'M01' is a scenario's 'm01')."""
        return self._by_id[id_key(measure_id)]

    def has_measure(self, measure_id: str) -> bool:
        return id_key(measure_id) in self._by_id

    def select(self, selector: str, key: str | None = None) -> tuple[Measure, ...]:
        """The measures a scenario selector names, in table order: ``all``, or the measures of one
        field, product category, instrument type or id. One index per case and selector, so applying a
        file with S selectors costs O(n + S), not O(n × S)."""
        if selector == "all":
            return self.measures
        if selector in CASELESS and key is not None:
            key = id_key(str(key))
        return _measure_index(self.measures, selector).get(key, ())

    def field_of(self, field_id: str) -> FieldOfAction:
        for f in self.fields:
            if f.id == field_id:
                return f
        raise KeyError(field_id)

    @property
    def fixed_spend_eur(self) -> float:
        return sum(m.fixed_spend_eur for m in self.measures)

    def pat_relief_per_entry_eur(self, m: Measure) -> float:
        if self.pat is None or not self.pat.applies_to(m.instrument_type) or not m.counts_against_budget:
            return 0.0
        return self.pat.relief_per_entry_eur(m.cost_per_entry_eur)

    def commitment_per_entry_eur(self, m: Measure) -> list[float]:
        """Money one new entry binds in each later year (the last item: all years after), net of the
        PAT for § 16i (the flat rate per month, never above that year's subsidy)."""
        return list(self._commitments_per_entry[m.id])

    @cached_property
    def _commitments_per_entry(self) -> dict[str, tuple[float, ...]]:
        # The month profiles are computed once per case: the checker asks for them on every plan it
        # scores (the greedy rounding of --integer scores hundreds).
        out = {}
        zero = (0.0,) * (self.planning.years_ahead + 1)
        c, factors = self.columns, self._commitment_factors()
        for m, mid, variable, itype, cost in zip(self.measures, c["id"], c["has_new_entries"], c["instrument_type"],
                                                 c["cost_per_entry_eur"]):
            if not variable:
                out[mid] = zero
                continue
            gross = [cost * f for f in factors(m)]
            if self.pat is None or not self.pat.applies_to(itype):
                out[mid] = tuple(gross)
                continue
            relief = self.later_pat_relief_per_entry_eur(m)
            out[mid] = tuple(g - r for g, r in zip(gross, relief, strict=True))
        return out

    def _commitment_factors(self):
        """m → ``planning.commitment_factors(m)``, computed once per (planning entry, instrument type):
        what they depend on (the duration and start month of the entry, the type's payment schedule)."""
        memo: dict[tuple, list[float]] = {}
        planning = self.planning

        def factors(m) -> list[float]:
            key = (id(planning.of(m.id)), m.instrument_type)
            got = memo.get(key)
            if got is None:
                got = memo[key] = planning.commitment_factors(m)
            return got

        return factors

    def later_pat_relief_per_entry_eur(self, m: Measure) -> tuple[float, ...]:
        """PAT relief one new entry brings in each later year (the flat rate per month of the remaining
        subsidy, never above that year's subsidy): the law's relief for later years, as for the plan year."""
        return self._later_pat_relief[m.id]

    @cached_property
    def _later_pat_relief(self) -> dict[str, tuple[float, ...]]:
        n = self.planning.years_ahead + 1
        zero = (0.0,) * n
        if self.pat is None:
            return dict.fromkeys(self.columns["id"], zero)
        out = {}
        factors = self._commitment_factors()
        for m in self.measures:
            if not self.pat.applies_to(m.instrument_type) or not m.budget_basis.has_new_entries:
                out[m.id] = zero
                continue
            gross = [m.cost_per_entry_eur * f for f in factors(m)]
            relief = [self.pat.mean_rate_eur_per_month * mo for mo in self.planning.later_months(m)]
            out[m.id] = tuple(min(g, r) if self.pat.cap_at_subsidy else r for g, r in zip(gross, relief, strict=True))
        return out

    def canonical(self) -> dict:
        """Every input that affects the result, as plain JSON-able data (for the input hash). Built
        with ``plain``, not ``asdict``: the same data, without deep-copying every leaf."""
        return {
            "name": self.name, "year": self.year, "scenario": self.scenario,
            "measures": [_measure_data(m) for m in self.measures],
            "fields": [plain(f) for f in self.fields],
            "budget": self._budget_canonical(),
            "pat": plain(self.pat) if self.pat else None,
            "pools": {k: plain(v) for k, v in sorted(self.pools.items())},
            "rules": self.rules.raw,
            "rates": [plain(e) for e in self.rates.entries],
            "planning": _planning_data(self.planning),
            "policy": plain(self.policy),
            "effect": self.effect,
            "effects": [plain(e) for e in self.effects.entries] if self.effects else None,
            **({"quota": plain(self.quota)} if self.quota else {}),   # a case without an eLb hashes as before
        }

    def _budget_canonical(self) -> dict:
        # The chain's sources are provenance, not data; a chain without an EGT start hashes as before.
        b = plain(self.budget)
        b.pop("sources", None)
        if b.get("egt_zuteilung_given_eur") is None:
            b.pop("egt_zuteilung_given_eur", None)
        for key in ("egt_path", "vorbindungen_path"):
            if not b.get(key):   # a case without a horizon path hashes as before
                b.pop(key, None)
            else:   # where the path was written is provenance, not data
                b[key] = [{"year": e["year"], "eur": e["eur"]} for e in b[key]]
        return b

    @cached_property
    def _input_digest(self) -> str:
        # A Case is frozen, so its data is hashed once: the same inputs as ``canonical()``. The small
        # parts through json's C encoder (a dataclass as the list of its field values, hash_default);
        # the measures and their planning data field by field over all measures (_hash_columns), so
        # no per-leaf Python walk and no text of the whole case: linear, little memory at 100.000.
        h = hashlib.sha256()
        planning = {f.name: getattr(self.planning, f.name) for f in dataclass_fields(self.planning)
                    if f.name != "measures"}
        if planning.get("file"):
            planning["file"] = _file_name(planning["file"])
        head = {"name": self.name, "year": self.year, "scenario": self.scenario, "fields": self.fields,
                "budget": self._budget_canonical(), "pat": self.pat, "pools": self.pools, "rules": self.rules.raw,
                "rates": self.rates.entries, "planning": planning, "policy": self.policy, "effect": self.effect,
                "effects": self.effects.entries if self.effects else None, "measure_fields": MEASURE_HASHED}
        if self.quota:   # the eLb and the published quota the § 48b view reports (issue 26)
            head["quota"] = self.quota
        h.update(_dumps(head).encode("utf-8", "surrogateescape"))
        _hash_columns(h, self.measures, MEASURE_HASHED)
        per_measure = self.planning.measures   # the planning data of each measure, column by column too
        h.update(_dumps(list(per_measure)).encode("utf-8", "surrogateescape"))
        _hash_columns(h, list(per_measure.values()), PLANNING_HASHED)
        return h.hexdigest()   # a string: a Case pickles to --jobs workers with its cached digest

    def input_hash(self, *, version: str, solver: dict) -> str:
        """sha256 over the case data, the rule file, the rates, the version and the solver options."""
        extra = json.dumps({"version": version, "solver": solver}, sort_keys=True)
        return "sha256:" + hashlib.sha256((self._input_digest + extra).encode("utf-8", "surrogateescape")).hexdigest()


_INDEXES: dict[int, tuple] = {}   #: id(measures) → (measures, {selector: index}): the last few tuples


def _measure_index(measures: tuple[Measure, ...], selector: str) -> dict:
    """A lookup of a measure tuple, built once per tuple and selector when first asked for: "" by id
    (id_key → measure), else by the selector's key (→ its measures in table order). The cases a run
    derives from one another (a scenario, an effect, --budget) mostly keep the same tuple, and each would
    otherwise index it anew; a selector no one asks for is never indexed."""
    hit = _INDEXES.get(id(measures))
    if hit is None or hit[0] is not measures:
        if len(_INDEXES) >= 4:   # a few cases per run: keep the newest, hold no more tuples alive than that
            _INDEXES.pop(next(iter(_INDEXES)))
        hit = _INDEXES[id(measures)] = (measures, {})
    index = hit[1].get(selector)
    if index is None:
        if selector:
            keys = list(map(attrgetter(SELECTORS[selector]), measures))
            groups: dict[str, list[Measure]] = {}
            for k, m in zip(id_keys(keys) if selector in CASELESS else keys, measures, strict=True):
                group = groups.get(k)
                if group is None:
                    groups[k] = [m]
                else:
                    group.append(m)
            index = {k: tuple(v) for k, v in groups.items()}
        else:
            index = dict(zip(id_keys(m.id for m in measures), measures))
        hit[1][selector] = index
    return index


#: The Measure fields of Case.columns: what the checker (amip.models.check) and a result read of each measure.
MEASURE_COLUMNS = ("id", "field", "name", "instrument", "instrument_type", "product_category", "budget_basis",
                   "cost_per_entry_eur", "planned_entries", "prebought_entries", "lower_entries", "upper_entries",
                   "integration_rate", "rate_source", "rate_is_estimate", "fixed_spend_eur", "pool",
                   "objective_weight", "rate_low", "rate_high", "rate_distribution", "rate_group", "upper_source",
                   "lower_source", "instrument_type_derived", "effect", "effects", "redemption_share")


def _measure_columns(measures: tuple[Measure, ...]) -> dict[str, tuple]:
    """Case.columns of ``measures``: each instance dict read once (a dataclass instance holds every field
    there), the rows turned into columns by zip."""
    if not measures:
        out = dict.fromkeys(MEASURE_COLUMNS, ())
    else:
        out = dict(zip(MEASURE_COLUMNS, zip(*map(itemgetter(*MEASURE_COLUMNS), map(vars, measures))), strict=True))
    outside = BudgetBasis.OUTSIDE
    out["has_new_entries"] = tuple(b.has_new_entries for b in out["budget_basis"])
    out["fixed_entries"] = tuple(p + q if b is outside else q for b, p, q in
                                 zip(out["budget_basis"], out["planned_entries"], out["prebought_entries"]))
    return out


#: The Measure fields in the input hash: all but the provenance of a derived instrument type.
MEASURE_HASHED = tuple(f.name for f in dataclass_fields(Measure) if f.name != "instrument_type_derived")
PLANNING_HASHED = tuple(f.name for f in dataclass_fields(MeasurePlanning))


def _hash_columns(h, objs, names: tuple[str, ...]) -> None:
    """Fields ``names`` of every object into the hash, one column per field: each object's field values
    read from its ``__dict__`` in one C call (a dataclass instance holds every field there), the rows
    turned into columns by zip."""
    rows = list(map(itemgetter(*names), map(vars, objs)))
    columns = zip(*rows) if rows else [() for _ in names]
    for name, col in zip(names, columns, strict=True):
        _hash_column(h, name, col)


def _hash_column(h, name: str, col: tuple) -> None:
    """One field of every measure. Numbers as IEEE doubles (little-endian), None as a marked NaN;
    texts and nested values as the list of their distinct values (in order of appearance) plus one
    index per measure, so a source text that 10.000 measures share is encoded once. Each step is
    one C-level pass over the column."""
    h.update(f"\x00{name}:{len(col)}:".encode())
    try:
        numbers, nones = array("d", col), None   # a number column without None: one C pass
    except TypeError:   # None in a number column, or texts and objects (they fail on their first value)
        numbers = None
        try:
            array("d", [next((v for v in col if v is not None), 0.0)])
            nones = array("B", [v is None for v in col])
            numbers = array("d", [math.nan if v is None else v for v in col])
        except TypeError:
            numbers = None
    if numbers is not None:
        if nones is not None:
            h.update(nones.tobytes())
        if sys.byteorder != "little":   # pragma: no cover - the same hash on every machine
            numbers.byteswap()
        h.update(b"d" + numbers.tobytes())
        return
    try:   # texts and frozen values by content (equal data, equal hash, shared objects or not)
        if type(col[0]) is str:   # texts hash fast (cached)
            keys = col
            distinct = list(dict.fromkeys(col))
        else:   # objects (effect rows) are mostly shared: each distinct object hashed once, by content
            keys = list(map(id, col))
            objects = dict(zip(keys, col))   # id → object, kept alive by col while used here
            distinct = list(dict.fromkeys(objects.values()))
        if len(distinct) == len(col):   # all different (ids, names): the values themselves, no index
            h.update(b"u" + _dumps(col).encode("utf-8", "surrogateescape"))
            return
        position = {v: i for i, v in enumerate(distinct)}
        index = position if keys is col else {k: position[o] for k, o in objects.items()}
    except TypeError:   # an unhashable value (a dict): by its encoding
        keys = [_dumps(v) for v in col]
        index = {k: i for i, k in enumerate(dict.fromkeys(keys))}
        first = dict(zip(keys, col))
        distinct = [first[k] for k in index]
    h.update(b"t" + _dumps(distinct).encode("utf-8", "surrogateescape"))
    if len(distinct) == 1:   # one value (a default every measure keeps): every index is 0
        h.update(bytes(8 * len(col)))
        return
    codes = array("q", map(index.__getitem__, keys))
    if sys.byteorder != "little":   # pragma: no cover
        codes.byteswap()
    h.update(codes.tobytes())


@lru_cache(maxsize=None)
def _values_of(cls: type):
    """A dataclass type's field values as a tuple (one C call per object); None for other types."""
    if not is_dataclass(cls):
        return None
    names = tuple(f.name for f in dataclass_fields(cls))
    return attrgetter(*names) if len(names) > 1 else (lambda o, n=names[0]: (getattr(o, n),))


def hash_default(obj):
    """json's ``default`` for the input hash: a dataclass as its field values, a set sorted, else str."""
    get = _values_of(type(obj))
    if get is not None:
        return get(obj)
    if isinstance(obj, (set, frozenset)):
        return sorted(obj, key=str)
    return str(obj)


def _dumps(data) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, default=hash_default, check_circular=False)
