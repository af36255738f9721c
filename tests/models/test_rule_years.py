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
    # FbW incl. Teilqualifizierung, and Reha where the BA is the Reha-Träger (incl. its §§ 73, 46, 90 rows);
    # support of severely disabled people without Reha status stays with the jobcenter
    assert set(r.referral.instrument_types) == {"fbw", "fbw_ao", "fbw_tq", "reha", "reha_az", "reha_pb", "reha_egz"}
    assert not {"sb_az", "sb_pb", "sb_egz"} & set(r.referral.instrument_types)
    assert "walhalla" in r.referral.source and r.pat_rates_eur_per_month["other"] == 1100


def test_referred_measures_leave_the_neufallbudget_at_their_planned_entries():
    before, after = load_case(), load_case(year=2025)
    referred = [m for m in before.measures if m.instrument_type in load_rules(2025).referral.instrument_types]
    assert referred and {m.id for m in referred} >= {"hf1-fbw-umschulung", "hf1-fbw-teilqualifizierung", "qa-reha-egz"}
    sb = [m for m in before.measures if m.id in ("qa-sb-az", "qa-sb-pb", "qa-sb-egz")]
    assert len(sb) == 3 and all(after.measure(m.id) == m and m.budget_basis is BudgetBasis.NEW for m in sb)
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
