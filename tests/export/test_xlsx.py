"""amip.export.xlsx on its own: a sheet written from headers and the solved default case's rows reads back
with openpyxl (titles, values, number formats, whole numbers, text never a formula, frozen header, filter)
and every sheet prints landscape A4 one page wide with the run's footer."""
from __future__ import annotations

import openpyxl
import pytest

from amip.errors import InputError
from amip.export.xlsx import EUR, NUM, cell_formats, footer_for, write_sheet, write_workbook
from amip.optimizer import optimize


@pytest.fixture(scope="module")
def result(case):
    return optimize(case)


HEADERS = [("Maßnahme-ID", 30, None), ("Eintritte", 12, "num"), ("Kosten", 14, "eur"), ("Name", 30, "wrap")]


@pytest.fixture(scope="module")
def book(tmp_path_factory, result):
    rows = [[m.id, m.entries, m.cost, m.name] for m in result.measures] + [["=SUMME(B2:B3)", None, 0.5, "x"]]
    footer = footer_for("Duisburg & Co", "basis", "2026-12-07T16:00:00", result.input_hash)

    def fill(wb):
        write_sheet(wb, "Zuteilung", HEADERS, rows, cell_formats(wb))

    path = write_workbook(tmp_path_factory.mktemp("xlsx") / "t.xlsx", fill, force=False, footer=footer)
    return openpyxl.load_workbook(path), footer


def test_sheet_reads_back_with_titles_values_and_formats(book, result):
    ws = book[0]["Zuteilung"]
    assert [c.value for c in ws[1]] == [h[0] for h in HEADERS]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:D")
    for r, m in enumerate(result.measures, start=2):
        assert ws.cell(r, 1).value == m.id and ws.cell(r, 4).value == m.name
        assert ws.cell(r, 2).value == pytest.approx(m.entries) and ws.cell(r, 3).value == pytest.approx(m.cost)
        assert ws.cell(r, 3).number_format == EUR
        whole = abs(m.entries - round(m.entries)) < 1e-9
        assert ws.cell(r, 2).number_format == ("#,##0" if whole else NUM), (m.id, m.entries)
        assert ws.cell(r, 4).alignment.wrap_text


def test_text_that_starts_like_a_formula_stays_text(book, result):
    ws = book[0]["Zuteilung"]
    last = len(result.measures) + 2
    assert ws.cell(last, 1).value == "=SUMME(B2:B3)" and ws.cell(last, 1).data_type == "s"
    assert ws.cell(last, 2).value is None


def test_print_setup_and_footer(book, result):
    wb, footer = book
    ws = wb["Zuteilung"]
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0   # width 1: the default
    assert ws.print_title_rows == "$1:$1"
    assert "Duisburg && Co" in footer and result.input_hash[:16] in footer and "2026-12-07" in footer
    assert result.input_hash[:16] in ws.oddFooter.left.text and "Seite" in ws.oddFooter.right.text


def test_an_existing_file_is_kept_without_force(tmp_path):
    path = tmp_path / "t.xlsx"
    path.write_bytes(b"old")
    with pytest.raises(InputError, match="--force"):
        write_workbook(path, lambda wb: wb.add_worksheet("A"), force=False)
    assert path.read_bytes() == b"old"
    write_workbook(path, lambda wb: wb.add_worksheet("A"), force=True)
    assert openpyxl.load_workbook(path).sheetnames == ["A"]


# --------------------------------------------------------------------------- trial finding 8: a sheet wider than
# the page no longer shrinks to 2 pt; its text columns wrap so it fits, or it prints at 75 % on pages side by side
def _book(tmp_path, headers, rows, name="w.xlsx", folded=()):
    def fill(wb):
        write_sheet(wb, "Blatt", headers, rows, cell_formats(wb), folded=folded)

    return openpyxl.load_workbook(write_workbook(tmp_path / name, fill, force=False))["Blatt"]


def _width(ws) -> float:
    return sum(d.width - 0.71 for d in ws.column_dimensions.values() if not d.hidden)


def test_a_wide_text_column_wraps_and_the_sheet_fits_one_page_wide(tmp_path):
    from amip.export.layout import PRINT_WIDTH

    long = "Quelle: " + "sehr lange Begründung einer Zahl " * 8
    ws = _book(tmp_path, [("Kennzahl", 62, None), ("Wert", 34, "num"), ("Einheit / Quelle", 100, None)],
               [["Neufallbudget", 35_085_957, long]])
    assert _width(ws) <= PRINT_WIDTH + 0.5
    assert ws.column_dimensions["B"].width == pytest.approx(34.71, abs=0.01)   # numbers keep their width
    assert ws["C2"].alignment.wrap_text and ws.row_dimensions[2].height > 15   # the long text wraps, row grown
    assert ws.page_setup.fitToWidth in (1, None) and ws.sheet_properties.pageSetUpPr.fitToPage


def test_a_text_longer_than_its_column_wraps_instead_of_running_into_the_next(tmp_path):
    ws = _book(tmp_path, [("Was", 20, None), ("Wert", 20, None)], [["kurz", "ein Satz, der viel länger ist als "
                                                                              "seine Spalte breit ist"]])
    assert not ws["A2"].alignment.wrap_text and ws["B2"].alignment.wrap_text and ws.row_dimensions[2].height > 15


def test_a_sheet_of_numbers_too_wide_for_a_page_prints_at_75_percent_never_smaller(tmp_path):
    from amip.export.layout import LEAST_SCALE

    ws = _book(tmp_path, [("Maßnahme", 20, "wrap")] + [(f"Zahl {k}", 14, "num") for k in range(12)],
               [["x"] + list(range(12))])
    assert not ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.scale == LEAST_SCALE
    folded = _book(tmp_path, [("Maßnahme", 20, "wrap")] + [(f"Zahl {k}", 14, "num") for k in range(12)],
                   [["x"] + list(range(12))], "f.xlsx", folded=tuple(range(4, 13)))
    assert folded.column_dimensions["A"].width == pytest.approx(20.71, abs=0.01)   # folded columns do not count


def test_fit_widths_cuts_the_widest_texts_to_one_width_and_keeps_the_numbers():
    from amip.export.layout import fit_widths

    assert fit_widths([62, 34, 100], [True, False, True], [12, 12, 12]) == [56, 34, 56]
    assert fit_widths([10, 30, 100], [True, False, True], [12, 12, 12]) == [10, 30, 100]   # fits as it is
    assert fit_widths([50, 200], [True, False], [12, 12]) == [50, 200]   # too wide anyway: the texts stay whole
