"""amip.export.history_template on its own: the empty history workbook has one row per measure of the
default case and each of the three years before the planning year, German headers, and reads back
through amip's own history reader once filled in."""
from __future__ import annotations

import openpyxl
import pytest

from amip import texts as T
from amip.export.history_template import YEARS, write_history_template
from amip.models.history import COLUMNS


@pytest.fixture(scope="module")
def book(tmp_path_factory, case):
    path = write_history_template(case, tmp_path_factory.mktemp("hist") / "historie.xlsx")
    return path, openpyxl.load_workbook(path)


def test_sheets_and_german_headers(book):
    _, wb = book
    assert wb.sheetnames == [T.HIST_SHEET, T.HIST_HELP_SHEET] == ["Ergebnisse", "Hinweise"]
    ws = wb[T.HIST_SHEET]
    assert [c.value for c in ws[1]] == list(COLUMNS.values())
    assert ws.freeze_panes == "B2"
    assert [r[0] for r in wb[T.HIST_HELP_SHEET].iter_rows(values_only=True)] == list(T.HIST_HELP_LINES)


def test_one_row_per_measure_and_past_year_counts_empty(book, case):
    _, wb = book
    rows = list(wb[T.HIST_SHEET].iter_rows(min_row=2, values_only=True))
    years = list(range(case.year - YEARS, case.year))
    assert [(r[0], r[1]) for r in rows] == [(m.id, y) for m in case.measures for y in years]
    assert all(v is None for r in rows for v in r[2:])
    dv = wb[T.HIST_SHEET].data_validations.dataValidation
    assert dv and dv[0].type == "whole" and dv[0].operator == "greaterThanOrEqual"


def test_the_filled_template_reads_back_through_the_history_reader(book, case, tmp_path):
    from amip.inputs.history import read_history

    path, _ = book
    wb = openpyxl.load_workbook(path)
    ws = wb[T.HIST_SHEET]
    for r in range(2, ws.max_row + 1):
        ws.cell(r, 3, 10)   # Austritte
        ws.cell(r, 4, 4)    # davon in svB
    filled = tmp_path / "gefuellt.xlsx"
    wb.save(filled)
    hist = read_history(filled, case)
    assert len(hist.rows) == len(case.measures) * YEARS
    assert hist.years == tuple(range(case.year - YEARS, case.year))
    assert hist.totals()[case.measures[0].id] == (10 * YEARS, 4 * YEARS)
