"""No lost update in the window (issue 12 item 5): an edit or undo made from a stale view is refused
in a bar (not a dialog) that names who changed the row when and shows the fresh value; another
process's change shows within a second; text being typed survives a reload and is not lost."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from test_gui_helpers import settings

from db import Workspace
from db.queries.claim_rows import ClaimRow
from ui.app.main_window import MainWindow
from workbench.model import Status

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def desk(seed_ws, tmp_path, qtbot):
    """Anna's window on the seed workspace with one claim selected, and Ben's session on the file.

    The window's poll is stopped: each test says when the window looks for outside changes."""
    claim = seed_ws.claims.add(1, 0, 20, summary="as imported")
    win = MainWindow(seed_ws, settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win._poll.stop()
    win.open_article(1)
    assert win.select_claim(claim.id)
    ben = Workspace.open(seed_ws.path, user="ben")
    yield win, ben, claim.id
    ben.close()


def _no_dialog(win: MainWindow) -> None:
    assert not [box for box in win.findChildren(QMessageBox) if box.isVisible()]


def _shown_status(win: MainWindow, claim_id: int) -> str:
    return win.claims_model.row_by_id(claim_id)[ClaimRow.STATUS]


def test_a_stale_edit_shows_the_bar_with_the_fresh_value_and_can_be_applied_again(desk, qtbot):
    win, ben, cid = desk
    ben.claims.update(cid, status=Status.VERIFIED, if_version=1)  # Anna's view still shows v1
    assert _shown_status(win, cid) == Status.UNCHECKED.value
    win.act["status.false"].trigger()
    _no_dialog(win)  # non-blocking
    assert win.stale_bar.isVisible()
    text = win.stale_bar.message.text()
    assert re.match(
        rf"Claim #{cid} was changed by ben at \d\d:\d\d — reloaded\. “Set status: False” was not saved\.",
        text,
    ), text
    assert "Now: summary “as imported”, status Verified" in text
    assert "Yours: status False" in text
    assert win.stale_bar.message.textFormat() == Qt.TextFormat.PlainText
    assert win.ws.claims.get(cid).status is Status.VERIFIED  # nothing overwritten
    assert _shown_status(win, cid) == Status.VERIFIED.value  # the view reloaded
    assert win.undo_stack.count() == 0
    assert win.stale_bar.apply_mine.isVisible()
    win.stale_bar.apply_mine.click()  # the person wants theirs, from the fresh row
    assert not win.stale_bar.isVisible()
    assert win.ws.claims.get(cid).status is Status.FALSE
    assert win.undo_stack.count() == 1
    win.undo_stack.undo()  # and it undoes to Ben's verdict, which it replaced
    assert win.ws.claims.get(cid).status is Status.VERIFIED


def test_undo_of_an_edit_whose_claim_changed_since_is_refused(desk, qtbot):
    win, ben, cid = desk
    win.act["status.verified"].trigger()
    win.act["status.false"].trigger()  # two own steps on one claim: undo goes back through both
    win.undo_stack.undo()
    assert win.ws.claims.get(cid).status is Status.VERIFIED
    ben.claims.update(cid, summary="Ben's summary")
    with qtbot.waitSignal(win.undo_stack.refused):
        win.undo_stack.undo()
    _no_dialog(win)
    text = win.stale_bar.message.text()
    assert re.match(
        rf"Claim #{cid} was changed by ben at \d\d:\d\d — reloaded\. Undo of “Set status: Verified” was refused: "
        r"nothing was overwritten\. Now: summary “Ben's summary”, status Verified",
        text,
    ), text
    assert not win.stale_bar.apply_mine.isVisible()  # an undo is not offered again
    stored = win.ws.claims.get(cid)
    assert (stored.status, stored.summary) == (Status.VERIFIED, "Ben's summary")
    assert win.undo_stack.count() == 1 and win.undo_stack.index() == 0  # the refused step is dropped
    win.undo_stack.redo()  # redo of the later step was undone before Ben's edit: refused the same way
    assert win.ws.claims.get(cid).status is Status.VERIFIED
    assert "was changed by ben" in win.stale_bar.message.text()


def test_undo_after_an_edit_made_from_a_view_that_showed_anothers_change_is_refused(desk, qtbot):
    """An own edit made after the window showed Ben's change starts a new chain: the older edit's
    undo would write over Ben's change, and is refused."""
    win, ben, cid = desk
    win.act["status.verified"].trigger()
    ben.claims.update(cid, summary="Ben's summary")
    win.check_for_outside_changes()  # the poll's tick: the view shows Ben's change
    win.act["status.false"].trigger()
    assert win.ws.claims.get(cid).status is Status.FALSE
    win.undo_stack.undo()  # undo of the newer edit: fine
    assert win.ws.claims.get(cid).status is Status.VERIFIED
    win.undo_stack.undo()  # undo of the older one: Ben changed the claim after it
    assert win.ws.claims.get(cid).status is Status.VERIFIED
    assert "was changed by ben" in win.stale_bar.message.text()


def test_text_being_typed_survives_a_reload_and_is_refused_visibly(desk, qtbot):
    win, ben, cid = desk
    summary = win.detail.claim_tab.summary
    summary.setFocus()
    qtbot.waitUntil(summary.hasFocus)
    summary.selectAll()
    qtbot.keyClicks(summary, "Anna's pending summary")
    ben.claims.update(cid, summary="Ben's summary")
    win.check_for_outside_changes()  # another process committed: the window reloads at once
    assert summary.text() == "Anna's pending summary"  # what she typed stays
    qtbot.keyClick(summary, Qt.Key.Key_Return)  # she finishes her edit: it was begun on v1
    assert win.ws.claims.get(cid).summary == "Ben's summary"
    text = win.stale_bar.message.text()
    assert "was changed by ben" in text and "Yours: summary “Anna's pending summary”" in text
    win.stale_bar.apply_mine.click()
    assert win.ws.claims.get(cid).summary == "Anna's pending summary"


def test_a_stale_note_edit_names_the_note(desk, qtbot, monkeypatch):
    win, ben, cid = desk
    note = win.ws.notes.add(cid, body="first")
    win.select_claim(cid)
    win.detail.set_claim(cid)
    ben.notes.update(note.id, body="Ben's note")
    from ui.app.undo import EditNote

    win.undo_stack.push(EditNote(win, cid, note.id, {"body": "Anna's note"}, note.version))
    text = win.stale_bar.message.text()
    assert re.match(rf"Note #{note.id} was changed by ben at \d\d:\d\d — reloaded", text), text
    assert "Now: body “Ben's note”" in text
    assert win.ws.notes.get(note.id).body == "Ben's note"


def test_another_process_change_shows_within_a_second(desk, qtbot):
    win, _ben, cid = desk
    win._poll.start()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "ui.cli",
            "verdict",
            str(cid),
            "verified",
            "-w",
            str(win.ws.path),
            "--user",
            "ben",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    # committed when the process ended; the window's poll shows it within a second
    qtbot.waitUntil(lambda: _shown_status(win, cid) == Status.VERIFIED.value, timeout=1000)
    assert win.detail.claim_tab.status.currentData() == Status.VERIFIED.value


def test_an_edit_that_cannot_be_written_keeps_what_was_typed_and_tries_again(desk, qtbot):
    """Another program holds the write lock past the busy timeout (on a desk: the connection is
    gone): the bar says so, not a dialog, shows the edit and makes it again on request."""
    win, ben, cid = desk
    win.ws.db.execute("PRAGMA busy_timeout = 50")
    with ben.atomic():  # holds the write lock
        summary = win.detail.claim_tab.summary
        summary.setFocus()
        qtbot.waitUntil(summary.hasFocus)
        summary.selectAll()
        qtbot.keyClicks(summary, "typed while locked")
        qtbot.keyClick(summary, Qt.Key.Key_Return)
        _no_dialog(win)
        text = win.stale_bar.message.text()
        assert "was not saved: The workspace is busy" in text
        assert "Yours: summary “typed while locked”" in text
        assert win.stale_bar.apply_mine.text() == "Try again"
    assert win.ws.claims.get(cid).summary == "as imported"
    win.stale_bar.apply_mine.click()  # the lock is free again
    assert win.ws.claims.get(cid).summary == "typed while locked"
    assert win.undo_stack.count() == 1


def test_a_table_cell_being_edited_keeps_its_editor_until_done(desk, qtbot):
    from PySide6.QtWidgets import QLineEdit

    from ui.app.panels.claim_columns import Col

    win, ben, cid = desk
    win.edits.edit_column(Col.SUMMARY)
    table = win.claims.table
    qtbot.waitUntil(lambda: table.state() == table.State.EditingState)
    editor = table.indexWidget(table.currentIndex()) or table.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "typed in the table")
    ben.claims.update(cid, status=Status.VERIFIED)
    win.check_for_outside_changes()  # deferred: a reload would close the editor
    assert table.state() == table.State.EditingState and editor.text() == "typed in the table"
    assert "when you finish this edit" in win.statusBar().currentMessage()
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the edit was begun on the version before Ben's
    qtbot.waitUntil(win.stale_bar.isVisible)  # the delegate commits through a queued call
    assert "was changed by ben" in win.stale_bar.message.text()
    assert "Yours: summary “typed in the table”" in win.stale_bar.message.text()
    assert win.ws.claims.get(cid).summary == "as imported"
    assert _shown_status(win, cid) == Status.VERIFIED.value  # reloaded


def test_a_desk_comment_being_written_survives_a_reload_and_is_refused_visibly(desk, qtbot):
    from workbench.model import Review

    win, ben, cid = desk
    panel = win.review_panel
    win.detail.setCurrentWidget(panel)
    panel.comment.setFocus()
    qtbot.keyClicks(panel.comment, "Which report is this from?")
    ben.claims.update(cid, summary="Ben's summary")
    win.check_for_outside_changes()
    assert panel.comment.toPlainText() == "Which report is this from?"  # kept through the reload
    panel.query.click()  # begun on the version before Ben's edit
    assert win.ws.claims.get(cid).review is Review.NONE
    text = win.stale_bar.message.text()
    assert "was changed by ben" in text and "review comment “Which report is this from?”" in text
    win.stale_bar.apply_mine.click()
    stored = win.ws.claims.get(cid)
    assert (stored.review, stored.review_comment, stored.summary) == (
        Review.QUERY,
        "Which report is this from?",
        "Ben's summary",
    )
