"""Actuals of the running year (Ist): per measure and month, entries, spending (Ausgaben) and the
money already bound (Festlegungen / Bindungen) for the rest of the year and for later years.

The workbook (``amip template --actuals``) has three sheets, one row per measure that is paid from
the Neufallbudget (new entries or a fixed money-only item):

- ``Eintritte``: cumulative new entries at the end of each month (columns Jan … Dez);
- ``Ausgaben``: cumulative spending in euros at the end of each month (gross, as booked);
- ``Festlegungen``: money bound by the entries and contracts so far, for the rest of the year and
  for each later year (the year keys of the case, e.g. 2021, 2022, 2023+).

Cells are read like the measure workbook's (``amip.models.workbook``): real numbers, or text in
German format; errors name the sheet and the cell. Checked: unknown measure ids, month headers
outside 1-12, cumulative values that fall, months after the report month already filled in, and
spending above the measure's planned money for the year without a commitment record. Stdlib only
at import time; openpyxl is imported when a workbook is read.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from amip import texts as T
from amip.errors import InputError
from amip.models.case import Case
from amip.models.fmt import eur, fixed
from amip.models.measure import Measure, id_key

MONTHS = ("Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez")
MONTH_NAMES = ("januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
               "oktober", "november", "dezember")
SHEET_ENTRIES, SHEET_SPEND, SHEET_COMMIT = "Eintritte", "Ausgaben", "Festlegungen"
ID_HEADERS = ("maßnahme-id", "massnahme-id", "id", "kennung")
NAME_HEADER = "Maßnahme"
PLAN_ENTRIES_HEADER = "Plan Eintritte (Jahr)"
PLAN_SPEND_HEADER = "Plan Ausgaben (Jahr, €)"
REST_HEADER = "gebunden Rest des Jahres (€)"
TOL_EUR = 0.5


def budget_measures(case: Case) -> list[Measure]:
    """The measures whose money comes from the Neufallbudget: those with new entries and the fixed
    money-only items. Their rows make up the actuals workbook."""
    return [m for m in case.measures if m.budget_basis.has_new_entries or m.fixed_spend_eur > 0]


def planned_spend_eur(m: Measure) -> float:
    """The measure's planned money for the year, gross: cost × planned new entries + fixed money."""
    return (m.cost_per_entry_eur * m.planned_entries if m.budget_basis.has_new_entries else 0.0) + m.fixed_spend_eur


def later_headers(case: Case) -> list[str]:
    return [f"gebunden {k} (€)" for k in case.planning.year_keys(case.year)]


@dataclass(frozen=True)
class MeasureActuals:
    id: str
    entries: tuple[float, ...]         #: cumulative new entries at the end of months 1..month
    spend_eur: tuple[float, ...]       #: cumulative spending at the end of months 1..month
    committed_rest_eur: float = 0.0    #: money bound for the months after the report month
    committed_later_eur: tuple[float, ...] = ()   #: per later-year key of the case
    has_commitment: bool = False       #: a commitment record exists (any cell filled in)

    @property
    def entries_to_date(self) -> float:
        return self.entries[-1] if self.entries else 0.0

    @property
    def spend_to_date_eur(self) -> float:
        return self.spend_eur[-1] if self.spend_eur else 0.0


@dataclass(frozen=True)
class Actuals:
    file: str
    month: int                         #: report month: actuals cover months 1..month
    measures: dict[str, MeasureActuals] = field(default_factory=dict)

    def of(self, measure_id: str) -> MeasureActuals:
        """A measure without a row has no entries and no spending yet."""
        return self.measures.get(measure_id) or MeasureActuals(measure_id, (0.0,) * self.month,
                                                                (0.0,) * self.month)


# --------------------------------------------------------------------------- reading
def _hkey(v) -> str:
    return re.sub(r"\s+", " ", str(v).strip().lower()) if v is not None else ""


def month_of_header(value) -> int | None:
    """'Jan', 'Januar', 'Mär', 1, '01', '1.' → 1..12 (a number outside 1-12 is returned as it is);
    None if the header is not a month."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value) if float(value).is_integer() else None
    t = _hkey(value).rstrip(".")
    if re.fullmatch(r"-?\d+", t):
        return int(t)
    for i, (short, full) in enumerate(zip(MONTHS, MONTH_NAMES, strict=True)):
        if t in (short.lower(), full, full[:3]):
            return i + 1
    return None


def _number(file: str, cell: str, value, what: str) -> float | None:
    from amip.models.workbook import cell_text

    text = cell_text(value)
    if text == "":
        return None
    try:
        v = float(text)
    except ValueError:
        raise InputError(T.ACT_NOT_A_NUMBER.format(what=what, value=value), file=file, cell=cell) from None
    if math.isnan(v) or math.isinf(v):
        raise InputError(T.ACT_NOT_FINITE.format(what=what, value=value), file=file, cell=cell)
    if v < 0:
        raise InputError(T.ACT_NEGATIVE.format(what=what, value=value), file=file, cell=cell)
    return v


def _find_header(file: str, sheet: str, rows: list[list]) -> tuple[int, int]:
    for h, values in enumerate(rows[:30]):
        for i, v in enumerate(values):
            if _hkey(v) in ID_HEADERS:
                return h, i
    raise InputError(T.ACT_NO_HEADER, file=file, cell=sheet)


def _read_monthly(file: str, sheet: str, rows: list[list], known: dict[str, Measure], month: int | None,
                  what: str) -> tuple[dict[str, dict[int, tuple[float, str]]], int]:
    """{measure id: {month: (cumulative value, cell)}}, and the last month filled in anywhere."""
    from amip.models.workbook import column_letter

    h, id_col = _find_header(file, sheet, rows)
    months: dict[int, int] = {}          # column index → month
    for i, v in enumerate(rows[h]):
        mo = month_of_header(v)
        if mo is None or i == id_col:
            continue
        cell = f"{sheet}!{column_letter(i)}{h + 1}"
        if not 1 <= mo <= 12:
            raise InputError(T.ACT_MONTH_RANGE.format(month=mo), file=file, cell=cell)
        if mo in months.values():
            raise InputError(T.ACT_MONTH_TWICE.format(month=MONTHS[mo - 1]), file=file, cell=cell)
        months[i] = mo
    if not months:
        raise InputError(T.ACT_NO_MONTHS, file=file, cell=f"{sheet}!{h + 1}")
    out: dict[str, dict[int, tuple[float, str]]] = {}
    last = 0
    canon = {id_key(k): k for k in known}
    for n, r in enumerate(rows[h + 1:], start=h + 2):
        mid = str(r[id_col]).strip() if id_col < len(r) and r[id_col] is not None else ""
        if not mid:
            if any(r[i] not in (None, "") for i in months if i < len(r)):
                raise InputError(T.ACT_NO_ID, file=file, cell=f"{sheet}!{column_letter(id_col)}{n}")
            continue
        mid = canon.get(id_key(mid), mid)   # ids match case-insensitively: 'M01' is the table's 'm01'
        if mid not in known:
            raise InputError(T.ACT_UNKNOWN.format(id=mid),
                             file=file, cell=f"{sheet}!{column_letter(id_col)}{n}")
        if mid in out:
            raise InputError(T.ACT_ID_TWICE.format(id=mid), file=file, cell=f"{sheet}!{column_letter(id_col)}{n}")
        vals: dict[int, tuple[float, str]] = {}
        for i, mo in sorted(months.items(), key=lambda kv: kv[1]):
            cell = f"{sheet}!{column_letter(i)}{n}"
            v = _number(file, cell, r[i] if i < len(r) else None, what)
            if v is None:
                continue
            if month is not None and mo > month:
                raise InputError(T.ACT_AFTER_MONTH.format(month=MONTHS[mo - 1], report=MONTHS[month - 1], m=month),
                                 file=file, cell=cell)
            prev = [(pm, pv) for pm, pv in vals.items() if pm < mo]
            if prev and v < prev[-1][1][0] - 1e-9:
                pm, (pv, pcell) = prev[-1]
                raise InputError(T.ACT_FALLS.format(what=what, before=fixed(pv, 2), month=MONTHS[pm - 1], cell=pcell,
                                                  now=fixed(v, 2)), file=file, cell=cell)
            vals[mo] = (v, cell)
            last = max(last, mo)
        out[mid] = vals
    return out, last


def _read_commitments(file: str, sheet: str, rows: list[list], known: dict[str, Measure], case: Case):
    from amip.models.workbook import column_letter

    h, id_col = _find_header(file, sheet, rows)
    wanted = {_hkey(REST_HEADER): "rest"}
    for k, head in zip(case.planning.year_keys(case.year), later_headers(case), strict=True):
        wanted[_hkey(head)] = k
    cols = {i: wanted[_hkey(v)] for i, v in enumerate(rows[h]) if _hkey(v) in wanted}
    out: dict[str, tuple[float, dict[str, float]]] = {}
    canon = {id_key(k): k for k in known}
    for n, r in enumerate(rows[h + 1:], start=h + 2):
        mid = str(r[id_col]).strip() if id_col < len(r) and r[id_col] is not None else ""
        if not mid:
            continue
        mid = canon.get(id_key(mid), mid)   # ids match case-insensitively: 'M01' is the table's 'm01'
        if mid not in known:
            raise InputError(T.ACT_UNKNOWN.format(id=mid),
                             file=file, cell=f"{sheet}!{column_letter(id_col)}{n}")
        vals = {key: _number(file, f"{sheet}!{column_letter(i)}{n}", r[i] if i < len(r) else None,
                             "gebundene Euro") for i, key in cols.items()}
        if all(v is None for v in vals.values()):
            continue
        out[mid] = (vals.get("rest") or 0.0, {k: v or 0.0 for k, v in vals.items() if k != "rest"})
    return out


def read_actuals(path: Path, case: Case, *, month: int | None = None) -> Actuals:
    """The actuals workbook, checked against the case. ``month``: the report month (default: the
    last month filled in); a value for a later month is an error."""
    from amip.models.workbook import open_workbook, sheet_rows

    file = str(path)
    if month is not None and not 1 <= month <= 12:
        raise InputError(T.ACT_OPTION_MONTH.format(month=month))
    known = {m.id: m for m in budget_measures(case)}
    wb = open_workbook(path, "actuals workbook")
    try:
        sheets = {}
        for name in (SHEET_ENTRIES, SHEET_SPEND):
            if name not in wb.sheetnames:
                raise InputError(T.ACT_NO_SHEET.format(sheet=name, sheets=", ".join(wb.sheetnames)), file=file)
            sheets[name] = sheet_rows(wb[name], file, "actuals workbook")
        commit_rows = (sheet_rows(wb[SHEET_COMMIT], file, "actuals workbook")
                       if SHEET_COMMIT in wb.sheetnames else None)
    finally:
        wb.close()
    entries, last_e = _read_monthly(file, SHEET_ENTRIES, sheets[SHEET_ENTRIES], known, month, "Eintritte")
    spend, last_s = _read_monthly(file, SHEET_SPEND, sheets[SHEET_SPEND], known, month, "Ausgaben")
    report = month or max(last_e, last_s)
    if report == 0:
        raise InputError(T.ACT_EMPTY, file=file, cell=SHEET_SPEND)
    commits = _read_commitments(file, SHEET_COMMIT, commit_rows, known, case) if commit_rows else {}
    keys = case.planning.year_keys(case.year)
    out = {}
    for mid in sorted(set(entries) | set(spend) | set(commits)):
        m = known[mid]
        e = _fill(entries.get(mid, {}), report)
        s = _fill(spend.get(mid, {}), report)
        rest, later = commits.get(mid, (0.0, {}))
        over = [(mo, v, cell) for mo, (v, cell) in sorted(spend.get(mid, {}).items())
                if v > planned_spend_eur(m) + TOL_EUR]
        if over and mid not in commits:
            mo, v, cell = over[0]
            raise InputError(T.ACT_OVER_PLAN.format(id=m.id, month=MONTHS[mo - 1], spend=eur(v),
                                                 plan=eur(planned_spend_eur(m)), sheet=SHEET_COMMIT),
                             file=file, cell=cell)
        out[mid] = MeasureActuals(mid, e, s, rest, tuple(later.get(k, 0.0) for k in keys), mid in commits)
    return Actuals(file, report, out)


def _fill(vals: dict[int, tuple[float, str]], month: int) -> tuple[float, ...]:
    """Cumulative values for months 1..month; an empty month carries the month before (0 at first)."""
    out, cur = [], 0.0
    for mo in range(1, month + 1):
        if mo in vals:
            cur = vals[mo][0]
        out.append(cur)
    return tuple(out)


# --------------------------------------------------------------------------- actuals derived from the plan
def derived_from_plan(case: Case, share: tuple[float, ...], month: int, pace: dict[str, float] | None = None) -> dict[str, tuple[list, list, tuple[float, list[float]]]]:
    """Actuals as the plan would give them (for examples and tests): per measure 12 cumulative entries
    and spending values (None after ``month``), following the cumulative profile ``share``, each
    measure at ``pace`` × the plan (default 1); bound for the rest of the year: the money the pace
    still spends this year less what its later entries will cost (so the re-plan's baseline spends
    what the forecast says); bound in later years: the later-year money of the entries to date."""
    from amip.models.replan import cost_factor

    pace = pace or {}
    keys = case.planning.year_keys(case.year)
    out = {}
    for m in budget_measures(case):
        p = pace.get(m.id, 1.0)
        plan_e = m.planned_entries if m.budget_basis.has_new_entries else 0.0
        ent = [round(plan_e * p * share[k], 6) if k < month else None for k in range(12)]
        spd = [round(planned_spend_eur(m) * p * share[k], 2) if k < month else None for k in range(12)]
        e = ent[month - 1] or 0.0
        left = planned_spend_eur(m) * p * (1 - share[month - 1])   # what the pace still spends this year
        if m.budget_basis.has_new_entries and month < 12:        # less what its later entries will cost
            left -= m.cost_per_entry_eur * cost_factor(case, m, month + 1) * plan_e * p * (1 - share[month - 1])
        rest = round(max(0.0, left), 2)
        later = [round(c * e, 2) for c in case.commitment_per_entry_eur(m)] if m.budget_basis.has_new_entries \
            else [0.0] * len(keys)
        out[m.id] = (ent, spd, (rest, later))
    return out


def actuals_of(values: dict[str, tuple[list, list, tuple[float, list[float]]]], month: int,
               file: str = "(derived from the plan)") -> Actuals:
    """The Actuals of ``derived_from_plan`` values, without a workbook."""
    out = {}
    for mid, (ent, spd, (rest, later)) in values.items():
        out[mid] = MeasureActuals(mid, tuple(v or 0.0 for v in ent[:month]), tuple(v or 0.0 for v in spd[:month]),
                                  rest, tuple(later), True)
    return Actuals(file, month, out)
