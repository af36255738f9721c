"""`amip tradeoff --output`: the points of the frontier between two targets as a workbook (one sheet
with the points and their units, one line chart), written atomically through amip.export.files."""
from __future__ import annotations

from pathlib import Path

from amip import texts as T
from amip.export.files import atomic_write
from amip.export.xlsx import CHART_FONT, print_setup


def write_tradeoff_excel(case, a: str, b: str, points, path: Path, *, force: bool = False) -> Path:
    from amip.models.planning import TARGETS, target_label

    def write(tmp: Path) -> None:
        import xlsxwriter

        wb = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False,
                                            "strings_to_numbers": False})
        ws = wb.add_worksheet(T.TRADEOFF_SHEET)
        bold = wb.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        label = {t: target_label(t, case.effect) for t in (a, b)}
        fmt = {t: wb.add_format({"num_format": "#,##0 €" if TARGETS[t][1] == "EUR" else "#,##0.0"}) for t in (a, b)}
        ws.write(0, 0, T.TRADEOFF_TITLE.format(a=label[a], b=label[b], case=case.name,
                                                scenario=case.scenario))
        heads = (T.TRADEOFF_POINT, label[a], label[b], T.TRADEOFF_RATE.format(
            a=T.TARGET_SHORT.get(a, a), b=T.TARGET_SHORT.get(b, b)))
        for col, h in enumerate(heads):
            ws.write(2, col, h, bold)
        ws.set_row(2, 45)
        ws.set_column(0, 0, 8)
        ws.set_column(1, 3, 26)
        prev = None
        for k, p in enumerate(points):
            ws.write_number(3 + k, 0, k + 1)
            ws.write_number(3 + k, 1, p.a, fmt[a])
            ws.write_number(3 + k, 2, p.b, fmt[b])
            if prev is not None and abs(p.a - prev.a) > 1e-9:
                ws.write_number(3 + k, 3, (p.b - prev.b) / (p.a - prev.a))
            prev = p
        last = 3 + len(points) - 1
        chart = wb.add_chart({"type": "scatter", "subtype": "straight_with_markers"})
        chart.add_series({"name": label[b], "categories": [T.TRADEOFF_SHEET, 3, 1, last, 1],
                          "values": [T.TRADEOFF_SHEET, 3, 2, last, 2]})
        chart.set_x_axis({"name": label[a], "num_font": CHART_FONT, "name_font": CHART_FONT})
        chart.set_y_axis({"name": label[b], "num_font": CHART_FONT, "name_font": CHART_FONT})
        chart.set_legend({"none": True})
        chart.set_size({"width": 640, "height": 400})
        ws.insert_chart(last + 2, 0, chart)   # under the points: beside them, both printed at 6 pt
        print_setup(wb)                       # as every amip workbook: A4 landscape, ≥ 8 pt, the footer
        ws.repeat_rows(2)                     # the header row (under the title) on every page
        wb.close()

    return atomic_write(Path(path), write, force=force)
