"""The headline line of `amip optimize` (export.text.render_headline): P5 and P95 rounded to the unit
the draws support (amip.optimizer.headline.shown_unit), outwards, said in German when coarser than 0,1."""
import math

from amip import texts as T
from amip.export.text import render_headline
from amip.models.fmt import num
from amip.optimizer import optimize
from amip.optimizer.headline import headline


def test_the_range_is_rounded_to_the_shown_unit_and_says_so(case):
    r = optimize(case)
    h = headline(case).to_dict()
    assert h["precision"] > 0.1 and h["stopped_early"]
    line = render_headline(r, h)
    unit = h["precision"]
    p5, p95 = math.floor(h["p5"] / unit) * unit, math.ceil(h["p95"] / unit) * unit   # outwards
    assert p5 <= h["p5"] < p5 + unit and p95 - unit < h["p95"] <= p95
    assert f"P5–P95 {num(p5)} bis {num(p95)} (nach außen gerundet auf {num(unit)}, " in line
    assert f"{h['draws']} von 300 Ziehungen" in line and "voraussichtlich nicht verfeinert" in line
    assert num(h["p5"]) not in line          # the full float stays in JSON


def test_one_decimal_without_rounding_words():
    """A dict with precision 0,1 (or none: older JSON) shows one decimal and no 'gerundet'."""
    class Result:
        objective = 3784.8

    h = {"effect": "gross", "p5": 3586.94, "p95": 4081.42, "draws": 300, "seed": 2020, "draws_requested": 300,
         "stopped_early": False, "precision": 0.1}
    line = render_headline(Result, h)
    # outwards at one decimal too (4.081,42 → 4.081,5), without words: one decimal is the table's digit
    assert "P5–P95 3.586,9 bis 4.081,5 (300 Ziehungen" in line and "gerundet" not in line
    del h["precision"]
    assert render_headline(Result, h) == line


def test_a_single_optimal_draw_gives_no_range(case):
    h = headline(case, draws=1).to_dict()
    assert h["draws"] == 1 and h["p5"] is None and h["reason_code"] == "one_draw"
    assert T.HEADLINE_REASONS["one_draw"] in render_headline(optimize(case), h)
