"""Read back a plan workbook written by `amip optimize --output`, possibly edited by hand.

The plan is the sheet ``Allocation``: per measure id its new entries (column "davon neu") and its
total entries ("Optimum Eintritte" = fixed + new). A planner may edit either. The sheet ``Referenz``
(written with the optimum, protected) holds the optimum the plan came from, and ``Inputs`` the
scenario, the data files and the input hash, and (since the round trip re-applies everything) every
data file with its sha256 checksum and the command-line options of the run as JSON. Errors name the
sheet and the cell.

``locate_inputs`` finds the recorded files again: at the recorded path, beside the workbook (it may
have moved with them), or in the installed package; a missing or changed file is an error naming
it, unless the planner accepts the change.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from amip import texts as T
from amip.errors import InputError
from amip.inputs.workbook import cell_text, column_letter, find_sheet, open_workbook, sheet_rows, workbook_errors
from amip.models.case import Case
from amip.models.fmt import num as fmt_num
from amip.models.measure import id_key

ALLOCATION = T.SHEET_ALLOCATION
REFERENCE = "Referenz"
INPUTS = T.SHEET_INPUTS
#: The English sheet names of workbooks written before the sheets were German; still read.
OLD_SHEETS = {T.SHEET_ALLOCATION: "Allocation", T.SHEET_INPUTS: "Inputs"}
ID_HEADER, TOTAL_HEADER, NEW_HEADER = "Maßnahme-ID", "Optimum Eintritte", "davon neu"
REFERENCE_HEADERS = ("Maßnahme-ID", "Neueintritte", "Eintritte", "Kosten", "Integrationen")
TOL = 1e-6
FILE_PREFIX = "Datei: "
CHECKSUM_PREFIX = T.INPUTS_CHECKSUM.format(role="")
_ROLE_KEYS = {word: role for role, word in T.ROLE_DE.items()}   #: 'Maßnahmentabelle' → 'measures'
BUDGET_SHEET = "Budget"


def file_checksum(path: Path | str) -> str | None:
    """sha256 of a file's bytes ('sha256:…'); None if it is not a readable file. '#sheet' is ignored."""
    from amip.inputs.loader import split_sheet

    book = split_sheet(Path(path))[0]
    try:
        if not book.is_file():   # also a FIFO or a device: never opened
            return None
        return "sha256:" + hashlib.sha256(book.read_bytes()).hexdigest()
    except OSError:
        return None


@dataclass(frozen=True)
class RecordedFile:
    role: str          #: case.files role: case, measures, rates, rules, planning, scenario …
    recorded: str      #: the path written into the workbook (a measure workbook may carry '#sheet')
    checksum: str      #: sha256 at the time of the run


@dataclass
class PlanRow:
    id: str
    row: int
    new: float
    total: float | None   #: None: a formula saved without its value (follows davon neu)


@dataclass
class PlanWorkbook:
    file: str
    rows: dict[str, PlanRow]
    new_col: str                 #: column letter of "davon neu"
    total_col: str
    reference: dict[str, float] = field(default_factory=dict)   #: optimum new entries per measure
    reference_objective: float | None = None
    inputs: dict[str, str] = field(default_factory=dict)        #: Inputs sheet: label → value
    budget_limit: float | None = None                           #: Neufallbudget the plan was made with
    _reference_keys: dict[str, float] | None = field(default=None, repr=False)

    def recorded_files(self) -> dict[str, RecordedFile]:
        """The data files with a checksum (workbooks from before the round trip recorded none)."""
        out = {}
        for label, value in self.inputs.items():
            if label.startswith(CHECKSUM_PREFIX):
                role = label[len(CHECKSUM_PREFIX):]
                role = _ROLE_KEYS.get(role, role)
                path = self.recorded_file(role)
                if path:
                    out[role] = RecordedFile(role, path, value)
        return out

    def recorded_file(self, role: str) -> str | None:
        """The path recorded for a data file's role ('Datei: Maßnahmentabelle', or 'Datei: measures' in
        workbooks written before issue 23)."""
        return self.inputs.get(FILE_PREFIX + T.ROLE_DE.get(role, role)) or self.inputs.get(FILE_PREFIX + role)

    def recorded_options(self) -> dict | None:
        """The command-line options of the run (name → value), or None for an older workbook."""
        text = self.inputs.get(T.INPUTS_OPTIONS)
        if text is None:
            return None
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if not isinstance(data, dict):
            raise InputError(T.RT_OPTIONS_NOT_JSON.format(label=T.INPUTS_OPTIONS), file=self.file, cell=INPUTS)
        return data

    def cell(self, mid: str, col: str) -> str:
        row = self.rows.get(mid) or next(r for r in self.rows.values() if id_key(r.id) == id_key(mid))
        return f"{ALLOCATION}!{col}{row.row}"

    def reference_of(self, mid: str) -> float | None:
        """The recorded optimum's new entries of a measure, its id matched case-insensitively."""
        if mid in self.reference:
            return self.reference[mid]
        if self._reference_keys is None:   # built once: a lookup per measure stays O(1)
            self._reference_keys = {id_key(k): v for k, v in self.reference.items()}
        return self._reference_keys.get(id_key(mid))

    def error(self, message: str, cell: str | None = None) -> InputError:
        return InputError(message, file=self.file, cell=cell)


def _number(value, file: str, cell: str) -> float:
    """Entries in a cell: a number ≥ 0, also as (German) text; errors re-addressed to the cell."""
    from amip.inputs.loader import non_negative
    from amip.inputs.reading import WORKBOOK, NotANumber

    try:
        return non_negative(cell_text(value), german=False, file=file, row=None, column=None, default=None,
                             eur=False)
    except NotANumber as e:
        raise InputError(e.for_kind(WORKBOOK), file=file, cell=cell) from None
    except InputError as e:
        raise InputError(e.problem, file=file, cell=cell) from None


def _sheet_of(wb, name: str, file: str) -> str | None:
    """The sheet's name in this workbook: the German one, or the English one of an older workbook, each as
    Excel compares sheet names (``find_sheet``: 'zuteilung' is the sheet 'Zuteilung')."""
    for candidate in (name, OLD_SHEETS.get(name)):
        found = find_sheet(wb.sheetnames, candidate, file) if candidate else None
        if found:
            return found
    return None


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
        alloc, inputs = _sheet_of(wb, ALLOCATION, file), _sheet_of(wb, INPUTS, file)
        if alloc is None:
            raise InputError(T.ERR_NO_PLAN_SHEET.format(sheet=ALLOCATION, old=OLD_SHEETS[ALLOCATION],
                                                        sheets=", ".join(wb.sheetnames)), file=file)
        rows = sheet_rows(wb[alloc], file, "plan workbook")
        if not rows:
            raise InputError(T.PLAN_EMPTY, file=file, cell=ALLOCATION)
        header = [str(h).strip() if h is not None else "" for h in rows[0]]
        cols = {}
        for name in (ID_HEADER, TOTAL_HEADER, NEW_HEADER):
            if name not in header:
                raise InputError(T.PLAN_NO_COLUMN.format(name=name), file=file, cell=f"{ALLOCATION}!1")
            cols[name] = header.index(name)
        plan: dict[str, PlanRow] = {}
        for n, r in enumerate(rows[1:], start=2):
            mid = cell_text(r[cols[ID_HEADER]] if cols[ID_HEADER] < len(r) else None)
            if not mid or mid == T.XL_TOTAL:   # the totals row (formulas) is no measure
                continue
            if mid in plan:
                raise InputError(T.PLAN_TWICE.format(id=mid, row=plan[mid].row), file=file,
                                 cell=f"{ALLOCATION}!{column_letter(cols[ID_HEADER])}{n}")
            get = {k: (r[i] if i < len(r) else None) for k, i in cols.items()}
            plan[mid] = PlanRow(mid, n,
                                new=_number(get[NEW_HEADER], file,
                                            f"{ALLOCATION}!{column_letter(cols[NEW_HEADER])}{n}"),
                                total=None if get[TOTAL_HEADER] is None else _number(
                                    get[TOTAL_HEADER], file, f"{ALLOCATION}!{column_letter(cols[TOTAL_HEADER])}{n}"))
        if not plan:
            raise InputError(T.PLAN_NO_ROWS, file=file, cell=ALLOCATION)
        out = PlanWorkbook(file, plan, column_letter(cols[NEW_HEADER]), column_letter(cols[TOTAL_HEADER]))
        reference = _sheet_of(wb, REFERENCE, file)
        if reference is not None:
            ref_rows = sheet_rows(wb[reference], file, "plan workbook")
            for n, r in enumerate(ref_rows[1:], start=2):
                if r and r[0] == "Zielwert (Optimum)":
                    out.reference_objective = _reference_number(r[1] if len(r) > 1 else None, file,
                                                                f"{reference}!B{n}")
                elif r and r[0] and r[1] is not None and isinstance(r[1], (int, float)):
                    out.reference[str(r[0])] = float(r[1])
        if inputs is not None:
            for r in sheet_rows(wb[inputs], file, "plan workbook"):
                if r and r[0] and len(r) > 1 and r[1] is not None:
                    out.inputs[str(r[0])] = str(r[1])
                    if r[0] == T.INPUTS_BUDGET and isinstance(r[1], (int, float)):
                        out.budget_limit = float(r[1])
        budget = _sheet_of(wb, BUDGET_SHEET, file) if out.budget_limit is None else None
        if budget is not None:   # older workbooks: the Budget sheet
            found = {}
            for r in sheet_rows(wb[budget], file, "plan workbook"):
                if r and len(r) > 1 and isinstance(r[1], (int, float)) and isinstance(r[0], str):
                    found[r[0]] = float(r[1])
            out.budget_limit = found.get("Neufallbudget (vorgegeben)", found.get("= Neufallbudget"))
        return out
    finally:
        wb.close()


def plan_new_entries(pw: PlanWorkbook, case: Case) -> tuple[dict[str, float], list[str]]:
    """New entries per measure of the edited plan, and notes on which column each edit came from.

    A row's total (fixed + new) and its new entries must agree. If they do not, the one that still
    equals the reference optimum was left alone and the other was edited; if both changed and
    disagree, that is an error naming both cells."""
    rows = {id_key(k): v for k, v in pw.rows.items()}   # ids match case-insensitively ('M01' = 'm01')
    if len(rows) < len(pw.rows):
        seen: dict[str, PlanRow] = {}
        for row in pw.rows.values():
            if id_key(row.id) in seen:
                first = seen[id_key(row.id)]
                raise pw.error(T.ID_SAME_BUT_CASE.format(id=row.id, other=first.id, row=first.row),
                               f"{ALLOCATION}!A{row.row}")
            seen[id_key(row.id)] = row
    known = {id_key(m.id) for m in case.measures}
    for mid in pw.rows:
        if id_key(mid) not in known:
            raise pw.error(T.PW_UNKNOWN_MEASURE.format(id=mid),
                           f"{ALLOCATION}!A{pw.rows[mid].row}")
    missing = [m.id for m in case.measures if id_key(m.id) not in rows]
    if missing:
        raise pw.error(T.PW_ROWS_MISSING.format(n=len(missing), ids=", ".join(missing[:5]) + (" …" if len(missing) > 5
                                                                                               else "")), ALLOCATION)
    new, notes = {}, []
    for m in case.measures:
        row = rows[id_key(m.id)]
        fixed = m.fixed_entries
        if row.total is None:   # a formula saved without its value (edited by a program): it follows davon neu
            x = row.new
        elif abs(row.total - (fixed + row.new)) <= TOL * max(1.0, row.total):
            x = row.new
        else:
            ref = pw.reference_of(m.id)
            if ref is not None and abs(row.new - ref) <= TOL * max(1.0, ref):
                x = row.total - fixed       # the total was edited
                notes.append(T.PW_TOTAL_EDITED.format(id=m.id, total=TOTAL_HEADER, cell=pw.cell(row.id, pw.total_col),
                                                      new=fmt_num(x)))
            elif ref is not None and abs(row.total - (fixed + ref)) <= TOL * max(1.0, row.total):
                x = row.new                 # the new entries were edited
            else:
                raise pw.error(T.PW_DISAGREE.format(total=TOTAL_HEADER, total_v=fmt_num(row.total), new=NEW_HEADER,
                                                    new_v=fmt_num(row.new), fixed=fmt_num(fixed)),
                               T.PW_TWO_CELLS.format(first=pw.cell(row.id, pw.total_col),
                                                     second=f"{pw.new_col}{row.row}"))
            if x < -TOL:
                raise pw.error(T.PW_BELOW_FIXED.format(total=TOTAL_HEADER, total_v=fmt_num(row.total),
                                                       fixed=fmt_num(fixed)), pw.cell(m.id, pw.total_col))
        if m.budget_basis.has_new_entries or x:
            new[m.id] = max(0.0, x)
    return new, notes


#: The Inputs row that records the effect measure a plan was optimised in (amip/export/excel.py).
EFFECT_ROW = "Wirkungsmaß (--effect)"


def recorded_effect(pw: PlanWorkbook) -> str | None:
    """The effect measure (gross, net, kennzahl) the plan was optimised in; None for older workbooks."""
    v = pw.inputs.get(EFFECT_ROW)
    v = {name: key for key, name in T.EFFECT_NAMES.items()}.get(v, v)   # 'brutto' as written, 'gross' before issue 23
    return v if v in ("gross", "net", "kennzahl") else None


def recorded_case(pw: PlanWorkbook) -> tuple[str | None, Path | None]:
    """(scenario, measure file) the plan was optimised with, from its Inputs sheet: the scenario file if it
    still exists, else its name; the measure file if it exists and is not the shipped one."""
    from amip.inputs.loader import DEFAULT_CASE, split_sheet

    scenario_file = pw.recorded_file("scenario")
    scenario = scenario_file if scenario_file and Path(scenario_file).is_file() else pw.inputs.get("Szenario")
    measures = None
    if pw.recorded_file("measures"):
        m = Path(pw.recorded_file("measures"))
        book = split_sheet(m)[0]
        if book.is_file() and book.resolve() != (DEFAULT_CASE.parent / "measures.csv").resolve():
            measures = m
    return scenario, measures


def _candidates(recorded: str, plan_dir: Path) -> list[Path]:
    """Where a recorded file may be now: its recorded path, beside the workbook (alone or in its folder,
    e.g. a case folder moved with the plan), in the installed package."""
    from amip.inputs.loader import PACKAGE_DIR, split_sheet

    book = split_sheet(Path(recorded))[0]
    out = [book, plan_dir / book.name, plan_dir / book.parent.name / book.name]   # beside it, or its folder
    parts = book.parts
    if "amip" in parts:   # a shipped file: the same place in this installation
        i = len(parts) - 1 - parts[::-1].index("amip")
        out.append(PACKAGE_DIR.joinpath(*parts[i + 1:]))
    seen, unique = set(), []
    for p in out:
        if str(p) not in seen:
            seen.add(str(p))
            unique.append(p)
    return unique


@dataclass(frozen=True)
class LocatedFile:
    role: str
    recorded: str
    used: str
    checksum_recorded: str
    checksum_now: str
    status: str            #: same | moved | changed

    def to_dict(self) -> dict:
        return {"recorded": self.recorded, "used": self.used, "checksum_recorded": self.checksum_recorded,
                "checksum_now": self.checksum_now, "status": self.status}


def locate_inputs(pw: PlanWorkbook, plan_path: Path, *, accept_changed: bool = False,
                  skip: frozenset[str] | set[str] = frozenset(), options: dict[str, str] | None = None
                  ) -> tuple[dict[str, LocatedFile], list[str]]:
    """Every recorded data file found again and checked by its sha256: role → where it is now, and the
    warnings (a moved file, a changed one the planner accepted). A missing file is an error naming it,
    so is a changed one unless ``accept_changed``. ``skip``: roles replaced on the command line.
    ``options``: role → the command-line option that gives it (for the hint)."""
    options = options or {}
    plan_dir = Path(plan_path).resolve().parent
    found, warnings = {}, []
    for role, rec in pw.recorded_files().items():
        if role in skip:
            continue
        tried = _candidates(rec.recorded, plan_dir)
        existing = [(p, file_checksum(p)) for p in tried if p.is_file()]
        if not existing:
            hint = T.RT_FILE_MISSING_HINT.format(option=options[role]) if role in options else ""
            raise InputError(T.RT_FILE_MISSING.format(name=Path(rec.recorded.split("#")[0]).name, role=role,
                                                      tried=", ".join(str(p) for p in tried), hint=hint),
                             file=pw.file)
        same = [p for p, h in existing if h == rec.checksum]
        if same:
            path, now = same[0], rec.checksum
            status = "same" if same[0] == tried[0] else "moved"
            if status == "moved":
                warnings.append(T.RT_FILE_MOVED.format(role=role, path=path, recorded=rec.recorded))
        else:
            path, now = existing[0]
            status = "changed"
            if not accept_changed:
                raise InputError(T.RT_FILE_CHANGED.format(path=path, role=role, old=rec.checksum, new=now),
                                 file=str(path))
            warnings.append(T.RT_FILE_CHANGED_WARNING.format(path=path, role=role, old=rec.checksum, new=now))
        found[role] = LocatedFile(role, rec.recorded, str(path), rec.checksum, now or "", status)
    return found, warnings
