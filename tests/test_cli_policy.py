"""The commitments on the command line: the default run keeps them and prices each, --no-policy
shows the optimum without them, the 2025 rules scenario solves."""
from __future__ import annotations

import json

import openpyxl
import pytest
from click.testing import CliRunner

from amip.cli import main
from amip.models.check import check_allocation
from amip.scenarios import load_scenario
from tests.conftest import scipy_optimum


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_optimize_json_lists_every_commitment_with_its_price():
    d = json.loads(run("optimize", "--format", "json").stdout)
    case = load_scenario()
    assert d["objective"] == pytest.approx(scipy_optimum(case), rel=1e-9)
    names = {p["name"] for p in d["policy"]}
    assert {c.name for c in case.policy.commitments} | {"link__hf2_16i_coaching"} == names
    for p in d["policy"]:
        assert {"name", "source", "binding", "price_integrations", "price_dual_estimate", "label"} <= set(p)
        assert p["source"] and p["price_integrations"] is not None and p["price_integrations"] >= 0
    assert d["policy_enabled"] is True and d["policy_total"]["price_integrations"] > 0
    assert d["links"][0]["empty_prebought_places"] == pytest.approx(0.0, abs=1e-9)


def test_no_policy_gives_the_old_optimum_and_reports_the_empty_coaching(case):
    r = run("optimize", "--no-policy", "--format", "json")
    d = json.loads(r.stdout)
    assert d["objective"] == pytest.approx(scipy_optimum(case), rel=1e-9)   # the case without commitments
    assert d["policy_enabled"] is False and not any(p["active"] for p in d["policy"])
    assert {p["name"]: p["kept"] for p in d["policy"]}["p16i_zusage"] is False
    assert d["links"][0]["empty_prebought_places"] == pytest.approx(198.0)
    table = run("optimize", "--no-policy").stdout
    assert "hf2-16i-coaching: 198 Plätze bezahlt, 0 Teilnehmende" in table
    assert "ausgeschaltet" in table


def test_the_table_and_the_workbook_show_the_prices(tmp_path):
    out = run("optimize").stdout
    assert "Zusage § 16i: 150 bis 198 Neueintritte: bindet nicht, kostet für sich nichts" in out
    assert "Alle Zusagen zusammen kosten" in out and "Die Kopplung hf2-16i-coaching → hf2-16i kostet " in out
    path = tmp_path / "p.xlsx"
    assert run("optimize", "--output", str(path)).exit_code == 0
    ws = openpyxl.load_workbook(path)["Zusagen"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True) if r[0]}
    d = json.loads(run("optimize", "--format", "json").stdout)
    for p in d["policy"]:   # the link too: priced on its own, like a commitment
        assert rows[p["name"]][8] == pytest.approx(p["price_integrations"])


def test_sensitivity_shows_the_commitments(tmp_path):
    xlsx, html = tmp_path / "s.xlsx", tmp_path / "s.html"
    r = run("sensitivity", "--draws", "20", "--points", "5", "--quiet", "--output", str(xlsx), "--html", str(html),
            "--format", "json")
    d = json.loads(r.stdout)
    assert {p["name"] for p in d["policy"]} >= {"p16i_zusage", "p16e_verdoppelung"}
    assert "Zusagen" in openpyxl.load_workbook(xlsx).sheetnames
    text = html.read_text(encoding="utf-8")
    assert "Zusagen (Politik) und ihr Preis" in text and "p16i_zusage" in text


def test_evaluate_and_compare_take_no_policy():
    d = json.loads(run("evaluate", "--no-policy", "--format", "json").stdout)
    assert d["policy_enabled"] is False
    d = json.loads(run("evaluate", "--format", "json").stdout)   # the seed plan keeps its own commitments
    assert all(p["kept"] for p in d["policy"] if p["kind"] != "link")
    r = run("compare", "base", "rules-2025", "--no-policy", "--format", "json")
    assert r.exit_code == 0
    assert all(s["policy_enabled"] is False for s in json.loads(r.stdout)["scenarios"])


def test_rules_2025_solves_and_is_verified():
    case = load_scenario("rules-2025")
    d = json.loads(run("optimize", "--scenario", "rules-2025", "--format", "json").stdout)
    assert d["year"] == 2025 and d["objective"] == pytest.approx(scipy_optimum(case), rel=1e-9)
    new = {m["id"]: m["new_entries"] for m in d["measures"] if m["budget_basis"] in ("new", "mixed")}
    assert check_allocation(case, new) == []
    referred = set(case.rules.referral.instrument_types)
    fbw = [m for m in d["measures"] if m["instrument_type"] in referred]
    assert fbw and all(m["budget_basis"] == "outside" and m["cost"] == 0 for m in fbw)
    assert all(m["entries"] == pytest.approx(m["planned_entries"]) for m in fbw)
    # the SB measures keep their money and stay the jobcenter's choice (seed L3992-3999)
    sb = [m for m in d["measures"] if m["id"] in ("qa-sb-az", "qa-sb-pb", "qa-sb-egz")]
    assert len(sb) == 3 and all(m["budget_basis"] == "new" and m["gross_cost_per_entry"] > 0 for m in sb)
    base = load_scenario()
    # no cut of the EGT: EinglMV 2025 § 1 Abs. 1 adds the 311 + 50 M€ to Titel 685 11 for old cases
    assert d["budget"]["limit"] == pytest.approx(base.budget.neufallbudget_eur)
    assert case.budget.egt_zuteilung_eur == pytest.approx(base.budget.egt_zuteilung_eur)
    assert "fbw_abschluss" not in {p["name"] for p in d["policy"]}   # nothing left for it to bind


def test_a_bad_commitment_exits_2_naming_file_and_key(tmp_path):
    path = tmp_path / "b.yaml"
    path.write_text("name: b\npolicy:\n  commitments:\n    x: {measure: nope, min_entries: 1, source: t}\n",
                    encoding="utf-8")
    r = CliRunner().invoke(main, ["optimize", "--scenario", str(path)])
    assert r.exit_code == 2 and "b.yaml" in r.output and "policy.commitments.x.measure" in r.output
    assert "Traceback" not in r.output


def test_a_plan_made_without_the_commitments_is_scored_without_them(tmp_path):
    # --no-policy is a recorded option: evaluate --plan re-applies it (else the plan would break the
    # seed's promises it was never asked to keep)
    plan = tmp_path / "p.xlsx"
    assert run("optimize", "--no-policy", "--output", str(plan)).exit_code == 0
    d = json.loads(run("evaluate", "--plan", str(plan), "--format", "json").stdout)
    assert d["policy_enabled"] is False and d["violations"] == []
    assert abs(d["plan"]["delta_objective"]) < 1e-9
    with_policy = tmp_path / "q.xlsx"
    assert run("optimize", "--output", str(with_policy)).exit_code == 0
    d = json.loads(run("evaluate", "--plan", str(with_policy), "--format", "json").stdout)
    assert d["policy_enabled"] is True and d["violations"] == []
