"""Choices that rest on cost alone (issue 27): the plan raises one measure and cuts another of the
same instrument type whose rates the data cannot tell apart — the same rate (both from one table
entry: 28 MAT measures share 20 %), or 90 % intervals that overlap — and the raised one is the
cheaper per entry. Between those two the plan's choice is the price, nothing the data say about
their results; the output names them so no one reads it as a verdict on a measure.

A pair is named only where the raised measure costs less per entry than the cut one (with the same
rate, cost is then what decides; a dearer measure raised over a cheaper one would rest on a
commitment or a bound, not on cost).

The pairs grow with raised × cut measures (2,5 million at 10.000 synthetic measures, 900 MB of
JSON): they are counted and summarised per instrument type (every raised and every cut measure that
is in a pair) without being enumerated — per type, one numpy pass over the cut measures for each
distinct rate among the raised ones — and at most COST_ONLY_LISTED of them are spelt out, in the
order of the plan (raised measure by raised measure, its cut partners in the plan's order)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from amip import texts as T
from amip.models.fmt import eur

TOL_ENTRIES = 0.5   #: an entry count moved by less than half an entry is neither raised nor cut
SAME_RATE = 1e-9    #: rates closer than this are the same rate
#: Pairs spelt out in the JSON (`cost_only_choices`); the default case has 161. Beyond it the pairs
#: are counted (`cost_only_pairs`) and summarised by type (`cost_only_by_type`), never all written.
COST_ONLY_LISTED = 1000


def _pct(x: float) -> str:
    return f"{100 * x:.1f} %".replace(".", ",")


@dataclass(frozen=True)
class CostOnlyChoices:
    """The pairs spelt out (the first ``limit`` of them), their number and, per instrument type in the
    order its first pair comes, the raised and the cut measures in a pair and the type's pair count."""

    pairs: list[dict]
    total: int
    by_type: dict[str, tuple[list[str], list[str], int]]

    def __bool__(self) -> bool:
        return self.total > 0

    def to_dict(self) -> dict:
        return {"cost_only_choices": self.pairs, "cost_only_pairs": self.total,
                "cost_only_by_type": [{"instrument_type": t, "raised": up, "cut": down, "pairs": n}
                                      for t, (up, down, n) in self.by_type.items()]}


def pair_reason(ma, mb, a, b) -> tuple[str, str]:
    """(kind, German reason) of a pair: measures ma, mb and their result rows a (raised), b (cut)."""
    (la, ha), (lb, hb) = ma.rate_range, mb.rate_range
    if abs(ma.integration_rate - mb.integration_rate) < SAME_RATE:
        return "same_rate", T.COST_ONLY_SAME.format(rate=_pct(ma.integration_rate), a=eur(a.cost_per_entry),
                                                    b=eur(b.cost_per_entry))
    return "overlapping_intervals", T.COST_ONLY_OVERLAP.format(
        ra=_pct(ma.integration_rate), la=_pct(la), ha=_pct(ha), rb=_pct(mb.integration_rate), lb=_pct(lb),
        hb=_pct(hb), a=eur(a.cost_per_entry), b=eur(b.cost_per_entry))


class _Type:
    """One instrument type's raised and cut records (indices into the result's records, plan order), with
    their costs and rate classes as arrays."""

    def __init__(self, of: list, cost: np.ndarray, raised: list[int], cut: list[int]):
        self.raised, self.cut = raised, cut
        index: dict[tuple[float, float, float], int] = {}   # rate class: (rate, low, high), numbered
        cls = np.array([index.setdefault((of[i].integration_rate, *of[i].rate_range), len(index))
                        for i in raised + cut], dtype=np.int64)
        self.cls_r, self.cls_c = cls[:len(raised)], cls[len(raised):]
        r, lo, hi = np.array(list(index), dtype=float).reshape(-1, 3).T
        # classes whose rates the data cannot tell apart: the same rate, or overlapping intervals
        self.twin = (np.abs(r[:, None] - r[None, :]) < SAME_RATE) | ((lo[:, None] <= hi[None, :])
                                                                      & (lo[None, :] <= hi[:, None]))
        self.cost_r = cost[raised]
        self.cost_c = cost[cut]
        self.count = np.zeros(len(raised), dtype=np.int64)    # pairs of each raised record
        first = np.full(len(cut), len(raised), dtype=np.int64)  # each cut record's first raised partner
        for k in dict.fromkeys(self.cls_r.tolist()):
            ia = np.flatnonzero(self.cls_r == k)
            ib = np.flatnonzero(self.twin[k, self.cls_c])
            if not len(ib):
                continue
            costs = np.sort(self.cost_c[ib])
            self.count[ia] = len(costs) - np.searchsorted(costs, self.cost_r[ia], side="right")
            # the first raised record (plan order) cheaper than a cut record: where the running minimum of
            # the raised costs first drops below the cut record's cost
            run_min = np.minimum.accumulate(self.cost_r[ia])
            at = np.searchsorted(-run_min, -self.cost_c[ib], side="right")
            hit = at < len(ia)
            first[ib[hit]] = np.minimum(first[ib[hit]], ia[at[hit]])
        self.first = first

    def partners(self, i: int) -> np.ndarray:
        """The cut records (positions in ``cut``) paired with raised record i, in plan order."""
        return np.flatnonzero(self.twin[self.cls_r[i], self.cls_c] & (self.cost_c > self.cost_r[i]))

    def summary(self, ids: list[str]) -> tuple[list[str], list[str], int]:
        up = [ids[self.raised[i]] for i in np.flatnonzero(self.count)]
        inpair = np.flatnonzero(self.first < len(self.raised))
        down = [ids[self.cut[j]] for j in inpair[np.lexsort((inpair, self.first[inpair]))]]
        return up, down, int(self.count.sum())


class _Row(NamedTuple):
    """What a pair needs of a result record: its id and its net cost per entry."""

    id: str
    cost_per_entry: float


def cost_only_choices(case, result, limit: int = COST_ONLY_LISTED) -> CostOnlyChoices:
    """The pairs (raised, cut) resting on cost alone: at most ``limit`` spelt out as
    {raised, cut, reason, kind, instrument_type, rate_raised, rate_cut, cost_raised, cost_cut}, all counted
    and summarised by type. Works on the records' columns and indices (no object per record)."""
    ms = {m.id: m for m in case.measures}
    ids = result.measure_ids()
    of = list(map(ms.get, ids))   # each record's measure (None: not one of the case's)
    new, planned, cost = result.measure_columns("new_entries", "planned_new_entries", "cost_per_entry")
    counted = np.fromiter((m is not None and m.budget_basis.has_new_entries for m in of), dtype=bool, count=len(ids))
    raised = np.flatnonzero((new > planned + TOL_ENTRIES) & counted).tolist()
    cut = np.flatnonzero((new < planned - TOL_ENTRIES) & counted).tolist()
    kind_of = {i: of[i].instrument_type for i in raised + cut}
    groups: dict[str, tuple[list, list]] = {}
    for side, rs in ((0, raised), (1, cut)):
        for i in rs:
            groups.setdefault(kind_of[i], ([], []))[side].append(i)
    types = {t: _Type(of, cost, up, down) for t, (up, down) in groups.items() if up and down}
    pos = {t: 0 for t in types}   # each type's raised records in plan order, walked alongside `raised`
    pairs: list[dict] = []
    order: dict[str, int] = {}    # type → index of its first raised record with a pair (the summary's order)
    cost_of = cost.tolist()
    for n, ia in enumerate(raised):
        t = kind_of[ia]
        if t not in types:
            continue
        g, i = types[t], pos[t]
        pos[t] += 1
        if not g.count[i]:
            continue
        order.setdefault(t, n)
        if len(pairs) >= limit:
            continue
        ma, a = of[ia], _Row(ids[ia], cost_of[ia])
        for j in g.partners(i)[:limit - len(pairs)].tolist():
            ib = g.cut[j]
            mb, b = of[ib], _Row(ids[ib], cost_of[ib])
            kind, reason = pair_reason(ma, mb, a, b)
            pairs.append({"raised": a.id, "cut": b.id, "reason": reason, "kind": kind,
                          "instrument_type": t, "rate_raised": ma.integration_rate,
                          "rate_cut": mb.integration_rate, "cost_raised": a.cost_per_entry,
                          "cost_cut": b.cost_per_entry})
    summary = {t: types[t].summary(ids) for t in sorted(order, key=order.get)}
    return CostOnlyChoices(pairs, sum(n for _u, _d, n in summary.values()), summary)
