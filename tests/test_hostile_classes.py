"""The hostile corpus, the classes of issue 29 (items 5–6): one rule per class, several cases each.

Same machinery and promises as tests/test_hostile.py (a subprocess per case with a time and a memory
limit; exit code, German message naming file/line/key or cell, no traceback, nothing written, no
temporary file left), for the classes that arrived with case folders, scenario files and workbooks:

- nfc:       text keys, ids, field names and searches compared in Unicode NFC (one helper, reading.nfc);
- dimension: workbooks read as Excel shows them, whatever the stored <dimension>; trailing empty rows
             and columns are not data;
- yaml:      every YAML file checked by one schema: unknown keys refused with the closest known key,
             wrong types named by file, line and key — case.yaml as strictly as a scenario file;
- budget:    a negative Neufallbudget from the budget chain is bad input naming the chain's keys;
- ids:       every id a commitment, link or effect row names must exist;
- months:    actuals month headers in the forms a planner writes them, or refused with the cell;
- extends:   scenario inheritance resolved once per file, with a depth, a parent and a file limit;
- scheduler: --scheduler checked before any work: scheme, address, a timeout on connect and on the
             first answer, and the answer's shape (a Dask handshake, not HTTP or SSH);
- bytes:     file names that are not UTF-8: hashed as bytes, shown as backslash-x-NN in messages and outputs;
- numbers:   numbers of --goal/--objective and of YAML files out of range (1e400, 1e-308): exit 2 naming the
             option or the key;
- search:    the jobcenter search refuses a name longer than any jobcenter's (no quadratic fuzzy match).
"""
from __future__ import annotations

import functools
import re
import shutil
import unicodedata
from pathlib import Path

import pytest

from tests.test_hostile import (
    COL,
    PLAIN,
    SHEET,
    B,
    Case,
    cases_by_class,
    check_outcome,
    csv_case,
    ids_are,
    json_out,
    on,
    rows_with,
    run_corpus,
    scenario_case,
    w,
    xlsx_case,
)

#: a subprocess per case like test_hostile: 107 s for the corpus and up to 11 s per national-run signal
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "amip" / "data"
ALL_IDS = ("m-hf1", "m-hf2", "m-hf3", "m-qa")


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


CASES: list[Case] = []
add = CASES.append

# --------------------------------------------------------------------------- nfc
HFA = "HFÄ"          # composed (Windows, most editors)
HFA_D = nfd(HFA)     # decomposed (macOS file names and some exports): 'A' + U+0308
assert HFA != HFA_D


def one_field(j: dict) -> bool:
    ids = sorted(f["id"] for f in j["fields"])
    return ids == sorted([HFA, "HF3", "QA"]) and all(unicodedata.is_normalized("NFC", i) for i in ids)


FIELD = COL["field"]
add(Case("nfc-field-two-forms-csv", "nfc", csv_case(rows_with((0, FIELD, HFA), (1, FIELD, HFA_D)), "--format", "json"),
         exit=0, out=False, stdout_check=json_out(one_field)))
add(Case("nfc-field-two-forms-german-csv", "nfc",
         csv_case(rows_with((0, FIELD, HFA_D), (1, FIELD, HFA), sep=";").replace("1500.50", "1500,50")
                  .replace("2281.45", "2281,45").replace("1383.20", "1383,20").replace("4218.36", "4218,36")
                  .replace(";0.4;", ";0,4;"), "--format", "json"),
         exit=0, out=False, stdout_check=json_out(one_field)))
add(Case("nfc-field-decomposed-both-rows", "nfc",
         csv_case(rows_with((0, FIELD, HFA_D), (1, FIELD, HFA_D)), "--format", "json"),
         exit=0, out=False, stdout_check=json_out(one_field)))


def _xlsx_field(d: Path) -> list:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(d / "m.xlsx"))
    ws = wb.add_worksheet("Maßnahmen")
    for r, line in enumerate(rows_with((0, FIELD, HFA), (1, FIELD, HFA_D)).splitlines()):
        for c, v in enumerate(line.split(",")):
            if v:
                ws.write(r, c, float(v) if r and c >= COL["cost_per_entry_eur"] and v[0].isdigit() else v)
    wb.close()
    return ["optimize", "--measures", "m.xlsx", *B, "--format", "json"]


add(Case("nfc-field-two-forms-xlsx", "nfc", _xlsx_field, exit=0, out=False, stdout_check=json_out(one_field)))

MINI_CASE = """name: mini
year: 2020
measures: m.csv
budget:
  egt_zuteilung_eur: {{value: {egt}, source: test}}
  vorbindungen_eur: {{value: {vb}, source: test}}
  umschichtung_eur: {{value: 0, source: test}}
  rueckeinnahmen_egt_eur: {{value: 0, source: test}}
fields:
  {f1}: {{name: Feld eins}}
  HF3: {{name: Feld drei}}
  QA: Querschnitt
pools:
  u25: {{value: 9701, source: test}}
"""


def mini_case(*, table_fields=(HFA_D, HFA_D), f1=HFA, egt=5_000_000, vb=0, extra="", edit=None, args=()):
    """A small case folder: case.yaml (the EGT chain) and m.csv (the plain table)."""
    def setup(d: Path) -> list:
        text = MINI_CASE.format(egt=egt, vb=vb, f1=f1) + extra
        if edit:
            text = edit(text)
        w(d, "case.yaml", text)
        w(d, "m.csv", rows_with((0, FIELD, table_fields[0]), (1, FIELD, table_fields[1])))
        return ["optimize", "--case", "case.yaml", *args]
    return setup


add(Case("nfc-case-yaml-composed-table-decomposed", "nfc", mini_case(args=("--format", "json")), exit=0, out=False,
         stdout_check=json_out(one_field)))
add(Case("nfc-case-yaml-decomposed-table-composed", "nfc",
         mini_case(f1=HFA_D, table_fields=(HFA, HFA), args=("--format", "json")), exit=0, out=False,
         stdout_check=json_out(one_field)))
add(Case("nfc-case-yaml-decomposed-table-mixed", "nfc",
         mini_case(f1=HFA_D, table_fields=(HFA, HFA_D), args=("--format", "json")), exit=0, out=False,
         stdout_check=json_out(one_field)))
add(Case("nfc-field-minimum-decomposed-key", "nfc",
         mini_case(edit=lambda t: t.replace("{name: Feld eins}", "{name: Feld eins, min_entries: 7}"),
                   args=("--format", "json")),
         exit=0, out=False, stdout_check=json_out(lambda j: any(f["id"] == HFA and f["min_entries"] == 7
                                                                for f in j["fields"]))))
for _name in ("München", "Düsseldorf", "Lörrach", "Würzburg"):
    add(Case(f"nfc-jobcenter-search-{_name.lower()}", "nfc",
             (lambda q: lambda d: ["jobcenters", nfd(q), "--format", "json"])(_name), exit=0, out=False,
             stdout_check=(lambda q: lambda out, _d: _check_jc(out, q))(_name)))


def _check_jc(stdout: str, name: str) -> None:
    import json

    found = json.loads(stdout)
    rows = found if isinstance(found, list) else found.get("jobcenters", [])
    assert any(name in str(r) for r in rows), stdout[:300]


# --------------------------------------------------------------------------- dimension
def dim(ref: str | None):
    """The sheet with its stored <dimension> replaced (None: removed)."""
    def change(data: bytes) -> bytes:
        new = b"" if ref is None else f'<dimension ref="{ref}"/>'.encode()
        out, n = re.subn(rb"<dimension ref=\"[^\"]*\"/>", new, data)
        assert n == 1
        return out
    return on(SHEET, change)


for _ref in ("A1:N2", "A1:C3", "A1", "A1:B1", "A3:N5", "A1:XFD1048576", None):
    add(Case(f"dimension-stale-{_ref or 'none'}".replace(":", "-"), "dimension",
             xlsx_case(dim(_ref), "--format", "json"), exit=0, out=False, stdout_check=ids_are(*ALL_IDS)))


def trailing_rows(n: int, *, cells: bool = False, start: int = 6):
    """n formatted but empty rows after the data (as Excel writes a sheet formatted down to row 1.048.576)."""
    def change(data: bytes) -> bytes:
        if cells:
            rows = "".join(f'<row r="{r}"><c r="A{r}" s="0"/><c r="N{r}" s="0"/></row>'
                           for r in range(start, start + n))
        else:
            rows = "".join(f'<row r="{r}" spans="1:14" ht="15" customHeight="1"/>' for r in range(start, start + n))
        return data.replace(b"</sheetData>", rows.encode() + b"</sheetData>")
    return on(SHEET, change)


add(Case("dimension-trailing-empty-rows-over-limit", "dimension",
         xlsx_case(trailing_rows(500), "--format", "json"), exit=0, out=False, env={"AMIP_MAX_ROWS": "50"},
         stdout_check=ids_are(*ALL_IDS)))
add(Case("dimension-trailing-styled-cells-over-limit", "dimension",
         xlsx_case(trailing_rows(500, cells=True), "--format", "json"), exit=0, out=False,
         env={"AMIP_MAX_ROWS": "50"}, stdout_check=ids_are(*ALL_IDS)))
add(Case("dimension-a-million-formatted-rows", "dimension",
         xlsx_case(trailing_rows(1_048_570), "--format", "json"), exit=0, out=False,
         stdout_check=ids_are(*ALL_IDS)))


def trailing_columns(data: bytes) -> bytes:
    return re.sub(rb'<row r="(\d+)"([^>]*)>(.*?)</row>',
                  lambda m: b'<row r="%s"%s>%s<c r="AZ%s" s="0"/><c r="BA%s" t="inlineStr"><is><t></t></is></c></row>'
                  % (m[1], re.sub(rb' spans="[^"]*"', b"", m[2]), m[3], m[1], m[1]), data, flags=re.S)


add(Case("dimension-trailing-empty-columns", "dimension", xlsx_case(on(SHEET, trailing_columns), "--format", "json"),
         exit=0, out=False, stdout_check=ids_are(*ALL_IDS)))


def moved_last_row(data: bytes) -> bytes:
    """The last data row moved to row 40: empty rows inside the table are skipped, not the end of it."""
    data = re.sub(rb'<row r="5"', b'<row r="40"', data)
    return re.sub(rb'r="([A-N])5"', rb'r="\g<1>40"', data)


add(Case("dimension-gap-then-data", "dimension", xlsx_case(on(SHEET, moved_last_row), "--format", "json"),
         exit=0, out=False, stdout_check=ids_are(*ALL_IDS)))
add(Case("dimension-gap-then-data-stale", "dimension",
         xlsx_case(lambda n, d: dim("A1:N5")(n, moved_last_row(d) if n == SHEET else d), "--format", "json"),
         exit=0, out=False, stdout_check=ids_are(*ALL_IDS)))
def many_data_rows(data: bytes) -> bytes:
    """Row 5 copied to rows 6–300 (real data: the row limit holds for them)."""
    row = re.search(rb'<row r="5".*?</row>', data, re.S).group(0)
    copies = b"".join(re.sub(rb'r="([A-N]?)5"', lambda m: b'r="%s%d"' % (m[1], n), row) for n in range(6, 301))
    return data.replace(b"</sheetData>", copies + b"</sheetData>")


add(Case("dimension-data-rows-still-limited", "dimension",
         xlsx_case(lambda n, d: dim("A1:N2")(n, many_data_rows(d) if n == SHEET else d)), env={"AMIP_MAX_ROWS": "50"},
         expect=("m.xlsx", "Datenzeilen")))
add(Case("dimension-empty-rows-then-data-over-limit", "dimension",
         xlsx_case(on(SHEET, lambda d: trailing_rows(300)(SHEET, moved_last_row(d)).replace(
             b'<row r="40"', b'<row r="900"').replace(b'40"', b'900"'))), env={"AMIP_MAX_ROWS": "50"},
         expect=("m.xlsx", "Datenzeilen")))


# --------------------------------------------------------------------------- yaml
def case_folder(edit, *, case: str = "duisburg-2020", args=("--format", "json"), file: str = "case.yaml"):
    """A copy of a shipped case folder with one file edited (text → text)."""
    def setup(d: Path) -> list:
        shutil.copytree(DATA / case, d / "fall", ignore=shutil.ignore_patterns("*.xlsx"))
        shutil.copy(DATA / "rates.csv", d / "rates.csv")
        p = d / "fall" / file
        new = edit(p.read_text(encoding="utf-8"))
        assert new != p.read_text(encoding="utf-8")
        p.write_text(new, encoding="utf-8")
        return ["optimize", "--case", "fall", *args]
    return setup


def sub(old: str, new: str, count: int = 1):
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, count)
    return edit


add(Case("yaml-case-section-typo-polcy", "yaml", case_folder(sub("\npolicy:", "\npolcy:")), out=False,
         expect=("case.yaml", "Zeile", "'polcy'", "meinten Sie 'policy'")))
add(Case("yaml-case-commitmentz", "yaml", case_folder(sub("  commitments:", "  commitmentz:")), out=False,
         expect=("case.yaml", "'policy.commitmentz'", "meinten Sie 'commitments'")))
add(Case("yaml-case-budgt", "yaml", case_folder(sub("\nbudget:", "\nbudgt:")), out=False,
         expect=("case.yaml", "'budgt'", "meinten Sie 'budget'")))
add(Case("yaml-case-key-typo-in-budget", "yaml", case_folder(sub("  kfa_eur:", "  kfa_euro:")), out=False,
         expect=("case.yaml", "'budget.kfa_euro'", "meinten Sie 'kfa_eur'")))
add(Case("yaml-case-pat-typo", "yaml", case_folder(sub("  months_in_year:", "  month_in_year:")), out=False,
         expect=("case.yaml", "'pat.month_in_year'", "meinten Sie 'months_in_year'")))
add(Case("yaml-case-value-yes", "yaml", case_folder(sub("{value: 11449523,", "{value: yes,")), out=False,
         expect=("case.yaml", "Zeile 17", "budget.kfa_eur")))
add(Case("yaml-case-source-typo", "yaml", case_folder(sub("{value: 603477, source:", "{value: 603477, sorce:")),
         out=False, expect=("case.yaml", "'budget.rueckeinnahmen_verwaltung_eur.sorce'", "meinten Sie 'source'")))
add(Case("yaml-case-commitment-key-typo", "yaml", case_folder(sub("      min_entries: 150", "      min_entriez: 150")),
         out=False, expect=("case.yaml", "min_entriez", "meinten Sie 'min_entries'")))
add(Case("yaml-case-konstanz-jobcenter-typo", "yaml",
         case_folder(sub("{traeger_nr:", "{traeger_nummer:"), case="konstanz-2020"), out=False,
         expect=("case.yaml", "'jobcenter.traeger_nummer'", "meinten Sie 'traeger_nr'")))
add(Case("yaml-case-konstanz-catalogue-typo", "yaml",
         case_folder(sub("{derived: true,", "{derivd: true,"), case="konstanz-2020"), out=False,
         expect=("case.yaml", "'catalogue.derivd'", "meinten Sie 'derived'")))
add(Case("yaml-case-fields-list", "yaml", mini_case(edit=lambda t: t.split("fields:")[0] + "fields: [HF1, HF3]\n"),
         out=False, expect=("case.yaml", "Zeile 9", "'fields'")))
add(Case("yaml-case-policy-list", "yaml", mini_case(extra="policy: [field_min_share]\n"), out=False,
         expect=("case.yaml", "Zeile 15", "'policy'")))
add(Case("yaml-case-pools-number", "yaml",
         mini_case(edit=lambda t: t.replace("pools:\n  u25: {value: 9701, source: test}\n", "pools: 5\n")), out=False,
         expect=("case.yaml", "Zeile 13", "'pools'")))
add(Case("yaml-case-budget-text", "yaml", mini_case(edit=lambda t: re.sub(r"budget:\n(  .*\n)+", "budget: viel\n", t)),
         out=False, expect=("case.yaml", "Zeile 4", "'budget'")))
add(Case("yaml-case-bg-mix-list", "yaml", mini_case(extra="pat:\n  bg_mix: [1, 2]\n"), out=False,
         expect=("case.yaml", "'pat.bg_mix'")))
add(Case("yaml-case-year-text", "yaml", mini_case(edit=lambda t: t.replace("year: 2020", "year: zwanzig")),
         out=False, expect=("case.yaml", "Zeile 2", "'year'")))
add(Case("yaml-case-name-list", "yaml", mini_case(edit=lambda t: t.replace("name: mini", "name: [a, b]")),
         out=False, expect=("case.yaml", "Zeile 1", "'name'")))
add(Case("yaml-case-value-true-vorbindungen", "yaml",
         mini_case(edit=lambda t: t.replace("vorbindungen_eur: {value: 0,", "vorbindungen_eur: {value: true,")),
         out=False, expect=("case.yaml", "Zeile 6", "budget.vorbindungen_eur")))
add(Case("yaml-case-top-level-typo-mesures", "yaml", mini_case(edit=lambda t: t.replace("measures:", "mesures:")),
         out=False, expect=("case.yaml", "'mesures'", "meinten Sie 'measures'")))
add(Case("yaml-case-field-record-typo", "yaml",
         mini_case(edit=lambda t: t.replace("{name: Feld drei}", "{nme: Feld drei}")), out=False,
         expect=("case.yaml", "'fields.HF3.nme'", "meinten Sie 'name'")))
add(Case("yaml-case-field-min-text", "yaml",
         mini_case(edit=lambda t: t.replace("{name: Feld drei}", "{name: Feld drei, min_entries: viele}")), out=False,
         expect=("case.yaml", "'fields.HF3.min_entries'")))
add(Case("yaml-scenario-polcy", "yaml", scenario_case("name: s\nextends: base\npolcy: {active: false}\n"),
         expect=("s.yaml", "Zeile 3", "meinten Sie 'policy'")))
add(Case("yaml-scenario-instrument-typ", "yaml",
         scenario_case("name: s\nrates:\n  instrument_typ:\n    mat: {multiplier: 1.1}\n"),
         expect=("s.yaml", "Zeile 3", "meinten Sie 'instrument_type'")))
add(Case("yaml-scenario-multiplyer", "yaml",
         scenario_case("name: s\nrates:\n  instrument_type:\n    mat: {multiplyer: 1.1}\n"),
         expect=("s.yaml", "Zeile 4", "meinten Sie 'multiplier'")))
add(Case("yaml-scenario-budget-value-yes", "yaml",
         scenario_case("name: s\nbudget:\n  neufallbudget_eur: yes\n"),
         expect=("s.yaml", "Zeile 3", "neufallbudget_eur")))
add(Case("yaml-planning-typo", "yaml",
         case_folder(lambda t: "durationz:\n  all: {months: 6}\n" + t, file="planning.yaml"), out=False,
         expect=("planning.yaml", "'durationz'", "meinten Sie 'durations'")))


# --------------------------------------------------------------------------- budget
add(Case("budget-vorbindungen-above-egt", "budget", mini_case(vb=9_000_000), out=False,
         expect=("case.yaml", "negatives Neufallbudget", "-4.000.000 €", "budget.vorbindungen_eur")))
add(Case("budget-duisburg-vorbindungen-above-egt", "budget",
         case_folder(sub("{value: 32647597,", "{value: 99647597,")), out=False,
         expect=("case.yaml", "negatives Neufallbudget", "budget.globalbudget_eur", "budget.vorbindungen_eur")))
add(Case("budget-konstanz-umschichtung", "budget",
         case_folder(lambda t: re.sub(r"umschichtung_eur:(\s*)\{value: [0-9.]+",
                                      r"umschichtung_eur:\1{value: 900000000", t, count=1), case="konstanz-2020"),
         out=False,
         expect=("case.yaml", "negatives Neufallbudget", "budget.umschichtung_eur")))
add(Case("budget-scenario-vorbindungen", "budget",
         scenario_case("name: s\nextends: base\nbudget:\n  vorbindungen_eur: 90000000\n"),
         expect=("negatives Neufallbudget", "budget.vorbindungen_eur")))
add(Case("budget-chain-negative-but-budget-given", "budget", mini_case(vb=9_000_000, args=("--budget", "1000000",
                                                                                            "--format", "json")),
         exit=0, out=False, stdout_check=json_out(lambda j: j["status"] == "optimal")))
add(Case("budget-chain-zero-rueckeinnahmen-negative", "budget",
         mini_case(egt=0, edit=lambda t: t.replace("rueckeinnahmen_egt_eur: {value: 0",
                                                   "rueckeinnahmen_egt_eur: {value: 0")
                   .replace("umschichtung_eur: {value: 0", "umschichtung_eur: {value: 1")), out=False,
         expect=("negatives Neufallbudget", "-1 €", "budget.umschichtung_eur")))


# --------------------------------------------------------------------------- search
LONG = "Duisburg " * 11_000   # ~96 KiB
add(Case("search-96k-jobcenters", "search", lambda d: ["jobcenters", LONG], out=False,
         expect=("Zeichen", "höchstens 200")))
add(Case("search-96k-init", "search", lambda d: ["init", "neu", "--jobcenter", LONG], out=False,
         expect=("Zeichen", "höchstens 200")))
add(Case("search-201-chars", "search", lambda d: ["jobcenters", "x" * 201], out=False, expect=("201 Zeichen",)))
add(Case("search-long-decomposed", "search", lambda d: ["init", "neu", "--jobcenter", nfd("Ä") * 5000], out=False,
         expect=("Zeichen",)))
add(Case("search-typo-still-suggests", "search", lambda d: ["init", "neu", "--jobcenter", "Duisbrug"], out=False,
         expect=("Duisburg",)))


# --------------------------------------------------------------------------- ids
add(Case("ids-case-commitment-unknown-measure", "ids",
         case_folder(sub("      measure: hf2-16i\n", "      measure: hf2-16j\n")),
         out=False, expect=("case.yaml", "hf2-16j")))
add(Case("ids-case-commitment-unknown-in-list", "ids", case_folder(sub("hf1-avgs-mpav,", "hf1-avgs-mpv,")),
         out=False, expect=("case.yaml", "hf1-avgs-mpv")))
add(Case("ids-case-commitment-unknown-type", "ids", case_folder(sub("      instrument_type: esg\n",
                                                                    "      instrument_type: esgg\n")),
         out=False, expect=("case.yaml", "esgg")))
add(Case("ids-planning-link-unknown-follower", "ids",
         case_folder(sub("\n  hf2-16i-coaching:", "\n  hf2-16i-coachin:"), file="planning.yaml"), out=False,
         expect=("planning.yaml", "hf2-16i-coachin")))
add(Case("ids-planning-link-unknown-leader", "ids",
         case_folder(lambda t: re.sub(r"(hf2-16i-coaching:.*?follows: )hf2-16i", r"\1hf2-16x", t, count=1, flags=re.S),
                     file="planning.yaml"), out=False, expect=("planning.yaml", "hf2-16x")))
add(Case("ids-scenario-commitment-unknown", "ids",
         scenario_case("name: s\nextends: base\npolicy:\n  commitments:\n    neu:\n      measure: gibt-es-nicht\n"
                       "      min_entries: 5\n      source: test\n"), expect=("s.yaml", "gibt-es-nicht")))
add(Case("ids-scenario-link-unknown", "ids",
         scenario_case("name: s\nextends: base\nlinks:\n  gibt-es-nicht: {follows: hf2-16i, source: test}\n"),
         expect=("s.yaml", "gibt-es-nicht")))
EFFECTS = (DATA / "effects.csv").read_text(encoding="utf-8")
add(Case("ids-effects-unknown-instrument", "ids",
         lambda d: [w(d, "e.csv", EFFECTS.replace("instrument_type,mat,", "instrument_type,mta,", 1)) and "optimize",
                    "--effects", "e.csv"], expect=("e.csv", "Zeile", "mta", "meinten Sie 'mat'")))
add(Case("ids-effects-unknown-instrument-coaching", "ids",
         lambda d: [w(d, "e.csv", EFFECTS.replace("instrument_type,p16i_coaching,", "instrument_type,Coaching,", 1))
                    and "optimize", "--effects", "e.csv", "--effect", "net"], expect=("e.csv", "Coaching")))


# --------------------------------------------------------------------------- months
IST = DATA / "duisburg-2020" / "ist-2020-06.xlsx"


@functools.cache
def spent_to_date() -> float:
    """The shipped June actuals as read with their month headers 'Jan' … 'Dez' (the reference)."""
    import json
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "amip", "ist", "--actuals", str(IST), "--format", "json"],
                       capture_output=True, check=True)
    return json.loads(r.stdout)["forecast"]["actual_spend_eur"]


def ist_headers(header, *, sheets=("Eintritte", "Ausgaben")):
    """The shipped actuals with the month headers (D1:O1) written in another form: header(month 1..12)."""
    def setup(d: Path) -> list:
        import openpyxl

        wb = openpyxl.load_workbook(IST)
        for name in sheets:
            for m in range(1, 13):
                wb[name].cell(row=1, column=3 + m, value=header(m))
        wb.save(d / "a.xlsx")
        return ["ist", "--actuals", "a.xlsx", "--format", "json"]
    return setup


def spent_as_shipped(j: dict) -> bool:
    return j["month"] == 6 and abs(j["forecast"]["actual_spend_eur"] - spent_to_date()) < 1


def _date(m: int, day: int = 1):
    import datetime as dt

    return dt.datetime(2020, m, day)


_NAMES = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November",
          "Dezember")
_LAST = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
for _id, _header in (
        ("date-cells", _date),
        ("date-cells-month-end", lambda m: _date(m, _LAST[m - 1])),
        ("name-year", lambda m: f"{_NAMES[m - 1]} 2020"),
        ("name-year-decomposed", lambda m: nfd(f"{_NAMES[m - 1]} 2020")),
        ("short-name-dot-year", lambda m: f"{_NAMES[m - 1][:3]}. 2020"),
        ("english-short-2digit", lambda m: ("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()[m - 1]) + "-20"),
        ("mm-slash-yyyy", lambda m: f"{m:02d}/2020"),
        ("m-dot-yyyy", lambda m: f"{m}.2020"),
        ("dd-mm-yyyy", lambda m: f"{_LAST[m - 1]}.{m:02d}.2020"),
        ("dd-mm-yy", lambda m: f"01.{m:02d}.20"),
        ("iso", lambda m: f"2020-{m:02d}"),
        ("mixed", lambda m: (_date(m), f"{m:02d}/2020", f"{_NAMES[m - 1]} 2020", f"30.{m:02d}.2020")[m % 4]
         if m != 2 else "28.02.2020")):
    add(Case(f"months-{_id}", "months", ist_headers(_header), exit=0, out=False,
             stdout_check=json_out(spent_as_shipped)))
add(Case("months-other-year-text", "months", ist_headers(lambda m: f"{_NAMES[m - 1]} 2019"), out=False,
         expect=("a.xlsx", "Eintritte!D1", "2019", "2020")))
add(Case("months-other-year-date", "months",
         ist_headers(lambda m: _date(m).replace(year=2021), sheets=("Ausgaben",)), out=False,
         expect=("a.xlsx", "Ausgaben!D1", "2021")))
add(Case("months-13-slash", "months", ist_headers(lambda m: f"{m + 1:02d}/2020"), out=False,
         expect=("a.xlsx", "Eintritte!O1", "Monat 13")))
add(Case("months-13-day-month-year", "months", ist_headers(lambda m: f"01.{m + 1:02d}.2020"), out=False,
         expect=("a.xlsx", "Eintritte!O1", "Monat 13")))
add(Case("months-same-month-twice", "months",
         ist_headers(lambda m: f"{_NAMES[m - 1]} 2020" if m != 7 else "06/2020"), out=False,
         expect=("a.xlsx", "Eintritte!J1", "zweimal")))


# --------------------------------------------------------------------------- extends
def diamond(levels: int, *, top_extra: str = "", cycle: bool = False):
    """levels × two scenario files, each extending both of the level below (a diamond, not a cycle)."""
    def setup(d: Path) -> list:
        w(d, "a0.yaml", "name: a0\nextends: base\n")
        w(d, "b0.yaml", "name: b0\nextends: " + ("s.yaml" if cycle else "base") + "\n")
        for k in range(1, levels + 1):
            for x in "ab":
                w(d, f"{x}{k}.yaml", f"name: {x}{k}\nextends: [a{k - 1}.yaml, b{k - 1}.yaml]\n"
                                     f"costs:\n  all: {{multiplier: {1 + k / 100}}}\n")
        w(d, "s.yaml", f"name: s\nextends: [a{levels}.yaml, b{levels}.yaml]\n{top_extra}")
        return ["optimize", "--scenario", "s.yaml", "--format", "json"]
    return setup


def chain(n: int):
    def setup(d: Path) -> list:
        w(d, "c0.yaml", "name: c0\nextends: base\n")
        for k in range(1, n):
            w(d, f"c{k}.yaml", f"name: c{k}\nextends: c{k - 1}.yaml\n")
        w(d, "s.yaml", f"name: s\nextends: c{n - 1}.yaml\n")
        return ["optimize", "--scenario", "s.yaml"]
    return setup


def fan(parents: int, grandparents: int = 0):
    def setup(d: Path) -> list:
        for i in range(parents):
            names = [f"g{i}-{j}.yaml" for j in range(grandparents)]
            for n in names:
                w(d, n, f"name: {n[:-5]}\nextends: base\n")
            w(d, f"p{i}.yaml", f"name: p{i}\nextends: [{', '.join(names) or 'base'}]\n")
        w(d, "s.yaml", f"name: s\nextends: [{', '.join(f'p{i}.yaml' for i in range(parents))}]\n")
        return ["optimize", "--scenario", "s.yaml"]
    return setup


add(Case("extends-diamond-12", "extends", diamond(12), exit=0, out=False,
         stdout_check=json_out(lambda j: j["status"] == "optimal")))
add(Case("extends-diamond-13", "extends", diamond(13), exit=0, out=False,
         stdout_check=json_out(lambda j: j["status"] == "optimal")))
add(Case("extends-diamond-12-last-parent-wins", "extends",
         diamond(12, top_extra="rates:\n  all: {multiplier: 1.0}\n"), exit=0, out=False,
         stdout_check=json_out(lambda j: j["status"] == "optimal")))
add(Case("extends-diamond-with-cycle", "extends", diamond(6, cycle=True), expect=("Zyklus", "s.yaml")))
add(Case("extends-chain-too-deep", "extends", chain(20), expect=("extends", "tiefer als 16", "s.yaml → c19.yaml")))
add(Case("extends-diamond-too-deep", "extends", diamond(17), expect=("extends", "tiefer als 16")))
add(Case("extends-diamond-one-too-deep", "extends", diamond(14), expect=("extends", "tiefer als 16")))
add(Case("extends-too-many-parents", "extends", fan(17), expect=("s.yaml", "Zeile 2", "17 Elternszenarien")))
add(Case("extends-too-many-files", "extends", fan(16, 8), expect=("mehr als 100 Szenariodateien",)))
add(Case("extends-fan-within-limits", "extends", fan(10, 5), exit=0, out=False, changes=()))


# --------------------------------------------------------------------------- scheduler
_SERVERS: list = []   # kept open until the test process ends


def serve(kind: str) -> int:
    """A local server on 127.0.0.1 (a free port) that is not a Dask scheduler; returns its port."""
    import socket
    import threading

    if kind == "http":
        import http.server

        httpd = http.server.HTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        _SERVERS.append(httpd)
        return httpd.server_address[1]
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    port = srv.getsockname()[1]
    if kind == "closed":   # nobody listens
        srv.close()
        return port
    srv.listen(8)
    _SERVERS.append(srv)

    def loop():
        while True:
            conn, _ = srv.accept()
            _SERVERS.append(conn)   # 'silent': accepted and never answered, never closed
            if kind == "close":
                conn.close()
            elif kind == "ssh":
                conn.sendall(b"SSH-2.0-OpenSSH_9.6\r\n")
            elif kind == "huge":
                conn.sendall(b"\xff" * 16)
            elif kind == "slow-dribble":
                conn.sendall(b"\x10")   # one byte, then nothing
    threading.Thread(target=loop, daemon=True).start()
    return port


def scheduler_case(address):
    return lambda d: ["national", "--scheduler", address() if callable(address) else address]


for _kind, _words in (("silent", ("antwortet aber nicht",)), ("http", ("antwortet aber nicht",)),
                      ("close", ("geschlossen",)), ("ssh", ("nicht wie ein Dask-Scheduler", "SSH-2.0")),
                      ("huge", ("nicht wie ein Dask-Scheduler",)), ("slow-dribble", ("antwortet aber nicht",)),
                      ("closed", ("Verbindung nicht möglich",))):
    add(Case(f"scheduler-{_kind}", "scheduler",
             scheduler_case((lambda k: lambda: f"tcp://127.0.0.1:{serve(k)}")(_kind)), out=False,
             expect=("--scheduler", *_words)))
add(Case("scheduler-bare-host-port-silent", "scheduler", scheduler_case(lambda: f"127.0.0.1:{serve('silent')}"),
         out=False, expect=("antwortet aber nicht",)))
for _addr in ("ucx://127.0.0.1:8786", "ws://127.0.0.1:8786", "http://127.0.0.1:8786", "inproc://x/1/2"):
    add(Case(f"scheduler-scheme-{_addr.split(':')[0]}", "scheduler", scheduler_case(_addr), out=False,
             expect=("--scheduler", "wird nicht unterstützt", _addr.split(":")[0] + "://")))
for _k, _addr in enumerate(("tcp://127.0.0.1", "tcp://127.0.0.1:99999", "tcp://:8786", "tcp://127.0.0.1:abc")):
    add(Case(f"scheduler-form-{_k}", "scheduler", scheduler_case(_addr), out=False,
             expect=("--scheduler", "tcp://RECHNER:PORT")))


# --------------------------------------------------------------------------- bytes
FF = "m\udcff.csv"          # the bytes b"m\xff.csv" (not UTF-8), as Python carries them in a str
LATIN = "M\udce4rz.csv"     # 'März' written in Latin-1 by an old Windows share


def bytes_case(name: str, *extra, out_name: str | None = None):
    def setup(d: Path) -> list:
        w(d, name, PLAIN)
        return ["optimize", "--measures", name, *B, *extra, *(["--output", out_name] if out_name else [])]
    return setup


add(Case("bytes-measures-table", "bytes", bytes_case(FF), exit=0, out=False))
add(Case("bytes-measures-json", "bytes", bytes_case(FF, "--format", "json"), exit=0, out=False,
         stdout_check=json_out(lambda j: any("m\udcff.csv" in n for n in j["case_notes"]))))
add(Case("bytes-measures-csv", "bytes", bytes_case(FF, "--format", "csv"), exit=0, out=False))
add(Case("bytes-latin1-name-json", "bytes", bytes_case(LATIN, "--format", "json"), exit=0, out=False,
         stdout_check=json_out(lambda j: j["status"] == "optimal")))
add(Case("bytes-output-name", "bytes", bytes_case("m.csv", out_name="o\udcfe.xlsx"), exit=0, out=False,
         changes=("o\udcfe.xlsx",)))
add(Case("bytes-input-and-output-name", "bytes", bytes_case(FF, out_name="o\udcfe.xlsx"), exit=0, out=False,
         changes=("o\udcfe.xlsx",)))
add(Case("bytes-missing-file-named", "bytes", lambda d: ["optimize", "--measures", "g\udcff.csv", *B],
         expect=("g\\xff.csv", "nicht gefunden")))
add(Case("bytes-bad-cell-named", "bytes", lambda d: [w(d, FF, rows_with((0, COL["cost_per_entry_eur"], "abc")))
                                                     and "optimize", "--measures", FF, *B],
         expect=("m\\xff.csv", "Zeile 2")))
add(Case("bytes-scenario-typo-named", "bytes", lambda d: [w(d, "s\udcff.yaml", "name: s\npolcy: {}\n") and "optimize",
                                                          "--scenario", "s\udcff.yaml"],
         expect=("s\\xff.yaml", "meinten Sie 'policy'")))
add(Case("bytes-sensitivity-json", "bytes", lambda d: [w(d, FF, PLAIN) and "sensitivity", "--measures", FF, *B,
                                                       "--format", "json"], exit=0, out=False))


# --------------------------------------------------------------------------- numbers
for _k, (_opt, _spec, _word) in enumerate((
        ("--goal", "integrations>=1e400", "groß"), ("--goal", "integrations>=1e308", "groß"),
        ("--goal", "integrations>=1e-308", "klein"), ("--objective", "lzb=1e400", "groß"),
        ("--objective", "integrations=1,llu=1e-300", "klein"), ("--objective", "integrations=1e16", "groß"))):
    add(Case(f"numbers-option-{_k}", "numbers", (lambda o, s: lambda d: ["optimize", o, s])(_opt, _spec),
             expect=(f"{_opt} '{_spec}'", _word)))
add(Case("numbers-caseload-1e-308", "numbers",
         scenario_case("name: s\nextends: base\nstaff:\n  classes:\n    u25: {caseload: 1.0e-308}\n"),
         expect=("s.yaml", "Zeile 5", "caseload", "1e-308")))
add(Case("numbers-multiplier-1e-300", "numbers",
         scenario_case("name: s\nrates:\n  all: {multiplier: 1.0e-300}\n"), expect=("s.yaml", "multiplier")))
add(Case("numbers-budget-1e-300", "numbers",
         scenario_case("name: s\nbudget:\n  neufallbudget_eur: 1.0e-300\n"), expect=("s.yaml", "neufallbudget_eur")))
add(Case("numbers-case-pool-1e-308", "numbers",
         mini_case(edit=lambda t: t.replace("u25: {value: 9701,", "u25: {value: 1.0e-308,")), out=False,
         expect=("case.yaml", "pools.u25")))


# --------------------------------------------------------------------------- running
@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    return run_corpus(CASES, tmp_path_factory.mktemp("hostile-classes"))


def test_the_classes_have_their_cases():
    by_class = cases_by_class(CASES)
    assert all(n >= 5 for n in by_class.values()), by_class
    assert len(CASES) >= 60, by_class


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_class(case: Case, outcomes):
    check_outcome(case, outcomes[case.id])


# --------------------------------------------------------------------------- signals (own runner)
SIGNAL_RUNS = (("SIGINT", 4.0), ("SIGTERM", 8.0), ("SIGHUP", 11.0))


def _signal_run(root: Path, signame: str, after: float) -> tuple:
    import hashlib
    import os
    import signal
    import subprocess
    import sys
    import time

    d = root / f"signal-{signame}"
    (d / "out").mkdir(parents=True)
    for name in ("jobcenters.parquet", "national.xlsx"):
        (d / "out" / name).write_bytes(b"old " + name.encode())
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (d / "out").iterdir()}
    proc = subprocess.Popen([sys.executable, "-m", "amip", "national", "--search", "Duisburg", "--workers", "1",
                             "--draws", "0", "--quiet", "--output", "out", "--force"], cwd=d,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(after)
    if proc.poll() is None:
        os.kill(proc.pid, getattr(signal, signame))
    out, err = proc.communicate(timeout=60)
    after_files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (d / "out").iterdir()}
    return proc.returncode, err.decode("utf-8", "replace"), before, after_files


@pytest.mark.parametrize("signame,after", SIGNAL_RUNS)
def test_a_signal_in_a_national_run_leaves_both_old_files_or_both_new_and_says_which(tmp_path, signame, after):
    code, err, before, now = _signal_run(tmp_path, signame, after)
    assert not [n for n in now if n.endswith(".tmp")], now
    assert set(now) == set(before), now
    changed = {n for n in now if now[n] != before[n]}
    assert changed in (set(), set(before)), changed   # together or not at all
    if code == 0:   # the run ended before the signal
        assert changed == set(before)
        return
    assert code == 130, (code, err)
    if changed:
        assert "geschrieben wurde(n)" in err and "national.xlsx" in err, err
    else:
        assert "keine Ausgabedatei geschrieben" in err, err
