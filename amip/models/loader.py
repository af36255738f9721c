"""Load a case from its files: case.yaml, the measure CSV, the rate table CSV and the rule file.

Every error names the file, the row (as a spreadsheet shows it: the header is row 1) and the column.
CSV files may carry a UTF-8 BOM. A file whose header is split by semicolons is read as a German
spreadsheet export: ';' separates, '.' groups thousands and ',' is the decimal mark.
"""
from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path
from typing import Any

from amip.errors import InputError
from amip.models.budget import Budget
from amip.models.case import Case, FieldOfAction, Pool
from amip.models.measure import ID_RE, BudgetBasis, Measure
from amip.models.pat import PAT
from amip.models.planning import MeasurePlanning, Planning, SubsidySchedule
from amip.models.rates import RateEntry, RateTable
from amip.models.rules import EligibilityRule, RuleSet, ShareCap

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PACKAGE_DIR / "data"
RULES_DIR = PACKAGE_DIR / "rules"
DEFAULT_CASE = DATA_DIR / "duisburg-2020" / "case.yaml"

MEASURE_REQUIRED = ("id", "field", "name", "instrument", "instrument_type", "product_category",
                    "budget_basis", "cost_per_entry_eur", "planned_entries", "prebought_entries")
MEASURE_OPTIONAL = ("fixed_spend_eur", "planned_budget_eur", "lower", "upper", "pool", "integration_rate",
                    "rate_source", "duration_months", "seed_lines", "confidence", "note")
RATE_COLUMNS = ("key_type", "key", "rate", "range_low", "range_high", "estimate", "definition", "source")
MAX_EUR = 1e10   #: 10 bn € per entry or item: anything above is a unit error, not a plan


# --------------------------------------------------------------------------- text files
# The reading layer (limits, encodings, strict CSV, one decimal convention per file) is
# amip.models.reading; its functions are re-exported here for the callers that import them from here.
from amip.models.reading import load_yaml, parse_number, read_csv_rows, read_text  # noqa: E402,F401

#: Plausible largest value per column kind (beyond it: a unit or typing error, not a plan).
MAX_ENTRIES = 1e7        #: entries of one measure in one year (Germany has ~4 m eLb)
MAX_DURATION_MONTHS = 600   #: 50 years; § 16i runs at most 60 months


def _non_negative(text: str, *, german: bool, file: str, row: int, column: str, default: float | None,
                  eur: bool) -> float:
    v = parse_number(text, german=german, file=file, row=row, column=column, default=default)
    if v < 0:
        raise InputError(f"{v:g} is negative; it must be ≥ 0", file=file, row=row, column=column)
    if eur and v > MAX_EUR:
        raise InputError(f"{v:g} € is implausibly large (more than {MAX_EUR:,.0f} €)", file=file, row=row,
                         column=column)
    if not eur:
        from amip import texts as T

        top, unit = (MAX_DURATION_MONTHS, "Monate") if column == "duration_months" else (MAX_ENTRIES, "")
        if v > top:
            raise InputError(T.NUMBER_TOO_LARGE.format(value=f"{v:g}", limit=f"{top:g}", unit=unit).rstrip(),
                             file=file, row=row, column=column)
    return v


def _check_columns(header: list[str], required: tuple[str, ...], optional: tuple[str, ...], file: str) -> None:
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError(f"missing column(s) {', '.join(missing)}; required: {', '.join(required)}", file=file, row=1)
    unknown = [c for c in header if c not in required + optional]
    if unknown:
        raise InputError(f"unknown column(s) {', '.join(repr(c) for c in unknown)}; "
                         f"allowed: {', '.join(required + optional)}", file=file, row=1)
    dupes = {c for c in header if header.count(c) > 1}
    if dupes:
        raise InputError(f"duplicate column(s) {', '.join(sorted(dupes))}", file=file, row=1)


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
                raise InputError(f"{v} lies outside [0, 1]", file=file, row=n, column=c)
        key = (r["key_type"], r["key"])
        if key in seen:
            raise InputError(f"duplicate key {key[0]}={key[1]} (first in row {seen[key]})", file=file, row=n,
                             column="key")
        seen[key] = n
        if r["estimate"].lower() not in ("yes", "no", "true", "false", "1", "0"):
            raise InputError(f"'{r['estimate']}' must be yes or no", file=file, row=n, column="estimate")
        try:
            entries.append(RateEntry(key_type=r["key_type"], key=r["key"], estimate=r["estimate"].lower() in
                                     ("yes", "true", "1"), definition=r["definition"], source=r["source"], **nums))
        except InputError as e:
            raise InputError(str(e), file=file, row=n) from None
    return RateTable(tuple(entries), file=file)


# --------------------------------------------------------------------------- measure table
def load_measures(path: Path, *, fields: set[str], pools: set[str], rates: RateTable,
                  upper_multiple: float) -> tuple[Measure, ...]:
    file = str(path)
    if is_workbook(path):
        from amip.models.workbook import read_sheet_table

        book, sheet = split_sheet(path)
        file = str(book)
        table = read_sheet_table(book, "measure table", MEASURE_REQUIRED, sheet=sheet)
        try:
            return _parse_measures(table.header, table.rows, False, file, fields=fields, pools=pools, rates=rates,
                                   upper_multiple=upper_multiple, where=lambda n: f"{book.name} {table.cell(n, 'id')}")
        except InputError as e:
            raise table.error(e) from None
    header, rows, german = read_csv_rows(path, "measure table")
    _check_columns(header, MEASURE_REQUIRED, MEASURE_OPTIONAL, file)
    return _parse_measures(header, rows, german, file, fields=fields, pools=pools, rates=rates,
                           upper_multiple=upper_multiple, where=lambda n: f"{Path(file).name} row {n}")


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


def _parse_measures(header: list[str], rows, german: bool, file: str, *, fields: set[str], pools: set[str],
                    rates: RateTable, upper_multiple: float, where) -> tuple[Measure, ...]:
    """The measure rows (text cells, from a CSV or a workbook), checked and turned into Measures."""
    seen: dict[str, int] = {}
    out = []
    for n, r in rows:
        def num(col: str, default: float | None = None, *, eur: bool = False, r=r, n=n) -> float:
            return _non_negative(r.get(col, ""), german=german, file=file, row=n, column=col, default=default, eur=eur)

        mid = r["id"]
        if not ID_RE.match(mid):
            raise InputError(f"id '{mid}' must be lowercase letters, digits, '-' or '_'", file=file, row=n, column="id")
        if mid in seen:
            raise InputError(f"duplicate id '{mid}' (first in row {seen[mid]})", file=file, row=n, column="id")
        seen[mid] = n
        if r["field"] not in fields:
            raise InputError(f"unknown field of action '{r['field']}'; known: {', '.join(sorted(fields))}",
                             file=file, row=n, column="field")
        try:
            basis = BudgetBasis(r["budget_basis"])
        except ValueError:
            raise InputError(f"unknown budget_basis '{r['budget_basis']}'; known: "
                             f"{', '.join(b.value for b in BudgetBasis)}", file=file, row=n,
                             column="budget_basis") from None
        for c in ("name", "instrument_type", "product_category"):
            if not r[c]:
                raise InputError("value is missing", file=file, row=n, column=c)
        planned = num("planned_entries", 0.0)
        prebought = num("prebought_entries", 0.0)
        needs_cost = basis.has_new_entries
        cost = num("cost_per_entry_eur", None if needs_cost else 0.0, eur=True)
        fixed = num("fixed_spend_eur", 0.0, eur=True)
        if basis is BudgetBasis.PRIOR_YEAR and fixed == 0:
            fixed = num("planned_budget_eur", 0.0, eur=True)
        if fixed and basis is not BudgetBasis.PRIOR_YEAR:
            raise InputError(f"fixed_spend_eur is only for budget_basis 'prior_year', not '{basis.value}'",
                             file=file, row=n, column="fixed_spend_eur")
        pool = r.get("pool", "")
        if pool and pool not in pools:
            raise InputError(f"unknown pool '{pool}'; known: {', '.join(sorted(pools))}", file=file, row=n,
                             column="pool")
        # Rate: own column, else the rate table by instrument type, else by product category.
        own = r.get("integration_rate", "")
        if own:
            rate = parse_number(own, german=german, file=file, row=n, column="integration_rate")
            if not 0 <= rate <= 1:
                raise InputError(f"integration rate {rate:g} lies outside [0, 1]", file=file, row=n,
                                 column="integration_rate")
            rate_source = r.get("rate_source", "")
            if not rate_source:
                raise InputError("an integration_rate needs its rate_source", file=file, row=n, column="rate_source")
            estimate = "ESTIMATE" in rate_source.upper()
            low = high = None
            dist, range_source = "fixed", ("own rate without a range: no uncertainty in the Monte Carlo "
                                           "unless a scenario's 'uncertainty' section names one")
        else:
            entry = rates.lookup(r["instrument_type"], r["product_category"])
            if entry is None:
                raise InputError(f"no integration rate for instrument_type '{r['instrument_type']}' or product "
                                 f"category '{r['product_category']}' in {rates.file}; add a row there or give "
                                 f"integration_rate and rate_source", file=file, row=n, column="instrument_type")
            rate, rate_source, estimate = entry.rate, entry.label, entry.estimate
            low, high, dist = entry.range_low, entry.range_high, "triangular"
            range_source = (f"{Path(rates.file).name} {entry.key_type} '{entry.key}': range "
                            f"[{entry.range_low:g}, {entry.range_high:g}] ({entry.source}); default distribution: "
                            "triangular with its mode at the rate")
        # Bounds on new entries.
        if basis.has_new_entries:
            lower = num("lower", 0.0)
            upper_text = r.get("upper", "")
            upper = num("upper") if upper_text else upper_multiple * planned
        else:
            for c in ("lower", "upper"):
                if r.get(c, "") and num(c) != 0:
                    raise InputError(f"a bound on new entries needs budget_basis new or mixed, not '{basis.value}'",
                                     file=file, row=n, column=c)
            lower = upper = 0.0
        try:
            out.append(Measure(
                id=mid, field=r["field"], name=r["name"], instrument=r["instrument"],
                instrument_type=r["instrument_type"], product_category=r["product_category"], budget_basis=basis,
                cost_per_entry_eur=cost, planned_entries=planned, prebought_entries=prebought,
                lower_entries=lower, upper_entries=upper, integration_rate=rate, rate_source=rate_source,
                rate_is_estimate=estimate, fixed_spend_eur=fixed, pool=pool, rate_low=low, rate_high=high,
                rate_distribution=dist, rate_range_source=range_source,
                duration_months=num("duration_months") if r.get("duration_months", "") else None,
                source=where(n) + (f"; seed L{r['seed_lines']}" if r.get("seed_lines") else "")))
        except InputError as e:   # the Measure names its field; the file and row are added once
            raise InputError(e.problem, file=file, row=n, column=e.column) from None
    return tuple(out)


# --------------------------------------------------------------------------- rule file
def load_rules(year: int, rules_dir: Path = RULES_DIR) -> RuleSet:
    path = rules_dir / f"{year}.yaml"
    if not path.exists():
        known = sorted(p.stem for p in rules_dir.glob("*.yaml"))
        raise InputError(f"no rule file for year {year}; known years: {', '.join(known)}", file=str(path))
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
        raise InputError(f"subsidy_schedules: each entry needs instrument_type, paragraph, shares (numbers), "
                         f"max_months and source ({e})", file=str(path)) from None
    return RuleSet(year=int(raw["year"]), file=str(path), pat_rates_eur_per_month=rates,
                   pat_instrument_types=tuple(pat["instrument_types"]) if pat else (),
                   pat_cap_at_subsidy=bool(pat["cap_at_subsidy"]["value"]) if pat else True,
                   pat_sources=sources or {}, eligibility=elig, share_caps=caps, subsidy_schedules=schedules,
                   raw=raw)


# --------------------------------------------------------------------------- case
def _sourced(d: dict, key: str, file: str) -> float:
    try:
        item = d[key]
        return float(item["value"])
    except KeyError:
        raise InputError(f"missing key '{key}'", file=file) from None
    except (TypeError, ValueError):
        raise InputError(f"key '{key}' must be {{value: <number>, source: <text>}}", file=file) from None


def _sections_named(f):
    """A case file without a required section or key is bad input naming the file and the key, not a
    KeyError traceback (the body of load_case indexes its sections directly)."""
    import functools

    @functools.wraps(f)
    def inner(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except KeyError as e:
            from amip import texts as T

            file = kwargs.get("case_file", args[0] if args else DEFAULT_CASE)
            raise InputError(T.SECTION_MISSING.format(key=e.args[0] if e.args else "?"), file=str(file)) from None
        except (TypeError, AttributeError) as e:   # a section that is a list or a number instead of a mapping
            file = kwargs.get("case_file", args[0] if args else DEFAULT_CASE)
            raise InputError(f"Aufbau der Falldatei: {e}", file=str(file)) from None
    return inner


@_sections_named
def load_case(case_file: Path = DEFAULT_CASE, *, measures: Path | None = None, rates: Path | None = None,
              year: int | None = None) -> Case:
    """Load a case. ``measures``/``rates`` replace the case's own tables (a planner's CSV)."""
    case_file = Path(case_file)
    raw: dict[str, Any] = load_yaml(case_file, "case file")
    file = str(case_file)
    base = case_file.parent
    rules = load_rules(int(year or raw["year"]))
    rate_path = Path(rates) if rates else base / raw["rates"]
    rate_table = load_rates(rate_path)

    b = raw["budget"]
    budget = Budget(**{k: _sourced(b, k, file) for k in (
        "globalbudget_eur", "verwaltung_gesamt_eur", "kfa_eur", "rueckeinnahmen_verwaltung_eur",
        "umschichtung_eur", "vorbindungen_eur", "rueckeinnahmen_egt_eur")})
    policy = raw.get("policy") or {}
    if "budget_support_low" in policy or "budget_support_high" in policy:
        try:
            budget = replace(budget, support_low_share=_sourced(policy, "budget_support_low", file),
                             support_high_share=_sourced(policy, "budget_support_high", file),
                             support_source="; ".join(f"{k}: {policy[k]['source']}"
                                                      for k in ("budget_support_low", "budget_support_high")))
        except InputError as e:
            raise InputError(f"policy: {e}", file=file) from None

    pools = {k: Pool(k, float(v["value"]), v["source"]) for k, v in (raw.get("pools") or {}).items()}
    upper_multiple = _sourced(policy, "upper_multiple", file)
    measure_path = Path(measures) if measures else base / raw["measures"]
    ms = load_measures(measure_path, fields=set(raw["fields"]), pools=set(pools), rates=rate_table,
                       upper_multiple=upper_multiple)

    share = _sourced(policy, "field_min_share", file)
    if not 0 <= share <= 1:
        raise InputError(f"policy.field_min_share must lie in [0, 1], got {share}", file=file)
    share_source = policy["field_min_share"]["source"]
    fields = []
    for fid, f in raw["fields"].items():
        planned = sum(m.planned_entries + m.prebought_entries for m in ms if m.field == fid)
        fields.append(FieldOfAction(id=fid, name=f["name"], planned_entries=planned,
                                    min_entries=math.floor(share * planned + 1e-9),
                                    min_source=f"{share:.0%} of the planned {planned:,.0f} entries, rounded down; "
                                               f"{share_source}"))

    pat = None
    if rules.pat_rates_eur_per_month:
        p = raw["pat"]
        pat = PAT(rates_eur_per_month=rules.pat_rates_eur_per_month,
                  bg_mix={k: float(v["value"]) for k, v in p["bg_mix"].items()},
                  months_in_year=_sourced(p, "months_in_year", file),
                  new_cases_cap_eur=_sourced(p, "new_cases_cap_eur", file),
                  instrument_types=rules.pat_instrument_types, cap_at_subsidy=rules.pat_cap_at_subsidy)
    files = {"case": file, "measures": str(measure_path), "rates": str(rate_path), "rules": rules.file}
    if raw.get("planning"):
        planning_path = base / raw["planning"]
        if not planning_path.is_file():
            raise InputError(f"planning file '{raw['planning']}' not found", file=file)
        files["planning"] = str(planning_path)
    # Durations from the measure table; the planning file fills the others (amip.scenarios.planning).
    planning = Planning(
        measures={m.id: MeasurePlanning(duration_months=m.duration_months,
                                        duration_source=f"measure table: {m.source}")
                  for m in ms if m.duration_months is not None},
        schedules={sch.instrument_type: sch for sch in rules.subsidy_schedules})
    return Case(name=raw["name"], title=raw.get("title", raw["name"]), year=rules.year, measures=ms,
                fields=tuple(fields), budget=budget, pat=pat, pools=pools, rules=rules, rates=rate_table,
                files=files, planning=planning)
