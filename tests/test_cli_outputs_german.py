"""Issue 23, item 3: German in every cell a person reads. The English scan of the terminal (test_cli_terminal)
run over every workbook the product writes (each sheet's cells), the German CSV, the Vorlage HTML, the
sensitivity, ist and replan HTML and the national workbook; machine values (Budgetbasis 'prebought',
Art 'statutory', Einheit 'entries', link 'at_most'), the markers ESTIMATE/POLICY and seed/section citations
must not be what a reader sees. JSON and the plain CSV keep them (tested in their own modules)."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from amip.cli import main
from tests.test_cli_terminal import CODE, ENGLISH, NAMES

EX9 = "amip/data/duisburg-2020/ist-2020-09.xlsx"
#: words of the data files' English sources and of machine values, beyond the terminal's list
MORE_ENGLISH = {"prebought", "statutory", "new", "mixed", "outside", "planned", "months", "policy", "estimate", "own",
                "assumption", "under", "caseload", "persons", "infeasible", "evaluated", "gross", "rounded", "people",
                "activation", "support", "fee", "paid", "after", "lasts", "runs", "training", "without", "judgement",
                "knowledge", "bound", "upper", "lower", "link", "case", "field", "places", "weeks", "year", "years",
                "share", "fallback"}
#: a whole cell that is one of these is a machine value, not German
MACHINE_VALUES = {"prebought", "new", "mixed", "outside", "prior_year", "statutory", "field_min", "pool", "policy",
                  "link", "bound", "budget", "pat", "soft", "commitment", "group", "entries", "EUR",
                  "at_most", "exactly",
                  "optimal_state", "infeasible", "evaluated", "gross", "net", "kennzahl", "ESTIMATE", "POLICY"}
#: columns that name the machine keys on purpose: the template's key column ('id', 'field', …) and the
#: Rahmendaten key column ('year', 'budget.egt_zuteilung_eur'); a planner may type either spelling
KEY_COLUMNS = ("Spaltenname (englisch", "Schlüssel")


def _run(*args: str) -> None:
    r = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert r.exit_code in (0, 3), r.output


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("german")
    _run("optimize", "--output", str(d / "plan.xlsx"))
    _run("evaluate", "--output", str(d / "evaluate.xlsx"))
    _run("compare", "base", "downturn-severe", "--output", str(d / "compare.xlsx"))
    _run("sensitivity", "--draws", "20", "--points", "5", "--quiet", "--output", str(d / "sensitivity.xlsx"),
         "--html", str(d / "sensitivity.html"))
    _run("tradeoff", "integrations", "lzb", "--points", "3", "--output", str(d / "tradeoff.xlsx"))
    _run("ist", "--actuals", EX9, "--output", str(d / "ist.xlsx"), "--html", str(d / "ist.html"))
    _run("replan", "--actuals", EX9, "--month", "9", "--output", str(d / "replan.xlsx"), "--html",
         str(d / "replan.html"))
    _run("template", "--output", str(d / "template.xlsx"))
    _run("optimize", "--scenario", "tests/data/infeasible.yaml", "--output", str(d / "diagnosis.xlsx"))
    _run("report", "--output", str(d / "vorlage.html"), "--draws", "20")
    _run("national", "--land", "HB", "--workers", "0", "--quiet", "--output", str(d / "national"))
    r = CliRunner().invoke(main, ["optimize", "--format", "csv", "--dialect", "de"], catch_exceptions=False)
    (d / "plan-de.csv").write_text(r.stdout, encoding="utf-8")
    return d


def english(text: str, markers: bool = True) -> list[str]:
    hits = []
    for line in text.splitlines():
        words = re.findall(r"[A-Za-z]+", CODE.sub(" ", line))
        hits += [f"[{w}] {line.strip()[:160]}" for w in words
                 if w.lower() in ENGLISH | MORE_ENGLISH and w not in NAMES and not w.isupper()]
        if markers and re.search(r"\b(ESTIMATE|POLICY)\b|\bSeed L\d|\bdomain\.md\b", line):
            hits.append(f"[marker/citation] {line.strip()[:160]}")
    return hits


def workbook_hits(path: Path) -> list[str]:
    """English words, machine values, markers and seed citations in any cell; the template, a form the planner
    fills in, keeps the markers ESTIMATE/POLICY its explanation asks for (they mark a typed source)."""
    markers = path.name != "template.xlsx"
    hits = []
    for ws in openpyxl.load_workbook(path).worksheets:
        keys = {c.column for c in ws[ws.min_row] if isinstance(c.value, str) and c.value.startswith(KEY_COLUMNS)}
        for head in ws.iter_rows(max_row=3):   # the Rahmendaten table starts under a title
            keys |= {c.column for c in head if isinstance(c.value, str) and c.value.startswith(KEY_COLUMNS)}
        for row in ws.iter_rows():
            for c in row:
                if not isinstance(c.value, str) or c.value.startswith("=") or c.column in keys:
                    continue
                where = f"{path.name}!{ws.title}!{c.coordinate}"
                if c.value.strip() in MACHINE_VALUES:
                    hits.append(f"{where}: machine value {c.value!r}")
                hits += [f"{where}: {h}" for h in english(c.value, markers)]
    return hits


WORKBOOKS = ("plan", "evaluate", "compare", "sensitivity", "tradeoff", "ist", "replan", "template", "diagnosis")


@pytest.mark.parametrize("name", WORKBOOKS)
def test_every_cell_of_every_workbook_is_german(outputs, name):
    assert workbook_hits(outputs / f"{name}.xlsx") == []


def test_the_national_workbook_is_german(outputs):
    assert workbook_hits(outputs / "national" / "national.xlsx") == []


@pytest.mark.parametrize("name", ["vorlage", "sensitivity", "ist", "replan"])
def test_every_html_report_is_german(outputs, name):
    text = (outputs / f"{name}.html").read_text(encoding="utf-8")
    text = re.sub(r"<script.*?</script>|<style.*?</style>", " ", text, flags=re.DOTALL)
    assert english(html.unescape(re.sub(r"<[^>]+>", "\n", text))) == []


def test_the_german_csv_is_german_and_the_plain_one_keeps_its_keys(outputs):
    text = (outputs / "plan-de.csv").read_text(encoding="utf-8-sig")
    cells = [cell for line in text.splitlines() for cell in line.split(";")]
    assert english(text) == [] and not MACHINE_VALUES & {c.strip('"') for c in cells}
    plain = CliRunner().invoke(main, ["optimize", "--format", "csv"]).stdout
    assert plain.startswith("id,field,name,") and ",prebought," in plain and "[ESTIMATE]" in plain


def test_a_plan_workbook_in_german_still_scores_back(outputs):
    """The Eingaben sheet names files and the effect measure in German; evaluate --plan reads them back."""
    inputs = {r[0]: r[1] for r in openpyxl.load_workbook(outputs / "plan.xlsx")["Eingaben"].iter_rows(values_only=True)}
    assert "Datei: Maßnahmentabelle" in inputs and "Datei: measures" not in inputs
    assert inputs["Wirkungsmaß (--effect)"] == "brutto"
    r = CliRunner().invoke(main, ["evaluate", "--plan", str(outputs / "plan.xlsx"), "--format", "json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["effect"] == "gross"
