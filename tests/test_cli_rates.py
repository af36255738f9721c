"""`amip rates --history` and `--history` on the case commands (issue 27), end to end."""
import json

from click.testing import CliRunner

from amip.cli import main
from amip.inputs.history import EXAMPLE_FILE

EX = str(EXAMPLE_FILE)


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_rates_json_table_and_rate_table(tmp_path):
    r = run("rates", "--history", EX, "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert "Beta-Binomial" in data["method"] and data["note"].startswith("Beispieldaten, simuliert")
    rows = {m["id"]: m for m in data["measures"]}
    m = rows["hf1-foerderzentrum-2"]
    assert set(m) >= {"id", "exits", "in_job", "raw_rate", "prior_rate", "rate", "low", "high", "weight"}
    # partial pooling: the estimate lies between the raw rate and the prior, inside its interval
    assert min(m["raw_rate"], m["prior_rate"]) <= m["rate"] <= max(m["raw_rate"], m["prior_rate"])
    assert m["low"] < m["rate"] < m["high"] and 0 < m["weight"] < 1
    table = run("rates", "--history", EX)
    assert "Schätzung" in table.output and "Beispieldaten, simuliert; keine echten Ergebnisse" in table.output
    out = tmp_path / "quoten.csv"
    assert run("rates", "--history", EX, "--output", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "measure,hf1-foerderzentrum-2," in text and "Jahre 2017–2019, sha256" in text
    # the written table read by --rates gives the same plan as --history
    a = json.loads(run("optimize", "--rates", str(out), "--draws", "0", "--format", "json").output)
    b = json.loads(run("optimize", "--history", EX, "--draws", "0", "--format", "json").output)
    assert abs(a["objective"] - b["objective"]) < 0.05


def test_history_changes_the_plan_and_is_recorded():
    base = json.loads(run("optimize", "--draws", "0", "--format", "json").output)
    own = json.loads(run("optimize", "--history", EX, "--draws", "0", "--format", "json").output)
    assert own["objective"] != base["objective"]
    assert any("--history" in n and "Beispieldaten, simuliert" in n for n in own["scenario_notes"])


def test_rates_needs_history_and_bad_history_exits_2(tmp_path):
    assert run("rates").exit_code == 2
    bad = tmp_path / "h.csv"
    bad.write_text("id,year,exits,in_job_6m\nhf1-foerderzentrum-2,2019,5,9\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["optimize", "--history", str(bad)])
    assert r.exit_code == 2 and "Zeile 2" in r.output and "größer als die Austritte" in r.output


def test_plan_workbook_records_the_history_and_evaluate_replays_it(tmp_path):
    import openpyxl

    plan = tmp_path / "plan.xlsx"
    made = json.loads(run("optimize", "--history", EX, "--draws", "0", "--format", "json").output)
    assert run("optimize", "--history", EX, "--draws", "0", "--output", str(plan)).exit_code == 0
    rows = {r[0]: r[1] for r in openpyxl.load_workbook(plan)["Eingaben"].iter_rows(values_only=True) if r and r[0]}
    assert rows["Datei: history"] == EX and rows["Prüfsumme: history"].startswith("sha256:")
    again = CliRunner().invoke(main, ["evaluate", "--plan", str(plan), "--format", "json"], catch_exceptions=False)
    assert again.exit_code == 0 and "--history" in again.output
    replayed = json.loads(again.stdout)
    assert abs(replayed["objective"] - made["objective"]) < 1e-6


def test_cost_only_choices_in_json_table_and_vorlage(tmp_path):
    data = json.loads(run("optimize", "--draws", "0", "--format", "json").output)
    mat = [c for c in data["cost_only_choices"] if c["instrument_type"] == "mat"]
    assert mat and set(mat[0]) >= {"raised", "cut", "reason"}
    assert "Entscheidungen allein nach Kosten" in run("optimize", "--draws", "0").output
    out = tmp_path / "v.html"
    assert run("report", "--draws", "0", "--output", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "Entscheidungen allein nach Kosten" in html and "MAT: erhöht" in html


def test_every_output_with_the_example_says_it_is_simulated(tmp_path):
    label = "Beispieldaten, simuliert; keine echten Ergebnisse"
    assert label in run("optimize", "--history", EX, "--draws", "0").output
    assert label in run("compare", "base", "budget-cut-10", "--history", EX).output
    out = tmp_path / "v.html"
    assert run("report", "--history", EX, "--draws", "0", "--output", str(out)).exit_code == 0
    assert label in out.read_text(encoding="utf-8")
    sens = run("sensitivity", "--history", EX, "--draws", "20", "--points", "3", "--quiet")
    assert label in sens.output and "Wo bessere Daten am meisten bringen" in sens.output


def test_sensitivity_json_value_of_information():
    r = run("sensitivity", "--draws", "20", "--points", "3", "--quiet", "--format", "json")
    voi = json.loads(r.output)["value_of_information"]
    assert voi and set(voi[0]) >= {"id", "integrations"} and voi[0]["integrations"] > 0


def test_a_measure_rate_for_an_unknown_measure_exits_2(tmp_path):
    out = tmp_path / "quoten.csv"
    assert run("rates", "--history", EX, "--output", str(out)).exit_code == 0
    out.write_text(out.read_text(encoding="utf-8").replace("measure,hf1-foerderzentrum-2,", "measure,gibt-es-nicht,"),
                   encoding="utf-8")
    r = CliRunner().invoke(main, ["optimize", "--rates", str(out), "--draws", "0"])
    assert r.exit_code == 2 and "gibt-es-nicht" in r.output and "quoten.csv" in r.output


def test_sensitivity_workbook_has_the_value_of_information(tmp_path):
    import openpyxl

    out = tmp_path / "s.xlsx"
    r = run("sensitivity", "--draws", "20", "--points", "3", "--quiet", "--output", str(out))
    assert r.exit_code == 0
    ws = openpyxl.load_workbook(out)["Wert der Information"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert rows and rows[0][3] > 0 and rows[0][3] >= rows[-1][3]


def test_template_history_writes_the_workbook(tmp_path):
    out = tmp_path / "historie.xlsx"
    r = CliRunner().invoke(main, ["template", "--history", "--output", str(out)])
    assert r.exit_code == 0 and out.is_file()
    both = CliRunner().invoke(main, ["template", "--history", "--actuals", "--output", str(tmp_path / "x.xlsx")])
    assert both.exit_code == 2 and "schließen sich aus" in both.output


def test_every_row_of_the_rates_table_names_one_measure():
    """A user's check: three rows read 'Aktivierungs- und Vermittlungsgutschein' (names cut at 40 characters,
    no id): a name cut short carries its id, as in the other tables, so each row is told apart."""
    lines = run("rates", "--history", EX).output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Maßnahme")) + 2
    body = lines[start:lines.index("", start)]
    shown = [line[:40].rstrip() for line in body]
    assert len(shown) > 40 and len(set(shown)) == len(shown), shown
    assert any(s.endswith("(hf1-avgs-mag)") for s in shown), shown
