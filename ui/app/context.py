"""What a panel may use of the main window: two narrow protocols, met by `MainWindow`.

Panels (ui/app/panels/) never import the window. A panel receives a `WindowContext`: the
workspace, the undo stack, the settings, the current article and claim, the three signals that
say what changed, and the calls that refresh the views after an edit (as undo commands receive an
`Editor`). A panel module's `install()` receives a `PanelHost`, which adds the places a panel
plugs into (the detail tabs, the menus, the action registry), and returns what it made; the
window keeps the result (no attribute is set on the window from outside).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Protocol

from ui.app.undo import Editor

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu, QTabWidget, QWidget

    from db.workspace import Workspace
    from ui.app.settings import Settings
    from ui.app.undo import UndoStack


class WindowContext(Editor, Protocol):
    """The window as a panel sees it.

    Signals: `article_changed(id)` when another article is shown, `claim_selected(id or -1)` when
    the current claim changes, `changed()` after every edit, undo, redo, import or change made by
    another program.
    """

    ws: Workspace
    undo_stack: UndoStack
    settings: Settings
    article_changed: SignalInstance
    claim_selected: SignalInstance
    changed: SignalInstance

    def current_article_id(self) -> int | None: ...

    def current_claim_id(self) -> int | None: ...

    def select_claim(self, claim_id: int) -> bool: ...

    def open_article(self, article_id: int, select: tuple[int, int] | None = None) -> bool: ...

    def after_sign_off(self) -> None:
        """An article's sign-off changed: refresh the article list and the sign-off notice, emit
        `changed`."""
        ...

    def show_status(self, text: str, timeout_ms: int = 0) -> None:
        """A message in the status bar."""
        ...

    def window(self) -> QWidget:
        """The top-level widget: the parent of a panel's dialogs (QWidget.window())."""
        ...


class PanelHost(WindowContext, Protocol):
    """Where a panel module's `install()` plugs its panels and actions in."""

    detail: QTabWidget  # the claim-bound tabs
    verify_menu: QMenu
    export_menu: QMenu
    tools_menu: QMenu

    def add_action(
        self, action_id: str, text: str, slot: Callable[..., Any], *, checkable: bool = False
    ) -> QAction:
        """A window-wide action with the keys of ui/app/shortcuts.py, registered under its id."""
        ...

    def action(self, action_id: str) -> QAction: ...

    def refresh_claims(self, claim_ids: Iterable[int]) -> None:
        """Read these claims' rows again (a column a panel changes, such as the match count)."""
        ...
