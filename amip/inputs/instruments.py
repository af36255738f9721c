"""The instrument-type registry: the allowed ``instrument_type`` codes (mat, egz, fbw_ao, p16i …) with
their German names and legal references, shipped as amip/data/instrument_types.csv, and the
derivation of a code from a measure's legal reference (``§ 45 SGB III`` → mat) when a planner's
table leaves the column out.

The rate table, the rule files and the effect tables key their data by these codes. A code that is
not in the registry is an error naming the allowed codes and the closest one; nothing falls back.
Stdlib only.
"""
from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REGISTRY_FILE = Path(__file__).resolve().parent.parent / "data" / "instrument_types.csv"


@dataclass(frozen=True)
class InstrumentType:
    code: str
    name: str                 #: German name
    legal_reference: str
    derive: re.Pattern | None  #: matched against "instrument | name" of a measure row; first match wins
    source: str


@cache
def registry() -> tuple[InstrumentType, ...]:
    """The registry in derivation order (more specific codes first)."""
    with open(REGISTRY_FILE, encoding="utf-8", newline="") as f:
        return tuple(InstrumentType(r["code"], r["name"], r["legal_reference"],
                                    re.compile(r["derive"], re.IGNORECASE) if r["derive"] else None, r["source"])
                     for r in csv.DictReader(f))


@cache
def _by_code() -> dict[str, InstrumentType]:
    return {t.code: t for t in registry()}


def codes() -> tuple[str, ...]:
    return tuple(sorted(_by_code()))


def lookup(code: str) -> InstrumentType | None:
    """The registry entry of a code, compared case-insensitively ('MAT', 'FbW_ao')."""
    return _by_code().get(code.strip().lower())


def closest(code: str) -> str | None:
    hits = difflib.get_close_matches(code.strip().lower(), codes(), n=1, cutoff=0.5)
    return hits[0] if hits else None


def unknown_code_message(code: str) -> str:
    """'unbekannter Instrumententyp 'Coaching'; meinten Sie 'p16i_coaching'?; erlaubt: abh, …' (German)."""
    from amip import texts as T

    near = closest(code)
    return T.INSTRUMENT_UNKNOWN.format(code=code, hint=T.INSTRUMENT_HINT.format(closest=near) if near else "",
                                       allowed=", ".join(codes()))


def derive(instrument: str, name: str = "") -> InstrumentType | None:
    """The code whose pattern matches the legal reference (and the measure's name), or None."""
    text = f"{instrument} | {name}"
    for t in registry():
        if t.derive is not None and t.derive.search(text):
            return t
    return None
