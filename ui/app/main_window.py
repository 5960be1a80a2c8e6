"""The main window: article list | article text over the claims table | claim details.

Other panels plug in through `_install_panels()`, and follow the window through its signals:
`article_changed(id)`, `claim_selected(id or -1)` and `changed()` (after every edit, undo, redo,
import or change made by another program).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QSplitter

from db.queries import claim_rows
from db.queries.claim_rows import R
from db.queries.report_data import audit_records
from db.stores.articles import ArticleNotFound
from db.workspace import Workspace
from ui.app.actions import WindowActions
from ui.app.jobs import WindowJobs
from ui.app.panels.article_list import ArticleList
from ui.app.panels.article_view import ArticleView
from ui.app.panels.claim_columns import Col
from ui.app.panels.claims_model import ClaimsModel
from ui.app.panels.claims_table import ClaimsPanel
from ui.app.panels.detail_panel import DetailPanel
from ui.app.settings import Settings
from ui.app.tasks import run_in_background
from ui.app.undo import UndoStack

NOT_EDITS = {"sign_off", "match", "wire_group", "import"}  # audit actions that change no verdict
POLL_MS = 1000  # how often to look for changes made by other programs (PRAGMA data_version)


class MainWindow(WindowActions, WindowJobs, QMainWindow):
    """The workbench window over one open workspace.

    Public for panels: `ws`, `undo_stack`, `settings`, `file_menu`, `export_menu`, `tools_menu`,
    `toolbar`, `detail` (a QTabWidget), `current_article_id()`, `current_claim_id()`,
    `select_claim(id)`, `open_article(id, select=(start, end))`.
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
        self._article_id: int | None = None
        self._claim_id: int | None = None
        self._all_task = None  # the background read of every article's claims, while it runs
        self._loading_all = False
        self._touched_while_loading: set[int] = set()
        self._data_version = ws.data_version()
        title = f"{ws.path.name if ws.path else 'Workspace'} — Claim Workbench"
        self.setWindowTitle(title + (" (read-only)" if ws.read_only else ""))
        self.setAcceptDrops(not ws.read_only)

        self.article_list = ArticleList()
        self.article_view = ArticleView()
        self.claims_model = ClaimsModel(ws, self)
        self.claims_model.on_edit = None if ws.read_only else self.edit_cell
        self.claims = ClaimsPanel(self.claims_model)
        self.claims.source_delegate.sources = self._sources_for_claim
        self.detail = DetailPanel(self)

        self.centre = QSplitter(Qt.Orientation.Vertical)
        self.centre.addWidget(self.article_view)
        self.centre.addWidget(self.claims)
        self.centre.setStretchFactor(0, 3)
        self.centre.setStretchFactor(1, 2)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.article_list)
        self.splitter.addWidget(self.centre)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self._default_sizes(1400, 900)
        for s in (self.splitter, self.centre):
            s.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.where = QLabel()
        self.statusBar().addPermanentWidget(self.where)
        self._build_actions()

        self.article_list.article_chosen.connect(self.open_article)
        self.claims.current_claim_changed.connect(self._on_table_claim)
        self.claims.scope_changed.connect(self.set_all_articles)
        self.claims.columns_changed.connect(
            lambda: self.settings.set_table_header(self.claims.table.horizontalHeader().saveState())
        )
        self.article_view.text.claim_clicked.connect(self._on_text_claim)
        self.article_view.text.context_actions = [self.act["claim.new"], self.act["claim.attribute"]]
        self.article_view.text.selectionChanged.connect(self._update_enabled)
        self.undo_stack.indexChanged.connect(self._on_undo_index)

        self._install_panels()
        self._restore_state()
        self.article_list.set_workspace(ws)
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self.check_for_outside_changes)
        self._poll.start()
        self._update_where()
        self._update_enabled()

    # --- extension point --------------------------------------------------------------------

    def _install_panels(self) -> None:
        """Panels made by other modules are added here (a few lines each).

        Use `self.detail.addTab(widget, title)` for claim-bound panels, `self.splitter` or a dock
        for article-bound ones, and `self.export_menu` / `self.tools_menu` / `self.toolbar` for
        actions. Connect to `claim_selected`, `article_changed` and `changed` to follow the window.
        """
        from ui.app.panels import desk_panels

        desk_panels.install(self)  # Sourcing and Desk review tabs, File → Export → Report…
        from ui.app.panels import matches_panel

        matches_panel.install(self)  # Matches tab, Tools → Match all claims

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
                if row is None or row[R.ARTICLE_ID] != article_id:
                    self._set_claim(None)
            self.article_changed.emit(article_id)
        if select is not None:
            self.article_view.text.select_span(*select)
        self._update_enabled()
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
            self._set_claim(claim_id)  # filtered out of the table: still show it
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
        if self.ws.path is None:  # in memory: no second connection can see it
            self._show_all_rows(claim_rows.all_rows(self.ws), set())
            return
        path = self.ws.path
        self._loading_all = True
        self._touched_while_loading: set[int] = set()
        self.claims.set_loading(True)

        def work() -> list[tuple]:
            with Workspace.open(path, read_only=True) as ws:
                return claim_rows.all_rows(ws)

        def done(rows: list[tuple], task_ref: list) -> None:
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

    def _show_all_rows(self, rows: list[tuple], touched: set[int]) -> None:
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
        """An edit could not be written (workspace locked, read-only, claim gone): say so, show
        what is really stored. Non-blocking, so a busy workspace never freezes the window."""
        self.last_write_error = f"{what} was not saved: {why}"
        self.statusBar().showMessage(self.last_write_error, 10_000)
        box = QMessageBox(
            QMessageBox.Icon.Warning, "Not saved", self.last_write_error, QMessageBox.StandardButton.Ok, self
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.reload_all()

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
        self._update_enabled()
        self.changed.emit()

    def reload_all(self) -> None:
        """Read everything again (after an import, or changes by another program)."""
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
        self._data_version = self.ws.data_version()
        self.refresh_sign_notice()
        self._update_enabled()
        self.changed.emit()

    def check_for_outside_changes(self) -> None:
        """Poll PRAGMA data_version: it moves when another connection commits to the file."""
        try:
            version = self.ws.data_version()
        except Exception:  # the file went away or is locked right now: try again next tick
            return
        if version == self._data_version:
            return
        if (
            self.claims.table.state() == self.claims.table.State.EditingState
            or self.detail.claim_tab.summary.hasFocus()
        ):
            return  # do not pull the editor out from under the user; refresh on a later tick
        self._data_version = version
        self.reload_all()
        self.statusBar().showMessage("Updated with changes made outside this window", 4000)

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
        """Warn above the article when it was signed off and has been edited since: the
        sign-off does not cover those changes (non-blocking; it shows after the first edit)."""
        text = ""
        if self._article_id is not None:
            try:
                editor, at, _comment = self.ws.articles.sign_off(self._article_id)
            except ArticleNotFound:
                editor, at = "", ""
            if editor:
                n = changes_since_sign_off(audit_records(self.ws, article_id=self._article_id))
                if n:
                    text = (
                        f"⚠ Signed off by {editor} on {at[:16].replace('T', ' ')} UTC — "
                        f"{n} change{'s' if n != 1 else ''} since {'are' if n != 1 else 'is'} not covered"
                        " by the sign-off. Sign off again (Ctrl+Alt+S) once checked."
                    )
        self.article_view.set_sign_notice(text)

    def _repaint_highlights(self) -> None:
        aid = self._article_id
        rows = self.claims_model.rows()
        if self.claims_model.all_articles:
            article = int(R.ARTICLE_ID)  # hoisted: up to 100,000 rows
            rows = [r for r in rows if r[article] == aid]
        self.article_view.text.set_claims(rows, self._claim_id)

    def _on_table_claim(self, claim_id: int) -> None:
        if claim_id < 0:
            self._set_claim(None)
            return
        row = self.claims_model.row_by_id(claim_id)
        if row is not None and row[R.ARTICLE_ID] != self._article_id:
            self.open_article(row[R.ARTICLE_ID])
        self._set_claim(claim_id)
        if row is not None and not self._clicked_in_text:
            self.article_view.text.select_span(row[R.START], row[R.END])

    _clicked_in_text = False

    def _on_text_claim(self, claim_id: int) -> None:
        """A click inside a highlight selects the claim's row; the text cursor stays where the
        user clicked (selecting the span would make Shift+arrows extend from the claim's start)."""
        self._clicked_in_text = True
        try:
            if not self.claims.select_claim(claim_id):
                self._set_claim(claim_id)
                self.statusBar().showMessage("That claim is hidden by the table's filter", 3000)
        finally:
            self._clicked_in_text = False

    def _set_claim(self, claim_id: int | None) -> None:
        self._claim_id = claim_id
        self.article_view.text.set_current(claim_id)
        self.detail.set_claim(claim_id)
        self._update_enabled()
        self.claim_selected.emit(-1 if claim_id is None else claim_id)

    def _on_undo_index(self, _index: int) -> None:
        self._update_enabled()

    def _update_where(self) -> None:
        path = str(self.ws.path) if self.ws.path else "in memory"
        self.where.setText(f"{path}{'  ·  READ-ONLY' if self.ws.read_only else ''}  ·  {self.ws.user}")

    def _sources_for_claim(self, claim_id: int) -> list:
        row = self.claims_model.row_by_id(claim_id)
        return self.ws.sources.all(row[R.ARTICLE_ID] if row else self._article_id)

    def _default_sizes(self, width: int, height: int) -> None:
        """Pane sizes for a window of width × height (until the user moves a splitter): the
        article list and the detail panel take about a sixth and 27% of the width; the
        claims table gets a little more height than the article text, so more rows show."""
        left = max(200, min(300, width * 17 // 100))
        right = max(300, min(400, width * 27 // 100))  # the detail tabs fit without scrolling
        self.splitter.setSizes([left, max(400, width - left - right), right])
        body = max(300, height - 130)  # minus menu bar, toolbar, status bar
        self.centre.setSizes([body * 45 // 100, body - body * 45 // 100])

    def resize_default(self, width: int, height: int) -> None:
        """Resize the window and lay its panes out for that size (first start, screenshots)."""
        self.resize(width, height)
        self._default_sizes(width, height)

    def _restore_state(self) -> None:
        s = self.settings
        if s.geometry is None:  # first start: fill most of the screen, whatever its size
            screen = self.screen().availableGeometry() if self.screen() else None
            if screen is not None and screen.width() > 0:
                self.resize_default(min(1400, screen.width()), min(900, screen.height()))
        else:
            self.restoreGeometry(s.geometry)
        if s.window_state is not None:
            self.restoreState(s.window_state)
        for name, splitter in (("main", self.splitter), ("centre", self.centre)):
            state = s.splitter(name)
            if state is not None:
                splitter.restoreState(state)
        header = s.table_header()
        if header is not None:
            self.claims.table.horizontalHeader().restoreState(header)
            self.claims.table.setColumnHidden(Col.ARTICLE, True)  # the Article column follows the scope
        self.claims.show_rejected.setChecked(s.show_rejected)

    def save_state(self) -> None:
        s = self.settings
        s.geometry = self.saveGeometry()
        s.window_state = self.saveState()
        s.set_splitter("main", self.splitter.saveState())
        s.set_splitter("centre", self.centre.saveState())
        s.set_table_header(self.claims.table.horizontalHeader().saveState())
        s.show_rejected = self.claims.show_rejected.isChecked()
        s.sync()

    # --- Qt events --------------------------------------------------------------------------

    def showEvent(self, event: QEvent) -> None:
        super().showEvent(event)
        if self._article_id is None:
            self._open_first()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._poll.stop()
        self.save_state()
        super().closeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths([str(Path(p)) for p in paths])


def changes_since_sign_off(entries: list) -> int:
    """How many edits (audit entries, oldest first) follow the article's last sign-off entry."""
    last = max((i for i, e in enumerate(entries) if e.action == "sign_off"), default=None)
    if last is None:
        return 0
    return sum(1 for e in entries[last + 1 :] if e.action not in NOT_EDITS)
