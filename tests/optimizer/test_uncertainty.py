"""Rate distributions against scipy.stats, and the grouping of draws."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from scipy import stats

from amip.optimizer.uncertainty import draw_rates, groups, mean_rate, quantiles


@pytest.fixture
def m(case):
    return case.measure("hf1-egz")     # EGZ: triangular 0.65 / 0.70 / 0.75 from the rate table


U = np.linspace(0.001, 0.999, 57)


def test_the_default_is_triangular_over_the_rate_tables_range(m):
    assert m.rate_distribution == "triangular"
    assert m.rate_range == (0.65, 0.75)
    assert "rates.csv" in m.rate_range_source and "Dreieck" in m.rate_range_source


def test_triangular_quantiles_match_scipy(m):
    lo, hi = m.rate_range
    ref = stats.triang(c=(m.integration_rate - lo) / (hi - lo), loc=lo, scale=hi - lo).ppf(U)
    assert np.allclose(quantiles(m, U), ref)
    skewed = replace(m, integration_rate=0.66)
    ref = stats.triang(c=(0.66 - lo) / (hi - lo), loc=lo, scale=hi - lo).ppf(U)
    assert np.allclose(quantiles(skewed, U), ref)
    assert mean_rate(skewed) == pytest.approx(stats.triang(c=0.1, loc=lo, scale=hi - lo).mean())


def test_uniform_and_truncated_normal_quantiles_match_scipy(m):
    uni = replace(m, rate_distribution="uniform")
    assert np.allclose(quantiles(uni, U), stats.uniform(0.65, 0.10).ppf(U))
    wide = replace(m, integration_rate=0.1, rate_low=0.0, rate_high=0.4, rate_distribution="normal")
    sd = 0.4 / (2 * 1.959963984540054)
    ref = stats.truncnorm((0 - 0.1) / sd, (1 - 0.1) / sd, loc=0.1, scale=sd).ppf(U)
    assert np.allclose(quantiles(wide, U), ref, atol=1e-9)
    assert mean_rate(wide) == pytest.approx(stats.truncnorm((0 - 0.1) / sd, (1 - 0.1) / sd, loc=0.1,
                                                            scale=sd).mean(), rel=1e-3)


def test_fixed_and_zero_width_ranges_give_the_rate(case, m):
    assert np.all(quantiles(replace(m, rate_distribution="fixed"), U) == m.integration_rate)
    coaching = case.measure("hf2-16i-coaching")    # own rate 0 without a range
    assert coaching.rate_distribution == "fixed" and np.all(quantiles(coaching, U) == 0.0)


def test_draws_lie_in_their_ranges_and_move_together_within_a_group(case):
    rates = draw_rates(case.measures, 400, seed=9)
    for j, mm in enumerate(case.measures):
        lo, hi = mm.rate_range
        assert (rates[:, j] >= lo - 1e-12).all() and (rates[:, j] <= hi + 1e-12).all()
    mats = [j for j, mm in enumerate(case.measures) if mm.instrument_type == "mat" and mm.redemption_share == 1.0]
    assert len(mats) > 5
    assert all(np.array_equal(rates[:, mats[0]], rates[:, j]) for j in mats)    # one draw per group
    # the AVGS-MAT voucher draws with its group, over its own range per voucher (rate × Einlösequote)
    v = next(j for j, mm in enumerate(case.measures) if mm.id == "hf1-avgs-mat")
    order = np.argsort(rates[:, mats[0]], kind="stable")
    assert (np.diff(rates[order, v]) >= -1e-12).all()
    egz = next(j for j, mm in enumerate(case.measures) if mm.instrument_type == "egz")
    assert abs(np.corrcoef(rates[:, mats[0]], rates[:, egz])[0, 1]) < 0.2        # groups are independent


def test_the_sample_mean_approaches_the_distribution_mean(case):
    rates = draw_rates(case.measures, 20_000, seed=1)
    for j, mm in enumerate(case.measures[:20]):
        assert rates[:, j].mean() == pytest.approx(mean_rate(mm), abs=0.003)


def test_groups_are_sorted_and_a_seed_fixes_the_draws(case):
    assert groups(case.measures) == sorted(groups(case.measures))
    assert np.array_equal(draw_rates(case.measures, 10, 4), draw_rates(case.measures, 10, 4))


def test_percentile_is_numpys_to_the_last_bit():
    """amip's percentile (no numpy.ma import at start-up) gives np.percentile's value exactly."""
    from amip.optimizer.uncertainty import percentile

    rng = np.random.default_rng(29)
    for n in (*range(1, 40), 99, 100, 101, 299, 300, 1000):
        for v in (rng.normal(1e5, 3e3, n), rng.integers(0, 5, n).astype(float), np.full(n, 355204.7)):
            for q in (0, 5, 25, 50, 95, 99.5, 100):
                assert percentile(v, q) == float(np.percentile(v, q)), (n, q)


def test_each_measure_draws_its_own_quantiles_at_its_groups_uniforms(case):
    """RateDraws computes one column per kind of measure (rate, range, distribution, effect, group);
    every measure's column is its own quantiles at its group's uniform draws, bit for bit."""
    from amip.optimizer.uncertainty import RateDraws

    ms = tuple(replace(m, rate_distribution="uniform") if k % 7 == 3 else m for k, m in enumerate(case.measures))
    draws = RateDraws(ms, 30, 8)
    assert draws.kind.max() + 1 == len(draws.params) < len(ms)      # shared kinds
    rates = draws.block(0, 30)
    names = groups(ms)
    for j, mm in enumerate(ms):
        u = draws.u[:, names.index(mm.uncertainty_group)]
        np.testing.assert_array_equal(rates[:, j], quantiles(mm, u))
