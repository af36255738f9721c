"""``solve_case(spec) -> dict``, one jobcenter × scenario × draws, and the drivers that map it over
every task: a plain loop (the sequential reference) or Dask distributed. Both give the same numbers:
a task depends on its spec alone (its own seed, the nominal basis for every draw).

A result is a small dict of plain numbers (JSON-able but for the LP ``block`` the joint LP stacks):
``objective`` is the plan's value in the effect measure it was optimised in (``effect``, default
gross; the Monte Carlo draws and the joint LP use the same), ``effects`` the plan under all three
effect measures (gross, net, kennzahl; ``amip.models.check.plan_effects``), ``integrations`` its gross
integrations.
"""
from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from amip import texts as T
from amip.errors import InputError, os_reason
from amip.national.cases import CaseSpec, load_spec_case, rate_factor, ratio

Progress = Callable[[int], None]
SCHEDULER_TIMEOUT = "10s"   #: how long `--scheduler ADDRESS` may take to answer


def _block(model) -> dict:
    """The solved case's LP as HiGHS holds it (columns, rows, CSC matrix), with the budget row marked:
    the joint national LP stacks these blocks."""
    from amip.models.check import BUDGET

    built, lp = model.built, model.h.getLp()
    a = lp.a_matrix_
    return {"col_cost": np.asarray(lp.col_cost_, float), "col_lower": np.asarray(lp.col_lower_, float),
            "col_upper": np.asarray(lp.col_upper_, float), "row_lower": np.asarray(lp.row_lower_, float),
            "row_upper": np.asarray(lp.row_upper_, float), "start": np.asarray(a.start_, np.int64),
            "index": np.asarray(a.index_, np.int64), "value": np.asarray(a.value_, float),
            "budget_row": int(built.prob.get_constraint_by_name(BUDGET).index),
            "row_names": [name for name, _ in sorted(((c.name, c.index) for c in built.prob.constraints()),
                                                      key=lambda t: t[1])],
            "x_cols": {mid: int(v.index) for mid, v in built.x.items()}}


def _error(spec: CaseSpec, problem: str) -> dict:
    return {"traeger_nr": spec.traeger_nr, "name": spec.name, "form": spec.form, "scenario": spec.scenario,
            "status": "error", "error": problem}


def solve_case(spec: CaseSpec) -> dict:
    """One task: the jobcenter's case (own folder or derived), its optimum checked by the independent
    checker, and its Monte Carlo draws. Any failure comes back as ``status: error`` with the problem,
    so the other tasks complete."""
    try:
        return _solve_case(spec)
    except Exception as e:   # noqa: BLE001 – a failed case is reported by name, the run goes on
        return _error(spec, str(e) or type(e).__name__)


def _solve_case(spec: CaseSpec) -> dict:
    from amip.inputs.national import find_jobcenter
    from amip.models.check import check_allocation, plan_effects, score_plan
    from amip.optimizer.highs import solver_chatter_to_stderr
    from amip.optimizer.montecarlo import columns, outcomes
    from amip.optimizer.uncertainty import draw_rates
    from amip.optimizer.warm import Batch, WarmModel, solve_batch

    t0 = time.perf_counter()
    jc = find_jobcenter(spec.traeger_nr)
    case = load_spec_case(spec)
    with solver_chatter_to_stderr():
        model = WarmModel(case)   # builds the PuLP model and solves it once
        block = _block(model)
        plan = {mid: float(v.value() or 0.0) for mid, v in model.built.x.items()}
        score = score_plan(case, plan)
        effects = {e: v["value"] for e, v in plan_effects(case, plan).items()}
        violations = [v.name for v in check_allocation(case, plan)]
        draws = None
        if spec.draws:
            rates = draw_rates(case.measures, spec.draws, spec.seed)
            res = solve_batch(model, Batch(rates=rates[:, columns(case, model.ids)]))
            integ = np.full(spec.draws, np.nan)
            ok = res.optimal
            integ[ok] = outcomes(case, rates[ok], model.ids, res.x[ok]).integrations
            draws = integ
    budget = case.budget.neufallbudget_eur
    x = np.array([plan[mid] for mid in block["x_cols"]])
    c = -block["col_cost"][list(block["x_cols"].values())]
    out = {"traeger_nr": spec.traeger_nr, "name": jc.name, "form": jc.form, "scenario": spec.scenario,
           "scenario_name": case.scenario,
           "status": "ok", "error": None, "source": "own" if spec.folder else "derived", "folder": spec.folder,
           "case": case.name, "ratio_lzb_gsq": ratio(jc),
           "rate_factor": None if spec.folder else rate_factor(jc, spec.index), **_index_keys(spec),
           "egt_eur": case.budget.egt_zuteilung_eur, "budget_eur": budget,
           "effect": case.effect, "integrations": effects["gross"], "objective": score.objective,
           "effects": effects,
           "spend_eur": score.spend_eur, "unspent_eur": _unspent(budget, score.spend_eur), "entries": score.entries,
           "violations": violations, "draws": spec.draws, "seed": spec.seed,
           "mc": _band(draws), "draw_integrations": None if draws is None else draws.tolist(),
           "plan": plan, "objective_constant": score.objective - float(c @ x) - _pat_term(block, model),
           "budget_offset_eur": budget - block["row_upper"][block["budget_row"]],
           "block": block, "seconds": time.perf_counter() - t0}
    return out


def _index_keys(spec: CaseSpec) -> dict:
    """The jobcenter's row of the rate index (its K2, the national K2, basis, source); None for an own folder."""
    from amip.national.index import index_of

    if spec.folder:
        return {"index_k2_pct": None, "index_k2_bund_pct": None, "index_basis": None, "index_source": None}
    i = index_of(spec.traeger_nr, spec.index)
    return {"index_k2_pct": i.k2_pct, "index_k2_bund_pct": i.k2_bund_pct, "index_basis": i.basis,
            "index_source": i.source}


def _unspent(budget: float, spend: float) -> float:
    """Budget − spend, with the solver's rounding (|x| < 1 ct) shown as 0."""
    d = budget - spend
    return 0.0 if abs(d) < 0.01 else d


def _pat_term(block: dict, model) -> float:
    """The objective part of columns other than the measures (none today: PAT relief costs nothing)."""
    measure_cols = set(block["x_cols"].values())
    others = [i for i in range(len(block["col_cost"])) if i not in measure_cols]
    vals = np.asarray(model.h.getSolution().col_value)[others] if others else np.zeros(0)
    return float(-block["col_cost"][others] @ vals) if others else 0.0


def _band(draws: np.ndarray | None) -> dict | None:
    if draws is None or not np.isfinite(draws).any():
        return None
    v = draws[np.isfinite(draws)]
    return {"p5": float(np.percentile(v, 5)), "p50": float(np.percentile(v, 50)), "p95": float(np.percentile(v, 95)),
            "mean": float(v.mean()), "infeasible_draws": int((~np.isfinite(draws)).sum())}


# --------------------------------------------------------------------------- drivers
def run_sequential(specs: list[CaseSpec], *, progress: Progress | None = None) -> list[dict]:
    """The sequential reference: every task in this process, in order."""
    out = []
    for spec in specs:
        out.append(solve_case(spec))
        if progress:
            progress(1)
    return out


def dask_missing() -> str | None:
    """The missing packages of the 'national' extra, or None."""
    import importlib.util

    missing = [m for m in ("dask", "distributed", "pyarrow") if importlib.util.find_spec(m) is None]
    return ", ".join(missing) or None


#: Schemes --scheduler accepts (Dask's TCP and TLS comms); others (ucx://, ws://, http://) are refused.
SCHEDULER_SCHEMES = ("tcp", "tls")
HANDSHAKE_TIMEOUT_S = 5.0   #: connect, and the scheduler's first message (a Dask scheduler writes it at once)


def check_scheduler(address: str) -> None:
    """Refuse a --scheduler address before any work is spread (issue 29): an unsupported scheme, a port
    nobody listens on, a port that accepts but never answers (no hang: a timeout), and a server that
    answers but not as Dask does (an HTTP or SSH server). A Dask scheduler writes its handshake first:
    8 bytes of length, then the frame count (both little-endian, small); that is all this reads."""
    import socket
    import struct

    def refuse(problem: str) -> InputError:
        return InputError(T.NAT_BAD_SCHEDULER.format(address=address[:200], problem=problem))

    scheme, sep, rest = address.partition("://")
    if not sep:
        scheme, rest = "tcp", address
    if scheme.lower() not in SCHEDULER_SCHEMES:
        raise refuse(T.NAT_SCHEDULER_SCHEME.format(scheme=scheme[:40], allowed=", ".join(f"{s}://" for s in
                                                                                        SCHEDULER_SCHEMES)))
    host, _, port = rest.rstrip("/").rpartition(":")
    host = host.strip("[]")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise refuse(T.NAT_SCHEDULER_FORM)
    try:
        sock = socket.create_connection((host, int(port)), timeout=HANDSHAKE_TIMEOUT_S)
    except OSError as e:
        raise refuse(T.NAT_SCHEDULER_CONNECT.format(reason=os_reason(e))) from None
    if scheme.lower() == "tls":   # the TLS handshake is Dask's own (certificates): only the connection here
        sock.close()
        return
    try:
        head, deadline = b"", time.monotonic() + HANDSHAKE_TIMEOUT_S   # one deadline: a dribble does not extend it
        while len(head) < 16:
            sock.settimeout(max(0.01, deadline - time.monotonic()))
            part = sock.recv(16 - len(head))
            if not part:
                raise refuse(T.NAT_SCHEDULER_CLOSED)
            head += part
    except TimeoutError:
        raise refuse(T.NAT_SCHEDULER_SILENT.format(s=f"{HANDSHAKE_TIMEOUT_S:g}")) from None
    except OSError as e:
        raise refuse(T.NAT_SCHEDULER_CONNECT.format(reason=os_reason(e))) from None
    finally:
        sock.close()
    size, frames = struct.unpack("<QQ", head)
    if not (16 <= size <= 1 << 20 and 1 <= frames <= 64):
        raise refuse(T.NAT_SCHEDULER_NOT_DASK.format(start=head[:12].decode("latin-1").encode("unicode_escape")
                                                      .decode("ascii")))


def run_dask(specs: list[CaseSpec], *, workers: int | None = None, scheduler: str | None = None,
             progress: Progress | None = None) -> list[dict]:
    """Every task on Dask distributed: a LocalCluster (``workers`` processes, one thread each;
    default one per core) or the cluster behind ``scheduler``. Results come back in spec order; a task
    whose worker died is reported by name like any failed case."""
    import logging
    import os

    from distributed import Client, LocalCluster, as_completed

    if scheduler:
        try:
            client = Client(scheduler, timeout=SCHEDULER_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as e:
            raise InputError(T.NAT_BAD_SCHEDULER.format(address=scheduler, problem=str(e) or type(e).__name__)) \
                from None
        cluster = None
    else:
        try:
            cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                                   dashboard_address=":0", silence_logs=logging.ERROR)
        except KeyboardInterrupt:   # SIGINT/SIGTERM/SIGHUP while the workers start (amip.interrupt)
            _abandon_starting_cluster()
            raise
        client = Client(cluster)
    try:
        futures = client.map(solve_case, specs, pure=False)
        index = {f.key: k for k, f in enumerate(futures)}
        out: list[dict | None] = [None] * len(specs)
        for f in as_completed(futures):
            k = index[f.key]
            if f.status == "finished":
                out[k] = f.result()
            else:
                exc = f.exception()
                out[k] = _error(specs[k], f"Worker: {exc or f.status}")
            f.release()
            if progress:
                progress(1)
        return out   # type: ignore[return-value]
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _abandon_starting_cluster() -> None:
    """A cluster interrupted while its workers start cannot be closed by Dask: its exit hook would try
    and fail (a worker still starting) with a traceback. The hook is dropped; the worker processes are
    daemonic and end with this process (multiprocessing's own exit hook; checked by tests/test_interrupt)."""
    import atexit

    from distributed.deploy.spec import close_clusters

    atexit.unregister(close_clusters)


# --------------------------------------------------------------------------- totals
def totals(results: list[dict]) -> dict:
    """National totals over the successful results: integrations, spending, unspent money, and the
    Monte Carlo band of the sum (draw k of every jobcenter summed; draws where all are feasible)."""
    ok = [r for r in results if r["status"] == "ok"]
    effects = {e: (None if any(r["effects"][e] is None for r in ok) else float(sum(r["effects"][e] for r in ok)))
               for e in (ok[0]["effects"] if ok else ())}
    t = {"integrations": float(sum(r["integrations"] for r in ok)),
         "objective": float(sum(r["objective"] for r in ok)), "effects": effects,
         "spend_eur": float(sum(r["spend_eur"] for r in ok)),
         "unspent_eur": float(sum(r["unspent_eur"] for r in ok)),
         "budget_eur": float(sum(r["budget_eur"] for r in ok)), "jobcenters": len(ok),
         "failed": len(results) - len(ok)}
    draws = [r["draw_integrations"] for r in ok if r.get("draw_integrations") is not None]
    if draws and len(draws) == len(ok) and len({len(d) for d in draws}) == 1:
        s = np.asarray(draws, float).sum(axis=0)
        t["monte_carlo"] = _band(s)
    else:
        t["monte_carlo"] = None
    return t


def public(result: dict) -> dict:
    """A result without its LP block, per-draw vector and plan (for JSON and Parquet)."""
    return {k: v for k, v in result.items() if k not in ("block", "draw_integrations", "plan")}


# --------------------------------------------------------------------------- the whole run
def index_notes(specs: list[CaseSpec]) -> list[str]:
    """How the derived jobcenters of the run were varied: the rate index (by basis) and the budget chain."""
    from amip.inputs.loader import DEFAULT_CASE, load_yaml
    from amip.models.frame import NATIONAL_UMSCHICHTUNG_SHARE
    from amip.national.index import INDEX_TABLE, index_of

    derived = [s for s in specs if s.folder is None]
    if not derived:
        return []
    rows = {s.traeger_nr: index_of(s.traeger_nr, s.index) for s in derived}
    count = {k: sum(1 for r in rows.values() if r.basis.startswith(k)) for k in ("Jobcenter", "Land", "Bund")}
    b = load_yaml(DEFAULT_CASE, "case file")["budget"]
    egt = (b["globalbudget_eur"]["value"] - b["verwaltung_gesamt_eur"]["value"] + b["kfa_eur"]["value"]
           + b["umschichtung_eur"]["value"] + b["rueckeinnahmen_verwaltung_eur"]["value"])
    return [T.NAT_INDEX_NOTE.format(file=derived[0].index or INDEX_TABLE.name, own=count["Jobcenter"],
                                    land=count["Land"], bund=count["Bund"]),
            T.NAT_SHARES_NOTE.format(umschichtung=f"{NATIONAL_UMSCHICHTUNG_SHARE * 100:.1f} %".replace(".", ","),
                                     vorbindungen=f"{b['vorbindungen_eur']['value'] / egt * 100:.1f} %"
                                     .replace(".", ","))]



def run_national(specs: list[CaseSpec], *, scenarios: tuple[str, ...], engine: str = "dask",
                 workers: int | None = None, scheduler: str | None = None, with_joint: bool = True,
                 progress: Progress | None = None, settings: dict | None = None) -> dict:
    """Every task (sequential or on Dask), the totals per scenario, the joint LP of the first
    scenario, and the notes every output carries (derived catalogues, own folders, draws)."""
    from amip.national.joint import joint, public_moves

    t0 = time.perf_counter()
    if engine == "sequential":
        results = run_sequential(specs, progress=progress)
    else:
        results = run_dask(specs, workers=workers, scheduler=scheduler, progress=progress)
    seconds = time.perf_counter() - t0
    # a scenario file's own name may differ from what was asked for: match by position in the specs
    by = {s: [r for r, spec in zip(results, specs, strict=True) if spec.scenario == s] for s in scenarios}
    tot = {s: totals(rs) for s, rs in by.items()}
    j = None
    if with_joint and any(r["status"] == "ok" for r in by[scenarios[0]]):
        j = public_moves(joint(by[scenarios[0]]))
    notes = [T.NAT_DERIVED_NOTE] + index_notes(specs)
    own = sorted({(r["name"], r["traeger_nr"]) for r in results if r.get("source") == "own"})
    if own:
        notes.append(T.NAT_OWN_NOTE.format(n=len(own), names=", ".join(f"{n} ({nr})" for n, nr in own)))
    if specs and specs[0].draws:
        notes.append(T.NAT_DRAWS_NOTE.format(draws=specs[0].draws, seed=(settings or {}).get("seed")))
    if j:
        notes.append(T.NAT_JOINT_NOTE)
    st = dict(settings or {}, engine=T.NAT_ENGINE_SEQUENTIAL if engine == "sequential" else
              (T.NAT_ENGINE_SCHEDULER.format(address=scheduler) if scheduler else
               T.NAT_ENGINE_LOCAL.format(workers=workers)),
              seconds=seconds)
    return {"results": results, "scenarios": list(scenarios), "totals": tot, "joint": j, "notes": notes,
            "settings": st}
