"""The GUI thread never blocks on long work (issue 10 item 12): File → Export runs every format,
PDF included, on a worker with its own connection, behind a progress dialog with Cancel."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QPushButton

import ui.export.pagination as pagination
from db.flows.importing import import_paths
from ui.app.main_window import MainWindow
from ui.app.panels.export_dialog import ExportDialog
from ui.app.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def window(qtbot, seed_ws, tmp_path):
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    win = MainWindow(seed_ws, settings)
    qtbot.addWidget(win)
    win.open_article(1)
    return win


def _pdf_dialog(qtbot, win, out: Path) -> ExportDialog:
    dialog = ExportDialog(win)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    dialog.everything.setChecked(True)
    dialog.path.setText(str(out))
    return dialog


def test_the_event_loop_runs_while_every_article_is_laid_out_as_pdf(
    qtbot, many_articles, tmp_path, monkeypatch
):
    """A timer keeps ticking while the PDF of every article (13, seconds of work) is laid out, and
    the layout runs on another thread. (The PDF was laid out on the GUI thread: every article froze
    the window for 27 s.) Qt's longest calls keep Python's lock, so a tick can wait a moment."""
    out = tmp_path / "out" / "report.pdf"
    out.parent.mkdir()
    layout_threads: set[str] = set()
    paginate = pagination.paginate

    def watched(*args, **kwargs):
        layout_threads.add(threading.current_thread().name)
        return paginate(*args, **kwargs)

    monkeypatch.setattr("ui.export.pdf.paginate", watched)
    dialog = _pdf_dialog(qtbot, many_articles, out)
    ticks: list[bool] = []  # whether the report was already written at each tick
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(out.exists()))
    timer.start()
    with qtbot.waitSignal(dialog.finished, timeout=60_000):
        dialog.start()
    timer.stop()
    assert ticks.count(False) >= 10, ticks  # the loop ran while the export was under way
    assert layout_threads and threading.main_thread().name not in layout_threads
    assert out.read_bytes().startswith(b"%PDF-") and b"%%EOF" in out.read_bytes()[-64:]
    assert dialog.progress is None and not dialog.running()


@pytest.fixture
def many_articles(window, seed_ws):
    """Twelve more articles with their proposals: the PDF of every article takes seconds."""
    report = import_paths(seed_ws, [ROOT / "tests" / "data" / "articles"], propose=True)
    assert len(report.added) >= 10
    return window


def test_cancel_leaves_the_old_report_and_no_debris(qtbot, many_articles, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "report.pdf"
    out.write_bytes(b"%PDF-1.4 the report of last week\n%%EOF\n")
    old = out.read_bytes()
    dialog = _pdf_dialog(qtbot, many_articles, out)
    dialog.show()
    seen: list[str] = []

    def on_progress(done: int, total: int, what: str) -> None:
        seen.append(what)
        if dialog.progress is not None and not dialog.progress.wasCanceled():
            dialog.progress.findChild(QPushButton).click()  # the progress dialog's Cancel button

    dialog.start()
    task = dialog.task
    assert task is not None and dialog.progress is not None
    task.signals.progress.connect(on_progress)
    with qtbot.waitSignal(task.signals.cancelled, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: dialog.progress is None)
    assert seen  # it had started
    assert out.read_bytes() == old  # the earlier report is intact
    assert sorted(p.name for p in folder.iterdir()) == ["report.pdf"]  # no temporary file
    assert dialog.status.text().startswith("Export cancelled: nothing was written")
    assert dialog.isVisible() and dialog.export_button.isEnabled()
    # the person can export again, and this time it is written
    with qtbot.waitSignal(dialog.finished, timeout=120_000):
        dialog.format.setCurrentIndex(dialog.format.findData("md"))
        dialog.path.setText(str(folder / "report.md"))
        dialog.start()
    assert (folder / "report.md").read_text(encoding="utf-8").startswith("#")


def test_closing_the_dialog_cancels_the_export(qtbot, many_articles, tmp_path):
    out = tmp_path / "report.pdf"
    dialog = _pdf_dialog(qtbot, many_articles, out)
    dialog.show()
    dialog.start()
    task = dialog.task
    with qtbot.waitSignal(task.signals.cancelled, timeout=60_000):
        dialog.reject()
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("report")) == []


def test_proposing_a_huge_article_runs_beside_the_event_loop_and_can_be_cancelled(
    qtbot, window, seed_ws, tmp_path, monkeypatch
):
    """300,000 characters without punctuation take seconds to propose: a progress dialog with
    Cancel, the timer keeps ticking, and a cancelled proposal stores nothing.

    The worker is held at its start until the test listens, and at its third step until Cancel
    was clicked: a fast run could otherwise finish before the window saw a third step (it did,
    one run in three), and there would be nothing left to cancel."""
    import db.flows.importing as importing

    words = "the minister told reporters on tuesday that the ministry would review spending plans "
    dump = tmp_path / "dump.txt"
    dump.write_text(words * (300_000 // len(words)), encoding="utf-8")
    article_id = import_paths(seed_ws, [dump]).added[0].article_id
    window.reload_all()
    window.open_article(article_id)
    listening, clicked = threading.Event(), threading.Event()
    real_run = importing.propose_run

    def held_run(*args, **kwargs):
        assert listening.wait(30)
        return real_run(*args, **kwargs)

    monkeypatch.setattr(importing, "propose_run", held_run)
    seen: list[int] = []  # steps the window heard of
    ticks: list[bool] = []
    window.act["claim.propose"].trigger()
    task, progress = window.jobs._propose_task, window.jobs.propose_progress
    assert window.jobs.proposing and progress is not None

    def tick() -> None:
        ticks.append(window.jobs.proposing)
        if len(seen) >= 3 and ticks.count(True) >= 3 and not clicked.is_set():
            progress.findChild(QPushButton).click()  # Cancel
            clicked.set()

    worker_steps: list[int] = []

    def in_worker(done: int, total: int, what: str) -> None:  # runs on the worker thread
        worker_steps.append(done)
        if len(worker_steps) == 3:
            clicked.wait(30)

    task.signals.progress.connect(lambda done, total, what: seen.append(done))
    task.signals.progress.connect(in_worker, Qt.ConnectionType.DirectConnection)
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    with qtbot.waitSignal(task.signals.cancelled, timeout=60_000):
        listening.set()
    timer.stop()
    assert clicked.is_set() and ticks.count(True) >= 3  # the event loop ran while the engine worked
    assert seed_ws.claims.count(article_id) == 0  # nothing stored
    assert not window.jobs.proposing and window.jobs.propose_progress is None
    assert window.act["claim.propose"].isEnabled()
