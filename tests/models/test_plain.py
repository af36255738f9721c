"""plain(): the same JSON as dataclasses.asdict, without its deep copies (input hash, JSON result)."""
import dataclasses
import json
from dataclasses import asdict

import pytest

from amip.models.plain import plain, shallow
from amip.optimizer import optimize
from amip.scenarios import load_scenario


def _same(a, b) -> bool:
    return json.dumps(a, sort_keys=False, default=str) == json.dumps(b, sort_keys=False, default=str)


def test_plain_gives_the_json_of_asdict_for_every_part_of_a_case():
    case = load_scenario("downturn-severe")
    for part in (*case.measures, *case.fields, case.budget, case.pat, *case.pools.values(), *case.rates.entries,
                 case.planning):
        assert _same(plain(part), asdict(part)), type(part).__name__


def test_shallow_gives_the_json_of_asdict_for_results(case):
    r = optimize(case)
    for part in (*r.measures, *r.fields, *r.constraints):
        assert _same(shallow(part), asdict(part)), type(part).__name__


def test_plain_walks_containers_and_leaves_other_values_alone():
    assert plain({"a": (1, [2.5, None]), "b": True}) == {"a": [1, [2.5, None]], "b": True}
    assert plain("x") == "x"


def test_unchecked_records_equal_the_constructed_ones():
    from amip.models.plain import record, unchecked
    from amip.optimizer.result import ConstraintResult

    args = ("b", "budget", "<=", 1.0, 2.0, 1.0, False, None, "EUR", "Neufallbudget", "x")
    made = unchecked(ConstraintResult, args)
    assert made == ConstraintResult(*args) and record(made) == plain(ConstraintResult(*args))
    with pytest.raises(TypeError):
        unchecked(ConstraintResult, args[:-1])
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.lhs = 3.0


def test_one_maker_builds_many_records_equal_to_the_constructed_ones():
    from amip.models.check import ConstraintRow
    from amip.models.plain import record, unchecked_maker

    make = unchecked_maker(ConstraintRow)
    rows = [("upper__m1", "bound", "<=", 3.0, 4.0, "entries", "Obergrenze", "s"),
            ("upper__m2", "bound", "<=", 0.5, 0.0, "entries", "m2 hat keine Neueintritte", "")]
    for args in rows:
        made = make(args)
        assert made == ConstraintRow(*args) and record(made) == plain(ConstraintRow(*args))
        assert made.slack == ConstraintRow(*args).slack and made.binding() == ConstraintRow(*args).binding()
    with pytest.raises(TypeError, match="7 values for 8 fields"):
        make(rows[0][:-1])


def test_records_are_made_on_demand_and_sliced():
    from amip.models.plain import Records

    made = []
    rs = Records(list(range(5)), lambda i: made.append(i) or {"i": i})
    assert len(rs) == 5 and made == []
    assert rs[1:3] == [{"i": 1}, {"i": 2}] and rs[4] == {"i": 4} and list(rs)[0] == {"i": 0}


def test_records_give_no_text_of_their_own():
    """Plain Records have no column encoding: the JSON writer encodes their slices (Records.json_text)."""
    from amip.models.plain import Records

    assert Records([{"a": 1.0}] * 3, dict).json_text(0, 2) is None
