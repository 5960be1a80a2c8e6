"""The window's layout (issue 16 item 1): side by side when wide, stacked when narrow or chosen,
sizes remembered per layout, the article in a readable measure, its zoom remembered, and no
sideways scrolling in the claims table or the Matches tab at the default pane widths."""

from __future__ import annotations

import statistics

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from test_gui_helpers import settings

from db.flows.importing import propose_claims
from ui.app.main_window import MainWindow
from ui.app.panels.claim_columns import COLUMNS, Col
from ui.app.settings import LayoutChoice
from ui.app.window_layout import SIDE_MIN_WIDTH, Arrangement


def open_window(qtbot, ws, prefs, size):
    win = MainWindow(ws, prefs)
    qtbot.addWidget(win)
    win.resize_default(*size)
    win.show()
    qtbot.waitExposed(win)
    QApplication.processEvents()
    return win


def line_lengths(view) -> list[int]:
    """Characters on each wrapped line of the article that is not the last of its paragraph."""
    QApplication.processEvents()
    lengths = []
    block = view.document().begin()
    while block.isValid():
        layout = block.layout()
        for i in range(layout.lineCount() - 1):  # a paragraph's last line is short by nature
            lengths.append(layout.lineAt(i).textLength())
        block = block.next()
    return lengths


@pytest.mark.parametrize("size", [(1366, 768), (1400, 900), (1920, 1080)])
def test_side_by_side_when_wide_with_a_readable_measure(qtbot, seed_ws, tmp_path, size):
    win = open_window(qtbot, seed_ws, settings(tmp_path), size)
    assert win.window_layout.arrangement is Arrangement.SIDE
    assert [win.splitter.widget(i) for i in range(3)] == [win.article_list, win.article_view, win.column]
    assert [win.column.widget(i) for i in range(2)] == [win.claims, win.detail]
    lengths = line_lengths(win.article_view.text)
    assert len(lengths) > 20
    assert 65 <= statistics.median(lengths) <= 90, statistics.median(lengths)
    assert max(lengths) <= 95


def test_stacked_when_narrow_and_the_measure_capped_when_wide(qtbot, seed_ws, tmp_path):
    win = open_window(qtbot, seed_ws, settings(tmp_path), (SIDE_MIN_WIDTH - 100, 800))
    assert win.window_layout.arrangement is Arrangement.STACKED
    assert [win.column.widget(i) for i in range(2)] == [win.article_view, win.claims]
    assert win.splitter.widget(2) is win.detail
    # widened past the threshold, Automatic goes side by side; stacked by choice stays stacked
    win.resize(1500, 900)
    QApplication.processEvents()
    assert win.window_layout.arrangement is Arrangement.SIDE
    win.window_layout.set_choice(LayoutChoice.STACKED)
    win.resize(1900, 1000)
    win.splitter.setSizes([200, 1400, 300])  # a very wide article pane
    QApplication.processEvents()
    assert win.window_layout.arrangement is Arrangement.STACKED
    assert max(line_lengths(win.article_view.text)) <= 92  # margins keep lines short
    assert win.article_view.text.viewportMargins().left() > 100


def test_layout_choice_and_sizes_per_layout_are_remembered(qtbot, seed_ws, tmp_path):
    prefs = settings(tmp_path)
    win = open_window(qtbot, seed_ws, prefs, (1400, 900))
    menu_actions = win.view_keys.layout_actions
    assert menu_actions[LayoutChoice.AUTO].isChecked()
    win.splitter.setSizes([220, 600, 580])  # the person moves the side-by-side splitters
    side_sizes = win.splitter.sizes()
    menu_actions[LayoutChoice.STACKED].trigger()
    assert win.window_layout.arrangement is Arrangement.STACKED
    assert prefs.layout_choice is LayoutChoice.STACKED
    QApplication.processEvents()
    win.column.setSizes([300, 450])
    stacked_column = win.column.sizes()
    menu_actions[LayoutChoice.SIDE].trigger()
    QApplication.processEvents()
    assert win.window_layout.arrangement is Arrangement.SIDE
    assert win.splitter.sizes() == side_sizes  # each layout keeps its own sizes
    menu_actions[LayoutChoice.STACKED].trigger()
    qtbot.waitUntil(lambda: sum(win.column.sizes()) == sum(stacked_column))
    assert win.column.sizes() == stacked_column
    win.close()
    again = MainWindow(seed_ws, settings(tmp_path))  # the same settings file
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.window_layout.arrangement is Arrangement.STACKED
    assert again.view_keys.layout_actions[LayoutChoice.STACKED].isChecked()
    QApplication.processEvents()
    # restoreGeometry fits the window to the (offscreen) screen: the proportions are what stays
    top, bottom = again.column.sizes()
    assert abs(top / (top + bottom) - stacked_column[0] / sum(stacked_column)) < 0.02


def test_zoom_keys_resize_the_article_text_and_are_remembered(qtbot, seed_ws, tmp_path):
    prefs = settings(tmp_path)
    win = open_window(qtbot, seed_ws, prefs, (1400, 900))
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    text = win.article_view.text
    base = text.font().pointSizeF()
    text.setFocus()
    QTest.keyClick(text, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(text, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)  # Ctrl+= too
    assert text.font().pointSizeF() == base + 2 and prefs.article_zoom == 2
    lengths = line_lengths(text)
    assert statistics.median(lengths) < 65  # bigger letters, fewer a line: the pane did not grow
    QTest.keyClick(text, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert text.font().pointSizeF() == base + 1 and prefs.article_zoom == 1
    win.close()
    again = open_window(qtbot, seed_ws, settings(tmp_path), (1400, 900))
    assert again.article_view.text.font().pointSizeF() == base + 1
    again.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is again)
    QTest.keyClick(again.claims.table, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert again.article_view.text.font().pointSizeF() == base
    assert settings(tmp_path).article_zoom == 0


@pytest.mark.parametrize("size", [(1366, 768), (1400, 900)])
def test_claims_table_and_detail_tabs_do_not_scroll_sideways_side_by_side(qtbot, seed_ws, tmp_path, size):
    propose_claims(seed_ws, 1)
    win = open_window(qtbot, seed_ws, settings(tmp_path), size)
    assert win.window_layout.arrangement is Arrangement.SIDE
    win.claims.select_row(0)
    table = win.claims.table
    assert not table.horizontalScrollBar().isVisible()
    header = table.horizontalHeader()
    shown = [c for c in range(header.count()) if not table.isColumnHidden(c)]
    assert sum(header.sectionSize(c) for c in shown) <= table.viewport().width()
    bar = win.detail.tabBar()
    for i in range(win.detail.count()):
        win.detail.setCurrentIndex(i)
        QApplication.processEvents()
        area = win.detail.currentWidget().parentWidget().parentWidget()  # page ← viewport ← scroll area
        assert not area.horizontalScrollBar().isVisible(), win.detail.tabText(i)
        assert bar.tabRect(i).right() <= bar.width(), win.detail.tabText(i)


def test_a_narrow_window_stays_narrow(qtbot, seed_ws, tmp_path):
    """Stacked at 1024 px: the panes' minimum widths leave a small screen usable (the filter bar
    wraps onto two rows instead of widening the window)."""
    win = open_window(qtbot, seed_ws, settings(tmp_path), (1024, 700))
    assert win.width() == 1024
    assert win.window_layout.arrangement is Arrangement.STACKED
    table = win.claims.table
    assert not table.horizontalScrollBar().isVisible()  # the columns shrank, their texts elided
    assert table.horizontalHeader().sectionSize(Col.SUMMARY) >= 110
    win.claims.set_column_visible(Col.VIA, True)  # one more column: still no sideways scrolling
    QApplication.processEvents()
    assert not table.horizontalScrollBar().isVisible()
    win.resize(1900, 1000)  # room again: every column back at its own width
    QApplication.processEvents()
    assert table.horizontalHeader().sectionSize(Col.SOURCE) == COLUMNS[Col.SOURCE].width


@pytest.mark.parametrize("size", [(1366, 768), (1400, 900)])
def test_the_matches_tab_with_matches_does_not_scroll_sideways(qtbot, seed_ws, tmp_path, size):
    from test_matches_panel import _article_with_copy

    claim_id = _article_with_copy(seed_ws, tmp_path)
    seed_ws.matches.match_claim(claim_id)
    win = open_window(qtbot, seed_ws, settings(tmp_path), size)
    assert win.window_layout.arrangement is Arrangement.SIDE
    win.open_article(1)
    assert win.select_claim(claim_id)
    win.detail.setCurrentWidget(win.matches_panel)
    QApplication.processEvents()
    panel = win.matches_panel
    assert panel.model.rowCount() == 2  # a copy of the story and a fact check
    panel.table.selectRow(0)
    QApplication.processEvents()
    area = panel.parentWidget().parentWidget()  # page ← viewport ← scroll area
    assert not area.horizontalScrollBar().isVisible()
    assert not panel.table.horizontalScrollBar().isVisible()
    assert panel.verdict_label.isVisibleTo(panel) or panel.match_title.text()
