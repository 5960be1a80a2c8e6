"""The Matches panel: for the selected claim, the stored sentences that corroborate or contradict it.

Top: the claim's independent sources (wire copies count once) and "Find matches" / "Match all
claims". Middle: the ranked matches (`MatchesModel`). Bottom, side by side: the claim in its
article and the matched sentence in its article, both highlighted; buttons link the match as
corroborates / contradicts / same claim (undoable) or open the matched article.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.stores.matches import MatchRun
from ui.app.palette import on_page, readable
from ui.app.panels.matches_model import (
    CLAIM_HIGHLIGHT,
    LINK_LABELS,
    MATCH_HIGHLIGHT,
    SOURCE_COLUMN_WIDTH,
    VERDICT_COLOURS,
    Col,
    MatchesModel,
    article_date,
)
from ui.app.panels.span_view import SpanView
from ui.app.plain_text import plain_label, rich_label
from ui.app.undo import WorkspaceCommand
from workbench.matching import match_note
from workbench.matching.corroboration import fact_checked, summary_text
from workbench.matching.rerank import StoredMatch
from workbench.model import LinkKind

if TYPE_CHECKING:
    from db.workspace import Workspace
    from ui.app.context import PanelHost

SIDE_BY_SIDE_MIN = 560  # panel width (px) from which the claim and the match sit side by side
SENTENCE_MIN = 120  # px the matched sentence keeps before the other columns shrink
COLUMN_CAPS = {
    Col.SCORE: 52,
    Col.RELATION: 120,
    Col.SOURCE: SOURCE_COLUMN_WIDTH,
    Col.VERDICT: 90,
    Col.DATE: 130,
}


class LinkMatch(WorkspaceCommand):
    """Link a match as corroborates / contradicts / same claim (None clears); undo restores.

    A write that fails (workspace busy, match replaced by matching again) is reported through
    the window's undo stack and the command dropped, as every other edit; so is a link or an undo
    refused because someone linked the match since (its version moves by one with each step).
    """

    def __init__(
        self, ws: Workspace, match: StoredMatch, link: LinkKind | None, after: Callable[[int], None]
    ) -> None:
        super().__init__(f"Link match as {LINK_LABELS.get(link, 'unreviewed') if link else 'unreviewed'}")
        self.ws, self.match_id, self.claim_id, self.link = ws, match.id, match.claim_id, link
        self.old: LinkKind | None = match.link
        self.version: int | None = match.version  # as the panel showed it
        self.after = after

    def redo(self) -> None:
        seen = self.named("match", self.match_id, self.version)
        self.old = self.ws.matches.set_link(self.match_id, self.link, if_version=seen)
        self._moved(seen)

    def undo(self) -> None:
        seen = self.named("match", self.match_id, self.version)
        self.ws.matches.set_link(self.match_id, self.old, if_version=seen)
        self._moved(seen)

    def _moved(self, seen: int | None) -> None:
        self.version = None if seen is None else seen + 1  # each link moves the match by one
        self.left("match", self.match_id, self.version)
        self.after(self.claim_id)

    def yours(self) -> str:
        return f"link {LINK_LABELS.get(self.link, 'unreviewed') if self.link else 'unreviewed'}"


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

        self.summary = plain_label("Select a claim to see what other stored texts say about it.")
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
        self.table.horizontalHeader().setSectionResizeMode(Col.TEXT, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(Col.SOURCE, SOURCE_COLUMN_WIDTH)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.model.modelReset.connect(self._fit_columns)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.table.doubleClicked.connect(lambda *_: self.open_current())

        self.claim_view = self._text_view("The claim in its article")
        self.match_view = self._text_view("The matched sentence in its article")
        self.match_title = plain_label()  # title · date · publisher as stored
        self.match_title.setWordWrap(True)
        self.verdict_label = rich_label()  # "Fact-checked: False — CheckDesk", shown for stored fact checks
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setVisible(False)
        self.link_buttons: dict[LinkKind | None, QPushButton] = {}
        buttons = QGridLayout()  # three to a row: they fit the detail pane's default width
        buttons.setSpacing(4)
        for i, (link, label) in enumerate((*LINK_LABELS.items(), (None, "Clear link"))):
            button = QPushButton(label)
            button.clicked.connect(lambda _=False, link=link: self.link_current(link))
            self.link_buttons[link] = button
            buttons.addWidget(button, i // 3, i % 3)
        self.open_button = QPushButton("Open article")
        self.open_button.clicked.connect(self.open_current)
        n = len(self.link_buttons)
        buttons.addWidget(self.open_button, n // 3, n % 3, 1, 3 - n % 3)

        self.summary.setWordWrap(True)
        top = QHBoxLayout()  # the summary on its own row, the buttons under it
        top.addWidget(self.find_button)
        top.addWidget(self.match_all_button)
        top.addStretch(1)
        running = QHBoxLayout()
        running.addWidget(self.progress, 1)
        running.addWidget(self.cancel_button)
        side = QSplitter(Qt.Orientation.Horizontal)
        self.side = side  # claim | match: stacked when the pane is narrow (resizeEvent)
        side.addWidget(self.claim_view)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.verdict_label)
        right_layout.addWidget(self.match_title)
        right_layout.addWidget(self.match_view, 1)
        side.addWidget(right)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(side)
        split.setSizes([200, 260])
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(top)
        layout.addLayout(running)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self._update_enabled()

    def _fit_columns(self) -> None:
        """Each column as wide as its contents up to a cap, the sentence taking the rest; in a
        narrow pane the columns shrink in proportion (texts elided) so the table never scrolls
        sideways while the sentence keeps SENTENCE_MIN px."""
        table, header = self.table, self.table.horizontalHeader()
        cols = [c for c in Col if c is not Col.TEXT and not table.isColumnHidden(c)]
        wanted = {
            c: min(
                COLUMN_CAPS.get(c, 120),
                max(header.sectionSizeFromContents(c).width(), table.sizeHintForColumn(c)),
            )
            for c in cols
        }
        room = table.viewport().width() - SENTENCE_MIN
        total = sum(wanted.values())
        scale = 1.0 if total <= room or not total else max(0.0, room / total)
        for c in cols:
            table.setColumnWidth(c, max(32, int(wanted[c] * scale)))

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        """Claim and match side by side when there is room, one above the other when not."""
        super().resizeEvent(event)
        self._fit_columns()
        wanted = Qt.Orientation.Horizontal if self.width() >= SIDE_BY_SIDE_MIN else Qt.Orientation.Vertical
        if self.side.orientation() != wanted:
            self.side.setOrientation(wanted)

    @staticmethod
    def _text_view(placeholder: str) -> SpanView:
        view = SpanView()
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
        matches = self.ws.matches.for_claim(self.claim_id) if self.claim_id is not None else []
        dates = {a: article_date(self.ws.articles.get(a)) for a in {m.result.article_id for m in matches}}
        self.model.set_matches(matches, dates)
        # The Fact-check column only when a match is a stored fact check: the panel is narrow.
        self.table.setColumnHidden(Col.VERDICT, not any(m.result.extra.get("verdict") for m in matches))
        self._fit_columns()
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
        self.ws.matches.match_claim(self.claim_id)
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
        article_id, own = self.article_id, self.ws
        self._cancel.clear()
        self._set_running(True)
        if not own.name:  # in memory: no second connection
            self._on_done(self.ws.matches.match_article(article_id, progress=self._relay.progress.emit))
            return
        from ui.app.tasks import run_in_background

        def work() -> MatchRun:
            with own.reopen() as ws:  # this thread's own connection, same user
                return ws.matches.match_article(
                    article_id, progress=self._relay.progress.emit, cancelled=self._cancel.is_set
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
        # a claim too short to match well says so first (its matches are only near-verbatim ones)
        note = match_note(self.ws.claims.get(self.claim_id).text)
        if not self.model.rowCount():
            text = "No stored matches yet: Find matches searches every other stored text."
        else:
            text = summary_text(self.ws.matches.corroboration(self.claim_id))
        self.summary.setText(f"{note}\n{text}" if note else text)

    def _show_claim(self) -> None:
        if self.claim_id is None:
            self.claim_view.clear_span()
            return
        claim = self.ws.claims.get(self.claim_id)
        article = self.ws.articles.get(claim.article_id)
        self.claim_view.show_span(article.text, claim.start, claim.end, on_page(CLAIM_HIGHLIGHT))

    def _show_current(self) -> None:
        match = self.current_match()
        self._update_enabled()
        if match is None:
            self.match_view.clear_span()
            self.match_title.clear()
            self.verdict_label.setVisible(False)
            return
        r = match.result
        article = self.ws.articles.get(r.article_id)
        date = article_date(article)[0]
        parts = [article.title, date, r.publisher]
        if match.own_story:
            parts.append("copy of this story: not counted")
        self.match_title.setText(" · ".join(x for x in parts if x))
        checked = fact_checked(r)
        self.verdict_label.setVisible(bool(checked))
        if checked:
            colour = readable(VERDICT_COLOURS.get(r.extra.get("verdict", "").casefold(), "#5a3d00")).name()
            self.verdict_label.setText(
                f'<b style="color:{colour}; font-size:larger">{html.escape(checked)}</b>'
            )
        self.match_view.show_span(article.text, r.start, r.end, on_page(MATCH_HIGHLIGHT))


@dataclass(frozen=True, slots=True)
class MatchesInstall:
    """What `install` made; the window keeps it."""

    panel: MatchesPanel
    match_all: QAction


def install(host: PanelHost) -> MatchesInstall:
    """Add the Matches tab and Tools → Match all claims to the main window."""
    panel = MatchesPanel(host.ws, host.undo_stack, host.window())
    host.claim_selected.connect(panel.set_claim)
    host.article_changed.connect(panel.set_article)
    host.changed.connect(lambda: panel.refresh() if not panel.is_running() else None)
    panel.open_article_requested.connect(lambda a, s, e: host.open_article(a, select=(s, e)))
    panel.matches_changed.connect(host.refresh_claims)
    host.detail.addTab(panel, "Matches")
    action = QAction("&Match all claims", host.window())
    action.setStatusTip("Match every claim of this article against the other stored texts")
    action.triggered.connect(lambda: (host.detail.setCurrentWidget(panel), panel.match_all_claims()))
    action.setEnabled(not host.ws.read_only)
    host.tools_menu.addAction(action)
    host.tools_menu.menuAction().setVisible(True)
    return MatchesInstall(panel, action)
