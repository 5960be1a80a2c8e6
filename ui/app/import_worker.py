"""Importing files off the GUI thread, with progress, Cancel and a report of failures.

The worker opens its own Workspace connection on the same file or desk: a connection must not
be shared between threads. Each stored item is its own transaction (db.flows.importing), so Cancel
keeps what was already imported.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from db.flows.importing import ImportReport, import_paths
from db.workspace import Workspace
from workbench.progress import Steps


class ImportSignals(QObject):
    progress = Signal(int, int, str)  # files done, files total, current file
    finished = Signal(object)  # ImportReport
    failed = Signal(str)  # a message: the import could not run at all


class ImportWorker(QRunnable):
    """Imports `paths` into the workspace at `workspace_path` (a file, or a desk's URL) on a pool thread."""

    def __init__(
        self, workspace_path: Path | str, paths: list[str], *, user: str, propose: bool = False
    ) -> None:
        super().__init__()
        self.workspace_path = workspace_path
        self.paths = paths
        self.user = user
        self.propose = propose
        self.signals = ImportSignals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            with Workspace.open(self.workspace_path, user=self.user) as ws:
                report: ImportReport = import_paths(
                    ws,
                    self.paths,
                    progress=lambda done, total, current: self.signals.progress.emit(done, total, current),
                    cancelled=self._cancel.is_set,
                    propose=self.propose,
                    steps=Steps(cancelled=self._cancel.is_set),  # Cancel also stops a long proposal
                )
        except Exception as exc:  # reported in the GUI: the import must never take the window down
            self.signals.failed.emit(str(exc) or type(exc).__name__)
        else:
            self.signals.finished.emit(report)

    def start(self, pool: QThreadPool | None = None) -> None:
        (pool or QThreadPool.globalInstance()).start(self)
