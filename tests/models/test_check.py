import pytest

from amip.models import check_allocation, score_plan
from amip.models.check import constraint_rows
from tests.conftest import seed_plan


def test_seed_plan_overspends_the_neufallbudget_by_its_known_1637_euros(case):
    # CHECKS.md #5: Σ Mittelansätze 35.087.594,74 € vs. Neufallbudget 35.085.957 € (Überplanung 1.637,74 €).
    violations = check_allocation(case, seed_plan(case))
    assert [v.constraint for v in violations] == ["budget__neufall"]
    assert violations[0].amount == pytest.approx(1_637.74, abs=0.5)


def test_seed_plan_entries_match_abb6(case):
    assert score_plan(case, seed_plan(case)).entries == 15_812


def test_field_minimum_violation_is_found(case):
    plan = seed_plan(case)
    plan["hf2-agh"] = 0
    names = {v.constraint for v in check_allocation(case, plan)}
    assert "field_min__hf2" in names


def test_bounds_and_unknown_measures_are_checked(case):
    plan = seed_plan(case)
    plan["hf2-16i"] = 500          # upper bound 198 (coaching places)
    plan["nope"] = 1
    names = {v.constraint for v in check_allocation(case, plan)}
    assert {"upper__hf2_16i", "unknown__nope"} <= names


def test_pat_rows_use_the_cap(case):
    rows = {r.name: r for r in constraint_rows(case, seed_plan(case))}
    assert rows["pat__new_cases_cap"].lhs == pytest.approx(550_000)
    assert rows["pat__new_cases_cap"].binding()


def test_case_select_matches_each_selector_like_a_scan(case):
    from amip.models.case import SELECTORS

    assert case.select("all") == case.measures
    for selector, attr in SELECTORS.items():
        for key in {getattr(m, attr) for m in case.measures}:
            assert case.select(selector, key) == tuple(m for m in case.measures if getattr(m, attr) == key)
    assert case.select("measure", "no-such-measure") == ()


def test_the_bounds_a_result_keeps_are_the_binding_and_violated_ones(case):
    from amip.models.check import constraint_rows, score_plan
    from amip.optimizer import optimize

    plan = optimize(case).new_entries
    plan[next(iter(plan))] += 1e6   # one violated upper bound as well
    full = constraint_rows(case, plan)
    kept = constraint_rows(case, plan, score=score_plan(case, plan), all_bounds=False)
    wanted = [r for r in full if r.kind != "bound" or r.binding() or r.violation()]
    assert kept == wanted and any(r.violation() for r in kept) and len(kept) < len(full)
