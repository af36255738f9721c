"""Commitments and links in scenario files and in the case file: schema, overrides, errors."""
from __future__ import annotations

import shutil

import pytest

from amip.errors import InputError
from amip.inputs.loader import DEFAULT_CASE
from amip.scenarios import load_scenario
from tests.conftest import write_scenario


def test_the_case_ships_the_seed_commitments_with_their_lines():
    c = load_scenario()
    by = {x.name: x for x in c.policy.commitments}
    assert {"p16i_zusage", "p16e_verdoppelung", "fbw_abschluss", "agh_korridor"} <= set(by)
    # § 16i: the 150 planned new entries are the promise, the table's 198 the frame's top (L2768-2771, L3062)
    assert by["p16i_zusage"].value == 150 and all(f"L{n}" in by["p16i_zusage"].source for n in (2768, 3062, 538))
    # FbW ao: a frame around the 580 (L1906-1910 'setzt lediglich den Rahmen'), Umschulung and TQ together
    assert by["fbw_abschluss"].kind == "corridor" and "L1906" in by["fbw_abschluss"].source
    assert set(by["fbw_abschluss"].keys) == {"fbw_ao", "fbw_tq"}
    # demand caps are the planner's judgements, marked as such
    assert all(by[n].judgement for n in ("egz_nachfrage", "esg_nachfrage", "mag_nachfrage"))
    assert not by["p16i_zusage"].judgement and not by["fbw_abschluss"].judgement
    assert "L2775" in by["p16e_verdoppelung"].source
    assert all(x.source and x.active for x in by.values())
    assert by["p16i_zusage"].origin.startswith("case.yaml:")
    (link,) = c.policy.links
    assert (link.follower, link.leader, link.mode) == ("hf2-16i-coaching", "hf2-16i", "at_most")
    assert "L3074" in link.source and link.origin.startswith("planning.yaml:")


def test_a_scenario_adds_changes_and_switches_off(tmp_path):
    c = load_scenario(write_scenario(tmp_path, "s.yaml", """
        name: s
        policy:
          commitments:
            p16i_zusage: {min_entries: 150, source: "test: only the 150 new ones"}
            agh_korridor: {active: false}
            mat_cap: {instrument_type: mat, max_eur: 5000000, label: "MAT ≤ 5 Mio. €", source: test}
        links:
          hf2-16i-coaching: {ratio: 0.5, source: "test: half of them coached"}
        """))
    by = {x.name: x for x in c.policy.commitments}
    assert by["p16i_zusage"].value == 150 and by["p16i_zusage"].kind == "min_entries"
    assert by["p16i_zusage"].origin.startswith("s.yaml:")
    assert not by["agh_korridor"].active and by["agh_korridor"].source.startswith("Seed L508")
    assert by["mat_cap"].kind == "max_eur" and by["mat_cap"].label == "MAT ≤ 5 Mio. €"
    assert c.policy.links[0].ratio == 0.5 and c.policy.links[0].leader == "hf2-16i"
    assert any("policy.commitments.mat_cap" in n for n in c.notes)


def test_policy_active_false_switches_everything_off(tmp_path):
    c = load_scenario(write_scenario(tmp_path, "o.yaml", "name: o\npolicy: {active: false}\n"))
    assert not c.policy.enabled and c.policy.active_commitments == () and c.policy.active_links == ()
    assert "o.yaml:2" in c.policy.disabled_by


@pytest.mark.parametrize("body, where, says", [
    ("policy:\n  commitments:\n    x: {measure: hf9-nothing, min_entries: 1, source: t}\n", "Zeile 4",
     "unbekannte Maßnahmen-ID hf9-nothing in der Maßnahmentabelle"),
    ("policy:\n  commitments:\n    x: {measure: hf2-16i, min_entries: 1}\n", "Zeile 4", "braucht ihre Quelle"),
    ("policy:\n  commitments:\n    x: {measure: hf2-16i, source: t}\n", "Zeile 4", "braucht eins von min_entries"),
    ("policy:\n  commitments:\n    x: {min_entries: 3, source: t}\n",
     "Zeile 4", "braucht 'measure' oder 'instrument_type'"),
    ("policy:\n  commitments:\n    Bad-Name: {measure: hf2-16i, min_entries: 1, source: t}\n", "Zeile 4",
     "Kleinbuchstaben"),
    ("policy:\n  commitments:\n    x: {measure: hf2-16i, min_entries: 1, max_entries: 3, source: t}\n", "Zeile 4",
     "schließen einander aus"),
    ("policy:\n  commitments:\n    x: {measure: hf2-16i, corridor_pct: 150, source: t}\n",
     "Zeile 4", "muss ≤ 100 sein"),
    ("policy:\n  commitments:\n    x: {measure: hf2-16i-coaching, min_entries: 1, source: t}\n", "Zeile 4",
     "keine Maßnahme mit Neueintritten"),
    ("policy:\n  commitments:\n    x: {instrument_type: [fbw_ao, fbw_aoo], min_entries: 1, source: t}\n", "Zeile 4",
     "unbekannte Instrumententypen fbw_aoo"),   # a typo beside a known type is still an error
    ("policy:\n  commitments:\n    x: {instrument_type: mat_typo, min_entries: 1, source: t}\n", "Zeile 4",
     "unbekannte Instrumententypen mat_typo"),
    ("policy:\n  active: maybe\n", "Zeile 3", "muss true oder false"),
    ("links:\n  hf2-16i-coaching: {follows: hf9-x, source: t}\n",
     "Zeile 3", "unbekannte Maßnahmen-ID hf9-x in der Maßnahmentabelle"),
    ("links:\n  hf2-16e: {source: t}\n", "Zeile 3", "braucht 'follows'"),
    ("links:\n  hf2-16e: {follows: hf2-16e, source: t}\n", "Zeile 3", "nicht sich selbst folgen"),
    ("links:\n  hf2-16e: {follows: hf2-16i, mode: sometimes, source: t}\n", "Zeile 3", "muss eins von at_most"),
])
def test_bad_commitments_name_file_line_and_key(tmp_path, body, where, says):
    path = write_scenario(tmp_path, "bad.yaml", "name: bad\n" + body)
    with pytest.raises(InputError) as e:
        load_scenario(path)
    msg = str(e.value)
    assert "bad.yaml" in msg and where in msg and says in msg


def test_a_bad_commitment_in_the_case_file_names_the_case_file(tmp_path):
    folder = tmp_path / "case"
    shutil.copytree(DEFAULT_CASE.parent, folder)
    shutil.copy(DEFAULT_CASE.parent.parent / "rates.csv", tmp_path / "rates.csv")
    text = (folder / "case.yaml").read_text(encoding="utf-8")
    (folder / "case.yaml").write_text(text.replace("      min_entries: 150\n", "      min_entries: -5\n"),
                                      encoding="utf-8")
    path = write_scenario(tmp_path, "s.yaml", f"name: s\ncase: {folder / 'case.yaml'}\n")
    with pytest.raises(InputError) as e:
        load_scenario(path)
    msg = str(e.value)
    assert "case.yaml" in msg and "policy.commitments.p16i_zusage.min_entries" in msg and "muss ≥ 0 sein" in msg
    line = next(i for i, t in enumerate(text.splitlines(), start=1) if "min_entries: 150" in t)
    assert f"Zeile {line}" in msg


def test_the_case_commitments_are_not_applied_to_another_measure_table(tmp_path):
    # The case's promises are about its own table: a planner's table (here a copy) runs without them,
    # says so in a note, and a scenario may still set its own.
    table = tmp_path / "m.csv"
    shutil.copy(DEFAULT_CASE.parent / "measures.csv", table)
    c = load_scenario(measures=table, case=DEFAULT_CASE)
    assert c.policy.commitments == () and c.policy.links == ()
    assert any("Eigene Maßnahmentabelle" in n for n in c.notes)
    own = write_scenario(tmp_path, "own.yaml", """
        name: own
        policy:
          commitments:
            p16i: {measure: hf2-16i, min_entries: 50, source: test}
        """)
    c = load_scenario(own, measures=table, case=DEFAULT_CASE)
    assert [x.name for x in c.policy.commitments] == ["p16i"]
