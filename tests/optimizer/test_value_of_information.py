"""Value of information per measure (issue 27), checked by independent full solves."""
from dataclasses import replace

import numpy as np
import pytest

from amip.optimizer import optimize
from amip.optimizer.uncertainty import mean_rate, quantiles
from amip.optimizer.value_of_information import POINTS, value_of_information


@pytest.fixture(scope="module")
def voi(case):
    return value_of_information(case)


def test_every_value_is_a_gain_and_groups_share_it(case, voi):
    assert voi and all(v["integrations"] >= 0 for v in voi)
    by_group = {}
    for v in voi:
        by_group.setdefault(v["group"], set()).add(round(v["integrations"], 9))
    assert all(len(s) == 1 for s in by_group.values())
    assert [v["integrations"] for v in voi] == sorted((v["integrations"] for v in voi), reverse=True)


def test_top_group_by_independent_solves(case, voi):
    """The largest value recomputed with the full model (amip.optimizer.optimize), one solve per
    quantile of the group's rate, every other rate at its expected value."""
    top = voi[0]
    g = top["group"]
    at_mean = replace(case, measures=tuple(m.evolve(integration_rate=mean_rate(m), rate_low=None, rate_high=None,
                                                    rate_distribution="fixed") for m in case.measures))
    u = (np.arange(POINTS) + 0.5) / POINTS
    values = []
    for k in range(POINTS):
        ms = tuple(m2.evolve(integration_rate=float(quantiles(m, u[k:k + 1])[0])) if m.uncertainty_group == g else m2
                   for m, m2 in zip(case.measures, at_mean.measures))
        values.append(optimize(replace(at_mean, measures=ms)).objective)
    expected = np.mean(values) - optimize(at_mean).objective
    assert top["integrations"] == pytest.approx(expected, abs=1e-3)
    assert top["integrations"] > 0
