"""The origin of a derived case in the Excel sheet Herkunft and on the Vorlage's first page (issue 28)."""
import pytest

from amip import texts as T
from amip.export.herkunft import box_content, herkunft_rows
from amip.inputs.loader import DATA_DIR, load_case
from amip.models.fmt import eur


def test_the_rows_name_template_scale_and_every_estimated_frame_value():
    case = load_case(DATA_DIR / "konstanz-2020")
    d = case.derivation
    assert d is not None and d.template == "Duisburg 2020"
    scale = f"{d.scale:.4f}".replace(".", ",")
    nfb = case.budget.neufallbudget_eur / load_case().budget.neufallbudget_eur   # the ratio of the Neufallbudgets
    assert d.scale == pytest.approx(nfb, rel=1e-5)
    rows = herkunft_rows(d)
    assert rows[0][:2] == [T.HERKUNFT_TEMPLATE, "Duisburg 2020"]
    assert rows[1][:2] == [T.HERKUNFT_SCALE, scale]
    by_label = {r[0]: r for r in rows}
    egt = by_label["EGT-Zuteilung"]
    assert egt[1] == eur(case.budget.egt_zuteilung_eur) and "Schätzung" in egt[2] and "Zuteilungsschreiben" in egt[3]
    assert "Kundenpool lzb" in by_label
    assert any(r[0] == T.HERKUNFT_CARRIED and r[1].startswith("Zusagen (Politik): keine") for r in rows)


def test_the_box_says_what_is_derived_estimated_and_to_replace_and_an_own_case_has_none():
    case = load_case(DATA_DIR / "konstanz-2020")
    box = box_content(case.derivation)
    scale = f"{case.derivation.scale:.4f}".replace(".", ",")
    assert box["head"] == f"Abgeleiteter Fall – kein eigener Plan: Struktur der Vorlage Duisburg 2020 × {scale}, " \
                          "Rahmenwerte geschätzt"
    assert box["carried"][0].startswith(f"Maßnahmenkatalog: die {len(case.measures)} Maßnahmen "
                                        "der Vorlage Duisburg 2020")
    assert "EGT-Zuteilung 9.401.893 €" in box["estimated"]
    # the values that share where to find them stand in one line (the six pools: BA-Statistik)
    pools = next(line for line in box["replace"] if line.startswith("Kundenpool"))
    assert pools.count("Kundenpool") == len(case.pools) and "BA-Statistik" in pools
    assert load_case().derivation is None and box_content(None) is None
