"""The national table in the package: 405 jobcenters, Träger-Nr as text, the EGT estimate, look-up."""
import csv

import pytest

from amip.errors import InputError
from amip.inputs.national import TABLE, find_jobcenter, load_jobcenters, search_jobcenters
from amip.models.national import ALLOCATED_TOTAL_2022_EUR


def test_the_table_has_405_jobcenters_with_five_digit_numbers_kept_as_text():
    rows = load_jobcenters()
    assert len(rows) == 405
    assert {j.form for j in rows} == {"gE", "zkT"}
    assert sum(j.form == "gE" for j in rows) == 301
    assert all(len(j.traeger_nr) == 5 and j.traeger_nr.isdigit() for j in rows)
    assert any(j.traeger_nr.startswith("0") for j in rows)   # leading zeros survive
    assert len({j.traeger_nr for j in rows}) == 405


def test_the_shares_add_up_as_the_readme_says():
    rows = load_jobcenters()
    # Each column sums to 99.98 % (printed shares rounded to 4 decimals; README of the table).
    assert sum(j.egl_share_pct_gsq for j in rows) == pytest.approx(99.98, abs=0.02)
    assert sum(j.egl_share_pct_lzb for j in rows) == pytest.approx(99.98, abs=0.02)


def test_duisburg_gets_about_71_million_euros():
    d = find_jobcenter("Duisburg")
    assert d.traeger_nr == "34102"
    # Computed from the raw CSV row, not from the class: 5,005 bn € × (½ gsq + ½ lzb) / 100.
    with open(TABLE, encoding="utf-8", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if r["traeger_nr"] == "34102")
    expected = 5.005e9 * (float(row["egl_share_pct_gsq"]) + float(row["egl_share_pct_lzb"])) / 2 / 100
    assert d.egt_estimate_eur == pytest.approx(expected)
    assert 70e6 < d.egt_estimate_eur < 72e6
    assert ALLOCATED_TOTAL_2022_EUR == 5.005e9
    assert "ESTIMATE" in d.egt_source and "34102" in d.egt_source


@pytest.mark.parametrize("query", ["Bochum", "bochum, stadt", "32102", "Bochum, Stadt"])
def test_find_by_name_or_traeger_nr(query):
    assert find_jobcenter(query).name == "Bochum, Stadt"


def test_an_unknown_jobcenter_names_the_closest_ones():
    with pytest.raises(InputError) as e:
        find_jobcenter("Bochm")
    msg = str(e.value)
    assert "unbekanntes Jobcenter 'Bochm'" in msg
    assert msg.index("Bochum, Stadt (32102)") < msg.index("(alle: amip jobcenters)")
    first = msg.split("ähnliche Namen: ")[1]
    assert first.startswith("Bochum, Stadt")


def test_an_ambiguous_name_lists_the_candidates():
    with pytest.raises(InputError, match=r"passt auf \d+ Jobcenter"):
        find_jobcenter("Stadt")


def test_search_finds_by_part_of_the_name_or_number():
    assert [j.name for j in search_jobcenters("konstanz")] == ["Konstanz"]
    assert len(search_jobcenters(None)) == 405
    assert all("341" in j.traeger_nr or "341" in j.name for j in search_jobcenters("341"))


@pytest.mark.parametrize("query, expected", [("Rostock", ["03202", "03208"]), ("Kassel", ["43502", "43504"]),
                                             ("München", ["84308", "84358"])])
def test_a_name_several_jobcenters_contain_is_never_chosen_silently(query, expected):
    # 'Kassel' and 'München' are also the whole name of one of them: still no silent choice.
    with pytest.raises(InputError) as e:
        find_jobcenter(query)
    msg = str(e.value)
    for nr in expected:
        j = find_jobcenter(nr)
        assert f"{j.name} (Träger-Nr {nr}, {j.form})" in msg
    assert f"passt auf {len(expected)} Jobcenter" in msg


def test_names_are_compared_after_nfc_normalisation():
    decomposed = "Mu\u0308nchen, Landeshauptstadt"   # 'ü' as u + combining diaeresis (a macOS terminal)
    assert decomposed != "München, Landeshauptstadt"
    assert find_jobcenter(decomposed).traeger_nr == "84308"
    assert find_jobcenter("ROSTOCK, HANSESTADT").traeger_nr == "03202"
