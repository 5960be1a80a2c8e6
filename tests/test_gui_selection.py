"""Selecting in the article behaves like a text editor (issue 16 item 2): a press-and-drag inside
the selected claim starts a new selection; Ctrl+Return selects the new claim and shows its Claim
tab; the window's Ctrl/Alt shortcuts work from the filter box unless they edit text there."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from test_gui_helpers import select_text, settings, utf16

from db.flows.importing import propose_claims
from ui.app.main_window import MainWindow
from workbench.model import Origin


@pytest.fixture
def window(qtbot, seed_ws, tmp_path):
    assert propose_claims(seed_ws, 1) > 3
    win = MainWindow(seed_ws, settings(tmp_path))
    qtbot.addWidget(win)
    win.resize_default(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    return win


def point_at(win, cp: int) -> QPoint:
    """The viewport position of the character at code point `cp` of the article."""
    view = win.article_view.text
    cursor = QTextCursor(view.document())
    cursor.setPosition(utf16(view.toPlainText(), cp))
    rect = view.cursorRect(cursor)
    return QPoint(rect.x() + 3, rect.center().y())


def drag(win, start: QPoint, end: QPoint, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    viewport = win.article_view.text.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, modifier, start)
    for i in range(1, 6):  # move in steps, as a hand does
        QTest.mouseMove(viewport, start + (end - start) * (i / 5))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifier, end)


def test_press_and_drag_inside_a_selected_claim_starts_a_new_selection(window):
    win = window
    win.claims.select_row(0)  # selecting a row selects the claim's text in the article
    claim = win.ws.claims.get(win.current_claim_id())
    assert win.article_view.text.selected_span() == (claim.start, claim.end)
    text = win.article_view.article.text
    # press on the fourth word of the selected claim, drag to the end of its sixth
    words = text[claim.start : claim.end].split(" ")
    inner = claim.start + len(" ".join(words[:3])) + 1
    inner_end = claim.start + len(" ".join(words[:6]))
    view = win.article_view.text
    view.centerCursor()
    drag(win, point_at(win, inner), point_at(win, inner_end))
    span = view.selected_span()
    assert span is not None and span != (claim.start, claim.end)
    assert abs(span[0] - inner) <= 1 and abs(span[1] - inner_end) <= 1, (span, inner, inner_end)
    assert win.act["claim.new"].isEnabled()  # and that selection can become a claim at once


def test_a_click_inside_the_selected_claim_still_selects_that_claim(window):
    win = window
    win.claims.select_row(1)
    claim_id = win.current_claim_id()
    claim = win.ws.claims.get(claim_id)
    win.claims.select_row(0)
    view = win.article_view.text
    win.article_view.text.select_span(claim.start, claim.end)
    QApplication.processEvents()
    pos = point_at(win, claim.start + 2)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
    assert view.selected_span() is None  # the press dropped the old selection: a caret
    assert win.current_claim_id() == claim_id


def test_ctrl_return_selects_the_new_claim_and_shows_its_claim_tab(window, qtbot):
    win = window
    win.detail.setCurrentWidget(win.detail.notes_tab)  # the checker was reading notes
    win.claims.origin.setCurrentIndex(win.claims.origin.findData(Origin.PROPOSED.value))  # only proposals
    start, end = select_text(win, "3,000 troops")
    win.article_view.text.setFocus()
    QTest.keyClick(win.article_view.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    claim_id = win.current_claim_id()
    claim = win.ws.claims.get(claim_id)
    assert (claim.start, claim.end, claim.origin) == (start, end, Origin.MANUAL)
    assert win.detail.currentWidget() is win.detail.claim_tab
    assert f"Claim #{claim_id}" in win.detail.claim_tab.heading.text()
    hidden = win.claims.proxy.proxy_row_of(claim_id) is None
    assert ("hidden by the table's filter" in win.statusBar().currentMessage()) is hidden
    assert hidden or win.claims.current_id() == claim_id
    # with no filter in the way, its row is the current row
    win.claims.origin.setCurrentIndex(0)
    win.detail.setCurrentWidget(win.detail.notes_tab)
    start, end = select_text(win, "Green Zone")
    QTest.keyClick(win.article_view.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    new_id = win.current_claim_id()
    assert new_id != claim_id and win.claims.current_id() == new_id
    assert win.ws.claims.get(new_id).start == start
    assert win.detail.currentWidget() is win.detail.claim_tab


def test_window_shortcuts_work_from_the_filter_box(window, qtbot):
    win = window
    box = win.claims.filter_box
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    QTest.keyClicks(box, "ceasefire")
    assert box.text() == "ceasefire"  # letters type, they do not accept or reject proposals
    fired: list[str] = []
    export = win.act_export_report
    export.triggered.disconnect()
    export.triggered.connect(lambda: fired.append("export"))
    QTest.keyClick(box, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert fired == ["export"]
    assert box.text() == "ceasefire" and box.hasFocus()
    attention = win.claims.attention.isChecked()
    QTest.keyClick(box, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert win.claims.attention.isChecked() is not attention
    # keys that edit text stay with the box: Ctrl+A selects its text, Ctrl+Z undoes the typing
    QTest.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert box.selectedText() == "ceasefire"
    QTest.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert box.text() != "ceasefire"
    assert win.undo_stack.count() == 0  # the window's undo was not touched


def test_window_shortcuts_work_from_the_article_search_box(window, qtbot):
    win = window
    search = win.article_list.search
    search.setFocus()
    qtbot.waitUntil(search.hasFocus)
    fired: list[str] = []
    win.act["claim.propose"].triggered.disconnect()  # (proposing would run in the background)
    win.act["claim.propose"].triggered.connect(lambda: fired.append("propose"))
    QTest.keyClick(search, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert fired == ["propose"]


@pytest.mark.parametrize(
    ("key", "modifiers", "passes"),
    [
        (Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier, True),  # X11: end of line; here: export
        (Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier, True),  # X11: previous line
        (Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier, True),
        (Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier, True),
        (Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier, False),  # no window action: the box's
        (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier, False),  # the box's own undo
        (Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier, False),
        (Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier, False),
        (Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier, False),
        (Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier, False),
        (Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier, False),
        (Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, False),  # typing
        (Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier, False),
        (Qt.Key.Key_3, Qt.KeyboardModifier.NoModifier, False),
    ],
)
def test_which_keys_the_filter_box_lets_through(window, key, modifiers, passes):
    """Whatever the platform's key scheme (X11 binds Ctrl+E, Ctrl+P… to Emacs moves in a line
    edit, which the offscreen platform does not), the box lets exactly these through."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    event = QKeyEvent(QEvent.Type.ShortcutOverride, key, modifiers)
    assert window.view_keys.keys_in_box.passes(event) is passes
