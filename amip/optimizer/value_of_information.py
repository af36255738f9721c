"""Where better data pay most (issue 27): per measure, the expected gain in integrations if its rate
were known before planning — the expected value of partial perfect information (EVPPI), from the
Monte Carlo draws, re-optimised.

For an uncertainty group g (the measures that draw together; a measure with own history is its own
group): the plan's expected value is linear in the rates, so with g's rate known and the others at
their expected rates, the best plan is the LP re-solved at those rates. EVPPI_g = E over g's rate of
that optimum − the optimum at every expected rate (≥ 0). g's rate is taken at ``POINTS`` stratified
quantiles of its own distribution (the same one every Monte Carlo draws from), one warm re-solve
each. Measures of one group share its value: knowing one of them is knowing the group (they draw
together), so the JSON also names the group."""
from __future__ import annotations

import numpy as np

from amip.optimizer.montecarlo import columns, outcomes
from amip.optimizer.uncertainty import groups, mean_rate, quantiles
from amip.optimizer.warm import Batch, WarmModel, run_batches

POINTS = 12   #: stratified quantiles (k + ½) / POINTS of each group's rate


def value_of_information(case, *, model: WarmModel | None = None, points: int = POINTS) -> list[dict]:
    """[{id, integrations, group}] for every measure with a rate range, largest first."""
    model = model or WarmModel(case)
    ms = case.measures
    base = np.array([mean_rate(m) for m in ms])
    u = (np.arange(points) + 0.5) / points
    uncertain = [g for g in groups(ms)
                 if any(m.uncertainty_group == g and m.rate_range[1] - m.rate_range[0] > 1e-12 for m in ms)]
    rows = [base]
    for g in uncertain:
        block = np.tile(base, (points, 1))
        for j, m in enumerate(ms):
            if m.uncertainty_group == g:
                block[:, j] = quantiles(m, u)
        rows.append(block)
    rates = np.vstack(rows)
    res = run_batches(case, Batch(rates=rates[:, columns(case, model.ids)]), model=model)
    total = outcomes(case, rates, model.ids, res.x).objective
    total = np.where(res.optimal, total, np.nan)
    at_mean = total[0]
    value = {}
    for i, g in enumerate(uncertain):
        block = total[1 + i * points: 1 + (i + 1) * points]
        value[g] = max(0.0, float(np.nanmean(block) - at_mean)) if np.isfinite(block).any() else 0.0
    out = [{"id": m.id, "integrations": value[m.uncertainty_group], "group": m.uncertainty_group}
           for m in ms if m.uncertainty_group in value]
    return sorted(out, key=lambda r: (-r["integrations"], r["id"]))
