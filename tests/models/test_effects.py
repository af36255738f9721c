"""The net-effect table and the three effect measures of a measure and of a plan (amip.models.effects)."""
import csv

import pytest

from amip.errors import InputError
from amip.inputs.loader import DEFAULT_EFFECTS, load_effects
from amip.models.check import plan_effects, score_plan
from amip.models.effects import EFFECTS
from tests.conftest import effect_values_from_data, seed_plan

COLUMNS = ["key_type", "key", "net_pp", "net_low_pp", "net_high_pp", "horizon", "estimate", "evidence",
           "net_source", "kennzahl", "kennzahl_judgement", "kennzahl_source"]


def _rows():
    with open(DEFAULT_EFFECTS, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_shipped_table_is_sourced_and_marked():
    table = load_effects(DEFAULT_EFFECTS)
    assert len(table.entries) == len(_rows())
    for e in table.entries:
        assert e.net_source.strip() and e.kennzahl_source.strip()
        assert e.net_low_pp <= e.net_pp <= e.net_high_pp
        # an ESTIMATE row says so, a row from a study names its evidence grade (domain.md §7.1 flags)
        assert (e.evidence == "ESTIMATE") == e.estimate or e.evidence in ("WELL", "MED", "WEAK")
        assert "ESTIMATE" in e.net_label or not e.estimate


def test_kennzahl_follows_domain_7_2():
    """§ 48a: EGZ, Einstiegsgeld and § 16e count at entry; § 16i and AGH entries do not count."""
    by_type = {(e.key_type, e.key): e.kennzahl for e in load_effects(DEFAULT_EFFECTS).entries}
    for t in ("egz", "esg", "p16e"):
        assert by_type[("instrument_type", t)] == "entry"
    for t in ("p16i", "agh"):
        assert by_type[("instrument_type", t)] == "none"
    assert by_type[("instrument_type", "mat")] == "gross"


def test_net_values_follow_domain_7_1():
    """The numbers §7.1 gives: MAG +15 pp, provider MAT +3 pp, EGZ between 0 and +40 pp, AGH ≤ 0."""
    by_type = {e.key: e for e in load_effects(DEFAULT_EFFECTS).entries if e.key_type == "instrument_type"}
    assert by_type["mag"].net_pp == 15 and by_type["mat"].net_pp == 3
    assert (by_type["egz"].net_low_pp, by_type["egz"].net_high_pp) == (0, 40) and by_type["egz"].estimate
    assert by_type["agh"].net_pp <= 0 and by_type["agh"].net_low_pp < 0


def test_every_duisburg_measure_has_all_three(case):
    for m in case.measures:
        for e in EFFECTS:
            assert m.effect_value(e) is not None, (m.id, e)


def test_switching_keeps_all_three_values(case):
    net = case.with_effect("net")
    kz = case.with_effect("kennzahl")
    assert net.effect == "net" and kz.effect == "kennzahl"
    data_net = effect_values_from_data(case, "net")
    data_kz = effect_values_from_data(case, "kennzahl")
    for m, n, k in zip(case.measures, net.measures, kz.measures, strict=True):
        assert n.integration_rate == pytest.approx(data_net[m.id])
        assert k.integration_rate == pytest.approx(data_kz[m.id])
        for x in (n, k):   # the gross rate stays with the measure, and so do the others
            assert x.effect_value("gross") == m.integration_rate
            assert x.effect_value("net") == pytest.approx(data_net[m.id])
            assert x.effect_value("kennzahl") == pytest.approx(data_kz[m.id])
    # a negative net effect is allowed in net (AGH), and switching back restores the gross case
    agh = net.measure("hf2-agh")
    assert agh.integration_rate < 0 and agh.rate_range[0] < 0
    back = net.with_effect("gross")
    assert [m.integration_rate for m in back.measures] == [m.integration_rate for m in case.measures]
    assert [m.rate_range for m in back.measures] == [m.rate_range for m in case.measures]


def test_plan_effects_scores_independently(case):
    """The checker's three totals equal Σ value per entry × entries computed from the data files."""
    plan = seed_plan(case)
    scored = plan_effects(case, plan)
    for e in EFFECTS:
        values = effect_values_from_data(case, e)
        expected = sum(values[m.id] * m.total_entries(plan.get(m.id, 0.0)) for m in case.measures)
        assert scored[e]["value"] == pytest.approx(expected, rel=1e-12)
        # and the same as scoring the plan in a case switched to that measure
        assert score_plan(case.with_effect(e), plan).integrations == pytest.approx(expected, rel=1e-12)


def _write(tmp_path, rows, header=COLUMNS):
    p = tmp_path / "effects.csv"
    with open(p, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=header, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    return p


@pytest.mark.parametrize("column, value, problem", [
    ("net_pp", "viel", "ist keine Zahl"),
    ("net_pp", "150", r"außerhalb von \[-100, 100\]"),
    ("net_pp", "30", "außerhalb seiner Spanne"),
    ("kennzahl", "sometimes", "muss entry, none oder gross sein"),
    ("estimate", "vielleicht", "muss yes oder no"),
    ("net_source", "", "braucht seine Quelle"),
    ("key_type", "instrument", "instrument_type oder product_category"),
])
def test_bad_rows_name_file_row_and_column(tmp_path, column, value, problem):
    rows = _rows()
    rows[2][column] = value
    p = _write(tmp_path, rows)
    with pytest.raises(InputError, match=problem) as ei:
        load_effects(p)
    msg = str(ei.value)
    assert str(p) in msg and "Zeile 4" in msg and column in msg


def test_bad_header_and_duplicates(tmp_path):
    p = _write(tmp_path, _rows(), header=COLUMNS[:-1])
    with pytest.raises(InputError, match=r"Spalte\(n\) fehlen: kennzahl_source"):
        load_effects(p)
    rows = _rows()
    rows.append(dict(rows[0]))
    with pytest.raises(InputError, match="doppelter Schlüssel instrument_type=mat") as ei:
        load_effects(_write(tmp_path, rows))
    assert f"Zeile {len(rows) + 1}" in str(ei.value)


def test_measure_without_a_row_only_fails_when_measured(tmp_path):
    from amip.scenarios import load_scenario

    rows = [r for r in _rows() if r["key"] not in ("agh", "VI")]
    p = _write(tmp_path, rows)
    gross = load_scenario(None, effects=p)
    assert gross.measure("hf2-agh").effects is None
    assert plan_effects(gross, seed_plan(gross))["net"]["value"] is None
    with pytest.raises(InputError, match="hf2-agh.*keine Zeile in der Nettoeffekt-Tabelle"):
        load_scenario(None, effects=p, effect="net")


def test_the_input_hash_moves_with_the_effect_and_its_table(case, tmp_path):
    from amip.inputs.loader import load_case

    opts = {"version": "x", "solver": {}}
    hashes = {case.with_effect(e).input_hash(**opts) for e in EFFECTS}
    assert len(hashes) == 3
    rows = _rows()
    rows[0]["net_pp"] = "4"
    other = load_case(effects=_write(tmp_path, rows))
    assert other.input_hash(**opts) != case.input_hash(**opts)


def test_a_measure_without_a_net_effect_row_leaves_net_open_and_the_rest_scored(case):
    from dataclasses import replace

    from amip.models.check import plan_effects
    from amip.optimizer.result import effects_report

    ms = (case.measures[0].with_provenance(effects=None),) + case.measures[1:]
    c = replace(case, measures=ms)
    groups: dict = {}
    scored = plan_effects(c, {}, net_groups=groups)
    assert scored["net"]["value"] is None and scored["net"]["missing"] == [ms[0].id]
    assert scored["gross"]["value"] is not None and groups
    rep = effects_report(c, {})
    assert rep["net"]["p5"] is None and rep["net"]["missing"] == [ms[0].id]


def test_net_draws_keep_each_measures_own_distribution(case):
    from dataclasses import replace

    from amip.models.check import plan_effects

    net = case.with_effect("net")
    m = next(m for m in net.measures if m.effects is not None and m.rate_low != m.rate_high)
    twin = m.evolve(id=m.id + "-b", rate_distribution="uniform")
    c = replace(net, measures=net.measures + (twin,))
    groups: dict = {}
    plan_effects(c, {}, net_groups=groups)
    dists = {k[-1] for k in groups if k[0] == m.uncertainty_group and k[1:4] == (m.effects.net, m.effects.net_low,
                                                                                   m.effects.net_high)}
    assert {"uniform", m.rate_distribution} <= dists
