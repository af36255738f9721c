"""The immutable result of an optimisation or of scoring a given plan. No PuLP object in here."""
from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from enum import Enum
from itertools import chain, repeat
from json.encoder import encode_basestring
from operator import itemgetter, mul

from amip import texts as T
from amip.models import Case
from amip.models.check import (
    check_allocation,
    commitments_eur,
    constraint_name,
    constraint_rows,
    group_entries,
    pat_relief_eur,
    plan_effects,
    score_plan,
    staff_load,
)
from amip.models.effects import EFFECT_UNITS, EFFECTS
from amip.models.fmt import num
from amip.models.measure import BudgetBasis
from amip.models.plain import Records, record, shallow, unchecked_maker
from amip.models.planning import GROUPS, TARGETS, target_label
from amip.models.policy import commitment_lhs, empty_linked_places
from amip.models.timing import quota_report, shares_column, timing_kind, year_labels
from amip.optimizer.reports import ModeReports, PolicyPrices


class Status(str, Enum):
    OPTIMAL = "optimal"
    INFEASIBLE = "infeasible"
    UNBOUNDED = "unbounded"
    NOT_SOLVED = "not_solved"
    EVALUATED = "evaluated"     #: a given plan, scored, not optimised


@dataclass(frozen=True)
class MeasureResult:
    id: str
    field: str
    name: str
    instrument: str
    instrument_type: str
    product_category: str
    budget_basis: str
    cost_per_entry: float          #: net cost per new entry counted against the budget (after PAT), EUR
    gross_cost_per_entry: float    #: EUR
    pat_relief_per_entry: float    #: EUR
    rate: float                    #: integrations per entry
    rate_source: str
    rate_is_estimate: bool
    lower: float                   #: bound on entries (fixed + new)
    upper: float
    entries: float                 #: fixed + new entries
    new_entries: float
    prebought_entries: float
    planned_entries: float         #: entries in the reference plan (planned new + pre-bought)
    planned_new_entries: float
    cost: float                    #: net spend against the Neufallbudget, EUR (incl. fixed money-only spend)
    integrations: float
    reduced_cost: float | None     #: integrations per extra new entry at its bound (solver), else None
    objective_weight: float = 1.0  #: weight of this measure's integrations in the objective (scenario)
    #: planning data (issue 7): classes, duration, money bound per entry in later years, targets per
    #: entry (rate × amount per integration) with their sources, group shares, staff class
    planning: dict = field(default_factory=dict)
    #: how instrument_type was derived from the legal reference ("" = given in the measure table)
    instrument_type_derived: str = ""
    #: value per entry under each effect measure (gross, net, kennzahl; None without a table row)
    effects: dict = field(default_factory=dict)
    #: vouchers (AVGS): entries are vouchers issued, participants = entries × Einlösequote
    redemption_share: float = 1.0
    participants: float = 0.0
    #: money by year (issue 26): the plan year's figure is ``cost``; later years as commitments.years
    cash_by_year: dict = field(default_factory=dict)
    total_cost_eur: float = 0.0
    #: share of one new entry's money (net of PAT) that falls into the plan year (1.0 without later years)
    plan_year_share: float = 1.0
    #: the measure's integrations (the cohort's, in the active effect measure) by the year they happen:
    #: {"2020": …, "2021": …, "2022": …, "2023+": …} (amip.models.timing, issue 26)
    integrations_by_year: dict = field(default_factory=dict)


_MEASURE_FIELDS = tuple(f.name for f in fields(MeasureResult))
#: the measure's own fields a record takes as they are (from Case.columns)
_RECORD_OWN = ("id", "field", "name", "instrument", "instrument_type", "product_category", "budget_basis",
               "integration_rate", "rate_source", "rate_is_estimate", "prebought_entries", "objective_weight",
               "instrument_type_derived", "redemption_share")
_BASIS_VALUE = {b: b.value for b in BudgetBasis}
_BLOCK = 2000   #: records made at a time from the columns
_score_numbers = itemgetter("new_entries", "entries", "gross_cost_eur", "integrations")


class MeasureRows(Sequence):
    """The per-measure records of a result, kept as columns (numpy arrays of the computed numbers, tuples
    of the measures' own fields) and made on demand: ``MeasureResult`` objects on first access (then
    kept, a tuple), JSON records block by block (``records``) without them. At 10.000 measures the
    objects and their nested dicts were most of the result's time; the JSON writer never needs them."""

    def __init__(self, own: dict, columns: dict, *, planning: list, later, effects: list, reduced_of, labels,
                 keys, plan_year: str) -> None:
        self._own, self._columns = own, columns
        #: per measure: the shared part of its planning record (_planning_parts), its money per new entry
        #: in each later year (an array, one column per key), its values under each effect measure
        self._planning, self._later, self._effects = planning, later, effects
        self._reduced_of, self._labels, self._keys, self._plan_year = reduced_of, labels, keys, plan_year
        self._rows: tuple | None = None

    def __len__(self) -> int:
        return len(self._own["id"])

    def _values(self, a: int, b: int, fresh: bool = True):
        """The field values of records a..b-1 (MeasureResult's field order, one tuple per record), as
        plain Python numbers, assembled column by column; ``fresh=False``: the nested dicts that measures
        of one table row have alike are shared (JSON)."""
        if a >= b:
            return iter(())
        o = {k: self._own[k][a:b] for k in _RECORD_OWN}
        c = {k: v[a:b].tolist() for k, v in self._columns.items()}
        years, nested = self._keys, ("per_entry", "target_sources", "group_shares")

        def planning(s: dict, later: list) -> dict:
            d = dict(s)
            d["commitment_per_entry_eur"] = dict(zip(years, later))
            if fresh:
                for k in nested:
                    d[k] = dict(s[k])
            return d

        effects = self._effects[a:b]
        return zip(o["id"], o["field"], o["name"], o["instrument"], o["instrument_type"], o["product_category"],
                   map(_BASIS_VALUE.__getitem__, o["budget_basis"]), c["cost_per_entry"], c["gross_cost_per_entry"],
                   c["pat_relief_per_entry"], o["integration_rate"], o["rate_source"], o["rate_is_estimate"],
                   c["lower"], c["upper"], c["entries"], c["new_entries"], o["prebought_entries"],
                   c["planned_entries"], c["planned_new_entries"], c["cost"], c["integrations"],
                   map(self._reduced_of, o["id"]), o["objective_weight"],
                   map(planning, self._planning[a:b], self._later[a:b].tolist()), o["instrument_type_derived"],
                   map(dict, effects) if fresh else effects, o["redemption_share"], c["participants"],
                   map(dict, map(zip, repeat((self._plan_year, *self._keys)), c["cash_by_year"])),
                   c["total_cost_eur"], c["plan_year_share"],
                   map(dict, map(zip, repeat(self._labels), c["integrations_by_year"])))

    def _all(self) -> tuple:
        if self._rows is None:
            make, n = unchecked_maker(MeasureResult), len(self)
            # block by block: the columns as Python lists exist for one block at a time
            self._rows = tuple(chain.from_iterable(map(make, self._values(a, min(n, a + _BLOCK)))
                                                   for a in range(0, n, _BLOCK)))
            # the records hold every value now: the columns they were made of are let go (at 100.000
            # measures ~45 MB beside the records, which the terminal table's peak would carry)
            self._own = {"id": self._own["id"]}
            self._columns = self._planning = self._later = self._effects = None
        return self._rows

    def __getitem__(self, i):
        return self._all()[i]

    def __iter__(self):
        return iter(self._all())

    def __eq__(self, other) -> bool:
        return isinstance(other, (tuple, MeasureRows)) and tuple(self) == tuple(other)

    __hash__ = None

    def __repr__(self) -> str:
        return f"MeasureRows({len(self)} measures)"

    def __reduce__(self):
        return tuple, (self._all(),)   # pickled (to a worker and back) as the tuple it stands for

    def ids(self) -> list[str]:
        return list(self._own["id"])

    def column(self, name: str):
        """One numeric field of the records as a numpy array in measure order (new_entries,
        planned_new_entries, cost_per_entry …): the column itself, or once the records are made, read from them."""
        if self._columns is None:
            import numpy as np

            return np.array([getattr(r, name) for r in self._rows], dtype=float)
        return self._columns[name]

    def records(self) -> "MeasureRecords":
        """The JSON records (``record`` of each MeasureResult: the same keys and values), made block by block."""
        return MeasureRecords(self)

    def block(self, a: int, b: int) -> list[dict]:
        """The JSON records a..b-1: made from the columns, without MeasureResult objects, or, once those
        are made, ``record`` of each."""
        if self._columns is None:
            return [record(r) for r in self._rows[a:b]]
        names = _MEASURE_FIELDS
        return list(map(dict, map(zip, repeat(names), self._values(a, b, fresh=False))))

    def json_text(self, a: int, b: int) -> str | None:
        """The JSON text of records a..b-1 (what orjson writes of ``block(a, b)``, without the brackets),
        encoded column by column without making the records: each numpy column by one orjson call, each
        text, table row's dict or other shared value once, the records put together by one format each.
        None once the MeasureResult objects are made, or where a value is not plain data or not a finite
        number (the caller then encodes ``block(a, b)`` itself, and refuses NaN as before)."""
        if self._columns is None or a >= b:
            return None
        texts = [_TEXTS[kind](*data) for kind, data in self._json_columns(a, b)]
        if any(t is None for t in texts):
            return None
        # '{"id":' id ',"field":' field … '},' per record, in one join
        parts = chain.from_iterable(zip(*chain.from_iterable(zip(map(repeat, _RECORD_KEYS), texts)), repeat("},")))
        return "".join(parts)[:-1]

    def _json_columns(self, a: int, b: int) -> list[tuple[str, tuple]]:
        """The fields of records a..b-1 in MeasureResult's field order, as ``_values`` makes them, each as
        (how it is encoded, its column): numbers, shared values, the reduced cost (None or a number),
        {key: number} dicts from a 2-d array, the planning dict (its shared part and the later years)."""
        o = {k: self._own[k][a:b] for k in _RECORD_OWN}
        c = {k: v[a:b] for k, v in self._columns.items()}
        years = tuple(self._keys)

        def shared(*names):
            return [("shared", (o[n],)) for n in names]

        def numbers(*names):
            return [("numbers", (c[n],)) for n in names]

        return [*shared("id", "field", "name", "instrument", "instrument_type", "product_category"),
                ("shared", ([_BASIS_VALUE[x] for x in o["budget_basis"]],)),
                *numbers("cost_per_entry", "gross_cost_per_entry", "pat_relief_per_entry"),
                ("numbers", (list(o["integration_rate"]),)), *shared("rate_source", "rate_is_estimate"),
                *numbers("lower", "upper", "entries", "new_entries"), ("numbers", (list(o["prebought_entries"]),)),
                *numbers("planned_entries", "planned_new_entries", "cost", "integrations"),
                ("reduced", (list(map(self._reduced_of, o["id"])),)), ("numbers", (list(o["objective_weight"]),)),
                ("planning", (self._planning[a:b], years, self._later[a:b])), *shared("instrument_type_derived"),
                ("shared", (self._effects[a:b],)), ("numbers", (list(o["redemption_share"]),)),
                *numbers("participants"), ("dict", ((self._plan_year, *years), c["cash_by_year"])),
                *numbers("total_cost_eur", "plan_year_share"),
                ("dict", (tuple(self._labels), c["integrations_by_year"]))]


def _json(value) -> str | None:
    """orjson's text of plain data; None where render_json would not use it (NaN, ±inf: json refuses
    them; a value orjson cannot encode)."""
    import json

    import orjson

    try:
        if type(value) is not str:
            json.dumps(value, allow_nan=False)   # NaN, ±inf and what json cannot encode: ValueError, TypeError
        return orjson.dumps(value).decode()
    except (TypeError, ValueError):   # orjson.JSONEncodeError is a TypeError
        return None


def _number_texts(values) -> list[str] | None:
    """The texts of a column of numbers (a numpy array or a list), from one orjson text; None if one is
    not a finite number (orjson writes NaN and ±inf as null)."""
    import orjson

    try:
        text = orjson.dumps(values, option=orjson.OPT_SERIALIZE_NUMPY).decode()
    except TypeError:
        return None
    if "null" in text or '"' in text or "{" in text or text.count("[") != 1:   # not a flat list of numbers
        return None
    return text[1:-1].split(",") if len(text) > 2 else []


def _shared_texts(values) -> list[str] | None:
    """The texts of a column of values many records share (texts, bools, a table row's dict): each
    distinct object encoded once."""
    if values and type(values[0]) is str:
        try:   # texts: json's own string encoder (render_json's where orjson fails), one C call each
            return list(map(encode_basestring, values))
        except TypeError:   # not all texts
            pass
    memo: dict = {}   # anything else by its identity
    keys = list(map(id, values))
    for k, v in zip(keys, values, strict=True):
        if k not in memo:
            memo[k] = _json(v)
    if None in memo.values():
        return None
    return list(map(memo.__getitem__, keys))


def _reduced_texts(values) -> list[str] | None:
    """Reduced costs: a number or None (no solver value)."""
    texts = _number_texts([0.0 if v is None else v for v in values])
    return None if texts is None else ["null" if v is None else t for v, t in zip(values, texts, strict=True)]


def _dict_texts(keys: tuple, array) -> list[str] | None:
    """``{key: number}`` per record, one key per column of ``array``."""
    columns = list(map(_number_texts, array.T.copy()))   # one contiguous row per key (orjson's numpy arrays)
    if any(c is None for c in columns):
        return None
    if not keys:
        return ["{}"] * len(array)
    frame = "{" + ",".join(_json(k).replace("%", "%%") + ":%s" for k in keys) + "}"
    return list(map(frame.__mod__, zip(*columns)))


def _planning_texts(parts: list, years: tuple, later) -> list[str] | None:
    """The planning dict per record: its shared part, with its money per entry in the later years."""
    commitments = _dict_texts(years, later)
    if commitments is None:
        return None
    mark = "\x00commitment\x00"   # where the later years go in the shared part's text
    frames: dict[int, tuple | None] = {}
    for p in parts:
        if id(p) not in frames:
            text = _json({**p, "commitment_per_entry_eur": mark})
            frames[id(p)] = None if text is None else tuple(text.split(_json(mark), 1))
    if None in frames.values():
        return None
    return [frames[id(p)][0] + c + frames[id(p)][1] for p, c in zip(parts, commitments, strict=True)]


_TEXTS = {"numbers": _number_texts, "shared": _shared_texts, "reduced": _reduced_texts, "dict": _dict_texts,
          "planning": _planning_texts}
#: the text before each field's value in a record, in MeasureResult's field order
_RECORD_KEYS = tuple(("{" if i == 0 else ",") + f'"{name}":' for i, name in enumerate(_MEASURE_FIELDS))


class MeasureRecords(Records):
    """``Records`` of a MeasureRows: the JSON writer's slices made from the columns directly."""

    def __init__(self, rows: MeasureRows) -> None:
        super().__init__(rows, record)

    def __getitem__(self, i):
        if isinstance(i, slice):
            a, b, step = i.indices(len(self._rows))
            if step == 1:
                return self._rows.block(a, max(a, b))
            return [self[k] for k in range(a, b, step)]
        k = range(len(self._rows))[i]
        return self._rows.block(k, k + 1)[0]

    def __iter__(self):
        n = len(self._rows)
        for a in range(0, n, _BLOCK):
            yield from self._rows.block(a, min(n, a + _BLOCK))

    def json_text(self, a: int, b: int) -> str | None:
        return self._rows.json_text(a, min(b, len(self._rows)))


@dataclass(frozen=True)
class FieldResult:
    id: str
    name: str
    min_entries: float
    entries: float
    planned_entries: float
    cost: float
    integrations: float
    min_source: str


@dataclass(frozen=True)
class ConstraintResult:
    name: str
    kind: str
    sense: str
    lhs: float
    rhs: float
    slack: float
    binding: bool
    dual: float | None     #: shadow price: integrations per unit of RHS (per € or per entry)
    unit: str
    label: str
    source: str


@dataclass(frozen=True)
class OptimizationResult:
    status: Status
    objective: float               #: expected integrations, weighted if the scenario sets objective weights
    case_name: str
    scenario: str
    year: int
    budget_limit: float            #: Neufallbudget, EUR
    budget_used: float             #: net spend incl. fixed items, after PAT, EUR
    gross_spend: float
    fixed_spend: float
    pat_relief: float
    measures: tuple[MeasureResult, ...]
    fields: tuple[FieldResult, ...]
    constraints: tuple[ConstraintResult, ...]
    violations: tuple[dict, ...]
    solver: str
    solve_time_s: float
    build_time_s: float
    input_hash: str
    version: str
    integrations: float = 0.0      #: expected integrations, unweighted
    weighted: bool = False         #: the objective carries scenario weights
    notes: tuple[str, ...] = ()    #: scenario adjustments applied to the case, with their sources
    case_title: str = ""           #: the case's title ("Jobcenter Bochum, Stadt – AmIp 2020 (abgeleitet)")
    case_notes: tuple[str, ...] = ()   #: ESTIMATE/POLICY parts of the case's frame (Case.frame_notes)
    #: planning realism (issue 7): targets, money bound in later years, target groups, staff load,
    #: the features in use, and the reports of the mode: integer (whole places), goal, objective_spec, lexicographic
    targets: dict = field(default_factory=dict)
    commitments: dict = field(default_factory=dict)
    groups: dict = field(default_factory=dict)
    staff: tuple = ()
    features: tuple[str, ...] = ()
    modes: ModeReports = field(default_factory=ModeReports)
    #: commitments (Politik) with their price, and linked measures with their empty pre-bought places
    policy: tuple = ()
    links: tuple = ()
    policy_enabled: bool = True
    #: the PAT beside the modelled relief: the case's expectation (seed L428) and its own cap, if any
    pat_info: dict = field(default_factory=dict)
    policy_total: dict = field(default_factory=dict)   #: all commitments and links together: their price
    objective_unit_text: str | None = None
    #: the plan under all three effect measures: {gross, net, kennzahl} each {value, unit}; net with
    #: p5/p95 over the net-effect ranges (plan fixed). ``effect``: the measure that was optimised.
    effects: dict = field(default_factory=dict)
    effect: str = "gross"
    #: the plan's integrations by the year they happen (sum over the measures), and the § 48b view:
    #: the plan's contribution to the year's Integrationsquote (amip.models.timing.quota_report)
    integrations_by_year: dict = field(default_factory=dict)
    integration_quota: dict = field(default_factory=dict)
    timestamp: str = field(default_factory=lambda: _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"))

    @property
    def is_optimal(self) -> bool:
        return self.status is Status.OPTIMAL

    @property
    def new_entries(self) -> dict[str, float]:
        return {m.id: m.new_entries for m in self.measures}

    def measure_ids(self) -> list[str]:
        """The ids of the measures' records, in their order."""
        if isinstance(self.measures, MeasureRows):
            return self.measures.ids()
        return [m.id for m in self.measures]

    def measure_columns(self, *names: str) -> list:
        """Numeric fields of the measures' records as numpy arrays (``"new_entries"``, ``"cost_per_entry"`` …),
        read from the columns the records are made of, without making them."""
        import numpy as np

        if isinstance(self.measures, MeasureRows):
            return [self.measures.column(n) for n in names]
        return [np.array([getattr(m, n) for m in self.measures], dtype=float) for n in names]

    @property
    def binding(self) -> list[ConstraintResult]:
        return [c for c in self.constraints if c.binding]

    def __repr__(self) -> str:
        return (f"OptimizationResult(status={self.status.value}, objective={self.objective:.3f}, "
                f"budget_used={self.budget_used:,.0f}/{self.budget_limit:,.0f}, solver={self.solver})")

    def bounds_at_limit(self) -> "BoundsAtLimit":
        """The measures at their own bounds (binding rows ``upper__``/``lower__``): the one count the
        terminal, --explain, the decision paper, compare and JSON ``bounds_at_limit`` give."""
        return BoundsAtLimit.of(self)

    def to_dict(self) -> dict:
        """Machine-readable form: the `--format json` contract (keys may be added, never renamed)."""
        return self._payload(lambda rows: [record(r) for r in rows])

    def json_payload(self) -> dict:
        """``to_dict()`` with the measure and constraint records made on demand (amip.models.plain.Records),
        for the JSON writer: the same keys and values, without all records in memory at once."""
        return self._payload(lambda rows: rows.records() if isinstance(rows, MeasureRows) else Records(rows, record))

    def _payload(self, records) -> dict:
        return {
            "status": self.status.value,
            "objective": self.objective,
            "objective_unit": self.objective_unit_text or ("weighted integrations"
                                                           if self.weighted else "integrations"),
            "integrations": self.integrations,
            "input_hash": self.input_hash,
            "version": self.version,
            "solver": self.solver,
            "case": self.case_name,
            "case_title": self.case_title,
            "case_notes": list(self.case_notes),
            "scenario": self.scenario,
            "year": self.year,
            "timestamp": self.timestamp,
            "solve_time_s": self.solve_time_s,
            "budget": {"limit": self.budget_limit, "used": self.budget_used, "gross": self.gross_spend,
                       "fixed_spend": self.fixed_spend, "pat_relief": self.pat_relief, "unit": "EUR",
                       **self.pat_info},
            # records of plain fields (make_result builds them so): copied, not walked
            "measures": records(self.measures),
            "fields": [shallow(f) for f in self.fields],
            "constraints": records(self.constraints),
            "violations": list(self.violations),
            "scenario_notes": list(self.notes),
            "features": list(self.features),
            "targets": self.targets,
            "commitments": self.commitments,
            "groups": self.groups,
            "staff": list(self.staff),
            "policy": list(self.policy),
            "policy_enabled": self.policy_enabled,
            "links": list(self.links),
            "policy_total": self.policy_total,
            "bounds_at_limit": self.bounds_at_limit().to_dict(),
            "effect": self.effect,
            "effects": self.effects,
            "integrations_by_year": self.integrations_by_year,
            "integration_quota": self.integration_quota,
            **self.modes.to_dict(),
        }


@dataclass(frozen=True)
class BoundsAtLimit:
    """Measures at their own bounds on new entries in a plan, by kind (trial finding 14: the terminal
    counted 45 bound rows, --explain 32 measures at their upper bound, the paper 33 "Ober- oder
    Untergrenze"): ``upper`` at their upper bound, ``lower`` at a positive lower bound, ``zero`` at a
    lower bound of 0 (no new entries). A measure whose bounds are equal is in ``upper`` and a lower list."""

    upper: tuple[str, ...] = ()
    lower: tuple[str, ...] = ()
    zero: tuple[str, ...] = ()

    @classmethod
    def of(cls, r: "OptimizationResult") -> "BoundsAtLimit":
        from amip.models.measure import name_key

        ids = {name_key(mid): mid for mid in r.measure_ids()}   # the ids only: no MeasureResult made for JSON
        upper, lower, zero = [], [], []
        for c in r.constraints:
            if c.kind != "bound" or not c.binding:
                continue
            kind, _, key = c.name.partition("__")
            if key not in ids:
                continue
            if kind == "upper":
                upper.append(ids[key])
            elif kind == "lower":
                (lower if abs(c.rhs) > 1e-9 else zero).append(ids[key])
        return cls(tuple(upper), tuple(lower), tuple(zero))

    @property
    def rows(self) -> int:
        """Bound rows that bind (upper, lower and lower at 0)."""
        return len(self.upper) + len(self.lower) + len(self.zero)

    @property
    def measures(self) -> int:
        """Measures with at least one binding bound."""
        return len(set(self.upper) | set(self.lower) | set(self.zero))

    def to_dict(self) -> dict:
        return {"upper": list(self.upper), "lower": list(self.lower), "lower_zero": list(self.zero),
                "rows": self.rows, "measures": self.measures}

    def text(self) -> str:
        """"45 Maßnahmen an einer eigenen Grenze (33 an ihrer Obergrenze, 12 ohne Neueintritte an der
        Untergrenze 0)": the count and which bounds it counts; "" where none binds."""
        parts = [T.BOUNDS_UPPER.format(n=num(len(self.upper)))] if self.upper else []
        if self.lower:
            parts.append(T.BOUNDS_LOWER.format(n=num(len(self.lower))))
        if self.zero:
            parts.append(T.BOUNDS_ZERO.format(n=num(len(self.zero))))
        return (T.BOUNDS_AT_LIMIT.format(n=T.counted_noun(self.measures, T.NOUN_MEASURE), parts=", ".join(parts))
                if parts else "")


def make_result(case: Case, new_entries: dict[str, float], *, status: Status, objective: float | None = None,
                duals: dict[str, float] | None = None, reduced_costs: dict[str, float] | None = None,
                reference: dict[str, float] | None = None, solver: str, solve_time_s: float = 0.0,
                build_time_s: float = 0.0, input_hash: str, version: str, modes: ModeReports | None = None,
                objective_unit: str | None = None, policy_prices: PolicyPrices | None = None) -> OptimizationResult:
    """Assemble a result from a plan. Spending, entries and constraint rows are computed from the
    input data (amip.models.check), the duals and reduced costs come from the solver if given."""
    duals, reduced_costs = duals or {}, reduced_costs or {}
    if reference is None:
        reference = dict(zip(case.columns["id"], case.columns["planned_entries"]))
    score = score_plan(case, new_entries)
    used, potential = pat_relief_eur(case, new_entries)
    pat_share = used / potential if potential > 0 else 0.0
    labels = year_labels(case.planning, case.year)
    shares = shares_column(case.planning, case.columns, len(labels) - 1)
    per_measure = score.per_measure
    later = commitments_eur(case, new_entries)
    keys = case.planning.year_keys(case.year)
    own = case.columns
    columns, later_per_entry = _measure_columns(case, own, per_measure, later["per_measure"], keys, reference,
                                                pat_share, shares)
    measures = MeasureRows(own, columns, planning=_planning_parts(case, own), later=later_per_entry,
                           effects=_effect_parts(case, own), reduced_of=reduced_costs.get, labels=labels, keys=keys,
                           plan_year=str(case.year))
    by_field: dict[str, list[int]] = {}
    for i, f in enumerate(own["field"]):
        by_field.setdefault(f, []).append(i)
    sums = {k: columns[k].tolist() for k in ("entries", "planned_entries", "cost", "integrations")}
    fields = []
    for f in case.fields:
        ix = by_field.get(f.id, [])
        # in table order, one float after the other (as the records were summed before)
        entries, planned, cost, integ = (sum(col[i] for i in ix) for col in sums.values())
        fields.append(FieldResult(id=f.id, name=f.name, min_entries=f.min_entries, entries=entries,
                                  planned_entries=planned, cost=cost, integrations=integ, min_source=f.min_source))
    by_year = [sum(col, 0.0) for col in columns["integrations_by_year"].T.tolist()]   # as 0.0 += each measure
    # bounds that hold with slack are neither reported nor violated: only the others are built
    rows = constraint_rows(case, new_entries, score=score, all_bounds=False)
    get_dual = duals.get
    make_constraint = unchecked_maker(ConstraintResult)
    cons = []
    for r in rows:
        binding = r.binding()     # once per row: it decides whether a bound is reported and is reported
        if r.kind != "bound" or binding:
            cons.append(make_constraint((r.name, r.kind, r.sense, r.lhs, r.rhs, r.slack, binding,
                                         get_dual(r.name), r.unit, r.label, r.source)))
    cons = tuple(cons)
    violations = tuple({"constraint": v.constraint, "amount": v.amount, "unit": v.unit, "message": v.message}
                       for v in check_allocation(case, new_entries, rows=rows))
    return OptimizationResult(
        status=status, objective=score.objective if objective is None else objective, case_name=case.name,
        scenario=case.scenario, year=case.year, budget_limit=case.budget.neufallbudget_eur,
        budget_used=score.spend_eur, gross_spend=score.gross_spend_eur, fixed_spend=sum(own["fixed_spend_eur"]),
        pat_relief=score.pat_relief_eur, measures=measures, fields=tuple(fields), constraints=cons,
        violations=violations, solver=solver, solve_time_s=solve_time_s, build_time_s=build_time_s,
        input_hash=input_hash, version=version, integrations=score.integrations,
        weighted=any(w != 1.0 for w in own["objective_weight"]), notes=case.notes,
        case_title=case.title, case_notes=case.frame_notes, pat_info=pat_info(case),
        **planning_report(case, new_entries, score, later=later, rows=rows, prices=policy_prices),
        modes=modes or ModeReports(), objective_unit_text=objective_unit,
        policy=(policy := policy_report(case, new_entries, rows, policy_prices, unit=objective_unit)),
        policy_enabled=case.policy.enabled, links=priced_links(empty_linked_places(case, new_entries), policy),
        policy_total=_policy_total(policy_prices, policy[0]["price_unit"] if policy else "integrations"),
        effects=effects_report(case, new_entries), effect=case.effect,
        integrations_by_year=dict(zip(labels, by_year, strict=True)),
        integration_quota=quota_report(case, {mid: v["entries"] for mid, v in per_measure.items()},
                                       shares=shares))


def _measure_columns(case: Case, own: dict, per_measure: dict, later: dict, keys: list[str], reference: dict,
                     pat_share: float, shares: list) -> tuple[dict, object]:
    """The numbers of each measure's record as numpy columns, computed as the record's fields were, one
    float operation at a time in the same order (so each value is the same to the last bit). Keyed by the
    MeasureResult field each gives (cash_by_year, integrations_by_year: one column per year); with each
    measure's money per new entry in each later year (Case.commitment_per_entry_eur, one column per key).
    ``own``: the measures' fields (Case.columns)."""
    import numpy as np

    ms = case.measures
    n = len(ms)
    ids = own["id"]
    x, entries, gross, integ = (np.array(c, dtype=float).reshape(n) for c in (
        zip(*map(_score_numbers, map(per_measure.__getitem__, ids))) if n else ((),) * 4))
    variable = np.array(own["has_new_entries"], dtype=bool).reshape(n)
    cpe, planned, fixed, lower, upper, redemption = (np.array(own[k], dtype=float).reshape(n) for k in (
        "cost_per_entry_eur", "planned_entries", "fixed_entries", "lower_entries", "upper_entries", "redemption_share"))
    relief = (np.array([case.pat_relief_per_entry_eur(m) for m in ms], dtype=float).reshape(n)
              if case.pat is not None else np.zeros(n))
    ref = reference.get
    planned_new = np.where(variable, np.array([ref(i, 0.0) for i in ids], dtype=float).reshape(n), planned)
    cost = gross - relief * x * pat_share
    # money by year (issue 26): the plan year's figure is ``cost`` (net of the PAT as the budget counts
    # it), later years what its new entries bind (Case.commitment_per_entry_eur, net of the later
    # years' PAT). Pre-bought places bind no later year: their money is in the Vorbindungen of the
    # years that bought them (seed L254-255).
    cash = np.zeros((n, len(keys) + 1))
    cash[:, 0] = cost
    none, get = (0.0,) * len(keys), later.get
    cash[:, 1:] = np.array([[got.get(k, 0.0) for k in keys] if (got := get(mid)) else none for mid in ids],
                           dtype=float).reshape(n, len(keys))
    total = cash[:, 0].copy()
    for k in range(1, len(keys) + 1):
        total += cash[:, k]        # sum(cash.values()): plan year first, then each later year
    # share of one new entry's money (net of PAT) in the plan year
    now = cpe - relief
    later_per_entry = np.array([case._commitments_per_entry[i] for i in ids], dtype=float).reshape(n, len(keys))
    whole = np.zeros(n)
    for k in range(later_per_entry.shape[1]):
        whole += later_per_entry[:, k]
    whole = now + whole
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(variable & (whole > 0), now / whole, 1.0)
    shares = np.array(shares, dtype=float).reshape(n, len(keys) + 1)
    columns = {"new_entries": x, "entries": entries, "integrations": integ, "pat_relief_per_entry": relief,
            "cost_per_entry": np.where(variable, now, 0.0), "gross_cost_per_entry": np.where(variable, cpe, 0.0),
            "lower": fixed + lower, "upper": fixed + upper,
            "planned_entries": fixed + np.where(variable, planned_new, 0.0),
            "planned_new_entries": np.where(variable, planned_new, 0.0), "cost": cost,
            "participants": entries * redemption,
            "cash_by_year": cash, "total_cost_eur": total, "plan_year_share": share,
            "integrations_by_year": integ[:, None] * shares}
    return columns, later_per_entry


def _policy_total(prices: PolicyPrices | None, unit: str) -> dict:
    """All commitments and links together: their price in ``unit``, the unit of the optimised
    objective (as each commitment's ``price_unit``)."""
    t = prices.total if prices is not None else None
    if t is None:
        return {}
    return {"price_integrations": t.price_integrations, "objective_without": t.objective_without,
            "constraints": list(t.constraints), "price_unit": unit}


def policy_report(case: Case, new_entries: dict[str, float], rows, prices: PolicyPrices | None,
                  unit: str | None = None) -> tuple[dict, ...]:
    """Every commitment of the case on a plan: whether it binds and (after a solve) its price, in the
    unit of the objective that was optimised (``unit``; None = integrations). A commitment that is off
    (switched off, or --no-policy) shows whether the plan would keep it."""
    weighted = any(m.objective_weight != 1.0 for m in case.measures)
    effect = getattr(case, "effect", "gross")
    unit = unit or ("weighted integrations" if weighted else "integrations")
    if unit == "integrations" and effect != "gross":
        unit = f"integrations ({effect})"   # the price is measured in the optimised effect measure

    by_name = {r.name: r for r in rows}
    prices = prices or PolicyPrices({})
    out = []
    for c in case.policy.commitments:
        bounds = c.bounds(case)
        active = c.active and case.policy.enabled
        lhs = commitment_lhs(case, c, new_entries)
        on = [by_name[n] for n, _, _ in bounds if n in by_name]
        kept = all((lhs >= rhs - 1e-6 * max(1.0, abs(rhs))) if sense == ">=" else
                   (lhs <= rhs + 1e-6 * max(1.0, abs(rhs)))
                   for _, sense, rhs in bounds)
        p = prices.of(c.name)
        price = p.price_integrations
        binding = any(r.binding() for r in on) if active else False
        links = [link_name(case, n) for n in p.relaxed_with]
        text = policy_sentence(c.label, price, binding, unit, effect, links=links, links_own=[
            prices.of(n).price_integrations for n in p.relaxed_with], both=p.price_with_links,
            after=p.price_after_links)
        out.append({
            "name": c.name, "label": c.label, "source": c.source, "kind": c.kind, "selector": c.selector,
            "keys": list(c.keys), "value": c.value, "unit": c.unit, "active": active, "judgement": c.judgement,
            "constraints": [n for n, _, _ in bounds], "bounds": [{"sense": s, "rhs": r} for _, s, r in bounds],
            "lhs": lhs, "binding": binding, "kept": kept,
            "price_integrations": price, "price_dual_estimate": p.price_dual_estimate, "dual": p.dual,
            "relaxed_with": list(p.relaxed_with), "price_without_links": p.price_without_links,
            "price_with_links_integrations": p.price_with_links, "price_after_links_integrations": p.price_after_links,
            "price_unit": unit,
            "text": text + (T.POLICY_JUDGEMENT if c.judgement else ""),
            "origin": c.origin,
        })
    commitments = list(out)
    for lk in case.policy.links:
        p = prices.of(lk.name)
        active = lk.active and case.policy.enabled
        on = [by_name[n] for n, _ in lk.bounds() if n in by_name]
        binding = any(r.binding() for r in on) if active else False
        partners = [c for c in commitments if lk.name in c["relaxed_with"]]
        both = partners[0]["price_with_links_integrations"] if len(partners) == 1 else None
        name = link_name(case, lk.name)
        text = policy_sentence(name[:1].upper() + name[1:], p.price_integrations, binding, unit, effect,
                               partners=[T.commitment_named(T.policy_row_label(c["label"])) for c in partners],
                               both=both)
        out.append({"name": lk.name, "label": T.LINK_ROW_LABEL.format(follower=lk.follower, leader=lk.leader,
                                                                       ratio=num(lk.ratio, 2)),
                    "source": lk.source, "kind": "link", "selector": "measure", "keys": [lk.follower, lk.leader],
                    "value": lk.ratio, "unit": "entries", "active": active, "constraints": [n for n, _ in lk.bounds()],
                    "bounds": [{"sense": s, "rhs": 0.0} for _, s in lk.bounds()],
                    "lhs": None, "binding": binding, "kept": None,
                    "price_integrations": p.price_integrations,
                    "price_dual_estimate": p.price_dual_estimate, "dual": p.dual,
                    "price_with_commitments_integrations": both,
                    "price_unit": unit, "text": text if p.price_integrations is not None else lk.source,
                    "origin": lk.origin})
    return tuple(out)


def priced_links(links: list[dict], policy: tuple[dict, ...]) -> tuple[dict, ...]:
    """Each link (amip.models.policy.empty_linked_places, in the case's order) with its name and price from
    the commitments' report (``policy``, its link entries in the same order): JSON ``links`` says what
    the link costs on its own, as the terminal, the report and the workbook do."""
    priced = [p for p in policy if p["kind"] == "link"]
    if len(priced) != len(links):
        return tuple(links)
    return tuple(dict(lk, name=p["name"], binding=p["binding"], price_integrations=p["price_integrations"],
                      price_dual_estimate=p["price_dual_estimate"],
                      price_with_commitments_integrations=p["price_with_commitments_integrations"],
                      price_unit=p["price_unit"], text=p["text"] if p["price_integrations"] is not None else None)
                 for lk, p in zip(links, priced, strict=True))


def link_name(case: Case, name: str) -> str:
    """A link in a sentence: "die Kopplung hf2-16i-coaching → hf2-16i" (its row name if it is not in the case)."""
    lk = next((lk for lk in case.policy.links if lk.name == name), None)
    return T.POLICY_LINK_NAME.format(follower=lk.follower, leader=lk.leader) if lk is not None else name


def price_amount(price: float, unit: str, effect: str = "gross") -> str:
    """A price in the unit of the optimised objective: "29,1 Integrationen", "… (netto)", "… (Einheit des Ziels: …)"."""
    if unit == "integrations":
        return T.POLICY_AMOUNT.format(price=num(price))
    if unit.startswith("integrations ("):
        return T.POLICY_AMOUNT_EFFECT.format(price=num(price), effect=T.EFFECT_NAMES.get(effect, effect))
    return T.POLICY_AMOUNT_UNIT.format(price=num(price), unit=T.objective_unit_de(unit))


def policy_sentence(label: str, price: float | None, binding: bool, unit: str, effect: str = "gross", *,
                    links: list[str] = (), links_own: list[float | None] = (), partners: list[str] = (),
                    both: float | None = None, after: float | None = None) -> str:
    """The one sentence on what a commitment or link costs, from its re-solves (amip.optimizer.policy):
    its own price (without it alone), whether it binds, and, where it shares a price with a link, the
    price of both together and the part that only appears once the link is dropped. Never "costs X"
    and "costs nothing" of the same item: each number is named with the re-solve it comes from.

    ``links``: the links a commitment is relaxed with, their own prices in ``links_own``; ``partners``:
    the commitments a link is relaxed with; ``both``: the price of the item and those together."""
    binds = T.POLICY_BINDS if binding else T.POLICY_BINDS_NOT
    if price is None:   # no re-solve (a plan scored, goal mode): whether it binds, no price
        return T.POLICY_UNPRICED.format(label=label, binds=binds)
    shared = both is not None and both > price + 1e-6
    if price > 0:
        text = T.POLICY_COSTS.format(label=label, amount=price_amount(price, unit, effect), binds=binds)
    elif links and shared:
        text = T.POLICY_FREE_WHILE_LINKED.format(label=label, binds=binds, links=" und ".join(links))
    else:
        text = (T.POLICY_FREE_BINDING if binding else T.POLICY_FREE).format(label=label, binds=binds)
    if links:   # the links' own prices, each its own re-solve
        own = [price_amount(p, unit, effect) if p is not None else "–" for p in links_own]
        text += T.POLICY_LINKS_OWN.format(links_own="; ".join(
            [T.POLICY_LINK_OWN_ONE.format(amount=own[0])] if len(links) == 1 and price <= 0 else
            [T.POLICY_LINK_OWN_EACH.format(link=lk, amount=a) for lk, a in zip(links, own, strict=True)]))
    if shared and links:
        text += T.POLICY_WITH_LINKS.format(both=price_amount(both, unit, effect), all=T.POLICY_ALL[len(links) > 1],
                                           they=T.POLICY_LINKS_FALL[len(links) > 1],
                                           after=num(after) if after is not None else "–")
    elif shared and partners:
        text += T.POLICY_LINK_PARTNERS.format(commitments=" und ".join(partners), both=price_amount(both, unit, effect))
    return text


NET_DRAWS = 500     #: draws of the net-effect ranges for a plan's net P5/P95 (plan fixed)
NET_SEED = 2020


def effects_report(case: Case, new_entries: dict[str, float], *, draws: int = NET_DRAWS,
                   seed: int = NET_SEED) -> dict:
    """The plan under all three effect measures, from the input data alone (amip.models.check.plan_effects);
    the net value with its P5/P95 over the net-effect ranges, the plan fixed. Measures that share an
    uncertainty group and a distribution (typically one table row) draw together, so their entries
    are summed first: the draws cost a few dozen vectors, however many measures there are."""
    import numpy as np

    from amip.optimizer.uncertainty import groups, percentile, value_quantiles

    keyed: dict[tuple, float] = {}
    scored = plan_effects(case, new_entries, net_groups=keyed)
    out = {}
    for e in EFFECTS:
        d = {"value": scored[e]["value"], "unit": EFFECT_UNITS[e]}
        if scored[e]["missing"]:
            d["missing"] = scored[e]["missing"]
        out[e] = d
    if out["net"]["value"] is None or draws <= 0:
        out["net"].update(p5=None, p95=None, draws=0, seed=seed)
        return out
    names = groups(case.measures)
    u = np.random.default_rng(seed).random((draws, len(names)))   # as draw_rates: one column per group
    col = {g: i for i, g in enumerate(names)}
    totals = np.zeros(draws)
    for (g, value, low, high, dist), entries in keyed.items():
        if entries:
            totals += entries * value_quantiles(value, low, high, dist, u[:, col[g]], floor=-1.0)
    from amip.optimizer.headline import shown_unit, uncertainty  # the headline's rule for a shown range

    # precision: the unit P5 and P95 are shown to, the finest the draws support (as the headline's)
    out["net"].update(p5=percentile(totals, 5), p95=percentile(totals, 95),
                      draws=draws, seed=seed, precision=shown_unit(uncertainty(totals)))
    return out



def _planning_parts(case: Case, own: dict) -> list[dict]:
    """Per measure, its planning data as reported (classes, duration, targets per entry, group shares,
    staff class, integration timing) but its money per entry in later years (MeasureRows adds that): one
    dict per (planning entry, rate, effect row, instrument type), shared by the measures that have them
    alike (MeasureRows copies it into each record)."""
    planning = case.planning
    shared: dict[tuple, dict] = {}
    entries = list(map(planning.of, own["id"]))
    out = []
    for i, key in enumerate(zip(map(id, entries), own["integration_rate"], map(id, own["effects"]),
                                own["instrument_type"])):
        s = shared.get(key)
        if s is None:
            mp, rate = entries[i], key[1]
            factors = tuple(1.0 if t == "integrations" else mp.target_factor(t) for t in TARGETS)
            s = shared[key] = {
                "lot_size": mp.lot_size, "class_min": mp.class_min, "lot_source": mp.lot_source,
                "duration_months": mp.duration_months, "duration_source": mp.duration_source,
                "commitment_per_entry_eur": None,
                "per_entry": dict(zip(TARGETS, map(mul, repeat(rate), factors))),
                "target_sources": dict(mp.target_sources), "group_shares": dict(mp.group_shares),
                "staff_class": mp.staff_class,
                # when its integrations happen (issue 26): at entry, from entry or after exit, and why
                **dict(zip(("integration_timing", "integration_timing_source"), timing_kind(case.measures[i]),
                           strict=True)),
            }
        out.append(s)
    return out


def _effect_parts(case: Case, own: dict) -> list[dict]:
    """Per measure, its value per entry under each effect measure: one dict per distinct (effect row,
    active effect, rate and range), shared by the measures of one table row (MeasureRows copies it)."""
    memo: dict[tuple, dict] = {}
    out = []
    for i, key in enumerate(zip(map(id, own["effects"]), own["effect"], own["integration_rate"], own["rate_low"],
                                own["rate_high"])):
        d = memo.get(key)
        if d is None:
            m = case.measures[i]
            d = memo[key] = {e: m.effect_value(e) for e in EFFECTS}
        out.append(d)
    return out


def pat_info(case: Case) -> dict:
    """JSON keys beside ``budget.pat_relief``: the case's expected PAT for new cases (not a cap) and
    its own cap (None: the relief follows the § 16i entries, PAT is no local allotment)."""
    if case.pat is None:
        return {}
    return {"pat_expected": case.pat.expected_new_cases_eur, "pat_expected_source": case.pat.expected_source,
            "pat_cap": case.pat.new_cases_cap_eur}


def limit_report(case: Case, years: dict[str, float], rows, prices: PolicyPrices | None) -> dict:
    """Each limit on a later year's money on a plan: the limit, what the plan binds, whether it binds, its
    price (exact re-solve without it, and |dual| × what it forces), in the optimised objective's unit."""
    by_name = {r.name: r for r in rows}
    prices = prices or PolicyPrices({})
    out = {}
    for lim in case.planning.commitment_limits:
        name = constraint_name("commitment", str(lim.year))
        key = case.planning.limit_key(case.year, lim.year)
        row = by_name.get(name)
        pr = prices.of(name)
        out[key] = {"limit": lim.limit_eur, "bound_eur": years.get(key, 0.0), "constraint": name,
                    "binding": bool(row is not None and row.binding()), "price_integrations": pr.price_integrations,
                    "price_dual_estimate": pr.price_dual_estimate, "dual": pr.dual, "source": lim.source}
    return out


def planning_report(case: Case, new_entries: dict[str, float], score, *, later: dict | None = None, rows=(),
                    prices: PolicyPrices | None = None) -> dict:
    """Targets, money bound in later years (with each limit's price), target-group shares and staff load of a
    plan."""
    p = case.planning
    commitments = later if later is not None else commitments_eur(case, new_entries)
    limits = {p.limit_key(case.year, lim.year): {"limit": lim.limit_eur, "source": lim.source}
              for lim in p.commitment_limits}
    groups = {}
    for g, v in group_entries(case, score.per_measure).items():
        lim = next((lim for lim in p.group_limits if lim.group == g), None)
        groups[g] = {**v, "label": GROUPS[g], "min_share": lim.min_share if lim else None,
                     "limit_active": bool(lim) and p.uses("groups"), "limit_basis": lim.basis if lim else ""}
    staff = tuple({**s, "binding": s["entries"] >= s["capacity"] - 1e-6, "active": p.uses("staff")}
                  for s in staff_load(case, score.per_measure))
    return {
        "targets": {t: {"value": score.targets[t], "unit": TARGETS[t][1], "label": target_label(t, case.effect)}
                    for t in TARGETS},
        "commitments": {"unit": "EUR", "years": commitments["years"], "limits": limits,
                        "per_measure": commitments["per_measure"],
                        "pat_relief": commitments["pat_relief"],   # PAT relief of the new entries per later year
                        "first_entry_month": p.first_entry_month,
                        "prices": limit_report(case, commitments["years"], rows, prices)},
        "groups": groups, "staff": staff, "features": p.features,
    }
