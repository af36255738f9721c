"""The national table: the 405 jobcenters with their shares of the federal Eingliederungsmittel
(EinglMV 2022, Anlagen 2–4; ``amip/data/national/README.md`` has the sources).

- ``load_jobcenters()``: every row, Träger-Nr kept as text (leading zeros).
- ``find_jobcenter(query)``: by Träger-Nr or name (exact, then unique substring); an unknown name is
  an error that lists the closest names.
- the Jobcenter record and its EGT estimate: ``amip.models.national``.
"""
from __future__ import annotations

import csv
import difflib
import io
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from amip import texts as T
from amip.errors import InputError
from amip.models.national import Jobcenter

NATIONAL_DIR = Path(__file__).resolve().parent.parent / "data" / "national"
TABLE = NATIONAL_DIR / "jobcenters-2022.csv"

@lru_cache(maxsize=1)
def load_jobcenters() -> tuple[Jobcenter, ...]:
    text = TABLE.read_text(encoding="utf-8")
    out = []
    for n, r in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        try:
            out.append(Jobcenter(traeger_nr=r["traeger_nr"].strip(), form=r["form"].strip(),
                                 name=r["jobcenter"].strip(), egl_share_pct_gsq=float(r["egl_share_pct_gsq"]),
                                 egl_share_pct_lzb=float(r["egl_share_pct_lzb"]),
                                 vk_share_pct=float(r["vk_share_pct"])))
        except (KeyError, ValueError) as e:   # a broken package, not user input
            raise InputError(f"national table broken ({e})", file=str(TABLE), row=n) from None
    return tuple(out)


def _norm(s: str) -> str:
    """Compared form of a name: Unicode NFC (a decomposed 'ü' from a Mac terminal equals 'ü'),
    case-folded, inner whitespace collapsed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s).strip().casefold())


#: The longest name a search accepts: the longest jobcenter name has 33 characters; the fuzzy match
#: (difflib, quadratic in the length) would take seconds on a pasted page (issue 29: 96 KiB took 28 s).
MAX_QUERY_CHARS = 200


def _check_length(query: str) -> None:
    if len(query) > MAX_QUERY_CHARS:
        raise InputError(T.JC_QUERY_TOO_LONG.format(n=len(query), limit=MAX_QUERY_CHARS))


def search_jobcenters(query: str | None) -> list[Jobcenter]:
    """Every jobcenter whose name or Träger-Nr contains the query (all without a query)."""
    rows = load_jobcenters()
    if not query:
        return list(rows)
    _check_length(query)
    q = _norm(query)
    return [j for j in rows if q in _norm(j.name) or q in j.traeger_nr]


def find_jobcenter(query: str) -> Jobcenter:
    """One jobcenter by Träger-Nr or name, never a silent choice: a Träger-Nr, or a name (whole or
    in part, compared after NFC normalisation) that only one jobcenter's name contains. A name that
    several contain — 'Rostock' is in 'Rostock, Hansestadt' (03202) and 'Landkreis Rostock' (03208),
    even where one of them is the whole name ('Kassel') — is an InputError listing every candidate
    with Träger-Nr and form. Unknown → InputError with the closest names."""
    _check_length(query)
    rows = load_jobcenters()
    q = _norm(query)
    if q.isdigit():
        for j in rows:
            if j.traeger_nr == q.zfill(5):
                return j
    hits = search_jobcenters(query)
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        names = "; ".join(f"{j.name} (Träger-Nr {j.traeger_nr}, {j.form})" for j in hits[:12])
        raise InputError(T.JC_AMBIGUOUS.format(query=query, n=len(hits), names=names
                                               + (" …" if len(hits) > 12 else "")))
    close = closest(query)
    if not close:
        raise InputError(T.JC_UNKNOWN_NONE.format(query=query))
    raise InputError(T.JC_UNKNOWN.format(query=query, close=", ".join(f"{j.name} ({j.traeger_nr})" for j in close)))


def closest(query: str, n: int = 5, cutoff: float = 0.5) -> list[Jobcenter]:
    """The n names most like the query, each compared whole and by its part before the comma."""
    _check_length(query)
    q = _norm(query)
    scored = []
    for j in load_jobcenters():
        name = _norm(j.name)
        score = max(difflib.SequenceMatcher(None, q, name).ratio(),
                    difflib.SequenceMatcher(None, q, name.split(",")[0]).ratio())
        if score >= cutoff:
            scored.append((-score, j.name, j))
    return [j for _, _, j in sorted(scored)[:n]]
