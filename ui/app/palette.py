"""Colours for attribution kinds and statuses that read on light and dark palettes.

Highlights are the kind's hue blended into the current base colour, so the text keeps the
palette's own foreground colour and contrast in both light and dark themes.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from workbench.model import SourceKind, Status

KIND_HUES: dict[str, QColor] = {
    SourceKind.NAMED.value: QColor(46, 125, 230),  # blue
    SourceKind.ANONYMOUS.value: QColor(232, 140, 20),  # amber
    SourceKind.INSTITUTION.value: QColor(40, 170, 100),  # green
    SourceKind.DOCUMENT.value: QColor(150, 90, 210),  # violet
    SourceKind.AGENCY.value: QColor(128, 128, 128),  # grey: the publication's own voice
}
KIND_LABELS: dict[str, str] = {
    SourceKind.NAMED.value: "Named person",
    SourceKind.ANONYMOUS.value: "Anonymous",
    SourceKind.INSTITUTION.value: "Institution",
    SourceKind.DOCUMENT.value: "Document",
    SourceKind.AGENCY.value: "Agency (own voice)",
}
STATUS_HUES: dict[str, QColor] = {
    Status.UNCHECKED.value: QColor(140, 140, 140),
    Status.IN_PROGRESS.value: QColor(40, 130, 230),
    Status.VERIFIED.value: QColor(30, 160, 70),
    Status.FALSE.value: QColor(215, 50, 50),
    Status.MISLEADING.value: QColor(225, 130, 20),
    Status.UNVERIFIABLE.value: QColor(130, 90, 190),
}


def _palette() -> QPalette:
    app = QApplication.instance()
    return app.palette() if app is not None else QPalette()


def is_dark(palette: QPalette | None = None) -> bool:
    p = palette or _palette()
    return p.color(QPalette.ColorRole.Base).lightness() < 128


def blend(a: QColor, b: QColor, amount: float) -> QColor:
    """`amount` of `a` mixed into `b`."""
    return QColor(
        round(a.red() * amount + b.red() * (1 - amount)),
        round(a.green() * amount + b.green() * (1 - amount)),
        round(a.blue() * amount + b.blue() * (1 - amount)),
    )


def highlight_colour(kind: str, *, strong: bool = False, palette: QPalette | None = None) -> QColor:
    """Background for a claim span of an attribution kind on the current base colour."""
    p = palette or _palette()
    base = p.color(QPalette.ColorRole.Base)
    hue = KIND_HUES.get(kind, KIND_HUES[SourceKind.AGENCY.value])
    amount = (0.45 if strong else 0.28) if is_dark(p) else (0.42 if strong else 0.22)
    return blend(hue, base, amount)


def underline_colour(kind: str, palette: QPalette | None = None) -> QColor:
    p = palette or _palette()
    hue = KIND_HUES.get(kind, KIND_HUES[SourceKind.AGENCY.value])
    return hue.lighter(135) if is_dark(p) else hue.darker(120)


def status_colour(status: str, palette: QPalette | None = None) -> QColor:
    hue = STATUS_HUES.get(status, STATUS_HUES[Status.UNCHECKED.value])
    return hue.lighter(130) if is_dark(palette or _palette()) else hue
