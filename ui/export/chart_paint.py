"""Drawing the sourcing chart (`workbench.reports.chart.SourcingChart`) with QPainter.

Used by the sourcing panel (on screen) and the PDF report (into an image). Sizes are in the
painter's logical pixels; `scale` enlarges fonts and strokes for high-resolution output.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter

from workbench.reports.chart import SourcingChart

BAR_H = 18.0
GAP = 6.0
STRIP_H = 18.0
LABEL_W = 130.0
VALUE_W = 70.0
TRACK = QColor("#f0f0f0")
INK = QColor("#1d1d1f")


def chart_height(chart: SourcingChart, width: float, scale: float = 1.0) -> float:
    """The height `paint_chart` needs at `width` (the legend wraps)."""
    return _layout(chart, width / scale, None) * scale


def paint_chart(painter: QPainter, rect: QRectF, chart: SourcingChart, scale: float = 1.0) -> None:
    """Draw the bars and the text strip inside `rect`."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.translate(rect.topLeft())
    painter.scale(scale, scale)
    _layout(chart, rect.width() / scale, painter)
    painter.restore()


def chart_image(chart: SourcingChart, width_px: int, scale: float) -> QImage:
    """The chart on a white image `width_px` wide (for documents)."""
    height = int(chart_height(chart, width_px, scale)) + 2
    image = QImage(width_px, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        paint_chart(painter, QRectF(0, 0, width_px, height), chart, scale)
    finally:
        painter.end()
    return image


def _layout(chart: SourcingChart, width: float, p: QPainter | None) -> float:
    """Lay the chart out at `width`; paint it when `p` is given. Returns the height used."""
    font = QFont("DejaVu Sans")
    font.setPixelSize(11)
    bold = QFont(font)
    bold.setBold(True)
    fm = QFontMetricsF(font)
    if p is not None:
        p.setFont(bold)
        p.setPen(INK)
        p.drawText(
            QRectF(0, 0, width, 16), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, chart.title
        )
    y = 20.0
    plot_w = max(40.0, width - LABEL_W - VALUE_W)
    most = max((b.value for b in chart.bars), default=0) or 1
    for bar in chart.bars:
        if p is not None:
            p.setFont(font)
            p.setPen(INK)
            p.drawText(
                QRectF(0, y, LABEL_W - 8, BAR_H),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                bar.label,
            )
            p.fillRect(QRectF(LABEL_W, y, plot_w, BAR_H), TRACK)
            w = plot_w * bar.value / most
            p.fillRect(QRectF(LABEL_W, y, w, BAR_H), QColor(bar.color))
            value = f"{bar.value}" + (f" · {bar.note}" if bar.note and bar.value else "")
            p.drawText(
                QRectF(LABEL_W + w + 5, y, VALUE_W + plot_w - w, BAR_H),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                value,
            )
        y += BAR_H + GAP
    y += 8
    if p is not None:
        p.setFont(bold)
        p.setPen(INK)
        p.drawText(
            QRectF(0, y, width, 16),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            chart.strip_title,
        )
    y += 20
    x = 0.0
    for bar in chart.strip:
        w = width * bar.value / chart.strip_total if chart.strip_total else 0
        if p is not None:
            p.fillRect(QRectF(x, y, w, STRIP_H), QColor(bar.color))
        x += w
    y += STRIP_H + 6
    lx = 0.0
    for bar in chart.strip:
        label = f"{bar.label} {bar.note}"
        need = 14 + fm.horizontalAdvance(label) + 16
        if lx and lx + need > width:
            lx = 0.0
            y += 16
        if p is not None:
            p.fillRect(QRectF(lx, y + 3, 10, 10), QColor(bar.color))
            p.setFont(font)
            p.setPen(INK)
            p.drawText(
                QRectF(lx + 14, y, need, 16),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
        lx += need
    return y + 18
