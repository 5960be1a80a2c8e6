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
    """The underline of a source phrase: the kind's hue, 3:1 against the claim's highlight."""
    p = palette or _palette()
    hue = KIND_HUES.get(kind, KIND_HUES[SourceKind.AGENCY.value])
    start = hue.lighter(135) if is_dark(p) else hue.darker(120)
    return ensure_contrast(start, highlight_colour(kind, strong=True, palette=p), 3.0)


def status_colour(status: str, palette: QPalette | None = None) -> QColor:
    """A status's dot: its hue, 3:1 against the page (WCAG non-text contrast)."""
    p = palette or _palette()
    hue = STATUS_HUES.get(status, STATUS_HUES[Status.UNCHECKED.value])
    start = hue.lighter(130) if is_dark(p) else hue
    return ensure_contrast(start, p.color(QPalette.ColorRole.Base), 3.0)


def readable(colour: QColor | str, palette: QPalette | None = None, ratio: float = 4.5) -> QColor:
    """A coloured text (red for a conflict, green for approved) made readable on the page of
    the current palette: lightened on a dark page, darkened on a light one, hue kept."""
    p = palette or _palette()
    return ensure_contrast(QColor(colour), p.color(QPalette.ColorRole.Base), ratio)


def on_page(light_background: QColor | str, palette: QPalette | None = None) -> QColor:
    """A pale background colour (a highlighted passage) as it should be on the current page:
    itself on a light palette, a dark tint of it on a dark one, where the text is light."""
    p = palette or _palette()
    colour = QColor(light_background)
    return blend(colour, p.color(QPalette.ColorRole.Base), 0.30) if is_dark(p) else colour


def ensure_contrast(colour: QColor, background: QColor, ratio: float) -> QColor:
    """`colour`, darkened (on a light background) or lightened (on a dark one) until it has
    `ratio` contrast against `background`."""
    out = QColor(colour)
    towards_white = relative_luminance(background) < 0.18
    for _ in range(40):
        if contrast_ratio(out, background) >= ratio:
            return out
        out = blend(QColor(255, 255, 255) if towards_white else QColor(0, 0, 0), out, 0.08)
    return out


def relative_luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance of an sRGB colour (0 black … 1 white)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green()) + 0.0722 * channel(colour.blue())


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio (1 … 21): at least 4.5 for text (AA), 3 for lines and symbols."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
