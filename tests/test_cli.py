"""The CLI end to end through click's CliRunner: exit codes, JSON keys, files."""
import json

import openpyxl
import pytest
from click.testing import CliRunner

from amip.cli import main
from tests.conftest import DUISBURG_CASE, shipped_rows, write_measures

JSON_KEYS = {"status", "objective", "input_hash", "version", "solver", "budget", "measures", "fields", "constraints"}
MEASURE_KEYS = {"id", "field", "name", "cost_per_entry", "rate", "lower", "upper", "entries", "planned_entries",
                "cost", "integrations"}


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_optimize_default_table():
    r = run("optimize")
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[0].startswith("amip ")
    assert "Status: optimal" in r.output and "Neufallbudget: 35.085.957 €" in r.output


def test_optimize_json_contract():
    r = run("optimize", "--format", "json")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert JSON_KEYS <= set(data)
    assert set(data["budget"]) >= {"limit", "used"}
    assert data["budget"]["limit"] == 35_085_957
    assert data["budget"]["used"] <= data["budget"]["limit"] + 1e-3
    assert all(MEASURE_KEYS <= set(m) for m in data["measures"]) and len(data["measures"]) == 74
    assert all({"id", "min_entries", "entries"} <= set(f) for f in data["fields"])
    assert all({"name", "binding", "dual"} <= set(c) for c in data["constraints"])
    assert data["status"] == "optimal" and data["input_hash"].startswith("sha256:")
    i16 = next(m for m in data["measures"] if m["id"] == "hf2-16i")
    assert i16["cost_per_entry"] < i16["gross_cost_per_entry"]      # net of the PAT relief


def test_json_is_deterministic_apart_from_timing():
    def strip(d):
        d.pop("timestamp"), d.pop("solve_time_s")
        return d
    a, b = (strip(json.loads(run("optimize", "--format", "json").stdout)) for _ in range(2))
    assert a == b


def test_optimize_csv():
    r = run("optimize", "--format", "csv")
    assert r.exit_code == 0 and r.output.startswith("id,field,name")


def test_budget_option_changes_the_limit():
    r = run("optimize", "--budget", "36.000.000", "--format", "json")
    assert json.loads(r.stdout)["budget"]["limit"] == 36_000_000
    assert run("optimize", "--budget", "abc").exit_code == 2


def test_output_writes_xlsx_and_refuses_to_overwrite(tmp_path):
    out = tmp_path / "plan.xlsx"
    r = run("optimize", "--output", str(out))
    assert r.exit_code == 0 and out.exists()
    assert openpyxl.load_workbook(out).sheetnames == ["Zuteilung", "Handlungsfelder", "Budget", "Restriktionen",
                                                      "Eingaben", "Referenz", "Planung", "Zusagen",
                                                      "Integrationen nach Jahr", "Integrationsquote"]
    before = out.read_bytes()
    r = run("optimize", "--output", str(out))
    assert r.exit_code == 2 and "mit --force" in r.stderr
    assert out.read_bytes() == before
    assert run("optimize", "--output", str(out), "--force").exit_code == 0


@pytest.mark.parametrize("mutate,expect", [
    (lambda h, rows: rows[1].update(cost_per_entry_eur="-1"), "Zeile 3, Spalte 'cost_per_entry_eur'"),
    (lambda h, rows: rows[1].update(cost_per_entry_eur="teuer"), "'teuer' ist keine Zahl"),
    (lambda h, rows: rows[0].update(field="HF7"), "unbekanntes Handlungsfeld 'HF7'"),
    (lambda h, rows: rows[3].update(id=rows[2]["id"]), "doppelte Kennung"),
    (lambda h, rows: rows[4].update(integration_rate="1.2", rate_source="x"), "außerhalb von [0, 1]"),
    (lambda h, rows: h.remove("planned_entries"), "Spalte(n) fehlen: planned_entries"),
    (lambda h, rows: h.append("extra"), "unbekannte Spalte(n) 'extra'"),
])
def test_bad_measure_tables_exit_2_without_traceback_or_file(tmp_path, mutate, expect):
    header, rows = shipped_rows()
    mutate(header, rows)
    bad = write_measures(tmp_path / "bad.csv", header, rows)
    out = tmp_path / "plan.xlsx"
    r = run("optimize", "--case", DUISBURG_CASE, "--measures", str(bad), "--output", str(out))
    assert r.exit_code == 2
    assert r.stderr.startswith("Fehler: ") and "bad.csv" in r.stderr and expect in r.stderr
    assert "Traceback" not in r.output
    assert not out.exists()


def test_empty_measure_file_exits_2(tmp_path):
    (tmp_path / "e.csv").write_text("")
    r = run("optimize", "--case", DUISBURG_CASE, "--measures", str(tmp_path / "e.csv"))
    assert r.exit_code == 2 and "e.csv: Maßnahmentabelle ist leer" in r.stderr


def test_infeasible_exits_3_and_reports_the_diagnosis_in_every_output(tmp_path):
    """Table (stderr), JSON (stdout) and the workbook all carry the diagnosis; the exit code is 3."""
    out = tmp_path / "plan.xlsx"
    r = run("optimize", "--budget", "5000000", "--output", str(out), "--format", "json")
    assert r.exit_code == 3
    # the terminal names the constraints in German (finding 15), JSON keeps the keys
    assert "Neufallbudget" in r.stderr and "Mindesteintritte" in r.stderr and "Kleinste Änderungen" in r.stderr
    assert "budget__neufall" not in r.stderr and "field_min__" not in r.stderr
    d = json.loads(r.stdout)
    assert d["status"] == "infeasible" and "budget__neufall" in d["diagnosis"]["conflicts"]
    assert d["diagnosis"]["changes"] and d["input_hash"].startswith("sha256:")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Diagnose", "Änderungen", "Eingaben"]
    texts = [row[1] for row in wb["Diagnose"].iter_rows(min_row=2, values_only=True)]
    assert "Neufallbudget" in texts and not any("__" in t for t in texts)
    assert any("brauchen mindestens" in t for t in texts)
    # whether the changes work alone or only together: the same head line and verdicts as the JSON
    assert d["diagnosis"]["changes_head"] in texts
    head, *rows = list(wb["Änderungen"].iter_rows(values_only=True))
    alone, alone_need = head.index("allein genug"), head.index("allein nötig")
    assert [r[alone] for r in rows] == ["ja" if c["alone_feasible"] else "nein" for c in d["diagnosis"]["changes"]]
    assert [r[alone_need] for r in rows] == [c["alone_needed"] if c["alone_needed"] is not None else "keiner"
                                             for c in d["diagnosis"]["changes"]]


def test_shipped_infeasible_example_names_the_conflict():
    r = run("optimize", "--scenario", "tests/data/infeasible.yaml")
    assert r.exit_code == 3
    assert "Widersprüchliche Restriktionen: Neufallbudget, Mindesteintritte HF1" in r.stderr
    assert "das Minimum von 9.000 Eintritten in HF1 ist nicht erreichbar" in r.stderr


def test_evaluate_reports_the_gain_of_the_optimum():
    r = run("evaluate", "--format", "json")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert data["status"] == "evaluated" and JSON_KEYS <= set(data)
    assert data["optimum"]["gain"] > 0
    # the seed plan keeps the budget or breaks it, as its spend (Σ plan − modelled PAT relief) says
    over = data["budget"]["used"] - data["budget"]["limit"]
    assert [v["constraint"] for v in data["violations"]] == (["budget__neufall"] if over > 1e-6 else [])
    t = run("evaluate")
    assert "Das Optimum erreicht" in t.output
    # the shifts to the optimum carry the checked reasons (amip.optimizer.reasons), as in JSON
    reasons = {x["id"]: x for x in data["optimum"]["reasons"]}
    assert reasons and all(x["cause"] and x["text"] for x in reasons.values())
    listed = [line for line in t.output.splitlines() if " → " in line and "Eintritte" in line]
    assert len(listed) == 10
    flat = " ".join(t.output.split())
    shown = [mid for mid in reasons if f"({mid}):" in flat]
    assert len(shown) >= 5
    for mid in shown:
        assert " ".join(reasons[mid]["text"].split()) in flat, mid


def test_output_must_be_xlsx(tmp_path):
    r = run("optimize", "--output", str(tmp_path / "plan.csv"))
    assert r.exit_code == 2 and ".xlsx" in r.stderr


# --------------------------------------------------------------------------- scenarios and compare
def test_optimize_shipped_downturns_from_the_cli():
    base = json.loads(run("optimize", "--format", "json").stdout)
    for name in ("downturn-mild", "downturn-severe"):
        r = run("optimize", "--scenario", name, "--format", "json")
        assert r.exit_code == 0, r.stderr
        d = json.loads(r.stdout)
        assert d["scenario"] == name and d["objective"] < base["objective"]
        assert d["input_hash"] != base["input_hash"]
        assert any("domain.md §3.2" in n for n in d["scenario_notes"])


def test_scenarios_list_and_show():
    r = run("scenarios", "list")
    assert r.exit_code == 0 and "downturn-severe" in r.output and "budget-cut-10" in r.output
    listed = json.loads(run("scenarios", "list", "--format", "json").stdout)["scenarios"]
    assert {"name", "description", "extends", "file"} <= set(listed[0])
    r = run("scenarios", "show", "downturn-mild")
    assert r.exit_code == 0
    assert "rates.instrument_type.egz" in r.output and "downturn-mild.yaml:" in r.output
    assert "base.yaml:7" in r.output                  # the inherited year, with its origin
    assert "Wirkung auf den Fall" in r.output and "hf1-egz: Integrationsquote" in r.output
    info = json.loads(run("scenarios", "show", "budget-cut-10", "--format", "json").stdout)
    assert info["changes"][0]["what"] == "Neufallbudget"
    assert info["changes"][0]["after"] == pytest.approx(0.9 * info["changes"][0]["before"])


def test_scenarios_new_writes_a_file_that_loads_and_never_overwrites(tmp_path):
    out = tmp_path / "mine.yaml"
    r = run("scenarios", "new", "mine", "--from", "downturn-mild", "--output", str(out))
    assert r.exit_code == 0 and out.exists()
    text = out.read_text()
    assert "extends: downturn-mild" in text and "# rates:" in text
    r = run("optimize", "--scenario", str(out), "--format", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)["scenario"] == "mine"
    before = out.read_text()
    r = run("scenarios", "new", "mine", "--output", str(out))
    assert r.exit_code == 2 and "mit --force" in r.stderr and out.read_text() == before
    child = tmp_path / "sub" / "child.yaml"
    child.parent.mkdir()
    r = run("scenarios", "new", "child", "--from", str(out), "--output", str(child))
    assert r.exit_code == 0 and 'extends: "../mine.yaml"' in child.read_text()
    assert run("optimize", "--scenario", str(child)).exit_code == 0
    r = run("scenarios", "new", "child2", "--from", "nope", "--output", str(tmp_path / "c2.yaml"))
    assert r.exit_code == 2 and "unbekanntes Szenario 'nope'" in r.stderr and not (tmp_path / "c2.yaml").exists()


def test_compare_table_json_and_workbook(tmp_path):
    out = tmp_path / "cmp.xlsx"
    r = run("compare", "base", "downturn-mild", "downturn-severe", "--output", str(out))
    assert r.exit_code == 0, r.stderr
    assert "Szenarienvergleich" in r.output and "Größte Verschiebungen" in r.output
    assert openpyxl.load_workbook(out).sheetnames[:2] == ["Vergleich", "Vergleich Maßnahmen"]
    d = json.loads(run("compare", "base", "downturn-severe", "--format", "json").stdout)
    assert [s["name"] for s in d["scenarios"]] == ["base", "downturn-severe"]
    assert all(JSON_KEYS <= set(s) for s in d["scenarios"])
    single = json.loads(run("optimize", "--scenario", "downturn-severe", "--format", "json").stdout)
    assert d["scenarios"][1]["objective"] == pytest.approx(single["objective"], rel=1e-12)
    assert d["comparison"]["summary"][1]["delta_integrations"] == pytest.approx(
        single["objective"] - d["scenarios"][0]["objective"])


BAD_SCENARIOS = [
    ("syntax", "name: x\nrates: {all: [\n", "Zeile 3: YAML-Syntaxfehler"),
    ("unknown-key", "name: x\nratez: {}\n", "Zeile 2: 'ratez': unbekannter Schlüssel"),
    ("wrong-type", "name: x\nbudget:\n  change_pct: viel\n", "Zeile 3: 'budget.change_pct': muss eine Zahl sein"),
    ("missing-parent", "name: x\nextends: ./gone.yaml\n", "Zeile 2: 'extends': fehlendes Elternszenario './gone.yaml'"),
    ("cycle", "name: x\nextends: ./cycle.yaml\n", "'extends': Zyklus cycle.yaml → cycle.yaml"),
    ("negative-multiplier", "name: x\nrates:\n  all: {multiplier: -0.5}\n", "'rates.all.multiplier': muss ≥ 0 sein"),
    ("unknown-measure", "name: x\nbounds:\n  measure:\n    hf2-16x: {max: 3}\n", "Maßnahme 'hf2-16x' gibt es nicht"),
]


@pytest.mark.parametrize("command", ["optimize", "compare"])
@pytest.mark.parametrize("label,text,expect", BAD_SCENARIOS, ids=[b[0] for b in BAD_SCENARIOS])
def test_bad_scenarios_exit_2_without_traceback_or_file(tmp_path, command, label, text, expect):
    path = tmp_path / f"{label}.yaml"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out.xlsx"
    args = ["optimize", "--scenario", str(path)] if command == "optimize" else ["compare", "base", str(path)]
    r = run(*args, "--output", str(out))
    assert r.exit_code == 2, r.output
    assert r.stderr.startswith("Fehler: ") and f"{label}.yaml" in r.stderr and expect in r.stderr, r.stderr
    assert "Traceback" not in r.output and not out.exists()


def test_compare_refuses_an_existing_output_and_needs_two_scenarios(tmp_path):
    out = tmp_path / "cmp.xlsx"
    out.write_bytes(b"keep")
    r = run("compare", "base", "budget-cut-10", "--output", str(out))
    assert r.exit_code == 2 and "mit --force" in r.stderr and out.read_bytes() == b"keep"
    r = run("compare", "base")
    assert r.exit_code == 2 and "mindestens zwei Szenarien" in r.stderr


def test_compare_with_an_infeasible_scenario_exits_3_without_a_file(tmp_path):
    bad = tmp_path / "tight.yaml"
    bad.write_text("name: tight\nbudget: {neufallbudget_eur: 5000000, source: test}\n")
    out = tmp_path / "cmp.xlsx"
    r = run("compare", "base", str(bad), "--output", str(out))
    assert r.exit_code == 3 and "Szenario 'tight'" in r.stderr and "Neufallbudget" in r.stderr
    assert not out.exists()


@pytest.mark.parametrize("name", ["downturn-severe", "downturn-severe-egt-cut"])
def test_scenarios_show_renders_text_settings(name):
    """uncertainty.rates records carry text (distribution); the table must show them, not crash."""
    r = run("scenarios", "show", name)
    assert r.exit_code == 0
    assert "distribution triangular, low_factor 0,95, high_factor 1,17" in r.stdout


def test_a_run_switches_the_cycle_collector_off_and_back_on():
    import gc

    seen = []
    from amip import cli

    real = cli.load

    def spy(*a, **k):
        seen.append(gc.isenabled())
        return real(*a, **k)

    cli.load = spy
    try:
        r = CliRunner().invoke(main, ["optimize", "--draws", "0", "--format", "json"])
    finally:
        cli.load = real
    assert r.exit_code == 0 and seen == [False] and gc.isenabled()


@pytest.mark.parametrize("args, code", [(["optimize", "--draws", "0", "--format", "json"], 0),
                                        (["optimize", "--budget", "-5"], 2),
                                        (["optimize", "--scenario", "tests/data/infeasible.yaml"], 3)])
def test_the_command_keeps_its_exit_codes_and_output_when_it_skips_the_teardown(args, code):
    import subprocess
    import sys

    p = subprocess.run([sys.executable, "-m", "amip", *args], capture_output=True, text=True, timeout=120)
    assert p.returncode == code, p.stderr
    if code == 0:
        assert json.loads(p.stdout)["status"] == "optimal" and p.stdout.endswith("}\n")
    else:
        assert "Traceback" not in p.stderr and p.stderr.strip()


@pytest.mark.parametrize("args, words", [(["--objective", "lzb"], "gewichtete Ziele: 1×lzb"),
                                         (["--effect", "net"], "Integrationen (netto)"),
                                         ([], "kosten")])
def test_the_price_of_all_commitments_is_said_in_the_unit_of_the_objective(args, words):
    r = CliRunner().invoke(main, ["optimize", "--draws", "0", *args])
    total = next(line for line in r.output.splitlines() if "Alle Zusagen zusammen" in line)
    assert r.exit_code == 0 and words in r.output and "weighted" not in r.output
    if not args:
        assert "Integrationen (Optimum" in total
    d = json.loads(CliRunner().invoke(main, ["optimize", "--draws", "0", "--format", "json", *args]).stdout)
    assert d["policy_total"]["price_unit"] == d["policy"][0]["price_unit"]


@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_signal_after_the_command_still_exits_130(signame):
    """A signal in the last moments (worker threads being joined, files already written and said) ends the
    process with 130, not with Python's uncaught KeyboardInterrupt (exit −2) or the default action."""
    import subprocess
    import sys

    code = ("import os, signal, time\n"
            "from amip import interrupt\n"
            "interrupt.exit_at_once()\n"
            f"os.kill(os.getpid(), signal.{signame})\n"
            "time.sleep(10)\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 130, (r.returncode, r.stderr)
