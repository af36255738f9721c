"""The JSON of `--format json` written in pieces is the same line as in one piece."""
import io
import json

import pytest

from amip.export import text
from amip.optimizer import optimize


@pytest.mark.parametrize("chunk", [1, 7, 2000])
def test_written_in_pieces_it_is_the_same_line(case, monkeypatch, chunk):
    monkeypatch.setattr(text, "JSON_CHUNK", chunk)
    r = optimize(case)
    out = io.StringIO()
    text.write_json(dict(r.json_payload(), extra={"x": [1, 2, 3]}), out)
    assert out.getvalue() == text.render_json(dict(r.to_dict(), extra={"x": [1, 2, 3]})) + "\n"
    d = json.loads(out.getvalue())
    assert len(d["measures"]) == len(case.measures) and d["measures"][0]["id"] == case.measures[0].id


def test_an_empty_long_list_and_a_short_one(monkeypatch):
    from amip.models.plain import Records

    monkeypatch.setattr(text, "JSON_CHUNK", 2)
    out = io.StringIO()
    text.write_json({"a": Records([], dict), "b": Records([{"k": 1}] * 5, dict), "c": [1, 2, 3]}, out)
    assert json.loads(out.getvalue()) == {"a": [], "b": [{"k": 1}] * 5, "c": [1, 2, 3]}
