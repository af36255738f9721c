"""When a cohort's integrations happen (amip.models.timing, issue 26 item 5): shares per year sum to
1, and an independent recomputation on a fine time grid, written here from the data, agrees."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from amip.inputs.assemble import load_scenario
from amip.models.timing import (
    AFTER_EXIT,
    AT_ENTRY,
    FROM_ENTRY,
    WINDOW_MONTHS,
    cohorts_by_year,
    horizon_quota,
    integrations_by_year,
    kennzahl_integrations,
    measure_shares,
    quota_report,
    timing_kind,
    year_labels,
    year_shares,
)

STEPS = 600   # points per month of the independent grid


@pytest.fixture(scope="module")
def case():
    """The shipped base scenario: Duisburg with its planning file (durations, first entry month)."""
    return load_scenario()


def grid_shares(kind: str, duration: float, first: int, years: int) -> list[float]:
    """One entry at the start of each month first..12 (equal weights); its integration happens at
    entry (at_entry), or evenly in the six months from the entry (from_entry) or from entry +
    duration (after_exit). Midpoints of a fine grid, each put into the year its month falls in."""
    out = [0.0] * (years + 1)
    starts = list(range(first - 1, 12))
    for j in starts:
        if kind == AT_ENTRY:
            out[0] += 1.0
            continue
        a = j + (0.0 if kind == FROM_ENTRY else duration)
        for i in range(int(WINDOW_MONTHS) * STEPS):
            t = a + (i + 0.5) / STEPS
            out[min(int(t // 12), years)] += 1.0 / (WINDOW_MONTHS * STEPS)
    return [v / len(starts) for v in out]


def test_every_shipped_measure_shares_sum_to_one(case):
    for m in case.measures:
        shares = measure_shares(case.planning, m)
        assert len(shares) == len(year_labels(case.planning, case.year))
        assert sum(shares) == pytest.approx(1.0, abs=1e-12), m.id
        assert min(shares) >= 0.0


@pytest.mark.parametrize("mid", ["hf1-foerderzentrum-2", "hf1-avgs-mpav", "hf2-16i", "hf2-16e"])
def test_shipped_measures_match_the_grid(case, mid):
    m = case.measure(mid)
    mp = case.planning.of(m.id)
    kind, reason = timing_kind(m)
    assert reason
    want = grid_shares(kind, mp.duration_months, case.planning.start_month(m.id), case.planning.years_ahead + 1)
    assert measure_shares(case.planning, m) == pytest.approx(want, abs=2e-3)


def test_umschulung_lands_two_years_later(case):
    """A 24-month retraining entered April–December ends in 2022: nothing in 2020 or 2021."""
    umschulung = [m for m in case.measures if m.instrument_type == "fbw_ao"]
    assert umschulung
    shares = measure_shares(case.planning, umschulung[0])
    assert case.planning.of(umschulung[0].id).duration_months == 24
    assert shares[0] == 0.0 and shares[1] == 0.0
    # exits April..December 2022, each take-up spread over the 6 months after the exit: the exits
    # from August on reach into 2023
    assert shares[2] == pytest.approx(grid_shares(AFTER_EXIT, 24, 4, 3)[2], abs=2e-3)


@given(kind=st.sampled_from([AFTER_EXIT, AT_ENTRY, FROM_ENTRY]), d=st.floats(0, 60), first=st.integers(1, 12),
       years=st.integers(0, 5))
def test_shares_sum_to_one_and_match_the_grid(kind, d, first, years):
    shares = year_shares(kind, d, first, years)
    assert len(shares) == years + 1
    assert sum(shares) == pytest.approx(1.0, abs=1e-9)
    assert shares == pytest.approx(grid_shares(kind, d, first, years), abs=3e-3)


def test_subsidised_jobs_count_at_entry_and_16i_after_exit(case):
    # domain.md §7.2: EGZ, Einstiegsgeld and § 16e count as integrations at the take-up; § 16i, AGH do not
    kinds = {}
    for m in case.measures:
        kinds.setdefault(m.instrument_type, timing_kind(m)[0])
    for t in ("egz", "esg", "p16e"):
        assert kinds[t] == AT_ENTRY
    for t in ("p16i", "agh", "mat", "fbw_ao"):
        assert kinds[t] == AFTER_EXIT
    assert kinds["mpav"] == FROM_ENTRY


def test_plan_and_cohorts_by_year(case):
    """A plan's year split = Σ measure integrations × its shares; a later cohort is shifted by its
    offset; totals are kept."""
    ms = [m for m in case.measures if m.budget_basis.has_new_entries]
    integ = {m.id: m.planned_entries * 0.3 for m in ms}
    years = case.planning.years_ahead + 1
    by_year = integrations_by_year(case.planning, ms, integ, years)
    want = [0.0] * (years + 1)
    for m in ms:
        for k, s in enumerate(grid_shares(timing_kind(m)[0], case.planning.of(m.id).duration_months,
                                          case.planning.start_month(m.id), years)):
            want[k] += integ[m.id] * s
    assert by_year == pytest.approx(want, rel=1e-3, abs=1e-6)
    assert sum(by_year) == pytest.approx(sum(integ.values()))
    both = cohorts_by_year(case.planning, ms, [integ, integ], years)
    shifted = integrations_by_year(case.planning, ms, integ, years, cohort_offset=1)
    assert shifted[0] == 0.0
    assert both == pytest.approx([a + b for a, b in zip(by_year, shifted, strict=True)])
    assert sum(both) == pytest.approx(2 * sum(integ.values()))


def test_horizon_quota_adds_each_cohorts_years(case):
    """Two equal cohorts (the seed plan's entries in 2020 and again in 2021): 2020 counts the first
    cohort's plan year, 2021 the first cohort's second year plus the second cohort's first, each ÷ the
    same eLb (47.232, seed L1283-1285)."""
    entries = {m.id: m.total_entries(m.planned_entries if m.budget_basis.has_new_entries else 0.0)
               for m in case.measures}
    one = quota_report(case, entries)
    two = horizon_quota(case, [entries, entries])
    assert [y["year"] for y in two] == [2020, 2021]
    assert two[0]["integrations_in_year"] == pytest.approx(one["integrations_in_year"])
    assert two[1]["integrations_in_year"] == pytest.approx(one["by_year"]["2020"] + one["by_year"]["2021"])
    assert two[1]["quota"] == pytest.approx(two[1]["integrations_in_year"] / 47232)
    assert one["quota"] == pytest.approx(one["integrations_in_year"] / 47232)
    assert sum(one["by_year"].values()) == pytest.approx(sum(kennzahl_integrations(case, entries)[0].values()))


def test_a_callers_shares_are_reused_and_give_the_same_quota(case):
    """make_result hands its shares_by_measure to quota_report (one computation per measure for both):
    the report is the same as with the quota's own, and each measure's shares are computed once
    (a second question for the same measure returns the same list)."""
    from amip.models.timing import shares_by_measure

    entries = {m.id: m.total_entries(m.planned_entries if m.budget_basis.has_new_entries else 0.0)
               for m in case.measures}
    labels = year_labels(case.planning, case.year)
    shares_of = shares_by_measure(case.planning, len(labels) - 1)
    first = [shares_of(m) for m in case.measures]
    assert all(shares_of(m) is s for m, s in zip(case.measures, first, strict=True))
    assert quota_report(case, entries, shares_of=shares_of) == quota_report(case, entries)
    assert first == [measure_shares(case.planning, m, len(labels) - 1) for m in case.measures]


def test_shares_column_gives_each_measures_shares_in_table_order(case):
    """shares_column over Case.columns equals measure_shares of each measure, and quota_report given
    them reports the same as with its own shares."""
    from amip.models.timing import shares_column

    labels = year_labels(case.planning, case.year)
    shares = shares_column(case.planning, case.columns, len(labels) - 1)
    assert shares == [measure_shares(case.planning, m, len(labels) - 1) for m in case.measures]
    entries = {m.id: m.total_entries(m.planned_entries if m.budget_basis.has_new_entries else 0.0)
               for m in case.measures}
    assert quota_report(case, entries, shares=shares) == quota_report(case, entries)
