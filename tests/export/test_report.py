"""amip.export.report on its own: the sensitivity report of the default scenario (small frontier and draws)
in words: the key figures equal the report's numbers, the text names them in German format (1.234,5;
35.085.957 €), the rate groups carry their registry names, and the value of information is largest first."""
from __future__ import annotations

import re

import pytest

from amip.export.report import group_name, headline, measure_names, render_sensitivity, render_value_of_information
from amip.models.fmt import eur, fixed, num
from amip.optimizer.sensitivity import Settings, analyse
from amip.scenarios import load_scenario


@pytest.fixture(scope="module")
def rep():
    return analyse(load_scenario(), Settings(points=21, draws=100, seed=7))   # MIN_DRAWS: the precision is stated


def test_headline_rows_carry_the_report_numbers(rep):
    rows = {label: (value, unit) for label, value, unit in headline(rep)}
    r, mc = rep.result, rep.monte_carlo_dict()
    assert rows["Fall / Szenario"] == (f"{r.case_name} / {r.scenario}", f"Jahr {r.year}")
    assert rows["Optimum (erwartete Integrationen)"][0] == pytest.approx(r.objective)
    assert rows["Neufallbudget"] == (r.budget_limit, "€") and r.budget_limit == pytest.approx(35_085_957)
    budget = next(s for s in rep.shadow if s["name"] == "budget__neufall")
    assert rows["Weitere 100.000 € bringen"][0] == pytest.approx(budget["per_100k_eur"])
    assert rows["Budgetkurve von"][0] == pytest.approx(rep.frontier.budgets[0])
    assert rows["Knickpunkte der Budgetkurve"][0] == len(rep.frontier.breakpoints)
    label = f"Monte Carlo: P5 / P50 / P95 ({mc['draws']} Ziehungen, Startwert {mc['seed']})"
    assert rows[label][0] == f"{num(mc['p5'])} / {num(mc['p50'])} / {num(mc['p95'])}" and mc["draws"] == 100
    assert rows["Eingabe-Hash"] == (r.input_hash, r.solver)
    error = rows["Monte Carlo: Fehler eines Quantils (größter, P5 / P50 / P95 der drei Pläne)"]
    assert error[0] == mc["quantile_error"] and f"±{num(mc['paired_difference_error'])}" in error[1]


def test_the_text_names_the_figures_in_german_format(rep):
    text = render_sensitivity(rep)
    r, mc = rep.result, rep.monte_carlo_dict()
    lines = text.splitlines()
    assert lines[0] == f"Sensitivität · Fall {r.case_name} · Szenario {r.scenario} · Jahr {r.year}"
    assert lines[1] == f"Optimum: {num(r.objective)} Integrationen · Neufallbudget 35.085.957 €"
    assert re.search(r"\d\.\d{3},\d", lines[1]), "thousands dot and decimal comma"
    budget = next(s for s in rep.shadow if s["name"] == "budget__neufall")
    assert f"Weitere 100.000 € bringen {fixed(budget['per_100k_eur'], 2)} Integrationen" in text
    assert f"Budgetkurve ({len(rep.frontier.budgets)} Punkte" in text
    assert eur(rep.frontier.budgets[0]) in text
    assert f"Monte Carlo ({mc['draws']} Ziehungen, Startwert {mc['seed']}):" in text
    assert f"P5 {num(mc['p5']):>8} · P50 {num(mc['p50']):>8}" in text
    assert "Zusagen (Politik) und ihr Preis:" in text   # the default scenario's commitments
    assert "domain.md" not in text and "ESTIMATE" not in text


def test_rate_groups_and_measures_are_named_for_people(rep):
    names = measure_names(rep)
    assert len(names) == len(rep.result.measures)
    assert names["hf1-egz"] == load_scenario().measure("hf1-egz").name   # the case's own name, not the id
    full, short = group_name("egz"), group_name("egz", short=True)
    assert full.endswith(" (egz)") and full == f"{short} (egz)" and short != "egz"
    assert group_name("hf1-egz", names) == f"{names['hf1-egz']} (hf1-egz)"
    assert group_name("keine-gruppe") == "keine-gruppe"


def test_value_of_information_is_listed_largest_first(rep):
    lines = render_value_of_information(rep, measure_names(rep), top=5)
    assert lines, "the default scenario has value of information"
    gains = [float(m.group(1).replace(".", "").replace(",", ".")) for line in lines[1:6]
             if (m := re.search(r"(-?[\d.]+,\d\d) Integrationen$", line))]
    assert len(gains) == 5 and gains == sorted(gains, reverse=True)
    best = max(v["integrations"] for v in rep.value_of_information)
    assert gains[0] == pytest.approx(best, abs=0.005)
