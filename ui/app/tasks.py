"""Background work on QThreadPool; results come back to the GUI thread through signals.

`fn` runs on a pool thread: give it plain data only, never widgets, and never the GUI's
Workspace (an sqlite connection belongs to one thread; open a new one in `fn` instead).
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from workbench.progress import Cancelled, Steps


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


class _LongSignals(QObject):
    progress = Signal(int, int, str)  # done, total (0: not known), what is being done
    done = Signal(object)
    error = Signal(object)
    cancelled = Signal()


class LongTask(QRunnable):
    """Long work on the pool that reports progress and can be cancelled: `fn(steps)` calls
    `steps.step(...)` where stopping leaves nothing half-written (workbench.progress).

    `cancel()` (e.g. a progress dialog's Cancel) makes the next step raise Cancelled; then
    `signals.cancelled` fires instead of `done`. `start()` keeps it alive until one of them fires.
    """

    def __init__(self, fn: Callable[[Steps], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _LongSignals()
        self._cancel = threading.Event()
        self.finished = threading.Event()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    def start(self, pool: QThreadPool | None = None) -> None:
        """Start on a pool thread; connect to `signals` first (they arrive queued, on the GUI thread)."""
        _long_running.add(self)
        for signal in (self.signals.done, self.signals.error, self.signals.cancelled):
            signal.connect(lambda *_: _long_running.discard(self))
        (pool or QThreadPool.globalInstance()).start(self)

    def run(self) -> None:
        steps = Steps(report=self.signals.progress.emit, cancelled=self._cancel.is_set)
        try:
            result = self.fn(steps)
        except Cancelled:
            self.finished.set()
            self.signals.cancelled.emit()
        except BaseException as exc:  # reported in the GUI, never lost in the pool
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.finished.set()
            self.signals.error.emit(exc)
        else:
            self.finished.set()
            self.signals.done.emit(result)


_long_running: set[LongTask] = set()
