"""One request, one assembly (amip.inputs.assemble): each step alone, the steps together, and the
request as a plan workbook records and replays it."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from amip import texts as T
from amip.errors import InputError
from amip.inputs import assemble as A
from amip.inputs.assemble import CASE_OPTIONS, CaseRequest, assemble_case
from amip.inputs.loader import DATA_DIR, DEFAULT_CASE
from amip.models.planning import FEATURES

KONSTANZ = DATA_DIR / "konstanz-2020"


@pytest.fixture(scope="module")
def base():
    return assemble_case(CaseRequest())


def test_the_steps_in_their_order_are_the_assembly():
    request = CaseRequest(scenario="downturn-severe", budget=30_000_000.0, effect="net",
                          features=frozenset({"returns"}), no_policy=True)
    rs = A.resolve_scenario(request)
    tables = A.tables_of(request, rs)
    case = A.read_case(tables, rs)
    case = A.apply_case_policy(case, tables)
    case = A.apply_planning_file(case, tables)
    case = A.apply_scenario(case, rs)
    case = A.override_budget(case, request.budget)
    case = A.choose_effect(case, request.effect, rs)
    case = A.switch_on_features(case, request.features)
    case = A.switch_off_policy(case, request.no_policy)
    whole = assemble_case(request)
    assert (whole.input_hash(version="t", solver={}) == case.input_hash(version="t", solver={})
            and whole.notes == case.notes)
    assert whole.scenario == "downturn-severe" and whole.effect == "net"
    assert whole.budget.neufallbudget_eur == 30e6
    assert whole.planning.uses("returns") and not whole.policy.enabled


def test_the_budget_step_changes_the_budget_and_says_so(base):
    after = A.override_budget(base, 20_000_000.0)
    assert after.budget.neufallbudget_eur == 20_000_000 and after.notes[:-1] == base.notes
    assert "20,000,000" in after.notes[-1]
    assert A.override_budget(base, None) is base


def test_the_policy_step_switches_every_commitment_off(base):
    assert base.policy.enabled and base.policy.active_commitments
    off = A.switch_off_policy(base, True)
    assert not off.policy.enabled and not off.policy.active_commitments and off.notes[-1] == T.NO_POLICY_NOTE
    assert A.switch_off_policy(base, False) is base


def test_the_feature_step_keeps_the_features_in_their_order(base):
    on = A.switch_on_features(base, frozenset({"staff", "integer"}))
    assert on.planning.features == tuple(f for f in FEATURES if f in {"staff", "integer"} | set(base.planning.features))
    assert on.notes[-1] == T.FEATURES_NOTE.format(flags="--integer, --staff")


def test_a_bad_effect_names_the_option(base):
    rs = A.resolve_scenario(CaseRequest())
    with pytest.raises(InputError, match="--effect"):
        A.choose_effect(base, "brutto", rs)


def test_a_sheet_needs_a_workbook():
    rs = A.resolve_scenario(CaseRequest())
    with pytest.raises(InputError) as e:
        A.tables_of(CaseRequest(measures=Path("m.csv"), sheet="Plan"), rs)
    assert str(e.value).endswith(T.ERR_SHEET_NEEDS_XLSX)


def test_another_case_with_the_default_scenario_keeps_its_own_year():
    request = CaseRequest(case_path=KONSTANZ)
    rs = A.resolve_scenario(request)
    assert rs.get("year") is not None and A.tables_of(request, rs).year is None
    assert A.tables_of(CaseRequest(), rs).year == rs.get("year")


def test_another_measure_table_drops_the_case_files_commitments(tmp_path, base):
    from tests.conftest import shipped_rows, write_measures

    header, rows = shipped_rows()
    table = write_measures(tmp_path / "m.csv", header, rows)
    request = CaseRequest(case_path=DEFAULT_CASE.parent, measures=table)
    rs = A.resolve_scenario(request)
    tables = A.tables_of(request, rs)
    case = A.read_case(tables, rs)
    assert A.apply_case_policy(case, tables) is case           # the case file's promises are not applied
    assert A.apply_planning_file(case, tables).notes[-1] == T.POLICY_OTHER_TABLE
    assert not tables.own_table and A.tables_of(CaseRequest(), rs).own_table


def test_a_measure_table_without_a_case_needs_a_budget(tmp_path):
    from tests.conftest import shipped_rows, write_measures

    header, rows = shipped_rows()
    table = write_measures(tmp_path / "m.csv", header, rows)
    with pytest.raises(InputError) as e:
        assemble_case(CaseRequest(measures=table, scenario=str(_scenario(tmp_path))))
    assert T.NO_FRAME in str(e.value)
    neutral = assemble_case(CaseRequest(measures=table, budget=10_000_000.0))
    assert "case" not in neutral.files and neutral.budget.neufallbudget_eur == 10_000_000


def _scenario(tmp_path) -> Path:
    p = tmp_path / "plain.yaml"
    p.write_text("name: plain\n", encoding="utf-8")
    return p


def test_the_request_records_as_json_and_reads_back(tmp_path):
    request = CaseRequest(case_path=Path("amip/data/duisburg-2020"), scenario="base", budget=1.5e7,
                          features=frozenset({"integer", "groups"}), effect="net", no_policy=True)
    recorded = json.loads(json.dumps(request.options()))
    assert list(recorded) == [n for n in CASE_OPTIONS if n in recorded]      # the order of CASE_OPTIONS
    assert recorded["case_path"] == str(Path("amip/data/duisburg-2020").resolve())
    assert recorded["integer"] is True and "staff" not in recorded and "measures" not in recorded
    back = CaseRequest.from_options(dict(recorded, case_path=Path(recorded["case_path"])))
    assert back == replace(request, case_path=Path(recorded["case_path"]))
    assert CaseRequest().options() == {}


def test_a_request_takes_only_planning_features():
    with pytest.raises(ValueError):
        CaseRequest(features=frozenset({"fast"}))


def test_load_scenario_is_the_assembly(base):
    from amip.scenarios import load_scenario

    assert load_scenario().input_hash(version="t", solver={}) == base.input_hash(version="t", solver={})
    same = base.input_hash(version="t", solver={})
    assert load_scenario(None, case=DEFAULT_CASE.parent).input_hash(version="t", solver={}) == same
