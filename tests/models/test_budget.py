import pytest

from amip.errors import InputError
from amip.models import Budget


def test_derivation_reproduces_the_seed_to_the_euro(case):
    b = case.budget
    assert b.verwaltung_bundesmittel_eur == 63_220_580           # derived (Abb. 1 is an image)
    assert b.egt_zuteilung_eur == 68_899_598                     # derived
    assert b.egt_verfuegbar_eur == 34_685_957                    # printed: L272
    assert b.derived_neufallbudget_eur == 35_085_957             # printed: L264, L294
    assert b.neufallbudget_eur == 35_085_957
    assert b.egt_zuteilung_eur + b.verwaltung_bundesmittel_eur == b.globalbudget_eur


def test_override_is_shown_in_the_derivation(case):
    b = case.budget.with_neufallbudget(30_000_000, "--budget")
    assert b.neufallbudget_eur == 30_000_000
    assert b.derived_neufallbudget_eur == 35_085_957
    assert b.derivation()[-1] == ("Neufallbudget (vorgegeben)", 30_000_000, "--budget")


@pytest.mark.parametrize("value", [0, -5])
def test_a_budget_of_zero_or_less_is_rejected(case, value):
    with pytest.raises(InputError, match="Neufallbudget muss > 0 € sein"):
        case.budget.with_neufallbudget(value, "test")


def test_negative_input_is_rejected():
    with pytest.raises(InputError, match="kfa_eur"):
        Budget(1, 1, -1, 0, 0, 0, 0)


def test_a_chain_that_starts_at_the_egt_zuteilung_shows_its_own_sources():
    b = Budget(egt_zuteilung_given_eur=10_000_000, vorbindungen_eur=4_000_000, umschichtung_eur=200_000,
               rueckeinnahmen_egt_eur=50_000,
               sources=(("egt_zuteilung_eur", "Zuteilungsschreiben 2027"), ("vorbindungen_eur", "ERP 01/2027")))
    assert b.egt_zuteilung_eur == 10_000_000
    assert b.neufallbudget_eur == 10_000_000 - 4_000_000 - 200_000 + 50_000
    rows = b.derivation()
    assert rows[0][1:] == (10_000_000, "Zuteilungsschreiben 2027")
    assert rows[1][2] == "ERP 01/2027"
    assert rows[-1][1] == b.neufallbudget_eur
    assert not any("Seed" in how for _, _, how in rows)   # no Duisburg seed lines in another case's chain
    assert "Globalbudget" not in " ".join(label for label, _, _ in rows)


def test_a_year_paths_item_names_where_it_was_written_else_the_path_does():
    from amip.models.budget import year_path_of

    path = year_path_of({"2022": {"value": 5, "source": "b", "where": "m.xlsx, Rahmendaten!C36"},
                         2021: {"value": 6, "source": "a"}, "2023": 7}, "case.yaml", "case.yaml:12", key="egt_path")
    assert [(e.year, e.eur, e.source, e.where) for e in path] == [
        (2021, 6.0, "a", "case.yaml:12"), (2022, 5.0, "b", "m.xlsx, Rahmendaten!C36"),
        (2023, 7.0, "ohne Quellenangabe", "case.yaml:12")]
