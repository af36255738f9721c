"""Validation of the partial pooling (issue 27) on simulated histories with known true rates: the
90 % intervals cover the truth for 85-95 % of measures, and the posterior's error is below both the
raw rates' and the prior's — over many seeds and several history sizes."""
import numpy as np
import pytest

from amip.rates.pooling import pool_group, prior_beta

#: priors as the shipped rate table states them (rate, low, high): MAT, MAG, EGZ
PRIORS = ((0.20, 0.15, 0.25), (0.425, 0.35, 0.50), (0.70, 0.65, 0.75))
MEASURES = 10     #: measures per instrument type
SEEDS = 40


def simulate(seed: int, exits: int):
    """Truth and estimate for every measure of one simulated jobcenter: [(true, raw, prior, mean, low, high)]."""
    rng = np.random.default_rng(seed)
    rows = []
    for prior in PRIORS:
        a0, b0 = prior_beta(*prior)
        mu = rng.beta(a0, b0)                        # the type's true mean, drawn from the prior
        kappa = np.exp(rng.uniform(np.log(10), np.log(500)))   # how much measures of the type differ
        p = rng.beta(mu * kappa, (1 - mu) * kappa, MEASURES)
        n = rng.integers(exits // 2, exits * 3 // 2 + 1, MEASURES)
        y = rng.binomial(n, p)
        fitted = pool_group(prior, list(zip(n.tolist(), y.tolist())))
        for pi, ni, yi, (mean, lo, hi, _w) in zip(p, n, y, fitted):
            rows.append((pi, yi / ni, prior[0], mean, lo, hi))
    return np.array(rows)


@pytest.fixture(scope="module")
def runs():
    return {exits: np.vstack([simulate(seed, exits) for seed in range(SEEDS)]) for exits in (15, 60, 300)}


@pytest.mark.parametrize("exits", [15, 60, 300])
def test_intervals_cover_the_truth_for_85_to_95_percent(runs, exits):
    r = runs[exits]
    coverage = np.mean((r[:, 4] <= r[:, 0]) & (r[:, 0] <= r[:, 5]))
    assert 0.85 <= coverage <= 0.95, f"exits≈{exits}: coverage {coverage:.3f}"


@pytest.mark.parametrize("exits", [15, 60, 300])
def test_posterior_error_below_raw_and_prior(runs, exits):
    r = runs[exits]
    rmse = {name: float(np.sqrt(np.mean((r[:, col] - r[:, 0]) ** 2))) for name, col in
            (("raw", 1), ("prior", 2), ("posterior", 3))}
    assert rmse["posterior"] < rmse["raw"], rmse
    assert rmse["posterior"] < rmse["prior"], rmse


def test_no_data_no_pull_and_much_data_follows_it():
    """A measure with 5.000 exits is estimated near its own rate; one with 5 stays near the prior."""
    big = pool_group((0.2, 0.15, 0.25), [(5000, 2000), (5, 5)])[0][0]
    small = pool_group((0.2, 0.15, 0.25), [(5, 5)])[0][0]
    assert abs(big - 0.4) < 0.01
    assert small < 0.45   # 5 of 5 is not a 100 % rate
