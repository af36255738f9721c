"""The plan round trip re-applies every input (issue 15.4): optimize --output with a planner's own
table and budget, edit the workbook by hand, evaluate --plan without repeating any option; after
moving the workbook; with a recorded file changed or gone; an older workbook; ids by case."""
from __future__ import annotations

import hashlib
import json
import shutil

import openpyxl
import pytest
from click.testing import CliRunner

from amip.cli import main
from amip.models.fmt import eur

HEADER = ["measure_id", "Handlungsfeld", "Maßnahme", "Rechtsgrundlage", "Produktkategorie", "Budgetbasis",
          "Kosten je Eintritt (€)", "Geplante Eintritte", "Vorgebundene Eintritte"]
ROWS = [
    ["M01", "HF1", "Aktivierung beim Träger", "§ 16 Abs. 1 SGB II i.V.m. § 45 SGB III", "I", "neu", 1500, 400, 0],
    ["M02", "HF1", "Maßnahme bei einem Arbeitgeber", "§ 16 Abs. 1 SGB II i.V.m. § 45 SGB III", "I", "neu", 400, 300, 0],
    ["M03", "HF1", "Eingliederungszuschuss", "§ 16 Abs. 1 SGB II i.V.m. §§ 88 ff. SGB III", "III", "neu", 4000, 150, 0],
    ["M04", "HF1", "Umschulung", "§ 16 Abs. 1 SGB II i.V.m. §§ 81 ff. SGB III", "II", "gemischt", 6000, 80, 20],
    ["M05", "HF2", "AGH", "§ 16d SGB II", "VI", "neu", 2300, 600, 0],
    ["M06", "HF2", "Teilhabe am Arbeitsmarkt", "§ 16i SGB II", "VI", "neu", 10000, 40, 0],
    ["M07", "HF3", "Einstiegsgeld", "§ 16b SGB II", "III", "neu", 1200, 100, 0],
    ["M08", "QA", "Reha", "§ 16 Abs. 1 S. 3 SGB II i.V.m. §§ 112 ff. SGB III", "V", "vorab eingekauft", None, 0, 10],
]
BUDGET = 5_000_000


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def own_workbook(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Maßnahmen"
    ws.append(HEADER)
    for r in ROWS:
        ws.append(r)
    wb.save(path)
    return path


def sha(path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def edit(path, mid: str, column: str, change):
    wb = openpyxl.load_workbook(path)
    ws = wb["Zuteilung"]
    head = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[head.index("Maßnahme-ID")].value == mid:
            cell = row[head.index(column)]
            cell.value = change(cell.value) if callable(change) else change
    wb.save(path)


@pytest.fixture
def work(tmp_path):
    """own.xlsx + plan.xlsx from `amip optimize --measures own.xlsx --budget 5000000 --output plan.xlsx`:
    (folder, the optimum as JSON). Made per test: the workbook records where its inputs were."""
    folder = tmp_path / "a"
    folder.mkdir()
    own = own_workbook(folder / "own.xlsx")
    r = run("optimize", "--measures", own, "--budget", BUDGET, "--output", folder / "plan.xlsx", "--format", "json")
    assert r.exit_code == 0, r.output + r.stderr
    return folder, json.loads(r.stdout)


def raised_plan(folder, optimum, extra=196):
    """'davon neu' of M03 raised by hand; the money it overspends, computed from the optimum's data."""
    m03 = next(m for m in optimum["measures"] if m["id"] == "M03")
    edit(folder / "plan.xlsx", "M03", "davon neu", lambda v: v + extra)
    return optimum["budget"]["used"] + extra * m03["cost_per_entry"] - BUDGET


def test_an_unedited_plan_reproduces_its_optimum_with_nothing_repeated(work):
    folder, optimum = work
    r = run("evaluate", "--plan", folder / "plan.xlsx", "--format", "json")
    assert r.exit_code == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["budget"]["limit"] == BUDGET and d["plan"]["budget_matches"] is True
    assert d["objective"] == pytest.approx(optimum["objective"], rel=1e-12) and d["plan"]["changes"] == []
    assert d["plan"]["input_hash_matches"] is True and d["violations"] == []
    assert d["plan"]["replayed_options"]["budget"] == BUDGET
    assert d["plan"]["recorded_inputs"]["measures"]["status"] == "same"
    assert "Eingaben des Plans wieder angewandt: --budget 5.000.000" in r.stderr


def test_the_issue_example_reports_the_budget_violation_without_any_option_repeated(work):
    folder, optimum = work
    over = raised_plan(folder, optimum)
    assert over > 0
    r = run("evaluate", "--plan", folder / "plan.xlsx")
    assert r.exit_code == 0, r.stderr
    assert f"Neufallbudget: überschritten um {eur(over)}" in r.stdout
    assert "Der Plan hält alle Grenzen ein." not in r.stdout
    assert f"(Neufallbudget {eur(BUDGET)})" in r.stdout


def test_a_moved_workbook_finds_its_measure_file_beside_it(work, tmp_path):
    folder, optimum = work
    over = raised_plan(folder, optimum)
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    for name in ("plan.xlsx", "own.xlsx"):
        shutil.move(folder / name, moved / name)
    r = run("evaluate", "--plan", moved / "plan.xlsx", "--format", "json")
    assert r.exit_code == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["plan"]["recorded_inputs"]["measures"] == {
        "recorded": str((folder / "own.xlsx").resolve()), "used": str(moved / "own.xlsx"),
        "checksum_recorded": sha(moved / "own.xlsx"), "checksum_now": sha(moved / "own.xlsx"), "status": "moved"}
    assert [v["message"] for v in d["violations"]][0] == f"Neufallbudget: überschritten um {eur(over)}"
    assert f"measures gefunden unter {moved / 'own.xlsx'}" in r.stderr


def _change_cost(own):
    wb = openpyxl.load_workbook(own)
    wb["Maßnahmen"]["G2"] = 1600           # M01: 1.500 € → 1.600 € per entry
    wb.save(own)


def test_a_changed_measure_file_is_an_error_naming_it_and_no_output_is_written(work):
    folder, _ = work
    before = sha(folder / "own.xlsx")
    _change_cost(folder / "own.xlsx")
    out = folder / "scored.xlsx"
    r = run("evaluate", "--plan", folder / "plan.xlsx", "--output", out)
    assert r.exit_code == 2 and "Traceback" not in r.stderr
    assert str(folder / "own.xlsx") in r.stderr and "(measures) hat sich geändert" in r.stderr
    assert before in r.stderr and sha(folder / "own.xlsx") in r.stderr and "--accept-changed" in r.stderr
    assert not out.exists()


def test_accept_changed_scores_with_todays_file_and_warns_with_both_hashes(work):
    folder, optimum = work
    before = sha(folder / "own.xlsx")
    _change_cost(folder / "own.xlsx")
    r = run("evaluate", "--plan", folder / "plan.xlsx", "--accept-changed", "--format", "json")
    assert r.exit_code == 0, r.stderr
    warning = next(line for line in r.stderr.splitlines() if line.startswith("Warnung: "))
    assert str(folder / "own.xlsx") in warning and before in warning and sha(folder / "own.xlsx") in warning
    d = json.loads(r.stdout)
    assert d["plan"]["recorded_inputs"]["measures"]["status"] == "changed"
    assert d["plan"]["input_hash_matches"] is False and warning in d["plan"]["warnings"]
    m01 = next(m for m in d["measures"] if m["id"] == "M01")
    assert m01["cost_per_entry"] == 1600 and d["budget"]["limit"] == BUDGET


def test_a_recorded_input_that_is_gone_is_an_error_naming_it(work):
    folder, _ = work
    (folder / "own.xlsx").unlink()
    out = folder / "scored.xlsx"
    r = run("evaluate", "--plan", folder / "plan.xlsx", "--output", out, "--accept-changed")
    assert r.exit_code == 2 and "Traceback" not in r.stderr
    assert "die Datei 'own.xlsx' (measures)" in r.stderr and "ist nicht mehr da" in r.stderr
    assert "--measures" in r.stderr and not out.exists()


def test_an_option_given_again_replaces_the_recorded_one_and_says_so(work):
    folder, _ = work
    r = run("evaluate", "--plan", folder / "plan.xlsx", "--budget", "6000000", "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert "--budget 6.000.000 ersetzt den aufgezeichneten Wert 5.000.000" in r.stderr
    note = f"anderes Neufallbudget bewertet als beim Optimieren: {eur(6_000_000)} statt {eur(BUDGET)}"
    d = json.loads(r.stdout)
    assert note in r.stderr and d["plan"]["budget_matches"] is False and d["budget"]["limit"] == 6_000_000
    table = run("evaluate", "--plan", folder / "plan.xlsx", "--budget", "6000000")
    assert note in table.stdout


def test_ids_in_the_plan_workbook_match_case_insensitively(work):
    folder, optimum = work
    over = raised_plan(folder, optimum)
    edit(folder / "plan.xlsx", "M03", "Maßnahme-ID", "m03")
    r = run("evaluate", "--plan", folder / "plan.xlsx", "--format", "json")
    assert r.exit_code == 0, r.stderr
    d = json.loads(r.stdout)
    assert [c["id"] for c in d["plan"]["changes"]] == ["M03"]
    assert d["violations"][0]["message"] == f"Neufallbudget: überschritten um {eur(over)}"
    edit(folder / "plan.xlsx", "M02", "Maßnahme-ID", "M03")   # now two rows name M03: 'm03' and 'M03'
    r = run("evaluate", "--plan", folder / "plan.xlsx")
    assert r.exit_code == 2 and "Groß-/Kleinschreibung" in r.stderr and "Zuteilung!A" in r.stderr


def test_an_older_workbook_without_recorded_options_is_still_read_and_warns_of_its_budget(work):
    folder, _ = work
    wb = openpyxl.load_workbook(folder / "plan.xlsx")
    ws = wb["Eingaben"]
    for row in list(ws.iter_rows(min_row=2)):
        label = row[0].value or ""
        if label.startswith("Prüfsumme: ") or label in ("Optionen des Laufs (JSON)", "Neufallbudget (Lauf)"):
            row[0].value = row[1].value = None
    wb.save(folder / "plan.xlsx")
    r = run("evaluate", "--plan", folder / "plan.xlsx")   # as on main: no options replayed, and no silent frame
    assert r.exit_code == 2 and "--budget" in r.stderr
    r = run("evaluate", "--plan", folder / "plan.xlsx", "--budget", "6000000", "--format", "json")
    assert r.exit_code == 0, r.stderr
    d = json.loads(r.stdout)
    assert "älteren Version" in r.stderr and d["plan"]["recorded_budget_limit"] == BUDGET   # from the Budget sheet
    assert d["budget"]["limit"] == 6_000_000 and d["plan"]["budget_matches"] is False
    assert f"{eur(6_000_000)} statt {eur(BUDGET)}" in r.stderr
    again = run("evaluate", "--plan", folder / "plan.xlsx", "--budget", BUDGET, "--format", "json")
    assert again.exit_code == 0 and json.loads(again.stdout)["plan"]["budget_matches"] is True


def optimize_move_evaluate(tmp_path, *options):
    """optimize OPTIONS --output a/plan.xlsx, move folder a (plan and inputs) to b, evaluate --plan b/plan.xlsx:
    (optimum, evaluated plan as JSON, stderr of evaluate)."""
    a, b = tmp_path / "a", tmp_path / "b"
    r = run("optimize", *options, "--output", a / "plan.xlsx", "--format", "json")
    assert r.exit_code == 0, r.stderr
    shutil.move(a, b)
    e = run("evaluate", "--plan", b / "plan.xlsx", "--format", "json")
    assert e.exit_code == 0, e.stderr
    return json.loads(r.stdout), json.loads(e.stdout), e.stderr


def test_a_scenario_file_and_a_feature_flag_are_replayed(tmp_path):
    from tests.conftest import write_scenario

    a = tmp_path / "a"
    write_scenario(a, "mild.yaml", """
        name: mild
        extends: base
        rates:
          all: {multiplier: 0.9, source: "ESTIMATE test"}
        """)
    optimum, d, _ = optimize_move_evaluate(tmp_path, "--scenario", a / "mild.yaml", "--staff")
    assert d["scenario"] == "mild" and "staff" in d["features"]
    assert d["objective"] == pytest.approx(optimum["objective"], rel=1e-12)
    assert d["plan"]["recorded_inputs"]["scenario"]["status"] == "moved"
    assert d["plan"]["replayed_options"]["staff"] is True


def test_an_option_this_version_does_not_know_is_named_not_dropped_silently(work):
    folder, _ = work
    wb = openpyxl.load_workbook(folder / "plan.xlsx")
    for row in wb["Eingaben"].iter_rows(min_row=2):
        if row[0].value == "Optionen des Laufs (JSON)":
            row[1].value = json.dumps(dict(json.loads(row[1].value), future_switch=True))
    wb.save(folder / "plan.xlsx")
    r = run("evaluate", "--plan", folder / "plan.xlsx", "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert "die Option --future-switch ja auf, die diese Version nicht kennt" in r.stderr
    assert json.loads(r.stdout)["budget"]["limit"] == BUDGET


def test_a_hand_broken_options_row_is_an_error_naming_the_sheet(work):
    folder, _ = work
    wb = openpyxl.load_workbook(folder / "plan.xlsx")
    for row in wb["Eingaben"].iter_rows(min_row=2):
        if row[0].value == "Optionen des Laufs (JSON)":
            row[1].value = "{budget: viel"
    wb.save(folder / "plan.xlsx")
    r = run("evaluate", "--plan", folder / "plan.xlsx")
    assert r.exit_code == 2 and "plan.xlsx, Eingaben" in r.stderr and "kein JSON-Objekt" in r.stderr


def test_accept_changed_needs_a_plan():
    r = run("evaluate", "--accept-changed")
    assert r.exit_code == 2 and "--accept-changed gilt nur mit --plan" in r.stderr


def test_the_input_hash_does_not_depend_on_where_the_files_are_installed():
    """A plan moved to another machine keeps matching: the planning file enters the hash by name."""
    from dataclasses import replace

    from amip.optimizer.highs import SOLVER_OPTIONS
    from amip.scenarios import load_scenario

    here = load_scenario(None)
    assert here.planning.file.endswith("planning.yaml")
    moved = replace(here, planning=replace(here.planning, file="/elsewhere/site-packages/amip/data/x/planning.yaml"))
    other = replace(here, planning=replace(here.planning, file="/elsewhere/other.yaml"))
    h = lambda c: c.input_hash(version="t", solver=SOLVER_OPTIONS)   # noqa: E731
    assert h(moved) == h(here) != h(other)


def test_a_real_workbook_from_before_the_round_trip_is_still_read(tmp_path):
    """tests/data/odd/plan-from-main-bcca16d.xlsx: `amip optimize --output` of main at bcca16d, read
    against the 73-row catalogue it was made with (measures-main-bcca16d.csv); against today's table,
    which splits the 246 Teilqualifizierungen into their own row (issue 24), it names the missing row."""
    import shutil
    from pathlib import Path

    from amip.inputs.loader import DEFAULT_CASE

    odd = Path(__file__).parent / "data" / "odd"
    old = odd / "plan-from-main-bcca16d.xlsx"
    r = run("evaluate", "--plan", old, "--format", "json")
    assert r.exit_code == 2 and "hf1-fbw-teilqualifizierung" in r.stderr and "Traceback" not in r.stderr
    folder = tmp_path / "case"
    shutil.copytree(DEFAULT_CASE.parent, folder)
    shutil.copy(DEFAULT_CASE.parent.parent / "rates.csv", tmp_path / "rates.csv")
    shutil.copy(odd / "measures-main-bcca16d.csv", folder / "measures.csv")
    r = run("evaluate", "--plan", old, "--case", folder, "--format", "json")
    assert r.exit_code == 0, r.stderr
    d = json.loads(r.stdout)
    assert "älteren Version" in r.stderr and d["plan"]["changes"] == [] and d["plan"]["recorded_inputs"] == {}
    assert d["plan"]["recorded_budget_limit"] == 35_085_957
    assert d["plan"]["budget_matches"] is (abs(d["budget"]["limit"] - 35_085_957) <= 0.5)


def test_a_case_folder_is_replayed_and_found_again_after_moving_with_the_plan(tmp_path):
    a = tmp_path / "a"
    a.mkdir()
    assert run("init", a / "bochum", "--jobcenter", "Bochum").exit_code == 0
    optimum, d, stderr = optimize_move_evaluate(tmp_path, "--case", a / "bochum")
    b = tmp_path / "b"
    assert d["case"] == optimum["case"] and d["budget"]["limit"] == optimum["budget"]["limit"]
    assert d["plan"]["replayed_options"]["case_path"] == str(b / "bochum")
    assert d["plan"]["recorded_inputs"]["case"]["status"] == "moved" and d["plan"]["budget_matches"] is True
    assert d["objective"] == pytest.approx(optimum["objective"], rel=1e-12) and d["violations"] == []
    assert f"Eingaben des Plans wieder angewandt: --case {b / 'bochum'}" in stderr


def test_the_effect_measure_and_an_own_effect_table_are_replayed(tmp_path):
    from amip.inputs.loader import DEFAULT_EFFECTS

    a = tmp_path / "a"
    a.mkdir()
    own = a / "wirkungen.csv"
    text = DEFAULT_EFFECTS.read_text(encoding="utf-8")
    own.write_text(text, encoding="utf-8")
    optimum, d, _ = optimize_move_evaluate(tmp_path, "--effect", "net", "--effects", own, "--draws", "0")
    assert optimum["effect"] == "net" and d["effect"] == "net"
    assert d["objective"] == pytest.approx(optimum["objective"], rel=1e-12)
    assert d["plan"]["replayed_options"]["effect"] == "net"
    assert d["plan"]["recorded_inputs"]["effects"]["status"] == "moved"


def test_a_replayed_effect_is_named_in_german(tmp_path):
    """The recorded --effect is re-applied under its German name (netto), as the option takes it and the
    outputs call it; JSON keeps the code."""
    plan = tmp_path / "netto.xlsx"
    assert run("optimize", "--effect", "netto", "--output", plan).exit_code == 0
    r = run("evaluate", "--plan", plan, "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert "Eingaben des Plans wieder angewandt: --effect netto" in r.stderr and "--effect net," not in r.stderr
    assert json.loads(r.stdout)["plan"]["replayed_options"]["effect"] == "net"
