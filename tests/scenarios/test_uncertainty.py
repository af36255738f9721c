"""The scenario's `uncertainty` section: validation, application and its effect on the draws."""
from __future__ import annotations

import pytest

from amip.errors import InputError
from amip.scenarios import load_scenario
from tests.conftest import write_scenario


def _load(tmp_path, body: str):
    return load_scenario(write_scenario(tmp_path, "u.yaml", "name: u\nextends: base\n" + body))


def test_a_rate_multiplier_moves_the_range_with_the_rate(case, tmp_path):
    c = _load(tmp_path, "rates:\n  instrument_type:\n    egz: {multiplier: 0.8, source: x}\n")
    m, m0 = c.measure("hf1-egz"), case.measure("hf1-egz")
    assert m.integration_rate == pytest.approx(0.8 * m0.integration_rate)
    assert m.rate_range == pytest.approx((0.8 * m0.rate_range[0], 0.8 * m0.rate_range[1]))


def test_uncertainty_sets_distribution_and_range_by_selector(tmp_path):
    c = _load(tmp_path, """
uncertainty:
  rates:
    all: {spread_pct: 10, source: "ESTIMATE all"}
    instrument_type:
      egz: {distribution: uniform, low: 0.5, high: 0.8, source: "ESTIMATE egz"}
    measure:
      hf1-avgs-mag: {distribution: normal, low_factor: 0.5, high_factor: 1.5, source: "m"}
""")
    egz, mag, mat = c.measure("hf1-egz"), c.measure("hf1-avgs-mag"), c.measure("hf1-avgs-mat")
    assert (egz.rate_distribution, egz.rate_range) == ("uniform", (0.5, 0.8))
    assert mag.rate_distribution == "normal"
    assert mag.rate_range == pytest.approx((0.5 * mag.integration_rate, 1.5 * mag.integration_rate))
    assert mat.rate_range == pytest.approx((0.9 * mat.integration_rate, 1.1 * mat.integration_rate))
    assert "u.yaml" in egz.rate_range_source and "ESTIMATE egz" in egz.rate_range_source
    assert any(n.startswith("uncertainty.rates.instrument_type.egz") for n in c.notes)


def test_group_by_measure_draws_every_rate_on_its_own(tmp_path):
    c = _load(tmp_path, "uncertainty:\n  group_by: measure\n")
    assert all(m.uncertainty_group == m.id for m in c.measures)


@pytest.mark.parametrize("body, message", [
    ("uncertainty:\n  rates:\n    all: {distribution: lognormal}\n",
     "muss eins von triangular, uniform, normal, fixed"),
    ("uncertainty:\n  rates:\n    instrument_type:\n      egz: {low: 0.9, high: 0.95}\n",
     "die Spanne [0,900, 0,950], die ihre Quote"),
    ("uncertainty:\n  rates:\n    all: {spread_pct: 10, low: 0.1}\n", "'spread_pct' und 'low' schließen einander aus"),
    ("uncertainty:\n  rates:\n    instrument_type:\n      egzz: {spread_pct: 10}\n", "meinten Sie 'egz'"),
    ("uncertainty:\n  group_by: field\n", "muss eins von instrument_type, measure"),
    ("uncertainty:\n  rates:\n    all: {source: x}\n", "braucht mindestens eins von"),
])
def test_bad_uncertainty_settings_name_the_file_line_and_key(tmp_path, body, message):
    with pytest.raises(InputError) as e:
        _load(tmp_path, body)
    assert message in str(e.value)
    assert "u.yaml" in str(e.value) and "Zeile" in str(e.value)


def test_the_shipped_severe_downturn_widens_the_demand_side_ranges():
    c = load_scenario("downturn-severe")
    egz = c.measure("hf1-egz")
    assert egz.rate_range == pytest.approx((0.95 * egz.integration_rate, 1.17 * egz.integration_rate))
    assert "downturn-severe.yaml" in egz.rate_range_source
