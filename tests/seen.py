"""Outputs as a person sees them: a report opened in headless Chromium (Debian's package, driven by
Playwright with executable_path), a workbook printed by LibreOffice, PDF pages rasterised by
pdftoppm. `.ci/run` installs the three programs; these helpers only drive them.

Every check reads pixels or text of the rendered page, never the file's bytes.
"""
from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def require(program: str) -> str:
    """The path of a system program the tests need; a clear failure (never a skip) when it is missing."""
    path = shutil.which(program)
    assert path, f"{program} is not installed: run .ci/run, or apt-get install the packages it names"
    return path


@dataclass(frozen=True)
class Page:
    """What the browser shows of an HTML file at one viewport width."""

    scroll_width: int     #: width of the laid-out document, px (> viewport width: a horizontal scrollbar)
    viewport_width: int
    text: str             #: the page's visible text
    overflowing: tuple[str, ...]   #: elements wider than the viewport (tag.class and the first words)


_OVERFLOW_JS = """() => {
  const w = window.innerWidth, out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > w + 1 && r.width > 0) out.push(el.tagName.toLowerCase() + '.' + el.className + ': '
        + (el.innerText || '').slice(0, 40));
  }
  return [document.documentElement.scrollWidth, w, document.body.innerText, out.slice(0, 10)];
}"""


class Browser:
    """One headless Chromium for a test module (starting it costs about a second)."""

    def __init__(self) -> None:
        from playwright.sync_api import sync_playwright

        require("chromium")
        self._pw = sync_playwright().start()
        self._browser = self._pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

    def page(self, html: Path, width: int, height: int = 1200) -> Page:
        pg = self._browser.new_page(viewport={"width": width, "height": height})
        try:
            pg.goto(Path(html).resolve().as_uri())
            scroll, w, text, over = pg.evaluate(_OVERFLOW_JS)
            return Page(scroll, w, text, tuple(over))
        finally:
            pg.close()

    def pdf(self, html: Path, out: Path) -> Path:
        """The page printed to A4 as the browser prints it."""
        pg = self._browser.new_page()
        try:
            pg.goto(Path(html).resolve().as_uri())
            pg.pdf(path=str(out), format="A4", print_background=True)
        finally:
            pg.close()
        return out

    def screenshot_ink(self, html: Path, out: Path, width: int = 1000) -> float:
        """A screenshot of the whole page (PNG at ``out``) and the share of its pixels that are not white."""
        from PIL import Image

        pg = self._browser.new_page(viewport={"width": width, "height": 900})
        try:
            pg.goto(Path(html).resolve().as_uri())
            pg.screenshot(path=str(out), full_page=True)
        finally:
            pg.close()
        grey = Image.open(out).convert("L")
        hist = grey.histogram()
        return sum(hist[:200]) / max(1, sum(hist))

    def close(self) -> None:
        self._browser.close()
        self._pw.stop()


def office_pdf(workbook: Path, outdir: Path) -> Path:
    """The workbook printed to PDF by LibreOffice (its print setup decides the pages)."""
    soffice = require("soffice")
    subprocess.run([soffice, f"-env:UserInstallation={_profile(outdir / 'lo-profile')}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(outdir), str(workbook)], check=True, capture_output=True, timeout=120)
    pdf = outdir / (Path(workbook).stem + ".pdf")
    assert pdf.is_file(), f"LibreOffice wrote no PDF for {workbook}"
    return pdf


_RECALC = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>de-DE</value></prop></item>
</oor:items>
"""  # noqa: E501 (the registry XML as LibreOffice writes it)


def _profile(folder: Path) -> str:
    """A LibreOffice user profile that recalculates every formula on load and formats as in Germany."""
    (folder / "user").mkdir(parents=True, exist_ok=True)
    (folder / "user" / "registrymodifications.xcu").write_text(_RECALC, encoding="utf-8")
    return folder.resolve().as_uri()


def office_recalculated(workbook: Path, outdir: Path) -> Path:
    """The workbook opened by LibreOffice with 'always recalculate on load' and saved again as .xlsx:
    every formula's cached value is then LibreOffice's own result, not the one amip wrote."""
    soffice = require("soffice")
    target = outdir / "recalculated"
    target.mkdir(exist_ok=True)
    subprocess.run([soffice, f"-env:UserInstallation={_profile(outdir / 'lo-profile')}", "--headless", "--convert-to",
                    "xlsx:Calc MS Excel 2007 XML", "--outdir", str(target), str(workbook)], check=True,
                   capture_output=True, timeout=120)
    out = target / (Path(workbook).stem + ".xlsx")
    assert out.is_file(), f"LibreOffice wrote no recalculated copy of {workbook}"
    return out


def pdf_pages(pdf: Path) -> int:
    out = subprocess.run([require("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def pdf_text(pdf: Path, page: int) -> str:
    return subprocess.run([require("pdftotext"), "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout


def ink_share(pdf: Path, page: int, dpi: int = 30) -> float:
    """Share of the page's pixels that are not white, from pdftoppm's grey PGM raster."""
    raw = subprocess.run([require("pdftoppm"), "-f", str(page), "-l", str(page), "-r", str(dpi), "-gray", str(pdf)],
                         check=True, capture_output=True).stdout
    # P5 header: magic, width, height, maxval, each separated by whitespace, then the raw bytes
    fields, pos = [], 0
    while len(fields) < 4:
        while raw[pos:pos + 1].isspace():
            pos += 1
        start = pos
        while not raw[pos:pos + 1].isspace():
            pos += 1
        fields.append(raw[start:pos])
    assert fields[0] == b"P5", "pdftoppm -gray did not give a PGM raster"
    width, height = int(fields[1]), int(fields[2])
    pixels = raw[pos + 1: pos + 1 + width * height]
    return sum(1 for p in pixels if p < 200) / max(1, len(pixels))


def write_png(pdf: Path, page: int, out_stem: Path, dpi: int = 80) -> Path:
    """A PNG of one page, for a person to look at (docs/ or a failing test's folder)."""
    subprocess.run([require("pdftoppm"), "-f", str(page), "-l", str(page), "-r", str(dpi), "-png", "-singlefile",
                    str(pdf), str(out_stem)], check=True, capture_output=True)
    return out_stem.with_suffix(".png")


@dataclass(frozen=True)
class PrintedPage:
    """One page of a PDF: its number, the sheet its footer names ('Blatt Zuteilung · Seite …') and the height
    of each word's box in points (pdftotext -bbox: the font size times the font's ascent plus descent)."""

    number: int
    sheet: str
    words: tuple[tuple[float, str], ...]


def printed_pages(pdf: Path) -> list[PrintedPage]:
    import re

    out = subprocess.run([require("pdftotext"), "-bbox", str(pdf), "-"], check=True, capture_output=True,
                         text=True).stdout
    pages = []
    for k, body in enumerate(out.split("<page ")[1:], start=1):
        words = tuple((float(y1) - float(y0), text) for y0, y1, text in
                      re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', body))
        footer = " ".join(t for _, t in words)
        sheet = footer.rsplit("Blatt ", 1)[-1].split(" · Seite")[0] if "Blatt " in footer else "?"
        pages.append(PrintedPage(k, sheet, words))
    return pages


def office_text_height(outdir: Path, points: float = 8.0) -> float:
    """The word-box height LibreOffice prints for text of ``points`` pt at 100 % (a control workbook), the
    yardstick for 'no printed row under 8 pt': same program, same fonts, same measure."""
    import xlsxwriter

    control = outdir / f"control-{points:g}pt.xlsx"
    wb = xlsxwriter.Workbook(str(control))
    wb.add_worksheet().write_string(0, 0, "Eintritte Maßnahme 1.234,5 €", wb.add_format({"font_size": points}))
    wb.close()
    heights = [h for page in printed_pages(office_pdf(control, outdir)) for h, _ in page.words]
    assert heights, "LibreOffice printed no text for the control workbook"
    return min(heights)
