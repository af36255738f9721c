"""amip.export.tradeoff_excel on its own: the frontier integrations ↔ LLU of the default scenario as a
workbook: title naming case and scenario, German column titles, the points with their number formats and
the slope between neighbours, one scatter chart; an existing file is kept without force."""
from __future__ import annotations

import openpyxl
import pytest

from amip import texts as T
from amip.errors import InputError
from amip.export.tradeoff_excel import write_tradeoff_excel
from amip.models.planning import TARGETS
from amip.optimizer.targets import tradeoff
from amip.scenarios import load_scenario

A, B = "integrations", "llu"


@pytest.fixture(scope="module")
def frontier():
    case = load_scenario()
    return case, tradeoff(case, A, B, points=5)


@pytest.fixture(scope="module")
def book(frontier, tmp_path_factory):
    case, points = frontier
    path = write_tradeoff_excel(case, A, B, points, tmp_path_factory.mktemp("to") / "zielkonflikt.xlsx")
    return path, openpyxl.load_workbook(path)


def test_title_and_german_column_titles(frontier, book):
    case, _ = frontier
    ws = book[1][T.TRADEOFF_SHEET]
    assert book[1].sheetnames == [T.TRADEOFF_SHEET]
    assert ws["A1"].value == T.TRADEOFF_TITLE.format(a=TARGETS[A][0], b=TARGETS[B][0], case=case.name,
                                                     scenario=case.scenario)
    assert [c.value for c in ws[3]][:4] == [T.TRADEOFF_POINT, TARGETS[A][0], TARGETS[B][0],
                                            T.TRADEOFF_RATE.format(a=T.TARGET_SHORT[A], b=T.TARGET_SHORT[B])]
    assert all(w not in str(ws[3][3].value) for w in (A, B))   # the machine keys stay in the JSON and CSV


def test_points_slopes_and_formats_equal_the_frontier(frontier, book):
    _, points = frontier
    ws = book[1][T.TRADEOFF_SHEET]
    rows = list(ws.iter_rows(min_row=4, max_row=3 + len(points), max_col=4, values_only=True))
    assert [r[0] for r in rows] == list(range(1, len(points) + 1))
    for k, (row, p) in enumerate(zip(rows, points, strict=True)):
        assert row[1] == pytest.approx(p.a) and row[2] == pytest.approx(p.b)
        if k and abs(p.a - points[k - 1].a) > 1e-9:
            assert row[3] == pytest.approx((p.b - points[k - 1].b) / (p.a - points[k - 1].a))
        else:
            assert row[3] is None
    assert ws.cell(4, 2).number_format == "#,##0.0"        # integrations: persons
    assert ws.cell(4, 3).number_format == "#,##0 €"        # LLU: euros
    assert ws.max_row == 3 + len(points)
    assert points[-1].a >= points[0].a, "the frontier runs from a's value at b's optimum to a's optimum"


def test_one_chart_and_print_setup(book):
    path, wb = book
    import zipfile

    names = zipfile.ZipFile(path).namelist()
    assert sum(n.startswith("xl/charts/chart") for n in names) == 1
    ws = wb[T.TRADEOFF_SHEET]
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$3:$3"


def test_an_existing_file_is_kept_without_force(frontier, tmp_path):
    case, points = frontier
    path = tmp_path / "z.xlsx"
    path.write_bytes(b"alt")
    with pytest.raises(InputError, match="--force"):
        write_tradeoff_excel(case, A, B, points, path)
    assert path.read_bytes() == b"alt"
