"""The plain baseline of the scale benchmark: the same LP as `amip optimize --measures T.csv --budget B`
on a synthetic table (benchmarks/synthetic.py), built from numpy arrays straight into highspy, solved,
and the plan written as JSON (id, new entries, entries, cost, integrations per measure).

    python benchmarks/plain_highspy.py T.csv BUDGET plan.json

Same model as amip's on these tables: budget row, field minima (80 % of each field's planned entries,
rounded down, as the case's POLICY), bounds [0, 2 × planned] on new entries, rates from the shipped
rate table by instrument type then product category. Nothing else: no provenance, no checks, no reports.
"""
from __future__ import annotations

import csv
import json
import math
import sys
from pathlib import Path

import highspy
import numpy as np

RATES = Path(__file__).resolve().parent.parent / "amip" / "data" / "rates.csv"


def main(table: str, budget: float, out: str) -> None:
    with open(RATES, encoding="utf-8", newline="") as fh:
        rates = {(r["key_type"], r["key"]): float(r["rate"]) for r in csv.DictReader(fh)}
    with open(table, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    n = len(rows)
    ids = [r["id"] for r in rows]
    basis = np.array([r["budget_basis"] for r in rows])
    new = np.isin(basis, ["new", "mixed"])
    cost = np.array([float(r["cost_per_entry_eur"] or 0) for r in rows])
    planned = np.array([float(r["planned_entries"] or 0) for r in rows])
    pre = np.array([float(r["prebought_entries"] or 0) for r in rows])
    fixed_spend = np.array([float(r["fixed_spend_eur"] or 0) for r in rows])
    rate = np.array([rates.get(("instrument_type", r["instrument_type"]),
                               rates.get(("product_category", r["product_category"]), 0.0)) for r in rows])
    outside = basis == "outside"
    fixed_entries = pre + np.where(outside, planned, 0.0)
    cols = np.flatnonzero(new)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    inf = highspy.kHighsInf
    h.addVars(len(cols), np.zeros(len(cols)), 2.0 * planned[cols])
    h.changeColsCost(len(cols), np.arange(len(cols), dtype=np.int32), -rate[cols])
    h.addRow(-inf, budget - fixed_spend.sum(), len(cols), np.arange(len(cols), dtype=np.int32), cost[cols])
    fields = np.array([r["field"] for r in rows])
    for f in sorted(set(fields)):
        members = fields == f
        minimum = math.floor(0.8 * (planned[members] + pre[members]).sum() + 1e-9)
        idx = np.flatnonzero(members[cols]).astype(np.int32)
        if len(idx):
            h.addRow(minimum - fixed_entries[members].sum(), inf, len(idx), idx, np.ones(len(idx)))
    h.run()
    x = np.zeros(n)
    x[cols] = np.asarray(h.getSolution().col_value)
    entries = fixed_entries + x
    plan = [{"id": i, "new_entries": float(a), "entries": float(e), "cost": float(c), "integrations": float(g)}
            for i, a, e, c, g in zip(ids, x, entries, cost * x + fixed_spend, rate * entries)]
    with open(out, "w", encoding="utf-8") as fh:
        json.dump({"objective": float(rate @ entries), "measures": plan}, fh)


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]), sys.argv[3])
