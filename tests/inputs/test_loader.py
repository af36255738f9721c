"""The shipped catalogue against the seed, and the bad-input cases of the measure table."""
import csv
from collections import Counter

import pytest

from amip.errors import InputError
from amip.inputs.loader import DEFAULT_CASE, load_case
from tests.conftest import shipped_rows, write_measures


def test_catalogue_has_73_measures_in_four_fields(case):
    assert len(case.measures) == 73
    assert Counter(m.field for m in case.measures) == {"HF1": 29, "HF2": 11, "HF3": 20, "QA": 13}


def test_entries_reproduce_abb6_in_total_and_per_category(case):
    abb6 = {r["category"]: int(r["entries_total"])
            for r in csv.DictReader(open(DEFAULT_CASE.parent / "product_categories.csv", encoding="utf-8"))}
    per = Counter()
    for m in case.measures:
        per[m.product_category] += m.planned_entries + m.prebought_entries
    assert sum(per.values()) == abb6["TOTAL"] == 15_812
    assert {k: v for k, v in per.items()} == {k: v for k, v in abb6.items() if k != "TOTAL"}
    assert (per["I"], per["II"], per["III"], per["IV"], per["V"], per["VI"]) == (6429, 1813, 836, 310, 115, 6309)


def test_planned_money_reproduces_the_seed_sum(case):
    # Σ Mittelansätze (Neufall) = 35.087.594,74 € (CHECKS.md #5); § 16i is stored gross, so add the PAT back.
    new = sum(m.cost_per_entry_eur * m.planned_entries for m in case.measures if m.counts_against_budget)
    assert new + case.fixed_spend_eur - 550_000 == pytest.approx(35_087_594.74, abs=0.5)
    assert case.fixed_spend_eur == pytest.approx(1_099_999.21)


def _load(tmp_path, header, rows, **kw):
    return load_case(measures=write_measures(tmp_path / "m.csv", header, rows, **kw))


def _bad(tmp_path, header, rows, *match, **kw):
    with pytest.raises(InputError) as e:
        _load(tmp_path, header, rows, **kw)
    for m in match:
        assert m in str(e.value), str(e.value)
    return str(e.value)


def test_missing_column(tmp_path):
    header, rows = shipped_rows()
    header.remove("cost_per_entry_eur")
    _bad(tmp_path, header, rows, "m.csv", "Zeile 1", "Spalte(n) fehlen: cost_per_entry_eur")


def test_unknown_column(tmp_path):
    header, rows = shipped_rows()
    _bad(tmp_path, header + ["kosten"], rows, "Zeile 1", "unbekannte Spalte(n) 'kosten'")


@pytest.mark.parametrize("value,msg", [("-5", "negative"), ("abc", "'abc' ist keine Zahl"), ("nan", "finite"),
                                        ("1e30", "unplausibel groß")])
def test_bad_cost(tmp_path, value, msg):
    header, rows = shipped_rows()
    rows[1]["cost_per_entry_eur"] = value
    _bad(tmp_path, header, rows, "Zeile 3", "Spalte 'cost_per_entry_eur'", msg)


def test_missing_cost_for_new_entries(tmp_path):
    header, rows = shipped_rows()
    rows[1]["cost_per_entry_eur"] = ""
    _bad(tmp_path, header, rows, "Zeile 3", "cost_per_entry_eur", "fehlt")


@pytest.mark.parametrize("value", ["1.5", "-0.1"])
def test_rate_outside_unit_interval(tmp_path, value):
    header, rows = shipped_rows()
    rows[4]["integration_rate"], rows[4]["rate_source"] = value, "test"
    _bad(tmp_path, header, rows, "Zeile 6", "Spalte 'integration_rate'")


def test_rate_without_source(tmp_path):
    header, rows = shipped_rows()
    rows[4]["integration_rate"], rows[4]["rate_source"] = "0.3", ""
    _bad(tmp_path, header, rows, "Zeile 6", "rate_source")


def test_duplicate_ids(tmp_path):
    header, rows = shipped_rows()
    rows[5]["id"] = rows[2]["id"]
    _bad(tmp_path, header, rows, "Zeile 7", "doppelte Kennung", "zuerst in Zeile 4")


def test_unknown_field(tmp_path):
    header, rows = shipped_rows()
    rows[0]["field"] = "HF9"
    _bad(tmp_path, header, rows, "Zeile 2", "Spalte 'field'", "unbekanntes Handlungsfeld 'HF9'")


def test_empty_file(tmp_path):
    (tmp_path / "m.csv").write_text("")
    with pytest.raises(InputError, match="m.csv: Maßnahmentabelle ist leer"):
        load_case(measures=tmp_path / "m.csv")


def test_header_only(tmp_path):
    header, _ = shipped_rows()
    _bad(tmp_path, header, [], "keine Zeilen")


def test_binary_file(tmp_path):
    (tmp_path / "m.csv").write_bytes(b"PK\x03\x04\x00\x00binary")
    with pytest.raises(InputError, match="Excel-Arbeitsmappe"):
        load_case(measures=tmp_path / "m.csv")


def test_bom_and_german_semicolon_export_are_accepted(tmp_path, case):
    header, rows = shipped_rows()
    for r in rows:
        for c in ("cost_per_entry_eur", "planned_budget_eur", "fixed_spend_eur"):
            if r[c]:
                r[c] = f"{float(r[c]):,.4f}".replace(",", "X").replace(".", ",").replace("X", ".")
    c2 = _load(tmp_path, header, rows, delimiter=";", bom=True)
    assert [m.cost_per_entry_eur for m in c2.measures] == pytest.approx([m.cost_per_entry_eur for m in case.measures])
    assert c2.fixed_spend_eur == pytest.approx(case.fixed_spend_eur)


def test_unknown_pool_and_basis(tmp_path):
    header, rows = shipped_rows()
    rows[0]["pool"] = "martians"
    _bad(tmp_path, header, rows, "Zeile 2", "unbekannter Pool 'martians'")
    header, rows = shipped_rows()
    rows[0]["budget_basis"] = "maybe"
    _bad(tmp_path, header, rows, "Zeile 2", "unbekannte Budgetbasis 'maybe'")


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="nicht gefunden"):
        load_case(measures=tmp_path / "nope.csv")


def test_unknown_year():
    with pytest.raises(InputError, match="keine Regeldatei für das Jahr 1999"):
        load_case(year=1999)
