"""amip.export.rates on its own: the rates estimated from the shipped example history of the default case,
as a German table (counts and percentages in German format, the example labelled) and as a rate table that
``--rates`` reads back to the same rates for the measures with history."""
from __future__ import annotations

import csv
import io

import pytest

from amip import texts as T
from amip.export.rates import RATE_COLUMNS, rate_table_csv, render_rates_table
from amip.inputs.history import EXAMPLE_FILE, read_history
from amip.inputs.loader import DEFAULT_CASE, load_case
from amip.models.fmt import cut_name, num
from amip.rates.estimate import estimate_rates


@pytest.fixture(scope="module")
def estimate(case):
    return estimate_rates(case, read_history(EXAMPLE_FILE, case))


def pct(x: float) -> str:
    return f"{100 * x:.1f} %".replace(".", ",")


def test_the_table_shows_each_measure_with_history_in_german_format(case, estimate):
    names = {m.id: m.name for m in case.measures}
    text = render_rates_table(estimate, names)
    lines = text.splitlines()
    assert lines[0] == T.RATES_TITLE.format(history=estimate.history.label)
    assert lines[1] == T.RATES_METHOD.format(method=estimate.method)
    assert lines[3].split()[:2] == ["Maßnahme", "Austritte"] and set(lines[4]) <= {"-", " "}
    body = lines[5:5 + len(estimate.with_data)]
    assert estimate.with_data and len(body) == len(estimate.with_data)
    for line, r in zip(body, estimate.with_data, strict=True):
        assert line.startswith(cut_name(names[r.id], r.id, 40))   # a cut name carries its id
        assert num(r.exits, 0) in line and pct(r.rate) in line and f"{pct(r.low)} – {pct(r.high)}" in line
    rest = len(estimate.rates) - len(estimate.with_data)
    assert (T.RATES_NO_DATA.format(n=rest) in text) == bool(rest)
    assert estimate.history.example and text.endswith(T.HIST_EXAMPLE_NOTE)


def test_the_rate_table_reads_back_through_rates(case, estimate, tmp_path):
    text = rate_table_csv(case, estimate)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == RATE_COLUMNS
    own = {r["key"]: r for r in rows if r["key_type"] == "measure"}
    assert set(own) == {r.id for r in estimate.with_data}
    for r in estimate.with_data:
        assert float(own[r.id]["rate"]) == pytest.approx(r.rate, abs=1e-6)
        assert own[r.id]["definition"] == T.RATES_DEFINITION and own[r.id]["source"]
    assert len(rows) - len(own) == sum(e.key_type != "measure" for e in case.rates.entries)
    path = tmp_path / "quoten.csv"
    path.write_text(text, encoding="utf-8")
    back = load_case(DEFAULT_CASE, rates=path)
    for r in estimate.with_data:
        m = back.measure(r.id)   # a voucher's table rate is per participant, its model rate per voucher
        assert m.integration_rate == pytest.approx(r.rate * m.redemption_share, abs=1e-6)
    untouched = next(m for m in case.measures if m.id not in own)
    assert back.measure(untouched.id).integration_rate == pytest.approx(untouched.integration_rate)
