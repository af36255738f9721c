"""The measure table read column by column (issue 29, speed): the number columns checked in one pass each
(loader.plain_columns), Measures built without a second check (Measure.builder), a CSV without cells
over two lines read in one call. The same Measures as the row-wise path, and the same messages."""
import csv
import io
import random
import re
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from amip.errors import InputError
from amip.inputs.loader import (
    DATA_DIR,
    DEFAULT_CASE,
    MAX_DURATION_MONTHS,
    MAX_ENTRIES,
    MAX_EUR,
    NUMBER_COLUMNS,
    distinct_ids,
    load_case,
    load_neutral_case,
    non_negative,
    plain_columns,
)
from amip.inputs.reading import read_csv_rows
from amip.models.measure import Measure
from tests.conftest import shipped_rows, write_measures

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import synthetic  # noqa: E402


def _german(src: Path, dst: Path) -> Path:
    """The table as a German spreadsheet export: ';' separates, ',' is the decimal mark."""
    rows = list(csv.reader(open(src, encoding="utf-8", newline="")))
    nums = set(NUMBER_COLUMNS) | {"integration_rate"}
    with open(dst, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(rows[0])
        w.writerows([[c.replace(".", ",") if rows[0][i] in nums else c for i, c in enumerate(r)] for r in rows[1:]])
    return dst


def _tables(tmp_path):
    synth = tmp_path / "synthetic.csv"
    budget = synthetic.write(1000, synth)
    yield "Duisburg", load_case(DEFAULT_CASE).measures
    yield "Konstanz", load_case(DATA_DIR / "konstanz-2020" / "case.yaml").measures
    yield "synthetic", load_neutral_case(synth, budget_eur=budget).measures
    yield "synthetic, German", load_neutral_case(_german(synth, tmp_path / "de.csv"), budget_eur=budget).measures
    yield "Duisburg, German", load_neutral_case(_german(DATA_DIR / "duisburg-2020" / "measures.csv",
                                                         tmp_path / "duis-de.csv"), budget_eur=4e6).measures


def test_every_measure_built_without_a_second_check_passes_the_full_constructor(tmp_path):
    """Measure.builder skips __post_init__: each loaded Measure, built again through the dataclass's own
    __init__ (every check), is equal on every field and in field order."""
    names = [f.name for f in fields(Measure)]
    for label, ms in _tables(tmp_path):
        assert ms, label
        for m in ms:
            again = Measure(**{n: getattr(m, n) for n in names})
            assert again == m and list(vars(m)) == names, (label, m.id)


def _columns(rows: list) -> dict[str, list[str]]:
    """Rows [(n, {column: text})] as the columns plain_columns takes."""
    return {c: [r[c] for _, r in rows] for c in rows[0][1]}


CELLS = ["", "0", "12", "1234.5", "0.35", "1.383,20", "1383,20", "12.500", "-5", "+5", "1e3", " 7", "nan", "inf",
         "ja", "abc", "1,234.5", "١٢", "99999999999", "600", "601", "1e11", "10000000", "10000001", "00012,50"]


PLAIN = {False: ["0", "12", "1234.5", "", "0.35", "600", "10000000"], True: ["0", "12", "1234,5", "", "0,35", "007"]}


@pytest.mark.parametrize("german", [False, True])
@pytest.mark.parametrize("plain_only", [False, True])
def test_a_column_value_is_the_row_wise_value_or_left_to_the_row(german, plain_only):
    """plain_columns never decides differently from non_negative: where it gives a value, the row-wise path
    gives the same; every other cell (None) goes through the row-wise path and its message. Columns of plain
    cells only (the pass over the joined column) and mixed ones (cell by cell)."""
    cells = PLAIN[german] if plain_only else CELLS
    rows = [(i + 2, {c: cell for c in NUMBER_COLUMNS}) for i, cell in enumerate(cells)]
    plain = plain_columns(_columns(rows), german)
    decided = 0
    for col in NUMBER_COLUMNS:
        eur = col in ("cost_per_entry_eur", "fixed_spend_eur", "planned_budget_eur")
        for (n, r), v in zip(rows, plain[col], strict=True):
            if v is None:
                continue
            decided += 1
            assert v == non_negative(r[col], german=german, file="f", row=n, column=col, default=0.0, eur=eur)
            assert 0 <= v <= (MAX_EUR if eur else MAX_DURATION_MONTHS if col == "duration_months" else MAX_ENTRIES)
    assert decided > 4 * len(NUMBER_COLUMNS)   # the common cells are decided here
    if plain_only:   # only an empty cell of a column whose default depends on the row is left to the row
        assert {col for col in NUMBER_COLUMNS if None in plain[col]} == {"cost_per_entry_eur", "upper",
                                                                          "duration_months"}


def test_a_cell_over_two_lines_is_no_plain_number():
    rows = [(2, {"planned_entries": "1\n2"}), (3, {"planned_entries": "3"})]
    assert plain_columns(_columns(rows), False)["planned_entries"] == [None, 3.0]


@pytest.mark.parametrize("column,value,words", [
    ("planned_entries", "-5", "negativ"), ("cost_per_entry_eur", "1e11", "10.000.000.000"),
    ("prebought_entries", "abc", "keine Zahl"), ("planned_entries", "1,5", "Dezimalpunkt"),
    ("duration_months", "601", "600"), ("lower", "1e9", "unplausibel groß"),
])
def test_a_bad_cell_deep_in_a_long_table_is_named_by_file_row_and_column(tmp_path, column, value, words):
    """The message the row-wise path (non_negative) gives for that cell, with the file, row and column."""
    header, rows = shipped_rows()
    rows = [dict(r, id=f"{r['id']}-{k}") for k in range(14) for r in rows][:1000]
    at = next(i for i, r in enumerate(rows) if i > 700 and r["budget_basis"] == "new")
    rows[at] = dict(rows[at], **{column: value})
    if column not in header:
        header = header + [column]
    path = write_measures(tmp_path / "m.csv", header, rows)
    with pytest.raises(InputError) as e:
        load_neutral_case(path, budget_eur=4e6)
    assert e.value.row == at + 2 and e.value.column == column and e.value.file == str(path)
    assert words in str(e.value)
    with pytest.raises(InputError) as row_wise:
        non_negative(value, german=False, file=str(path), row=at + 2, column=column, default=0.0,
                     eur=column == "cost_per_entry_eur")
    assert str(e.value) == str(row_wise.value)


def test_bounds_that_cross_are_refused_after_rows_built_without_a_second_check(tmp_path):
    header, rows = shipped_rows()
    at = max(i for i, r in enumerate(rows) if r["budget_basis"] == "new")
    rows[at] = dict(rows[at], lower="50", upper="10")
    path = write_measures(tmp_path / "m.csv", header, rows)
    with pytest.raises(InputError, match="50") as e:
        load_neutral_case(path, budget_eur=4e6)
    assert e.value.row == at + 2


def _line_by_line(text: str):
    """The rows as csv reads them one by one, numbered by the line each starts on (the header is 1)."""
    reader = csv.reader(io.StringIO(text))
    out, line = [], 1
    for r in reader:
        out.append((line, r))
        line = reader.line_num + 1
    header = out[0][1]
    return [(n, dict(zip(header, map(str.strip, r)))) for n, r in out[1:] if "".join(r).strip()]


@pytest.mark.parametrize("text", [
    'a,b\n1,2\n\n3,"x, y"\n', "a,b\n1,2\n3,4", 'a,b\n"1",2\n\n\n 5 , 6 \n', "a,b\n1,2\n" + "3,4\n" * 300,
])
def test_a_file_read_in_one_call_has_the_rows_and_numbers_of_the_line_by_line_reading(tmp_path, text):
    p = tmp_path / "t.csv"
    p.write_text(text, encoding="utf-8")
    assert read_csv_rows(p, "table")[1] == _line_by_line(text)


def test_a_cell_over_two_lines_is_still_named_with_its_row(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text('a,b\n1,2\n3,4\n5,"x\ny"\n', encoding="utf-8")
    with pytest.raises(InputError, match="Zeilenumbruch") as e:
        read_csv_rows(p, "table")
    assert e.value.row == 4


@pytest.mark.parametrize("n,refused", [(10, False), (11, True)])
def test_the_row_limit_counts_as_before(monkeypatch, tmp_path, n, refused):
    """AMIP_MAX_ROWS=10: the header and ten rows are read; an eleventh row is refused (quoted or not)."""
    monkeypatch.setenv("AMIP_MAX_ROWS", "10")
    for quote in ("", '"'):
        p = tmp_path / "t.csv"
        p.write_text("a\n" + f"{quote}1{quote}\n" * n, encoding="utf-8")
        if refused:
            with pytest.raises(InputError, match="AMIP_MAX_ROWS"):
                read_csv_rows(p, "table")
        else:
            assert len(read_csv_rows(p, "table")[1]) == n



@pytest.mark.parametrize("ids,distinct", [
    (["a", "B-1", "b_2"], True), (["a", "a"], False), (["a", "A"], False), (["a-1", "a_1"], False),
    (["a", "b c"], False), (["a", "-b"], False), (["a", "b\nc"], False), (["a", ""], False), (["ä"], False),
])
def test_distinct_ids_only_when_the_row_wise_checks_have_nothing_to_name(ids, distinct):
    assert distinct_ids(ids) is distinct


@pytest.mark.parametrize("other,words", [("X-7", "doppelte Kennung"), ("x-7", "x-7"), ("X_7", "X_7"),
                                         ("X 7", "X 7")])
def test_an_id_clash_deep_in_a_long_table_is_named_by_its_row(tmp_path, other, words):
    header, rows = shipped_rows()
    rows = [dict(r, id=f"{r['id']}-{k}") for k in range(14) for r in rows][:1000]
    rows[300] = dict(rows[300], id="X-7")
    rows[800] = dict(rows[800], id=other)
    path = write_measures(tmp_path / "m.csv", header, rows)
    with pytest.raises(InputError) as e:
        load_neutral_case(path, budget_eur=4e6)
    assert (e.value.row, e.value.column) == (802, "id") and words in str(e.value)
    if other != "X 7":   # an invalid id names only itself; a clash names the first row
        assert "302" in str(e.value)


@pytest.mark.parametrize("german", [False, True])
def test_random_columns_decide_as_the_row_wise_path(german):
    """Columns of random cells (digits, both marks, line ends, spaces, a non-ASCII digit): the pass over the
    joined column, cell by cell where it fails, gives exactly the values non_negative gives, or None."""
    rng = random.Random(29)
    for _ in range(300):
        cells = ["".join(rng.choice("0123.,\n x١") for _ in range(rng.randint(0, 5))).strip()
                 for _ in range(rng.randint(1, 6))]
        rows = [(i + 2, {"planned_entries": c}) for i, c in enumerate(cells)]
        for (n, r), v in zip(rows, plain_columns(_columns(rows), german)["planned_entries"], strict=True):
            try:
                want = non_negative(r["planned_entries"], german=german, file="f", row=n, column="planned_entries",
                                    default=0.0, eur=False)
            except InputError:
                want = None
            assert v is None or v == want, (cells, r)
            if re.fullmatch(r"(\d+(%s\d+)?)?" % re.escape(".,"[german]), r["planned_entries"]):
                assert v == want   # a plain cell or an empty one is decided in the column pass


@pytest.mark.parametrize("planned", ["5", "0.0000000001"])
def test_a_computed_upper_below_zero_is_refused_as_before(tmp_path, planned):
    """upper = upper_multiple × planned is no cell: a negative multiple gives a negative upper, which the full
    check refuses (however small), not the build without a check."""
    header, rows = shipped_rows()
    kind = [(r["instrument_type"], r["product_category"]) for r in rows]   # its rate row: checked before
    at = max(i for i, r in enumerate(rows) if r["budget_basis"] == "new" and not r.get("integration_rate")
             and kind[i] in kind[:i])
    rows = [dict(r, upper="1000000") if r["budget_basis"] in ("new", "mixed") else r for r in rows]
    rows[at] = dict(rows[at], planned_entries=planned, upper="")   # the one computed upper
    path = write_measures(tmp_path / "m.csv", header, rows)
    from amip.inputs.loader import DEFAULT_RATES, load_measures, load_rates

    with pytest.raises(InputError) as e:
        load_measures(path, fields=set(r["field"] for r in rows), pools=set(r["pool"] for r in rows) - {""},
                      rates=load_rates(DEFAULT_RATES), upper_multiple=-1.0)
    assert e.value.row == at + 2 and e.value.file == str(path) and "upper_entries" in str(e.value)


def test_a_clean_table_read_in_column_passes_gives_the_measures_of_the_row_wise_path(tmp_path, monkeypatch):
    """_measures_by_column against the row-wise path (forced by a column pass that declines) on the shipped
    cases, the synthetic table and their German exports: equal Measures, every field, in field order. The
    column pass must take the synthetic tables (else this would compare the row-wise path with itself)."""
    import amip.inputs.loader as loader

    by_column = loader._measures_by_column
    taken = []

    def spy(*a, **k):
        out = by_column(*a, **k)
        taken.append(out is not None)
        return out

    monkeypatch.setattr(loader, "_measures_by_column", spy)
    fast = [(label, ms) for label, ms in _tables(tmp_path)]
    assert taken[0] and taken[2] and taken[3], taken   # Duisburg (an own rate, every basis) and the synthetic
    monkeypatch.setattr(loader, "_measures_by_column", lambda *a, **k: None)
    slow = [(label, ms) for label, ms in _tables(tmp_path)]
    for (label, a), (_, b) in zip(fast, slow, strict=True):
        assert len(a) == len(b), label
        for m, w in zip(a, b, strict=True):
            assert list(vars(m).items()) == list(vars(w).items()), (label, m.id)


@pytest.mark.parametrize("change", [
    {"pool": "nowhere"}, {"budget_basis": "sometimes"}, {"name": ""}, {"instrument_type": "xyz"},
    {"planned_entries": "1e3"}, {"integration_rate": "0.3", "rate_source": "own"}, {"lower": "5", "upper": "2"},
    {"integration_rate": "1.3", "rate_source": "own"}, {"integration_rate": "0.3", "rate_source": ""},
    {"integration_rate": "0,3", "rate_source": "own"},
    {"fixed_spend_eur": "100"}, {"duration_months": "x"},
])
def test_a_table_with_one_unusual_row_is_read_row_by_row_with_the_same_result(tmp_path, monkeypatch, change):
    """A cell the column pass does not decide sends the whole table to the row-wise path: the same Measures or
    the same message as the row-wise path alone."""
    import amip.inputs.loader as loader

    header, rows = shipped_rows()
    at = max(i for i, r in enumerate(rows) if r["budget_basis"] == "new")
    rows[at] = dict(rows[at], **change)
    header = header + [c for c in change if c not in header]
    path = write_measures(tmp_path / "m.csv", header, rows)

    def outcome():
        try:
            return [list(vars(m).items()) for m in load_neutral_case(path, budget_eur=4e6).measures]
        except InputError as e:
            return str(e)

    got = outcome()
    monkeypatch.setattr(loader, "_measures_by_column", lambda *a, **k: None)
    assert got == outcome()
