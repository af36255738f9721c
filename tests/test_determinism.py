"""Determinism: the same inputs give byte-identical JSON (apart from the run's timestamp and its
measured solve time) and the same input hash; the hash moves with every input that affects the result."""
import re
import shutil
from dataclasses import replace

import pytest
from click.testing import CliRunner

from amip import __version__
from amip.cli import main
from amip.inputs.loader import DATA_DIR, load_case
from amip.optimizer.highs import SOLVER_OPTIONS
from amip.scenarios import load_scenario

RUN_FIELDS = re.compile(r'"(timestamp|solve_time_s)": ?[^,\n]+')   # compact JSON since orjson: no space


def _json_bytes(*args) -> bytes:
    out = CliRunner().invoke(main, ["optimize", "--format", "json", *args], catch_exceptions=False).stdout
    return RUN_FIELDS.sub(r'"\1":null', out).encode("utf-8")


@pytest.mark.parametrize("args", [(), ("--scenario", "downturn-severe"), ("--explain",)])
def test_json_is_byte_identical_apart_from_run_time_fields(args):
    first, second = _json_bytes(*args), _json_bytes(*args)
    assert first == second and len(first) > 10_000


def _hash(case, *, version=__version__, solver=SOLVER_OPTIONS):
    return case.input_hash(version=version, solver=solver)


def test_the_hash_does_not_depend_on_where_the_files_are(tmp_path, case):
    shutil.copytree(DATA_DIR, tmp_path / "data")
    moved = load_case(tmp_path / "data" / "duisburg-2020" / "case.yaml")
    assert _hash(moved) == _hash(case)


def test_the_hash_covers_data_scenario_rules_version_and_solver(case):
    base = _hash(case)
    m0 = case.measures[1]
    changed = [
        replace(case, measures=(case.measures[0], m0.with_rate(m0.integration_rate + 0.01))
                + case.measures[2:]),
        replace(case, budget=case.budget.with_neufallbudget(35_000_000, "x")),
        load_case(year=2018),                      # another rule file
        load_scenario("downturn-mild"),            # a scenario
        replace(case, scenario="other"),           # the scenario's name alone
    ]
    hashes = [_hash(c) for c in changed]
    hashes += [_hash(case, version="9.9.9"), _hash(case, solver=dict(SOLVER_OPTIONS, msg=True))]
    assert base not in hashes and len(set(hashes)) == len(hashes)


def test_the_rule_file_content_is_in_the_hash(case):
    raw = dict(case.rules.raw, pat=dict(case.rules.raw["pat"], cap_at_subsidy={"value": False, "source": "x"}))
    assert _hash(replace(case, rules=replace(case.rules, raw=raw))) != _hash(case)
