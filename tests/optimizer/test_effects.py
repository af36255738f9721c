"""Optimising and analysing in each effect measure (gross, net, kennzahl), and the honest headline."""
import numpy as np
import pytest

from amip.models.check import check_allocation, plan_effects
from amip.models.effects import EFFECTS
from amip.models.objective import Goal
from amip.optimizer import evaluate, optimize
from amip.optimizer.effects import against_optima
from amip.optimizer.headline import headline
from amip.scenarios import load_scenario
from tests.conftest import effect_values_from_data, scipy_optimum, seed_plan


@pytest.fixture(scope="module")
def cases(case):
    return {e: case.with_effect(e) for e in EFFECTS}


@pytest.fixture(scope="module")
def optima(cases):
    return {e: optimize(c) for e, c in cases.items()}


@pytest.mark.parametrize("effect", EFFECTS)
def test_each_optimum_equals_scipy_on_the_data(case, cases, optima, effect):
    r = optima[effect]
    values = effect_values_from_data(case, effect)
    assert r.objective == pytest.approx(scipy_optimum(case, values), rel=1e-7)
    assert check_allocation(cases[effect], r.new_entries) == []
    assert check_allocation(case, r.new_entries) == []     # the constraints do not depend on the measure
    assert r.effect == effect and r.effects[effect]["value"] == pytest.approx(r.objective, rel=1e-9)


def test_every_result_carries_all_three(case, cases, optima):
    for e, r in optima.items():
        assert set(r.effects) == set(EFFECTS)
        scored = plan_effects(case, r.new_entries)
        for k in EFFECTS:
            assert r.effects[k]["value"] == pytest.approx(scored[k]["value"], rel=1e-9)
            assert r.effects[k]["unit"]
        net = r.effects["net"]
        assert net["p5"] <= net["value"] <= net["p95"]
    # each optimum is best in its own measure, whichever plan it is compared with
    for e in EFFECTS:
        for other in EFFECTS:
            assert optima[e].effects[e]["value"] >= optima[other].effects[e]["value"] - 1e-6
    seed = evaluate(case)
    assert set(seed.effects) == set(EFFECTS) and seed.effect == "gross"


def test_net_range_is_a_monte_carlo_with_the_plan_fixed(case, optima):
    """P5/P95 of Σ drawn net value × entries, recomputed here with numpy from the table's ranges."""
    from amip.optimizer.uncertainty import groups, value_quantiles

    r = optima["gross"]
    entries = np.array([m.total_entries(r.new_entries.get(m.id, 0.0)) for m in case.measures])
    names = groups(case.measures)
    u = np.random.default_rng(r.effects["net"]["seed"]).random((r.effects["net"]["draws"], len(names)))
    col = {g: i for i, g in enumerate(names)}
    draws = np.column_stack([value_quantiles(m.effect_value("net"), *m.effect_range("net"), "triangular",
                                             u[:, col[m.uncertainty_group]], floor=-1) for m in case.measures])
    totals = draws @ entries
    assert r.effects["net"]["p5"] == pytest.approx(np.percentile(totals, 5), rel=1e-9)
    assert r.effects["net"]["p95"] == pytest.approx(np.percentile(totals, 95), rel=1e-9)


def test_evaluate_sets_the_plan_against_each_optimum(case, optima):
    out = against_optima(case, seed_plan(case))
    for e in EFFECTS:
        assert out[e]["optimum"] == pytest.approx(optima[e].objective, rel=1e-9)
        assert out[e]["plan"] == pytest.approx(plan_effects(case, seed_plan(case))[e]["value"])
        assert out[e]["gain"] >= -1e-6
        assert set(out[e]["optimum_scored"]) == set(EFFECTS)


@pytest.mark.parametrize("effect", EFFECTS)
def test_headline_range(cases, optima, effect):
    h = headline(cases[effect], draws=60, seed=7).to_dict()
    assert h["effect"] == effect and h["draws"] == 60
    assert h["p5"] <= h["p50"] <= h["p95"]
    assert h["infeasible_draws"] == 0
    assert headline(cases[effect], draws=60, seed=7).to_dict() == h   # fixed seed, same range
    off = headline(cases[effect], draws=0).to_dict()
    assert off["p5"] is None and off["reason"] == "--draws 0"


def test_headline_draws_are_optima_of_the_drawn_rates(case):
    """Second path: re-solve three drawn rate vectors with scipy from the data alone."""
    from amip.optimizer.montecarlo import columns, outcomes
    from amip.optimizer.uncertainty import draw_rates
    from amip.optimizer.warm import Batch, WarmModel, run_batches

    c = case.with_effect("net")
    rates = draw_rates(c.measures, 3, 11)
    model = WarmModel(c)
    res = run_batches(c, Batch(rates=rates[:, columns(c, model.ids)]), model=model)
    got = outcomes(c, rates, model.ids, res.x).objective
    for k in range(3):
        values = {m.id: rates[k, j] for j, m in enumerate(c.measures)}
        assert got[k] == pytest.approx(scipy_optimum(c, values), rel=1e-7)


def test_headline_says_why_not(case):
    from dataclasses import replace

    c = replace(case, planning=replace(case.planning, features=("integer",)))
    h = headline(c, draws=10).to_dict()
    assert h["p5"] is None and "--integer" in h["reason"] and h["reason_code"] == "modes"


@pytest.mark.parametrize("effect", ["net", "kennzahl"])
def test_sensitivity_in_each_measure(cases, optima, effect):
    from amip.optimizer.sensitivity import Settings, analyse

    rep = analyse(cases[effect], Settings(points=5, draws=40, seed=3, tornado_pct=10))
    d = rep.to_dict()
    assert d["objective"] == pytest.approx(optima[effect].objective, rel=1e-9)
    mc = d["monte_carlo"]
    assert mc["p5"] <= mc["p50"] <= mc["p95"]
    assert d["tornado"]
    at_100 = [p for p in d["frontier"] if abs(p["budget"] - cases[effect].budget.neufallbudget_eur) < 1]
    assert at_100 and at_100[0]["objective"] == pytest.approx(optima[effect].objective, rel=1e-7)


def test_goal_in_net(cases, optima):
    target = 0.9 * optima["net"].objective
    r = optimize(cases["net"], goal=Goal("integrations", target))
    assert r.integrations >= target - 1e-6
    assert r.modes.goal.cost_eur <= cases["net"].budget.neufallbudget_eur + 1e-3
    assert r.effects["net"]["value"] == pytest.approx(r.integrations, rel=1e-9)


def test_downturn_net_multipliers_reach_the_net_values(cases):
    base = cases["net"]
    for name, human, wage in (("downturn-mild", 1.10, 1.05), ("downturn-severe", 1.20, 1.10)):
        c = load_scenario(name, effect="net")
        for m in c.measures:
            b = base.measure(m.id)
            factor = (human if m.product_category == "II" else wage if m.instrument_type in ("egz", "p16e", "esf_lza")
                      else 1.0)
            assert m.integration_rate == pytest.approx(factor * b.integration_rate), m.id
            if factor != 1.0:
                assert f"{name}.yaml:" in m.rate_source and "domain.md §3.2" in m.rate_source
        assert any(n.startswith("net_effects.") for n in c.notes)
        gross = load_scenario(name)   # measured gross, the net section changes nothing but the net values
        assert all(m.integration_rate == m.effect_value("gross") for m in gross.measures)


def test_net_section_does_not_move_the_gross_optimum(tmp_path):
    from amip.scenarios import SCENARIO_DIR

    text = (SCENARIO_DIR / "downturn-mild.yaml").read_text(encoding="utf-8")
    stripped = tmp_path / "downturn-mild-gross.yaml"
    stripped.write_text(text.split("\nnet_effects:")[0].replace("name: downturn-mild", "name: stripped"),
                        encoding="utf-8")
    assert optimize(load_scenario(stripped)).objective == pytest.approx(
        optimize(load_scenario("downturn-mild")).objective, rel=1e-12)
    assert optimize(load_scenario(stripped, effect="net")).objective < optimize(
        load_scenario("downturn-mild", effect="net")).objective


def test_every_shipped_scenario_solves_in_net():
    from amip.scenarios import list_scenarios

    for name in list_scenarios():
        gross = load_scenario(name)
        for effect in ("net", "kennzahl") if name == "base" else ("net",):
            c = gross.with_effect(effect)   # the same as load_scenario(name, effect=effect)
            r = optimize(c)
            assert check_allocation(c, r.new_entries) == []
            assert r.effects[effect]["value"] == pytest.approx(r.objective, rel=1e-9), (name, effect)


def test_scenarios_show_lists_the_net_changes():
    from amip.scenarios.loader import describe_scenario

    info = describe_scenario("downturn-mild")
    case = load_scenario("downturn-mild")
    net = [c for c in info["changes"] if c["what"].endswith("Nettoeffekt je Eintritt")]
    assert net
    for c in net:
        m = case.measure(c["what"].split(":")[0])
        assert c["after"] == pytest.approx(c["before"] * (1.10 if m.product_category == "II" else 1.05))
    assert any(s["key"].startswith("net_effects.") for s in info["settings"])
