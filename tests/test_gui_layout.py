"""The window is readable at 1400×900 and at 1366×768: article titles, the key claim columns,
enough claim rows; columns can be hidden and stay hidden."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication
from test_gui_helpers import settings

from db.flows.importing import propose_claims
from ui.app.main_window import MainWindow
from ui.app.panels.article_list import ArticleDelegate
from ui.app.panels.claim_columns import Col
from ui.app.settings import LayoutChoice
from ui.app.window_layout import Arrangement

KEY_COLUMNS = (Col.NUMBER, Col.SUMMARY, Col.SOURCE, Col.SOURCE_KIND, Col.STATUS, Col.MATCHES)


def open_window(qtbot, ws, tmp_path, size, layout=LayoutChoice.AUTO):
    prefs = settings(tmp_path)
    prefs.layout_choice = layout
    win = MainWindow(ws, prefs)
    qtbot.addWidget(win)
    win.resize_default(*size)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.mark.parametrize("layout", [LayoutChoice.AUTO, LayoutChoice.STACKED])
@pytest.mark.parametrize("size", [(1400, 900), (1366, 768)])
def test_key_columns_fit_without_scrolling(qtbot, seed_ws, tmp_path, size, layout):
    propose_claims(seed_ws, 1)
    win = open_window(qtbot, seed_ws, tmp_path, size, layout)
    QApplication.processEvents()
    table = win.claims.table
    header = table.horizontalHeader()
    assert table.isColumnHidden(Col.TEXT)  # hidden by default: the article pane shows the text
    right = max(header.sectionViewportPosition(c) + header.sectionSize(c) for c in KEY_COLUMNS)
    assert right <= table.viewport().width()
    assert all(not table.isColumnHidden(c) for c in KEY_COLUMNS)
    assert not table.horizontalScrollBar().isVisible()  # every default column, the summary elided
    assert header.sectionSize(Col.SUMMARY) >= 110  # the summary takes the slack
    assert win.claims.filter_box.isVisible() and win.claims.count.geometry().right() <= win.claims.width()
    if layout is LayoutChoice.AUTO:  # side by side: article | claims over details
        assert win.window_layout.arrangement is Arrangement.SIDE
        list_w, article_w, right_w = win.splitter.sizes()
        assert list_w >= 200 and right_w >= 560
        assert 65 <= win.article_view.text.chars_per_line() <= 90
        table_h, detail_h = win.column.sizes()
        assert win.column.widget(0) is win.claims and win.column.widget(1) is win.detail
    else:
        # the detail pane does not eat the window, the article list is readable
        list_w, centre_w, detail_w = win.splitter.sizes()
        assert detail_w <= size[0] * 0.3 and list_w >= 200 and centre_w >= size[0] * 0.5
        # and the table gets at least as much height as the article text
        article_h, table_h = win.column.sizes()
        assert table_h >= article_h
    visible_rows = table.viewport().height() // table.verticalHeader().defaultSectionSize()
    assert visible_rows >= 10


def test_article_titles_are_readable(qtbot, seed_ws, tmp_path):
    win = open_window(qtbot, seed_ws, tmp_path, (1366, 768))
    delegate: ArticleDelegate = win.article_list.view.itemDelegate()
    item = win.article_list.model.item(0)
    font = QFont(win.article_list.view.font())
    font.setBold(True)
    width = win.article_list.view.viewport().width() - 2 * delegate.PAD - delegate._counts_width(font)
    lines = delegate._title_lines(item.title, font, width)
    shown = " ".join(lines).replace("…", "")
    assert len(lines) <= delegate.TITLE_LINES
    assert len(shown) >= 25  # most of a headline on two lines, not "Flo…"
    assert item.title.startswith(shown.split(" ")[0])
    assert all(QFontMetrics(font).horizontalAdvance(line) <= width for line in lines)


def test_title_lines_wrap_at_words_and_elide_the_last():
    delegate = ArticleDelegate.__new__(ArticleDelegate)
    font = QFont()
    metrics = QFontMetrics(font)
    width = metrics.horizontalAdvance("Enraged by near-daily")
    lines = ArticleDelegate._title_lines(
        delegate, "Enraged by near-daily attacks on its interests in Iraq", font, width
    )
    assert lines[0] == "Enraged by near-daily"
    assert len(lines) == 2 and lines[1].endswith("…")
    assert ArticleDelegate._title_lines(delegate, "Short", font, width) == ["Short"]


def test_columns_can_be_hidden_and_are_remembered(qtbot, seed_ws, tmp_path):
    win = open_window(qtbot, seed_ws, tmp_path, (1400, 900))
    menu = win.claims.column_menu()
    labels = [a.text() for a in menu.actions()]
    assert "Claim text" in labels and "#" not in labels and "Article" not in labels
    text_action = next(a for a in menu.actions() if a.text() == "Claim text")
    assert not text_action.isChecked()
    text_action.trigger()
    assert not win.claims.table.isColumnHidden(Col.TEXT)
    assert win.claims.table.isColumnHidden(Col.VIA)  # hidden by default, shown from the menu
    via = next(a for a in menu.actions() if a.text() == "Via")
    via.trigger()
    assert not win.claims.table.isColumnHidden(Col.VIA)
    source = next(a for a in menu.actions() if a.text() == "Source")
    source.trigger()
    assert win.claims.table.isColumnHidden(Col.SOURCE)
    win.close()
    again = MainWindow(seed_ws, settings(tmp_path))  # same settings file
    qtbot.addWidget(again)
    assert not again.claims.table.isColumnHidden(Col.TEXT)
    assert not again.claims.table.isColumnHidden(Col.VIA)
    assert again.claims.table.isColumnHidden(Col.SOURCE)
    assert again.claims.table.isColumnHidden(Col.ARTICLE)  # follows the scope


def test_detail_tabs_scroll_instead_of_widening_the_pane(qtbot, seed_ws, tmp_path):
    win = open_window(qtbot, seed_ws, tmp_path, (1366, 768))
    assert win.detail.minimumSizeHint().width() < 300
    win.detail.setCurrentWidget(win.matches_panel)
    assert win.detail.currentWidget() is win.matches_panel
    assert win.detail.widget(win.detail.indexOf(win.review_panel)) is win.review_panel


@pytest.mark.parametrize("size", [(1400, 900), (1366, 768)])
def test_detail_tabs_fit_the_default_pane_width(qtbot, seed_ws, tmp_path, size):
    """Stacked: the details in the right-hand pane (side by side: tests/test_gui_window_layout.py)."""
    """Every tab's label shows in the tab bar, and no page is wider than the pane (no sideways
    scrolling: buttons, figures and the matches' texts reflow instead)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    propose_claims(seed_ws, 1)
    win = open_window(qtbot, seed_ws, tmp_path, size, LayoutChoice.STACKED)
    win.claims.select_row(0)
    bar = win.detail.tabBar()
    for i in range(win.detail.count()):
        win.detail.setCurrentIndex(i)
        QApplication.processEvents()
        area = win.detail.currentWidget().parentWidget().parentWidget()  # page ← viewport ← scroll area
        assert not area.horizontalScrollBar().isVisible(), win.detail.tabText(i)
        assert bar.tabRect(i).right() <= bar.width(), win.detail.tabText(i)
        assert bar.tabRect(0).left() >= 0  # the Claim tab never scrolls out of the bar
    assert win.matches_panel.side.orientation() == Qt.Orientation.Vertical  # stacked when narrow
    win.detail.setCurrentWidget(win.matches_panel)
    win.resize(1900, size[1])
    win.splitter.setSizes([200, 900, 800])  # the user widens the pane: side by side again
    QApplication.processEvents()
    assert win.matches_panel.width() >= 560, (win.splitter.sizes(), win.matches_panel.width())
    assert win.matches_panel.side.orientation() == Qt.Orientation.Horizontal
