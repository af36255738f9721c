"""Issue 15 A: a case of one's own (amip init, amip jobcenters, --case FOLDER|workbook.xlsx), and no
silent Duisburg frame for --measures. Every solved case is re-checked by the independent checker
and against scipy's HiGHS on a model written from the data alone."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from amip.cli import main
from amip.inputs.loader import DATA_DIR, load_case, read_case_raw
from amip.inputs.national import find_jobcenter
from amip.models.check import check_allocation
from amip.optimizer import optimize
from tests.conftest import DUISBURG_CASE, SHIPPED_MEASURES, scipy_optimum

KONSTANZ = DATA_DIR / "konstanz-2020"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def bochum(bochum_folder) -> Path:
    return bochum_folder


def _solved(case):
    result = optimize(case)
    assert check_allocation(case, result.new_entries) == []
    assert result.objective == pytest.approx(scipy_optimum(case), rel=1e-7, abs=1e-6)
    return result


# --------------------------------------------------------------------------- amip init / --case FOLDER
def test_init_writes_a_case_folder_that_solves_with_the_estimated_egt(bochum):
    assert sorted(p.name for p in bochum.iterdir()) == ["case.yaml", "massnahmen.xlsx", "planung.yaml"]
    assert yaml.safe_load((bochum / "case.yaml").read_text(encoding="utf-8")) == {"frame": "massnahmen.xlsx",
                                                                             "planning": "planung.yaml"}
    raw, _ = read_case_raw(bochum / "case.yaml")   # the frame: the Rahmendaten sheet
    assert raw["jobcenter"]["traeger_nr"] == "32102"
    assert isinstance(raw["policy"], dict)   # room for commitments (Politik) beside the POLICY defaults
    case = load_case(bochum)
    assert case.budget.egt_zuteilung_eur == pytest.approx(find_jobcenter("32102").egt_estimate_eur, abs=1)
    assert len(case.measures) == len(load_case().measures)
    assert any("abgeleiteter Katalog" in n for n in case.frame_notes)
    assert any("ESTIMATE" in n and "EGT-Zuteilung" in n for n in case.frame_notes)
    _solved(case)

    d = json.loads(run("optimize", "--case", bochum, "--format", "json").stdout)
    assert d["status"] == "optimal" and d["case"] == "bochum-2020"
    assert d["budget"]["limit"] == pytest.approx(case.budget.neufallbudget_eur)
    assert any("abgeleiteter Katalog" in n for n in d["case_notes"])


def test_case_yaml_only_points_and_the_sheet_explains_every_value_in_german(bochum):
    text = (bochum / "case.yaml").read_text(encoding="utf-8")
    for words in ("Rahmendaten", "EINER Stelle", "POLICY", "ESTIMATE"):
        assert words in text, words
    wb = openpyxl.load_workbook(bochum / "massnahmen.xlsx", read_only=True)
    rows = [r for r in wb["Rahmendaten"].iter_rows(values_only=True) if r and r[0]]
    head = list(next(r for r in rows if r[0] == "Schlüssel"))
    where, label = head.index("Wo zu finden"), head.index("Bezeichnung")
    for r in rows:
        if str(r[0]).startswith(("budget.", "pat.new_cases_expected_eur")):
            assert r[label] and r[where], r
    chain = {r[0]: r[where] for r in rows}
    assert "Zuteilungsschreiben" in chain["budget.egt_zuteilung_eur"]


def test_the_workbook_of_the_folder_marks_every_derived_row_and_carries_the_frame(bochum):
    wb = openpyxl.load_workbook(bochum / "massnahmen.xlsx", read_only=True)
    assert wb.sheetnames == ["Maßnahmen", "Erläuterung", "Rahmendaten"]
    rows = list(wb["Maßnahmen"].iter_rows(values_only=True))
    head = list(rows[0])
    note = head.index("Bemerkung")
    assert len(rows) - 1 == len(load_case().measures)
    assert all(str(r[note]).startswith("abgeleiteter Katalog – durch eigene Maßnahmen ersetzen") for r in rows[1:])
    frame = {r[0]: r for r in wb["Rahmendaten"].iter_rows(values_only=True) if r and r[0]}
    assert frame["budget.egt_zuteilung_eur"][2] == pytest.approx(load_case(bochum).budget.egt_zuteilung_eur)
    assert "POLICY" in frame["budget.vorbindungen_eur"][4] and "ESTIMATE" in frame["budget.umschichtung_eur"][4]


def test_one_workbook_is_enough_and_gives_the_folders_optimum(bochum, tmp_path):
    # the workbook holds frame and measures; the carried planning file stays beside it in the folder
    plain = _folder_copy(bochum, tmp_path / "plain")
    (plain / "case.yaml").write_text("frame: massnahmen.xlsx\n", encoding="utf-8")
    bochum = plain
    folder = json.loads(run("optimize", "--case", bochum, "--format", "json").stdout)
    book = json.loads(run("optimize", "--case", bochum / "massnahmen.xlsx", "--format", "json").stdout)
    assert book["objective"] == pytest.approx(folder["objective"], rel=1e-9)
    assert book["budget"]["limit"] == pytest.approx(folder["budget"]["limit"])
    assert book["case"] == folder["case"]
    case = load_case(bochum / "massnahmen.xlsx")
    assert case.files["case"].endswith("massnahmen.xlsx")
    assert case.canonical() == load_case(bochum).canonical()   # the Rahmendaten sheet holds the whole frame
    _solved(case)


def test_init_never_overwrites_without_force(bochum):
    before = (bochum / "case.yaml").read_bytes()
    r = run("init", bochum, "--jobcenter", "Konstanz")
    assert r.exit_code == 2 and "--force" in r.stderr
    assert (bochum / "case.yaml").read_bytes() == before


def test_init_with_force_replaces_and_without_jobcenter_writes_a_skeleton(tmp_path):
    folder = tmp_path / "mine"
    assert run("init", folder).exit_code == 0
    r = run("optimize", "--case", folder)
    assert r.exit_code == 2 and "massnahmen.xlsx, Rahmendaten" in r.stderr and "budget.egt_zuteilung_eur" in r.stderr
    assert run("init", folder, "--jobcenter", "63402", "--force").exit_code == 0
    assert load_case(folder).name == "konstanz-2020"


def test_every_output_names_its_case(bochum, tmp_path):
    r = run("optimize", "--case", bochum, "--output", tmp_path / "p.xlsx")
    assert r.exit_code == 0
    assert r.stdout.splitlines()[0].startswith("amip ") and "Fall bochum-2020" in r.stdout.splitlines()[0]
    assert "abgeleiteter Katalog" in r.stdout
    wb = openpyxl.load_workbook(tmp_path / "p.xlsx", read_only=True)
    inputs = {row[0]: row[1] for row in wb["Eingaben"].iter_rows(values_only=True) if row and row[0]}
    assert inputs["Fall"].startswith("Jobcenter Bochum, Stadt")
    assert inputs["Fall (Kennung)"] == "bochum-2020"
    assert inputs["Datei: Falldatei"].endswith("case.yaml")
    budget = [row for row in wb["Budget"].iter_rows(values_only=True)]
    assert any(row[0] == "EGT-Zuteilung (Eingliederungstitel)" for row in budget if row)
    assert not any("Globalbudget" in str(row[0]) for row in budget if row)


def test_evaluate_sensitivity_compare_and_tradeoff_take_the_case(bochum):
    case = load_case(bochum)
    ev = json.loads(run("evaluate", "--case", bochum, "--format", "json").stdout)
    assert ev["case"] == "bochum-2020" and ev["budget"]["limit"] == pytest.approx(case.budget.neufallbudget_eur)
    se = json.loads(run("sensitivity", "--case", bochum, "--draws", 20, "--points", 3, "--quiet",
                        "--format", "json").stdout)
    assert se["case"] == "bochum-2020"
    cmp = json.loads(run("compare", "base", "budget-cut-10", "--case", bochum, "--format", "json").stdout)
    from amip.scenarios import load_scenario

    best = optimize(load_scenario(case=bochum)).objective   # with the carried planning file, as the CLI
    assert [sc["case"] for sc in cmp["scenarios"]] == ["bochum-2020", "bochum-2020"]
    assert cmp["scenarios"][0]["objective"] == pytest.approx(best, rel=1e-9)
    assert cmp["scenarios"][1]["budget"]["limit"] == pytest.approx(0.9 * case.budget.neufallbudget_eur)
    tr = json.loads(run("tradeoff", "integrations", "lzb", "--case", bochum, "--points", 2, "--format", "json").stdout)
    assert tr["case"] == "bochum-2020"
    assert max(p["integrations"] for p in tr["points"]) == pytest.approx(best, rel=1e-6)


def test_a_scenarios_case_may_point_at_a_folder(bochum, tmp_path):
    sc = tmp_path / "cut.yaml"
    sc.write_text(f"name: cut\nextends: base\ncase: {bochum}\nbudget:\n  change_pct: {{value: -10, source: test}}\n",
                  encoding="utf-8")
    d = json.loads(run("optimize", "--scenario", sc, "--format", "json").stdout)
    assert d["case"] == "bochum-2020"
    assert d["budget"]["limit"] == pytest.approx(0.9 * load_case(bochum).budget.neufallbudget_eur)


def test_the_shipped_konstanz_case_solves_and_passes_the_checker():
    case = load_case(KONSTANZ)
    assert case.name == "konstanz-2020" and case.budget.egt_zuteilung_given_eur is not None
    assert len(case.frame_notes) == 4 and all("ESTIMATE" in n for n in case.frame_notes[:2])
    assert case.frame_notes[2].startswith("Zusagen (Politik): keine aus der Vorlage übernommen")
    scale = f"{case.derivation.scale:.4f}".replace(".", ",")
    assert case.frame_notes[3].startswith(f"Abgeleiteter Fall: Vorlage Duisburg 2020 × {scale}")
    # one scale in every line: the catalogue note and the PAT estimate say the same factor, and the factor
    # is the ratio of the Neufallbudgets (Konstanz ÷ Duisburg 2020)
    assert f"Eintritte und Beträge × {scale})" in case.frame_notes[1]
    assert case.derivation.scale == pytest.approx(case.budget.neufallbudget_eur
                                                  / load_case().budget.neufallbudget_eur, rel=1e-5)
    assert case.pat.expected_new_cases_eur == pytest.approx(load_case().pat.expected_new_cases_eur
                                                           * case.derivation.scale, abs=1)   # seed L428: 550.000 €
    _solved(case)
    assert (KONSTANZ / "SOURCES.md").is_file()


def test_the_shipped_konstanz_case_is_what_init_derives():
    from amip.inputs.derived import derived_case_data

    raw, header, rows, planning = derived_case_data(find_jobcenter("63402"), 2020)
    shipped = yaml.safe_load((KONSTANZ / "case.yaml").read_text(encoding="utf-8"))
    # the whole frame (trial finding 6: the PAT estimate and the catalogue note had kept an older scale,
    # 75.052 € and × 0,1365, beside the scale 0,0876 of the budget chain); only the title, the file
    # names and the scale's digits are the shipped folder's own
    assert shipped.pop("measures") == "measures.csv" and shipped.pop("planning") == "planning.yaml"
    assert shipped.pop("title").startswith("Jobcenter Landkreis Konstanz") and raw.pop("title")
    assert shipped["catalogue"].pop("scale") == pytest.approx(raw["catalogue"].pop("scale"), abs=1e-6)
    assert shipped == raw
    assert yaml.safe_load((KONSTANZ / "planning.yaml").read_text(encoding="utf-8")) == planning
    with open(KONSTANZ / "measures.csv", encoding="utf-8", newline="") as fh:
        shipped_rows = list(csv.DictReader(fh))
    assert [r["id"] for r in shipped_rows] == [r["id"] for r in rows]
    for s, d in zip(shipped_rows, rows, strict=True):
        assert s == {k: str(d.get(k, "")) for k in header}


# --------------------------------------------------------------------------- amip jobcenters
def test_jobcenters_lists_and_finds():
    r = run("jobcenters", "bochum")
    assert r.exit_code == 0 and "32102" in r.stdout and "41.761.720 €" in r.stdout
    d = json.loads(run("jobcenters", "--format", "json").stdout)
    assert len(d["jobcenters"]) == 405 and d["estimate"] is True
    assert run("jobcenters", "xyzxyz").exit_code == 2


# --------------------------------------------------------------------------- bad input
def test_an_unknown_jobcenter_names_the_closest_and_writes_nothing(tmp_path):
    r = run("init", tmp_path / "x", "--jobcenter", "Bochm")
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.startswith("Fehler: ") and "Bochum, Stadt (32102)" in r.stderr
    assert not (tmp_path / "x").exists()


def _edit_sheet(src: Path, dst: Path, key: str, value, *, append: bool = False) -> int:
    """Copy the workbook with the Rahmendaten value of ``key`` set (or a second row for it appended);
    returns the row written."""
    wb = openpyxl.load_workbook(src)
    ws = wb["Rahmendaten"]
    if append:
        row = ws.max_row + 1
        ws.cell(row=row, column=1, value=key)
    else:
        row = next(c.row for c in ws["A"] if c.value == key)
    ws.cell(row=row, column=3).value = value   # (cell(..., value=None) would leave the old value)
    wb.save(dst)
    return row


def _folder_copy(bochum: Path, folder: Path) -> Path:
    folder.mkdir()
    for name in ("case.yaml", "massnahmen.xlsx", "planung.yaml"):
        (folder / name).write_bytes((bochum / name).read_bytes())
    return folder


def test_a_case_folder_missing_a_required_value_names_file_and_key(bochum, tmp_path):
    folder = _folder_copy(bochum, tmp_path / "broken")
    _edit_sheet(bochum / "massnahmen.xlsx", folder / "massnahmen.xlsx", "budget.vorbindungen_eur", None)
    out = tmp_path / "p.xlsx"
    r = run("optimize", "--case", folder, "--output", out)
    assert r.exit_code == 2 and "Traceback" not in r.output and not out.exists()
    assert f"{folder / 'massnahmen.xlsx'}, Rahmendaten" in r.stderr and "'budget.vorbindungen_eur' fehlt" in r.stderr


# --------------------------------------------------------------------------- one frame per case (issue 28)
def test_editing_the_rahmendaten_sheet_of_an_init_folder_changes_the_run(bochum, tmp_path):
    folder = _folder_copy(bochum, tmp_path / "edited")
    before = load_case(folder).budget
    _edit_sheet(bochum / "massnahmen.xlsx", folder / "massnahmen.xlsx", "budget.egt_zuteilung_eur", 60_000_000)
    after = load_case(folder).budget
    assert after.egt_zuteilung_eur == 60_000_000
    # the Neufallbudget moves by exactly the EGT difference (the rest of the chain unchanged)
    assert after.neufallbudget_eur - before.neufallbudget_eur == pytest.approx(60_000_000 - before.egt_zuteilung_eur)
    d = json.loads(run("optimize", "--case", folder, "--format", "json").stdout)
    assert d["budget"]["limit"] == pytest.approx(after.neufallbudget_eur)


def test_a_key_given_twice_in_the_sheet_exits_2_naming_both_cells(bochum, tmp_path):
    folder = _folder_copy(bochum, tmp_path / "twice")
    first = next(c.row for c in openpyxl.load_workbook(bochum / "massnahmen.xlsx")["Rahmendaten"]["A"]
                 if c.value == "budget.egt_zuteilung_eur")
    second = _edit_sheet(bochum / "massnahmen.xlsx", folder / "massnahmen.xlsx", "budget.egt_zuteilung_eur",
                         60_000_000, append=True)
    r = run("optimize", "--case", folder)
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert f"Rahmendaten!A{first}" in r.stderr and f"Rahmendaten!A{second}" in r.stderr
    assert "massnahmen.xlsx" in r.stderr and "zweimal" in r.stderr


def test_a_frame_value_in_case_yaml_beside_frame_exits_2_naming_the_key(bochum, tmp_path):
    folder = _folder_copy(bochum, tmp_path / "both")
    with open(folder / "case.yaml", "a", encoding="utf-8") as fh:
        fh.write("budget:\n  egt_zuteilung_eur: {value: 60000000, source: Zuteilungsschreiben}\n")
    r = run("optimize", "--case", folder)
    assert (r.exit_code == 2 and "'budget'" in r.stderr and "case.yaml" in r.stderr
            and "frame: massnahmen.xlsx" in r.stderr)


def test_an_older_folder_with_both_frames_is_compared_on_every_run(bochum, tmp_path):
    # a case.yaml with its own frame beside a workbook with a Rahmendaten sheet (an older `amip init`)
    folder = _folder_copy(bochum, tmp_path / "old")
    raw, _ = read_case_raw(bochum / "case.yaml")
    (folder / "case.yaml").write_text(yaml.safe_dump(dict(raw, measures="massnahmen.xlsx"), allow_unicode=True),
                                      encoding="utf-8")
    same = load_case(folder)   # equal values: runs
    assert same.budget.egt_zuteilung_eur == load_case(bochum).budget.egt_zuteilung_eur
    row = _edit_sheet(bochum / "massnahmen.xlsx", folder / "massnahmen.xlsx", "budget.egt_zuteilung_eur", 60_000_000)
    r = run("optimize", "--case", folder)
    assert r.exit_code == 2 and "Traceback" not in r.output
    yaml_value = f"{round(same.budget.egt_zuteilung_eur):,}".replace(",", ".")
    assert f"in case.yaml {yaml_value}" in r.stderr and f"(Rahmendaten!C{row}) 60.000.000" in r.stderr


def test_a_rahmendaten_sheet_with_text_where_a_number_belongs_names_sheet_and_cell(bochum, tmp_path):
    book = tmp_path / "plan-2027.xlsx"
    wb = openpyxl.load_workbook(bochum / "massnahmen.xlsx")
    ws = wb["Rahmendaten"]
    row = next(c.row for c in ws["A"] if c.value == "budget.vorbindungen_eur")
    ws.cell(row=row, column=3, value="etwa zwanzig Millionen")
    wb.save(book)
    out = tmp_path / "p.xlsx"
    r = run("optimize", "--case", book, "--output", out)
    assert r.exit_code == 2 and not out.exists() and "Traceback" not in r.output
    assert f"plan-2027.xlsx, Rahmendaten!C{row}" in r.stderr and "budget.vorbindungen_eur" in r.stderr
    assert "keine Zahl" in r.stderr


@pytest.mark.parametrize("where", ["nowhere", "nowhere.xlsx", "folder-without-case"])
def test_case_pointing_nowhere_exits_2(tmp_path, where):
    (tmp_path / "folder-without-case").mkdir()
    r = run("optimize", "--case", tmp_path / where, "--output", tmp_path / "p.xlsx")
    assert r.exit_code == 2 and r.stderr.startswith("Fehler: ") and str(tmp_path / where) in r.stderr
    assert not (tmp_path / "p.xlsx").exists()


# --------------------------------------------------------------------------- no silent frame
def test_measures_without_case_or_budget_exit_2_saying_what_is_missing(tmp_path):
    r = run("optimize", "--measures", SHIPPED_MEASURES, "--output", tmp_path / "p.xlsx")
    assert r.exit_code == 2 and "--budget" in r.stderr and "amip init" in r.stderr
    assert not (tmp_path / "p.xlsx").exists()


def test_measures_with_budget_use_the_neutral_frame_and_say_so():
    r = run("optimize", "--measures", SHIPPED_MEASURES, "--budget", "30000000", "--format", "json")
    assert r.exit_code == 0, r.output
    notice = [ln for ln in r.stderr.splitlines() if ln.startswith("Hinweis: Rahmen ohne Fall")]
    assert len(notice) == 1 and "30.000.000 €" in notice[0] and "Regeljahr 2020" in notice[0]
    d = json.loads(r.stdout)
    assert d["case"] != "duisburg-2020" and d["budget"]["limit"] == 30_000_000
    assert d["budget"]["pat_relief"] == 0
    assert not any(c["name"].startswith(("pool__", "pat", "sgb2_16")) for c in d["constraints"])
    from amip.inputs.loader import load_neutral_case

    case = load_neutral_case(SHIPPED_MEASURES, budget_eur=30_000_000)
    assert case.pools == {} and case.pat is None and case.planning.staff == () and "case" not in case.files
    duisburg = load_case()
    for f in case.fields:   # the table's own planned entries, the named POLICY share
        assert f.min_entries == duisburg.field_of(f.id).min_entries
        assert "POLICY" in f.min_source
    assert d["objective"] == pytest.approx(_solved(case).objective, rel=1e-9)


def test_the_duisburg_frame_with_another_table_is_asked_for_explicitly():
    r = run("optimize", "--case", DUISBURG_CASE, "--measures", SHIPPED_MEASURES, "--format", "json")
    assert r.exit_code == 0 and "Hinweis" not in r.stderr
    assert json.loads(r.stdout)["budget"]["limit"] == pytest.approx(load_case().budget.neufallbudget_eur)


def test_an_egt_change_moves_a_chain_that_starts_at_the_egt(bochum, tmp_path):
    from amip.scenarios import load_scenario

    sc = tmp_path / "egt.yaml"
    sc.write_text("name: egt\nextends: base\nbudget:\n  egt_change_pct: {value: -10, source: test}\n", encoding="utf-8")
    before = load_case(bochum).budget
    after = load_scenario(sc, case=bochum).budget
    assert after.egt_zuteilung_eur == pytest.approx(0.9 * before.egt_zuteilung_eur)
    assert after.neufallbudget_eur == pytest.approx(before.neufallbudget_eur - 0.1 * before.egt_zuteilung_eur)


def test_a_plan_made_with_a_case_is_scored_against_that_case(bochum, tmp_path):
    plan = tmp_path / "plan.xlsx"
    assert run("optimize", "--case", bochum, "--output", plan).exit_code == 0
    r = run("evaluate", "--plan", plan, "--format", "json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["case"] == "bochum-2020" and d["plan"]["input_hash_matches"] is True
    assert d["budget"]["limit"] == pytest.approx(load_case(bochum).budget.neufallbudget_eur)


def test_a_fields_own_minimum_replaces_the_policy_share(bochum, tmp_path):
    folder = _folder_copy(bochum, tmp_path / "own-min")
    share_min = load_case(bochum).field_of("HF3").min_entries
    row = _edit_sheet(bochum / "massnahmen.xlsx", folder / "massnahmen.xlsx", "fields.HF3.min_entries",
                      share_min + 50, append=True)
    wb = openpyxl.load_workbook(folder / "massnahmen.xlsx")
    wb["Rahmendaten"].cell(row=row, column=5, value="AmIp 2027, Zielvereinbarung")
    wb.save(folder / "massnahmen.xlsx")
    case = load_case(folder)
    f = case.field_of("HF3")
    assert f.min_entries == share_min + 50 and f.min_source == "AmIp 2027, Zielvereinbarung"
    result = _solved(case)
    hf3 = next(x for x in result.fields if x.id == "HF3")
    assert hf3.entries >= share_min + 50 - 1e-6


def test_init_with_an_ambiguous_name_exits_2_listing_both_and_writes_nothing(tmp_path):
    r = run("init", tmp_path / "r", "--jobcenter", "Rostock")
    assert r.exit_code == 2
    assert "Rostock, Hansestadt (Träger-Nr 03202, gE)" in r.stderr
    assert "Landkreis Rostock (Träger-Nr 03208, gE)" in r.stderr
    assert not (tmp_path / "r").exists()


def test_init_confirms_jobcenter_traeger_nr_and_egt_estimate(tmp_path):
    from amip.models.fmt import eur

    r = run("init", tmp_path / "r", "--jobcenter", "03208")
    assert r.exit_code == 0
    jc = find_jobcenter("03208")
    assert ("Jobcenter Landkreis Rostock (Träger-Nr 03208, gE): "
            f"EGT-Zuteilung geschätzt {eur(round(jc.egt_estimate_eur))}") \
        in r.stderr


# --------------------------------------------------------------------------- derived values carried (issue 28)
@pytest.fixture(scope="module")
def gelsenkirchen(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("jc") / "gelsenkirchen"
    assert run("init", folder, "--jobcenter", "34502").exit_code == 0
    return folder


def test_a_derived_case_shows_lzb_llu_later_money_and_the_coaching_link(gelsenkirchen):
    d = json.loads(run("optimize", "--case", gelsenkirchen, "--format", "json").stdout)
    assert d["targets"]["lzb"]["value"] > 0 and d["targets"]["llu"]["value"] > 0
    assert d["commitments"]["years"]["2022"] > 0   # a three-year BaE binds money after 2021
    link = next(x for x in d["links"] if x["follower"] == "hf2-16i-coaching")
    assert link["leader"] == "hf2-16i" and link["follower_entries"] <= link["leader_entries"] + 1e-6
    assert any(n.startswith("Zusagen (Politik): keine aus der Vorlage übernommen") for n in d["case_notes"])
    case = load_case(gelsenkirchen)
    assert "planning" in case.files and Path(case.files["planning"]).name == "planung.yaml"
    # recomputed from the plan and the carried planning data, not read back from the report
    from amip.scenarios import load_scenario

    full = load_scenario(case=gelsenkirchen)
    lzb = sum(m["integrations"] * dict(full.planning.measures[m["id"]].per_integration).get("lzb", 0.0)
              for m in d["measures"])
    assert d["targets"]["lzb"]["value"] == pytest.approx(lzb, rel=1e-6)


def test_a_derived_catalogue_has_whole_entries_and_no_other_citys_names(gelsenkirchen):
    case = load_case(gelsenkirchen)
    for m in case.measures:
        assert "duisburg" not in m.name.lower()
        assert float(m.planned_entries).is_integer() and float(m.prebought_entries).is_integer()


def test_the_derivation_is_shown_in_header_excel_sheet_and_vorlage(gelsenkirchen, tmp_path):
    case = load_case(gelsenkirchen)
    scale = f"{case.derivation.scale:.4f}".replace(".", ",")
    r = run("optimize", "--case", gelsenkirchen, "--output", tmp_path / "p.xlsx")
    assert r.exit_code == 0
    header = r.stdout.split("Status:")[0]
    assert f"Abgeleiteter Fall: Vorlage Duisburg 2020 × {scale}" in " ".join(header.split())
    wb = openpyxl.load_workbook(tmp_path / "p.xlsx", read_only=True)
    rows = {row[0]: row for row in wb["Herkunft"].iter_rows(values_only=True) if row and row[0]}
    assert rows["Skalenfaktor"][1] == scale
    assert rows["EGT-Zuteilung"][1] == f"{round(case.budget.egt_zuteilung_eur):,} €".replace(",", ".")
    r = run("report", "--case", gelsenkirchen, "--output", tmp_path / "v.html", "--draws", 0)
    assert r.exit_code == 0
    html = (tmp_path / "v.html").read_text(encoding="utf-8")
    first = html.index("Abgeleiteter Fall – kein eigener Plan")
    assert first < html.index("Plan gegen bisherigen Plan") or first < html.index("<h2", html.index("<h2") + 1)


def test_an_own_case_has_no_herkunft_sheet(tmp_path):
    assert run("optimize", "--output", tmp_path / "p.xlsx").exit_code == 0
    assert "Herkunft" not in openpyxl.load_workbook(tmp_path / "p.xlsx", read_only=True).sheetnames


@pytest.mark.parametrize("frame, words", [("fehlt.xlsx", ("fehlt.xlsx", "nicht gefunden")),
                                          ("rahmen.csv", ("case.yaml", "frame: rahmen.csv", "Arbeitsmappe"))])
def test_a_frame_pointer_to_nothing_or_no_workbook_exits_2(bochum, tmp_path, frame, words):
    folder = _folder_copy(bochum, tmp_path / "pointer")
    (folder / "case.yaml").write_text(f"frame: {frame}\n", encoding="utf-8")
    r = run("optimize", "--case", folder)
    assert r.exit_code == 2 and "Traceback" not in r.output
    for w in words:
        assert w in r.stderr, (w, r.stderr)


def test_init_writes_the_limits_rule_from_the_jobcenters_own_vorbindungen(bochum):
    """Issue 26: a derived case limits its later years by the same rule as Duisburg, on its own figure."""
    vb = load_case(bochum).budget.vorbindungen_eur
    assert vb > 0
    d = json.loads(run("optimize", "--case", bochum, "--format", "json").stdout)
    limits = d["commitments"]["limits"]
    assert limits["2021"]["limit"] == pytest.approx(vb)
    assert limits["2022"]["limit"] == pytest.approx(0.246 * vb)
    assert limits["2023+"]["limit"] == pytest.approx(0.158 * vb)
    assert all("POLICY" in lim["source"] and "übernommen" in lim["source"] for lim in limits.values())
    assert all(d["commitments"]["years"][k] <= lim["limit"] + 1e-3 for k, lim in limits.items())
