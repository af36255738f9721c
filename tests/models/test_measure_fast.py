"""Measure.checked / evolve / with_provenance: the constructor and replace, checked alike, faster."""
from dataclasses import fields, replace

import pytest

from amip.errors import InputError
from amip.models.measure import BudgetBasis, Measure


def _values(m):
    return {f.name: getattr(m, f.name) for f in fields(m)}


def test_checked_and_evolve_equal_the_constructor_and_replace(case):
    for m in case.measures[:20]:
        assert Measure.checked(**_values(m)) == Measure(**_values(m))
        assert list(vars(Measure.checked(**_values(m)))) == [f.name for f in fields(Measure)]
        assert m.evolve(cost_per_entry_eur=1.0, name="x") == replace(m, cost_per_entry_eur=1.0, name="x")


@pytest.mark.parametrize("bad", [dict(integration_rate=1.5), dict(cost_per_entry_eur=float("nan")),
                                 dict(planned_entries=-1.0), dict(lower_entries=5.0, upper_entries=1.0),
                                 dict(id="a b"), dict(rate_distribution="odd"), dict(objective_weight="1")])
def test_they_check_what_the_constructor_checks(case, bad):
    m = case.measures[0]
    for make in (lambda: replace(m, **bad), lambda: m.evolve(**bad), lambda: Measure.checked(**{**_values(m), **bad})):
        with pytest.raises(InputError):
            make()


def test_unknown_or_missing_fields_and_checked_fields_through_with_provenance(case):
    m = case.measures[0]
    with pytest.raises(TypeError):
        m.evolve(nope=1)
    with pytest.raises(TypeError):
        Measure.checked(id="x")
    with pytest.raises(TypeError):
        m.with_provenance(integration_rate=0.5)   # a checked field needs evolve
    assert m.with_provenance(upper_source="y").upper_source == "y"


def test_each_budget_basis_knows_whether_it_has_new_entries():
    assert {b for b in BudgetBasis if b.has_new_entries} == {BudgetBasis.NEW, BudgetBasis.MIXED}


def test_builder_makes_what_checked_makes_and_checks_its_names_once(case):
    names = tuple(f.name for f in fields(Measure))[:30]   # a subset: the rest keep their defaults
    build = Measure.builder(names)
    for m in case.measures:
        values = _values(m)
        built = build(*(values[n] for n in names))
        assert built == Measure.checked(**{n: values[n] for n in names})
        assert list(vars(built)) == [f.name for f in fields(Measure)]
    for bad in (("id", "nope"), ("id",), names + ("id",)):
        with pytest.raises(TypeError):
            Measure.builder(bad)
    with pytest.raises(ValueError):   # a value short
        build(*range(len(names) - 1))


def test_from_columns_makes_what_checked_makes_row_by_row(case):
    ms = case.measures[:30]
    names = ("id", "field", "name", "instrument", "instrument_type", "product_category", "budget_basis",
             "cost_per_entry_eur", "planned_entries", "prebought_entries", "lower_entries", "upper_entries",
             "integration_rate", "rate_source", "rate_is_estimate", "rate_low", "rate_high", "source")
    columns = {k: [getattr(m, k) for m in ms] for k in names}
    built = Measure.from_columns(columns)
    want = [Measure.checked(**{k: getattr(m, k) for k in names}) for m in ms]
    assert built == want
    assert all(list(vars(b).items()) == list(vars(w).items()) for b, w in zip(built, want, strict=True))
    assert Measure.from_columns({k: [] for k in names}) == []
    with pytest.raises(TypeError):
        Measure.from_columns({k: v for k, v in columns.items() if k != "name"})   # a required field missing
    with pytest.raises(TypeError):
        Measure.from_columns({**columns, "nope": [1] * 30})
    with pytest.raises(ValueError):
        Measure.from_columns({**columns, "pool": ["p"] * 29})   # a column of another length
