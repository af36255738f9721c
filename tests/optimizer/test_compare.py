"""Comparison tables: deltas against the first scenario, recomputed from the results."""
import pytest

from amip.errors import InputError
from amip.optimizer import optimize
from amip.optimizer.compare import Comparison
from amip.scenarios import load_scenario


@pytest.fixture(scope="module")
def cmp():
    names = ("base", "downturn-mild", "budget-cut-10")
    return Comparison(names, tuple(optimize(load_scenario(n)) for n in names))


def test_summary_deltas(cmp):
    s = cmp.summary()
    assert [r["name"] for r in s] == list(cmp.names)
    assert s[0]["delta_integrations"] == 0
    for row, r in zip(s, cmp.results, strict=True):
        assert row["delta_integrations"] == pytest.approx(r.integrations - cmp.results[0].integrations)
        assert "budget__neufall" in row["binding"]


def test_measure_and_field_rows_add_up(cmp):
    for name, r in zip(cmp.names, cmp.results, strict=True):
        rows = cmp.measure_rows()
        assert sum(m["by_scenario"][name]["cost"] for m in rows) == pytest.approx(r.budget_used, rel=1e-9)
        assert sum(f["by_scenario"][name]["integrations"] for f in cmp.field_rows()) == pytest.approx(r.integrations)
        for m in rows:
            b = m["by_scenario"]
            assert b[name]["delta_cost"] == pytest.approx(b[name]["cost"] - b[cmp.names[0]]["cost"])


def test_movers_are_sorted_by_the_largest_funding_change(cmp):
    movers = cmp.movers(5)
    sizes = [m["max_abs_delta_cost"] for m in movers]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > 0
    every = max(m["max_abs_delta_cost"] for m in cmp.measure_rows())
    assert sizes[0] == every


def test_json_has_the_optimize_keys_plus_name(cmp):
    d = cmp.to_dict()
    for entry, r, name in zip(d["scenarios"], cmp.results, cmp.names, strict=True):
        assert set(r.to_dict()) | {"name"} == set(entry) and entry["name"] == name


def test_names_must_differ(cmp):
    with pytest.raises(InputError, match="müssen sich unterscheiden"):
        Comparison(("a", "a"), cmp.results[:2])
