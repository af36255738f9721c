"""amip.models.fmt: the column formatters ``nums``/``eurs`` give, value for value, the strings of ``num``/
``eur`` (issue 29: the table of 10.000 measures formats its columns at once), and ``num``, ``eur``,
``fixed`` still give the strings of their first versions, over a grid of values with the rounding edges."""
from __future__ import annotations

import math
import random

import pytest

from amip.models.fmt import eur, eurs, fixed, num, nums


# the functions as they were before issue 29: the reference
def _old_nz(s: str) -> str:
    return s[1:] if s.startswith("-") and not s.strip("-0,.") else s


def old_eur(x: float) -> str:
    return _old_nz(f"{x:,.0f}".replace(",", ".")) + " €"


def old_fixed(x: float, decimals: int = 1) -> str:
    return _old_nz(f"{x:,.{decimals}f}".replace(",", "X").replace(".", ",").replace("X", "."))


def old_num(x: float, decimals: int = 1) -> str:
    if abs(x - round(x)) < 0.5 * 10 ** -decimals:
        return f"{round(x):,}".replace(",", ".")
    return old_fixed(x, decimals)


def _grid() -> list[float]:
    rnd = random.Random(29)
    edges = [0.0, -0.0, 0.05, -0.05, 0.049999999, -0.049999999, 0.5, -0.5, 1.5, 2.5, -2.5, 0.45, 0.95, 9.95,
             99.95, 999.95, 0.005, -0.005, 0.0049999, -0.0049999, 5e-5, -5e-5, 1 / 3, -2 / 3, 1e-9, -1e-9, 5e-324,
             999_999.5, 999_999.96, -999_999.96, 1e15, -1e15, 1e16, 1.5e16, 1e20, 2.0 ** 53 + 2, 1e300, -1e300]
    edges += [k / 100 + e for k in range(-300, 301) for e in (0.0, 1e-12, -1e-12)]
    edges += [k + h for k in range(-60, 61) for h in (0.05, -0.05, 0.5, -0.5, 0.005, -0.005, 0.0005)]
    edges += [rnd.uniform(-1e7, 1e7) for _ in range(2000)]
    edges += [rnd.uniform(-1, 1) * 10 ** rnd.randint(-6, 16) for _ in range(2000)]
    return edges


GRID = _grid()


@pytest.mark.parametrize("decimals", [0, 1, 2, 3, 4])
def test_num_and_fixed_give_the_old_strings_and_nums_the_same_column(decimals):
    assert [num(x, decimals) for x in GRID] == [old_num(x, decimals) for x in GRID]
    assert [fixed(x, decimals) for x in GRID] == [old_fixed(x, decimals) for x in GRID]
    assert nums(GRID, decimals) == [old_num(x, decimals) for x in GRID]
    for x in GRID[:200]:   # alone, too (a column of one: no neighbour's line end)
        assert nums([x], decimals) == [old_num(x, decimals)], x


def test_eur_and_eurs_give_the_old_strings():
    assert [eur(x) for x in GRID] == [old_eur(x) for x in GRID]
    assert eurs(GRID) == [old_eur(x) for x in GRID]
    assert eurs([-0.4, -0.0, 0.4]) == ["0 €", "0 €", "0 €"] and nums([-0.04, -0.0]) == ["0", "0"]
    assert nums([]) == [] and eurs([]) == []


def test_whole_numbers_and_signs():
    assert nums([1617.44, 850.0, 16785.96, -0.4, -1234.56, 0.05]) == ["1.617,4", "850", "16.786", "-0,4", "-1.234,6",
                                                                        "0,1"]
    assert eurs([1234567.8, -1749222.2]) == ["1.234.568 €", "-1.749.222 €"]


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_nan_and_inf(bad):
    """num raises for NaN and ±inf (round cannot make them integers); nums does the same; eur writes them."""
    for f in (lambda: num(bad), lambda: old_num(bad), lambda: nums([1.0, bad])):
        with pytest.raises((ValueError, OverflowError)):
            f()
    assert eurs([bad]) == [eur(bad)] == [old_eur(bad)]
    assert fixed(bad) == old_fixed(bad)


@pytest.mark.parametrize("decimals", [0, 1, 2])
def test_a_column_of_repeated_values_gives_the_strings_of_each(decimals):
    """nums/eurs format each distinct value once where most repeat; signed and unsigned zeros alike."""
    rnd = random.Random(5)
    xs = [rnd.choice(GRID[:300]) for _ in range(3000)] + [0.0, -0.0, 0, -0.0, 1, 1.0, True, -0.04, 0.04]
    assert nums(xs, decimals) == [old_num(x, decimals) for x in xs]
    assert eurs(xs) == [old_eur(x) for x in xs]
    assert nums([-0.0, 0.0, -0.0], decimals) == ["0", "0", "0"] and eurs([-0.0, 0.0, 0.0]) == ["0 €"] * 3
    with pytest.raises((ValueError, OverflowError)):
        nums([1.0] * 5 + [math.nan])
    nan = math.nan
    assert eurs([nan, 1.0, nan, nan]) == [old_eur(nan), "1 €", old_eur(nan), old_eur(nan)]
