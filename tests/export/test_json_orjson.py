"""`--format json` encoded by orjson (issue 29, item 2): the same document, parsed, as json's encoder
gave, for Duisburg, every shipped scenario and a 1.000-row synthetic table; NaN and ±inf still refused;
what orjson cannot encode handed to json."""
from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import numpy as np
import pytest

from amip.errors import InfeasibleError
from amip.export import text
from amip.models.plain import Records
from amip.optimizer import optimize
from amip.optimizer.headline import headline
from amip.scenarios import list_scenarios, load_scenario

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import synthetic  # noqa: E402


def old(payload) -> str:
    """The encoder before orjson (amip.export.text.render_json until issue 29)."""
    return json.dumps(payload, ensure_ascii=False, sort_keys=False, allow_nan=False)


def written(payload) -> str:
    out = io.StringIO()
    text.write_json(payload, out)
    return out.getvalue()


def _same_document(case, monkeypatch, chunk: int = 2000) -> None:
    monkeypatch.setattr(text, "JSON_CHUNK", chunk)
    try:
        r = optimize(case)
    except InfeasibleError as e:
        payload = {"status": "infeasible", "message": str(e), "diagnosis": e.diagnosis}
        assert json.loads(text.render_json(payload)) == json.loads(old(payload))
        return
    extra = {"headline": headline(case, draws=20).to_dict()}
    new = written(dict(r.json_payload(), **extra))
    assert new.endswith("}\n") and new.count("\n") == 1
    assert json.loads(new) == json.loads(old(dict(r.to_dict(), **extra)))


def test_duisburg(case, monkeypatch):
    _same_document(case, monkeypatch, chunk=7)   # the records in many pieces


@pytest.mark.parametrize("name", list_scenarios())
def test_every_shipped_scenario(name, monkeypatch):
    _same_document(load_scenario(name), monkeypatch)


def test_a_1000_row_table(tmp_path, monkeypatch):
    path = tmp_path / "syn.csv"
    budget = synthetic.write(1000, path)
    _same_document(load_scenario(None, measures=path, budget_eur=budget), monkeypatch, chunk=300)


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf")])
def test_nan_and_inf_are_refused_as_before(bad):
    """json refused them (ValueError); orjson would write null: the json encoder takes over and refuses."""
    for payload in ({"a": bad}, {"a": [{"b": {"c": [1.0, bad]}}]}, [bad], bad):
        with pytest.raises(ValueError):
            old(payload)
        with pytest.raises(ValueError):
            text.render_json(payload)
    with pytest.raises(ValueError):   # deep inside one piece of a long list
        written({"m": Records([{"x": 1.0}] * 3 + [{"x": {"y": bad}}], dict), "n": 1})


def test_what_orjson_cannot_encode_goes_to_json():
    payload = {"np": np.float64(0.1), "big": 2 ** 70, "keys": {1: "a", 2.5: "b"}, "small": 1e-05, "t": (1, 2)}
    assert json.loads(text.render_json(payload)) == json.loads(old(payload))
    # the documented spelling
    assert text.render_json({"small": 1e-05, "big": 1e16}) == '{"small":0.00001,"big":1e+16}'
    assert json.loads('{"small":0.00001}') == {"small": 1e-05}


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf")])
def test_a_nan_beside_nones_is_refused_without_the_walk_being_fooled(bad):
    """The nulls of orjson's text are told apart from NaN and ±inf by counting Nones per key (issue 29):
    a NaN where other records hold None, one level deeper under the same key, in a list, in a Records
    chunk, beside a text that says "null" — each refused as json refuses it."""
    records = [{"id": f"m{i}", "reduced_cost": None if i % 3 else 0.5, "dual": None} for i in range(30)]
    nested = [dict(r, by_year={"2020": 1.0, "dual": None}) for r in records]
    for payload in ([dict(r, reduced_cost=bad) if i == 7 else r for i, r in enumerate(records)],   # a None's key
                    [dict(r, dual=bad) if i == 4 else r for i, r in enumerate(records)],
                    {"a": None, "b": {"a": bad}},                                               # same key deeper
                    [dict(r, by_year={"2020": bad, "dual": None}) if i == 2 else r for i, r in enumerate(nested)],
                    {"measures": records, "x": [None, bad]},                                    # in a list
                    {"t": 'heißt "x":null', "x": bad}, {"measures": nested, "q": {"elb": bad}}):
        with pytest.raises(ValueError):
            old(payload)
        with pytest.raises(ValueError):
            text.render_json(payload)
    with pytest.raises(ValueError):   # in one chunk of the records written in pieces
        written({"measures": Records([dict(r, reduced_cost=bad) if i == 25 else r for i, r in enumerate(records)],
                                     dict), "n": 1})


def test_nones_alone_are_told_from_the_text_without_walking_the_floats(monkeypatch):
    """Records with None values, nested sections and texts that contain "null": the same document as json,
    the floats walked (``_float_sum``) only where a null could not be shown to be a None."""
    walked = []
    monkeypatch.setattr(text, "_float_sum", lambda v, f=text._float_sum: walked.append(1) or f(v))
    monkeypatch.setattr(text, "JSON_CHUNK", 10)
    records = [{"id": f"m{i}", "reduced_cost": None if i % 3 else -0.5, "dual": None, "by_year": {"2020": 1.5}}
               for i in range(35)]
    payload = {"measures": Records(records, dict), "quota": {"elb": None, "quota": None, "year": 2020},
               "effects": {"net": {"p5": None, "value": 3.25}}, "n": None}
    assert json.loads(written(payload)) == json.loads(old(dict(payload, measures=records)))
    assert walked == []
    for tricky in ({"t": "annulliert: null", "v": 1.0}, {"list": [None, 1.0]}, {"k\\\"": None}):
        walked.clear()
        assert json.loads(text.render_json(tricky)) == tricky
        assert walked, "a null in a text or a list, or under an escaped key: the floats are walked"
