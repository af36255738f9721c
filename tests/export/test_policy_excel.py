"""amip.export.policy_excel on its own: the sheet Zusagen of the default scenario's solved plan lists every
commitment bound with its German kind, bound, value in the plan, binding flag and price as the result has them,
the price of all commitments together, then the linked measures; the raw dual column is folded away."""
from __future__ import annotations

import re

import openpyxl
import pytest

from amip import texts as T
from amip.export.policy_excel import DUAL_COLUMN, link_rows, policy_rows, write_policy_sheet
from amip.export.xlsx import cell_formats, write_sheet, write_workbook
from amip.models.fmt import num
from amip.optimizer import optimize
from amip.scenarios import load_scenario


@pytest.fixture(scope="module")
def result():
    return optimize(load_scenario())   # the default run keeps the case's commitments and its link


def write(result, path):
    return openpyxl.load_workbook(write_workbook(
        path, lambda wb: write_policy_sheet(wb, result, cell_formats(wb), write_sheet), force=False))


@pytest.fixture(scope="module")
def sheet(result, tmp_path_factory):
    return write(result, tmp_path_factory.mktemp("pol") / "zusagen.xlsx")[T.POLICY_SHEET]


def test_one_row_per_commitment_bound_with_the_result_figures(result, sheet):
    commitments = [p for p in result.policy if p["kind"] != "link"]
    links = [p for p in result.policy if p["kind"] == "link"]
    assert commitments and result.links and links
    assert tuple(c.value for c in sheet[1]) == T.POLICY_SHEET_COLUMNS
    n = sum(len(p["bounds"]) for p in commitments)
    rows = list(sheet.iter_rows(min_row=2, max_row=n + 1, values_only=True))
    expect = [(p, b) for p in commitments for b in p["bounds"]]
    for row, (p, b) in zip(rows, expect, strict=True):
        # a commitment whose price is shared with a link names both prices in words (trial finding 1)
        assert row[0] == p["name"] and row[1] == (p["text"] if p["relaxed_with"] else p["label"])
        assert row[2] == T.KIND_LABELS.get(p["kind"], p["kind"]) and row[3] == ", ".join(p["keys"])
        assert row[4] == b["sense"] and row[5] == pytest.approx(b["rhs"]) and row[6] == pytest.approx(p["lhs"])
        assert row[7] == ("ja" if p["binding"] else "nein")
        assert row[8] == pytest.approx(p["price_integrations"])
    for row, p in zip(sheet.iter_rows(min_row=n + 2, max_row=n + 1 + len(links), values_only=True), links,
                      strict=True):   # each link priced on its own, its sentence as its name
        assert row[0] == p["name"] and row[1] == p["text"] and row[2] == T.KIND_LABELS["link"]
        assert row[8] == pytest.approx(p["price_integrations"]) and row[9] == pytest.approx(p["price_dual_estimate"])
    n += len(links)
    total = next(sheet.iter_rows(min_row=n + 2, max_row=n + 2, values_only=True))
    assert total[0] == "alle" and total[8] == pytest.approx(result.policy_total["price_integrations"])
    assert total[-1] == T.POLICY_PRICE_METHOD


def test_links_stand_below_with_their_own_titles(result, sheet):
    start = len(policy_rows(result)) + 3   # 1-based: header row, rows, one empty row
    at = [c if c < DUAL_COLUMN else c + 1 for c in range(len(T.LINK_SHEET_COLUMNS))]
    assert [sheet.cell(start, c + 1).value for c in at] == list(T.LINK_SHEET_COLUMNS)
    lk = result.links[0]
    row = [sheet.cell(start + 1, c + 1).value for c in at]
    assert row[:3] == [lk["follower"], lk["leader"], T.LINK_MODE_DE[lk["mode"]]]
    assert row[5] == pytest.approx(lk["follower_entries"]) and row[6] == pytest.approx(lk["leader_entries"])
    assert len(link_rows(result)) == len(result.links)


def test_the_raw_dual_is_folded_and_fixed_point(sheet):
    letter = openpyxl.utils.get_column_letter(DUAL_COLUMN + 1)
    dim = next(d for d in sheet.column_dimensions.values() if d.min <= DUAL_COLUMN + 1 <= d.max)
    assert dim.hidden and dim.outlineLevel == 1 and dim.number_format == "#,##0.0000000"
    assert isinstance(sheet[f"{letter}2"].value, (int, float))


def test_a_case_without_commitments_gets_no_sheet(case, tmp_path):
    plain = optimize(case)   # case.yaml alone: no commitments
    assert not plain.policy and not plain.links
    path = write_workbook(tmp_path / "leer.xlsx", lambda wb: (wb.add_worksheet("A"),
                          write_policy_sheet(wb, plain, cell_formats(wb), write_sheet)), force=False)
    assert openpyxl.load_workbook(path).sheetnames == ["A"]


def test_every_output_says_the_same_price(result):
    """The terminal, the workbook's sheet Zusagen and the decision paper show
    each commitment's and link's one sentence (JSON ``text``) and its own price: none says "kostet
    nichts" and a price for the same item, and the figures in each sentence are the re-solves."""
    from amip.export.text import render_policy
    from amip.export.vorlage import policy_items

    terminal = "\n".join(render_policy(result))
    rows = {r[0]: r for r in policy_rows(result)}
    paper = [row["text"] for row in policy_items(list(result.policy), False)["rows"]]
    for p in result.policy:
        if not p["active"]:
            continue
        # the paper: the same sentence (its judgement said by the source beside it); a link's price in the
        # sentence of the commitment it shares a price with
        assert p["text"].removesuffix(T.POLICY_JUDGEMENT) in paper or (
            p["kind"] == "link" and any(num(p["price_integrations"]) in t and "Kopplung" in t for t in paper))
        assert p["text"].split(" (eine Annahme")[0].split("; ")[0] in terminal
        assert rows[p["name"]][8] == p["price_integrations"]
        says_free = "kostet nichts" in p["text"] or "kostet für sich nichts" in p["text"]
        assert says_free == (p["price_integrations"] == 0.0), p["name"]
        if p["price_integrations"] > 0:   # the first figure after "kostet" is its own price
            assert re.findall(r"\d+(?:\.\d{3})*(?:,\d+)?", p["text"].split(" kostet ")[1])[0] == num(
                p["price_integrations"])
        assert p["text"].count("bindet") == 1, p["name"]   # trial finding 16: said once
