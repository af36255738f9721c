"""`--effect gross|net|kennzahl`, `--effects FILE`, the headline range (`--draws`) through the CLI."""
import csv
import json

import pytest
from click.testing import CliRunner

from amip.cli import main
from amip.inputs.loader import DEFAULT_EFFECTS

EFFECTS = {"gross", "net", "kennzahl"}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _json(*args):
    r = run(*args, "--format", "json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


@pytest.mark.parametrize("effect", sorted(EFFECTS))
def test_optimize_in_each_measure_reports_all_three(effect):
    d = _json("optimize", "--effect", effect, "--draws", "40")
    assert d["status"] == "optimal" and d["effect"] == effect
    assert set(d["effects"]) == EFFECTS
    assert all({"value", "unit"} <= set(v) for v in d["effects"].values())
    assert {"p5", "p95"} <= set(d["effects"]["net"])
    assert d["effects"][effect]["value"] == pytest.approx(d["objective"], rel=1e-9)
    h = d["headline"]
    assert h["effect"] == effect and h["draws"] == 40 and h["p5"] <= h["p50"] <= h["p95"]
    assert all(set(m["effects"]) == EFFECTS for m in d["measures"])


def test_default_is_gross_and_contract_unchanged():
    d = _json("optimize", "--draws", "0")
    assert d["effect"] == "gross" and d["headline"]["p5"] is None
    assert d["objective"] == pytest.approx(d["integrations"]) == pytest.approx(d["effects"]["gross"]["value"])


def test_table_shows_headline_effects_and_marks():
    r = run("optimize", "--draws", "30")
    assert r.exit_code == 0
    assert "Schlagzeile (brutto):" in r.output and "P5–P95" in r.output
    assert "Wirkungsmaße des Plans: brutto" in r.output and "Kennzahl § 48a" in r.output
    assert "[Festlegung]" in r.output     # the field minimum and the 2 × plan bounds are policy choices
    r = run("optimize", "--effect", "net", "--draws", "0")
    assert "Netto-Integrationen" in r.output and "ohne Spanne: --draws 0" in r.output


def test_evaluate_compare_sensitivity_tradeoff_take_the_effect():
    d = _json("evaluate", "--effect", "net")
    assert d["effect"] == "net" and set(d["optimum"]["effects"]) == EFFECTS
    assert all(v["gain"] > 0 for v in d["optimum"]["effects"].values())
    r = run("evaluate")
    assert "Plan gegen Optimum in jedem Wirkungsmaß" in r.output
    cmp = _json("compare", "base", "downturn-mild", "--effect", "net")
    assert [s["effect"] for s in cmp["scenarios"]] == ["net", "net"]
    assert cmp["scenarios"][1]["objective"] > cmp["scenarios"][0]["objective"]   # net effects rise in a downturn
    s = _json("sensitivity", "--effect", "kennzahl", "--draws", "20", "--points", "5", "--quiet")
    assert s["monte_carlo"]["p5"] <= s["monte_carlo"]["p95"]
    t = _json("tradeoff", "integrations", "lzb", "--effect", "net", "--points", "3")
    assert len(t["points"]) == 3 and t["effect"] == "net"


def test_goal_in_net():
    d = _json("optimize", "--effect", "net", "--goal", "integrations>=600")
    assert d["integrations"] >= 600 - 1e-6 and d["headline"]["p5"] is None


def _effects_file(tmp_path, change):
    with open(DEFAULT_EFFECTS, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header, rows = reader.fieldnames, list(reader)
    change(rows)
    p = tmp_path / "effects.csv"
    with open(p, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=header)
        w.writeheader()
        w.writerows(rows)
    return p


def test_replaced_effect_table_moves_the_net_optimum(tmp_path):
    def egz_high(rows):
        next(r for r in rows if r["key"] == "egz")["net_pp"] = "40"
    p = _effects_file(tmp_path, egz_high)
    d = _json("optimize", "--effect", "net", "--effects", p, "--draws", "0")
    base = _json("optimize", "--effect", "net", "--draws", "0")
    assert d["objective"] > base["objective"]
    egz = next(m for m in d["measures"] if m["id"] == "hf1-egz")
    assert egz["rate"] == pytest.approx(0.40) and str(p.name) in egz["rate_source"]


def test_bad_effect_table_exit_2_with_file_row_column(tmp_path):
    def bad(rows):
        rows[4]["net_high_pp"] = "sehr hoch"
    p = _effects_file(tmp_path, bad)
    out = tmp_path / "plan.xlsx"
    r = run("optimize", "--effects", p, "--output", out)
    assert r.exit_code == 2
    assert str(p) in r.output and "Zeile 6" in r.output and "net_high_pp" in r.output
    assert "Traceback" not in r.output and not out.exists()
    r = run("optimize", "--effects", tmp_path / "missing.csv")
    assert r.exit_code == 2 and "Nettoeffekt-Tabelle nicht gefunden" in r.output


def test_unknown_effect_is_a_usage_error():
    r = run("optimize", "--effect", "bruto")
    assert r.exit_code == 2 and "brutto" in r.output


@pytest.mark.parametrize("german, code", [("brutto", "gross"), ("netto", "net"), ("kennzahl", "kennzahl"),
                                          ("gross", "gross"), ("net", "net")])
def test_effect_takes_the_german_names_and_json_keeps_the_code(german, code):
    """Finding 15: the names a planner reads everywhere (brutto, netto) are accepted; JSON keeps the code."""
    r = run("optimize", "--effect", german, "--format", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)["effect"] == code


def test_scenario_key_effect(tmp_path):
    from tests.conftest import write_scenario

    p = write_scenario(tmp_path, "net.yaml", """
        name: in-net
        extends: base
        effect: net
        """)
    assert _json("optimize", "--scenario", p, "--draws", "0")["effect"] == "net"
    # the command line wins over the scenario
    assert _json("optimize", "--scenario", p, "--effect", "kennzahl", "--draws", "0")["effect"] == "kennzahl"


def test_plan_workbook_remembers_its_effect_measure(tmp_path):
    import openpyxl

    out = tmp_path / "plan.xlsx"
    assert run("optimize", "--effect", "net", "--draws", "0", "--output", out).exit_code == 0
    wb = openpyxl.load_workbook(out, read_only=True)
    head = [c.value for c in next(wb["Zuteilung"].iter_rows(max_row=1))]
    assert head[-9:-3] == ["brutto je Eintritt", "netto je Eintritt", "Kennzahl § 48a je Eintritt",
                           "Integrationen brutto", "Integrationen netto", "Integrationen Kennzahl § 48a"]
    assert head[-3:] == ["Gesamtkosten (alle Jahre)", "Kosten je Integr. gesamt", "Anteil Planungsjahr"]   # issue 26
    r = run("evaluate", "--plan", out, "--format", "json")
    assert r.exit_code == 0 and "Warning" not in r.output.split("{", 1)[0]
    d = json.loads(r.stdout[r.stdout.index("{"):])
    assert d["effect"] == "net" and d["plan"]["input_hash_matches"] is True


def test_compare_workbook_shows_all_three(tmp_path):
    import openpyxl

    out = tmp_path / "cmp.xlsx"
    assert run("compare", "base", "downturn-mild", "--effect", "net", "--output", out).exit_code == 0
    ws = openpyxl.load_workbook(out, read_only=True)["Vergleich"]
    labels = {row[0]: row[2:4] for row in ws.iter_rows(values_only=True) if row and row[0]}
    net = labels["Netto-Integrationen (durch die Maßnahmen verursacht)"]
    assert net[1] > net[0]   # the downturn's net multipliers raise the net optimum
    assert "Brutto-Integrationen (svB 6 Monate nach Austritt, mit Mitnahme)" in labels


def test_binding_bounds_carry_their_policy_or_estimate_source():
    from amip.optimizer import optimize
    from amip.scenarios import load_scenario

    c = load_scenario("downturn-mild")
    r = optimize(c)
    for con in r.constraints:
        if con.kind == "bound" and con.binding and con.name.startswith("upper__"):
            m = next(m for m in c.measures if con.name == "upper__" + m.id.replace("-", "_"))
            if m.instrument_type in ("mat", "agh"):   # 2 × plan (POLICY) × capacity 0,95 (ESTIMATE)
                assert "POLICY" in con.source and "ESTIMATE" in con.source
    out = run("optimize", "--scenario", "downturn-mild", "--draws", "0").output
    assert "davon [Festlegung] [Schätzung]" in out


def test_headline_without_any_range_makes_no_draws(tmp_path):
    """A rate table whose ranges are all closed (low = high = rate): one German line says why there
    is no range; JSON has draws 0 and the reason (issue 29, item 1)."""
    from amip.inputs.loader import DEFAULT_RATES
    from amip.models.fmt import num

    with open(DEFAULT_RATES, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    path = tmp_path / "rates.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows({**r, "range_low": r["rate"], "range_high": r["rate"]} for r in rows)
    # the AVGS vouchers' Einlösequote has its own range (case.yaml vouchers): closed as well
    import re
    import shutil

    from amip.inputs.loader import DEFAULT_CASE

    folder = tmp_path / "case"
    shutil.copytree(DEFAULT_CASE.parent, folder)
    text = (folder / "case.yaml").read_text(encoding="utf-8")
    text = re.sub(r"\{value: ([\d.]+), low: [\d.]+, high: [\d.]+,", r"{value: \1, low: \1, high: \1,", text)
    (folder / "case.yaml").write_text(text, encoding="utf-8")
    # the closed rate table lies at ../rates.csv, where the case file looks for it
    d = _json("optimize", "--case", folder)
    h = d["headline"]
    assert h["draws"] == 0 and h["reason_code"] == "no_range" and h["p5"] is None and h["reason"]
    r = run("optimize", "--case", folder)
    assert r.exit_code == 0
    line = [x for x in r.output.splitlines() if x.startswith("Schlagzeile")]
    expected = (f"Schlagzeile (brutto): {num(d['objective'])} Integrationen (ohne Spanne: keine Quote hat "
                "eine Spanne, daher keine Ziehung)")
    assert line == [expected]


def test_a_scenario_may_name_the_effect_in_german(tmp_path):
    p = tmp_path / "n.yaml"
    p.write_text("name: n\nextends: base\neffect: netto\n", encoding="utf-8")
    r = run("optimize", "--scenario", str(p), "--format", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)["effect"] == "net"


@pytest.mark.parametrize("effect", sorted(EFFECTS))
def test_the_integrations_target_is_named_by_the_effect_whose_value_it_shows(effect):
    """Review: under --effect netto the targets line said "erwartete Integrationen (brutto; …) 559,1", a
    net figure labelled gross. The label names the measure, and the value is that measure's."""
    from amip.models.planning import target_label
    from amip.texts import EFFECT_NAMES

    d = _json("optimize", "--effect", effect, "--draws", "0")
    t = d["targets"]["integrations"]
    assert t["value"] == pytest.approx(d["effects"][effect]["value"], rel=1e-9)
    assert t["label"] == target_label("integrations", effect)
    assert (EFFECT_NAMES[effect] in t["label"]) and (("brutto" in t["label"]) == (effect == "gross"))
    text = run("optimize", "--effect", effect, "--draws", "0").stdout
    assert t["label"] in " ".join(text.split())


def test_compare_refuses_scenarios_of_different_effect_measures(tmp_path):
    """Review: `compare base tpl.yaml` with `effect: netto` in tpl printed "Δ Integrationen -3.225,7", net
    minus gross. Refused before any solve (exit 2, both measures named, nothing written); with --effect for
    all, the same scenarios compare."""
    s = tmp_path / "tpl.yaml"
    s.write_text("name: tpl\nextends: base\neffect: netto\n", encoding="utf-8")
    out = tmp_path / "v.xlsx"
    r = run("compare", "base", s, "--output", out)
    assert r.exit_code == 2 and "base: brutto" in r.output and "tpl: netto" in r.output, r.output
    assert not out.exists() and list(tmp_path.iterdir()) == [s]
    d = _json("compare", "base", s, "--effect", "netto")
    assert [x["effect"] for x in d["scenarios"]] == ["net", "net"]
    assert d["comparison"]["summary"][1]["delta_integrations"] == pytest.approx(0.0, abs=1e-6)


@pytest.mark.parametrize("effect", ["brutto", "netto"])
def test_an_unreachable_goal_is_named_in_the_effect_it_counts_and_its_change_holds(effect):
    """Review: the diagnosis named an unreachable --goal under --effect netto 'erwartete Integrationen (brutto;
    …)', and its change ('auf 5.007 Integrationen – reicht allein (Neulösung geprüft)') was infeasible when run:
    the re-solve counted the goal's fixed integrations twice (PuLP keeps an expression's constant in the row's
    expr and in its constant). The stated figure is reachable, one integration more is not."""
    from amip.models.planning import target_label

    r = run("optimize", "--effect", effect, "--goal", "integrations>=99999", "--format", "json")
    assert r.exit_code == 3, r.output
    d = json.loads(r.stdout)["diagnosis"]
    label = target_label("integrations", {"brutto": "gross", "netto": "net"}[effect])
    assert d["conflict_labels"] == [f"Ziel „{label}“"], d
    (change,) = d["changes"]
    assert label in change["message"] and change["alone_feasible"], change
    reached = _json("optimize", "--effect", effect, "--goal", f"integrations>={change['needed']:.0f}", "--draws", "0")
    assert reached["status"] == "optimal"
    beyond = run("optimize", "--effect", effect, "--goal", f"integrations>={change['needed'] + 1:.0f}")
    assert beyond.exit_code == 3, beyond.output
