"""Shared builders: the shipped case, a plan, and a measure CSV writer for bad-input tests."""
from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import linprog

from amip.models.loader import DEFAULT_CASE, load_case

SHIPPED_MEASURES = DEFAULT_CASE.parent / "measures.csv"


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


def scipy_optimum(case) -> float:
    """The same LP written from the input data alone, solved by scipy.optimize.linprog(method='highs')."""
    ms = [m for m in case.measures if m.budget_basis.has_new_entries]
    n = len(ms) + 1                       # new entries per measure, then the PAT relief (EUR)
    c = np.zeros(n)
    c[: len(ms)] = [-m.objective_rate for m in ms]   # rate × scenario weight (1 by default)
    A, b = [], []

    def row(coefs, rhs):
        A.append(coefs), b.append(rhs)

    row([m.cost_per_entry_eur for m in ms] + [-1.0], case.budget.neufallbudget_eur - case.fixed_spend_eur)
    if case.pat is not None:
        row([-case.pat_relief_per_entry_eur(m) for m in ms] + [1.0], 0.0)
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
        fixed = sum(m.fixed_entries for m in case.measures if m.instrument_type in rule.instrument_types)
        row([1.0 if m.instrument_type in rule.instrument_types else 0.0 for m in ms] + [0.0],
            case.pools[rule.pool].size - fixed)
    bounds = [(m.lower_entries, m.upper_entries) for m in ms] + [(0, None)]
    res = linprog(c, A_ub=np.array(A), b_ub=np.array(b), bounds=bounds, method="highs")
    assert res.status == 0, res.message
    constant = sum(m.objective_rate * m.fixed_entries for m in case.measures)
    return -res.fun + constant


def write_scenario(folder: Path, filename: str, text: str) -> Path:
    """A scenario file in a test folder (dedented YAML text)."""
    import textwrap

    path = Path(folder) / filename
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path
