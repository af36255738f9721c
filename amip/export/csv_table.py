"""CSV in two dialects, one writer: ``plain`` for programs (comma, dot decimals, plain numbers) and
``de`` for German Excel (semicolon, decimal comma, UTF-8 with BOM, CRLF, German column titles). In both, numbers are
rounded to the precision a person reads (no ``122416.79999999999``) and a text cell that a
spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection guidance)."""
from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence

from amip import texts as T

DIALECTS = ("plain", "de")
BOM = "\ufeff"
#: Decimals kept per column name (euro amounts in cents, entries and integrations to a thousandth);
#: any other number keeps 6 decimals, enough for rates and reduced costs.
DECIMALS = {"cost_per_entry": 2, "gross_cost_per_entry": 2, "pat_relief_per_entry": 2, "cost": 2,
            "lower": 3, "upper": 3, "planned_entries": 3, "entries": 3, "new_entries": 3, "prebought_entries": 3,
            "integrations": 3, "egt_estimate_eur": 0}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(value: str) -> str:
    """A text that starts like a formula (=, +, -, @, tab, CR, LF, or their full-width forms) as inert text."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def number(x: float, decimals: int = 6, dialect: str = "plain") -> str:
    """A float rounded to ``decimals``, trailing zeros dropped: 122416.79999999999 → '122416.8' ('122416,8' in de)."""
    if not math.isfinite(x):
        return ""
    s = f"{round(x, decimals):.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{round(x):d}"
    if s in ("-0", ""):
        s = "0"
    return s.replace(".", ",") if dialect == "de" else s


def cell(value, column: str = "", dialect: str = "plain") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return ("ja" if value else "nein") if dialect == "de" else str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return number(value, DECIMALS.get(column, 6), dialect)
    return neutralise(str(value))


def render_rows(header: Sequence[str], rows: Iterable[Sequence], dialect: str = "plain") -> str:
    """The table as CSV text in the dialect (``de`` starts with the BOM German Excel needs for UTF-8)."""
    if dialect not in DIALECTS:
        raise ValueError(f"unknown CSV dialect {dialect!r}")
    buf = io.StringIO()
    de = dialect == "de"
    w = csv.writer(buf, delimiter=";" if de else ",", lineterminator="\r\n" if de else "\n")
    w.writerow([neutralise(str(T.CSV_HEADERS_DE.get(h, h) if de else h)) for h in header])   # de: German titles
    for row in rows:
        w.writerow([cell(v, header[i] if i < len(header) else "", dialect) for i, v in enumerate(row)])
    return (BOM if de else "") + buf.getvalue()
