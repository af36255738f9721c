"""Benchmark: the honest headline of `amip optimize` (issue 14) against the optimisation it qualifies.

    python benchmarks/bench_headline.py [--repeat 7] [--draws 300]

In one process, median of ``--repeat`` runs for the Duisburg case in each effect measure: one
``optimize`` (build, solve, result incl. the three effect measures and the net P5/P95 of the fixed
plan) and one ``headline`` (warm model, ``--draws`` rate draws, the LP re-optimised per draw). Prints
both times and the ratio headline / optimize; the ratio moves less with the machine's load.
"""
from __future__ import annotations

import argparse
import statistics
import time

from amip.models.effects import EFFECTS
from amip.optimizer import optimize
from amip.optimizer.headline import headline
from amip.scenarios import load_scenario


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--draws", type=int, default=300)
    args = ap.parse_args()
    base = load_scenario(None)
    print(f"{'effect':<10} {'optimize':>10} {'headline':>10} {'ratio':>7}")
    for effect in EFFECTS:
        case = base.with_effect(effect)
        opt, head = [], []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            optimize(case)
            t1 = time.perf_counter()
            headline(case, draws=args.draws)
            t2 = time.perf_counter()
            opt.append(t1 - t0)
            head.append(t2 - t1)
        o, h = statistics.median(opt), statistics.median(head)
        print(f"{effect:<10} {o * 1e3:>8.1f}ms {h * 1e3:>8.1f}ms {h / o:>6.2f}×")


if __name__ == "__main__":
    main()
