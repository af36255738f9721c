"""German number formats for people (tables, messages): '1.234.567 €', '1.617,4'. Machine outputs
(CSV, JSON) keep plain numbers. Here in models/ so that every layer can word its messages alike.

``num``, ``eur`` and ``fixed`` format one number; ``nums`` and ``eurs`` a column of floats (a table of
10.000 measures) to the same strings: the column formatted with ``,`` grouping by one ``str.format`` of a
repeated template, made German by one ``str.translate`` and split; a column of many equal values
(entries at their bounds, rates) formats each value once."""
from __future__ import annotations

#: ',' (thousands) and '.' (decimals) of Python's format swapped: '1,234.5' → '1.234,5'
_GERMAN = str.maketrans(",.", ".,")


def eur(x: float) -> str:
    """1234567.8 → '1.234.568 €' (German-facing output); never '-0 €'."""
    return _no_negative_zero(f"{x:,.0f}".replace(",", ".")) + " €"


def fixed(x: float, decimals: int = 1) -> str:
    """German number with a fixed number of decimals: 1617.44 → '1.617,4'."""
    return _no_negative_zero(f"{x:,.{decimals}f}".replace(",", "X").replace(".", ",").replace("X", "."))


def num(x: float, decimals: int = 1) -> str:
    """German number; numbers that are whole at the shown precision without decimals: 1617.4 →
    '1.617,4', 850.0 → '850', 16785.96 → '16.786' (not '16.786,0'). NaN and ±inf raise (ValueError,
    OverflowError) as ``round`` does."""
    r = round(x)
    if abs(x - r) < 0.5 * 10 ** -decimals:
        return f"{r:,}".replace(",", ".")
    return fixed(x, decimals)


def nums(xs, decimals: int = 1) -> list[str]:
    """``[num(x, decimals) for x in xs]`` for a column of floats, formatted once each. A number whole at
    the shown precision is exactly one whose fixed format ends in ``.0…0`` (its difference to the nearest
    integer is exact in floating point, and no float lies between the decimal ``0.5 * 10 ** -decimals``
    and the float that stands for it), so those zeros are cut from the joined column at once."""
    if len(once := dict.fromkeys(xs)) * 2 < len(xs):   # entries at their bounds, rates: each value formatted once
        return _each(once, _nums(list(once), decimals), xs)
    return _nums(xs, decimals)


def _nums(xs, decimals: int) -> list[str]:
    if not xs:
        return []
    text = _lines(xs, f",.{decimals}f")
    if "n" in text:   # nan, inf: raise as num does
        return [num(x, decimals) for x in xs]
    if decimals > 0:
        text = text.replace("." + "0" * decimals + "\n", "\n")
    return _german(text[:-1])


def eurs(xs) -> list[str]:
    """``[eur(x) for x in xs]`` for a column of floats, formatted once each."""
    if len(once := dict.fromkeys(xs)) * 2 < len(xs):
        return _each(once, _eurs(list(once)), xs)
    return _eurs(xs)


def _eurs(xs) -> list[str]:
    return [s + " €" for s in _german(_lines(xs, ",.0f")[:-1])] if xs else []


def _each(once: dict, strings: list[str], xs) -> list[str]:
    """The strings of the distinct values ``once`` (a dict keyed by them) for every value of ``xs``; equal
    values format alike (0.0 and -0.0 both as a zero without sign)."""
    shown = dict(zip(once, strings))
    return list(map(shown.__getitem__, xs))


def _lines(xs, spec: str) -> str:
    """The numbers formatted by ``spec``, each followed by a line break: one ``str.format`` of a template
    repeated for every number (no call per number)."""
    return ("{:%s}\n" % spec * len(xs)).format(*xs)


def _german(text: str) -> list[str]:
    """Lines of numbers as Python formats them with ``,`` grouping ('-1,234.5') in German ('-1.234,5'),
    turned in one ``str.translate``; a rounded zero without its sign ('-0', '-0,0' → '0', '0,0')."""
    out = text.translate(_GERMAN).split("\n")
    if text.startswith("-0") or "\n-0" in text:   # a number between −1 and 0, or a signed zero
        out = [_no_negative_zero(s) for s in out]
    return out


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
