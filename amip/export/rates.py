"""`amip rates`: the pooled rates as a German table and as a rate table ``--rates`` reads (issue 27)."""
from __future__ import annotations

import csv
import io

from amip import texts as T
from amip.models.fmt import cut_name, num
from amip.rates.estimate import RateEstimate, is_estimate

RATE_COLUMNS = ("key_type", "key", "rate", "range_low", "range_high", "estimate", "definition", "source")


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f} %".replace(".", ",")


def render_rates_table(estimate: RateEstimate, names: dict[str, str]) -> str:
    """One line per measure with history: exits, in job, raw rate, prior, posterior, interval, weight."""
    rows = [T.RATES_HEAD]
    for r in estimate.with_data:
        rows.append((cut_name(names.get(r.id, r.id), r.id, 40), num(r.exits, 0), num(r.in_job, 0), _pct(r.raw_rate),
                     _pct(r.prior_rate), _pct(r.rate), f"{_pct(r.low)} – {_pct(r.high)}", _pct(r.weight)))
    widths = [max(len(row[c]) for row in rows) for c in range(len(T.RATES_HEAD))]
    lines = [T.RATES_TITLE.format(history=estimate.history.label), T.RATES_METHOD.format(method=estimate.method), ""]
    for i, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(w) if c == 0 else cell.rjust(w)
                               for c, (cell, w) in enumerate(zip(row, widths))))
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    rest = len(estimate.rates) - len(estimate.with_data)
    if rest:
        lines += ["", T.RATES_NO_DATA.format(n=rest)]
    if estimate.history.example:
        lines += ["", T.HIST_EXAMPLE_NOTE]
    return "\n".join(lines)


def rate_table_csv(case, estimate: RateEstimate) -> str:
    """The case's rate table (the prior, for measures without history) and one ``measure`` row per
    measure with history: the format ``--rates`` reads; the source names the history file, its years
    and its sha256."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(RATE_COLUMNS)
    for e in case.rates.entries:
        if e.key_type == "measure":
            continue   # replaced by this estimate
        w.writerow((e.key_type, e.key, repr(e.rate), repr(e.range_low), repr(e.range_high),
                    "yes" if e.estimate else "no", e.definition, e.source))
    prior_source = {m.id: m.rate_source for m in case.measures}
    for r in estimate.with_data:
        w.writerow(("measure", r.id, f"{r.rate:.6f}", f"{r.low:.6f}", f"{r.high:.6f}",
                    "yes" if is_estimate(r, estimate.history) else "no", T.RATES_DEFINITION,
                    estimate.source_of(r, prior_source.get(r.id, ""))))
    return out.getvalue()
