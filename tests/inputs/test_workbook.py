"""Measure tables from Excel workbooks: same results as the CSV, German headers and numbers, errors
that name the sheet and cell."""
from __future__ import annotations

import datetime
import json

import openpyxl
import pytest
from click.testing import CliRunner

from amip.cli import main
from amip.errors import InputError
from amip.inputs.loader import load_case
from amip.inputs.workbook import HEADER_ALIASES, cell_text, column_letter
from amip.optimizer import optimize
from tests.conftest import DUISBURG_CASE, shipped_rows

NUMERIC = {"cost_per_entry_eur", "planned_entries", "prebought_entries", "fixed_spend_eur", "planned_budget_eur",
           "lower", "upper", "integration_rate", "duration_months"}


def write_workbook(path, *, german_headers=True, title_rows=2, text_numbers=False, sheet="Maßnahmen",
                   edit=None, extra_sheet_first=False):
    """The shipped measure table as a planner's workbook: title rows, German headers, numbers."""
    header, rows = shipped_rows()
    wb = openpyxl.Workbook()
    ws = wb.active
    if extra_sheet_first:
        ws.title = "Deckblatt"
        ws["A1"] = "AmIp 2020 – Deckblatt"
        ws = wb.create_sheet(sheet)
    else:
        ws.title = sheet
    for t in range(title_rows):
        ws.cell(row=t + 1, column=1, value=f"Titelzeile {t + 1}")
    if title_rows:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=5)
    ws.append([HEADER_ALIASES[h][0] if german_headers else h for h in header] + ["Summe (ignoriert)"])
    for r in rows:
        if edit:
            edit(r)
        cells = []
        for h in header:
            v = r.get(h, "")
            if h in NUMERIC and v != "":
                v = float(v)
                if text_numbers:
                    v = f"{v:,.4f}".replace(",", "X").replace(".", ",").replace("X", ".")   # '1.234,5600'
            cells.append(v if v != "" else None)
        ws.append(cells + [None])
    for _ in range(3):
        ws.append([None] * len(header))    # empty trailing rows
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def csv_optimum(case):
    return optimize(case)


@pytest.mark.parametrize("kwargs", [dict(), dict(text_numbers=True), dict(german_headers=False, title_rows=0),
                                    dict(extra_sheet_first=True)])
def test_the_workbook_and_the_csv_give_identical_results(tmp_path, csv_optimum, kwargs):
    path = write_workbook(tmp_path / "m.xlsx", **kwargs)
    c = load_case(measures=path)
    r = optimize(c)
    assert r.objective == pytest.approx(csv_optimum.objective, rel=1e-12)
    assert r.new_entries == pytest.approx(csv_optimum.new_entries, abs=1e-9)
    assert c.measure("hf1-egz").source.startswith("m.xlsx Maßnahmen!A")


def test_the_cli_reads_a_named_sheet(tmp_path, csv_optimum):
    path = write_workbook(tmp_path / "m.xlsx", sheet="Planung 2020", extra_sheet_first=True)
    r = CliRunner().invoke(main, ["optimize", "--case", DUISBURG_CASE, "--measures", str(path),
                                 "--sheet", "Planung 2020", "--format", "json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["objective"] == pytest.approx(csv_optimum.objective, rel=1e-12)


def _error(path, **kw) -> str:
    with pytest.raises(InputError) as e:
        load_case(measures=path, **kw)
    return str(e.value)


def test_text_in_a_number_column_names_the_cell(tmp_path):
    header, _ = shipped_rows()
    path = write_workbook(tmp_path / "m.xlsx", edit=lambda r: r.update(cost_per_entry_eur="9") if r["id"] != "hf1-egz"
                          else None)
    wb = openpyxl.load_workbook(path)
    ws = wb["Maßnahmen"]
    col = header.index("cost_per_entry_eur")
    row = next(c.row for c in ws["A"] if c.value == "hf1-foerderzentrum-2")
    ws.cell(row=row, column=col + 1, value="zwölf")
    wb.save(path)
    msg = _error(path)
    assert f"Maßnahmen!{column_letter(col)}{row}" in msg and "'zwölf' ist keine Zahl" in msg


def test_an_unknown_field_names_the_cell(tmp_path):
    path = write_workbook(tmp_path / "m.xlsx", edit=lambda r: r.update(field="HF9") if r["id"] == "hf1-egz" else None)
    msg = _error(path)
    assert "unbekanntes Handlungsfeld 'HF9'" in msg and "Maßnahmen!B" in msg


@pytest.mark.parametrize("make, message", [
    (lambda p: _empty(p), "kein Blatt hat die Kopfzeile"),
    (lambda p: _no_header(p), "kein Blatt hat die Kopfzeile"),
    (lambda p: p.write_bytes(b"PK\x03\x04 this is not a workbook"), "keine lesbare .xlsx-Arbeitsmappe"),
    (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512), "mit Kennwort geschützte"),
    (lambda p: p.write_text("id,field\n", encoding="utf-8"), "ist eine Textdatei"),
])
def test_bad_workbooks_give_a_clear_error(tmp_path, make, message):
    path = tmp_path / "bad.xlsx"
    make(path)
    msg = _error(path)
    assert message in msg and "bad.xlsx" in msg


def _empty(path):
    wb = openpyxl.Workbook()
    wb.active.title = "Leer"
    wb.save(path)


def _no_header(path):
    wb = openpyxl.Workbook()
    wb.active.append(["Maßnahme-ID", "Kosten"])
    wb.active.append(["x", 1])
    wb.save(path)


def test_a_named_sheet_that_is_missing_or_empty_is_named(tmp_path):
    path = write_workbook(tmp_path / "m.xlsx")
    assert "kein Blatt 'Plan'; Blätter: Maßnahmen" in _error(tmp_path / "m.xlsx#Plan")
    wb = openpyxl.load_workbook(path)
    wb.create_sheet("Leer")
    wb.save(path)
    msg = _error(tmp_path / "m.xlsx#Leer")
    assert "Leer" in msg and "das Blatt ist leer" in msg


def test_bad_workbooks_exit_2_without_traceback_through_the_cli(tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    r = CliRunner().invoke(main, ["optimize", "--case", DUISBURG_CASE, "--measures", str(path)])
    assert r.exit_code == 2 and "Traceback" not in r.output and "mit Kennwort geschützte" in r.output
    r = CliRunner().invoke(main, ["optimize", "--sheet", "X"])
    assert r.exit_code == 2 and "--sheet braucht eine .xlsx-Arbeitsmappe" in r.output


@pytest.mark.parametrize("value, text", [(1234.5, "1234.5"), (12, "12"), ("1.234,56", "1234.56"), ("0,35", "0.35"),
                                         ("12.500", "12500"), ("2042.1869", "2042.1869"), (" 1.234,56 € ", "1234.56"),
                                         ("HF1", "HF1"), (None, "")])
def test_cell_text_reads_german_numbers_stored_as_text(value, text):
    assert cell_text(value) == text


def test_the_template_filled_in_gives_the_csv_result(tmp_path, csv_optimum):
    """amip template → a planner types the rows under the German headers → amip optimize --measures."""
    out = tmp_path / "measures.xlsx"
    r = CliRunner().invoke(main, ["template", "--output", str(out)])
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Maßnahmen", "Erläuterung", "Rahmendaten"]
    ws = wb["Maßnahmen"]
    headers = [c.value for c in ws[1]]
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert '"HF1,HF2,HF3,QA"' in lists and '"I,II,III,IV,V,VI"' in lists
    assert headers[7] == "Kosten je Eintritt (€)" and "€" in ws.column_dimensions["H"].number_format
    by_german = {HEADER_ALIASES[c][0]: c for c in HEADER_ALIASES}
    header, rows = shipped_rows()
    for k, row in enumerate(rows, start=2):
        for j, h in enumerate(headers, start=1):
            v = row.get(by_german[h], "")
            if v != "":
                ws.cell(row=k, column=j, value=float(v) if by_german[h] in NUMERIC else v)
    wb.save(out)
    r = CliRunner().invoke(main, ["optimize", "--case", DUISBURG_CASE, "--measures", str(out), "--format", "json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["objective"] == pytest.approx(csv_optimum.objective, rel=1e-12)
    empty = tmp_path / "empty.xlsx"
    CliRunner().invoke(main, ["template", "--output", str(empty)])
    r = CliRunner().invoke(main, ["optimize", "--case", DUISBURG_CASE, "--measures", str(empty)])
    assert r.exit_code == 2 and "hat eine Kopfzeile, aber keine Zeilen" in r.output


# --------------------------------------------------------------------------- Rahmendaten: later years (--horizon)
def frame_book(path, rows, *, year=2020):
    """A Rahmendaten sheet: a title row, the header (key, label, value, unit, source) from row 3, the
    plan year in row 4, then ``rows`` [(key, value, source)] from row 5."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Rahmendaten"
    ws["A1"] = "Rahmen des Falls"
    ws.append([])
    ws.append(["Schlüssel", "Bezeichnung", "Wert", "Einheit", "Quelle / Fundstelle"])
    ws.append(["year", "Planungsjahr", year, "Jahr", ""])
    for key, value, source in rows:
        ws.append([key, "", value, "€", source])
    wb.save(path)
    return path


def frame_error(path) -> InputError:
    from amip.inputs.workbook import frame_sheet_rows

    with pytest.raises(InputError) as e:
        frame_sheet_rows(path)
    return e.value


def test_later_years_read_in_german_number_forms_with_cell_and_source(tmp_path):
    from amip.inputs.workbook import frame_sheet_rows, read_frame_sheet
    from amip.models.budget import year_path_of

    book = frame_book(tmp_path / "r.xlsx", [("budget.egt_path.2021", "40.000.000 €", "Eckwert"),
                                            ("budget.egt_path.2022", 39_000_000.5, None),
                                            ("budget.egt_path.2023", None, None),
                                            ("budget.vorbindungen_path.2021", "1.500.000,50", "HÜL"),
                                            ("budget.vorbindungen_path.2022", 0, "")])
    rows = {k: (v, s, c) for k, v, s, c in frame_sheet_rows(book)}
    assert rows["budget.egt_path.2021"] == (40_000_000.0, "Eckwert", "Rahmendaten!C5")
    assert rows["budget.egt_path.2022"] == (39_000_000.5, "", "Rahmendaten!C6")   # no cell as a source:
    assert "budget.egt_path.2023" not in rows                                     # the cell is its `where`
    assert rows["budget.vorbindungen_path.2021"][0] == 1_500_000.5
    assert rows["budget.vorbindungen_path.2022"][0] == 0
    raw = read_frame_sheet(book)
    egt = year_path_of(raw["budget"]["egt_path"], "unused", key="egt_path")
    assert [(e.year, e.eur) for e in egt] == [(2021, 40_000_000.0), (2022, 39_000_000.5)]
    assert egt[0].source == "Eckwert" and egt[0].where == f"{book}, Rahmendaten!C5"
    assert egt[1].source == "ohne Quellenangabe" and egt[1].where == f"{book}, Rahmendaten!C6"
    vb = year_path_of(raw["budget"]["vorbindungen_path"], "unused", key="vorbindungen_path")
    assert [(e.year, e.eur, e.where) for e in vb] == [(2021, 1_500_000.5, f"{book}, Rahmendaten!C8"),
                                                      (2022, 0.0, f"{book}, Rahmendaten!C9")]


@pytest.mark.parametrize("rows,cell,words", [
    ([("budget.egt_path.2021", "viel Geld", "")], "Rahmendaten!C5", ["budget.egt_path.2021", "keine Zahl"]),
    ([("budget.vorbindungen_path.2021", -5, "")], "Rahmendaten!C5", ["budget.vorbindungen_path.2021", "negativ"]),
    ([("budget.egt_path.2021", "-1.000 €", "")], "Rahmendaten!C5", ["budget.egt_path.2021", "negativ"]),
    ([("budget.egt_path.2021", 5, ""), ("budget.egt_path.2021", 6, "")], "Rahmendaten!A6",
     ["zweimal", "Rahmendaten!A5", "Rahmendaten!A6"]),
    ([("budget.egt_path.2020", 5, "")], "Rahmendaten!A5", ["budget.egt_path.2020", "Folgejahre ab 2021"]),
    ([("budget.vorbindungen_path.2019", 5, "")], "Rahmendaten!A5", ["budget.vorbindungen_path.2019"]),
    ([("budget.egt_path.zwanzig", 5, "")], "Rahmendaten!A5", ["budget.egt_path.zwanzig", "kein Jahr"]),
    ([("budget.egt_path.2021", 5, ""), ("budget.egt_path.2022", None, ""), ("budget.egt_path.2023", 5, "")],
     "Rahmendaten!C6", ["'budget.egt_path.2022' ist leer", "'budget.egt_path.2023' ist angegeben"]),
    ([("budget.egt_path.2022", 5, "")], "Rahmendaten!A5", ["'budget.egt_path.2021' ist leer"]),   # no row for 2021
    ([("budget.vorbindungen_path.2021", 5, ""), ("budget.vorbindungen_path.2023", 5, "")], "Rahmendaten!A6",
     ["'budget.vorbindungen_path.2022' ist leer", "0, wenn nichts gebunden ist"]),
    ([("budget.egt_pfad.2021", 5, "")], "Rahmendaten!A5", ["unbekannter Schlüssel", "budget.egt_path.<Jahr>"]),
])
def test_bad_later_years_name_the_cell(tmp_path, rows, cell, words):
    e = frame_error(frame_book(tmp_path / "r.xlsx", rows))
    assert e.cell == cell and e.file == str(tmp_path / "r.xlsx")
    assert all(w in e.problem for w in words), e.problem


def test_a_later_year_after_the_sheets_plan_year_and_a_trailing_empty_year_are_fine(tmp_path):
    from amip.inputs.workbook import frame_sheet_rows

    book = frame_book(tmp_path / "r.xlsx", [("budget.egt_path.2022", 5, ""), ("budget.egt_path.2023", None, "")],
                      year=2021)
    assert [k for k, *_ in frame_sheet_rows(book)] == ["year", "budget.egt_path.2022"]


@pytest.mark.parametrize("wanted,found", [
    ("Maßnahmen", "Maßnahmen"), ("maßnahmen", "Maßnahmen"), (" Maßnahmen  ", "Maßnahmen"),
    ("MASSNAHMEN", None), ("Ma\u00dfnahmen Ä".replace("Ä", "A\u0308"), "Maßnahmen Ä"), ("Plan", None),
])
def test_sheet_names_are_compared_as_excel_compares_them(wanted, found):
    from amip.inputs.workbook import find_sheet

    names = ["Hilfe", "Maßnahmen", "Maßnahmen Ä"]
    assert find_sheet(names, wanted, "m.xlsx") == found


def test_two_sheets_that_differ_only_in_case_or_form_are_an_error():
    from amip.inputs.workbook import find_sheet

    with pytest.raises(InputError, match="passt auf mehrere Blätter"):
        find_sheet(["Plan Ä", "Plan A\u0308"], "plan ä", "m.xlsx")


@pytest.mark.parametrize("value,numeric,words", [
    ("#DIV/0!", True, "Excel-Fehlerwert #DIV/0!"), ("#N/A", False, "#NV"), ("#VALUE!", True, "#WERT!"),
    (datetime.datetime(2020, 1, 15), True, "ein Datum (15.01.2020)"), (datetime.date(2020, 1, 15), True, "Datum"),
    (True, True, "Wahrheitswert (WAHR)"), (False, True, "Wahrheitswert (FALSCH)"),
])
def test_a_cell_s_type_is_named_where_it_cannot_be_read(value, numeric, words):
    from amip.inputs.workbook import typed_cell_problem

    assert words in typed_cell_problem(value, numeric=numeric)


@pytest.mark.parametrize("value", [1500.5, 0, "HF1", "#hashtag", datetime.datetime(2020, 1, 15), True, None])
def test_a_text_cell_may_hold_a_date_a_truth_value_or_a_hash(value):
    from amip.inputs.workbook import typed_cell_problem

    assert typed_cell_problem(value, numeric=False) is None


@pytest.mark.parametrize("value,number", [("9401893 €", 9_401_893.0), ("2.042,19 €", 2042.19), ("2042,19", 2042.19),
                                          ("1234.5", 1234.5), (17, 17.0)])
def test_a_rahmendaten_cell_reads_the_forms_the_massnahmen_sheet_reads(tmp_path, value, number):
    from amip.inputs.workbook import frame_sheet_rows

    book = frame_book(tmp_path / "r.xlsx", [("budget.egt_path.2021", value, "")])
    assert dict((k, v) for k, v, *_ in frame_sheet_rows(book))["budget.egt_path.2021"] == pytest.approx(number)


@pytest.mark.parametrize("value,words", [("1_000_000", ["'1_000_000' ist keine Zahl", "2.042,19 €"]),
                                         ("10_000.5", ["'10_000.5' ist keine Zahl", "2.042,19 €"]),
                                         ("nan", ["keine endliche Zahl"])])
def test_a_rahmendaten_cell_python_alone_would_read_is_refused_with_the_workbook_hint(tmp_path, value, words):
    e = frame_error(frame_book(tmp_path / "r.xlsx", [("budget.egt_path.2021", value, "")]))
    assert e.cell == "Rahmendaten!C5" and "budget.egt_path.2021" in e.problem
    assert all(w in e.problem for w in words), e.problem


def test_a_rahmendaten_sheet_renamed_as_excel_still_finds_it_is_read(tmp_path):
    from amip.inputs.workbook import frame_sheet_rows

    book = frame_book(tmp_path / "r.xlsx", [("budget.egt_path.2021", 5, "")])
    wb = openpyxl.load_workbook(book)
    wb["Rahmendaten"].title = "x"   # openpyxl, like Excel, takes 'rahmendaten' for the sheet's own name: via 'x'
    wb["x"].title = "rahmendaten"
    wb.save(book)
    assert [(k, c) for k, _, _, c in frame_sheet_rows(book)] == [("year", "rahmendaten!C4"),
                                                                ("budget.egt_path.2021", "rahmendaten!C5")]
