"""The scenario schema: every key a scenario file may hold, its type and its limits.

The schema is data (small node classes), checked by one function, ``validate``. It reports the first
problem with the file, the line and the key path, e.g.

    downturn.yaml: line 12: 'rates.instrument_type.egz.multiplier': must be ≥ 0, got -0.1

Validation also *normalises*: a bare number where a sourced record is allowed becomes
``{value: number}``, and relative paths become absolute (relative to the scenario file), so that
inheritance can merge files from different folders.

Node kinds and how a child scenario merges with its parent (``extends``):

- ``Section``: fixed keys, merged key by key;
- ``Table``: free keys (measure ids, instrument types, pools …), merged key by key;
- ``Record``: a small mapping such as ``{multiplier: 0.88, source: "…"}``, replaced as a whole;
- ``Num``, ``Text``, ``Choice``, ``Names``, ``FilePath``: leaves, replaced.
"""
from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, field
from pathlib import Path

from amip import texts as T
from amip.errors import InputError
from amip.inputs.reading import number_hint
from amip.models.planning import FEATURES, GROUPS, STAFF_CLASSES, TARGETS

#: The smallest magnitude a number of a scenario or case file may have besides 0: smaller ones (1e-308)
#: are typing errors that overflow the solver (a caseload of 1e-308 is 1e308 cases per customer).
TINY = 1e-9


# --------------------------------------------------------------------------- node kinds
@dataclass(frozen=True)
class Num:
    min: float | None = None        #: value ≥ min
    max: float | None = None        #: value ≤ max
    above: float | None = None      #: value > above
    integer: bool = False
    unit: str = ""

    def problem(self, v) -> str | None:
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            return number_hint(v) or T.SCHEMA_NUMBER.format(unit=f" ({_word(self.unit)})" if self.unit else "",
                                                            got=_describe(v))
        if math.isnan(v) or math.isinf(v):
            return T.SCHEMA_FINITE.format(got=repr(v))
        if v != 0 and abs(v) < TINY:   # 1e-308 as a caseload: NaN and inf in the solver
            return T.SCHEMA_TINY.format(limit=TINY, got=repr(v))
        if self.integer and v != int(v):
            return T.SCHEMA_WHOLE.format(got=repr(v))
        if self.min is not None and v < self.min:
            return T.SCHEMA_MIN.format(min=f"{self.min:g}", got=f"{v:g}")
        if self.above is not None and not v > self.above:
            return T.SCHEMA_ABOVE.format(above=f"{self.above:g}", got=f"{v:g}")
        if self.max is not None and v > self.max:
            return T.SCHEMA_MAX.format(max=f"{self.max:g}", got=f"{v:g}")
        return None


@dataclass(frozen=True)
class Text:
    def problem(self, v) -> str | None:
        return None if isinstance(v, str) else T.SCHEMA_TEXT.format(got=_describe(v))


@dataclass(frozen=True)
class Choice:
    options: tuple[str, ...]

    def problem(self, v) -> str | None:
        return None if v in self.options else T.SCHEMA_CHOICE.format(options=', '.join(self.options), got=_describe(v))


@dataclass(frozen=True)
class FilePath:
    """A path, relative to the scenario file that names it."""

    def problem(self, v) -> str | None:
        return None if isinstance(v, str) and v.strip() else T.SCHEMA_PATH.format(got=_describe(v))


@dataclass(frozen=True)
class Names:
    """One name or a list of names (``extends``)."""

    def problem(self, v) -> str | None:
        items = v if isinstance(v, list) else [v]
        if not items or not all(isinstance(i, str) and i.strip() for i in items):
            return T.SCHEMA_NAMES.format(got=_describe(v))
        return None


@dataclass(frozen=True)
class Flag:
    """yes/no (true/false)."""

    def problem(self, v) -> str | None:
        return None if isinstance(v, bool) else T.SCHEMA_FLAG.format(got=_describe(v))


@dataclass(frozen=True)
class Keys:
    """One key (a measure id, an instrument type) or a list of them."""

    what: str

    def problem(self, v) -> str | None:
        items = v if isinstance(v, list) else [v]
        if not items or not all(isinstance(i, str) and i.strip() for i in items):
            return T.SCHEMA_KEYS.format(what=_word(self.what), got=_describe(v))
        return None


@dataclass(frozen=True)
class Breakpoints:
    """Diminishing returns: a list of [multiple of the planned entries, rate factor beyond it] pairs,
    multiples rising, factors falling within (0, 1]."""

    def problem(self, v) -> str | None:
        if not isinstance(v, list) or not v:
            return T.SCHEMA_BREAKPOINTS.format(got=_describe(v))
        prev_m, prev_f = 0.0, 1.0
        for i, pair in enumerate(v):
            if (not isinstance(pair, list) or len(pair) != 2
                    or not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in pair)):
                return T.SCHEMA_BP_PAIR.format(i=i + 1, got=_describe(pair))
            m, f = pair
            if not m > prev_m and not (i == 0 and m >= 0):
                return T.SCHEMA_BP_RISE.format(i=i + 1, m=f"{m:g}", prev=f"{prev_m:g}")
            if not 0 <= f < prev_f:
                return T.SCHEMA_BP_FALL.format(i=i + 1, f=f"{f:g}", prev=f"{prev_f:g}")
            prev_m, prev_f = m, f
        return None


@dataclass(frozen=True)
class Features:
    """Which planning-realism parts act on the optimum: a list from FEATURES."""

    options: tuple[str, ...]

    def problem(self, v) -> str | None:
        items = v if isinstance(v, list) else [v]
        bad = [i for i in items if i not in self.options]
        if bad or not items:
            return T.SCHEMA_FEATURES.format(options=', '.join(self.options), got=_describe(v))
        return None


@dataclass(frozen=True)
class Record:
    fields: dict
    exactly_one: tuple[str, ...] = ()     #: exactly one of these keys
    at_least_one: tuple[str, ...] = ()    #: at least one of these keys
    excludes: tuple[tuple[str, str], ...] = ()   #: pairs that may not appear together
    shorthand: str | None = None          #: a bare number stands for {shorthand: number}


@dataclass(frozen=True)
class Section:
    fields: dict
    required: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    value: Record
    key_kind: str                         #: what the keys are, for messages


def _describe(v) -> str:
    if v is None:
        return T.SCHEMA_NOTHING
    if isinstance(v, bool):
        return T.SCHEMA_YESNO.format(v=T.SCHEMA_YES if v else T.SCHEMA_NO)
    import datetime

    if isinstance(v, datetime.date):   # YAML reads 2020-01-15 as a date (a datetime is a date too)
        return T.SCHEMA_DATE.format(v=v.strftime("%d.%m.%Y %H:%M" if isinstance(v, datetime.datetime)
                                                 else "%d.%m.%Y"))
    if isinstance(v, (bytes, bytearray, set)):   # !!binary, !!set: named, never shown as Python
        return T.SCHEMA_KINDS[type(v).__name__]
    kind = T.SCHEMA_KINDS.get(type(v).__name__, T.SCHEMA_OTHER_KIND)
    return f"{kind} {v!r}" if not isinstance(v, (dict, list)) else kind


def _word(w: str) -> str:
    """A unit or key kind of the schema in German (as in the messages)."""
    return T.SCHEMA_WORDS.get(w, w)


# --------------------------------------------------------------------------- the schema
SOURCE = Text()


def sourced(num: Num) -> Record:
    """A number with its source: `{value: 1.2, source: "…"}`, or a bare number."""
    return Record({"value": num, "source": SOURCE}, exactly_one=("value",), shorthand="value")


def adjustment(value: Num) -> Record:
    """An absolute value or a multiplier, with its source."""
    return Record({"value": value, "multiplier": Num(min=0), "source": SOURCE}, exactly_one=("value", "multiplier"))


def selectors(record: Record, measure_record: Record | None = None) -> Section:
    """Adjustments by selector, applied from the least to the most specific (see apply.py)."""
    return Section({
        "all": record,
        "field": Table(record, "field of action"),
        "product_category": Table(record, "product category"),
        "instrument_type": Table(record, "instrument type"),
        "measure": Table(measure_record or record, "measure id"),
    })


GROUP_BOUND = Record({"max_multiplier": Num(min=0), "source": SOURCE}, at_least_one=("max_multiplier",))
MEASURE_BOUND = Record(
    {"min": Num(min=0, unit="entries"), "max": Num(min=0, unit="entries"), "fixed": Num(min=0, unit="entries"),
     "max_multiplier": Num(min=0), "source": SOURCE},
    at_least_one=("min", "max", "fixed", "max_multiplier"),
    excludes=(("fixed", "min"), ("fixed", "max"), ("fixed", "max_multiplier")))
WEIGHT = Record({"value": Num(min=0), "source": SOURCE}, exactly_one=("value",), shorthand="value")
EUR = Num(min=0, max=1e12, unit="EUR")
#: A limit on what the plan year's new entries bind of a later year (issue 26): euros, or a share of the
#: case's own Vorbindungen (budget.vorbindungen_eur), or switched off ({active: false}).
COMMITMENT_LIMIT = Record({"value": EUR, "share_of_vorbindungen": Num(min=0, max=10), "active": Flag(),
                           "source": SOURCE},
                          at_least_one=("value", "share_of_vorbindungen", "active"),
                          excludes=(("value", "share_of_vorbindungen"),), shorthand="value")
RATE = Num(min=0, max=1, unit="integrations per entry")
FACTOR = Num(min=0, max=10, unit="× the scenario's rate")
#: The range of a rate for the Monte Carlo: absolute (low/high), relative to the scenario's rate
#: (low_factor/high_factor) or symmetric (spread_pct); the distribution over it.
UNCERTAINTY = Record(
    {"distribution": Choice(("triangular", "uniform", "normal", "fixed")), "low": RATE, "high": RATE,
     "low_factor": FACTOR, "high_factor": FACTOR, "spread_pct": Num(min=0, max=100, unit="%"), "source": SOURCE},
    at_least_one=("distribution", "low", "high", "low_factor", "high_factor", "spread_pct"),
    excludes=(("low", "low_factor"), ("high", "high_factor"), ("spread_pct", "low"), ("spread_pct", "high"),
              ("spread_pct", "low_factor"), ("spread_pct", "high_factor")))

LOT = Record({"lot_size": Num(min=1, max=1000, integer=True, unit="places per class"),
              "class_min": Num(min=1, max=1000, integer=True, unit="places"), "source": SOURCE},
             at_least_one=("lot_size",))
DURATION = Record({"months": Num(min=0, max=120, unit="months"), "source": SOURCE}, exactly_one=("months",),
                  shorthand="months")
LEAD_TIME = Record({"months": Num(min=0, max=24, unit="months"), "source": SOURCE}, exactly_one=("months",),
                   shorthand="months")
RETURNS = Record({"breakpoints": Breakpoints(), "source": SOURCE}, exactly_one=("breakpoints",))
SHARE = sourced(Num(min=0, max=1))
GROUP_LIMIT = Record({"min_share": Num(min=0, max=1), "min_ratio_to_population": Num(min=0, max=10),
                      "source": SOURCE}, exactly_one=("min_share", "min_ratio_to_population"))
STAFF_CLASS = Record({"caseload": Num(above=0, unit="customers per FTE"), "customers": Num(min=0, unit="persons"),
                      "entries_per_fte": Num(min=0, unit="entries per FTE and year"), "source": SOURCE},
                     at_least_one=("caseload", "customers", "entries_per_fte"))
STAFF_ASSIGN = Record({"class": Choice(tuple(STAFF_CLASSES)), "source": SOURCE}, exactly_one=("class",))

#: A commitment (Politik): which measures, what it bounds, its source. In a scenario a record may also
#: just switch a commitment of the case off ({active: false}) or change its number (see policy.py).
COMMITMENT = Record(
    {"label": Text(), "measure": Keys("measure id"), "instrument_type": Keys("instrument type"),
     "min_entries": Num(min=0, unit="new entries"), "max_entries": Num(min=0, unit="new entries"),
     "corridor_pct": Num(min=0, max=100, unit="% around the reference"),
     "reference_entries": Num(min=0, unit="new entries of the prior year"), "reference_source": Text(),
     "max_eur": Num(min=0, max=1e12, unit="EUR"), "active": Flag(), "source": SOURCE},
    excludes=(("measure", "instrument_type"), ("min_entries", "max_entries"), ("min_entries", "corridor_pct"),
              ("max_entries", "corridor_pct"), ("max_eur", "min_entries"), ("max_eur", "max_entries"),
              ("max_eur", "corridor_pct")))
#: A linked measure: the follower serves the leader's participants.
LINK = Record({"follows": Text(), "mode": Choice(("at_most", "exactly")), "ratio": Num(above=0, max=100),
               "active": Flag(), "source": SOURCE})
POLICY = Section({"commitments": Table(COMMITMENT, "commitment name"), "active": Flag(), "source": SOURCE})

SCHEMA = Section({
    "name": Text(),
    "description": Text(),
    "extends": Names(),
    "year": Num(min=1990, max=2100, integer=True),
    "case": FilePath(),
    "measures": FilePath(),
    "rate_table": FilePath(),
    "effect_table": FilePath(),
    "effect": Choice(("gross", "net", "kennzahl", "brutto", "netto")),   # German names as --effect takes them
    "budget": Section({
        "neufallbudget_eur": sourced(Num(above=0, max=1e12, unit="EUR")),
        "change_pct": sourced(Num(above=-100, max=1000, unit="%")),
        "egt_change_pct": sourced(Num(above=-100, max=1000, unit="%")),
        "vorbindungen_eur": sourced(EUR),
        "rueckeinnahmen_egt_eur": sourced(EUR),
        # the EGT of later years for --horizon (issue 26): {2021: {value: …, source: …}, …}
        "egt_path": Table(sourced(EUR), "year"),
        "vorbindungen_path": Table(sourced(EUR), "year"),
        "source": SOURCE,
    }),
    "rates": selectors(adjustment(Num(min=0, max=1, unit="integrations per entry"))),
    "costs": selectors(adjustment(Num(min=0, max=1e10, unit="EUR per entry"))),
    # Net effects (percentage points) by the same selectors: a downturn's multipliers (domain.md §3.2).
    "net_effects": selectors(adjustment(Num(min=-100, max=100, unit="percentage points"))),
    "pools": Table(adjustment(Num(min=0, unit="persons")), "pool"),
    "fields": Section({
        "min_share": sourced(Num(min=0, max=1)),
        "field": Table(Record({"min_entries": Num(min=0, unit="entries"), "min_share": Num(min=0, max=1),
                               "source": SOURCE}, exactly_one=("min_entries", "min_share")), "field of action"),
        "source": SOURCE,
    }),
    "bounds": selectors(GROUP_BOUND, MEASURE_BOUND),
    "pat": Section({
        "rates_eur_per_month": Table(sourced(Num(min=0, max=10_000, unit="EUR per month")), "BG class"),
        "bg_mix": Table(sourced(Num(min=0, max=1)), "BG class"),
        "months_in_year": sourced(Num(min=0, max=12, unit="months")),
        "new_cases_cap_eur": adjustment(EUR),
    }),
    "objective": Section({
        "weights": selectors(WEIGHT),
        "source": SOURCE,
    }),
    "uncertainty": Section({
        "rates": selectors(UNCERTAINTY),
        "group_by": Choice(("instrument_type", "measure")),
        "source": SOURCE,
    }),
    # Planning realism (issue 7); the case's planning file uses the same keys.
    "use": Features(FEATURES),
    # Commitments (Politik) of the case and linked measures (issue 14); case.yaml and the planning file
    # use the same records.
    "policy": POLICY,
    "links": Table(LINK, "measure id"),
    "lots": selectors(LOT),
    "durations": selectors(DURATION),
    "lead_times": selectors(LEAD_TIME),   # re-plan (issue 18): months before new entries can start
    "commitments": Section({
        "first_entry_month": sourced(Num(min=1, max=12, integer=True, unit="month")),
        "limits": Table(COMMITMENT_LIMIT, "year"),
        "source": SOURCE,
    }),
    "returns": selectors(RETURNS),
    "targets": Section({t: selectors(sourced(Num(min=0, max=1e7, unit=f"{TARGETS[t][1]} per integration")))
                        for t in TARGETS if t != "integrations"}),
    "groups": Section({
        "population": Section({g: SHARE for g in GROUPS}),
        "shares": Section({g: selectors(SHARE) for g in GROUPS}),
        "limits": Section({g: GROUP_LIMIT for g in GROUPS}),
        "source": SOURCE,
    }),
    "staff": Section({
        "classes": Section({c: STAFF_CLASS for c in STAFF_CLASSES}),
        "assign": selectors(STAFF_ASSIGN),
        "staffing_ratio": sourced(Num(above=0, max=2)),
        "penalty": sourced(Num(min=0, max=1, unit="integrations per entry above capacity")),
        "source": SOURCE,
    }),
}, required=("name",))

@dataclass(frozen=True)
class Code:
    """A code written as text or as a whole number (a Träger-Nr such as 05112)."""

    def problem(self, v) -> str | None:
        ok = (isinstance(v, str) and v.strip()) or (isinstance(v, int) and not isinstance(v, bool))
        return None if ok else T.SCHEMA_TEXT.format(got=_describe(v))


@dataclass(frozen=True)
class SourcedNum:
    """A number, bare or as ``{value: …, source: …}`` (a leaf inside a record)."""

    num: Num

    def problem(self, v) -> str | None:
        if isinstance(v, dict):
            extra = [k for k in v if k not in ("value", "source")]
            if extra:
                return unknown_key(str(extra[0]), ("value", "source"))
            if "value" not in v:
                return T.SCHEMA_EXACTLY_ONE.format(options="value")
            v = v["value"]
        return self.num.problem(v)


#: The case file (case.yaml): every key it may hold, checked as strictly as a scenario file (issue 29):
#: an unknown key ('polcy', 'commitmentz') is refused with the closest known one, a value of the wrong
#: type ('value: yes' for an amount, a list for a section) is named by line and key.
_CHAIN = ("egt_zuteilung_eur", "globalbudget_eur", "verwaltung_gesamt_eur", "kfa_eur", "rueckeinnahmen_verwaltung_eur",
          "umschichtung_eur", "vorbindungen_eur", "rueckeinnahmen_egt_eur")
CASE_SCHEMA = Section({
    "name": Code(),
    "title": Text(),
    "year": Num(min=1990, max=2100, integer=True),
    "frame": FilePath(),
    "measures": FilePath(),
    "rates": FilePath(),
    "planning": FilePath(),
    "effects": FilePath(),
    "jobcenter": Section({"traeger_nr": Code(), "name": Text(), "form": Text()}),
    "catalogue": Section({"derived": Flag(), "scale": Num(min=0), "source": SOURCE}),
    "budget": Section({**{k: sourced(EUR) for k in _CHAIN},
                       "expected": Section({"egt_verfuegbar_eur": sourced(Num(min=-1e12, max=1e12, unit="EUR")),
                                            "neufallbudget_eur": sourced(Num(min=-1e12, max=1e12, unit="EUR"))}),
                       "egt_path": Table(sourced(EUR), "year"),
                       "vorbindungen_path": Table(sourced(EUR), "year"),
                       "source": SOURCE}),
    "pat": Section({"new_cases_cap_eur": sourced(EUR), "cap_eur": sourced(EUR),
                    "new_cases_expected_eur": sourced(EUR), "existing_cases_eur": sourced(EUR),
                    "bg_mix": Table(sourced(Num(min=0, max=1)), "BG class"),
                    "months_in_year": sourced(Num(min=0, max=12, unit="months")), "source": SOURCE}),
    # AVGS vouchers: the Einlösequote per voucher measure, with its range (amip.inputs.loader._vouchers)
    "vouchers": Table(Record({"value": Num(above=0, max=1), "low": Num(above=0, max=1), "high": Num(above=0, max=1),
                              "source": SOURCE}, exactly_one=("value",), shorthand="value"), "measure id"),
    "pools": Table(sourced(Num(min=0, unit="persons")), "pool"),
    # the average eLb of the year: the denominator of the Integrationsquote (§ 48a K2), for the § 48b view
    "kennzahlen": Section({"elb_average": sourced(Num(above=0, unit="persons")), "source": SOURCE}),
    "fields": Table(Record({"name": Text(), "min_entries": SourcedNum(Num(min=0, unit="entries")), "source": SOURCE},
                           shorthand="name"), "field of action"),
    "policy": Section({"field_min_share": sourced(Num(min=0, max=1)), "upper_multiple": sourced(Num(above=0, max=1e6)),
                       "budget_support_low": sourced(Num(min=0, max=100)),
                       "budget_support_high": sourced(Num(min=0, max=100)),
                       "commitments": Table(COMMITMENT, "commitment name"), "active": Flag(), "source": SOURCE}),
    "links": Table(LINK, "measure id"),
})

#: Keys that belong to one file and are not inherited.
OWN_KEYS = ("name", "description", "extends")


# --------------------------------------------------------------------------- validation
@dataclass
class Where:
    file: str
    lines: dict[tuple[str, ...], int] = field(default_factory=dict)

    def error(self, path: tuple[str, ...], problem: str) -> InputError:
        line = self.line(path)
        at = f"Zeile {line}: " if line else ""
        key = f"'{'.'.join(path)}': " if path else ""
        return InputError(f"{at}{key}{problem}", file=self.file)

    def line(self, path: tuple[str, ...]) -> int | None:
        return nearest(self.lines, path)


def nearest(table: dict, path: tuple[str, ...]):
    """The entry for the key path, or for its closest ancestor that has one."""
    while path:
        if path in table:
            return table[path]
        path = path[:-1]
    return None


def validate(data, where: Where, *, schema: Section = SCHEMA, base_dir: Path | None = None) -> dict:
    """Check a parsed scenario file against the schema; return it normalised (see module doc)."""
    if not isinstance(data, dict):
        raise where.error((), T.SCHEMA_TOP)
    return _section(data, schema, (), where, base_dir)


def _allowed(keys) -> str:
    return ", ".join(keys)


def unknown_key(key: str, known) -> str:
    """'unbekannter Schlüssel; meinten Sie 'policy'? Erlaubt sind hier: …' — the closest known key
    (a typo such as 'polcy' or 'commitmentz') first, then all of them."""
    close = difflib.get_close_matches(key[:200], list(known), n=1, cutoff=0.6)
    if close:
        return T.SCHEMA_UNKNOWN_KEY_HINT.format(hint=close[0], allowed=_allowed(known))
    return T.SCHEMA_UNKNOWN_KEY.format(allowed=_allowed(known))


def _section(data: dict, node: Section, path: tuple[str, ...], where: Where, base_dir: Path | None) -> dict:
    out = {}
    for key, value in data.items():
        key = str(key)
        kp = path + (key,)
        if key not in node.fields:
            raise where.error(kp, unknown_key(key, node.fields))
        out[key] = validate_node(value, node.fields[key], kp, where, base_dir)
    for key in node.required:
        if key not in out:
            raise where.error(path, T.SCHEMA_MISSING_KEY.format(key='.'.join(path + (key,))))
    return out


def validate_node(value, node, path: tuple[str, ...], where: Where, base_dir: Path | None):
    if isinstance(node, Section):
        if not isinstance(value, dict):
            raise where.error(path, T.SCHEMA_MAPPING.format(allowed=_allowed(node.fields), got=_describe(value)))
        return _section(value, node, path, where, base_dir)
    if isinstance(node, Table):
        if not isinstance(value, dict):
            raise where.error(path, T.SCHEMA_TABLE.format(kind=_word(node.key_kind), got=_describe(value)))
        return {str(k): _record(v, node.value, path + (str(k),), where) for k, v in value.items()}
    if isinstance(node, Record):
        return _record(value, node, path, where)
    problem = node.problem(value)
    if problem:
        raise where.error(path, problem)
    if isinstance(node, FilePath) and base_dir is not None:
        return str((base_dir / value).resolve())
    if isinstance(node, Names):
        return list(value) if isinstance(value, list) else [value]
    if isinstance(node, Features):
        return sorted(set(value if isinstance(value, list) else [value]))
    return value


def _record(value, node: Record, path: tuple[str, ...], where: Where) -> dict:
    if node.shorthand and not isinstance(value, dict):
        problem = node.fields[node.shorthand].problem(value)
        if problem:   # reported at the key the user wrote, not at the implied '.value'
            raise where.error(path, problem)
        value = {node.shorthand: value}
    if not isinstance(value, dict):
        raise where.error(path, T.SCHEMA_MAPPING.format(allowed=_allowed(node.fields), got=_describe(value)))
    out = {}
    for key, v in value.items():
        key = str(key)
        kp = path + (key,)
        if key not in node.fields:
            raise where.error(kp, unknown_key(key, node.fields))
        problem = node.fields[key].problem(v)
        if problem:
            raise where.error(kp, problem)
        out[key] = v
    present = [k for k in node.exactly_one if k in out]
    if node.exactly_one and len(present) != 1:
        raise where.error(path, T.SCHEMA_EXACTLY_ONE.format(options=', '.join(node.exactly_one))
                                + (T.SCHEMA_EXACTLY_ONE_NOT.format(present=' und '.join(present)) if present else ""))
    if node.at_least_one and not any(k in out for k in node.at_least_one):
        raise where.error(path, T.SCHEMA_AT_LEAST_ONE.format(options=', '.join(node.at_least_one)))
    for a, b in node.excludes:
        if a in out and b in out:
            raise where.error(path, T.SCHEMA_EXCLUDE.format(a=a, b=b))
    return out


def node_at(path: tuple[str, ...], schema: Section = SCHEMA):
    """The schema node at a key path (free table keys match any key)."""
    node = schema
    for key in path:
        if isinstance(node, Section):
            node = node.fields[key]
        elif isinstance(node, Table):
            node = node.value
        elif isinstance(node, Record):
            node = node.fields[key]
        else:
            raise KeyError(path)
    return node
