"""The input hash (Case.input_hash): linear in the measures, by content, not by object identity."""
from dataclasses import replace

from amip.models.effects import MeasureEffects
from amip.optimizer.highs import SOLVER_OPTIONS


def _h(case):
    return case.input_hash(version="t", solver=SOLVER_OPTIONS)


def test_equal_data_gives_the_same_hash_whether_objects_are_shared_or_not(case):
    # the loader shares one effects object per table row; the same data built object by object
    unshared = tuple(replace(m, effects=replace(m.effects)) if m.effects else m for m in case.measures)
    assert any(a.effects is not b.effects for a, b in zip(unshared, case.measures))
    assert _h(replace(case, measures=unshared)) == _h(case)


def test_every_field_of_one_measure_moves_the_hash(case):
    m = next(m for m in case.measures if m.effects is not None and m.rate_low is not None)
    i = case.measures.index(m)
    changes = [dict(source=m.source + "x"), dict(rate_low=None), dict(name=m.name + " "),
               dict(effects=replace(m.effects, net=m.effects.net + 0.001)), dict(pool="x" + m.pool),
               dict(objective_weight=1.5)]
    seen = {_h(case)}
    for ch in changes:
        seen.add(_h(replace(case, measures=case.measures[:i] + (replace(m, **ch),) + case.measures[i + 1:])))
    assert len(seen) == len(changes) + 1


def test_the_order_of_the_measures_is_in_the_hash(case):
    ms = case.measures
    assert _h(replace(case, measures=(ms[1], ms[0]) + ms[2:])) != _h(case)


def test_a_derived_instrument_type_note_is_not_in_the_hash(case):
    ms = case.measures
    other = replace(ms[0], instrument_type_derived="abgeleitet aus § 16i")
    assert _h(replace(case, measures=(other,) + ms[1:])) == _h(case)


def test_none_and_nan_like_values_are_told_apart(case):
    m = next(m for m in case.measures if m.duration_months is None)
    i = case.measures.index(m)
    with_duration = replace(case, measures=case.measures[:i] + (replace(m, duration_months=0.0),)
                                           + case.measures[i + 1:])
    assert _h(with_duration) != _h(case)
    assert isinstance(m.effects, (MeasureEffects, type(None)))


def test_a_case_with_its_hash_computed_pickles_to_a_worker(case):
    import pickle

    h = _h(case)   # caches the digest on the case
    assert _h(pickle.loads(pickle.dumps(case))) == h
