"""The history reader (issue 27): CSV and workbook, each bad input a German error naming the row and
column or the sheet and cell."""
import openpyxl
import pytest

from amip.errors import InputError
from amip.export.history_template import write_history_template
from amip.inputs.history import EXAMPLE_FILE, read_history

HEAD = "id,year,exits,in_job_6m,entries,cost_eur\n"
MAT = "hf1-foerderzentrum-2"


def write(tmp_path, body, head=HEAD, name="h.csv"):
    p = tmp_path / name
    p.write_text(head + body, encoding="utf-8")
    return p


def test_csv_with_machine_keys_and_german_headers(tmp_path, case):
    h = read_history(write(tmp_path, f"{MAT},2018,100,20,100,\n{MAT},2019,50,15,,\n"), case)
    assert h.totals()[MAT] == (150, 35) and h.years == (2018, 2019) and not h.example
    de = "Maßnahme-ID;Jahr;Austritte;davon in svB 6 Monate nach Austritt\n"
    h2 = read_history(write(tmp_path, f"{MAT};2019;1.200;300\n", head=de, name="de.csv"), case)
    assert h2.totals()[MAT] == (1200, 300)


@pytest.mark.parametrize("row, words, column", [
    ("nicht-da,2019,10,2,,", "unbekannte Maßnahme 'nicht-da'", "id"),
    (f"{MAT},2019,10,12,,", "größer als die Austritte", "in_job_6m"),
    (f"{MAT},2019,-1,0,,", "negativ", "exits"),
    (f"{MAT},2021,10,2,,", "nach dem Planungsjahr 2020", "year"),
    (f"{MAT},2019,10.5,2,,", "ganze Zahl", "exits"),
])
def test_csv_errors_name_row_and_column(tmp_path, case, row, words, column):
    with pytest.raises(InputError) as e:
        read_history(write(tmp_path, f"{MAT},2018,10,2,,\n{row}\n"), case)
    assert words in str(e.value) and e.value.row == 3 and e.value.column == column


def test_duplicate_measure_year_names_the_first(tmp_path, case):
    with pytest.raises(InputError, match="doppelt.*Zeile 2") as e:
        read_history(write(tmp_path, f"{MAT},2019,10,2,,\n{MAT.upper()},2019,5,1,,\n"), case)
    assert e.value.row == 3


def test_template_round_trip_and_workbook_errors_name_the_cell(tmp_path, case):
    path = write_history_template(case, tmp_path / "historie.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Ergebnisse"]
    assert [c.value for c in ws[1]][:4] == ["Maßnahme-ID", "Jahr", "Austritte", "davon in svB 6 Monate nach Austritt"]
    assert ws["A2"].value == case.measures[0].id and ws["B2"].value == 2017
    ws["C2"], ws["D2"] = 40, 9
    wb.save(path)
    assert read_history(path, case).totals() == {case.measures[0].id: (40, 9)}
    ws["D3"], ws["C3"] = 50, 10
    wb.save(path)
    with pytest.raises(InputError) as e:
        read_history(path, case)
    assert e.value.cell == "Ergebnisse!D3" and "größer als die Austritte" in str(e.value)


def test_workbook_cells_read_as_the_massnahmen_sheet_reads_them(tmp_path, case):
    path = write_history_template(case, tmp_path / "historie.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Ergebnisse"]
    ws["C2"], ws["D2"], ws["F2"] = "1.200", 300, "49708 €"
    wb.save(path)
    assert read_history(path, case).totals() == {case.measures[0].id: (1200, 300)}
    ws["C2"] = "1_200"   # Python's float would read it; Excel and the Maßnahmen sheet do not
    wb.save(path)
    with pytest.raises(InputError) as e:
        read_history(path, case)
    assert e.value.cell == "Ergebnisse!C2" and "'1_200' ist keine Zahl" in str(e.value), str(e.value)


def test_the_shipped_example_is_recognised(case):
    h = read_history(EXAMPLE_FILE, case)
    assert h.example and h.years == (2017, 2018, 2019) and "Beispieldaten, simuliert" in h.label


def test_one_number_convention_per_csv(tmp_path, case):
    """A ',' CSV reads dot decimals: '1.200' is 1,2 exits, not 1.200, and is refused as a fraction."""
    with pytest.raises(InputError, match="ganze Zahl") as e:
        read_history(write(tmp_path, f"{MAT},2019,1.200,300,,\n"), case)
    assert e.value.row == 2 and e.value.column == "exits"
