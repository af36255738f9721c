"""The planning sections of scenarios and of the case's planning file: validation with file:line,
selectors, and what a scenario can change."""
from __future__ import annotations

import pytest

from amip.errors import InputError
from amip.inputs.assemble import load_scenario
from amip.inputs.loader import DEFAULT_CASE
from amip.scenarios import resolve
from tests.conftest import write_scenario


@pytest.mark.parametrize("text,msg", [
    ("name: x\nuse: [integer, fast]\n", "Zeile 2: 'use': muss eine Liste aus integer, returns, groups, staff"),
    ("name: x\nlots:\n  all: {lot_size: 0}\n", "Zeile 3: 'lots.all.lot_size': muss ≥ 1 sein"),
    ("name: x\nlots:\n  all: {lot_size: 12.5}\n", "muss eine ganze Zahl sein"),
    ("name: x\nreturns:\n  all: {breakpoints: [[1.0, 0.9], [0.5, 0.8]]}\n", "die Vielfachen müssen steigen"),
    ("name: x\nreturns:\n  all: {breakpoints: [[1.0, 0.9], [1.5, 0.95]]}\n", "die Quotenfaktoren müssen fallen"),
    ("name: x\nreturns:\n  all: {breakpoints: 0.9}\n",
     "muss eine Liste von Paaren [Vielfaches der geplanten Eintritte, Quotenfaktor]"),
    ("name: x\ndurations:\n  all: -3\n", "Zeile 3: 'durations.all': muss ≥ 0 sein"),
    ("name: x\ncommitments:\n  limits:\n    2021: -5\n", "Zeile 4: 'commitments.limits.2021': muss ≥ 0 sein"),
    ("name: x\ngroups:\n  limits:\n    women: {min_share: 0.5, min_ratio_to_population: 1}\n",
     "braucht genau eins von"),
    ("name: x\ngroups:\n  shares:\n    men: {all: 0.5}\n", "Zeile 4: 'groups.shares.men': unbekannter Schlüssel"),
    ("name: x\nstaff:\n  assign:\n    all: {class: u30}\n", "muss eins von u25, ue25"),
    ("name: x\ntargets:\n  jobs: {all: 1}\n", "Zeile 3: 'targets.jobs': unbekannter Schlüssel"),
])
def test_bad_planning_sections(tmp_path, text, msg):
    path = write_scenario(tmp_path, "s.yaml", text)
    with pytest.raises(InputError) as e:
        resolve(path)
    assert msg in str(e.value), str(e.value)


@pytest.mark.parametrize("text,msg", [
    ("lots:\n  measure:\n    hf1-egz: {lot_size: 10, class_min: 12}\n",
     "Zeile 5: 'lots.measure.hf1-egz': class_min 12 liegt über lot_size 10"),
    ("durations:\n  instrument_type:\n    p16i: 72\n",
     "72 Monate überschreiten die gesetzliche Höchstdauer von 60 Monaten für hf2-16i"),
    ("commitments:\n  limits:\n    2024: 1000\n", "braucht ein späteres Jahr des Plans: 2021 oder 2022"),
    ("lots:\n  measure:\n    hf1-nichts: {lot_size: 10}\n", "Maßnahme 'hf1-nichts' gibt es nicht"),
])
def test_bad_planning_values_name_file_and_line(tmp_path, text, msg):
    path = write_scenario(tmp_path, "s.yaml", "name: s\nextends: base\n" + text)
    with pytest.raises(InputError) as e:
        load_scenario(path)
    assert msg in str(e.value) and str(path) in str(e.value), str(e.value)


def test_planning_file_is_applied_to_the_base_case():
    case = load_scenario()
    p = case.planning
    assert p.first_entry_month == 4 and p.features == ()
    assert p.of("hf1-foerderzentrum-2").lot_size == 15 and p.of("hf1-avgs-mat").lot_size == 1
    assert p.of("qa-reha-pb").duration_months == 3            # the measure table's duration wins (L3735)
    assert "measure table" in p.of("qa-reha-pb").duration_source
    assert p.of("hf2-16i").duration_months == 47 and "ESTIMATE" in p.of("hf2-16i").duration_source
    assert p.of("hf3-ahfj-nord").staff_class == "u25" and p.of("hf1-egz").staff_class == "ue25"
    assert p.of("hf1-alles-alleinerziehende").group_share("single_parents") == 1.0
    assert p.population["single_parents"][0] == pytest.approx(0.119)
    assert {s.id for s in p.staff} == {"u25", "ue25"}
    # every number of the planning file names its source
    for mid, mp in p.measures.items():
        assert mp.duration_source, mid
        if mp.in_lots:
            assert mp.lot_source, mid
        for t, src in mp.target_sources:
            assert src and ("ESTIMATE" in src or "L" in src), (mid, t)


def test_a_scenario_overrides_the_planning_file(tmp_path):
    path = write_scenario(tmp_path, "s.yaml", """
        name: s
        extends: base
        use: [integer, returns]
        lots:
          measure:
            hf1-foerderzentrum-2: {lot_size: 20, class_min: 16, source: provider offer}
        durations:
          measure:
            qa-reha-pb: {months: 5, source: new contract}
        commitments:
          limits:
            2021: {value: 20000000, source: VE letter}
        staff:
          staffing_ratio: {value: 1.0, source: all posts filled}
        """)
    case = load_scenario(path)
    p = case.planning
    assert p.features == ("integer", "returns")
    assert (p.of("hf1-foerderzentrum-2").lot_size, p.of("hf1-foerderzentrum-2").class_min) == (20, 16)
    assert p.of("qa-reha-pb").duration_months == 5
    assert [(lim.year, round(lim.limit_eur)) for lim in p.commitment_limits] == [   # 2021 set, the others default
        (2021, 20_000_000), (2022, round(0.246 * 32_647_597)), (2023, round(0.158 * 32_647_597))]
    assert all(s.staffing_ratio == 1.0 for s in p.staff)
    assert any("commitments.limits.2021" in n for n in case.notes)


def test_another_measure_table_skips_the_planning_files_unknown_ids():
    from pathlib import Path

    plain = Path(__file__).resolve().parent.parent / "data" / "odd" / "plain.csv"
    case = load_scenario(measures=plain, case=DEFAULT_CASE)
    assert case.planning.of("m-hf1").lot_size == 15      # instrument type mat: the planning file's default
