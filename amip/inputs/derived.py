"""The frames `amip init` writes: a jobcenter's frame and catalogue derived from the shipped Duisburg
case (read here; the derivation itself is pure, in ``amip.models.frame``), and the empty skeleton."""
from __future__ import annotations

from amip import texts as T
from amip.inputs.loader import (
    DEFAULT_CASE,
    DEFAULT_FIELD_MIN_SHARE,
    DEFAULT_UPPER_MULTIPLE,
    budget_of,
    load_yaml,
    read_csv_rows,
)
from amip.models.frame import derive_catalogue, derive_frame, derive_planning
from amip.models.national import Jobcenter


def derived_case_data(jc: Jobcenter, year: int) -> tuple[dict, list[str], list[dict[str, object]], dict]:
    """Everything `amip init --jobcenter` writes: the frame (case.yaml's shape), the measure columns,
    the derived catalogue (Duisburg 2020's measures scaled to the jobcenter's Neufallbudget) and the
    carried planning file (``derive_planning``)."""
    base_raw = load_yaml(DEFAULT_CASE, "case file")
    base_nfb = budget_of(base_raw["budget"], str(DEFAULT_CASE)).neufallbudget_eur
    raw, scale = derive_frame(jc, base_raw, base_nfb, year=year)
    header, rows, _ = read_csv_rows(DEFAULT_CASE.parent / base_raw["measures"], "measure table")
    planning = derive_planning(load_yaml(DEFAULT_CASE.parent / base_raw["planning"], "planning file"), scale,
                               name=f"{raw['name']}-planung")
    return raw, header, derive_catalogue([r for _, r in rows], scale), planning


def skeleton_frame(year: int) -> dict:
    """The frame `amip init` writes without --jobcenter: every key, no figure (the planner fills
    them in), the policy defaults named as POLICY."""
    none = {"value": None, "source": ""}
    return {"name": f"eigener-fall-{year}", "title": f"Jobcenter … – AmIp {year}", "year": year,
            "budget": {k: dict(none) for k in ("egt_zuteilung_eur", "vorbindungen_eur", "umschichtung_eur",
                                               "rueckeinnahmen_egt_eur")},
            "pat": {"new_cases_expected_eur": dict(none), "months_in_year": dict(none),
                    "bg_mix": {k: dict(none) for k in ("single", "single_parent", "other")}},
            "pools": {}, "fields": {"HF1": {"name": "Handlungsfeld 1 (Name aus dem eigenen AmIp)", "source": ""}},
            "policy": {"field_min_share": {"value": DEFAULT_FIELD_MIN_SHARE,
                                           "source": T.NEUTRAL_FIELD_MIN_SOURCE.format(share="80 %")},
                       "upper_multiple": {"value": DEFAULT_UPPER_MULTIPLE,
                                          "source": T.NEUTRAL_UPPER_SOURCE.format(multiple="2")}}}
