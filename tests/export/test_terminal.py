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
        m.setattr(terminal, "PLAIN_ROWS", 10 ** 9)
        return table(*args, **kw)


@pytest.mark.parametrize("total", [40, 57, 80, 100, 161])
def test_a_long_table_joined_without_rich_is_the_table_rich_draws(tmp_path, monkeypatch, total):
    """The rows of a long table joined without rich (issue 29: rich took 10 s for 10.000 measures)
    give the text rich gives, line for line: a 1.000-row synthetic plan at five widths, with a title."""
    import sys
    from pathlib import Path

    from amip.export import terminal
    from amip.export.text import measure_table
    from amip.scenarios import load_scenario

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    import synthetic

    path = tmp_path / "syn.csv"
    r = optimize(load_scenario(None, measures=path, budget_eur=synthetic.write(1000, path)))
    drawn = []   # rows rich drew: only the sample, so the rows were joined without it
    with monkeypatch.context() as m:
        m.setattr(terminal, "_rich", lambda cols, cells, *a, f=terminal._rich: drawn.append(len(cells)) or f(
            cols, cells, *a))
        fast = measure_table(r, total)
    # narrower, the names wrap to lines rich would re-wrap (a space left at a line's end) or the rows
    # become blocks (terminal.stacked): rich or the blocks draw them, as before
    if total >= 80:
        assert drawn == [terminal.SAMPLE_ROWS]
    with monkeypatch.context() as m:
        m.setattr(terminal, "PLAIN_ROWS", 10 ** 9)
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
