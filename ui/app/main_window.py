"""The main window: article list | article text | claims table over the claim details (side by
side; stacked when narrow or chosen: article text over the claims table, details right).

The window holds its parts: `window_actions` (menus, toolbar, keys), `edits` (capture and edits),
`triage` (verdicts, accept/reject, delete, notes) and `jobs` (propose, import). Other panels plug
in through `_install_panels()`: they see the window as a `WindowContext` / `PanelHost`
(ui/app/context.py) and follow it through its signals `article_changed(id)`, `claim_selected(id
or -1)` and `changed()` (after every edit, undo, redo, import or change made by another program).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from db.errors import ConnectionLost, WorkspaceError
from db.queries import claim_rows
from db.queries.claim_rows import ClaimRow
from db.stores.articles import ArticleNotFound
from db.workspace import Workspace
from ui.app.accessible import name_controls
from ui.app.actions import WindowActions
from ui.app.article_meta import edit_article_details
from ui.app.change_watch import ChangeWatch
from ui.app.claim_edits import ClaimEdits
from ui.app.edit_versions import Refusal
from ui.app.jobs import WindowJobs
from ui.app.panels.article_list import ArticleList
from ui.app.panels.article_view import ArticleView
from ui.app.panels.claim_columns import row_is_weak
from ui.app.panels.claims_model import ClaimsModel
from ui.app.panels.claims_table import ClaimsPanel
from ui.app.panels.detail_panel import DetailPanel
from ui.app.panels.matches_panel import MatchesPanel
from ui.app.panels.review_panel import ReviewPanel
from ui.app.panels.row_filter import PreparedRows, prepare
from ui.app.panels.sourcing_panel import SourcingPanel
from ui.app.paste import is_pastable
from ui.app.plain_text import set_plain
from ui.app.settings import Settings
from ui.app.sign_notice import sign_notice
from ui.app.stale_bar import StaleBar, fresh_text, refusal_text
from ui.app.tasks import run_in_background
from ui.app.triage import Triage
from ui.app.undo import UndoStack
from ui.app.view_keys import install_view_keys
from ui.app.window_layout import WindowLayout

# On a desk, how long an edit of the window waits for a row another session holds locked before
# it fails to the bar (Try again): the window's statements run on the GUI thread.
LOCK_WAIT_S = 2.0


class MainWindow(QMainWindow):
    """The workbench window over one open workspace; a `PanelHost` (ui/app/context.py) for panels.

    Its panes: `article_list`, `article_view`, `claims` (the table) over `claims_model`, `detail`
    (the claim's tabs), and the panels installed into it: `sourcing_panel`, `review_panel`,
    `matches_panel`. Its actions: `act[id]` (ids as in ui/app/shortcuts.py).
    """

    article_changed = Signal(int)
    claim_selected = Signal(int)
    changed = Signal()

    def __init__(self, ws: Workspace, settings: Settings | None = None) -> None:
        super().__init__()
        self.ws = ws
        self.settings = settings or Settings()
        self.last_write_error = ""
        self.undo_stack = UndoStack(self)
        self.undo_stack.failed.connect(self._write_failed)
        self.undo_stack.refused.connect(self._edit_refused)
        self._waiting_outside = False  # another program's change waits for an open table editor
        self._article_id: int | None = None
        self._claim_id: int | None = None
        self._all_task = None  # the background read of every article's claims, while it runs
        self._loading_all = False
        self._highlight_key: tuple[bool, int] | None = None  # (weak shown, threshold) last painted
        self._touched_while_loading: set[int] = set()
        self._outside_pending = False  # another session's change not yet shown
        self.matches_panel: MatchesPanel | None = None
        self.sourcing_panel: SourcingPanel | None = None
        self.review_panel: ReviewPanel | None = None
        self.edits = ClaimEdits(self)
        self.triage = Triage(self)
        self.jobs = WindowJobs(self)
        title = f"{ws.path.name if ws.path else 'Workspace'} — Claim Workbench"
        self.setWindowTitle(title + (" (read-only)" if ws.read_only else ""))
        self.setAcceptDrops(not ws.read_only)

        self.article_list = ArticleList()
        self.article_view = ArticleView()
        self.claims_model = ClaimsModel(ws, self)
        self.claims_model.on_edit = None if ws.read_only else self.edits.edit_cell
        self.claims = ClaimsPanel(self.claims_model)
        self.claims.set_worth_threshold(self.settings.worth_threshold)
        self.claims.source_delegate.sources = self._sources_for_claim
        self.detail = DetailPanel(self)
        self.detail.claim_tab.source_requested.connect(self.edits.pick_source)

        self.window_layout = WindowLayout(
            self, self.article_list, self.article_view, self.claims, self.detail, self.settings
        )
        self.splitter, self.column = self.window_layout.splitter, self.window_layout.column
        self.window_layout.default_sizes(1400, 900)
        self.stale_bar = StaleBar()  # an edit or undo refused because its row changed since
        self.connection_bar = StaleBar()  # the connection to a desk lost, reconnecting
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.connection_bar)
        column.addWidget(self.stale_bar)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.where = set_plain(QLabel())  # path · user: both may hold anything
        self.statusBar().addPermanentWidget(self.claims.attention_count)  # the one rule's count
        self.statusBar().addPermanentWidget(self.where)
        self.window_actions = WindowActions(self, self.edits, self.triage, self.jobs)
        self.act = self.window_actions.act
        menus = self.window_actions
        self.file_menu, self.export_menu = menus.file_menu, menus.export_menu
        self.verify_menu, self.tools_menu, self.toolbar = menus.verify_menu, menus.tools_menu, menus.toolbar

        self.article_list.article_chosen.connect(self.open_article)
        self.claims.current_claim_changed.connect(self._on_table_claim)
        self.claims.scope_changed.connect(self.set_all_articles)
        self.claims.columns_changed.connect(
            lambda: self.settings.set_table_header(self.claims.table.horizontalHeader().saveState())
        )
        self.article_view.text.claim_clicked.connect(self._on_text_claim)
        self.claims.filter_applied.connect(self._highlights_after_filter)
        self.article_view.text.context_actions = [self.act["claim.new"], self.act["claim.attribute"]]
        self.article_view.text.selectionChanged.connect(self.update_enabled)
        self.article_view.edit_requested.connect(lambda: edit_article_details(self))
        self.undo_stack.indexChanged.connect(self._on_undo_index)

        self._install_panels()
        self.view_keys = install_view_keys(self)  # layout, zoom, F6 between panes, keys in the filter box
        name_controls(self)  # accessible names for the panes and controls (ui/app/accessible.py)
        self.window_layout.restore()
        self.article_list.set_workspace(ws)
        if not ws.read_only:
            ws.bound_waits(LOCK_WAIT_S)
        self.watch = ChangeWatch(ws, self)  # others' changes, and the connection (ui/app/change_watch.py)
        self.watch.changed.connect(self._on_outside_change)
        self.watch.lost.connect(self._connection_lost)
        self.watch.retrying.connect(self._still_reconnecting)
        self.watch.restored.connect(self._reconnected)
        self._poll = self.watch.timer  # the feed's poll (tests stop it and call check_for_outside_changes)
        self._poll.timeout.connect(self._show_outside_changes)
        self.watch.start()
        self.update_where()
        self.update_enabled()

    # --- extension point --------------------------------------------------------------------

    def _install_panels(self) -> None:
        """Panels made by other modules are added here (a few lines each).

        A panel module's `install(host)` receives this window as a `PanelHost` (ui/app/context.py):
        it adds tabs with `host.detail.addTab(widget, title)` and actions to `host.export_menu`,
        `host.verify_menu`, `host.tools_menu` or `host.add_action(...)`, connects to
        `claim_selected`, `article_changed` and `changed`, and returns what it made; the window
        keeps it here.
        """
        from ui.app.panels import desk_panels, matches_panel, queue_panel

        desk = desk_panels.install(self)  # Sourcing and Desk review tabs, File → Export → Report…
        self.sourcing_panel, self.review_panel = desk.sourcing, desk.review
        self.act_export_report = desk.export_report
        matches = matches_panel.install(self)  # Matches tab, Tools → Match all claims
        self.matches_panel, self.act_match_all = matches.panel, matches.match_all
        self.desk_queue = queue_panel.install(self)  # Tools → Desk queue (the editor's queue)

    # --- for panels (PanelHost) -------------------------------------------------------------

    def add_action(
        self, action_id: str, text: str, slot: Callable[..., Any], *, checkable: bool = False
    ) -> QAction:
        return self.window_actions.add(action_id, text, slot, checkable=checkable)

    def action(self, action_id: str) -> QAction:
        return self.act[action_id]

    def show_status(self, text: str, timeout_ms: int = 0) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def refresh_claims(self, claim_ids: Iterable[int]) -> None:
        self.claims_model.update_claims(claim_ids)

    def after_sign_off(self) -> None:
        self.article_list.refresh()  # the list's "✓ signed off" follows the sign-off
        self.refresh_sign_notice()
        self.changed.emit()

    def update_enabled(self) -> None:
        """Enable the actions that apply to what is shown and selected now."""
        self.window_actions.update_enabled()

    # --- public API -------------------------------------------------------------------------

    def current_article_id(self) -> int | None:
        return self._article_id

    def current_claim_id(self) -> int | None:
        return self._claim_id

    def open_article(self, article_id: int, select: tuple[int, int] | None = None) -> bool:
        """Show an article with its claims; `select` = (start, end) code points to select in it."""
        try:
            article = self.ws.articles.get(article_id)
        except ArticleNotFound:
            return False
        changed = article_id != self._article_id
        self._article_id = article_id
        if changed:
            self.article_view.set_article(article)
            if self.claims_model.all_articles:
                self.claims_model.set_current_article(article_id)
            else:
                self.claims_model.show_article(article_id)
            self._repaint_highlights()
            self.article_list.select(article_id, emit=False)
            self.refresh_sign_notice()
            if self.ws.path is not None:
                self.settings.set_last_article(str(self.ws.path), article_id)
            if self._claim_id is not None:
                row = self.claims_model.row_by_id(self._claim_id)
                if row is None or row[ClaimRow.ARTICLE_ID] != article_id:
                    self.set_current_claim(None)
            self.article_changed.emit(article_id)
        if select is not None:
            self.article_view.text.select_span(*select)
        self.update_enabled()
        return True

    def select_claim(self, claim_id: int) -> bool:
        """Select a claim in the table and its span in the article (opening its article)."""
        try:
            claim = self.ws.claims.get(claim_id)
        except LookupError:
            return False
        if claim.article_id != self._article_id:
            self.open_article(claim.article_id)
        if not self.claims.select_claim(claim_id):
            self.set_current_claim(claim_id)  # filtered out of the table: still show it
        return True

    def set_all_articles(self, all_articles: bool) -> None:
        """Show the claims of every article, or of the open one. Every article's claims are read
        in the background (the window stays usable; the count says "Loading…")."""
        self.claims.set_all_articles(all_articles)
        self.act["view.all_articles"].setChecked(all_articles)
        if all_articles:
            self._load_all()
            return
        self._all_task = None  # a load still running is no longer wanted
        self._loading_all = False
        self.claims.set_loading(False)
        keep = self._claim_id
        self.claims_model.show_article(self._article_id)
        self.claims.apply_filter()
        if keep is not None:
            self.claims.select_claim(keep, emit=False)

    def _load_all(self) -> None:
        """Read every claim row on a pool thread with its own connection, then show them."""
        if not self.ws.name:  # in memory: no second connection can see it
            self._show_all_rows(claim_rows.all_rows(self.ws), set())
            return
        own = self.ws
        self._loading_all = True
        self._touched_while_loading: set[int] = set()
        self.claims.set_loading(True)

        def work() -> PreparedRows:
            with own.reopen(read_only=True) as ws:
                return prepare(claim_rows.all_rows(ws))  # the filter's haystacks too, off the GUI thread

        def done(rows: PreparedRows, task_ref: list) -> None:
            if self._all_task is not task_ref[0]:
                return  # superseded (scope switched back, or loaded again since)
            self._all_task = None
            self._show_all_rows(rows, self._touched_while_loading)

        def failed(exc: BaseException, task_ref: list) -> None:
            if self._all_task is not task_ref[0]:
                return
            self._all_task = None
            self._loading_all = False
            self.claims.set_loading(False)
            self.statusBar().showMessage(f"Could not read all claims: {exc}", 8000)

        ref: list = [None]
        ref[0] = self._all_task = run_in_background(
            work, lambda rows: done(rows, ref), lambda exc: failed(exc, ref)
        )

    def _show_all_rows(self, rows: list[tuple] | PreparedRows, touched: set[int]) -> None:
        keep, current = self.claims.selected_ids(), self._claim_id
        self._loading_all = False
        self.claims_model.show_all_rows(rows, self._article_id)
        if touched:  # edited here while the rows were being read: read those again
            self.claims_model.update_claims(touched)
        self.claims.set_loading(False)  # the model filtered the rows as it loaded them
        self.claims.restore_selection(keep, current)
        if current is not None:
            self.claims.select_claim(current, emit=False)
        self._repaint_highlights()

    # --- edits -----------------------------------------------------------------------------

    def _write_failed(self, what: str, why: str) -> None:
        """An edit could not be written (workspace locked, read-only, claim gone, connection lost):
        say so in the bar, keep what the person typed (shown, and "Try again" makes the same edit),
        show what is really stored. Non-blocking, so a busy workspace never freezes the window."""
        self.last_write_error = f"{what} was not saved: {why}"
        self.statusBar().showMessage(self.last_write_error, 10_000)
        yours, again = self.undo_stack.take_kept()
        text = self.last_write_error + (f" Yours: {yours}." if yours else "")
        retry = None if again is None else lambda: self.undo_stack.push(again())
        self.stale_bar.show_refusal(text, retry, button="Try again")
        if self.ws.connection_lost:  # nothing can be read either: reconnect first (the bar keeps the edit)
            self.watch.connection_lost(why)
            return
        self.reload_all()

    def _edit_refused(self, refusal: Refusal) -> None:
        """An edit or undo refused because another session changed its row since: reload, and say
        in the bar (non-blocking) who changed it when, what it holds now and what was not written."""
        self.reload_all()
        text = refusal_text(refusal, fresh_text(self.ws, refusal.entity, refusal.entity_id))
        self.last_write_error = text
        again = refusal.again
        self.stale_bar.show_refusal(
            text, None if again is None else lambda: self.undo_stack.push(again()), button="Apply mine"
        )

    def shown_version(self, claim_id: int) -> int | None:
        """The claim's version as the claims table shows it: an edit from the table names it."""
        row = self.claims_model.row_by_id(claim_id)
        return None if row is None else row[ClaimRow.VERSION]

    def after_edit(self, claim_ids: list[int], *, select: int | None = None) -> None:
        """Called by every undo command after writing: refresh what shows those claims."""
        if self._loading_all:
            self._touched_while_loading.update(claim_ids)
        self.claims_model.update_claims(claim_ids)
        self._repaint_highlights()
        self.article_list.refresh()
        self.refresh_sign_notice()
        if select is not None:
            self.select_claim(select)
        elif self._claim_id is not None:
            self.detail.set_claim(
                self._claim_id if self.claims_model.row_of(self._claim_id) is not None else None
            )
        self.update_enabled()
        self.changed.emit()

    def reload_all(self) -> None:
        """Read everything again (after an import, or changes by another program). A lost
        connection is said in the connection bar and what is shown stays until it is back."""
        try:
            self._reload_all()
        except ConnectionLost as exc:
            self.watch.connection_lost(str(exc))

    def _reload_all(self) -> None:
        keep, current = self.claims.selected_ids(), self._claim_id
        self.article_list.refresh()
        if self._article_id is not None:
            try:
                article = self.ws.articles.get(self._article_id)
            except ArticleNotFound:
                self._article_id = None
                article = None
            if article is not None and article.text != (
                self.article_view.article.text if self.article_view.article else ""
            ):
                self.article_view.set_article(article)
        if self._article_id is None:
            self._open_first()
        if self.claims_model.all_articles or self._loading_all:
            self._load_all()  # in the background; the rows shown stay until the new ones arrive
        else:
            self.claims_model.show_article(self._article_id)
        self.claims.restore_selection(keep, current)
        self._repaint_highlights()
        self.detail.set_claim(
            current if current is not None and self.claims_model.row_of(current) is not None else None
        )
        self.refresh_sign_notice()
        self.update_enabled()
        self.changed.emit()

    def check_for_outside_changes(self) -> None:
        """Ask the workspace's change feed now and show what others changed (the watch asks on
        its own: at once when a desk's socket has news, else on its timer)."""
        self.watch.check()
        self._show_outside_changes()

    def _on_outside_change(self) -> None:
        self._outside_pending = True
        self._show_outside_changes()

    def _show_outside_changes(self) -> None:
        """Reload for another session's change.

        A table cell being edited keeps its editor (a reload would close it and lose the typed
        text): the reload waits until the edit is done (the next tick), and the status bar says so.
        Text typed in the detail and review panels stays as it is through a reload; its edit names
        the version it was begun on, so it is refused (shown in the bar, not lost) if the claim changed.
        """
        if not self._outside_pending or self.watch.reconnecting:
            return
        if self.claims.table.state() == self.claims.table.State.EditingState:
            if not self._waiting_outside:
                self._waiting_outside = True
                self.statusBar().showMessage(
                    "Changed outside this window: shown when you finish this edit", 10_000
                )
            return
        self._waiting_outside = False
        self._outside_pending = False
        self.reload_all()
        self.statusBar().showMessage("Updated with changes made outside this window", 4000)

    # --- the connection (a desk's) ------------------------------------------------------------

    def _connection_lost(self, why: str) -> None:
        """Said in a bar (non-blocking); the window keeps what it shows and what was typed, and
        the watch reconnects in the background."""
        text = f"{why[:1].upper()}{why[1:]} — reconnecting. What you typed is kept; an edit that was not saved waits below with Try again."
        self.connection_bar.show_refusal(text, self.watch.reconnect_now, button="Reconnect now")
        self.statusBar().showMessage("Connection lost: reconnecting…")

    def storage_error(self, exc: WorkspaceError, what: str = "") -> None:
        """A database error no handler caught (an action's read on a lost desk connection; the
        hook of ui/app/run.py): said in the bar (`what` was not done) and the status bar, and a
        lost connection reconnects; never a traceback, never a crash."""
        message = f"{what} was not done: {exc}" if what else f"Could not read the workspace: {exc}"
        self.last_write_error = message
        self.statusBar().showMessage(message, 10_000)
        if what:
            self.stale_bar.show_refusal(message)
        if isinstance(exc, ConnectionLost) or self.ws.connection_lost:
            self.watch.connection_lost(str(exc))

    def _still_reconnecting(self, why: str) -> None:
        if not self.connection_bar.isVisible():
            return
        text = f"Still no connection to {self.ws.location}: {why}. Trying again every few seconds."
        self.connection_bar.show_refusal(text, self.watch.reconnect_now, button="Reconnect now")

    def _reconnected(self) -> None:
        self.connection_bar.hide()
        self._outside_pending = False
        self.reload_all()  # what others changed meanwhile
        self.statusBar().showMessage(f"Reconnected to {self.ws.location}", 6000)

    # --- internals --------------------------------------------------------------------------

    def _open_first(self) -> None:
        ids = self.article_list.model.ids()
        last = self.settings.last_article(str(self.ws.path)) if self.ws.path else None
        target = last if last in ids else (ids[0] if ids else None)
        if target is not None:
            self.open_article(target)
        else:
            self._article_id = None
            self.article_view.set_article(None)
            self.claims_model.show_article(None)

    def refresh_sign_notice(self) -> None:
        """The warning above a signed-off article edited since (see ui/app/sign_notice.py)."""
        self.article_view.set_sign_notice(sign_notice(self.ws, self._article_id))

    def _highlights_after_filter(self) -> None:
        """The text highlights what the table can show: repaint when the Weak toggle or the
        threshold changed, not on every keystroke in the filter box."""
        if self._highlight_key != (self.claims.show_weak.isChecked(), self.claims.worth_threshold):
            self._repaint_highlights()

    def _repaint_highlights(self) -> None:
        self._highlight_key = (self.claims.show_weak.isChecked(), self.claims.worth_threshold)
        aid = self._article_id
        rows = self.claims_model.rows()
        if self.claims_model.all_articles:
            article = int(ClaimRow.ARTICLE_ID)  # hoisted: up to 100,000 rows
            rows = [r for r in rows if r[article] == aid]
        if not self.claims.show_weak.isChecked():  # the text highlights what the table can show
            rows = [r for r in rows if not row_is_weak(r, self.claims.worth_threshold)]
        self.article_view.text.set_claims(rows, self._claim_id)

    def _on_table_claim(self, claim_id: int) -> None:
        if claim_id < 0:
            self.set_current_claim(None)
            return
        row = self.claims_model.row_by_id(claim_id)
        if row is not None and row[ClaimRow.ARTICLE_ID] != self._article_id:
            self.open_article(row[ClaimRow.ARTICLE_ID])
        self.set_current_claim(claim_id)
        if row is not None and not self._clicked_in_text:
            self.article_view.text.select_span(row[ClaimRow.START], row[ClaimRow.END])

    _clicked_in_text = False

    def _on_text_claim(self, claim_id: int) -> None:
        """A click inside a highlight selects the claim's row; the text cursor stays where the
        user clicked (selecting the span would make Shift+arrows extend from the claim's start)."""
        self._clicked_in_text = True
        try:
            if not self.claims.select_claim(claim_id):
                self.set_current_claim(claim_id)
                self.statusBar().showMessage("That claim is hidden by the table's filter", 3000)
        finally:
            self._clicked_in_text = False

    def set_current_claim(self, claim_id: int | None) -> None:
        """Make a claim current (None: none) in the text and the detail panel, and say so."""
        self._claim_id = claim_id
        self.article_view.text.set_current(claim_id)
        self.detail.set_claim(claim_id)
        self.update_enabled()
        self.claim_selected.emit(-1 if claim_id is None else claim_id)

    def _on_undo_index(self, _index: int) -> None:
        self.update_enabled()

    def update_where(self) -> None:
        """The status bar's permanent text: the workspace file, read-only, the user."""
        path = str(self.ws.path) if self.ws.path else self.ws.location if self.ws.is_desk else "in memory"
        self.where.setText(f"{path}{'  ·  READ-ONLY' if self.ws.read_only else ''}  ·  {self.ws.user}")

    def _sources_for_claim(self, claim_id: int) -> list:
        row = self.claims_model.row_by_id(claim_id)
        return self.ws.sources.all(row[ClaimRow.ARTICLE_ID] if row else self._article_id)

    def resize_default(self, width: int, height: int) -> None:
        """Resize the window and lay its panes out for that size (first start, screenshots)."""
        self.window_layout.resize_default(width, height)

    def save_state(self) -> None:
        self.window_layout.save()

    # --- Qt events --------------------------------------------------------------------------

    def showEvent(self, event: QEvent) -> None:
        super().showEvent(event)
        if self._article_id is None:
            self._open_first()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.window_layout.follow_width()  # Automatic: side by side when wide, stacked when narrow

    def closeEvent(self, event: QCloseEvent) -> None:
        self.watch.close()
        self.save_state()
        super().closeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if (mime.hasUrls() and any(u.isLocalFile() for u in mime.urls())) or is_pastable(mime):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.jobs.import_paths([str(Path(p)) for p in paths])
        elif is_pastable(event.mimeData()):  # a browser selection: a new article, as pasted
            event.acceptProposedAction()
            self.jobs.paste_article(event.mimeData())
