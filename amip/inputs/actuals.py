"""Read the actuals workbook of the running year (Ist; the sheets and their meaning: ``amip.models.actuals``).

Cells are read like the measure workbook's (``amip.inputs.workbook``): real numbers, or text in
German format; errors name the sheet and the cell. Checked: unknown measure ids, month headers
outside 1-12, cumulative values that fall, months after the report month already filled in, and
spending above the measure's planned money for the year without a commitment record. Stdlib only
at import time; openpyxl is imported when a workbook is read.
"""
from __future__ import annotations

import re
from pathlib import Path

from amip import texts as T
from amip.errors import InputError
from amip.inputs.reading import parse_number, read_csv_rows
from amip.models.actuals import (
    ID_HEADERS,
    MONTH_NAMES,
    MONTHS,
    REST_HEADER,
    SHEET_COMMIT,
    SHEET_ENTRIES,
    SHEET_SPEND,
    TOL_EUR,
    Actuals,
    MeasureActuals,
    budget_measures,
    later_headers,
    planned_spend_eur,
)
from amip.models.case import Case
from amip.models.fmt import eur, fixed
from amip.models.forecast import CURVE_COLUMNS, CurvePoint, Profile, fit_profile
from amip.models.measure import Measure, id_key

CURVE_FILE = Path(__file__).resolve().parent.parent / "data" / "spending-curve.csv"


def _hkey(v) -> str:
    return re.sub(r"\s+", " ", str(v).strip().lower()) if v is not None else ""


#: English month abbreviations (an Excel in English writes 'Jun-20' as text): the German ones are MONTHS.
_EN_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})")        # 30.06.2020
_MONTH_YEAR = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{4})")                    # 06/2020, 6.2020, 06-2020
_ISO = re.compile(r"(\d{4})-(\d{1,2})(?:-\d{1,2})?(?:[ t]\d.*)?")          # 2020-06, 2020-06-30
_NAME_YEAR = re.compile(r"([a-zäöü]+)\.?\s*[\s/'\-]?\s*(\d{4}|\d{2})")     # Juni 2020, Jun. 20, Jun-20


def _month_name(t: str) -> int | None:
    for i, (short, full) in enumerate(zip(MONTHS, MONTH_NAMES, strict=True)):
        if t in (short.lower(), full, full[:3], _EN_MONTHS[i]):
            return i + 1
    return None


def _year(text: str) -> int:
    y = int(text)
    return 2000 + y if y < 100 else y


def month_of_header(value) -> tuple[int, int | None] | None:
    """The month (and the year, if the header names one) of a month column, in the forms a planner
    writes them: 'Jan', 'Januar', 'Mär', 1, '01', '1.', a date cell, 'Juni 2020', 'Jun-20', '06/2020',
    '30.06.2020', '2020-06' (a number outside 1-12 is returned as it is); None if the header is not a
    month (a name or a sum column)."""
    import datetime as dt

    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.month, value.year
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (int(value), None) if float(value).is_integer() else None
    t = _hkey(value).rstrip(".")
    if re.fullmatch(r"-?\d+", t):
        return int(t), None
    for pattern, month, year in ((_DAY_MONTH_YEAR, 2, 3), (_MONTH_YEAR, 1, 2), (_ISO, 2, 1)):
        m = pattern.fullmatch(t)
        if m:
            return int(m.group(month)), _year(m.group(year))
    m = _NAME_YEAR.fullmatch(t)
    if m and _month_name(m.group(1)):
        return _month_name(m.group(1)), _year(m.group(2))
    mo = _month_name(t)
    return (mo, None) if mo else None


def _number(file: str, cell: str, value, what: str) -> float | None:
    from amip.inputs.workbook import cell_number, cell_text, typed_cell_problem

    problem = typed_cell_problem(value, numeric=True)
    if problem:
        raise InputError(f"{what}: {problem}", file=file, cell=cell)
    if cell_text(value) == "":
        return None
    v = cell_number(value, file=file, cell=cell, message=T.ACT_NOT_A_NUMBER, what=what)
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
                  what: str, year: int) -> tuple[dict[str, dict[int, tuple[float, str]]], int]:
    """{measure id: {month: (cumulative value, cell)}}, and the last month filled in anywhere."""
    from amip.inputs.workbook import column_letter

    h, id_col = _find_header(file, sheet, rows)
    months: dict[int, int] = {}          # column index → month
    for i, v in enumerate(rows[h]):
        found = month_of_header(v)
        if found is None or i == id_col:
            continue
        mo, named_year = found
        cell = f"{sheet}!{column_letter(i)}{h + 1}"
        if not 1 <= mo <= 12:
            raise InputError(T.ACT_MONTH_RANGE.format(month=mo), file=file, cell=cell)
        if named_year is not None and named_year != year:
            raise InputError(T.ACT_MONTH_YEAR.format(header=v, year=named_year, case_year=year), file=file, cell=cell)
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
    from amip.inputs.workbook import column_letter

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
    from amip.inputs.workbook import find_sheet, open_workbook, sheet_rows

    file = str(path)
    if month is not None and not 1 <= month <= 12:
        raise InputError(T.ACT_OPTION_MONTH.format(month=month))
    known = {m.id: m for m in budget_measures(case)}
    wb = open_workbook(path, "actuals workbook")
    try:
        sheets = {}
        for name in (SHEET_ENTRIES, SHEET_SPEND):
            found = find_sheet(wb.sheetnames, name, file)
            if found is None:
                raise InputError(T.ACT_NO_SHEET.format(sheet=name, sheets=", ".join(wb.sheetnames)), file=file)
            sheets[name] = sheet_rows(wb[found], file, "actuals workbook")
        commit = find_sheet(wb.sheetnames, SHEET_COMMIT, file)
        commit_rows = sheet_rows(wb[commit], file, "actuals workbook") if commit else None
    finally:
        wb.close()
    entries, last_e = _read_monthly(file, SHEET_ENTRIES, sheets[SHEET_ENTRIES], known, month, "Eintritte", case.year)
    spend, last_s = _read_monthly(file, SHEET_SPEND, sheets[SHEET_SPEND], known, month, "Ausgaben", case.year)
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


# --------------------------------------------------------------------------- the national spending curve
def read_curve_points(path: Path = CURVE_FILE) -> tuple[CurvePoint, ...]:
    """The rows of the spending-curve CSV (columns month, share_of_allocation, years, kind, source)."""
    file = str(path)
    header, rows, german = read_csv_rows(path, T.CURVE_WHAT)
    missing = [c for c in CURVE_COLUMNS if c not in header]
    if missing:
        raise InputError(T.LD_MISSING_COLS.format(missing=", ".join(missing), required=", ".join(CURVE_COLUMNS)),
                         file=file, row=1)
    out = []
    for n, r in rows:
        month = parse_number(r["month"], german=german, file=file, row=n, column="month")
        if month != int(month) or not 1 <= month <= 12:
            raise InputError(T.CURVE_BAD_MONTH.format(value=r["month"]), file=file, row=n, column="month")
        share = parse_number(r["share_of_allocation"], german=german, file=file, row=n, column="share_of_allocation")
        if not 0 < share <= 1:
            raise InputError(T.CURVE_BAD_SHARE.format(value=r["share_of_allocation"]), file=file, row=n,
                             column="share_of_allocation")
        if not r["years"]:
            raise InputError(T.RD_VALUE_MISSING, file=file, row=n, column="years")
        out.append(CurvePoint(int(month), share, r["years"], r["kind"], r["source"]))
    return tuple(out)


def national_profile(path: Path = CURVE_FILE) -> Profile:
    """The national profile: ``fit_profile`` of the shipped spending-curve CSV (``amip/data/spending-curve.csv``,
    the points of domain.md §7.3), or of a CSV of the same columns that replaces it (``--curve``)."""
    own = "" if Path(path).resolve() == CURVE_FILE else Path(path).name
    return fit_profile(read_curve_points(path), str(path), own_file=own)
