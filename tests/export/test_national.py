"""jobcenters.parquet and national.xlsx: one row per jobcenter, German sheets, never a partial file."""
from __future__ import annotations

import pandas as pd
import pytest
from openpyxl import load_workbook

from amip import texts as T
from amip.errors import InputError
from amip.export import national as out
from amip.models.sources import for_reader
from amip.national.run import run_national


@pytest.fixture(scope="module")
def small_run(small_specs):
    return run_national(small_specs, scenarios=("base",), engine="sequential",
                        settings={"total_eur": 5.005e9, "draws": small_specs[0].draws, "seed": 7})


def test_parquet_and_workbook(small_run, tmp_path):
    written = out.write_outputs(small_run, tmp_path / "nat", force=False)
    assert [p.name for p in written] == [out.PARQUET, out.WORKBOOK]
    df = pd.read_parquet(written[0])
    ok = [r for r in small_run["results"] if r["status"] == "ok"]
    assert len(df) == len(ok) and df["traeger_nr"].is_unique
    assert df["traeger_nr"].str.len().eq(5).all()   # kept as text, leading zeros
    assert df["integrations"].sum() == pytest.approx(small_run["totals"]["base"]["integrations"])
    assert (df["source"] == "derived").all()
    assert df["effect_net"].notna().all() and (df["effect"] == "gross").all()
    assert T.NAT_DERIVED_NOTE in df.attrs["notes"]   # the Parquet file says it, too
    wb = load_workbook(written[1])
    assert wb.sheetnames[:3] == [T.NAT_SHEET_SUMMARY, T.NAT_SHEET_JC, T.NAT_SHEET_MOVES]
    summary = wb[T.NAT_SHEET_SUMMARY]
    texts = [c.value for row in summary.iter_rows() for c in row if isinstance(c.value, str)]
    assert for_reader(T.NAT_DERIVED_NOTE) in texts   # the note with its marker as a reader sees it (Schätzung)
    per = [r[12] for r in wb[T.NAT_SHEET_JC].iter_rows(min_row=2, values_only=True)]
    assert per == sorted(per, reverse=True)   # the chart's data, sorted
    with pytest.raises(InputError):
        out.write_outputs(small_run, tmp_path / "nat", force=False)   # no silent overwrite


def test_no_partial_parquet_after_a_failure(small_run, tmp_path, monkeypatch):
    def broken(self, path, **kw):
        with open(path, "wb") as fh:
            fh.write(b"PAR1 half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_parquet", broken)
    folder = tmp_path / "nat"
    with pytest.raises(InputError):
        out.write_outputs(small_run, folder, force=False)
    assert sorted(p.name for p in folder.iterdir()) == []


def test_table_is_german_and_names_the_estimate(small_run):
    text = out.render_table(small_run)
    assert "Integrationen" in text and "Gemeinsames LP" in text and "Schätzung" in text and "ESTIMATE" not in text
