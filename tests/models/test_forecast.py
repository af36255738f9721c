"""The year-end forecast (issue 18): the method, checked against numbers computed by hand from the data."""
from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from amip.inputs.actuals import CURVE_FILE, national_profile
from amip.models.actuals import budget_measures, planned_spend_eur
from amip.models.forecast import Profile, forecast, pat_relief_for, profile_from_history, shares_of_year
from amip.models.replan import actuals_of, derived_from_plan
from amip.scenarios import load_scenario


@pytest.fixture(scope="module")
def ycase():
    return load_scenario(None)


def normalised_points(p: Profile) -> list[tuple[int, float]]:
    """The profile's sourced points as shares of their year's spending (month 1–11)."""
    return [(q.month, v) for q, v in zip(p.points, shares_of_year(p.points), strict=True) if q.month < 12]


def test_points_are_divided_by_their_own_years_december():
    p = national_profile()
    by = {(q.month, q.years): v for q, v in zip(p.points, shares_of_year(p.points), strict=True)}
    assert by[(6, "2023")] == pytest.approx(0.392 / 0.823)                 # 2023 has its December
    assert by[(11, "2014")] == pytest.approx(0.697 / 0.797)                # so has 2014
    assert by[(9, "2024")] == pytest.approx(0.656 / ((0.797 + 0.815 + 0.823) / 3))   # 2024 has none: the mean
    assert by[(12, "2016")] == 1.0


def test_national_curve_is_fitted_to_the_sourced_points():
    p = national_profile()
    assert CURVE_FILE.exists() and "ESTIMATE" in p.source and p.estimate
    assert p.at(12) == 1.0 and p.band(12) == (1.0, 1.0)
    # every point of domain.md §7.3 is a row with its source; the years run 2011–2024
    rows = {(q.month, q.share_of_allocation) for q in p.points}
    assert {(4, 0.28), (6, 0.346), (6, 0.392), (8, 0.477), (8, 0.555), (9, 0.656), (11, 0.695), (11, 0.748),
            (12, 0.797), (12, 0.815), (12, 0.823)} <= rows
    assert all("domain.md §7.3" in q.source for q in p.points) and "2011–2024" in p.source
    # a least-squares fit: the normal equations hold (the residuals are orthogonal to both regressors)
    a, b = p.pace
    res = [(m, v - (a * m + b * m * (m - 1) / 2)) for m, v in normalised_points(p)]
    assert abs(sum(m * r for m, r in res)) < 1e-9 and abs(sum(m * (m - 1) / 2 * r for m, r in res)) < 1e-9
    # the mixed-year jump is gone: September is about 0,72 of the year, not 0,808 (issue 24)
    assert 0.70 < p.at(9) < 0.75 and 0.45 < p.at(6) < 0.50
    assert all(lo <= s <= hi for s, lo, hi in zip(p.share, p.low, p.high, strict=True))


def test_curve_steps_are_smooth_and_only_december_peaks():
    """Done-criterion of issue 24: no step January–November exceeds 1,6 × the average monthly step (of the
    year and of January–November alike); every step is positive; December's year-end step is the largest."""
    for p in (national_profile(),):
        steps = p.steps()
        assert all(s > 0 for s in steps)
        for avg in (1 / 12, p.at(11) / 11):
            assert max(steps[:11]) <= 1.6 * avg
        assert steps[11] == max(steps)
        # smooth: the pace changes by the same amount every month (a straight line), no jumps
        diffs = [b - a for a, b in pairwise(steps[:11])]
        assert max(diffs) - min(diffs) < 1e-12
    # the old point-to-point curve failed the criterion (September +14 points): the test can see it
    old = [0.070, 0.140, 0.210, 0.280, 0.324, 0.369, 0.443, 0.516, 0.656, 0.678, 0.722, 0.812]
    old_steps = [(b - a) / 0.812 for a, b in zip([0.0] + old[:-1], old, strict=True)]
    assert max(old_steps[:11]) > 1.6 / 12


def test_band_holds_every_sourced_year():
    p = national_profile()
    pts = normalised_points(p)
    for m, v in pts:
        assert p.low[m - 1] - 1e-12 <= v <= p.high[m - 1] + 1e-12
    # and it is no wider than the slowest and the fastest year: both ends touch a sourced point
    lo_f, hi_f = p.year_factors
    factors = [v / p.at(m) for m, v in pts]
    assert min(factors) == pytest.approx(lo_f) and max(factors) == pytest.approx(hi_f)
    assert p.band(9) == pytest.approx((p.at(9) * lo_f, p.at(9) * hi_f))


def write_curve(tmp_path, rows: str):
    f = tmp_path / "kurve.csv"
    f.write_text("month,share_of_allocation,years,kind,source\n" + rows, encoding="utf-8")
    return f


def test_a_replacing_curve_file_is_fitted_the_same_way(tmp_path):
    # a jobcenter's own points: an even pace, 80 % spent by the end of the year
    f = write_curve(tmp_path, "3,0.2,2019,OWN,own\n6,0.4,2019,OWN,own\n9,0.6,2019,OWN,own\n12,0.8,2019,OWN,own\n")
    p = national_profile(f)
    assert p.at(3) == pytest.approx(0.25) and p.at(9) == pytest.approx(0.75)
    assert p.pace[1] == pytest.approx(0.0, abs=1e-12)
    assert p.year_factors == pytest.approx((1.0, 1.0)) and p.band(6) == pytest.approx((0.5, 0.5))
    assert "2019–2019" in p.source


@pytest.mark.parametrize("rows, where, what", [
    ("13,0.5,2019,x,y\n12,0.8,2019,x,y\n", "Zeile 2, Spalte 'month'", "kein Monat"),
    ("6,abc,2019,x,y\n12,0.8,2019,x,y\n", "Zeile 2, Spalte 'share_of_allocation'", "keine Zahl"),
    ("6,1.5,2019,x,y\n12,0.8,2019,x,y\n", "Zeile 2, Spalte 'share_of_allocation'", "kein Anteil"),
    ("6,0.4,,x,y\n12,0.8,2019,x,y\n", "Zeile 2, Spalte 'years'", "Wert fehlt"),
    ("6,0.4,2019,x,y\n9,0.6,2019,x,y\n", "kurve.csv", "Dezemberwert"),
    ("6,0.4,2019,x,y\n12,0.8,2019,x,y\n", "kurve.csv", "mindestens zwei"),
    ("2,0.5,2019,x,y\n6,0.55,2019,x,y\n11,0.2,2019,x,y\n12,0.8,2019,x,y\n", "kurve.csv", "steigt nicht"),
])
def test_a_bad_curve_file_is_named(tmp_path, rows, where, what):
    from amip.errors import InputError

    with pytest.raises(InputError) as e:
        national_profile(write_curve(tmp_path, rows))
    assert where in str(e.value) and what in str(e.value)


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


# --------------------------------------------------------------------------- a year whose truth is known
def sourced_spread(p: Profile) -> dict[int, tuple[float, float]]:
    """Per month with at least two sourced years: the lowest and highest share of the year spent."""
    by = {}
    for m, v in normalised_points(p):
        by.setdefault(m, []).append(v)
    return {m: (min(vs), max(vs)) for m, vs in by.items() if len(vs) > 1}


def generated_timing(rng, spread) -> tuple[float, ...]:
    """A year unlike the fitted curve: a random December share, a random tilt of the pace and a random
    wobble in every month, drawn until its June, August and November lie within the sources' spread
    (a year like the sourced years; its shape is not the fitted one)."""
    while True:
        dec = rng.uniform(0.06, 0.16)
        tilt = rng.uniform(-0.5, 0.5)
        w = [max(0.05, 1 + tilt * (k - 5) / 5 + rng.uniform(-0.2, 0.2)) for k in range(11)]
        c = [(1 - dec) * sum(w[:k + 1]) / sum(w) for k in range(11)] + [1.0]
        if all(lo <= c[m - 1] <= hi for m, (lo, hi) in spread.items()):
            return tuple(c)


def truth_net(case, pace: dict[str, float]) -> float:
    """The generated year's true year-end spending, net of the PAT relief of its true entries."""
    new = {m.id: (m.planned_entries if m.budget_basis.has_new_entries else 0.0) * pace.get(m.id, 1.0)
           for m in budget_measures(case)}
    return sum(planned_spend_eur(m) * pace.get(m.id, 1.0) for m in budget_measures(case)) - pat_relief_for(case, new)


@pytest.mark.parametrize("seed", range(12))
def test_forecast_recovers_a_known_year_end_within_its_range(ycase, seed):
    import numpy as np

    prof = national_profile()
    rng = np.random.default_rng(seed)
    timing = generated_timing(rng, sourced_spread(prof))
    pace = {m.id: float(rng.uniform(0.6, 1.2)) for m in budget_measures(ycase)}   # each measure's volume
    truth = truth_net(ycase, pace)
    for month in (6, 9):
        fc = forecast(ycase, actuals_of(derived_from_plan(ycase, timing, month, pace), month), prof)
        assert fc.spend_low_eur - 1.0 <= truth <= fc.spend_high_eur + 1.0, (seed, month, timing)
        # the lapse as reported brackets the true lapse, and so does the overrun
        lapse, over = max(0.0, fc.budget_eur - truth), max(0.0, truth - fc.budget_eur)
        assert fc.lapse_low_eur - 1.0 <= lapse <= fc.lapse_high_eur + 1.0
        assert fc.overrun_low_eur - 1.0 <= over <= fc.overrun_high_eur + 1.0
        # the integrations too: the truth is the forecast along the generated year's own timing
        true = forecast(ycase, actuals_of(derived_from_plan(ycase, timing, month, pace), month),
                        Profile(timing, timing, timing, "generated year"))
        assert true.spend_eur == pytest.approx(truth, abs=len(pace) * 0.05)
        assert fc.integrations_low - 1e-6 <= true.integrations <= fc.integrations_high + 1e-6
        # not by a range without end: at most ±12,5 % of the forecast either side
        assert fc.spend_high_eur - fc.spend_low_eur <= 0.25 * fc.spend_eur
    # the generated pace is not the one the forecast assumes
    assert max(abs(timing[k] - prof.share[k]) for k in range(11)) > 0.005


def test_the_old_mixed_year_curve_misses_such_years(ycase):
    """The same check with the old point-to-point curve (its September jump divides by 0,808): for a
    year along the fitted curve its month-9 range misses the truth, so the test above can fail."""
    old = (0.070, 0.140, 0.210, 0.280, 0.324, 0.369, 0.443, 0.516, 0.656, 0.678, 0.722, 0.812)
    lows = (0.060, 0.125, 0.190, 0.260, 0.303, 0.346, 0.412, 0.477, 0.626, 0.651, 0.695, 0.812)
    highs = (0.080, 0.155, 0.230, 0.300, 0.345, 0.392, 0.474, 0.555, 0.686, 0.705, 0.748, 0.812)
    prof_old = Profile(tuple(x / 0.812 for x in old), tuple(x / 0.812 for x in lows), tuple(x / 0.812 for x in highs),
                       "old")
    nat = national_profile()
    truth = truth_net(ycase, {})
    fc = forecast(ycase, actuals_of(derived_from_plan(ycase, nat.share, 9), 9), prof_old)
    assert not fc.spend_low_eur <= truth <= fc.spend_high_eur
    fc = forecast(ycase, actuals_of(derived_from_plan(ycase, nat.share, 9), 9), nat)
    assert fc.spend_low_eur <= truth <= fc.spend_high_eur


@pytest.mark.parametrize("month", [6, 9])
def test_shipped_examples_hold_their_known_year_end(ycase, month):
    """The examples follow their own pace (benchmarks/make_ist_examples.py), not the forecast's curve:
    their true year-end lies within the reported range, and the forecast's error is the pace's."""
    import sys

    from amip.inputs.actuals import read_actuals
    from amip.inputs.loader import DATA_DIR

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    import make_ist_examples as ex

    prof = national_profile()
    a = read_actuals(DATA_DIR / "duisburg-2020" / f"ist-2020-{month:02d}.xlsx", ycase, month=month)
    true = ex.true_year_end(ycase)
    # the workbooks are the script's: spending to date = the example pace × the true year
    assert sum(a.of(mid).spend_to_date_eur for mid in true) == pytest.approx(
        ex.EXAMPLE_SHARE[month - 1] * sum(s for _, s in true.values()), abs=len(true) * 0.01)
    fc = forecast(ycase, a, prof)
    truth = truth_net(ycase, ex.deviations(ycase))
    assert fc.spend_low_eur <= truth <= fc.spend_high_eur
    assert fc.lapse_low_eur <= max(0.0, fc.budget_eur - truth) <= fc.lapse_high_eur
    own = Profile(ex.EXAMPLE_SHARE, ex.EXAMPLE_SHARE, ex.EXAMPLE_SHARE, "the examples' own pace")
    assert forecast(ycase, a, own).spend_eur == pytest.approx(truth, abs=len(true) * 0.05)
    assert fc.integrations_low <= forecast(ycase, a, own).integrations <= fc.integrations_high
    # slower than the curve up to this month, so the central forecast falls short of the truth
    assert ex.EXAMPLE_SHARE[month - 1] < prof.at(month) and fc.spend_eur < truth


def test_the_profile_sentence_carries_the_fitted_numbers():
    from amip.models.fmt import pct

    p = national_profile()
    steps, (lo_f, hi_f) = p.steps(), p.year_factors
    for x in (steps[0], steps[10], steps[11]):
        assert pct(x).lstrip("+") in p.source
    assert f"langsamste ({pct(lo_f - 1)})" in p.source and f"schnellste Jahr ({pct(hi_f - 1)})" in p.source
    assert steps[0] < steps[10]   # "ändert sich gleichmäßig": here it rises, by the fitted b > 0
    assert p.pace[1] > 0
