"""Both CSV dialects: the plain one for programs, the German one for Excel; numbers rounded, formulas inert."""
from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from amip import texts as T
from amip.cli import main
from amip.export.csv_table import BOM, number, render_rows
from amip.export.text import CSV_COLUMNS, render_csv
from amip.models.measure import BUDGET_BASIS_GERMAN
from amip.optimizer import optimize


@pytest.fixture(scope="module")
def result(case):
    return optimize(case)


def test_numbers_are_rounded_to_what_a_person_reads_in_both_dialects():
    assert number(122416.79999999999, 2) == "122416.8"
    assert number(122416.79999999999, 2, "de") == "122416,8"
    assert number(-1e-12, 3) == "0" and number(70.0, 3) == "70"


@pytest.mark.parametrize("dialect", ["plain", "de"])
def test_formula_like_text_is_neutralised_in_every_dialect(dialect):
    out = render_rows(["name", "cost"], [["=HYPERLINK(\"x\")", -5.0], ["@SUM(A1)", 1.5], ["+1", None]], dialect)
    rows = list(csv.reader(io.StringIO(out.lstrip(BOM)), delimiter=";" if dialect == "de" else ","))
    assert [r[0] for r in rows[1:]] == ["'=HYPERLINK(\"x\")", "'@SUM(A1)", "'+1"]
    assert rows[1][1] == "-5", "a negative number stays a number"


def test_the_german_dialect_opens_in_german_excel(result):
    de = render_csv(result, "de")
    assert de.startswith(BOM) and "\r\n" in de
    rows = list(csv.reader(io.StringIO(de[1:]), delimiter=";"))
    # German column titles for people (issue 23), one per machine key, in the same order
    assert tuple(rows[0]) == tuple(T.CSV_HEADERS_DE[c] for c in CSV_COLUMNS) and len(rows) == len(result.measures) + 1
    assert len(set(rows[0])) == len(CSV_COLUMNS)
    col = {c: i for i, c in enumerate(CSV_COLUMNS)}
    for m, row in zip(result.measures, rows[1:], strict=True):
        assert float(row[col["cost"]].replace(",", ".")) == pytest.approx(m.cost, abs=0.006)
        assert "." not in row[col["rate"]] and float(row[col["rate"]].replace(",", ".")) == pytest.approx(m.rate)
        assert row[col["budget_basis"]] == BUDGET_BASIS_GERMAN[m.budget_basis]       # 'vorab eingekauft'
        assert "domain.md" not in row[col["rate_source"]] and "ESTIMATE" not in row[col["rate_source"]]
    plain = list(csv.reader(io.StringIO(render_csv(result))))
    assert not render_csv(result).startswith(BOM)
    assert tuple(plain[0]) == CSV_COLUMNS, "the plain dialect keeps the machine keys"
    assert [r[col["budget_basis"]] for r in plain[1:]] == [m.budget_basis for m in result.measures]
    assert [r[col["rate_source"]] for r in plain[1:]] == [m.rate_source for m in result.measures]
    total = sum(float(r[col["cost"]]) for r in plain[1:])
    assert total == pytest.approx(result.budget_used, abs=0.01 * len(result.measures))
    assert all(len(r[col["cost"]].partition(".")[2]) <= 2 for r in plain[1:]), "no float noise"


def test_every_csv_command_takes_the_dialect():
    r = CliRunner().invoke(main, ["optimize", "--format", "csv", "--dialect", "de", "--draws", "0"])
    assert r.exit_code == 0 and r.output.startswith(BOM + "Maßnahme-ID;Handlungsfeld;")
    r = CliRunner().invoke(main, ["evaluate", "--format", "csv", "--dialect", "de"])
    assert r.exit_code == 0 and r.output.startswith(BOM + "Maßnahme-ID;Handlungsfeld;")
    r = CliRunner().invoke(main, ["evaluate", "--format", "csv"])
    assert r.exit_code == 0 and r.output.startswith("id,field,")
    r = CliRunner().invoke(main, ["tradeoff", "integrations", "lzb", "--points", "2", "--format", "csv",
                                  "--dialect", "de"])
    assert r.exit_code == 0 and r.output.splitlines()[0] == BOM + "Punkt;Integrationen;LZB"
    r = CliRunner().invoke(main, ["optimize", "--format", "csv", "--dialect", "fr"])
    assert r.exit_code == 2
