"""Actuals workbook (issue 18): reading, German numbers, and every bad input named by sheet and cell."""
from __future__ import annotations

import openpyxl
import pytest

from amip.errors import InputError
from amip.export.year import write_actuals_workbook
from amip.inputs.actuals import national_profile, read_actuals
from amip.models.actuals import SHEET_COMMIT, SHEET_ENTRIES, SHEET_SPEND, budget_measures, planned_spend_eur
from amip.models.replan import derived_from_plan
from amip.scenarios import load_scenario


@pytest.fixture(scope="module")
def ycase():
    return load_scenario(None)


def write(ycase, path, month=6, pace=None, commitments=True):
    vals = derived_from_plan(ycase, national_profile().share, month, pace)
    write_actuals_workbook(ycase, path, entries={k: v[0] for k, v in vals.items()},
                           spend={k: v[1] for k, v in vals.items()},
                           commitments={k: v[2] for k, v in vals.items()} if commitments else None)
    return path


def edit(path, sheet, cell, value):
    wb = openpyxl.load_workbook(path)
    wb[sheet][cell] = value
    wb.save(path)


def test_template_has_a_row_per_budget_measure_and_reads_as_empty(ycase, tmp_path):
    p = write_actuals_workbook(ycase, tmp_path / "ist.xlsx")
    wb = openpyxl.load_workbook(p)
    assert {SHEET_ENTRIES, SHEET_SPEND, SHEET_COMMIT} <= set(wb.sheetnames)
    ids = [r[0].value for r in wb[SHEET_ENTRIES].iter_rows(min_row=2)]
    assert ids == [m.id for m in budget_measures(ycase)]
    assert wb[SHEET_ENTRIES]["D1"].value == "Jan" and wb[SHEET_ENTRIES]["O1"].value == "Dez"
    with pytest.raises(InputError, match="noch kein Monat ausgefüllt"):
        read_actuals(p, ycase)


def test_reads_the_values_written_and_the_report_month(ycase, tmp_path):
    p = write(ycase, tmp_path / "ist.xlsx", month=6)
    a = read_actuals(p, ycase)
    assert a.month == 6
    m = ycase.measure("hf1-egz")
    share = national_profile().share
    assert a.of(m.id).entries_to_date == pytest.approx(m.planned_entries * share[5], abs=1e-6)
    assert a.of(m.id).spend_to_date_eur == pytest.approx(planned_spend_eur(m) * share[5], abs=0.01)
    assert a.of(m.id).has_commitment


def test_german_number_text_is_read(ycase, tmp_path):
    p = write(ycase, tmp_path / "ist.xlsx", month=6)
    ids = [m.id for m in budget_measures(ycase)]
    row = ids.index("hf2-agh") + 2
    edit(p, SHEET_SPEND, f"I{row}", "6.234.567,50")   # June, as German text; May is below, the plan above
    assert read_actuals(p, ycase).of("hf2-agh").spend_to_date_eur == pytest.approx(6_234_567.5)


def test_a_number_with_the_euro_sign_is_read_and_python_s_underscores_are_not(ycase, tmp_path):
    p = write(ycase, tmp_path / "ist.xlsx", month=6)
    row = [m.id for m in budget_measures(ycase)].index("hf2-agh") + 2
    edit(p, SHEET_SPEND, f"I{row}", "49708 €")   # as Excel shows a currency cell, and as the hint asks
    for month in "DEFGH":   # January to May below June: the sums never fall
        edit(p, SHEET_SPEND, f"{month}{row}", 0)
    assert read_actuals(p, ycase).of("hf2-agh").spend_to_date_eur == pytest.approx(49_708)
    edit(p, SHEET_SPEND, f"I{row}", "1_000_000")
    with pytest.raises(InputError) as e:
        read_actuals(p, ycase)
    assert f"Ausgaben!I{row}" in str(e.value) and "'1_000_000' ist keine Zahl" in str(e.value), str(e.value)


@pytest.mark.parametrize("sheet, cell, value, message", [
    (SHEET_ENTRIES, "A3", "hf9-unbekannt", "Eintritte!A3: unbekannte Maßnahme 'hf9-unbekannt'"),
    (SHEET_ENTRIES, "O1", 13, "Eintritte!O1: Monat 13 liegt außerhalb von 1–12"),
    (SHEET_SPEND, "F2", 0.0, "Ausgaben!F2: kumulierte Ausgaben fallen"),
    (SHEET_ENTRIES, "E2", "zwölf", "Eintritte!E2: Eintritte: 'zwölf' ist keine Zahl"),
    (SHEET_SPEND, "E2", -5, "Ausgaben!E2: Ausgaben: -5 ist negativ"),
])
def test_bad_cells_are_named(ycase, tmp_path, sheet, cell, value, message):
    p = write(ycase, tmp_path / "ist.xlsx", month=6)
    edit(p, sheet, cell, value)
    with pytest.raises(InputError) as e:
        read_actuals(p, ycase)
    assert message in str(e.value)
    assert str(p) in str(e.value)


def test_a_month_after_the_report_month_is_an_error(ycase, tmp_path):
    p = write(ycase, tmp_path / "ist.xlsx", month=9)
    with pytest.raises(InputError) as e:
        read_actuals(p, ycase, month=6)
    assert "Eintritte!J2: Monat Jul ist ausgefüllt, der Berichtsmonat ist aber Jun (--month 6)" in str(e.value)


def test_spending_above_the_plan_needs_a_commitment_record(ycase, tmp_path):
    m = budget_measures(ycase)[0]
    p = write(ycase, tmp_path / "ist.xlsx", month=6, commitments=False)
    edit(p, SHEET_SPEND, "I2", planned_spend_eur(m) * 1.2)
    with pytest.raises(InputError) as e:
        read_actuals(p, ycase)
    assert "Ausgaben!I2" in str(e.value) and "ohne Eintrag im Blatt 'Festlegungen'" in str(e.value)
    edit(p, SHEET_COMMIT, "C2", 1000.0)   # a record: the overspend is covered
    assert read_actuals(p, ycase).of(m.id).spend_to_date_eur == pytest.approx(planned_spend_eur(m) * 1.2)


def test_month_outside_range_from_the_caller(ycase, tmp_path):
    p = write(ycase, tmp_path / "ist.xlsx", month=6)
    with pytest.raises(InputError, match="--month 0 liegt außerhalb von 1–12"):
        read_actuals(p, ycase, month=0)


def test_ids_in_the_actuals_workbook_match_case_insensitively(ycase, tmp_path):
    """issue 15.5: a planner's 'HF1-EGZ' is the table's 'hf1-egz' in every workbook, actuals too."""
    p = write(ycase, tmp_path / "ist.xlsx", month=6)
    row = [m.id for m in budget_measures(ycase)].index("hf1-egz") + 2
    for sheet in (SHEET_ENTRIES, SHEET_SPEND):
        edit(p, sheet, f"A{row}", "HF1-EGZ")
    a, b = read_actuals(p, ycase), read_actuals(write(ycase, tmp_path / "same.xlsx", month=6), ycase)
    assert a.of("hf1-egz").entries_to_date == b.of("hf1-egz").entries_to_date > 0
    assert a.of("hf1-egz").spend_to_date_eur == b.of("hf1-egz").spend_to_date_eur
