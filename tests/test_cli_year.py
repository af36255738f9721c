"""`amip template --actuals`, `amip ist` and `amip replan` end to end: the month-9 example writes its
workbook with the chart and its HTML report; the JSON contract; bad input exits 2, names the sheet
and cell, and writes no output file."""
from __future__ import annotations

import json
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner

from amip import texts as T
from amip.cli import main
from amip.inputs.loader import DATA_DIR

EX9 = str(DATA_DIR / "duisburg-2020" / "ist-2020-09.xlsx")
EX6 = str(DATA_DIR / "duisburg-2020" / "ist-2020-06.xlsx")


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_template_actuals(tmp_path):
    out = tmp_path / "ist.xlsx"
    r = run("template", "--actuals", "--output", str(out))
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:3] == ["Eintritte", "Ausgaben", "Festlegungen"]
    assert wb["Eintritte"]["A1"].value == "Maßnahme-ID"


def test_ist_month_9_writes_workbook_with_chart_and_html(tmp_path):
    xlsx, html = tmp_path / "ist.xlsx", tmp_path / "ist.html"
    r = run("ist", "--actuals", EX9, "--output", str(xlsx), "--html", str(html))
    assert r.exit_code == 0, r.output
    assert "Verfallende Mittel zum Jahresende" in r.stdout and "§ 46 SGB II" in r.stdout
    # trial finding 16: not 'fallen an den Bund zurück' — federal Ausgabereste, shared out by the EinglMV key
    flat = " ".join(r.stdout.split())
    assert " ".join(T.IST_CARRY_OVER.split()) in flat and "an den Bund zurück" not in flat
    assert "Ausgabereste des Bundes" in T.IST_CARRY_OVER and "bekommt sie nicht zurück" in T.IST_CARRY_OVER
    assert "Unter Plan" in r.stdout and "Über Plan" in r.stdout
    wb = openpyxl.load_workbook(xlsx)
    assert {"Hochrechnung", "Maßnahmen", "Mittelabfluss"} <= set(wb.sheetnames)
    assert [c.value for c in wb["Mittelabfluss"]["A"]][1:13][8] == "Sep"
    with zipfile.ZipFile(xlsx) as z:
        assert any(n.startswith("xl/charts/chart") for n in z.namelist())
    text = html.read_text(encoding="utf-8")
    assert "<svg" in text and "<script" not in text and "Hochrechnung" in text


def test_ist_json_contract():
    r = run("ist", "--actuals", EX9, "--format", "json")
    assert r.exit_code == 0
    d = json.loads(r.stdout)
    assert {"spend_eur", "spend_low_eur", "spend_high_eur", "lapse_eur", "integrations"} <= set(d["forecast"])
    keys = {"id", "planned_entries", "actual_entries", "forecast_entries", "actual_spend_eur", "forecast_spend_eur"}
    assert d["measures"] and all(keys <= set(m) for m in d["measures"])
    f = d["forecast"]
    assert f["spend_low_eur"] <= f["spend_eur"] <= f["spend_high_eur"]
    assert f["lapse_eur"] == pytest.approx(max(0.0, f["budget_eur"] - f["spend_eur"]))
    assert f["carry_over"] is False and f["carry_over_note"] == T.IST_CARRY_OVER
    assert d["month"] == 9 and "ESTIMATE" in d["profile"]["source"]


@pytest.mark.parametrize("example, month", [(EX6, "6"), (EX9, "9")])
def test_replan_json_contract(tmp_path, example, month):
    xlsx = tmp_path / "rp.xlsx"
    r = run("replan", "--actuals", example, "--month", month, "--format", "json", "--output", str(xlsx))
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert {"objective", "baseline_objective", "lapse_eur", "actions", "measures"} <= set(d)
    assert all({"id", "action", "delta_entries", "delta_eur", "reason"} <= set(a) for a in d["actions"])
    assert all(m["entries"] >= m["actual_entries"] - 1e-9 for m in d["measures"])
    assert {a["action"] for a in d["actions"]} <= {"raise", "lower", "hold", "stop"}
    assert d["objective"] >= d["baseline_objective"] - 1e-6
    with zipfile.ZipFile(xlsx) as z:
        assert any(n.startswith("xl/charts/chart") for n in z.namelist())
    assert "Aktion" in [c.value for c in openpyxl.load_workbook(xlsx)["Maßnahmen"][1]]


def test_replan_table_is_german():
    r = run("replan", "--actuals", EX9, "--month", "9")
    assert r.exit_code == 0
    assert "Neuplanung ab Monat 9" in r.stdout
    assert any(w in r.stdout for w in ("erhöhen", "senken", "stoppen"))


def _bad(tmp_path, sheet, cell, value):
    p = tmp_path / "bad.xlsx"
    wb = openpyxl.load_workbook(EX9)
    wb[sheet][cell] = value
    wb.save(p)
    return p


@pytest.mark.parametrize("sheet, cell, value, where, cmd", [
    ("Eintritte", "A2", "gibt-es-nicht", "Eintritte!A2", "ist"),                # unknown measure
    ("Ausgaben", "O1", 13, "Ausgaben!O1", "ist"),                               # month outside 1-12
    ("Ausgaben", "K2", 1e9, "Ausgaben!L2", "ist"),                              # cumulative values fall (Sep < Aug)
    ("Eintritte", "M2", 999999, "Eintritte!M2", "ist"),                         # October filled in, --month 9
    ("Eintritte", "A2", "gibt-es-nicht", "Eintritte!A2", "replan"),
    ("Eintritte", "M2", 999999, "Eintritte!M2", "replan"),
])
def test_bad_actuals_exit_2_with_cell_and_no_output(tmp_path, cmd, sheet, cell, value, where):
    p = _bad(tmp_path, sheet, cell, value)
    out, html = tmp_path / "o.xlsx", tmp_path / "o.html"
    r = run(cmd, "--actuals", str(p), "--month", "9", "--output", str(out), "--html", str(html))
    assert r.exit_code == 2, r.output
    assert where in r.stderr and "Traceback" not in r.output
    assert not out.exists() and not html.exists()


def test_spending_above_plan_without_commitment_record_exits_2(tmp_path):
    wb = openpyxl.load_workbook(EX9)
    ws = wb["Festlegungen"]
    for row in ws.iter_rows(min_row=2, max_row=2, min_col=3):
        for c in row:
            c.value = None
    plan = wb["Ausgaben"]["C2"].value
    wb["Ausgaben"]["K2"] = plan * 1.5
    wb["Ausgaben"]["L2"] = plan * 1.5
    p = tmp_path / "over.xlsx"
    wb.save(p)
    out = tmp_path / "o.xlsx"
    r = run("ist", "--actuals", str(p), "--output", str(out))
    assert r.exit_code == 2, r.output
    assert "Ausgaben!K2" in r.stderr and "ohne Eintrag im Blatt" in r.stderr
    assert not out.exists()


def test_month_outside_1_12_on_the_command_line(tmp_path):
    out = tmp_path / "o.xlsx"
    r = run("replan", "--actuals", EX9, "--month", "13", "--output", str(out))
    assert r.exit_code == 2 and "--month 13 liegt außerhalb von 1–12" in r.stderr and not out.exists()


def test_ist_with_a_local_profile_from_an_earlier_year(tmp_path):
    from amip.export.year import write_actuals_workbook
    from amip.models.replan import derived_from_plan
    from amip.scenarios import load_scenario

    case = load_scenario(None)
    flat = tuple((k + 1) / 12 for k in range(12))
    vals = derived_from_plan(case, flat, 12)
    hist = write_actuals_workbook(case, tmp_path / "ist-2019.xlsx", entries={k: v[0] for k, v in vals.items()},
                                  spend={k: v[1] for k, v in vals.items()},
                                  commitments={k: v[2] for k, v in vals.items()})
    r = run("ist", "--actuals", EX9, "--history", str(hist), "--format", "json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["profile"]["share"][8] == pytest.approx(0.75, abs=1e-6) and not d["profile"]["estimate"]
    assert d["forecast"]["actual_spend_eur"] / 0.75 == pytest.approx(
        sum(m["forecast_spend_eur"] for m in d["measures"]), rel=0.05)   # the pace along the flat profile
    bad = run("ist", "--actuals", EX9, "--history", EX6)
    assert bad.exit_code == 2 and "bis Dezember" in bad.stderr


def test_another_case_through_the_shared_case_options(tmp_path):
    """`--case` of cli.py reaches `template --actuals`, `ist` and `replan` (Konstanz, the second case)."""
    folder = str(DATA_DIR / "konstanz-2020")
    p = tmp_path / "ist-k.xlsx"
    assert run("template", "--actuals", "--case", folder, "--output", str(p)).exit_code == 0
    wb = openpyxl.load_workbook(p)
    for ws in (wb["Ausgaben"], wb["Eintritte"]):
        for r in range(2, ws.max_row + 1):
            for k, share in enumerate((0.08, 0.16, 0.25)):
                ws.cell(r, 4 + k).value = (ws.cell(r, 3).value or 0) * share
    wb.save(p)
    r = run("ist", "--case", folder, "--actuals", str(p), "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["month"] == 3
    r = run("replan", "--case", folder, "--actuals", str(p), "--month", "3", "--format", "json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["objective"] >= d["baseline_objective"] - 1e-6 and d["gain_from_lapse"] >= -1e-6


def test_replan_names_cut_in_the_table_carry_their_id():
    """Two vouchers 'Aktivierungs- und Vermittlungsgutschein …' cut to one width stay apart."""
    r = run("replan", "--actuals", EX9, "--month", "9")
    cut = [line for line in r.stdout.splitlines() if line.startswith("Aktivierungs- und")]   # the action rows
    assert cut and all("… (hf1-avgs-" in line for line in cut)
    assert len({line[:34] for line in cut}) == len(cut)


@pytest.mark.parametrize("example", [EX6, EX9])
def test_ist_lapse_and_overrun_sentences_are_the_forecasts_numbers(example):
    """Every euro amount the lapse and overrun sentences print is the JSON's number; the overrun sentence
    appears exactly when the forecast or its range spends more than the Neufallbudget."""
    from amip.models.fmt import eur

    f = json.loads(run("ist", "--actuals", example, "--format", "json").stdout)["forecast"]
    out = " ".join(run("ist", "--actuals", example).stdout.split())
    assert " ".join(T.IST_LAPSE.format(lapse=eur(f["lapse_eur"]), low=eur(f["lapse_low_eur"]),
                                       high=eur(f["lapse_high_eur"])).split()) in out
    overrun = " ".join(T.IST_OVERRUN.format(overrun=eur(f["overrun_eur"]), low=eur(f["overrun_low_eur"]),
                                            high=eur(f["overrun_high_eur"])).split())
    assert (overrun in out) == (f["spend_high_eur"] > f["budget_eur"])
    assert f["overrun_high_eur"] == pytest.approx(max(0.0, f["spend_high_eur"] - f["budget_eur"]))
    assert f["lapse_high_eur"] == pytest.approx(max(0.0, f["budget_eur"] - f["spend_low_eur"]))
    # the profile's sourced points travel with the JSON
    p = json.loads(run("ist", "--actuals", example, "--format", "json").stdout)["profile"]
    assert len(p["points"]) >= 11 and all({"month", "share_of_allocation", "years", "share_of_year", "source"} <= set(q)
                                          for q in p["points"])


def test_ist_with_an_own_curve_file(tmp_path):
    f = tmp_path / "kurve.csv"
    f.write_text("month;share_of_allocation;years;kind;source\n3;0,2;2019;OWN;eigen\n6;0,4;2019;OWN;eigen\n"
                 "9;0,6;2019;OWN;eigen\n12;0,8;2019;OWN;eigen\n", encoding="utf-8")
    r = run("ist", "--actuals", EX9, "--curve", str(f), "--format", "json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert "kurve.csv" in d["profile"]["source"] and "BIAJ" not in d["profile"]["source"]
    assert d["profile"]["share"][8] == pytest.approx(0.75)
    assert d["forecast"]["actual_spend_eur"] / 0.75 == pytest.approx(
        sum(m["forecast_spend_eur"] for m in d["measures"]), rel=0.05)


def test_a_bad_curve_file_exits_2_and_writes_nothing(tmp_path):
    f = tmp_path / "kurve.csv"
    f.write_text("month,share_of_allocation,years,kind,source\n6,0.4,2019,x,y\n13,0.6,2019,x,y\n12,0.8,2019,x,y\n",
                 encoding="utf-8")
    out = tmp_path / "ist.xlsx"
    r = CliRunner().invoke(main, ["ist", "--actuals", EX9, "--curve", str(f), "--output", str(out)])
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "kurve.csv, Zeile 3, Spalte 'month'" in r.output and "kein Monat" in r.output
    assert not out.exists()
    r = CliRunner().invoke(main, ["ist", "--actuals", EX9, "--curve", str(f), "--history", EX9])
    assert r.exit_code == 2 and "schließen sich aus" in r.output
