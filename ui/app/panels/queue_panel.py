"""The editor's queue: the articles waiting for the desk, in a window of their own (Tools → Desk
queue, Ctrl+Shift+Q). The rows are `db.queries.queue.editor_queue`, the query `workbench queue`
prints; sortable by every column; Enter (or a double-click) opens the article in the main window;
the selected story's sourcing summary shows under the table.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableView,
    QVBoxLayout,
)

from db.errors import WorkspaceError
from db.queries.queue import QueueItem, editor_queue
from db.queries.report_data import load_article_report
from ui.app.plain_text import plain_label
from ui.app.tasks import run_in_background
from workbench.reports.sourcing import percent, summarise

if TYPE_CHECKING:
    from ui.app.context import PanelHost

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ARTICLE_ROLE = Qt.ItemDataRole.UserRole + 2


class QCol(IntEnum):
    TITLE = 0
    OUTLET = 1
    DATE = 2
    CLAIMS = 3
    ATTENTION = 4
    QUERIES = 5
    PROPOSALS = 6
    UNVERIFIED = 7
    LAST_AT = 8
    WORKERS = 9


HEADERS: dict[QCol, tuple[str, str]] = {
    QCol.TITLE: ("Article", "The article's title"),
    QCol.OUTLET: ("Outlet", "Agency or publisher"),
    QCol.DATE: ("Date", "The article's date"),
    QCol.CLAIMS: ("Claims", "Claims counted (rejected and weak proposals are not)"),
    QCol.ATTENTION: ("⚑", "Claims needing attention (the rule of the ⚑ filter and the reports)"),
    QCol.QUERIES: ("Queries", "Claims the desk queried"),
    QCol.PROPOSALS: ("Proposals", "Proposals nobody accepted or rejected yet"),
    QCol.UNVERIFIED: ("Unverified", "Claims unchecked or in progress"),
    QCol.LAST_AT: ("Last worked on", "When someone last changed the article or its claims (audit log)"),
    QCol.WORKERS: ("Worked on by", "Who changed it, the most recent first (changes in brackets)"),
}
NUMERIC = (QCol.CLAIMS, QCol.ATTENTION, QCol.QUERIES, QCol.PROPOSALS, QCol.UNVERIFIED)


def _when(at: str) -> str:
    return at[:16].replace("T", " ")


def cell(item: QueueItem, col: QCol) -> str:
    """What a cell shows."""
    if col in NUMERIC:
        value = getattr(item, col.name.lower())
        return str(value) if value or col == QCol.CLAIMS else ""  # nothing open: left blank
    return {
        QCol.TITLE: item.title or f"Article {item.article_id}",
        QCol.OUTLET: item.outlet,
        QCol.DATE: item.date[:10],
        QCol.LAST_AT: _when(item.last_at),
        QCol.WORKERS: ", ".join(f"{w.user} ({w.changes})" for w in item.workers),
    }[col]


def sort_key(item: QueueItem, col: QCol) -> Any:
    if col in NUMERIC:
        return getattr(item, col.name.lower())
    if col == QCol.LAST_AT:
        return item.last_at
    if col == QCol.WORKERS:
        return item.last_by.casefold()
    return cell(item, col).casefold()


class QueueModel(QAbstractTableModel):
    """The queue's rows (`QueueItem`s) as a table; SORT_ROLE gives each cell's sort key."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[QueueItem] = []

    def set_items(self, items: list[QueueItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> QueueItem:
        return self._items[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(QCol)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(QCol):
            return None
        label, tip = HEADERS[QCol(section)]
        if role == Qt.ItemDataRole.DisplayRole:
            return label
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item, col = self._items[index.row()], QCol(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return cell(item, col)
        if role == Qt.ItemDataRole.ToolTipRole and col in (QCol.TITLE, QCol.WORKERS):
            return "\n".join(
                [item.title]
                if col == QCol.TITLE
                else [f"{w.user}: {w.changes} change(s), last {_when(w.last_at)}" for w in item.workers]
            )
        if role == SORT_ROLE:
            return sort_key(item, col)
        if role == ARTICLE_ROLE:
            return item.article_id
        if role == Qt.ItemDataRole.TextAlignmentRole and col in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class QueueProxy(QSortFilterProxyModel):
    """Sorts the queue by SORT_ROLE (numbers as numbers, times as ISO text)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left: Index, right: Index) -> bool:
        return self.sourceModel().data(left, SORT_ROLE) < self.sourceModel().data(right, SORT_ROLE)


class QueueDialog(QDialog):
    """The Desk queue window: not modal, so the article it opens can be worked on beside it."""

    def __init__(self, host: PanelHost) -> None:
        super().__init__(host.window())
        self.host = host
        self.setWindowTitle("Desk queue — articles waiting for the desk")
        self.model = QueueModel(self)
        self.proxy = QueueProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Desk queue")
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)  # one line a story, the title elided (its tooltip has it all)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QCol.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the query's order: most to do first
        self.table.activated.connect(self.open_index)  # Enter or double-click
        self.summary = plain_label(wrap=True)
        self.summary.setAccessibleName("Sourcing summary of the selected article")
        self.status = plain_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.refresh_button = buttons.addButton("Refresh", QDialogButtonBox.ButtonRole.ActionRole)
        self.refresh_button.clicked.connect(self.refresh)
        buttons.rejected.connect(self.close)
        for button in buttons.buttons():  # Enter in the table opens an article, never closes the queue
            button.setAutoDefault(False)
            button.setDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show_summary(cur))
        self._task: object | None = None  # the read running, if any
        self.resize(980, 460)

    def refresh(self) -> None:
        """Read the queue again, on a pool thread with its own read-only connection (every claim
        of the workspace is read: at 100,000 claims that takes a second); the main window's edits
        call this while the queue is open, and a later call supersedes a read still running."""
        ws, threshold = self.host.ws, self.host.settings.worth_threshold
        self.refresh_button.setEnabled(False)
        if not self.model.rowCount():
            self.status.setText("Reading the queue…")
        if not ws.name:  # in memory: no second connection can see it
            self._read(lambda: editor_queue(ws, threshold=threshold))
            return

        def work() -> list[QueueItem]:
            with ws.reopen(read_only=True) as own:
                return editor_queue(own, threshold=threshold)

        ref: list = [None]
        ref[0] = self._task = run_in_background(
            work,
            lambda items: self._task is ref[0] and self._show(items),
            lambda exc: self._task is ref[0] and self._failed(exc),
        )

    def is_reading(self) -> bool:
        return self._task is not None

    def _read(self, read: Callable[[], list[QueueItem]]) -> None:
        try:
            items = read()
        except WorkspaceError as exc:
            self._failed(exc)
            return
        self._show(items)

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self.refresh_button.setEnabled(True)
        self.status.setText(f"Could not read the queue: {exc}")

    def _show(self, items: list[QueueItem]) -> None:
        self._task = None
        self.refresh_button.setEnabled(True)
        current = self.current_article_id()
        self.model.set_items(items)
        n = len(items)
        self.status.setText(
            f"{n} article{'s' if n != 1 else ''} waiting for the desk (not signed off). "
            "Enter opens the selected one."
            if n
            else "No article is waiting: every article is signed off."
        )
        self.table.resizeColumnsToContents()
        row = next((r for r in range(self.proxy.rowCount()) if self._article_at(r) == current), 0)
        if self.proxy.rowCount():
            self.table.selectRow(row)
        else:
            self.summary.setText("")

    def current_article_id(self) -> int | None:
        index = self.table.currentIndex()
        return self._article_at(index.row()) if index.isValid() else None

    def _article_at(self, proxy_row: int) -> int | None:
        return self.proxy.index(proxy_row, 0).data(ARTICLE_ROLE)

    def open_index(self, index: QModelIndex) -> None:
        article_id = index.data(ARTICLE_ROLE)
        if article_id is not None:
            self.host.open_article(article_id)
            self.host.window().activateWindow()

    def _show_summary(self, index: QModelIndex) -> None:
        article_id = index.data(ARTICLE_ROLE) if index.isValid() else None
        if article_id is None:
            self.summary.setText("")
            return
        try:
            threshold = self.host.settings.worth_threshold
            s = summarise(load_article_report(self.host.ws, article_id, threshold=threshold))
        except (LookupError, WorkspaceError) as exc:
            self.summary.setText(f"No sourcing summary: {exc}")
            return
        self.summary.setText(
            f"Sourcing: {s.claims} claims; {len(s.flagged)} need attention; "
            f"{percent(s.anonymous_claim_share)} of claims anonymous ({percent(s.anonymous_text_share)} of the text); "
            f"{len(s.single_sourced)} single-sourced, {len(s.uncorroborated)} uncorroborated, "
            f"{len(s.in_conflict)} in conflict; {s.queried} queried, {s.approved} approved."
        )


class DeskQueue:
    """Tools → Desk queue (Ctrl+Shift+Q): one dialog, made on first use, refreshed after every
    edit while it is open."""

    def __init__(self, host: PanelHost) -> None:
        self.host = host
        self._dialog: QueueDialog | None = None
        self.action = host.add_action("desk.queue", "Desk &queue…", self.show)
        self.action.setStatusTip(
            "The articles waiting for the desk: what is open on each, who worked on it when"
        )
        host.tools_menu.addAction(self.action)
        host.changed.connect(self._changed)

    def dialog(self) -> QueueDialog:
        if self._dialog is None:
            self._dialog = QueueDialog(self.host)
        return self._dialog

    def show(self) -> None:
        dialog = self.dialog()
        dialog.refresh()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _changed(self) -> None:
        if self._dialog is not None and self._dialog.isVisible():
            self._dialog.refresh()


def install(host: PanelHost) -> DeskQueue:
    return DeskQueue(host)
