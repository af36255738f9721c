"""Where the time of one `amip` command goes: the command run in this process with the main phases
timed (wall clock, each phase's total over the run).

    python benchmarks/phases.py optimize --measures T.csv --budget B --format json --draws 0 > /dev/null

Prints to stderr: start-up (Python, imports), then per phase: load_measures, attach_effects,
apply_scenario, build_model, _solve, input_hash, make_result, headline, cost_only_choices,
render_json/write_json. Phases nest
(make_result is inside result_of; load_measures inside load). For the ratios against the plain
highspy script see bench_scale.py.
"""
from __future__ import annotations

import functools
import sys
import time

T0 = time.perf_counter()
spent: dict[str, float] = {}


def timed(module, name: str) -> None:
    f = getattr(module, name)

    @functools.wraps(f)
    def g(*a, **k):
        t, c = time.perf_counter(), time.process_time()
        try:
            return f(*a, **k)
        finally:
            w0, c0 = spent.get(name, (0.0, 0.0))
            spent[name] = (w0 + time.perf_counter() - t, c0 + time.process_time() - c)

    setattr(module, name, g)


def main() -> None:
    import amip.cli as cli
    import amip.export.text as text
    import amip.inputs.assemble as scenarios
    import amip.inputs.loader as loader
    import amip.models.case as case
    import amip.optimizer.cost_only as cost_only
    import amip.optimizer.headline as headline
    import amip.optimizer.result as result
    import amip.optimizer.solve as solve

    for module, names in ((loader, ("load_measures", "attach_effects")), (scenarios, ("apply_scenario",)),
                          (cli, ("load",)), (solve, ("build_model", "_solve", "make_result", "result_of")),
                          (text, ("render_json", "write_json")), (headline, ("headline",)),
                          (cost_only, ("cost_only_choices",)),
                          (case.Case, ("input_hash",)),
                          (result.OptimizationResult, ("to_dict", "json_payload"))):
        for name in names:
            timed(module, name)
    started = time.perf_counter()
    try:
        cli.main(sys.argv[1:])
    except SystemExit:
        pass
    end = time.perf_counter()
    print(f"start-up and imports {started - T0:7.3f} s, the command {end - started:7.3f} s (wall); "
          f"CPU in all {time.process_time():7.3f} s", file=sys.stderr)
    for name, (w, c) in spent.items():
        print(f"  {name:16s} {w:7.3f} s wall {c:7.3f} s CPU", file=sys.stderr)


if __name__ == "__main__":
    main()
