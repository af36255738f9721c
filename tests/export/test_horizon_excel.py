"""The sheet Mehrjahresplan (amip.export.horizon_excel) and the terminal section (render_horizon) of a
solved horizon: every figure is the plan's, every measure's entries per cohort are there."""
from __future__ import annotations

from functools import lru_cache

import pytest

from amip.export.horizon_excel import horizon_rows
from amip.export.text import render_horizon
from amip.inputs.assemble import CaseRequest, assemble_case
from amip.optimizer import optimize
from amip.optimizer.horizon import optimize_horizon


@lru_cache(maxsize=None)
def solved():
    case = assemble_case(CaseRequest())
    _, plan = optimize_horizon(case, 2, one_year=optimize(case))
    return case, plan


def test_rows_carry_the_plans_figures():
    case, plan = solved()
    heads, rows = horizon_rows(plan, case)
    assert all(len(r) <= len(heads) for r in rows)
    for y, row in zip(plan.years, rows):
        assert row[0] == str(y["year"])
        assert row[1:6] == [y["egt_eur"], y["prior_commitments_eur"], y["fixed_eur"], y["available_eur"],
                            y["new_cash_eur"]]
        assert row[7:9] == [y["integrations_in_year"], y["cohort_integrations"]]
    by_label = {r[0]: r for r in rows if isinstance(r[0], str) and ":" in r[0]}
    for mid in plan.plans[0]:
        row = by_label[f"{mid}: {case.measure(mid).name}"]
        assert [c[0] for c in row[1:3]] == pytest.approx([plan.plans[0][mid], plan.plans[1][mid]])


def test_section_names_each_year_and_each_moved_measure():
    _, plan = solved()
    text = render_horizon(plan, total=200)
    assert text.startswith("Mehrjahresplan (2 Jahre, 2020–2021")
    assert all(d["id"] in text for d in plan.differences)
    assert "Z. 249" in text and "Festlegung" in text and "POLICY" not in text   # as a person cites them


def test_price_columns_carry_each_money_rows_price_and_the_notes_stay_under_the_sources():
    case, plan = solved()
    heads, rows = horizon_rows(plan, case)
    names = [h[0] for h in heads]
    at = names.index("Grenzertrag je 100.000 €")
    for y, row in zip(plan.years, rows):
        assert row[at:at + 3] == [y["shadow_price_per_100k_eur"], y["shadow_price_valid_from_eur"],
                                  y["shadow_price_valid_to_eur"]]
        assert y["shadow_price_per_100k_eur"] is not None
    for a, row in zip(plan.after, rows[len(plan.years):]):
        assert row[at] == a["shadow_price_per_100k_eur"]
    notes = [r for r in rows if r[0] == "Hinweis"]
    assert notes and all(r[names.index("Quelle")] for r in notes) and all(len(r) == names.index("Quelle") + 1
                                                                          for r in notes)
