import pytest

from amip.errors import InputError
from amip.optimizer import optimize
from amip.scenarios import list_scenarios, load_scenario


@pytest.mark.parametrize("name", list_scenarios())
def test_every_shipped_scenario_solves(name):
    r = optimize(load_scenario(name))
    assert r.is_optimal and r.violations == ()


def test_base_is_the_default_case():
    c = load_scenario()
    assert c.scenario == "base" and c.budget.neufallbudget_eur == 35_085_957


def _write(tmp_path, text):
    p = tmp_path / "s.yaml"
    p.write_text(text, encoding="utf-8")
    return str(p)


def test_budget_and_field_share_overrides(tmp_path):
    c = load_scenario(_write(tmp_path, "name: cut\nbudget:\n  neufallbudget_eur: 31577361\n  source: test\n"
                                       "fields:\n  min_share: 0.5\n"))
    assert c.budget.neufallbudget_eur == 31_577_361
    assert c.field_of("HF2").min_entries == 6739 // 2


@pytest.mark.parametrize("text,msg", [
    ("name: x\nbudgte: 1\n", "Zeile 2: 'budgte': unbekannter Schlüssel"),
    ("name: x\nbudget:\n  neufallbudget_eur: viel\n",
     "Zeile 3: 'budget.neufallbudget_eur': muss eine Zahl sein (€), ist Text 'viel'"),
    ("name: x\nbudget: [1\n", "YAML-Syntaxfehler"),
    ("description: no name\n", "Schlüssel 'name' fehlt"),
    ("name: x\nbudget:\n  neufallbudget_eur: 0\n", "muss > 0 sein"),
])
def test_bad_scenarios(tmp_path, text, msg):
    path = _write(tmp_path, text)
    with pytest.raises(InputError) as e:
        load_scenario(path)
    assert msg in str(e.value) and "s.yaml" in str(e.value)


def test_unknown_scenario_name():
    with pytest.raises(InputError, match="unbekanntes Szenario 'nope'"):
        load_scenario("nope")
