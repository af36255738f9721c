"""German number formats for people (tables, messages): '1.234.567 €', '1.617,4'. Machine outputs
(CSV, JSON) keep plain numbers. Here in models/ so that every layer can word its messages alike."""
from __future__ import annotations


def eur(x: float) -> str:
    """1234567.8 → '1.234.568 €' (German-facing output); never '-0 €'."""
    return _no_negative_zero(f"{x:,.0f}".replace(",", ".")) + " €"


def fixed(x: float, decimals: int = 1) -> str:
    """German number with a fixed number of decimals: 1617.44 → '1.617,4'."""
    s = f"{x:,.{decimals}f}"
    return _no_negative_zero(s.replace(",", "X").replace(".", ",").replace("X", "."))


def num(x: float, decimals: int = 1) -> str:
    """German number; numbers that are whole at the shown precision without decimals: 1617.4 →
    '1.617,4', 850.0 → '850', 16785.96 → '16.786' (not '16.786,0')."""
    if abs(x - round(x)) < 0.5 * 10 ** -decimals:
        return f"{round(x):,}".replace(",", ".")
    return fixed(x, decimals)


def cut_name(name: str, id_: str, width: int) -> str:
    """A measure's name in ``width`` characters; cut, it ends in '…' and carries its id, so that two
    names cut alike ('Aktivierungs- und Vermittlungsguts…') stay apart."""
    if len(name) <= width:
        return name
    tail = f"… ({id_})"
    keep = max(4, width - len(tail))
    return name[:keep].rstrip() + tail


def signed(x: float, decimals: int = 1) -> str:
    """A change with its sign, as ``num`` shows it: +1.234,5, -12, and 0 without a sign."""
    s = num(x, decimals)
    return "+" + s if x > 0 and s.strip("0,.") else s


def signed_eur(x: float) -> str:
    """An amount of change with its sign: '+380.712 €', '-1.749.222 €', '0 €'."""
    s = eur(x)
    return "+" + s if x > 0 and s != "0 €" else s


def _no_negative_zero(s: str) -> str:
    """'-0', '-0,0' → '0', '0,0': a rounded zero carries no sign."""
    return s[1:] if s.startswith("-") and not s.strip("-0,.") else s


def pct(x: float) -> str:
    return f"{x:+.1%}".replace(".", ",")


def short(x: float) -> str:
    """A rate or share as read, German decimal comma, no padding: 0.35 → '0,35', 20.0 → '20'."""
    return f"{x:g}".replace(".", ",")
