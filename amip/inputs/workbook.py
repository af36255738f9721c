"""Read a measure table from an Excel workbook (.xlsx), as planners keep it.

- The sheet: the one named (``--sheet``), else the first sheet with the expected header.
- The header: the first of the top 30 rows that holds every required column, so title rows (merged
  or not) above it are skipped. German headers are aliases of the documented columns (HEADER_ALIASES).
- Cells: real numbers are taken as they are; numbers stored as text are read in German format when
  they look German (``1.234,56``, ``0,35``, ``12.500``), else with a decimal point. Formatting,
  empty trailing rows and columns without a header are ignored. Formula cells give the value Excel
  saved with the file.
- Errors name the sheet and the cell, e.g. ``Maßnahmen!F12``.

The rows come back as text, like the CSV reader's, so one parser (loader.load_measures) checks both.
"""
from __future__ import annotations

import contextlib
import functools
import re
from pathlib import Path

from amip import texts as T  # plain strings
from amip.errors import InputError
from amip.inputs.reading import damage_detail, what_de

HEADER_SCAN_ROWS = 30

#: Documented column → the German headers accepted for it (compared case-insensitively, without
#: spaces, '€' and brackets). The first German name is the one the template writes.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("Maßnahme-ID", "Massnahme-ID", "Kennung", "ID", "measure_id", "Maßnahmen-ID", "Massnahmen-ID"),
    "field": ("Handlungsfeld", "HF"),
    "name": ("Maßnahme", "Massnahme", "Bezeichnung"),
    "instrument": ("Rechtsgrundlage", "Instrument"),
    "instrument_type": ("Instrumententyp", "Instrument-Typ", "Typ"),
    "product_category": ("Produktkategorie", "Kategorie"),
    "budget_basis": ("Budgetbasis", "Finanzierung"),
    "cost_per_entry_eur": ("Kosten je Eintritt (€)", "Kosten je Eintritt", "Kosten pro Eintritt", "€ je Eintritt"),
    "planned_entries": ("Geplante Eintritte", "Plan Eintritte", "Eintritte Plan", "Neueintritte Plan"),
    "prebought_entries": ("Vorgebundene Eintritte", "Vorjahreseinkauf", "davon vorgebunden"),
    "fixed_spend_eur": ("Feste Ausgaben (€)", "Feste Ausgaben", "Fester Betrag"),
    "planned_budget_eur": ("Planbudget (€)", "Planbudget", "Geplantes Budget"),
    "lower": ("Untergrenze Neueintritte", "Untergrenze"),
    "upper": ("Obergrenze Neueintritte", "Obergrenze"),
    "pool": ("Kundenpool", "Zielgruppe"),
    "integration_rate": ("Integrationsquote", "Quote"),
    "rate_source": ("Quelle der Quote", "Quelle Quote"),
    "duration_months": ("Dauer (Monate)", "Dauer"),
    "seed_lines": ("Fundstelle", "Zeilen"),
    "confidence": ("Verlässlichkeit", "Konfidenz"),
    "note": ("Bemerkung", "Anmerkung", "Notiz"),
}


#: Documented column → (unit, what it means), for the template's explanation sheet.
COLUMN_HELP: dict[str, tuple[str, str]] = {
    "id": ("Text", "Eindeutige Kennung: Buchstaben, Ziffern, '-' oder '_' (z. B. hf1-egz oder M01); "
                   "Groß-/Kleinschreibung zählt beim Abgleich nicht"),
    "field": ("Auswahl", "Handlungsfeld der Maßnahme (Liste aus der Falldatei)"),
    "name": ("Text", "Bezeichnung der Maßnahme, wie im AmIp"),
    "instrument": ("Text", "Rechtsgrundlage, z. B. '§ 16 Abs. 1 SGB II i.V.m. § 45 SGB III'"),
    "instrument_type": ("Text", "Schlüssel der Ratentabelle und der Regeln, z. B. mat, egz, fbw, agh, p16i, p16e; "
                                "leer = aus der Rechtsgrundlage abgeleitet (§ 45 SGB III → mat, § 16i → p16i …)"),
    "product_category": ("Auswahl", "Produktkategorie I–VI (Abb. 6 des AmIp); Rückfall für die Integrationsquote"),
    "budget_basis": ("Auswahl", "neu (new): Neueintritte aus dem Neufallbudget; gemischt (mixed): neu + im Vorjahr "
                                "gekauft; vorab eingekauft (prebought): nur Vorjahreseinkauf (fest); Vorjahr "
                                "(prior_year): reiner Geldposten (Kalkulation VJ); außerhalb (outside): Eintritte "
                                "zählen, Geld außerhalb des Neufallbudgets"),
    "cost_per_entry_eur": ("€ je Eintritt", "Brutto-Kosten je Neueintritt (bei § 16i vor PAT); Pflicht für new/mixed"),
    "planned_entries": ("Eintritte", "Geplante Neueintritte (der Plan des Hauses; Referenz der Auswertung)"),
    "prebought_entries": ("Eintritte", "Im Vorjahr gekaufte Plätze (fest, aus Vorbindungen bezahlt)"),
    "fixed_spend_eur": ("€", "Fester Geldbetrag ohne Eintritte (nur budget_basis prior_year)"),
    "planned_budget_eur": ("€", "Geplantes Budget der Zeile (nur zur Information; prior_year: Betrag, falls "
                                "'Feste Ausgaben' leer)"),
    "lower": ("Eintritte", "Untergrenze der Neueintritte (leer = 0)"),
    "upper": ("Eintritte", "Obergrenze der Neueintritte (leer = Vielfaches der Planung laut Falldatei)"),
    "pool": ("Auswahl", "Kundenpool, aus dem die Maßnahme schöpft (leer = keiner)"),
    "integration_rate": ("Anteil 0–1", "Eigene Integrationsquote; leer = aus der Ratentabelle"),
    "rate_source": ("Text", "Quelle der eigenen Quote (Pflicht, wenn eine Quote angegeben ist)"),
    "duration_months": ("Monate", "Erwartete Dauer je Eintritt; bestimmt die Vorbindungen der Folgejahre "
                                  "(leer = laut Planungsdatei)"),
    "seed_lines": ("Text", "Fundstelle im AmIp (nur zur Information)"),
    "confidence": ("Text", "Verlässlichkeit der Zeile (nur zur Information)"),
    "note": ("Text", "Bemerkung"),
}


def _key(header: str) -> str:
    from amip.inputs.reading import clean_header

    return re.sub(r"[\s()€\[\]_]+", "", clean_header(header).lower())


ALIASES: dict[str, str] = {}
for _col, _names in HEADER_ALIASES.items():
    ALIASES[_key(_col)] = _col
    for _n in _names:
        ALIASES.setdefault(_key(_n), _col)

def canonical_column(header: str) -> str | None:
    """The documented column a header names ('Maßnahme-ID', 'measure_id', 'id' → 'id'), or None."""
    return ALIASES.get(_key(header)) if isinstance(header, str) and header.strip() else None


GERMAN_NUMBER = re.compile(r"-?(\d{1,3}(\.\d{3})+(,\d+)?|\d+,\d+)")


def column_letter(index: int) -> str:
    """0 → 'A', 25 → 'Z', 26 → 'AA'."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def cell_text(value) -> str:
    """A cell as the text the CSV parser expects (dot decimals)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return repr(float(value)) if isinstance(value, float) else str(value)
    text = str(value).strip().replace("\u00a0", " ")
    bare = text.replace("€", "").replace(" ", "")
    if GERMAN_NUMBER.fullmatch(bare):
        return bare.replace(".", "").replace(",", ".")
    return text


def cell_number(value, *, file: str, cell: str, message: str, **fields) -> float:
    """A number cell read as the Maßnahmen sheet reads its cells (``cell_text``, then ``parse_number``'s dot rule):
    a number, or text as Excel shows it ('2.042,19 €', '2042,19', '9401893 €'); not Python's '1_000_000'. A cell
    that is no number is an error at the cell, worded by ``message`` (a text with '{problem}' and ``fields``),
    its problem with the workbook's hint (``number_problem``). Finite; the sign is the caller's check."""
    from amip.inputs.reading import WORKBOOK, NotANumber, parse_number

    try:
        return parse_number(cell_text(value), german=False, file=file, row=None, column=None)
    except NotANumber as e:
        problem = e.for_kind(WORKBOOK)
    except InputError as e:
        problem = e.problem
    raise InputError(message.format(problem=problem, **fields), file=file, cell=cell)


def open_workbook(path: Path, what: str, *, formulas: bool = False):
    """The workbook (read-only), after the reading layer's checks: a regular file within the size limit,
    its unpacked size within the zip limit, and XML parsed by defusedxml (no DTD, entities, XXE).
    ``formulas``: the formulas instead of the values Excel saved (to name a formula without a value)."""
    import os

    from amip.inputs.reading import check_zip

    check_zip(path, what)
    os.environ["OPENPYXL_DEFUSEDXML"] = "True"   # openpyxl reads it at import; never parse raw XML
    import openpyxl

    if not openpyxl.DEFUSEDXML:   # defusedxml missing (it is a dependency): refuse rather than risk XXE
        raise InputError(T.WORKBOOK_FORBIDDEN_XML.format(what=what_de(what), detail="defusedxml ist nicht installiert"),
                         file=str(path))
    with workbook_errors(path, what):
        return openpyxl.load_workbook(path, read_only=True, data_only=not formulas)


class _WorkbookErrors:
    """``with workbook_errors(path, what):`` or ``@workbook_errors.of(what)`` on f(path, …)."""

    def __call__(self, path: Path, what: str):
        return _workbook_errors(path, what)

    @staticmethod
    def of(what: str):
        def wrap(f):
            @functools.wraps(f)
            def inner(path, *args, **kwargs):
                with _workbook_errors(Path(path), what):
                    return f(path, *args, **kwargs)
            return inner
        return wrap


@contextlib.contextmanager
def _workbook_errors(path: Path, what: str):
    """Whatever a damaged or hostile workbook makes openpyxl, zipfile, zlib or the XML parser raise
    becomes an InputError naming the file: truncated XML, a broken deflate stream, a forbidden entity."""
    try:
        yield
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError(T.RD_NOT_FOUND.format(what=what_de(what)), file=str(path)) from None
    except MemoryError:
        raise InputError(T.WORKBOOK_UNREADABLE.format(what=what_de(what), detail="zu groß für den Speicher"),
                         file=str(path)) from None
    except Exception as e:   # noqa: BLE001 — a hostile file may make a parser raise anything
        cause, seen = e, 0
        while cause is not None and seen < 10:   # openpyxl re-raises the parser's error as its own
            if type(cause).__module__.startswith("defusedxml"):
                raise InputError(T.WORKBOOK_FORBIDDEN_XML.format(what=what_de(what), detail=type(cause).__name__),
                                 file=str(path)) from None
            cause, seen = cause.__cause__ or cause.__context__, seen + 1
        raise InputError(T.WORKBOOK_UNREADABLE.format(what=what_de(what), detail=damage_detail(e)),
                         file=str(path)) from None


workbook_errors = _WorkbookErrors()


class SheetTable:
    """The header and the data rows of one sheet, with cell addresses for messages."""

    def __init__(self, file: str, sheet: str, columns: dict[int, str], rows: list[tuple[int, dict[str, str]]],
                 headings: dict[str, str] | None = None):
        self.file, self.sheet = file, sheet
        self.columns = columns              # sheet column index → documented column name
        self.headings = headings or {}      # documented column name → its header as the sheet shows it
        self.rows = rows                    # (Excel row number, {column: text})
        self._index = {name: i for i, name in columns.items()}

    @property
    def header(self) -> list[str]:
        return list(self.columns.values())

    def cell(self, row: int | None, column: str | None) -> str:
        """'Maßnahmen!F12' (or 'Maßnahmen!12' / 'Maßnahmen' when the column or row is unknown)."""
        if row is None:
            return f"{self.sheet}"
        letter = column_letter(self._index[column]) if column in self._index else ""
        return f"{self.sheet}!{letter}{row}"

    def error(self, e: InputError) -> InputError:
        """An error of the row parser, re-addressed to the sheet and cell, its column named by the header the
        sheet shows ('Kosten je Eintritt (€)', not the key 'cost_per_entry_eur'), a number error with the
        workbook's hint (German forms accepted), not the CSV's. An empty cell that holds a formula without a
        saved value (a file written by a program, never opened in Excel) says so."""
        from amip.inputs.reading import WORKBOOK, NotANumber

        problem = e.for_kind(WORKBOOK) if isinstance(e, NotANumber) else e.problem
        if problem == T.RD_VALUE_MISSING and e.row is not None and e.column in self._index:
            formula = self._formula(e.row, self._index[e.column])
            if formula:
                problem = T.FORMULA_WITHOUT_VALUE.format(formula=formula[:80])
        return InputError(problem, file=self.file, cell=self.cell(e.row, e.column),
                          column=self.headings.get(e.column, e.column))

    def _formula(self, row: int, col: int) -> str | None:
        try:
            wb = open_workbook(Path(self.file), "workbook", formulas=True)
        except InputError:
            return None
        try:
            with workbook_errors(Path(self.file), "workbook"):
                for r in wb[self.sheet].iter_rows(min_row=row, max_row=row, values_only=True):
                    v = r[col] if col < len(r) else None
                    return v if isinstance(v, str) and v.startswith("=") else None
        except InputError:
            return None
        finally:
            wb.close()
        return None


def _header_at(values: list, required: tuple[str, ...]) -> dict[int, str] | None:
    cols = {}
    for i, v in enumerate(values):
        if isinstance(v, str) and v.strip() and _key(v) in ALIASES:
            cols[i] = ALIASES[_key(v)]
    return cols if set(required) <= set(cols.values()) else None


def read_sheet_table(path: Path, what: str, required: tuple[str, ...], *, sheet: str | None = None) -> SheetTable:
    """The first sheet (or the named one) with a header holding every required column."""
    file = str(path)
    wb = open_workbook(path, what)
    try:
        with workbook_errors(path, what):
            return _sheet_table(wb, file, what, required, sheet)
    finally:
        wb.close()


def sheet_rows(ws, file: str, what: str) -> list[list]:
    """The rows of a sheet as lists, within the row limit (AMIP_MAX_ROWS) and the cell length limit."""
    from amip.inputs.reading import limit

    max_rows, max_cell = limit("rows") + HEADER_SCAN_ROWS, limit("cell_chars")
    with _workbook_errors(Path(file), what):   # damaged sheet XML surfaces while the rows are read
        return _sheet_rows(ws, file, what, max_rows, max_cell)


_ROW_OR_VALUE = re.compile(rb"<(?:\w+:)?row\b([^>]*)>|<(?:\w+:)?(?:v|is)[\s>]")
_ROW_NUMBER = re.compile(rb"\br=\"(\d+)\"")


def last_value_row(ws) -> int | None:
    """The number of the last row of a read-only sheet that holds a value, by one streaming pass over its
    XML (a regular expression, no parser): rows after it (formatted but empty, up to Excel's 1.048.576)
    are never parsed. None: not a read-only sheet, or nothing found (read everything)."""
    source = getattr(ws, "_get_source", None)
    if source is None:
        return None
    last = current = 0
    carry = b""
    with source() as f:
        while True:
            chunk = f.read(1 << 20)
            data = carry + chunk
            end = data.rfind(b">") + 1 if chunk else len(data)
            if b"<v" not in data and b"<is" not in data and b":v" not in data and b":is" not in data:
                current = _last_row_number(data, end, current)   # no values here: only count the rows
                carry = data[end:]
                if not chunk:
                    break
                continue
            for m in _ROW_OR_VALUE.finditer(data, 0, end):
                if m.group(1) is not None:   # a row (its number, or the next one when it has none)
                    number = _ROW_NUMBER.search(m.group(1))
                    current = int(number.group(1)) if number else current + 1
                else:
                    last = current
            carry = data[end:]
            if not chunk:
                break
    return last or None


def _last_row_number(data: bytes, end: int, current: int) -> int:
    """The number of the last row that starts in data[:end] (C-speed searches, no loop over the rows)."""
    pos = max(data.rfind(b"<row", 0, end), data.rfind(b":row", 0, end))
    if pos < 0:
        return current
    start = data.rfind(b"<", 0, pos + 1)
    m = _ROW_OR_VALUE.match(data, start, end)
    number = _ROW_NUMBER.search(m.group(1)) if m and m.group(1) is not None else None
    if number:
        return int(number.group(1))
    return current + data.count(b"<row", 0, end) + data.count(b":row", 0, end)


def _sheet_rows(ws, file: str, what: str, max_rows: int, max_cell: int) -> list[list]:
    """The sheet as Excel shows it: every row the XML holds, whatever the stored ``<dimension>`` says
    (older writers leave a stale one, and openpyxl's read-only mode trusts it), text cells in NFC,
    and without trailing empty rows and columns (formatted but empty cells are not data, so a million
    of them do not reach the row limit). Rows are padded to one width."""
    from amip.inputs.reading import limit, limit_hint, nfc

    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()
    rows: list[list] = []
    blank = width = 0
    for n, r in enumerate(ws.iter_rows(max_row=last_value_row(ws), values_only=True), start=1):
        last = -1
        for i, v in enumerate(r):
            if v is None or v == "":
                continue
            last = i
            if isinstance(v, str) and len(v) > max_cell:
                raise InputError(T.CELL_TOO_LONG.format(limit=max_cell, hint=limit_hint("cell_chars")),
                                 file=file, cell=f"{ws.title}!{column_letter(i)}{n}")
        if last < 0:
            blank += 1
            continue
        if n > max_rows:
            from amip.models.fmt import num

            raise InputError(T.TOO_MANY_ROWS.format(what=what_de(what), limit=num(limit("rows")),
                                                    hint=limit_hint("rows")), file=file, cell=ws.title)
        rows.extend([] for _ in range(blank))
        blank = 0
        rows.append([nfc(v) if isinstance(v, str) else v for v in r[:last + 1]])
        width = max(width, last + 1)
    for r in rows:
        r.extend([None] * (width - len(r)))
    return rows


#: The error values a cell can hold (stored in the file in Excel's English form) → as a German Excel shows them
EXCEL_ERRORS = {"#NULL!": "#NULL!", "#DIV/0!": "#DIV/0!", "#VALUE!": "#WERT!", "#REF!": "#BEZUG!", "#NAME?": "#NAME?",
                "#NUM!": "#ZAHL!", "#N/A": "#NV", "#GETTING_DATA": "#GETTING_DATA", "#SPILL!": "#ÜBERLAUF!",
                "#CALC!": "#CALC!"}
_TEXT_UNITS = ("Text", "Auswahl")


def typed_cell_problem(value, *, numeric: bool) -> str | None:
    """What is wrong with a cell a reader uses, by the type the cell holds: an Excel error value (#DIV/0!,
    #NV …: a formula that failed) anywhere; in a number column also a truth value (WAHR/FALSCH) or a date
    (a number formatted as a date, or a date typed in). None: nothing (the reader parses the cell as
    usual). One rule for every workbook reader (measures, actuals, history), so such a cell is never read
    as the text '#DIV/0!' or as the date's text."""
    import datetime

    if isinstance(value, str) and value in EXCEL_ERRORS:
        return T.WB_ERROR_VALUE.format(value=EXCEL_ERRORS[value])
    if numeric and isinstance(value, bool):   # shown as Excel shows it (WAHR/FALSCH), not as 'yes'/'True'
        return T.WB_BOOL_IN_NUMBER.format(value=T.WB_TRUE if value else T.WB_FALSE)
    if numeric and isinstance(value, (datetime.date, datetime.time)):
        shown = value.strftime("%d.%m.%Y") if isinstance(value, datetime.date) else value.strftime("%H:%M")
        return T.WB_DATE_IN_NUMBER.format(value=shown)
    return None


def _check_typed_cells(row: list, cols: dict[int, str], sheet: str, n: int, file: str) -> None:
    for i, c in cols.items():
        v = row[i] if i < len(row) else None
        if v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)):
            continue
        problem = typed_cell_problem(v, numeric=COLUMN_HELP.get(c, ("Text",))[0] not in _TEXT_UNITS)
        if problem:
            raise InputError(problem, file=file, cell=f"{sheet}!{column_letter(i)}{n}", column=c)


def _sheet_key(name: str) -> str:
    from amip.inputs.reading import nfc

    return " ".join(nfc(name).split()).lower()   # not casefold: Excel tells 'MASSNAHMEN' from 'Maßnahmen'


def find_sheet(names: list[str], wanted: str, file: str) -> str | None:
    """The sheet a name means, as Excel compares sheet names: without regard to case (Excel refuses two
    sheets 'Maßnahmen' and 'MASSNAHMEN'), and here also to the Unicode form (NFC) and to blanks around
    and doubled inside. None if no sheet has the name; two sheets that differ only so are an error."""
    if wanted in names:
        return wanted
    key = _sheet_key(wanted)
    found = [n for n in names if _sheet_key(n) == key]
    if len(found) > 1:
        raise InputError(T.WB_SHEET_AMBIGUOUS.format(sheet=wanted, names="', '".join(found)), file=file)
    return found[0] if found else None


def _sheet_table(wb, file: str, what: str, required: tuple[str, ...], sheet: str | None) -> SheetTable:
    names = wb.sheetnames
    if sheet is not None:
        found = find_sheet(names, sheet, file)
        if found is None:
            raise InputError(T.WB_NO_SHEET.format(sheet=sheet, names=", ".join(names)), file=file)
        sheet = found
    # Hidden sheets (helper tables, old versions) are skipped unless named with --sheet.
    visible = [n for n in names if getattr(wb[n], "sheet_state", "visible") == "visible"]
    nearest = None   # (sheet, row, missing columns) of the row closest to a header, for the message
    for name in [sheet] if sheet else visible:
        ws = wb[name]
        rows = sheet_rows(ws, file, what)
        for h, values in enumerate(rows[:HEADER_SCAN_ROWS]):
            cols = _header_at(values, required)
            if cols is None:
                continue
            dupes = sorted({c for c in cols.values() if list(cols.values()).count(c) > 1})
            if dupes:
                twice = "; ".join(", ".join(f"'{values[i]}' ({column_letter(i)})" for i, c in cols.items() if c == d)
                                  for d in dupes)
                raise InputError(T.WB_COLUMN_TWICE.format(columns=twice), file=file, cell=f"{name}!{h + 1}")
            data = []
            for n, r in enumerate(rows[h + 1:], start=h + 2):
                cells = {c: cell_text(r[i]) if i < len(r) else "" for i, c in cols.items()}
                if any(cells.values()):
                    _check_typed_cells(r, cols, name, n, file)
                    data.append((n, cells))
            if not data:
                raise InputError(T.RD_NO_ROWS.format(what=what_de(what)), file=file,
                                 cell=f"{name}!{h + 1}")
            return SheetTable(file, name, cols, data, {c: str(values[i]).strip() for i, c in cols.items()})
        best = _nearest_header(rows, required)
        if best is not None and (sheet or nearest is None or len(best[1]) < len(nearest[2])):
            nearest = (name, *best)
        if sheet:
            raise InputError(_no_header_problem(required, nearest, rows), file=file, cell=name)
    hidden = [n for n in names if n not in visible]
    raise InputError(T.WB_NO_SHEET_WITH_HEADER.format(problem=_no_header_problem(required, nearest, True),
                                                      sheets=", ".join(names))
                     + (f"; {T.WORKBOOK_HIDDEN_SKIPPED.format(names=', '.join(hidden))}" if hidden else ""), file=file)


def _nearest_header(rows: list[list], required: tuple[str, ...]) -> tuple[int, list[str], list[str]] | None:
    """The row (0-based) of the top rows that holds the most required columns (at least two), the required
    columns it lacks and its headers that name no known column; None if no row holds two."""
    best = None
    for h, values in enumerate(rows[:HEADER_SCAN_ROWS]):
        found = {ALIASES[_key(v)] for v in values if isinstance(v, str) and v.strip() and _key(v) in ALIASES}
        have = len(found & set(required))
        if have >= 2 and (best is None or have > best[0]):
            unknown = [v.strip() for v in values if isinstance(v, str) and v.strip() and _key(v) not in ALIASES]
            best = (have, h, [c for c in required if c not in found], unknown)
    return None if best is None else best[1:]


def _no_header_problem(required: tuple[str, ...], nearest, rows) -> str:
    """Which columns were expected and, for the row closest to a header, which of them it lacks, each by the
    header the template writes (its first German name) and its key."""
    def shown(col: str) -> str:
        names = HEADER_ALIASES.get(col)
        return f"'{names[0]}' ({col})" if names else f"'{col}'"

    if nearest is not None:
        sheet, h, missing, unknown = nearest
        return T.WB_HEADER_LACKS.format(cell=f"{sheet}!{h + 1}", missing=", ".join(map(shown, missing))) + (
            T.WB_HEADER_UNKNOWN.format(names=", ".join(f"'{u}'" for u in unknown[:5])) if unknown else "")
    return (T.WB_NO_HEADER.format(cols=", ".join(map(shown, required)), n=HEADER_SCAN_ROWS)
            + ("" if rows else T.WB_SHEET_EMPTY))


# --------------------------------------------------------------------------- the Rahmendaten sheet
def read_frame_sheet(path: Path) -> dict:
    """The sheet 'Rahmendaten' of a case workbook → the frame in case.yaml's shape
    (``frame_sheet_rows``, unflattened)."""
    from amip.models.frame import unflatten, year_path_key

    rows = frame_sheet_rows(path)
    raw = unflatten([(k, v, s) for k, v, s, _ in rows])
    for key, _, _, cell in rows:   # a later year's amount names its cell as where it was written (horizon notes)
        if (p := year_path_key(key)) is not None:
            raw["budget"][p[0]][p[1]]["where"] = f"{path}, {cell}"
    return raw


@workbook_errors.of("case workbook")
def frame_sheet_rows(path: Path, *, optional: bool = False) -> list[tuple[str, object, str, str]] | None:
    """The rows of the sheet 'Rahmendaten' of a case workbook: (key, value, source, cell of the value).

    Rows under a header with 'Schlüssel' and 'Wert': the key (``budget.egt_zuteilung_eur``,
    ``pools.lzb``, ``fields.HF1`` …), its value and, optionally, its source ('Quelle / Fundstelle');
    a figure without a source is sourced as its cell (``Rahmendaten!C7``). Empty values are left
    out, so the loader names a missing required value. Text where a number belongs is an error
    naming the sheet and the cell; so is a key given twice (both cells named: which one would count
    is not guessed). The later years of a horizon plan (``budget.egt_path.<Jahr>``,
    ``budget.vorbindungen_path.<Jahr>``) are amounts like the others, without the cell as their source
    (``read_frame_sheet`` keeps the cell as where they were written); their years are checked here
    (``check_year_paths``). ``optional``: None for a workbook without the sheet (a plain measure workbook)."""
    from amip.models.budget import egt_path_year
    from amip.models.frame import FRAME_KEYS, INT, NUM, kind_of, year_path_key

    file = str(path)
    wb = open_workbook(path, "case workbook")
    try:
        sheet = find_sheet(wb.sheetnames, T.FRAME_SHEET, file)   # as Excel compares names: 'rahmendaten' too
        if sheet is None:
            if optional:
                return None
            raise InputError(T.FRAME_NO_SHEET.format(sheets=", ".join(wb.sheetnames)), file=file)
        rows = sheet_rows(wb[sheet], file, "case workbook")
    finally:
        wb.close()
    header = None
    for h, values in enumerate(rows[:HEADER_SCAN_ROWS]):
        cols = {_key(v): i for i, v in enumerate(values) if isinstance(v, str)}
        if _key("Schlüssel") in cols and _key("Wert") in cols:
            header = h, cols
            break
    if header is None:
        raise InputError(T.FRAME_NO_HEADER, file=file, cell=sheet)
    h, cols = header
    ki, vi = cols[_key("Schlüssel")], cols[_key("Wert")]
    si = cols.get(_key(T.FRAME_COLUMNS[4]), cols.get(_key("Quelle")))
    out = []
    seen: dict[str, str] = {}
    empty: dict[str, str] = {}   # later years' rows without a value: key → value cell
    for n, r in enumerate(rows[h + 1:], start=h + 2):
        key = r[ki] if ki < len(r) else None
        if key is None or not str(key).strip():
            continue
        key = str(key).strip()
        key_cell = f"{sheet}!{column_letter(ki)}{n}"
        if key in seen:
            raise InputError(T.FRAME_KEY_TWICE.format(key=key, first=seen[key], second=key_cell), file=file,
                             cell=key_cell)
        seen[key] = key_cell
        kind = kind_of(key)
        cell = f"{sheet}!{column_letter(vi)}{n}"
        if kind is None:
            raise InputError(T.FRAME_UNKNOWN_KEY.format(key=key, allowed=", ".join(FRAME_KEYS)), file=file,
                             cell=f"{sheet}!{column_letter(ki)}{n}")
        later_year = year_path_key(key)
        if later_year is not None and egt_path_year(later_year[1]) is None:
            raise InputError(T.EGT_PATH_YEAR.format(path=later_year[0], key=later_year[1]), file=file, cell=key_cell)
        value = r[vi] if vi < len(r) else None
        if value is None or (isinstance(value, str) and not value.strip()):
            if later_year is not None:
                empty[key] = cell
            continue
        if kind in (NUM, INT):
            number = cell_number(value, file=file, cell=cell, message=T.CASE_BAD_NUMBER_CELL, key=key,
                                 unit=help_unit(key))
            if number < 0:
                raise InputError(T.CASE_NEGATIVE.format(key=key, value=value), file=file, cell=cell)
            value = int(number) if kind == INT else number
        else:
            value = str(value).strip()
        source = str(r[si] if si is not None and si < len(r) and r[si] is not None else "").strip()
        if not source and later_year is None:
            source = T.CELL_SOURCE.format(sheet=sheet, cell=cell.split("!")[1])
        out.append((key, value, source, cell))
    check_year_paths(out, seen, empty, file)
    return out


def check_year_paths(rows: list[tuple[str, object, str, str]], key_cells: dict[str, str], empty: dict[str, str],
                     file: str) -> None:
    """The later years the sheet gives for a horizon plan, against its plan year (key ``year``): each
    after it (the plan year's own amounts stand in the budget chain), and no year left empty between
    the plan year and a later one given (a gap is not guessed: neither 'as the plan year' nor 0 €).
    Errors name the key's cell, a gap the empty value cell of the missing year (or, without a row for
    it, the key of the year after it). Without a plan year the loader names the missing key."""
    from amip.models.frame import YEAR_PATHS, year_path_key

    plan = next((v for k, v, _, _ in rows if k == "year"), None)
    if not isinstance(plan, int):
        return
    for name in YEAR_PATHS:
        given = {int(p[1]): key for key, *_ in rows if (p := year_path_key(key)) is not None and p[0] == name}
        for year in sorted(given):
            if year <= plan:
                raise InputError(T.EGT_PATH_PLAN_YEAR.format(path=name, year=year, first=plan + 1), file=file,
                                 cell=key_cells[given[year]])
        missing = [y for y in range(plan + 1, max(given, default=plan)) if y not in given]
        if missing:
            year = missing[0]
            later = given[min(y for y in given if y > year)]
            raise InputError(T.FRAME_PATH_GAP.format(path=name, year=year, later=later,
                                                     hint=T.FRAME_PATH_GAP_HINT[name]), file=file,
                             cell=empty.get(f"budget.{name}.{year}", key_cells[later]))


def help_unit(key: str) -> str:
    from amip.models.frame import help_of

    return help_of(key)[1]
