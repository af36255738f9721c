"""`amip national`: exit codes, the JSON contract, bad input (exit 2, German, no traceback)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from amip.cli import main

SMALL = ["national", "--search", "Vorpommern", "--workers", "0", "--quiet"]


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_json_contract():
    r = run(*SMALL, "--draws", "3", "--format", "json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["jobcenters"] == 3
    assert set(d["totals"]) >= {"integrations", "spend_eur", "unspent_eur"}
    for p in d["per_jobcenter"]:
        assert set(p) >= {"traeger_nr", "name", "budget_eur", "integrations", "spend_eur"}
    assert set(d["joint"]) >= {"objective", "separate_objective", "budget_moves"}
    assert d["joint"]["objective"] >= d["joint"]["separate_objective"] - 1e-6
    assert d["totals"]["integrations"] == pytest.approx(sum(p["integrations"] for p in d["per_jobcenter"]))
    assert any("ESTIMATE" in n for n in d["notes"])
    assert d["effect"] == "gross" and set(d["totals"]["effects"]) == {"gross", "net", "kennzahl"}
    assert all(set(p["effects"]) == {"gross", "net", "kennzahl"} for p in d["per_jobcenter"])


def test_effect_net():
    r = run(*SMALL, "--effect", "net", "--format", "json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["effect"] == "net"
    assert d["totals"]["objective"] == pytest.approx(d["totals"]["effects"]["net"])
    assert d["joint"]["separate_objective"] == pytest.approx(d["totals"]["effects"]["net"])


def test_output_folder(tmp_path):
    r = run(*SMALL, "--output", str(tmp_path / "o"))
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["jobcenters.parquet", "national.xlsx"]
    again = run(*SMALL, "--output", str(tmp_path / "o"))
    assert again.exit_code == 2 and "--force" in again.output


def test_own_case_folder_replaces_the_derived_one(tmp_path):
    assert run("init", str(tmp_path / "vg"), "--jobcenter", "03002").exit_code == 0
    r = run(*SMALL, "--cases", str(tmp_path / "vg"), "--format", "json", "--no-joint")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    src = {p["traeger_nr"]: p["source"] for p in d["per_jobcenter"]}
    assert src["03002"] == "own" and list(src.values()).count("derived") == 2
    assert d["joint"] is None


@pytest.mark.parametrize("args, words", [
    (["--search", "Atlantis"], "kein Jobcenter passt"),
    (["--land", "XY"], "unbekanntes Land"),
    (["--total", "abc"], "kein Betrag"),
    (["--total", "-5"], "kein Betrag"),
    (["--scenario", "no-such-scenario"], "no-such-scenario"),
])
def test_bad_input_exits_2(args, words):
    r = run("national", "--workers", "0", "--quiet", *args)
    assert r.exit_code == 2, r.output
    assert words in r.output
    assert "Traceback" not in r.output


def test_unreachable_scheduler_exits_2(monkeypatch):
    monkeypatch.setattr("amip.national.run.SCHEDULER_TIMEOUT", "1s")
    r = run("national", "--search", "Vorpommern-Rügen", "--scheduler", "tcp://127.0.0.1:9", "--quiet")
    assert r.exit_code == 2, r.output
    assert "kein Dask-Scheduler erreichbar" in r.output


def test_missing_extra_exits_2_with_the_install_line(monkeypatch):
    monkeypatch.setattr("amip.national.run.dask_missing", lambda: "distributed")
    r = run(*SMALL)
    assert r.exit_code == 2
    assert "pip install 'amip-optimizer[national]'" in r.output


def test_workers_and_scheduler_exclude_each_other():
    r = run("national", "--workers", "2", "--scheduler", "tcp://127.0.0.1:9", "--quiet")
    assert r.exit_code == 2 and "schließen sich aus" in r.output


def test_several_scenarios():
    r = run(*SMALL, "--scenario", "base", "--scenario", "budget-cut-10", "--format", "json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert list(d["scenarios"]) == ["base", "budget-cut-10"]
    assert len(d["per_jobcenter"]) == 6
    cut, base = d["scenarios"]["budget-cut-10"], d["scenarios"]["base"]
    assert cut["budget_eur"] == pytest.approx(0.9 * base["budget_eur"], rel=1e-6)
    assert cut["integrations"] < base["integrations"]
    assert d["totals"]["integrations"] == base["integrations"]   # the first scenario heads the result
