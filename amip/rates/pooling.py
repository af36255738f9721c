"""Partial pooling of a jobcenter's own results with the shipped rate table (issue 27).

Method (said in every output, ``METHOD``): a hierarchical beta-binomial model, measure within
instrument type within the shipped prior, its hyperparameters integrated on a grid (empirical Bayes
would plug in one point estimate of them and, with the few measures of one type, understate the
intervals; the grid keeps their uncertainty and costs milliseconds):

- the type's mean rate μ ~ Beta with the rate table's value as its mean and its range as the central
  90 % interval (the "prior", style.md §20);
- the spread of the measures around it: concentration κ, log-uniform on [10, 2.000] (κ = 10 at a
  rate of 20 %: a standard deviation of 12 points between measures of one type, the widest we assume);
- each measure's rate p_i ~ Beta(μκ, (1-μ)κ); its successes y_i ~ Binomial(exits_i, p_i).

Per measure with history: its rate is the posterior mean of p_i, low/high the 5 %/95 % quantiles of
its posterior (a mixture of Betas over the grid, its quantiles taken from the Beta with the
mixture's mean and variance), its weight n_i / (n_i + E[κ]) the share its own data
have in that mean. Measures without history keep the prior (the table's rate and range, weight 0).
Measures of one type that share one table entry form one group.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

# scipy is imported where it is used: a run without --history (every table of `amip optimize`, which
# imports this module for history_notes) would otherwise spend ~0,5 s of its start importing scipy.stats

METHOD = ("Beta-Binomial-Modell mit Teilpooling (Maßnahme innerhalb Instrumenttyp innerhalb der "
          "Quotentabelle als Prior; Hyperparameter auf einem Gitter integriert)")
LEVEL = 0.90
KAPPA = np.geomspace(10.0, 2000.0, 36)
N_MU = 64


@dataclass(frozen=True)
class PooledRate:
    id: str
    group: str            #: the instrument type (and table entry) it is pooled with
    exits: float
    in_job: float
    raw_rate: float | None
    prior_rate: float
    prior_low: float
    prior_high: float
    rate: float
    low: float
    high: float
    weight: float

    def to_dict(self) -> dict:
        return {"id": self.id, "group": self.group, "exits": self.exits, "in_job": self.in_job,
                "raw_rate": self.raw_rate, "prior_rate": self.prior_rate, "rate": self.rate, "low": self.low,
                "high": self.high, "weight": self.weight}


@lru_cache(maxsize=1024)
def prior_beta(mean: float, low: float, high: float) -> tuple[float, float]:
    """Beta(a, b) with this mean and [low, high] as its central 90 % interval (width matched)."""
    from scipy import optimize, stats

    mean = min(max(mean, 1e-4), 1 - 1e-4)
    width = max(high - low, 0.0)
    if width < 1e-6:
        s = 1e5
    else:
        def gap(log_s: float) -> float:
            s = np.exp(log_s)
            d = stats.beta(mean * s, (1 - mean) * s)
            return (d.ppf(0.95) - d.ppf(0.05)) - width
        lo, hi = np.log(0.5), np.log(1e5)
        s = np.exp(optimize.brentq(gap, lo, hi)) if gap(lo) > 0 > gap(hi) else (0.5 if gap(lo) <= 0 else 1e5)
    return mean * s, (1 - mean) * s


def pool_group(prior: tuple[float, float, float],
               data: list[tuple[float, float]]) -> list[tuple[float, float, float, float]]:
    """For one group: prior (rate, low, high) and [(exits, in_job)] per measure → [(mean, low, high,
    weight)] per measure."""
    from scipy import special, stats

    a0, b0 = prior_beta(*prior)
    d0 = stats.beta(a0, b0)
    mu = d0.ppf(np.linspace(0.0005, 0.9995, N_MU))
    mu = np.clip(mu, 1e-5, 1 - 1e-5)
    M, K = np.meshgrid(mu, KAPPA, indexing="ij")
    A, B = M * K, (1 - M) * K
    # the μ grid is equally spaced in prior probability: each point carries equal prior mass
    logw = np.zeros_like(M)
    n = np.array([d[0] for d in data], dtype=float)
    y = np.array([d[1] for d in data], dtype=float)
    for ni, yi in zip(n, y):
        logw += special.betaln(yi + A, ni - yi + B) - special.betaln(A, B)
    w = np.exp(logw - logw.max())
    w /= w.sum()
    keep = w > 1e-9
    wk, Ak, Bk, Kk = w[keep], A[keep], B[keep], K[keep]
    wk = wk / wk.sum()
    e_kappa = float((wk * Kk).sum())
    out = []
    for ni, yi in zip(n, y):
        a, b = yi + Ak, ni - yi + Bk
        mean = float((wk * a / (a + b)).sum())
        lo, hi = _mixture_interval(wk, a, b)
        out.append((mean, lo, hi, float(ni / (ni + e_kappa))))
    return out


def _mixture_interval(w, a, b) -> tuple[float, float]:
    """The 5 % and 95 % quantiles of Σ w Beta(a, b), from the Beta with the mixture's mean and variance
    (exact moments; the validation test checks the intervals' coverage)."""
    from scipy import stats

    m = a / (a + b)
    mean = float((w * m).sum())
    var = float((w * (a * b / ((a + b) ** 2 * (a + b + 1)) + m * m)).sum()) - mean * mean
    var = min(max(var, 1e-12), mean * (1 - mean) * 0.999)
    s = mean * (1 - mean) / var - 1
    tail = (1 - LEVEL) / 2
    lo, hi = stats.beta.ppf([tail, 1 - tail], mean * s, (1 - mean) * s)
    return float(lo), float(hi)


def pool(measures, totals: dict[str, tuple[float, float]]) -> list[PooledRate]:
    """Every measure's pooled rate: ``measures`` (amip Measures, gross rates) and ``totals`` (id →
    exits, in job over the history's years)."""
    groups: dict[tuple, list] = {}
    for m in measures:
        # a voucher's rates are per voucher issued (Measure.as_voucher); its exits are participants, so
        # its prior is per participant: the rate ÷ the Einlösequote (the range likewise, clipped to 1)
        share = getattr(m, "redemption_share", 1.0) or 1.0
        low, high = m.rate_range
        groups.setdefault((m.instrument_type, m.integration_rate / share, low / share, min(high / share, 1.0)),
                          []).append(m)
    result = {}
    for (itype, rate, low, high), ms in groups.items():
        with_data = [m for m in ms if totals.get(m.id, (0, 0))[0] > 0]
        fitted = pool_group((rate, low, high), [totals[m.id] for m in with_data]) if with_data else []
        for m, (mean, lo, hi, weight) in zip(with_data, fitted):
            exits, in_job = totals[m.id]
            result[m.id] = PooledRate(m.id, itype, exits, in_job, in_job / exits, rate, low, high,
                                      mean, min(lo, mean), max(hi, mean), weight)
        for m in ms:
            if m.id not in result:
                exits, in_job = totals.get(m.id, (0.0, 0.0))
                result[m.id] = PooledRate(m.id, itype, exits, in_job, None, rate, low, high, rate, low, high, 0.0)
    return [result[m.id] for m in measures]
