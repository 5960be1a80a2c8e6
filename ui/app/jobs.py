"""The window's background jobs: proposing claims for an article, and importing files.

Each job opens its own connection on the workspace file on a pool thread (a connection belongs
to one thread) and reports back on the GUI thread; an in-memory workspace runs proposals here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from db.workspace import Workspace
from ui.app.dialogs import ImportReportDialog
from ui.app.import_worker import ImportWorker
from ui.app.tasks import run_in_background

if TYPE_CHECKING:
    from ui.app.main_window import MainWindow

IMPORT_FILTER = (
    "Articles and archives (*.txt *.md *.markdown *.html *.htm *.json *.jsonl *.csv *.tsv);;All files (*)"
)


class WindowJobs:
    """Mixed into MainWindow: propose claims and import files in the background."""

    # --- proposing ------------------------------------------------------------------------

    def propose(self: MainWindow) -> None:
        article_id = self._article_id
        if article_id is None or self.ws.read_only or self._proposing:
            return
        from db.flows.importing import propose_claims

        self._proposing = True
        self._update_enabled()
        self.statusBar().showMessage("Proposing claims…")
        if self.ws.path is None:  # an in-memory workspace has no second connection: run here
            try:
                self._proposed(propose_claims(self.ws, article_id))
            except Exception as exc:  # shown to the user; the workspace is unchanged (one transaction)
                self._propose_failed(exc)
            return
        path, user = self.ws.path, self.ws.user

        def work() -> int:
            with Workspace.open(path, user=user) as ws:
                return propose_claims(ws, article_id)

        self._propose_task = run_in_background(work, self._proposed, self._propose_failed)

    def _proposed(self: MainWindow, count: int) -> None:
        self._proposing = False
        self.reload_all()
        self.statusBar().showMessage(f"{count} claim(s) proposed — A accepts, R rejects, J/K move", 6000)

    def _propose_failed(self: MainWindow, exc: BaseException) -> None:
        self._proposing = False
        self._update_enabled()
        QMessageBox.warning(self, "Propose claims", f"Could not propose claims: {exc}")

    # --- importing ------------------------------------------------------------------------

    def import_files(self: MainWindow) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Import articles", "", IMPORT_FILTER)
        if paths:
            self.import_paths(paths)

    def import_folder(self: MainWindow) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import a folder")
        if folder:
            self.import_paths([folder])

    def import_paths(self: MainWindow, paths: list[str]) -> ImportWorker | None:
        """Import in a worker thread with a progress dialog; returns the worker (tests wait on it)."""
        if self.ws.read_only or self.ws.path is None:
            QMessageBox.information(self, "Import", "This workspace cannot be changed (read-only).")
            return None
        worker = ImportWorker(
            self.ws.path, paths, user=self.ws.user, propose=self.propose_on_import.isChecked()
        )
        progress = QProgressDialog("Reading files…", "Cancel", 0, 0, self)
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
            self.reload_all()
            if report.added or report.updated:
                self.open_article((report.added or report.updated)[-1].article_id)
            self.statusBar().showMessage(report.summary(), 8000)
            if report.failed or report.cancelled:
                ImportReportDialog(report, self).open()

        def on_failed(message: str) -> None:
            progress.reset()
            progress.deleteLater()
            self._import_worker = None
            QMessageBox.warning(self, "Import failed", message)

        worker.signals.progress.connect(on_progress)
        worker.signals.finished.connect(on_finished)
        worker.signals.failed.connect(on_failed)
        self._import_worker = worker
        self.import_progress = progress
        worker.start()
        return worker
