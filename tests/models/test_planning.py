"""Planning arithmetic: classes, month profiles, commitments, diminishing returns."""
from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from amip.inputs.assemble import load_scenario
from amip.models.planning import classes_for, feasible_entries, month_profile, yield_factor_integral


@given(n=st.integers(0, 400), size=st.integers(1, 30), low_frac=st.floats(0.05, 1.0))
def test_classes_for_agrees_with_brute_force(n, size, low_frac):
    low = max(1, math.floor(size * low_frac))
    brute = next((k for k in range(0, n + 1) if k * low <= n <= k * size), None)
    assert classes_for(n, size, low) == brute


def test_classes_examples_and_feasible_set():
    assert classes_for(0, 15, 12) == 0
    assert classes_for(11, 15, 12) is None          # below one class
    assert classes_for(16, 15, 12) is None          # one class too many, two too few
    assert classes_for(24, 15, 12) == 2
    assert classes_for(12.5, 15, 12) is None        # not whole places
    assert feasible_entries(15, 12, 40) == [0, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 36, 37, 38, 39, 40]


@given(d=st.floats(0, 72), first=st.integers(1, 12))
def test_month_profile_keeps_every_paid_month(d, first):
    units = month_profile(d, (), first, 6)
    assert sum(units) == pytest.approx(d, abs=1e-9)
    assert all(u >= 0 for u in units)


def test_16i_profile_follows_the_statutory_schedule():
    # Entries April–December: 5 months in 2020 on average; a 60-month § 16i job pays 100 % in
    # employment years 1–2, then 90/80/70 %.
    shares = (1.0, 1.0, 0.9, 0.8, 0.7)
    units = month_profile(60, shares, 4, 6)
    assert units[0] == pytest.approx(5.0)
    assert units[1] == pytest.approx(12.0)
    assert sum(units) == pytest.approx(12 * sum(shares))


def test_commitments_per_entry_net_of_pat():
    case = load_scenario()
    m16i = case.measure("hf2-16i")
    gross = [m16i.cost_per_entry_eur * f for f in case.planning.commitment_factors(m16i)]
    assert gross[0] == pytest.approx(m16i.cost_per_entry_eur * 12 / 5)   # 2021: 12 paid months vs 5 in 2020
    net = case.commitment_per_entry_eur(m16i)
    months = case.planning.later_months(m16i)
    assert net[0] == pytest.approx(gross[0] - 12 * case.pat.mean_rate_eur_per_month)
    assert months[0] == pytest.approx(12)
    # § 16e: 18.7 months, the second year at 50/75 of the first
    m16e = case.measure("hf2-16e")
    f = case.planning.commitment_factors(m16e)
    assert 0 < f[1] < f[0] and f[2] == 0
    # a 4-month measure entered in December still binds some of 2021
    mat = case.measure("hf1-foerderzentrum-2")
    assert case.commitment_per_entry_eur(mat)[0] > 0 and case.commitment_per_entry_eur(mat)[1] == 0


@given(total=st.floats(0, 1000), planned=st.floats(1, 300))
def test_yield_curve_is_concave_and_below_the_line(total, planned):
    bps = ((1.0, 0.9), (1.5, 0.75))
    y = yield_factor_integral(total, planned, bps)
    assert y <= total + 1e-9
    if total <= planned:
        assert y == pytest.approx(total)
    # the marginal yield falls
    h = 1.0
    d1 = yield_factor_integral(total + h, planned, bps) - y
    d2 = yield_factor_integral(total + 2 * h, planned, bps) - yield_factor_integral(total + h, planned, bps)
    assert d2 <= d1 + 1e-9 and d1 >= 0.75 * h - 1e-9
