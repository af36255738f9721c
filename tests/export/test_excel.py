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
    wb = openpyxl.load_workbook(path, data_only=True)   # the values cached beside the formulas
    assert wb.sheetnames == ["Zuteilung", "Handlungsfelder", "Budget", "Restriktionen", "Eingaben",
                            "Referenz", "Planung", "Integrationen nach Jahr",
                            "Integrationsquote"]
    ws = wb["Zuteilung"]
    header = [c.value for c in ws[1]]
    assert header[0] == "Maßnahme-ID" and "Optimum Eintritte" in header
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref
    col = {h: i for i, h in enumerate(header)}
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    total = rows.pop("Summe")   # the totals row, last
    assert len(rows) == len(result.measures)
    for m in result.measures:
        row = rows[m.id]
        assert row[col["Optimum Eintritte"]] == pytest.approx(m.entries)
        assert row[col["Kosten"]] == pytest.approx(m.cost)
    assert sum(r[col["Kosten"]] for r in rows.values()) == pytest.approx(result.budget_used)
    assert total[col["Kosten"]] == pytest.approx(result.budget_used)
    assert total[col["Integrationen"]] == pytest.approx(result.integrations)
    assert ws.cell(2, col["Kosten"] + 1).number_format == '#,##0 "€"'
    budget = {r[0]: r[1] for r in wb["Budget"].iter_rows(min_row=2, values_only=True)}
    assert budget["= Neufallbudget"] == 35_085_957
    inputs = {r[0]: r[1] for r in wb["Eingaben"].iter_rows(min_row=2, values_only=True)}
    assert inputs["Eingabe-Hash"] == result.input_hash and inputs["Löser"].startswith("HiGHS")
    assert "[Schätzung]" in inputs[f"hf1-avgs-mat: {case.measure('hf1-avgs-mat').integration_rate:.3f}"]


def test_text_that_looks_like_a_formula_stays_text(tmp_path, case):
    evil = "=HYPERLINK(\"http://x\",\"click\")"
    ms = tuple(replace(m, name=evil) if m.id == "hf1-egz" else m for m in case.measures)
    c = replace(case, measures=ms)
    path = write_excel(optimize(c), c, tmp_path / "evil.xlsx")
    ws = openpyxl.load_workbook(path)["Zuteilung"]
    cell = next(r[2] for r in ws.iter_rows(min_row=2) if r[0].value == "hf1-egz")
    assert cell.value == evil and cell.data_type == "s"


def test_existing_file_is_not_overwritten_without_force(tmp_path, case, result):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"old")
    with pytest.raises(InputError, match="mit --force"):
        write_excel(result, case, path)
    assert path.read_bytes() == b"old"
    write_excel(result, case, path, force=True)
    assert openpyxl.load_workbook(path).sheetnames[0] == "Zuteilung"
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
    with pytest.raises(InputError, match="existiert nicht"):
        write_excel(result, case, tmp_path / "nope" / "plan.xlsx")


def test_german_money_format_and_machine_csv(result):
    assert eur(1234567.4) == "1.234.567 €"
    assert num(1617.44) == "1.617,4" and num(850.0) == "850"
    lines = render_csv(result).splitlines()
    assert lines[0].startswith("id,field,name")
    assert len(lines) == 1 + len(result.measures)


def test_compare_workbook_has_a_sheet_per_scenario_a_comparison_and_native_charts(tmp_path):
    import zipfile

    from amip.export.excel import write_compare_excel
    from amip.optimizer import optimize
    from amip.optimizer.compare import Comparison
    from amip.scenarios import load_scenario

    names = ("base", "downturn-severe")
    cmp = Comparison(names, tuple(optimize(load_scenario(n)) for n in names))
    path = write_compare_excel(cmp, tmp_path / "cmp.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Vergleich", "Vergleich Maßnahmen", "base", "downturn-severe"]
    ws = wb["Vergleich"]
    rows = {r[0]: r for r in ws.iter_rows(values_only=True) if r and r[0]}
    assert rows["Erwartete Integrationen"][2:4] == pytest.approx(tuple(r.integrations for r in cmp.results))
    assert rows["HF2"][2:4] == pytest.approx(tuple(f["by_scenario"][n]["integrations"]
                                                   for f in cmp.field_rows() if f["id"] == "HF2" for n in names))
    measures = wb["Vergleich Maßnahmen"]
    header = [c.value for c in measures[1]]
    col = header.index("Δ Kosten downturn-severe")
    by_id = {r[0]: r for r in measures.iter_rows(min_row=2, values_only=True)}
    for m in cmp.measure_rows():
        assert by_id[m["id"]][col] == pytest.approx(m["by_scenario"]["downturn-severe"]["delta_cost"])
    with zipfile.ZipFile(path) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 2
        xml = z.read(charts[0]).decode()
        assert "<c:barChart>" in xml and "Vergleich" in xml    # a column chart is a barChart with barDir col


def test_sheet_names_are_valid_and_unique():
    from amip.export.excel import sheet_name

    used = {"vergleich"}
    assert sheet_name("a/b:c*d?e[f]g\\h", used) == "a_b_c_d_e_f_g_h"
    long = "x" * 40
    first, second = sheet_name(long, used), sheet_name(long, used)
    assert len(first) == len(second) == 31 and first != second
    assert sheet_name("Vergleich", used) == "Vergleich~2"


def test_allocation_derives_its_columns_by_formula_and_every_sheet_prints(tmp_path, case, result):
    """Cost, integrations and total entries are formulas over the row's own cells; every sheet has
    the print setup (landscape, one page wide, header row repeated, a footer naming the run)."""
    path = write_excel(result, case, tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Zuteilung"]
    header = [c.value for c in ws[1]]
    col = {h: openpyxl.utils.get_column_letter(i + 1) for i, h in enumerate(header)}
    n = 2 + next(i for i, m in enumerate(result.measures) if m.new_entries > 0 and m.cost_per_entry > 0)
    assert ws[f"{col['Integrationen']}{n}"].value == f"={col['Quote']}{n}*{col['Optimum Eintritte']}{n}"
    assert ws[f"{col['Kosten']}{n}"].value.startswith(f"={col['davon neu']}{n}*")
    last = 1 + len(result.measures)
    assert ws[f"{col['Kosten']}{last + 1}"].value == \
        f"=SUM({col['Kosten']}2:{col['Kosten']}{last})"
    assert ws.row_dimensions[1].height >= 30, "wrapped headers need a taller row"
    fields = list(openpyxl.load_workbook(path, data_only=True)["Handlungsfelder"].iter_rows(values_only=True))
    assert fields[-1][0] == "Summe" and len(fields) == len(result.fields) + 2
    assert fields[-1][5] == pytest.approx(sum(f.cost for f in result.fields))
    assert wb["Handlungsfelder"].cell(len(fields), 6).value == f"=SUM(F2:F{len(fields) - 1})"
    for sheet in wb.worksheets:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        # 1 wide (default)
        assert sheet.page_setup.fitToWidth in (None, 1) and sheet.page_setup.fitToHeight == 0, sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert sheet.print_title_rows.replace("$", "") == "1:1", sheet.title
        assert result.input_hash[:16] in sheet.oddFooter.left.text and result.scenario in sheet.oddFooter.left.text


def test_sources_read_as_a_person_cites_them(tmp_path, case, result):
    from amip import texts as T

    out = tmp_path / "plan.xlsx"
    write_excel(result, case, out)
    wb = openpyxl.load_workbook(out, read_only=True)
    cells = [str(c) for name in (T.SHEET_BUDGET, T.SHEET_CONSTRAINTS, T.SHEET_FIELDS, "Eingaben")
             for row in wb[name].iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert any("AmIp 2020 Duisburg, Z." in c for c in cells)
    assert not any("Seed L" in c or "seed L" in c for c in cells)


def test_the_budget_shadow_price_is_printed_as_the_terminal_prints_it_and_holds_on_a_re_solve(tmp_path, case, result):
    """Trial finding 16: sheet Restriktionen gave 0,0000864 per €; the terminal says 8,64 Integrationen je
    100.000 €. The sheet now says the terminal's number and unit, and that number lies between what 10.000 €
    less and 10.000 € more change on a re-solve (one-sided slopes; degenerate LPs may take either)."""
    from amip import texts as T
    from amip.export.text import render_table

    ws = openpyxl.load_workbook(write_excel(result, case, tmp_path / "plan.xlsx"))["Restriktionen"]
    head = [c.value for c in ws[1]]
    rows = {r[head.index("Schlüssel")]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    budget = next(c for c in result.constraints if c.unit == "EUR" and c.binding and c.kind == "budget")
    row = rows[budget.name]
    price, unit = row[head.index(T.XL_SHADOW_PRICE)], row[head.index(T.XL_SHADOW_UNIT)]
    assert unit == T.SHADOW_UNIT_EUR and f"Schattenpreis {num(price, 2)} {unit}" in render_table(result)
    assert ws.column_dimensions["B"].hidden   # the key (JSON's name) folded: the + opens it

    def at(delta):
        b = case.budget.with_neufallbudget(case.budget.neufallbudget_eur + delta, "test")
        return optimize(replace(case, budget=b)).objective

    left, right = (result.objective - at(-10_000)) * 10, (at(10_000) - result.objective) * 10
    assert right - 1e-6 <= price <= left + 1e-6, (left, price, right)


def test_the_rule_file_is_named_as_shipped_not_by_its_install_folder(tmp_path, case, result):
    wb = openpyxl.load_workbook(write_excel(result, case, tmp_path / "plan.xlsx"))
    cells = [str(v) for row in wb["Restriktionen"].iter_rows(values_only=True) for v in row if v is not None]
    cells += [str(r[1]) for r in wb["Eingaben"].iter_rows(values_only=True) if r[0] == "Jahr / Regeldatei"]
    # (the rows 'Datei …' of Eingaben keep full paths: evaluate --plan reads the files back)
    import amip

    install = str(__import__("pathlib").Path(amip.__file__).parent)
    assert any("amip/rules/" in c for c in cells)
    assert not any(install in c and "rules" in c for c in cells)


def test_the_budget_sheet_says_what_the_case_says_of_the_pat_cap(tmp_path):
    """Trial finding 10: sheet Budget said 'Obergrenze laut Falldatei' where the case has none (JSON pat_cap
    null, the terminal 'keine Obergrenze'). It now prints the terminal's sentence; without a cap the model's
    relief exceeds the expected figure (so that figure is no cap); with a cap the sheet names it and the model
    keeps to it."""
    from amip.export.text import pat_note, render_table
    from amip.scenarios import load_scenario

    case = load_scenario()   # the scenario base as `amip optimize` runs it (the PAT counts there)
    result = optimize(case)

    def pat_line(res, c, name):
        budget = openpyxl.load_workbook(write_excel(res, c, tmp_path / name))["Budget"]
        return next(r for r in budget.iter_rows(min_row=2, values_only=True) if r[0].startswith("PAT-Entlastung"))

    row = pat_line(result, case, "plan.xlsx")
    assert result.pat_info["pat_cap"] is None and "keine Obergrenze" in row[2] and "Obergrenze laut" not in row[2]
    assert pat_note(result) in row[2] and pat_note(result) in render_table(result).replace("\n  ", " ")
    assert result.pat_relief > result.pat_info["pat_expected"]
    cap = round(result.pat_relief * 2)   # lower caps bind the later years' PAT against their commitment limits
    capped_case = replace(case, pat=replace(case.pat, new_cases_cap_eur=cap))
    capped = optimize(capped_case)
    row = pat_line(capped, capped_case, "capped.xlsx")
    assert eur(cap) in row[2] and "begrenzt" in row[2] and capped.pat_relief <= cap + 1e-6
