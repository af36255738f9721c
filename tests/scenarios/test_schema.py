"""Validation: every bad scenario names the file, the line and the key path."""
import pytest

from amip.errors import InputError
from amip.scenarios import resolve
from amip.scenarios.schema import SCHEMA, Record, Section, Table
from tests.conftest import write_scenario


@pytest.mark.parametrize("text,msg", [
    ("name: x\nbudget: [1\n", "YAML-Syntaxfehler"),
    ("name: x\nrates:\n  instrument_type:\n    mat: {multiplier: 0.9\n", "Zeile 5: YAML-Syntaxfehler"),
    ("name: x\nbudgte: 1\n",
     "Zeile 2: 'budgte': unbekannter Schlüssel; meinten Sie 'budget'? Erlaubt sind hier: name, description, extends"),
    ("name: x\nrates:\n  instrumenttype: {}\n", "Zeile 3: 'rates.instrumenttype': unbekannter Schlüssel"),
    ("name: x\nrates:\n  all: {multiplier: 0.9, sorce: x}\n", "Zeile 3: 'rates.all.sorce': unbekannter Schlüssel"),
    ("name: x\nyear: zwanzig\n", "Zeile 2: 'year': muss eine Zahl sein, ist Text 'zwanzig'"),
    ("name: x\nyear: 2020.5\n", "Zeile 2: 'year': muss eine ganze Zahl sein"),
    ("name: 3\n", "Zeile 1: 'name': muss ein Text sein, ist Zahl 3"),
    ("name: x\nrates: 0.9\n", "Zeile 2: 'rates': muss eine Zuordnung aus all, field"),
    ("name: x\nrates:\n  all: {multiplier: -0.1, source: s}\n",
     "Zeile 3: 'rates.all.multiplier': muss ≥ 0 sein, ist -0.1"),
    ("name: x\ncosts:\n  measure:\n    hf2-16e: {multiplier: -2}\n",
     "Zeile 4: 'costs.measure.hf2-16e.multiplier': muss ≥ 0 sein"),
    ("name: x\nrates:\n  all: {multiplier: yes}\n", "muss eine Zahl sein, ist ja/nein (ja: yes/true/on)"),
    ("name: x\nrates:\n  all: {value: 1.5}\n", "Zeile 3: 'rates.all.value': muss ≤ 1 sein, ist 1.5"),
    ("name: x\nrates:\n  all: {source: nothing}\n", "Zeile 3: 'rates.all': braucht genau eins von value, multiplier"),
    ("name: x\nrates:\n  all: {value: 0.2, multiplier: 0.9}\n",
     "braucht genau eins von value, multiplier, nicht value und multiplier"),
    ("name: x\nbounds:\n  measure:\n    hf2-16e: {fixed: 10, max: 20}\n", "'fixed' und 'max' schließen einander aus"),
    ("name: x\nbounds:\n  instrument_type:\n    mat: {max: 20}\n",
     "Zeile 4: 'bounds.instrument_type.mat.max': unbekannter Schlüssel"),
    ("name: x\nbudget:\n  change_pct: -100\n", "Zeile 3: 'budget.change_pct': muss > -100 sein, ist -100"),
    ("name: x\nbudget:\n  neufallbudget_eur: 0\n", "Zeile 3: 'budget.neufallbudget_eur': muss > 0 sein"),
    ("name: x\nbudget:\n  neufallbudget_eur: {value: 3e7}\n",   # YAML 1.1: text without a point and a sign
     "Zeile 3: 'budget.neufallbudget_eur.value': '3e7' liest YAML als Text, nicht als Zahl (die Exponentenschreibweise "
     "braucht dort einen Punkt und ein Vorzeichen): als 3.0e+7 oder 30000000 schreiben"),
    ("name: x\nbudget:\n  neufallbudget_eur: 2.5E6\n", "als 2.5e+6 oder 2500000 schreiben"),
    ("name: x\nfields:\n  min_share: 1.2\n", "Zeile 3: 'fields.min_share': muss ≤ 1 sein"),
    ("name: x\npat:\n  months_in_year: 13\n", "Zeile 3: 'pat.months_in_year': muss ≤ 12 sein"),
    ("name: x\nbudget:\n  neufallbudget_eur: .nan\n", "keine endliche Zahl"),
    ("name: x\nbudget:\n  neufallbudget_eur:\n", "muss eine Zahl sein (€), ist nichts (leerer Wert)"),
    ("description: no name\n", "Schlüssel 'name' fehlt"),
    ("- just\n- a list\n", "muss auf oberster Ebene eine YAML-Zuordnung sein"),
])
def test_bad_scenario_files(tmp_path, text, msg):
    path = write_scenario(tmp_path, "s.yaml", text)
    with pytest.raises(InputError) as e:
        resolve(path)
    assert msg in str(e.value), str(e.value)
    assert str(e.value).startswith(str(path))


def test_empty_and_binary_files(tmp_path):
    (tmp_path / "e.yaml").write_text("  \n")
    with pytest.raises(InputError, match="Szenariodatei ist leer"):
        resolve(tmp_path / "e.yaml")
    (tmp_path / "b.yaml").write_bytes(b"\x00\x01name: x")
    with pytest.raises(InputError, match="Binärdatei"):
        resolve(tmp_path / "b.yaml")


def test_shorthand_numbers_become_sourced_records(tmp_path):
    rs = resolve(write_scenario(tmp_path, "s.yaml", "name: s\nbudget:\n  change_pct: -3\n  source: own\n"))
    assert rs.data["budget"] == {"change_pct": {"value": -3}, "source": "own"}


def test_every_record_has_a_source_key():
    """So that every number a scenario sets can carry its source."""
    def walk(node, path):
        if isinstance(node, Record):
            assert "source" in node.fields, path
        elif isinstance(node, Section):
            for k, v in node.fields.items():
                walk(v, path + (k,))
        elif isinstance(node, Table):
            walk(node.value, path + ("*",))
    walk(SCHEMA, ())
