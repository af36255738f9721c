"""The headline without wasted work (issue 29, item 1): no draws without a range, blocks, early stop."""
from dataclasses import replace

import numpy as np
import pytest

from amip.optimizer import headline as hl
from amip.optimizer.headline import BLOCK, MIN_DRAWS, PRECISION, headline, stable
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


def test_wide_ranges_make_every_draw(case):
    """The shipped rate ranges move the optimum by hundreds: no early stop, every draw made."""
    h = headline(case)
    assert h.draws == 300 and not h.stopped_early
    assert h.p95 - h.p5 > 10 * PRECISION


def test_early_stop_matches_the_full_run_to_the_shown_precision(case):
    """Ranges so narrow that the optimum moves by less than the shown digit: the run stops after
    MIN_DRAWS and its four numbers lie within half a shown unit of the full run's."""
    narrow = _with_ranges(case, lambda m: replace(m, rate_low=m.integration_rate - 2e-8,
                                                   rate_high=m.integration_rate + 2e-8) if has_range(m) else m)
    early = headline(narrow, draws=300, seed=3)
    full = headline(narrow, draws=300, seed=3, early_stop=False)
    assert early.stopped_early and early.draws == MIN_DRAWS and full.draws == 300
    assert early.p95 - early.p5 > 0        # the draws do differ, below the shown digit
    for k in ("p5", "p50", "p95", "mean"):
        assert abs(getattr(early, k) - getattr(full, k)) < PRECISION / 2
    d = early.to_dict()
    assert d["stopped_early"] is True and d["draws"] == MIN_DRAWS and d["draws_requested"] == 300


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


def test_a_draw_numpy_cannot_certify_goes_to_highs(case, monkeypatch):
    from amip.optimizer.parametric import Reprice

    monkeypatch.setattr(Reprice, "solve", lambda self, cost: None)
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
