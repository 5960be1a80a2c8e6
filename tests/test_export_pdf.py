"""The PDF report: A4 pages with a header (title, date) and "Page N of M" on each, rendered by poppler."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest
from report_seed import seed_claims

from db.queries.report_data import load_report_data
from ui.export.pdf import write_pdf

needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("pdftotext") and shutil.which("pdfinfo")),
    reason="poppler-utils (pdftoppm, pdftotext, pdfinfo) is not installed",
)


@pytest.fixture
def pdf(tmp_path, seed_ws, qapp):
    seeded = seed_claims(seed_ws)
    data = load_report_data(
        seed_ws, seeded.article_id, organisation="Desk Checks", generated_at="2020-10-01T09:00:00+00:00"
    )
    path = tmp_path / "report.pdf"
    pages = write_pdf(data, path)
    return path, pages, data


def test_pdf_is_written(pdf):
    path, pages, _ = pdf
    assert path.read_bytes().startswith(b"%PDF")
    assert pages >= 2


@needs_poppler
def test_pdf_pages_have_header_and_page_numbers(pdf):
    path, pages, data = pdf
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert f"Pages:          {pages}" in info.replace("Pages:           ", "Pages:          ")
    assert "595 x 842 pts (A4)" in info
    title_start = data.title[:30]
    for page in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(path), "-"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        assert f"Page {page} of {pages}" in text
        assert "2020-10-01" in text
        assert title_start in text
    everything = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    everything = unicodedata.normalize("NFKC", everything)  # Qt sets "ff", "fi" as ligatures
    for expected in (
        "Needs attention",
        "Anonymous sources",
        "Claims",
        "State Department readout",
        "Signed off by desk",
    ):
        assert expected in everything


@needs_poppler
def test_pdf_renders_to_png(pdf, tmp_path):
    from PySide6.QtGui import QImage

    path, pages, _ = pdf
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(path), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == pages
    first = QImage(str(images[0]))
    assert first.width() > 0 and first.height() > first.width()  # portrait
    # the page is not blank: count dark pixels on a grid
    dark = sum(
        1
        for x in range(0, first.width(), 3)
        for y in range(0, first.height(), 3)
        if first.pixelColor(x, y).lightness() < 128
    )
    assert dark > 200
