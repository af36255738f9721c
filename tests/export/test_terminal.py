"""amip.export.terminal on its own: the solved default case's plan as a table of German numbers that fits the
width asked for (no line wider), drops the least important columns first, wraps names rather than cutting them;
plain lines wrapped with their indent; the width from COLUMNS."""
from __future__ import annotations

import pytest

from amip.export.terminal import DEFAULT_WIDTH, MIN_WIDTH, Col, choose, fit, table, width, widths
from amip.models.fmt import eur, num
from amip.optimizer import optimize

COLS = [Col("Maßnahme-ID", wrap=True, min_width=12), Col("Maßnahme", wrap=True, min_width=12),
        Col("Feld", priority=4), Col("Eintritte", right=True), Col("Kosten je Eintritt", right=True, priority=1),
        Col("Kosten", right=True), Col("Integrationen", right=True)]


@pytest.fixture(scope="module")
def result(case):
    return optimize(case)


@pytest.fixture(scope="module")
def rows(result):
    return [[m.id, m.name, m.field, num(m.entries), eur(m.cost_per_entry), eur(m.cost), num(m.integrations)]
            for m in result.measures if m.entries > 0]


def test_a_wide_table_shows_every_figure_in_german_format(result, rows):
    text = table(COLS, rows, 300)
    lines = text.splitlines()
    assert lines[0].strip() == "Kosten je", "a header longer than its cells wraps at a space"
    assert lines[1].split() == ["Maßnahme-ID", "Maßnahme", "Feld", "Eintritte", "Eintritt", "Kosten", "Integrationen"]
    for m in result.measures:
        if m.entries > 0:
            line = next(x for x in lines if x.startswith(m.id + " "))
            assert eur(m.cost) in line and num(m.integrations) in line and m.name in line
    big = next(r for r in rows if "." in r[5])
    assert big[5].endswith(" €") and "," not in big[5].replace(" €", "").replace(".", "")


@pytest.mark.parametrize("total", [80, 100, 120])
def test_no_line_is_wider_than_asked_and_low_priorities_go_first(rows, total):
    text = table(COLS, rows, total)
    assert max(len(line) for line in text.splitlines()) <= total
    keep = choose(COLS, rows, total)
    assert {3, 5, 6} <= set(keep), "columns without a priority are never dropped"
    if 4 in keep:
        assert 2 in keep, "Feld (priority 4) goes only after Kosten je Eintritt (priority 1)"
    if total == 80:
        assert keep == [0, 1, 2, 3, 5, 6], "at 80 characters only the lowest priority is dropped"


def test_names_wrap_at_spaces_and_are_not_cut(rows):
    text = table(COLS, rows, 80)
    words = set(text.split())
    at = widths(COLS, rows, choose(COLS, rows, 80), 80)[1]
    assert at >= 12
    for r in rows:   # every word that fits the name column whole, on some line (longer words are split last)
        assert {w for w in r[1].split() if len(w) <= at} <= words, r[1]
        assert r[5] in text                       # every amount on one line


@pytest.mark.parametrize("total", range(MIN_WIDTH, 121))
def test_a_narrow_table_never_splits_an_amount(rows, total):
    """Every amount and count whole on one line at every width from 40 to 120, no line wider (narrow: the
    headers of the number columns wrap, then the names; narrower still: one block per row)."""
    text = table(COLS, rows, total)
    assert max(len(line) for line in text.splitlines()) <= total
    for r in rows:
        assert r[3] in text and r[5] in text and r[6] in text, (total, r)


def test_too_narrow_for_the_columns_it_stacks_each_row_with_every_figure(rows):
    text = table(COLS, rows, MIN_WIDTH)
    assert "Maßnahme-ID" not in text, "no table header: one block per row"
    blocks = text.split("─" * MIN_WIDTH + "\n")[1:]
    assert len(blocks) == len(rows)
    for block, r in zip(blocks, rows, strict=True):
        assert " ".join(block.split()).startswith(f"{r[0]} · {' '.join(r[1].split())}")
        assert f"Kosten {r[5]}" in block and f"Integrationen {r[6]}" in block and f"Kosten je Eintritt {r[4]}" in block


def test_fit_wraps_long_lines_and_keeps_the_indent():
    line = "    " + " ".join(["Integrationen"] * 12)
    out = fit(line + "\nkurz", 50).splitlines()
    assert out[-1] == "kurz" and all(len(x) <= 50 for x in out)
    assert out[0].startswith("    Integrationen") and out[1].startswith("      Integrationen")
    assert " ".join(" ".join(out[:-1]).split()) == line.strip()


def test_width_comes_from_columns(monkeypatch):
    monkeypatch.setenv("COLUMNS", "72")
    assert width() == 72
    monkeypatch.setenv("COLUMNS", "10")
    assert width() == MIN_WIDTH
    assert DEFAULT_WIDTH == 100


def _every_row_by_rich(monkeypatch, *args, **kw) -> str:
    from amip.export import terminal

    with monkeypatch.context() as m:
        m.setattr(terminal, "_plain", lambda *a: None)
        return table(*args, **kw)


@pytest.mark.parametrize("total", [40, 57, 80, 100, 161])
def test_a_long_table_joined_without_rich_is_the_table_rich_draws(tmp_path, monkeypatch, total):
    """The rows of a long table joined without rich (issue 29: rich took 10 s for 10.000 measures, and
    ~0,1 s for its import and a sample) give the text rich gives, line for line: a 1.000-row synthetic
    plan at five widths, with a title."""
    import sys
    from pathlib import Path

    from amip.export import terminal
    from amip.export.text import measure_table
    from amip.scenarios import load_scenario

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    import synthetic

    path = tmp_path / "syn.csv"
    r = optimize(load_scenario(None, measures=path, budget_eur=synthetic.write(1000, path)))
    drawn = []   # tables rich drew: none, the rows were joined without it
    with monkeypatch.context() as m:
        m.setattr(terminal, "_rich", lambda cols, cells, *a, f=terminal._rich: drawn.append(len(cells)) or f(
            cols, cells, *a))
        fast = measure_table(r, total)
    # narrower, the names wrap to lines rich would re-wrap (a space left at a line's end) or the rows
    # become blocks (terminal.stacked): rich or the blocks draw them, as before
    if total >= 80:
        assert drawn == []
    with monkeypatch.context() as m:
        m.setattr(terminal, "_plain", lambda *a: None)
        assert fast == measure_table(r, total)
    with monkeypatch.context() as m:   # joined by slices of rows, the same lines
        m.setattr(terminal, "BLOCK_ROWS", 7)
        assert fast == measure_table(r, total)
    plain_rows = [[m.id, m.name, m.field, num(m.entries), eur(m.cost_per_entry), eur(m.cost), num(m.integrations)]
                  for m in r.measures]
    assert table(COLS, plain_rows, total, title="Titel") == _every_row_by_rich(
        monkeypatch, COLS, plain_rows, total, title="Titel")


@pytest.mark.parametrize("odd", ["zwei  Leerzeichen", " vorne", "hinten ", "漢字 breit", "Tab\tcell", "x" * 60,
                                 "", "Zeile\nzwei"])
def test_cells_rich_would_change_leave_the_long_table_to_rich(monkeypatch, odd):
    """A cell rich would not only pad (two spaces, a space at an end, a wide character, a control
    character, a number wider than its column) makes rich draw the whole table; the text is the same."""
    cols = [Col("ID", wrap=True, min_width=8), Col("Name"), Col("Zahl", right=True)]
    rows = [[f"id-{i}", f"Maßnahme {i} – § 16", num(1000.5 * i)] for i in range(400)]
    rows[300][1] = odd
    rows[5][2] = odd
    for total in (40, 100):
        assert table(cols, rows, total) == _every_row_by_rich(monkeypatch, cols, rows, total)


@pytest.mark.parametrize("part", ["hf1-foerderzentrum-1", "Förderzentrum II", "", "a b", "ab  cd", "x-y-z", "€ § –"])
def test_a_part_that_fits_is_what_textwrap_gives(part):
    import textwrap

    from amip.export.terminal import wrap_cell

    for at in (len(part), len(part) + 5):
        assert wrap_cell(part, max(at, 1)) == textwrap.fill(part, width=max(at, 1), break_on_hyphens=True)


@pytest.mark.parametrize("total", range(30, 101, 7))
def test_fit_never_parts_an_amount_from_its_unit(total):
    # found in `amip replan`'s prose: "… statt 207.812\n    €" at 100 columns
    text = ("  Erfolg durch Integration (EdI 1 & 2): Eintritte 115,7 statt 150, Ausgaben 160.344 € statt "
            "207.812 € (frei 47.469 €), Quote 12,5 % statt 14 %, Spanne 1,2 Mio. € bis 3 Mio. €")
    out = fit(text, total)
    lines = out.split("\n")
    assert len(lines) > 1 or total > len(text)
    for line in lines:
        assert not line.lstrip().startswith(("€", "%", "Mio.")), line
    assert " ".join(out.split()) == " ".join(text.split())


def _short_tables(result) -> list[tuple[list[Col], list[list[str]]]]:
    """The tables `amip optimize` prints for the default case: the plan per measure and per field."""
    from amip.export import terminal
    from amip.export.text import field_table, measure_table

    seen = []
    draw = terminal.columns_table   # table draws by it too

    def keep(cols, columns, total=None, **kw):
        seen.append((cols, [list(r) for r in zip(*columns)]))
        return draw(cols, columns, total, **kw)

    terminal.columns_table = keep
    try:
        measure_table(result, 100)
        field_table(result, 100)
    finally:
        terminal.columns_table = draw
    return seen


def test_every_table_of_the_default_case_is_drawn_as_rich_draws_it_at_every_width(result, monkeypatch):
    """Short tables are joined without rich too (issue 29: rich's import and ~1 ms a row): the default
    case's tables, at every other width from 40 to 160, with a title and without, are the text rich draws."""
    from amip.export import terminal

    used = []
    plain = terminal._plain
    monkeypatch.setattr(terminal, "_plain", lambda *a: used.append(plain(*a)) or used[-1])
    for cols, rows in _short_tables(result):
        for total in range(MIN_WIDTH, 161, 2):
            title = "Titel der Tabelle" if total % 4 else None
            with monkeypatch.context() as m:
                m.setattr(terminal, "_plain", lambda *a: None)
                by_rich = table(cols, rows, total, title=title)
            assert table(cols, rows, total, title=title) == by_rich, (total, cols[0].header)
    assert sum(u is not None for u in used) > 80, "the plain join drew most of them"


@pytest.mark.parametrize("rows", [[], [["", "", ""]], [["a\nzwei\ndrei", "x", "1"], ["b", "y\nz", "22"]]])
def test_no_rows_empty_rows_and_cells_of_several_lines(monkeypatch, rows):
    cols = [Col("Kennung der Maßnahme", wrap=True, min_width=8), Col("Name"), Col("Kosten je Eintritt", right=True)]
    for total in (MIN_WIDTH, 60, 100):
        assert table(cols, rows, total, title="T") == _every_row_by_rich(monkeypatch, cols, rows, total, title="T")


@pytest.mark.parametrize("title", ["zwei  Leerzeichen", "x" * 130, "漢字", " vorne"])
def test_a_title_rich_would_change_goes_to_rich(monkeypatch, title):
    cols = [Col("ID", wrap=True, min_width=8), Col("Zahl", right=True)]
    rows = [[f"id-{i}", num(10.5 * i)] for i in range(5)]
    assert table(cols, rows, 100, title=title) == _every_row_by_rich(monkeypatch, cols, rows, 100, title=title)


def test_an_empty_column_is_one_character_wide_as_rich_draws_it(monkeypatch):
    cols = [Col("ID"), Col(""), Col("Zahl", right=True)]
    rows = [["a", "", "1"], ["b", "", "2"]]
    assert table(cols, rows, 80) == _every_row_by_rich(monkeypatch, cols, rows, 80)


def _cells_to_wrap() -> list[str]:
    import random
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    import synthetic

    rnd = random.Random(29)
    table_rows = synthetic.rows(300)[0]
    cells = sorted({r["id"] for r in table_rows} | {r["name"] for r in table_rows})
    alphabet = list("abcäöüßXZ_09²") + ["-", "-", " ", " ", ",", "(", ")", "/", "§", "€", "–", "漢", "x\u0301"]
    cells += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 45))) for _ in range(600)]
    cells += ["a-b-c-d", "ab-cd-ef", "a-bc-de", "ab-c", "-ab-cd", "ab--cd", "abc verylongword",
              "hf1-neukundenaktivierung", "x" * 50,
              "Feststellungs-, Trainings- und Erprobungscenter (FTEC) Lager/ Verkauf Nord (27)"]
    return cells


def test_wrapping_a_cell_is_what_textwrap_gives():
    """wrap_cell's own layout of single-spaced lines (issue 29: textwrap took ~0,1 s for the names and
    ids of 10.000 measures) gives textwrap's lines, at every width from 1 to 45."""
    import textwrap

    from amip.export.terminal import _wrapped, wrap_cell

    cells = _cells_to_wrap()
    for at in range(1, 46):
        want = [textwrap.fill(c, width=at, break_on_hyphens=True) for c in cells]
        assert [wrap_cell(c, at) for c in cells] == want, at
        assert _wrapped(cells, at) == want


def test_the_characters_taken_as_one_cell_are_what_rich_counts():
    from rich.cells import cell_len

    from amip.export.terminal import _one_cell

    for c in map(chr, range(0x20, 0x3000)):
        assert _one_cell(c) == (cell_len(c) == 1), hex(ord(c))
    assert _one_cell("Kosten je Eintritt\n1.234 € – § 16") and not _one_cell("漢字") and not _one_cell("e\u0301")


def test_a_long_line_is_wrapped_as_textwrap_wraps_it():
    """fit's own layout of single-spaced lines (issue 29: the list of 7.000 bound ids at 10.000 measures is
    one line) gives textwrap's lines, amounts glued to their units, no-break spaces of the text kept."""
    import random
    import textwrap

    from amip.export.terminal import _wrap_line

    rnd = random.Random(17)
    alphabet = list("abcäöß0129") + [" ", " ", " ", "-", ",", "€", "%", "\u00a0", "Mio.", "1.234", "§", "–", "\t"]
    lines = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 120))).strip() for _ in range(1500)]
    lines += [", ".join(f"hf{i % 9}-massnahme-{i}" for i in range(400)), "a \u00a0 b " * 20, "x" * 90 + " y"]
    for glued in lines:
        for total, lead in ((20, ""), (40, "  "), (57, ""), (80, "    "), (100, "  ")):
            assert _wrap_line(glued, total, lead) == textwrap.wrap(
                glued, width=total, initial_indent=lead, subsequent_indent=lead + "  ", break_long_words=True,
                break_on_hyphens=False), (glued, total)


def test_the_common_characters_are_printable_and_one_cell_wide():
    """_as_is checks a column of common characters by one search: they must be what the full checks pass."""
    from rich.cells import cell_len

    from amip.export.terminal import _UNCOMMON, _as_is, _one_cell, _single_spaced

    common = [c for c in map(chr, range(0x20, 0x3000)) if not _UNCOMMON.match(c)]
    assert len(common) > 700 and "€" in common and "–" in common and "\xa0" not in common
    for c in common:
        assert c.isprintable() and cell_len(c) == 1, hex(ord(c))
    for text in ("a b\nc", "1.234 €\n–", " a", "a ", "a  b", "a \nb", "a\n b", "漢字", "e\u0301", "a\xa0b", "x\ty"):
        assert _as_is(text) == (_single_spaced(text) and _one_cell(text)), text


def test_a_table_given_column_by_column_is_the_table_of_its_rows():
    from amip.export.terminal import columns_table

    cols = [Col("Kennung", wrap=True, min_width=8), Col("Name"), Col("Zahl", right=True)]
    rows = [[f"hf1-massnahme-{i}", f"Maßnahme {i}", num(1000.5 * i)] for i in range(30)]
    for total in (MIN_WIDTH, 60, 100):
        by_columns = columns_table(cols, [list(c) for c in zip(*rows)], total, title="T")
        assert by_columns == table(cols, rows, total, title="T")
    assert columns_table(cols, [[], [], []], 80) == table(cols, [], 80)


def test_neighbouring_one_line_columns_are_joined_as_one_before_the_tall_rows_are_laid_out(monkeypatch):
    from amip.export.terminal import _block, _one_line_runs

    columns = [["1", "22"], ["a\nb", "c"], ["x", "yy"], ["7", "8"], ["p\nq\nr", "s"], ["z", "w"]]
    just = [(str.rjust, 3), (str.ljust, 4), (str.ljust, 2), (str.rjust, 2), (str.ljust, 1), (str.ljust, 1)]
    breaks = [None, [1, 0], None, None, [2, 0], None]
    cells, js, bs = _one_line_runs(columns, just, breaks)
    assert cells == [["1", "22"], ["a\nb", "c"], ["x    7", "yy   8"], ["p\nq\nr", "s"], ["z", "w"]]
    assert js[2] == (str.ljust, 6) and bs == [None, [1, 0], None, [2, 0], None]
    assert _block(columns, just) == ["  1  a     x    7  p  z", "     b             q", "                   r",
                                     " 22  c     yy   8  s  w"]
    assert _block(columns, just, bottom=True) == ["                   p", "     a             q",
                                                  "  1  b     x    7  r  z", " 22  c     yy   8  s  w"]
    cols = [Col("Nr", right=True), Col("Name", wrap=True, min_width=4), Col("A"), Col("B", right=True),
            Col("C", wrap=True), Col("D")]
    rows = [list(r) for r in zip(*columns)]
    assert table(cols, rows, 60) == _every_row_by_rich(monkeypatch, cols, rows, 60)
