"""Shared builders: the shipped case, a plan, and a measure CSV writer for bad-input tests."""
from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pytest

from amip.models.loader import DEFAULT_CASE, load_case

SHIPPED_MEASURES = DEFAULT_CASE.parent / "measures.csv"


@pytest.fixture(scope="session")
def case():
    return load_case()


def seed_plan(case) -> dict[str, float]:
    return {m.id: m.planned_entries for m in case.measures if m.budget_basis.has_new_entries}


def make_case(case, **changes):
    """The shipped case with some fields replaced (see dataclasses.replace)."""
    return replace(case, **changes)


def shipped_rows() -> tuple[list[str], list[dict[str, str]]]:
    with open(SHIPPED_MEASURES, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames), list(reader)


def write_measures(path: Path, header: list[str], rows: list[dict[str, str]], *, delimiter: str = ",",
                   bom: bool = False) -> Path:
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=header, delimiter=delimiter, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    return path
