"""The rates a history gives a case (issue 27): ``estimate_rates`` pools the case's gross rates (its
rate table as the prior) with the history (``amip.rates.pooling``); ``with_history`` puts the posterior
into the case's measures (rate and its 90 % interval as the range every Monte Carlo draws from)."""
from __future__ import annotations

from dataclasses import dataclass, replace

from amip import texts as T
from amip.models.history import History
from amip.rates.pooling import METHOD, PooledRate, pool


@dataclass(frozen=True)
class RateEstimate:
    history: History
    method: str
    rates: tuple[PooledRate, ...]

    def by_id(self) -> dict[str, PooledRate]:
        return {r.id: r for r in self.rates}

    @property
    def with_data(self) -> tuple[PooledRate, ...]:
        return tuple(r for r in self.rates if r.exits > 0)

    def source_of(self, r: PooledRate, prior_source: str) -> str:
        """The rate's source: the history file (name, years, hash), its counts, the method, the prior."""
        return T.RATES_SOURCE.format(history=self.history.label, in_job=f"{r.in_job:.0f}", exits=f"{r.exits:.0f}",
                                     method=self.method, prior=prior_source)

    def payload(self) -> dict:
        return {"method": self.method, "history": {"file": self.history.file, "sha256": self.history.sha256,
                                                   "years": list(self.history.years),
                                                   "example": self.history.example},
                "note": T.HIST_EXAMPLE_NOTE if self.history.example else "",
                "measures": [r.to_dict() for r in self.rates]}


def estimate_rates(case, history: History) -> RateEstimate:
    """Every measure's pooled rate (the case must be in gross rates: the history counts svB exits)."""
    return RateEstimate(history, METHOD, tuple(pool(case.measures, history.totals())))


def is_estimate(r: PooledRate, history: History) -> bool:
    """A posterior still marked as an estimate: the example's, or one its own data weigh less than half."""
    return history.example or r.weight < 0.5


def with_history(case, estimate: RateEstimate):
    """The case with each measure that has history at its posterior rate and 90 % interval (drawn on
    its own in every Monte Carlo: its group is its id); the others keep the prior."""
    by_id = estimate.by_id()
    measures = []
    for m in case.measures:
        r = by_id.get(m.id)
        if r is None or r.exits <= 0:
            measures.append(m)
            continue
        share = m.redemption_share   # the posterior is per participant; a voucher's rates are per voucher
        measures.append(m.evolve(integration_rate=r.rate * share, rate_low=r.low * share, rate_high=r.high * share,
                                 rate_distribution="triangular", rate_group=m.id,
                                 rate_source=estimate.source_of(r, m.rate_source),
                                 rate_is_estimate=is_estimate(r, estimate.history),
                                 rate_range_source=T.RATES_RANGE_SOURCE.format(history=estimate.history.label)))
    files = dict(case.files, history=estimate.history.file)
    note = T.HIST_CASE_NOTE.format(n=len(estimate.with_data), history=estimate.history.label)
    return replace(case, measures=tuple(measures), files=files, notes=case.notes + (note,))


def history_notes(case) -> list[str]:
    """The note ``with_history`` left on a case (or on a result: its notes): file, years, hash and the
    example's label, for the tables and the Vorlage; empty without --history."""
    prefix = T.HIST_CASE_NOTE.split("{", 1)[0]
    return [n for n in case.notes if n.startswith(prefix)]
