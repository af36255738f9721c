"""The derived case of a jobcenter: budget from the national table × the federal total, Duisburg's
structure scaled, rates varied by the Integrationsquote index, long-term pools by the LZB/GSQ ratio;
every figure marked ESTIMATE."""
from __future__ import annotations

import math

import pytest

from amip import texts as T
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
        assert "ESTIMATE" in m.rate_source and T.IQ in m.rate_source


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


def test_the_split_planning_file_resolves_to_the_whole_derived_planning(tmp_path):
    """planning.yaml (the jobcenter's staff) extends the carried part (the same text for every jobcenter,
    parsed once per process): merged, exactly the planning data of derive_planning in one file."""
    import yaml

    from amip.inputs.loader import DEFAULT_CASE, load_yaml
    from amip.models.frame import derive_planning
    from amip.national.cases import CARRIED_PLANNING
    from amip.scenarios.resolver import resolve

    spec = _spec("Bochum")
    files = derived_files(spec)
    assert files[CARRIED_PLANNING] == derived_files(_spec("84308"))[CARRIED_PLANNING], "one text for all"
    split = tmp_path / "split"
    split.mkdir()
    for name, text in files.items():
        (split / name).write_text(text, encoding="utf-8")
    own = yaml.safe_load(files["planning.yaml"])
    template = load_yaml(DEFAULT_CASE.parent / load_yaml(DEFAULT_CASE, "case file")["planning"], "planning file")
    whole = derive_planning(template, 1.0, name=own["name"])
    staff = own["staff"]["classes"]
    assert all(c["customers"] != whole["staff"]["classes"][k]["customers"] for k, c in staff.items()), "scaled"
    whole["staff"] = own["staff"]
    (tmp_path / "whole.yaml").write_text(yaml.safe_dump(whole, allow_unicode=True, sort_keys=False), encoding="utf-8")
    a, b = resolve(split / "planning.yaml"), resolve(tmp_path / "whole.yaml")
    assert a.data == b.data and a.name == b.name


def test_a_derived_case_is_the_same_read_fresh_or_from_the_parsed_cache():
    from amip.inputs.reading import forget_parsed

    spec = _spec("Bochum")
    warm = load_spec_case(spec)
    forget_parsed()
    cold = load_spec_case(spec)
    from dataclasses import fields
    from pathlib import Path

    def shown(case) -> dict:   # every field, the temporary folder's name left out
        folder = str(Path(case.files["case"]).parent)
        return {f.name: repr(getattr(case, f.name)).replace(folder, "DIR") for f in fields(case)}

    assert shown(warm) == shown(cold)
