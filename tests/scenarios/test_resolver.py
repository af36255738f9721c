"""Inheritance: several levels, several parents, cycles, missing parents and provenance."""
from pathlib import Path

import pytest

from amip.errors import InputError
from amip.scenarios import load_scenario, resolve
from amip.scenarios.loader import settings_of
from tests.conftest import write_scenario


@pytest.fixture
def chain(tmp_path):
    """base (shipped) ← a.yaml ← sub/b.yaml ← sub/c.yaml: three levels in two folders."""
    write_scenario(tmp_path, "a.yaml", """
        name: a
        extends: base
        budget:
          change_pct: {value: -5, source: test}
        rates:
          instrument_type:
            mat: {multiplier: 0.9, source: a}
            egz: {multiplier: 0.8, source: a}
        """)
    write_scenario(tmp_path, "sub/b.yaml", """
        name: b
        extends: ../a.yaml
        rates:
          instrument_type:
            mat: {multiplier: 0.5, source: b}
        pools:
          lza: {multiplier: 1.2, source: b}
        """)
    return write_scenario(tmp_path, "sub/c.yaml", """
        name: c
        extends: ./b.yaml
        rates:
          instrument_type:
            fbw: {value: 0.4, source: c}
        """)


def test_three_levels_merge_key_by_key_and_child_wins(chain):
    rs = resolve(chain)
    assert rs.name == "c"
    assert [Path(f).name for f in rs.chain] == ["base.yaml", "a.yaml", "b.yaml", "c.yaml"]
    it = rs.data["rates"]["instrument_type"]
    assert it["mat"] == {"multiplier": 0.5, "source": "b"}      # b replaced a's record as a whole
    assert it["egz"] == {"multiplier": 0.8, "source": "a"}      # a's sibling key survives
    assert it["fbw"] == {"value": 0.4, "source": "c"}
    assert rs.data["budget"]["change_pct"]["value"] == -5        # from two levels up
    assert rs.data["year"] == 2020                               # from the shipped base


def test_every_value_knows_its_file_and_line(chain):
    rs = resolve(chain)
    assert rs.origin(("rates", "instrument_type", "mat", "multiplier")).short == "b.yaml:5"
    assert rs.origin(("rates", "instrument_type", "egz")).short == "a.yaml:8"
    assert rs.origin(("year",)).short == "base.yaml:7"
    shown = {s["key"]: s for s in settings_of(rs)}
    assert Path(shown["pools.lza"]["file"]).name == "b.yaml" and shown["pools.lza"]["source"] == "b"


def test_the_merged_values_reach_the_case(chain, case):
    c = load_scenario(chain)
    mat = next(m for m in case.measures if m.instrument_type == "mat" and m.budget_basis.has_new_entries)
    assert c.measure(mat.id).integration_rate == pytest.approx(mat.integration_rate * 0.5)
    fbw = next(m for m in c.measures if m.instrument_type == "fbw")
    assert fbw.integration_rate == 0.4
    assert c.budget.neufallbudget_eur == pytest.approx(case.budget.neufallbudget_eur * 0.95)
    assert c.pools["lza"].size == pytest.approx(case.pools["lza"].size * 1.2)
    assert c.files["scenario_chain"].endswith("c.yaml")


def test_a_list_of_parents_merges_left_to_right(tmp_path):
    write_scenario(tmp_path, "x.yaml", "name: x\nrates: {all: {multiplier: 0.9, source: x}}\n"
                                       "pools: {lza: {multiplier: 1.1, source: x}}\n")
    write_scenario(tmp_path, "y.yaml", "name: y\nrates: {all: {multiplier: 0.7, source: y}}\n")
    rs = resolve(write_scenario(tmp_path, "z.yaml", "name: z\nextends: [./x.yaml, ./y.yaml]\n"))
    assert rs.data["rates"]["all"]["multiplier"] == 0.7
    assert rs.data["pools"]["lza"]["multiplier"] == 1.1


def test_name_and_description_are_not_inherited(chain):
    rs = resolve(chain)
    assert rs.description == "" and "extends" not in rs.data and "name" not in rs.data


@pytest.mark.parametrize("files,start,msg", [
    ({"a.yaml": "name: a\nextends: ./a.yaml\n"}, "a.yaml", "Zeile 2: 'extends': Zyklus a.yaml → a.yaml"),
    ({"a.yaml": "name: a\nextends: ./b.yaml\n", "b.yaml": "name: b\nextends: ./c.yaml\n",
      "c.yaml": "name: c\nextends: [base, ./a.yaml]\n"}, "a.yaml", "Zyklus a.yaml → b.yaml → c.yaml → a.yaml"),
    ({"a.yaml": "name: a\nextends: ./gone.yaml\n"}, "a.yaml",
     "Zeile 2: 'extends': fehlendes Elternszenario './gone.yaml'"),
    ({"a.yaml": "name: a\nextends: nonexistent\n"}, "a.yaml",
     "fehlendes Elternszenario 'nonexistent': unbekanntes Szenario"),
    ({"a.yaml": "name: a\nextends: [base, 7]\n"}, "a.yaml",
     "'extends': muss ein Szenarioname oder eine Szenariodatei sein"),
])
def test_bad_inheritance(tmp_path, files, start, msg):
    for name, text in files.items():
        write_scenario(tmp_path, name, text)
    with pytest.raises(InputError) as e:
        resolve(tmp_path / start)
    assert msg in str(e.value), str(e.value)


def test_an_error_in_a_parent_names_the_parent_file(tmp_path):
    write_scenario(tmp_path, "p.yaml", "name: p\nrates:\n  all: {multiplier: -1}\n")
    with pytest.raises(InputError) as e:
        resolve(write_scenario(tmp_path, "k.yaml", "name: k\nextends: ./p.yaml\n"))
    assert "p.yaml: Zeile 3: 'rates.all.multiplier': muss ≥ 0 sein, ist -1" in str(e.value)


def test_a_key_given_twice_is_an_error(tmp_path):
    with pytest.raises(InputError, match=r"Zeile 3: 'budget': Schlüssel doppelt angegeben"):
        resolve(write_scenario(tmp_path, "d.yaml", "name: d\nbudget: {change_pct: 1}\nbudget: {change_pct: 2}\n"))
