"""`amip sensitivity` end to end: the JSON contract, both report files, bad input, every scenario."""
import json

import openpyxl
import pytest
from click.testing import CliRunner

from amip.cli import main
from amip.optimizer.headline import MIN_DRAWS
from amip.scenarios.resolver import list_scenarios

FAST = ["--draws", "40", "--points", "21", "--quiet"]


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_sensitivity_writes_the_workbook_with_charts_and_the_html_report(tmp_path):
    xlsx, html = tmp_path / "s.xlsx", tmp_path / "s.html"
    r = run("sensitivity", "--output", str(xlsx), "--html", str(html), *FAST)
    assert r.exit_code == 0, r.output
    assert "Weitere 100.000 € bringen" in r.stdout and "Monte Carlo (40 Ziehungen" in r.stdout
    wb = openpyxl.load_workbook(xlsx)
    charts = {ws.title: len(ws._charts) for ws in wb}
    assert charts["Budgetkurve"] == 2 and charts["Tornado"] == 1 and charts["Monte Carlo"] == 1
    assert {"Übersicht", "Schattenpreise", "Ranging Quoten", "Knickpunkte", "Förderung & robuster Plan"} <= set(charts)
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count("<svg") == 5
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")   # self-contained
    assert "<script" not in page


def test_sensitivity_json_contract():
    r = run("sensitivity", "--format", "json", *FAST)
    assert r.exit_code == 0
    d = json.loads(r.stdout)
    assert d["shadow_prices"]["budget__neufall"] > 0
    assert d["budget"]["shadow_price_per_100k_eur"] == pytest.approx(d["shadow_prices"]["budget__neufall"] * 1e5)
    assert set(d["reduced_costs"]) and all(isinstance(v, float) for v in d["reduced_costs"].values())
    assert {"rates", "bounds", "rhs"} <= set(d["ranging"])
    assert len(d["frontier"]) == 21 and all({"budget", "objective"} <= set(p) for p in d["frontier"])
    mc = d["monte_carlo"]
    assert mc["p5"] <= mc["p50"] <= mc["p95"] and mc["draws"] == 40 and mc["seed"] == 2020
    assert set(mc["funding_probability"]) == set(d["reduced_costs"])


def test_same_seed_same_json_and_jobs_do_not_change_it():
    a = json.loads(run("sensitivity", "--format", "json", "--seed", "5", *FAST).stdout)
    b = json.loads(run("sensitivity", "--format", "json", "--seed", "5", "--jobs", "2", *FAST).stdout)
    for key in ("frontier", "frontier_breakpoints", "tornado", "shadow_prices"):
        assert a[key] == b[key]
    assert a["monte_carlo"]["funding_probability"] == b["monte_carlo"]["funding_probability"]
    assert a["monte_carlo"]["p50"] == b["monte_carlo"]["p50"]


@pytest.mark.parametrize("args, message", [
    (["--budget-range", "150:50"], "nötig ist 0 < von < bis"),
    (["--budget-range", "viel"], "kein Bereich wie 50:150"),
    (["--draws", "0"], "--draws"),
    (["--html", "report.pdf"], "muss auf .html enden"),
    (["--output", "report.csv"], "mit der Endung .xlsx"),
])
def test_bad_sensitivity_options_exit_2(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(main, ["sensitivity", *FAST, *args])
    assert r.exit_code == 2
    assert message in r.output
    assert "Traceback" not in r.output
    assert list(tmp_path.iterdir()) == []


def test_existing_report_files_are_not_overwritten_without_force(tmp_path):
    html = tmp_path / "s.html"
    html.write_text("keep", encoding="utf-8")
    r = CliRunner().invoke(main, ["sensitivity", "--html", str(html), *FAST])
    assert r.exit_code == 2 and "--force" in r.output
    assert html.read_text(encoding="utf-8") == "keep"
    assert run("sensitivity", "--html", str(html), "--force", *FAST).exit_code == 0
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("name", list_scenarios())
def test_every_shipped_scenario_runs_through_the_sensitivity_analysis(name):
    r = run("sensitivity", "--scenario", name, "--format", "json", *FAST)
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    feasible = [p for p in d["frontier"] if p["objective"] is not None]
    assert all(b["objective"] >= a["objective"] - 1e-6 for a, b in zip(feasible[:-1], feasible[1:], strict=True))
    assert d["monte_carlo"]["p5"] <= d["monte_carlo"]["p95"]


def test_an_infeasible_scenario_exits_3_before_any_analysis():
    from pathlib import Path

    bad = Path(__file__).parent / "data" / "infeasible.yaml"
    r = CliRunner().invoke(main, ["sensitivity", "--scenario", str(bad), *FAST])
    assert r.exit_code == 3


def test_the_monte_carlo_section_says_how_precise_each_quantile_is(tmp_path):
    from amip.models.fmt import num
    from amip.optimizer.headline import to_unit

    enough = ["--draws", str(MIN_DRAWS), *FAST[2:]]   # below MIN_DRAWS no precision is stated
    d = json.loads(run("sensitivity", "--format", "json", *enough).stdout)["monte_carlo"]
    for s in (d, d["nominal_plan"], d["robust"]):
        assert set(s["mc_error"]) == {"p5", "p50", "p95"} and all(v > 0 for v in s["mc_error"].values())
    x, y = d["quantile_error"], d["paired_difference_error"]
    assert x == max(v for s in (d, d["nominal_plan"], d["robust"]) for v in s["mc_error"].values())
    assert d["error_rule"]
    xlsx, html = tmp_path / "s.xlsx", tmp_path / "s.html"
    r = run("sensitivity", "--output", str(xlsx), "--html", str(html), *enough)
    text = " ".join(r.stdout.split())
    shown = num(to_unit(x, 0.1, "up"))
    assert "lässt sich nicht angeben, wie genau" not in text
    assert f"Einzelne Quantile sind auf etwa ±{shown} genau (Monte-Carlo-Fehler" in text
    assert ("Unterschiede zwischen den Plänen sind genauer" in text) == (y < x)
    assert f"±{num(to_unit(y, 0.1, 'up'))}" in text
    assert f"etwa ±{shown} genau" in html.read_text(encoding="utf-8")
    ws = openpyxl.load_workbook(xlsx)["Monte Carlo"]
    cells = [c for row in ws.iter_rows(values_only=True) for c in row]
    assert "Monte-Carlo-Fehler ± P50" in cells
    assert any(isinstance(c, float) and c == pytest.approx(d["mc_error"]["p50"], rel=1e-12) for c in cells)
    assert any(isinstance(c, str) and f"±{shown}" in c for c in cells)


@pytest.mark.parametrize("draws", ["2", None])
def test_too_few_draws_state_no_precision(draws):
    """Below the headline's MIN_DRAWS the band of sorted draws is clipped at both ends ('±109,7' with 2
    draws was no precision): one sentence says so, the JSON keys stay with None; the default draws state it."""
    from amip.models.fmt import num

    args = ["--points", "21", "--quiet"] + (["--draws", draws] if draws else [])
    d = json.loads(run("sensitivity", "--format", "json", *args).stdout)["monte_carlo"]
    text = " ".join(run("sensitivity", *args).stdout.split())
    few = f"Mit {draws} Ziehungen lässt sich nicht angeben, wie genau die Quantile sind: dafür braucht es " \
          f"mindestens {num(MIN_DRAWS)} Ziehungen mit Ergebnis"
    if draws:
        assert d["quantile_error"] is None and d["paired_difference_error"] is None
        assert set(d["mc_error"]) == {"p5", "p50", "p95"} and set(d["mc_error"].values()) == {None}
        assert few in text and "Einzelne Quantile sind auf etwa" not in text
    else:
        assert d["draws"] >= MIN_DRAWS and d["quantile_error"] > 0
        assert "Einzelne Quantile sind auf etwa ±" in text and "lässt sich nicht angeben, wie genau" not in text
