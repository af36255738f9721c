"""The national rate index: published Integrationsquoten (§ 48a SGB II, Kennzahl K2) that scale each
jobcenter's integration rates in the national run (issue 28).

The shipped table ``amip/data/national/integrationsquote-k2.csv`` has one row per jobcenter of the
national table (all 405): ``traeger_nr``, ``jobcenter`` (name, for the reader), ``k2_pct`` (its
Integrationsquote: its own where one was found, else its Land's, else the national one),
``k2_bund_pct`` (the national Integrationsquote the rate table stands for), ``basis`` (Jobcenter, Land
…, Bund) and ``source`` (every figure cited). A jobcenter's rate factor is k2_pct ÷ k2_bund_pct: a
region where more benefit recipients find work gets higher rates (Bayern 30,8 % against Bremen 19,0 %,
K2 2017), the direction the published figures point. A planner may pass another table
(``amip national --index FILE``); a bad one is an error naming file, row and column.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from amip import texts as T
from amip.errors import InputError
from amip.inputs.national import NATIONAL_DIR, load_jobcenters

INDEX_TABLE = NATIONAL_DIR / "integrationsquote-k2.csv"
COLUMNS = ("traeger_nr", "jobcenter", "k2_pct", "k2_bund_pct", "basis", "source")


@dataclass(frozen=True)
class IndexRow:
    traeger_nr: str
    k2_pct: float        #: the jobcenter's Integrationsquote K2 in per cent (own, its Land's or the national)
    k2_bund_pct: float   #: the national K2 the rate table stands for
    basis: str           #: Jobcenter, Land …, Bund
    source: str

    @property
    def factor(self) -> float:
        """Rate factor: the jobcenter's K2 over the national K2."""
        return self.k2_pct / self.k2_bund_pct


def _positive(text: str, *, file: str, row: int, column: str) -> float:
    try:
        v = float(str(text).strip().replace(",", "."))
    except ValueError:
        raise InputError(T.INDEX_NOT_NUMBER.format(value=text), file=file, row=row, column=column) from None
    if not (v > 0 and math.isfinite(v)):
        raise InputError(T.INDEX_NOT_POSITIVE.format(value=text), file=file, row=row, column=column)
    return v


@lru_cache(maxsize=4)
def load_index(path: str | None = None) -> dict[str, IndexRow]:
    """Träger-Nr → IndexRow, checked: every column present, every Träger-Nr known and given once,
    every jobcenter of the national table present, each K2 a number > 0, each source given."""
    from amip.inputs.reading import read_csv_rows

    p = Path(path) if path else INDEX_TABLE
    file = str(p)
    header, rows, _ = read_csv_rows(p, "index table")
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise InputError(T.INDEX_COLUMNS.format(missing=", ".join(missing), columns=", ".join(COLUMNS)), file=file)
    known = {j.traeger_nr for j in load_jobcenters()}
    out: dict[str, IndexRow] = {}
    first_row: dict[str, int] = {}
    for n, r in rows:
        nr = str(r.get("traeger_nr") or "").strip()
        nr = nr.zfill(5) if nr.isdigit() else nr
        if nr not in known:
            raise InputError(T.INDEX_UNKNOWN_NR.format(nr=nr), file=file, row=n, column="traeger_nr")
        if nr in out:
            raise InputError(T.INDEX_TWICE.format(nr=nr, first=first_row[nr]), file=file, row=n, column="traeger_nr")
        source = str(r.get("source") or "").strip()
        if not source:
            raise InputError(T.INDEX_NO_SOURCE.format(nr=nr), file=file, row=n, column="source")
        out[nr] = IndexRow(traeger_nr=nr, k2_pct=_positive(r.get("k2_pct", ""), file=file, row=n, column="k2_pct"),
                           k2_bund_pct=_positive(r.get("k2_bund_pct", ""), file=file, row=n, column="k2_bund_pct"),
                           basis=str(r.get("basis") or "").strip(), source=source)
        first_row[nr] = n
    absent = sorted(known - set(out))
    if absent:
        names = {j.traeger_nr: j.name for j in load_jobcenters()}
        shown = ", ".join(f"{names[nr]} ({nr})" for nr in absent[:8]) + (" …" if len(absent) > 8 else "")
        raise InputError(T.INDEX_MISSING.format(n=len(absent), names=shown), file=file)
    return out


def index_of(traeger_nr: str, path: str | None = None) -> IndexRow:
    return load_index(path)[traeger_nr]
