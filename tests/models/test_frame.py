"""The frame of a case: flat keys ↔ case.yaml's shape, a derived frame and a derived catalogue."""
import pytest

from amip.inputs.loader import DEFAULT_CASE, load_yaml
from amip.inputs.national import find_jobcenter
from amip.models.budget import Budget
from amip.models.frame import derive_catalogue, derive_frame, derive_planning, flatten, neutral_name, unflatten
from tests.conftest import shipped_rows


def test_derive_catalogue_scales_entries_and_money_but_not_unit_costs_or_rates():
    _, rows = shipped_rows()
    out = derive_catalogue(rows, 0.5)
    assert len(out) == len(rows)
    for r, d in zip(rows, out, strict=True):
        for c in ("planned_entries", "prebought_entries", "lower", "upper"):
            if r[c]:   # whole people: half up, at least one where the template plans any
                assert isinstance(d[c], int)
                assert d[c] == max(int(float(r[c]) * 0.5 + 0.5), 1 if float(r[c]) > 0 else 0)
        for c in ("fixed_spend_eur", "planned_budget_eur"):
            if r[c]:
                assert d[c] == pytest.approx(float(r[c]) * 0.5, abs=0.0051)   # to the cent
        for c in ("id", "field", "instrument_type", "cost_per_entry_eur", "integration_rate", "budget_basis"):
            assert d[c] == r[c]
        assert d["confidence"] == "ESTIMATE"
        assert d["note"].startswith("abgeleiteter Katalog – durch eigene Maßnahmen ersetzen")
        assert d["seed_lines"] == ""
        if r["seed_lines"]:
            assert f"Duisburg L{r['seed_lines']}" in d["note"]


def test_derive_catalogue_refuses_a_scale_that_is_no_positive_number():
    for bad in (0, -1, float("nan"), float("inf")):
        with pytest.raises(ValueError):
            derive_catalogue([], bad)


def test_the_derived_frame_keeps_duisburgs_ratios_and_fits_the_catalogue_to_its_budget():
    base = load_yaml(DEFAULT_CASE, "case file")
    b = {k: float(v["value"]) for k, v in base["budget"].items() if k != "expected"}
    base_budget = Budget(**b)
    jc = find_jobcenter("Bochum")
    raw, scale = derive_frame(jc, base, base_budget.neufallbudget_eur, year=2020)
    bud = raw["budget"]
    egt = bud["egt_zuteilung_eur"]["value"]
    assert egt == round(jc.egt_estimate_eur)
    for key in ("vorbindungen_eur", "rueckeinnahmen_egt_eur"):
        assert bud[key]["value"] / egt == pytest.approx(b[key] / base_budget.egt_zuteilung_eur, abs=1e-6)
    assert "POLICY" in bud["vorbindungen_eur"]["source"] and "ESTIMATE" in bud["rueckeinnahmen_egt_eur"]["source"]
    # the shift to administration: the national share of 2017 (domain.md §7.3: 911 M€, 20,5 %), not Duisburg's
    assert bud["umschichtung_eur"]["value"] / egt == pytest.approx(0.205, abs=1e-6)
    assert "20,5 %" in bud["umschichtung_eur"]["source"] and "ESTIMATE" in bud["umschichtung_eur"]["source"]
    nfb = (egt - bud["vorbindungen_eur"]["value"] - bud["umschichtung_eur"]["value"]
           + bud["rueckeinnahmen_egt_eur"]["value"])
    assert scale == pytest.approx(nfb / base_budget.neufallbudget_eur)
    assert raw["pat"]["new_cases_expected_eur"]["value"] == round(550000 * scale)
    assert all("ESTIMATE" in p["source"] for p in raw["pools"].values())
    assert raw["catalogue"]["derived"] is True and raw["jobcenter"]["traeger_nr"] == "32102"
    assert raw["name"] == "bochum-2020"


def test_flatten_and_unflatten_are_inverse_on_a_derived_frame():
    base = load_yaml(DEFAULT_CASE, "case file")
    raw, _ = derive_frame(find_jobcenter("63402"), base, 35085957.0, year=2020)
    raw["fields"]["HF1"]["min_entries"] = {"value": 12.0, "source": "own"}
    back = unflatten(flatten(raw))
    for key in ("budget", "pat", "pools", "policy"):
        assert back[key] == raw[key]
    assert back["fields"]["HF1"]["min_entries"] == {"value": 12.0, "source": "own"}
    assert {k: v["name"] for k, v in back["fields"].items()} == {k: v["name"] for k, v in raw["fields"].items()}
    assert back["name"] == raw["name"] and back["year"] == 2020


def test_derived_measure_names_carry_no_other_citys_name():
    _, rows = shipped_rows()
    assert any("Duisburg" in r["name"] for r in rows)
    assert not any("duisburg" in str(d["name"]).lower() for d in derive_catalogue(rows, 0.7748))
    assert neutral_name("Neustart in Duisburg Ü25 SOE") == "Neustart Ü25 SOE"
    assert neutral_name("Förderzentrum I") == "Förderzentrum I"


def test_the_template_planning_is_carried_marked_and_its_customers_scaled():
    base = load_yaml(DEFAULT_CASE.parent / "planning.yaml", "planning file")
    out = derive_planning(base, 0.5, name="x-planung")
    assert out["name"] == "x-planung" and base["name"] != "x-planung"   # the template is not changed
    # durations, LZB/LLU per integration and the § 16i coaching link stay the template's
    assert out["durations"]["instrument_type"]["bae"]["months"] == base["durations"]["instrument_type"]["bae"]["months"]
    assert out["targets"]["llu"]["all"]["value"] == base["targets"]["llu"]["all"]["value"] > 0
    assert out["links"]["hf2-16i-coaching"]["follows"] == "hf2-16i"
    for cid, cls in out["staff"]["classes"].items():
        assert cls["customers"] == round(base["staff"]["classes"][cid]["customers"] * 0.5)
        assert "× 0,5000" in cls["source"]

    def sources(node):
        if isinstance(node, dict):
            if "source" in node:
                yield node["source"]
            for v in node.values():
                yield from sources(v)

    found = list(sources({k: v for k, v in out.items() if k not in ("name", "description")}))
    assert len(found) > 40 and all(s.startswith("Vorlage Duisburg 2020") and "ESTIMATE" in s for s in found)


def test_the_later_years_of_a_horizon_are_keys_of_the_frame():
    from amip.models.frame import NUM, help_of, kind_of, year_path_key, year_path_rows

    assert year_path_key("budget.egt_path.2021") == ("egt_path", "2021")
    assert year_path_key("budget.vorbindungen_path.zwanzig") == ("vorbindungen_path", "zwanzig")
    for other in ("budget.egt_path", "budget.egt_path.2021.x", "budget.egt_zuteilung_eur", "pools.egt_path.2021"):
        assert year_path_key(other) is None
    assert kind_of("budget.egt_path.2021") == NUM and kind_of("budget.egt_pfad.2021") is None
    assert help_of("budget.egt_path.2022")[:2] == ("EGT-Zuteilung Folgejahr 2022", "€")
    label, unit, where = help_of("budget.vorbindungen_path.2021")
    assert label == "Vorbindungen Folgejahr 2021" and "--horizon" in where and "0 €" in where
    # every year a horizon of 2 to 5 years reaches, and a given year beyond
    assert year_path_rows(2020, {"budget.egt_path.2026": (1, "")}) == [
        "budget.egt_path.2021", "budget.egt_path.2022", "budget.egt_path.2023", "budget.egt_path.2024",
        "budget.egt_path.2026", "budget.vorbindungen_path.2021", "budget.vorbindungen_path.2022",
        "budget.vorbindungen_path.2023", "budget.vorbindungen_path.2024"]


def test_flatten_and_unflatten_carry_the_later_years():
    raw = {"year": 2020, "budget": {"egt_zuteilung_eur": {"value": 9, "source": "a"},
                                    "egt_path": {2021: {"value": 8, "source": "b"}, "2022": 7},
                                    "vorbindungen_path": {"2021": {"value": 1, "source": "c"}}}}
    rows = flatten(raw)
    assert ("budget.egt_path.2021", 8, "b") in rows and ("budget.egt_path.2022", 7, "") in rows
    assert ("budget.vorbindungen_path.2021", 1, "c") in rows
    back = unflatten(rows)["budget"]
    assert back["egt_path"] == {"2021": {"value": 8, "source": "b"}, "2022": {"value": 7, "source": ""}}
    assert back["vorbindungen_path"] == {"2021": {"value": 1, "source": "c"}}
