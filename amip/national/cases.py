"""The case of one jobcenter in the national run, from a small picklable spec.

A derived case is the derivation of ``amip.models.frame`` (``derive_frame`` / ``derive_catalogue`` /
``derive_planning``: Duisburg 2020's structure and planning data scaled to the jobcenter's
Neufallbudget) varied so that the jobcenters really differ (ESTIMATE, every figure says so):

- integration rates (point, low and high of the rate table) × the jobcenter's **rate factor** from the
  index table (``amip.national.index``): its published Integrationsquote K2 (§ 48a SGB II; its own, its
  Land's or the national one) ÷ the national K2. Higher where more recipients find work (Bayern 30,8 %,
  Bremen 19,0 %, K2 2017) — the direction of the published figures;
- the long-term pools (lzb, lza) × ``ratio`` ÷ Duisburg's ratio, ``ratio`` = the jobcenter's EinglMV
  2022 share by the LZB criterion (Anlage 3) ÷ its share by the Grundsicherungsquote (Anlage 2): the
  mix of the clientele (more long-term recipients than its Grundsicherungsquote suggests above 1).

The net effects (amip/data/effects.csv) stay those of the shipped table: the index moves the gross
rates only.

The case is written as a case folder (case.yaml, measures.csv, rates.csv, planning.yaml) into a
temporary folder and loaded by the ordinary loader with the scenario, so every check of a planner's
case applies.
"""
from __future__ import annotations

import csv
import io
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from amip import texts as T
from amip.models import Case
from amip.models.national import Jobcenter

LONG_TERM_POOLS = ("lzb", "lza")  #: pools scaled by the jobcenter's ratio against Duisburg's
DUISBURG_NR = "34102"


@dataclass(frozen=True)
class CaseSpec:
    """One task of the national run: a jobcenter × scenario × draws, small enough to ship to a worker."""

    traeger_nr: str
    name: str
    form: str
    scenario: str = "base"
    draws: int = 0
    seed: int = 0                  #: the task's own seed (from SeedSequence(seed).spawn)
    total_eur: float | None = None  #: federal total (None: the 2022 allocation)
    folder: str | None = None      #: an own case folder replacing the derived case
    year: int = 2020
    effect: str = "gross"          #: the effect measure the case is optimised in (amip.models.effects)
    index: str | None = None       #: the rate index table (None: the shipped one, amip.national.index)


def ratio(jc: Jobcenter) -> float:
    """LZB-criterion share ÷ Grundsicherungsquote share (EinglMV 2022 Anlagen 3 and 2)."""
    return jc.egl_share_pct_lzb / jc.egl_share_pct_gsq


def rate_factor(jc: Jobcenter, index: str | None = None) -> float:
    """The jobcenter's Integrationsquote K2 ÷ the national K2 (the index table, ESTIMATE)."""
    from amip.national.index import index_of

    return index_of(jc.traeger_nr, index).factor


def _de(x: float, digits: int = 4) -> str:
    return f"{x:.{digits}f}".replace(".", ",")


@lru_cache(maxsize=1)
def _base() -> tuple[dict, float, list[str], tuple[dict, ...], str, dict]:
    """Duisburg's frame, Neufallbudget, measure header and rows, the rate table text and the planning
    file: read once per process (a worker reuses them for every jobcenter)."""
    from amip.inputs.loader import DEFAULT_CASE, DEFAULT_RATES, budget_of, load_yaml, read_csv_rows, read_text

    raw = load_yaml(DEFAULT_CASE, "case file")
    nfb = budget_of(raw["budget"], str(DEFAULT_CASE)).neufallbudget_eur
    header, rows, _ = read_csv_rows(DEFAULT_CASE.parent / raw["measures"], "measure table")
    planning = load_yaml(DEFAULT_CASE.parent / raw["planning"], "planning file")
    return raw, nfb, header, tuple(r for _, r in rows), read_text(DEFAULT_RATES, "rate table"), planning


@lru_cache(maxsize=None)
def _jobcenter(nr: str) -> Jobcenter:
    from amip.inputs.national import find_jobcenter

    return find_jobcenter(nr)


def derived_files(spec: CaseSpec) -> dict[str, str]:
    """The texts of case.yaml, measures.csv, rates.csv and planning.yaml (the template's, carried; its
    jobcenter-independent part in ``CARRIED_PLANNING``) of a derived case."""
    import yaml

    from amip.models.frame import derive_catalogue, derive_frame, derive_planning

    base_raw, base_nfb, header, rows, rates_text, base_planning = _base()
    jc = _jobcenter(spec.traeger_nr)
    raw, scale = derive_frame(jc, base_raw, base_nfb, year=spec.year, total_eur=spec.total_eur)
    k, k_d = ratio(jc), ratio(_jobcenter(DUISBURG_NR))
    for pid in LONG_TERM_POOLS:
        if pid in raw["pools"]:
            item = raw["pools"][pid]
            raw["pools"][pid] = {"value": round(item["value"] * k / k_d), "source": T.NAT_POOL_SOURCE.format(
                base=item["source"], factor=_de(k / k_d), ratio=_de(k), duisburg=_de(k_d))}
    raw["measures"], raw["rates"], raw["planning"] = "measures.csv", "rates.csv", "planning.yaml"
    raw["catalogue"]["source"] = T.NAT_DERIVED_NOTE
    from amip.national.index import index_of

    idx = index_of(jc.traeger_nr, spec.index)
    f = idx.factor
    measures = derive_catalogue(list(rows), scale)
    for r in measures:   # an own rate of the table moves with the index too
        if str(r.get("integration_rate") or "").strip():
            r["integration_rate"] = f"{min(1.0, float(r['integration_rate']) * f):.6g}"
            r["rate_source"] = _rate_source(f, idx, r.get("rate_source"))
    planning = derive_planning(base_planning, scale, name=f"{raw['name']}-planung")
    own = {"name": planning["name"], "description": planning.get("description", ""), "extends": CARRIED_PLANNING,
           **{k: planning[k] for k in OWN_PLANNING if k in planning}}
    return {"case.yaml": yaml.safe_dump(raw, allow_unicode=True, sort_keys=False),
            "measures.csv": _csv(header, measures), "rates.csv": _scaled_rates(rates_text, f, idx),
            "planning.yaml": yaml.safe_dump(own, allow_unicode=True, sort_keys=False),
            CARRIED_PLANNING: _carried_planning()}


#: The derived planning file in two: what the jobcenter's size changes (its staff: customers × scale) in
#: planning.yaml, which extends the rest, carried unchanged from the template into every derived case —
#: one text, so each process parses it once (amip.inputs.reading keeps parsed YAML by its text; parsed
#: per case, it cost ~60 % of a national task's CPU).
CARRIED_PLANNING = "planning-carried.yaml"
OWN_PLANNING = ("staff",)


@lru_cache(maxsize=1)
def _carried_planning() -> str:
    import yaml

    from amip.models.frame import derive_planning

    carried = derive_planning(_base()[5], 1.0, name=f"{DUISBURG_NR}-planung-getragen")
    for k in OWN_PLANNING:
        carried.pop(k, None)
    return yaml.safe_dump(carried, allow_unicode=True, sort_keys=False)


def _csv(header: list[str], rows: list[dict]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def _rate_source(factor: float, idx, source) -> str:
    return T.NAT_RATE_SOURCE.format(factor=_de(factor), k2=_de(idx.k2_pct, 1), basis=idx.basis,
                                    bund=_de(idx.k2_bund_pct, 1), index_source=idx.source, source=source)


def _scaled_rates(text: str, factor: float, idx) -> str:
    rows = list(csv.DictReader(io.StringIO(text)))
    for r in rows:
        for c in ("rate", "range_low", "range_high"):
            r[c] = f"{min(1.0, float(r[c]) * factor):.6g}"
        r["estimate"] = "yes"
        r["source"] = _rate_source(factor, idx, r["source"])
    return _csv(list(rows[0]), rows)


def load_spec_case(spec: CaseSpec) -> Case:
    """The Case of a spec with its scenario applied: the own folder, or the derived case written to a
    temporary folder and loaded like any case folder."""
    from amip.inputs.assemble import CaseRequest, assemble_case

    if spec.folder is not None:
        return assemble_case(CaseRequest(scenario=spec.scenario, case_path=Path(spec.folder), effect=spec.effect))
    with tempfile.TemporaryDirectory(prefix=f"amip-{spec.traeger_nr}-") as tmp:
        for name, text in derived_files(spec).items():
            (Path(tmp) / name).write_text(text, encoding="utf-8")
        return assemble_case(CaseRequest(scenario=spec.scenario, case_path=Path(tmp), effect=spec.effect))
