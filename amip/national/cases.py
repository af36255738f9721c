"""The case of one jobcenter in the national run, from a small picklable spec.

A derived case is i15a's derivation (``amip.models.frame.derive_frame`` / ``derive_catalogue``:
Duisburg 2020's structure scaled to the jobcenter's Neufallbudget) varied by one index so that the
jobcenters really differ (ESTIMATE, every figure says so):

- ``ratio`` = the jobcenter's EinglMV 2022 share by the LZB criterion (Anlage 3) ÷ its share by the
  Grundsicherungsquote (Anlage 2). Both columns sum to the same total, so the share-weighted national
  mean of the ratio is 1. A ratio above 1: more long-term recipients than its Grundsicherungsquote
  suggests.
- integration rates (point, low and high of the rate table) × ``ratio ** -0.5`` (clipped to
  [0.75, 1.25]): long-term recipients integrate less often (ESTIMATE, elasticity ½ chosen, not
  measured);
- the long-term pools (lzb, lza) × ratio ÷ Duisburg's ratio: the mix of the clientele.

The net effects (amip/data/effects.csv) stay those of the shipped table: the index moves the gross
rates only.

The case is written as a case folder (case.yaml, measures.csv, rates.csv) into a temporary folder
and loaded by the ordinary loader with the scenario, so every check of a planner's case applies.
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

RATE_EXPONENT = -0.5              #: ESTIMATE: rate factor = ratio ** RATE_EXPONENT
RATE_FACTOR_RANGE = (0.75, 1.25)  #: ESTIMATE: the factor stays within this range
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


def ratio(jc: Jobcenter) -> float:
    """LZB-criterion share ÷ Grundsicherungsquote share (EinglMV 2022 Anlagen 3 and 2)."""
    return jc.egl_share_pct_lzb / jc.egl_share_pct_gsq


def rate_factor(jc: Jobcenter) -> float:
    lo, hi = RATE_FACTOR_RANGE
    return min(hi, max(lo, ratio(jc) ** RATE_EXPONENT))


def _de(x: float, digits: int = 4) -> str:
    return f"{x:.{digits}f}".replace(".", ",")


@lru_cache(maxsize=1)
def _base() -> tuple[dict, float, list[str], tuple[dict, ...], str]:
    """Duisburg's frame, Neufallbudget, measure header and rows, and the rate table text: read once
    per process (a worker reuses them for every jobcenter)."""
    from amip.inputs.loader import DEFAULT_CASE, DEFAULT_RATES, budget_of, load_yaml, read_csv_rows, read_text

    raw = load_yaml(DEFAULT_CASE, "case file")
    nfb = budget_of(raw["budget"], str(DEFAULT_CASE)).neufallbudget_eur
    header, rows, _ = read_csv_rows(DEFAULT_CASE.parent / raw["measures"], "measure table")
    return raw, nfb, header, tuple(r for _, r in rows), read_text(DEFAULT_RATES, "rate table")


@lru_cache(maxsize=None)
def _jobcenter(nr: str) -> Jobcenter:
    from amip.models.national import find_jobcenter

    return find_jobcenter(nr)


def derived_files(spec: CaseSpec) -> dict[str, str]:
    """The texts of case.yaml, measures.csv and rates.csv of a derived case."""
    import yaml

    from amip.models.frame import derive_catalogue, derive_frame

    base_raw, base_nfb, header, rows, rates_text = _base()
    jc = _jobcenter(spec.traeger_nr)
    raw, scale = derive_frame(jc, base_raw, base_nfb, year=spec.year, total_eur=spec.total_eur)
    k, k_d = ratio(jc), ratio(_jobcenter(DUISBURG_NR))
    for pid in LONG_TERM_POOLS:
        if pid in raw["pools"]:
            item = raw["pools"][pid]
            raw["pools"][pid] = {"value": round(item["value"] * k / k_d), "source": T.NAT_POOL_SOURCE.format(
                base=item["source"], factor=_de(k / k_d), ratio=_de(k), duisburg=_de(k_d))}
    raw["measures"], raw["rates"] = "measures.csv", "rates.csv"
    raw["catalogue"]["source"] = T.NAT_DERIVED_NOTE
    f = rate_factor(jc)
    measures = derive_catalogue(list(rows), scale)
    for r in measures:   # an own rate of the table moves with the index too
        if str(r.get("integration_rate") or "").strip():
            r["integration_rate"] = f"{min(1.0, float(r['integration_rate']) * f):.6g}"
            r["rate_source"] = T.NAT_RATE_SOURCE.format(factor=_de(f), lzb=_de(jc.egl_share_pct_lzb),
                                                        gsq=_de(jc.egl_share_pct_gsq), source=r.get("rate_source"))
    return {"case.yaml": yaml.safe_dump(raw, allow_unicode=True, sort_keys=False),
            "measures.csv": _csv(header, measures), "rates.csv": _scaled_rates(rates_text, f, jc)}


def _csv(header: list[str], rows: list[dict]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def _scaled_rates(text: str, factor: float, jc: Jobcenter) -> str:
    rows = list(csv.DictReader(io.StringIO(text)))
    for r in rows:
        for c in ("rate", "range_low", "range_high"):
            r[c] = f"{min(1.0, float(r[c]) * factor):.6g}"
        r["estimate"] = "yes"
        r["source"] = T.NAT_RATE_SOURCE.format(factor=_de(factor), lzb=_de(jc.egl_share_pct_lzb),
                                               gsq=_de(jc.egl_share_pct_gsq), source=r["source"])
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
