"""The workbook layer every Excel export shares (xlsxwriter): cells written as what they are (text never
as a formula), a sheet from headers and rows, the number formats, the print setup (landscape, one page
wide, header rows repeated, a footer naming the run) and the atomic write of a workbook."""
from __future__ import annotations

from pathlib import Path

from amip import texts as T
from amip.export.files import atomic_write

EUR = '#,##0 "€"'
EUR2 = '#,##0.00 "€"'
NUM = "#,##0.0"
RATE = "0.0%"


def write_cell(ws, r: int, c: int, value, fmt=None) -> None:
    if value is None:
        ws.write_blank(r, c, None, fmt)
    elif isinstance(value, bool):
        ws.write_boolean(r, c, value, fmt)
    elif isinstance(value, (int, float)):
        ws.write_number(r, c, float(value), fmt)
    else:
        ws.write_string(r, c, str(value), fmt)   # never a formula, whatever it starts with


def header_height(headers: list[tuple[str, int, str | None]]) -> float:
    """Row height (points) that shows every wrapped header whole: lines of its column width, 15 pt each."""
    lines = 1
    for title, width, _ in headers:
        words, line, n = str(title).split(), 0, 1
        for word in words:
            if line and line + 1 + len(word) > max(width - 1, 4):
                n, line = n + 1, len(word)
            else:
                line += (1 if line else 0) + len(word)
        lines = max(lines, n)
    return 15.0 * lines + 3


def write_sheet(wb, name: str, headers: list[tuple[str, int, str | None]], rows: list[list], fmts: dict):
    ws = wb.add_worksheet(name)
    for c, (title, width, fmt) in enumerate(headers):
        ws.write_string(0, c, title, fmts["head"])
        ws.set_column(c, c, width, fmts[fmt] if fmt else None)
    ws.set_row(0, header_height(headers))
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            fmt = headers[c][2] if c < len(headers) else None
            if isinstance(value, tuple):     # (value, format key): a cell whose unit differs from its column's
                value, fmt = value
            write_cell(ws, r, c, value, whole_format(fmts, fmt, value))
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(rows), 1), len(headers) - 1)
    return ws


def whole_format(fmts: dict, fmt: str | None, value):
    """Entries and counts as whole numbers when they are whole ('70', not '70,0')."""
    if fmt is None:
        return None
    if fmt == "num" and isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value - round(value)) < 1e-9:
        return fmts.get("int", fmts[fmt])
    return fmts[fmt]


def footer_for(case_name: str, scenario: str, timestamp: str, input_hash: str) -> str:
    """The printed footer: case, scenario, date and input hash (xlsxwriter escapes '&' as '&&')."""
    text = T.XL_FOOTER.format(case=case_name, scenario=scenario, date=str(timestamp)[:10], hash=str(input_hash)[:16])
    return text.replace("&", "&&")


def print_setup(wb, footer: str | None = None) -> None:
    """Every sheet prints: landscape A4, one page wide, the header row on every page, a footer
    naming the run (left) and the page (right). Applied once to all sheets before the workbook closes."""
    import datetime as _dt

    left = footer or T.XL_FOOTER_PLAIN.format(date=_dt.date.today().isoformat())
    for ws in wb.worksheets():
        ws.set_landscape()
        ws.set_paper(9)                     # A4
        ws.fit_to_pages(1, 0)               # one page wide, as many pages tall as needed
        ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
        ws.set_footer(f"&L&8{left[:200]}&R&8{T.XL_PAGE}")
        if getattr(ws, "_amip_header_rows", 1):
            ws.repeat_rows(0, getattr(ws, "_amip_header_rows", 1) - 1)


def cell_formats(wb) -> dict:
    return {"head": wb.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "top"}),
            "eur": wb.add_format({"num_format": EUR}), "eur2": wb.add_format({"num_format": EUR2}),
            "num": wb.add_format({"num_format": NUM}), "int": wb.add_format({"num_format": "#,##0"}),
            "pct": wb.add_format({"num_format": "0.0%"}), "plain": wb.add_format({"num_format": "#,##0.0"}),
            "sum": wb.add_format({"bold": True, "top": 1}), "sum_eur": wb.add_format({"bold": True, "top": 1, "num_format": EUR}),
            "sum_num": wb.add_format({"bold": True, "top": 1, "num_format": NUM}), "num3": wb.add_format({"num_format": "0.000"}), "rate": wb.add_format({"num_format": RATE}),
            "text": wb.add_format({}), "bold": wb.add_format({"bold": True}),
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
