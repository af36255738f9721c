"""German number formats for people (tables, messages): '1.234.567 €', '1.617,4'. Machine outputs
(CSV, JSON) keep plain numbers. Here in models/ so that every layer can word its messages alike."""
from __future__ import annotations


def eur(x: float) -> str:
    """1234567.8 → '1.234.568 €' (German-facing output)."""
    return f"{x:,.0f}".replace(",", ".") + " €"


def fixed(x: float, decimals: int = 1) -> str:
    """German number with a fixed number of decimals: 1617.44 → '1.617,4'."""
    s = f"{x:,.{decimals}f}"
    return s.replace(",", "X").replace(".", ",").replace("X", ".")


def num(x: float, decimals: int = 1) -> str:
    """German number; whole numbers without decimals: 1617.4 → '1.617,4', 850.0 → '850'."""
    if abs(x - round(x)) < 1e-6:
        return f"{round(x):,}".replace(",", ".")
    return fixed(x, decimals)


def pct(x: float) -> str:
    return f"{x:+.1%}".replace(".", ",")


def short(x: float) -> str:
    """A rate or share as read, German decimal comma, no padding: 0.35 → '0,35', 20.0 → '20'."""
    return f"{x:g}".replace(".", ",")
