"""Terminal output that fits a person's terminal (issue 17, item 2): the width (``COLUMNS`` or the
terminal's own), tables rendered by rich that drop their least important columns and wrap names
rather than cut them, and plain lines wrapped at the width. Plain text without colours, so it reads
the same in a pipe, a file or a test.

- ``width()``: the terminal width (``COLUMNS`` first, like ``shutil.get_terminal_size``), at least 40.
- ``Col``: one column: header, alignment, whether it may wrap, its priority (lowest dropped first).
- ``table(cols, rows, width)``: the table as text, no line wider than ``width``; an amount is never
  split (a terminal too narrow even for its columns' cells gets ``stacked``: one block per row).
- ``fit(text, width)``: every line longer than ``width`` wrapped, continuation lines indented.
"""
from __future__ import annotations

import io
import re
import shutil
import textwrap
from dataclasses import dataclass

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


def _longest(cells: list[str]) -> int:
    """The longest line of any of the cells (0 without cells), in one pass over them joined."""
    return max(map(len, "\n".join(cells).split("\n")))


def _natural(col: Col, cells: list[str]) -> int:
    """The width a column asks for: its longest cell; a header longer than that wraps (at least 8)."""
    cell = _longest(cells)
    head = max((len(w) for w in col.header.replace("-", "- ").split()), default=0)
    whole = len(col.header) if "-" not in col.header and len(col.header) <= 14 else 0   # one word: not cut
    return max(cell, whole, min(len(col.header), max(cell, 12)), head if col.wrap else 0)


def choose(cols: list[Col], rows: list[list[str]], total: int) -> list[int]:
    """Indices of the columns that fit in ``total`` characters: the lowest priority goes first."""
    keep = list(range(len(cols)))
    nat = [_natural(c, [r[i] for r in rows]) for i, c in enumerate(cols)]

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


def _cells(cells: list[str]) -> int:
    """The longest line of a column's cells (without its header)."""
    return max(1, _longest(cells))


def widths(cols: list[Col], rows: list[list[str]], keep: list[int], total: int) -> dict[int, int]:
    """Column widths: fixed columns their natural width, wrapping columns share the rest (each at
    least its minimum, none wider than its longest cell), so the table is at most ``total`` wide.
    Narrower than that: the fixed columns (numbers, amounts) give up the room their header needs and
    keep their longest cell (the header wraps); then the wrapping columns go below their minimum, down
    to ``FLOOR``. An amount is never split."""
    nat = {i: _natural(cols[i], [r[i] for r in rows]) for i in keep}
    out = {i: nat[i] for i in keep if not cols[i].wrap}
    wrap = [i for i in keep if cols[i].wrap]
    spare = total - sum(out.values()) - PAD * (len(keep) - 1)
    cur = {i: min(nat[i], cols[i].min_width) for i in wrap}
    spare -= sum(cur.values())
    cell = {i: _cells([r[i] for r in rows]) for i in out}
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


def wrap_cell(cell: str, at: int) -> str:
    """A name or id broken at spaces and after hyphens (ids stay readable), long words split last. A
    part that fits, with no space at either end and no whitespace but spaces, is what textwrap would
    give back: kept as it is (textwrap costs ~20 µs a cell, 20.000 cells at 10.000 measures)."""
    return "\n".join(part if len(part) <= at and part.strip(" ") == part and part.isprintable()
                     else textwrap.fill(part, width=at, break_on_hyphens=True) for part in cell.split("\n"))


#: Tables with more rows than this draw their rows without rich when every cell allows it (``_plain_rows``):
#: rich spends ~1 ms per row (10 s for 10.000 measures), the plain join a few microseconds.
PLAIN_ROWS = 200
SAMPLE_ROWS = 40   #: rows drawn by rich as well, to take the title and header from and to compare


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


def _plain_rows(cols: list[Col], cells: list[list[str]], keep: list[int], w: dict[int, int]) -> list[str] | None:
    """The rows' lines as rich draws them, joined without rich (the columns fitting the width) — or
    None unless every line of every cell is one rich leaves as it is: printable, one terminal cell per
    character, within its column's width, no space at either end nor two in a row (rich then only pads
    it to the width, left or right, and puts the columns two spaces apart). Checked column by column
    on the column's lines joined, in C-level string passes."""
    from rich.cells import cell_len

    for k, i in enumerate(keep):
        lines = "\n".join(r[k] for r in cells).split("\n")
        text = "\x00".join(lines)          # one string without the line breaks, to test at once
        if (max(map(len, lines)) > w[i] or not text.replace("\x00", "").isprintable() or "  " in text
                or " \x00" in text or "\x00 " in text or text.startswith(" ") or text.endswith(" ")):
            return None
        if max(text, default="a") >= "\u0300" and any(cell_len(line) != len(line) for line in lines):
            return None   # combining or wide characters: rich counts cells, not characters
    just = [(str.rjust if cols[i].right else str.ljust, w[i]) for i in keep]
    out = []
    for r in cells:
        if not any("\n" in c for c in r):
            out.append("  ".join(j(c, wi) for c, (j, wi) in zip(r, just)).rstrip())
            continue
        parts = [c.split("\n") for c in r]
        for n in range(max(len(p) for p in parts)):
            out.append("  ".join(j(p[n] if n < len(p) else "", wi) for p, (j, wi) in zip(parts, just)).rstrip())
    return out


def table(cols: list[Col], rows: list[list[str]], total: int | None = None, *, title: str | None = None) -> str:
    """The rows as a table of at most ``total`` characters per line (rich, plain text). A long table
    (more than PLAIN_ROWS rows) whose cells rich would only pad (``_plain_rows``) has its rows joined
    without rich: its first SAMPLE_ROWS rows are drawn by rich too, which gives the title and header
    and must give the same lines, else rich draws it all."""
    total = total or width()
    keep = choose(cols, rows, total)
    w = widths(cols, rows, keep, total)
    if sum(w.values()) + PAD * (len(keep) - 1) > total:   # not even so: one block per row
        return stacked(cols, rows, total, title=title)
    cells = [[wrap_cell(r[i], w[i]) if cols[i].wrap else r[i] for i in keep] for r in rows]
    if len(cells) > PLAIN_ROWS and (body := _plain_rows(cols, cells, keep, w)) is not None:
        sample = _rich(cols, cells[:SAMPLE_ROWS], keep, w, total, title).split("\n")
        n = len(_plain_rows(cols, cells[:SAMPLE_ROWS], keep, w))
        if n < len(sample) and sample[len(sample) - n:] == body[:n]:
            return "\n".join(sample[:len(sample) - n] + body)
    return _rich(cols, cells, keep, w, total, title)


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


_UNIT = re.compile(r"(?:(?<=\d)|(?<=Mio\.)|(?<=Mrd\.)) (?=(?:€|%|Mio\.|Mrd\.|Prozentpunkte|pp)(?:\W|$))")


def fit(text: str, total: int | None = None) -> str:
    """Every line wider than ``total`` wrapped at spaces; continuation lines keep the line's indent + 2."""
    total = total or width()
    out = []
    for line in text.split("\n"):
        if len(line) <= total:
            out.append(line)
            continue
        indent = len(line) - len(line.lstrip(" "))
        lead = " " * indent
        glued = _UNIT.sub("\u00a0", line.strip())   # an amount stays with its unit
        out += [part.replace("\u00a0", " ") for part in
                textwrap.wrap(glued, width=total, initial_indent=lead, subsequent_indent=lead + "  ",
                              break_long_words=True, break_on_hyphens=False)]
    return "\n".join(out)
