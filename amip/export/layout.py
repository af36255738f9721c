"""Layout of a printed worksheet shared by the workbook writers: how tall a row of wrapped headers must be.
Stdlib only (amip.export.excel and amip.export.policy_excel both use it; neither imports the other at load)."""
from __future__ import annotations

#: Characters of column width a printed sheet may take: LibreOffice without Calibri or Carlito lays a width
#: character out at about 7,3 pt (DejaVu Sans digits), so 146 of them fill a landscape A4 page (798 pt
#: between 0,3-inch margins) at 75 %: 11-pt cells print at ≥ 8 pt. With Calibri the same sheet prints at 100 %.
PRINT_WIDTH = 146


def header_height(headers: list[tuple[str, int, str | None]]) -> float:
    """Row height (points) that shows every wrapped header whole: its lines in its column (bold text is
    wider: a tenth less fits), 15 pt each."""
    lines = max((text_lines(title, width * 0.9) for title, width, _ in headers), default=1)
    return LINE_PT * lines + 3


#: Characters of 11-pt body text per character of column width (LibreOffice fits about 1,3), taken low: a wrapped
#: cell then gets at least as many lines as LibreOffice and Excel break it into.
_CHARS_PER_WIDTH = 1.1
LINE_PT = 15.0   #: one line of 11-pt text


def text_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes when wrapped at spaces (and after hyphens and slashes) in a column
    ``width`` characters wide; a word longer than a line breaks inside."""
    import re

    per_line = max(int(width * _CHARS_PER_WIDTH) - 1, 4)
    n = 0
    for paragraph in str(text).split("\n"):
        line, n = 0, n + 1
        for word in paragraph.split():
            for k, piece in enumerate(re.findall(r"[^-/]*[-/]|[^-/]+", word)):
                gap = 0 if k or not line else 1          # a space before a word, nothing after a hyphen
                while len(piece) > per_line:                 # a full line of it, the rest on the next
                    n, piece, line, gap = n + (2 if line else 1), piece[per_line:], 0, 0
                if line + gap + len(piece) > per_line:
                    n, line = n + 1, len(piece)
                else:
                    line += gap + len(piece)
    return max(n, 1)


def row_height(cells: list[tuple[str, float]]) -> float | None:
    """The height (points) of a row whose wrapped cells are ``(text, column width)``; None for one line."""
    lines = max((text_lines(text, width) for text, width in cells if text), default=1)
    return LINE_PT * lines + 1 if lines > 1 else None


def once(texts: list[str], same: str, *, first_row: int = 2, shortest: int = 60) -> list[str]:
    """A column of long texts with each repeated one written once: later rows say ``same`` (formatted
    with the sheet row of the first), so 45 bounds with one POLICY source print in 45 short rows."""
    seen: dict[str, int] = {}
    out = []
    for k, text in enumerate(texts):
        if text and len(text) >= shortest and text in seen:
            out.append(same.format(row=seen[text]))
        else:
            seen.setdefault(text, first_row + k)
            out.append(text)
    return out


def header_width(title: str, width: float) -> float:
    """The column width that holds the header's longest word whole (bold: a twentieth wider than body
    digits), at least ``width``: a printed 'Mindesteintritte' never splits into 'Mindesteintritt e'."""
    import math
    import re

    longest = max((len(piece) for word in str(title).split() for piece in re.findall(r"[^-/]*[-/]|[^-/]+", word)),
                  default=0)
    return max(width, math.ceil(longest * 1.05) + 1)


#: The narrowest a text column is squeezed to when a sheet is wider than PRINT_WIDTH (its header's longest word
#: still stands whole: header_width).
NARROWEST_TEXT = 12
#: The print scale (per cent) at which 11-pt cells print at 8 pt in LibreOffice without Calibri (PRINT_WIDTH):
#: a sheet wider than PRINT_WIDTH prints at this scale on several pages side by side, never smaller.
LEAST_SCALE = 75


def fit_widths(widths: list[float], squeezable: list[bool], floors: list[float],
               total: float = PRINT_WIDTH) -> list[float]:
    """Column widths that add up to ``total`` characters at most where possible: the widest squeezable (text)
    columns are cut to one common width, never below their floor; the others keep theirs. A sheet that does not
    fit even so stays as wide as it is (print_setup then prints it at LEAST_SCALE on pages side by side)."""
    over = sum(widths) - total
    if over <= 0:
        return list(widths)
    fixed = sum(w for w, s in zip(widths, squeezable, strict=True) if not s)
    if fixed + sum(min(w, f) for w, s, f in zip(widths, squeezable, floors, strict=True) if s) > total:
        return list(widths)   # too wide even with its texts at their narrowest: pages side by side, texts whole
    texts = sorted(w for w, s in zip(widths, squeezable, strict=True) if s)
    room = total - fixed
    cap = 0.0
    for k, w in enumerate(texts):      # the common width: the texts narrower than it keep theirs
        rest = len(texts) - k
        if w * rest >= room:
            cap = room / rest
            break
        room -= w
    else:
        return list(widths)
    return [max(min(w, cap), min(w, floor)) if s else w for w, s, floor in zip(widths, squeezable, floors, strict=True)]
