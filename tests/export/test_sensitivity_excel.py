"""amip.export.sensitivity_excel on its own: the workbook of the default scenario's sensitivity report (small
frontier and draws) reads back with its German sheets, the report's numbers in them (key figures, shadow prices,
ranging, budget curve, tornado, Monte Carlo percentiles, value of information, commitments), its formats and
one chart per analysis; the footer names the run."""
from __future__ import annotations

import zipfile

import openpyxl
import pytest

from amip import texts as T
from amip.export.sensitivity_excel import STATE_DE, write_sensitivity_excel
from amip.export.xlsx import EUR, RATE
from amip.optimizer.sensitivity import Settings, analyse
from amip.scenarios import load_scenario

SHEETS = ["Übersicht", "Schattenpreise", "Ranging Quoten", "Ranging Grenzen", "Budgetkurve", "Knickpunkte",
          "Tornado", "Monte Carlo", "Förderung & robuster Plan", T.VOI_SHEET, T.POLICY_SHEET]


@pytest.fixture(scope="module")
def rep():
    return analyse(load_scenario(), Settings(points=21, draws=40, seed=7))


@pytest.fixture(scope="module")
def book(rep, tmp_path_factory):
    path = write_sensitivity_excel(rep, tmp_path_factory.mktemp("sens") / "sensitivitaet.xlsx")
    return path, openpyxl.load_workbook(path)


def rows(ws, min_row=2):
    return list(ws.iter_rows(min_row=min_row, values_only=True))


def test_sheets_and_key_figures(rep, book):
    _, wb = book
    assert wb.sheetnames == SHEETS
    over = {r[0]: r[1] for r in rows(wb["Übersicht"]) if r[0]}
    assert over["Optimum (erwartete Integrationen)"] == pytest.approx(rep.result.objective)
    assert over["Neufallbudget"] == pytest.approx(35_085_957)
    assert over["Eingabe-Hash"] == rep.result.input_hash
    ws = wb["Übersicht"]
    cell = next(r[1] for r in ws.iter_rows(min_row=2) if r[0].value == "Neufallbudget")
    assert cell.number_format == EUR


def test_shadow_prices_and_ranging_equal_the_report(rep, book):
    _, wb = book
    shadow = {r[0]: r for r in rows(wb["Schattenpreise"])}
    assert set(shadow) == {s["name"] for s in rep.shadow}
    for s in rep.shadow:   # in the terminal's unit (trial finding 16), the raw dual in the last, folded column
        row = shadow[s["name"]]
        per = 100_000 if s["unit"] == "EUR" else 1
        assert row[4] == pytest.approx(s["value"] * per) and row[-1] == pytest.approx(s["value"])
        assert row[5] == (T.SHADOW_UNIT_EUR if s["unit"] == "EUR" else T.SHADOW_UNIT_ENTRY)
        assert row[6] == ("ja" if s["binding"] else "nein")
    assert wb["Schattenpreise"].column_dimensions["A"].hidden   # the machine key folded
    ranging = {r[0]: r for r in rows(wb["Ranging Quoten"])}
    assert set(ranging) == set(rep.ranging["rates"])
    for mid, x in rep.ranging["rates"].items():
        assert ranging[mid][2] == STATE_DE[x["state"]] and ranging[mid][4] == pytest.approx(x["rate"])
    ws = wb["Ranging Quoten"]
    assert ws.cell(2, 5).number_format == RATE


def test_budget_curve_tornado_and_monte_carlo(rep, book):
    _, wb = book
    curve = rows(wb["Budgetkurve"])
    pts = rep.frontier.points()
    assert len(curve) == len(pts)
    for row, p in zip(curve, pts, strict=True):
        assert row[0] == pytest.approx(p["budget"]) and row[6] == ("ja" if p["extrapolation"] else "nein")
        if p["status"] == "optimal":
            assert row[1] == pytest.approx(p["objective"])
    assert wb["Budgetkurve"].cell(2, 1).number_format == EUR
    assert len(rows(wb["Knickpunkte"])) == len(rep.frontier.breakpoints)
    tornado = rows(wb["Tornado"])[:len(rep.tornado)]
    assert [(r[0], r[4], r[5]) for r in tornado] == [
        (t["group"], pytest.approx(t["delta_low"]), pytest.approx(t["delta_high"])) for t in rep.tornado]
    mc = rep.monte_carlo_dict()
    hist = rows(wb["Monte Carlo"])[:len(mc["histogram"]["counts"])]
    assert sum(r[3] for r in hist) == mc["draws"] == 40
    labels = ("Optimum je Ziehung", "Nominaler Plan", "Robuster Plan")
    table = {r[0]: r for r in rows(wb["Monte Carlo"]) if r[0] in labels}
    assert table["Optimum je Ziehung"][1:4] == tuple(pytest.approx(mc[k]) for k in ("p5", "p50", "p95"))
    assert table["Robuster Plan"][2] == pytest.approx(mc["robust"]["p50"])


def test_value_of_information_commitments_charts_and_footer(rep, book):
    path, wb = book
    voi = rows(wb[T.VOI_SHEET])
    assert [(r[0], r[3]) for r in voi] == [(v["id"], pytest.approx(v["integrations"]))
                                           for v in rep.value_of_information]
    names = {r[0] for r in rows(wb[T.POLICY_SHEET])}
    assert {p["name"] for p in rep.result.policy if p["kind"] != "link"} <= names
    charts = [n for n in zipfile.ZipFile(path).namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 4   # budget curve, marginal yield, tornado, Monte Carlo histogram
    assert rep.result.input_hash[:16] in wb["Übersicht"].oddFooter.left.text
