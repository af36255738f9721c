"""`amip template`: an empty measure workbook a planner fills in and passes back with --measures."""
from __future__ import annotations

from pathlib import Path

from amip import texts as T
from amip.export.xlsx import cell_formats, write_workbook
from amip.inputs.loader import MEASURE_OPTIONAL, MEASURE_REQUIRED
from amip.inputs.workbook import COLUMN_HELP, HEADER_ALIASES
from amip.models import Case
from amip.models.measure import BUDGET_BASIS_GERMAN, BudgetBasis

ROWS = 500     #: rows prepared with dropdowns and formats
SHEET = "Maßnahmen"
EUR_COLUMNS = {"cost_per_entry_eur": "eur2", "fixed_spend_eur": "eur", "planned_budget_eur": "eur"}
NUM_COLUMNS = {"planned_entries", "prebought_entries", "lower", "upper", "duration_months"}


def template_columns() -> list[str]:
    cols = [c for c in MEASURE_REQUIRED + MEASURE_OPTIONAL if c not in ("seed_lines", "confidence", "instrument_type")]
    cols.insert(cols.index("instrument") + 1, "instrument_type")   # beside the legal reference it derives from
    return cols


def write_template(case: Case, path: Path, *, force: bool = False, rows: list[dict] | None = None,
                   frame: dict | None = None, title: str | None = None) -> Path:
    """The measure workbook: sheet Maßnahmen (empty, or ``rows`` pre-filled, e.g. a derived catalogue),
    Rahmendaten (the frame ``frame`` in case.yaml's shape; default: every key, no figures) and
    Erläuterung. The dropdowns come from ``case`` (fields, pools, categories)."""
    from amip.inputs.derived import skeleton_frame

    frame = frame if frame is not None else skeleton_frame(case.year)
    title = title or case.title
    choices = {"field": [f.id for f in case.fields],
               "product_category": sorted({"I", "II", "III", "IV", "V", "VI"}
                                          | {m.product_category for m in case.measures}),
               "budget_basis": [BUDGET_BASIS_GERMAN[b.value] for b in BudgetBasis],   # planners' words
               "pool": sorted(case.pools)}

    def fill(wb) -> None:
        fmts = cell_formats(wb)
        ws = wb.add_worksheet(SHEET)
        cols = template_columns()
        for c, col in enumerate(cols):
            ws.write_string(0, c, HEADER_ALIASES[col][0], fmts["head"])
            fmt = fmts[EUR_COLUMNS[col]] if col in EUR_COLUMNS else fmts["num"] if col in NUM_COLUMNS else (
                fmts["rate"] if col == "integration_rate" else None)
            ws.set_column(c, c, 34 if col in ("name", "instrument", "rate_source", "note") else 16, fmt)
            if col in choices:
                ws.data_validation(1, c, ROWS, c, {"validate": "list", "source": choices[col], "ignore_blank": True,
                                                   "error_title": "Ungültiger Wert",
                                                   "error_message": "Bitte aus der Liste wählen: "
                                                                    + ", ".join(choices[col])})
            elif col in EUR_COLUMNS or col in NUM_COLUMNS:
                ws.data_validation(1, c, ROWS, c, {"validate": "decimal", "criteria": ">=", "value": 0,
                                                   "error_message": "Eine Zahl ≥ 0"})
            elif col == "integration_rate":
                ws.data_validation(1, c, ROWS, c, {"validate": "decimal", "criteria": "between", "minimum": 0,
                                                   "maximum": 1, "error_message": "Ein Anteil zwischen 0 und 100 %"})
        for r, row in enumerate(rows or [], start=1):
            for c, col in enumerate(cols):
                v = row.get(col, "")
                if col == "budget_basis":   # the dropdown's word ('vorab eingekauft'), not the code ('prebought')
                    v = BUDGET_BASIS_GERMAN.get(str(v), v)
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    ws.write_number(r, c, v)
                elif v not in ("", None):
                    try:
                        ws.write_number(r, c, float(v)) if col in EUR_COLUMNS or col in NUM_COLUMNS else \
                            ws.write_string(r, c, str(v))
                    except ValueError:
                        ws.write_string(r, c, str(v))
        ws.freeze_panes(1, 2)
        ws.autofilter(0, 0, ROWS, len(cols) - 1)

        help_ws = wb.add_worksheet("Erläuterung")
        head = ["Spalte", "Spaltenname (englisch, ebenso gültig)", "Pflicht", "Einheit", "Bedeutung", "Auswahl"]
        widths = [28, 26, 8, 14, 100, 40]
        for c, (h, w) in enumerate(zip(head, widths, strict=True)):
            help_ws.write_string(0, c, h, fmts["head"])
            help_ws.set_column(c, c, w)
        for r, col in enumerate(cols, start=1):
            unit, meaning = COLUMN_HELP[col]
            for c, v in enumerate([HEADER_ALIASES[col][0], col, "ja" if col in MEASURE_REQUIRED else "nein", unit,
                                   meaning, ", ".join(choices.get(col, []))]):
                help_ws.write_string(r, c, v)
        n = len(cols) + 2
        notes = [f"Fall: {title}. Felder, Kategorien und Pools der Auswahllisten stammen aus dessen Falldatei.",
                 "Deutsche Spaltennamen und die englischen Namen der CSV sind gleichwertig; weitere Spalten werden "
                 "ignoriert, Titelzeilen über der Kopfzeile ebenso.",
                 "Zahlen als Zahl oder als Text im deutschen Format (1.234,56). Integrationsquoten leer lassen, "
                 "um die Ratentabelle (mit Quellen, Schätzungen markiert) zu nutzen.",
                 T.TEMPLATE_USAGE]
        for k, t in enumerate(notes):
            help_ws.write_string(n + k, 0, t)
        _frame_sheet(wb, fmts, frame)

    return write_workbook(Path(path), fill, force=force)


def _frame_sheet(wb, fmts, frame: dict) -> None:
    """Sheet Rahmendaten: one row per frame key (key, label, value, unit, source, where to find it); at
    the end, under a note row (no key: the reader skips it), the later years' EGT and Vorbindungen for
    ``amip optimize --horizon`` (``year_path_rows``), empty unless the frame gives them. Label, source
    and where wrap in their columns and the notes across the row, so the sheet prints one page wide at
    a readable size (long texts ran past the last column and shrank the page to about 4 pt)."""
    from amip.export.layout import LINE_PT, row_height, text_lines
    from amip.models.frame import FRAME_KEYS, NUM, flatten, help_of, kind_of, year_path_key, year_path_rows
    from amip.models.sources import for_reader

    widths = (30, 26, 14, 10, 33, 33)
    bold_wrap = wb.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    ws = wb.add_worksheet(T.FRAME_SHEET)

    def note(r: int, first: int, text: str) -> None:   # bold text is wider: a tenth less fits
        ws.merge_range(r, first, r, len(widths) - 1, text, bold_wrap)
        ws.set_row(r, text_lines(text, sum(widths[first:]) * 0.9) * LINE_PT + 1)

    note(0, 0, T.FRAME_SHEET_NOTE)
    for c, (h, w) in enumerate(zip(T.FRAME_COLUMNS, widths, strict=True)):
        ws.write_string(2, c, h, fmts["head"])
        ws.set_column(c, c, w, fmts["wrap"] if c in (1, 3, 4, 5) else None)
    given = {k: (v, s) for k, v, s in flatten(frame)}
    keys: list[str | None] = list(FRAME_KEYS) + [k for k in given if k not in FRAME_KEYS and not year_path_key(k)]
    if isinstance(frame.get("year"), int):
        keys += [None] + year_path_rows(frame["year"], given)
    for r, key in enumerate(keys, start=3):
        if key is None:
            note(r, 1, T.FRAME_PATH_NOTE)
            continue
        label, unit, where = help_of(key)
        value, source = given.get(key, (None, ""))
        source = for_reader(source, markers=False)   # 'Seed L250' as the AmIp's line; ESTIMATE/POLICY stay (read back)
        ws.write_string(r, 0, key, fmts["text"])
        ws.write_string(r, 1, label, fmts["wrap"])
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            ws.write_number(r, 2, value, fmts["num"] if kind_of(key) == NUM else fmts["text"])
        elif value not in (None, ""):
            ws.write_string(r, 2, str(value), fmts["wrap"])
        elif kind_of(key) == NUM:   # an empty amount shows what is typed in as the filled ones (1.234.567)
            ws.write_blank(r, 2, None, fmts["num"])
        ws.write_string(r, 3, unit, fmts["wrap"])
        ws.write_string(r, 4, source, fmts["wrap"])
        ws.write_string(r, 5, where, fmts["wrap"])
        height = row_height([(label, widths[1]), (str(value or ""), widths[2]), (unit, widths[3]),
                             (source, widths[4]), (where, widths[5])])
        if height:
            ws.set_row(r, height)
    ws.freeze_panes(3, 1)
    ws._amip_header_rows = 3   # the note and the column titles on every printed page (xlsx.print_setup)
