"""Scale benchmark: `amip optimize` end to end against the plain highspy script on synthetic tables of
Duisburg's shape, as whole processes in the same run (A B A B …), with each process's peak memory.

    python benchmarks/bench_scale.py [--sizes 1000,10000,100000] [--repeat 3]

For each size: the table (benchmarks/synthetic.py), then `amip optimize --measures T --budget B
--format json > file` against `python benchmarks/plain_highspy.py T B file`; prints the median wall
time of each, the median of the pairwise ratios, the peak RSS of each (largest of the runs), and checks
that both reach the same objective.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import synthetic  # noqa: E402

AMIP = Path(sys.executable).with_name("amip")


#: Tables beyond the reading layer's default limit of 20.000 rows (amip.inputs.reading) are read
#: with it raised, as the README says a user does for a large table.
ENV = dict(os.environ, AMIP_MAX_ROWS="1000000")


def run(cmd: list[str], stdout) -> tuple[float, float]:
    """Wall seconds and peak RSS in MB of one whole process."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.DEVNULL, env=ENV)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(map(str, cmd))}")
    return wall, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    # Both processes start from byte-compiled modules, as an installed package does (a shell with
    # PYTHONDONTWRITEBYTECODE=1 would otherwise recompile amip's ~60 modules on every run).
    import compileall

    compileall.compile_dir(str(HERE.parent / "amip"), quiet=1)
    print(f"{'measures':>9} {'amip s':>8} {'plain s':>8} {'ratio':>6} {'amip MB':>8} {'plain MB':>8}  objectives")
    with tempfile.TemporaryDirectory() as d:
        for n in (int(s) for s in args.sizes.split(",")):
            table = Path(d) / f"syn{n}.csv"
            budget = synthetic.write(n, table)
            a_out, b_out = Path(d) / "amip.json", Path(d) / "plain.json"
            # --draws 0: the plain script solves once; the headline's re-optimised Monte Carlo
            # (issue 14) is timed on its own in bench_headline.py
            a_cmd = [str(AMIP), "optimize", "--measures", str(table), "--budget", str(int(budget)), "--format", "json",
                     "--draws", "0"]
            b_cmd = [sys.executable, str(HERE / "plain_highspy.py"), str(table), str(budget), str(b_out)]
            ta, tb, ma, mb = [], [], [], []
            for _ in range(args.repeat):
                with open(a_out, "w") as fh:
                    t, m = run(a_cmd, fh)
                ta.append(t), ma.append(m)
                t, m = run(b_cmd, subprocess.DEVNULL)
                tb.append(t), mb.append(m)
            oa = json.loads(a_out.read_text())["objective"]
            ob = json.loads(b_out.read_text())["objective"]
            ratio = statistics.median(a / b for a, b in zip(ta, tb))
            same = "same" if abs(oa - ob) <= 1e-6 * max(1.0, abs(ob)) else f"DIFFER {oa} vs {ob}"
            print(f"{n:>9} {statistics.median(ta):>8.2f} {statistics.median(tb):>8.2f} {ratio:>6.2f} "
                  f"{max(ma):>8.0f} {max(mb):>8.0f}  {same} ({oa:.3f})")


if __name__ == "__main__":
    main()
