"""The in-year HTML report of `amip ist` / `amip replan` (amip.export.year) is rendered from the template
year.html.j2 with the flow chart from the template part svg.html.j2: autoescaped, well-formed SVG, and
every line and key number of the text report."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest
from markupsafe import escape

from amip.export import templating
from amip.export import year as year_html
from amip.inputs.actuals import CURVE_FILE, national_profile, read_actuals
from amip.inputs.loader import DATA_DIR
from amip.models.fmt import eur
from amip.models.forecast import forecast
from amip.optimizer.replan import replan

EX9 = DATA_DIR / "duisburg-2020" / "ist-2020-09.xlsx"
EVIL = '<script>alert("x")</script> & Co'


@pytest.fixture(scope="module")
def september(case):
    act = read_actuals(EX9, case)
    return act, national_profile(CURVE_FILE)


def test_the_report_is_rendered_from_its_template(case, september, monkeypatch):
    used = []

    def spy(name, **context):
        used.append(name)
        return templating.render(name, **context)

    monkeypatch.setattr(year_html, "render", spy)
    page = year_html.render_year_html(case, forecast(case, *september))
    assert used == ["year.html.j2"]
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</body></html>\n")


def test_the_forecast_page_has_every_line_of_the_text_report_and_its_numbers(case, september):
    fc = forecast(case, *september)
    page = year_html.render_year_html(case, fc)
    lines = [line for line in year_html.render_forecast(case, fc).splitlines()[1:] if line.strip()]
    assert lines and all(f"<p>{escape(line)}</p>" in page for line in lines)
    assert eur(fc.spend_eur) in page and eur(fc.budget_eur) in page
    svg = ET.fromstring(re.search(r"<svg .*?</svg>", page, flags=re.S).group(0))
    legend = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert {"Plan", "Ist", "Hochrechnung (Spanne)"} <= set(legend) and "Neuplanung" not in legend
    assert "Sep" in legend and len(svg.findall("{http://www.w3.org/2000/svg}polygon")) == 1   # the forecast band


def test_the_replan_page_draws_the_new_plan(case, september):
    rp = replan(case, *september)
    page = year_html.render_year_html(case, rp.forecast, replan=rp)
    svg = ET.fromstring(re.search(r"<svg .*?</svg>", page, flags=re.S).group(0))
    assert len(svg.findall("{http://www.w3.org/2000/svg}polyline")) == 4   # plan, actuals, forecast, new plan
    assert "Neuplanung" in [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    first = next(line for line in year_html.render_replan(case, rp).splitlines()[1:] if line.strip())
    assert f"<p>{escape(first)}</p>" in page


def test_a_measure_name_with_markup_stays_text(case, september):
    fc = forecast(case, *september)
    named = max(fc.measures, key=lambda r: abs(r.frees_eur))   # the report lists it under or over plan
    evil = replace(case, measures=tuple(replace(m, name=EVIL) if m.id == named.id else m for m in case.measures))
    act = read_actuals(EX9, evil)
    page = year_html.render_year_html(evil, forecast(evil, act, september[1]))
    assert "<script" not in page and "&lt;script&gt;" in page and "&amp; Co" in page
