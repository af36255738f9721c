"""What each scenario setting does to the case, checked measure by measure from the data."""
import math

import pytest

from amip.errors import InputError
from amip.scenarios import load_scenario
from tests.conftest import write_scenario


def load(tmp_path, text):
    return load_scenario(write_scenario(tmp_path, "s.yaml", "name: s\nextends: base\n" + text))


def by_type(case, itype):
    return [m for m in case.measures if m.instrument_type == itype]


def test_selectors_compound_from_general_to_specific(tmp_path, case):
    c = load(tmp_path, """
rates:
  all: {multiplier: 0.9, source: t}
  instrument_type:
    mat: {multiplier: 0.5, source: t}
  measure:
    hf1-foerderzentrum-2: {multiplier: 2.0, source: t}
    hf2-16e: {value: 0.6, source: "ESTIMATE t"}
""")
    for m in case.measures:
        new = c.measure(m.id)
        if m.id == "hf1-foerderzentrum-2":
            expect = m.integration_rate * 0.9 * 0.5 * 2.0
        elif m.id == "hf2-16e":
            expect = 0.6
        elif m.instrument_type == "mat":
            expect = m.integration_rate * 0.9 * 0.5
        else:
            expect = m.integration_rate * 0.9
        assert new.integration_rate == pytest.approx(expect), m.id


def test_changed_rates_keep_their_estimate_mark_and_name_the_scenario(tmp_path, case):
    c = load(tmp_path, "rates:\n  instrument_type:\n    egz: {multiplier: 0.88, source: ESTIMATE x}\n"
                       "  measure:\n    hf2-16e: {value: 0.55, source: 'IAB study'}\n")
    egz = by_type(c, "egz")[0]
    assert egz.rate_is_estimate and "scenario s: rates.instrument_type.egz ×0.88 (s.yaml:5" in egz.rate_source
    # the shipped § 16e rate is an estimate (another definition: unsubsidised svB 26 months after start)
    assert by_type(case, "p16e")[0].rate_is_estimate is True
    assert c.measure("hf2-16e").rate_is_estimate is False      # a sourced value without ESTIMATE
    c2 = load(tmp_path, "rates:\n  measure:\n    hf2-16e: {value: 0.55, source: 'ESTIMATE guess'}\n")
    assert c2.measure("hf2-16e").rate_is_estimate is True


def test_costs_touch_only_new_entries(tmp_path, case):
    c = load(tmp_path, "costs:\n  all: {multiplier: 1.1, source: t}\n")
    for m in case.measures:
        n = c.measure(m.id)
        if m.budget_basis.has_new_entries:
            assert n.cost_per_entry_eur == pytest.approx(m.cost_per_entry_eur * 1.1)
        assert n.fixed_spend_eur == m.fixed_spend_eur


def test_bounds(tmp_path, case):
    c = load(tmp_path, """
bounds:
  instrument_type:
    mat: {max_multiplier: 0.5, source: t}
  measure:
    hf2-16i: {min: 50, max: 100, source: t}
    hf2-16e: {fixed: 20, source: t}
    hf1-foerderzentrum-2: {max_multiplier: 0.5, source: t}
policy:
  commitments:
    p16i_zusage: {active: false}
    p16e_verdoppelung: {active: false}
links:
  hf2-16i-coaching: {active: false}
""")
    fz = case.measure("hf1-foerderzentrum-2")
    assert c.measure("hf1-foerderzentrum-2").upper_entries == pytest.approx(fz.upper_entries * 0.25)
    assert (c.measure("hf2-16i").lower_entries, c.measure("hf2-16i").upper_entries) == (50, 100)
    assert (c.measure("hf2-16e").lower_entries, c.measure("hf2-16e").upper_entries) == (20, 20)
    from amip.optimizer import optimize

    r = optimize(c)
    got = {m.id: m.new_entries for m in r.measures}
    assert got["hf2-16e"] == pytest.approx(20) and 50 - 1e-6 <= got["hf2-16i"] <= 100 + 1e-6
    assert r.violations == ()


def test_pools_fields_and_budget(tmp_path, case):
    c = load(tmp_path, """
pools:
  lza: {multiplier: 1.5, source: t}
  u25: {value: 9000, source: t}
fields:
  min_share: {value: 0.5, source: t}
  field:
    HF3: {min_entries: 1400, source: t}
budget:
  vorbindungen_eur: {value: 30647597, source: t}
  change_pct: {value: -10, source: t}
""")
    assert c.pools["lza"].size == pytest.approx(case.pools["lza"].size * 1.5) and c.pools["u25"].size == 9000
    assert c.field_of("HF1").min_entries == math.floor(0.5 * case.field_of("HF1").planned_entries)
    assert c.field_of("HF3").min_entries == 1400
    # 2 M€ less Vorbindungen → 2 M€ more Neufallbudget, then −10 %.
    assert c.budget.neufallbudget_eur == pytest.approx((case.budget.neufallbudget_eur + 2_000_000) * 0.9)


def test_egt_cut_lands_on_the_neufallbudget(tmp_path, case):
    c = load(tmp_path, "budget:\n  egt_change_pct: {value: -10, source: t}\n")
    assert c.budget.egt_zuteilung_eur == pytest.approx(case.budget.egt_zuteilung_eur * 0.9)
    assert c.budget.neufallbudget_eur == pytest.approx(case.budget.neufallbudget_eur
                                                       - 0.1 * case.budget.egt_zuteilung_eur)


def test_pat_settings(tmp_path, case):
    c = load(tmp_path, """
pat:
  rates_eur_per_month:
    single: {value: 800, source: t}
  bg_mix:
    single: {value: 0.5, source: t}
    other: {value: 0.38, source: t}
  months_in_year: {value: 6, source: t}
  new_cases_cap_eur: {value: 400000, source: t}
""")
    assert c.pat.rates_eur_per_month["single"] == 800 and c.pat.rates_eur_per_month["other"] == 700
    assert c.pat.bg_mix == {"single": 0.5, "single_parent": 0.12, "other": 0.38}
    assert c.pat.months_in_year == 6 and c.pat.new_cases_cap_eur == 400_000 and c.pat.capped
    # the default case sets no cap: a multiplier has nothing to scale, and says so
    m = load(tmp_path, "pat:\n  new_cases_cap_eur: {multiplier: 2, source: t}\n")
    assert m.pat.new_cases_cap_eur is None and any("nothing to scale" in n for n in m.notes)


def test_objective_weights_change_the_objective_not_the_integrations(tmp_path, case):
    from amip.optimizer import optimize
    from tests.conftest import scipy_optimum

    c = load(tmp_path, "objective:\n  weights:\n    field:\n      HF2: {value: 3, source: POLICY test}\n")
    r = optimize(c)
    assert r.weighted and r.objective > r.integrations
    hf2 = sum(m.integrations for m in r.measures if m.field == "HF2")
    assert r.objective == pytest.approx(r.integrations + 2 * hf2)
    assert r.objective == pytest.approx(scipy_optimum(c), rel=1e-7)
    base = optimize(case)
    assert sum(m.entries for m in r.measures if m.field == "HF2") >= \
        sum(m.entries for m in base.measures if m.field == "HF2") - 1e-6
    assert r.integrations <= base.integrations + 1e-6   # the unweighted optimum is the most integrations


@pytest.mark.parametrize("text,msg", [
    ("rates:\n  measure:\n    hf9-nope: {multiplier: 0.9}\n",
     "Zeile 5: 'rates.measure.hf9-nope': Maßnahme 'hf9-nope' gibt es nicht"),
    ("rates:\n  measure:\n    hf2-16ee: {multiplier: 0.9}\n", "meinten Sie 'hf2-16e'?"),
    ("rates:\n  instrument_type:\n    matt: {multiplier: 0.9}\n", "Instrumententyp 'matt' gibt es nicht"),
    ("rates:\n  product_category:\n    VII: {multiplier: 0.9}\n", "Produktkategorie 'VII' gibt es nicht"),
    ("costs:\n  field:\n    HF9: {multiplier: 0.9}\n", "Handlungsfeld 'HF9' gibt es nicht"),
    ("fields:\n  field:\n    HF9: {min_entries: 3}\n", "'fields.field.HF9': unbekanntes Handlungsfeld 'HF9'"),
    ("pools:\n  lzaa: {multiplier: 2}\n", "Zeile 4: 'pools.lzaa': unbekannter Pool 'lzaa'"),
    ("pat:\n  bg_mix:\n    couple: {value: 0.1}\n", "'pat.bg_mix.couple': unbekannte BG-Klasse 'couple'"),
    ("pat:\n  bg_mix:\n    single: {value: 0.9}\n", "'pat.bg_mix': pat.bg_mix: die Anteile müssen sich zu 1 summieren"),
    ("rates:\n  measure:\n    hf2-16e: {multiplier: 3}\n",
     "gibt Maßnahme 'hf2-16e' eine Eingliederungsquote von 1,500 > 1"),
    ("bounds:\n  measure:\n    hf1-foerderzentrum-1: {max: 3}\n",
     "Maßnahme 'hf1-foerderzentrum-1' hat keine Neueintritte"),
    ("costs:\n  measure:\n    hf1-foerderzentrum-1: {value: 3}\n", "ihre Kosten gehen nicht in den Plan ein"),
    ("bounds:\n  measure:\n    hf2-16i: {min: 300}\n", "Untergrenze von 300 über ihrer Obergrenze von 198"),
    ("year: 2031\n", "Zeile 3: 'year': keine Regeldatei für das Jahr 2031; bekannte Jahre: 2018, 2020"),
    ("year: 2018\npat:\n  months_in_year: 4\n", "'pat': die Regeldatei für 2018 hat keinen Passiv-Aktiv-Transfer"),
])
def test_references_are_checked_against_the_case(tmp_path, text, msg):
    with pytest.raises(InputError) as e:
        load(tmp_path, text)
    assert msg in str(e.value) and "s.yaml" in str(e.value), str(e.value)


def test_every_adjustment_is_noted_with_its_source(tmp_path):
    c = load(tmp_path, "rates:\n  instrument_type:\n    agh: {multiplier: 0.8, source: 'hammer-eu'}\n"
                       "pools:\n  elb: {multiplier: 1.05, source: Konstanz}\n")
    assert any("rates.instrument_type.agh ×0.8 on 1 measure(s) [s.yaml:5; hammer-eu]" in n for n in c.notes)
    assert any(n.startswith("pools.elb ×1.05") and "Konstanz" in n for n in c.notes)
