"""A workspace opened read-only (a read-only file, or `open --read-only`) still exports: export
only reads, so its background worker must not ask for write access the file does not give."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

from db import Workspace
from ui.app.main_window import MainWindow
from ui.app.panels.export_dialog import ExportDialog
from ui.app.settings import Settings


def test_export_from_a_read_only_workspace_file(qtbot, seed_ws, tmp_path, monkeypatch):
    path = seed_ws.path
    seed_ws.close()
    path.chmod(0o444)
    if os.geteuid() == 0:  # root may write anything: make the permission check answer as for a user
        real_access = os.access

        def no_write(target: object, mode: int) -> bool:
            if mode & os.W_OK and Path(target) == path:
                return False
            return real_access(target, mode)

        monkeypatch.setattr("db.workspace.os.access", no_write)
    ws = Workspace.open(path, read_only=True)
    try:
        settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
        win = MainWindow(ws, settings)
        qtbot.addWidget(win)
        dialog = ExportDialog(win)
        qtbot.addWidget(dialog)
        dialog.format.setCurrentIndex(dialog.format.findData("html"))
        out = tmp_path / "report.html"
        dialog.path.setText(str(out))
        with qtbot.waitSignal(dialog.finished, timeout=10_000):
            dialog.start()
        assert "Export failed" not in dialog.status.text()
        assert out.exists() and "Enraged by near-daily attacks" in out.read_text(encoding="utf-8")
    finally:
        ws.close()
        path.chmod(0o644)
