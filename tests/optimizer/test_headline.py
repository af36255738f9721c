"""The headline without wasted work (issue 29, item 1): no draws without a range, blocks, early stop."""
from dataclasses import replace

import numpy as np
import pytest

from amip.optimizer import headline as hl
from amip.optimizer.headline import (
    BLOCK,
    MIN_DRAWS,
    PRECISION,
    Z,
    finer_expected,
    headline,
    shown_ends,
    shown_unit,
    stable,
    to_unit,
    uncertainty,
)
from amip.optimizer.montecarlo import columns
from amip.optimizer.uncertainty import RateDraws, draw_rates, has_range
from amip.optimizer.warm import Batch, WarmModel, run_batches


def _with_ranges(case, change):
    return replace(case, measures=tuple(change(m) for m in case.measures))


def test_no_range_no_draws(case, monkeypatch):
    fixed = _with_ranges(case, lambda m: replace(m, rate_distribution="fixed"))
    assert not any(has_range(m) for m in fixed.measures)

    def no_model(*_a, **_k):
        raise AssertionError("a warm model was built although no rate has a range")

    monkeypatch.setattr(hl, "WarmModel", no_model)
    h = headline(fixed).to_dict()
    assert h["draws"] == 0 and h["draws_requested"] == 300 and h["reason_code"] == "no_range"
    assert h["p5"] is None and "no draws made" in h["reason"]


def test_blocks_give_the_one_shot_run(case):
    """The block-wise run (early stop off, draws not a multiple of BLOCK) against the whole matrix of
    draws solved at once and scored by hand, the way the headline was computed before blocks."""
    draws, seed = BLOCK * 2 + 7, 5
    got = headline(case, draws=draws, seed=seed, early_stop=False)
    rates = draw_rates(case.measures, draws, seed)
    model = WarmModel(case)
    res = run_batches(case, Batch(rates=rates[:, columns(case, model.ids)]), model=model)
    assert res.optimal.all()
    fixed = np.array([m.fixed_entries for m in case.measures])
    weights = np.array([m.objective_weight for m in case.measures])
    entries = np.tile(fixed, (draws, 1))
    entries[:, columns(case, model.ids)] += res.x
    by_hand = (rates * weights * entries).sum(axis=1)
    assert got.draws == draws and not got.stopped_early
    for q, v in ((5, got.p5), (50, got.p50), (95, got.p95)):
        assert v == pytest.approx(np.percentile(by_hand, q), rel=1e-9)
    assert got.mean == pytest.approx(by_hand.mean(), rel=1e-9)


def test_rate_draws_in_blocks_are_the_matrix(case):
    r = RateDraws(case.measures, 130, 17)
    whole = draw_rates(case.measures, 130, 17)
    assert np.array_equal(np.vstack([r.block(lo, min(lo + 50, 130)) for lo in range(0, 130, 50)]), whole)


def test_wide_ranges_are_shown_to_the_unit_the_draws_support(case):
    """The shipped rate ranges move the optimum by hundreds: P5 and P95 of a few hundred draws are
    known to hundreds, so the shown unit is coarse, and the draws stop once the requested ones would
    not make it finer. The early range matches the full 300-draw run within the shown unit."""
    early = headline(case)
    full = headline(case, early_stop=False)
    assert full.draws == 300 and not full.stopped_early
    assert early.stopped_early and MIN_DRAWS <= early.draws < 300 and early.draws % BLOCK == 0
    assert early.p95 - early.p5 > early.precision > 1000 * PRECISION
    assert full.precision <= early.precision
    for k in ("p5", "p50", "p95", "mean"):
        assert abs(getattr(early, k) - getattr(full, k)) < early.precision
        # the shown numbers: at most one unit apart
        assert abs(to_unit(getattr(early, k), early.precision) - to_unit(getattr(full, k), early.precision)) \
            <= early.precision + 1e-9
    d = early.to_dict()
    assert d["precision"] == early.precision and d["stopped_early"] is True
    assert isinstance(d["p5"], float) and d["p5"] != to_unit(d["p5"], d["precision"])   # JSON: the full float


def test_early_stop_matches_the_full_run_to_the_shown_precision(case):
    """Ranges so narrow that the optimum moves by less than the shown digit: the run stops after
    MIN_DRAWS, shows one decimal, and its four numbers lie within half a shown unit of the full run's."""
    narrow = _with_ranges(case, lambda m: replace(m, rate_low=m.integration_rate - 2e-8,
                                                   rate_high=m.integration_rate + 2e-8) if has_range(m) else m)
    early = headline(narrow, draws=300, seed=3)
    full = headline(narrow, draws=300, seed=3, early_stop=False)
    assert early.stopped_early and early.draws == MIN_DRAWS and full.draws == 300
    assert early.precision == full.precision == PRECISION
    assert early.p95 - early.p5 > 0        # the draws do differ, below the shown digit
    for k in ("p5", "p50", "p95", "mean"):
        assert abs(getattr(early, k) - getattr(full, k)) < PRECISION / 2
    d = early.to_dict()
    assert d["stopped_early"] is True and d["draws"] == MIN_DRAWS and d["draws_requested"] == 300
    assert d["precision"] == PRECISION


def test_the_shown_unit_is_derived_as_documented():
    """The smallest of 1, 2, 5 × a power of ten (at least 0,1) at least the Monte Carlo error, which is
    the farthest reach of a binomial rank band of P5, P50, P95 from its estimate, or Z standard errors of
    the mean."""
    assert [shown_unit(s) for s in (0.0, 0.01, 0.0999, 0.1, 0.1001, 0.2, 0.2001, 0.5, 0.7, 183.8, 200.0, 200.1,
                                    35_901.6)] == [0.1, 0.1, 0.1, 0.1, 0.2, 0.2, 0.5, 0.5, 1.0, 200.0, 200.0, 500.0,
                                                   50_000.0]
    rng = np.random.default_rng(7)
    v = rng.normal(1000.0, 100.0, 300)
    s = np.sort(v)
    n, p = len(v), 0.05
    at, spread = p * (n - 1), Z * np.sqrt(n * p * (1 - p))
    lo, hi = s[max(0, int(np.floor(at - spread)))], s[min(n - 1, int(np.ceil(at + spread)))]
    p5 = np.percentile(v, 5)
    assert uncertainty(v) >= max(p5 - lo, hi - p5) > 0
    assert uncertainty(v) >= Z * v.std(ddof=1) / np.sqrt(n)
    u = shown_unit(uncertainty(v))
    assert stable(v, u) and not stable(v, u / 2.5)          # the next finer step (5 → 2, 2 → 1, 1 → 0,5) fails
    assert uncertainty(v[:1]) == np.inf and not stable(v[:1])
    # early stop: 4× the draws halve the uncertainty; a unit that halving cannot reach stops the run
    assert finer_expected(v[:100], 400) == (shown_unit(uncertainty(v[:100]) / 2) < shown_unit(uncertainty(v[:100])))
    assert not finer_expected(np.full(100, 3.0), 300)
    assert to_unit(3586.9, 500.0) == 3500.0 and to_unit(4081.4, 500.0) == 4000.0 and to_unit(-750.0, 500.0) == -1000.0
    assert to_unit(3586.94, PRECISION) == 3586.94      # one decimal: fmt.num rounds
    # the ends of a range outwards: the shown range contains the estimated one
    assert to_unit(3586.9, 200.0, "down") == 3400.0 and to_unit(4085.1, 200.0, "up") == 4200.0
    assert to_unit(-330.6, 50.0, "down") == -350.0 and to_unit(600.0, 50.0, "up") == 600.0
    assert shown_ends({"p5": 3586.9, "p95": 4085.1, "precision": 200.0}) == (3400.0, 4200.0, 200.0)
    # exact multiples stay where they are, in spite of floating point (0,6 / 0,2 = 2,9999999999999996)
    assert [round(to_unit(v, 0.2, d), 9) for v, d in ((0.6, "down"), (1.2, "down"), (-0.6, "up"), (0.3, "nearest"))] \
        == [0.6, 1.2, -0.6, 0.4]


def test_stable_rule():
    rng = np.random.default_rng(1)
    assert stable(np.full(100, 355204.7))
    assert stable(355204.7 + rng.uniform(0, 0.01, 200))
    assert not stable(355204.7 + rng.uniform(0, 1.0, 200))
    # a flat lower tail is not enough: the upper quantile moves
    v = np.concatenate([np.full(150, 10.0), np.linspace(10, 20, 50)])
    assert not stable(v)


def _table_case(tmp_path, n):
    import sys
    from pathlib import Path

    from amip.scenarios import load_scenario

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    import synthetic

    path = tmp_path / "syn.csv"
    budget = synthetic.write(n, path)
    return load_scenario(None, measures=path, budget_eur=budget)


@pytest.mark.parametrize("table", [None, 1000])
def test_numpy_re_solves_are_highs_optima(case, tmp_path, table):
    """Every draw the numpy re-solve certifies has HiGHS's optimal value on the warm model (each draw
    solved there from the nominal basis), for Duisburg and a 1.000-row table; none falls back."""
    from amip.optimizer.highs import MAX_SIGN
    from amip.optimizer.parametric import Reprice

    c = case if table is None else _table_case(tmp_path, table)
    model = WarmModel(c)
    snap = model.snapshot()
    reprice = Reprice(snap)
    rates = draw_rates(c.measures, 40, 9)[:, columns(c, model.ids)]
    for r in rates:
        cost = snap.cost.copy()
        cost[model.cols] = MAX_SIGN * r * model.weights
        x = reprice.solve(cost)
        assert x is not None
        s = model.solve_at(None, r)
        value = MAX_SIGN * float(cost[model.cols] @ x[model.cols])
        assert value == pytest.approx(s.objective, rel=1e-9)
    h = headline(c, draws=60, seed=9, early_stop=False)
    assert h.to_dict()["solved_by"] == {"numpy": 60, "highs": 0}


@pytest.mark.parametrize("table", [None, 1000])
def test_block_re_solves_are_the_one_at_a_time_optima(case, tmp_path, table):
    """The 300 draws of the default headline re-solved as blocks (``Reprice.solve_block``, the start made
    for many draws at once) have the objectives of the draws re-solved one at a time and of HiGHS on
    the warm model, to 1e-9, on Duisburg and a 1.000-row table (in blocks of 7 and of all 300)."""
    from amip.optimizer.highs import MAX_SIGN
    from amip.optimizer.parametric import Reprice

    c = case if table is None else _table_case(tmp_path, table)
    model = WarmModel(c)
    snap = model.snapshot()
    reprice = Reprice(snap)
    rates = draw_rates(c.measures, hl.HEADLINE_DRAWS, hl.HEADLINE_SEED)[:, columns(c, model.ids)]
    costs = np.tile(snap.cost, (len(rates), 1))
    costs[:, model.cols] = MAX_SIGN * rates * model.weights
    x, ok = reprice.solve_block(costs)
    assert ok.all()
    block = MAX_SIGN * np.einsum("ij,ij->i", costs, x)
    sevens = [reprice.solve_block(costs[lo:lo + 7]) for lo in range(0, len(costs), 7)]
    assert all(ok7.all() for _, ok7 in sevens)
    assert np.allclose(MAX_SIGN * np.einsum("ij,ij->i", costs, np.vstack([x7 for x7, _ in sevens])), block,
                       rtol=1e-9, atol=0)
    one = np.array([MAX_SIGN * float(cost @ reprice.solve(cost)) for cost in costs])
    assert np.allclose(block, one, rtol=1e-9, atol=0)
    highs = np.array([model.solve_at(None, r).objective for r in rates])
    assert np.allclose(block, highs, rtol=1e-9, atol=0)


@pytest.mark.parametrize("table", [None, 1000])
def test_kept_start_rows_give_the_plans_of_rows_made_per_draw(case, tmp_path, table):
    """The first pivot of each draw from the start basis's rows kept per leaving row
    (``Reprice.start_rows``) gives bit for bit the plans of the rows made anew per draw."""
    from amip.optimizer.highs import MAX_SIGN
    from amip.optimizer.parametric import Reprice

    c = case if table is None else _table_case(tmp_path, table)
    model = WarmModel(c)
    snap = model.snapshot()
    rates = draw_rates(c.measures, 120, 5)[:, columns(c, model.ids)]
    costs = np.tile(snap.cost, (len(rates), 1))
    costs[:, model.cols] = MAX_SIGN * rates * model.weights
    kept = Reprice(snap)
    made = Reprice(snap)
    made.start_rows = None
    x, ok = kept.solve_block(costs)
    assert kept.start_rows      # the draws pivoted, from rows kept
    x0, ok0 = made.solve_block(costs)
    np.testing.assert_array_equal(ok, ok0)
    np.testing.assert_array_equal(x[ok], x0[ok0])


def test_a_draw_numpy_cannot_certify_goes_to_highs(case, monkeypatch):
    from amip.optimizer.parametric import Reprice

    monkeypatch.setattr(Reprice, "solve_block", lambda self, costs: (np.empty_like(costs), np.zeros(len(costs), bool)))
    h = headline(case, draws=BLOCK * 2 + 7, seed=5, early_stop=False)
    assert h.solved_by_highs == h.draws == BLOCK * 2 + 7
    monkeypatch.undo()
    again = headline(case, draws=BLOCK * 2 + 7, seed=5, early_stop=False)
    assert again.solved_by_highs == 0
    for k in ("p5", "p50", "p95", "mean"):
        assert getattr(again, k) == pytest.approx(getattr(h, k), rel=1e-9)


def test_the_model_optimize_solved_is_the_warm_model(case):
    from amip.optimizer import optimize

    solved = []
    r = optimize(case, solved=solved)
    assert len(solved) == 1
    reused = headline(case, draws=60, seed=4, built=solved[0])
    fresh = headline(case, draws=60, seed=4)
    assert reused == fresh and r.objective > 0
    whole = replace(case, planning=replace(case.planning, features=("integer",)))
    solved.clear()
    optimize(whole, solved=solved)
    assert solved == []     # no warm model for whole places


def test_a_table_of_fixed_places_only_has_no_range_and_says_why(tmp_path):
    """Only measures outside the Neufallbudget (or pre-bought): there is no decision to re-optimise per
    draw, so no draws; the run succeeds (it crashed on an empty column index before)."""
    from amip import texts as T
    from tests.conftest import cli, cli_json

    table = tmp_path / "fest.csv"
    table.write_text("id,field,name,instrument,instrument_type,product_category,budget_basis,cost_per_entry_eur,"
                     "planned_entries,prebought_entries,fixed_spend_eur\n"
                     "a1,HF1,A eins,§ 45 SGB III,mat,I,outside,,10,0,\n"
                     "a2,HF1,A zwei,§ 45 SGB III,mat,I,outside,,5,0,\n", encoding="utf-8")
    d = cli_json("optimize", "--measures", table, "--budget", 30000)
    assert d["status"] == "optimal" and d["headline"]["reason_code"] == "no_decision" and d["headline"]["draws"] == 0
    assert sum(m["entries"] for m in d["measures"]) == 15
    r = cli("optimize", "--measures", table, "--budget", 30000)
    assert r.exit_code == 0 and T.HEADLINE_REASONS["no_decision"] in " ".join(r.output.split())
    assert cli("optimize", "--measures", table, "--budget", 30000, "--draws", "0").exit_code == 0


def test_quantile_error_is_how_far_the_binomial_rank_band_reaches():
    from amip.optimizer.headline import quantile_error, uncertainty

    v = np.arange(100, dtype=float) ** 2      # sorted, uneven steps: the two sides differ
    # P50: rank 49,5 ± 3·√25 = 15 → ranks 34 and 65; estimate (49² + 50²)/2
    est = (49 ** 2 + 50 ** 2) / 2
    assert quantile_error(v, 50) == pytest.approx(max(est - 34 ** 2, 65 ** 2 - est))
    assert quantile_error(v[:1], 50) == np.inf
    assert uncertainty(v) == pytest.approx(max(max(quantile_error(v, q) for q in (5, 50, 95)),
                                               3 * v.std(ddof=1) / 10))
