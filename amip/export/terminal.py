"""Terminal output that fits a person's terminal (issue 17, item 2): the width (``COLUMNS`` or the
terminal's own), tables as rich draws them that drop their least important columns and wrap names
rather than cut them, and plain lines wrapped at the width. Plain text without colours, so it reads
the same in a pipe, a file or a test. Rich itself draws only a table with a cell it would do more with
than pad (two spaces in a row, a wide character, ...): the others are joined column by column in C-level
string passes (issue 29: rich took ~1 ms a row, textwrap ~10 µs a name).

- ``width()``: the terminal width (``COLUMNS`` first, like ``shutil.get_terminal_size``), at least 40.
- ``Col``: one column: header, alignment, whether it may wrap, its priority (lowest dropped first).
- ``table(cols, rows, width)``: the table as text, no line wider than ``width``; an amount is never
  split (a terminal too narrow even for its columns' cells gets ``stacked``: one block per row);
  ``columns_table`` the same of the cells given column by column.
- ``fit(text, width)``: every line longer than ``width`` wrapped, continuation lines indented.
"""
from __future__ import annotations

import functools
import io
import re
import shutil
import textwrap
from dataclasses import dataclass
from itertools import repeat

MIN_WIDTH = 40
DEFAULT_WIDTH = 100   #: without a terminal and without COLUMNS


def width() -> int:
    """The width to render for: ``COLUMNS`` if set, else the terminal's, else 100."""
    return max(MIN_WIDTH, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)


@dataclass(frozen=True)
class Col:
    header: str
    right: bool = False        #: numbers: right-aligned
    wrap: bool = False         #: names and ids may wrap onto further lines
    min_width: int = 0         #: a wrapping column keeps at least this many characters
    priority: int = 9          #: lower priorities are dropped first when the table is too wide


PAD = 2   #: one space either side of a cell


def _longest(cells: list[str], text: str | None = None) -> int:
    """The longest line of any of the cells (0 without cells); ``text``: the cells joined by line breaks,
    if already made. Cells of one line each (the joined text has no other line breaks) are measured
    as they are, the others' lines split."""
    text = "\n".join(cells) if text is None else text
    if cells and text.count("\n") == len(cells) - 1:
        return max(map(len, cells))
    return max(map(len, text.split("\n")))


def _natural(col: Col, cell: int) -> int:
    """The width a column asks for: its longest cell (``cell`` characters); a header longer than that
    wraps (at least 8)."""
    head = max((len(w) for w in col.header.replace("-", "- ").split()), default=0)
    whole = len(col.header) if "-" not in col.header and len(col.header) <= 14 else 0   # one word: not cut
    return max(cell, whole, min(len(col.header), max(cell, 12)), head if col.wrap else 0)


def _columns(cols: list[Col], rows: list[list[str]]) -> list[list[str]]:
    """The rows' cells column by column."""
    return [list(c) for c in zip(*rows)] if rows else [[] for _ in cols]


def choose(cols: list[Col], rows: list[list[str]], total: int) -> list[int]:
    """Indices of the columns that fit in ``total`` characters: the lowest priority goes first."""
    return _choose(cols, [_natural(c, _longest(cells)) for c, cells in zip(cols, _columns(cols, rows))], total)


def _choose(cols: list[Col], nat: list[int], total: int) -> list[int]:
    keep = list(range(len(cols)))

    def need(idx: list[int]) -> int:
        return sum((min(nat[i], cols[i].min_width) if cols[i].wrap else nat[i]) + PAD for i in idx) - PAD

    while need(keep) > total:
        droppable = [i for i in keep if cols[i].priority < 9]
        if not droppable:
            break
        keep.remove(min(droppable, key=lambda i: (cols[i].priority, -i)))
    return keep


#: a wrapping column may go below its min_width down to this when the terminal is narrow
FLOOR = 8


def widths(cols: list[Col], rows: list[list[str]], keep: list[int], total: int) -> dict[int, int]:
    """Column widths: fixed columns their natural width, wrapping columns share the rest (each at
    least its minimum, none wider than its longest cell), so the table is at most ``total`` wide.
    Narrower than that: the fixed columns (numbers, amounts) give up the room their header needs and
    keep their longest cell (the header wraps); then the wrapping columns go below their minimum, down
    to ``FLOOR``. An amount is never split."""
    longest = [_longest(cells) for cells in _columns(cols, rows)]
    return _widths(cols, [_natural(c, n) for c, n in zip(cols, longest)], longest, keep, total)


def _widths(cols: list[Col], nat: list[int], longest: list[int], keep: list[int], total: int) -> dict[int, int]:
    out = {i: nat[i] for i in keep if not cols[i].wrap}
    wrap = [i for i in keep if cols[i].wrap]
    spare = total - sum(out.values()) - PAD * (len(keep) - 1)
    cur = {i: min(nat[i], cols[i].min_width) for i in wrap}
    spare -= sum(cur.values())
    cell = {i: max(1, longest[i]) for i in out}   # the longest line of the column's cells (without its header)
    while spare < 0:   # headers wrap: the widest excess over the cells first
        i = max(out, key=lambda k: (out[k] - cell[k], -k), default=None)
        if i is None or out[i] <= cell[i]:
            break
        out[i] -= 1
        spare += 1
    while spare < 0:   # names below their minimum
        i = max(cur, key=lambda k: (cur[k], -k), default=None)
        if i is None or cur[i] <= FLOOR:
            break
        cur[i] -= 1
        spare += 1
    while spare > 0:
        open_ = [i for i in wrap if cur[i] < nat[i]]
        if not open_:
            break
        step = max(1, spare // len(open_))
        for i in open_:
            add = min(step, nat[i] - cur[i], spare)
            cur[i] += add
            spare -= add
    out.update(cur)
    return out


def _single_spaced(text: str, common: bool = False) -> bool:
    """Printable text (line breaks aside) without a space at the start or end of a line nor two in a row:
    the lines textwrap splits into words and rich pads without changing them. ``common``: the text is
    known to be of ``_COMMON`` characters only (printable)."""
    return ("  " not in text and " \n" not in text and "\n " not in text and not text.startswith(" ")
            and not text.endswith(" ") and (common or text.replace("\n", "").isprintable()))


#: a character other than a line break and the common ones of tables that are printable and take one terminal
#: cell as rich counts them (Latin letters, digits, punctuation, – and €; tested against str.isprintable and
#: rich.cells.cell_len)
_UNCOMMON = re.compile("[^\n\x20-\x7e\xa1-\xac\xae-\u02ff\u2013\u20ac]")


def _as_is(text: str) -> bool:
    """``_single_spaced(text) and _one_cell(text)``: lines rich pads without changing them; a text of
    common characters (no ``_UNCOMMON``: most columns) checked by one search and the spaces' tests."""
    common = _UNCOMMON.search(text) is None
    return _single_spaced(text, common) and (common or _one_cell(text))


def wrap_cell(cell: str, at: int) -> str:
    """A name or id broken at spaces and after hyphens (ids stay readable), long words split last: each
    line of the cell as ``textwrap.fill(line, width=at, break_on_hyphens=True)`` gives it. A line that
    fits and has no whitespace but single spaces inside is what textwrap gives back; one longer with
    single spaces inside and no ``--`` is wrapped by ``_fill`` (textwrap costs ~10 µs a cell, 20.000
    cells at 10.000 measures)."""
    return "\n".join(part if len(part) <= at and part.strip(" ") == part and part.isprintable()
                     else _fill(part, at) if at > 0 and "--" not in part and _single_spaced(part)
                     else textwrap.fill(part, width=at, break_on_hyphens=True) for part in cell.split("\n"))


def _wrapped(cells: list[str], at: int) -> list[str]:
    """``[wrap_cell(c, at) for c in cells]``: in a column of single-spaced one-line cells (their join has
    no other line breaks) without ``--`` only those longer than ``at`` change, each laid out by ``_fill``."""
    text = "\n".join(cells)
    if (at > 0 and text.count("\n") == len(cells) - 1 and "--" not in text
            and _single_spaced(text, _UNCOMMON.search(text) is None)):
        return [c if len(c) <= at else _fill(c, at) for c in cells]
    return [wrap_cell(c, at) for c in cells]


#: where textwrap (``TextWrapper.wordsep_re`` with break_on_hyphens) breaks a word after a hyphen: after
#: two letters or letter-hyphen-letter, before a letter, an optional hyphen and a letter (``[^\d\W]``: a
#: word character that is no digit); the hyphen looked for first, as most places have none
_BREAK = r"(?<=-)(?:(?<=[^\d\W]{2}-)|(?<=[^\d\W]-[^\d\W]-))(?=[^\d\W]-?[^\d\W])"
_HYPHEN_BREAK = re.compile(_BREAK)


@functools.lru_cache(maxsize=None)
def _lines(at: int, hyphens: bool = True, space: bool = False) -> re.Pattern:
    """The lines textwrap makes of words none longer than ``at``: each the longest run of at most ``at``
    characters that ends before a space, at the end, or (``hyphens``: break_on_hyphens) after a hyphen
    textwrap breaks at; with ``space`` a line's group keeps the space it ends before (its lines' lengths
    then add up to the text's unless a chunk was longer than a line and skipped)."""
    ends = rf" |\Z{'|' + _BREAK if hyphens else ''}"
    return re.compile(rf"(.{{1,{at}}}(?:{ends}))" if space else rf"(.{{1,{at}}})(?:{ends})")


def _fill(part: str, at: int) -> str:
    """``textwrap.fill(part, width=at, break_on_hyphens=True)`` for a printable line with single spaces
    inside, none at its ends and no ``--`` (no em-dash rule, no runs of whitespace): textwrap's chunks
    (the words, split after the hyphens of ``_HYPHEN_BREAK``, and the spaces between them) laid out as
    ``TextWrapper._wrap_chunks`` does — greedily, a chunk longer than a line cut to the room left, after
    its last hyphen there if it has one, a space dropped at the start or end of a line. Without a word
    longer than a line (nor a piece of one between the hyphens textwrap breaks after: ids) that is the
    longest runs that fit (``_lines``), found by one regular expression."""
    lines = _lines(at, space=True).findall(part)
    if sum(map(len, lines)) == len(part):   # no chunk longer than a line: nothing skipped
        return "\n".join(lines).replace(" \n", "\n")
    chunks: list[str] = []
    for word in part.split(" "):
        if chunks:
            chunks.append(" ")
        if "-" in word:
            chunks += _HYPHEN_BREAK.split(word)
        else:
            chunks.append(word)
    chunks.reverse()
    lines: list[str] = []
    while chunks:
        if chunks[-1] == " " and lines:
            chunks.pop()
        line, n = [], 0
        while chunks and n + len(chunks[-1]) <= at:
            n += len(chunks[-1])
            line.append(chunks.pop())
        if chunks and len(chunks[-1]) > at:
            chunk, end = chunks[-1], at - n
            hyphen = chunk.rfind("-", 0, end)
            if hyphen > 0 and chunk[:hyphen].strip("-"):
                end = hyphen + 1
            line.append(chunk[:end])
            chunks[-1] = chunk[end:]
        if line and not line[-1].strip():
            line.pop()
        if line:
            lines.append("".join(line))
    return "\n".join(lines)


def _rich(cols: list[Col], cells: list[list[str]], keep: list[int], w: dict[int, int], total: int,
          title: str | None) -> str:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    t = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1), title=title,
              title_justify="left", collapse_padding=True, expand=False)
    for i in keep:
        c = cols[i]
        t.add_column(wrap_cell(c.header, w[i]), justify="right" if c.right else "left", overflow="fold", width=w[i],
                     min_width=w[i], no_wrap=not c.wrap)
    for r in cells:
        t.add_row(*r)
    buf = io.StringIO()
    Console(file=buf, width=total, color_system=None, force_terminal=False, highlight=False, emoji=False,
            markup=False, soft_wrap=False, legacy_windows=False).print(t)
    return "\n".join(line.rstrip() for line in buf.getvalue().rstrip("\n").split("\n"))


#: a character beyond those rich counts as one cell without looking them up (rich.cells._SINGLE_CELL_UNICODE_RANGES
#: begins with these ranges)
_BEYOND = re.compile("[^\x20-\x7e\xa0-\xac\xae-\u02ff]")


def _one_cell(text: str) -> bool:
    """Every character of ``text`` takes one terminal cell, as rich counts them (``rich.cells.cell_len``:
    combining and wide characters do not); rich is asked only for the few distinct characters outside
    ``_BEYOND``'s ranges (line breaks aside), which it would count one by one too."""
    text = text.replace("\n", "")
    while found := _BEYOND.search(text):
        from rich.cells import cell_len

        if cell_len(found.group()) != 1:
            return False
        text = text.replace(found.group(), "")
    return True


BLOCK_ROWS = 2000   #: rows joined at a time (``_plain``)


def _block(columns: list[list[str]], just: list, bottom: bool = False) -> list[str]:
    """The lines of rows whose cells are the ``columns``' items: each cell padded to its column's width
    (``just``: str.ljust or str.rjust with the width), the columns two spaces apart, each row as tall as
    its tallest cell (the other cells' lines at its top, or at its bottom for the header), trailing
    spaces cut. Column by column, in C-level passes; where some cells have several lines, neighbouring
    columns of one-line cells are joined row by row first (their lines below a row's first are blanks)."""
    breaks = [[c.count("\n") for c in cells] if "\n" in "".join(cells) else None for cells in columns]
    if any(breaks):
        columns, just, breaks = _one_line_runs(columns, just, breaks)
        tall_ones = [b for b in breaks if b is not None]
        tall = list(map(max, *tall_ones)) if len(tall_ones) > 1 else tall_ones[0]
        even = ["\n" * t for t in tall]   # the line breaks a one-line cell gets
        lines = []
        for cells, b in zip(columns, breaks):
            fill = even if b is None else ["\n" * (t - n) for t, n in zip(tall, b)]
            tall_cells = map(str.__add__, fill, cells) if bottom else map(str.__add__, cells, fill)
            lines.append("\n".join(tall_cells).split("\n"))
        columns = lines
    padded = [list(map(j, c, repeat(wi))) for c, (j, wi) in zip(columns, just)]
    return list(map(str.rstrip, map("  ".join, zip(*padded))))


def _one_line_runs(columns: list[list[str]], just: list, breaks: list) -> tuple[list, list, list]:
    """The columns with each run of neighbouring one-line columns (``breaks`` None) as one column: its
    cells padded and joined row by row, as wide as the run."""
    out: list = [[], [], []]
    k = 0
    while k < len(columns):
        end = k + 1
        while breaks[k] is None and end < len(columns) and breaks[end] is None:
            end += 1
        if end - k == 1:
            cells, j = columns[k], just[k]
        else:
            run = [map(j, c, repeat(wi)) for c, (j, wi) in zip(columns[k:end], just[k:end])]
            cells = list(map("  ".join, zip(*run)))
            j = (str.ljust, sum(wi for _, wi in just[k:end]) + PAD * (end - k - 1))
        for part, x in zip(out, (cells, j, breaks[k])):
            part.append(x)
        k = end
    return out[0], out[1], out[2]


def _plain(cols: list[Col], heads: list[str], columns: list[list[str]], keep: list[int], w: dict[int, int],
           title: str | None) -> str | None:
    """The table as rich draws it, joined without rich (rich spends ~1 ms a row) — or None unless every
    line of every cell, header and title is one rich leaves as it is: printable, one terminal cell per
    character, within its column's width, no space at either end nor two in a row. Rich then only pads
    each cell to its width, left or right, puts the columns two spaces apart, the header's cells at its
    bottom, a rule of ─ under the header the table's width, and the title on a line above. Checked
    column by column on the column's cells joined, in C-level string passes."""
    if not keep or min(w[i] for i in keep) < 1:   # rich draws an empty column one character wide
        return None
    for k, i in enumerate(keep):
        cells = columns[k] + [heads[k]]
        text = "\n".join(cells)
        if _longest(cells, text) > w[i] or not _as_is(text):
            return None
    wide = sum(w[i] for i in keep) + PAD * (len(keep) - 1)
    if title is not None and (len(title) > wide or "\n" in title or not _as_is(title)):
        return None
    just = [(str.rjust if cols[i].right else str.ljust, w[i]) for i in keep]
    out = [title] if title else []
    out += _block([[h] for h in heads], just, bottom=True) + ["─" * wide]
    for start in range(0, len(columns[0]), BLOCK_ROWS):   # by slices: only one slice's padded cells at a time
        out += _block([cells[start:start + BLOCK_ROWS] for cells in columns], just)
    return "\n".join(out)


def table(cols: list[Col], rows: list[list[str]], total: int | None = None, *, title: str | None = None) -> str:
    """The rows as a table of at most ``total`` characters per line (plain text, as rich draws it). Cells
    rich would only pad are joined without rich (``_plain``); rich draws the table where a cell needs
    more (two spaces, a wide character, ...)."""
    return columns_table(cols, _columns(cols, rows), total, title=title)


def columns_table(cols: list[Col], columns: list[list[str]], total: int | None = None, *,
                  title: str | None = None) -> str:
    """``table`` of the cells given column by column (a list of cells per column, all of one length)."""
    total = total or width()
    longest = [_longest(c) for c in columns]
    nat = [_natural(c, n) for c, n in zip(cols, longest)]
    keep = _choose(cols, nat, total)
    w = _widths(cols, nat, longest, keep, total)
    if sum(w.values()) + PAD * (len(keep) - 1) > total:   # not even so: one block per row
        return stacked(cols, list(zip(*columns)), total, title=title)
    shown = [_wrapped(columns[i], w[i]) if cols[i].wrap else columns[i] for i in keep]
    plain = _plain(cols, [wrap_cell(cols[i].header, w[i]) for i in keep], shown, keep, w, title)
    if plain is not None:
        return plain
    rows = [list(r) for r in zip(*shown)] if shown else [[] for _ in (columns[0] if columns else ())]
    return _rich(cols, rows, keep, w, total, title)


def stacked(cols: list[Col], rows: list[list[str]], total: int, *, title: str | None = None) -> str:
    """The rows for a terminal too narrow for the table: one block per row, its names (the wrapping
    columns, else the first) on the first line, then every other column as "Kopf Wert", never split,
    as many to a line as fit; blocks apart by a rule."""
    lead = [i for i, c in enumerate(cols) if c.wrap] or [0]
    out = [title] if title else []
    for r in rows:
        out.append("─" * total)
        out.append(fit(" · ".join(" ".join(r[i].split()) for i in lead if r[i].strip()), total))
        line = ""
        for i, c in enumerate(cols):
            if i in lead or not r[i].strip():
                continue
            pair = f"{' '.join(c.header.split())} {' '.join(r[i].split())}"
            if line and len(line) + 3 + len(pair) > total - 2:
                out.append("  " + line)
                line = ""
            line = f"{line} · {pair}" if line else pair
        if line:
            out.append(fit("  " + line, total))
    return "\n".join(out)


#: the space between an amount and its unit (the space first: the lookbehinds only where there is one)
_UNIT = re.compile(r" (?:(?<=\d )|(?<=Mio\. )|(?<=Mrd\. ))(?=(?:€|%|Mio\.|Mrd\.|Prozentpunkte|pp)(?:\W|$))")


def fit(text: str, total: int | None = None) -> str:
    """Every line wider than ``total`` wrapped at spaces; continuation lines keep the line's indent + 2."""
    total = total or width()
    lines = text.split("\n")
    if max(map(len, lines)) <= total:
        return text
    out = []
    for line in lines:
        if len(line) <= total:
            out.append(line)
            continue
        indent = len(line) - len(line.lstrip(" "))
        lead = " " * indent
        glued = _UNIT.sub("\u00a0", line.strip())   # an amount stays with its unit
        out += [part.replace("\u00a0", " ") for part in _wrap_line(glued, total, lead)]
    return "\n".join(out)


def _wrap_line(glued: str, total: int, lead: str) -> list[str]:
    """``textwrap.wrap(glued, width=total, initial_indent=lead, subsequent_indent=lead + "  ",
    break_long_words=True, break_on_hyphens=False)``; a single-spaced line without a word longer than
    a line (the usual case, and the long lists of ids at 10.000 measures) laid out by ``_lines``."""
    rest = total - len(lead) - 2   # the width of a continuation line
    glue = glued.replace("\u00a0", "_")   # textwrap drops a word of no-break spaces only: none such
    if (rest < 1 or not glued or not _single_spaced(glue) or not _single_spaced(glued.replace("\u00a0", " "))
            or max(map(len, glued.split(" "))) > rest):
        return textwrap.wrap(glued, width=total, initial_indent=lead, subsequent_indent=lead + "  ",
                             break_long_words=True, break_on_hyphens=False)
    first = _lines(total - len(lead), hyphens=False).match(glued)
    return [lead + first.group(1)] + [lead + "  " + part for part in
                                      _lines(rest, hyphens=False).findall(glued, first.end())]
