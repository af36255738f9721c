"""The instrument-type registry and the derivation of a code from a measure's legal reference."""
import csv

import pytest
import yaml

from amip.inputs import instruments
from amip.inputs.loader import DATA_DIR, RULES_DIR
from tests.conftest import SHIPPED_MEASURES


def test_the_registry_has_unique_lowercase_codes_each_with_name_reference_and_source():
    reg = instruments.registry()
    codes = [t.code for t in reg]
    assert len(codes) == len(set(codes)) and all(c == c.lower() for c in codes)
    for t in reg:
        assert t.name and t.legal_reference and t.source, t.code


def test_every_code_the_shipped_data_use_is_in_the_registry():
    used = set()
    with open(SHIPPED_MEASURES, encoding="utf-8") as f:
        used |= {r["instrument_type"] for r in csv.DictReader(f)}
    with open(DATA_DIR / "rates.csv", encoding="utf-8") as f:
        used |= {r["key"] for r in csv.DictReader(f) if r["key_type"] == "instrument_type"}
    for path in RULES_DIR.glob("*.yaml"):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        for section in ("eligibility", "share_caps"):
            for e in raw.get(section) or []:
                used |= set(e["instrument_types"])
        used |= {d["instrument_type"] for d in raw.get("subsidy_schedules") or []}
        used |= set((raw.get("pat") or {}).get("instrument_types") or [])
    assert used - set(instruments.codes()) == set()


def test_the_derivation_reproduces_every_code_of_the_duisburg_table():
    """73 rows typed by hand from the seed: the legal reference (and the name) give the same code."""
    with open(SHIPPED_MEASURES, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    wrong = [(r["id"], r["instrument_type"], getattr(instruments.derive(r["instrument"], r["name"]), "code", None))
             for r in rows if getattr(instruments.derive(r["instrument"], r["name"]), "code", None)
             != r["instrument_type"]]
    assert len(rows) >= 70 and wrong == []


@pytest.mark.parametrize("instrument, name, code", [
    ("§ 45 SGB III", "", "mat"), ("§ 16 Abs. 1 SGB II i.V.m. § 81 SGB III", "", "fbw"),
    ("§§ 88 ff. SGB III", "", "egz"), ("§ 16b SGB II", "", "esg"), ("§ 16d SGB II", "", "agh"),
    ("§ 16e SGB II", "", "p16e"), ("§ 16i SGB II", "", "p16i"), ("§ 16i SGB II", "Coaching", "p16i_coaching"),
    ("§ 45 SGB III", "Maßnahme bei einem Arbeitgeber", "mag"), ("§ 81 SGB III", "Umschulung Pflege", "fbw_ao"),
    ("§ 59 SGB II", "", "rk"), ("§ 54a SGB III", "", "eq")])
def test_legal_references_give_their_codes(instrument, name, code):
    assert instruments.derive(instrument, name).code == code


def test_codes_compare_case_insensitively_and_a_misspelling_has_a_closest_code():
    assert instruments.lookup("MAT").code == "mat" and instruments.lookup("FbW_AO").code == "fbw_ao"
    assert instruments.lookup("Coaching") is None and instruments.lookup("mta") is None
    assert instruments.closest("mta") == "mat" and instruments.closest("fbw-ao") == "fbw_ao"
    assert instruments.derive("§ 999 SGB XIII") is None
