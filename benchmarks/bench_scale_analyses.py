"""Scale benchmark of the analyses (issue 19, item 1): `amip sensitivity` at 1.000 and 10.000 synthetic
measures, and `amip optimize --integer` at 1.000, as whole processes in the same run (A B A B …), each
against the plain highspy script (benchmarks/plain_highspy.py) at the same size, with peak memory.

    python benchmarks/bench_scale_analyses.py [--sizes 1000,10000] [--integer-size 1000] [--repeat 3]

1. `amip sensitivity --measures T --budget B --quiet` with the options a planner gets by default
   (table output, --draws 1000, --points 101, --budget-range 50:150, --tornado-pct 10, --jobs 1;
   --quiet only drops the progress bar): the median time per size, t(largest) / t(smallest)
   (target ≤ 15× for 10.000 against 1.000), and each against the plain LP script at its size.
2. `amip optimize --integer --measures T --budget B --draws 0 --format json` against
   `amip optimize --draws 0 --format json` (same table) and against the plain LP script: the median
   of the pairwise ratios (target: --integer ≤ 5× the plain LP script); the MILP's objective must
   not exceed the LP's, and the LP runs must agree.

Tables: benchmarks/synthetic.py (Duisburg's shape). Times: median of --repeat runs; memory: the
largest peak RSS of the runs.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import synthetic  # noqa: E402
from bench_scale import AMIP, run  # noqa: E402

PLAIN = HERE / "plain_highspy.py"


def timed(cmds: dict[str, list[str]], repeat: int, outputs: dict[str, Path] | None = None) -> dict[str, tuple]:
    """Each command ``repeat`` times, interleaved (A B A B …): name → (times, peak MB)."""
    outputs = outputs or {}
    times = {k: [] for k in cmds}
    peak = {k: 0.0 for k in cmds}
    for _ in range(repeat):
        for name, cmd in cmds.items():
            if name in outputs:
                with open(outputs[name], "w") as fh:
                    t, m = run(cmd, fh)
            else:
                t, m = run(cmd, subprocess.DEVNULL)
            times[name].append(t)
            peak[name] = max(peak[name], m)
    return {k: (times[k], peak[k]) for k in cmds}


def ratio(a: list[float], b: list[float]) -> float:
    return statistics.median(x / y for x, y in zip(a, b))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000", help="sizes of the sensitivity runs (first = reference)")
    ap.add_argument("--integer-size", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip", choices=["sensitivity", "integer"], action="append", default=[])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)

        def table(n: int) -> tuple[Path, int]:
            path = d / f"syn{n}.csv"
            return path, int(synthetic.write(n, path))

        if "sensitivity" not in args.skip:
            sizes = [int(s) for s in args.sizes.split(",")]
            print(f"amip sensitivity (defaults: table, --draws 1000, --points 101, --budget-range 50:150, "
                  f"--jobs 1; --quiet), median of {args.repeat}")
            print(f"{'measures':>9} {'sens s':>8} {'plain s':>8} {'× plain':>8} {'sens MB':>8} {'plain MB':>9}")
            med = {}
            for n in sizes:
                path, budget = table(n)
                res = timed({"sens": [str(AMIP), "sensitivity", "--measures", str(path), "--budget", str(budget),
                                      "--quiet"],
                             "plain": [sys.executable, str(PLAIN), str(path), str(budget), str(d / "plain.json")]},
                            args.repeat)
                (ts, ms), (tp, mp) = res["sens"], res["plain"]
                med[n] = statistics.median(ts)
                print(f"{n:>9} {med[n]:>8.2f} {statistics.median(tp):>8.2f} {ratio(ts, tp):>8.1f} "
                      f"{ms:>8.0f} {mp:>9.0f}")
            ref = sizes[0]
            for n in sizes[1:]:
                print(f"t({n}) / t({ref}) = {med[n] / med[ref]:.1f}× (measures × {n / ref:g}; target ≤ 15×)")

        if "integer" not in args.skip:
            n = args.integer_size
            path, budget = table(n)
            base = [str(AMIP), "optimize", "--measures", str(path), "--budget", str(budget), "--draws", "0",
                    "--format", "json"]
            outs = {"integer": d / "int.json", "lp": d / "lp.json"}
            res = timed({"integer": base[:2] + ["--integer"] + base[2:], "lp": base,
                         "plain": [sys.executable, str(PLAIN), str(path), str(budget), str(d / "plain.json")]},
                        args.repeat, outs)
            (ti, mi), (tl, ml), (tp, mp) = res["integer"], res["lp"], res["plain"]
            oi = json.loads(outs["integer"].read_text())["objective"]
            ol = json.loads(outs["lp"].read_text())["objective"]
            op = json.loads((d / "plain.json").read_text())["objective"]
            print(f"\namip optimize --integer at {n} measures (--draws 0 --format json), median of {args.repeat}")
            print(f"  --integer      {statistics.median(ti):6.2f} s  {mi:5.0f} MB  objective {oi:.3f}")
            print(f"  LP (amip)      {statistics.median(tl):6.2f} s  {ml:5.0f} MB  objective {ol:.3f}")
            print(f"  plain highspy  {statistics.median(tp):6.2f} s  {mp:5.0f} MB  objective {op:.3f}")
            print(f"  --integer / plain LP script {ratio(ti, tp):.1f}× (target ≤ 5×), / amip LP {ratio(ti, tl):.2f}×, "
                  f"amip LP / plain {ratio(tl, tp):.1f}×")
            if oi > ol + 1e-6 * max(1.0, abs(ol)) or abs(ol - op) > 1e-6 * max(1.0, abs(op)):
                raise SystemExit(f"objectives disagree: integer {oi}, LP {ol}, plain {op}")


if __name__ == "__main__":
    main()
