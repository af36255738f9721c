"""The workbook layer every Excel export shares (xlsxwriter): cells written as what they are (text never
as a formula), a sheet from headers and rows (wrapped columns with their row heights: amip.export.layout),
the number formats, the print setup (landscape, one page wide, header rows repeated, a footer naming the
run and the sheet) and the atomic write of a workbook."""
from __future__ import annotations

from pathlib import Path

from amip import texts as T
from amip.errors import path_text
from amip.export.files import atomic_write
from amip.export.layout import (
    LEAST_SCALE,
    NARROWEST_TEXT,
    PRINT_WIDTH,
    fit_widths,
    header_height,
    header_width,
    row_height,
    text_lines,
)

EUR = '#,##0 "€"'
EUR2 = '#,##0.00 "€"'
NUM = "#,##0.0"
RATE = "0.0%"
#: Chart text at the cells' 11 pt, so a chart prints at ≥ 8 pt on a page scaled to fit (xlsxwriter's default: 10)
CHART_FONT = {"size": 11}
CHART_TITLE_FONT = {"size": 13, "bold": True}
#: Shadow prices (integrations per € or per entry: 0,0000864 or 0,21) fixed, never in scientific notation.
DUAL = "#,##0.0000000"


def write_cell(ws, r: int, c: int, value, fmt=None) -> None:
    if value is None:
        ws.write_blank(r, c, None, fmt)
    elif isinstance(value, bool):
        ws.write_boolean(r, c, value, fmt)
    elif isinstance(value, (int, float)):
        ws.write_number(r, c, float(value), fmt)
    else:
        text = str(value)
        if not text.isascii():
            text = path_text(text)   # a file name that is not UTF-8: \xNN, not a UnicodeEncodeError
        ws.write_string(r, c, text, fmt)   # never a formula, whatever it starts with


def write_sheet(wb, name: str, headers: list[tuple[str, int, str | None]], rows: list[list], fmts: dict,
                folded: tuple[int, ...] = ()):
    """A sheet from (title, width, format key) headers and rows. A header column holds its longest word whole;
    a "wrap" column wraps its text and its rows get the height of their lines (LibreOffice keeps a row's
    height on load, so wrapped lines need it set). Columns wider together than layout.PRINT_WIDTH (the
    ``folded`` ones, which the caller hides, aside): the widest text columns wrap at a common width
    (fit_widths), so the sheet prints one page wide at ≥ 8 pt."""
    headers = fitted([(title, header_width(title, width), fmt) for title, width, fmt in headers], folded)
    # a wrapped text right of a number ('3.007,8' then '80 % der …') stands one character in
    headers = [(title, width, "wrap_gap" if fmt == "wrap" and c and "wrap_gap" in fmts
                and headers[c - 1][2] not in (None, "wrap", "text") else fmt)
               for c, (title, width, fmt) in enumerate(headers)]
    ws = wb.add_worksheet(name)
    for c, (title, width, fmt) in enumerate(headers):
        ws.write_string(0, c, title, fmts["head"])
        ws.set_column(c, c, width, fmts[fmt] if fmt else None)
    ws.set_row(0, header_height(headers))
    for r, row in enumerate(rows, start=1):
        wrapped = []
        for c, value in enumerate(row):
            fmt = headers[c][2] if c < len(headers) else None
            if isinstance(value, tuple):     # (value, format key): a cell whose unit differs from its column's
                value, fmt = value
            if fmt in ("text", None) and c < len(headers) and overflows(value, headers[c][1]):
                fmt = "wrap"                 # never into the next cell: LibreOffice prints what overflows
            write_cell(ws, r, c, value, whole_format(fmts, fmt, value))
            if fmt in ("wrap", "wrap_gap") and isinstance(value, str) and c < len(headers):
                wrapped.append((value, headers[c][1]))
        height = row_height(wrapped)
        if height:
            ws.set_row(r, height)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(rows), 1), len(headers) - 1)
    return ws


def overflows(value, width: float) -> bool:
    """A text longer than one line of its column (it would run into the empty cells beside it)."""
    return isinstance(value, str) and text_lines(value, width) > 1


#: Characters of a column of free text that prints whole at 100 % on landscape A4 (798 pt at about 7,3 pt a
#: character): LibreOffice did not scale a single wider column of wrapped text to the page, it cut the lines
PAGE_TEXT_WIDTH = 106


def write_lines(ws, row: int, col: int, lines, width: float, fmts: dict, first=None) -> None:
    """Free text, one line per row of a column ``width`` characters wide set here: a line longer than the
    column wraps in its cell with the row's height (text running past the column made LibreOffice print
    the sheet as wide as the longest line, at 3 pt). ``first``: the format key of the first line."""
    ws.set_column(col, col, width)
    for k, line in enumerate(lines):
        fmt = first if k == 0 and first else "wrap"
        ws.write_string(row + k, col, line, fmts[fmt])
        height = row_height([(line, width)])
        if height:
            ws.set_row(row + k, height)


def fitted(headers: list[tuple[str, float, str | None]], folded=()) -> list[tuple[str, float, str | None]]:
    """The headers with their text columns squeezed to PRINT_WIDTH in all (layout.fit_widths); a text column
    that is cut wraps."""
    shown = [c for c in range(len(headers)) if c not in folded]
    text = ("wrap", "wrap_gap", "text", None)
    # two characters to spare: a sheet of ten columns squeezed to exactly PRINT_WIDTH printed at 7,9 pt
    widths = fit_widths([headers[c][1] for c in shown], [headers[c][2] in text for c in shown],
                        [header_width(headers[c][0], NARROWEST_TEXT) for c in shown], PRINT_WIDTH - 2)
    out = list(headers)
    for c, width in zip(shown, widths, strict=True):
        title, before, fmt = headers[c]
        if width < before:
            out[c] = (title, width, "wrap" if fmt in ("text", None) else fmt)
    return out


def printed_width(ws) -> float:
    """How many characters wide a sheet prints: its shown columns (xlsxwriter's pixels, 7 per character plus
    5) up to the last one written, and the charts' right edges (7 pixels a character)."""
    default = 64                                   # 8,43 characters, xlsxwriter's pixels
    info = getattr(ws, "col_info", {}) or {}

    def px(c: int) -> float:
        col = info.get(c)
        if col is None:
            return default
        if getattr(col, "hidden", False):
            return 0
        return default if col.width is None else col.width

    def chars(pixels: float) -> float:
        return max(pixels - 5, 0) / 7

    last = max([getattr(ws, "dim_colmax", None) or 0] + [c for c, v in info.items() if not v.hidden])
    width = sum(chars(px(c)) for c in range(last + 1) if px(c))
    for chart in getattr(ws, "charts", []):
        col, offset, chart_obj, scale = chart[1], chart[3], chart[2], chart[5]
        right = sum(chars(px(c)) for c in range(col) if px(c)) + (offset + chart_obj.width * scale) / 7
        width = max(width, right)
    return width


def whole_format(fmts: dict, fmt: str | None, value):
    """Entries and counts as whole numbers when they are whole ('70', not '70,0')."""
    if fmt is None:
        return fmts.get("text")
    if (fmt == "num" and isinstance(value, (int, float)) and not isinstance(value, bool)
            and abs(value - round(value)) < 1e-9):
        return fmts.get("int", fmts[fmt])
    return fmts[fmt]


def footer_for(case_name: str, scenario: str, timestamp: str, input_hash: str) -> str:
    """The printed footer: case, scenario, date and input hash (xlsxwriter escapes '&' as '&&')."""
    text = T.XL_FOOTER.format(case=case_name, scenario=scenario, date=str(timestamp)[:10], hash=str(input_hash)[:16])
    return text.replace("&", "&&")


def print_setup(wb, footer: str | None = None) -> None:
    """Every sheet prints: landscape A4, one page wide (a sheet wider than layout.PRINT_WIDTH at LEAST_SCALE on
    pages side by side: never under 8 pt), the header row on every page, a footer naming the run (left) and the
    page (right). Applied once to all sheets before the workbook closes."""
    import datetime as _dt

    left = footer or T.XL_FOOTER_PLAIN.format(date=_dt.date.today().isoformat())
    for ws in wb.worksheets():
        ws.set_landscape()
        ws.set_paper(9)                     # A4
        if printed_width(ws) <= PRINT_WIDTH + 1:
            ws.fit_to_pages(1, 0)           # one page wide, as many pages tall as needed
        else:                               # fitted to one page wide it would print under 8 pt: pages side by side
            ws.set_print_scale(LEAST_SCALE)
        ws.set_margins(left=0.3, right=0.3, top=0.5, bottom=0.6)
        ws.set_footer(f"&L&11{left[:200]}&R&11{T.XL_PAGE}")   # 11 pt as the cells: ≥ 8 pt at the page's scale
        if getattr(ws, "_amip_header_rows", 1):
            ws.repeat_rows(0, getattr(ws, "_amip_header_rows", 1) - 1)


def cell_formats(wb) -> dict:
    top = {"valign": "top"}   # beside a wrapped text of several lines, a number stands on its first line
    return {"head": wb.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "top"}),
            "eur": wb.add_format({"num_format": EUR, **top}), "eur2": wb.add_format({"num_format": EUR2, **top}),
            "num": wb.add_format({"num_format": NUM, **top}), "num2": wb.add_format({"num_format": "#,##0.00", **top}),
            "int": wb.add_format({"num_format": "#,##0", **top}),
            "pct": wb.add_format({"num_format": "0.0%", **top}),
            "plain": wb.add_format({"num_format": "#,##0.0", **top}),
            "sum": wb.add_format({"bold": True, "top": 1}),
            "sum_eur": wb.add_format({"bold": True, "top": 1, "num_format": EUR}),
            "sum_num": wb.add_format({"bold": True, "top": 1, "num_format": NUM}),
            "sum_int": wb.add_format({"bold": True, "top": 1, "num_format": "#,##0"}),
            "num3": wb.add_format({"num_format": "0.000", **top}), "rate": wb.add_format({"num_format": RATE, **top}),
            "text": wb.add_format(top), "bold": wb.add_format({"bold": True}),
            "wrap": wb.add_format({"text_wrap": True, "valign": "top"}),
            # a wrapped text beside a number column, one character in: the right-aligned number never touches it
            "wrap_gap": wb.add_format({"text_wrap": True, "valign": "top", "align": "left", "indent": 1}),
            "dual": wb.add_format({"num_format": DUAL, **top}),
            "title": wb.add_format({"bold": True, "font_size": 13})}


def write_workbook(path: Path, fill, *, force: bool, footer: str | None = None) -> Path:
    import xlsxwriter
    import xlsxwriter.exceptions

    def write(tmp: Path) -> None:
        # in_memory: no sub-files in the system temp folder that a signal or a full disk could leave behind
        wb = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False,
                                            "strings_to_numbers": False, "in_memory": True})
        fill(wb)
        print_setup(wb, footer)
        try:
            wb.close()
        except xlsxwriter.exceptions.FileCreateError as e:   # wraps the OSError (disk full, EFBIG)
            raise (e.args[0] if e.args and isinstance(e.args[0], OSError) else OSError(str(e))) from None

    return atomic_write(path, write, force=force)
