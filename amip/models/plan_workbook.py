"""Read back a plan workbook written by `amip optimize --output`, possibly edited by hand.

The plan is the sheet ``Allocation``: per measure id its new entries (column "davon neu") and its
total entries ("Optimum Eintritte" = fixed + new). A planner may edit either. The sheet ``Referenz``
(written with the optimum, protected) holds the optimum the plan came from, and ``Inputs`` the
scenario, the data files and the input hash. Errors name the sheet and the cell.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from amip.errors import InputError
from amip.models.case import Case
from amip import texts as T
from amip.models.workbook import cell_text, column_letter, open_workbook, sheet_rows, workbook_errors

ALLOCATION = "Allocation"
REFERENCE = "Referenz"
INPUTS = "Inputs"
ID_HEADER, TOTAL_HEADER, NEW_HEADER = "Maßnahme-ID", "Optimum Eintritte", "davon neu"
REFERENCE_HEADERS = ("Maßnahme-ID", "Neueintritte", "Eintritte", "Kosten", "Integrationen")
TOL = 1e-6


@dataclass
class PlanRow:
    id: str
    row: int
    new: float
    total: float


@dataclass
class PlanWorkbook:
    file: str
    rows: dict[str, PlanRow]
    new_col: str                 #: column letter of "davon neu"
    total_col: str
    reference: dict[str, float] = field(default_factory=dict)   #: optimum new entries per measure
    reference_objective: float | None = None
    inputs: dict[str, str] = field(default_factory=dict)        #: Inputs sheet: label → value

    def cell(self, mid: str, col: str) -> str:
        return f"{ALLOCATION}!{col}{self.rows[mid].row}"

    def error(self, message: str, cell: str | None = None) -> InputError:
        return InputError(message, file=self.file, cell=cell)


def _number(value, file: str, cell: str) -> float:
    """Entries in a cell: a number ≥ 0, also as (German) text; errors re-addressed to the cell."""
    from amip.models.loader import _non_negative

    try:
        return _non_negative(cell_text(value), german=False, file=file, row=None, column=None, default=None,
                             eur=False)
    except InputError as e:
        raise InputError(e.problem, file=file, cell=cell) from None


def _reference_number(value, file: str, cell: str) -> float:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise InputError(T.REFERENCE_EMPTY, file=file, cell=cell)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(T.REFERENCE_NOT_NUMBER.format(value=str(value)[:80]), file=file, cell=cell)
    return _number(value, file, cell)


@workbook_errors.of("plan workbook")
def read_plan(path: Path) -> PlanWorkbook:
    file = str(path)
    wb = open_workbook(Path(path), "plan workbook")
    try:
        if ALLOCATION not in wb.sheetnames:
            raise InputError(f"no sheet '{ALLOCATION}' (a plan workbook comes from `amip optimize --output`); "
                             f"sheets: {', '.join(wb.sheetnames)}", file=file)
        rows = sheet_rows(wb[ALLOCATION], file, "plan workbook")
        if not rows:
            raise InputError("the sheet is empty", file=file, cell=ALLOCATION)
        header = [str(h).strip() if h is not None else "" for h in rows[0]]
        cols = {}
        for name in (ID_HEADER, TOTAL_HEADER, NEW_HEADER):
            if name not in header:
                raise InputError(f"column '{name}' is missing from the header", file=file, cell=f"{ALLOCATION}!1")
            cols[name] = header.index(name)
        plan: dict[str, PlanRow] = {}
        for n, r in enumerate(rows[1:], start=2):
            mid = cell_text(r[cols[ID_HEADER]] if cols[ID_HEADER] < len(r) else None)
            if not mid:
                continue
            if mid in plan:
                raise InputError(f"measure '{mid}' appears twice (first in row {plan[mid].row})", file=file,
                                 cell=f"{ALLOCATION}!{column_letter(cols[ID_HEADER])}{n}")
            get = {k: (r[i] if i < len(r) else None) for k, i in cols.items()}
            plan[mid] = PlanRow(mid, n,
                                new=_number(get[NEW_HEADER], file, f"{ALLOCATION}!{column_letter(cols[NEW_HEADER])}{n}"),
                                total=_number(get[TOTAL_HEADER], file,
                                              f"{ALLOCATION}!{column_letter(cols[TOTAL_HEADER])}{n}"))
        if not plan:
            raise InputError("no measure rows under the header", file=file, cell=ALLOCATION)
        out = PlanWorkbook(file, plan, column_letter(cols[NEW_HEADER]), column_letter(cols[TOTAL_HEADER]))
        if REFERENCE in wb.sheetnames:
            ref_rows = sheet_rows(wb[REFERENCE], file, "plan workbook")
            for n, r in enumerate(ref_rows[1:], start=2):
                if r and r[0] == "Zielwert (Optimum)":
                    out.reference_objective = _reference_number(r[1] if len(r) > 1 else None, file,
                                                                f"{REFERENCE}!B{n}")
                elif r and r[0] and r[1] is not None and isinstance(r[1], (int, float)):
                    out.reference[str(r[0])] = float(r[1])
        if INPUTS in wb.sheetnames:
            for r in sheet_rows(wb[INPUTS], file, "plan workbook"):
                if r and r[0] and len(r) > 1 and r[1] is not None:
                    out.inputs[str(r[0])] = str(r[1])
        return out
    finally:
        wb.close()


def plan_new_entries(pw: PlanWorkbook, case: Case) -> tuple[dict[str, float], list[str]]:
    """New entries per measure of the edited plan, and notes on which column each edit came from.

    A row's total (fixed + new) and its new entries must agree. If they do not, the one that still
    equals the reference optimum was left alone and the other was edited; if both changed and
    disagree, that is an error naming both cells."""
    known = {m.id for m in case.measures}
    for mid in pw.rows:
        if mid not in known:
            raise pw.error(f"unknown measure '{mid}' (not in the case's measure table)",
                           f"{ALLOCATION}!A{pw.rows[mid].row}")
    missing = [m.id for m in case.measures if m.id not in pw.rows]
    if missing:
        raise pw.error(f"the rows of {len(missing)} measure(s) are missing ({', '.join(missing[:5])}"
                       f"{' …' if len(missing) > 5 else ''}); set entries to 0 instead of deleting a row",
                       ALLOCATION)
    new, notes = {}, []
    for m in case.measures:
        row = pw.rows[m.id]
        fixed = m.fixed_entries
        if abs(row.total - (fixed + row.new)) <= TOL * max(1.0, row.total):
            x = row.new
        else:
            ref = pw.reference.get(m.id)
            if ref is not None and abs(row.new - ref) <= TOL * max(1.0, ref):
                x = row.total - fixed       # the total was edited
                notes.append(f"{m.id}: {TOTAL_HEADER} edited ({pw.cell(m.id, pw.total_col)}) → {x:g} new entries")
            elif ref is not None and abs(row.total - (fixed + ref)) <= TOL * max(1.0, row.total):
                x = row.new                 # the new entries were edited
            else:
                raise pw.error(f"'{TOTAL_HEADER}' {row.total:g} and '{NEW_HEADER}' {row.new:g} disagree (fixed "
                               f"entries {fixed:g}); edit only one of them",
                               f"{pw.cell(m.id, pw.total_col)} and {pw.new_col}{row.row}")
            if x < -TOL:
                raise pw.error(f"{TOTAL_HEADER} {row.total:g} is below the {fixed:g} fixed (pre-bought or outside) "
                               "entries of this measure", pw.cell(m.id, pw.total_col))
        if m.budget_basis.has_new_entries or x:
            new[m.id] = max(0.0, x)
    return new, notes


def recorded_case(pw: PlanWorkbook) -> tuple[str | None, Path | None]:
    """(scenario, measure file) the plan was optimised with, from its Inputs sheet: the scenario file if it
    still exists, else its name; the measure file if it exists and is not the shipped one."""
    from amip.models.loader import DEFAULT_CASE, split_sheet

    scenario_file = pw.inputs.get("Datei: scenario")
    scenario = scenario_file if scenario_file and Path(scenario_file).is_file() else pw.inputs.get("Szenario")
    measures = None
    if pw.inputs.get("Datei: measures"):
        m = Path(pw.inputs["Datei: measures"])
        book = split_sheet(m)[0]
        if book.is_file() and book.resolve() != (DEFAULT_CASE.parent / "measures.csv").resolve():
            measures = m
    return scenario, measures
