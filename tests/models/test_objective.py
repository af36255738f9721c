from __future__ import annotations

import pytest

from amip.errors import InputError
from amip.models.objective import Goal, Objective


def test_parse_objectives():
    assert Objective.parse(None).is_default
    assert Objective.parse("lzb").weights == (("lzb", 1.0),)
    o = Objective.parse("integrations=1, llu=0.0002")
    assert dict(o.weights) == {"integrations": 1.0, "llu": 0.0002}
    lex = Objective.parse("integrations>lzb>llu", 0.02)
    assert lex.lexicographic == ("integrations", "lzb", "llu") and lex.tolerance == 0.02


@pytest.mark.parametrize("spec", ["jobs", "integrations=x", "lzb>lzb", "integrations=0"])
def test_bad_objectives(spec):
    with pytest.raises(InputError):
        Objective.parse(spec)


def test_parse_goals():
    assert Goal.parse("integrations>=4500") == Goal("integrations", 4500.0)
    assert Goal.parse(" llu >= 2,5e7 ") == Goal("llu", 2.5e7)
    for bad in ("integrations>4500", "jobs>=3", "integrations>=", "4500"):
        with pytest.raises(InputError, match="--goal"):
            Goal.parse(bad)
