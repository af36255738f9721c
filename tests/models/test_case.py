from dataclasses import replace

from amip.models.case import MEASURE_COLUMNS
from amip.models.measure import BudgetBasis
from tests.conftest import make_case


def test_columns_hold_each_measures_fields_in_table_order(case):
    c = case.columns
    assert set(c) == set(MEASURE_COLUMNS) | {"has_new_entries", "fixed_entries"}
    for name in MEASURE_COLUMNS:
        assert c[name] == tuple(getattr(m, name) for m in case.measures), name
    assert c["has_new_entries"] == tuple(m.budget_basis.has_new_entries for m in case.measures)
    assert c["fixed_entries"] == tuple(m.fixed_entries for m in case.measures)


def test_columns_count_outside_entries_as_fixed(case):
    # an outside-budget measure's planned entries are fixed entries (Measure.fixed_entries), it has no new ones
    m = replace(case.measures[0], budget_basis=BudgetBasis.OUTSIDE, planned_entries=12.0, prebought_entries=3.0)
    c = make_case(case, measures=(m,) + case.measures[1:]).columns
    assert (c["fixed_entries"][0], c["has_new_entries"][0]) == (15.0, False)
    assert c["id"][1:] == tuple(m.id for m in case.measures[1:])


def test_columns_of_a_case_without_measures_are_empty(case):
    c = make_case(case, measures=()).columns
    assert all(v == () for v in c.values()) and "fixed_entries" in c
