"""Repainting the window must not leak or drop references to None.

PySide6 6.12.0 under Python 3.11 decremented None's reference count on every void Qt call, which
aborted the app ("none_dealloc") after minutes of use; pyproject.toml keeps that release out.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView
from test_gui_helpers import settings

from db.flows.importing import propose_claims
from ui.app.main_window import MainWindow


def test_void_qt_calls_keep_none_alive():
    font = QFont()
    before = sys.getrefcount(None)
    for _ in range(1000):
        font.setItalic(True)
    assert sys.getrefcount(None) - before > -100  # 6.12.0 on 3.11 gives -1000


def test_repaints_keep_none_refcount_level(seed_ws, tmp_path, qtbot):
    propose_claims(seed_ws, 1)
    win = MainWindow(seed_ws, settings(tmp_path))
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    views = [v for v in win.findChildren(QAbstractItemView) if v.isVisible()]
    assert views
    for view in views:  # warm caches first
        view.viewport().repaint()
    before = sys.getrefcount(None)
    for _ in range(20):
        for view in views:
            view.viewport().repaint()
    assert sys.getrefcount(None) - before > -50
