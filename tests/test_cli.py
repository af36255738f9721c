"""The CLI end to end through click's CliRunner: exit codes, JSON keys, files."""
import json

import openpyxl
import pytest
from click.testing import CliRunner

from amip.cli import main
from tests.conftest import shipped_rows, write_measures

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
    assert all(MEASURE_KEYS <= set(m) for m in data["measures"]) and len(data["measures"]) == 73
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
    assert openpyxl.load_workbook(out).sheetnames == ["Allocation", "Fields", "Budget", "Constraints", "Inputs"]
    before = out.read_bytes()
    r = run("optimize", "--output", str(out))
    assert r.exit_code == 2 and "use --force" in r.stderr
    assert out.read_bytes() == before
    assert run("optimize", "--output", str(out), "--force").exit_code == 0


@pytest.mark.parametrize("mutate,expect", [
    (lambda h, rows: rows[1].update(cost_per_entry_eur="-1"), "row 3, column 'cost_per_entry_eur'"),
    (lambda h, rows: rows[1].update(cost_per_entry_eur="teuer"), "'teuer' is not a number"),
    (lambda h, rows: rows[0].update(field="HF7"), "unknown field of action 'HF7'"),
    (lambda h, rows: rows[3].update(id=rows[2]["id"]), "duplicate id"),
    (lambda h, rows: rows[4].update(integration_rate="1.2", rate_source="x"), "outside [0, 1]"),
    (lambda h, rows: h.remove("planned_entries"), "missing column(s) planned_entries"),
    (lambda h, rows: h.append("extra"), "unknown column(s) 'extra'"),
])
def test_bad_measure_tables_exit_2_without_traceback_or_file(tmp_path, mutate, expect):
    header, rows = shipped_rows()
    mutate(header, rows)
    bad = write_measures(tmp_path / "bad.csv", header, rows)
    out = tmp_path / "plan.xlsx"
    r = run("optimize", "--measures", str(bad), "--output", str(out))
    assert r.exit_code == 2
    assert r.stderr.startswith("Error: ") and "bad.csv" in r.stderr and expect in r.stderr
    assert "Traceback" not in r.output
    assert not out.exists()


def test_empty_measure_file_exits_2(tmp_path):
    (tmp_path / "e.csv").write_text("")
    r = run("optimize", "--measures", str(tmp_path / "e.csv"))
    assert r.exit_code == 2 and "e.csv: measure table is empty" in r.stderr


def test_infeasible_exits_3_and_names_the_conflict(tmp_path):
    out = tmp_path / "plan.xlsx"
    r = run("optimize", "--budget", "5000000", "--output", str(out))
    assert r.exit_code == 3
    assert "budget__neufall" in r.stderr and "field_min__" in r.stderr
    assert not out.exists()


def test_evaluate_reports_the_gain_of_the_optimum():
    r = run("evaluate", "--format", "json")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert data["status"] == "evaluated" and JSON_KEYS <= set(data)
    assert data["optimum"]["gain"] > 0
    assert [v["constraint"] for v in data["violations"]] == ["budget__neufall"]
    t = run("evaluate")
    assert "Das Optimum erreicht" in t.output


def test_output_must_be_xlsx(tmp_path):
    r = run("optimize", "--output", str(tmp_path / "plan.csv"))
    assert r.exit_code == 2 and ".xlsx" in r.stderr
