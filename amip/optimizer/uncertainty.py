"""Draw integration rates for the Monte Carlo analysis: plain numpy, no solver.

Every measure carries a range ``[rate_low, rate_high]`` and a distribution (``Measure.rate_distribution``).
The default comes from the rate table: triangular over its ``range_low``–``range_high`` with the mode at
the rate; a scenario's ``uncertainty`` section may name another. The distributions:

- ``triangular``: minimum ``low``, mode the rate, maximum ``high``;
- ``uniform``: flat over ``[low, high]``;
- ``normal``: mean the rate, ``[low, high]`` read as its central 95 % interval (sd = width / 3.92),
  truncated to [0, 1];
- ``fixed``: the rate itself (also whenever ``low == high``).

Measures of one *group* (``Measure.uncertainty_group``, by default the instrument type) share one
uniform draw per sample: they rest on one source of evidence, so they are wrong together. Groups are
independent of each other. Draws come from ``numpy.random.default_rng(seed)`` in a fixed group order,
so a seed gives the same rates on every machine and for every ``--jobs``.
"""
from __future__ import annotations

from statistics import NormalDist

import numpy as np

from amip.models.measure import Measure

Z95 = 1.959963984540054     #: the 97.5 % quantile of the standard normal distribution


def percentile(values, q: float) -> float:
    """``np.percentile(values, q)`` (its default, linear interpolation between the closest ranks),
    computed as numpy does it, to the last bit: the rank (n − 1)·q/100, the two values around it and
    numpy's interpolation formula (from the upper value when the fraction is ½ or more). Not numpy's
    own, whose first call imports numpy.ma through np.unique: ~25 ms of every `amip optimize`."""
    v = np.sort(np.asarray(values, dtype=float).ravel())
    n = len(v)
    at = (n - 1) * (q / 100)
    if at >= n - 1:
        return float(v[-1])
    lo = max(int(np.floor(at)), 0)
    t = at - lo
    a, b = float(v[lo]), float(v[lo + 1])
    d = b - a
    return b - d * (1 - t) if t >= 0.5 else a + d * t


def quantiles(m: Measure, u: np.ndarray) -> np.ndarray:
    """The rate of measure ``m`` at the probability levels ``u`` (0 < u < 1)."""
    return value_quantiles(m.integration_rate, *m.rate_range, m.rate_distribution, u, floor=m.rate_floor)


def value_quantiles(mode: float, low: float, high: float, distribution: str, u: np.ndarray, *,
                    floor: float = 0.0) -> np.ndarray:
    """A value (rate or net effect per entry) at the probability levels ``u``: normal draws are
    truncated to [floor, 1] (floor −1 for a net effect, 0 for a rate)."""
    if distribution == "fixed" or high - low <= 1e-12:
        return np.full_like(u, mode, dtype=float)
    if distribution == "uniform":
        return low + u * (high - low)
    if distribution == "normal":
        sd = (high - low) / (2 * Z95)
        nd = NormalDist(mode, sd)
        lo_p, hi_p = nd.cdf(floor), nd.cdf(1.0)      # truncate to [floor, 1]
        p = lo_p + u * (hi_p - lo_p)
        return np.clip(np.fromiter((nd.inv_cdf(min(max(q, 1e-15), 1 - 1e-15)) for q in p.ravel()), float,
                                   count=p.size).reshape(p.shape), floor, 1.0)
    # triangular(low, mode, high)
    width = high - low
    f_mode = (mode - low) / width
    left = low + np.sqrt(u * width * (mode - low))
    right = high - np.sqrt((1 - u) * width * (high - mode))
    return np.where(u < f_mode, left, right)


def mean_rate(m: Measure) -> float:
    """The expected rate under the measure's distribution (differs from the rate when skewed)."""
    low, high = m.rate_range
    if m.rate_distribution == "fixed" or high - low <= 1e-12:
        return m.integration_rate
    if m.rate_distribution == "uniform":
        return (low + high) / 2
    if m.rate_distribution == "triangular":
        return (low + m.integration_rate + high) / 3
    return float(quantiles(m, (np.arange(2000) + 0.5) / 2000).mean())   # truncated normal, numerically


def groups(measures: tuple[Measure, ...]) -> list[str]:
    """The uncertainty groups in a fixed (sorted) order."""
    return sorted({m.uncertainty_group for m in measures})


def has_range(m: Measure) -> bool:
    """Whether the measure's rate is drawn from a range at all (not ``fixed``, and ``low < high``)."""
    low, high = m.rate_range
    return m.rate_distribution != "fixed" and high - low > 1e-12


class RateDraws:
    """The (draws × measures) rates of ``draw_rates``, to be taken in blocks of draws: the uniform
    draws per group (draws × groups, small) are made at once from the seed, the rates of a block of
    draws only when asked, so ``block(lo, hi)`` equals ``draw_rates(...)[lo:hi]`` bit for bit and no
    draws × measures matrix need ever be held. Measures with the same rate, range, distribution,
    effect and group (as stored) get the same column (one quantile computation for all of them)."""

    def __init__(self, measures: tuple[Measure, ...], draws: int, seed: int):
        # one pass over the measures with the attributes as stored; the kinds numbered in the order
        # they first come, range, floor and group read once per kind, from its first measure
        keys = [(m.integration_rate, m.rate_low, m.rate_high, m.rate_distribution, m.effect, m.rate_group,
                 m.instrument_type) for m in measures]
        kinds: dict[tuple, int] = {}
        first: list[Measure] = []
        kind = []
        for k, m in zip(keys, measures, strict=True):
            i = kinds.get(k)
            if i is None:
                i = kinds[k] = len(first)
                first.append(m)
            kind.append(i)
        self.kind = np.array(kind, dtype=np.intp)
        names = sorted({m.uncertainty_group for m in first})     # = groups(measures)
        self.draws = draws
        self.u = np.random.default_rng(seed).random((draws, len(names)))
        col = {g: i for i, g in enumerate(names)}
        self.params = [(m.integration_rate, *m.rate_range, m.rate_distribution, m.rate_floor, col[m.uncertainty_group])
                       for m in first]

    def block(self, lo: int, hi: int) -> np.ndarray:
        """Rates of draws ``lo`` … ``hi − 1`` (rows) of every measure (columns, in the measures' order)."""
        u = self.u[lo:hi]
        distinct = np.empty((len(u), len(self.params)))
        for k, (mode, low, high, dist, floor, g) in enumerate(self.params):
            distinct[:, k] = value_quantiles(mode, low, high, dist, u[:, g], floor=floor)
        return distinct[:, self.kind]


def draw_rates(measures: tuple[Measure, ...], draws: int, seed: int) -> np.ndarray:
    """A (draws × measures) matrix of integration rates, columns in the order of ``measures``."""
    return RateDraws(measures, draws, seed).block(0, draws)


def describe(m: Measure) -> str:
    """One line for reports: 'triangular 0.15–0.25 (mode 0.20)'."""
    low, high = m.rate_range
    if m.rate_distribution == "fixed" or high - low <= 1e-12:
        return f"fixed {m.integration_rate:.3f}"
    centre = "mean" if m.rate_distribution == "normal" else "mode"
    extra = f" ({centre} {m.integration_rate:.3f})" if m.rate_distribution != "uniform" else ""
    interval = "95 % interval " if m.rate_distribution == "normal" else ""
    return f"{m.rate_distribution} {interval}{low:.3f}–{high:.3f}{extra}"
