"""The result's measure records kept as columns (amip.optimizer.result.MeasureRows): every record, made
as a MeasureResult or as a JSON record, equals what the per-measure loop before the columns computed
(kept here as the reference), to the last bit and in type; pickled, compared and read by column alike."""
import pickle
import sys
from dataclasses import fields, replace
from pathlib import Path

import pytest

from amip.models.check import commitments_eur, pat_relief_eur, score_plan
from amip.models.effects import EFFECTS
from amip.models.plain import record
from amip.models.planning import TARGETS
from amip.models.timing import shares_by_measure, timing_kind, year_labels
from amip.optimizer import MeasureResult, optimize
from amip.optimizer.cost_only import cost_only_choices
from amip.optimizer.result import MeasureRows
from amip.scenarios import load_scenario

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import synthetic  # noqa: E402


def planning_before(case, m) -> dict:
    """A measure's planning record as make_result built it before the columns."""
    mp = case.planning.of(m.id)
    return {"lot_size": mp.lot_size, "class_min": mp.class_min, "lot_source": mp.lot_source,
            "duration_months": mp.duration_months, "duration_source": mp.duration_source,
            "commitment_per_entry_eur": dict(zip(case.planning.year_keys(case.year),
                                                 case.commitment_per_entry_eur(m), strict=True)),
            "per_entry": {t: m.integration_rate * (1.0 if t == "integrations" else mp.target_factor(t))
                          for t in TARGETS},
            "target_sources": dict(mp.target_sources), "group_shares": dict(mp.group_shares),
            "staff_class": mp.staff_class,
            **dict(zip(("integration_timing", "integration_timing_source"), timing_kind(m), strict=True))}


def records_before(case, new_entries, reference, reduced_costs) -> list[tuple]:
    """The field values of each measure's record as make_result computed them one measure at a time
    (before the columns), in MeasureResult's field order."""
    score = score_plan(case, new_entries)
    used, potential = pat_relief_eur(case, new_entries)
    pat_share = used / potential if potential > 0 else 0.0
    labels = year_labels(case.planning, case.year)
    shares_of = shares_by_measure(case.planning, len(labels) - 1)
    later = commitments_eur(case, new_entries)["per_measure"]
    keys = case.planning.year_keys(case.year)
    out = []
    for m in case.measures:
        p = score.per_measure[m.id]
        relief = case.pat_relief_per_entry_eur(m) if case.pat is not None else 0.0
        x = p["new_entries"]
        cost = p["gross_cost_eur"] - relief * x * pat_share
        variable = m.budget_basis.has_new_entries
        planned_new = reference.get(m.id, 0.0) if variable else m.planned_entries
        fixed_entries = m.fixed_entries
        split = [p["integrations"] * s for s in shares_of(m)]
        later_m = later.get(m.id)
        cash = {str(case.year): cost, **{k: (later_m or {}).get(k, 0.0) for k in keys}}
        share = 1.0
        if variable:
            now = m.cost_per_entry_eur - relief
            whole = now + sum(case.commitment_per_entry_eur(m))
            share = now / whole if whole > 0 else 1.0
        out.append((m.id, m.field, m.name, m.instrument, m.instrument_type, m.product_category, m.budget_basis.value,
                    (m.cost_per_entry_eur - relief) if variable else 0.0, m.cost_per_entry_eur if variable else 0.0,
                    relief, m.integration_rate, m.rate_source, m.rate_is_estimate, fixed_entries + m.lower_entries,
                    fixed_entries + m.upper_entries, p["entries"], x, m.prebought_entries,
                    fixed_entries + (planned_new if variable else 0.0), planned_new if variable else 0.0, cost,
                    p["integrations"], reduced_costs.get(m.id), m.objective_weight, planning_before(case, m),
                    m.instrument_type_derived, {e: m.effect_value(e) for e in EFFECTS}, m.redemption_share,
                    m.participants(p["entries"]), cash,
                    sum(cash.values()), share, dict(zip(labels, split, strict=True))))
    return out


def same(a, b) -> bool:
    """Equal values of equal types, nested (0.0 == 0 and 1.0 == True are not the same here)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b or (a != a and b != b)


def solved_cases(tmp_path):
    path = tmp_path / "syn.csv"
    budget = synthetic.write(1000, path)
    return [load_scenario(None), load_scenario("pat-expansion"), load_scenario("commitments-capped"),
            load_scenario(None).with_effect("net"), load_scenario(None, measures=path, budget_eur=budget)]


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    return [(case, optimize(case)) for case in solved_cases(tmp_path_factory.mktemp("syn"))]


def test_every_record_is_the_one_the_loop_computed(results):
    names = [f.name for f in fields(MeasureResult)]
    for case, r in results:
        assert isinstance(r.measures, MeasureRows)
        reduced = {m.id: m.reduced_cost for m in r.measures}
        reference = {m.id: m.planned_entries for m in case.measures}
        for got, want in zip(r.measures, records_before(case, r.new_entries, reference, reduced), strict=True):
            assert isinstance(got, MeasureResult)
            for name, g, w in zip(names, (getattr(got, n) for n in names), want, strict=True):
                assert same(g, w), (got.id, name, g, w)


def test_json_records_are_the_records_without_the_objects(results):
    """The JSON writer's records (made from the columns, in slices) equal ``record`` of each
    MeasureResult; the records and the result's to_dict agree."""
    for case, r in results:
        fresh = optimize(case)
        recs = fresh.json_payload()["measures"]
        want = [record(m) for m in r.measures]
        assert len(recs) == len(want)
        assert same(list(recs), want)
        assert same(recs[3:17], want[3:17]) and same(recs[-1], want[-1]) and same(recs[::7], want[::7])
        assert fresh.measures._rows is None   # no MeasureResult was made for them
        assert same(list(r.json_payload()["measures"]), r.to_dict()["measures"])


def test_rows_compare_pickle_and_read_by_column(results):
    case, r = results[0]
    rows = r.measures
    assert rows == tuple(rows) and len(rows) == len(case.measures) and rows[0] is rows[0]
    back = pickle.loads(pickle.dumps(r))
    assert type(back.measures) is tuple and back.measures == rows
    assert r.measure_ids() == [m.id for m in case.measures]
    new, cost = r.measure_columns("new_entries", "cost_per_entry")
    assert new.tolist() == [m.new_entries for m in rows] and cost.tolist() == [m.cost_per_entry for m in rows]
    plain = replace(r, measures=tuple(rows))   # a result whose records are a tuple: the same columns
    assert [c.tolist() for c in plain.measure_columns("new_entries", "cost_per_entry")] == [new.tolist(),
                                                                                            cost.tolist()]
    assert plain.measure_ids() == r.measure_ids()


def test_cost_only_choices_from_columns_as_from_records(results):
    for case, r in results:
        assert cost_only_choices(case, r) == cost_only_choices(case, replace(r, measures=tuple(r.measures)))


def test_a_case_without_measures_gives_empty_columns_and_float_totals(tmp_path):
    from amip.optimizer.result import Status, make_result

    path = tmp_path / "syn.csv"
    case = load_scenario(None, measures=path, budget_eur=synthetic.write(20, path))
    case = replace(case, measures=(), fields=())
    r = make_result(case, {}, status=Status.EVALUATED, solver="keiner", input_hash="h", version="v")
    assert len(r.measures) == 0 and list(r.json_payload()["measures"]) == [] and r.to_dict()["measures"] == []
    assert all(same(v, 0.0) for v in r.integrations_by_year.values())
    assert r.measure_ids() == [] and r.measure_columns("cost")[0].shape == (0,)


def test_columns_and_json_records_read_the_same_once_the_records_are_made(results):
    """Made into MeasureResult objects, the rows let their columns go: the numeric columns and the JSON
    records then come from the objects, the same values."""
    for case, _ in results[:2] + results[-1:]:
        r = optimize(case)
        names = ("new_entries", "planned_new_entries", "cost_per_entry", "cost", "integrations")
        before = [c.tolist() for c in r.measure_columns(*names)]
        records = list(r.json_payload()["measures"])
        assert r.measures._rows is None
        made = tuple(r.measures)
        assert r.measures._columns is None
        assert [c.tolist() for c in r.measure_columns(*names)] == before
        assert same(list(r.json_payload()["measures"]), records)
        assert same(r.json_payload()["measures"][5:9], records[5:9])
        assert r.measures[0] is made[0] and r.measure_ids() == [m.id for m in case.measures]
        assert cost_only_choices(case, r) == cost_only_choices(case, replace(r, measures=made))


@pytest.mark.parametrize("effect", ["gross", "net"])
def test_json_text_is_orjsons_text_of_the_records(case, effect):
    """MeasureRows.json_text encodes the records column by column: the same text orjson writes of the
    records themselves (Duisburg: PAT, later years, vouchers, shared table rows), for any slice."""
    import orjson

    rows = optimize(case.with_effect(effect)).measures
    n = len(rows)
    for a, b in ((0, n), (0, 1), (3, 17), (n - 5, n)):
        assert "[" + rows.json_text(a, b) + "]" == orjson.dumps(rows.block(a, b)).decode()
    assert rows.json_text(4, 4) is None   # nothing to write: the caller's empty list


def test_json_text_leaves_nan_and_made_records_to_the_writer(case, monkeypatch):
    """A NaN in a column: None (the writer encodes the records and refuses it as json does); once the
    MeasureResult objects are made, the records are encoded from them."""
    import io

    import numpy as np

    from amip.export import text

    rows = optimize(case).measures
    rows._columns["cost"] = np.where(np.arange(len(rows)) == 2, np.nan, rows._columns["cost"])
    assert rows.json_text(0, 5) is None and rows.json_text(3, 5) is not None
    monkeypatch.setattr(text, "JSON_CHUNK", 3)   # written in pieces: the piece with the NaN is refused
    with pytest.raises(ValueError):
        text.write_json({"measures": rows.records()}, io.StringIO())
    made = optimize(case).measures
    list(made)
    assert made.json_text(0, 5) is None
