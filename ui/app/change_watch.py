"""How the window hears of other sessions' changes, and keeps its connection (issue 12 items 5, 7).

The workspace hands out a change feed (db/engines/__init__.py `ChangeFeed`); the window does not
know which engine is behind it. A feed with a socket (a desk's LISTENing connection) is watched by
a `QSocketNotifier`: the event loop wakes the window when something arrives, within milliseconds.
Every feed is also asked on a timer (`poll_ms`): that is all a workspace file needs (SQLite's
`data_version`, twice a second), and on a desk it notices a lost connection on a quiet day too.
Asking never waits on the network: it reads what has already arrived.

When the connection is lost (the feed says so, or a write or read of the window fails that way),
`ChangeWatch` says so once (`lost`), then reconnects on a pool thread — connecting waits on the
network, never on the GUI thread — and puts the new connection in place on the GUI thread
(`restored`); while the server stays away it tries again every RETRY_MS (`retrying`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from db.errors import ConnectionLost, WorkspaceError
from ui.app.tasks import run_in_background

if TYPE_CHECKING:
    from db.engines import ChangeFeed
    from db.workspace import Workspace

RETRY_MS = 3000  # between reconnect attempts while the server stays away


class ChangeWatch(QObject):
    """The window's ear on the workspace: `changed` when another session committed, `lost`,
    `retrying` and `restored` for the connection. `timer` is the poll (tests stop it)."""

    changed = Signal()
    lost = Signal(str)  # why
    retrying = Signal(str)  # why the last attempt failed
    restored = Signal()

    def __init__(self, ws: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.feed: ChangeFeed | None = None
        self.notifier: QSocketNotifier | None = None
        self.reconnecting = False
        self._closed = False
        self._attempt: Any = None  # the reconnect task while it runs
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        self._retry.timeout.connect(self.reconnect_now)
        try:
            self._attach(ws.change_feed())
        except ConnectionLost as exc:
            why = str(exc)
            QTimer.singleShot(0, lambda: self.connection_lost(why))
        except WorkspaceError:  # no feed: the window still works, it just hears nothing
            pass

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def check(self) -> bool:
        """Ask the feed (no waiting): True when another session committed since the last ask."""
        if self.feed is None:
            return False
        try:
            news = self.feed.changed()
        except ConnectionLost as exc:
            self.connection_lost(str(exc))
            return False
        except WorkspaceError:  # a file locked or gone right now: ask again next tick
            return False
        if news:
            self.changed.emit()
        return news

    def connection_lost(self, why: str) -> None:
        """Say so once, then reconnect off the GUI thread until the server is back."""
        if self.reconnecting or self._closed:
            return
        self.reconnecting = True
        self._detach()
        self.lost.emit(why)
        self.reconnect_now()

    def reconnect_now(self) -> None:
        """One attempt, on a pool thread (also the bar's "Reconnect now")."""
        if self._closed or self._attempt is not None or not self.reconnecting:
            return
        self._retry.stop()
        ws = self.ws

        def work() -> tuple[Any, ChangeFeed]:
            put_in_place = ws.reconnect()
            return put_in_place, ws.change_feed()

        self._attempt = run_in_background(work, self._reconnected, self._still_lost)

    def _reconnected(self, result: tuple[Any, ChangeFeed]) -> None:
        self._attempt = None
        put_in_place, feed = result
        if self._closed:
            feed.close()
            return
        put_in_place()
        self._attach(feed)
        self.reconnecting = False
        self.restored.emit()

    def _still_lost(self, exc: BaseException) -> None:
        self._attempt = None
        if self._closed:
            return
        self.retrying.emit(str(exc))
        self._retry.start()

    def _attach(self, feed: ChangeFeed) -> None:
        self.feed = feed
        self.timer.setInterval(feed.poll_ms)
        fd = feed.fileno()
        if fd is not None:
            self.notifier = QSocketNotifier(fd, QSocketNotifier.Type.Read, self)
            self.notifier.activated.connect(self.check)

    def _detach(self) -> None:
        if self.notifier is not None:
            self.notifier.setEnabled(False)
            self.notifier.deleteLater()
            self.notifier = None
        if self.feed is not None:
            self.feed.close()
            self.feed = None

    def close(self) -> None:
        self._closed = True
        self.timer.stop()
        self._retry.stop()
        self._detach()
