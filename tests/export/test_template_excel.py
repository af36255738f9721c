"""amip.export.template_excel on its own: the measure workbook has the German column titles of the measure
table, dropdowns from the default case, the number formats per column, the Erläuterung and Rahmendaten sheets,
and the shipped measures written into it load back as the same measures."""
from __future__ import annotations

import openpyxl
import pytest

from amip import texts as T
from amip.export.template_excel import EUR_COLUMNS, ROWS, SHEET, template_columns, write_template
from amip.export.xlsx import EUR, EUR2, NUM, RATE
from amip.inputs.loader import DEFAULT_CASE, load_case
from amip.inputs.workbook import HEADER_ALIASES
from tests.conftest import shipped_rows


def first_col(dv) -> int:
    return min(r.min_col for r in dv.sqref.ranges)


@pytest.fixture(scope="module")
def empty(tmp_path_factory, case):
    path = write_template(case, tmp_path_factory.mktemp("tpl") / "leer.xlsx")
    return openpyxl.load_workbook(path)


def test_sheets_and_german_column_titles(empty):
    assert empty.sheetnames == [SHEET, "Erläuterung", T.FRAME_SHEET]
    ws = empty[SHEET]
    cols = template_columns()
    assert [c.value for c in ws[1]] == [HEADER_ALIASES[c][0] for c in cols]
    assert cols.index("instrument_type") == cols.index("instrument") + 1
    assert ws.freeze_panes == "C2" and ws.auto_filter.ref.endswith(str(ROWS + 1))
    assert ws.max_row == 1, "the empty template has no measure rows"


def test_dropdowns_come_from_the_case_and_formats_from_the_column(empty, case):
    ws = empty[SHEET]
    cols = template_columns()
    lists = {first_col(dv): dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"}
    field_col = cols.index("field") + 1
    assert all(f.id in lists[field_col] for f in case.fields)
    assert "vorab eingekauft" in lists[cols.index("budget_basis") + 1]
    def dim(i):   # xlsxwriter writes neighbouring columns of the same setting as one <col min max>
        return next(d for d in ws.column_dimensions.values() if d.min <= i + 1 <= d.max)

    dims = {c: dim(i) for i, c in enumerate(cols)}
    assert {c: dims[c].number_format for c in EUR_COLUMNS} == {
        c: EUR2 if k == "eur2" else EUR for c, k in EUR_COLUMNS.items()}
    assert dims["planned_entries"].number_format == NUM and dims["integration_rate"].number_format == RATE
    rate = next(dv for dv in ws.data_validations.dataValidation
                if first_col(dv) == cols.index("integration_rate") + 1)
    assert (rate.type, rate.operator or "between", rate.formula1, rate.formula2) == ("decimal", "between", "0", "1")
    assert dims["name"].width > dims["field"].width


def test_explanation_names_every_column_and_the_frame_sheet_every_key(empty, case):
    rows = list(empty["Erläuterung"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Spalte", "Spaltenname (englisch, ebenso gültig)", "Pflicht")
    assert [r[1] for r in rows[1:len(template_columns()) + 1]] == template_columns()
    assert any(r[0] and case.title in r[0] for r in rows)
    frame = empty[T.FRAME_SHEET]
    assert tuple(c.value for c in frame[3]) == T.FRAME_COLUMNS


def test_the_shipped_measures_written_into_it_load_back_unchanged(tmp_path, case):
    _, rows = shipped_rows()
    path = write_template(case, tmp_path / "massnahmen.xlsx", rows=rows)
    ws = openpyxl.load_workbook(path)[SHEET]
    cols = template_columns()
    first = {c: ws.cell(2, i + 1).value for i, c in enumerate(cols)}
    assert first["id"] == rows[0]["id"] and first["planned_entries"] == float(rows[0]["planned_entries"])
    back = load_case(DEFAULT_CASE, measures=path)
    assert [m.id for m in back.measures] == [m.id for m in case.measures]
    for a, b in zip(back.measures, case.measures, strict=True):
        assert a.cost_per_entry_eur == pytest.approx(b.cost_per_entry_eur)
        assert a.planned_entries == pytest.approx(b.planned_entries)
        assert a.budget_basis == b.budget_basis and a.field == b.field


def test_every_written_cell_passes_its_own_columns_dropdown(tmp_path, case):
    """Trial finding 11: `amip init` wrote 'prebought', 'new', … into the Budgetbasis column whose dropdown
    allows only 'neu, gemischt, vorab eingekauft, Vorjahr, außerhalb'. Every cell of a listed column is now one
    of its list's words, and the workbook still loads back to the same budget bases (the reader takes both)."""
    _, rows = shipped_rows()
    assert {r["budget_basis"] for r in rows} >= {"new", "prebought"}   # the codes the data files use
    path = write_template(case, tmp_path / "massnahmen.xlsx", rows=rows)
    ws = openpyxl.load_workbook(path)[SHEET]
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert len(lists) >= 3
    checked = 0
    for dv in lists:
        allowed = set(dv.formula1.strip('"').split(","))
        for rng in dv.sqref.ranges:
            for r in range(2, len(rows) + 2):
                value = ws.cell(r, rng.min_col).value
                if value not in (None, ""):
                    assert str(value) in allowed, (ws.cell(1, rng.min_col).value, r, value, allowed)
                    checked += 1
    assert checked >= 2 * len(rows)
    back = load_case(DEFAULT_CASE, measures=path)
    assert [m.budget_basis for m in back.measures] == [m.budget_basis for m in case.measures]


def test_amip_init_writes_the_dropdowns_words(tmp_path):
    from click.testing import CliRunner

    from amip.cli import main

    r = CliRunner().invoke(main, ["init", str(tmp_path / "bochum"), "--jobcenter", "Bochum"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    ws = openpyxl.load_workbook(tmp_path / "bochum" / "massnahmen.xlsx")[SHEET]
    col = template_columns().index("budget_basis") + 1
    bases = {ws.cell(k, col).value for k in range(2, ws.max_row + 1)} - {None}
    allowed = {"neu", "gemischt", "vorab eingekauft", "Vorjahr", "außerhalb"}
    assert bases and bases <= allowed, bases
    assert {"vorab eingekauft", "neu"} <= bases
    # every cell as a reader cites (sources.for_reader): no seed line numbers, no file of the source collection
    book = openpyxl.load_workbook(tmp_path / "bochum" / "massnahmen.xlsx")
    cells = [c for sheet in book for row in sheet.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert not [c for c in cells if "Seed L" in c or "domain.md" in c]
    assert any("AmIp 2020 Duisburg, Z. 250" in c for c in cells)   # the Vorbindungen' source (was "Seed L250")
    frame = [r[4] for r in book[T.FRAME_SHEET].iter_rows(min_row=4, values_only=True) if r[0] and r[4]]
    assert any(s.startswith("ESTIMATE") for s in frame)   # the markers the loader reads back stay


def test_the_frame_sheet_offers_the_later_years_under_a_note_and_reads_back_without_them(tmp_path, case):
    from amip.inputs.workbook import frame_sheet_rows

    path = write_template(case, tmp_path / "leer.xlsx")
    rows = list(openpyxl.load_workbook(path)[T.FRAME_SHEET].iter_rows(values_only=True))
    note = next(i for i, r in enumerate(rows) if r[1] == T.FRAME_PATH_NOTE)
    assert rows[note][0] is None   # no key: the reader skips the note row
    later = rows[note + 1:]
    first = case.year + 1
    assert [r[0] for r in later] == ([f"budget.egt_path.{first + t}" for t in range(4)]
                                     + [f"budget.vorbindungen_path.{first + t}" for t in range(4)])
    assert all(r[2] is None and r[3] == "€" and "--horizon" in r[5] for r in later)
    assert later[0][1] == f"EGT-Zuteilung Folgejahr {first}"
    assert not [k for k, *_ in frame_sheet_rows(path) if "_path." in k]   # empty rows: no path
    # a frame that gives a later year writes its value and source into the row
    given = {"year": case.year, "budget": {"egt_path": {str(first): {"value": 7.0, "source": "Eckwert"}}}}
    filled = write_template(case, tmp_path / "mit.xlsx", frame=given)
    got = {k: (v, s) for k, v, s, _ in frame_sheet_rows(filled)}
    assert got[f"budget.egt_path.{first}"] == (7.0, "Eckwert")
