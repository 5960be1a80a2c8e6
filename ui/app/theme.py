"""Light and dark palettes: the window follows the system's colour scheme, or one chosen.

`apply_theme(app, Theme.SYSTEM)` keeps the platform's palette where it already matches the
system's scheme (a desktop with a dark theme usually hands Qt a dark palette) and supplies a dark
Fusion palette where the platform says "dark" but gives a light palette; it follows a change of
scheme while the window is open. `Theme.LIGHT` / `Theme.DARK` force one (`workbench open --theme`,
screenshots). Selection colours are chosen so the selected text reads (WCAG AA, 4.5:1); the
highlight colours of claims are checked against both palettes in tests/test_gui_accessibility.py.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from ui.app.palette import contrast_ratio, ensure_contrast, is_dark


class Theme(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


Role = QPalette.ColorRole
Group = QPalette.ColorGroup

_DARK = {
    Role.Window: "#2b2d30",
    Role.WindowText: "#e6e6e6",
    Role.Base: "#1f2023",
    Role.AlternateBase: "#27292d",
    Role.ToolTipBase: "#3a3d42",
    Role.ToolTipText: "#f0f0f0",
    Role.PlaceholderText: "#9a9ea6",
    Role.Text: "#e6e6e6",
    Role.Button: "#33363a",
    Role.ButtonText: "#e6e6e6",
    Role.BrightText: "#ff6b6b",
    Role.Light: "#45484d",
    Role.Midlight: "#3a3d42",
    Role.Mid: "#2e3034",
    Role.Dark: "#191a1c",
    Role.Shadow: "#0c0c0d",
    Role.Highlight: "#2f65a8",  # white on it: 5.9:1
    Role.HighlightedText: "#ffffff",
    Role.Link: "#7ab4ff",
    Role.LinkVisited: "#c4a0ff",
}
_DARK_DISABLED = {
    Role.WindowText: "#7c8087",
    Role.Text: "#7c8087",
    Role.ButtonText: "#7c8087",
    Role.Highlight: "#3d4148",
    Role.HighlightedText: "#b0b0b0",
}
LIGHT_HIGHLIGHT = "#2a6bb0"  # Fusion's #308cc6 gives white text 3.6:1; this gives 5.6:1


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    for role, colour in _DARK_DISABLED.items():
        palette.setColor(Group.Disabled, role, QColor(colour))
    return palette


def light_palette() -> QPalette:
    style = QStyleFactory.create("Fusion")
    palette = QPalette(style.standardPalette())
    for group in (Group.Active, Group.Inactive):
        palette.setColor(group, Role.Highlight, QColor(LIGHT_HIGHLIGHT))
        palette.setColor(group, Role.HighlightedText, QColor("#ffffff"))
    return palette


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark


_state: dict[str, object] = {"theme": Theme.SYSTEM, "darkened": False, "following": False}


def apply_theme(app: QApplication, theme: Theme = Theme.SYSTEM) -> None:
    """Set the palette for `theme`; with SYSTEM, follow the system's scheme from now on."""
    _state["theme"] = theme
    if theme is not Theme.SYSTEM:  # forced: Fusion draws with the palette's colours only
        app.setStyle("Fusion")
        app.setPalette(dark_palette() if theme is Theme.DARK else light_palette())
        return
    follow_system(app)
    if not _state["following"]:
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: follow_system(app))
        _state["following"] = True


def follow_system(app: QApplication) -> None:
    """A dark palette where the system is dark and the platform's palette is not (and back)."""
    if _state["theme"] is not Theme.SYSTEM:
        return
    if system_is_dark() and not is_dark(app.palette()):
        app.setStyle("Fusion")  # the platform's style may draw with its own light colours
        app.setPalette(dark_palette())
        _state["darkened"] = True
    elif not system_is_dark() and _state["darkened"]:
        app.setPalette(light_palette())
        _state["darkened"] = False
    readable_selection(app)


def readable_selection(app: QApplication) -> None:
    """Darken (lighten) the platform's selection colour until selected text reads at 4.5:1."""
    palette = QPalette(app.palette())
    changed = False
    for group in (Group.Active, Group.Inactive):
        highlight, text = palette.color(group, Role.Highlight), palette.color(group, Role.HighlightedText)
        if contrast_ratio(highlight, text) < 4.5:
            palette.setColor(group, Role.Highlight, ensure_contrast(highlight, text, 4.5))
            changed = True
    if changed:
        app.setPalette(palette)
