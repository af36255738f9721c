"""The one reading layer every input goes through: bytes, text, CSV, YAML, workbook archives.

- Files: only regular files are read (a FIFO, a device such as /dev/zero or a socket is refused
  before it is opened, so nothing blocks); at most ``AMIP_MAX_FILE_MB`` (default 50) MB.
- Encodings: UTF-8 (with or without BOM) and UTF-16 with a BOM are read; anything else that is not
  UTF-8 is refused and named (Latin-1/Windows-1252 is the usual case); an .xls or .xlsx saved under
  another name is named as such.
- CSV: strict structure: every row has exactly as many cells as the header (empty rows are skipped),
  a quote must close on its own line, CR-only line ends (old Mac) are read as line ends, cells are at
  most ``AMIP_MAX_CELL_CHARS`` (default 10.000) characters, at most ``AMIP_MAX_ROWS`` (default
  20.000) rows. One decimal convention per file, decided by the header's separator and stated in every
  number error: ';' → German (',' decimal comma, '.' thousands: 1.383,20), ',' → dot decimal without
  thousands separators (1383.20). A number in the other convention is an error, never re-read.
- YAML: at most ``AMIP_MAX_YAML_ALIASES`` (default 100) aliases and ``AMIP_MAX_YAML_DEPTH`` (default
  32) levels, checked on the event stream before anything is built (no alias bomb, no recursion
  crash); every number must be finite and at most 1e15 in size.
- Workbooks (.xlsx): at most ``AMIP_MAX_UNZIPPED_MB`` (default 200) MB unpacked, checked from the zip
  directory before openpyxl opens it; the XML is parsed by defusedxml (openpyxl uses it when it is
  installed), so DTDs, entities and external references are refused.

Every file read is recorded (``inputs_read``), so the write layer can refuse to write over an input of
the same run. Stdlib only.
"""
from __future__ import annotations

import csv
import errno
import io
import itertools
import math
import os
import re
import stat
import unicodedata
from operator import itemgetter

from amip import texts as T  # plain strings
from amip.errors import InputError, os_reason

#: limit name → (environment variable, default)
LIMITS = {
    "file_mb": ("AMIP_MAX_FILE_MB", 50),
    "rows": ("AMIP_MAX_ROWS", 20_000),
    "cell_chars": ("AMIP_MAX_CELL_CHARS", 10_000),
    "yaml_aliases": ("AMIP_MAX_YAML_ALIASES", 100),
    "yaml_depth": ("AMIP_MAX_YAML_DEPTH", 32),
    "unzipped_mb": ("AMIP_MAX_UNZIPPED_MB", 200),
    "solves": ("AMIP_MAX_SOLVES", 100_000),
    # pure-Python YAML reads about 0,2 MB/s (a 2 MB list of a million numbers took over a minute, 10 MB of
    # comments 46 s): a YAML file is held far below the file limit. The largest shipped file has 713 values
    # (Duisburg's seed extract) and 23 KB.
    "yaml_kb": ("AMIP_MAX_YAML_KB", 1024),
    "yaml_nodes": ("AMIP_MAX_YAML_NODES", 20_000),
}
#: The highest value an environment variable may raise a limit to: a limit is a guard, not a switch-off.
#: Above these the machinery behind it breaks instead of refusing (the C csv module's field size is a
#: C long, itertools.islice takes at most sys.maxsize rows, PyYAML's composer recurses once per level
#: and meets Python's recursion limit of 1.000 frames at about 330 levels).
LIMIT_CEILINGS = {"file_mb": 1_000_000, "rows": 100_000_000, "cell_chars": 100_000_000, "yaml_aliases": 1_000_000,
                  "yaml_depth": 256, "unzipped_mb": 1_000_000, "solves": 100_000_000,
                  "yaml_kb": 1_000_000, "yaml_nodes": 100_000_000}
MAX_YAML_NUMBER = 1e15   #: larger numbers in a YAML file are unit errors (a budget is ~1e8 €)


def what_de(what: str) -> str:
    """A file's role ('rate table', 'measure table' …, as the readers pass it) as a message names it in German."""
    return T.WHAT_DE.get(what, what)


def limit(name: str) -> int:
    env, default = LIMITS[name]
    raw = os.environ.get(env, "").strip()
    if not raw:
        return default
    try:
        v = int(raw.replace(".", "").replace("_", ""))
    except ValueError:
        raise InputError(f"Umgebungsvariable {env}='{raw}' ist keine ganze Zahl") from None
    if v <= 0:
        raise InputError(f"Umgebungsvariable {env}={raw} muss größer als 0 sein")
    if v > LIMIT_CEILINGS[name]:
        from amip.models.fmt import num

        raise InputError(T.LIMIT_ABOVE_CEILING.format(env=env, raw=raw[:40], ceiling=num(LIMIT_CEILINGS[name])))
    return v


def limit_hint(name: str) -> str:
    from amip.models.fmt import num

    return T.LIMIT_HINT.format(limit=num(limit(name)), env=LIMITS[name][0])


# --------------------------------------------------------------------------- inputs of this run
_INPUTS: dict[tuple[int, int], str] = {}


def record_input(path) -> None:
    try:
        st = os.stat(path)
    except OSError:
        return
    _INPUTS[(st.st_dev, st.st_ino)] = str(path)


def input_at(path) -> str | None:
    """The input of this run that ``path`` is (the same file, also via a link), else None."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return _INPUTS.get((st.st_dev, st.st_ino))


def forget_inputs() -> None:
    """A new run starts (the CLI calls this per command, so tests in one process stay apart)."""
    _INPUTS.clear()


# --------------------------------------------------------------------------- bytes
_KINDS = ((stat.S_ISFIFO, "eine benannte Pipe (FIFO)"), (stat.S_ISCHR, "ein Zeichengerät"),
          (stat.S_ISBLK, "ein Blockgerät"), (stat.S_ISSOCK, "ein Socket"))


def short_path(file: str) -> str:
    """A path for a message: both ends of a very long one."""
    return file if len(file) <= 160 else f"{file[:60]}…{file[-80:]}"


def _os_error(e: OSError, what: str, file: str) -> InputError:
    if e.errno == errno.ENAMETOOLONG:
        return InputError(T.PATH_TOO_LONG.format(n=len(file)), file=short_path(file))
    if isinstance(e, FileNotFoundError):
        return InputError(T.RD_NOT_FOUND.format(what=what_de(what)), file=file)
    if isinstance(e, IsADirectoryError):
        return InputError(T.RD_IS_DIR.format(what=what_de(what)), file=file)
    return InputError(T.RD_CANNOT_READ.format(what=what_de(what), reason=os_reason(e)), file=file)


def check_regular(path, what: str) -> int:
    """The size of a regular file; refuses a missing file, a folder, a FIFO or a device without opening it."""
    file = str(path)
    try:
        st = os.stat(path)
    except OSError as e:
        raise _os_error(e, what, file) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(T.RD_IS_DIR.format(what=what_de(what)), file=file)
    for test, kind in _KINDS:
        if test(st.st_mode):
            raise InputError(T.NOT_A_REGULAR_FILE.format(what=what_de(what), kind=kind), file=file)
    max_bytes = limit("file_mb") * 1024 * 1024
    if st.st_size > max_bytes:
        size = f"{st.st_size / 1048576:.1f}".replace(".", ",")
        raise InputError(T.FILE_TOO_LARGE.format(what=what_de(what), size=size, hint=limit_hint("file_mb")), file=file)
    return st.st_size


def read_bytes(path, what: str) -> bytes:
    file = str(path)
    check_regular(path, what)
    max_bytes = limit("file_mb") * 1024 * 1024
    try:
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as e:
        raise _os_error(e, what, file) from None
    if len(data) > max_bytes:   # grew since the stat
        raise InputError(T.FILE_TOO_LARGE.format(what=what_de(what), size=f"> {limit('file_mb')}",
                                                 hint=limit_hint("file_mb")), file=file)
    record_input(path)
    return data


# --------------------------------------------------------------------------- text
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def nfc(text: str) -> str:
    """One Unicode form for everything a reader compares (keys, ids, field names, searches): NFC, so
    that 'HFÄ' typed composed (Windows) and decomposed (macOS: 'A' + U+0308) is one name."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def decode(data: bytes, what: str, file: str) -> str:
    """The text of a file, normalised to NFC (``nfc``)."""
    return nfc(_decode(data, what, file))


def _decode(data: bytes, what: str, file: str) -> str:
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise InputError(T.IS_OLD_XLS.format(what=what_de(what)), file=file)
    if data.startswith(b"PK\x03\x04"):
        raise InputError(T.IS_XLSX.format(what=what_de(what)), file=file)
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):   # UTF-32 (its BOM begins like UTF-16's)
        try:
            return data.decode("utf-32")
        except UnicodeDecodeError as e:
            raise InputError(T.UTF16_BROKEN.format(what=what_de(what), pos=e.start).replace("UTF-16", "UTF-32"),
                             file=file) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputError(T.UTF16_BROKEN.format(what=what_de(what), pos=e.start), file=file) from None
    if b"\x00" in data:
        sample = data[:4096]
        if len(sample) >= 8 and (sample[1::2].count(0) > 0.9 * len(sample[1::2])
                                 or sample[0::2].count(0) > 0.9 * len(sample[0::2])):
            raise InputError(T.UTF16_NO_BOM.format(what=what_de(what)), file=file)
        raise InputError(T.RD_BINARY.format(what=what_de(what)), file=file)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        hint = T.NOT_UTF8_HINT_YAML if file.lower().endswith((".yaml", ".yml")) else T.NOT_UTF8_HINT
        raise InputError(T.NOT_UTF8.format(what=what_de(what), pos=e.start, hint=hint), file=file) from None


def read_text(path, what: str) -> str:
    file = str(path)
    text = decode(read_bytes(path, what), what, file)
    if not text.strip():
        raise InputError(T.RD_EMPTY.format(what=what_de(what)), file=file)
    return text


# --------------------------------------------------------------------------- CSV
def _line_ends(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")   # Windows and old-Mac line ends
    return text


def clean_header(cell: str) -> str:
    """A header cell without surrounding blanks and without invisible characters (zero-width space, BOM)."""
    return cell.translate(_INVISIBLE).strip()


def read_csv_rows(path, what: str) -> tuple[list[str], list[tuple[int, dict[str, str]]], bool]:
    """Header, [(row number, {column: text})], and whether the file uses German number format.

    Row numbers are lines as a spreadsheet shows them (the header is row 1)."""
    header, rows, german = _csv_records(path, what)
    return header, [(n, dict(zip(header, map(str.strip, r)))) for n, r in rows], german


def read_csv_columns(path, what: str) -> tuple[list[str], list[int], dict[str, list[str]], bool]:
    """Header, the row numbers, {column: its texts} and whether the file uses German number format: the
    table of ``read_csv_rows`` (the same checks, messages, stripped cells; a header name given twice holds
    its last column, as a row's dict does) without a dict per row, for the long measure table."""
    header, rows, german = _csv_records(path, what)
    columns = zip(*map(itemgetter(1), rows), strict=True)
    return header, [n for n, _ in rows], {h: list(map(str.strip, c)) for h, c in zip(header, columns)}, german


_SEP_LINE = re.compile(r'"?sep=(.?)"?[,;]*')


def _separator_line(text: str, file: str) -> str:
    """Excel's first line 'sep=;' (it names the separator and Excel hides it, so the header is row 1 in
    Excel): dropped when it names the separator the header uses; another separator is refused."""
    first, _, rest = text.partition("\n")
    m = _SEP_LINE.fullmatch(first.strip().lower())
    if not m:
        return text
    sep = m.group(1)
    head = next((line for line in rest.split("\n") if line.strip()), "")
    if sep not in (";", ",") or head.count(sep) < head.count(";" if sep == "," else ","):
        shown = {"\t": "Tabulator", "": "(leer)"}.get(sep, f"'{sep}'")
        raise InputError(T.CSV_SEP_LINE.format(sep=shown), file=file, row=1)
    return rest


def _csv_records(path, what: str) -> tuple[list[str], list[tuple[int, list[str]]], bool]:
    """Header, [(row number, cells as read)] with empty rows left out and every row as wide as the header
    (else the error naming the row), and whether the file uses German number format."""
    file = str(path)
    text = _separator_line(_line_ends(read_text(path, what)), file)
    first = next((line for line in text.split("\n") if line.strip(" ;,\t")), "")   # the header's line
    tabs = first.count("\t")
    if tabs and tabs >= first.count(";") and tabs >= first.count(","):
        raise InputError(T.CSV_TABS, file=file, row=1)
    german = first.count(";") > first.count(",")
    max_cell, max_rows = limit("cell_chars"), limit("rows")
    old = csv.field_size_limit()
    csv.field_size_limit(max_cell + 1)
    reader = csv.reader(io.StringIO(text), delimiter=";" if german else ",", strict=True)
    quoted = '"' in text
    rows: list[tuple[int, list[str]]] = []
    line, done = 1, False
    try:
        # The common file, one line per row, read in one call and its rows numbered by their line: every row
        # within the limit and as many rows as lines, so no (quoted) cell spans a line. Anything else
        # (a csv.Error, a cell over two lines, too many rows) is read again row by row for its message.
        try:
            rows = list(enumerate(itertools.islice(reader, max_rows + 2), 1))
        except csv.Error:
            rows = []
        lines = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
        done = len(rows) == lines and len(rows) <= max_rows + 1
        if not done:
            reader, rows = csv.reader(io.StringIO(text), delimiter=";" if german else ",", strict=True), []
        while not done:
            try:
                r = next(reader)
            except StopIteration:
                break
            except csv.Error as e:
                msg = str(e)
                if "field larger" in msg:
                    raise InputError(T.CELL_TOO_LONG.format(limit=limit("cell_chars"), hint=limit_hint("cell_chars")),
                                     file=file, row=line) from None
                if "unexpected end of data" in msg or "EOF" in msg:
                    raise InputError(T.CSV_UNCLOSED_QUOTE.format(row=line), file=file, row=line) from None
                after = re.fullmatch(r"'(.)' expected after '\"'", msg)   # the csv module's English
                problem = T.CSV_QUOTE_THEN_SEPARATOR.format(sep=after.group(1)) if after else msg
                raise InputError(T.CSV_BAD_QUOTE.format(problem=problem), file=file, row=reader.line_num) from None
            start, line = line, reader.line_num + 1
            if len(rows) > max_rows:
                from amip.models.fmt import num

                raise InputError(T.TOO_MANY_ROWS.format(what=what_de(what), limit=num(max_rows),
                                                        hint=limit_hint("rows")), file=file)
            if quoted:   # only a quoted cell can hold a line break
                for c in r:
                    if "\n" in c:
                        raise InputError(T.CSV_NEWLINE_IN_CELL, file=file, row=start)
            rows.append((start, r))
    finally:
        csv.field_size_limit(old)
    if not rows:
        raise InputError(T.RD_EMPTY.format(what=what_de(what)), file=file)
    start = next((k for k, (_, r) in enumerate(rows) if "".join(r).strip()), 0)   # empty lines above the header
    header = [clean_header(h) for h in rows[start][1]]
    out = rows[start + 1:]
    # the common table: every row as wide as the header and none empty (its first cell not blank), known in
    # two C-level passes; else row by row, each empty row left out and the first misshapen one named
    if not (out and header and set(map(len, map(itemgetter(1), out))) == {len(header)}
            and all(map(str.strip, map(itemgetter(0), map(itemgetter(1), out))))):
        out = []
        for n, r in rows[start + 1:]:
            if not "".join(r).strip():
                continue   # empty rows
            if len(r) > len(header):
                raise InputError(T.RD_CELLS.format(n=len(r), m=len(header)), file=file, row=n)
            if len(r) < len(header):
                raise InputError(T.CSV_SHORT_ROW.format(cells=len(r), columns=len(header)), file=file, row=n)
            out.append((n, r))
    if not out:
        raise InputError(T.RD_NO_ROWS.format(what=what_de(what)), file=file)
    return header, out, german


# --------------------------------------------------------------------------- numbers
_GERMAN = re.compile(r"[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?")
_DOT = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
#: A cell a dot-decimal file writes most: digits, an optional fraction, no sign, no exponent (a fast path
#: of the loaders; anything else goes through parse_number and its messages)
PLAIN_NUMBER = re.compile(r"\d+(\.\d+)?")
_BOOLEAN = {"true", "false", "wahr", "falsch", "yes", "no", "ja", "nein"}


#: The kinds of source a number cell comes from; each has its own rule and its own hint (``number_problem``)
CSV_GERMAN, CSV_DOT, WORKBOOK = "csv_de", "csv", "workbook"


def number_problem(text: str, kind: str) -> str:
    """The one place that words a cell that is no number, by the kind of its source: a German CSV (';': 1.383,20),
    a plain CSV (',': 1383.20) or a workbook cell (German forms as Excel shows them: 2.042,19 € or 2042,19). A cell
    without any digit is plainly no number, in every kind."""
    if not re.search(r"\d", text):
        return T.RD_NOT_NUMBER.format(text=text)
    return {CSV_GERMAN: T.NUMBER_GERMAN_FILE, CSV_DOT: T.NUMBER_DOT_FILE,
            WORKBOOK: T.NUMBER_WORKBOOK}[kind].format(text=text.strip())


class NotANumber(InputError):
    """A cell that is no number in its source's convention; the text and the kind kept, so that a reader that
    re-addresses the error (a workbook's cell) words it for its own kind (``for_kind``)."""

    def __init__(self, text: str, kind: str, **where) -> None:
        self.text, self.kind = text, kind
        super().__init__(number_problem(text, kind), **where)

    def for_kind(self, kind: str) -> str:
        return number_problem(self.text, kind)


def parse_number(text: str, *, german: bool, file: str, row: int | None, column: str | None,
                 default: float | None = None) -> float:
    """A number cell in the file's one convention (see the module docstring); finite, never re-read."""
    if not german and _DOT.fullmatch(text):   # the common cell, '1234.5': nothing to clean
        v = float(text)
        if v - v == 0.0:   # finite (inf and nan take the path below and its message)
            return v
    t = text.strip().replace("€", "").replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if t == "":
        if default is None:
            raise InputError(T.RD_VALUE_MISSING, file=file, row=row, column=column)
        return default
    low = t.lower()
    if low in _BOOLEAN:
        raise InputError(T.NUMBER_BOOLEAN.format(text=text.strip()), file=file, row=row, column=column)
    if low.lstrip("+-") in ("nan", "inf", "infinity"):
        raise InputError(T.RD_NOT_FINITE.format(text=text), file=file, row=row, column=column)
    if not (_GERMAN if german else _DOT).fullmatch(t):
        raise NotANumber(text, CSV_GERMAN if german else CSV_DOT, file=file, row=row, column=column)
    if german:
        t = t.replace(".", "").replace(",", ".")
    v = float(t)
    if not math.isfinite(v):
        raise InputError(T.RD_NOT_FINITE.format(text=text), file=file, row=row, column=column)
    return v


# --------------------------------------------------------------------------- YAML
#: Parsed YAML by its text (and the limits it was checked against), for the texts a process reads again:
#: the base scenario and the carried planning file of every derived case of `amip national`, a case file
#: read by the loader and again for its commitments. Pure-Python YAML is slow (~0,1 s for the 15 KB
#: planning file); a text is parsed once. Only what parsed without an error is kept, at most
#: ``_CACHE_ENTRIES`` texts of at most ``_CACHE_CHARS`` characters; every caller gets its own copy.
_YAML_CACHE: dict = {}
_LINES_CACHE: dict = {}
_CACHE_ENTRIES = 32
_CACHE_CHARS = 1_000_000


def _cached(cache: dict, key, make):
    """``make()`` once per key (a small LRU); the cached value itself, which callers must copy."""
    if key in cache:
        cache[key] = cache.pop(key)   # most recently used last
        return cache[key]
    value = make()
    if len(key[0]) <= _CACHE_CHARS:
        cache[key] = value
        while len(cache) > _CACHE_ENTRIES:
            del cache[next(iter(cache))]
    return value


def forget_parsed() -> None:
    """Every parsed YAML text forgotten (the next read parses again)."""
    _YAML_CACHE.clear()
    _LINES_CACHE.clear()


def _copy_plain(value):
    """A copy of parsed YAML (mappings, sequences, sets; the scalars are immutable)."""
    if isinstance(value, dict):
        return {k: _copy_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy_plain(v) for v in value]
    if isinstance(value, set):
        return set(value)
    return value


def num_kb(chars: int) -> str:
    """Characters as German kilobytes (1.024 characters each) for a message: 10.100.022 → '9.863,3'."""
    from amip.models.fmt import num

    return num(chars / 1024)


def load_yaml(path, what: str) -> dict:
    """A YAML mapping, after the limits on aliases and nesting and the check of every number."""
    file = str(path)
    text = read_text(path, what)
    max_aliases, max_depth = limit("yaml_aliases"), limit("yaml_depth")
    cap = limit("yaml_kb") * 1024
    if len(text) > cap:
        # the file's first part, within the time the limit allows, may already break a sharper rule
        # (too deep, too many aliases or values: said as such); else the file is refused for its size
        import yaml

        try:
            _check_events(text[:cap], file, yaml_loader(file), max_aliases, max_depth)
        except yaml.YAMLError:   # the cut text ends anywhere
            pass
        raise InputError(T.YAML_TOO_BIG.format(what=what_de(what), size=num_kb(len(text)), hint=limit_hint("yaml_kb")),
                         file=file)
    key = (text, max_aliases, max_depth)
    return _copy_plain(_cached(_YAML_CACHE, key, lambda: _parse_yaml(text, file, what, max_aliases, max_depth)))


#: The package's own directory: its YAML files (rule years, the shipped cases, scenarios) are known-good.
_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))


def yaml_loader(file: str):
    """The loader class for a YAML file: libyaml's (``CSafeLoader``, ~10× faster) for the package's own
    files, which every test reads with both and finds equal (tests/inputs/test_reading.py); PyYAML's
    pure-Python ``SafeLoader`` for every other file, whose error wording and marks the German messages
    and the hostile-input tests rely on."""
    import yaml

    try:
        shipped = os.path.commonpath([os.path.realpath(file), _PACKAGE_DIR]) == _PACKAGE_DIR
    except (ValueError, OSError, TypeError):
        shipped = False
    return yaml.CSafeLoader if shipped and getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader


def _check_events(text: str, file: str, loader_class, max_aliases: int, max_depth: int) -> None:
    """The limits on aliases, nesting and values, on the event stream before anything is built."""
    import yaml

    max_nodes = limit("yaml_nodes")
    aliases = depth = nodes = 0
    for ev in yaml.parse(text, Loader=loader_class):
        if isinstance(ev, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            nodes += 1
            if nodes > max_nodes:
                from amip.models.fmt import num

                raise InputError(f"Zeile {ev.start_mark.line + 1}: " + T.YAML_TOO_MANY_NODES.format(
                    limit=num(max_nodes), hint=limit_hint("yaml_nodes")), file=file)
        if isinstance(ev, yaml.AliasEvent):
            aliases += 1
            if aliases > max_aliases:
                raise InputError(f"Zeile {ev.start_mark.line + 1}: " + T.YAML_TOO_MANY_ALIASES.format(
                    limit=max_aliases, hint=limit_hint("yaml_aliases")), file=file)
        elif isinstance(ev, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > max_depth:
                raise InputError(f"Zeile {ev.start_mark.line + 1}: " + T.YAML_TOO_DEEP.format(
                    limit=max_depth, hint=limit_hint("yaml_depth")), file=file)
        elif isinstance(ev, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _parse_yaml(text: str, file: str, what: str, max_aliases: int, max_depth: int) -> dict:
    import yaml

    loader_class = yaml_loader(file)
    try:
        _check_events(text, file, loader_class, max_aliases, max_depth)
        loader = loader_class(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                _check_expansion(node, file)
                _check_numbers(node, file, loader)
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f"Zeile {mark.line + 1}: " if mark is not None else ""
        column = T.YAML_SYNTAX_AT.format(column=mark.column + 1) if mark is not None else ""
        raise InputError(T.YAML_SYNTAX.format(line=line, column=column,
                                              problem=yaml_problem(getattr(e, "problem", None) or str(e))),
                         file=file) from None
    except RecursionError:
        raise InputError(T.YAML_TOO_DEEP.format(limit=max_depth, hint=limit_hint("yaml_depth")), file=file) from None
    except (ValueError, OverflowError) as e:   # e.g. a timestamp out of range
        raise InputError(T.YAML_VALUE.format(detail=str(e)[:200]), file=file) from None
    if not isinstance(data, dict):
        raise InputError(T.RD_YAML_TOP.format(what=what_de(what)), file=file)
    return data


def yaml_problem(problem: str) -> str:
    """PyYAML's words for a syntax error in German (texts.YAML_PROBLEMS); the parser's own words quoted if
    no pattern knows them."""
    problem = problem.strip()
    for pattern, german in T.YAML_PROBLEMS:
        m = re.fullmatch(pattern, problem, flags=re.DOTALL)
        if m:
            return german.format(*(T.YAML_TOKENS.get(g, g) for g in m.groups()))
    return T.YAML_PROBLEM_OTHER.format(problem=problem.replace('"', "'"))


#: a number written with a German decimal comma (or thousands points): 0,9 · 1.234,5 · 1.234.567
GERMAN_DECIMAL = re.compile(r"[+-]?(\d{1,3}(\.\d{3})+(,\d+)?|\d+,\d+)")


def decimal_comma_hint(text) -> str | None:
    """For a YAML value written with a German decimal comma ('0,9', '1.234,5'): the hint to write 0.9; else None."""
    if not isinstance(text, str) or not GERMAN_DECIMAL.fullmatch(text.strip()):
        return None
    dot = text.strip().replace(".", "").replace(",", ".")
    return T.YAML_DECIMAL_COMMA.format(text=text.strip(), dot=dot)


EXPONENT = re.compile(r"([+-]?(?:\d+(?:\.\d*)?|\.\d+))[eE]([+-]?)(\d+)")


def exponent_hint(text) -> str | None:
    """For a YAML value in exponent form that YAML 1.1 (PyYAML) reads as text ('3e7', '1.5E6': it needs a
    point and a signed exponent): the hint to write 3.0e+7 or 30000000; else None."""
    m = EXPONENT.fullmatch(text.strip()) if isinstance(text, str) else None
    if m is None:
        return None
    mantissa, sign, power = m.groups()
    if "." not in mantissa:
        mantissa += ".0"
    v = float(text.strip())
    if not math.isfinite(v):
        return None
    plain = f"{v:.0f}" if v == int(v) else f"{v:.15g}"
    return T.YAML_EXPONENT.format(text=text.strip(), yaml=f"{mantissa}e{sign or '+'}{power}", plain=plain)


def number_hint(text) -> str | None:
    """How to write a YAML number read as text: German decimal comma or exponent form (None: no hint)."""
    return decimal_comma_hint(text) or exponent_hint(text)


def line_index(text: str, file: str) -> dict[tuple[str, ...], int]:
    """Key path → line number, from the YAML node tree. A key given twice in one mapping is an error
    (YAML parsers silently keep the last one). Once per text (see ``_YAML_CACHE``)."""
    return dict(_cached(_LINES_CACHE, (text,), lambda: _line_index(text, file)))


def _line_index(text: str, file: str) -> dict[tuple[str, ...], int]:
    import yaml

    out: dict[tuple[str, ...], int] = {}

    def walk(node, path):
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for k, v in node.value:
                key = path + (str(k.value),)
                if key[-1] in seen:
                    raise InputError(T.SCN_KEY_TWICE.format(line=k.start_mark.line + 1, key=".".join(key)),
                                     file=file)
                seen.add(key[-1])
                out[key] = k.start_mark.line + 1
                walk(v, key)
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                out[path + (str(i),)] = v.start_mark.line + 1
                walk(v, path + (str(i),))

    try:
        walk(yaml.compose(text, Loader=yaml_loader(file)), ())
    except yaml.YAMLError:   # load_yaml reports syntax errors with their line
        pass
    return out


def _check_expansion(root, file: str) -> None:
    """The size of the document with every alias expanded (a "billion laughs" stays within a hundred
    aliases): computed on the shared nodes, linear in the file; at most 100 × AMIP_MAX_YAML_ALIASES
    × 1.000 nodes."""
    import yaml

    top = limit("yaml_aliases") * 100_000
    size: dict[int, int] = {}
    stack = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in size:
            continue
        kids = ([v for kv in node.value for v in kv] if isinstance(node, yaml.MappingNode)
                else list(node.value) if isinstance(node, yaml.SequenceNode) else [])
        if not done:
            stack.append((node, True))
            stack.extend((k, False) for k in kids if id(k) not in size)
            continue
        size[id(node)] = n = 1 + sum(size.get(id(k), 1) for k in kids)
        if n > top:
            raise InputError(f"Zeile {node.start_mark.line + 1}: " + T.YAML_TOO_MANY_ALIASES.format(
                limit=limit("yaml_aliases"), hint=limit_hint("yaml_aliases")) + f"; ausgeschrieben > {top:,} Knoten"
                .replace(",", "."), file=file)


def _not_decimal(text: str, integer: bool) -> str | None:
    """How a YAML 1.1 number that is not written in decimals reads (PyYAML follows YAML 1.1: '0450000' is
    octal 151.552, '45:00:00' base 60 = 162.000, '0x10' = 16, '0b1010' = 10), or None for a decimal."""
    t = text.lstrip("+-")
    if ":" in t:
        return T.YAML_FORM_SEXAGESIMAL
    if integer and t[:2].lower() in ("0x", "0b"):
        return T.YAML_FORM_HEX if t[1] in "xX" else T.YAML_FORM_BINARY
    if integer and len(t) > 1 and t[0] == "0":
        return T.YAML_FORM_OCTAL
    return None


def _yaml_value(loader, node) -> str:
    try:
        v = loader.construct_yaml_int(node) if node.tag.endswith("int") else loader.construct_yaml_float(node)
    except Exception:   # noqa: BLE001 - only shown in the message
        return "?"
    from amip.models.fmt import num

    try:
        return num(v) if v == int(v) else f"{v:g}".replace(".", ",")
    except (ValueError, OverflowError):
        return str(v)
def _check_flow_comma(node, path: tuple, file: str) -> None:
    """A German decimal comma in a flow mapping: ``{multiplier: 0,9, source: …}`` reads as multiplier 0 and a
    key '9' without a value. A plain number key without a value right after a plain number (only the comma
    between them) is that comma; named with the way to write it (0.9)."""
    import yaml

    for (name, before), (key, value) in zip(node.value, node.value[1:]):
        if (isinstance(key, yaml.ScalarNode) and isinstance(before, yaml.ScalarNode) and key.style is None
                and before.style is None and key.tag.endswith(("int", "float"))
                and before.tag.endswith(("int", "float"))
                and isinstance(value, yaml.ScalarNode) and value.tag.endswith("null") and not value.value
                and key.start_mark.index == before.end_mark.index + 1):
            hint = decimal_comma_hint(f"{before.value},{key.value}")
            if hint:
                raise InputError(T.YAML_NUMBER.format(line=key.start_mark.line + 1,
                                                      key=".".join(path + (str(name.value),)), problem=hint), file=file)


def _check_numbers(root, file: str, loader) -> None:
    """Every int/float scalar finite and at most MAX_YAML_NUMBER in size; the key path and line named."""
    import yaml

    stack, seen = [(root, ())], set()
    while stack:
        node, path = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            if node.flow_style:
                _check_flow_comma(node, path, file)
            for k, v in node.value:
                key = path + (str(getattr(k, "value", "?")),)
                stack.extend(((v, key), (k, key)))   # keys too: a year key written 02021 or 20:21
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((v, path + (str(i),)) for i, v in enumerate(node.value))
        elif node.tag in ("tag:yaml.org,2002:float", "tag:yaml.org,2002:int"):
            form = _not_decimal(node.value, node.tag.endswith("int"))
            if form:
                raise InputError(T.YAML_NUMBER.format(
                    line=node.start_mark.line + 1, key=".".join(path) or "(oben)", problem=T.YAML_NOT_DECIMAL.format(
                        value=node.value, form=form, read=_yaml_value(loader, node))), file=file)
            try:
                v = float(loader.construct_yaml_float(node) if node.tag.endswith("float")
                          else loader.construct_yaml_int(node))
            except OverflowError:
                v = math.inf if node.tag.endswith("float") else MAX_YAML_NUMBER * 10
            except (ValueError, yaml.YAMLError):
                continue   # left to the constructor / the schema, which name it
            problem = None
            if not math.isfinite(v):
                problem = T.YAML_NOT_FINITE.format(value=node.value)
            elif abs(v) > MAX_YAML_NUMBER:
                problem = T.YAML_TOO_LARGE.format(value=node.value, limit=MAX_YAML_NUMBER)
            if problem:
                raise InputError(T.YAML_NUMBER.format(line=node.start_mark.line + 1, key=".".join(path) or "(oben)",
                                                      problem=problem), file=file)


# --------------------------------------------------------------------------- workbooks (zip)
def damage_detail(e: BaseException) -> str:
    """Why a workbook cannot be read: the error's type (for a support request) and what it means, in German
    (the library's own English wording is not shown): 'ParseError: fehlerhaftes XML …, Zeile 1, Spalte 2345'."""
    name = type(e).__name__
    position = getattr(e, "position", None)
    if name in ("BadZipFile", "LargeZipFile"):
        text = T.DAMAGE_ZIP
    elif isinstance(e, EOFError):
        text = T.DAMAGE_EOF
    elif name == "error" and type(e).__module__ == "zlib":
        text = T.DAMAGE_DEFLATE
    elif name in ("ParseError", "ExpatError", "SAXParseException"):
        text = T.DAMAGE_XML + (T.DAMAGE_XML_AT.format(line=position[0], col=position[1]) if position else "")
    elif isinstance(e, KeyError):
        m = re.search(r"'([^']+)'", str(e))
        text = T.DAMAGE_PART.format(part=m.group(1) if m else "?")
    else:
        text = T.DAMAGE_OTHER
    return f"{name}: {text}"


def _looks_like_text(path) -> bool:
    """The first 4 KB are text (UTF-8, UTF-16 with BOM or Windows-1252) without control characters: a CSV
    saved under the name .xlsx."""
    with open(path, "rb") as f:
        head = f.read(4096)
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head[: len(head) // 2 * 2].decode("utf-16", errors="replace")
    else:
        try:
            text = head.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            try:
                text = head[: e.start].decode("utf-8-sig") if e.start >= len(head) - 3 else head.decode("cp1252")
            except UnicodeDecodeError:
                return False
    return all(c.isprintable() or c in "\r\n\t" for c in text)


def check_zip(path, what: str) -> None:
    """A workbook file: regular, within the file limit, and its declared unpacked size within the limit."""
    import zipfile

    file = str(path)
    check_regular(path, what)
    max_bytes = limit("unzipped_mb") * 1024 * 1024
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if "[Content_Types].xml" not in names and names:   # a zip, but not Office Open XML
                if "mimetype" in names:
                    with z.open("mimetype") as m:
                        ods = b"opendocument" in m.read(100)
                else:
                    ods = False
                raise InputError((T.IS_ODS if ods else T.IS_OTHER_ZIP).format(what=what_de(what)), file=file)
            total = 0
            for info in z.infolist():
                total += info.file_size
                if total > max_bytes:
                    raise InputError(T.ZIP_TOO_LARGE.format(limit=limit("unzipped_mb"), name=info.filename,
                                                            size=info.file_size // 1048576,
                                                            hint=limit_hint("unzipped_mb")), file=file)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as e:
        with open(path, "rb") as f:
            head = f.read(8)
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            raise InputError(T.IS_OLD_XLS.format(what=what_de(what)), file=file) from None
        if not head:
            raise InputError(T.RD_EMPTY.format(what=what_de(what)), file=file) from None
        if _looks_like_text(path):
            raise InputError(T.IS_TEXT_NOT_XLSX.format(what=what_de(what)), file=file) from None
        raise InputError(T.WORKBOOK_UNREADABLE.format(what=what_de(what), detail=damage_detail(e)), file=file) from None
    record_input(path)
