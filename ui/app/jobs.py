"""The window's background jobs: proposing claims for an article, and importing files.

Each job opens its own connection on the workspace file on a pool thread (a connection belongs
to one thread) and reports back on the GUI thread; an in-memory workspace runs proposals here.
Both show a progress dialog with Cancel once they take a while (a 1 MB article takes seconds to
propose): a cancelled proposal stores nothing (one transaction), a cancelled import keeps the
files imported before it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from ui.app.dialogs import ImportReportDialog
from ui.app.import_worker import ImportWorker
from ui.app.plain_text import literal, plain_label
from ui.app.tasks import LongTask
from ui.app.undo import ProposeClaims
from workbench.progress import Steps

if TYPE_CHECKING:
    from db.stores.claims import ProposalRun
    from ui.app.shell import Shell

IMPORT_FILTER = (
    "Articles and archives (*.txt *.md *.markdown *.html *.htm *.json *.jsonl *.csv *.tsv);;All files (*)"
)


class WindowJobs:
    """The window's background jobs: propose claims and import files.

    `proposing` is True while a proposal runs; `propose_on_import` is the File menu's option;
    `last_import_report` is the report of the last import (tests read it).
    """

    def __init__(self, shell: Shell) -> None:
        self.shell = shell
        self.proposing = False
        self.propose_on_import = QAction(
            "Propose claims on import", shell.window(), checkable=True, checked=True
        )
        self.last_import_report: Any = None
        self.import_progress: QProgressDialog | None = None
        self._import_worker: ImportWorker | None = None
        self._propose_task: Any = None
        self.propose_progress: QProgressDialog | None = None  # while a proposal runs

    # --- proposing ------------------------------------------------------------------------

    def propose(self) -> None:
        shell = self.shell
        article_id = shell.current_article_id()
        if article_id is None or shell.ws.read_only or self.proposing:
            return
        from db.flows.importing import propose_run

        self.proposing = True
        shell.update_enabled()
        shell.show_status("Proposing claims…")
        if not shell.ws.name:  # an in-memory workspace has no second connection: run here
            try:
                self._proposed(propose_run(shell.ws, article_id))
            except Exception as exc:  # shown to the user; the workspace is unchanged (one transaction)
                self._propose_failed(exc)
            return
        own = shell.ws

        def work(steps: Steps) -> ProposalRun:
            with own.reopen() as ws:  # this thread's own connection, same user
                return propose_run(ws, article_id, steps)

        task = LongTask(work)
        progress = QProgressDialog("Proposing claims…", "Cancel", 0, 100, shell.window())
        progress.setWindowTitle("Proposing claims")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)  # a usual article is done before it would show
        progress.setAutoReset(False)
        progress.setAutoClose(False)
        progress.canceled.connect(task.cancel)
        self.propose_progress = progress

        def on_progress(done: int, total: int, _what: str) -> None:
            if not progress.wasCanceled() and total:
                progress.setValue(100 * done // total)

        task.signals.progress.connect(on_progress)
        task.signals.done.connect(self._proposed)
        task.signals.error.connect(self._propose_failed)
        task.signals.cancelled.connect(self._propose_cancelled)
        self._propose_task = task
        task.start()

    def _close_propose_progress(self) -> None:
        if self.propose_progress is not None:
            self.propose_progress.reset()
            self.propose_progress.hide()
            self.propose_progress.deleteLater()
            self.propose_progress = None

    def _propose_cancelled(self) -> None:
        self._close_propose_progress()
        self.proposing = False
        self.shell.update_enabled()
        self.shell.show_status("Proposing cancelled: no claim was proposed", 6000)

    def _proposed(self, run: ProposalRun) -> None:
        """The run is written: push it on the undo stack (Edit → Undo Propose claims (n))."""
        self._close_propose_progress()
        self.proposing = False
        self.shell.undo_stack.push(ProposeClaims(self.shell, run))
        self.shell.reload_all()
        self.shell.show_status(
            f"{len(run.added)} claim(s) proposed — A accepts, R rejects, J/K move, Ctrl+Z undoes", 6000
        )

    def _propose_failed(self, exc: BaseException) -> None:
        self._close_propose_progress()
        self.proposing = False
        self.shell.update_enabled()
        QMessageBox.warning(
            self.shell.window(), "Propose claims", literal(f"Could not propose claims: {exc}")
        )

    # --- importing ------------------------------------------------------------------------

    def paste_article(self, mime: Any = None) -> Any:
        """Edit → Paste as new article (or a drop's `mime`): see ui/app/paste.py."""
        from ui.app.paste import paste_article

        report = paste_article(self.shell, mime)
        if report is not None:
            self.last_import_report = report
            if (report.added or report.updated) and self.propose_on_import.isChecked():
                self.propose()  # on the opened article, undoable as Ctrl+P
        return report

    def import_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self.shell.window(), "Import articles", "", IMPORT_FILTER)
        if paths:
            self.import_paths(paths)

    def import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.shell.window(), "Import a folder")
        if folder:
            self.import_paths([folder])

    def import_paths(self, paths: list[str]) -> ImportWorker | None:
        """Import in a worker thread with a progress dialog; returns the worker (tests wait on it)."""
        shell, parent = self.shell, self.shell.window()
        if shell.ws.read_only or not shell.ws.name:
            QMessageBox.information(parent, "Import", "This workspace cannot be changed (read-only).")
            return None
        worker = ImportWorker(
            shell.ws.name, paths, user=shell.ws.user, propose=self.propose_on_import.isChecked()
        )
        progress = QProgressDialog("Reading files…", "Cancel", 0, 0, parent)
        progress.setLabel(plain_label("Reading files…"))  # it shows file names
        progress.setWindowTitle("Importing")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.canceled.connect(worker.cancel)

        def on_progress(done: int, total: int, current: str) -> None:
            progress.setMaximum(max(total, 1))
            progress.setValue(done)
            progress.setLabelText(
                f"Importing {done + 1 if done < total else done} of {total}\n{current[-80:]}"
            )

        def on_finished(report: Any) -> None:
            progress.reset()
            progress.deleteLater()
            self._import_worker = None
            self.last_import_report = report
            shell.reload_all()
            if report.added or report.updated:
                shell.open_article((report.added or report.updated)[-1].article_id)
            elif report.annotated:  # an annotation file: show the article that received claims
                shell.open_article(report.annotated[-1])
            shell.show_status(report.summary(), 8000)
            if report.failed or report.skipped or report.notes or report.cancelled or report.unsure:
                ImportReportDialog(report, parent).open()

        def on_failed(message: str) -> None:
            progress.reset()
            progress.deleteLater()
            self._import_worker = None
            QMessageBox.warning(parent, "Import failed", literal(message))

        worker.signals.progress.connect(on_progress)
        worker.signals.finished.connect(on_finished)
        worker.signals.failed.connect(on_failed)
        self._import_worker = worker
        self.import_progress = progress
        worker.start()
        return worker
