"""Issue 17, part A: every word a user reads is German, and the terminal output fits its width.

The scan runs every command's help (walked from the click group, so a new command is scanned too),
the default text outputs, the main error paths, --explain, an infeasible diagnosis and every shipped
scenario, and looks for English words outside code identifiers, file names, options and quotes."""
from __future__ import annotations

import json
import re

import click
import openpyxl
import pytest
from click.testing import CliRunner

from amip.cli import main
from amip.scenarios.loader import scenario_rows

EX9 = "amip/data/duisburg-2020/ist-2020-09.xlsx"
ENGLISH = {"the", "and", "with", "must", "not", "is", "are", "should", "nothing", "file", "row", "column", "error",
           "warning", "found", "which", "would", "each", "has", "have", "been", "only", "this", "that", "binds",
           "unspent", "entries", "of", "to", "for", "by", "from", "at", "or", "no", "yes", "on", "its", "it", "be",
           "can", "cannot", "measure", "measures", "target", "targets", "rate", "rates", "see", "use", "shows",
           "given", "missing", "unknown", "invalid", "when", "than", "more", "less", "one", "all", "usage",
           "options", "commands", "show", "exit", "message", "written", "output", "interrupted", "scenario",
           "required"}
#: identifiers, paths, options, quoted values and hyphenated keys are code, not sentences
CODE = re.compile(r"\S*[_/\\.:=@#|<>][\S]*|--[\w-]+|'[^']*'|\"[^\"]*\"|`[^`]*`|\b\w+-\w[\w-]*|\[[a-z|]+\]")


def run(*args, width: int = 100, **kw):
    return CliRunner().invoke(main, list(args), catch_exceptions=False, env={"COLUMNS": str(width)}, **kw)


def english_words(text: str, commands: set[str]) -> list[tuple[str, str]]:
    hits = []
    for line in text.splitlines():
        for word in re.findall(r"[A-Za-z]+", CODE.sub(" ", line)):
            if word.lower() in ENGLISH and word not in commands and not word.isupper():   # BY, NW: Länder
                hits.append((word, line.strip()))
    return hits


def _command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = [prefix]
    for name, cmd in group.commands.items():
        out += _command_paths(cmd, prefix + (name,)) if isinstance(cmd, click.Group) else [prefix + (name,)]
    return out


COMMANDS = _command_paths(main)
USAGE_WORDS = {"OPTIONEN", "ORDNER", "SUCHE", "SZENARIO", "ZIEL_A", "ZIEL_B", "BEFEHL", "ARGUMENTE", "NAME", "DATEI"}
NAMES = {p[-1] for p in COMMANDS if p}


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "amip")
def test_every_help_is_german(path):
    r = run(*path, "--help")
    assert r.exit_code == 0 and ("Aufruf:" in r.output and "Optionen:" in r.output), r.output
    assert english_words(r.output, NAMES) == []
    assert "required" not in r.output   # click's "[required]" (ist, replan, report); CODE takes "[…]" for code
    # the usage line's placeholders too (english_words leaves capitals alone: 'FOLDER' was shown)
    usage = next(line for line in r.output.splitlines() if line.startswith("Aufruf:"))
    assert set(re.findall(r"[A-Z][A-Z_]+", usage)) <= USAGE_WORDS, usage


OUTPUTS = [
    ("optimize", "--explain"),
    ("evaluate",),
    ("evaluate", "--budget", "20000000"),
    ("compare", "base", "downturn-mild"),
    ("tradeoff", "integrations", "lzb", "--points", "3"),
    ("sensitivity", "--draws", "20", "--points", "5", "--quiet"),
    ("scenarios", "list"),
    ("jobcenters", "Duisburg"),
    ("ist", "--actuals", EX9),
    ("replan", "--actuals", EX9, "--month", "9"),
    ("optimize", "--objective", "integrations=1,llu=0,0002", "--draws", "0"),
]
ERRORS = [
    ("optimize", "--scenario", "tests/data/infeasible.yaml"),   # the diagnosis
    ("optimize", "--goal", "integrations>=99999", "--draws", "0"),
    ("optimize", "--measures", "nope.csv"),
    ("optimize", "--budget", "abc"),
    ("optimize", "--bogus"),
    ("optimize", "--format", "xml"),
    ("optimize", "--goal", "jobs>=3"),
    ("optimize", "--goal", "integrations>=4000", "--objective", "lzb"),
    ("optimize", "--output", "plan.txt"),
    ("compare", "base"),
    ("sensitivity", "--budget-range", "150:50"),
    ("ist", "--actuals", "nope.xlsx"),
    ("nosuchcommand",),
]


@pytest.mark.parametrize("args", OUTPUTS + ERRORS, ids=" ".join)
def test_outputs_and_errors_are_german(args, tmp_path):
    r = CliRunner().invoke(main, list(args), catch_exceptions=False, env={"COLUMNS": "100"})
    assert r.exit_code in (0, 2, 3), r.output
    assert "Traceback" not in r.output
    assert english_words(r.output, NAMES) == []


@pytest.mark.parametrize("name", [row["name"] for row in scenario_rows()])
def test_every_shipped_scenario_is_shown_in_german(name):
    r = run("scenarios", "show", name)
    assert r.exit_code == 0
    assert english_words(r.output, NAMES) == []
    assert "domain.md" not in r.output and "issue " not in r.output.lower() and "Seed L" not in r.output


def _widest(text: str) -> int:
    return max(len(line) for line in text.splitlines())


@pytest.mark.parametrize("width", [80, 120])
def test_optimize_fits_the_terminal(width):
    r = run("optimize", width=width)
    assert r.exit_code == 0
    assert _widest(r.stdout) <= width
    # every measure with entries is in the table under its id (wrapped after a hyphen at most), and its
    # name is wrapped at spaces, not cut to a look-alike: each word that fits the column is whole
    d = json.loads(run("optimize", "--format", "json", "--draws", "0").stdout)
    for m in d["measures"]:
        if m["entries"] or m["planned_entries"] or m["cost"]:
            assert all(part in r.stdout for part in m["id"].split("-")), m["id"]
            assert all(word in r.stdout for word in m["name"].split() if len(word) <= 20), m["name"]
    assert "…" not in r.stdout.split("Handlungsfeld")[0]


@pytest.mark.parametrize("args", [
    ("compare", "base", "budget-cut-10", "downturn-mild", "downturn-severe-egt-cut", "egt-cut-10"),
    ("evaluate",), ("sensitivity", "--draws", "20", "--points", "5", "--quiet"), ("ist", "--actuals", EX9),
    ("replan", "--actuals", EX9, "--month", "9"), ("scenarios", "show", "downturn-severe"), ("scenarios", "list"),
    ("optimize", "--explain"), ("tradeoff", "integrations", "lzb", "--points", "4"),
], ids=lambda a: a[0] if isinstance(a, tuple) else a)
def test_every_table_fits_80_columns(args):
    r = run(*args, width=80)
    assert r.exit_code == 0, r.output
    assert _widest(r.stdout) <= 80


def test_compare_keeps_every_number_whole_at_80_columns():
    names = ("base", "budget-cut-10", "downturn-mild", "downturn-severe-egt-cut", "egt-cut-10")
    r = run("compare", *names, width=80)
    from amip.models.fmt import num

    d = json.loads(run("compare", *names, "--format", "json").stdout)
    for s in d["summary"] if "summary" in d else d["scenarios"]:
        assert num(s["integrations"]) in r.stdout


def test_explain_says_how_many_it_lists():
    r = run("optimize", "--explain", "--draws", "0")
    d = json.loads(run("optimize", "--explain", "--draws", "0", "--format", "json").stdout)
    lines = r.stdout.splitlines()
    head = next(i for i, line in enumerate(lines) if "Maßnahmen ohne neue Mittel" in line)
    n = int(lines[head].split()[0])
    assert n == len(d["explain"]["unfunded"])
    listed = 0
    for line in lines[head + 1:]:
        if not line.startswith("  - ") and not line.startswith("    "):
            break
        listed += line.startswith("  - ")
    shown = re.search(r"die (\d+) knappsten", lines[head])
    assert listed == (int(shown.group(1)) if shown else n)


def test_goal_diagnosis_names_the_number_typed_in_its_unit():
    r = run("optimize", "--goal", "integrations>=99999", "--draws", "0")
    assert r.exit_code == 3
    change = next(line for line in r.stderr.splitlines()
                  if "Ziel „erwartete Integrationen" in line and "senken" in line)
    assert "von 99.999 Integrationen" in change and "Eintritte" not in change


def test_pat_limit_without_16i_entries_is_not_shown_as_binding():
    d = json.loads(run("optimize", "--format", "json", "--draws", "0").stdout)
    p16i = sum(m["new_entries"] for m in d["measures"] if m["instrument_type"] == "p16i")
    r = run("optimize", "--draws", "0")
    binding = r.stdout.split("Bindende Restriktionen:")[1].split("\n\n")[0]
    pat = next(c for c in d["constraints"] if c["name"] == "pat__per_entry")
    assert (pat["label"] in binding) == (p16i > 1e-9 and pat["binding"])


def test_an_over_budget_plan_says_so_before_its_numbers():
    r = run("evaluate", "--budget", "20000000", "--draws", "0") if False else run("evaluate", "--budget", "20000000")
    lines = r.stdout.splitlines()
    warn = next(i for i, line in enumerate(lines) if line.startswith("Achtung: der Plan verletzt"))
    assert warn < next(i for i, line in enumerate(lines) if line.startswith("Erwartete Integrationen"))


def test_tradeoff_output_writes_the_points(tmp_path):
    out = tmp_path / "kurve.xlsx"
    r = run("tradeoff", "integrations", "lzb", "--points", "3", "--output", str(out))
    assert r.exit_code == 0 and out.exists()
    d = json.loads(run("tradeoff", "integrations", "lzb", "--points", "3", "--format", "json").stdout)
    ws = openpyxl.load_workbook(out)["Zielkonflikt"]
    got = [v for row in ws.iter_rows(min_row=4, values_only=True) if row[0] is not None for v in row[1:3]]
    assert got == pytest.approx([v for p in d["points"] for v in (p["integrations"], p["lzb"])])
    assert run("tradeoff", "integrations", "lzb", "--points", "3", "--output", str(out)).exit_code == 2


def test_json_output_stays_machine_readable():
    """--format json is not wrapped or translated: it parses and keeps its English keys."""
    d = json.loads(run("optimize", "--format", "json", "--draws", "0", width=40).stdout)
    assert {"status", "objective", "constraints", "measures"} <= set(d)
    assert all("label" in c for c in d["constraints"])


def _plan_without_rows(path):
    """A plan workbook whose Zuteilung sheet has its header and no measure row."""
    import openpyxl

    from amip.inputs.plan_workbook import ALLOCATION, ID_HEADER, NEW_HEADER, TOTAL_HEADER
    wb = openpyxl.Workbook()
    wb.active.title = ALLOCATION
    wb.active.append([ID_HEADER, TOTAL_HEADER, NEW_HEADER])
    wb.save(path)
    return path


#: Validation messages (issue 17, item 1) reached through the CLI: file → (options, a German phrase).
VALIDATION_ERRORS = {
    "negative-multiplier": ("name: x\nrates:\n  all: {multiplier: -0.5, source: t}\n", "muss ≥ 0 sein, ist -0.5"),
    "bad-pat-mix": ("name: x\npat:\n  bg_mix:\n    single: {value: 0.9, source: t}\n", "sich zu 1 summieren"),
    "pat-unknown-class": ("name: x\npat:\n  bg_mix:\n    couple: {value: 0.1, source: t}\n", "unbekannte BG-Klasse"),
    "rate-above-one": ("name: x\nrates:\n  measure:\n    hf2-16e: {multiplier: 3, source: t}\n",
                       "Eingliederungsquote von 1,500 > 1"),
    "bounds-cross": ("name: x\nbounds:\n  measure:\n    hf2-16i: {min: 300}\n", "über ihrer Obergrenze"),
    "link-self": ("name: x\nlinks:\n  hf2-16e: {follows: hf2-16e, source: t}\n", "nicht sich selbst folgen"),
}


@pytest.mark.parametrize("name", VALIDATION_ERRORS)
def test_scenario_validation_errors_are_german(name, tmp_path):
    body, phrase = VALIDATION_ERRORS[name]
    (tmp_path / "s.yaml").write_text(body, encoding="utf-8")
    r = run("optimize", "--scenario", str(tmp_path / "s.yaml"), "--draws", "0")
    assert r.exit_code == 2, r.output
    assert phrase in r.output and "Traceback" not in r.output
    assert english_words(r.output, NAMES) == []


@pytest.mark.parametrize("args,phrase", [
    (("tradeoff", "integrations", "integrations"), "zwei verschiedene Ziele"),
    (("sensitivity", "--integer", "--draws", "5", "--points", "3"), "deckt --integer nicht ab"),
    (("optimize", "--measures", "tests/data/bad/lower-above-upper.csv", "--budget", "5000000"),
     "liegt über der Obergrenze"),
    (("evaluate", "--plan", "PLAN"), "keine Maßnahmenzeilen unter der Kopfzeile"),
], ids=lambda a: " ".join(a) if isinstance(a, tuple) else a)
def test_option_and_workbook_validation_errors_are_german(args, phrase, tmp_path):
    args = [str(_plan_without_rows(tmp_path / "plan.xlsx")) if a == "PLAN" else a for a in args]
    r = run(*args)
    assert r.exit_code == 2, r.output
    assert phrase in r.output and "Traceback" not in r.output
    assert english_words(r.output, NAMES) == []


def test_binding_constraints_are_named_by_label_and_each_named_limit_binds(tmp_path):
    """Finding 15: 'Bindende Restriktionen' names each limit by its German label (no key such as
    budget__neufall); each label is a constraint JSON marks binding, and relaxing the first one, the
    Neufallbudget, by 1 % raises the optimum (a re-solve with the named cause relaxed)."""
    r = run("optimize", "--draws", "0")
    block = r.stdout.split("Bindende Restriktionen:")[1].split("\n  dazu ")[0]
    d = json.loads(run("optimize", "--format", "json", "--draws", "0").stdout)
    binding = {c["label"]: c for c in d["constraints"] if c["binding"] and c["kind"] != "bound"}
    lines = [line.strip() for line in block.splitlines() if line.startswith("  ") and not line.startswith("    ")]
    assert lines and not any("__" in line for line in lines)
    named = [next(label for label in binding if line.startswith(label)) for line in lines]
    assert named[0] == "Neufallbudget" and binding[named[0]]["name"] == "budget__neufall"
    more = tmp_path / "more.yaml"
    more.write_text("name: more\nextends: base\nbudget:\n  change_pct: {value: 1, source: test}\n", encoding="utf-8")
    relaxed = json.loads(run("optimize", "--scenario", str(more), "--format", "json", "--draws", "0").stdout)
    assert relaxed["objective"] > d["objective"] + 1e-6
