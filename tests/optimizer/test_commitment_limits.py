"""Limits on later years' money (Verpflichtungsermächtigungen, issue 26): on by default, every limit
re-checked on the returned plan from the data alone (later-year money recomputed from duration, month
profile, subsidy schedule and PAT, not by amip), each price equal to a re-solve without the limit, and
each measure's money by year consistent with its cost."""
from __future__ import annotations

from dataclasses import replace

import pytest

from amip.optimizer import optimize
from amip.scenarios import load_scenario
from tests.conftest import later_cash_from_data

VORBINDUNGEN_2020 = 32_647_597   # seed L249-250


@pytest.fixture(scope="module")
def lcase():
    return load_scenario()


@pytest.fixture(scope="module")
def lresult(lcase):
    return optimize(lcase)


def later_money(case, new_entries) -> list[float]:
    """What the plan's new entries bind in each later year, from the data alone."""
    out = [0.0] * (case.planning.years_ahead + 1)
    for m in case.measures:
        net, _ = later_cash_from_data(case, m)
        for k, v in enumerate(net):
            out[k] += v * new_entries.get(m.id, 0.0)
    return out


def test_the_default_limits_follow_the_seed_rule(lcase):
    limits = {lim.year: lim.limit_eur for lim in lcase.planning.commitment_limits}
    assert limits[2021] == pytest.approx(VORBINDUNGEN_2020)             # this year's cohort ≤ what earlier years bound
    assert limits[2022] == pytest.approx(0.246 * VORBINDUNGEN_2020)     # the seed plan's own profile (POLICY)
    assert limits[2023] == pytest.approx(0.158 * VORBINDUNGEN_2020)     # "2023+": 2023 and every year after


def test_the_2022_and_later_shares_are_the_seed_plans_own_profile(lcase):
    """The planning file's shares 0,246 and 0,158 quote the seed plan's later-year money: re-measured here."""
    plan = {m.id: m.planned_entries for m in lcase.measures if m.budget_basis.has_new_entries}
    y2021, y2022, later = later_money(lcase, plan)
    assert y2022 / y2021 == pytest.approx(0.246, abs=5e-4)
    assert later / y2021 == pytest.approx(0.158, abs=5e-4)


def test_every_limit_holds_on_the_plan_recomputed_from_the_data(lcase, lresult):
    money = later_money(lcase, lresult.new_entries)
    for lim in lcase.planning.commitment_limits:
        k = lim.year - lcase.year - 1
        assert money[k] <= lim.limit_eur * (1 + 1e-9) + 1e-3
    assert list(lresult.commitments["years"].values()) == pytest.approx(money, rel=1e-9, abs=1e-6)
    assert lresult.violations == ()


def test_later_money_per_entry_recomputed_from_the_data_equals_amips(lcase):
    """At least these measures: § 16i (falling subsidy, PAT), Umschulung (24 months), EGZ, BaE (36 months)."""
    for mid in ("hf2-16i", "hf1-fbw-umschulung", "hf1-egz", "hf3-bae", "hf2-16e"):
        m = lcase.measure(mid)
        net, relief = later_cash_from_data(lcase, m)
        assert any(v > 0 for v in net), mid
        assert lcase.commitment_per_entry_eur(m) == pytest.approx(net, rel=1e-12, abs=1e-9), mid
        assert lcase.later_pat_relief_per_entry_eur(m) == pytest.approx(relief, rel=1e-12, abs=1e-9), mid


def test_each_limit_is_priced_by_a_re_solve_without_it(lcase, lresult):
    prices = lresult.commitments["prices"]
    assert set(prices) == {"2021", "2022", "2023+"}
    for lim in lcase.planning.commitment_limits:
        key = lcase.planning.limit_key(lcase.year, lim.year)
        others = tuple(x for x in lcase.planning.commitment_limits if x.year != lim.year)
        free = optimize(replace(lcase, planning=replace(lcase.planning, commitment_limits=others)))
        p = prices[key]
        assert p["price_integrations"] == pytest.approx(max(0.0, free.objective - lresult.objective), abs=1e-6)
        assert p["binding"] == (p["bound_eur"] >= p["limit"] * (1 - 1e-9))
        if p["price_integrations"] > 1e-6:
            # the optimum is concave in the limit: the dual estimate is an upper bound
            assert p["binding"] and p["price_dual_estimate"] >= p["price_integrations"] - 1e-6
    assert prices["2022"]["binding"] and prices["2022"]["price_integrations"] > 0   # the seed's profile binds 2022


@pytest.mark.parametrize("effect", ["net", "kennzahl"])
def test_the_limits_hold_under_every_effect(lcase, effect):
    case = lcase.with_effect(effect)
    r = optimize(case)
    money = later_money(case, r.new_entries)
    for lim in case.planning.commitment_limits:
        assert money[lim.year - case.year - 1] <= lim.limit_eur + 1e-3
    assert r.commitments["years"]["2021"] <= VORBINDUNGEN_2020 + 1e-3   # issue 26: net binds no more of 2021


def test_money_by_year_matches_cost_and_the_later_years(lcase, lresult):
    keys = ["2020", "2021", "2022", "2023+"]
    for mr in lresult.measures:
        assert list(mr.cash_by_year) == keys
        assert mr.cash_by_year["2020"] == pytest.approx(mr.cost)
        net, _ = later_cash_from_data(lcase, lcase.measure(mr.id))
        assert [mr.cash_by_year[k] for k in keys[1:]] == pytest.approx([v * mr.new_entries for v in net], abs=1e-6)
        assert mr.total_cost_eur == pytest.approx(sum(mr.cash_by_year.values()))
    # pre-bought places bind no later year (their money is in the Vorbindungen of the years that bought them)
    pre = [mr for mr in lresult.measures if mr.budget_basis == "prebought"]
    assert pre and all(mr.total_cost_eur == pytest.approx(mr.cost) for mr in pre)
    share = {mr.id: mr.plan_year_share for mr in lresult.measures}
    assert share["hf2-16i"] < 0.5 and share["hf1-fbw-umschulung"] < 0.5 and share["hf1-avgs-mag"] > 0.9


def test_a_scenario_drops_or_changes_a_limit(tmp_path, lcase):
    from tests.conftest import write_scenario

    f = write_scenario(tmp_path, "ve.yaml", """
        name: ve
        extends: base
        commitments:
          limits:
            2022: {active: false, source: "test"}
            2023+: {value: 4500000, source: "test"}
        """)
    case = load_scenario(str(f))
    assert {lim.year: lim.limit_eur for lim in case.planning.commitment_limits} == {
        2021: pytest.approx(VORBINDUNGEN_2020), 2023: 4_500_000}
    r = optimize(case)
    assert set(r.commitments["prices"]) == {"2021", "2023+"}
    assert r.commitments["years"]["2023+"] <= 4_500_000 + 1e-3


def test_the_seed_plan_keeps_every_default_limit(lcase):
    """The rule is the seed's own steady state: its plan, scored (not optimised), breaks no limit."""
    from amip.export.text import render_table
    from amip.optimizer import evaluate

    r = evaluate(lcase)
    assert not [v for v in r.violations if v["constraint"].startswith("commitment__")]
    assert all(p["price_integrations"] is None for p in r.commitments["prices"].values())   # no solve, no price
    assert render_table(r, total=200).count("wird eingehalten") == 3
