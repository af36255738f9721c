"""The print layout helpers: wrapped lines, header widths, repeated sources written once."""
from __future__ import annotations

from amip.export.layout import PRINT_WIDTH, header_height, header_width, once, row_height, text_lines


def test_wrapped_text_takes_as_many_lines_as_its_words_need():
    assert text_lines("Förderzentrum I", 26) == 1
    # 'Maßnahme bei einem Arbeitgeber' (30 characters) does not fit a 26-wide column: four lines, as printed
    assert text_lines("Aktivierungs- und Vermittlungsgutschein - Maßnahme bei einem Arbeitgeber", 26) == 4
    assert text_lines("hf1-foerderzentrum-1", 20) == 1      # breaks after a hyphen cost no space
    assert text_lines("x" * 50, 19) == 3                     # a word longer than the line breaks inside
    assert text_lines("eins\nzwei", 40) == 2
    assert row_height([("kurz", 20)]) is None and row_height([("a b " * 40, 20)]) > 15


def test_a_header_column_holds_its_longest_word():
    assert header_width("Mindesteintritte", 12) >= len("Mindesteintritte") + 1   # never 'Mindesteintritt e'
    assert header_width("Netto-Kosten je Eintritt", 12) == 12                  # breaks after the hyphen
    assert header_width("HF", 4) == 4
    assert header_height([("Plan Eintritte", 11, None)]) == 2 * 15 + 3


def test_a_repeated_long_source_is_written_once_and_then_pointed_to():
    long = "Festlegung: " + "jedes Handlungsfeld behält mindestens 80 % " * 2
    got = once([long, "kurz", long, "kurz", long], "wie Zeile {row}")
    assert got == [long, "kurz", "wie Zeile 2", "kurz", "wie Zeile 2"]


def test_the_print_width_fits_landscape_a4_at_8_pt():
    # 7,3 pt per width character in LibreOffice with DejaVu Sans; 798 pt between the margins; 11 → 8 pt
    assert PRINT_WIDTH * 7.3 * 8 / 11 <= 798
