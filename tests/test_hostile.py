"""The hostile corpus (issue 16): inputs an attacker or a careless user gives, by class.

Every case runs the real CLI in a subprocess with a time limit and a memory limit (address space, set
by the launcher before amip is imported) and asserts: the exit code, the message (file, row, cell or
key named), no traceback, no file created or changed in the case's folder (apart from an expected
one), and no temporary file left. Bulky and binary inputs (zip bombs, 25.000-row tables, deep YAML,
damaged workbooks) are generated here, not committed. The cases run in a few threads at once (each
is its own process) so the corpus stays well under a minute on two cores.
"""
from __future__ import annotations

import concurrent.futures as cf
import csv
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

#: 146 subprocesses under time and memory limits: about 40 s alone, 130 s on a busy machine
pytestmark = pytest.mark.slow

DATA = Path(__file__).parent / "data"
PLAIN = (DATA / "odd" / "plain.csv").read_text(encoding="utf-8")
HEADER = PLAIN.splitlines()[0]
ROWS = PLAIN.splitlines()[1:]
B = ["--budget", "1000000"]        # every --measures case names its budget (a later issue requires it)
TIME_LIMIT_S = 40
MEMORY_LIMIT = 3 * 1024 ** 3      # address space of one CLI process (numpy + HiGHS need ~1 GB of it)

# The launcher: limits first (memory; optionally the file size, with SIGXFSZ ignored so that a write
# fails with EFBIG like on a full disk), then the CLI.
LAUNCH = """
import os, resource, signal, sys
resource.setrlimit(resource.RLIMIT_AS, (int(os.environ['HOSTILE_AS']),) * 2)
if os.environ.get('HOSTILE_FSIZE'):
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (int(os.environ['HOSTILE_FSIZE']),) * 2)
from amip.cli import main
sys.argv = ['amip'] + sys.argv[1:]
main()
"""


@dataclass
class Case:
    id: str
    cls: str                       #: silent | hang | traceback | files | message | hardening | contract
    setup: Callable[[Path], list]  #: writes the inputs into the folder, returns the CLI arguments
    exit: int = 2
    expect: tuple[str, ...] = ()   #: words the message (stderr) must hold
    out: bool = True               #: add --output out.xlsx and check that it is not written
    env: dict = field(default_factory=dict)
    stdout_check: Callable[[str, Path], None] | None = None
    changes: tuple[str, ...] = ()  #: files the run may create (expected output)
    stdout_to: str | None = None   #: e.g. /dev/full


# --------------------------------------------------------------------------- builders
def w(d: Path, name: str, text: str | bytes, encoding: str = "utf-8") -> Path:
    p = d / name
    p.write_bytes(text if isinstance(text, bytes) else text.encode(encoding))
    return p


def csv_case(text: str, *extra, name: str = "m.csv", encoding: str = "utf-8"):
    def setup(d: Path) -> list:
        w(d, name, text, encoding)
        return ["optimize", "--measures", name, *B, *extra]
    return setup


def rows_with(*edits: tuple[int, int, str], header: str = HEADER, sep: str = ",") -> str:
    """PLAIN with cells replaced: (row index 0.., column index, new text)."""
    rows = [r.split(",") for r in ROWS]
    for i, c, v in edits:
        rows[i][c] = v
    return "\n".join([header.replace(",", sep)] + [sep.join(r) for r in rows]) + "\n"


COL = {c: i for i, c in enumerate(HEADER.split(","))}


def german(text: str) -> str:
    return text.replace(",", ";")


def german_rows(*edits) -> str:
    return rows_with(*edits, sep=";")


def scenario_case(text: str, *extra, cmd: str = "optimize"):
    def setup(d: Path) -> list:
        w(d, "s.yaml", text)
        return [cmd, "--scenario", "s.yaml", *extra]
    return setup


def workbook_from_rows(path: Path, rows: list[list], *, hidden_first: list[list] | None = None,
                       hidden_state: str = "hidden") -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    if hidden_first is not None:
        ws.title = "Alt"
        for r in hidden_first:
            ws.append(r)
        ws.sheet_state = hidden_state
        ws = wb.create_sheet("Maßnahmen")
    else:
        ws.title = "Maßnahmen"
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def plain_rows() -> list[list]:
    out = []
    for r in csv.reader(io.StringIO(PLAIN)):
        out.append([float(c) if c.replace(".", "", 1).isdigit() and i >= COL["cost_per_entry_eur"] else c
                    for i, c in enumerate(r)])
    return out


def good_xlsx(d: Path, name: str = "m.xlsx") -> Path:
    """A valid measure workbook as Excel writes it (shared strings, XML declarations): by xlsxwriter."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(d / name))
    ws = wb.add_worksheet("Maßnahmen")
    for r, row in enumerate(plain_rows()):
        for c, v in enumerate(row):
            if v != "":
                ws.write(r, c, v)
    wb.close()
    return d / name


def rezip(src: Path, dst: Path, change: Callable[[str, bytes], bytes | None], *, level=zipfile.ZIP_DEFLATED):
    """A copy of a workbook with members changed (None drops the member)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", level) as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info.filename, data)
    return dst


def xlsx_case(change: Callable[[str, bytes], bytes | None], *extra):
    def setup(d: Path) -> list:
        src = good_xlsx(d, "src.xlsx")
        rezip(src, d / "m.xlsx", change)
        src.unlink()
        return ["optimize", "--measures", "m.xlsx", *B, *extra]
    return setup


SHEET = "xl/worksheets/sheet1.xml"


def on(member: str, f: Callable[[bytes], bytes]):
    return lambda name, data: f(data) if name == member else data


def _with_doctype(data: bytes, doctype: bytes) -> bytes:
    if data.startswith(b"<?xml"):
        end = data.index(b"?>") + 2
        return data[:end] + doctype + data[end:]
    return b'<?xml version="1.0" encoding="UTF-8"?>' + doctype + data


def _first_text(data: bytes, entity: bytes) -> bytes:
    for tag in (b"<t>", b"<t xml:space=\"preserve\">", b"<v>"):
        if tag in data:
            return data.replace(tag, tag + entity, 1)
    i = data.index(b">", data.index(b"<", data.index(b"?>") + 2 if b"?>" in data else 0) + 1)   # after the root tag
    return data[: i + 1] + entity + data[i + 1:]


def bomb_xml(data: bytes) -> bytes:
    ents = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{("&a%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    return _first_text(_with_doctype(data, f"<!DOCTYPE r [{ents}]>".encode()), b"&a9;")


def xxe_xml(data: bytes) -> bytes:
    return _first_text(_with_doctype(data, b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'), b"&x;")


def zip_bomb(d: Path, name: str, member: str, size_mb: int) -> Path:
    """A workbook whose one member unpacks to size_mb MB of one repeated byte (a few hundred kB packed)."""
    src = good_xlsx(d, "src.xlsx")
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(d / name, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != member:
                zout.writestr(info.filename, zin.read(info.filename))
        with zout.open(member, "w", force_zip64=True) as f:
            chunk = b" " * (1024 * 1024)
            for _ in range(size_mb):
                f.write(chunk)
    src.unlink()
    return d / name


# --------------------------------------------------------------------------- stdout checks
def json_out(check: Callable[[dict], bool]):
    def f(stdout: str, _d: Path) -> None:
        data = json.loads(stdout)
        assert check(data), data
    return f


def ids_are(*ids):
    return json_out(lambda j: sorted(m["id"] for m in j["measures"]) == sorted(ids))


def cost_of(mid: str, value: float):
    return json_out(lambda j: any(m["id"] == mid and abs(m["cost_per_entry"] - value) < 1e-9 for m in j["measures"]))


def csv_cells_safe(stdout: str, _d: Path) -> None:
    rows = list(csv.reader(io.StringIO(stdout)))
    cells = [c for r in rows[1:] for c in r]
    bad = [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r") or (c[:1] == "-" and not _is_number(c))]
    assert not bad, bad
    assert any(c.startswith("'") for c in cells), cells


def _is_number(c: str) -> bool:
    try:
        float(c)
        return True
    except ValueError:
        return False


# --------------------------------------------------------------------------- the cases
M = "m.csv"
cost, planned, upper, rate = (COL[c] for c in ("cost_per_entry_eur", "planned_entries", "upper", "integration_rate"))
CASES: list[Case] = []
add = CASES.append

# ---- silent wrong results: each is now refused with its row, or read right
add(Case("unclosed-quote-merges-rows", "silent", csv_case(rows_with((0, 2, '"Aktivierung')), ),
         expect=(M, "Zeile 2", "Anführungszeichen")))
add(Case("unclosed-quote-last-row", "silent", csv_case(rows_with((3, 2, '"Reha FbW'))),
         expect=(M, "Zeile 5", "Anführungszeichen")))
add(Case("text-after-closing-quote", "silent", csv_case(rows_with((1, 2, '"AG"H'))),
         expect=(M, "Zeile 3", "Anführungszeichen")))
add(Case("short-row-padded", "silent", csv_case(PLAIN.replace(ROWS[1], ROWS[1].rsplit(",", 2)[0])),
         expect=(M, "Zeile 3", "12 Zellen", "14 Spalten")))
add(Case("short-row-one-cell", "silent", csv_case(PLAIN.replace(ROWS[2], ROWS[2].rsplit(",", 1)[0])),
         expect=(M, "Zeile 4", "13 Zellen")))
add(Case("long-row", "silent", csv_case(PLAIN.replace(ROWS[0], ROWS[0] + ",x")),
         expect=(M, "Zeile 2", "15 Zellen, aber die Kopfzeile hat 14 Spalten")))
add(Case("dot-decimal-in-semicolon-file", "silent", csv_case(german(PLAIN).replace("1383.20", "1383,20").replace(
    "1500.50", "1500,50").replace("2281.45", "2281.45").replace("4218.36", "4218,36").replace("0.4", "0,4")),
    expect=(M, "Zeile 3", "cost_per_entry_eur", "'2281.45'", "deutschen Format", "1.383,20")))
add(Case("dot-rate-in-semicolon-file", "silent", csv_case(german(PLAIN).replace("1383.20", "1383,20").replace(
    "1500.50", "1500,50").replace("2281.45", "2281,45").replace("4218.36", "4218,36")),
    expect=(M, "Zeile 5", "integration_rate", "'0.4'")))
add(Case("comma-decimal-in-comma-file", "silent", csv_case(rows_with((0, cost, '"1500,50"'))),
         expect=(M, "Zeile 2", "cost_per_entry_eur", "'1500,50'", "Dezimalpunkt")))
add(Case("thousands-comma-in-comma-file", "silent", csv_case(rows_with((0, cost, '"1,500.50"'))),
         expect=(M, "Zeile 2", "'1,500.50'")))
add(Case("german-thousands-read-right", "silent", csv_case(german_rows((0, cost, "1.500"), (1, cost, "2281,45"),
    (2, cost, "1383,2"), (3, cost, "4218,36"), (3, rate, "0,4")), "--format", "json"), exit=0, out=False,
    stdout_check=cost_of("m-hf1", 1500.0)))
add(Case("german-decimal-read-right", "silent", csv_case(german_rows((0, cost, "1.500,50"), (1, cost, "2281,45"),
    (2, cost, "1383,20"), (3, cost, "4218,36"), (3, rate, "0,4")), "--format", "json"), exit=0, out=False,
    stdout_check=cost_of("m-hf1", 1500.5)))
add(Case("two-dots-in-german-file", "silent", csv_case(german_rows((0, cost, "1.500.5"), (1, cost, "2281,45"),
    (2, cost, "1383,2"), (3, cost, "4218,36"), (3, rate, "0,4"))), expect=(M, "Zeile 2", "'1.500.5'")))


def hidden_sheet(state: str):
    def setup(d: Path) -> list:
        rows = plain_rows()
        old = [rows[0], rows[1]]
        old[1] = list(old[1])
        old[1][0] = "m-old"
        workbook_from_rows(d / "m.xlsx", [rows[0]] + rows[2:], hidden_first=old, hidden_state=state)
        return ["optimize", "--measures", "m.xlsx", *B, "--format", "json"]
    return setup


add(Case("hidden-sheet-before-table", "silent", hidden_sheet("hidden"), exit=0, out=False,
         stdout_check=ids_are("m-hf2", "m-hf3", "m-qa")))
add(Case("very-hidden-sheet-before-table", "silent", hidden_sheet("veryHidden"), exit=0, out=False,
         stdout_check=ids_are("m-hf2", "m-hf3", "m-qa")))
add(Case("newline-inside-quoted-cell", "silent", csv_case(rows_with((0, 2, '"Akti\nvierung"'))),
         expect=(M, "Zeile 2", "Zeilenumbruch")))
add(Case("cr-only-line-ends-read-right", "silent", csv_case(PLAIN.replace("\n", "\r"), "--format", "json"), exit=0,
         out=False, stdout_check=ids_are("m-hf1", "m-hf2", "m-hf3", "m-qa")))
add(Case("crlf-line-ends-read-right", "silent", csv_case(PLAIN.replace("\n", "\r\n"), "--format", "json"), exit=0,
         out=False, stdout_check=ids_are("m-hf1", "m-hf2", "m-hf3", "m-qa")))
add(Case("zero-width-space-in-header", "silent",
         csv_case(PLAIN.replace("cost_per_entry_eur", "cost_per_entry_eur\u200b"),
         "--format", "json"), exit=0, out=False, stdout_check=cost_of("m-hf1", 1500.5)))
add(Case("bom-and-zero-width-header", "silent", csv_case("\ufeff\u200bid" + PLAIN[2:], "--format", "json"), exit=0,
         out=False, stdout_check=ids_are("m-hf1", "m-hf2", "m-hf3", "m-qa")))
add(Case("utf16-le-bom-read-right", "silent", csv_case("\ufeff" + PLAIN, "--format", "json", encoding="utf-16-le"),
         exit=0, out=False, stdout_check=cost_of("m-hf2", 2281.45)))
add(Case("utf16-be-bom-read-right", "silent", csv_case("\ufeff" + PLAIN, "--format", "json", encoding="utf-16-be"),
         exit=0, out=False, stdout_check=cost_of("m-hf2", 2281.45)))

# ---- hangs: each answers within seconds, with the limit and how to raise it
def big_table(n: int):
    def setup(d: Path) -> list:
        body = "".join(f"x{i},HF1,M{i},§ 16 SGB II,mat,I,new,1000,1,0,,,,\n" for i in range(n))
        w(d, M, HEADER + "\n" + body)
        return ["optimize", "--measures", M, *B]
    return setup


add(Case("200000-row-table", "hang", big_table(200_000), expect=(M, "20.000 Datenzeilen", "AMIP_MAX_ROWS")))
add(Case("row-limit-lowered", "hang", big_table(60), env={"AMIP_MAX_ROWS": "50"}, expect=(M, "AMIP_MAX_ROWS=")))
add(Case("row-limit-not-a-number", "hang", big_table(3), env={"AMIP_MAX_ROWS": "viele"}, expect=("AMIP_MAX_ROWS",)))
def with_duration(first: str) -> str:
    lines = PLAIN.splitlines()
    return "\n".join([lines[0] + ",duration_months", lines[1] + "," + first] + [r + "," for r in lines[2:]]) + "\n"


add(Case("duration-1e9-months-csv", "hang", csv_case(with_duration("1000000000")),
    expect=(M, "Zeile 2", "duration_months", "unplausibel groß")))
add(Case("duration-1e9-months-scenario", "hang", scenario_case(
    "name: s\nextends: base\ndurations:\n  measure:\n    hf2-16i: {months: 1000000000, source: test}\n"),
    expect=("s.yaml", "Zeile 5", "durations.measure.hf2-16i.months", "muss ≤ 120 sein")))
add(Case("draws-at-maximum", "hang", lambda d: ["sensitivity", "--draws", "1000000", "--quiet"], out=False,
         expect=("AMIP_MAX_SOLVES", "--draws 1000000")))
add(Case("points-at-maximum", "hang", lambda d: ["sensitivity", "--points", "100000", "--quiet"], out=False,
         expect=("AMIP_MAX_SOLVES", "--points 100000")))
add(Case("solves-limit-lowered", "hang", lambda d: ["sensitivity", "--draws", "50", "--points", "11", "--quiet"],
         out=False, env={"AMIP_MAX_SOLVES": "20"}, expect=("AMIP_MAX_SOLVES=",)))


def fifo(opt: str, name: str, *extra):
    def setup(d: Path) -> list:
        os.mkfifo(d / name)
        return ["optimize", opt, name, *extra]
    return setup


add(Case("fifo-as-measures", "hang", fifo("--measures", "m.csv", *B), expect=("m.csv", "FIFO")))
add(Case("fifo-as-rates", "hang", fifo("--rates", "r.csv"), expect=("r.csv", "FIFO")))
add(Case("fifo-as-scenario", "hang", fifo("--scenario", "s.yaml"), expect=("s.yaml", "FIFO")))
add(Case("fifo-as-workbook", "hang", fifo("--measures", "m.xlsx", *B), expect=("m.xlsx", "FIFO")))
add(Case("dev-zero-as-measures", "hang", lambda d: ["optimize", "--measures", "/dev/zero", *B],
         expect=("/dev/zero", "Zeichengerät")))
add(Case("dev-zero-as-scenario", "hang", lambda d: ["optimize", "--scenario", "/dev/zero"],
         expect=("/dev/zero", "Zeichengerät")))
add(Case("dev-urandom-as-rates", "hang", lambda d: ["optimize", "--rates", "/dev/urandom"],
         expect=("/dev/urandom", "Zeichengerät")))
add(Case("dev-zero-as-plan", "hang", lambda d: ["evaluate", "--plan", "/dev/zero"], out=False,
         expect=("/dev/zero", "Zeichengerät")))


def sparse(name: str, mb: int, opt: str, *extra):
    def setup(d: Path) -> list:
        with open(d / name, "wb") as f:
            f.truncate(mb * 1024 * 1024)
        return ["optimize", opt, name, *extra]
    return setup


add(Case("60-mb-csv", "hang", sparse("m.csv", 60, "--measures", *B), expect=("m.csv", "MB groß", "AMIP_MAX_FILE_MB")))
add(Case("60-mb-scenario", "hang", sparse("s.yaml", 60, "--scenario"), expect=("s.yaml", "AMIP_MAX_FILE_MB")))
add(Case("60-mb-workbook", "hang", sparse("m.xlsx", 60, "--measures", *B), expect=("m.xlsx", "AMIP_MAX_FILE_MB")))
add(Case("file-limit-lowered", "hang", csv_case(PLAIN), env={"AMIP_MAX_FILE_MB": "0"},
         expect=("AMIP_MAX_FILE_MB", "größer als 0")))
add(Case("10-mb-cell", "hang", csv_case(rows_with((0, 2, "x" * 10_000_000))),
         expect=(M, "Zeile 2", "10000 Zeichen", "AMIP_MAX_CELL_CHARS")))
add(Case("cell-limit-lowered", "hang", csv_case(rows_with((0, 2, "x" * 3000))), env={"AMIP_MAX_CELL_CHARS": "2000"},
         expect=(M, "Zeile 2", "2000 Zeichen", "AMIP_MAX_CELL_CHARS=")))


def wb_many_rows(d: Path) -> list:
    rows = plain_rows()
    workbook_from_rows(d / "m.xlsx", rows + [["x%d" % i] + rows[1][1:] for i in range(100)])
    return ["optimize", "--measures", "m.xlsx", *B]


# the limit lies above the shipped tables (rate, effect and instrument tables: ≤ 31 rows) and below the workbook's 174
add(Case("workbook-row-limit", "hang", wb_many_rows, env={"AMIP_MAX_ROWS": "60"}, expect=("m.xlsx", "AMIP_MAX_ROWS")))

add(Case("dev-zero-as-case", "hang", lambda d: ["optimize", "--case", "/dev/zero"], expect=("/dev/zero", "--case")))
add(Case("fifo-as-case-file", "hang", fifo("--case", "c.yaml"), expect=("c.yaml", "FIFO")))
add(Case("fifo-as-actuals", "hang", lambda d: [os.mkfifo(d / "a.xlsx") or "ist", "--actuals", "a.xlsx"], out=False,
         expect=("a.xlsx", "FIFO")))

# ---- tracebacks: damaged and hostile workbooks, YAML bombs, numbers at the float limits, odd paths
add(Case("truncated-sheet-xml", "traceback", xlsx_case(on(SHEET, lambda b: b[: len(b) // 2])),
         expect=("m.xlsx", "keine lesbare .xlsx-Arbeitsmappe", "ParseError")))
add(Case("truncated-shared-strings", "traceback", xlsx_case(on("xl/sharedStrings.xml", lambda b: b[: len(b) // 2])),
         expect=("m.xlsx", "keine lesbare .xlsx-Arbeitsmappe")))


def damaged_deflate(d: Path) -> list:
    src = good_xlsx(d, "src.xlsx")
    data = bytearray(src.read_bytes())
    with zipfile.ZipFile(src) as z:
        info = z.getinfo(SHEET)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(start + 10, start + min(info.compress_size, 60)):
        data[k] ^= 0x5A
    (d / "m.xlsx").write_bytes(bytes(data))
    src.unlink()
    return ["optimize", "--measures", "m.xlsx", *B]


add(Case("damaged-deflate-stream", "traceback", damaged_deflate, expect=("m.xlsx", "keine lesbare .xlsx-Arbeitsmappe")))


def truncated_zip(d: Path) -> list:
    src = good_xlsx(d, "src.xlsx")
    (d / "m.xlsx").write_bytes(src.read_bytes()[:-200])
    src.unlink()
    return ["optimize", "--measures", "m.xlsx", *B]


add(Case("truncated-zip", "traceback", truncated_zip, expect=("m.xlsx", "keine lesbare .xlsx-Arbeitsmappe")))
add(Case("xml-entity-bomb-sheet", "traceback", xlsx_case(on(SHEET, bomb_xml)),
         expect=("m.xlsx", "verbotenes XML")))
add(Case("xml-entity-bomb-shared-strings", "traceback", xlsx_case(on("xl/sharedStrings.xml", bomb_xml)),
         expect=("m.xlsx", "verbotenes XML")))
add(Case("xml-entity-bomb-workbook", "traceback", xlsx_case(on("xl/workbook.xml", bomb_xml)),
         expect=("m.xlsx", "verbotenes XML")))
add(Case("xxe-sheet", "traceback", xlsx_case(on(SHEET, xxe_xml)), expect=("m.xlsx", "verbotenes XML")))
add(Case("xxe-workbook", "traceback", xlsx_case(on("xl/workbook.xml", xxe_xml)), expect=("m.xlsx", "verbotenes XML")))
add(Case("shared-strings-zip-bomb", "traceback",
         lambda d: [zip_bomb(d, "m.xlsx", "xl/sharedStrings.xml", 201) and "optimize", "--measures", "m.xlsx", *B],
         expect=("m.xlsx", "Zip-Bombe", "AMIP_MAX_UNZIPPED_MB")))
add(Case("zip-limit-lowered", "traceback",
         lambda d: [zip_bomb(d, "m.xlsx", SHEET + ".pad", 3) and "optimize", "--measures", "m.xlsx", *B],
         env={"AMIP_MAX_UNZIPPED_MB": "2"}, expect=("m.xlsx", "AMIP_MAX_UNZIPPED_MB=")))
add(Case("workbook-without-workbook-xml", "traceback", xlsx_case(lambda n, b: None if n == "xl/workbook.xml" else b),
         expect=("m.xlsx", "keine lesbare .xlsx-Arbeitsmappe")))
add(Case("workbook-without-sheet", "traceback", xlsx_case(lambda n, b: None if n == SHEET else b),
         expect=("m.xlsx", "kein Blatt hat die Kopfzeile")))
add(Case("empty-zip-as-workbook", "traceback", xlsx_case(lambda n, b: None),
         expect=("m.xlsx", "keine lesbare .xlsx-Arbeitsmappe")))
add(Case("text-as-workbook", "traceback", lambda d: [w(d, "m.xlsx", PLAIN) and "optimize", "--measures", "m.xlsx", *B],
         expect=("m.xlsx", "Textdatei (vermutlich CSV)")))
add(Case("garbage-sheet-xml", "traceback", xlsx_case(on(SHEET, lambda b: b"\x00\xff" * 50)),
         expect=("m.xlsx", "keine lesbare .xlsx-Arbeitsmappe")))
add(Case("huge-number-in-workbook-xml", "traceback",
         xlsx_case(on(SHEET, lambda b: b.replace(b"<v>1500.5</v>", b"<v>1e400</v>"))),
         expect=("m.xlsx", "Maßnahmen!H2", "keine endliche Zahl")))


add(Case("text-as-actuals-workbook", "traceback", lambda d: [w(d, "a.xlsx", PLAIN) and "ist", "--actuals", "a.xlsx"],
         out=False, expect=("a.xlsx", "Textdatei (vermutlich CSV)")))
add(Case("entity-bomb-case-workbook", "traceback",
         lambda d: [rezip(good_xlsx(d, "src.xlsx"), d / "c.xlsx", on("xl/workbook.xml", bomb_xml)) and
                    (d / "src.xlsx").unlink() or "optimize", "--case", "c.xlsx"], expect=("c.xlsx", "verbotenes XML")))


def alias_bomb() -> str:
    lines = ["name: s", "extends: base", 'a0: &a0 ["lol"]']
    for i in range(1, 12):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


add(Case("yaml-alias-bomb", "traceback", scenario_case(alias_bomb()),
         expect=("s.yaml", "YAML-Verweise", "AMIP_MAX_YAML_ALIASES")))
add(Case("yaml-alias-limit-lowered", "traceback", scenario_case("name: s\nextends: base\nx: &x 1\ny: [*x, *x, *x]\n"),
         env={"AMIP_MAX_YAML_ALIASES": "2"}, expect=("s.yaml", "Zeile 4", "AMIP_MAX_YAML_ALIASES=")))
add(Case("yaml-deep-block-nesting", "traceback", scenario_case(
    "name: s\nextends: base\n" + "".join("  " * i + f"k{i}:\n" for i in range(3000)) + "  " * 3000 + "v: 1\n"),
    expect=("s.yaml", "verschachtelt", "AMIP_MAX_YAML_DEPTH")))
add(Case("yaml-deep-flow-nesting", "traceback", scenario_case("name: s\nx: " + "[" * 100_000 + "]" * 100_000 + "\n"),
         expect=("s.yaml", "verschachtelt")))
add(Case("yaml-deep-case-file", "traceback", lambda d: [w(d, "s.yaml", "name: s\nextends: base\ncase: c.yaml\n")
         and w(d, "c.yaml", "name: c\nx: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n") and "optimize", "--scenario",
         "s.yaml"], expect=("c.yaml", "verschachtelt")))
add(Case("1e308-cost-csv", "traceback", csv_case(rows_with((0, cost, "1e308"))),
         expect=(M, "Zeile 2", "cost_per_entry_eur", "unplausibel groß")))
add(Case("1e308-entries-csv", "traceback", csv_case(rows_with((0, planned, "1e308"))),
         expect=(M, "Zeile 2", "planned_entries", "unplausibel groß")))
add(Case("1e308-upper-csv", "traceback", csv_case(rows_with((0, upper, "1e308"))),
         expect=(M, "Zeile 2", "upper", "unplausibel groß")))
add(Case("1e400-cost-csv", "traceback", csv_case(rows_with((0, cost, "1e400"))),
         expect=(M, "Zeile 2", "keine endliche Zahl")))
add(Case("minus-inf-rate-csv", "traceback", csv_case(rows_with((3, rate, "-inf"))),
         expect=(M, "Zeile 5", "keine endliche Zahl")))
add(Case("1e308-multiplier-yaml", "traceback", scenario_case(
    "name: s\nextends: base\ncosts:\n  instrument_type:\n    mat: {multiplier: 1.0e+308, source: test}\n"),
    expect=("s.yaml", "Zeile 5", "costs.instrument_type.mat.multiplier", "unplausibel groß")))
add(Case("inf-multiplier-yaml", "traceback", scenario_case(
    "name: s\nextends: base\nrates:\n  instrument_type:\n    mat: {multiplier: .inf, source: test}\n"),
    expect=("s.yaml", "Zeile 5", "keine endliche Zahl")))
add(Case("1e308-field-minimum-yaml", "traceback", scenario_case(
    "name: s\nextends: base\nfields:\n  field:\n    HF1: {min_entries: 1.0e+308, source: test}\n"),
    expect=("s.yaml", "fields.field.HF1.min_entries", "unplausibel groß")))
add(Case("huge-int-pool-yaml", "traceback", scenario_case(
    "name: s\nextends: base\npools:\n  lza: {multiplier: " + "9" * 400 + ", source: test}\n"),
    expect=("s.yaml", "pools.lza.multiplier", "unplausibel groß")))
add(Case("goal-1e308", "traceback", lambda d: ["optimize", "--goal", "integrations>=1e308"],
         expect=("1e308", "unplausibel groß")))
add(Case("goal-1e999", "traceback", lambda d: ["optimize", "--goal", "integrations>=1e999"],
         expect=("1e999", "unplausibel groß")))
add(Case("objective-weight-1e308", "traceback", lambda d: ["optimize", "--objective", "integrations=1e308"],
         expect=("1e308", "unplausibel groß")))
add(Case("budget-1e308", "traceback", lambda d: ["optimize", "--budget", "1e308"], expect=("--budget",)))
add(Case("budget-nan", "traceback", lambda d: ["optimize", "--budget", "nan"], expect=("--budget",)))
add(Case("tornado-nan", "traceback", lambda d: ["sensitivity", "--tornado-pct", "nan", "--quiet"], out=False,
         expect=("--tornado-pct",)))
add(Case("zero-cost-unbounded-upper", "traceback", csv_case(rows_with((0, cost, "0"), (0, upper, "1e300"))),
         expect=(M, "Zeile 2", "upper", "unplausibel groß")))
add(Case("zero-cost-default-upper-solves", "traceback", csv_case(rows_with((0, cost, "0")), "--format", "json"),
         exit=0, out=False, stdout_check=json_out(lambda j: j["status"] == "optimal")))


def case_file_without(section: str, replace_with=None):
    def setup(d: Path) -> list:
        import yaml

        from amip.inputs.loader import DEFAULT_CASE

        raw = yaml.safe_load(DEFAULT_CASE.read_text(encoding="utf-8"))
        base = DEFAULT_CASE.parent
        raw["measures"] = str(base / raw["measures"])
        raw["rates"] = str((base / raw["rates"]).resolve())
        raw.pop("planning", None)
        raw.pop(section)
        if replace_with is not None:
            raw[section] = replace_with
        w(d, "c.yaml", yaml.safe_dump(raw, allow_unicode=True))
        w(d, "s.yaml", "name: s\nextends: base\ncase: c.yaml\n")
        return ["optimize", "--scenario", "s.yaml"]
    return setup


add(Case("case-file-without-budget", "traceback", case_file_without("budget"), expect=("c.yaml", "Pflichtwert")))
add(Case("case-file-without-fields", "traceback", case_file_without("fields"), expect=("c.yaml", "'fields' fehlt")))
add(Case("case-file-budget-not-a-mapping", "traceback", case_file_without("budget", replace_with=5),
         expect=("c.yaml",)))
LONG = "/".join(["a" * 250] * 20) + "/m.csv"
add(Case("5000-char-measures-path", "traceback", lambda d: ["optimize", "--measures", LONG, *B],
         expect=("Pfad ist zu lang",)))
add(Case("5000-char-scenario-path", "traceback", lambda d: ["optimize", "--scenario", LONG[:-5] + "s.yaml"],
         expect=("s.yaml", "Pfad ist zu lang")))
add(Case("5000-char-output-path", "traceback", lambda d: ["optimize", "--output", LONG[:-5] + "o.xlsx"], out=False,
         expect=("Pfad ist zu lang",)))
add(Case("5000-char-file-name", "traceback", lambda d: ["optimize", "--measures", "x" * 5000 + ".csv", *B],
         expect=("Pfad ist zu lang",)))
add(Case("full-disk-workbook", "traceback", lambda d: ["optimize", "--output", "big.xlsx"], out=False,
         env={"HOSTILE_FSIZE": "4096"}, expect=("big.xlsx", "Datenträger voll")))
add(Case("full-disk-over-old-file", "traceback",
         lambda d: [w(d, "old.xlsx", b"the planner's earlier workbook") and "optimize", "--output", "old.xlsx",
                    "--force"], out=False, env={"HOSTILE_FSIZE": "4096"}, expect=("old.xlsx", "Datenträger voll")))
add(Case("full-disk-html", "traceback", lambda d: ["sensitivity", "--draws", "20", "--points", "3", "--quiet",
                                                   "--html", "r.html"], out=False, env={"HOSTILE_FSIZE": "2048"},
         expect=("r.html", "Datenträger voll")))
add(Case("full-disk-scenario-template", "traceback", lambda d: ["scenarios", "new", "mine"], out=False,
         env={"HOSTILE_FSIZE": "512"}, expect=("mine.yaml", "Datenträger voll")))
for _fmt in ("table", "json", "csv"):
    add(Case(f"stdout-full-device-{_fmt}", "traceback", lambda d, f=_fmt: ["optimize", "--format", f], out=False,
             stdout_to="/dev/full", expect=("stdout",)))
add(Case("stdout-full-device-scenarios-list", "traceback", lambda d: ["scenarios", "list"], out=False,
         stdout_to="/dev/full", expect=("stdout",)))
add(Case("stdout-full-device-with-workbook", "traceback", lambda d: ["optimize", "--output", "o.xlsx"], out=False,
         stdout_to="/dev/full", expect=("stdout",), changes=("o.xlsx",)))


def plan_edit(edit: Callable):
    def setup(d: Path) -> list:
        import openpyxl

        shutil.copy(PLAN_SOURCE, d / "plan.xlsx")
        wb = openpyxl.load_workbook(d / "plan.xlsx")
        edit(wb)
        wb.save(d / "plan.xlsx")
        return ["evaluate", "--plan", "plan.xlsx"]
    return setup


def _reference(value):
    def edit(wb):
        ws = wb["Referenz"]
        for row in ws.iter_rows():
            if row[0].value == "Zielwert (Optimum)":
                row[1].value = value
    return edit


def _new_entries(value):
    def edit(wb):
        ws = wb["Zuteilung"]
        col = [c.value for c in ws[1]].index("davon neu") + 1
        ws.cell(row=2, column=col).value = value
    return edit


add(Case("plan-reference-text", "traceback",
         plan_edit(_reference("viel")), expect=("plan.xlsx", "Referenz!B", "'viel'")))
add(Case("plan-reference-empty", "traceback", plan_edit(_reference(None)), expect=("plan.xlsx", "Referenz!B",
                                                                               "Zielwert fehlt")))
add(Case("plan-reference-bool", "traceback", plan_edit(_reference(True)), expect=("plan.xlsx", "Referenz!B")))
add(Case("plan-entries-1e308", "traceback", plan_edit(_new_entries(1e308)), expect=("plan.xlsx", "Zuteilung!",
                                                                                   "unplausibel groß")))
add(Case("plan-entries-text", "traceback", plan_edit(_new_entries("viele")), expect=("plan.xlsx", "Zuteilung!",
                                                                                    "'viele' ist keine Zahl")))
add(Case("plan-entries-true", "traceback", plan_edit(_new_entries(True)), expect=("plan.xlsx", "Zuteilung!",
                                                                                 "Wahrheitswert")))
add(Case("plan-without-allocation", "traceback", plan_edit(lambda wb: wb.remove(wb["Zuteilung"])),
         expect=("plan.xlsx", "Zuteilung")))
add(Case("plan-truncated", "traceback", lambda d: [w(d, "plan.xlsx", PLAN_SOURCE.read_bytes()[:-300]) and "evaluate",
                                                  "--plan", "plan.xlsx"], expect=("plan.xlsx", "keine lesbare")))
add(Case("plan-entity-bomb", "traceback",
         lambda d: [rezip(PLAN_SOURCE, d / "plan.xlsx", on("xl/workbook.xml", bomb_xml)) and "evaluate", "--plan",
                    "plan.xlsx"], expect=("plan.xlsx", "XML")))

# ---- lost or damaged files: no input is ever overwritten, not even with --force
def template_over_source(d: Path) -> list:
    w(d, "mine.yaml", "name: mine\nextends: base\ndescription: the planner's own\n")
    return ["scenarios", "new", "mine", "--from", "./mine.yaml", "--output", "mine.yaml", "--force"]


add(Case("scenario-template-over-its-source", "files", template_over_source, out=False,
         expect=("mine.yaml", "Eingabe dieses Laufs", "--force")))


def template_over_grandparent(d: Path) -> list:
    w(d, "a.yaml", "name: a\nextends: base\n")
    w(d, "b.yaml", "name: b\nextends: ./a.yaml\n")
    return ["scenarios", "new", "c", "--from", "./b.yaml", "--output", "a.yaml", "--force"]


add(Case("scenario-template-over-its-grandparent", "files", template_over_grandparent, out=False,
         expect=("a.yaml", "Eingabe dieses Laufs")))


def output_is_input(link: str):
    def setup(d: Path) -> list:
        good_xlsx(d, "m.xlsx")
        if link == "hard":
            os.link(d / "m.xlsx", d / "same.xlsx")
        elif link == "sym":
            os.symlink(d / "m.xlsx", d / "same.xlsx")
        out = "m.xlsx" if link == "none" else "same.xlsx"
        return ["optimize", "--measures", "m.xlsx", *B, "--output", out, "--force"]
    return setup


add(Case("output-is-the-input-workbook", "files", output_is_input("none"), out=False,
         expect=("m.xlsx", "Eingabe dieses Laufs")))
add(Case("output-is-a-hard-link-to-the-input", "files", output_is_input("hard"), out=False,
         expect=("same.xlsx", "Eingabe dieses Laufs")))
add(Case("output-is-a-symlink-to-the-input", "files", output_is_input("sym"), out=False,
         expect=("same.xlsx", "Eingabe dieses Laufs")))
add(Case("output-is-the-input-with-dot-path", "files",
         lambda d: [good_xlsx(d) and "optimize", "--measures", "./m.xlsx", *B, "--output", "../" + d.name + "/m.xlsx",
                    "--force"], out=False, expect=("m.xlsx", "Eingabe dieses Laufs")))
add(Case("evaluate-output-over-its-plan", "files",
         lambda d: [shutil.copy(PLAN_SOURCE, d / "plan.xlsx") and "evaluate", "--plan", "plan.xlsx", "--output",
                    "plan.xlsx", "--force"], out=False, expect=("plan.xlsx", "Eingabe dieses Laufs")))
add(Case("output-exists-without-force", "files",
         lambda d: [w(d, "o.xlsx", b"old") and "optimize", "--output", "o.xlsx"], out=False,
         expect=("o.xlsx", "mit --force")))

# ---- unclear messages: each names what the file is and what to do
add(Case("utf16-without-bom", "message", csv_case(PLAIN, encoding="utf-16-le"), expect=(M, "UTF-16", "ohne")))
add(Case("broken-utf16", "message", lambda d: [w(d, M, b"\xff\xfe" + "id,x\n".encode("utf-16-le") + b"\x00\xd8")
                                              and "optimize", "--measures", M, *B], expect=(M, "UTF-16")))
add(Case("latin1-named", "message",
         csv_case(PLAIN.replace("Aktivierung", "Aktivierung für Ältere"), encoding="latin-1"),
         expect=(M, "Latin-1", "UTF-8")))
add(Case("windows-1252-euro", "message", csv_case(PLAIN.replace("Aktivierung", "Aktivierung 5 €"), encoding="cp1252"),
         expect=(M, "Latin-1/Windows-1252")))
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
add(Case("real-xls-as-csv", "message", lambda d: [w(d, "m.xls", OLE) and "optimize", "--measures", "m.xls", *B],
         expect=("m.xls", ".xls")))
add(Case("real-xls-named-xlsx", "message", lambda d: [w(d, "m.xlsx", OLE) and "optimize", "--measures", "m.xlsx", *B],
         expect=("m.xlsx", ".xls", "mit Kennwort geschützte")))
add(Case("xlsx-named-csv", "message", lambda d: [good_xlsx(d, "m.csv") and "optimize", "--measures", "m.csv", *B],
         expect=("m.csv", "Endung .xlsx")))
add(Case("formula-without-saved-value", "message",
         lambda d: [workbook_from_rows(d / "m.xlsx", [r if k != 1 else r[:COL["cost_per_entry_eur"]] + ["=1000+500.5"]
                                                      + r[COL["cost_per_entry_eur"] + 1:]
                                                      for k, r in enumerate(plain_rows())]) and "optimize",
                    "--measures", "m.xlsx", *B], expect=("m.xlsx", "Maßnahmen!H2", "Formel ohne gespeicherten Wert")))
add(Case("true-in-number-cell-workbook", "message",
         lambda d: [workbook_from_rows(d / "m.xlsx", [r if k != 2 else r[:COL["planned_entries"]] + [True]
                                                      + r[COL["planned_entries"] + 1:]
                                                      for k, r in enumerate(plain_rows())]) and "optimize",
                    "--measures", "m.xlsx", *B], expect=("m.xlsx", "Maßnahmen!I3", "Wahrheitswert")))
add(Case("wahr-in-number-cell-csv", "message", csv_case(rows_with((1, planned, "WAHR"))),
         expect=(M, "Zeile 3", "planned_entries", "Wahrheitswert")))
add(Case("negative-duration-named-once", "message", csv_case(with_duration("-3")),
    expect=(M, "Zeile 2", "duration_months", "ist negativ")))
add(Case("cr-only-with-bad-row", "message", csv_case(PLAIN.replace(ROWS[2], ROWS[2] + ",x").replace("\n", "\r")),
         expect=(M, "Zeile 4", "Zellen, aber die Kopfzeile")))
add(Case("text-in-number-named", "message", csv_case(rows_with((0, cost, "teuer"))),
         expect=(M, "Zeile 2", "'teuer' ist keine Zahl")))
add(Case("folder-as-measures", "message", lambda d: [(d / "m.csv").mkdir() or "optimize", "--measures", "m.csv", *B],
         expect=("m.csv", "Ordner")))
add(Case("missing-measures", "message", lambda d: ["optimize", "--measures", "gone.csv", *B],
         expect=("gone.csv", "nicht gefunden")))
add(Case("unreadable-measures", "message",
         lambda d: [w(d, M, PLAIN) and os.chmod(d / M, 0) or "optimize", "--measures", M, *B],
         expect=(M,)) if os.geteuid() != 0 else
    Case("binary-csv", "message", csv_case(b"\x00\x01\x02binary\x00".decode("latin-1")), expect=(M, "Binärdatei")))
add(Case("only-separators", "message", csv_case(",,,,\n,,,\n"), expect=(M, "Kopfzeile, aber keine Zeilen")))

# ---- hardening: --format csv never hands a spreadsheet a formula
for _k, _payload in enumerate(["=cmd|' /C calc'!A0", "+1+2", "@SUM(1+1)", "-2+3+cmd|' /C calc'!A0", "\t=1+1",
                               "\uff1dSUM(1)"]):
    add(Case(f"csv-injection-{_k}", "hardening",
             csv_case(rows_with((0, 2, '"' + _payload.replace('"', '""') + '"')), "--format", "csv"),
             exit=0, out=False, stdout_check=csv_cells_safe))
add(Case("csv-injection-in-rate-source", "hardening",
         csv_case(rows_with((3, COL["rate_source"], '"=HYPERLINK(""http://x"")"')), "--format", "csv"),
         exit=0, out=False, stdout_check=csv_cells_safe))


# --------------------------------------------------------------------------- running
PLAN_SOURCE: Path = Path()


def _snapshot(d: Path) -> dict[str, str]:
    out = {}
    for p in d.rglob("*"):
        if p.is_symlink() or not p.is_file():
            out[str(p.relative_to(d))] = "link" if p.is_symlink() else "dir"
            continue
        try:
            out[str(p.relative_to(d))] = hashlib.sha256(p.read_bytes()).hexdigest()
        except OSError:
            out[str(p.relative_to(d))] = "unreadable"
    return out


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str
    seconds: float
    before: dict
    after: dict
    folder: Path


def run_case(case: Case, root: Path) -> Outcome:
    d = root / case.id
    d.mkdir()
    args = [str(a) for a in case.setup(d)]
    if case.out:
        args += ["--output", "out.xlsx"]
    before = _snapshot(d)
    env = dict(os.environ, HOSTILE_AS=str(MEMORY_LIMIT), COLUMNS="120", **case.env)
    t = time.monotonic()
    stdout = open(case.stdout_to, "w") if case.stdout_to else subprocess.PIPE
    try:
        r = subprocess.run([sys.executable, "-c", LAUNCH, *args], cwd=d, env=env, stdout=stdout,
                           stderr=subprocess.PIPE, timeout=TIME_LIMIT_S)
        code, out, err = r.returncode, r.stdout or b"", r.stderr
    except subprocess.TimeoutExpired as e:   # reported by the case's test, not by the fixture
        code, out, err = -9, e.stdout or b"", (e.stderr or b"") + b"\n(time limit reached)"
    finally:
        if case.stdout_to:
            stdout.close()
    return Outcome(code, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"),
                   time.monotonic() - t, before, _snapshot(d), d)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict[str, Outcome]:
    global PLAN_SOURCE
    root = tmp_path_factory.mktemp("hostile")
    PLAN_SOURCE = root / "plan-source.xlsx"
    subprocess.run([sys.executable, "-m", "amip", "optimize", "--output", str(PLAN_SOURCE)], check=True,
                   capture_output=True)
    cases_root = root / "cases"
    cases_root.mkdir()
    return run_corpus(CASES, cases_root)


def run_corpus(cases, root: Path) -> dict[str, Outcome]:
    """Every case of a corpus file run (three subprocesses at a time), by id; HOSTILE_TIMES=1 prints the
    slowest."""
    with cf.ThreadPoolExecutor(max_workers=3) as pool:
        futures = {c.id: pool.submit(run_case, c, root) for c in cases}
        out = {k: f.result() for k, f in futures.items()}
    if os.environ.get("HOSTILE_TIMES"):
        for k, o in sorted(out.items(), key=lambda kv: -kv[1].seconds)[:15]:
            print(f"{o.seconds:6.2f} s  {k}")
    return out


def cases_by_class(cases) -> dict[str, int]:
    """How many cases each class has (and every id once: asserted here for every corpus file)."""
    assert len({c.id for c in cases}) == len(cases)
    by_class: dict[str, int] = {}
    for c in cases:
        by_class[c.cls] = by_class.get(c.cls, 0) + 1
    return by_class


def test_the_corpus_covers_every_class_with_100_cases():
    by_class = cases_by_class(CASES)
    assert len(CASES) >= 100, by_class
    assert len({c.id for c in CASES}) == len(CASES)
    assert set(by_class) == {"silent", "hang", "traceback", "files", "message", "hardening"}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile(case: Case, outcomes):
    check_outcome(case, outcomes[case.id])


def check_outcome(case: Case, o: Outcome) -> None:
    """The promises every hostile case keeps (see the module doc)."""
    err = o.stderr
    assert o.code == case.exit, (o.code, err, o.stdout[:500])
    assert "Traceback" not in err and "Traceback" not in o.stdout, err
    assert "Exception ignored" not in err, err
    assert o.seconds < TIME_LIMIT_S
    if case.exit:
        lines = err.splitlines()
        # one message (click's usage errors: 'Usage: …', 'Try …', 'Error: …'), not a dump
        assert any(line.startswith("Fehler: ") for line in lines) and len(lines) <= 4, err
    for words in case.expect:
        assert words in err, (words, err)
    if case.stdout_check:
        case.stdout_check(o.stdout, o.folder)
    created = set(o.after) - set(o.before)
    assert created <= set(case.changes), created
    changed = {k for k in o.before if o.after.get(k) != o.before[k]}
    assert not changed, changed
    assert not [k for k in o.after if k.endswith(".tmp")]


def test_the_corpus_runs_fast(outcomes):
    slowest = max(outcomes.values(), key=lambda o: o.seconds)
    assert slowest.seconds < 20, slowest.folder.name
