"""The window as its own parts see it: the objects the window holds for its actions and jobs.

`MainWindow` holds a `WindowActions` (menus, toolbar, keys), a `ClaimEdits` (capture and edits),
a `Triage` (verdicts, accept/reject, delete, notes) and a `WindowJobs` (propose, import). Each
receives the window as a `Shell`: the panel context plus the panes those actions work on. No
part imports `MainWindow`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from ui.app.context import PanelHost
from ui.app.undo import READ_ONLY_REASON

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenuBar, QStatusBar, QToolBar

    from db.errors import WorkspaceError
    from ui.app.panels.article_list import ArticleList
    from ui.app.panels.article_view import ArticleView
    from ui.app.panels.claims_model import ClaimsModel
    from ui.app.panels.claims_table import ClaimsPanel
    from ui.app.panels.detail_panel import DetailPanel
    from ui.app.panels.matches_panel import MatchesPanel


class Shell(PanelHost, Protocol):
    """The panes, the state and the QMainWindow calls the window's own parts use."""

    article_list: ArticleList
    article_view: ArticleView
    claims: ClaimsPanel
    claims_model: ClaimsModel
    detail: DetailPanel
    matches_panel: MatchesPanel | None

    def set_current_claim(self, claim_id: int | None) -> None: ...

    def set_all_articles(self, all_articles: bool) -> None: ...

    def reload_all(self) -> None: ...

    def storage_error(self, exc: WorkspaceError, what: str = "") -> None: ...

    def update_enabled(self) -> None: ...

    def update_where(self) -> None: ...

    def statusBar(self) -> QStatusBar: ...

    def menuBar(self) -> QMenuBar: ...

    def addToolBar(self, title: str) -> QToolBar: ...

    def addAction(self, action: QAction) -> None: ...

    def close(self) -> bool: ...


def refuse_read_only(shell: PanelHost, what: str) -> bool:
    """On a read-only workspace, say so through the undo stack's `failed` signal (the same
    "Not saved" message as any failed write) and return True; else False."""
    if not shell.ws.read_only:
        return False
    shell.undo_stack.failed.emit(f"“{what}”", READ_ONLY_REASON)
    return True
