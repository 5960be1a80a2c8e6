"""A desk's change feed and its faults (issue 12 items 5 and 7), below the window: the feed hears
another connection's commit and not its own engine's, on both engines; a terminated backend reads
as ConnectionLost and `reconnect` brings the workspace back; the statement timeout fires with a
clear message; a server that is not there is one clear error."""

from __future__ import annotations

import select
import time

import pytest

from db import Workspace
from db.errors import ConnectionLost, NotAWorkspace, WorkspaceLocked


def _wait_changed(feed, seconds: float = 3.0) -> bool:
    """Wait as the window does: on the feed's socket when it has one, else its poll interval."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        fd = feed.fileno()
        if fd is not None:
            select.select([fd], [], [], 0.2)
        else:
            time.sleep(feed.poll_ms / 1000)
        if feed.changed():
            return True
    return False


def test_the_feed_hears_another_connections_commit_and_not_its_own(seed_any, engine):
    feed = seed_any.change_feed()
    try:
        assert not feed.changed()
        seed_any.claims.add(1, 0, 20, summary="mine")  # the window's own write is no news
        time.sleep(0.3)
        assert not feed.changed()
        ben = engine.open("ben")
        try:
            ben.claims.add(1, 30, 50, summary="Ben's")
            assert _wait_changed(feed)
            assert not feed.changed()  # read once
        finally:
            ben.close()
    finally:
        feed.close()


def _terminate_others(pg_server, url_dbname: str) -> int:
    """pg_terminate_backend every other session on the test's database (from a superuser connection)."""
    rows = (
        pg_server.admin()
        .execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (url_dbname,),
        )
        .fetchall()
    )
    return len(rows)


def _dbname(ws: Workspace) -> str:
    return ws.db.execute("SELECT current_database()").fetchone()[0]


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)  # a file has no connection to lose
def test_a_terminated_backend_is_a_lost_connection_and_reconnect_brings_it_back(pg_server, engine):
    ws = engine.open("tester")
    feed = ws.change_feed()
    try:
        assert _terminate_others(pg_server, _dbname(ws)) >= 2
        with pytest.raises(ConnectionLost, match="connection to postgresql: .* was lost"):
            _wait_changed(feed)
        with pytest.raises(ConnectionLost, match="was lost"):
            ws.articles.count()
        assert ws.connection_lost
        put_in_place = ws.reconnect()
        put_in_place()
        assert not ws.connection_lost
        assert ws.articles.count() == 0
    finally:
        feed.close()
        ws.close()


def test_a_statement_past_the_timeout_is_cancelled_with_a_clear_message(pg_database, monkeypatch):
    from db.desk import init_desk

    init_desk(pg_database)
    monkeypatch.setenv("WORKBENCH_STATEMENT_TIMEOUT", "0.2")
    ws = Workspace.open(pg_database)
    try:
        assert ws.db.execute("SHOW statement_timeout").fetchone()[0] == "200ms"
        with pytest.raises(
            WorkspaceLocked, match="did not answer within the statement timeout .*nothing was changed"
        ):
            try:
                ws.db.execute("SELECT pg_sleep(2)")
            except ws.engine.driver_errors as exc:
                raise ws.engine.translate(exc) from exc
        assert ws.articles.count() == 0  # the connection is fine afterwards
    finally:
        ws.close()


def test_a_timeout_the_dba_set_for_the_role_wins(pg_server, pg_database):
    from db.desk import init_desk

    init_desk(pg_database)
    name = pg_database.split("@/")[1].split("?")[0]
    pg_server.admin().execute(f"ALTER DATABASE \"{name}\" SET statement_timeout = '5min'")
    ws = Workspace.open(pg_database)
    try:
        assert ws.db.execute("SHOW statement_timeout").fetchone()[0] == "5min"
    finally:
        ws.close()


def test_a_server_that_is_not_there_is_one_clear_error(tmp_path):
    with pytest.raises(NotAWorkspace, match=r"cannot reach the desk \(postgresql: .*\)"):
        Workspace.open(f"postgresql://anna@/desk?host={tmp_path}&connect_timeout=2")


def _down_url(tmp_path) -> str:
    """A desk address where no server listens (an empty socket folder)."""
    return f"postgresql://anna@/desk?host={tmp_path}&connect_timeout=2"


def test_server_down_at_start_is_one_line_in_the_cli(tmp_path, capsys):
    from ui.cli.main import main

    code = main(["articles", "-w", _down_url(tmp_path)])
    err = capsys.readouterr().err
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("workbench: error: cannot reach the desk (postgresql: user=anna"), err
    assert "Traceback" not in err


def test_server_down_at_start_is_a_message_in_the_gui_not_a_crash(tmp_path, qtbot, monkeypatch, capsys):
    from PySide6.QtWidgets import QMessageBox

    from ui.app.run import open_workspace_gui

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, title, text, *a: shown.append((title, text)))
    assert open_workspace_gui(_down_url(tmp_path), False, None, interactive=True) is None
    assert len(shown) == 1
    title, text = shown[0]
    assert title == "Cannot open the workspace"
    assert text.startswith("cannot reach the desk (postgresql: user=anna") and "Traceback" not in text
    assert capsys.readouterr().err.startswith("workbench: cannot reach the desk")
