"""Counts and labels that match what is listed (issue 23, item 5): every "(N …)" of a cut list says
how many it shows, no negative zero, whole entries shown whole, ids beside cut names, the gross
objective never labelled as the § 48a Kennzahl, no "Zusage: Zusage"."""
from __future__ import annotations

import re

import pytest

from amip import texts as T
from amip.export.report import render_sensitivity
from amip.models.check import constraint_rows
from amip.models.fmt import cut_name, eur, fixed, num, signed, signed_eur
from amip.models.planning import TARGETS
from amip.optimizer import optimize
from amip.optimizer.sensitivity import Settings, analyse
from amip.scenarios import load_scenario


def test_numbers_carry_no_negative_zero_and_whole_entries_are_shown_whole():
    assert eur(-0.4) == "0 €" and eur(-3.0) == "-3 €"
    assert fixed(-0.01) == "0,0" and fixed(-0.01, 2) == "-0,01"
    assert num(16785.96) == "16.786" and num(1658.6) == "1.658,6" and num(-0.01) == "0"
    assert signed(0.01) == "0" and signed(3) == "+3" and signed(-2.5) == "-2,5"
    assert signed_eur(0.3) == "0 €" and signed_eur(1200) == "+1.200 €"


def test_a_cut_name_keeps_its_id_so_that_names_cut_alike_stay_apart():
    a = cut_name("Aktivierungs- und Vermittlungsgutschein - Maßnahme bei einem Träger", "hf1-avgs-mat", 34)
    b = cut_name("Aktivierungs- und Vermittlungsgutschein - Maßnahme bei einem Arbeitgeber", "hf1-avgs-mag", 34)
    assert len(a) <= 34 and len(b) <= 34 and a != b and a.endswith("(hf1-avgs-mat)")
    assert cut_name("EQ", "hf3-eq", 34) == "EQ"


def test_the_gross_objective_is_not_labelled_as_the_kennzahl():
    label = TARGETS["integrations"][0]
    assert "Integrationsquote" not in label and "brutto" in label


def test_a_commitment_row_says_zusage_once():
    case = load_scenario("base")
    plan = optimize(case)
    labels = [r.label for r in constraint_rows(case, plan.new_entries) if r.kind == "policy"]
    assert labels and not any(lb.startswith("Zusage: Zusage") for lb in labels)
    assert T.policy_row_label("Zusage § 16i ≥ 198") == "Zusage § 16i ≥ 198"
    assert T.policy_row_label("EGZ ≤ 500") == "Zusage: EGZ ≤ 500"


@pytest.fixture(scope="module")
def sensitivity_text():
    case = load_scenario("base")
    return render_sensitivity(analyse(case, Settings(points=11, draws=100, seed=3)), top=5)


def test_every_count_in_the_sensitivity_text_matches_its_list(sensitivity_text):
    lines = sensitivity_text.splitlines()
    heads = [(i, m) for i, line in enumerate(lines)
             if (m := re.search(r"\((\d+)(?:, die ersten (\d+) gezeigt)?[;)]", line))
             and line.rstrip().endswith(":") and not line.lstrip().startswith(("Budgetkurve",))]
    assert len(heads) >= 3
    for i, m in heads:
        n, shown = int(m.group(1)), m.group(2)
        indent = len(lines[i]) - len(lines[i].lstrip())
        listed = 0
        for line in lines[i + 1:]:
            if not line.strip() or len(line) - len(line.lstrip()) <= indent:
                break
            listed += 1
        assert listed == (int(shown) if shown else n), (lines[i], listed)
        assert shown is None or int(shown) < n


def test_what_holds_the_plan_counts_every_reason_once():
    """'Auf einen Blick' of the sensitivity report: the parts add up to the measures it names."""
    from amip.export.html import held_words
    from amip.optimizer.reasons import reasons

    case = load_scenario("base")
    rs = reasons(case, optimize(case))
    text = held_words(rs)
    head, parts = text.split(":", 1)
    assert int(head.split()[0]) == len(rs)
    counts = [int(m.group(1) or m.group(2)) for m in re.finditer(r"(?:^|; )(\d+) |hält (\d+)", parts.strip())]
    assert sum(counts) == len(rs), text


def test_one_count_of_measures_at_their_bounds_in_every_output(tmp_path):
    """Trial finding 14: the terminal said "dazu 45 Maßnahmengrenzen", --explain "32 Maßnahmen an ihrer
    Obergrenze", the paper "33 Maßnahmen an ihrer eigenen Ober- oder Untergrenze". One count, recomputed
    here from the plan and the data (each measure with new entries against its own bounds), named with the
    bounds it counts, in the terminal, --explain, the paper and JSON ``bounds_at_limit``."""
    import json

    from amip.export.text import render_explain, render_table
    from amip.export.vorlage import binding_words
    from amip.optimizer.explain import explain

    case = load_scenario()
    r = optimize(case)
    tol = 1e-6
    upper, lower, zero = set(), set(), set()
    for m in case.measures:
        if not m.budget_basis.has_new_entries:
            continue
        x = r.new_entries[m.id]
        if x >= m.upper_entries - tol * max(1.0, m.upper_entries):
            upper.add(m.id)
        if x <= m.lower_entries + tol * max(1.0, m.lower_entries):
            (lower if m.lower_entries > 0 else zero).add(m.id)
    d = json.loads(json.dumps(r.to_dict()))["bounds_at_limit"]
    assert (set(d["upper"]), set(d["lower"]), set(d["lower_zero"])) == (upper, lower, zero)
    assert upper and zero and d["measures"] == len(upper | lower | zero)
    said = r.bounds_at_limit().text()
    assert said.startswith(f"{len(upper | lower | zero)} Maßnahmen an ihrer Grenze (")
    assert f"{len(upper)} an der Obergrenze" in said and f"{len(zero)} ohne Neueintritte, Untergrenze 0" in said
    table = render_table(r)
    assert " ".join(table.split()).count(said) == 1 and "Maßnahmengrenzen" not in table
    assert said in binding_words(r)
    ex = explain(case, r)
    text = " ".join(render_explain(ex).split())
    capped = [c["id"] for c in ex["capped"]]
    assert set(capped) <= upper
    assert f"{len(upper)} Maßnahmen an ihrer Obergrenze, bei {len(capped)} davon brächte ein weiterer" in text
