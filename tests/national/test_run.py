"""solve_case and the drivers: checked plans, scipy's HiGHS, failures by name, sequential = Dask."""
from __future__ import annotations

import numpy as np
import pytest

from amip.models.check import check_allocation, score_plan
from amip.national.cases import CaseSpec, load_spec_case
from amip.national.run import public, run_dask, run_sequential, solve_case, totals
from amip.national.select import LAND_GROUPS, make_specs, select_jobcenters
from tests.conftest import scipy_optimum

NUMBERS = ("integrations", "objective", "spend_eur", "unspent_eur", "budget_eur", "entries")


def test_each_plan_passes_the_checker_and_equals_scipy(small_specs, small_results):
    for spec, r in zip(small_specs, small_results, strict=True):
        assert r["status"] == "ok", r.get("error")
        case = load_spec_case(spec)
        assert check_allocation(case, r["plan"]) == []
        assert r["violations"] == []
        s = score_plan(case, r["plan"])
        assert r["integrations"] == pytest.approx(s.integrations)
        assert r["objective"] == pytest.approx(scipy_optimum(case), rel=1e-7)
        assert r["spend_eur"] <= r["budget_eur"] * (1 + 1e-9)
        assert r["unspent_eur"] == pytest.approx(r["budget_eur"] - r["spend_eur"], abs=0.01)
        assert r["effects"]["gross"] == r["integrations"]
        assert r["mc"]["p5"] <= r["mc"]["p50"] <= r["mc"]["p95"]


def test_jobcenters_really_differ(small_results):
    per_1000 = {round(r["integrations"] / r["budget_eur"] * 1000, 4) for r in small_results}
    assert len(per_1000) == len(small_results)


def test_totals_add_up(small_results):
    t = totals(small_results)
    assert t["integrations"] == pytest.approx(sum(r["integrations"] for r in small_results))
    assert t["spend_eur"] + t["unspent_eur"] == pytest.approx(t["budget_eur"])
    s = np.sum([r["draw_integrations"] for r in small_results], axis=0)
    assert t["monte_carlo"]["p50"] == pytest.approx(float(np.percentile(s, 50)))


def test_seeds_depend_on_the_task_not_the_run():
    jcs = select_jobcenters(searches=("Vorpommern",))
    a = make_specs(jcs, draws=5, seed=1)
    b = make_specs(jcs, draws=5, seed=1)
    assert [s.seed for s in a] == [s.seed for s in b]
    assert len({s.seed for s in a}) == len(a)
    assert [s.seed for s in make_specs(jcs, draws=5, seed=2)] != [s.seed for s in a]


def test_a_failed_case_is_named_and_the_rest_completes(small_specs):
    bad = CaseSpec(traeger_nr="99999", name="Niemandsland", form="gE", draws=2)
    out = run_sequential([small_specs[0], bad, small_specs[1]])
    assert [r["status"] for r in out] == ["ok", "error", "ok"]
    assert out[1]["name"] == "Niemandsland" and "99999" in out[1]["error"]
    assert totals(out)["failed"] == 1 and totals(out)["jobcenters"] == 2


def test_a_broken_scenario_fails_only_its_task(small_specs, tmp_path):
    p = tmp_path / "broken.yaml"
    p.write_text("extends: base\nbudget: {neufallbudget_eur: {value: -5}}\n", encoding="utf-8")
    r = solve_case(CaseSpec(traeger_nr="03002", name="x", form="gE", scenario=str(p)))
    assert r["status"] == "error" and r["error"]


def test_dask_equals_sequential(small_specs, small_results):
    specs = small_specs + [CaseSpec(traeger_nr="99999", name="Niemandsland", form="gE")]
    out = run_dask(specs, workers=2)
    assert [r["traeger_nr"] for r in out] == [s.traeger_nr for s in specs]
    assert out[-1]["status"] == "error" and out[-1]["name"] == "Niemandsland"
    for a, b in zip(out, small_results, strict=False):
        for k in NUMBERS:
            assert a[k] == b[k], k          # identical, not approximately equal
        assert a["draw_integrations"] == b["draw_integrations"]
        assert a["plan"] == b["plan"]
        assert {k: v for k, v in public(a).items() if k != "seconds"} == \
               {k: v for k, v in public(b).items() if k != "seconds"}


def test_filters():
    assert {j.traeger_nr[0] for j in select_jobcenters(lands=("BY",))} == set(LAND_GROUPS["BY"])
    assert all(j.form == "zkT" for j in select_jobcenters(form="zkT"))
    assert len(select_jobcenters()) == 405
    assert len(select_jobcenters(lands=("NW",), form="gE")) < len(select_jobcenters(lands=("NW",)))


def test_three_effects_on_every_result(small_specs, small_results):
    from amip.models.check import plan_effects

    for spec, r in zip(small_specs, small_results, strict=True):
        case = load_spec_case(spec)
        scored = plan_effects(case, r["plan"])
        assert r["effect"] == "gross"
        assert r["effects"] == {e: v["value"] for e, v in scored.items()}
        assert r["integrations"] == r["effects"]["gross"] == pytest.approx(r["objective"])
    t = totals(small_results)
    assert t["effects"]["net"] == pytest.approx(sum(r["effects"]["net"] for r in small_results))


def test_optimised_in_the_net_effect_equals_scipy(small_specs):
    from dataclasses import replace

    from tests.conftest import effect_values_from_data

    spec = replace(small_specs[0], effect="net", draws=0)
    r = solve_case(spec)
    assert r["status"] == "ok", r["error"]
    case = load_spec_case(spec)
    assert r["effect"] == "net"
    assert r["objective"] == pytest.approx(scipy_optimum(case, effect_values_from_data(case, "net")), rel=1e-7)
    assert r["objective"] == pytest.approx(r["effects"]["net"])
    assert check_allocation(case, r["plan"]) == []
