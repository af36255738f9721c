import pytest

from amip.errors import InputError
from amip.models import PAT

RATES = {"single": 500.0, "single_parent": 600.0, "other": 700.0}


def test_relief_is_months_times_the_mix_weighted_flat_rate():
    pat = PAT(RATES, {"single": 0.5, "single_parent": 0.2, "other": 0.3}, 5.0, 550_000)
    assert pat.mean_rate_eur_per_month == pytest.approx(580.0)
    assert pat.relief_per_entry_eur(20_000) == pytest.approx(2_900.0)


def test_relief_never_exceeds_the_subsidy():
    pat = PAT(RATES, {"other": 1.0}, 12.0, 550_000)
    assert pat.relief_per_entry_eur(5_000) == 5_000
    assert PAT(RATES, {"other": 1.0}, 12.0, 1, cap_at_subsidy=False).relief_per_entry_eur(5_000) == 8_400


@pytest.mark.parametrize("mix,msg", [({"single": 0.5}, "sich zu 1 summieren"), ({"nobody": 1.0}, "unbekannte BG-Klasse"),
                                     ({"single": 1.5, "other": -0.5}, "≥ 0")])
def test_bad_mix_is_rejected(mix, msg):
    with pytest.raises(InputError, match=msg):
        PAT(RATES, mix, 5.0, 1.0)


def test_shipped_case_uses_the_rule_file_rates(case):
    assert case.pat.rates_eur_per_month == RATES
    assert case.pat.new_cases_cap_eur == 550_000
    m16i = case.measure("hf2-16i")
    assert 0 < case.pat_relief_per_entry_eur(m16i) <= m16i.cost_per_entry_eur
    assert case.pat_relief_per_entry_eur(case.measure("hf2-16e")) == 0
