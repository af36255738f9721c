"""Benchmark: amip's solve path against a plain highspy baseline on the same LP, in one process.

    python benchmarks/bench_solve.py [--repeat N]

Prints per-solve times and the ratio (amip / baseline). The baseline builds the identical LP
directly in highspy from the case data (no PuLP) and solves it from scratch each time.
"""
from __future__ import annotations

import argparse
import statistics
import time

import highspy
import numpy as np

from amip.inputs.loader import load_case
from amip.optimizer import optimize
from amip.optimizer.build import build_model


def highspy_model(case) -> tuple[highspy.Highs, float]:
    """The allocation LP built directly in highspy from the case data (no PuLP), not yet solved.
    Returns the model and the objective constant (integrations of the fixed entries). Column j is the
    j-th measure with new entries; row 0 is the budget; the last column is the PAT relief."""
    ms = [m for m in case.measures if m.budget_basis.has_new_entries]
    n = len(ms) + 1
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    inf = highspy.kHighsInf
    cost = np.array([-m.integration_rate for m in ms] + [0.0])
    lower = np.array([m.lower_entries for m in ms] + [0.0])
    upper = np.array([m.upper_entries for m in ms] + [inf])
    h.addVars(n, lower, upper)
    h.changeColsCost(n, np.arange(n, dtype=np.int32), cost)

    def row(coefs, lo, hi):
        idx = np.array([i for i, c in enumerate(coefs) if c], dtype=np.int32)
        h.addRow(lo, hi, len(idx), idx, np.array([coefs[i] for i in idx], dtype=float))

    row([m.cost_per_entry_eur for m in ms] + [-1.0], -inf, case.budget.neufallbudget_eur - case.fixed_spend_eur)
    row([-case.pat_relief_per_entry_eur(m) for m in ms] + [1.0], -inf, 0.0)
    row([0.0] * len(ms) + [1.0], -inf, case.pat.new_cases_cap_eur)
    for f in case.fields:
        fixed = sum(m.fixed_entries for m in case.measures if m.field == f.id)
        row([1.0 if m.field == f.id else 0.0 for m in ms] + [0.0], f.min_entries - fixed, inf)
    for pool in case.pools.values():
        fixed = sum(m.fixed_entries for m in case.measures if m.pool == pool.id)
        row([1.0 if m.pool == pool.id else 0.0 for m in ms] + [0.0], -inf, pool.size - fixed)
    for rule in case.rules.eligibility:
        fixed = sum(m.fixed_entries for m in case.measures if m.instrument_type in rule.instrument_types)
        row([1.0 if m.instrument_type in rule.instrument_types else 0.0 for m in ms] + [0.0], -inf,
            case.pools[rule.pool].size - fixed)
    return h, sum(m.integration_rate * m.fixed_entries for m in case.measures)


def highspy_solve(case) -> float:
    h, constant = highspy_model(case)
    h.run()
    return -h.getInfo().objective_function_value + constant


def timeit(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=50)
    args = ap.parse_args()
    case = load_case()
    assert abs(optimize(case).objective - highspy_solve(case)) < 1e-6 * highspy_solve(case)
    base = timeit(lambda: highspy_solve(case), args.repeat)
    build = timeit(lambda: build_model(case), args.repeat)
    full = timeit(lambda: optimize(case), args.repeat)
    b, f = statistics.median(base), statistics.median(full)
    print(f"Duisburg 2020, {sum(m.budget_basis.has_new_entries for m in case.measures)} variables, "
          f"median of {args.repeat}")
    print(f"  plain highspy build+solve      {b * 1e3:8.2f} ms   (baseline)")
    print(f"  amip build_model (PuLP)        {statistics.median(build) * 1e3:8.2f} ms")
    print(f"  amip optimize (build+solve+result) {f * 1e3:8.2f} ms   ratio {f / b:.1f}x baseline")


if __name__ == "__main__":
    main()
