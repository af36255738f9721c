"""The horizon plan (issue 26 item 4) against a model written from the data alone and solved by scipy's
HiGHS, and every year's money re-checked from the data alone."""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import linprog

from amip.inputs.assemble import CaseRequest, assemble_case
from amip.optimizer import optimize
from amip.optimizer.horizon import optimize_horizon
from tests.conftest import effect_values_from_data, later_cash_from_data, scipy_model

KONSTANZ = Path(__file__).resolve().parents[2] / "amip" / "data" / "konstanz-2020"


@lru_cache(maxsize=None)
def shipped(name: str, effect: str | None = None):
    return assemble_case(CaseRequest(case_path=KONSTANZ if name == "konstanz" else None, effect=effect))


def cohorts_from_data(case, n):
    """Each year's cohort: the case; after the plan year without pre-bought places, a measure with new
    entries may buy them anew (its upper bound + its pre-bought places); no later-year limits of its
    own; its later money reported year by year far enough."""
    ahead = case.planning.years_ahead + n
    out = []
    for t in range(n):
        ms = case.measures if t == 0 else tuple(
            replace(m, prebought_entries=0.0,
                    upper_entries=m.upper_entries + (m.prebought_entries if m.budget_basis.has_new_entries else 0.0))
            for m in case.measures)
        out.append(replace(case, measures=ms, planning=replace(case.planning, commitment_limits=(), years_ahead=ahead)))
    return out


def available_from_data(case, t: int) -> float:
    """What the cohorts may spend in plan year + t: year 0 the Neufallbudget less the money-only items;
    later years the EGT (flat, or the path) less Umschichtung and the same items, plus Rückeinnahmen,
    less the Vorbindungen the case names for the year (none known beyond the plan year otherwise)."""
    b = case.budget
    if t == 0:
        return b.neufallbudget_eur - case.fixed_spend_eur
    egt = {e.year: e.eur for e in b.egt_path}.get(case.year + t, b.egt_zuteilung_eur)
    prior = {e.year: e.eur for e in b.vorbindungen_path}.get(case.year + t, 0.0)
    return egt - prior - b.umschichtung_eur + b.rueckeinnahmen_egt_eur - case.fixed_spend_eur


def later_net(ct, ms, k: int, and_after: bool = False) -> list[float]:
    """Net money per entry of cohort case ``ct`` in the k-th year after its entry (k ≥ 1)."""
    rows = [later_cash_from_data(ct, m)[0] for m in ms]
    return [sum(r[k - 1:]) if and_after else r[k - 1] for r in rows]


def scipy_horizon(case, n, values=None):
    """The horizon LP from the data: the one-year model of each cohort (conftest.scipy_model, its budget row
    left out), one money row per year and the plan's later-year limits shifted n − 1 years behind the
    horizon. Returns (optimum, cohorts, measures)."""
    assert case.pat is None or not case.pat.capped
    cohorts = cohorts_from_data(case, n)
    blocks = [scipy_model(ct, values) for ct in cohorts]
    ms = [m for m in case.measures if m.budget_basis.has_new_entries]
    w = len(ms) + 1
    cols = w * n
    rows, rhs = [], []
    for t, (c, A, b, _, _) in enumerate(blocks):
        for a, r in zip(A[1:], b[1:]):
            vec = np.zeros(cols)
            vec[t * w:(t + 1) * w] = a
            rows.append(vec), rhs.append(r)
    for t in range(n):
        vec = np.zeros(cols)
        vec[t * w:t * w + len(ms)] = [m.cost_per_entry_eur for m in ms]
        vec[t * w + len(ms)] = -1.0
        for c in range(t):
            vec[c * w:c * w + len(ms)] = later_net(cohorts[c], ms, t - c)
        rows.append(vec), rhs.append(available_from_data(case, t))
    last = case.year + case.planning.years_ahead + 1
    for lim in case.planning.commitment_limits:
        year = lim.year + n - 1
        vec = np.zeros(cols)
        for c in range(n):
            vec[c * w:c * w + len(ms)] = later_net(cohorts[c], ms, year - case.year - c, lim.year == last)
        rows.append(vec), rhs.append(lim.limit_eur)
    cost = np.concatenate([blk[0] for blk in blocks])
    bounds = [bd for blk in blocks for bd in blk[3]]
    res = linprog(cost, A_ub=np.array(rows), b_ub=np.array(rhs), bounds=bounds, method="highs")
    assert res.status == 0, res.message
    return -res.fun + sum(blk[4] for blk in blocks), cohorts, ms


def cash_from_data(case, cohorts, ms, plans, year: int) -> float:
    """The money the cohorts' plans cost in ``year``, from the data alone (no PAT cap in these cases)."""
    cash = 0.0
    for c, (ct, plan) in enumerate(zip(cohorts, plans)):
        k = year - case.year - c
        x = [plan.get(m.id, 0.0) for m in ms]
        if k == 0:
            cash += sum((m.cost_per_entry_eur - ct.pat_relief_per_entry_eur(m)) * v for m, v in zip(ms, x))
        elif k > 0:
            cash += sum(a * v for a, v in zip(later_net(ct, ms, k), x))
    return cash


@pytest.mark.parametrize("name,effect", [("duisburg", None), ("konstanz", None), ("duisburg", "net")])
def test_horizon_optimum_equals_scipy_and_every_year_keeps_its_egt(name, effect):
    case = shipped(name, effect)
    n = 3
    _, plan = optimize_horizon(case, n)
    values = None if effect is None else effect_values_from_data(case, effect)
    best, cohorts, ms = scipy_horizon(case, n, values)
    assert plan.objective == pytest.approx(best, rel=1e-6)
    assert sum(y["cohort_objective"] for y in plan.years) == pytest.approx(best, rel=1e-6)
    b = case.budget
    fixed = b.umschichtung_eur - b.rueckeinnahmen_egt_eur + case.fixed_spend_eur
    for t, y in enumerate(plan.years):
        cash = cash_from_data(case, cohorts, ms, plan.plans, case.year + t)
        assert y["new_cash_eur"] == pytest.approx(cash, rel=1e-9, abs=1e-3)
        prior = b.vorbindungen_eur if t == 0 else {e.year: e.eur for e in b.vorbindungen_path}.get(y["year"], 0.0)
        path = {e.year: e.eur for e in b.egt_path}
        egt = b.egt_zuteilung_eur if t == 0 else path.get(y["year"], b.egt_zuteilung_eur)
        if b.override_neufallbudget_eur is None:   # the chain of the case: Vorbindungen + cash + fixed ≤ EGT
            assert prior + cash + fixed <= egt + 1e-3
        assert cash <= available_from_data(case, t) + 1e-3
        assert y["egt_eur"] == egt and y["prior_commitments_eur"] == prior
    for a in plan.after:   # what the cohorts bind after the horizon keeps the shifted limits
        assert a["cash_eur"] <= a["limit_eur"] * (1 + 1e-9) + 1e-3


def test_first_year_is_the_recommendation_and_the_differences_are_measured():
    case = shipped("duisburg")
    one = optimize(case)
    result, plan = optimize_horizon(case, 3, one_year=one)
    first = plan.plans[0]
    assert result.new_entries == pytest.approx({k: first.get(k, 0.0) for k in result.new_entries})
    assert result.integrations == pytest.approx(plan.years[0]["cohort_integrations"])
    moved = {d["id"]: d for d in plan.differences}
    for r in one.measures:
        if r.id in first and abs(first[r.id] - r.new_entries) >= 0.5:
            d = moved[r.id]
            assert d["delta_entries"] == pytest.approx(first[r.id] - r.new_entries)
            assert d["delta_eur"] == pytest.approx(d["delta_entries"] * r.cost_per_entry)
    assert len(moved) == sum(1 for r in one.measures if r.id in first and abs(first[r.id] - r.new_entries) >= 0.5)
    # integrations in the year: every cohort's integrations fall in some year, in or after the horizon
    total = sum(y["cohort_integrations"] for y in plan.years)
    assert sum(y["integrations_in_year"] for y in plan.years) + plan.integrations_after == pytest.approx(total)


def test_egt_and_vorbindungen_paths_move_each_years_money():
    from amip.models.budget import YearAmount

    case = shipped("konstanz")
    egt = case.budget.egt_zuteilung_eur
    path = (YearAmount(2021, egt * 0.9, "test"), YearAmount(2022, egt * 1.1, "test"))
    prior = (YearAmount(2022, 1_000_000.0, "test"),)
    lean = replace(case, budget=replace(case.budget, egt_path=path, vorbindungen_path=prior))
    _, plan = optimize_horizon(lean, 3)
    best, cohorts, ms = scipy_horizon(lean, 3)
    assert plan.objective == pytest.approx(best, rel=1e-6)
    assert [y["egt_eur"] for y in plan.years] == [egt, egt * 0.9, egt * 1.1]
    assert [y["prior_commitments_eur"] for y in plan.years] == [case.budget.vorbindungen_eur, 0.0, 1_000_000.0]
    _, flat = optimize_horizon(case, 3)
    assert plan.years[1]["available_eur"] == pytest.approx(flat.years[1]["available_eur"] - 0.1 * egt)
    assert plan.years[2]["available_eur"] == pytest.approx(flat.years[2]["available_eur"] + 0.1 * egt - 1_000_000)
    for t, y in enumerate(plan.years):
        assert cash_from_data(lean, cohorts, ms, plan.plans, y["year"]) <= available_from_data(lean, t) + 1e-3


def test_the_first_years_quota_is_the_one_year_quota_of_its_plan_and_later_years_add_cohorts():
    """Year 0 of the horizon counts only the first cohort: its § 48b contribution equals the one-year
    report of the same entries; later years count more cohorts, so their contribution is larger."""
    from amip.models.timing import quota_report

    case = shipped("duisburg")
    result, plan = optimize_horizon(case, 3)
    entries = {r.id: r.entries for r in result.measures}
    one = quota_report(case, entries)
    q = [y["integration_quota"] for y in plan.years]
    assert q[0]["quota"] == pytest.approx(one["quota"], rel=1e-9)
    assert all(y["elb"] == 47232 for y in q)
    assert q[1]["integrations_in_year"] > q[0]["integrations_in_year"]
    for y in q:
        assert y["quota"] == pytest.approx(y["integrations_in_year"] / 47232)
