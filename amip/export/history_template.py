"""`amip template --history`: the empty history of the jobcenter's own results (``amip.models.history``),
one row per measure of the case and past year, for ``amip rates --history``."""
from __future__ import annotations

from pathlib import Path

from amip import texts as T
from amip.export.xlsx import PAGE_TEXT_WIDTH, cell_formats, write_lines, write_workbook
from amip.models.history import COLUMNS

YEARS = 3   #: past years prepared per measure (the three before the planning year)


def write_history_template(case, path: Path, *, force: bool = False) -> Path:
    """Sheet Ergebnisse (Maßnahme-ID and Jahr pre-filled for the three years before the planning year,
    the counts empty) and Hinweise."""
    years = [case.year - k for k in range(YEARS, 0, -1)] if case.year else []
    widths = {"id": 34, "in_job_6m": 22, "cost_eur": 16}

    def fill(wb) -> None:
        f = cell_formats(wb)
        ws = wb.add_worksheet(T.HIST_SHEET)
        for c, (key, head) in enumerate(COLUMNS.items()):
            ws.write_string(0, c, head, f["head"])
            ws.set_column(c, c, widths.get(key, 12), f["eur"] if key == "cost_eur" else None)
        r = 1
        for m in case.measures:
            for y in years:
                ws.write_string(r, 0, m.id)
                ws.write_number(r, 1, y)
                r += 1
        ws.data_validation(1, 2, max(r, 2), 4, {"validate": "integer", "criteria": ">=", "value": 0,
                                                 "error_message": "Eine ganze Zahl ≥ 0"})
        ws.freeze_panes(1, 1)
        hs = wb.add_worksheet(T.HIST_HELP_SHEET)
        write_lines(hs, 0, 0, T.HIST_HELP_LINES, PAGE_TEXT_WIDTH, f)

    return write_workbook(path, fill, force=force)
