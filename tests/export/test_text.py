"""amip.export.text on its own (the German renderers; its CSV and JSON writers have their own files,
test_csv.py and test_json_*.py): the table of the solved default case names its figures in German format and
they equal the result's; the per-measure and per-field tables sum to the totals; the commitments of the
default scenario with their price; the trade-off as table and CSV."""
from __future__ import annotations

import csv
import io
import re

import pytest

from amip import texts as T
from amip.export.text import (
    csv_safe,
    field_table,
    measure_table,
    policy_total_text,
    render_effects,
    render_policy,
    render_table,
    render_tradeoff,
    render_tradeoff_csv,
)
from amip.models.fmt import eur, num
from amip.optimizer import optimize
from amip.optimizer.targets import tradeoff
from amip.scenarios import load_scenario


@pytest.fixture(scope="module")
def result(case):
    return optimize(case)


@pytest.fixture(scope="module")
def scenario():
    case = load_scenario()
    return case, optimize(case)


def test_the_table_names_the_result_figures_in_german_format(result):
    text = render_table(result, total=200)
    lines = text.splitlines()
    assert lines[0] == f"amip {result.version} · Fall duisburg-2020 · Szenario base · Jahr 2020"
    assert lines[1].startswith("Status: optimal · Löser: HiGHS")
    assert f"Erwartete Integrationen: {num(result.integrations)}" in lines
    assert f"Neufallbudget: 35.085.957 € · verplant: {eur(result.budget_used)}" in text
    # German format: thousands with '.', decimals with ',' (the figure itself moves with the case's data)
    assert re.fullmatch(r"\d{1,3}(\.\d{3})*(,\d)?", num(result.integrations)), num(result.integrations)
    assert eur(result.budget_used) == "35.085.957 €"
    assert max(len(line) for line in lines) <= 200


def test_the_measure_table_has_a_row_per_funded_measure_with_its_numbers(result):
    lines = measure_table(result, 250).splitlines()
    assert lines[0].split()[:2] == ["ID", "Maßnahme"]
    shown = [m for m in result.measures if not (m.entries == 0 and m.planned_entries == 0 and m.cost == 0)]
    for m in shown:
        line = next(x for x in lines if x.startswith(m.id + " "))
        assert eur(m.cost) in line and num(m.integrations) in line and num(m.entries) in line
        if m.budget_basis != "prior_year":
            rate = num(m.rate * 100, 1) + ("*" if m.rate_is_estimate else "")
            assert f" {rate} " in line
    assert len([x for x in lines if x.startswith("hf") or x.startswith("qa")]) == len(shown)


def test_the_field_table_sums_to_the_plan(result):
    lines = field_table(result, 200).splitlines()
    assert lines[0].split()[:2] == ["HF", "Handlungsfeld"]
    for f in result.fields:
        line = next(x for x in lines if x.startswith(f.id + " "))
        assert eur(f.cost) in line and num(f.integrations) in line and num(f.min_entries) in line
    assert sum(f.cost for f in result.fields) == pytest.approx(
        sum(m.cost for m in result.measures))
    assert sum(f.integrations for f in result.fields) == pytest.approx(result.integrations)


def test_the_effects_line_names_all_three_measures(result):
    first = render_effects(result)[0]
    e = result.effects
    assert f"brutto {num(e['gross']['value'])}" in first and f"netto {num(e['net']['value'])}" in first
    assert f"Kennzahl § 48a {num(e['kennzahl']['value'])}" in first


def test_commitments_are_listed_with_their_price(scenario):
    _, r = scenario
    text = "\n".join(render_policy(r))
    for p in r.policy:
        if p["kind"] != "link" and p["active"]:
            assert p["text"] in text, p["name"]
    total = policy_total_text(r.policy_total)
    assert num(r.policy_total["price_integrations"]) in total and num(r.policy_total["objective_without"]) in total


def test_the_tradeoff_as_table_and_csv(scenario):
    case, _ = scenario
    pts = tradeoff(case, "integrations", "llu", points=4)
    text = render_tradeoff(case, "integrations", "llu", pts, total=120)
    assert text.startswith("Zielkonflikt erwartete Integrationen") and "Fall duisburg-2020" in " ".join(text.split())
    assert all(len(line) <= 120 for line in text.splitlines())
    assert num(pts[-1].a) in text and num(pts[0].a) in text
    plain = list(csv.DictReader(io.StringIO(render_tradeoff_csv("integrations", "llu", pts))))
    assert [int(r["point"]) for r in plain] == [1, 2, 3, 4]
    assert [float(r["llu"]) for r in plain] == pytest.approx([p.b for p in pts], abs=1e-5)
    de = render_tradeoff_csv("integrations", "llu", pts, "de")
    rows = list(csv.reader(io.StringIO(de.lstrip("\ufeff")), delimiter=";"))
    assert float(rows[1][1].replace(",", ".")) == pytest.approx(pts[0].a, abs=5e-4)   # integrations: 3 decimals
    assert rows[0] == [T.CSV_HEADERS_DE.get(h, h) for h in ("point", "integrations", "llu")]


def test_csv_safe_neutralises_text_and_keeps_numbers():
    assert csv_safe("=1+1") == "'=1+1" and csv_safe(-3.5) == -3.5 and csv_safe("Förderzentrum") == "Förderzentrum"


def test_the_voucher_line_states_the_product_the_table_shows(scenario):
    """Trial finding 7: the line said "Integrationen = Teilnehmende × Quote", but 549 × 25,5 % is 140, not
    the table's 233,3: the table's rate is per voucher issued. Each item's stated product (vouchers × rate,
    and participants × rate per participant) is the table's integrations, the Einlösequote the case file's."""
    from amip.export.text import voucher_line
    from tests.conftest import voucher_shares

    case, r = scenario
    line = voucher_line(r.measures)
    shares = voucher_shares(case)
    assert shares and "Gutscheine × Quote" in line and "Teilnehmende × Quote" not in line
    german = r"(\d+(?:\.\d{3})*(?:,\d+)?)"
    items = re.findall(rf"([\w-]+): {german} Gutscheine × {german} % = {german} Integrationen, davon {german} "
                       rf"Teilnehmende \(Einlösequote {german}, je Teilnehmendem {german} %\)", line)
    assert {i[0] for i in items} == set(shares)

    def value(s: str) -> float:
        return float(s.replace(".", "").replace(",", "."))

    by_id = {m.id: m for m in r.measures}
    for mid, vouchers, rate, integ, participants, share, per_participant in items:
        m = by_id[mid]
        assert integ == num(m.integrations)   # the table's integrations (column Kohorte)
        stated = value(vouchers) * value(rate) / 100   # the rate is shown to 0,1 %
        assert stated == pytest.approx(m.integrations, abs=0.0005 * value(vouchers) + 0.05)
        assert value(share) == pytest.approx(shares[mid])
        assert value(participants) == pytest.approx(m.entries * shares[mid], abs=0.5)
        assert value(participants) * value(per_participant) / 100 == pytest.approx(m.integrations, abs=0.5)
