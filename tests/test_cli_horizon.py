"""`amip optimize --horizon N` from the command line (issue 26 item 4): the JSON key `horizon`, the section
Mehrjahresplan, the sheet, --integer and --effect, an EGT path; bad input exits 2 in German naming the
option, file and key, and writes nothing."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml

from tests.conftest import cli, cli_json

KONSTANZ = Path(__file__).resolve().parents[1] / "amip" / "data" / "konstanz-2020"


run = cli
js = cli_json


@pytest.fixture
def konstanz(tmp_path) -> Path:
    folder = tmp_path / "konstanz"
    shutil.copytree(KONSTANZ, folder)
    return folder


def with_path(folder: Path, lines: str) -> Path:
    """The case file with `budget.egt_path` set to ``lines`` (YAML, indented under it)."""
    case = folder / "case.yaml"
    text = case.read_text(encoding="utf-8")
    case.write_text(text.replace("budget:\n", "budget:\n  egt_path:\n" + lines, 1), encoding="utf-8")
    return case


def test_json_horizon_and_the_first_year_in_the_existing_keys():
    d = js("optimize", "--horizon", "3")
    h = d["horizon"]
    assert [y["year"] for y in h] == [2020, 2021, 2022]
    for y in h:
        assert {"year", "egt_eur", "prior_commitments_eur", "new_cash_eur", "integrations_in_year",
                "measures"} <= set(y)
        assert y["new_cash_eur"] <= y["egt_eur"] - y["prior_commitments_eur"] - y["fixed_eur"] + 1e-3
        assert all({"id", "entries"} <= set(m) for m in y["measures"])
    first = {m["id"]: m["entries"] for m in h[0]["measures"]}
    assert {m["id"]: m["new_entries"] for m in d["measures"] if m["id"] in first} == pytest.approx(first)
    assert d["integrations"] == pytest.approx(h[0]["cohort_integrations"])
    s = d["horizon_summary"]
    assert s["years"] == 3 and s["objective"] == pytest.approx(sum(y["cohort_objective"] for y in h))
    assert h[0]["prior_commitments_eur"] == 32647597 and h[1]["prior_commitments_eur"] == 0
    assert "L249" in h[1]["prior_commitments_source"]


def test_table_section_and_sheet(tmp_path):
    out = tmp_path / "h.xlsx"
    r = run("optimize", "--horizon", "2", "--output", out)
    assert r.exit_code == 0, r.output
    assert "Mehrjahresplan (2 Jahre, 2020–2021" in r.output
    assert "Erstes Jahr gegenüber dem Einjahres-Optimum" in r.output
    ws = openpyxl.load_workbook(out)["Mehrjahresplan"]
    years = [row[0] for row in ws.iter_rows(min_row=2, max_row=3, values_only=True)]
    assert years == ["2020", "2021"]


def test_integer_and_effect():
    d = js("optimize", "--horizon", "2", "--integer")
    assert d["horizon_summary"]["integer"] is True
    for y in d["horizon"]:
        assert all(float(m["entries"]).is_integer() for m in y["measures"])
        assert y["new_cash_eur"] <= y["available_eur"] + 1e-3
    net = js("optimize", "--horizon", "2", "--effect", "net", "--case", KONSTANZ)
    assert net["effect"] == "net" and net["horizon_summary"]["effect"] == "net"
    assert all(y["new_cash_eur"] <= y["available_eur"] + 1e-3 for y in net["horizon"])


def test_a_later_cohort_without_a_plan_is_named_with_its_diagnosis():
    # Konstanz's derived catalogue in whole classes reaches HF3's minimum only with 2020's pre-bought places
    r = run("optimize", "--horizon", "2", "--integer", "--case", KONSTANZ)
    assert r.exit_code == 3
    assert "Jahrgang 2021" in r.output and "Mindesteintritte von HF3" in r.output and "Traceback" not in r.output


def test_an_egt_path_in_the_case_file(konstanz):
    with_path(konstanz, "    2021: {value: 8000000, source: \"POLICY: Kürzung\"}\n")
    d = js("optimize", "--horizon", "2", "--case", konstanz)
    assert [y["egt_eur"] for y in d["horizon"]] == [9401893, 8000000]
    assert "POLICY: Kürzung" in d["horizon"][1]["egt_source"]


def test_vorbindungen_of_later_years_in_the_case_file(konstanz):
    case = konstanz / "case.yaml"
    text = case.read_text(encoding="utf-8")
    case.write_text(text.replace("budget:\n", "budget:\n  vorbindungen_path:\n"
                                 "    2022: {value: 1500000, source: \"Haushaltsüberwachungsliste\"}\n", 1),
                    encoding="utf-8")
    d = js("optimize", "--horizon", "3", "--case", konstanz)
    assert [y["prior_commitments_eur"] for y in d["horizon"]][1:] == [0, 1500000]
    assert "Haushaltsüberwachungsliste" in d["horizon"][2]["prior_commitments_source"]
    assert "L249" in d["horizon"][1]["prior_commitments_source"]
    bad = case.read_text(encoding="utf-8").replace("2022: {value: 1500000", "2022: {value: -1")
    case.write_text(bad, encoding="utf-8")
    r = run("optimize", "--horizon", "3", "--case", konstanz)
    assert r.exit_code == 2 and "budget.vorbindungen_path.2022" in r.output and "case.yaml" in r.output


def test_an_egt_path_in_a_scenario(tmp_path):
    sc = tmp_path / "pfad.yaml"
    sc.write_text("name: pfad\nextends: base\nbudget:\n  egt_path:\n"
                  "    2021: {value: 60000000, source: \"POLICY: Kürzung\"}\n", encoding="utf-8")
    d = js("optimize", "--horizon", "2", "--scenario", sc)
    assert d["horizon"][1]["egt_eur"] == 60000000


def test_a_year_without_enough_money_names_its_rows(tmp_path):
    sc = tmp_path / "knapp.yaml"
    sc.write_text("name: knapp\nextends: base\nbudget:\n  egt_path:\n    2021: {value: 20000000, source: test}\n",
                  encoding="utf-8")
    r = run("optimize", "--horizon", "2", "--scenario", sc)
    assert r.exit_code == 3
    assert "Mittel des Jahres 2021" in r.output and "(Jahrgang 2021)" in r.output
    assert "horizon_budget__" not in r.output and "__20" not in r.output   # German names, not row keys
    assert "pat__per_entry" not in r.output and "Traceback" not in r.output
    d = json.loads(run("optimize", "--horizon", "2", "--scenario", sc, "--format", "json").stdout)
    assert "horizon_budget__2021" in d["diagnosis"]["conflicts"]   # JSON keeps the keys
    assert "field_min__hf3__2021" in d["diagnosis"]["conflicts"]
    assert len(d["diagnosis"]["conflict_labels"]) == len(d["diagnosis"]["conflicts"])


def test_an_infeasible_horizon_names_the_cohorts_rows_as_the_one_year_diagnosis(tmp_path):
    sc = tmp_path / "hz.yaml"
    sc.write_text("name: hz\nextends: base\nbudget:\n  neufallbudget_eur: 15000000\n  egt_path:\n"
                  "    2021: 69000000\n    2022: 68899598\n", encoding="utf-8")
    one = run("optimize", "--scenario", sc)
    r = run("optimize", "--horizon", "3", "--scenario", sc)
    assert one.exit_code == 3 and r.exit_code == 3
    assert "policy__" not in r.output and "horizon_budget__" not in r.output
    fbw = "Zusage: FbW abschlussorientiert im Rahmen ± 15 % um 580 Neueintritte"
    assert fbw in one.output and fbw + " (Jahrgang 2020)" in r.output
    assert "Mittel des Jahres 2020" in r.output


@pytest.mark.parametrize("n", ["1", "6", "0"])
def test_horizon_outside_2_to_5(n, tmp_path):
    out = tmp_path / "x.xlsx"
    r = run("optimize", "--horizon", n, "--output", out)
    assert r.exit_code == 2
    assert "--horizon" in r.output and "2 bis 5" in r.output and "Traceback" not in r.output
    assert not out.exists()


@pytest.mark.parametrize("lines,says", [
    ("    2021: {value: 8000000, source: x}\n", ["budget.egt_path", "es fehlt 2022", "case.yaml"]),
    ("    2021: {value: -5, source: x}\n    2022: 1\n", ["budget.egt_path.2021", "case.yaml"]),
    ("    zwanzig: {value: 5, source: x}\n", ["budget.egt_path.zwanzig", "kein Jahr", "case.yaml"]),
    ("    2020: {value: 5, source: x}\n    2021: 5\n    2022: 5\n", ["budget.egt_path.2020", "Planungsjahr"]),
])
def test_bad_egt_path(konstanz, tmp_path, lines, says):
    with_path(konstanz, lines)
    out = tmp_path / "x.xlsx"
    r = run("optimize", "--horizon", "3", "--case", konstanz, "--output", out)
    assert r.exit_code == 2, r.output
    assert all(s in r.output for s in says), r.output
    assert "Traceback" not in r.output and not out.exists()


def test_horizon_with_evaluate_of_a_one_year_plan(tmp_path):
    plan = tmp_path / "plan.xlsx"
    assert run("optimize", "--output", plan).exit_code == 0
    out = tmp_path / "e.xlsx"
    r = run("evaluate", "--plan", plan, "--horizon", "3", "--output", out)
    assert r.exit_code == 2
    assert "plan.xlsx" in r.output and "--horizon 3" in r.output and "Einjahresplan" in r.output
    assert not out.exists()
    assert run("evaluate", "--horizon", "3").exit_code == 2


@pytest.mark.parametrize("args,option", [(["--goal", "integrations>=3000"], "--goal"),
                                         (["--objective", "lzb"], "--objective"), (["--explain"], "--explain")])
def test_horizon_with_another_mode(args, option):
    r = run("optimize", "--horizon", "2", *args)
    assert r.exit_code == 2 and option in r.output and "Jahrgänge" in r.output


def test_money_prices_in_json_and_in_the_section():
    d = js("optimize", "--horizon", "3")
    assert d["horizon_summary"]["shadow_prices"]
    for y in d["horizon"] + d["horizon_summary"]["after_horizon"]:
        assert {"shadow_price_per_100k_eur", "binding", "shadow_price_valid_from_eur", "shadow_price_valid_to_eur",
                "objective_at_valid_from", "objective_at_valid_to", "free_eur"} <= set(y)
        if y["free_eur"] >= 0.5:   # money left: price 0, said with the money left
            assert y["shadow_price_per_100k_eur"] == 0.0 and not y["binding"]
    r = run("optimize", "--horizon", "3")
    assert r.exit_code == 0, r.output
    text = " ".join(r.output.split())   # the terminal wraps long lines
    assert "Grenzertrag je 100.000 € EGT" in text
    from amip.models.fmt import eur, fixed

    for y in d["horizon"]:
        if y["binding"]:
            assert f"{y['year']}: {fixed(y['shadow_price_per_100k_eur'], 2)} – das Geld des Jahres ist verplant" in text
        else:
            assert f"{y['year']}: 0 – {eur(y['free_eur'])} des Jahres bleiben frei" in text


def test_the_handbooks_price_excerpt_is_what_the_program_prints():
    """docs/mehrjahresplanung.md shows Duisburg's prices per year: the same words and figures as the output."""
    doc = (Path(__file__).resolve().parents[1] / "docs" / "mehrjahresplanung.md").read_text(encoding="utf-8")
    start = doc.index("    Grenzertrag je 100.000 € EGT")
    block = doc[start:doc.index("\n\n", start)]
    r = run("optimize", "--horizon", "3")
    assert r.exit_code == 0, r.output
    assert " ".join(block.split()) in " ".join(r.output.split())


# --------------------------------------------------------------------------- the later years in the Rahmendaten sheet
@pytest.fixture
def init_folder(bochum_folder) -> Path:
    return bochum_folder


def sheet_copy(init_folder: Path, folder: Path, cells: dict[str, tuple]) -> dict[str, int]:
    """A copy of the init folder with the Rahmendaten rows ``cells`` (key → (value, source) or (value,))
    filled in, as a planner types them; returns key → row of every key of the sheet."""
    shutil.copytree(init_folder, folder)
    wb = openpyxl.load_workbook(folder / "massnahmen.xlsx")
    ws = wb["Rahmendaten"]
    rows = {c.value: c.row for c in ws["A"] if c.value}
    for key, (value, *source) in cells.items():
        ws.cell(row=rows[key], column=3).value = value
        if source:
            ws.cell(row=rows[key], column=5).value = source[0]
    wb.save(folder / "massnahmen.xlsx")
    return rows


def without_sources(years: list[dict]) -> list[dict]:
    return [{k: v for k, v in y.items() if not k.endswith("_source")} for y in years]


def test_later_years_typed_into_the_sheet_give_the_horizon_of_the_same_values_in_case_yaml(init_folder, tmp_path):
    from amip.inputs.loader import read_case_raw

    sheet = tmp_path / "blatt"
    rows = sheet_copy(init_folder, sheet, {"budget.egt_path.2021": ("40.000.000 €", "Eckwert Bundeshaushalt"),
                                           "budget.egt_path.2022": (39_000_000,),
                                           "budget.vorbindungen_path.2021": (1_500_000, "HÜL 1.1.2020")})
    # the same values in a case.yaml with its own frame (the workbook's later-year rows left empty)
    own = tmp_path / "yaml"
    shutil.copytree(init_folder, own)
    raw, _ = read_case_raw(init_folder / "case.yaml")
    raw["budget"]["egt_path"] = {2021: {"value": 40_000_000, "source": "Eckwert Bundeshaushalt"}, 2022: 39_000_000}
    raw["budget"]["vorbindungen_path"] = {2021: {"value": 1_500_000, "source": "HÜL 1.1.2020"}}
    (own / "case.yaml").write_text(yaml.safe_dump(dict(raw, measures="massnahmen.xlsx"), allow_unicode=True),
                                   encoding="utf-8")
    a = js("optimize", "--horizon", "3", "--case", sheet)["horizon"]
    b = js("optimize", "--horizon", "3", "--case", own)["horizon"]
    assert [y["egt_eur"] for y in a][1:] == [40_000_000, 39_000_000]
    assert [y["prior_commitments_eur"] for y in a][1:] == [1_500_000, 0]
    assert without_sources(a) == without_sources(b)
    book = sheet / "massnahmen.xlsx"
    assert a[1]["egt_source"] == f"Eckwert Bundeshaushalt ({book}, Rahmendaten!C{rows['budget.egt_path.2021']})"
    assert a[2]["egt_source"] == f"ohne Quellenangabe ({book}, Rahmendaten!C{rows['budget.egt_path.2022']})"
    assert f"Rahmendaten!C{rows['budget.vorbindungen_path.2021']}" in a[1]["prior_commitments_source"]
    assert "case.yaml" in b[1]["egt_source"]
    text = run("optimize", "--horizon", "3", "--case", sheet).stdout
    assert f"- EGT 2021: Eckwert Bundeshaushalt ({book}, Rahmendaten!C{rows['budget.egt_path.2021']})" in text


@pytest.mark.parametrize("cells,bad,words", [
    ({"budget.egt_path.2021": ("etwa 40 Mio.",)}, "C:budget.egt_path.2021", ["keine Zahl"]),
    ({"budget.vorbindungen_path.2022": (-5,)}, "C:budget.vorbindungen_path.2022", ["negativ"]),
    ({"budget.egt_path.2021": (1,), "budget.egt_path.2023": (1,)}, "C:budget.egt_path.2022",
     ["'budget.egt_path.2022' ist leer"]),
    ({"budget.egt_path.2021": (1,), "budget.egt_path.2022": (1,)}, "A:twice", ["zweimal"]),
    ({"budget.egt_path.2021": (1,)}, "A:2020", ["'budget.egt_path.2020'", "Folgejahre ab 2021"]),
])
def test_bad_later_years_in_the_sheet_exit_2_naming_the_cell_and_write_nothing(init_folder, tmp_path, cells, bad,
                                                                              words):
    folder = tmp_path / "f"
    rows = sheet_copy(init_folder, folder, cells)
    column, what = bad.split(":")
    if what in ("twice", "2020"):   # a second row for 2021 / the row of 2021 renamed to the plan year
        wb = openpyxl.load_workbook(folder / "massnahmen.xlsx")
        ws = wb["Rahmendaten"]
        row = ws.max_row + 1 if what == "twice" else rows["budget.egt_path.2021"]
        ws.cell(row=row, column=1).value = "budget.egt_path.2021" if what == "twice" else "budget.egt_path.2020"
        ws.cell(row=row, column=3).value = 2
        wb.save(folder / "massnahmen.xlsx")
    else:
        row = rows[what]
    out = tmp_path / "plan.xlsx"
    r = run("optimize", "--horizon", "3", "--case", folder, "--output", out)
    assert r.exit_code == 2, r.output
    assert f"{folder / 'massnahmen.xlsx'}, Rahmendaten!{column}{row}" in r.stderr, r.stderr
    assert all(w in r.stderr for w in words), r.stderr
    assert "Traceback" not in r.output and not out.exists()


def test_a_later_year_in_case_yaml_beside_frame_or_differing_from_the_sheet_exits_2(init_folder, tmp_path):
    from amip.inputs.loader import read_case_raw

    beside = tmp_path / "beside"
    shutil.copytree(init_folder, beside)
    with open(beside / "case.yaml", "a", encoding="utf-8") as fh:
        fh.write("budget:\n  egt_path:\n    2021: {value: 40000000, source: Eckwert}\n")
    r = run("optimize", "--horizon", "2", "--case", beside)
    assert r.exit_code == 2 and "'budget'" in r.stderr and "frame: massnahmen.xlsx" in r.stderr
    # an older folder (case.yaml with its own frame) and the sheet name the same year with other amounts
    older = tmp_path / "older"
    rows = sheet_copy(init_folder, older, {"budget.egt_path.2021": (39_000_000,)})
    raw, _ = read_case_raw(init_folder / "case.yaml")
    raw["budget"]["egt_path"] = {2021: {"value": 40_000_000, "source": "Eckwert"}}
    (older / "case.yaml").write_text(yaml.safe_dump(dict(raw, measures="massnahmen.xlsx"), allow_unicode=True),
                                     encoding="utf-8")
    r = run("optimize", "--horizon", "2", "--case", older)
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "'budget.egt_path.2021' ist in case.yaml 40.000.000" in r.stderr
    assert f"(Rahmendaten!C{rows['budget.egt_path.2021']}) 39.000.000" in r.stderr
    # a year only in the sheet would be dropped without a word (case.yaml's frame counts): it differs too
    only = tmp_path / "only"
    sheet_copy(init_folder, only, {"budget.egt_path.2021": (40_000_000,), "budget.egt_path.2022": (39_000_000,)})
    (only / "case.yaml").write_bytes((older / "case.yaml").read_bytes())
    r = run("optimize", "--horizon", "3", "--case", only)
    assert r.exit_code == 2 and "'budget.egt_path.2022' ist in case.yaml nicht angegeben" in r.stderr, r.stderr


def test_a_missing_later_year_names_its_key_for_the_sheets_row(init_folder, tmp_path):
    folder = tmp_path / "kurz"
    rows = sheet_copy(init_folder, folder, {"budget.egt_path.2021": (40_000_000,)})
    r = run("optimize", "--horizon", "3", "--case", folder)
    assert r.exit_code == 2 and "es fehlt 2022 (budget.egt_path.2022)" in r.stderr, r.stderr
    assert f"Rahmendaten!C{rows['budget.egt_path.2021']}" in r.stderr


def test_an_infeasible_shifted_limit_is_named_with_its_years(tmp_path):
    sc = tmp_path / "vc.yaml"
    sc.write_text("name: vc\nextends: base\ncommitments:\n  limits:\n    2023: {value: 1, source: test}\n",
                  encoding="utf-8")
    r = run("optimize", "--scenario", sc, "--horizon", "2")
    assert r.exit_code == 3
    assert "Grenze nach dem Horizont 2024+ (verschoben aus der Grenze 2023+)" in r.output
    assert "horizon_commitment__" not in r.output and "(Jahrgang 20" in r.output
