"""Accessible and comfortable (issue 16 item 7): every control has an accessible name, F6 and
Shift+F6 move between the panes, the dark palette is used when asked for, and the highlight
colours of source kinds and statuses keep WCAG contrast on light and dark palettes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScrollBar, QWidget
from test_gui_helpers import settings

from db.flows.importing import propose_claims
from ui.app.main_window import MainWindow
from ui.app.palette import (
    KIND_HUES,
    STATUS_HUES,
    contrast_ratio,
    highlight_colour,
    is_dark,
    status_colour,
    underline_colour,
)
from ui.app.theme import Theme, apply_theme, dark_palette, light_palette

Role = QPalette.ColorRole


@pytest.fixture
def window(qtbot, seed_ws, tmp_path):
    propose_claims(seed_ws, 1)
    win = MainWindow(seed_ws, settings(tmp_path))
    qtbot.addWidget(win)
    win.resize_default(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    win.claims.select_row(0)
    return win


def unnamed_controls(win) -> list[str]:
    """Visible widgets that take the focus but have no accessible name, as a screen reader sees it."""
    missing = []
    for widget in win.findChildren(QWidget):
        if not widget.isVisible() or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if isinstance(widget, QScrollBar):
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name) if interface is not None else ""
        if not name.strip():
            missing.append(f"{type(widget).__name__} in {type(widget.parentWidget()).__name__}")
    return missing


@pytest.mark.parametrize("layout", ["side", "stacked"])
def test_every_control_has_an_accessible_name(window, layout):
    from ui.app.settings import LayoutChoice

    window.window_layout.set_choice(LayoutChoice(layout))
    checked = 0
    for i in range(window.detail.count()):  # every tab's controls, each tab shown in turn
        window.detail.setCurrentIndex(i)
        QApplication.processEvents()
        assert unnamed_controls(window) == [], window.detail.tabText(i)
        checked += 1
    assert checked >= 5
    # the names a screen reader says for the panes and the boxes are what they are, not their text
    assert window.claims.table.accessibleName() == "Claims table"
    assert window.claims.status.accessibleName() == "Filter by status"
    assert window.article_view.text.accessibleName() == "Article text"


def test_f6_and_shift_f6_move_between_the_panes(window):
    order = [
        window.article_list.view,
        window.article_view.text,
        window.claims.table,
        window.detail.tabBar(),
    ]
    window.article_list.view.setFocus()
    QApplication.processEvents()
    seen = []
    for _ in range(len(order)):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
        seen.append(QApplication.focusWidget())
    assert seen == [*order[1:], order[0]]  # and round again
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is order[-1]
    window.claims.filter_box.setFocus()  # from inside a pane (its filter box), the next pane
    QTest.keyClick(window.claims.filter_box, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is order[3]
    assert window.statusBar().currentMessage() == "Claim details tabs"


@pytest.mark.parametrize("palette", [light_palette(), dark_palette()], ids=["light", "dark"])
def test_highlight_colours_keep_their_contrast(palette):
    """WCAG 2: text on a claim's highlight at least 4.5:1 (AA), an underline or a status dot
    against the page at least 3:1 (non-text contrast), selected text at least 4.5:1."""
    text, base = palette.color(Role.Text), palette.color(Role.Base)
    for kind in KIND_HUES:
        for strong in (False, True):
            background = highlight_colour(kind, strong=strong, palette=palette)
            assert contrast_ratio(text, background) >= 4.5, (kind, strong, background.name())
            assert contrast_ratio(underline_colour(kind, palette), background) >= 3.0, (kind, strong)
    for status in STATUS_HUES:
        assert contrast_ratio(status_colour(status, palette), base) >= 3.0, status
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        selected = palette.color(group, Role.Highlight), palette.color(group, Role.HighlightedText)
        assert contrast_ratio(*selected) >= 4.5
    assert contrast_ratio(palette.color(Role.WindowText), palette.color(Role.Window)) >= 7.0


def test_contrast_ratio_is_wcags():
    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio(QColor("#ffffff"), QColor("#ffffff")) == pytest.approx(1.0)


def test_dark_theme_reaches_the_window(window, qtbot):
    app = QApplication.instance()
    before = QPalette(app.palette())
    try:
        apply_theme(app, Theme.DARK)
        QApplication.processEvents()
        assert is_dark(window.article_view.text.palette())
        # the article's highlights are painted again on the dark page, readable
        selections = window.article_view.text.extraSelections()
        assert selections
        text = window.article_view.text.palette().color(Role.Text)
        for selection in selections:
            background = selection.format.background().color()
            if selection.format.background().style() != Qt.BrushStyle.NoBrush:
                assert contrast_ratio(text, background) >= 4.5, background.name()
    finally:
        apply_theme(app, Theme.LIGHT)
        app.setPalette(before)


def test_every_dialog_control_has_an_accessible_name(window, qtbot):
    from ui.app.article_meta import ArticleMetaDialog
    from ui.app.dialogs import NoteDialog, PreferencesDialog, ShortcutsDialog
    from ui.app.panels.export_dialog import ExportDialog
    from ui.app.panels.source_picker import NewSourceDialog

    dialogs = [
        NoteDialog(evidence=True, parent=window),
        NoteDialog(parent=window),
        PreferencesDialog.for_settings(window.settings, "Ana", window),
        ShortcutsDialog(window),
        NewSourceDialog("a top Iraqi official", window),
        ArticleMetaDialog(window.ws.articles.get(1), window),
        ExportDialog(window),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        assert unnamed_controls(dialog) == [], type(dialog).__name__
        dialog.close()
