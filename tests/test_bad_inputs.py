"""The bad-input corpus (tests/data/bad/): every case gets a clear message naming the file and the row
or key, a non-zero exit, no traceback, and no output file written, new or old."""
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from amip.cli import main
from tests.conftest import DUISBURG_CASE

DATA = Path(__file__).parent / "data"
BAD = DATA / "bad"
CASES = yaml.safe_load((BAD / "cases.yaml").read_text(encoding="utf-8"))


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_the_corpus_has_at_least_30_cases_and_every_file_is_used():
    assert len(CASES) >= 30
    used = {c["file"] for c in CASES} | {"cycle-b.yaml", "cases.yaml"}
    assert used == {p.name for p in BAD.iterdir()}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_bad_input(case, tmp_path):
    path = BAD / case["file"]
    new, old = tmp_path / "new.xlsx", tmp_path / "old.xlsx"
    old.write_bytes(b"the planner's earlier workbook")
    for out, extra in ((new, []), (old, ["--force"])):
        frame = ["--case", DUISBURG_CASE] if case["option"] == "--measures" else []
        r = run("optimize", *frame, case["option"], path, "--output", out, *extra)
        assert r.exit_code == 2, r.output
        err = r.stderr
        assert err.startswith("Fehler: ") and "Traceback" not in r.output
        named = {case["file"], "cycle-b.yaml"} if case["id"] == "yaml-cycle" else {case["file"]}
        assert any(n in err for n in named), err
        for words in case["expect"]:
            assert words in err, (words, err)
        assert r.stdout == ""
    assert not new.exists()
    assert old.read_bytes() == b"the planner's earlier workbook"
    assert [p.name for p in tmp_path.iterdir()] == ["old.xlsx"]   # no temporary file left either


@pytest.mark.parametrize("name", ["bom.csv", "german-semicolon.csv"])
def test_bom_semicolons_and_german_decimals_are_accepted(name):
    import json

    plain = json.loads(run("optimize", "--case", DUISBURG_CASE, "--measures", DATA / "odd" / "plain.csv",
                           "--format", "json").stdout)
    odd = json.loads(run("optimize", "--case", DUISBURG_CASE, "--measures", DATA / "odd" / name,
                         "--format", "json").stdout)
    assert odd["objective"] == plain["objective"]
    assert [m["cost_per_entry"] for m in odd["measures"]] == [m["cost_per_entry"] for m in plain["measures"]]


@pytest.mark.parametrize("value", ["0", "-5", "1e30", "viel", "35,085,957"])
def test_bad_budget_option(value, tmp_path):
    r = run("optimize", "--budget", value, "--output", tmp_path / "x.xlsx")
    assert r.exit_code == 2 and "--budget" in r.output and "Traceback" not in r.output
    assert not (tmp_path / "x.xlsx").exists()


def test_output_in_a_missing_folder(tmp_path):
    r = run("optimize", "--output", tmp_path / "nope" / "plan.xlsx")
    assert r.exit_code == 2 and "Ausgabeordner" in r.stderr and "existiert nicht" in r.stderr


def test_existing_output_without_force_is_untouched(tmp_path):
    old = tmp_path / "plan.xlsx"
    old.write_bytes(b"keep me")
    r = run("optimize", "--output", old)
    assert r.exit_code == 2 and "mit --force" in r.stderr and old.read_bytes() == b"keep me"


def test_output_that_is_not_a_workbook_or_a_folder(tmp_path):
    assert run("optimize", "--output", tmp_path / "plan.csv").exit_code == 2
    r = run("optimize", "--output", tmp_path)
    assert r.exit_code == 2 and "Traceback" not in r.output


def test_read_only_output_folder(tmp_path):
    import os

    if os.geteuid() == 0:   # root may write into a 0555 folder; /proc refuses everyone
        target = Path("/proc/amip-plan.xlsx")
    else:
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o555)
        target = ro / "plan.xlsx"
    r = run("optimize", "--output", target)
    assert r.exit_code == 2 and "Traceback" not in r.output and str(target) in r.stderr
    assert not target.exists()


def test_measures_path_is_a_folder_or_missing(tmp_path):
    r = run("optimize", "--case", DUISBURG_CASE, "--measures", tmp_path)
    assert r.exit_code == 2 and "Traceback" not in r.output
    r = run("optimize", "--case", DUISBURG_CASE, "--measures", tmp_path / "gone.csv")
    assert r.exit_code == 2 and "gone.csv: Maßnahmentabelle nicht gefunden" in r.stderr


@pytest.mark.parametrize("where", ["solve", "write"])
def test_ctrl_c_leaves_no_file_and_keeps_the_old_one(where, tmp_path, monkeypatch):
    import amip.export.excel as excel
    import amip.optimizer.solve as solve

    def interrupt(*a, **k):
        raise KeyboardInterrupt

    if where == "solve":
        monkeypatch.setattr(solve, "_solve", interrupt)
    else:
        monkeypatch.setattr(excel, "_fill", interrupt)
    old = tmp_path / "plan.xlsx"
    old.write_bytes(b"earlier plan")
    r = run("optimize", "--output", old, "--force")
    assert r.exit_code == 130 and "Abgebrochen" in r.stderr
    assert old.read_bytes() == b"earlier plan" and [p.name for p in tmp_path.iterdir()] == ["plan.xlsx"]
    r = run("optimize", "--output", tmp_path / "new.xlsx")
    assert r.exit_code == 130 and not (tmp_path / "new.xlsx").exists()
