"""amip.export.case_folder on its own: a folder written from a shipped case's frame and measures (Konstanz:
the frame in the workbook's shape) holds a case.yaml that only points to the workbook, loads back as the
same case and solves to the same optimum; existing files are never overwritten without force."""
from __future__ import annotations

import csv

import pytest
import yaml

from amip.errors import InputError
from amip.export.case_folder import CASE_FILE, PLANNING, WORKBOOK, render_case_yaml, write_case_folder
from amip.inputs.loader import DEFAULT_CASE, load_case, read_case_raw
from amip.optimizer import optimize

KONSTANZ = DEFAULT_CASE.parent.parent / "konstanz-2020"


def konstanz_parts():
    raw, _ = read_case_raw(KONSTANZ / "case.yaml")
    with open(KONSTANZ / raw["measures"], encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        return raw, list(reader.fieldnames), list(reader)


@pytest.fixture(scope="module")
def written(tmp_path_factory, case):
    raw, header, rows = konstanz_parts()
    planning = yaml.safe_load((KONSTANZ / raw["planning"]).read_text(encoding="utf-8"))
    folder = tmp_path_factory.mktemp("init") / "fall"
    paths = write_case_folder(folder, raw, header, rows, template_case=case, planning=planning)
    return folder, paths, raw


def test_the_folder_holds_pointers_and_the_workbook(written):
    folder, paths, raw = written
    assert paths == [folder / CASE_FILE, folder / WORKBOOK, folder / PLANNING]
    assert all(p.is_file() for p in paths)
    text = (folder / CASE_FILE).read_text(encoding="utf-8")
    assert text.startswith(f"# {raw['title']}\n")
    assert yaml.safe_load(text) == {"frame": WORKBOOK, "planning": PLANNING}, "case.yaml only points"
    assert "Rahmendaten" in text


def test_the_written_case_loads_back_and_solves_to_the_same_optimum(written):
    folder, _, _ = written
    back, shipped = load_case(folder), load_case(KONSTANZ)
    assert back.name == shipped.name and back.year == shipped.year
    assert [m.id for m in back.measures] == [m.id for m in shipped.measures]
    a, b = optimize(back), optimize(shipped)
    assert a.integrations == pytest.approx(b.integrations, rel=1e-9)
    assert a.budget_used == pytest.approx(b.budget_used, abs=1.0)


def test_case_yaml_without_planning_names_it_only_in_a_comment():
    text = render_case_yaml({"name": "x"})
    assert text.startswith("# x\n") and yaml.safe_load(text) == {"frame": WORKBOOK}
    assert "# planning: planung.yaml" in text


def test_nothing_is_written_when_a_file_exists_without_force(tmp_path, case):
    raw, header, rows = konstanz_parts()
    folder = tmp_path / "fall"
    folder.mkdir()
    (folder / CASE_FILE).write_text("alt", encoding="utf-8")
    with pytest.raises(InputError, match=CASE_FILE):
        write_case_folder(folder, raw, header, rows, template_case=case)
    assert not (folder / WORKBOOK).exists() and (folder / CASE_FILE).read_text(encoding="utf-8") == "alt"
    write_case_folder(folder, raw, header, rows, template_case=case, force=True)
    assert yaml.safe_load((folder / CASE_FILE).read_text(encoding="utf-8")) == {"frame": WORKBOOK}


def test_a_file_in_place_of_the_folder_is_refused(tmp_path, case):
    path = tmp_path / "datei"
    path.write_text("", encoding="utf-8")
    with pytest.raises(InputError):
        write_case_folder(path, {"name": "x"}, [], [], template_case=case)
