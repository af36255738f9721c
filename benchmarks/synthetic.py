"""Synthetic measure tables of Duisburg's shape, for scale benchmarks.

    python benchmarks/synthetic.py N OUT.csv      # prints the matching --budget in euros

The table repeats the Duisburg 2020 catalogue (amip/data/duisburg-2020/measures.csv) until it has N
rows; copy k gets the id suffix ``-k`` and its costs and planned entries vary by a deterministic
factor in [0.8, 1.2] (seeded), so the LP does not collapse into ties. Measures of § 16i/§ 16e and
the pool column are left out: their statutory pools and the PAT belong to a case, not to a table, and
without them the LP is the same whatever frame a run puts around the table (budget row, field
minima, per-measure bounds). The budget is the planned new-case money of the table, so the budget
binds and the field minima matter.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

import numpy as np

SHIPPED = Path(__file__).resolve().parent.parent / "amip" / "data" / "duisburg-2020" / "measures.csv"
COLUMNS = ["id", "field", "name", "instrument", "instrument_type", "product_category", "budget_basis",
           "cost_per_entry_eur", "planned_entries", "prebought_entries", "fixed_spend_eur"]


def rows(n: int, seed: int = 2020) -> tuple[list[dict[str, str]], float]:
    """n rows and the matching budget (the table's planned spending on new entries + fixed items)."""
    with open(SHIPPED, encoding="utf-8", newline="") as fh:
        base = [r for r in csv.DictReader(fh) if r["instrument_type"] not in ("p16i", "p16e")]
    rng = np.random.default_rng(seed)
    f = rng.uniform(0.8, 1.2, size=(n, 2))
    out, budget = [], 0.0
    for i in range(n):
        r = base[i % len(base)]
        k = i // len(base)
        cost = float(r["cost_per_entry_eur"] or 0) * f[i, 0]
        planned = round(float(r["planned_entries"] or 0) * f[i, 1])
        fixed = float(r["fixed_spend_eur"] or 0)
        row = {c: r.get(c, "") for c in COLUMNS}
        row.update(id=f"{r['id']}-{k}" if k else r["id"], name=f"{r['name']} ({k})" if k else r["name"],
                   cost_per_entry_eur=f"{cost:.4f}" if r["cost_per_entry_eur"] else "",
                   planned_entries=str(planned))
        if r["budget_basis"] in ("new", "mixed"):
            budget += cost * planned
        budget += fixed
        out.append(row)
    return out, round(budget)


def write(n: int, path: Path, seed: int = 2020) -> float:
    table, budget = rows(n, seed)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(table)
    return budget


if __name__ == "__main__":
    print(int(write(int(sys.argv[1]), Path(sys.argv[2]))))
