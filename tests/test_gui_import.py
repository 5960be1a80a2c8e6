"""Importing from the window: a worker thread with progress, Cancel, and failures reported."""

from __future__ import annotations

import pytest
from test_gui_helpers import settings

from db import Workspace
from ui.app.import_worker import ImportWorker
from ui.app.main_window import MainWindow


def _articles(folder, n):
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:03d}.txt").write_text(
            f"Story number {i} about rockets\n\nOfficials said {i} rockets hit the base on Monday, a source told AFP.\n",
            encoding="utf-8",
        )
    return folder


def test_worker_reports_progress_and_imports(tmp_path, qtbot):
    folder = _articles(tmp_path / "in", 5)
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    ws_path = tmp_path / "ws.db"
    Workspace.open(ws_path).close()
    worker = ImportWorker(ws_path, [str(folder)], user="tester")
    seen = []
    worker.signals.progress.connect(lambda done, total, cur: seen.append((done, total)))
    with qtbot.waitSignal(worker.signals.finished, timeout=20000) as blocker:
        worker.start()
    report = blocker.args[0]
    assert len(report.added) == 5
    assert report.failed and "broken.txt" in str(report.failed[0])
    assert seen[-1] == (6, 6) and seen[0] == (0, 6)  # six files read, one failed
    with Workspace.open(ws_path) as ws:
        assert ws.articles.count() == 5


def test_worker_cancel_keeps_what_was_imported(tmp_path, qtbot):
    folder = _articles(tmp_path / "in", 40)
    ws_path = tmp_path / "ws.db"
    Workspace.open(ws_path).close()
    worker = ImportWorker(ws_path, [str(folder)], user="tester")

    def cancel_after_two(done, total, current):
        if done >= 2:
            worker.cancel()

    # a direct connection runs in the worker thread, so Cancel lands before the next file
    from PySide6.QtCore import Qt

    worker.signals.progress.connect(cancel_after_two, Qt.ConnectionType.DirectConnection)
    with qtbot.waitSignal(worker.signals.finished, timeout=20000) as blocker:
        worker.start()
    report = blocker.args[0]
    assert report.cancelled
    assert 2 <= len(report.added) < 40
    with Workspace.open(ws_path) as ws:
        assert ws.articles.count() == len(report.added)


def test_window_import_shows_new_articles(seed_ws, tmp_path, qtbot):
    folder = _articles(tmp_path / "in", 3)
    win = MainWindow(seed_ws, settings(tmp_path))
    qtbot.addWidget(win)
    win.jobs.propose_on_import.setChecked(False)
    win.show()
    with qtbot.waitSignal(win.changed, timeout=20000):
        worker = win.jobs.import_paths([str(folder)])
    assert worker is not None
    assert win.article_list.model.rowCount() == 4
    assert win.jobs.last_import_report.summary().startswith("3 added")


@pytest.mark.parametrize("read_only", [True])
def test_read_only_window_refuses_import(seed_ws, tmp_path, qtbot, read_only, monkeypatch):
    seed_ws.close()
    ws = Workspace.open(seed_ws.path, read_only=read_only)
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    win = MainWindow(ws, settings(tmp_path))
    qtbot.addWidget(win)
    assert win.jobs.import_paths([str(tmp_path)]) is None
    assert not win.act["claim.new"].isEnabled()
    ws.close()


def test_cancel_stops_a_long_proposal_during_an_import(tmp_path, qtbot, monkeypatch):
    """A 300,000-character article imported with proposals: Cancel used to wait for the whole
    proposal (seconds). It stops the proposal; the article is stored, with no proposal."""
    import threading

    words = "the minister told reporters on tuesday that the ministry would review spending plans "
    dump = tmp_path / "dump.txt"
    dump.write_text(words * (300_000 // len(words)), encoding="utf-8")
    ws_path = tmp_path / "ws.db"
    Workspace.open(ws_path).close()
    worker = ImportWorker(ws_path, [str(dump)], user="tester", propose=True)
    import workbench.extraction.engine as engine

    real, started = engine.find_in_unit, threading.Event()

    def noticing(*args, **kwargs):  # the engine is at work on the article: press Cancel
        if not started.is_set():
            started.set()
            worker.cancel()
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "find_in_unit", noticing)
    with qtbot.waitSignal(worker.signals.finished, timeout=120_000) as blocker:
        worker.start()
    report = blocker.args[0]
    assert started.is_set() and report.cancelled and len(report.added) == 1
    with Workspace.open(ws_path) as ws:
        assert ws.articles.count() == 1 and ws.claims.count() == 0
