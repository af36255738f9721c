"""The data of a horizon plan (amip.models.horizon) and the EGT path (amip.models.budget.year_path_of)."""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import pytest

from amip.errors import InputError
from amip.inputs.assemble import CaseRequest, assemble_case
from amip.models.budget import YearAmount, year_path_of
from amip.models.horizon import (
    check_egt_path,
    check_horizon,
    cohort_case,
    horizon_years,
    later_cash_per_entry,
    later_measure,
    shifted_limits,
)


@lru_cache(maxsize=None)
def duisburg():
    return assemble_case(CaseRequest())


def test_years_flat_egt_and_no_known_vorbindungen_after_the_plan_year():
    case = duisburg()
    ys = horizon_years(case, 3)
    b = case.budget
    assert [y.year for y in ys] == [2020, 2021, 2022]
    assert ys[0].available_eur == pytest.approx(b.neufallbudget_eur - case.fixed_spend_eur)
    assert ys[0].prior_commitments_eur == 32647597 and "Vorbindungen" in ys[0].prior_source
    for y in ys[1:]:
        assert y.egt_eur == b.egt_zuteilung_eur and "POLICY" in y.egt_source
        assert y.prior_commitments_eur == 0 and "L249" in y.prior_source
        # the chain of the plan year without Vorbindungen: EGT − Umschichtung + Rückeinnahmen − money-only items
        assert y.available_eur == pytest.approx(b.egt_zuteilung_eur - b.umschichtung_eur + b.rueckeinnahmen_egt_eur
                                                - case.fixed_spend_eur)


def test_an_egt_path_and_a_budget_override_move_the_years():
    case = duisburg()
    path = (YearAmount(2021, 60e6, "POLICY: test", "x.yaml"),)
    ys = horizon_years(replace(case, budget=replace(case.budget, egt_path=path)), 2)
    assert ys[1].egt_eur == 60e6 and "POLICY: test" in ys[1].egt_source
    low = replace(case, budget=case.budget.with_neufallbudget(30e6, "--budget"))
    flat, cut = horizon_years(case, 2), horizon_years(low, 2)
    shift = case.budget.neufallbudget_eur - 30e6
    assert cut[0].available_eur == pytest.approx(flat[0].available_eur - shift)
    assert cut[1].available_eur == pytest.approx(flat[1].available_eur - shift)


@pytest.mark.parametrize("n", [1, 6, 0, -2])
def test_horizon_outside_2_to_5(n):
    with pytest.raises(InputError, match="--horizon"):
        check_horizon(n)


def test_egt_path_checks():
    case = duisburg()
    short = replace(case, budget=replace(case.budget, egt_path=(YearAmount(2021, 1.0, "s", "c.yaml"),)))
    check_egt_path(short, 2)
    with pytest.raises(InputError, match="es fehlt 2022") as e:
        check_egt_path(short, 3)
    assert e.value.file == "c.yaml"
    early = replace(case, budget=replace(case.budget, egt_path=(YearAmount(2020, 1.0, "s", "c.yaml"),)))
    with pytest.raises(InputError, match="budget.egt_path.2020"):
        check_egt_path(early, 2)
    with pytest.raises(InputError, match="negativ"):
        replace(case.budget, egt_path=(YearAmount(2021, -1.0, "s", "c.yaml"),))


def test_year_path_of():
    assert year_path_of(None, "c.yaml") == ()
    p = year_path_of({2022: 5, "2021": {"value": 7, "source": "Q"}}, "c.yaml")
    assert [(e.year, e.eur, e.source) for e in p] == [(2021, 7.0, "Q"), (2022, 5.0, "ohne Quellenangabe")]
    for raw, says in [({2021: -1}, "negativ"), ({"zwei": 1}, "kein Jahr"), ({2021: "viel"}, "keine Zahl"),
                      ([1, 2], "je Jahr")]:
        with pytest.raises(InputError, match=says) as e:
            year_path_of(raw, "c.yaml")
        assert e.value.file == "c.yaml"


def test_later_cohorts_buy_the_pre_bought_places_anew():
    case = duisburg()
    mixed = next(m for m in case.measures if m.prebought_entries and m.budget_basis.has_new_entries)
    only = next(m for m in case.measures if m.prebought_entries and not m.budget_basis.has_new_entries)
    assert later_measure(mixed).prebought_entries == 0
    assert later_measure(mixed).upper_entries == mixed.upper_entries + mixed.prebought_entries
    assert later_measure(only).fixed_entries == only.fixed_entries - only.prebought_entries
    c0, c1 = cohort_case(case, 0, 3), cohort_case(case, 1, 3)
    assert c0.measures == case.measures and c0.planning.commitment_limits == ()
    assert sum(m.prebought_entries for m in c1.measures) == 0
    assert c1.planning.years_ahead == case.planning.years_ahead + 3


def test_later_money_per_entry_sums_the_one_year_figures():
    """Cohort money per later year, one by one, adds up to what the plan year reports for 2021, 2022, 2023+."""
    case = duisburg()
    c = cohort_case(case, 0, 3)
    for m in case.measures:
        if not m.budget_basis.has_new_entries:
            continue
        one = case.commitment_per_entry_eur(m)
        net = [later_cash_per_entry(c, m, k)[0] - later_cash_per_entry(c, m, k)[1] for k in (1, 2)]
        after = later_cash_per_entry(c, m, 3, and_after=True)
        assert net == pytest.approx(one[:2], abs=1e-6)
        assert after[0] - after[1] == pytest.approx(one[2], abs=1e-6)


def test_limits_shift_behind_the_horizon():
    case = duisburg()
    limits = {lim.year: lim for lim in case.planning.commitment_limits}
    shifted = shifted_limits(case, 3)
    assert [(s.key, s.original_key) for s in shifted] == [("2023", "2021"), ("2024", "2022"), ("2025+", "2023+")]
    assert [s.limit_eur for s in shifted] == [limits[y].limit_eur for y in sorted(limits)]
