"""Benchmark: what the planning-realism modes (issue 7) cost against the plain LP, in one process.

    python benchmarks/bench_planning.py [--repeat 7] [--points 11]

Times, for Duisburg 2020 (median of --repeat runs), each as a ratio to the plain LP
(`amip.optimizer.optimize` with no feature, build + solve + result):

1. --integer: the MILP with whole classes, plus its LP relaxation (the bound) and the rounded LP plan;
2. --returns: the LP with the concave yield (one excess column per breakpoint and measure);
3. --groups and --staff: the LP with the group rows / soft staff rows;
4. --goal integrations>=4500: the minimum-cost LP;
5. the trade-off frontier integrations ↔ lzb with --points points, re-run warm on one HiGHS model,
   against rebuilding and solving a PuLP model for every point.
"""
from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import replace

import pulp

from amip.inputs.assemble import load_scenario
from amip.models.objective import Goal, Objective
from amip.optimizer import optimize
from amip.optimizer.build import build_model
from amip.optimizer.highs import solve_problem, solver_chatter_to_stderr
from amip.optimizer.targets import tradeoff


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def tradeoff_rebuilt(case, a: str, b: str, points: int) -> list[float]:
    """The same ε-constraint frontier, with a new PuLP model for every point."""
    top = build_model(case, objective=Objective(weights=((a, 1.0),)))
    solve_problem(top.prob)
    a_max = pulp.value(top.targets[a])
    low = build_model(case, objective=Objective(weights=((b, 1.0),)))
    solve_problem(low.prob)
    a_min = pulp.value(low.targets[a])
    out = []
    for k in range(points):
        built = build_model(case, objective=Objective(weights=((b, 1.0),)))
        built.prob += built.targets[a] >= a_min + (a_max - a_min) * k / (points - 1) - 1e-7, "eps"
        solve_problem(built.prob)
        out.append(pulp.value(built.targets[b]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--points", type=int, default=11)
    args = ap.parse_args()
    case = load_scenario()

    def using(*features):
        return replace(case, planning=replace(case.planning, features=features))

    runs = {
        "plain LP": lambda: optimize(case),
        "--integer (MILP + LP bound + rounded LP)": lambda: optimize(using("integer")),
        "--returns": lambda: optimize(using("returns")),
        "--groups": lambda: optimize(using("groups")),
        "--staff": lambda: optimize(using("staff")),
        "all four": lambda: optimize(using("integer", "returns", "groups", "staff")),
        "--goal integrations>=4500": lambda: optimize(case, goal=Goal("integrations", 4500)),
    }
    with solver_chatter_to_stderr():
        times = {name: median_time(fn, args.repeat) for name, fn in runs.items()}
        warm = median_time(lambda: tradeoff(case, "integrations", "lzb", points=args.points), args.repeat)
        cold = median_time(lambda: tradeoff_rebuilt(case, "integrations", "lzb", args.points), args.repeat)
        warm_pts = [p.b for p in tradeoff(case, "integrations", "lzb", points=args.points)]
        cold_pts = tradeoff_rebuilt(case, "integrations", "lzb", args.points)
    base = times["plain LP"]
    print(f"Duisburg 2020, median of {args.repeat} runs; ratio = time / plain LP ({base * 1000:.1f} ms)")
    for name, t in times.items():
        print(f"  {name:44} {t * 1000:8.1f} ms  {t / base:6.2f}x")
    same = max(abs(x - y) for x, y in zip(warm_pts, cold_pts, strict=True))
    print(f"Trade-off integrations <-> lzb, {args.points} points: warm {warm * 1000:.1f} ms, "
          f"rebuilt {cold * 1000:.1f} ms: "
          f"{warm / cold:.2f}x of the rebuild (largest difference of the frontier values {same:.2e})")


if __name__ == "__main__":
    main()
