"""The verification report as PDF, through Qt: QTextDocument laid out on A4, painted page by page.

Each page gets a running header (the report title and the date) and a footer (organisation,
"page N of M"), drawn with QPainter around the page's slice of the document
(`QTextDocument.drawContents` with that page's rectangle). The HTML is the Qt flavour of
`workbench.reports.html`; the sourcing chart is drawn with QPainter into an image resource.

Needs a QGuiApplication (fonts): `ensure_gui_app()` makes an offscreen one for the CLI.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from ui.export.chart_paint import chart_image
from ui.export.output import check_writable, write_atomically
from ui.export.pagination import paginate
from workbench.progress import NO_STEPS, Steps
from workbench.reports.chart import sourcing_chart
from workbench.reports.data import ReportData
from workbench.reports.html import render_html
from workbench.reports.sourcing import summarise

RESOLUTION = 300  # dots per inch of the PDF's coordinate system
MARGIN_MM = (18.0, 24.0, 18.0, 20.0)  # left, top (room for the header), right, bottom (footer)
HEADER_GAP_MM = 6.0  # from the header line down to the text
INK = QColor("#1d1d1f")
MUTED = QColor("#666666")
ACCENT = QColor("#b3261e")


def ensure_gui_app() -> QGuiApplication:
    """The running Qt application, or a new offscreen one when there is none (CLI use)."""
    app = QGuiApplication.instance()
    if app is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        # A QApplication (not only a QGuiApplication), so the same process can still open windows.
        from PySide6.QtWidgets import QApplication

        app = QApplication(["workbench"])
    return app  # type: ignore[return-value]


def _mm(mm: float) -> float:
    return mm / 25.4 * RESOLUTION


def write_pdf(data: ReportData, path: str | Path, steps: Steps = NO_STEPS) -> int:
    """Write the report to `path` as an A4 PDF, whole or not at all. Returns the number of pages.

    QPdfWriter paints into memory; the PDF is checked (it ends with the `%%EOF` trailer and holds
    as many pages as were painted), then written to a new file beside `path` that replaces it
    once it is on disk whole (`ui.export.output.write_atomically`). `steps` hears of each
    layout pass and page painted; when it cancels (Cancelled), nothing is written.

    Runs on any thread (QTextDocument, QPdfWriter and QImage do not need the GUI thread): the
    window's export runs it on a worker.

    Raises:
        OSError: the file cannot be written (the message names it); `path` is left as it was.
    """
    path = Path(path)
    # Checked first: QPdfWriter on a missing folder only prints "QPainter::begin(): Returned false".
    check_writable(path)
    ensure_gui_app()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pages = _paint(data, QPdfWriter(buffer), path, steps)
    content = bytes(buffer.data())
    _check_pdf(content, pages, path)
    steps.step(pages, pages, f"writing {path.name}")  # the last moment to stop: nothing written
    write_atomically(path, content)
    return pages


def _paint(data: ReportData, writer: QPdfWriter, path: Path, steps: Steps = NO_STEPS) -> int:
    """Lay the report out on A4 pages and paint them; the PDF is complete when this returns."""
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)
        )
    )
    writer.setTitle(data.title)
    writer.setCreator("claim-workbench")
    page = QRectF(0, 0, writer.width(), writer.height())
    left, top, right, bottom = (_mm(m) for m in MARGIN_MM)
    body = QRectF(
        left,
        top + _mm(HEADER_GAP_MM),
        page.width() - left - right,
        page.height() - top - bottom - _mm(HEADER_GAP_MM),
    )

    images = _chart_images(data, int(body.width()))
    html = render_html(data, flavour="qt", chart_src=lambda article_id: images[article_id][1:])

    def laid_out(html: str) -> QTextDocument:
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(writer)
        doc.setDocumentMargin(0)
        font = QFont("DejaVu Serif")
        font.setPointSizeF(10)
        doc.setDefaultFont(font)
        for image, name, _, _ in images.values():
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
        doc.setHtml(html)
        doc.setPageSize(QSizeF(body.width(), body.height()))
        return doc

    # no table row cut in two, no heading left behind
    doc = paginate(laid_out, html, body.height(), steps)
    pages = doc.pageCount()

    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write {path}: Qt could not start the PDF")
    try:
        for index in range(pages):
            steps.step(index, pages, f"page {index + 1} of {pages}")
            if index:
                writer.newPage()
            painter.save()
            painter.translate(body.left(), body.top() - index * body.height())
            doc.drawContents(painter, QRectF(0, index * body.height(), body.width(), body.height()))
            painter.restore()
            _furniture(painter, writer, page, data, index + 1, pages, (left, top, right, bottom))
    finally:
        ended = painter.end()  # writes the cross-reference table and the trailer
    if not ended:
        raise OSError(f"cannot write {path}: Qt could not finish the PDF")
    return pages


PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
PAGE_COUNT = re.compile(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", re.DOTALL)


def _check_pdf(content: bytes, pages: int, path: Path) -> None:
    """`content` is a whole PDF with `pages` pages, or OSError naming the file."""
    if not content.startswith(b"%PDF-") or b"%%EOF" not in content[-64:]:
        raise OSError(f"cannot write {path}: the PDF is incomplete ({len(content)} bytes, no trailer)")
    counted = len(PAGE_OBJECT.findall(content))
    declared = [int(n) for n in PAGE_COUNT.findall(content)]
    if counted != pages or declared != [pages]:
        raise OSError(f"cannot write {path}: the PDF holds {counted} of its {pages} pages")


def _chart_images(data: ReportData, width: int) -> dict[int, tuple[QImage, str, int, int]]:
    """Each article's chart at full resolution, with the resource name and the size the document
    shows it at (its physical size).

    Qt's rich text scales image sizes by the device's DPI over 96, so the <img> size is given
    in 96-DPI units while the image itself keeps every device pixel.
    """
    scale = RESOLUTION / 96 * 0.85  # the chart's 11 px labels come out at about 7 pt
    charts = {}
    ratio = 96 / RESOLUTION
    for report in data.articles:
        image = chart_image(sourcing_chart(summarise(report)), min(width, int(_mm(150))), scale)
        name = f"chart://article/{report.article.id}"
        charts[report.article.id] = (image, name, round(image.width() * ratio), round(image.height() * ratio))
    return charts


def _furniture(
    p: QPainter,
    device: QPdfWriter,
    page: QRectF,
    data: ReportData,
    number: int,
    pages: int,
    margins: tuple[float, ...],
) -> None:
    """The running header and footer of one page."""
    left, top, right, bottom = margins
    width = page.width() - left - right
    small = QFont("DejaVu Sans")
    small.setPointSizeF(7.5)
    bold = QFont(small)
    bold.setBold(True)
    fm = QFontMetricsF(small, device)  # metrics at the PDF's resolution, not the screen's
    line_h = fm.height()
    date = data.generated_at[:10]
    header_y = top - line_h - _mm(2)
    p.save()
    p.setFont(bold)
    p.setPen(ACCENT)
    kicker = "VERIFICATION REPORT"
    kicker_w = QFontMetricsF(bold, device).horizontalAdvance(kicker) + _mm(3)
    p.drawText(
        QRectF(left, header_y, kicker_w, line_h),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        kicker,
    )
    p.setFont(small)
    p.setPen(INK)
    date_w = fm.horizontalAdvance(date) + _mm(2)
    title = fm.elidedText(data.title, Qt.TextElideMode.ElideRight, width - kicker_w - date_w - _mm(4))
    p.drawText(
        QRectF(left + kicker_w, header_y, width - kicker_w - date_w, line_h),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        title,
    )
    p.drawText(
        QRectF(left + width - date_w, header_y, date_w, line_h),
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        date,
    )
    p.setPen(QPen(INK, _mm(0.25)))
    p.drawLine(int(left), int(top - _mm(1)), int(left + width), int(top - _mm(1)))
    footer_y = page.height() - bottom + _mm(5)
    p.setPen(QPen(QColor("#bbbbbb"), _mm(0.2)))
    p.drawLine(int(left), int(footer_y - _mm(1.5)), int(left + width), int(footer_y - _mm(1.5)))
    p.setPen(MUTED)
    who = " · ".join(
        x for x in (data.organisation, f"prepared by {data.generated_by}" if data.generated_by else "") if x
    )
    p.drawText(
        QRectF(left, footer_y, width * 0.7, line_h),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        fm.elidedText(who, Qt.TextElideMode.ElideRight, width * 0.7),
    )
    p.drawText(
        QRectF(left, footer_y, width, line_h),
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        f"Page {number} of {pages}",
    )
    p.restore()
