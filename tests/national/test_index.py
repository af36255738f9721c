"""The national rate index from published Integrationsquoten (K2, § 48a SGB II): its table, its
direction and its bad inputs (issue 28)."""
from __future__ import annotations

import csv
import itertools
import json

import pytest
from click.testing import CliRunner

from amip import texts as T
from amip.cli import main
from amip.errors import InputError
from amip.inputs.national import load_jobcenters
from amip.national.index import COLUMNS, INDEX_TABLE, load_index


def _rows() -> list[dict]:
    with open(INDEX_TABLE, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_shipped_table_covers_every_jobcenter_with_a_positive_sourced_factor():
    idx = load_index()
    assert set(idx) == {j.traeger_nr for j in load_jobcenters()}
    assert all(r.factor > 0 and r.source.strip() for r in idx.values())


def test_the_index_points_the_way_its_table_does():
    # read straight from the CSV: a higher Integrationsquote always means a higher rate factor
    raw = {r["traeger_nr"]: float(r["k2_pct"]) / float(r["k2_bund_pct"]) for r in _rows()}
    idx = load_index()
    ordered = sorted(idx.values(), key=lambda r: r.k2_pct / r.k2_bund_pct)
    for a, b in itertools.pairwise(ordered):
        assert a.factor <= b.factor
    for nr, f in raw.items():
        assert idx[nr].factor == pytest.approx(f)
    by = [idx[j.traeger_nr] for j in load_jobcenters() if j.traeger_nr[0] in "78"]
    hb = [idx["21404"], idx["21420"]]   # Bremen, Bremerhaven
    assert {r.k2_pct for r in by} == {30.8} and {r.k2_pct for r in hb} == {19.0}   # K2 2017 (domain.md §8.1)
    assert min(r.factor for r in by) > max(r.factor for r in hb)
    # Heinsberg 33 % above Recklinghausen 18 % (G.I.B. NRW 2019)
    assert idx["31106"].factor > idx["37548"].factor


def _bad(tmp_path, edit) -> str:
    rows = _rows()
    edit(rows)
    path = tmp_path / "index.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(COLUMNS), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return str(path)


@pytest.mark.parametrize("edit, words", [
    (lambda rows: rows[4].update(traeger_nr="99999"), ("Zeile 6", "traeger_nr", "99999")),
    (lambda rows: rows.pop(10), ("1 Jobcenter fehlen",)),
    (lambda rows: rows[2].update(k2_pct="0"), ("Zeile 4", "k2_pct", "größer als 0")),
    (lambda rows: rows[2].update(k2_bund_pct="-24.8"), ("Zeile 4", "k2_bund_pct", "größer als 0")),
    (lambda rows: rows[7].update(k2_pct="hoch"), ("Zeile 9", "k2_pct", "keine Zahl")),
    (lambda rows: rows[3].update(source="  "), ("Zeile 5", "source", "Quelle")),
    (lambda rows: rows.append(dict(rows[0])), ("zweimal", "Zeile 2")),
])
def test_a_bad_index_table_is_an_error_naming_file_row_and_column(tmp_path, edit, words):
    path = _bad(tmp_path, edit)
    with pytest.raises(InputError) as e:
        load_index(path)
    msg = str(e.value)
    assert path in msg
    for w in words:
        assert w in msg, (w, msg)
    r = CliRunner().invoke(main, ["national", "--index", path, "--search", "Bremen", "--workers", "0", "--quiet"])
    assert r.exit_code == 2 and "Traceback" not in r.output and path in r.stderr


def test_in_amip_national_bavarias_jobcenters_integrate_more_per_100000_eur_than_bremens():
    args = ["national", "--draws", "0", "--workers", "0", "--no-joint", "--quiet", "--format", "json"]
    for s in ("München", "Nürnberg", "Augsburg", "Bremen", "Bremerhaven"):
        args += ["--search", s]
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    per = {p["traeger_nr"]: p for p in d["per_jobcenter"]}
    assert all(p["status"] == "ok" for p in per.values())

    def per_100k(p):   # from the plan's integrations and budget, not from the table's own column
        return p["integrations"] / p["budget_eur"] * 1e5

    bay = [per_100k(p) for nr, p in per.items() if nr[0] in "78"]
    hb = [per_100k(per[nr]) for nr in ("21404", "21420")]
    assert len(bay) >= 4
    assert sum(bay) / len(bay) > sum(hb) / len(hb)
    assert per["84308"]["index_k2_pct"] == 30.8 and per["21404"]["index_basis"] == "Land HB"
    assert any(n.startswith("Quotenindex: " + T.IQ) for n in d["notes"])
