"""The horizon's money prices (``horizon[].shadow_price_per_100k_eur``, the shifted limits' in
``horizon_summary.after_horizon``) against re-solves: each year's EGT (each limit) moved by a small
amount, the optimum's change compared with price × amount inside the interval the report names, the
price between the left and right difference quotients (degenerate LPs: no exact dual asserted), and a
year with money left unchanged by more money and by as much less as is left."""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import pulp
import pytest

from amip.inputs.assemble import CaseRequest, assemble_case
from amip.models.budget import YearAmount
from amip.optimizer.highs import solve_problem
from amip.optimizer.horizon import build_horizon, limit_row, optimize_horizon, year_row

KONSTANZ = Path(__file__).resolve().parents[2] / "amip" / "data" / "konstanz-2020"
N = 3
DELTA = 100_000.0   #: the report's unit
STEP = 10_000.0     #: the difference quotients' step


@lru_cache(maxsize=None)
def solved(effect: str | None, name: str = "duisburg"):
    case = assemble_case(CaseRequest(case_path=KONSTANZ if name == "konstanz" else None, effect=effect))
    _, plan = optimize_horizon(case, N)
    return case, plan


def money_rows(case, plan):
    """(row name, right-hand side in the user's terms, the report's dict) of every year and limit."""
    hm = build_horizon(case, N)
    rows = [(year_row(y["year"]), y["egt_eur"], y) for y in plan.years]
    rows += [(limit_row(lim), a["limit_eur"], a) for lim, a in zip(hm.limits, plan.after, strict=True)]
    return rows


def optimum_moved(case, row: str, delta: float) -> float:
    """The horizon optimum with the money row ``row`` raised by ``delta`` euros (lowered if negative),
    solved afresh from a new model."""
    hm = build_horizon(case, N)
    c = hm.prob.get_constraint_by_name(row)
    c.constant -= delta          # PuLP keeps `expr <= rhs` as `expr - rhs <= 0`
    assert solve_problem(hm.prob) == pulp.LpStatusOptimal
    return float(pulp.value(hm.prob.objective))


@pytest.mark.parametrize("name,effect", [("duisburg", None), ("duisburg", "net"), ("konstanz", None)])
def test_each_binding_rows_price_is_what_more_or_less_money_brings(name, effect):
    case, plan = solved(effect, name)
    assert plan.priced
    base = plan.objective
    binding = [(row, rhs, y) for row, rhs, y in money_rows(case, plan) if y["free_eur"] < 0.5]
    assert binding, "both cases bind at least one year's money"
    for row, rhs, y in binding:
        price = y["shadow_price_per_100k_eur"] / DELTA
        up = (optimum_moved(case, row, STEP) - base) / STEP
        down = (base - optimum_moved(case, row, -STEP)) / STEP
        tol = 1e-6 * max(1.0, abs(price))
        assert up - tol <= price <= down + tol, (row, up, price, down)
        lo, hi = y["shadow_price_valid_from_eur"], y["shadow_price_valid_to_eur"]
        assert lo is None or lo <= rhs + 1e-6
        assert hi is None or hi >= rhs - 1e-6
        # inside the interval the report names, the optimum moves by price × amount
        for end, sign in ((hi, 1.0), (lo, -1.0)):
            room = DELTA if end is None else min(DELTA, abs(end - rhs))
            if room < 1.0:
                continue
            got = optimum_moved(case, row, sign * room) - base
            assert got == pytest.approx(sign * price * room, rel=1e-6, abs=1e-6), (row, sign, room)
        # at the interval's ends the optimum is the one the report names, on the line of the price: the
        # optimum is concave in the right-hand side, so it is that line all through the interval
        if hi is not None and hi - rhs >= 1.0:
            assert optimum_moved(case, row, hi - rhs) == pytest.approx(y["objective_at_valid_to"], rel=1e-9)
            assert y["objective_at_valid_to"] == pytest.approx(base + price * (hi - rhs), rel=1e-9)
        if lo is not None and rhs - lo >= 1.0:
            assert optimum_moved(case, row, lo - rhs) == pytest.approx(y["objective_at_valid_from"], rel=1e-9)
            assert y["objective_at_valid_from"] == pytest.approx(base - price * (rhs - lo), rel=1e-9)


@pytest.mark.parametrize("name,effect", [("duisburg", None), ("duisburg", "net"), ("konstanz", None)])
def test_a_row_with_money_left_gains_nothing_from_more_and_keeps_its_optimum_down_to_what_is_left(name, effect):
    case, plan = solved(effect, name)
    base = plan.objective
    free = [(row, rhs, y) for row, rhs, y in money_rows(case, plan) if y["free_eur"] >= 0.5]
    assert free, "both cases leave money in at least one row"
    for row, rhs, y in free:
        assert y["shadow_price_per_100k_eur"] == 0.0
        assert y["shadow_price_valid_from_eur"] == pytest.approx(rhs - y["free_eur"])
        assert optimum_moved(case, row, 1_000_000.0) == pytest.approx(base, rel=1e-9)
        assert optimum_moved(case, row, -y["free_eur"] * (1 - 1e-9)) == pytest.approx(base, rel=1e-9)


def test_a_later_years_egt_through_the_path_moves_the_optimum_by_its_price():
    """The user's way: a higher EGT for the last year in ``budget.egt_path``; its price × the amount."""
    case, plan = solved(None)
    last = plan.years[-1]
    assert last["binding"]
    room = min(DELTA, (last["shadow_price_valid_to_eur"] or float("inf")) - last["egt_eur"])
    path = tuple(YearAmount(y["year"], y["egt_eur"] + (room if y is last else 0.0), "test") for y in plan.years[1:])
    _, more = optimize_horizon(replace(case, budget=replace(case.budget, egt_path=path)), N)
    assert more.objective - plan.objective == pytest.approx(last["shadow_price_per_100k_eur"] / DELTA * room,
                                                             rel=1e-6)


def test_whole_entries_have_no_price_and_say_so():
    from amip.export.text import render_horizon

    case = assemble_case(CaseRequest(features=frozenset({"integer"})))
    _, plan = optimize_horizon(case, 2)
    assert not plan.priced
    assert all(y["shadow_price_per_100k_eur"] is None for y in plan.years)
    assert "--integer" in render_horizon(plan, total=200) and "Grenzertrag je 100.000 € EGT:" in render_horizon(plan)
