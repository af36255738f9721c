import pytest

from amip.models import check_allocation, score_plan
from amip.models.check import constraint_rows
from tests.conftest import seed_plan


def test_seed_plan_spends_its_sum_less_the_modelled_pat_relief(case):
    # CHECKS.md #5: Σ Mittelansätze 35.087.594,74 € vs. Neufallbudget 35.085.957 € (Überplanung 1.637,74 €)
    # with the seed's PAT estimate of 550.000 € (L428). The model's relief follows the 198 § 16i entries
    # at the rule file's flat rates; the seed plan spends the seed's sum less the difference.
    from amip.models.check import pat_relief_eur

    plan = seed_plan(case)
    relief, _ = pat_relief_eur(case, plan)
    spend = 35_087_594.74 + case.pat.expected_new_cases_eur - relief
    assert score_plan(case, plan).spend_eur == pytest.approx(spend, abs=0.5)
    over = spend - case.budget.neufallbudget_eur
    violations = check_allocation(case, plan)
    assert [v.constraint for v in violations] == (["budget__neufall"] if over > 0.5 else [])
    if over > 0.5:
        assert violations[0].amount == pytest.approx(over, abs=0.5)


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


def test_pat_rows_without_a_cap_use_the_whole_relief(case):
    rows = {r.name: r for r in constraint_rows(case, seed_plan(case))}
    assert "pat__new_cases_cap" not in rows   # the default case sets no cap (PAT is no local allotment)
    m = case.measure("hf2-16i")
    assert rows["pat__per_entry"].lhs == pytest.approx(198 * case.pat_relief_per_entry_eur(m))
    assert rows["pat__per_entry"].binding()


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
