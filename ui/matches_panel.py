"""The Matches panel: for the selected claim, the stored sentences that corroborate or contradict it.

Top: the claim's independent sources (wire copies count once) and "Find matches" / "Match all
claims". Middle: the ranked matches (`MatchesModel`). Bottom, side by side: the claim in its
article and the matched sentence in its article, both highlighted; buttons link the match as
corroborates / contradicts / same claim (undoable) or open the matched article.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from db.matches import MatchRun, claim_corroboration, match_article, match_claim, set_link, stored_matches
from ui.text_offsets import Utf16Map
from workbench.matching import StoredMatch, is_conflict
from workbench.model import LinkKind, MatchRelation

if TYPE_CHECKING:
    from db.workspace import Workspace

Index = QModelIndex | QPersistentModelIndex
CONFLICT_COLOUR = QColor("#b3261e")
AGREE_COLOUR = QColor("#1e6b35")
CLAIM_HIGHLIGHT = QColor("#fff2a8")
MATCH_HIGHLIGHT = QColor("#cfe8ff")
SOURCE_COLUMN_WIDTH = 160  # px; titles are long, the sentence column gets the rest
LINK_LABELS = {
    LinkKind.CORROBORATES: "Corroborates",
    LinkKind.CONTRADICTS: "Contradicts",
    LinkKind.SAME_CLAIM: "Same claim",
}


class Col(IntEnum):
    SCORE = 0
    RELATION = 1
    SOURCE = 2
    DATE = 3
    LINK = 4
    TEXT = 5


_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
# (label, alignment, sortable)
COLUMNS = (
    ("Score", _RIGHT, True),
    ("Numbers", _LEFT, True),
    ("Source", _LEFT, True),
    ("Date", _LEFT, True),
    ("Link", _LEFT, True),
    ("Sentence", _LEFT, False),
)


class MatchesModel(QAbstractTableModel):
    """The stored matches of one claim, best first.

    Fields: `_matches` the rows shown (StoredMatch, immutable).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._matches: list[StoredMatch] = []

    # --- public API ---------------------------------------------------------------------------

    def set_matches(self, matches: list[StoredMatch]) -> None:
        self.beginResetModel()
        try:
            self._matches = list(matches)
        finally:
            self.endResetModel()

    def match_at(self, row: int) -> StoredMatch | None:
        return self._matches[row] if 0 <= row < len(self._matches) else None

    def row_of(self, match_id: int) -> int | None:
        return next((i for i, m in enumerate(self._matches) if m.id == match_id), None)

    # --- cell contents -----------------------------------------------------------------------

    @staticmethod
    def _display(match: StoredMatch, col: Col) -> str:
        r = match.result
        if col is Col.SCORE:
            return f"{r.score:.0f}"
        if col is Col.RELATION:
            return {"conflict": "Conflict", "agree": "Agree"}.get(r.relation.value, "")
        if col is Col.SOURCE:
            return r.publisher or r.article_title or f"Article {r.article_id}"
        if col is Col.DATE:
            return r.article_date[:10]
        if col is Col.LINK:
            return LINK_LABELS.get(match.link, "") if match.link else ""
        return " ".join(r.text.split())

    @staticmethod
    def _tooltip(match: StoredMatch) -> str:
        r = match.result
        lines = [r.article_title] if r.article_title else []
        if r.shared_terms:
            lines.append("Shared: " + ", ".join(r.shared_terms))
        lines += [f"Agrees: {n}" for n in r.shared_numbers]
        lines += [f"Conflicts: {n}" for n in r.conflicts]
        if r.wire_group is not None:
            lines.append(f"Wire copy (group {r.wire_group}): counts once with its copies")
        return "\n".join(lines)

    # --- Qt overrides ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt signature
        return 0 if parent.isValid() else len(self._matches)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt signature
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation is Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section][0]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return COLUMNS[section][1]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._matches) or index.column() >= len(COLUMNS):
            return None
        match, col = self._matches[index.row()], Col(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(match, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(match)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return COLUMNS[col][1]
        if role == Qt.ItemDataRole.ForegroundRole and col in (Col.RELATION, Col.LINK):
            if is_conflict(match):
                return CONFLICT_COLOUR
            if match.result.relation is MatchRelation.AGREE or match.link is not None:
                return AGREE_COLOUR
        if role == Qt.ItemDataRole.UserRole:
            return match.id
        return None


class LinkMatch(QUndoCommand):
    """Link a match as corroborates / contradicts / same claim (None clears); undo restores."""

    def __init__(
        self, ws: Workspace, match: StoredMatch, link: LinkKind | None, after: Callable[[int], None]
    ) -> None:
        super().__init__(f"Link match as {LINK_LABELS.get(link, 'unreviewed') if link else 'unreviewed'}")
        self.ws, self.match_id, self.claim_id, self.link = ws, match.id, match.claim_id, link
        self.old: LinkKind | None = match.link
        self.after = after

    def redo(self) -> None:
        self.old = set_link(self.ws, self.match_id, self.link)
        self.after(self.claim_id)

    def undo(self) -> None:
        set_link(self.ws, self.match_id, self.old)
        self.after(self.claim_id)


class _Relay(QObject):
    """Carries progress from the worker thread to the panel (queued across threads)."""

    progress = Signal(int, int)


class MatchesPanel(QWidget):
    """Matches of the selected claim; see the module docstring.

    Signals: `open_article_requested(article_id, start, end)` asks the window to show a text;
    `matches_changed(claim_ids)` after matching or linking (the claims table refreshes counts).
    """

    open_article_requested = Signal(int, int, int)
    matches_changed = Signal(list)

    def __init__(
        self, ws: Workspace, undo_stack: QUndoStack | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.undo_stack = undo_stack or QUndoStack(self)
        self.claim_id: int | None = None
        self.article_id: int | None = None
        self._cancel = threading.Event()
        self._task: object | None = None
        self._relay = _Relay(self)
        self._relay.progress.connect(self._on_progress)

        self.summary = QLabel("Select a claim to see what other stored texts say about it.")
        self.summary.setWordWrap(True)
        self.find_button = QPushButton("Find matches")
        self.find_button.setToolTip("Match this claim against every other stored text and keep the matches")
        self.find_button.clicked.connect(self.find_matches)
        self.match_all_button = QPushButton("Match all claims")
        self.match_all_button.setToolTip("Match every claim of this article, in the background")
        self.match_all_button.clicked.connect(self.match_all_claims)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self._cancel.set)

        self.model = MatchesModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(Col.SOURCE, QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setSectionResizeMode(Col.TEXT, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(Col.SOURCE, SOURCE_COLUMN_WIDTH)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.table.doubleClicked.connect(lambda *_: self.open_current())

        self.claim_view = self._text_view("The claim in its article")
        self.match_view = self._text_view("The matched sentence in its article")
        self.match_title = QLabel()
        self.match_title.setWordWrap(True)
        self.link_buttons: dict[LinkKind | None, QPushButton] = {}
        buttons = QHBoxLayout()
        for link, label in (*LINK_LABELS.items(), (None, "Clear link")):
            button = QPushButton(label)
            button.clicked.connect(lambda _=False, link=link: self.link_current(link))
            self.link_buttons[link] = button
            buttons.addWidget(button)
        self.open_button = QPushButton("Open article")
        self.open_button.clicked.connect(self.open_current)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.find_button)
        top.addWidget(self.match_all_button)
        running = QHBoxLayout()
        running.addWidget(self.progress, 1)
        running.addWidget(self.cancel_button)
        side = QSplitter(Qt.Orientation.Horizontal)
        side.addWidget(self.claim_view)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.match_title)
        right_layout.addWidget(self.match_view, 1)
        side.addWidget(right)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(side)
        split.setSizes([200, 260])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(running)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self._update_enabled()

    @staticmethod
    def _text_view(placeholder: str) -> QPlainTextEdit:
        view = QPlainTextEdit()
        view.setReadOnly(True)
        view.setPlaceholderText(placeholder)
        return view

    # --- public API ---------------------------------------------------------------------------

    def set_claim(self, claim_id: int | None) -> None:
        """Show the matches of a claim (None or -1: no claim)."""
        self.claim_id = claim_id if claim_id is not None and claim_id >= 0 else None
        if self.claim_id is not None:
            try:
                self.article_id = self.ws.claims.get(self.claim_id).article_id
            except LookupError:
                self.claim_id = None
        self.refresh()

    def set_article(self, article_id: int | None) -> None:
        self.article_id = article_id if article_id is not None and article_id >= 0 else None
        self._update_enabled()

    def refresh(self) -> None:
        """Read the claim's matches again (after a change anywhere)."""
        keep = self.current_match()
        matches = stored_matches(self.ws, self.claim_id) if self.claim_id is not None else []
        self.model.set_matches(matches)
        self._show_claim()
        self._update_summary()
        row = self.model.row_of(keep.id) if keep else None
        if row is None and matches:
            row = 0
        if row is not None:
            self.table.selectRow(row)
        self._show_current()

    def current_match(self) -> StoredMatch | None:
        return self.model.match_at(self.table.currentIndex().row())

    def find_matches(self) -> None:
        """Match the current claim now (fast: one query) and show the results."""
        if self.claim_id is None:
            return
        match_claim(self.ws, self.claim_id)
        self.refresh()
        self.matches_changed.emit([self.claim_id])

    def link_current(self, link: LinkKind | None) -> None:
        match = self.current_match()
        if match is None or match.link == link:
            return
        self.undo_stack.push(LinkMatch(self.ws, match, link, self._after_link))

    def open_current(self) -> None:
        match = self.current_match()
        if match is not None:
            self.open_article_requested.emit(match.result.article_id, match.result.start, match.result.end)

    def match_all_claims(self) -> None:
        """Match every claim of the current article in the background, with progress.

        The worker opens its own connection on the workspace file (a connection belongs to
        one thread); an in-memory workspace is matched here instead.
        """
        if self.article_id is None or self._task is not None:
            return
        article_id, path = self.article_id, self.ws.path
        self._cancel.clear()
        self._set_running(True)
        if path is None:
            self._on_done(match_article(self.ws, article_id, progress=self._relay.progress.emit))
            return
        from ui.tasks import run_in_background

        def work() -> MatchRun:
            from db.workspace import Workspace

            with Workspace.open(path, user=self.ws.user, backup=False) as ws:
                return match_article(
                    ws, article_id, progress=self._relay.progress.emit, cancelled=self._cancel.is_set
                )

        self._task = run_in_background(work, self._on_done, self._on_error)
        self._update_enabled()

    def is_running(self) -> bool:
        return self._task is not None

    # --- internals ------------------------------------------------------------------------------

    def _after_link(self, claim_id: int) -> None:
        self.refresh()
        self.matches_changed.emit([claim_id])

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"Matching claims: {done}/{total}")

    def _on_done(self, run: MatchRun) -> None:
        self._task = None
        self._set_running(False)
        word = "stopped after" if run.cancelled else "matched"
        claim_ids = [c.id for c in self.ws.claims.for_article(self.article_id)] if self.article_id else []
        self.refresh()
        self.summary.setText(
            f"{run.claims} claims {word}: {run.matches} matches kept, {run.conflicts} conflicting. "
            + self.summary.text()
        )
        self.matches_changed.emit(claim_ids)

    def _on_error(self, exc: BaseException) -> None:
        self._task = None
        self._set_running(False)
        self.summary.setText(f"Matching failed: {exc}")

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        if running:
            self.progress.setValue(0)
        self._update_enabled()

    def _update_enabled(self) -> None:
        writable = not self.ws.read_only
        idle = self._task is None
        self.find_button.setEnabled(writable and idle and self.claim_id is not None)
        self.match_all_button.setEnabled(writable and idle and self.article_id is not None)
        has_match = self.current_match() is not None
        for button in self.link_buttons.values():
            button.setEnabled(writable and has_match)
        self.open_button.setEnabled(has_match)

    def _update_summary(self) -> None:
        if self.claim_id is None:
            self.summary.setText("Select a claim to see what other stored texts say about it.")
            return
        result = claim_corroboration(self.ws, self.claim_id)
        support, conflict = result.counts
        if not self.model.rowCount():
            self.summary.setText("No stored matches yet: Find matches searches every other stored text.")
            return
        names = ", ".join(m.result.publisher or m.result.article_title[:30] for m in result.corroborating[:4])
        text = f"{support} independent source{'s' if support != 1 else ''} corroborate"
        text += f" ({names})" if names else ""
        text += f" · {conflict} conflict{'s' if conflict != 1 else ''}"
        self.summary.setText(text)

    def _show_claim(self) -> None:
        if self.claim_id is None:
            self.claim_view.clear()
            return
        claim = self.ws.claims.get(self.claim_id)
        article = self.ws.articles.get(claim.article_id)
        _show_span(self.claim_view, article.text, claim.start, claim.end, CLAIM_HIGHLIGHT)

    def _show_current(self) -> None:
        match = self.current_match()
        self._update_enabled()
        if match is None:
            self.match_view.clear()
            self.match_title.clear()
            return
        r = match.result
        article = self.ws.articles.get(r.article_id)
        self.match_title.setText(" · ".join(x for x in (article.title, article.date[:10], r.publisher) if x))
        _show_span(self.match_view, article.text, r.start, r.end, MATCH_HIGHLIGHT)


def _show_span(view: QPlainTextEdit, text: str, start: int, end: int, colour: QColor) -> None:
    """Show `text` with text[start:end] (code points) highlighted and scrolled into view."""
    view.setPlainText(text)
    offsets = Utf16Map(text)
    cursor = QTextCursor(view.document())
    cursor.setPosition(offsets.to_utf16(min(start, len(text))))
    cursor.setPosition(offsets.to_utf16(min(end, len(text))), QTextCursor.MoveMode.KeepAnchor)
    selection = QTextEdit.ExtraSelection()
    selection.cursor = cursor
    fmt = QTextCharFormat()
    fmt.setBackground(colour)
    selection.format = fmt
    view.setExtraSelections([selection])
    view.setTextCursor(QTextCursor(cursor.block()))
    view.centerCursor()


def install(window: Any) -> MatchesPanel:
    """Add the Matches tab and Tools → Match all claims to the main window."""
    from PySide6.QtGui import QAction

    panel = MatchesPanel(window.ws, window.undo_stack, window)
    window.claim_selected.connect(panel.set_claim)
    window.article_changed.connect(panel.set_article)
    window.changed.connect(lambda: panel.refresh() if not panel.is_running() else None)
    panel.open_article_requested.connect(lambda a, s, e: window.open_article(a, select=(s, e)))
    panel.matches_changed.connect(lambda ids: window.claims_model.update_claims(ids))
    window.detail.addTab(panel, "Matches")
    action = QAction("&Match all claims", window)
    action.setStatusTip("Match every claim of this article against the other stored texts")
    action.triggered.connect(lambda: (window.detail.setCurrentWidget(panel), panel.match_all_claims()))
    action.setEnabled(not window.ws.read_only)
    window.tools_menu.addAction(action)
    window.tools_menu.menuAction().setVisible(True)
    window.matches_panel = panel
    window.act_match_all = action
    return panel
