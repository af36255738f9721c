"""Integrations in the year they happen and the § 48b view (issue 26 item 5), through the command line:
the split adds up, the quota is the § 48a count of the plan year ÷ the eLb (recomputed here from the
data alone), and bad eLb figures are German errors naming file and key, exit 2, nothing written."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml

from amip import texts as T
from amip.inputs.assemble import load_scenario
from amip.inputs.loader import DATA_DIR
from amip.inputs.national import find_jobcenter
from tests.conftest import cli
from tests.models.test_timing import grid_shares

FROM_ENTRY_TYPES = {"mpav"}   # placement vouchers: the take-up spread over six months from the issue


run = cli


@pytest.fixture(scope="module")
def payload() -> dict:
    r = run("optimize", "--format", "json", "--draws", "0")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_each_measure_split_adds_up_to_its_cohort_integrations(payload):
    keys = ["2020", "2021", "2022", "2023+"]
    total = dict.fromkeys(keys, 0.0)
    for m in payload["measures"]:
        split = m["integrations_by_year"]
        assert list(split) == keys
        assert sum(split.values()) == pytest.approx(m["integrations"], abs=1e-9)
        for k in keys:
            total[k] += split[k]
    assert payload["integrations_by_year"] == pytest.approx(total)
    assert sum(total.values()) == pytest.approx(payload["integrations"])
    # long measures fall later: Umschulungen (24 months) produce nothing in 2020, § 16i (47 months) only after 2022
    by_id = {m["id"]: m for m in payload["measures"]}
    assert by_id["hf1-fbw-umschulung"]["integrations_by_year"]["2020"] == 0.0
    assert by_id["hf2-16i"]["integrations_by_year"]["2023+"] == pytest.approx(by_id["hf2-16i"]["integrations"])


def test_the_quota_is_the_plan_years_48a_count_over_the_elb(payload):
    """Recomputed from the data: each measure's entries (from the JSON) × its § 48a value per entry
    (1 at entry, 0, or the gross rate; effects table) × the share of the plan year on a fine grid of
    the entry months, summed, ÷ 47.232 eLb (seed L1283-1285)."""
    case = load_scenario()
    p = case.planning
    want = 0.0
    for m in payload["measures"]:
        if not m["entries"]:
            continue
        measure = case.measure(m["id"])
        mode = measure.effects.kennzahl_mode
        per_entry = {"entry": 1.0, "none": 0.0}.get(mode, m["effects"]["gross"])
        kind = "at_entry" if mode == "entry" else "from_entry" if m["instrument_type"] in FROM_ENTRY_TYPES \
            else "after_exit"
        share = grid_shares(kind, p.of(m["id"]).duration_months, p.start_month(m["id"]), 3)[0]
        want += m["entries"] * per_entry * share
    q = payload["integration_quota"]
    assert q["elb"] == 47232 and "L1283-1285" in q["elb_source"]
    assert q["integrations_in_year"] == pytest.approx(want, rel=2e-3)
    assert q["quota"] == pytest.approx(q["integrations_in_year"] / 47232, rel=1e-12)
    assert q["by_year"]["2020"] == q["integrations_in_year"]
    # all years together are the plan's § 48a count (effects.kennzahl)
    assert sum(q["by_year"].values()) == pytest.approx(payload["effects"]["kennzahl"]["value"])
    # the published K2 of Duisburg's row in the national index, with its basis and source
    assert q["published_quota"] == pytest.approx(0.21) and "NW" in q["published_basis"] and q["published_source"]


def test_the_terminal_says_contribution_and_names_both_integration_counts():
    r = run("optimize", "--draws", "0")
    assert r.exit_code == 0
    out = " ".join(r.stdout.split())
    assert "Integrationen der Eintrittskohorte (brutto) nach dem Jahr, in dem sie geschehen: 2020" in out
    assert f"Beitrag der Eintritte 2020 zur {T.IQ}:" in out
    assert "ein Beitrag, nicht die Quote" in out and "47.232 eLb im Jahresdurchschnitt" in out
    assert f"Veröffentlichte {T.IQ} zum Vergleich: 21,0 %" in out
    assert "im Jahr 2020" in out and "Kohorte = Integrationen der Eintrittskohorte 2020" in out


def test_the_workbook_has_the_split_and_the_quota(tmp_path, payload):
    out = tmp_path / "plan.xlsx"
    assert run("optimize", "--draws", "0", "--output", out).exit_code == 0
    ws = openpyxl.load_workbook(out)["Integrationen nach Jahr"]
    head = [c.value for c in ws[1]]
    assert head[3:] == ["Integrationen der Eintrittskohorte 2020", "im Jahr 2020", "im Jahr 2021", "im Jahr 2022",
                        "2023 und später"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True) if r[0]}
    umschulung = rows["hf1-fbw-umschulung"]
    assert umschulung[4] == 0 and sum(umschulung[4:8]) == pytest.approx(umschulung[3])
    quota = {r[0]: r for r in openpyxl.load_workbook(out)["Integrationsquote"].iter_rows(min_row=2, values_only=True)}
    assert quota["Beitrag zur Integrationsquote 2020"][1] == pytest.approx(payload["integration_quota"]["quota"])
    assert quota["eLb im Jahresdurchschnitt"][1] == 47232
    assert "Z. 1283" in quota["eLb im Jahresdurchschnitt"][2]
    assert quota[f"veröffentlichte {T.IQ}"][1] == pytest.approx(0.21)


def test_one_cited_label_for_the_integrationsquote(tmp_path):
    """Trial finding 12: the Integrationsquote (K2) and its denominator are § 48a SGB II (Kennzahlen-VO § 5 Abs. 1);
    § 48b (Zielvereinbarungen) only uses the Kennzahlen. Every text that names the quota's law says § 48a,
    through the one label T.IQ, and none says § 48b."""
    assert T.IQ == "Integrationsquote (K2, § 48a SGB II)" and T.IQ in T.IQ_DENOMINATOR
    texts = [v for v in vars(T).values() if isinstance(v, str) and "Integrationsquote" in v]
    assert texts and not [t for t in texts if "48b" in t]
    outputs = [run("optimize", "--draws", "0").stdout, run("optimize", "--draws", "0", "--case",
                                                            DATA_DIR / "konstanz-2020").stdout,
               run("init", tmp_path / "k", "--jobcenter", "63402").output]
    for out in outputs:
        flat = " ".join(out.split())
        assert "48b" not in flat and T.IQ in flat
    assert T.INIT_ELB.split("{")[0] in " ".join(outputs[2].split())   # the eLb line of init names the denominator


# --------------------------------------------------------------------------- bad eLb figures
@pytest.fixture()
def duisburg_copy(tmp_path) -> Path:
    """The shipped data folder copied (the case points to ../rates.csv), to edit case.yaml."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("national", "*.xlsx"))
    return data / "duisburg-2020"


def _set_elb(folder: Path, value) -> None:
    path = folder / "case.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw["kennzahlen"]["elb_average"]["value"] = value
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("value", [0, -47232, "viele"])
def test_a_bad_elb_in_case_yaml_names_file_and_key(duisburg_copy, tmp_path, value):
    _set_elb(duisburg_copy, value)
    out = tmp_path / "p.xlsx"
    r = run("optimize", "--case", duisburg_copy, "--output", out)
    assert r.exit_code == 2 and "Traceback" not in r.output and not out.exists()
    assert r.stderr.startswith("Fehler: ")
    assert "case.yaml" in r.stderr and "elb_average" in r.stderr


def test_without_an_elb_the_count_is_shown_and_the_quota_left_out(duisburg_copy):
    path = duisburg_copy / "case.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    del raw["kennzahlen"]
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    d = json.loads(run("optimize", "--case", duisburg_copy, "--format", "json", "--draws", "0").stdout)
    assert d["integration_quota"]["quota"] is None and d["integration_quota"]["integrations_in_year"] > 0
    r = run("optimize", "--case", duisburg_copy, "--draws", "0")
    assert "fehlt die Zahl der eLb im Jahresdurchschnitt" in " ".join(r.stdout.split())


@pytest.mark.parametrize("value", ["0", "-5", "viele", "nan"])
def test_init_with_a_bad_elb_exits_2_and_writes_nothing(tmp_path, value):
    r = run("init", tmp_path / "x", "--elb", value)
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "--elb" in r.stderr and "keine Zahl von eLb > 0" in r.stderr
    assert not (tmp_path / "x").exists()


def test_init_writes_the_elb_with_its_provenance(tmp_path):
    assert run("init", tmp_path / "own", "--elb", "47.232").exit_code == 0
    frame = {r[0]: r for r in openpyxl.load_workbook(tmp_path / "own" / "massnahmen.xlsx")["Rahmendaten"]
             .iter_rows(values_only=True) if r and r[0]}
    assert frame["kennzahlen.elb_average"][2] == 47232 and "--elb" in frame["kennzahlen.elb_average"][4]
    r = run("init", tmp_path / "bo", "--jobcenter", "Bochum")
    assert r.exit_code == 0 and "eLb im Jahresdurchschnitt" in r.stderr
    frame = {r[0]: r for r in openpyxl.load_workbook(tmp_path / "bo" / "massnahmen.xlsx")["Rahmendaten"]
             .iter_rows(values_only=True) if r and r[0]}
    value, source = frame["kennzahlen.elb_average"][2], frame["kennzahlen.elb_average"][4]
    assert source.startswith("ESTIMATE") and "3,718 Mio. eLb" in source
    bochum = find_jobcenter("32102")   # the key share of the EinglMV annexes × the national eLb
    assert value == round(3.718e6 * (bochum.egl_share_pct_gsq + bochum.egl_share_pct_lzb) / 2 / 100)


def test_a_bad_elb_in_the_rahmendaten_sheet_names_the_sheet_and_key(tmp_path):
    folder = tmp_path / "bo"
    assert run("init", folder, "--jobcenter", "Bochum").exit_code == 0
    for value, words in ((-1, "elb_average"), ("viele", "Rahmendaten!")):
        wb = openpyxl.load_workbook(folder / "massnahmen.xlsx")
        ws = wb["Rahmendaten"]
        row = next(c.row for c in ws["A"] if c.value == "kennzahlen.elb_average")
        ws.cell(row=row, column=3).value = value
        wb.save(folder / "massnahmen.xlsx")
        r = run("optimize", "--case", folder)
        assert r.exit_code == 2 and "Traceback" not in r.output, r.output
        assert "massnahmen.xlsx" in r.stderr and words in r.stderr, r.stderr


def test_the_vorlage_sentence_carries_the_results_figures():
    from amip.export.vorlage import quota_sentence
    from amip.models.fmt import fixed, num
    from amip.optimizer.solve import optimize

    r = optimize(load_scenario())
    text = quota_sentence(r)
    q = r.integration_quota
    assert f"Von ihnen geschehen {num(r.integrations_by_year['2020'])} im Jahr 2020 selbst" in text
    assert f"{fixed(q['quota'] * 100, 1)} % zur Integrationsquote 2020" in text and "47.232 eLb" in text
    assert "veröffentlicht 21,0 %" in text and "nur sein Beitrag" in text


def test_the_terminal_cites_the_elb_and_the_published_quota():
    out = " ".join(run("optimize", "--draws", "0").stdout.split())
    block = out.split(f"Quellen zur {T.IQ}:")[1]
    assert "Z. 1283–1285" in block and "47.232" in block and "K2 der Frauen NRW" in block
