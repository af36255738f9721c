"""Choices that rest on cost alone (issue 27): the plan raises one measure and cuts another of the
same instrument type whose rates the data cannot tell apart — the same rate (both from one table
entry: 28 MAT measures share 20 %), or 90 % intervals that overlap — and the raised one is the
cheaper per entry. Between those two the plan's choice is the price, nothing the data say about
their results; the output names them so no one reads it as a verdict on a measure.

A pair is named only where the raised measure costs less per entry than the cut one (with the same
rate, cost is then what decides; a dearer measure raised over a cheaper one would rest on a
commitment or a bound, not on cost)."""
from __future__ import annotations

from amip import texts as T
from amip.models.fmt import eur

TOL_ENTRIES = 0.5   #: an entry count moved by less than half an entry is neither raised nor cut


def _pct(x: float) -> str:
    return f"{100 * x:.1f} %".replace(".", ",")


def cost_only_choices(case, result) -> list[dict]:
    """[{raised, cut, reason, kind, instrument_type, rate_raised, rate_cut, cost_raised, cost_cut}]."""
    ms = {m.id: m for m in case.measures}
    rows = [r for r in result.measures if r.id in ms and ms[r.id].counts_against_budget]
    raised = [r for r in rows if r.new_entries > r.planned_new_entries + TOL_ENTRIES]
    cut = [r for r in rows if r.new_entries < r.planned_new_entries - TOL_ENTRIES]
    out = []
    for a in raised:
        ma = ms[a.id]
        for b in cut:
            mb = ms[b.id]
            if ma.instrument_type != mb.instrument_type or not a.cost_per_entry < b.cost_per_entry:
                continue
            (la, ha), (lb, hb) = ma.rate_range, mb.rate_range
            if abs(ma.integration_rate - mb.integration_rate) < 1e-9:
                kind = "same_rate"
                reason = T.COST_ONLY_SAME.format(rate=_pct(ma.integration_rate), a=eur(a.cost_per_entry),
                                                 b=eur(b.cost_per_entry))
            elif la <= hb and lb <= ha:
                kind = "overlapping_intervals"
                reason = T.COST_ONLY_OVERLAP.format(ra=_pct(ma.integration_rate), la=_pct(la), ha=_pct(ha),
                                                    rb=_pct(mb.integration_rate), lb=_pct(lb), hb=_pct(hb),
                                                    a=eur(a.cost_per_entry), b=eur(b.cost_per_entry))
            else:
                continue
            out.append({"raised": a.id, "cut": b.id, "reason": reason, "kind": kind,
                        "instrument_type": ma.instrument_type, "rate_raised": ma.integration_rate,
                        "rate_cut": mb.integration_rate, "cost_raised": a.cost_per_entry,
                        "cost_cut": b.cost_per_entry})
    return out


def by_type(choices: list[dict]) -> dict[str, tuple[list[str], list[str], int]]:
    """instrument type → (raised ids, cut ids, number of pairs), for a table or the Vorlage."""
    out: dict[str, tuple[list[str], list[str], int]] = {}
    for c in choices:
        up, down, n = out.get(c["instrument_type"], ([], [], 0))
        if c["raised"] not in up:
            up.append(c["raised"])
        if c["cut"] not in down:
            down.append(c["cut"])
        out[c["instrument_type"]] = (up, down, n + 1)
    return out
