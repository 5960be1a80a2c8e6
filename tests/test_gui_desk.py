"""The main window on both engines (issue 12 items 5, 7, 8): a workspace file and a desk on the
throwaway server (the `engine` fixture). Opening, choosing an article, accepting and rejecting
proposals, a verdict, a note and the stale edit bar work the same; another session's change
reaches the window within a second (data_version polled on a file, LISTEN/NOTIFY on a desk); on a
desk a lost connection is said in a bar, what was typed is kept, the window reconnects, and a
row locked by another session fails the edit to the bar instead of hanging the window."""

from __future__ import annotations

import re
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from test_gui_helpers import settings

from db.flows.importing import import_paths, propose_claims
from db.queries.claim_rows import ClaimRow
from ui.app.main_window import MainWindow
from ui.app.undo import AddNote
from workbench.model import Origin, Status


@pytest.fixture
def desk_window(engine, seed_path, tmp_path, qtbot):
    """Anna's window on the seed article with its proposals, on each engine; `engine.open("ben")`
    is another session (on a desk, another login role)."""
    ws = engine.open("anna")
    import_paths(ws, [seed_path])
    assert propose_claims(ws, 1) > 2
    win = MainWindow(ws, settings(tmp_path))
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(
        lambda: win.watch.ready, timeout=10_000
    )  # a desk's LISTEN connection is made off this thread
    yield win
    win.close()
    ws.close()


def _deaf(win: MainWindow) -> None:
    """The window stops listening: each test says when it looks for others' changes."""
    win._poll.stop()
    if win.watch.notifier is not None:
        win.watch.notifier.setEnabled(False)


def _select_first(win: MainWindow) -> int:
    """Select the table's first claim; its id."""
    win.claims.select_row(0)
    return win.current_claim_id()


def _no_dialog(win: MainWindow) -> None:
    assert not [box for box in win.findChildren(QMessageBox) if box.isVisible()]


def _status_shown(win: MainWindow, claim_id: int) -> str:
    return win.claims_model.row_by_id(claim_id)[ClaimRow.STATUS]


def test_the_window_opens_the_seed_and_shows_its_claims(desk_window):
    win = desk_window
    assert win.article_list.model.ids() == [1]
    assert win.current_article_id() == 1
    assert "3,000" in win.article_view.article.text
    assert win.claims.proxy.rowCount() > 2
    assert win.ws.location in win.where.text() or str(win.ws.path) in win.where.text()
    assert win.open_article(1)


def test_accept_and_reject_proposals(desk_window):
    win = desk_window
    total = win.claims.proxy.rowCount()
    win.claims.select_row(0)
    first = win.current_claim_id()
    win.act["claim.accept"].trigger()
    assert win.ws.claims.get(first).origin is Origin.ACCEPTED
    second = win.current_claim_id()
    assert second != first
    win.act["claim.reject"].trigger()
    assert win.ws.claims.get(second).origin is Origin.REJECTED
    win.claims.apply_filter()
    assert win.claims.proxy.rowCount() == total - 1
    win.undo_stack.undo()
    assert win.ws.claims.get(second).origin is Origin.PROPOSED


def test_a_verdict_and_its_undo(desk_window):
    win = desk_window
    cid = _select_first(win)
    win.act["status.verified"].trigger()
    assert win.ws.claims.get(cid).status is Status.VERIFIED
    assert _status_shown(win, cid) == Status.VERIFIED.value
    win.undo_stack.undo()
    assert win.ws.claims.get(cid).status is Status.UNCHECKED


def test_a_note_and_its_undo(desk_window):
    win = desk_window
    cid = _select_first(win)
    win.undo_stack.push(AddNote(win, cid, url="https://example.org/a", quote="3,000 troops"))
    assert [n.url for n in win.ws.notes.for_claim(cid)] == ["https://example.org/a"]
    assert win.detail.notes_tab.list.count() == 1
    win.undo_stack.undo()
    assert win.ws.notes.for_claim(cid) == []


def test_a_stale_edit_shows_the_bar(desk_window, engine):
    win = desk_window
    _deaf(win)
    cid = _select_first(win)
    ben = engine.open("ben")
    try:
        version = ben.claims.get(cid).version
        ben.claims.update(cid, status=Status.VERIFIED, if_version=version)
    finally:
        ben.close()
    win.act["status.false"].trigger()
    _no_dialog(win)
    text = win.stale_bar.message.text()
    assert re.match(rf"Claim #{cid} was changed by ben at \d\d:\d\d — reloaded\.", text), text
    assert "Yours: status False" in text
    assert win.ws.claims.get(cid).status is Status.VERIFIED
    assert _status_shown(win, cid) == Status.VERIFIED.value


def test_another_sessions_change_reaches_the_window_within_a_second(desk_window, engine, qtbot):
    win = desk_window
    cid = _select_first(win)
    ben = engine.open("ben")
    try:
        t0 = time.perf_counter()
        ben.claims.update(cid, status=Status.VERIFIED)
        qtbot.waitUntil(lambda: _status_shown(win, cid) == Status.VERIFIED.value, timeout=1000)
        took = time.perf_counter() - t0
    finally:
        ben.close()
    assert win.detail.claim_tab.status.currentData() == Status.VERIFIED.value
    print(f"{engine.name}: another session's change shown after {took * 1000:.0f} ms")


def test_the_windows_own_edit_is_not_news_to_it(desk_window, qtbot):
    win = desk_window
    win.claims.select_row(0)
    win.act["status.verified"].trigger()
    reloads = []
    win.changed.connect(lambda: reloads.append(1))
    qtbot.wait(1200)  # more than a poll and a notice's way
    assert not win._outside_pending and reloads == []


def test_import_and_propose_run_off_the_gui_thread_on_their_own_connection(desk_window, qtbot):
    """The window's jobs open a connection of their own on a pool thread, on a desk too (they ran
    on the window's one connection, on its thread)."""
    from pathlib import Path

    win = desk_window
    win.jobs.propose_on_import.setChecked(False)
    article = Path(__file__).parent / "data" / "articles" / "afp_sahel.txt"
    worker = win.jobs.import_paths([str(article)])
    assert worker is not None
    qtbot.waitUntil(lambda: win.jobs.last_import_report is not None, timeout=30_000)
    assert win.jobs.last_import_report.summary().startswith("1 added")
    assert sorted(win.article_list.model.ids()) == [1, 2]
    new_id = max(win.article_list.model.ids())
    win.open_article(new_id)
    before = len(win.ws.claims.for_article(new_id))
    win.act["claim.propose"].trigger()
    assert win.jobs._propose_task is not None  # on the pool, not here
    qtbot.waitUntil(lambda: not win.jobs.proposing, timeout=30_000)
    assert len(win.ws.claims.for_article(new_id)) > before
    assert win.undo_stack.count() == 1


# --- faults on a desk ------------------------------------------------------------------------------


def _terminate_desk_sessions(pg_server, win: MainWindow) -> None:
    """pg_terminate_backend every session on the window's database, from a superuser connection."""
    dbname = win.ws.db.execute("SELECT current_database()").fetchone()[0]
    pg_server.admin().execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
        (dbname,),
    )


# A workspace file has no connection to lose: these run on a desk only.
desk_only = pytest.mark.parametrize("engine", ["postgresql"], indirect=True)


@desk_only
def test_a_lost_connection_is_said_typed_text_is_kept_and_the_window_reconnects(
    desk_window, engine, pg_server, qtbot
):
    win = desk_window
    cid = _select_first(win)
    summary = win.detail.claim_tab.summary
    summary.setFocus()
    qtbot.waitUntil(summary.hasFocus)
    summary.selectAll()
    qtbot.keyClicks(summary, "typed before the server went away")
    shown: list[tuple[str, bool]] = []  # the bar as the window set it when the loss was noticed
    win.watch.lost.connect(
        lambda _why: shown.append((win.connection_bar.message.text(), win.connection_bar.isVisible()))
    )
    with qtbot.waitSignal(win.watch.lost, timeout=3000):  # the feed's socket tells at once
        _terminate_desk_sessions(pg_server, win)
    text, visible = shown[0]
    assert visible
    assert re.match(r"The connection to postgresql: .* was lost \(.*\) — reconnecting\.", text), text
    assert win.connection_bar.message.textFormat() == Qt.TextFormat.PlainText
    _no_dialog(win)
    qtbot.waitUntil(lambda: not win.watch.reconnecting and not win.connection_bar.isVisible(), timeout=15_000)
    assert "Reconnected to postgresql:" in win.statusBar().currentMessage()
    assert summary.text() == "typed before the server went away"  # kept through the reload
    qtbot.keyClick(summary, Qt.Key.Key_Return)
    assert win.ws.claims.get(cid).summary == "typed before the server went away"
    ben = engine.open("ben")  # and the new feed hears others again
    try:
        ben.claims.update(cid, status=Status.VERIFIED)
        qtbot.waitUntil(lambda: _status_shown(win, cid) == Status.VERIFIED.value, timeout=1000)
    finally:
        ben.close()


@desk_only
def test_an_edit_on_a_lost_connection_waits_in_the_bar_and_is_made_again(
    desk_window, engine, pg_server, qtbot
):
    win = desk_window
    _deaf(win)  # the edit, not the feed, finds the connection gone
    cid = _select_first(win)
    summary = win.detail.claim_tab.summary
    summary.setFocus()
    qtbot.waitUntil(summary.hasFocus)
    summary.selectAll()
    qtbot.keyClicks(summary, "typed while the server was away")
    _terminate_desk_sessions(pg_server, win)
    time.sleep(0.2)
    qtbot.keyClick(summary, Qt.Key.Key_Return)
    _no_dialog(win)
    text = win.stale_bar.message.text()
    assert "was not saved: " in text and "was lost" in text, text
    assert "Yours: summary “typed while the server was away”" in text
    assert win.stale_bar.apply_mine.text() == "Try again"
    assert win.connection_bar.isVisible()
    qtbot.waitUntil(lambda: not win.connection_bar.isVisible(), timeout=15_000)
    win.stale_bar.apply_mine.click()
    assert win.ws.claims.get(cid).summary == "typed while the server was away"
    assert win.undo_stack.count() == 1


@desk_only
def test_an_action_on_a_lost_connection_is_said_not_raised(desk_window, engine, pg_server, qtbot):
    win = desk_window
    _deaf(win)
    cid = _select_first(win)
    _terminate_desk_sessions(pg_server, win)
    time.sleep(0.2)
    win.act["status.false"].trigger()  # reads the claim first: that read finds the connection gone
    _no_dialog(win)
    assert re.match(r"“False” was not done: the connection to .* was lost", win.stale_bar.message.text())
    assert win.connection_bar.isVisible()
    qtbot.waitUntil(lambda: not win.connection_bar.isVisible(), timeout=15_000)
    win.claims.select_claim(cid)
    win.act["status.false"].trigger()
    assert win.ws.claims.get(cid).status is Status.FALSE


@desk_only
def test_a_row_another_session_holds_locked_fails_the_edit_to_the_bar(desk_window, engine, qtbot):
    """The window's statements run on its thread: a lock wait is bounded (lock_timeout), then
    the edit goes to the bar with Try again, as a busy workspace file's does."""
    win = desk_window
    _deaf(win)
    win.ws.bound_waits(0.2)
    cid = _select_first(win)
    ben = engine.open("ben")
    try:
        with ben.atomic():
            ben.db.execute("SELECT id FROM claims WHERE id = ? FOR UPDATE", [cid])
            t0 = time.perf_counter()
            win.act["status.false"].trigger()
            waited = time.perf_counter() - t0
            _no_dialog(win)
            text = win.stale_bar.message.text()
            assert "was not saved: " in text and "busy" in text, text
            assert waited < 2.0
        win.stale_bar.apply_mine.click()  # Ben's transaction is over
        assert win.ws.claims.get(cid).status is Status.FALSE
    finally:
        ben.close()


@pytest.fixture
def own_server():
    """A throwaway server of this test's own, to stop and start again (the session's serves others)."""
    from pg_server import PgUnavailable, start_pg_server

    try:
        server = start_pg_server()
    except PgUnavailable as exc:
        pytest.skip(str(exc))
    yield server
    server.stop()


def _pg_ctl(server, *args: str) -> None:
    done = server._pg(str(server.bindir / "pg_ctl"), "-D", str(server.data_dir), *args)
    assert done.returncode == 0, done.stderr


def test_the_server_stopped_and_started_again_the_window_waits_and_reconnects(
    own_server, seed_path, tmp_path, qtbot
):
    from db import Workspace
    from db.desk import init_desk

    url = own_server.url_for(own_server.create_database("stop_start"))
    init_desk(url)
    ws = Workspace.open(url)
    import_paths(ws, [seed_path])
    propose_claims(ws, 1)
    win = MainWindow(ws, settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.watch.ready, timeout=10_000)
    try:
        cid = _select_first(win)
        own_server._admin.close()  # the fixture's own connection would hold the fast shutdown back
        with qtbot.waitSignal(win.watch.lost, timeout=5000) as lost:
            _pg_ctl(own_server, "-m", "fast", "-w", "-s", "stop")
        assert "was lost" in lost.args[0]
        assert win.connection_bar.isVisible()
        qtbot.waitUntil(lambda: "Still no connection" in win.connection_bar.message.text(), timeout=10_000)
        _no_dialog(win)
        _pg_ctl(own_server, "-l", str(own_server.log_path), "-w", "-s", "start")
        assert win.connection_bar.apply_mine.text() == "Reconnect now"
        win.connection_bar.apply_mine.click()  # not waiting for the next attempt
        assert win.connection_bar.isVisible()  # until it worked
        qtbot.waitUntil(lambda: not win.connection_bar.isVisible(), timeout=15_000)
        win.act["status.verified"].trigger()
        assert win.ws.claims.get(cid).status is Status.VERIFIED
    finally:
        win.close()
        ws.close()
