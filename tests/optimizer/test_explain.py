"""`--explain`: the measures without new money are explained by their checked reasons
(amip.optimizer.reasons), never by a price comparison a binding commitment contradicts."""
from __future__ import annotations

import pytest

from amip.optimizer import optimize
from amip.optimizer.explain import explain
from amip.optimizer.reasons import reasons
from amip.scenarios import load_scenario


@pytest.fixture(scope="module", params=["base", "downturn-severe"])
def explained(request):
    case = load_scenario(request.param)
    result = optimize(case)
    return case, result, explain(case, result)


def test_every_unfunded_measure_is_explained_by_its_reason(explained):
    case, result, ex = explained
    why = {r.id: r for r in reasons(case, result)}
    assert ex["unfunded"]
    assert {r["id"] for r in ex["reasons"]} == set(why)
    for u in ex["unfunded"]:
        r = why[u["id"]]
        assert u["cause"] == r.cause
        if r.cause not in ("tie", "open"):
            assert r.text in u["text"], u["id"]
        if r.cause != "price":   # held by a row: its yield may beat the budget's last money
            assert "das Budget bringt anderswo" not in u["text"]


def test_a_capped_measure_names_where_its_bound_comes_from(explained):
    _, _, ex = explained
    for c in ex["capped"]:
        assert "(" in c["text"].split("Neueintritten", 1)[1][:3], c["text"]
