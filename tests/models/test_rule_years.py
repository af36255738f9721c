"""The dated rule files of 2023 and 2025 and what they change in a case."""
from __future__ import annotations

import pytest

from amip.inputs.loader import load_case, load_rules
from amip.models.measure import BudgetBasis


def test_2023_raises_the_pat_flat_rates_and_drops_the_16i_end_date():
    r = load_rules(2023)
    assert r.pat_rates_eur_per_month == {"single": 800, "single_parent": 1000, "other": 1100}
    assert all("sgb2.info" in s for s in r.pat_sources.values())
    assert r.raw["sunset"]["p16i"]["value"] is None and "Bürgergeld" in r.raw["sunset"]["p16i"]["source"]
    assert r.referral is None
    assert load_rules(2020).pat_rates_eur_per_month == {"single": 500, "single_parent": 600, "other": 700}


def test_2025_refers_fbw_and_reha_to_the_agentur():
    r = load_rules(2025)
    assert set(r.referral.instrument_types) == {"fbw", "fbw_ao", "reha"}
    assert "walhalla" in r.referral.source and r.pat_rates_eur_per_month["other"] == 1100


def test_referred_measures_leave_the_neufallbudget_at_their_planned_entries():
    before, after = load_case(), load_case(year=2025)
    referred = [m for m in before.measures if m.instrument_type in ("fbw", "fbw_ao", "reha")]
    assert referred
    for m in referred:
        n = after.measure(m.id)
        assert n.budget_basis is BudgetBasis.OUTSIDE and n.cost_per_entry_eur == 0 and n.fixed_spend_eur == 0
        planned = m.planned_entries if m.budget_basis.has_new_entries else 0.0
        assert n.fixed_entries == pytest.approx(planned + m.prebought_entries)   # entries still counted
        assert n.integration_rate == m.integration_rate
    others = [m for m in before.measures if m not in referred]
    assert all(after.measure(m.id) == m for m in others)
    assert after.fixed_spend_eur == pytest.approx(before.fixed_spend_eur - sum(m.fixed_spend_eur for m in referred))
    assert any("Agentur für Arbeit" in n for n in after.notes)
    # the field minima are those of the plan: referred entries count towards them
    assert [f.min_entries for f in after.fields] == [f.min_entries for f in before.fields]
