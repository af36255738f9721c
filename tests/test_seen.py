"""What a person sees: the sensitivity report in headless Chromium and the plan workbook printed by
LibreOffice. The checks read the rendered pages (layout, pixels, text), not the files' bytes."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from amip.cli import main
from tests.seen import Browser, ink_share, office_pdf, pdf_pages, pdf_text


def _run(*args: str) -> None:
    r = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert r.exit_code == 0, r.output


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    d = tmp_path_factory.mktemp("seen")
    _run("sensitivity", "--html", str(d / "s.html"), "--draws", "60", "--points", "21", "--quiet")
    _run("optimize", "--output", str(d / "plan.xlsx"))
    return d


@pytest.fixture(scope="module")
def browser():
    b = Browser()
    yield b
    b.close()


@pytest.mark.parametrize("width", [1000, 1280])
def test_the_sensitivity_report_fits_the_browser_window(outputs, browser, width):
    page = browser.page(outputs / "s.html", width)
    assert page.scroll_width <= page.viewport_width, f"wider than the window: {page.overflowing}"
    assert "Sensitivitätsbericht" in page.text and "Budgetkurve" in page.text
    assert "Integrationen" in page.text and "€" in page.text


def test_the_sensitivity_report_prints_with_ink_on_every_page(outputs, browser):
    pdf = browser.pdf(outputs / "s.html", outputs / "s.pdf")
    pages = pdf_pages(pdf)
    assert pages >= 1
    for p in range(1, pages + 1):
        assert ink_share(pdf, p) > 0.005, f"page {p} of the printed report is blank"


def test_libreoffice_prints_the_plan_workbook(outputs):
    pdf = office_pdf(outputs / "plan.xlsx", outputs)
    assert pdf_pages(pdf) >= 1
    assert ink_share(pdf, 1) > 0.01, "the first printed page of the plan is blank"
    assert "Maßnahme-ID" in pdf_text(pdf, 1)
