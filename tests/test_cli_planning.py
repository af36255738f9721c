"""Issue 7 from the command line on the Duisburg case: flags, JSON keys, exit codes."""
from __future__ import annotations

import pytest

from tests.conftest import cli, cli_json, write_scenario

run = cli
js = cli_json


def test_default_run_reports_targets_and_money_bound_in_2021_and_2022():
    d = js("optimize")
    assert set(d["commitments"]["years"]) == {"2021", "2022", "2023+"}
    assert d["commitments"]["years"]["2021"] > 0
    assert set(d["targets"]) == {"integrations", "lzb", "llu"}
    assert d["targets"]["integrations"]["value"] == pytest.approx(d["objective"])
    assert d["features"] == []
    table = run("optimize").output
    assert "Vorbindungen der Neueintritte" in table and "2021" in table and "2022" in table


def test_integer_flag():
    d = js("optimize", "--integer")
    i = d["integer"]
    assert d["features"] == ["integer"]
    assert i["lp_bound"] >= d["objective"] - 1e-9 and i["mip_gap"] is not None
    assert all(float(m["new_entries"]).is_integer() for m in d["measures"])
    assert "Ganze Plätze (MILP)" in run("optimize", "--integer").output


@pytest.mark.parametrize("flag,key", [("--returns", "targets"), ("--groups", "groups"), ("--staff", "staff")])
def test_feature_flags(flag, key):
    base = js("optimize")
    d = js("optimize", flag)
    assert d["features"] == [flag[2:]]
    assert d["objective"] < base["objective"]
    assert d[key]


def test_goal_and_objective_options():
    # 4.400, not 4.500: 4.500 integrations need more money of 2021 than its limit allows (issue 26; measured)
    d = js("optimize", "--goal", "integrations>=4400")
    assert d["goal"]["cost_eur"] == pytest.approx(d["objective"]) and d["goal"]["marginal_cost_eur"] > 0
    assert d["objective_unit"].startswith("EUR")
    lex = js("optimize", "--objective", "integrations>lzb", "--tolerance", "0.02")
    assert [s["target"] for s in lex["lexicographic"]] == ["integrations", "lzb"]
    w = js("optimize", "--objective", "lzb")
    assert w["objective_spec"]["weights"] == {"lzb": 1.0}


@pytest.mark.parametrize("args,msg", [
    (("optimize", "--goal", "integrations>4500"), "--goal"),
    (("optimize", "--goal", "jobs>=3"), "unbekanntes Ziel 'jobs'"),
    (("optimize", "--objective", "integrations=viel"), "keine Zahl"),
    (("optimize", "--goal", "integrations>=4000", "--objective", "lzb"), "schließen einander aus"),
    (("optimize", "--goal", "integrations>=4000", "--staff"), "staff"),
    (("sensitivity", "--integer", "--draws", "5", "--points", "3"), "deckt --integer nicht"),
    (("tradeoff", "integrations", "integrations"), "zwei verschiedene Ziele"),
])
def test_bad_planning_options_exit_2(args, msg):
    r = run(*args)
    assert r.exit_code == 2, r.output
    assert msg in r.output and "Traceback" not in r.output


def test_unreachable_group_share_exits_3_and_names_the_conflict(tmp_path):
    path = write_scenario(tmp_path, "women.yaml", """
        name: women-half
        extends: base
        use: [groups]
        groups:
          limits:
            women: {min_ratio_to_population: 1.0, source: "§ 1 Abs. 2 SGB II"}
        """)
    r = run("optimize", "--scenario", path)
    assert r.exit_code == 3
    assert "Frauen: Anteil an allen Eintritten" in r.output   # group__women by its German name


def test_tradeoff_command():
    d = js("tradeoff", "integrations", "lzb", "--points", "4")
    pts = d["points"]
    assert len(pts) == 4 and pts[-1]["integrations"] >= pts[0]["integrations"]
    assert pts[0]["lzb"] >= pts[-1]["lzb"]
    table = run("tradeoff", "integrations", "llu", "--points", "3").output
    assert "Zielkonflikt" in table


def test_commitment_scenario_from_the_cli():
    d = js("optimize", "--scenario", "commitments-capped")
    assert d["commitments"]["years"]["2021"] <= 16_000_000 + 1e-3
    assert any(c["name"] == "commitment__2021" and c["binding"] for c in d["constraints"])


def test_excel_output_has_the_planning_sheet(tmp_path):
    import openpyxl

    out = tmp_path / "p.xlsx"
    r = run("optimize", "--integer", "--output", out)
    assert r.exit_code == 0, r.output
    ws = openpyxl.load_workbook(out)["Planung"]
    cells = [c for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    assert "2021" in cells and "2022" in cells and "Ganze Plätze: MILP-Optimum" in cells


def test_measures_carry_their_planning_data_in_json():
    from amip.inputs.assemble import load_scenario

    case = load_scenario()
    d = js("optimize")
    by_id = {m["id"]: m for m in d["measures"]}
    p = by_id["hf2-16i"]["planning"]
    m16i = case.measure("hf2-16i")
    assert p["per_entry"]["lzb"] == pytest.approx(m16i.integration_rate * 0.437)
    assert "ESTIMATE" in p["target_sources"]["lzb"] and "ESTIMATE" in p["duration_source"]
    assert list(p["commitment_per_entry_eur"]) == list(d["commitments"]["years"]) == ["2021", "2022", "2023+"]
    assert p["commitment_per_entry_eur"]["2021"] == pytest.approx(case.commitment_per_entry_eur(m16i)[0])
    assert by_id["hf1-foerderzentrum-2"]["planning"]["lot_size"] == 15


@pytest.mark.parametrize("limit,msg", [
    ("2021: {value: -5, source: x}", "2021"),
    ("2019: {value: 1000000, source: x}", "'2019'"),
    ("2020: {value: 1000000, source: x}", "'2020'"),
    ("2021: {value: 5, share_of_vorbindungen: 0.5, source: x}", "share_of_vorbindungen"),
])
def test_bad_limits_exit_2_naming_file_and_key_and_write_nothing(tmp_path, limit, msg):
    path = write_scenario(tmp_path, "ve.yaml", f"""
        name: ve-bad
        extends: base
        commitments:
          limits:
            {limit}
        """)
    out = tmp_path / "plan.xlsx"
    r = run("optimize", "--scenario", path, "--output", out)
    assert r.exit_code == 2, r.output
    assert "ve.yaml" in r.output and "limits" in r.output and msg in r.output
    assert "Traceback" not in r.output and not out.exists()


def test_limits_with_their_price_in_json_and_the_table():
    d = js("optimize")
    prices = d["commitments"]["prices"]
    assert set(prices) == set(d["commitments"]["limits"]) == {"2021", "2022", "2023+"}
    keys = {"price_integrations", "binding", "limit", "bound_eur", "price_dual_estimate", "source"}
    assert keys <= set(prices["2021"])
    m = next(m for m in d["measures"] if m["id"] == "hf2-16i")
    assert list(m["cash_by_year"]) == ["2020", "2021", "2022", "2023+"]
    assert m["cash_by_year"]["2020"] == pytest.approx(m["cost"])
    assert m["total_cost_eur"] == pytest.approx(sum(m["cash_by_year"].values()))
    table = run("optimize").output
    assert "Die Grenze der Vorbindung 2022" in table and "Gesamtkosten" in table and "¹ Weniger als die Hälfte" in table


def test_replan_json_has_commitments_like_optimize():
    from amip.inputs.loader import DATA_DIR

    d = js("replan", "--actuals", DATA_DIR / "duisburg-2020" / "ist-2020-09.xlsx", "--month", "9")
    c = d["commitments"]
    assert {"years", "limits", "per_measure", "prices", "to_date", "after_month"} <= set(c)
    for k, lim in c["limits"].items():
        assert c["years"][k] <= lim["limit"] + 1.0
    assert all("binds_later_eur" in a for a in d["actions"])


def test_replan_with_a_limit_below_what_the_entries_to_date_bind_exits_2_and_writes_nothing(tmp_path):
    from amip.inputs.loader import DATA_DIR

    path = write_scenario(tmp_path, "eng.yaml", """
        name: eng
        extends: base
        commitments:
          limits:
            2021: {value: 1000000, source: "test"}
        """)
    out = tmp_path / "n.xlsx"
    r = run("replan", "--actuals", DATA_DIR / "duisburg-2020" / "ist-2020-09.xlsx", "--month", "9",
            "--scenario", path, "--output", out)
    assert r.exit_code == 2, r.output
    assert "eng.yaml" in r.output and "commitments.limits.2021" in r.output and "ist-2020-09.xlsx" in r.output
    assert "schon von 2021 binden" in r.output and "Traceback" not in r.output and not out.exists()


def test_a_goal_run_names_its_goal_and_the_violated_budget_in_german():
    """A check of the fixed trial findings: the goal run said "Ziel integrations ≥ 4.491", "je weitere Einheit
    integrations" and listed "budget__neufall: Neufallbudget: überschritten um …". The goal by its label, the
    violation by its German message (JSON keeps the key)."""
    from amip.models.planning import target_label

    text = " ".join(cli("optimize", "--goal", "integrations>=4491").output.split())
    d = cli_json("optimize", "--goal", "integrations>=4491")
    assert "budget__neufall" not in text and "Ziel integrations" not in text and "Einheit integrations" not in text
    assert f"Ziel „{target_label('integrations')}“ ≥ 4.491" in text
    (v,) = d["violations"]
    assert v["constraint"] == "budget__neufall" and f"Verletzte Restriktionen: {v['message']}" in text
