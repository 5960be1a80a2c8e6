"""The window's background jobs: proposing claims for an article, and importing files.

Each job opens its own connection on the workspace file on a pool thread (a connection belongs
to one thread) and reports back on the GUI thread; an in-memory workspace runs proposals here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from ui.app.dialogs import ImportReportDialog
from ui.app.import_worker import ImportWorker
from ui.app.plain_text import literal, plain_label
from ui.app.tasks import run_in_background
from ui.app.undo import ProposeClaims

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
        if shell.ws.path is None:  # an in-memory workspace has no second connection: run here
            try:
                self._proposed(propose_run(shell.ws, article_id))
            except Exception as exc:  # shown to the user; the workspace is unchanged (one transaction)
                self._propose_failed(exc)
            return
        own = shell.ws

        def work() -> ProposalRun:
            with own.reopen() as ws:  # this thread's own connection, same user
                return propose_run(ws, article_id)

        self._propose_task = run_in_background(work, self._proposed, self._propose_failed)

    def _proposed(self, run: ProposalRun) -> None:
        """The run is written: push it on the undo stack (Edit → Undo Propose claims (n))."""
        self.proposing = False
        self.shell.undo_stack.push(ProposeClaims(self.shell, run))
        self.shell.reload_all()
        self.shell.show_status(
            f"{len(run.added)} claim(s) proposed — A accepts, R rejects, J/K move, Ctrl+Z undoes", 6000
        )

    def _propose_failed(self, exc: BaseException) -> None:
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
        if shell.ws.read_only or shell.ws.path is None:
            QMessageBox.information(parent, "Import", "This workspace cannot be changed (read-only).")
            return None
        worker = ImportWorker(
            shell.ws.path, paths, user=shell.ws.user, propose=self.propose_on_import.isChecked()
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
