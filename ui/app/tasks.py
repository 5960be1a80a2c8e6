"""Background work on QThreadPool; results come back to the GUI thread through signals.

`fn` runs on a pool thread: give it plain data only, never widgets, and never the GUI's
Workspace (an sqlite connection belongs to one thread; open a new one in `fn` instead).
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    done = Signal(object)
    error = Signal(object)


class Task(QRunnable):
    """One call of `fn` on the pool. Keep a reference until `signals.done`/`error` fire."""

    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # report every failure to the GUI rather than losing it in the pool
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.signals.error.emit(exc)
        else:
            self.signals.done.emit(result)


_running: set[Task] = set()


def run_in_background(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    pool: QThreadPool | None = None,
) -> Task:
    """Run `fn()` on a pool thread; call `on_done(result)` or `on_error(exc)` on the GUI thread."""
    task = Task(fn)
    _running.add(task)

    def finished(_: object = None) -> None:
        _running.discard(task)

    if on_done is not None:
        task.signals.done.connect(on_done)
    if on_error is not None:
        task.signals.error.connect(on_error)
    task.signals.done.connect(finished)
    task.signals.error.connect(finished)
    (pool or QThreadPool.globalInstance()).start(task)
    return task
