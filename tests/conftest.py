"""Shared builders: the shipped case, a plan, and a measure CSV writer for bad-input tests."""
from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import linprog

from amip.inputs.loader import DEFAULT_CASE, load_case

SHIPPED_MEASURES = DEFAULT_CASE.parent / "measures.csv"


def cli(*args):
    """The command line as a user types it (arguments as text), in process, exceptions not caught."""
    from click.testing import CliRunner

    from amip.cli import main

    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="session")
def bochum_folder(tmp_path_factory) -> Path:
    """`amip init bochum --jobcenter Bochum`, made once per test run: tests read it or copy it, never change it."""
    folder = tmp_path_factory.mktemp("jc") / "bochum"
    r = cli("init", folder, "--jobcenter", "Bochum")
    assert r.exit_code == 0, r.output
    return folder


def cli_json(*args) -> dict:
    """The parsed ``--format json`` output of a command that must succeed."""
    import json

    r = cli(*args, "--format", "json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)
#: --case for a run with another measure table inside Duisburg's frame (no silent frame since issue 15)
DUISBURG_CASE = str(DEFAULT_CASE.parent)


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch):
    """Text output wraps at the terminal's width (COLUMNS); tests that check wording see whole lines,
    the width tests (tests/test_cli_terminal.py) set their own COLUMNS."""
    monkeypatch.setenv("COLUMNS", "400")


@pytest.fixture(scope="session")
def case():
    return load_case()


def seed_plan(case) -> dict[str, float]:
    return {m.id: m.planned_entries for m in case.measures if m.budget_basis.has_new_entries}


def make_case(case, **changes):
    """The shipped case with some fields replaced (see dataclasses.replace)."""
    return replace(case, **changes)


def shipped_rows() -> tuple[list[str], list[dict[str, str]]]:
    with open(SHIPPED_MEASURES, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames), list(reader)


def write_measures(path: Path, header: list[str], rows: list[dict[str, str]], *, delimiter: str = ",",
                   bom: bool = False) -> Path:
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=header, delimiter=delimiter, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    return path


def policy_rows_from_data(case, ms) -> list[tuple[dict[int, float], float, float]]:
    """The active commitments and links of the case, written from their data alone (not through
    amip's builders): (coefficients by index into ``ms``, low, high) per row."""
    rows = []
    if not case.policy.enabled:
        return rows
    for c in case.policy.commitments:
        if not c.active:
            continue
        attr = "id" if c.selector == "measure" else "instrument_type"
        sel = {i: (m.cost_per_entry_eur if c.kind == "max_eur" else 1.0)
               for i, m in enumerate(ms) if getattr(m, attr) in c.keys}
        off = c.offset   # what earlier entries already contribute (the re-plan of the running year)
        if c.kind == "min_entries":
            rows.append((sel, c.value - off, np.inf))
        elif c.kind in ("max_entries", "max_eur"):
            rows.append((sel, -np.inf, c.value - off))
        else:
            ref = c.reference_entries if c.reference_entries is not None else sum(ms[i].planned_entries for i in sel)
            rows.append((sel, ref * (1 - c.value / 100) - off, ref * (1 + c.value / 100) - off))
    for lk in case.policy.links:
        if not lk.active:
            continue
        f, lead = case.measure(lk.follower), case.measure(lk.leader)
        const = f.fixed_entries - lk.ratio * lead.fixed_entries
        coefs = {}
        for i, m in enumerate(ms):
            if m.id == f.id:
                coefs[i] = coefs.get(i, 0.0) + 1.0
            if m.id == lead.id:
                coefs[i] = coefs.get(i, 0.0) - lk.ratio
        rows.append((coefs, -np.inf if lk.mode == "at_most" else -const, -const + lk.allowance))
    return rows


def voucher_shares(case) -> dict[str, float]:
    """Measure id → Einlösequote, read from the case file itself (not through amip's loader)."""
    import yaml

    path = case.files.get("case", "")
    if not str(path).endswith((".yaml", ".yml")) or not Path(path).is_file():
        return {}   # a workbook case, or a derived case whose temporary folder is gone: no vouchers
    with open(path, encoding="utf-8") as fh:
        raw = yaml.safe_load(fh) or {}
    ids = {m.id for m in case.measures}
    return {k: float(v["value"]) for k, v in (raw.get("vouchers") or {}).items() if k in ids}


def effect_values_from_data(case, effect: str, table: Path | None = None) -> dict[str, float]:
    """Per-entry values of every measure under an effect measure, read from the data files alone (not
    through amip's loader): gross = the case's rate; net = net_pp / 100 of the effect table's row for
    the instrument type, else the product category; kennzahl = 1 (entry), 0 (none) or the gross rate.
    A voucher row (the case file's ``vouchers``: Einlösequote) counts participants: net × its share."""
    from amip.inputs.loader import DEFAULT_EFFECTS

    gross = {m.id: m.effect_value("gross") for m in case.measures}
    if effect == "gross":
        return gross
    with open(table or DEFAULT_EFFECTS, encoding="utf-8-sig", newline="") as fh:
        rows = {(r["key_type"], r["key"]): r for r in csv.DictReader(fh)}
    shares = voucher_shares(case)
    out = {}
    for m in case.measures:
        r = rows.get(("instrument_type", m.instrument_type)) or rows[("product_category", m.product_category)]
        if effect == "net":
            out[m.id] = float(r["net_pp"]) / 100 * shares.get(m.id, 1.0)
        else:
            out[m.id] = {"entry": 1.0, "none": 0.0}.get(r["kennzahl"], gross[m.id])
    return out


def later_cash_from_data(case, m) -> tuple[list[float], list[float]]:
    """(money one new entry binds in each later year, net of the PAT; the PAT relief in each) of a measure,
    recomputed from the data alone, not from Case.commitment_per_entry_eur: its duration from the planning
    data, entries spread evenly over the months from the first entry month to December, each paid from
    its month on for its months (the last one in part), the subsidy schedule of its instrument type per
    employment year, the plan year's money = its cost per entry; the PAT's flat rate per month of a later
    year (capped at that year's subsidy where the rule file says so). The last item: all years after."""
    p = case.planning
    n = p.years_ahead + 1
    mp = p.of(m.id)
    if mp.duration_months <= 0 or not m.budget_basis.has_new_entries:
        return [0.0] * n, [0.0] * n
    sched = p.schedules.get(m.instrument_type)
    shares = sched.shares if sched else (1.0,)
    starts = range(mp.first_entry_month or p.first_entry_month, 13)
    paid, months = [0.0] * (n + 1), [0.0] * (n + 1)
    for start in starts:
        left, t = mp.duration_months, 0
        while left > 1e-12:
            part = min(1.0, left)
            year = min((start - 1 + t) // 12, n)
            paid[year] += part * shares[min(t // 12, len(shares) - 1)] / len(starts)
            months[year] += part / len(starts)
            left, t = left - part, t + 1
    gross = [m.cost_per_entry_eur * u / paid[0] for u in paid[1:]]
    relief = [0.0] * n
    if case.pat is not None and case.pat.applies_to(m.instrument_type):
        relief = [case.pat.mean_rate_eur_per_month * mo for mo in months[1:]]
        if case.pat.cap_at_subsidy:
            relief = [min(g, r) for g, r in zip(gross, relief)]
    return [g - r for g, r in zip(gross, relief)], relief


def limit_rows_from_data(case, ms) -> list[tuple[list[float], float]]:
    """Each limit on a later year's money as rows Σ coef × new entries ≤ rhs, from the data alone. With a
    PAT cap the year's relief above the cap is paid by the year itself: net + max(0, relief − cap) ≤ L,
    i.e. two rows (net ≤ L and gross − cap ≤ L)."""
    rows = []
    per = [later_cash_from_data(case, m) for m in ms]
    for lim in case.planning.commitment_limits:
        k = lim.year - case.year - 1
        rows.append(([net[k] for net, _ in per], lim.limit_eur))
        if case.pat is not None and case.pat.capped:
            rows.append(([net[k] + r[k] for net, r in per], lim.limit_eur + case.pat.new_cases_cap_eur))
    return rows


def scipy_model(case, values: dict[str, float] | None = None):
    """The LP of a case written from the input data alone for scipy.optimize.linprog: (c, A, b, bounds,
    constant), minimisation form, columns = new entries per measure then the PAT relief (EUR); row 0 is
    the budget row (the joint national LP sums these rows). ``values``: the value per entry of each
    measure (an effect measure, see effect_values_from_data); default: the case's own rates."""
    def rate(m) -> float:   # value per entry × scenario weight (1 by default)
        return m.objective_rate if values is None else values[m.id] * m.objective_weight

    ms = [m for m in case.measures if m.budget_basis.has_new_entries]
    n = len(ms) + 1                       # new entries per measure, then the PAT relief (EUR)
    c = np.zeros(n)
    c[: len(ms)] = [-rate(m) for m in ms]
    A, b = [], []

    def row(coefs, rhs):
        A.append(coefs), b.append(rhs)

    row([m.cost_per_entry_eur for m in ms] + [-1.0], case.budget.neufallbudget_eur - case.fixed_spend_eur)
    if case.pat is not None:
        row([-case.pat_relief_per_entry_eur(m) for m in ms] + [1.0], 0.0)
        if case.pat.capped:   # a cap only where the case sets one (PAT is no local allotment)
            row([0.0] * len(ms) + [1.0], case.pat.new_cases_cap_eur)
    else:
        row([0.0] * len(ms) + [1.0], 0.0)
    for f in case.fields:
        fixed = sum(m.fixed_entries for m in case.measures if m.field == f.id)
        row([-1.0 if m.field == f.id else 0.0 for m in ms] + [0.0], -(f.min_entries - fixed))
    for pool in case.pools.values():
        fixed = sum(m.fixed_entries for m in case.measures if m.pool == pool.id)
        row([1.0 if m.pool == pool.id else 0.0 for m in ms] + [0.0], pool.size - fixed)
    for rule in case.rules.eligibility:
        if rule.pool not in case.pools:   # a case without that pool (the neutral frame): no limit
            continue
        fixed = sum(m.fixed_entries for m in case.measures if m.instrument_type in rule.instrument_types)
        row([1.0 if m.instrument_type in rule.instrument_types else 0.0 for m in ms] + [0.0],
            case.pools[rule.pool].size - fixed)
    for coefs, low, high in policy_rows_from_data(case, ms):   # commitments and links (issue 14)
        vec = [coefs.get(i, 0.0) for i in range(len(ms))] + [0.0]
        if np.isfinite(high):
            row(vec, high)
        if np.isfinite(low):
            row([-v for v in vec], -low)
    for coefs, rhs in limit_rows_from_data(case, ms):   # limits on later years' money (issue 26)
        row(coefs + [0.0], rhs)
    bounds = [(m.lower_entries, m.upper_entries) for m in ms] + [(0, None)]
    constant = sum(rate(m) * m.fixed_entries for m in case.measures)
    return c, np.array(A), np.array(b), bounds, constant


def scipy_optimum(case, values: dict[str, float] | None = None) -> float:
    """The same LP written from the input data alone, solved by scipy.optimize.linprog(method='highs').
    ``values``: the value per entry of each measure (an effect measure); default: the case's own rates."""
    c, A, b, bounds, constant = scipy_model(case, values)
    res = linprog(c, A_ub=A, b_ub=b, bounds=bounds, method="highs")
    assert res.status == 0, res.message
    return -res.fun + constant


def scipy_cvar_optimum(case, rates: np.ndarray, alpha: float) -> float:
    """The CVaR-robust LP from the data alone: the case's LP (scipy_model) with its objective replaced
    by the mean objective of the worst ``alpha`` share of the draws (Rockafellar & Uryasev): maximise
    t − Σ s_k / (α n) with s_k ≥ t − objective_k(x), s_k ≥ 0. ``rates``: (draws × case.measures)."""
    _, A, b, bounds, _ = scipy_model(case)
    n = rates.shape[0]
    ms = [j for j, m in enumerate(case.measures) if m.budget_basis.has_new_entries]
    w = np.array([m.objective_weight for m in case.measures])
    fixed = np.array([m.fixed_entries for m in case.measures])
    width = A.shape[1]                                    # new entries, PAT relief, then t and s_k
    c = np.concatenate([np.zeros(width), [-1.0], np.full(n, 1.0 / (alpha * n))])
    rows = np.zeros((n, width + 1 + n))
    rows[:, : len(ms)] = -(rates[:, ms] * w[ms])
    rows[:, width] = 1.0
    rows[:, width + 1:] = -np.eye(n)
    A_ub = np.vstack([np.hstack([A, np.zeros((A.shape[0], 1 + n))]), rows])
    b_ub = np.concatenate([b, (rates * w * fixed).sum(axis=1)])
    res = linprog(c, A_ub=A_ub, b_ub=b_ub, bounds=list(bounds) + [(None, None)] + [(0, None)] * n, method="highs")
    assert res.status == 0, res.message
    return -res.fun


def scipy_joint_optimum(cases) -> float:
    """The joint national LP of several cases from their data alone: the blocks side by side, their
    budget rows (row 0 of each) summed into one national row."""
    parts = [scipy_model(case) for case in cases]
    widths = [len(p[0]) for p in parts]
    total = sum(widths)
    rows, rhs, budget, budget_rhs, col = [], [], np.zeros(total), 0.0, 0
    for (c, A, b, _, _), w in zip(parts, widths):
        budget[col:col + w] = A[0]
        budget_rhs += b[0]
        for k in range(1, len(b)):
            r = np.zeros(total)
            r[col:col + w] = A[k]
            rows.append(r), rhs.append(b[k])
        col += w
    res = linprog(np.concatenate([p[0] for p in parts]), A_ub=np.array([budget] + rows),
                  b_ub=np.array([budget_rhs] + rhs), bounds=[bd for p in parts for bd in p[3]], method="highs")
    assert res.status == 0, res.message
    return -res.fun + sum(p[4] for p in parts)


def write_scenario(folder: Path, filename: str, text: str) -> Path:
    """A scenario file in a test folder (dedented YAML text)."""
    import textwrap

    path = Path(folder) / filename
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def scipy_planning_optimum(case, *, integer: bool | None = None, allow_infeasible: bool = False) -> float | None:
    """The allocation model with the planning features of the case (whole classes, diminishing returns,
    commitment limits, group shares, soft staff capacity), written from the input data alone and solved
    by scipy.optimize.milp (HiGHS through scipy): a second path to the optimum of amip's PuLP model."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    p = case.planning
    integer = p.uses("integer") if integer is None else integer
    ms = [m for m in case.measures if m.budget_basis.has_new_entries]
    cols: list[tuple] = [("x", m) for m in ms] + [("pat", None)]
    if p.uses("returns"):
        cols += [("e", (m, k, mult, f)) for m in ms for k, (mult, f) in enumerate(p.of(m.id).returns)]
    if p.uses("staff"):
        cols += [("over", sc) for sc in p.staff]
    if integer:
        cols += [("k", m) for m in ms if p.of(m.id).in_lots]
    idx = {("x", m.id): i for i, m in enumerate(ms)}
    n = len(cols)
    c = np.zeros(n)
    lo, hi, integrality = np.zeros(n), np.full(n, np.inf), np.zeros(n)
    rows, lb, ub = [], [], []

    def add(coefs: dict[int, float], low=-np.inf, high=np.inf):
        r = np.zeros(n)
        for i, v in coefs.items():
            r[i] += v
        rows.append(r), lb.append(low), ub.append(high)

    def yield_of(m, total):
        v, prev = total, 1.0
        if p.uses("returns"):
            for mult, f in p.of(m.id).returns:
                v -= (prev - f) * max(0.0, total - mult * m.planned_total_entries)
                prev = f
        return m.integration_rate * v

    constant = sum(m.objective_weight * yield_of(m, m.fixed_entries) for m in case.measures
                   if not m.budget_basis.has_new_entries)
    pat = len(ms)
    for i, (kind, what) in enumerate(cols):
        if kind == "x":
            m = what
            c[i] = -m.objective_rate
            lo[i], hi[i] = m.lower_entries, m.upper_entries
            integrality[i] = 1 if integer else 0
            constant += m.objective_rate * m.fixed_entries
        elif kind == "e":
            m, k, mult, f = what
            prev = 1.0 if k == 0 else p.of(m.id).returns[k - 1][1]
            c[i] = m.objective_rate * (prev - f)
            # e ≥ fixed + x − mult × planned
            add({i: 1.0, idx[("x", m.id)]: -1.0}, low=m.fixed_entries - mult * m.planned_total_entries)
        elif kind == "over":
            sc = what
            c[i] = sc.penalty
            members = [m for m in case.measures if p.of(m.id).staff_class == sc.id]
            fixed = sum(m.fixed_entries for m in members)
            add({idx[("x", m.id)]: 1.0 for m in members if m.budget_basis.has_new_entries} | {i: -1.0},
                high=sc.capacity_entries - fixed)
        elif kind == "k":
            m = what
            integrality[i] = 1
            mp = p.of(m.id)
            add({idx[("x", m.id)]: 1.0, i: -mp.class_min}, low=0.0)
            add({idx[("x", m.id)]: 1.0, i: -mp.lot_size}, high=0.0)
    add({i: m.cost_per_entry_eur for i, m in enumerate(ms)} | {pat: -1.0},
        high=case.budget.neufallbudget_eur - case.fixed_spend_eur)
    if case.pat is not None:
        add({i: -case.pat_relief_per_entry_eur(m) for i, m in enumerate(ms)} | {pat: 1.0}, high=0.0)
        if case.pat.capped:
            add({pat: 1.0}, high=case.pat.new_cases_cap_eur)
    else:
        hi[pat] = 0.0
    for f in case.fields:
        fixed = sum(m.fixed_entries for m in case.measures if m.field == f.id)
        add({i: 1.0 for i, m in enumerate(ms) if m.field == f.id}, low=f.min_entries - fixed)
    for pool in case.pools.values():
        if any(m.pool == pool.id for m in ms):
            fixed = sum(m.fixed_entries for m in case.measures if m.pool == pool.id)
            add({i: 1.0 for i, m in enumerate(ms) if m.pool == pool.id}, high=pool.size - fixed)
    for rule in case.rules.eligibility:
        if rule.pool in case.pools and any(m.instrument_type in rule.instrument_types for m in ms):
            fixed = sum(m.fixed_entries for m in case.measures if m.instrument_type in rule.instrument_types)
            add({i: 1.0 for i, m in enumerate(ms) if m.instrument_type in rule.instrument_types},
                high=case.pools[rule.pool].size - fixed)
    for coefs, rhs in limit_rows_from_data(case, ms):   # limits on later years' money (issue 26)
        add(dict(enumerate(coefs)), high=rhs)
    for coefs, low, high in policy_rows_from_data(case, ms):   # commitments and links (issue 14)
        add(coefs, low=low, high=high)
    if p.uses("groups"):
        for lim in p.group_limits:
            def d(m, g=lim.group, s=lim.min_share):
                return (p.of(m.id).group_share(g) or 0.0) - s
            add({i: d(m) for i, m in enumerate(ms)}, low=-sum(d(m) * m.fixed_entries for m in case.measures))
    # MIP presolve off: the HiGHS inside scipy 1.17 still has the MIP presolve bug that returns a
    # suboptimal point as "optimal" (HiGHS issues #3043/#3073, fixed by #2961 in HiGHS 1.15; amip
    # requires highspy ≥ 1.16). The property tests found it on a 4-measure case (1.4672 vs 1.4875).
    options = {"mip_rel_gap": 1e-9} | ({"presolve": False} if integrality.any() else {})
    res = milp(c, constraints=LinearConstraint(np.array(rows), lb, ub), bounds=Bounds(lo, hi),
               integrality=integrality, options=options)
    if allow_infeasible and res.status == 2:
        return None
    assert res.status == 0, res.message
    return -res.fun + constant


# --------------------------------------------------------------------------- the national run (issue 19)
@pytest.fixture(scope="session")
def small_specs():
    """Three jobcenters (Vorpommern) × base × 8 draws: the small national run of the tests."""
    from amip.national.select import make_specs, select_jobcenters

    return make_specs(select_jobcenters(searches=("Vorpommern",)), draws=8, seed=7)


@pytest.fixture(scope="session")
def small_results(small_specs):
    from amip.national.run import run_sequential

    return run_sequential(small_specs)
