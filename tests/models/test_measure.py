import pytest

from amip.errors import InputError
from amip.models import BudgetBasis, Measure


def make(**kw):
    base = dict(id="m-1", field="HF1", name="M", instrument="§ 45 SGB III", instrument_type="mat",
                product_category="I", budget_basis=BudgetBasis.MIXED, cost_per_entry_eur=1000.0,
                planned_entries=10.0, prebought_entries=5.0, lower_entries=0.0, upper_entries=20.0,
                integration_rate=0.2, rate_source="test", rate_is_estimate=True)
    base.update(kw)
    return Measure(**base)


def test_entries_split_into_fixed_and_new():
    m = make()
    assert m.fixed_entries == 5 and m.total_entries(7) == 12 and m.counts_against_budget
    outside = make(budget_basis=BudgetBasis.OUTSIDE, upper_entries=0.0)
    assert outside.fixed_entries == 15 and outside.total_entries(99) == 15 and not outside.counts_against_budget


@pytest.mark.parametrize("kw,msg", [
    (dict(id="Bad Id"), "darf nur Buchstaben"), (dict(cost_per_entry_eur=-1.0), "≥ 0"),
    (dict(integration_rate=1.2), "[0, 1]"), (dict(lower_entries=30.0), "liegt über der Obergrenze"),
    (dict(planned_entries=float("nan")), "endliche"),
])
def test_invalid_measures_are_rejected(kw, msg):
    with pytest.raises(InputError, match=msg.replace("[", r"\[").replace("]", r"\]")):
        make(**kw)


def test_id_keys_are_id_key_of_each_id():
    from amip.models.measure import id_key, id_keys

    ids = ["M01", " m-02 ", "Hf1_Förder\t", ""]
    assert id_keys(ids) == [id_key(i) for i in ids]
    assert id_keys(i for i in ids) == id_keys(ids)
