"""The Excel round trip: optimize --output → edit the workbook → evaluate --plan."""
from __future__ import annotations

import json

import openpyxl
import pytest
from click.testing import CliRunner

from amip.cli import main
from amip.models.check import check_allocation
from tests.conftest import DUISBURG_CASE


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    path = tmp_path_factory.mktemp("rt") / "plan.xlsx"
    assert run("optimize", "--output", str(path)).exit_code == 0
    return path


def edit(src, dst, changes: dict[str, tuple[str, object]]):
    """changes: measure id → (column header, new value)."""
    wb = openpyxl.load_workbook(src)
    ws = wb["Zuteilung"]
    head = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        mid = row[head.index("Maßnahme-ID")].value
        if mid in changes:
            col, value = changes[mid]
            cell = row[head.index(col)]
            cell.value = value(cell.value) if callable(value) else value
    wb.save(dst)
    return dst


def evaluate_json(path, *extra):
    r = run("evaluate", "--plan", str(path), "--format", "json", *extra)
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


@pytest.fixture(scope="module")
def policy_case():
    """The case as the CLI loads it: with the seed's commitments and the § 16i coaching link."""
    from amip.scenarios import load_scenario

    return load_scenario()


def test_an_unedited_round_trip_reproduces_the_optimum_exactly(plan, policy_case):
    from amip.optimizer import optimize

    best = optimize(policy_case)
    d = evaluate_json(plan)
    # the plan itself comes back bit for bit; its score is summed in another order than the solver's
    assert d["objective"] == pytest.approx(best.objective, rel=1e-13)
    assert abs(d["plan"]["delta_objective"]) < 1e-9 and d["plan"]["changes"] == []
    assert d["violations"] == [] and d["plan"]["input_hash_matches"] is True
    # xlsxwriter stores numbers with 16 significant digits ('%.16G'): a 17-digit float comes back
    # with its last digit rounded (1658.6079615943588 → 1658.607961594359), so 1e-15 relative
    assert {m["id"]: m["new_entries"] for m in d["measures"]} == pytest.approx(best.new_entries, rel=1e-15, abs=0)
    assert {"status", "objective", "measures", "fields", "constraints", "violations"} <= set(d)


def test_an_edited_cell_changes_the_score_by_rate_times_delta(plan, case, tmp_path):
    base = evaluate_json(plan)["objective"]
    m = case.measure("hf3-bewerbercenter")
    edited = edit(plan, tmp_path / "e.xlsx", {"hf3-bewerbercenter": ("davon neu", lambda v: v - 40)})
    d = evaluate_json(edited)
    assert d["objective"] - base == pytest.approx(-40 * m.integration_rate, abs=1e-9)
    assert d["plan"]["delta_objective"] == pytest.approx(-40 * m.integration_rate, abs=1e-9)
    (c,) = d["plan"]["changes"]
    assert c["id"] == m.id and c["delta_entries"] == -40 and c["cell"].startswith("Zuteilung!P")


def test_editing_the_total_instead_of_the_new_entries_works_too(plan, case, tmp_path):
    m = case.measure("hf3-bewerbercenter")       # 295 pre-bought entries on top of the new ones
    base = evaluate_json(plan)
    total = next(x["entries"] for x in base["measures"] if x["id"] == m.id)
    edited = edit(plan, tmp_path / "t.xlsx", {m.id: ("Optimum Eintritte", f"{total - 10:.0f}".replace(".", ","))})
    d = evaluate_json(edited)
    (c,) = d["plan"]["changes"]
    assert c["delta_entries"] == pytest.approx(-10) and "Optimum Eintritte geändert" in d["plan"]["edit_notes"][0]


def test_broken_limits_are_listed_with_their_amounts(plan, policy_case, tmp_path):
    # EGZ +350 breaks its upper bound (800 = 2 × plan) by 50 and the seed's EGZ demand cap (500) by 350;
    # § 16i at 100 breaks the commitment (≥ 150, L2768-2771) by 50 and leaves 98 pre-bought coaching places
    # without a participant
    edited = edit(plan, tmp_path / "b.xlsx", {"hf1-egz": ("davon neu", lambda v: v + 350),
                                              "hf2-16i": ("davon neu", 100)})
    d = evaluate_json(edited)
    v = {x["constraint"]: x for x in d["violations"]}
    assert set(v) == {"budget__neufall", "upper__hf1_egz", "policy__egz_nachfrage", "policy__p16i_zusage",
                      "link__hf2_16i_coaching"}
    assert v["upper__hf1_egz"]["amount"] == pytest.approx(50.0)
    assert v["policy__egz_nachfrage"]["amount"] == pytest.approx(350.0)
    promise = next(c.value for c in policy_case.policy.commitments if c.name == "p16i_zusage")
    assert v["policy__p16i_zusage"]["amount"] == pytest.approx(promise - 100)
    assert v["link__hf2_16i_coaching"]["amount"] == pytest.approx(98.0)
    plan_entries = {m["id"]: m["new_entries"] for m in d["measures"] if m["budget_basis"] in ("new", "mixed")}
    independent = {x.constraint: x.amount for x in check_allocation(policy_case, plan_entries)}
    assert v["budget__neufall"]["amount"] == pytest.approx(independent["budget__neufall"])
    assert "Neufallbudget: überschritten um" in v["budget__neufall"]["message"]
    link = next(lk for lk in d["links"] if lk["follower"] == "hf2-16i-coaching")
    assert link["empty_prebought_places"] == pytest.approx(98.0)
    r = run("evaluate", "--plan", str(edited))
    assert "Verletzte Grenzen (5)" in r.stdout and "Obergrenze Neueintritte hf1-egz: überschritten um 50,0" in r.stdout
    assert "98 Teilnehmende" not in r.stdout


def test_a_field_below_its_minimum_is_reported(plan, case, tmp_path):
    hf3 = [m.id for m in case.measures if m.field == "HF3" and m.budget_basis.has_new_entries]
    edited = edit(plan, tmp_path / "f.xlsx", {mid: ("davon neu", 0) for mid in hf3})
    d = evaluate_json(edited)
    short = next(x for x in d["violations"] if x["constraint"] == "field_min__hf3")
    assert short["unit"] == "entries" and short["amount"] > 0 and "unterschritten" in short["message"]


def test_the_scored_plan_workbook_is_new_and_lists_changes_and_violations(plan, tmp_path):
    edited = edit(plan, tmp_path / "e.xlsx", {"hf1-egz": ("davon neu", lambda v: v + 350)})
    out = tmp_path / "scored.xlsx"
    r = run("evaluate", "--plan", str(edited), "--output", str(out))
    assert r.exit_code == 0
    wb = openpyxl.load_workbook(out)
    assert {"Zuteilung", "Änderungen", "Verletzungen"} <= set(wb.sheetnames)
    assert wb["Änderungen"]["A2"].value == "hf1-egz"
    assert {c.value for c in wb["Verletzungen"]["A"][1:]} == {"budget__neufall", "upper__hf1_egz",
                                                               "policy__egz_nachfrage"}
    assert CliRunner().invoke(main, ["evaluate", "--plan", str(edited), "--output", str(out)]).exit_code == 2


@pytest.mark.parametrize("change, message", [
    ({"hf1-egz": ("davon neu", "viel")}, "Zuteilung!P"),
    ({"hf1-egz": ("davon neu", -5)}, "erlaubt sind Werte ≥ 0"),
    ({"hf1-egz": ("Maßnahme-ID", "hf1-egzz")}, "unbekannte Maßnahme 'hf1-egzz'"),
    ({"hf3-bewerbercenter": ("Optimum Eintritte", 1)}, "unter den 295 festen"),
])
def test_bad_edits_name_the_cell_and_exit_2(plan, tmp_path, change, message):
    edited = edit(plan, tmp_path / "x.xlsx", change)
    r = CliRunner().invoke(main, ["evaluate", "--plan", str(edited)])
    assert r.exit_code == 2 and message in r.output and "Traceback" not in r.output


def test_both_columns_edited_and_disagreeing_is_an_error_naming_both_cells(plan, tmp_path):
    edited = edit(plan, tmp_path / "x.xlsx", {"hf1-egz": ("davon neu", 10)})
    edited = edit(edited, tmp_path / "y.xlsx", {"hf1-egz": ("Optimum Eintritte", 20)})
    r = CliRunner().invoke(main, ["evaluate", "--plan", str(edited)])
    assert r.exit_code == 2 and "passen nicht zusammen" in r.output
    assert "Zuteilung!O" in r.output and " und P" in r.output


def test_a_workbook_that_is_not_a_plan_is_refused(tmp_path):
    out = tmp_path / "m.xlsx"
    run("template", "--output", str(out))
    r = CliRunner().invoke(main, ["evaluate", "--plan", str(out)])
    assert r.exit_code == 2 and "kein Blatt 'Zuteilung' (in älteren Plänen: 'Allocation')" in r.output


def test_sheets_renamed_as_excel_still_finds_them_are_read(plan, tmp_path):
    """Excel finds a sheet without regard to case or blanks: a planner's 'zuteilung' is still the plan."""
    wb = openpyxl.load_workbook(plan)
    for name, renamed in (("Zuteilung", "zuteilung"), ("Referenz", "REFERENZ"), ("Eingaben", " eingaben ")):
        wb[name].title = "x"   # openpyxl, like Excel, takes 'zuteilung' for the sheet's own name: via 'x'
        wb["x"].title = renamed
    wb.save(tmp_path / "renamed.xlsx")
    when = ("timestamp", "solve_time_s")   # the run's clock: two runs may fall in different seconds
    renamed, original = evaluate_json(tmp_path / "renamed.xlsx"), evaluate_json(plan)
    assert {k: v for k, v in renamed.items() if k not in when} == {k: v for k, v in original.items() if k not in when}
    assert set(renamed) == set(original)


def test_the_full_loop_template_optimize_edit_evaluate(tmp_path):
    """The planner's loop of issue 8 with a workbook as measure input."""
    from tests.inputs.test_workbook import write_workbook

    measures = write_workbook(tmp_path / "it.xlsx")
    plan_path = tmp_path / "plan.xlsx"
    assert run("optimize", "--case", DUISBURG_CASE, "--measures", str(measures),
               "--output", str(plan_path)).exit_code == 0
    edited = edit(plan_path, tmp_path / "plan-edited.xlsx", {"hf1-egz": ("davon neu", lambda v: v - 100)})
    d = evaluate_json(edited)          # the measure workbook is taken from the plan's Inputs sheet
    assert d["plan"]["input_hash_matches"] is True
    assert d["plan"]["delta_objective"] == pytest.approx(-100 * 0.70, abs=1e-9)
    assert d["violations"] == []
