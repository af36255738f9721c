"""The joint national LP: ≥ the separate optima, equal to scipy and to the PuLP model, own limits kept."""
from __future__ import annotations

import pytest

from amip.models.check import BUDGET, constraint_rows
from amip.national.cases import load_spec_case
from amip.national.joint import joint, joint_pulp
from tests.conftest import scipy_joint_optimum


@pytest.fixture(scope="module")
def joint_result(small_results):
    return joint(small_results)


def test_joint_beats_or_equals_the_separate_optima(joint_result, small_results):
    assert joint_result["separate_objective"] == pytest.approx(sum(r["objective"] for r in small_results))
    assert joint_result["objective"] >= joint_result["separate_objective"] - 1e-6
    assert joint_result["gain"] == pytest.approx(joint_result["objective"] - joint_result["separate_objective"])


def test_joint_equals_scipy_and_pulp(joint_result, small_specs):
    cases = [load_spec_case(s) for s in small_specs]
    assert joint_result["objective"] == pytest.approx(scipy_joint_optimum(cases), rel=1e-7)
    assert joint_result["objective"] == pytest.approx(joint_pulp(cases), rel=1e-7)


def test_joint_plan_keeps_each_jobcenters_limits(joint_result, small_specs, small_results):
    by_nr = {s.traeger_nr: s for s in small_specs}
    national, spend = sum(r["budget_eur"] for r in small_results), 0.0
    for m in joint_result["budget_moves"]:
        case = load_spec_case(by_nr[m["traeger_nr"]])
        rows = constraint_rows(case, m["plan"])
        broken = [r.name for r in rows if r.name != BUDGET and r.kind != "soft" and r.violation(1e-6)]
        assert broken == []
        budget_row = next(r for r in rows if r.name == BUDGET)
        assert m["joint_spend_eur"] == pytest.approx(budget_row.lhs + (case.budget.neufallbudget_eur - budget_row.rhs),
                                                     rel=1e-9)
        assert m["move_eur"] == pytest.approx(m["joint_spend_eur"] - m["budget_eur"])
        spend += m["joint_spend_eur"]
    assert spend <= national * (1 + 1e-9)
    assert sum(m["move_eur"] for m in joint_result["budget_moves"]) <= 1e-3 * national


def test_joint_rows_keep_their_names(small_results):
    from amip.models.check import BUDGET
    from amip.national.joint import NATIONAL_BUDGET, stack

    ok = small_results
    jm = stack([r["block"] for r in ok], [r["traeger_nr"] for r in ok])
    assert jm.row_names[0] == NATIONAL_BUDGET
    assert len(jm.row_names) == len(set(jm.row_names)) == len(jm.row_upper)
    assert not any(n.endswith("__" + BUDGET) for n in jm.row_names)
    for r in ok:
        own = [n for n in r["block"]["row_names"] if n != BUDGET]
        assert [n for n in jm.row_names if n.startswith(f"jc{r['traeger_nr']}__")] == \
               [f"jc{r['traeger_nr']}__{n}" for n in own]
