"""amip.export.csv_table on its own: the two dialects of one table, the rounding per column, the
German titles and yes/no, formula-like text made inert; checked on the solved default case's rows."""
from __future__ import annotations

import csv
import io

import pytest

from amip import texts as T
from amip.export.csv_table import BOM, DECIMALS, cell, neutralise, number, render_rows
from amip.optimizer import optimize


@pytest.fixture(scope="module")
def result(case):
    return optimize(case)


HEADER = ["id", "entries", "cost", "integrations", "rate"]


def rows_of(result):
    return [[m.id, m.entries, m.cost, m.integrations, m.rate] for m in result.measures]


def test_plain_dialect_reads_back_as_the_result_numbers(result):
    out = render_rows(HEADER, rows_of(result))
    assert not out.startswith(BOM) and "\r\n" not in out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(result.measures)
    for m, row in zip(result.measures, rows, strict=True):
        assert row["id"] == m.id
        assert float(row["entries"]) == pytest.approx(m.entries, abs=5e-4)
        assert float(row["cost"]) == pytest.approx(m.cost, abs=5e-3)
        assert float(row["integrations"]) == pytest.approx(m.integrations, abs=5e-4)
        assert float(row["rate"]) == pytest.approx(m.rate, abs=5e-7)
        assert len(row["cost"].partition(".")[2]) <= DECIMALS["cost"]


def test_german_dialect_has_bom_semicolons_crlf_german_titles_and_decimal_commas(result):
    out = render_rows(HEADER, rows_of(result), "de")
    assert out.startswith(BOM) and out.count("\r\n") == len(result.measures) + 1
    rows = list(csv.reader(io.StringIO(out[len(BOM):]), delimiter=";"))
    assert rows[0] == [T.CSV_HEADERS_DE.get(h, h) for h in HEADER]
    assert rows[0] != HEADER, "the German dialect names its columns in German"
    total = sum(float(r[2].replace(",", ".")) for r in rows[1:])
    assert total == pytest.approx(result.budget_used, abs=0.01 * len(result.measures))
    assert all("." not in r[2] for r in rows[1:])


def test_cells_by_type_in_both_dialects():
    assert cell(None) == "" and cell(None, dialect="de") == ""
    assert cell(True) == "True" and cell(True, dialect="de") == "ja" and cell(False, dialect="de") == "nein"
    assert cell(7) == "7" and cell(2.0, "cost") == "2"
    assert cell(1234.5678, "cost", "de") == "1234,57" and cell(0.1234567891) == "0.123457"
    assert cell(35085957.4, "egt_estimate_eur") == "35085957"
    assert number(float("nan")) == "" and number(float("inf"), 2, "de") == ""
    assert cell("=1+2") == "'=1+2" and cell("Eingliederung") == "Eingliederung"


@pytest.mark.parametrize("text", ["=A1", "+1", "-1", "@x", "\tx", "\rx", "\nx", "＝A1", "＋1", "－1", "＠x"])
def test_every_formula_start_is_neutralised(text):
    assert neutralise(text) == "'" + text


def test_an_unknown_dialect_is_refused():
    with pytest.raises(ValueError, match="dialect"):
        render_rows(["id"], [["a"]], "excel")
