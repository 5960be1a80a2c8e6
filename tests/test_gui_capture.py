"""Capture, attribution, undo/redo and selection sync in the main window (offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from test_gui_helpers import EMOJI_ARTICLE, select_text, settings

from db import Workspace
from db.flows.importing import import_paths
from ui.app.main_window import MainWindow
from ui.app.panels.claim_columns import Col
from workbench.model import Origin, SourceKind, Status


@pytest.fixture
def emoji_ws(tmp_path: Path) -> Workspace:
    source = tmp_path / "emoji.txt"
    source.write_text(EMOJI_ARTICLE, encoding="utf-8")
    ws = Workspace.open(tmp_path / "emoji.db")
    import_paths(ws, [source])
    yield ws
    ws.close()


@pytest.fixture
def window(qtbot, emoji_ws, tmp_path):
    win = MainWindow(emoji_ws, settings(tmp_path))
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_claim_from_selection_has_exactly_that_span_with_astral_characters(window):
    ws = window.ws
    needle = "counted 30 rockets 🚀 on the pad"
    start, end = select_text(window, needle)
    window.act["claim.new"].trigger()
    claims = ws.claims.for_article(window.current_article_id())
    assert len(claims) == 1
    claim = claims[0]
    assert (claim.start, claim.end, claim.text) == (start, end, needle)
    assert claim.origin is Origin.MANUAL
    assert window.current_claim_id() == claim.id
    assert window.claims.current_id() == claim.id


def test_keyboard_shortcut_creates_claim(window, qtbot):
    select_text(window, "We have never seen 🌍 anything like it")
    window.article_view.text.setFocus()
    qtbot.keyClick(window.article_view.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    texts = [c.text for c in window.ws.claims.for_article(window.current_article_id())]
    assert texts == ["We have never seen 🌍 anything like it"]


def test_selection_with_surrounding_spaces_is_trimmed(window):
    start, end = select_text(window, " counted 30 rockets ")
    window.edits.new_claim()
    claim = window.ws.claims.for_article(window.current_article_id())[0]
    assert (claim.start, claim.end) == (start + 1, end - 1)


def test_same_span_twice_selects_the_existing_claim(window):
    select_text(window, "counted 30 rockets")
    window.edits.new_claim()
    select_text(window, "counted 30 rockets")
    window.edits.new_claim()
    assert window.ws.claims.count() == 1


def test_attribution_from_selection(window):
    ws = window.ws
    select_text(window, "We have never seen 🌍 anything like it")
    window.edits.new_claim()
    claim_id = window.current_claim_id()
    start, end = select_text(window, "Jane Doe")
    window.act["claim.attribute"].trigger()
    claim = ws.claims.get(claim_id)
    assert claim.source_name == "Jane Doe"
    assert (claim.source_start, claim.source_end) == (start, end)
    assert claim.source_kind is SourceKind.NAMED
    assert ws.sources.find("Jane Doe") is not None
    # the table shows it
    row = window.claims_model.row_of(claim_id)
    assert window.claims_model.index(row, Col.SOURCE).data() == "Jane Doe"
    # undo removes the attribution again
    window.undo_stack.undo()
    assert ws.claims.get(claim_id).source_name == ""


def test_undo_redo_create_status_delete(window):
    ws = window.ws
    select_text(window, "counted 30 rockets")
    window.edits.new_claim()
    claim_id = window.current_claim_id()
    window.act["status.verified"].trigger()
    assert ws.claims.get(claim_id).status is Status.VERIFIED
    window.act["claim.delete"].trigger()
    assert ws.claims.count() == 0
    assert window.claims_model.rowCount() == 0
    window.undo_stack.undo()  # delete
    assert ws.claims.get(claim_id).status is Status.VERIFIED
    assert window.claims_model.row_of(claim_id) is not None
    window.undo_stack.undo()  # status
    assert ws.claims.get(claim_id).status is Status.UNCHECKED
    window.undo_stack.undo()  # create
    assert ws.claims.count() == 0
    window.undo_stack.redo()
    window.undo_stack.redo()
    assert ws.claims.get(claim_id).status is Status.VERIFIED  # same id back
    assert window.claims_model.index(window.claims_model.row_of(claim_id), Col.STATUS).data() == "Verified"


def test_inline_summary_edit_is_undoable(window):
    select_text(window, "counted 30 rockets")
    window.edits.new_claim()
    claim_id = window.current_claim_id()
    model = window.claims_model
    index = model.index(model.row_of(claim_id), Col.SUMMARY)
    assert model.setData(index, "Team counted 30 rockets", Qt.ItemDataRole.EditRole)
    assert window.ws.claims.get(claim_id).summary == "Team counted 30 rockets"
    window.undo_stack.undo()
    assert window.ws.claims.get(claim_id).summary != "Team counted 30 rockets"


def test_notes_and_evidence_undo(window):
    from ui.app.undo import AddNote

    select_text(window, "counted 30 rockets")
    window.edits.new_claim()
    claim_id = window.current_claim_id()
    window.undo_stack.push(AddNote(window, claim_id, url="https://example.org/a", quote="30 rockets"))
    assert [n.url for n in window.ws.notes.for_claim(claim_id)] == ["https://example.org/a"]
    assert window.detail.notes_tab.list.count() == 1
    window.undo_stack.undo()
    assert window.ws.notes.for_claim(claim_id) == []
    assert window.detail.notes_tab.list.count() == 0


def test_table_and_article_selection_stay_in_sync(window, qtbot):
    first = select_text(window, "counted 30 rockets")
    window.edits.new_claim()
    second = select_text(window, "Jane Doe, a flight director")
    window.edits.new_claim()
    ids = [c.id for c in window.ws.claims.for_article(window.current_article_id())]
    # table -> article: selecting row 0 selects its span in the text
    window.claims.select_row(0)
    assert window.current_claim_id() == ids[0]
    assert window.article_view.text.selected_span() == first
    # article -> table: clicking inside the second highlight selects its row
    view = window.article_view.text
    text = window.article_view.article.text
    from PySide6.QtGui import QTextCursor
    from test_gui_helpers import utf16

    cursor = QTextCursor(view.document())
    cursor.setPosition(utf16(text, second[0] + 3))
    view.setTextCursor(cursor)
    pos = view.cursorRect(cursor).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert window.claims.current_id() == ids[1]
    assert window.current_claim_id() == ids[1]
    # ... but the click only places the cursor: Shift+Ctrl+Right extends from where it was clicked
    assert window.article_view.text.selected_span() is None
    click_at = view.textCursor().position()
    assert abs(click_at - utf16(text, second[0] + 3)) <= 1
    qtbot.keyClick(
        view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
    )
    assert view.textCursor().anchor() == click_at


def test_status_change_persists_after_reopening(tmp_path, emoji_ws, qtbot):
    path = emoji_ws.path
    win = MainWindow(emoji_ws, settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    select_text(win, "counted 30 rockets")
    win.edits.new_claim()
    win.act["status.false"].trigger()
    claim_id = win.current_claim_id()
    win.close()
    emoji_ws.close()
    with Workspace.open(path) as again:
        assert again.claims.get(claim_id).status is Status.FALSE


def test_accept_and_reject_proposals_and_hidden_rejected(seed_ws, tmp_path, qtbot):
    from db.flows.importing import propose_claims

    assert propose_claims(seed_ws, 1) > 2
    win = MainWindow(seed_ws, settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    total = win.claims.proxy.rowCount()
    win.claims.select_row(0)
    first = win.current_claim_id()
    win.act["claim.accept"].trigger()
    assert seed_ws.claims.get(first).origin is Origin.ACCEPTED
    second = win.current_claim_id()  # moved on to the next claim
    assert second != first
    win.act["claim.reject"].trigger()
    assert seed_ws.claims.get(second).origin is Origin.REJECTED
    win.claims.apply_filter()
    assert win.claims.proxy.rowCount() == total - 1  # rejected hidden by default
    win.claims.show_rejected.setChecked(True)
    assert win.claims.proxy.rowCount() == total
    win.undo_stack.undo()
    assert seed_ws.claims.get(second).origin is Origin.PROPOSED


def test_filter_text_status_and_kind(seed_ws, tmp_path, qtbot):
    from db.flows.importing import propose_claims

    propose_claims(seed_ws, 1)
    win = MainWindow(seed_ws, settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    total = win.claims.proxy.rowCount()
    win.claims.filter_box.setText("3,000")
    win.claims.apply_filter()
    shown = [win.claims.proxy.index(r, Col.TEXT).data() for r in range(win.claims.proxy.rowCount())]
    assert shown and all("3,000" in s for s in shown)
    win.claims.filter_box.clear()
    win.claims.kind.setCurrentIndex(win.claims.kind.findData("anonymous"))
    kinds = {win.claims.proxy.index(r, Col.SOURCE_KIND).data() for r in range(win.claims.proxy.rowCount())}
    assert kinds == {"Anonymous"}
    win.claims.kind.setCurrentIndex(0)
    win.claims.status.setCurrentIndex(win.claims.status.findData("verified"))
    assert win.claims.proxy.rowCount() == 0
    win.claims.status.setCurrentIndex(0)
    assert win.claims.proxy.rowCount() == total


def test_outside_changes_show_up(seed_ws, tmp_path, qtbot):
    win = MainWindow(seed_ws, settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    assert win.claims_model.rowCount() == 0
    with Workspace.open(seed_ws.path, user="other") as other:
        other.claims.add(1, 0, 20)
    win.check_for_outside_changes()
    assert win.claims_model.rowCount() == 1


def test_propose_in_background(seed_ws, tmp_path, qtbot):
    win = MainWindow(seed_ws, settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.changed, timeout=20000):
        win.act["claim.propose"].trigger()
    assert win.claims_model.rowCount() > 2
    row = win.claims_model.row_tuple(0)
    assert row[11] == "proposed"


def test_needs_attention_filter(seed_ws, tmp_path, qtbot):
    """The filter bar's "⚑ Needs attention" toggle: anonymous and single-sourced, rated false or
    misleading, unverifiable, queried; a claim that is merely unchecked is not flagged."""
    from workbench.model import Review

    anonymous = seed_ws.sources.create("a top Iraqi official", SourceKind.ANONYMOUS, article_id=1)
    named = seed_ws.sources.create("Ali Mamouri", SourceKind.NAMED)
    a = seed_ws.claims.add(1, 0, 20, source_id=anonymous.id, status=Status.VERIFIED)
    b = seed_ws.claims.add(1, 30, 60, source_id=named.id, status=Status.VERIFIED)
    c = seed_ws.claims.add(1, 70, 90, source_id=named.id)  # only unverified: not flagged
    d = seed_ws.claims.add(1, 100, 120, source_id=named.id, status=Status.MISLEADING)
    e = seed_ws.claims.add(1, 130, 150, source_id=named.id)
    seed_ws.claims.update(e.id, review=Review.QUERY, review_comment="who?")
    win = MainWindow(seed_ws, settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    assert win.claims.proxy.rowCount() == 5
    assert win.claims.attention.isVisible()  # in the filter bar, not inside a combo
    assert win.claims.origin.findData("attention") == -1

    def shown() -> set[int]:
        return {
            win.claims.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1)
            for r in range(win.claims.proxy.rowCount())
        }

    win.act["view.attention"].trigger()  # Ctrl+Shift+F
    assert win.claims.attention.isChecked()
    assert shown() == {a.id, d.id, e.id}
    tips = {
        win.claims.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1): win.claims.proxy.index(r, 0).data(
            Qt.ItemDataRole.ToolTipRole
        )
        for r in range(win.claims.proxy.rowCount())
    }
    assert "rests on one anonymous source" in tips[a.id]
    assert "rated misleading" in tips[d.id]
    assert "queried by the desk" in tips[e.id] and "unverified" in tips[e.id]
    win.claims.attention.click()
    assert not win.act["view.attention"].isChecked()
    assert shown() == {a.id, b.id, c.id, d.id, e.id}


def test_edit_on_locked_workspace_is_reported_not_lost(seed_ws, tmp_path, qtbot):
    """Another program holds the write lock past the busy timeout: the edit is refused with a
    message, dropped from the undo stack, and the stored claim stays as it was."""
    import sqlite3

    claim = seed_ws.claims.add(1, 0, 20)
    win = MainWindow(seed_ws, settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    seed_ws.db.execute("PRAGMA busy_timeout = 50")
    blocker = sqlite3.connect(seed_ws.path)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        win.select_claim(claim.id)
        win.act["status.verified"].trigger()
    finally:
        blocker.rollback()
        blocker.close()
    assert "busy" in win.last_write_error
    assert win.undo_stack.count() == 0
    assert seed_ws.claims.get(claim.id).status is Status.UNCHECKED
    win.act["status.verified"].trigger()  # works again once the other program is done
    assert seed_ws.claims.get(claim.id).status is Status.VERIFIED
    assert win.undo_stack.count() == 1
