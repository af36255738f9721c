"""Measure tables as planners have them: German headers in CSV, measure_id, ids with capitals,
German budget_basis values, instrument_type derived from the legal reference; and their bad input."""
import json

import openpyxl
import pytest
from click.testing import CliRunner

from amip.cli import main
from amip.errors import InputError
from amip.inputs.loader import load_case
from amip.inputs.workbook import HEADER_ALIASES
from amip.models.check import check_allocation
from amip.models.measure import BudgetBasis, parse_budget_basis
from amip.optimizer import optimize
from amip.scenarios import load_scenario
from tests.conftest import scipy_optimum, shipped_rows, write_measures, write_scenario

GERMAN_BASIS = {"new": "neu", "mixed": "gemischt", "prebought": "vorab eingekauft", "prior_year": "Vorjahr",
                "outside": "außerhalb"}


def planner_table(path, *, delimiter=","):
    """The shipped table as a planner keeps it: German headers, measure_id, ids in capitals, German
    budget_basis values and no instrument_type column."""
    header, rows = shipped_rows()
    german = {c: ("measure_id" if c == "id" else HEADER_ALIASES[c][0]) for c in header if c != "instrument_type"}
    out = []
    for r in rows:
        r = dict(r, id=r["id"].upper(), budget_basis=GERMAN_BASIS[r["budget_basis"]])
        if delimiter == ";":   # a German spreadsheet export: decimal commas
            r = {k: (v.replace(".", ",") if k in ("cost_per_entry_eur", "planned_budget_eur", "fixed_spend_eur",
                                                  "integration_rate") else v) for k, v in r.items()}
        out.append({german[k]: v for k, v in r.items() if k in german})
    return write_measures(path, list(german.values()), out, delimiter=delimiter)


@pytest.fixture(scope="module")
def planner_case(tmp_path_factory):
    return load_case(measures=planner_table(tmp_path_factory.mktemp("pt") / "massnahmen.csv"))


def test_a_planners_table_gives_the_shipped_measures(planner_case, case):
    assert len(planner_case.measures) == len(case.measures)
    for mine, shipped in zip(planner_case.measures, case.measures, strict=True):
        assert mine.id == shipped.id.upper()                        # the spelling is kept
        assert mine.instrument_type == shipped.instrument_type     # derived from the legal reference
        assert mine.instrument_type_derived and shipped.instrument_type_derived == ""
        assert mine.budget_basis is shipped.budget_basis
        for f in ("cost_per_entry_eur", "planned_entries", "prebought_entries", "fixed_spend_eur",
                  "upper_entries", "integration_rate"):
            assert getattr(mine, f) == getattr(shipped, f), (mine.id, f)


def test_a_planners_table_solves_to_the_same_optimum_checked_by_a_second_solver(planner_case, case):
    best = optimize(planner_case)
    assert best.objective == pytest.approx(optimize(case).objective, rel=1e-9)
    assert best.objective == pytest.approx(scipy_optimum(planner_case), rel=1e-7)
    assert check_allocation(planner_case, best.new_entries) == []


def test_a_german_spreadsheet_export_reads_the_same(tmp_path, planner_case):
    semi = load_case(measures=planner_table(tmp_path / "m.csv", delimiter=";"))
    assert [(m.id, m.cost_per_entry_eur, m.instrument_type) for m in semi.measures] == \
        [(m.id, m.cost_per_entry_eur, m.instrument_type) for m in planner_case.measures]


def test_done_when_a_csv_with_measure_id_german_headers_and_no_instrument_type_solves_with_budget(tmp_path):
    path = planner_table(tmp_path / "eigene.csv")
    r = CliRunner().invoke(main, ["optimize", "--measures", str(path), "--budget", "40000000", "--format", "json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["status"] == "optimal" and d["budget"]["limit"] == 40_000_000
    assert d["budget"]["used"] <= 40_000_000 * (1 + 1e-9)
    assert all(m["instrument_type_derived"].startswith("Instrumententyp aus der Rechtsgrundlage abgeleitet")
               for m in d["measures"])
    table = CliRunner().invoke(main, ["optimize", "--measures", str(path), "--budget", "40000000"])
    assert "Instrumententyp aus der Rechtsgrundlage abgeleitet für 74 Maßnahme(n): HF1-FOERDERZENTRUM-1 → mat" \
        in table.output


def test_the_excel_inputs_sheet_shows_each_derivation(tmp_path):
    path = planner_table(tmp_path / "eigene.csv")
    out = tmp_path / "plan.xlsx"
    r = CliRunner().invoke(main, ["optimize", "--measures", str(path), "--budget", "40000000", "--output", str(out)])
    assert r.exit_code == 0, r.output
    rows = [tuple(r) for r in openpyxl.load_workbook(out)["Eingaben"].iter_rows(values_only=True)]
    labels = [r[0] for r in rows]
    start = labels.index("Abgeleitete Instrumententypen")
    derived = dict(rows[start + 1:start + 75])
    assert derived["HF2-16I: p16i"].startswith("§ 16i SGB II · Instrumententyp aus der Rechtsgrundlage abgeleitet")
    assert len(derived) == 74


def test_an_xlsx_table_with_measure_id_and_no_instrument_type_loads(tmp_path, planner_case):
    header, rows = shipped_rows()
    cols = [c for c in header if c not in ("instrument_type", "seed_lines", "confidence", "note")]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["measure_id" if c == "id" else HEADER_ALIASES[c][0] for c in cols])
    for r in rows:
        ws.append([GERMAN_BASIS[r[c]] if c == "budget_basis" else r[c].upper() if c == "id" else r[c] for c in cols])
    wb.save(tmp_path / "m.xlsx")
    book = load_case(measures=tmp_path / "m.xlsx")
    assert [(m.id, m.instrument_type, m.budget_basis) for m in book.measures] == \
        [(m.id, m.instrument_type, m.budget_basis) for m in planner_case.measures]


@pytest.mark.parametrize("text, basis", [
    ("neu", "new"), ("Neu", "new"), ("gemischt", "mixed"), ("vorab eingekauft", "prebought"),
    ("Vorab-Eingekauft", "prebought"), ("vorgebunden", "prebought"), ("Vorjahr", "prior_year"),
    ("Kalkulation VJ", "prior_year"), ("außerhalb", "outside"), ("ausserhalb", "outside"), ("Außerhalb", "outside"),
    ("new", "new"), ("prior_year", "prior_year"), ("prior year", "prior_year"), ("pre-bought", "prebought")])
def test_budget_basis_takes_german_and_english_spellings(text, basis):
    assert parse_budget_basis(text) is BudgetBasis(basis)


def test_an_unknown_budget_basis_is_still_an_error():
    assert parse_budget_basis("vielleicht") is None


def test_scenario_selectors_match_ids_and_codes_case_insensitively(tmp_path):
    measures = planner_table(tmp_path / "m.csv")
    c = load_scenario(write_scenario(tmp_path, "s.yaml", """
        name: s
        extends: base
        rates:
          instrument_type:
            EGZ: {value: 0.6, source: "ESTIMATE t"}
          measure:
            hf2-16e: {value: 0.55, source: "ESTIMATE t"}
        """), measures=measures, budget_eur=40_000_000)
    assert c.measure("HF2-16E").integration_rate == 0.55 and c.measure("hf2-16e").id == "HF2-16E"
    assert {m.integration_rate for m in c.measures if m.instrument_type == "egz"} == {0.6}


# --------------------------------------------------------------------------- bad input
def _bad(tmp_path, header, rows, *expected):
    path = write_measures(tmp_path / "m.csv", header, rows)
    with pytest.raises(InputError) as e:
        load_case(measures=path)
    for text in expected:
        assert text in str(e.value), str(e.value)
    r = CliRunner().invoke(main, ["optimize", "--measures", str(path), "--budget", "5000000",
                                  "--output", str(tmp_path / "out.xlsx")])
    assert r.exit_code == 2 and "Traceback" not in r.output and not (tmp_path / "out.xlsx").exists()
    assert all(text in r.output for text in expected), r.output
    return str(e.value)


def test_two_ids_equal_except_for_case_are_an_error_naming_both_rows(tmp_path):
    header, rows = shipped_rows()
    rows[5]["id"] = rows[2]["id"].upper()
    _bad(tmp_path, header, rows, "m.csv", "Zeile 7", "Spalte 'id'", f"'{rows[2]['id'].upper()}'",
         f"'{rows[2]['id']}' aus Zeile 4", "Groß-/Kleinschreibung")


def test_ids_that_collide_as_solver_names_are_an_error(tmp_path):
    header, rows = shipped_rows()
    rows[5]["id"] = rows[2]["id"].replace("-", "_")          # hf1-eundk-pflege vs hf1_eundk_pflege
    _bad(tmp_path, header, rows, "Zeile 7", "Spalte 'id'", f"'{rows[2]['id']}' aus Zeile 4",
         "denselben internen Namen 'hf1_eundk_pflege'")


def test_a_misspelt_instrument_type_lists_the_allowed_codes_and_the_closest(tmp_path):
    header, rows = shipped_rows()
    rows[16]["instrument_type"] = "Coaching"                  # hf1-avgs-mag: 42,5 % as mag, not 20 % silently
    msg = _bad(tmp_path, header, rows, "Zeile 18", "Spalte 'instrument_type'", "unbekannter Instrumententyp 'Coaching'",
               "meinten Sie 'p16i_coaching'?", "erlaubt: abh, aez, agh")
    assert "mag, mat, mpav" in msg


def test_an_instrument_type_that_cannot_be_derived_is_an_error(tmp_path):
    header, rows = shipped_rows()
    header.remove("instrument_type")
    rows[3]["instrument"] = "Landesprogramm Arbeit"
    _bad(tmp_path, header, rows, "Zeile 5", "Spalte 'instrument'", "lässt sich aus der Rechtsgrundlage "
         "'Landesprogramm Arbeit' nicht ableiten", "erlaubt:")


def test_a_column_given_in_german_and_english_is_an_error(tmp_path):
    header, rows = shipped_rows()
    header.insert(1, "measure_id")
    for r in rows:
        r["measure_id"] = r["id"]
    _bad(tmp_path, header, rows, "Zeile 1", "Spalte 'id' kommt doppelt vor: 'id', 'measure_id'")


def test_a_rate_table_with_a_misspelt_instrument_code_is_an_error(tmp_path):
    from amip.inputs.loader import DATA_DIR

    lines = (DATA_DIR / "rates.csv").read_text(encoding="utf-8").splitlines()
    lines = [lines[0]] + [ln.replace("instrument_type,egz,", "instrument_type,EZG,") for ln in lines[1:]]
    (tmp_path / "rates.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_case(rates=tmp_path / "rates.csv")
    msg = str(e.value)
    assert "rates.csv" in msg and "Zeile 5" in msg and "Spalte 'key'" in msg
    assert "unbekannter Instrumententyp 'EZG'" in msg and "erlaubt: abh" in msg


def test_a_rate_table_may_spell_codes_in_capitals(tmp_path, case):
    from amip.inputs.loader import DATA_DIR

    text = (DATA_DIR / "rates.csv").read_text(encoding="utf-8").replace("instrument_type,mag,", "instrument_type,MAG,")
    (tmp_path / "rates.csv").write_text(text, encoding="utf-8")
    mine = load_case(rates=tmp_path / "rates.csv")
    assert [m.integration_rate for m in mine.measures] == [m.integration_rate for m in case.measures]


def test_the_templates_budget_basis_dropdown_offers_the_german_words_it_reads(tmp_path):
    r = CliRunner().invoke(main, ["template", "--output", str(tmp_path / "t.xlsx")])
    assert r.exit_code == 0, r.output
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx")["Maßnahmen"]
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert '"neu,gemischt,vorab eingekauft,Vorjahr,außerhalb"' in lists
    assert [parse_budget_basis(w).value for w in ("neu", "gemischt", "vorab eingekauft", "Vorjahr", "außerhalb")] \
        == [b.value for b in BudgetBasis]
