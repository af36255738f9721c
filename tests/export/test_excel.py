from dataclasses import replace

import openpyxl
import pytest

from amip.errors import InputError
from amip.export.excel import write_excel
from amip.export.text import eur, num, render_csv
from amip.optimizer import optimize


@pytest.fixture(scope="module")
def result(case):
    return optimize(case)


def test_workbook_reads_back_with_the_result_figures(tmp_path, case, result):
    path = write_excel(result, case, tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Allocation", "Fields", "Budget", "Constraints", "Inputs"]
    ws = wb["Allocation"]
    header = [c.value for c in ws[1]]
    assert header[0] == "Maßnahme-ID" and "Optimum Eintritte" in header
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref
    col = {h: i for i, h in enumerate(header)}
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert len(rows) == len(result.measures)
    for m in result.measures:
        row = rows[m.id]
        assert row[col["Optimum Eintritte"]] == pytest.approx(m.entries)
        assert row[col["Kosten (Neufallbudget)"]] == pytest.approx(m.cost)
    assert sum(r[col["Kosten (Neufallbudget)"]] for r in rows.values()) == pytest.approx(result.budget_used)
    assert ws.cell(2, col["Kosten (Neufallbudget)"] + 1).number_format == '#,##0 "€"'
    budget = {r[0]: r[1] for r in wb["Budget"].iter_rows(min_row=2, values_only=True)}
    assert budget["= Neufallbudget"] == 35_085_957
    inputs = {r[0]: r[1] for r in wb["Inputs"].iter_rows(min_row=2, values_only=True)}
    assert inputs["Eingabe-Hash"] == result.input_hash and inputs["Löser"].startswith("HiGHS")
    assert "[ESTIMATE]" in inputs[f"hf1-avgs-mat: {case.measure('hf1-avgs-mat').integration_rate:.3f}"]


def test_text_that_looks_like_a_formula_stays_text(tmp_path, case):
    evil = "=HYPERLINK(\"http://x\",\"click\")"
    ms = tuple(replace(m, name=evil) if m.id == "hf1-egz" else m for m in case.measures)
    c = replace(case, measures=ms)
    path = write_excel(optimize(c), c, tmp_path / "evil.xlsx")
    ws = openpyxl.load_workbook(path)["Allocation"]
    cell = next(r[2] for r in ws.iter_rows(min_row=2) if r[0].value == "hf1-egz")
    assert cell.value == evil and cell.data_type == "s"


def test_existing_file_is_not_overwritten_without_force(tmp_path, case, result):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"old")
    with pytest.raises(InputError, match="use --force"):
        write_excel(result, case, path)
    assert path.read_bytes() == b"old"
    write_excel(result, case, path, force=True)
    assert openpyxl.load_workbook(path).sheetnames[0] == "Allocation"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.xlsx"]


def test_a_failed_write_leaves_no_file(tmp_path, case, result, monkeypatch):
    import amip.export.excel as excel

    def boom(*_a, **_k):
        raise KeyboardInterrupt
    monkeypatch.setattr(excel, "_fill", boom)
    with pytest.raises(KeyboardInterrupt):
        write_excel(result, case, tmp_path / "plan.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_written_file_gets_normal_permissions(tmp_path, case, result):
    import os
    umask = os.umask(0o022)
    try:
        path = write_excel(result, case, tmp_path / "plan.xlsx")
    finally:
        os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o644


def test_missing_folder_is_refused(tmp_path, case, result):
    with pytest.raises(InputError, match="does not exist"):
        write_excel(result, case, tmp_path / "nope" / "plan.xlsx")


def test_german_money_format_and_machine_csv(result):
    assert eur(1234567.4) == "1.234.567 €"
    assert num(1617.44) == "1.617,4" and num(850.0) == "850"
    lines = render_csv(result).splitlines()
    assert lines[0].startswith("id,field,name")
    assert len(lines) == 1 + len(result.measures)
