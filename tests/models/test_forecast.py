"""The year-end forecast (issue 18): the method, checked against numbers computed by hand from the data."""
from __future__ import annotations

import pytest

from amip.inputs.actuals import CURVE_FILE, national_profile
from amip.models.actuals import budget_measures, planned_spend_eur
from amip.models.forecast import Profile, forecast, profile_from_history
from amip.models.replan import actuals_of, derived_from_plan
from amip.scenarios import load_scenario


@pytest.fixture(scope="module")
def ycase():
    return load_scenario(None)


def test_national_curve_is_the_domain_figures_divided_by_december():
    p = national_profile()
    assert CURVE_FILE.exists() and "ESTIMATE" in p.source and p.estimate
    assert p.at(12) == 1.0 and p.band(12) == (1.0, 1.0)
    assert p.at(6) == pytest.approx(0.369 / 0.812) and p.at(9) == pytest.approx(0.656 / 0.812)
    assert all(lo <= s <= hi for s, lo, hi in zip(p.share, p.low, p.high, strict=True))


@pytest.mark.parametrize("month", [3, 6, 9, 12])
def test_plan_actuals_forecast_the_plan(ycase, month):
    prof = national_profile()
    fc = forecast(ycase, actuals_of(derived_from_plan(ycase, prof.share, month), month), prof)
    assert fc.spend_eur == pytest.approx(fc.planned_spend_eur, abs=1.0)   # cents rounded in the workbook
    assert fc.integrations == pytest.approx(fc.planned_integrations, rel=1e-6)
    assert fc.spend_low_eur <= fc.spend_eur <= fc.spend_high_eur
    # the plan is 1.637,54 € over the Neufallbudget (README): nothing lapses, an overrun instead
    assert fc.lapse_eur == 0.0 and fc.overrun_eur == pytest.approx(fc.planned_spend_eur - fc.budget_eur, abs=1.0)
    if month == 12:
        assert fc.spend_low_eur == pytest.approx(fc.spend_high_eur, abs=1.0)


def test_pace_and_range_by_hand(ycase):
    prof = national_profile()
    pace = {"hf1-egz": 0.5}
    a = actuals_of(derived_from_plan(ycase, prof.share, 6, pace), 6)
    fc = forecast(ycase, a, prof)
    m = ycase.measure("hf1-egz")
    r = next(x for x in fc.measures if x.id == m.id)
    s = planned_spend_eur(m) * 0.5 * prof.at(6)
    assert r.actual_spend_eur == pytest.approx(s, abs=0.01)
    assert r.forecast_spend_eur == pytest.approx(max(s / prof.at(6), s + a.of(m.id).committed_rest_eur), rel=1e-6)
    lo, hi = prof.band(6)
    assert r.forecast_spend_low_eur == pytest.approx(max(s / hi, s + a.of(m.id).committed_rest_eur), rel=1e-6)
    assert r.forecast_spend_high_eur == pytest.approx(max(s / lo, s + a.of(m.id).committed_rest_eur), rel=1e-6)
    assert r.forecast_entries == pytest.approx(m.planned_entries * 0.5, rel=1e-6)
    assert r.frees_eur == pytest.approx(planned_spend_eur(m) - r.forecast_spend_eur)
    # the money it frees lapses (the plan was 1.637,54 € over budget), and costs integrations
    assert fc.lapse_eur == pytest.approx(r.frees_eur - (fc.planned_spend_eur - fc.budget_eur), rel=1e-6)
    assert fc.planned_integrations - fc.integrations == pytest.approx(m.integration_rate * m.planned_entries * 0.5)


def test_commitments_floor_the_forecast(ycase):
    prof = national_profile()
    vals = derived_from_plan(ycase, prof.share, 6, {"hf1-egz": 0.2})
    ent, spd, (_rest, later) = vals["hf1-egz"]
    vals["hf1-egz"] = (ent, spd, (5_000_000.0, later))
    r = next(x for x in forecast(ycase, actuals_of(vals, 6), prof).measures if x.id == "hf1-egz")
    assert r.forecast_spend_eur == pytest.approx(spd[5] + 5_000_000.0)
    assert r.forecast_spend_low_eur == pytest.approx(spd[5] + 5_000_000.0)


def test_local_profile_from_earlier_years(ycase):
    flat = Profile(tuple((k + 1) / 12 for k in range(12)), tuple((k + 1) / 12 for k in range(12)),
                   tuple((k + 1) / 12 for k in range(12)), "flat")
    years = [actuals_of(derived_from_plan(ycase, flat.share, 12), 12),
             actuals_of(derived_from_plan(ycase, national_profile().share, 12), 12)]
    p = profile_from_history(years)
    nat = national_profile().share
    assert p.at(6) == pytest.approx((0.5 + nat[5]) / 2, rel=1e-6)
    assert p.band(6) == pytest.approx((min(0.5, nat[5]), max(0.5, nat[5])), rel=1e-6)
    assert not p.estimate and len(budget_measures(ycase)) > 0
