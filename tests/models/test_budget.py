from amip.errors import InputError
from amip.models import Budget

import pytest


def test_derivation_reproduces_the_seed_to_the_euro(case):
    b = case.budget
    assert b.verwaltung_bundesmittel_eur == 63_220_580           # derived (Abb. 1 is an image)
    assert b.egt_zuteilung_eur == 68_899_598                     # derived
    assert b.egt_verfuegbar_eur == 34_685_957                    # printed: L272
    assert b.derived_neufallbudget_eur == 35_085_957             # printed: L264, L294
    assert b.neufallbudget_eur == 35_085_957
    assert b.egt_zuteilung_eur + b.verwaltung_bundesmittel_eur == b.globalbudget_eur


def test_override_is_shown_in_the_derivation(case):
    b = case.budget.with_neufallbudget(30_000_000, "--budget")
    assert b.neufallbudget_eur == 30_000_000
    assert b.derived_neufallbudget_eur == 35_085_957
    assert b.derivation()[-1] == ("Neufallbudget (vorgegeben)", 30_000_000, "--budget")


@pytest.mark.parametrize("value", [0, -5])
def test_a_budget_of_zero_or_less_is_rejected(case, value):
    with pytest.raises(InputError, match="Neufallbudget must be > 0"):
        case.budget.with_neufallbudget(value, "test")


def test_negative_input_is_rejected():
    with pytest.raises(InputError, match="kfa_eur"):
        Budget(1, 1, -1, 0, 0, 0, 0)
