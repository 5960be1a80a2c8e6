"""Keyboard shortcuts: no clashes, every binding reachable, the new desk/export/edit keys work."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox
from test_gui_helpers import settings

from db.flows.importing import propose_claims
from ui.app.dialogs import NoteDialog, ShortcutsDialog
from ui.app.main_window import MainWindow
from ui.app.panels.claim_columns import Col
from ui.app.shortcuts import SHORTCUTS
from workbench.model import Origin, Review


def portable(keys: str) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.PortableText)


@pytest.fixture
def window(qtbot, seed_ws, tmp_path):
    assert propose_claims(seed_ws, 1) > 3
    win = MainWindow(seed_ws, settings(tmp_path))
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_no_two_shortcuts_share_a_key_in_the_table():
    keys = Counter(portable(k) for s in SHORTCUTS for k in s.keys)
    assert [k for k, n in keys.items() if n > 1] == []
    assert all(portable(k) for s in SHORTCUTS for k in s.keys)  # every key parses


def test_no_two_window_actions_share_a_key(window):
    """Every action of the window, including those panels add (Matches, Desk review, Export)."""
    seen: dict[str, str] = {}
    for action in window.findChildren(QAction):
        if action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut:
            continue
        for seq in action.shortcuts():
            key = seq.toString(QKeySequence.SequenceFormat.PortableText)
            assert key not in seen or seen[key] == action.text(), (key, seen.get(key), action.text())
            seen[key] = action.text()
    for expected in ("Ctrl+E", "Ctrl+M", "Ctrl+Alt+A", "Ctrl+Alt+Q", "Ctrl+Alt+S", "Shift+A", "T", "S"):
        assert expected in seen, expected


def test_shortcuts_dialog_arrow_keys_skip_group_headings(qtbot):
    dialog = ShortcutsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    table = dialog.table
    visited = set()
    for _ in range(table.rowCount() + 3):
        index = table.currentIndex()
        assert index.isValid()
        assert table.item(index.row(), index.column()).text()  # never an empty cell
        assert table.item(index.row(), 1) is not None  # never a heading row
        visited.add(index.row())
        qtbot.keyClick(table, Qt.Key.Key_Down)
    assert len(visited) == len(SHORTCUTS)
    headings = [r for r in range(table.rowCount()) if table.columnSpan(r, 0) == 2]
    assert len(headings) == len({s.group for s in SHORTCUTS})


def test_note_dialog_accepts_ctrl_return(qtbot):
    dialog = NoteDialog(evidence=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.quote.setFocus()
    qtbot.keyClicks(dialog.quote, "a quoted passage")
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.keyClick(dialog.quote, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.values()["quote"] == "a quoted passage"


def test_accept_all_proposals_in_one_undo_step(window):
    ws = window.ws
    proposals = [c.id for c in ws.claims.for_article(1) if c.origin is Origin.PROPOSED]
    window.act["claim.accept_all"].trigger()
    assert all(ws.claims.get(cid).origin is Origin.ACCEPTED for cid in proposals)
    window.undo_stack.undo()
    assert all(ws.claims.get(cid).origin is Origin.PROPOSED for cid in proposals)


def test_desk_review_keys(window, monkeypatch):
    ws = window.ws
    window.claims.select_row(0)
    claim_id = window.current_claim_id()
    window.act["review.query"].trigger()
    assert ws.claims.get(claim_id).review is Review.QUERY
    assert window.detail.currentWidget() is window.review_panel
    window.act["review.approve"].trigger()
    assert ws.claims.get(claim_id).review is Review.APPROVED
    monkeypatch.setattr(window.review_panel, "ask", lambda *a: True)
    window.act["review.sign_off"].trigger()
    assert ws.articles.sign_off(1)[0] == ws.user


def test_type_and_source_kind_keys_open_the_combo(window, qtbot):
    window.claims.select_row(0)
    window.claims.table.setFocus()
    for action_id, col in (("claim.edit_type", Col.KIND), ("claim.edit_source_kind", Col.SOURCE_KIND)):
        window.act[action_id].trigger()
        table = window.claims.table
        assert table.state() == table.State.EditingState
        assert table.currentIndex().column() == col
        editor = table.indexWidget(table.currentIndex()) or table.focusWidget()
        assert isinstance(editor, QComboBox)
        qtbot.keyClick(editor, Qt.Key.Key_Escape)


def test_ctrl_m_shows_the_matches_tab(window):
    window.claims.select_row(0)
    window.act["claim.find_matches"].trigger()
    assert window.detail.currentWidget() is window.matches_panel


def test_ctrl_e_is_the_export_report_action(window):
    assert window.act["file.export"] is window.act_export_report
    assert "Ctrl+E" in [s.toString() for s in window.act_export_report.shortcuts()]


def test_focus_keys(window, qtbot):
    window.act["nav.table"].trigger()
    assert window.claims.table.hasFocus() or window.focusWidget() is window.claims.table
    window.act["nav.article_text"].trigger()
    assert window.focusWidget() is window.article_view.text
    window.claims.select_row(0)
    window.act["nav.notes"].trigger()
    assert window.detail.currentWidget() is window.detail.notes_tab
