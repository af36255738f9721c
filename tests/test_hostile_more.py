"""The hostile corpus, third round (helper i30a): classes of input nobody had tried, one rule per class.

Same machinery and promises as tests/test_hostile.py (a subprocess per case with a time and a memory
limit; exit code, German message naming file/line/key or cell, no traceback, nothing written, no
temporary file left). Every case of a probe that showed a class is here, the ones that passed before too
(they guard the rule). The classes and the rule each one keeps:

- yamlnum:   YAML numbers only in decimals; PyYAML follows YAML 1.1 and read '0450000' as octal 151.552,
             '45:00:00' as base 60 = 162.000, '0x10' as 16 (reading.py, _check_numbers): refused naming
             line, key and what YAML would have read;
- yamlsyntax: PyYAML's problems said in German (reading.yaml_problem), never its English wording;
- yamltype:  a date, !!binary, !!set or yes/no where a number or text belongs named in German words
             (scenarios/schema._describe), not as a Python repr;
- yamlsize:  a YAML file within the 50 MB file limit but beyond what pure-Python YAML reads in seconds
             (a 2 MB list ran over a minute) is refused by AMIP_MAX_YAML_KB and AMIP_MAX_YAML_NODES;
- envlimit:  an AMIP_MAX_* variable above its ceiling is refused (a huge value crashed islice, the csv
             module or the recursion limit with a traceback);
- csvform:   Excel's 'sep=;' line, empty lines above the header, tab-separated text, UTF-32 and
             Windows-1252 files: read right or refused with what to do (reading._csv_records, _decode);
- cells:     an Excel error value (#DIV/0!, #NV) or a date in a number cell, in every workbook reader
             (workbook.typed_cell_problem): named with its cell;
- format:    a workbook that is really ODS, another zip or CSV text, named as such (reading.check_zip);
- sheets:    sheet names compared as Excel does (case, NFC, blanks: workbook.find_sheet), two that differ
             only so refused;
- empty:     an empty file/folder option or argument (FilePath) and an empty naming text (not_blank)
             refused at parsing: Path('') is the current folder;
- options:   option values of the wrong kind or range: German words, also for click's number types
             (their names were English: "keine gültige Zahl (integer)", "--month INTEGER");
- names:     file names with control or invisible characters (newline, U+202E) escaped in messages
             (errors.path_text), so a message stays one line;
- german:    the reading layer names its inputs in German (what_de), a system error's reason in German
             (errors.os_reason: 'Too many levels of symbolic links', 'Connection refused' were shown); no
             English message text.
"""
from __future__ import annotations

import datetime
import os
import re
import zipfile
from pathlib import Path

import pytest

from tests.test_hostile import (
    COL,
    PLAIN,
    B,
    Case,
    cases_by_class,
    check_outcome,
    cost_of,
    csv_case,
    good_xlsx,
    ids_are,
    json_out,
    plain_rows,
    rows_with,
    run_corpus,
    scenario_case,
    w,
    workbook_from_rows,
)

#: a subprocess per case like the other corpus files: about 30 s for the file on two busy cores
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
ACTUALS = ROOT / "amip" / "data" / "duisburg-2020" / "ist-2020-06.xlsx"
ALL_IDS = ("m-hf1", "m-hf2", "m-hf3", "m-qa")
M = "m.csv"
COST, RATE = COL["cost_per_entry_eur"], COL["integration_rate"]
#: English wording that no message may carry (the products's words are German; file names are ours)
ENGLISH = re.compile(r"\b(is not|not a|error|found|expected|could not|cannot|no sheet|workbook|measure table|"
                     r"scenario file|rate table|integer)\b", re.IGNORECASE)

CASES: list[Case] = []
add = CASES.append


def budget_is(value: float):
    return json_out(lambda j: abs(j["budget"]["limit"] - value) < 1e-6)


def german_plain() -> str:
    """PLAIN in the German convention (';', decimal comma)."""
    return (PLAIN.replace(",", ";").replace("1500.50", "1500,50").replace("2281.45", "2281,45")
            .replace("1383.20", "1383,20").replace("4218.36", "4218,36").replace(";0.4;", ";0,4;"))


# --------------------------------------------------------------------------- yamlnum
def budget_yaml(value: str) -> str:
    return f"name: s\nextends: base\nbudget:\n  neufallbudget_eur: {value}\n"


for _id, _value, _words in (
        ("octal", "0450000", ("Oktalzahl", "151.552")), ("octal-signed", "+0450000", ("Oktalzahl",)),
        ("sexagesimal", "45:00:00", ("Basis 60", "162.000")), ("hex", "0x10", ("Hexadezimalzahl", "16")),
        ("binary", "0b1010", ("Binärzahl", "10"))):
    add(Case(f"yamlnum-{_id}-budget", "yamlnum", scenario_case(budget_yaml(_value)),
             expect=("s.yaml", "Zeile 4", "'budget.neufallbudget_eur'", f"'{_value}' ist keine Dezimalzahl", *_words)))
add(Case("yamlnum-sexagesimal-multiplier", "yamlnum",
         scenario_case("name: s\nextends: base\nrates:\n  all: {multiplier: 1:10.5, source: x}\n"),
         expect=("s.yaml", "Zeile 4", "rates.all.multiplier", "Basis 60", "70,5")))
add(Case("yamlnum-octal-year-key", "yamlnum",
         scenario_case("name: s\nextends: base\nbudget:\n  egt_path:\n    02021: {value: 1000000, source: x}\n"),
         expect=("s.yaml", "Zeile 5", "budget.egt_path", "Oktalzahl")))
add(Case("yamlnum-octal-in-list", "yamlnum", scenario_case("name: s\nextends: base\nx: [1, 2, 010]\n"),
         expect=("s.yaml", "Zeile 3", "x.2", "Oktalzahl", "8")))
add(Case("yamlnum-underscores-read-right", "yamlnum", scenario_case(budget_yaml("35_085_957"), "--format", "json"),
         exit=0, out=False, stdout_check=budget_is(35_085_957)))
add(Case("yamlnum-plus-sign-read-right", "yamlnum", scenario_case(budget_yaml("+35085957.0"), "--format", "json"),
         exit=0, out=False, stdout_check=budget_is(35_085_957)))
add(Case("yamlnum-zero-read-right", "yamlnum",
         scenario_case("name: s\nextends: base\nrates:\n  all: {multiplier: 1.0, source: x}\n"
                       "costs:\n  all: {multiplier: 01.0, source: x}\n", "--format", "json"),
         exit=0, out=False, stdout_check=budget_is(35_085_957)))
add(Case("yamlnum-quoted-is-text", "yamlnum",
         scenario_case("name: s\nextends: base\ndescription: '0450000'\n", "--format", "json"), exit=0, out=False,
         stdout_check=budget_is(35_085_957)))

# --------------------------------------------------------------------------- yamlsyntax
for _id, _text, _words in (
        ("tab", "name: s\n\textends: base\n", ("Zeile 2", "Tabulatorzeichen")),
        ("two-documents", "name: s\nextends: base\n---\nname: t\n", ("Zeile 3", "mehr als ein YAML-Dokument")),
        ("python-tag", "name: s\nextends: base\nx: !!python/object:os.system [echo]\n", ("Zeile 3", "YAML-Tag")),
        ("unclosed-list", "name: s\nextends: [base\n", ("Zeile 3", "schließende Klammer ']'")),
        ("unclosed-map", "name: s\nextends: base\nbudget: {neufallbudget_eur: 1\n", ("schließende Klammer '}'",)),
        ("unclosed-quote", "name: s\nextends: base\ndescription: \"Plan 2020\n", ("Anführungszeichen",)),
        ("colon-in-value", "name: s\nextends: base\ndescription: Stand: Juni\n", ("Zeile 3", "Doppelpunkt")),
        ("undefined-alias", "name: s\nextends: *base\n", ("Zeile 2", "Anker")),
        ("bad-escape", "name: s\nextends: base\ndescription: \"C:\\Daten\"\n", ("Zeile 3", "Escape-Folge")),
        ("at-sign", "name: s\nextends: base\ndescription: @jobcenter\n", ("Zeile 3", "Anführungszeichen")),
        ("unhashable-key", "name: s\nextends: base\n? [a, b]\n: 1\n", ("Schlüssel",))):
    add(Case(f"yamlsyntax-{_id}", "yamlsyntax", scenario_case(_text), expect=("s.yaml", "YAML-Syntaxfehler", *_words)))

add(Case("yamlsyntax-json-document-read-right", "yamlsyntax",
         scenario_case('{"name": "s", "extends": "base", "budget": {"neufallbudget_eur": 35085957}}\n', "--format",
                       "json"), exit=0, out=False, stdout_check=budget_is(35_085_957)))
add(Case("yamlsyntax-only-a-comment", "yamlsyntax", scenario_case("# nur ein Kommentar\n"),
         expect=("s.yaml", "YAML-Zuordnung")))
add(Case("yamlsyntax-merge-key-read-right", "yamlsyntax",
         scenario_case("name: s\nextends: base\nrates:\n  all: &b {multiplier: 1.1, source: x}\n  instrument_type:\n"
                       "    mat:\n      <<: *b\n      multiplier: 0.5\n", "--format", "json"), exit=0, out=False,
         stdout_check=budget_is(35_085_957)))
add(Case("yamlsyntax-merge-key-typo-named", "yamlsyntax",
         scenario_case("name: s\nextends: base\nrates:\n  all: &b {multiplier: 1.1, sourc: x}\n  instrument_type:\n"
                       "    mat:\n      <<: *b\n"), expect=("s.yaml", "Zeile 4", "'rates.all.sourc'", "'source'")))

# --------------------------------------------------------------------------- yamltype
for _id, _line, _words in (
        ("date-as-budget", "budget:\n  neufallbudget_eur: 2020-01-15\n", ("ein Datum (15.01.2020",)),
        ("datetime-as-text", "description: 2020-01-15 10:30:00\n", ("ein Datum (15.01.2020 10:30",)),
        ("binary-as-text", "description: !!binary aGVsbG8=\n", ("Binärdaten",)),
        ("set-as-text", "description: !!set {a, b}\n", ("eine Menge",)),
        ("yes-as-multiplier", "rates:\n  all: {multiplier: yes, source: x}\n", ("ja/nein (ja",))):
    add(Case(f"yamltype-{_id}", "yamltype", scenario_case("name: s\nextends: base\n" + _line),
             expect=("s.yaml", *_words)))

# --------------------------------------------------------------------------- yamlsize
add(Case("yamlsize-comments-over-limit", "yamlsize",
         scenario_case("name: s\nextends: base\n" + ("# " + "k" * 98 + "\n") * 12_000),
         expect=("s.yaml", "KB groß", "AMIP_MAX_YAML_KB")))
add(Case("yamlsize-long-text-over-limit", "yamlsize",
         scenario_case("name: s\nextends: base\ndescription: '" + "x" * 1_200_000 + "'\n"),
         expect=("s.yaml", "zu groß für eine YAML-Datei")))
add(Case("yamlsize-600000-list-items-the-sharper-rule", "yamlsize",   # over both limits: the first part is read
         scenario_case("name: s\nextends: base\nx: [" + ",".join(["1"] * 600_000) + "]\n"),
         expect=("s.yaml", "mehr als 20.000 Werte")))
add(Case("yamlsize-deep-and-big-the-sharper-rule", "yamlsize",
         scenario_case("name: s\nextends: base\n" + "".join("  " * i + f"k{i}:\n" for i in range(3000)) + "v: 1\n"),
         expect=("s.yaml", "verschachtelt", "AMIP_MAX_YAML_DEPTH")))
add(Case("yamlsize-too-many-values", "yamlsize",
         scenario_case("name: s\nextends: base\nx: [" + ",".join(["1"] * 60_000) + "]\n"),
         expect=("s.yaml", "Zeile 3", "mehr als 20.000 Werte", "AMIP_MAX_YAML_NODES")))
add(Case("yamlsize-value-limit-lowered", "yamlsize", scenario_case(budget_yaml("35085957")),
         env={"AMIP_MAX_YAML_NODES": "3"}, expect=("s.yaml", "AMIP_MAX_YAML_NODES=")))
add(Case("yamlsize-kb-limit-lowered", "yamlsize", scenario_case(budget_yaml("35085957") + "# " + "x" * 2000 + "\n"),
         env={"AMIP_MAX_YAML_KB": "1"}, expect=("s.yaml", "AMIP_MAX_YAML_KB=")))

# --------------------------------------------------------------------------- envlimit
HUGE = "9" * 30
for _env in ("AMIP_MAX_ROWS", "AMIP_MAX_CELL_CHARS", "AMIP_MAX_FILE_MB", "AMIP_MAX_YAML_KB"):
    add(Case(f"envlimit-{_env.lower()}-huge", "envlimit", csv_case(PLAIN), env={_env: HUGE},
             expect=(_env, "ist zu groß", "höchstens")))
add(Case("envlimit-solves-huge", "envlimit", lambda d: ["sensitivity", "--draws", "2", "--points", "2", "--quiet"],
         out=False, env={"AMIP_MAX_SOLVES": HUGE}, expect=("AMIP_MAX_SOLVES", "ist zu groß")))
DEEP = "name: s\nextends: base\nx: " + "[" * 3000 + "]" * 3000 + "\n"
add(Case("envlimit-yaml-depth-raised-past-recursion", "envlimit", scenario_case(DEEP),
    env={"AMIP_MAX_YAML_DEPTH": "100000"}, expect=("AMIP_MAX_YAML_DEPTH", "ist zu groß", "256")))
add(Case("envlimit-yaml-depth-at-ceiling", "envlimit", scenario_case(DEEP),
    env={"AMIP_MAX_YAML_DEPTH": "256"}, expect=("s.yaml", "tiefer als 256 Ebenen")))

# --------------------------------------------------------------------------- csvform
add(Case("csvform-excel-sep-semicolon-read-right", "csvform", csv_case("sep=;\n" + german_plain(), "--format", "json"),
         exit=0, out=False, stdout_check=cost_of("m-hf2", 2281.45)))
add(Case("csvform-excel-sep-comma-read-right", "csvform", csv_case('"sep=,"\n' + PLAIN, "--format", "json"),
         exit=0, out=False, stdout_check=cost_of("m-hf2", 2281.45)))
add(Case("csvform-excel-sep-rows-as-excel-shows", "csvform",
         csv_case("sep=;\n" + german_plain().replace("2281,45", "teuer")), expect=(M, "Zeile 3", "'teuer'")))
add(Case("csvform-excel-sep-pipe", "csvform", csv_case("sep=|\n" + PLAIN.replace(",", "|")),
         expect=(M, "Zeile 1", "'sep=…'", "'|'")))
add(Case("csvform-excel-sep-disagrees", "csvform", csv_case("sep=;\n" + PLAIN), expect=(M, "Zeile 1", "'sep=…'")))
add(Case("csvform-empty-lines-above-header", "csvform", csv_case("\n\n" + PLAIN, "--format", "json"), exit=0,
         out=False, stdout_check=ids_are(*ALL_IDS)))
add(Case("csvform-empty-lines-above-header-rows-counted", "csvform",
         csv_case("\n\n" + rows_with((1, COST, "teuer"))), expect=(M, "Zeile 5", "'teuer'")))
add(Case("csvform-tab-separated", "csvform", csv_case(PLAIN.replace(",", "\t")), expect=(M, "Zeile 1", "Tabulatoren")))
add(Case("csvform-tab-separated-german", "csvform", csv_case(german_plain().replace(";", "\t")),
         expect=(M, "Tabulatoren", "CSV UTF-8")))
add(Case("csvform-tab-separated-unicode-text", "csvform",
         csv_case("\ufeff" + german_plain().replace(";", "\t"), encoding="utf-16-le"), expect=(M, "Unicode-Text")))
add(Case("csvform-utf32-le-read-right", "csvform", csv_case("\ufeff" + PLAIN, "--format", "json", encoding="utf-32-le"),
         exit=0, out=False, stdout_check=cost_of("m-hf2", 2281.45)))
add(Case("csvform-utf32-be-read-right", "csvform", csv_case("\ufeff" + PLAIN, "--format", "json", encoding="utf-32-be"),
         exit=0, out=False, stdout_check=cost_of("m-hf2", 2281.45)))
add(Case("csvform-windows-1252-german-message", "csvform",
         csv_case(german_plain().replace("Aktivierung", "Aktivierung für Ältere"), encoding="cp1252"),
         expect=(M, "Maßnahmentabelle ist kein UTF-8-Text", "Windows-1252", "CSV UTF-8")))
add(Case("csvform-euro-and-nbsp-read-right", "csvform",
         csv_case(german_plain().replace("1500,50", "1\u00a0500,50\u00a0€"), "--format", "json"), exit=0, out=False,
         stdout_check=cost_of("m-hf1", 1500.5)))
add(Case("csvform-percent-refused", "csvform", csv_case(german_plain().replace(";0,4;", ";40 %;")),
         expect=(M, "Zeile 5", "integration_rate", "'40 %'")))
add(Case("csvform-german-exponent-refused", "csvform", csv_case(german_plain().replace("1500,50", "1,5005E+03")),
         expect=(M, "Zeile 2", "'1,5005E+03'")))
add(Case("csvform-nul-byte", "csvform", csv_case(PLAIN.replace("Aktivierung", "Akti\x00vierung")),
         expect=(M, "Binärdatei")))

# --------------------------------------------------------------------------- cells


def xlsx_edit(edit, *extra):
    """The plain table as a workbook (xlsxwriter), edit(workbook, sheet) applied."""
    def setup(d: Path) -> list:
        import xlsxwriter

        wb = xlsxwriter.Workbook(str(d / "m.xlsx"))
        ws = wb.add_worksheet("Maßnahmen")
        for r, row in enumerate(plain_rows()):
            for c, v in enumerate(row):
                if v != "":
                    ws.write(r, c, v)
        edit(wb, ws)
        wb.close()
        return ["optimize", "--measures", "m.xlsx", *B, *extra]
    return setup


def _date_cell(row: int, col: int, when: datetime.datetime):
    return lambda wb, ws: ws.write_datetime(row, col, when, wb.add_format({"num_format": "dd.mm.yyyy"}))


add(Case("cells-div0-in-cost", "cells", xlsx_edit(lambda wb, ws: ws.write_formula(1, COST, "=1/0", None, "#DIV/0!")),
         expect=("m.xlsx", "Maßnahmen!H2", "Excel-Fehlerwert #DIV/0!")))
add(Case("cells-na-in-rate", "cells", xlsx_edit(lambda wb, ws: ws.write_formula(4, RATE, "=NA()", None, "#N/A")),
         expect=("m.xlsx", "Maßnahmen!M5", "Excel-Fehlerwert #NV")))
add(Case("cells-ref-in-id", "cells", xlsx_edit(lambda wb, ws: ws.write_formula(2, 0, "=#REF!", None, "#REF!")),
         expect=("m.xlsx", "Maßnahmen!A3", "#BEZUG!")))
add(Case("cells-date-in-cost", "cells", xlsx_edit(_date_cell(1, COST, datetime.datetime(2020, 1, 15))),
         expect=("m.xlsx", "Maßnahmen!H2", "ein Datum (15.01.2020)")))
add(Case("cells-date-in-entries", "cells",
         xlsx_edit(_date_cell(1, COL["planned_entries"], datetime.datetime(1900, 4, 9))),
         expect=("m.xlsx", "Maßnahmen!I2", "ein Datum (09.04.1900)")))
add(Case("cells-date-in-name-is-text", "cells", xlsx_edit(_date_cell(1, 2, datetime.datetime(2020, 1, 15)),
                                                          "--format", "json"),
         exit=0, out=False, stdout_check=ids_are(*ALL_IDS)))
add(Case("cells-false-in-rate", "cells", xlsx_edit(lambda wb, ws: ws.write_boolean(4, RATE, False)),
         expect=("m.xlsx", "Maßnahmen!M5", "Wahrheitswert (FALSCH)")))
add(Case("cells-true-in-name-is-text", "cells", xlsx_edit(lambda wb, ws: ws.write_boolean(1, 2, True), "--format",
                                                          "json"), exit=0, out=False, stdout_check=ids_are(*ALL_IDS)))
add(Case("cells-text-number-in-workbook", "cells", xlsx_edit(lambda wb, ws: ws.write_string(1, COST, "1.500.5")),
         expect=("m.xlsx", "Maßnahmen!H2", "'1.500.5' ist keine Zahl: bitte nur die Zahl eintragen")))
add(Case("cells-apostrophe-number-in-workbook", "cells", xlsx_edit(lambda wb, ws: ws.write_string(1, COST, "'1500")),
         expect=("m.xlsx", "Maßnahmen!H2", "ist keine Zahl: bitte nur die Zahl")))
add(Case("cells-german-text-number-read-right", "cells",
         xlsx_edit(lambda wb, ws: ws.write_string(1, COST, "1.500,50 €"), "--format", "json"), exit=0, out=False,
         stdout_check=cost_of("m-hf1", 1500.5)))
add(Case("cells-formula-with-value-read-right", "cells",
         xlsx_edit(lambda wb, ws: ws.write_formula(1, COST, "=1000+500.5", None, 1500.5), "--format", "json"),
         exit=0, out=False, stdout_check=cost_of("m-hf1", 1500.5)))


def actuals_cell(sheet: str, ref: str, value):
    def setup(d: Path) -> list:
        import openpyxl

        wb = openpyxl.load_workbook(ACTUALS)
        wb[sheet][ref].value = value
        wb.save(d / "a.xlsx")
        return ["ist", "--actuals", "a.xlsx"]
    return setup


add(Case("cells-actuals-div0", "cells", actuals_cell("Eintritte", "E3", "#DIV/0!"), out=False,
         expect=("a.xlsx", "Eintritte!E3", "Excel-Fehlerwert #DIV/0!")))
add(Case("cells-actuals-date", "cells", actuals_cell("Ausgaben", "F4", datetime.datetime(2020, 3, 1)), out=False,
         expect=("a.xlsx", "Ausgaben!F4", "ein Datum (01.03.2020)")))
add(Case("cells-actuals-true", "cells", actuals_cell("Eintritte", "G5", True), out=False,
         expect=("a.xlsx", "Eintritte!G5", "Wahrheitswert (WAHR)")))
add(Case("cells-actuals-commitments-na", "cells", actuals_cell("Festlegungen", "D3", "#N/A"), out=False,
         expect=("a.xlsx", "Festlegungen!D3", "#NV")))

# --------------------------------------------------------------------------- format


def ods_named_xlsx(d: Path) -> list:
    with zipfile.ZipFile(d / "m.xlsx", "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
        z.writestr("META-INF/manifest.xml", "<manifest/>")
    return ["optimize", "--measures", "m.xlsx", *B]


def other_zip(d: Path) -> list:
    with zipfile.ZipFile(d / "m.xlsx", "w") as z:
        z.writestr("readme.txt", "Maßnahmen 2020")
    return ["optimize", "--measures", "m.xlsx", *B]


add(Case("format-ods-named-xlsx", "format", ods_named_xlsx,
         expect=("m.xlsx", "OpenDocument-Tabelle", "keine Excel-Arbeitsmappe")))
add(Case("format-other-zip-named-xlsx", "format", other_zip, expect=("m.xlsx", "ZIP-Archiv", "[Content_Types].xml")))
add(Case("format-windows-1252-csv-named-xlsx", "format",
         lambda d: [w(d, "m.xlsx", german_plain().replace("Aktivierung", "Ältere"), "cp1252") and "optimize",
                    "--measures", "m.xlsx", *B], expect=("m.xlsx", "Textdatei (vermutlich CSV)")))
add(Case("format-utf16-csv-named-xlsx", "format",
         lambda d: [w(d, "m.xlsx", "\ufeff" + PLAIN, "utf-16-le") and "optimize", "--measures", "m.xlsx", *B],
         expect=("m.xlsx", "Textdatei (vermutlich CSV)")))
add(Case("format-xlsx-named-xls", "format", lambda d: [good_xlsx(d, "m.xls") and "optimize", "--measures", "m.xls", *B],
         expect=("m.xls", "Maßnahmentabelle ist eine Excel-Arbeitsmappe (.xlsx)", "Endung .xlsx")))
add(Case("format-empty-file-named-xlsx", "format",
         lambda d: [w(d, "m.xlsx", b"") and "optimize", "--measures", "m.xlsx", *B],
         expect=("m.xlsx", "Maßnahmentabelle ist leer")))
add(Case("format-16384-columns-read-right", "format",
         xlsx_edit(lambda wb, ws: ws.write(1, 16383, "x"), "--format", "json"), exit=0, out=False,
         stdout_check=ids_are(*ALL_IDS)))
add(Case("format-xlsm-read-right", "format",
         lambda d: [good_xlsx(d, "m.xlsm") and "optimize", "--measures", "m.xlsm", *B, "--format", "json"], exit=0,
         out=False, stdout_check=ids_are(*ALL_IDS)))

# --------------------------------------------------------------------------- sheets


def sheets_case(titles: tuple[str, ...], wanted: str | None, *extra):
    def setup(d: Path) -> list:
        import openpyxl

        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        for t in titles:
            ws = wb.create_sheet(t)
            for r in plain_rows():
                ws.append(r)
        wb.save(d / "m.xlsx")
        return ["optimize", "--measures", "m.xlsx", *B, *(["--sheet", wanted] if wanted else []), *extra]
    return setup


add(Case("sheets-other-case", "sheets", sheets_case(("Hilfe", "maßnahmen"), "MASSNAHMEN"), expect=("kein Blatt",)))
add(Case("sheets-lower-case-found", "sheets", sheets_case(("Hilfe", "Maßnahmen"), "maßnahmen", "--format", "json"),
         exit=0, out=False, stdout_check=ids_are(*ALL_IDS)))
add(Case("sheets-blanks-found", "sheets", sheets_case(("Hilfe", " Maßnahmen  2020 "), "Maßnahmen 2020", "--format",
                                                      "json"), exit=0, out=False, stdout_check=ids_are(*ALL_IDS)))
add(Case("sheets-decomposed-name-found", "sheets",
         sheets_case(("Hilfe", "Maßnahmen Ä"), "maßnahmen a\u0308", "--format", "json"), exit=0, out=False,
         stdout_check=ids_are(*ALL_IDS)))
add(Case("sheets-blanks-and-case-found", "sheets", sheets_case(("Plan A", "Maßnahmen"), "plan a  ", "--format",
                                                                 "json"), exit=0, out=False,
         stdout_check=ids_are(*ALL_IDS)))


def two_sheets_one_name(d: Path) -> list:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "Maßnahmen Ä"
    wb.create_sheet("Maßnahmen A\u0308")   # Excel keeps both: their names differ in bytes
    for ws in wb.worksheets:
        for r in plain_rows():
            ws.append(r)
    wb.save(d / "m.xlsx")
    return ["optimize", "--measures", "m.xlsx", *B, "--sheet", "maßnahmen ä"]


add(Case("sheets-two-normalise-to-one", "sheets", two_sheets_one_name, expect=("m.xlsx", "passt auf mehrere Blätter")))


def actuals_sheet_renamed(d: Path) -> list:
    import openpyxl

    wb = openpyxl.load_workbook(ACTUALS)
    wb["Eintritte"].title = "eintritte "
    wb.save(d / "a.xlsx")
    return ["ist", "--actuals", "a.xlsx", "--format", "json"]


add(Case("sheets-actuals-renamed-found", "sheets", actuals_sheet_renamed, exit=0, out=False))

# --------------------------------------------------------------------------- empty
for _id, _args in (
        ("measures", ["optimize", "--measures", "", *B]), ("output", ["optimize", "--output", ""]),
        ("output-blank", ["optimize", "--output", "  "]), ("init-folder", ["init", "", "--jobcenter", "Duisburg"]),
        ("national-output", ["national", "--output", "", "--search", "Duisburg"]),
        ("scenario", ["optimize", "--scenario", ""]), ("compare-scenario", ["compare", "base", ""]),
        ("national-search", ["national", "--search", " "]), ("sheet", ["optimize", "--sheet", "", *B]),
        ("init-jobcenter", ["init", "neu", "--jobcenter", ""]), ("jobcenters-search", ["jobcenters", ""]),
        ("scenario-template-name", ["scenarios", "new", ""]), ("html", ["sensitivity", "--html", "", "--quiet"])):
    add(Case(f"empty-{_id}", "empty", (lambda a: lambda d: a)(_args), out=False, expect=("leer",)))

# --------------------------------------------------------------------------- options
for _id, _args, _words in (
        ("horizon-text", ["optimize", "--horizon", "drei"], ("--horizon", "erwartet: ganze Zahl")),
        ("draws-fraction", ["sensitivity", "--draws", "1.5"], ("--draws", "erwartet: ganze Zahl")),
        ("tolerance-text", ["optimize", "--tolerance", "wenig"], ("--tolerance", "erwartet: Zahl")),
        ("budget-empty", ["optimize", "--budget", ""], ("--budget", "kein Eurobetrag")),
        ("budget-mio", ["optimize", "--budget", "4,5 Mio"], ("--budget", "kein Eurobetrag")),
        ("budget-minus-zero", ["optimize", "--budget", "-0"], ("--budget", "kein plausibles Neufallbudget")),
        ("seed-negative", ["sensitivity", "--seed", "-1"], ("--seed", "Bereich")),
        ("seed-2-to-the-70", ["sensitivity", "--seed", str(2 ** 70)], ("--seed", "Bereich")),
        ("jobs-zero", ["sensitivity", "--jobs", "0"], ("--jobs", "Bereich")),
        ("jobs-10000", ["sensitivity", "--jobs", "10000"], ("--jobs", "Bereich")),
        ("budget-range-reversed", ["sensitivity", "--budget-range", "90:80"], ("--budget-range",))):
    add(Case(f"options-{_id}", "options", (lambda a: lambda d: a)(_args), out=False, expect=_words))

# --------------------------------------------------------------------------- names
add(Case("names-newline-in-missing-file", "names", lambda d: ["optimize", "--measures", "m\nx.csv", *B],
         expect=("m\\nx.csv", "nicht gefunden")))
add(Case("names-right-to-left-override", "names", lambda d: ["optimize", "--measures", "m\u202evsc.xlsx", *B],
         expect=("m\\u202evsc.xlsx", "nicht gefunden")))
add(Case("names-newline-in-output-said-escaped", "names",
         lambda d: [w(d, M, PLAIN) and "optimize", "--measures", M, *B, "--output", "o\n1.xlsx"], exit=0, out=False,
         changes=("o\n1.xlsx",)))
add(Case("names-newline-in-input-bad-cell", "names",
         lambda d: [w(d, "m\nx.csv", rows_with((0, COST, "teuer"))) and "optimize", "--measures", "m\nx.csv", *B],
         expect=("m\\nx.csv", "Zeile 2", "'teuer'")))

# --------------------------------------------------------------------------- german
add(Case("german-dev-stdin-as-measures", "german", lambda d: ["optimize", "--measures", "/dev/stdin", *B],
         expect=("/dev/stdin", "Maßnahmentabelle ist keine gewöhnliche Datei")))
add(Case("german-fifo-as-rates", "german", lambda d: [os.mkfifo(d / "r.csv") or "optimize", "--rates", "r.csv"],
         expect=("r.csv", "Quotentabelle ist keine gewöhnliche Datei")))
add(Case("german-symlink-loop", "german", lambda d: [os.symlink("loop.csv", d / "loop.csv") or "optimize",
                                                     "--measures", "loop.csv", *B],
         expect=("loop.csv", "lässt sich nicht lesen", "symbolische Verknüpfungen")))
add(Case("german-scheduler-refused", "german", lambda d: ["national", "--scheduler", "tcp://127.0.0.1:1"], out=False,
         expect=("--scheduler", "Verbindung abgelehnt")))
add(Case("german-latin1-scenario", "german",
         lambda d: [w(d, "s.yaml", "name: s\nextends: base\ndescription: März\n", "latin-1") and "optimize",
                    "--scenario", "s.yaml"], expect=("s.yaml", "Szenariodatei ist kein UTF-8-Text", "UTF-8 speichern")))
def truncated_workbook(d: Path) -> list:
    src = good_xlsx(d, "src.xlsx")
    (d / "m.xlsx").write_bytes(src.read_bytes()[:-200])
    src.unlink()
    return ["optimize", "--measures", "m.xlsx", *B]


add(Case("german-truncated-workbook", "german", truncated_workbook,
         expect=("m.xlsx", "keine lesbare .xlsx-Arbeitsmappe")))
add(Case("german-workbook-without-header", "german",
         lambda d: [workbook_from_rows(d / "m.xlsx", [["a", "b"], [1, 2]]) and "optimize", "--measures", "m.xlsx", *B],
         expect=("m.xlsx", "kein Blatt hat die Kopfzeile", "Blätter: Maßnahmen")))
add(Case("german-duplicate-columns-workbook", "german",
         lambda d: [workbook_from_rows(d / "m.xlsx", [r + [r[0]] for r in plain_rows()]) and "optimize",
                    "--measures", "m.xlsx", *B], expect=("m.xlsx", "eine Spalte steht zweimal in der Kopfzeile")))


# --------------------------------------------------------------------------- running
@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    return run_corpus(CASES, tmp_path_factory.mktemp("hostile-more"))


def test_the_classes_have_their_cases():
    by_class = cases_by_class(CASES)
    assert all(n >= 4 for n in by_class.values()), by_class
    assert len(CASES) >= 90, by_class


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_more(case: Case, outcomes):
    o = outcomes[case.id]
    check_outcome(case, o)
    shown = re.sub(r"'[^']*'|\"[^\"]*\"|\S+\.(csv|xlsx|xlsm|xls|yaml)\b", "", o.stderr)   # quoted words, file names
    assert not ENGLISH.search(shown), o.stderr


def test_a_newline_in_an_output_name_is_said_escaped(outcomes):
    o = outcomes["names-newline-in-output-said-escaped"]
    assert "geschrieben: o\\n1.xlsx" in o.stderr, o.stderr
