"""The joint national LP against plain highspy on the same joint model.

    python benchmarks/bench_national.py [--search TEXT] [--repeat 5]

First the separate LPs of every jobcenter (``amip.national.run.run_sequential``, no draws): each
result carries its LP block as PuLP built it; their wall and CPU time (per jobcenter: what a Dask task
of `amip national --draws 0` costs) are printed. Then, alternating A B A B …:

- A: ``amip.national.joint.joint`` — stack the blocks (numpy), solve with highspy, read the plan and
  the budget moves of every jobcenter;
- B: a plain highspy script on the same data: ``addCols``/``addRows`` block by block, one national
  budget row, ``run``, read the objective.

Prints the median of each, the median of the pairwise ratios A/B, and checks both objectives agree.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import highspy
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from amip.national.joint import joint  # noqa: E402
from amip.national.run import run_sequential  # noqa: E402
from amip.national.select import make_specs, select_jobcenters  # noqa: E402


def plain(blocks: list[dict]) -> float:
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    inf = highspy.kHighsInf
    col, budget_idx, budget_val, budget_rhs = 0, [], [], 0.0
    for b in blocks:
        n = len(b["col_cost"])
        h.addCols(n, b["col_cost"], b["col_lower"], b["col_upper"], 0, np.zeros(0, np.int32), np.zeros(0, np.int32),
                  np.zeros(0))
        # CSC → CSR of the block, its budget row kept apart
        m = len(b["row_upper"])
        cols = np.repeat(np.arange(n), np.diff(b["start"]))
        order = np.lexsort((cols, b["index"]))
        rows_s, cols_s, vals_s = b["index"][order], cols[order] + col, b["value"][order]
        on = rows_s == b["budget_row"]
        budget_idx.append(cols_s[on]), budget_val.append(vals_s[on])
        budget_rhs += b["row_upper"][b["budget_row"]]
        keep = np.arange(m) != b["budget_row"]
        r, c, v = rows_s[~on], cols_s[~on], vals_s[~on]
        starts = np.searchsorted(r, np.arange(m)[keep])
        h.addRows(int(keep.sum()), b["row_lower"][keep], b["row_upper"][keep], len(v), starts.astype(np.int32),
                  c.astype(np.int32), v)
        col += n
    idx, val = np.concatenate(budget_idx), np.concatenate(budget_val)
    h.addRow(-inf, budget_rhs, len(idx), idx.astype(np.int32), val)
    h.run()
    return -h.getInfo().objective_function_value


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--search", action="append", default=[])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    jcs = select_jobcenters(searches=tuple(args.search))
    t0, c0 = time.perf_counter(), time.process_time()
    results = run_sequential(make_specs(jcs, draws=0))
    t_blocks, c_blocks = time.perf_counter() - t0, time.process_time() - c0
    ok = [r for r in results if r["status"] == "ok"]
    blocks = [r["block"] for r in ok]
    constant = sum(r["objective_constant"] for r in ok)
    a, b, ratios = [], [], []
    for _ in range(args.repeat):
        t = time.perf_counter()
        j = joint(ok)
        a.append(time.perf_counter() - t)
        t = time.perf_counter()
        obj = plain(blocks) + constant
        b.append(time.perf_counter() - t)
        ratios.append(a[-1] / b[-1])
        if abs(obj - j["objective"]) > 1e-6 * abs(obj):
            raise SystemExit(f"objectives differ: amip {j['objective']} plain {obj}")
    print(f"{len(ok)} jobcenters, {j['columns']} columns, {j['rows']} rows; separate LPs and blocks "
          f"{t_blocks:.1f} s (sequential, in the run: the distributed map), CPU {c_blocks:.1f} s = "
          f"{c_blocks / max(1, len(results)):.3f} s per jobcenter")
    print(f"joint LP amip {statistics.median(a):.3f} s, plain highspy {statistics.median(b):.3f} s, "
          f"ratio {statistics.median(ratios):.2f}x (median of {args.repeat}); objective {j['objective']:.1f} "
          f"vs separate {j['separate_objective']:.1f}")


if __name__ == "__main__":
    main()
