"""The sensitivity report (amip.export.html) is rendered from the template sensitivity.html.j2 with
the charts from the template part svg.html.j2: autoescaped, well-formed SVG, and the report's numbers."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from amip.export import html as sens_html
from amip.export import templating
from amip.models.fmt import eur, num
from amip.optimizer import optimize
from amip.optimizer.sensitivity import Settings, analyse

EVIL = '<script>alert("x")</script> & Co'
SMALL = Settings(points=21, draws=40, seed=7)


@pytest.fixture(scope="module")
def hostile(case):
    """The shipped case with a measure named like markup: the first one the ranging table lists."""
    mid = next(iter(analyse(case, SMALL, result=optimize(case)).ranging["rates"]))
    evil = replace(case, measures=tuple(replace(m, name=EVIL) if m.id == mid else m for m in case.measures))
    return analyse(evil, SMALL, result=optimize(evil)), mid


def test_the_report_is_rendered_from_its_template(hostile, monkeypatch):
    rep, _ = hostile
    used = []

    def spy(name, **context):
        used.append(name)
        return templating.render(name, **context)

    monkeypatch.setattr(sens_html, "render", spy)
    page = sens_html.render_html(rep)
    assert used == ["sensitivity.html.j2"]
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</body></html>")
    env = templating.environment()
    assert env.autoescape is True and env.get_template("svg.html.j2").module.chart is not None


def test_a_measure_name_with_markup_stays_text(hostile):
    rep, mid = hostile
    page = sens_html.render_html(rep)
    assert "<script" not in page
    assert f"{EVIL.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;').replace(chr(34), '&#34;')}" \
           in page
    row = re.search(r"<tr><td>([^<]*&lt;script&gt;[^<]*)</td>", page)   # the ranging row keeps its cells
    assert row is not None and "&amp; Co" in row.group(1)


def test_every_chart_is_well_formed_svg(hostile):
    rep, _ = hostile
    page = sens_html.render_html(rep)
    charts = re.findall(r"<svg .*?</svg>", page, flags=re.S)
    assert len(charts) >= 4   # frontier, marginal yield, tornado, histogram (funding when draws differ)
    for svg in charts:
        root = ET.fromstring(svg)
        assert root.tag.endswith("svg") and root.get("role") == "img" and len(root) > 5


def test_the_report_states_the_key_numbers(hostile):
    rep, _ = hostile
    r, mc = rep.result, rep.monte_carlo_dict()
    page = sens_html.render_html(rep)
    assert f"Sensitivitätsbericht · {r.case_name} · Szenario {r.scenario} · {r.year}" in page
    assert num(r.objective) in page and eur(r.budget_limit) in page
    assert f"Monte Carlo ({mc['draws']} Ziehungen, Startwert {mc['seed']})" in page
    assert num(mc["p5"]) in page and num(mc["p95"]) in page
    if rep.frontier.breakpoints:
        assert eur(rep.frontier.breakpoints[0]["budget"]) in page


def test_no_html_escape_by_hand_in_the_export_package():
    from pathlib import Path

    import amip.export

    for py in Path(amip.export.__file__).parent.glob("*.py"):
        code = py.read_text(encoding="utf-8")
        assert "from html import" not in code and "html.escape(" not in code.replace("``html.escape``", ""), py.name


def test_the_commitments_table_names_a_shared_price_in_words():
    """Trial finding 1 in the sensitivity report: the price column holds each commitment's and link's own
    price (§ 16i alone: 0), and the row of a commitment that shares its price with a link, and the link's
    row, carry the sentence on both prices (JSON text), as the terminal and the workbook do."""
    from types import SimpleNamespace

    from amip.scenarios import load_scenario

    r = optimize(load_scenario())
    table = sens_html.policy_part(SimpleNamespace(result=r))["commitments"]
    shown = {row[0]: row for row in table["rows"]}
    rows = {p["name"]: p for p in r.policy}
    for name in ("p16i_zusage", "link__hf2_16i_coaching"):
        p = rows[name]
        assert shown[p["text"]][2] == num(p["price_integrations"], 2)   # the own price in the price column
    assert rows["p16i_zusage"]["price_integrations"] == 0.0 and "kostet für sich nichts" in rows["p16i_zusage"]["text"]
    assert rows["egz_nachfrage"]["label"] in shown   # a commitment priced alone keeps its label
    assert "Preis ≤ Dual × Betrag" in table["head"]
