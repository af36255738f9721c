"""`amip report`: the decision paper as HTML and PDF; bad output paths and infeasible cases as every command."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from amip.cli import main

INFEASIBLE = str(Path(__file__).parent / "data" / "infeasible.yaml")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_report_writes_html_and_refuses_bad_outputs_before_any_work(tmp_path):
    out = tmp_path / "vorlage.html"
    r = run("report", "--output", out, "--draws", "20")
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    r = run("report", "--output", out, "--draws", "0")
    assert r.exit_code == 2 and "--force" in r.output
    r = run("report", "--output", tmp_path / "vorlage.docx")
    assert r.exit_code == 2 and ".html oder .pdf" in r.output and "Traceback" not in r.output
    r = run("report", "--output", tmp_path / "no" / "such" / "vorlage.pdf")
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vorlage.html"]


def test_an_infeasible_case_gives_exit_3_and_no_file(tmp_path):
    r = run("report", "--scenario", INFEASIBLE, "--output", tmp_path / "v.pdf", "--draws", "0")
    assert r.exit_code == 3
    assert list(tmp_path.iterdir()) == []
