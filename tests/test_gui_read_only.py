"""A read-only workspace: edit keys say why nothing is saved instead of doing nothing, and the
open dialogs do not quote the CLI's flags."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox
from test_gui_helpers import settings

from db import Workspace
from ui.app import run as app
from ui.app.main_window import MainWindow
from workbench.model import Status


def test_status_key_on_a_read_only_workspace_says_not_saved(seed_ws, tmp_path, qtbot):
    claim = seed_ws.claims.add(1, 0, 20)
    seed_ws.close()
    ws = Workspace.open(seed_ws.path, read_only=True)
    win = MainWindow(ws, settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    win.open_article(1)
    assert win.select_claim(claim.id)
    act = win.act[f"status.{Status.VERIFIED.value}"]
    assert act.isEnabled()  # the key fires, and explains
    with qtbot.waitSignal(win.undo_stack.failed) as blocker:
        act.trigger()
    assert blocker.args[1] == "the workspace is open read-only"
    assert "Set status" in blocker.args[0]
    assert win.last_write_error.endswith("was not saved: the workspace is open read-only")
    assert ws.claims.get(claim.id).status is Status.UNCHECKED
    assert win.undo_stack.count() == 0
    for box in win.findChildren(QMessageBox):
        box.close()
    ws.close()


def test_read_only_file_dialog_does_not_quote_the_cli_flag(seed_ws, monkeypatch):
    seed_ws.close()
    path = seed_ws.path
    asked: list[str] = []

    def question(parent, title, text, *a, **k):
        asked.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr("os.access", lambda p, mode: False)
    assert app.open_workspace_gui(path, False, None, interactive=True) is None
    assert asked and "read-only" in asked[0]
    assert "--read-only" not in asked[0]
    assert "--read-only" not in app.gui_message(
        f"{path} is read-only: open it read-only (--read-only) to look"
    )
