"""Scale benchmark as users run it: `amip optimize` with the default options (the headline's P5–P95
included) and with `--draws 0`, against the plain highspy script, on synthetic tables of Duisburg's
shape, as whole processes in one run (A B C A B C …), with each process's peak memory.

    python benchmarks/bench_scale.py [--sizes 1000,10000,100000] [--repeat 3] [--table]

For each size: the table (benchmarks/synthetic.py), then in turn
  A  `amip optimize --measures T --budget B --format json > file`            (defaults: 300 draws)
  B  the same with `--draws 0`                                                (no headline range)
  C  `python benchmarks/plain_highspy.py T B file`                            (the same LP, nothing else)
  D  with --table: `amip optimize --measures T --budget B > file`             (the terminal table, all defaults)
and prints per command the median wall and CPU seconds (user + system, from the operating system's
accounting of the finished process: on a shared machine CPU time moves less than wall time), the
median of the pairwise ratios A/C and B/C (wall and CPU; pairs of runs made back to back, so a change
of the machine's load hits both), the peak RSS (largest of the runs), the headline's draws, and
whether all three reach the same objective.
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
#: One BLAS thread for every command, the baseline too: `amip` sets it for itself (amip/__main__.py);
#: without it the plain script's idle OpenBLAS threads add ~0,1 s of CPU (0,46 s CPU for 0,33 s wall at
#: 10.000 measures), which would flatter the CPU ratios.
ENV.setdefault("OPENBLAS_NUM_THREADS", "1")


def run(cmd: list[str], stdout) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS in MB of one whole process."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.DEVNULL, env=ENV)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(map(str, cmd))}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--table", action="store_true", help="also the default table output (slow: rich draws every row)")
    args = ap.parse_args()
    # Every process starts from byte-compiled modules, as an installed package does (a shell with
    # PYTHONDONTWRITEBYTECODE=1 would otherwise recompile amip's ~60 modules on every run).
    import compileall

    compileall.compile_dir(str(HERE.parent / "amip"), quiet=1)
    print(f"{'measures':>9} {'command':<14} {'wall s':>7} {'cpu s':>7} {'/plain wall':>11} {'/plain cpu':>10} "
          f"{'peak MB':>8}  notes")
    with tempfile.TemporaryDirectory() as d:
        for n in (int(s) for s in args.sizes.split(",")):
            table = Path(d) / f"syn{n}.csv"
            budget = synthetic.write(n, table)
            outs = {k: Path(d) / f"{k}.json" for k in ("default", "draws0", "plain", "table")}
            amip = [str(AMIP), "optimize", "--measures", str(table), "--budget", str(int(budget)), "--format", "json"]
            cmds = {"default": amip, "draws0": [*amip, "--draws", "0"],
                    "plain": [sys.executable, str(HERE / "plain_highspy.py"), str(table), str(budget),
                              str(outs["plain"])]}
            if args.table:
                cmds["table"] = amip[:-2]
            seen: dict[str, list[tuple[float, float, float]]] = {k: [] for k in cmds}
            for _ in range(args.repeat):
                for k, cmd in cmds.items():
                    with open(outs[k] if k != "plain" else os.devnull, "w") as fh:
                        seen[k].append(run(cmd, fh))
            objective = {k: json.loads(outs[k].read_text())["objective"] for k in cmds if k != "table"}
            head = json.loads(outs["default"].read_text())["headline"]
            same = all(abs(v - objective["plain"]) <= 1e-6 * max(1.0, abs(objective["plain"]))
                       for v in objective.values())
            for k in cmds:
                wall = statistics.median(r[0] for r in seen[k])
                cpu = statistics.median(r[1] for r in seen[k])
                ratio_wall = statistics.median(a[0] / b[0] for a, b in zip(seen[k], seen["plain"]))
                ratio_cpu = statistics.median(a[1] / b[1] for a, b in zip(seen[k], seen["plain"]))
                note = ""
                if k == "default":
                    note = (f"headline: {head['draws']} of {head.get('draws_requested', head['draws'])} draws"
                            + (f" ({head['reason_code']})" if head.get("reason_code") else "")
                            + (f", solved by {head['solved_by']}" if "solved_by" in head else ""))
                if k == "plain":
                    note = "objectives " + ("same" if same else f"DIFFER {objective}") + f" ({objective['plain']:.3f})"
                print(f"{n:>9} {k:<14} {wall:>7.2f} {cpu:>7.2f} {ratio_wall:>11.2f} {ratio_cpu:>10.2f} "
                      f"{max(r[2] for r in seen[k]):>8.0f}  {note}")


if __name__ == "__main__":
    main()
