"""Commitments (Politik) and linked measures: the default case keeps the seed's promises, every
commitment is re-checked from the data, the optimum equals scipy's HiGHS on a model written from the
data, and each price equals an independent re-solve without the commitment."""
from __future__ import annotations

from dataclasses import replace

import pytest

from amip.models.check import check_allocation, constraint_rows
from amip.models.policy import Policy, empty_linked_places
from amip.optimizer import optimize
from amip.scenarios import load_scenario
from tests.conftest import scipy_optimum, scipy_planning_optimum


@pytest.fixture(scope="module")
def pcase():
    return load_scenario()


@pytest.fixture(scope="module")
def presult(pcase):
    return optimize(pcase)


def without(case, names: set[str], links: set[str] = frozenset()):
    """The case with these commitments and links switched off (written here, not by amip)."""
    p = case.policy
    return replace(case, policy=Policy(tuple(replace(c, active=False) if c.name in names else c for c in p.commitments),
                                       tuple(replace(lk, active=False) if lk.name in links else lk for lk in p.links)))


def test_the_default_case_keeps_the_seed_commitments(pcase, presult):
    new = presult.new_entries
    assert new["hf2-16i"] >= 150 - 1e-6          # seed L2768-2771: "bis zu 150 geplanten Neueintritten"
    # the 198 pre-bought coaching places (L3074-3081) hold § 16i at the table's 198 through the link
    assert new["hf2-16i"] == pytest.approx(pcase.measure("hf2-16i-coaching").prebought_entries)
    assert new["hf2-16e"] >= 100 - 1e-6          # "Verdoppelung", seed L2775-2776
    ao = new["hf1-fbw-umschulung"] + new["hf1-fbw-teilqualifizierung"]
    assert 0.85 * 580 - 1e-6 <= ao <= 1.15 * 580 + 1e-6   # the frame around the 580 (L1906-1909, L1934)
    agh = pcase.measure("hf2-agh").planned_entries
    assert 0.85 * agh - 1e-6 <= new["hf2-agh"] <= 1.15 * agh + 1e-6
    assert new["hf1-avgs-mat"] + new["hf1-avgs-mpav"] + new["hf1-avgs-mag"] <= 2547 + 1e-6
    # no pre-bought coaching place without its § 16i participant
    (link,) = presult.links
    assert link["follower"] == "hf2-16i-coaching" and link["empty_prebought_places"] == pytest.approx(0.0, abs=1e-9)
    coaching = pcase.measure("hf2-16i-coaching")
    assert coaching.total_entries(0.0) <= pcase.measure("hf2-16i").total_entries(new["hf2-16i"]) + 1e-6
    assert check_allocation(pcase, new) == [] and presult.violations == ()


def test_every_commitment_row_is_rechecked_from_the_data(pcase, presult):
    new = presult.new_entries
    rows = {r.name: r for r in constraint_rows(pcase, new)}
    for c in pcase.policy.active_commitments:
        attr = "id" if c.selector == "measure" else "instrument_type"
        members = [m for m in pcase.measures if getattr(m, attr) in c.keys and m.budget_basis.has_new_entries]
        lhs = sum((m.cost_per_entry_eur if c.kind == "max_eur" else 1.0) * new[m.id] for m in members)
        names = [n for n in rows if n == f"policy__{c.name}" or n.startswith(f"policy__{c.name}__")]
        assert names, c.name
        for n in names:
            assert rows[n].lhs == pytest.approx(lhs)
            assert rows[n].violation() == 0.0
    # a plan that breaks one is caught by the checker
    broken = dict(new, **{"hf2-16e": 50.0})
    assert "policy__p16e_verdoppelung" in {v.constraint for v in check_allocation(pcase, broken)}


def test_the_optimum_equals_scipy_on_a_model_written_from_the_data(pcase, presult):
    assert presult.objective == pytest.approx(scipy_optimum(pcase), rel=1e-9)
    assert presult.objective == pytest.approx(scipy_planning_optimum(pcase), rel=1e-7)


def test_no_policy_gives_the_unconstrained_optimum(pcase, case):
    off = replace(pcase, policy=pcase.policy.off("test"))
    free = optimize(off)
    assert free.objective == pytest.approx(scipy_optimum(case), rel=1e-9)   # case: loaded without any policy
    assert free.objective == pytest.approx(optimize(case).objective, rel=1e-12)
    assert all(not p["active"] for p in free.policy)
    (link,) = empty_linked_places(off, free.new_entries)
    # the unconstrained optimum cuts § 16i and leaves the 198 pre-bought coaching places empty
    assert free.new_entries["hf2-16i"] == pytest.approx(0.0, abs=1e-6)
    assert link["empty_prebought_places"] == pytest.approx(198.0)


def test_each_price_equals_an_independent_resolve_without_it(pcase, presult):
    base = scipy_optimum(pcase)
    prices = {p["name"]: p for p in presult.policy}
    for c in pcase.policy.active_commitments:
        p = prices[c.name]
        links = {lk.name for lk in pcase.policy.active_links if lk.leader in {m.id for m in c.members(pcase)}}
        assert set(p["relaxed_with"]) == links
        # its own price: the optimum without it alone
        alone = scipy_optimum(without(pcase, {c.name}))
        assert p["price_integrations"] == pytest.approx(alone - base, abs=1e-6), c.name
        assert p["price_integrations"] >= -1e-9
        # the dual estimate is an upper bound of the own price (the optimum is concave in a right-hand side)
        assert p["price_dual_estimate"] >= p["price_integrations"] - 1e-6, c.name
        if p["price_integrations"] > 1e-6:   # a commitment that costs something binds
            assert p["binding"], c.name
        if links:   # and without it and its links together
            both = scipy_optimum(without(pcase, {c.name}, links))
            no_links = scipy_optimum(without(pcase, set(), links))
            assert p["price_with_links_integrations"] == pytest.approx(both - base, abs=1e-6), c.name
            assert p["price_after_links_integrations"] == pytest.approx(both - no_links, abs=1e-6), c.name
            assert p["price_without_links"] == (both - no_links > alone - base + 1e-6)
        else:
            assert p["price_with_links_integrations"] is None and not p["price_without_links"]
    for lk in pcase.policy.active_links:   # a link priced alone, its dual estimate an upper bound too
        p = prices[lk.name]
        alone = scipy_optimum(without(pcase, set(), {lk.name}))
        assert p["price_integrations"] == pytest.approx(alone - base, abs=1e-6)
        assert p["price_dual_estimate"] >= p["price_integrations"] - 1e-6
    # all together: the optimum without any commitment or link
    total = presult.policy_total
    free = scipy_optimum(replace(pcase, policy=pcase.policy.off("test")))
    assert total["price_integrations"] == pytest.approx(free - base, abs=1e-6)
    assert total["objective_without"] == pytest.approx(free, rel=1e-9)


def test_the_16i_commitment_and_its_coaching_link_say_one_true_thing(pcase, presult):
    """§ 16i: the promise is 150 (L2768-2771), the 198 pre-bought coaching places hold it at 198 (link).
    Trial finding 1: the paper said "70,2 Integrationen weniger, bindet nicht (kostet nichts)". Each figure
    a sentence names is an independent re-solve: without the commitment alone (nothing), without the link
    alone (its own price), without both, and the commitment once the link is dropped."""
    from amip.models.fmt import num

    p = next(p for p in presult.policy if p["name"] == "p16i_zusage")
    lk = next(p for p in presult.policy if p["name"] == "link__hf2_16i_coaching")
    base = scipy_optimum(pcase)
    alone = scipy_optimum(without(pcase, {"p16i_zusage"})) - base
    link = scipy_optimum(without(pcase, set(), {"link__hf2_16i_coaching"})) - base
    both = scipy_optimum(without(pcase, {"p16i_zusage"}, {"link__hf2_16i_coaching"})) - base
    assert alone == pytest.approx(0.0, abs=1e-6) and link > 1 and both > link + 1
    assert not p["binding"] and lk["binding"]
    assert p["text"] == (f"Zusage § 16i: 150 bis 198 Neueintritte: bindet nicht, kostet für sich nichts, solange "
                         f"die Kopplung hf2-16i-coaching → hf2-16i gilt (sie allein kostet {num(link)} "
                         f"Integrationen); ohne beide {num(both)} Integrationen mehr: fällt die Kopplung, "
                         f"kostet die Zusage {num(both - link)}")
    assert lk["text"] == (f"Die Kopplung hf2-16i-coaching → hf2-16i kostet {num(link)} Integrationen · bindet; ohne "
                          f"sie und „Zusage § 16i: 150 bis 198 Neueintritte“ zusammen {num(both)} Integrationen mehr")
    assert "kostet nichts" not in p["text"] and "weniger" not in p["text"]
    (jl,) = presult.links   # JSON links carries the link's own price too
    assert jl["name"] == lk["name"] and jl["price_integrations"] == pytest.approx(link, abs=1e-6)
    assert jl["price_with_commitments_integrations"] == pytest.approx(both, abs=1e-6) and jl["text"] == lk["text"]
    assert "L2768" in p["source"] and "L3062" in p["source"]
    # without the link § 16i falls to the promise, not below it
    free = optimize(without(pcase, set(), {"link__hf2_16i_coaching"}))
    assert free.new_entries["hf2-16i"] == pytest.approx(150.0, abs=1e-6)


def test_fbw_ao_can_fall_below_580_when_it_pays_within_its_frame(pcase, presult):
    """The seed's FbW plan 'setzt lediglich den Rahmen' (L1906-1909): a corridor around the 580, not a
    minimum. Where the budget earns more elsewhere the optimum goes below 580, to the frame's edge, and
    the old reading (≥ 580) gives fewer integrations."""
    c = next(c for c in pcase.policy.commitments if c.name == "fbw_abschluss")
    assert c.kind == "corridor" and c.reference(pcase) == 580
    ao = sum(presult.new_entries[m.id] for m in c.members(pcase))
    low = c.bounds(pcase)[0][2]
    assert low - 1e-6 <= ao < 580
    hard = replace(pcase, policy=replace(pcase.policy, commitments=tuple(
        replace(x, kind="min_entries", value=580.0) if x.name == "fbw_abschluss" else x
        for x in pcase.policy.commitments)))
    assert scipy_optimum(hard) < presult.objective - 1e-6
    assert "ohne" not in next(p for p in presult.policy if p["name"] == "fbw_abschluss")["text"]


def test_demand_caps_are_said_to_be_judgements(presult):
    by = {p["name"]: p for p in presult.policy}
    for name in ("egz_nachfrage", "esg_nachfrage", "mag_nachfrage"):
        assert by[name]["judgement"] and by[name]["text"].endswith("keine Zahl des Startplans)")
        assert by[name]["source"].startswith("POLICY")
    assert not by["p16e_verdoppelung"]["judgement"]


@pytest.mark.parametrize("spec", [
    "mat_cap: {instrument_type: mat, max_eur: 6000000, source: test}",
    "fbw_corridor: {instrument_type: fbw, corridor_pct: 10, reference_entries: 1100, source: test}",
    "egz_min: {measure: [hf1-egz, hf1-esg-svpfl], min_entries: 900, source: test}",
])
def test_other_commitment_kinds_match_scipy_and_the_checker(tmp_path, spec):
    from tests.conftest import write_scenario

    path = write_scenario(tmp_path, "p.yaml", f"""
        name: p
        policy:
          commitments:
            egz_nachfrage: {{active: false}}
            esg_nachfrage: {{active: false}}
            {spec}
        """)
    c = load_scenario(path)
    r = optimize(c)
    assert check_allocation(c, r.new_entries) == []
    assert r.objective == pytest.approx(scipy_optimum(c), rel=1e-9)
    name = spec.split(":")[0]
    p = next(p for p in r.policy if p["name"] == name)
    assert p["price_integrations"] == pytest.approx(scipy_optimum(without(c, {name})) - scipy_optimum(c), abs=1e-6)


def test_an_exact_link_and_a_ratio(tmp_path):
    from tests.conftest import write_scenario

    path = write_scenario(tmp_path, "l.yaml", """
        name: l
        links:
          hf2-16i-coaching: {follows: hf2-16i, mode: exactly, ratio: 1.0, source: test}
          hf1-avgs-mpav: {follows: hf1-avgs-mat, ratio: 0.05, source: "test: 1 MPAV per 20 MAT"}
        """)
    c = load_scenario(path)
    r = optimize(c)
    assert check_allocation(c, r.new_entries) == []
    assert r.objective == pytest.approx(scipy_optimum(c), rel=1e-9)
    assert r.new_entries["hf2-16i"] == pytest.approx(198.0)
    assert r.new_entries["hf1-avgs-mpav"] <= 0.05 * r.new_entries["hf1-avgs-mat"] + 1e-6


@pytest.mark.parametrize("effect", ["net", "kennzahl"])
def test_prices_are_measured_in_the_active_effect_measure(effect):
    # the re-solve reuses the model that was built: under --effect net the price is in net integrations
    from tests.conftest import effect_values_from_data

    c = load_scenario(effect=effect)
    r = optimize(c)
    values = effect_values_from_data(c, effect)
    base = scipy_optimum(c, values)
    assert r.objective == pytest.approx(base, rel=1e-9)
    p = next(p for p in r.policy if p["name"] == "p16i_zusage")
    links = set(p["relaxed_with"])
    assert p["price_integrations"] == pytest.approx(scipy_optimum(without(c, {"p16i_zusage"}), values) - base, abs=1e-6)
    assert p["price_with_links_integrations"] == pytest.approx(
        scipy_optimum(without(c, {"p16i_zusage"}, links), values) - base, abs=1e-6)
    assert p["price_unit"] == f"integrations ({effect})"
