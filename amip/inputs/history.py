"""Read a history of the jobcenter's own results (``amip.models.history``): a workbook (sheet
``Ergebnisse``, German headers) or a CSV (German headers or the machine keys ``id, year, exits,
in_job_6m, entries, cost_eur``), through the one reading layer. Errors name the sheet and cell (or the
row and column) and exit 2: unknown measure, 'davon in svB' above the exits, negative or fractional
counts, a year after the planning year, a (measure, year) twice. A row with no counts at all (the template's
pre-filled id and year) is skipped.
"""
from __future__ import annotations

import hashlib
import math
import re
from pathlib import Path

from amip import texts as T
from amip.errors import InputError
from amip.models.history import COLUMNS, REQUIRED, History, HistoryRow
from amip.models.measure import id_key

#: the shipped simulated example (its rows carry the label "Beispieldaten, simuliert")
EXAMPLE_FILE = Path(__file__).resolve().parent.parent / "data" / "duisburg-2020" / "history-example.csv"
_COUNTS = ("exits", "in_job_6m", "entries")


def _hkey(text) -> str:
    return re.sub(r"\s+", " ", str(text or "").strip().lower())


#: header as written (German or machine key, case-insensitive) → machine key
_HEADER = {**{_hkey(de): key for key, de in COLUMNS.items()}, **{key: key for key in COLUMNS},
           "kosten": "cost_eur", "kosten (eur)": "cost_eur", "davon in svb": "in_job_6m"}


def _sha256(path: Path) -> str:
    from amip.inputs.reading import read_bytes

    return hashlib.sha256(read_bytes(path, "history")).hexdigest()


def _columns(header: list, file: str, where) -> dict[int, str]:
    cols = {i: _HEADER[_hkey(h)] for i, h in enumerate(header) if _hkey(h) in _HEADER}
    missing = [COLUMNS[k] for k in REQUIRED if k not in cols.values()]
    if missing:
        raise InputError(T.HIST_MISSING_COLUMNS.format(missing=", ".join(missing),
                                                       expected=", ".join(COLUMNS.values())), file=file, **where)
    return cols


def read_history(path: Path, case) -> History:
    """The history in ``path``, checked against ``case`` (its measures and its planning year)."""
    file = str(path)
    sha = _sha256(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        rows = _workbook_rows(path)
    else:
        rows = _csv_rows(path)
    known = {id_key(m.id): m.id for m in case.measures}
    out, seen = [], {}
    for where_of, values, german in rows:
        mid_text = values.get("id", "").strip()
        if not mid_text:
            if any(str(v).strip() for v in values.values()):
                raise InputError(T.HIST_NO_ID, file=file, **where_of("id"))
            continue
        if not any(str(values.get(k, "")).strip() for k in ("exits", "in_job_6m", "entries", "cost_eur")):
            continue   # a row of the template not filled in (id and year pre-filled, no counts)
        mid = known.get(id_key(mid_text))
        if mid is None:
            raise InputError(T.HIST_UNKNOWN.format(id=mid_text), file=file, **where_of("id"))
        year_text = values.get("year", "").strip()
        try:
            year = int(float(year_text))
            if year != float(year_text):
                raise ValueError
        except ValueError:
            raise InputError(T.HIST_YEAR.format(value=year_text), file=file, **where_of("year")) from None
        if case.year is not None and year > case.year:
            raise InputError(T.HIST_YEAR_AFTER.format(year=year, plan=case.year), file=file, **where_of("year"))
        nums = {}
        for key in ("exits", "in_job_6m", "entries", "cost_eur"):
            nums[key] = _number(values.get(key, ""), key, file, where_of(key), required=key in REQUIRED, german=german)
        if nums["in_job_6m"] > nums["exits"]:
            raise InputError(T.HIST_IN_JOB_ABOVE.format(in_job=f"{nums['in_job_6m']:g}", exits=f"{nums['exits']:g}"),
                             file=file, **where_of("in_job_6m"))
        place = _place(where_of("id"))
        if (mid, year) in seen:
            raise InputError(T.HIST_TWICE.format(id=mid, year=year, first=seen[(mid, year)]), file=file,
                             **where_of("id"))
        seen[(mid, year)] = place
        out.append(HistoryRow(mid, year, nums["exits"], nums["in_job_6m"], nums["entries"], nums["cost_eur"], place))
    if not out:
        raise InputError(T.HIST_EMPTY, file=file)
    example = EXAMPLE_FILE.is_file() and sha == hashlib.sha256(EXAMPLE_FILE.read_bytes()).hexdigest()
    return History(file, sha, tuple(out), example=example)


def _place(where: dict) -> str:
    if "cell" in where:
        return where["cell"]
    return T.WHERE_ROW.format(row=where["row"])


def _number(text: str, key: str, file: str, where: dict, *, required: bool, german: bool | None) -> float | None:
    """A count or an amount: in a CSV in the file's one number convention (amip.inputs.reading), in a
    workbook as the cell holds it (a number, or text in German format)."""
    from amip.inputs.reading import parse_number
    from amip.inputs.workbook import cell_number

    what = COLUMNS[key]
    t = str(text).strip()
    if t == "":
        if required:
            raise InputError(T.RD_VALUE_MISSING, file=file, **where)
        return None
    if german is not None:
        v = parse_number(t, german=german, file=file, row=where.get("row"), column=where.get("column"))
    else:   # a workbook cell, read as the Maßnahmen sheet reads its cells
        v = cell_number(t, file=file, cell=where["cell"], message="{problem}")
    if not math.isfinite(v):
        raise InputError(T.RD_NOT_FINITE.format(text=text), file=file, **where)
    if v < 0:
        raise InputError(T.HIST_NEGATIVE.format(what=what, value=text), file=file, **where)
    if key in _COUNTS and v != int(v):
        raise InputError(T.HIST_NOT_WHOLE.format(what=what, value=text), file=file, **where)
    return v


def _csv_rows(path: Path):
    from amip.inputs.reading import read_csv_rows

    file = str(path)
    header, rows, german = read_csv_rows(path, "history")
    cols = _columns(header, file, {"row": 1})
    names = {key: header[i] for i, key in cols.items()}
    for n, r in rows:
        values = {key: r[header[i]] for i, key in cols.items()}
        yield (lambda key, n=n: {"row": n, "column": names.get(key, key)}), values, german


def _workbook_rows(path: Path):
    from amip.inputs.workbook import (
        cell_text,
        column_letter,
        find_sheet,
        open_workbook,
        sheet_rows,
        typed_cell_problem,
    )

    file = str(path)
    wb = open_workbook(path, "history")
    try:
        sheet = find_sheet(wb.sheetnames, T.HIST_SHEET, file)
        if sheet is None:
            raise InputError(T.HIST_NO_SHEET.format(sheet=T.HIST_SHEET, names=", ".join(wb.sheetnames)), file=file)
        rows = sheet_rows(wb[sheet], file, "history")
    finally:
        wb.close()
    if not rows:
        raise InputError(T.HIST_EMPTY, file=file, cell=sheet)
    cols = _columns(rows[0], file, {"cell": f"{sheet}!1"})
    letter = {key: column_letter(i) for i, key in cols.items()}
    for n, r in enumerate(rows[1:], start=2):
        for i, key in cols.items():
            problem = typed_cell_problem(r[i] if i < len(r) else None, numeric=key != "id")
            if problem:
                raise InputError(problem, file=file, cell=f"{sheet}!{column_letter(i)}{n}")
        values = {key: cell_text(r[i]) if i < len(r) else "" for i, key in cols.items()}
        yield (lambda key, n=n: {"cell": f"{sheet}!{letter.get(key, 'A')}{n}"}), values, None
