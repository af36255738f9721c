"""Load a case from its files: case.yaml, the measure CSV, the rate table CSV and the rule file.

Every error names the file, the row (as a spreadsheet shows it: the header is row 1) and the column.
CSV files may carry a UTF-8 BOM. A file whose header is split by semicolons is read as a German
spreadsheet export: ';' separates, '.' groups thousands and ',' is the decimal mark.
"""
from __future__ import annotations

import math
import re
from dataclasses import replace
from itertools import repeat
from operator import attrgetter
from pathlib import Path

from amip import texts as T  # plain strings
from amip.errors import InputError
from amip.inputs import instruments
from amip.models.budget import Budget, year_path_of
from amip.models.case import Case, FieldOfAction, Pool, QuotaBasis
from amip.models.effects import EFFECT_COLUMNS, KENNZAHL_MODES, EffectEntry, EffectTable, effect_entry_for
from amip.models.measure import ID_RE, BudgetBasis, Measure, id_key, name_key, parse_budget_basis
from amip.models.pat import PAT
from amip.models.planning import MeasurePlanning, Planning, SubsidySchedule
from amip.models.rates import RateEntry, RateTable
from amip.models.rules import EligibilityRule, Referral, RuleSet, ShareCap

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PACKAGE_DIR / "data"
RULES_DIR = PACKAGE_DIR / "rules"
DEFAULT_CASE = DATA_DIR / "duisburg-2020" / "case.yaml"

MEASURE_REQUIRED = ("id", "field", "name", "instrument", "product_category",
                    "budget_basis", "cost_per_entry_eur", "planned_entries", "prebought_entries")
#: instrument_type may be left out: it is then derived from the legal reference (amip.inputs.instruments)
MEASURE_OPTIONAL = ("instrument_type", "fixed_spend_eur", "planned_budget_eur", "lower", "upper", "pool",
                    "integration_rate", "rate_source", "duration_months", "seed_lines", "confidence", "note")
RATE_COLUMNS = ("key_type", "key", "rate", "range_low", "range_high", "estimate", "definition", "source")
MAX_EUR = 1e10   #: 10 bn € per entry or item: anything above is a unit error, not a plan


# --------------------------------------------------------------------------- text files
# The reading layer (limits, encodings, strict CSV, one decimal convention per file) is
# amip.inputs.reading; its functions are re-exported here for the callers that import them from here.
from amip.inputs import reading  # noqa: E402
from amip.inputs.reading import load_yaml, parse_number, read_csv_rows, read_text  # noqa: E402,F401

#: Plausible largest value per column kind (beyond it: a unit or typing error, not a plan).
MAX_ENTRIES = 1e7        #: entries of one measure in one year (Germany has ~4 m eLb)
MAX_DURATION_MONTHS = 600   #: 50 years; § 16i runs at most 60 months


def non_negative(text: str, *, german: bool, file: str, row: int, column: str, default: float | None,
                  eur: bool) -> float:
    v = parse_number(text, german=german, file=file, row=row, column=column, default=default)
    if v < 0:
        raise InputError(T.LD_NEGATIVE.format(v=f"{v:g}"), file=file, row=row, column=column)
    if eur and v > MAX_EUR:
        raise InputError(T.LD_TOO_LARGE.format(v=f"{v:g}", max=f"{MAX_EUR:,.0f}".replace(",", ".")), file=file, row=row,
                         column=column)
    if not eur:
        top, unit = (MAX_DURATION_MONTHS, "Monate") if column == "duration_months" else (MAX_ENTRIES, "")
        if v > top:
            raise InputError(T.NUMBER_TOO_LARGE.format(value=f"{v:g}", limit=f"{top:g}", unit=unit).rstrip(),
                             file=file, row=row, column=column)
    return v


def _check_columns(header: list[str], required: tuple[str, ...], optional: tuple[str, ...], file: str) -> None:
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError(T.LD_MISSING_COLS.format(missing=", ".join(missing), required=", ".join(required)),
                         file=file, row=1)
    unknown = [c for c in header if c not in required + optional]
    if unknown:
        raise InputError(T.LD_UNKNOWN_COLS.format(cols=", ".join(repr(c) for c in unknown),
                                                  allowed=", ".join(required + optional)), file=file, row=1)
    dupes = {c for c in header if header.count(c) > 1}
    if dupes:
        raise InputError(T.LD_DUP_COLS.format(cols=", ".join(sorted(dupes))), file=file, row=1)


def _canonical_header(header: list[str], columns: dict[str, list[str]], file: str):
    """A CSV header in the documented column names: the German headers of the template and the other
    aliases (workbook.HEADER_ALIASES, one table for CSV and xlsx); unknown headers stay as they are."""
    from amip.inputs.workbook import canonical_column

    names = [canonical_column(h) or h for h in header]
    if names == header:
        return header, columns
    for c in set(names):
        given = [h for h, n in zip(header, names, strict=True) if n == c]
        if len(given) > 1:
            raise InputError(T.HEADER_TWICE.format(column=c, headers=", ".join(repr(g) for g in given)),
                             file=file, row=1)
    rename = dict(zip(header, names, strict=True))
    return names, {rename[k]: v for k, v in columns.items()}


# --------------------------------------------------------------------------- rate table
def load_rates(path: Path) -> RateTable:
    file = str(path)
    header, rows, german = read_csv_rows(path, "rate table")
    _check_columns(header, RATE_COLUMNS, (), file)
    entries, seen = [], {}
    for n, r in rows:
        nums = {c: parse_number(r[c], german=german, file=file, row=n, column=c)
                for c in ("rate", "range_low", "range_high")}
        for c, v in nums.items():
            if not 0 <= v <= 1:
                raise InputError(T.LD_OUTSIDE_01.format(v=v), file=file, row=n, column=c)
        key = (r["key_type"], r["key"])
        if key[0] == "instrument_type" and instruments.lookup(key[1]) is None:
            # a misspelt code would never match a measure: its rate would fall back to the category silently
            raise InputError(instruments.unknown_code_message(key[1]), file=file, row=n, column="key")
        if key[0] == "instrument_type":
            key = (key[0], instruments.lookup(key[1]).code)
        if key in seen:
            raise InputError(T.LD_DUPLICATE_KEY.format(key_type=key[0], key=key[1], row=seen[key]), file=file, row=n,
                             column="key")
        seen[key] = n
        estimate = _yes_no(r["estimate"], file=file, row=n, column="estimate")   # yes/no, ja/nein, true/false, 1/0
        try:
            entries.append(RateEntry(key_type=r["key_type"], key=key[1], estimate=estimate,
                                     definition=r["definition"], source=r["source"], **nums))
        except InputError as e:
            raise InputError(str(e), file=file, row=n) from None
    return RateTable(tuple(entries), file=file)


# --------------------------------------------------------------------------- net-effect table
DEFAULT_EFFECTS = DATA_DIR / "effects.csv"


def _yes_no(text: str, *, file: str, row: int, column: str) -> bool:
    t = text.strip().lower()
    if t not in ("yes", "no", "true", "false", "1", "0", "ja", "nein"):
        raise InputError(T.ERR_EFFECT_YES_NO.format(v=text), file=file, row=row, column=column)
    return t in ("yes", "true", "1", "ja")


def load_effects(path: Path) -> EffectTable:
    """The net-effect table (amip.models.effects): per instrument type or product category the net
    effect in percentage points with its range, horizon and source, and what § 48a counts."""
    file = str(path)
    header, rows, german = read_csv_rows(path, "effect table")
    _check_columns(header, EFFECT_COLUMNS, (), file)
    entries, seen = [], {}
    for n, r in rows:
        nums = {}
        for c in ("net_pp", "net_low_pp", "net_high_pp"):
            v = parse_number(r[c], german=german, file=file, row=n, column=c)
            if not -100 <= v <= 100:
                raise InputError(T.ERR_EFFECT_RANGE_PP.format(v=f"{v:g}"), file=file, row=n, column=c)
            nums[c] = v
        if r["key_type"] not in ("instrument_type", "product_category"):
            raise InputError(T.ERR_EFFECT_KEY_TYPE.format(v=r["key_type"]), file=file, row=n,
                             column="key_type")
        if not r["key"]:
            raise InputError(T.ERR_EFFECT_KEY_MISSING, file=file, row=n, column="key")
        if r["key_type"] == "instrument_type" and instruments.lookup(r["key"]) is None:   # every id must exist
            raise InputError(instruments.unknown_code_message(r["key"]), file=file, row=n, column="key")
        key = (r["key_type"], r["key"])
        if key in seen:
            raise InputError(T.ERR_EFFECT_DUPLICATE.format(key=f"{key[0]}={key[1]}", row=seen[key]), file=file,
                             row=n, column="key")
        seen[key] = n
        if not nums["net_low_pp"] <= nums["net_pp"] <= nums["net_high_pp"]:
            raise InputError(T.ERR_EFFECT_OUTSIDE.format(v=f"{nums['net_pp']:g}", low=f"{nums['net_low_pp']:g}",
                                                         high=f"{nums['net_high_pp']:g}"),
                             file=file, row=n, column="net_pp")
        if r["kennzahl"] not in KENNZAHL_MODES:
            raise InputError(T.ERR_EFFECT_KENNZAHL.format(v=r["kennzahl"]), file=file, row=n, column="kennzahl")
        for c in ("net_source", "kennzahl_source"):
            if not r[c]:
                raise InputError(T.ERR_EFFECT_SOURCE, file=file, row=n, column=c)
        try:
            entries.append(EffectEntry(
                key_type=r["key_type"], key=r["key"], horizon=r["horizon"], evidence=r["evidence"],
                estimate=_yes_no(r["estimate"], file=file, row=n, column="estimate"), net_source=r["net_source"],
                kennzahl=r["kennzahl"], kennzahl_source=r["kennzahl_source"],
                kennzahl_judgement=_yes_no(r["kennzahl_judgement"], file=file, row=n, column="kennzahl_judgement"),
                **nums))
        except InputError as e:   # pragma: no cover - the checks above catch these first
            raise InputError(str(e), file=file, row=n) from None
    return EffectTable(tuple(entries), file=file)


def attach_effects(measures: tuple[Measure, ...], table: EffectTable, *, upper_multiple: float | None = None,
                   policy_source: str = "") -> tuple[Measure, ...]:
    """Each measure with its net effect and § 48a reading (by instrument type, else product category;
    a measure without a row keeps ``effects=None``, an error only when measured as net or kennzahl),
    and where its upper bound comes from: the case's policy (a multiple of the plan) or the measure
    table, so reports can mark a binding bound that is POLICY or ESTIMATE. One copy per measure, not re-checked."""
    out = []
    shared: dict[tuple[str, str], dict] = {}   # per table row: its MeasureEffects (shared, immutable) as a change
    policy_text = (T.SRC_UPPER_POLICY.format(multiple=f"{upper_multiple:g}", source=policy_source)
                   if upper_multiple is not None else "")
    for m in measures:
        key = (m.instrument_type, m.product_category)
        ch = shared.get(key)
        if ch is None:
            entry = table.lookup(*key)
            ch = shared[key] = {"effects": effect_entry_for(entry, table.file)} if entry is not None else {}
        if m.budget_basis.has_new_entries and upper_multiple is not None:
            upper = m.upper_entries
            by_policy = abs(upper - upper_multiple * m.planned_entries) <= 1e-9 * (upper if upper > 1.0 else 1.0)
            ch = dict(ch, upper_source=policy_text if by_policy else T.SRC_MEASURE_TABLE.format(where=m.source))
            if m.lower_entries:
                ch["lower_source"] = T.SRC_MEASURE_TABLE.format(where=m.source)
        out.append(m.with_provenance(**ch) if ch else m)
    return tuple(out)


# --------------------------------------------------------------------------- measure table
def load_measures(path: Path, *, fields: set[str], pools: set[str], rates: RateTable,
                  upper_multiple: float) -> tuple[Measure, ...]:
    file = str(path)
    if is_workbook(path):
        from amip.inputs.workbook import read_sheet_table

        book, sheet = split_sheet(path)
        file = str(book)
        table = read_sheet_table(book, "measure table", MEASURE_REQUIRED, sheet=sheet)
        numbers = [n for n, _ in table.rows]
        columns = {c: [r.get(c, "") for _, r in table.rows] for c in table.header}
        try:
            return _parse_measures(numbers, columns, False, file, fields=fields, pools=pools, rates=rates,
                                   upper_multiple=upper_multiple, where=lambda n: f"{book.name} {table.cell(n, 'id')}")
        except InputError as e:
            raise table.error(e) from None
    header, numbers, columns, german = reading.read_csv_columns(path, "measure table")
    header, columns = _canonical_header(header, columns, file)
    _check_columns(header, MEASURE_REQUIRED, MEASURE_OPTIONAL, file)
    name = Path(file).name   # once, not a Path per measure row
    return _parse_measures(numbers, columns, german, file, fields=fields, pools=pools, rates=rates,
                           upper_multiple=upper_multiple, where=lambda n: f"{name} row {n}")


WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def split_sheet(path: Path) -> tuple[Path, str | None]:
    """'plan.xlsx#Maßnahmen' → (plan.xlsx, 'Maßnahmen'); a plain path → (path, None)."""
    text = str(path)
    for suffix in WORKBOOK_SUFFIXES:
        marker = suffix + "#"
        if marker in text.lower():
            i = text.lower().index(marker) + len(suffix)
            return Path(text[:i]), text[i + 1:] or None
    return Path(text), None


def is_workbook(path: Path) -> bool:
    return split_sheet(path)[0].suffix.lower() in WORKBOOK_SUFFIXES


#: The number columns of the measure table, in the order _parse_measures unpacks them.
NUMBER_COLUMNS = ("planned_entries", "prebought_entries", "cost_per_entry_eur", "fixed_spend_eur", "planned_budget_eur",
                  "lower", "upper", "duration_months")
#: The value an empty cell of a number column takes (None: it depends on the row, the row-wise path decides).
_EMPTY_VALUE = {"planned_entries": 0.0, "prebought_entries": 0.0, "fixed_spend_eur": 0.0, "planned_budget_eur": 0.0,
                "lower": 0.0}
_EUR_COLUMNS = ("cost_per_entry_eur", "fixed_spend_eur", "planned_budget_eur")
_PLAIN_GERMAN = re.compile(r"\d+(,\d+)?")   # '1234,5': no thousands dots, no sign
#: A whole column joined by line ends, each cell a plain number (German or dot-decimal: _PLAIN_GERMAN,
#: reading.PLAIN_NUMBER) or empty; possessive (no backtracking: a digit run is never followed by another
#: digit), linear in the column's length
_PLAIN_COLUMN_GERMAN = re.compile(r"(?:\d++(?:,\d++)?+)?+(?:\n(?:\d++(?:,\d++)?+)?+)*+")
_PLAIN_COLUMN = re.compile(r"(?:\d++(?:\.\d++)?+)?+(?:\n(?:\d++(?:\.\d++)?+)?+)*+")


def plain_columns(columns: dict[str, list[str]], german: bool) -> dict[str, list[float | None]]:
    """Per number column of the measure table (``columns``: column → its texts; an absent column is empty
    cells), each row's value where its cell is a plain number (digits, an
    optional fraction in the file's convention, no sign, no exponent) within the column's limit, or empty
    with a fixed default; else None, and that cell takes the row-wise path (non_negative) with its German
    message naming file, row and column. Never raises. The common column (all cells plain) in one regular
    expression pass over the joined column and one float() per cell, instead of a call per cell."""
    plain, whole = (_PLAIN_GERMAN, _PLAIN_COLUMN_GERMAN) if german else (reading.PLAIN_NUMBER, _PLAIN_COLUMN)
    n = len(next(iter(columns.values()), ()))
    out = {}
    for col in NUMBER_COLUMNS:
        empty = _EMPTY_VALUE.get(col)
        if col not in columns:   # an absent column: empty cells
            out[col] = [empty] * n
            continue
        texts = columns[col]
        top = MAX_EUR if col in _EUR_COLUMNS else MAX_DURATION_MONTHS if col == "duration_months" else MAX_ENTRIES
        joined = "\n".join(texts)
        if whole.fullmatch(joined) and joined.count("\n") == len(texts) - 1:   # every cell plain or empty
            if german:
                texts = joined.replace(",", ".").split("\n")
        else:   # 'x': not plain
            texts = [(t.replace(",", ".") if german else t) if plain.fullmatch(t) else "x" if t else "" for t in texts]
        if "" in texts or "x" in texts:
            values = [float(t) if t and t != "x" else empty if not t else None for t in texts]
        else:
            values = list(map(float, texts))
        if max((v for v in values if v is not None) if None in values else values, default=0.0) > top:
            values = [v if v is None or v <= top else None for v in values]
        out[col] = values
    return out


#: The fields _parse_measures gives each Measure, in the order of its values
_LOADED_FIELDS = ("id", "field", "name", "instrument", "instrument_type", "product_category", "budget_basis",
                  "cost_per_entry_eur", "planned_entries", "prebought_entries", "lower_entries", "upper_entries",
                  "integration_rate", "rate_source", "rate_is_estimate", "fixed_spend_eur", "pool", "rate_low",
                  "rate_high", "rate_distribution", "rate_range_source", "duration_months", "source",
                  "instrument_type_derived")
_ID_COLUMN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(?:\n[A-Za-z0-9][A-Za-z0-9_-]*)*")


def distinct_ids(ids: list[str]) -> bool:
    """Whether every id matches ID_RE and no two are equal, as keys (id_key) or as names (name_key): then
    the row-wise id checks have nothing to name. One regular expression over the joined column."""
    joined = "\n".join(ids)
    if not _ID_COLUMN.fullmatch(joined) or joined.count("\n") != len(ids) - 1:
        return False
    keys = joined.lower()   # ASCII ids: id_key is lower(), name_key also turns '-' into '_'
    return len(set(keys.replace("-", "_").split("\n"))) == len(ids)   # distinct names: distinct keys and ids


def _parse_measures(numbers: list[int], columns: dict[str, list[str]], german: bool, file: str, *,
                    fields: set[str], pools: set[str], rates: RateTable, upper_multiple: float,
                    where) -> tuple[Measure, ...]:
    """The measure table (text cells by column, from a CSV or a workbook; ``numbers`` the rows as a
    spreadsheet shows them), checked and turned into Measures: a clean table in column passes
    (_measures_by_column), any other row by row, where the first bad cell is named."""
    # The number columns checked column by column first (plain_columns): a cell that is not a plain number
    # within its limit is None there, and only such a cell takes num() and its messages, in the row's order.
    plain = plain_columns(columns, german)
    ids_distinct = distinct_ids(columns["id"])
    out = _measures_by_column(numbers, columns, plain, german, fields=fields, pools=pools, rates=rates,
                              upper_multiple=upper_multiple, where=where) if ids_distinct else None
    if out is None:
        names = list(columns)
        rows = list(zip(numbers, map(dict, map(zip, repeat(names), zip(*columns.values())))))
        out = _measures_by_row(rows, plain, ids_distinct, german, file, fields=fields, pools=pools, rates=rates,
                               upper_multiple=upper_multiple, where=where)
    if rates.has_measure_rates:   # a measure's own rate (amip rates --output) for a measure not in the table
        ids = {m.id for m in out}
        unknown = sorted(e.key for e in rates.entries if e.key_type == "measure" and e.key not in ids)
        if unknown:
            raise InputError(T.LD_RATE_UNKNOWN_MEASURE.format(ids=", ".join(unknown[:5])), file=rates.file,
                             column="key")
    return tuple(out)


def _measures_by_row(rows: list, plain: dict, ids_distinct: bool, german: bool, file: str, *, fields: set[str],
                     pools: set[str], rates: RateTable, upper_multiple: float, where) -> list[Measure]:
    """The measure rows one by one, each checked in the order a planner reads it; the first bad cell raises
    its message naming file, row and column."""
    seen: dict[str, int] = {}
    by_key: dict[str, tuple[str, int]] = {}
    by_name: dict[str, tuple[str, int]] = {}
    out = []
    # what many rows share is worked out once: a budget_basis spelling, an instrument type, a rate row
    bases: dict[str, BudgetBasis | None] = {}
    itypes: dict[tuple, tuple[str, str]] = {}
    table_rates: dict[tuple[str, str], tuple] = {}
    rate_rows_checked: set = set()   # rate rows one measure passed Measure.checked with
    build = Measure.builder(_LOADED_FIELDS)

    def num(r: dict, n: int, col: str, default: float | None = None, *, eur: bool = False) -> float:
        return non_negative(r.get(col, ""), german=german, file=file, row=n, column=col, default=default, eur=eur)

    planned_col, prebought_col, cost_col, fixed_col, budget_col, lower_col, upper_col, duration_col = (
        plain[c] for c in NUMBER_COLUMNS)
    for i, (n, r) in enumerate(rows):
        mid = r["id"]
        if not ids_distinct:   # else every id is valid and distinct, as a key and a name too: nothing to name
            if not ID_RE.match(mid):
                raise InputError(T.ID_INVALID.format(id=mid), file=file, row=n, column="id")
            if mid in seen:
                raise InputError(T.LD_DUP_ID.format(id=mid, row=seen[mid]), file=file, row=n, column="id")
            key, nkey = id_key(mid), name_key(mid)
            if key in by_key:
                other, row = by_key[key]
                raise InputError(T.ID_SAME_BUT_CASE.format(id=mid, other=other, row=row), file=file, row=n,
                                 column="id")
            if nkey in by_name:
                other, row = by_name[nkey]
                raise InputError(T.ID_SAME_NAME.format(id=mid, other=other, row=row, key=nkey), file=file,
                                 row=n, column="id")
            seen[mid] = n
            by_key[key] = by_name[nkey] = (mid, n)
        if r["field"] not in fields:
            raise InputError(T.LD_UNKNOWN_FIELD.format(v=r["field"], known=", ".join(sorted(fields))),
                             file=file, row=n, column="field")
        text = r["budget_basis"]
        basis = bases[text] if text in bases else bases.setdefault(text, parse_budget_basis(text))
        if basis is None:
            raise InputError(T.LD_UNKNOWN_BASIS.format(v=r["budget_basis"],
                                                       known=", ".join(b.value for b in BudgetBasis)),
                             file=file, row=n, column="budget_basis")
        for c in ("name", "product_category"):
            if not r[c]:
                raise InputError(T.RD_VALUE_MISSING, file=file, row=n, column=c)
        ikey = r.get("instrument_type", "")   # a given code: the legal reference and the name play no part
        if not ikey.strip():
            ikey = (r.get("instrument", ""), r.get("name", ""), "instrument_type" in r)
        if ikey not in itypes:
            itypes[ikey] = _instrument_type(r, file, n)   # an error names this row, the first with it
        itype, derived = itypes[ikey]
        planned = planned_col[i]
        if planned is None:
            planned = num(r, n, "planned_entries", 0.0)
        prebought = prebought_col[i]
        if prebought is None:
            prebought = num(r, n, "prebought_entries", 0.0)
        cost = cost_col[i]
        if cost is None:   # an empty cell is 0 € for a measure without new entries, else missing
            cost = (0.0 if not basis.has_new_entries and not r.get("cost_per_entry_eur", "")
                    else num(r, n, "cost_per_entry_eur", None if basis.has_new_entries else 0.0, eur=True))
        fixed = fixed_col[i]
        if fixed is None:
            fixed = num(r, n, "fixed_spend_eur", 0.0, eur=True)
        if basis is BudgetBasis.PRIOR_YEAR and fixed == 0:
            fixed = budget_col[i]
            if fixed is None:
                fixed = num(r, n, "planned_budget_eur", 0.0, eur=True)
        if fixed and basis is not BudgetBasis.PRIOR_YEAR:
            raise InputError(T.LD_FIXED_ONLY_PRIOR.format(basis=basis.value),
                             file=file, row=n, column="fixed_spend_eur")
        pool = r.get("pool", "")
        if pool and pool not in pools:
            raise InputError(T.LD_UNKNOWN_POOL.format(v=pool, known=", ".join(sorted(pools))), file=file, row=n,
                             column="pool")
        # Rate: own column, else the rate table by instrument type, else by product category.
        own = r.get("integration_rate", "")
        if own:
            rate, rate_source, estimate, low, high, range_source = _own_rate(own, r.get("rate_source", ""),
                                                                             german=german, file=file, row=n)
            dist = "fixed"
        else:
            rkey = (itype, r["product_category"], mid if rates.has_measure_rates else "")
            if rkey not in table_rates:
                table_rates[rkey] = _table_rate(rates, rkey)
                if table_rates[rkey] is None:
                    raise InputError(T.LD_NO_RATE.format(itype=itype, cat=r["product_category"], file=rates.file),
                                     file=file, row=n, column="instrument_type")
            rate, rate_source, estimate, low, high, range_source = table_rates[rkey]
            dist = "triangular"
        # Bounds on new entries.
        if basis.has_new_entries:
            lower = lower_col[i]
            if lower is None:
                lower = num(r, n, "lower", 0.0)
            if r.get("upper", ""):
                upper = upper_col[i]
                if upper is None:
                    upper = num(r, n, "upper")
            else:
                upper = upper_multiple * planned
        else:
            for c in ("lower", "upper"):
                if r.get(c, "") and num(r, n, c) != 0:
                    raise InputError(T.LD_BOUND_NEEDS_NEW.format(basis=basis.value),
                                     file=file, row=n, column=c)
            lower = upper = 0.0
        duration = None
        if r.get("duration_months", ""):
            duration = duration_col[i]
            if duration is None:
                duration = num(r, n, "duration_months")
        # Every number above is finite and non-negative (num, plain_columns); what Measure.__post_init__ checks
        # beyond that is 0 <= lower <= upper (a computed upper may be anything) and the rate row: checked once per row
        # of the rate table (an own rate is checked above: 0..1, no range), then built without a second check.
        rate_key = rkey if not own else None
        values = (mid, r["field"], r["name"], r["instrument"], itype, r["product_category"], basis, cost, planned,
                  prebought, lower, upper, rate, rate_source, estimate, fixed, pool, low, high, dist, range_source,
                  duration, where(n) + (f"; seed L{r['seed_lines']}" if r.get("seed_lines") else ""), derived)
        if (rate_key in rate_rows_checked or own) and 0 <= lower <= upper + 1e-9 and 0 <= upper and upper - upper == 0:
            out.append(build(*values))
        else:
            try:
                out.append(Measure.checked(**dict(zip(_LOADED_FIELDS, values, strict=True))))
            except InputError as e:   # the Measure names its field; the file and row are added once
                raise InputError(e.problem, file=file, row=n, column=e.column) from None
        rate_rows_checked.add(rate_key)
    return out


def _own_rate(text: str, source: str, *, german: bool, file: str, row: int | None) -> tuple:
    """The Measure values of a measure's own rate (as ``_table_rate``; no range, distribution "fixed"): a
    number in 0..1 with its source, else the error naming the row and column."""
    rate = parse_number(text, german=german, file=file, row=row, column="integration_rate")
    if not 0 <= rate <= 1:
        raise InputError(T.LD_RATE_OUTSIDE.format(v=f"{rate:g}"), file=file, row=row, column="integration_rate")
    if not source:
        raise InputError(T.LD_RATE_SOURCE, file=file, row=row, column="rate_source")
    return rate, source, "ESTIMATE" in source.upper(), None, None, T.LD_RANGE_OWN


def _table_rate(rates: RateTable, key: tuple[str, str, str]) -> tuple | None:
    """The Measure values a rate-table row gives (rate, rate_source, rate_is_estimate, rate_low, rate_high,
    rate_range_source) for (instrument type, product category, measure id or ""); None without a row."""
    entry = rates.lookup(*key)
    if entry is None:
        return None
    return (entry.rate, entry.label, entry.estimate, entry.range_low, entry.range_high,
            T.LD_RANGE_TABLE.format(file=Path(rates.file).name, key_type=entry.key_type, key=entry.key,
                                    low=f"{entry.range_low:g}", high=f"{entry.range_high:g}", source=entry.source))


def _measures_by_column(numbers: list[int], columns: dict[str, list[str]], plain: dict, german: bool, *,
                        fields: set[str], pools: set[str], rates: RateTable, upper_multiple: float,
                        where) -> list[Measure] | None:
    """The Measures of a clean table, the same as the row-wise path makes, in passes over its columns (what
    many rows share worked out once per distinct value) and built at once (Measure.from_columns). None as
    soon as any row needs the row-wise path for its check or message: ids not all valid and distinct (the
    caller's distinct_ids), an unknown field, basis, pool, instrument type or rate row, an empty name or
    category, a number cell that is not plain, an own rate outside 0..1 or without its source, a bound or
    money-only spending on a basis without them, bounds out of order. The first measure of each rate row
    passes the full check (as in the row-wise path); the others are built without it, their numbers checked
    here."""
    n = len(numbers)
    if not n:
        return []
    empty = [""] * n

    def col(name: str) -> list[str]:
        return columns.get(name) or empty

    if "" in columns["name"] or "" in columns["product_category"]:
        return None
    if not all(f in fields for f in set(columns["field"])) or not all(p in pools for p in set(col("pool")) - {""}):
        return None
    bases = {t: parse_budget_basis(t) for t in set(columns["budget_basis"])}
    if None in bases.values():
        return None
    basis = list(map(bases.__getitem__, columns["budget_basis"]))
    new = list(map(attrgetter("has_new_entries"), basis))
    given, has_type = col("instrument_type"), "instrument_type" in columns
    kinds = [t if t.strip() else (i, m, has_type) for t, i, m in zip(given, columns["instrument"], columns["name"])]
    itypes = {}
    for k in dict.fromkeys(kinds):
        r = {"instrument_type": k} if isinstance(k, str) else {"instrument": k[0], "name": k[1]}
        if not isinstance(k, str) and k[2]:
            r["instrument_type"] = ""
        try:
            itypes[k] = _instrument_type(r, "", 0)
        except InputError:
            return None
    itype, derived = zip(*map(itypes.__getitem__, kinds))
    planned, prebought, cost, fixed, budget, lower, upper, duration = (plain[c] for c in NUMBER_COLUMNS)
    if None in planned or None in prebought or None in fixed or None in lower:
        return None
    if None in cost:   # an empty cell is 0 € for a measure without new entries, else the row names it
        if any(c is None and (w or t) for c, w, t in zip(cost, new, col("cost_per_entry_eur"))):
            return None
        cost = [0.0 if c is None else c for c in cost]
    if BudgetBasis.PRIOR_YEAR in bases.values():   # prior-year spending: the planned budget where none is given
        fixed = [b if f == 0 and k is BudgetBasis.PRIOR_YEAR else f for f, b, k in zip(fixed, budget, basis)]
        if None in fixed:
            return None
    if any(f and k is not BudgetBasis.PRIOR_YEAR for f, k in zip(fixed, basis)):
        return None
    # bounds: the cells for new entries (upper: else upper_multiple × planned); 0 (or empty) for the others
    upper_text = col("upper")
    upper = [(u if t else upper_multiple * p) if w else 0.0 for u, t, p, w in zip(upper, upper_text, planned, new)]
    if None in upper or any(not w and v for w, v in zip(new, lower)):
        return None
    if not all(new) and any(not w and t and v != 0 for w, t, v in zip(new, upper_text, plain["upper"])):
        return None
    lower = [v if w else 0.0 for v, w in zip(lower, new)]
    if any(not (0 <= lo <= up + 1e-9 and 0 <= up and up - up == 0) for lo, up in zip(lower, upper)):
        return None
    duration_text = col("duration_months")
    if any(duration_text):
        duration = [d if t else None for d, t in zip(duration, duration_text)]
        if any(d is None and t for d, t in zip(duration, duration_text)):
            return None
    else:
        duration = [None] * n
    # rates: a measure's own rate, else the rate table by instrument type, else product category (a measure's
    # own row of the table where it has one); key None: an own rate
    ids, cats, own = columns["id"], columns["product_category"], col("integration_rate")
    keys = list(zip(itype, cats, ids if rates.has_measure_rates else repeat("", n)))
    if any(own):
        keys = [None if t else k for k, t in zip(keys, own)]
    table_rates = {k: _table_rate(rates, k) for k in dict.fromkeys(keys) if k is not None}
    if None in table_rates.values():
        return None
    if any(own):
        try:
            by_row = [_own_rate(t, s, german=german, file="", row=None) if t else table_rates[k]
                      for k, t, s in zip(keys, own, col("rate_source"))]
        except InputError:
            return None
        dist = ["fixed" if t else "triangular" for t in own]
    else:
        by_row, dist = list(map(table_rates.__getitem__, keys)), ["triangular"] * n
    rate, rate_source, estimate, low, high, range_source = zip(*by_row)
    seed = col("seed_lines")
    values = {"id": ids, "field": columns["field"], "name": columns["name"], "instrument": columns["instrument"],
              "instrument_type": itype, "product_category": cats, "budget_basis": basis, "cost_per_entry_eur": cost,
              "planned_entries": planned, "prebought_entries": prebought, "lower_entries": lower,
              "upper_entries": upper, "integration_rate": rate, "rate_source": rate_source,
              "rate_is_estimate": estimate, "fixed_spend_eur": fixed, "pool": col("pool"), "rate_low": low,
              "rate_high": high, "rate_distribution": dist, "rate_range_source": range_source,
              "duration_months": duration, "instrument_type_derived": derived,
              "source": list(map(where, numbers))}
    if any(seed):
        values["source"] = [w + (f"; seed L{s}" if s else "") for w, s in zip(values["source"], seed)]
    first = dict(zip(reversed(keys), reversed(range(n))))   # the first measure of each rate-table row
    first.pop(None, None)   # own rates: checked by _own_rate
    for i in first.values():
        try:
            Measure.checked(**{k: v[i] for k, v in values.items()})
        except InputError:
            return None
    return Measure.from_columns(values)


def _instrument_type(r: dict[str, str], file: str, n: int) -> tuple[str, str]:
    """(code, how it was derived or ""): the row's own code, checked against the registry, else the code
    derived from its legal reference. Unknown or underivable codes are errors; nothing falls back."""
    given = r.get("instrument_type", "").strip()
    if given:
        t = instruments.lookup(given)
        if t is None:
            raise InputError(instruments.unknown_code_message(given), file=file, row=n, column="instrument_type")
        return t.code, ""
    t = instruments.derive(r.get("instrument", ""), r.get("name", ""))
    if t is None:
        raise InputError(T.INSTRUMENT_NOT_DERIVED.format(instrument=r.get("instrument", ""),
                                                         allowed=", ".join(instruments.codes())),
                         file=file, row=n, column="instrument_type" if "instrument_type" in r else "instrument")
    return t.code, T.INSTRUMENT_DERIVED.format(reference=t.legal_reference, code=t.code)


# --------------------------------------------------------------------------- rule file
def load_rules(year: int, rules_dir: Path = RULES_DIR) -> RuleSet:
    path = rules_dir / f"{year}.yaml"
    if not path.exists():
        known = sorted(p.stem for p in rules_dir.glob("*.yaml"))
        raise InputError(T.RULES_NO_YEAR.format(year=year, known=", ".join(known)), file=str(path))
    raw = load_yaml(path, "rule file")
    pat = raw.get("pat")
    rates = sources = None
    if pat:
        rates = {k: float(v["value"]) for k, v in pat["rates_eur_per_month"].items()}
        sources = {k: v["source"] for k, v in pat["rates_eur_per_month"].items()}
    elig = tuple(EligibilityRule(name=e["name"], paragraph=e["paragraph"],
                                 instrument_types=tuple(e["instrument_types"]), pool=e["pool"], source=e["source"])
                 for e in raw.get("eligibility") or [])
    caps = tuple(ShareCap(name=c["name"], paragraph=c["paragraph"], instrument_types=tuple(c["instrument_types"]),
                          max_share=float(c["max_share"]["value"]), base=c["base"], source=c["max_share"]["source"])
                 for c in raw.get("share_caps") or [])
    try:
        schedules = tuple(SubsidySchedule(instrument_type=str(d["instrument_type"]), paragraph=d["paragraph"],
                                          shares=tuple(float(v) for v in d["shares"]),
                                          max_months=float(d["max_months"]), source=d["source"])
                          for d in raw.get("subsidy_schedules") or [])
    except (KeyError, TypeError, ValueError) as e:
        raise InputError(T.RULES_SCHEDULES.format(error=e), file=str(path)) from None
    ref = raw.get("referred_to_agentur")
    referral = None
    if ref:
        try:
            referral = Referral(instrument_types=tuple(str(t) for t in ref["instrument_types"]),
                                paragraph=str(ref["paragraph"]), source=str(ref["source"]))
        except (KeyError, TypeError) as e:
            raise InputError(T.RULES_REFERRAL.format(error=e), file=str(path)) from None
    return RuleSet(year=int(raw["year"]), file=str(path), pat_rates_eur_per_month=rates, referral=referral,
                   pat_instrument_types=tuple(pat["instrument_types"]) if pat else (),
                   pat_cap_at_subsidy=bool(pat["cap_at_subsidy"]["value"]) if pat else True,
                   pat_sources=sources or {}, eligibility=elig, share_caps=caps, subsidy_schedules=schedules,
                   raw=raw)


# --------------------------------------------------------------------------- case
DEFAULT_RATES = DATA_DIR / "rates.csv"
#: Policy defaults of a case that names none (and of the neutral frame); each named as POLICY.
DEFAULT_FIELD_MIN_SHARE = 0.8
DEFAULT_UPPER_MULTIPLE = 2.0
EGT_CHAIN = ("egt_zuteilung_eur", "vorbindungen_eur", "umschichtung_eur", "rueckeinnahmen_egt_eur")
SEED_CHAIN = ("globalbudget_eur", "verwaltung_gesamt_eur", "kfa_eur", "rueckeinnahmen_verwaltung_eur",
              "umschichtung_eur", "vorbindungen_eur", "rueckeinnahmen_egt_eur")


def _meaning(key: str) -> str:
    label, unit, where = T.FRAME_HELP.get(key, (key, "", ""))
    return f"{label}, {unit}: {where}" if where else label


def _missing(key: str, file: str) -> InputError:
    return InputError(T.CASE_MISSING_KEY.format(key=key, meaning=_meaning(key)), file=file)


def _vouchers(ms: tuple[Measure, ...], raw: dict, file: str) -> tuple[Measure, ...]:
    """The case's voucher measures (``vouchers``: measure id → {value, low, high, source}, the
    Einlösequote): their entries are vouchers issued, their rates per voucher (Measure.as_voucher).
    An id not in the measure table (a planner's own table) is left out."""
    if not isinstance(raw, dict):
        raise InputError(T.CASE_KEY_RECORD.format(key="vouchers"), file=file)
    keys = {id_key(str(k)): k for k in raw}   # ids compare without case, as everywhere
    out = []
    for m in ms:
        key = keys.get(id_key(m.id))
        rec = raw.get(key) if key is not None else None
        if rec is None:
            out.append(m)
            continue
        share = _sourced(raw, key, file, path="vouchers")
        try:
            low = float(rec.get("low", share)) if isinstance(rec, dict) else share
            high = float(rec.get("high", share)) if isinstance(rec, dict) else share
        except (TypeError, ValueError):
            raise InputError(T.CASE_KEY_RECORD.format(key=f"vouchers.{m.id}"), file=file) from None
        try:
            out.append(m.as_voucher(share, low, high, _source_of(raw, key)))
        except InputError as e:
            raise InputError(f"vouchers.{m.id}: {e.problem}", file=file) from None
    return tuple(out)


def _sourced(d: dict, key: str, file: str, *, path: str = "") -> float:
    full = f"{path}.{key}" if path else key
    item = d.get(key) if isinstance(d, dict) else None
    if item is None or (isinstance(item, dict) and item.get("value") is None):
        raise _missing(full, file)
    try:
        given = item["value"] if isinstance(item, dict) else item
        if isinstance(given, bool):   # 'value: yes' is not 1 €
            raise TypeError
        v = float(given)
    except (TypeError, ValueError, KeyError):
        raise InputError(T.CASE_KEY_RECORD.format(key=full), file=file) from None
    if math.isnan(v) or math.isinf(v):
        raise InputError(T.CASE_KEY_FINITE.format(key=full), file=file)
    return v


def _source_of(d: dict, key: str) -> str:
    item = d.get(key)
    return str(item.get("source") or "") if isinstance(item, dict) else ""


def resolve_case_path(path: Path | str, *, what: str = "--case") -> Path:
    """A case folder → its case.yaml; a case.yaml or a workbook (.xlsx with a Rahmendaten sheet) → itself.
    Anything else is an InputError naming the path."""
    p = Path(path)
    if p.is_dir():
        if not (p / "case.yaml").is_file():
            raise InputError(T.CASE_NO_YAML, file=str(p))
        return p / "case.yaml"
    if not p.exists():
        raise InputError(T.CASE_NOT_FOUND, file=str(p))
    if p.suffix.lower() not in (".yaml", ".yml") + WORKBOOK_SUFFIXES:
        raise InputError(T.CASE_BAD_KIND, file=str(p))
    return p


#: Keys of a case.yaml that point to files; with ``frame:`` they are all case.yaml may hold.
POINTER_KEYS = ("frame", "measures", "rates", "planning", "effects")


def read_case_raw(case_file: Path) -> tuple[dict, Path | None]:
    """The case's frame as a dict in case.yaml's shape, and the workbook whose Rahmendaten sheet holds
    it (None: case.yaml's own frame). One frame per case:

    - a workbook gives its Rahmendaten sheet and itself;
    - a case.yaml with ``frame: massnahmen.xlsx`` (what `amip init` writes) takes the frame from that
      sheet and holds only pointers (measures, rates, planning, effects); a frame key beside ``frame``
      is an error naming it;
    - a case.yaml with its own frame whose measure workbook has a Rahmendaten sheet too (a folder of an
      older `amip init`) is compared with it on every run: a differing value is an error naming both."""
    if is_workbook(case_file):
        from amip.inputs.workbook import read_frame_sheet

        return read_frame_sheet(case_file), case_file
    raw = load_yaml(case_file, "case file")
    check_case_yaml(raw, case_file)
    if raw.get("frame"):
        return _frame_of_sheet(raw, case_file), case_file.parent / str(raw["frame"])
    if raw.get("measures") and is_workbook(case_file.parent / str(raw["measures"])):
        _same_frame(raw, case_file.parent / str(raw["measures"]), str(case_file))
    return raw, None


def check_case_yaml(raw: dict, case_file: Path) -> None:
    """case.yaml against the case schema (amip.scenarios.schema.CASE_SCHEMA), as strictly as a scenario
    file: unknown keys with the closest known one, wrong types by line and key."""
    from amip.inputs.reading import line_index
    from amip.scenarios.schema import CASE_SCHEMA, Where, validate

    file = str(case_file)
    validate(raw, Where(file, line_index(read_text(case_file, "case file"), file)), schema=CASE_SCHEMA)


def _frame_of_sheet(raw: dict, case_file: Path) -> dict:
    from amip.inputs.workbook import read_frame_sheet

    frame = str(raw["frame"])
    for key in raw:
        if key not in POINTER_KEYS:
            raise InputError(T.FRAME_TWICE_IN_YAML.format(frame=frame, key=key), file=str(case_file))
    path = case_file.parent / frame
    if not is_workbook(path):
        raise InputError(T.FRAME_NOT_WORKBOOK.format(frame=frame), file=str(case_file))
    if not path.is_file():
        raise InputError(T.CASE_NOT_FOUND, file=str(path))
    out = read_frame_sheet(path)
    out.update({k: raw[k] for k in POINTER_KEYS[1:] if raw.get(k)})
    return out


def _same_frame(raw: dict, workbook: Path, file: str) -> None:
    """case.yaml's frame against the Rahmendaten sheet of its measure workbook (if it has one). A later
    year for --horizon given only in the sheet differs too (case.yaml's frame counts, so it would be
    dropped without a word while the horizon's note points to the sheet); other keys only where both
    give a value."""
    import math

    from amip.inputs.workbook import frame_sheet_rows
    from amip.models.fmt import num
    from amip.models.frame import flatten, year_path_key

    def shown(v) -> str:
        return num(float(v), 4) if isinstance(v, (int, float)) else f"'{v}'"

    if not workbook.is_file():
        return   # the measure reader names the missing file
    rows = frame_sheet_rows(workbook, optional=True)
    if not rows:
        return
    mine = {k: v for k, v, _ in flatten(raw)}
    for key, value, _, cell in rows:
        if year_path_key(key) is not None and mine.get(key) is None:
            raise InputError(T.FRAME_DIFFERS.format(key=key, yaml_value=T.FRAME_NOT_GIVEN, workbook=workbook.name,
                                                    cell=cell, sheet_value=shown(value)), file=file)
        if key not in mine or mine[key] is None:
            continue
        a, b = mine[key], value
        try:
            same = math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-6)
        except (TypeError, ValueError):
            same = str(a).strip() == str(b).strip()
        if not same:
            raise InputError(T.FRAME_DIFFERS.format(key=key, yaml_value=shown(a), workbook=workbook.name,
                                                    cell=cell, sheet_value=shown(b)), file=file)


def _sections_named(f):
    """A case file without a required section or key is bad input naming the file and the key, not a
    KeyError traceback (the body of load_case indexes its sections directly)."""
    import functools

    @functools.wraps(f)
    def inner(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except KeyError as e:
            file = kwargs.get("case_file", args[0] if args else DEFAULT_CASE)
            raise InputError(T.SECTION_MISSING.format(key=e.args[0] if e.args else "?"), file=str(file)) from None
        except (TypeError, AttributeError) as e:   # a section that is a list or a number instead of a mapping
            file = kwargs.get("case_file", args[0] if args else DEFAULT_CASE)
            raise InputError(f"Aufbau der Falldatei: {e}", file=str(file)) from None
    return inner


@_sections_named
def load_case(case_file: Path = DEFAULT_CASE, *, measures: Path | None = None, rates: Path | None = None,
              year: int | None = None, effects: Path | None = None) -> Case:
    """Load a case: a case.yaml (or a case folder) or a workbook with the sheets Rahmendaten and
    Maßnahmen. ``measures``/``rates``/``effects`` replace the case's own tables (a planner's CSV)."""
    case_file = Path(case_file)
    if case_file.is_dir() or not case_file.exists():
        case_file = resolve_case_path(case_file, what="case")
    raw, own_table = read_case_raw(case_file)
    file = str(case_file) if own_table is None else f"{own_table}, Rahmendaten"   # errors name the sheet
    base = case_file.parent
    raw.setdefault("budget", {})
    for key in ("name", "year", "fields"):
        if raw.get(key) in (None, "", {}):
            raise _missing(key, file)
    if not isinstance(raw["fields"], dict):
        raise InputError(T.CASE_FIELDS, file=file)
    if own_table is None and not raw.get("measures") and measures is None:
        raise InputError(T.CASE_NO_MEASURES.format(file=case_file.name),
                         file=file)
    try:
        rule_year = int(year or raw["year"])
    except (TypeError, ValueError):
        raise InputError(T.CASE_YEAR.format(got=repr(raw["year"])), file=file) from None
    rules = load_rules(rule_year)
    rate_path = Path(rates) if rates else (base / raw["rates"] if raw.get("rates") else DEFAULT_RATES)
    rate_table = load_rates(rate_path)

    budget = budget_of(raw["budget"], file)
    policy = raw.get("policy") or {}
    if not isinstance(policy, dict):
        raise InputError(T.CASE_POLICY_MAPPING, file=file)
    if "budget_support_low" in policy or "budget_support_high" in policy:
        try:
            budget = replace(budget, support_low_share=_sourced(policy, "budget_support_low", file),
                             support_high_share=_sourced(policy, "budget_support_high", file),
                             support_source="; ".join(f"{k}: {_source_of(policy, k)}"
                                                      for k in ("budget_support_low", "budget_support_high")))
        except InputError as e:
            raise InputError(f"policy: {e.problem}", file=file) from None

    pools = {}
    for k, v in (raw.get("pools") or {}).items():
        size = _sourced(raw["pools"], k, file, path="pools")
        if size < 0:
            raise InputError(T.CASE_POOL_NEGATIVE.format(key=k), file=file)
        pools[str(k)] = Pool(str(k), size, _source_of(raw["pools"], k))
    upper_multiple, upper_source = _policy_value(policy, "upper_multiple", DEFAULT_UPPER_MULTIPLE, file)
    measure_path = Path(measures) if measures else (base / raw["measures"] if raw.get("measures") else own_table)
    ms = load_measures(measure_path, fields=set(raw["fields"]), pools=set(pools), rates=rate_table,
                       upper_multiple=upper_multiple)

    notes: tuple[str, ...] = ()
    if rules.referral is not None:
        ms, notes = refer_measures(ms, rules)
    share, share_source = _policy_value(policy, "field_min_share", DEFAULT_FIELD_MIN_SHARE, file)
    if not 0 <= share <= 1:
        raise InputError(T.CASE_FIELD_MIN_SHARE.format(got=share), file=file)
    fields = field_minima(raw["fields"], ms, share, share_source, file)

    pat = None
    if rules.pat_rates_eur_per_month and raw.get("pat"):
        p = raw["pat"]
        # pat.cap_eur: a local cap the case sets itself; new_cases_cap_eur: the older name of that cap;
        # new_cases_expected_eur: what the case expects (the seed's 550.000 €, L428), shown, not a cap
        cap_key = next((k for k in ("cap_eur", "new_cases_cap_eur") if p.get(k) is not None), None)
        expected = p.get("new_cases_expected_eur")
        pat = PAT(rates_eur_per_month=rules.pat_rates_eur_per_month,
                  bg_mix={k: _sourced(p["bg_mix"], k, file, path="pat.bg_mix") for k in p.get("bg_mix") or {}},
                  months_in_year=_sourced(p, "months_in_year", file, path="pat"),
                  new_cases_cap_eur=_sourced(p, cap_key, file, path="pat") if cap_key else None,
                  instrument_types=rules.pat_instrument_types, cap_at_subsidy=rules.pat_cap_at_subsidy,
                  expected_new_cases_eur=_sourced(p, "new_cases_expected_eur", file, path="pat")
                  if expected is not None else None,
                  expected_source=_source_of(p, "new_cases_expected_eur") if expected is not None else "")
    # The net-effect table: given, else the case's own (key `effects`), else the shipped one.
    effect_path = Path(effects) if effects else (base / raw["effects"] if raw.get("effects") else DEFAULT_EFFECTS)
    effect_table = load_effects(effect_path)
    ms = attach_effects(ms, effect_table, upper_multiple=upper_multiple, policy_source=upper_source)
    ms = _vouchers(ms, raw.get("vouchers") or {}, file)
    files = {"case": str(case_file), "measures": str(measure_path), "rates": str(rate_path), "rules": rules.file,
             "effects": str(effect_path)}
    if raw.get("planning"):
        planning_path = base / raw["planning"]
        if not planning_path.is_file():
            raise InputError(T.PLANNING_NOT_FOUND.format(name=raw["planning"]), file=str(case_file))   # its pointer
        files["planning"] = str(planning_path)
    planning = _table_planning(ms, rules)
    from amip.models.frame import derivation_of

    derivation = None if measures is not None else derivation_of(raw, planning="planning" in files, measures=len(ms))
    return Case(name=str(raw["name"]), title=str(raw.get("title") or raw["name"]), year=rules.year, measures=ms,
                fields=tuple(fields), budget=budget, pat=pat, pools=pools, rules=rules, rates=rate_table,
                files=files, planning=planning, frame_notes=_frame_notes(raw, budget, measures is not None, derivation),
                derivation=derivation,
                notes=notes, effects=effect_table, quota=quota_basis(raw, file))


def quota_basis(raw: dict, file: str) -> QuotaBasis | None:
    """The § 48b view's figures of a case: ``kennzahlen.elb_average`` (the average eLb of the year,
    {value, source}; None without it) and, for a case with ``jobcenter.traeger_nr``, the published
    Integrationsquote of the shipped national index (amip/data/national/integrationsquote-k2.csv).
    A value that is no number, or ≤ 0, is an error naming the file and the key."""
    k = raw.get("kennzahlen")
    if k is None:
        return None
    if not isinstance(k, dict):
        raise InputError(T.CASE_KEY_RECORD.format(key="kennzahlen.elb_average"), file=file)
    item = k.get("elb_average")
    if item is None or (isinstance(item, dict) and item.get("value") is None):
        return None
    elb = _sourced(k, "elb_average", file, path="kennzahlen")
    if elb <= 0:
        from amip.models.fmt import num

        raise InputError(T.CASE_ELB_NOT_POSITIVE.format(got=num(elb)), file=file)
    basis = QuotaBasis(elb_average=elb, elb_source=_source_of(k, "elb_average") or T.ELB_NO_SOURCE)
    nr = str(((raw.get("jobcenter") or {}).get("traeger_nr")) or "").strip()
    if not nr:
        return basis
    from amip.national.index import load_index

    row = load_index().get(nr.zfill(5) if nr.isdigit() else nr)
    if row is None:
        return basis
    return replace(basis, published_pct=row.k2_pct, published_basis=row.basis, published_source=row.source)


def _table_planning(ms, rules: RuleSet) -> Planning:
    """Durations from the measure table and the rule year's subsidy schedules; a planning file
    fills the others (amip.scenarios.planning)."""
    return Planning(
        measures={m.id: MeasurePlanning(duration_months=m.duration_months,
                                        duration_source=f"measure table: {m.source}")
                  for m in ms if m.duration_months is not None},
        schedules={sch.instrument_type: sch for sch in rules.subsidy_schedules})


def budget_of(b: dict, file: str) -> Budget:
    """The budget chain: from the EGT-Zuteilung (any jobcenter) or Duisburg's seed arithmetic."""
    if not isinstance(b, dict):
        raise InputError(T.CASE_BUDGET_MAPPING, file=file)
    keys = EGT_CHAIN if "egt_zuteilung_eur" in b or "globalbudget_eur" not in b else SEED_CHAIN
    values = {k: _sourced(b, k, file, path="budget") for k in keys}
    for k, v in values.items():
        if v < 0:
            raise InputError(T.CASE_BUDGET_NEGATIVE.format(key=k, got=f"{v:g}"), file=file)
    sources = tuple((k, _source_of(b, k)) for k in keys)
    paths = {k: year_path_of(b.get(k), file, key=k) for k in ("egt_path", "vorbindungen_path")}
    if keys is EGT_CHAIN:
        values["egt_zuteilung_given_eur"] = values.pop("egt_zuteilung_eur")
        return Budget(**values, sources=sources, **paths)
    return Budget(**values, **paths)


def _policy_value(policy: dict, key: str, default: float, file: str) -> tuple[float, str]:
    if key not in policy:
        label = T.NEUTRAL_FIELD_MIN_SOURCE if key == "field_min_share" else T.NEUTRAL_UPPER_SOURCE
        return default, label.format(share=f"{default:.0%}", multiple=f"{default:g}")
    return _sourced(policy, key, file, path="policy"), _source_of(policy, key)


def field_minima(raw_fields: dict, ms, share: float, share_source: str, file: str) -> list[FieldOfAction]:
    """One FieldOfAction per field: its minimum is the case's own ``min_entries`` if given, else the
    policy share of the entries the table plans for it (rounded down)."""
    planned_by_field: dict[str, float] = {}
    for m in ms:
        planned_by_field[m.field] = planned_by_field.get(m.field, 0.0) + m.planned_entries + m.prebought_entries
    out = []
    for fid, f in raw_fields.items():
        f = f if isinstance(f, dict) else {"name": str(f)}
        planned = planned_by_field.get(fid, 0.0)
        if f.get("min_entries") is not None:
            minimum = _sourced(f, "min_entries", file, path=f"fields.{fid}")
            source = _source_of(f, "min_entries") or f"fields.{fid}.min_entries"
        else:
            minimum = math.floor(share * planned + 1e-9)
            source = f"{share:.0%} of the planned {planned:,.0f} entries, rounded down; {share_source}"
        out.append(FieldOfAction(id=str(fid), name=str(f.get("name") or fid), planned_entries=planned,
                                 min_entries=minimum, min_source=source))
    return out


def _frame_notes(raw: dict, budget: Budget, own_measures: bool, derivation=None) -> tuple[str, ...]:
    """The ESTIMATE parts of a case's frame, for every output: an estimated EGT, a derived catalogue
    and, for a derived case, its origin in one line (``Case.derivation`` holds the details)."""
    from amip.models.fmt import eur
    from amip.models.frame import ratio_text

    notes = []
    src = dict(budget.sources).get("egt_zuteilung_eur", "")
    if "ESTIMATE" in src.upper():
        notes.append(T.EGT_CASE_NOTE.format(amount=eur(budget.egt_zuteilung_eur), source=src))
    cat = raw.get("catalogue")
    if isinstance(cat, dict) and (cat.get("derived") is True or cat.get("source")) and not own_measures:
        notes.append(T.CATALOGUE_CASE_NOTE.format(source=cat.get("source", "")))
        notes.append(T.COMMITMENTS_NOT_CARRIED)
    if derivation is not None:
        labels = list(dict.fromkeys(label for label, *_ in derivation.estimated))
        shown = ", ".join(labels[:10]) + (f" und {len(labels) - 10} weitere" if len(labels) > 10 else "")
        notes.append(T.DERIVATION_NOTE.format(template=derivation.template, labels=shown or "–",
                                              scale=ratio_text(derivation.scale) if derivation.scale else "–"))
    return tuple(notes)


def load_neutral_case(measures: Path, *, budget_eur: float, rates: Path | None = None,
                      year: int | None = None, effects: Path | None = None) -> Case:
    """The neutral frame of ``--measures`` without a case: the table's own fields, the given
    Neufallbudget, no pools, no PAT, no staff, no groups, the policy defaults (named as POLICY)."""
    from amip.models.fmt import eur

    rules = load_rules(int(year or 2020))
    rate_path = Path(rates) if rates else DEFAULT_RATES
    rate_table = load_rates(rate_path)
    ms = load_measures(Path(measures), fields=_AnyName(), pools=_AnyName(), rates=rate_table,
                       upper_multiple=DEFAULT_UPPER_MULTIPLE)
    notes: tuple[str, ...] = ()
    if rules.referral is not None:   # the rule year's referral (2025: FbW and Reha) acts on any table
        ms, notes = refer_measures(ms, rules)
    effect_path = Path(effects) if effects else DEFAULT_EFFECTS
    effect_table = load_effects(effect_path)
    ms = attach_effects(ms, effect_table, upper_multiple=DEFAULT_UPPER_MULTIPLE,
                        policy_source=T.NEUTRAL_UPPER_SOURCE.format(multiple=f"{DEFAULT_UPPER_MULTIPLE:g}"))
    share_source = T.NEUTRAL_FIELD_MIN_SOURCE.format(share=f"{DEFAULT_FIELD_MIN_SHARE:.0%}")
    raw_fields = {f: {"name": f} for f in dict.fromkeys(m.field for m in ms)}
    fields = field_minima(raw_fields, ms, DEFAULT_FIELD_MIN_SHARE, share_source, str(measures))
    budget = Budget().with_neufallbudget(budget_eur, T.NEUTRAL_BUDGET_SOURCE)
    table = split_sheet(Path(measures))[0].name
    notice = T.FRAME_NOTICE.format(measures=table, budget=eur(budget_eur), year=rules.year,
                                   share=f"{DEFAULT_FIELD_MIN_SHARE:.0%}", multiple=f"{DEFAULT_UPPER_MULTIPLE:g}")
    planning = _table_planning(ms, rules)
    name = re.sub(r"[^a-z0-9]+", "-", Path(table).stem.lower()).strip("-") or "eigene-tabelle"
    return Case(name=name, title=T.NEUTRAL_TITLE.format(file=table), year=rules.year, measures=ms,
                fields=tuple(fields), budget=budget, pat=None, pools={}, rules=rules, rates=rate_table,
                files={"measures": str(measures), "rates": str(rate_path), "rules": rules.file,
                       "effects": str(effect_path)},
                planning=planning, frame_notes=(notice,), effects=effect_table, notes=notes)


class _AnyName(set):
    """The field and pool names of the neutral frame: every name the measure table uses is accepted
    (the table defines its own fields; a pool without a size in the frame sets no limit)."""

    def __contains__(self, item) -> bool:
        return True


def refer_measures(ms: tuple[Measure, ...], rules: RuleSet) -> tuple[tuple[Measure, ...], tuple[str, ...]]:
    """The rule year's referral (2025: FbW and Reha to the Agentur für Arbeit): those measures' entries
    become fixed at the planned level and their money leaves the Neufallbudget (see rules.Referral)."""
    ref = rules.referral
    out, hit = [], []
    for m in ms:
        if m.instrument_type in ref.instrument_types and m.budget_basis is not BudgetBasis.OUTSIDE:
            planned = m.planned_entries if m.budget_basis.has_new_entries else 0.0
            out.append(replace(m, budget_basis=BudgetBasis.OUTSIDE, planned_entries=planned, cost_per_entry_eur=0.0,
                               fixed_spend_eur=0.0, lower_entries=0.0, upper_entries=0.0,
                               source=f"{m.source}; {ref.paragraph}: decided and paid by the Agentur für Arbeit "
                                      f"from {rules.year} ({Path(rules.file).name})"))
            hit.append(m)
        else:
            out.append(m)
    if not hit:
        return ms, ()
    types = ", ".join(sorted({m.instrument_type for m in hit}))
    return tuple(out), (T.REFERRED_NOTE.format(year=rules.year, n=len(hit), types=types, paragraph=ref.paragraph,
                                               source=ref.source),)
