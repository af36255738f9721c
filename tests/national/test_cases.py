"""The derived case of a jobcenter: budget from the national table × the federal total, Duisburg's
structure scaled, rates varied by the Integrationsquote index, long-term pools by the LZB/GSQ ratio;
every figure marked ESTIMATE."""
from __future__ import annotations

import math

import pytest

from amip.inputs.national import find_jobcenter, load_jobcenters
from amip.models.national import ALLOCATED_TOTAL_2022_EUR
from amip.national.cases import CaseSpec, derived_files, load_spec_case, rate_factor, ratio


def _spec(nr: str, **kw) -> CaseSpec:
    jc = find_jobcenter(nr)
    return CaseSpec(traeger_nr=jc.traeger_nr, name=jc.name, form=jc.form, **kw)


def test_share_weighted_mean_ratio_is_one():
    # both halves of the key sum to the same total, so the index is centred on the national mean
    rows = load_jobcenters()
    assert sum(j.egl_share_pct_lzb for j in rows) == pytest.approx(sum(j.egl_share_pct_gsq for j in rows), rel=1e-4)


def test_rates_follow_the_index():
    # Bayern (München, K2 30,8 %) against Duisburg (NRW, ESTIMATE 21,0 %): same structure, other index
    jc = find_jobcenter("84308")
    case = load_spec_case(_spec("84308"))
    f = 30.8 / 24.8
    assert rate_factor(jc) == pytest.approx(f)
    base = load_spec_case(_spec("34102"))
    fd = rate_factor(find_jobcenter("34102"))
    assert fd == pytest.approx(21.0 / 24.8)
    for m, b in zip(case.measures, base.measures, strict=True):
        assert m.id == b.id
        assert m.integration_rate == pytest.approx(min(1.0, b.integration_rate / fd * f), abs=2e-6)
        assert "ESTIMATE" in m.rate_source and "Integrationsquote K2" in m.rate_source


def test_budget_follows_the_share_and_the_total():
    jc = find_jobcenter("Bochum")
    a = load_spec_case(_spec(jc.traeger_nr))
    b = load_spec_case(_spec(jc.traeger_nr, total_eur=2 * ALLOCATED_TOTAL_2022_EUR))
    assert a.budget.egt_zuteilung_eur == pytest.approx(ALLOCATED_TOTAL_2022_EUR * jc.egl_share_pct / 100, abs=1)
    assert b.budget.egt_zuteilung_eur == pytest.approx(2 * a.budget.egt_zuteilung_eur, abs=2)
    assert b.budget.neufallbudget_eur == pytest.approx(2 * a.budget.neufallbudget_eur, rel=1e-6)
    assert "--total" in derived_files(_spec(jc.traeger_nr, total_eur=4e9))["case.yaml"]


def test_long_term_pools_follow_the_index():
    a = load_spec_case(_spec("03002"))
    d = find_jobcenter("34102")
    jc = find_jobcenter("03002")
    scale = a.budget.neufallbudget_eur / load_spec_case(_spec("34102")).budget.neufallbudget_eur
    duis = load_spec_case(_spec("34102"))
    for pid in ("lzb", "lza"):
        expected = duis.pools[pid].size * scale * ratio(jc) / ratio(d)
        assert a.pools[pid].size == pytest.approx(expected, rel=2e-3)
        assert "ESTIMATE" in a.pools[pid].source


def test_every_case_says_the_catalogue_is_derived():
    case = load_spec_case(_spec("03002"))
    assert any("abgeleitet" in n.lower() or "Abgeleitete" in n for n in case.frame_notes)
    assert all(math.isfinite(m.integration_rate) and 0 <= m.integration_rate <= 1 for m in case.measures)
