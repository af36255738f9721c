"""Generate the shipped example history of Duisburg 2017-2019 (issue 27):
``amip/data/duisburg-2020/history-example.csv``. SIMULATED, not a jobcenter's results: every output
that uses it says "Beispieldaten, simuliert; keine echten Ergebnisse" (the reader recognises the file
by its sha256).

Per measure with entries in the 2020 plan (new or pre-bought): a true rate drawn around the rate
table's value (type mean from the table's range as its 90 % interval, measures spread with κ = 60,
the model ``amip.rates.pooling`` assumes), per year 2017-2019 exits ≈ 80-110 % of the 2020 entries,
and the in-job count binomial. Seeded: the same file every time.

    python benchmarks/make_history_example.py
"""
from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from amip.inputs.history import EXAMPLE_FILE
from amip.inputs.loader import load_case
from amip.rates.pooling import prior_beta

SEED = 2017
YEARS = (2017, 2018, 2019)
KAPPA = 60.0


def main(path: Path = EXAMPLE_FILE) -> Path:
    rng = np.random.default_rng(SEED)
    case = load_case()
    type_mean: dict[tuple, float] = {}
    rows = []
    for m in case.measures:
        entries = m.planned_entries + m.prebought_entries
        if entries < 5 or m.integration_rate <= 0:
            continue
        low, high = m.rate_range
        key = (m.instrument_type, m.integration_rate, low, high)
        if key not in type_mean:
            a, b = prior_beta(m.integration_rate, low, high)
            type_mean[key] = rng.beta(a, b)
        mu = type_mean[key]
        p = rng.beta(mu * KAPPA, (1 - mu) * KAPPA)
        for year in YEARS:
            exits = int(round(entries * rng.uniform(0.8, 1.1)))
            in_job = int(rng.binomial(exits, p))
            cost = round(exits * m.cost_per_entry_eur, 2) if m.cost_per_entry_eur else ""
            rows.append((m.id, year, exits, in_job, exits, cost))
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(("id", "year", "exits", "in_job_6m", "entries", "cost_eur"))
        w.writerows(rows)
    return path


if __name__ == "__main__":
    print(main())
