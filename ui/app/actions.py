"""The window's actions: the QAction registry, menus, toolbar, and which actions are enabled.

Every action's keys come from ui/app/shortcuts.py. What the actions do lives with their job:
capture and edits in ui/app/claim_edits.py, verdicts and triage in ui/app/triage.py, long work
(proposing claims, importing) in ui/app/jobs.py; focus moves and dialogs are here.
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from db.errors import WorkspaceError
from ui.app import shortcuts
from ui.app.claim_edits import ClaimEdits
from ui.app.dialogs import PreferencesDialog, ShortcutsDialog
from ui.app.jobs import WindowJobs
from ui.app.panels.claim_columns import Col
from ui.app.triage import Triage
from workbench.model import Origin, Status

if TYPE_CHECKING:
    from ui.app.shell import Shell

STATUS_ACTIONS = [(f"status.{s.value}", s) for s in Status]


def _takes_an_argument(slot: Any) -> bool:
    """Whether Qt would pass `triggered`'s `checked` to the slot (it has a positional parameter)."""
    try:
        parameters = inspect.signature(slot).parameters.values()
    except (TypeError, ValueError):  # a Qt method: called as Qt would, without it
        return False
    positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    return any(p.kind in positional or p.kind is inspect.Parameter.VAR_POSITIONAL for p in parameters)


class WindowActions:
    """The window's actions, built once: `act[id]`, the menus, the toolbar.

    The slots are methods of the window's other parts (`edits`, `triage`, `jobs`); the menus
    panels plug into are `file_menu`, `export_menu`, `verify_menu` and `tools_menu`.
    """

    def __init__(self, shell: Shell, edits: ClaimEdits, triage: Triage, jobs: WindowJobs) -> None:
        self.shell = shell
        self.jobs = jobs
        self.act: dict[str, QAction] = {}
        self._build(edits, triage, jobs)

    # --- building -------------------------------------------------------------------------

    def add(self, action_id: str, text: str, slot: Any, *, checkable: bool = False) -> QAction:
        """A window-wide action with its keys from ui/app/shortcuts.py, registered as `act[action_id]`."""
        action = QAction(text, self.shell.window())
        action.setShortcuts(shortcuts.keys(action_id))
        action.setToolTip(shortcuts.describe(action_id))
        action.setStatusTip(shortcuts.shortcut(action_id).description)
        action.setCheckable(checkable)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(self._guarded(slot, text.replace("&", "").rstrip("…")))
        self.shell.addAction(action)  # shortcuts work even when the action is only in a menu
        self.act[action_id] = action
        return action

    def _guarded(self, slot: Any, what: str) -> Any:
        """The slot, with a database error it does not handle itself (a read on a lost desk
        connection, say) said by the window (`storage_error`) instead of escaping into Qt."""
        shell, takes_checked = self.shell, _takes_an_argument(slot)

        def run(checked: bool = False) -> None:
            try:
                slot(checked) if takes_checked else slot()
            except WorkspaceError as exc:
                shell.storage_error(exc, f"“{what}”")

        return run

    def _build(self, edits: ClaimEdits, triage: Triage, jobs: WindowJobs) -> None:
        shell, window = self.shell, self.shell.window()
        claims = shell.claims
        a = self.add
        a("file.import", "&Import files…", jobs.import_files)
        a("file.import_folder", "Import &folder…", jobs.import_folder)
        a("file.quit", "&Quit", shell.close)
        a("edit.paste_article", "&Paste as new article", lambda: jobs.paste_article())
        undo = shell.undo_stack.createUndoAction(window, "&Undo")
        undo.setShortcuts(shortcuts.keys("edit.undo"))
        redo = shell.undo_stack.createRedoAction(window, "&Redo")
        redo.setShortcuts(shortcuts.keys("edit.redo"))
        self.act["edit.undo"], self.act["edit.redo"] = undo, redo
        shell.addAction(undo)
        shell.addAction(redo)
        a("claim.new", "&New claim from selection", edits.new_claim)
        a("claim.attribute", "Selection is the &source", edits.attribute_selection)
        a("claim.pick_source", "C&hoose source…", edits.pick_source)
        a("claim.edit_summary", "Edit s&ummary", edits.edit_summary)
        a("claim.propose", "&Propose claims", jobs.propose)
        a("claim.accept", "&Accept proposal", lambda: triage.set_origin(Origin.ACCEPTED))
        a("claim.reject", "&Reject proposal", lambda: triage.set_origin(Origin.REJECTED))
        a("claim.accept_all", "Accept a&ll proposals", triage.accept_all_proposals)
        a("claim.edit_type", "Change t&ype…", lambda: edits.edit_column(Col.KIND))
        a("claim.edit_source_kind", "Change source &kind…", lambda: edits.edit_column(Col.SOURCE_KIND))
        a("claim.find_matches", "Find &matches", edits.find_matches)
        a("claim.delete", "&Delete claim", triage.delete_claims)
        a("edit.preferences", "Pre&ferences…", self.preferences)
        for action_id, status in STATUS_ACTIONS:
            a(action_id, status.label, lambda _=False, s=status: triage.set_status(s))
        a("note.add", "Add &note…", lambda: triage.notes(evidence=False))
        a("evidence.add", "Add &evidence…", lambda: triage.notes(evidence=True))
        a("nav.next_claim", "&Next claim", lambda: claims.step(1))
        a("nav.prev_claim", "&Previous claim", lambda: claims.step(-1))
        a("nav.next_article", "Next &article", lambda: shell.article_list.step(1))
        a("nav.prev_article", "Previous a&rticle", lambda: shell.article_list.step(-1))
        a("nav.filter", "&Filter claims", self._focus_filter)
        a("nav.articles", "Search a&rticles", self._focus_articles)
        a("nav.article_text", "Article &text", lambda: shell.article_view.text.setFocus())
        a("nav.table", "Claims &table", lambda: claims.table.setFocus())
        a("nav.notes", "N&otes", self._focus_notes)
        a("view.all_articles", "Claims of &all articles", lambda c: shell.set_all_articles(c), checkable=True)
        a(
            "view.show_rejected",
            "Show &rejected proposals",
            lambda c: claims.show_rejected.setChecked(c),
            checkable=True,
        )
        claims.show_rejected.toggled.connect(self.act["view.show_rejected"].setChecked)
        a(
            "view.show_weak",
            "Show &weak proposals",
            lambda c: claims.show_weak.setChecked(c),
            checkable=True,
        )
        claims.show_weak.toggled.connect(self.act["view.show_weak"].setChecked)
        a(
            "view.attention",
            "Only claims needing a&ttention",
            lambda c: claims.attention.setChecked(c),
            checkable=True,
        )
        claims.attention.toggled.connect(self.act["view.attention"].setChecked)
        a("help.shortcuts", "&Keyboard shortcuts", self.show_shortcuts)
        self._build_menus(undo, redo)
        self._build_toolbar(undo, redo)

    def _build_menus(self, undo: QAction, redo: QAction) -> None:
        bar = self.shell.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.file_menu.addActions(
            [self.act["file.import"], self.act["file.import_folder"], self.jobs.propose_on_import]
        )
        self.file_menu.addSeparator()
        self.export_menu = self.file_menu.addMenu("&Export")
        self.export_menu.menuAction().setVisible(False)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.act["file.quit"])
        edit = bar.addMenu("&Edit")
        edit.addActions([undo, redo])
        edit.addSeparator()
        edit.addAction(self.act["edit.paste_article"])
        edit.addSeparator()
        for i in (
            "claim.new",
            "claim.attribute",
            "claim.pick_source",
            "claim.edit_summary",
            "claim.edit_type",
            "claim.edit_source_kind",
            "claim.delete",
        ):
            edit.addAction(self.act[i])
        edit.addSeparator()
        for i in ("claim.propose", "claim.accept", "claim.reject", "claim.accept_all"):
            edit.addAction(self.act[i])
        edit.addSeparator()
        edit.addAction(self.act["edit.preferences"])
        verify = bar.addMenu("&Verify")
        status_menu = verify.addMenu("Set &status")
        status_menu.addActions([self.act[i] for i, _ in STATUS_ACTIONS])
        verify.addActions([self.act["note.add"], self.act["evidence.add"], self.act["claim.find_matches"]])
        self.verify_menu = verify
        view = bar.addMenu("&View")
        self.view_menu = view  # ui/app/view_keys.py adds Layout, Zoom and Panes
        view.addActions(
            [
                self.act["view.all_articles"],
                self.act["view.show_rejected"],
                self.act["view.show_weak"],
                self.act["view.attention"],
            ]
        )
        view.addSeparator()
        for i in ("nav.next_claim", "nav.prev_claim", "nav.next_article", "nav.prev_article"):
            view.addAction(self.act[i])
        view.addSeparator()
        for i in ("nav.filter", "nav.articles", "nav.article_text", "nav.table", "nav.notes"):
            view.addAction(self.act[i])
        self.tools_menu = bar.addMenu("&Tools")
        self.tools_menu.menuAction().setVisible(False)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.act["help.shortcuts"])
        help_menu.addAction("&About", self._about)

    def _build_toolbar(self, undo: QAction, redo: QAction) -> None:
        self.toolbar = self.shell.addToolBar("Main")
        self.toolbar.setObjectName("main-toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setMovable(False)
        for i in (
            "file.import",
            None,
            "claim.new",
            "claim.attribute",
            "claim.propose",
            "claim.accept",
            "claim.reject",
        ):
            if i is None:
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(self.act[i])
        self.toolbar.addSeparator()
        self.toolbar.addActions([undo, redo])
        self.act["claim.new"].setIconText("New claim")
        self.act["claim.attribute"].setIconText("Set source")
        self.act["claim.propose"].setIconText("Propose")
        self.act["claim.accept"].setIconText("Accept")
        self.act["claim.reject"].setIconText("Reject")
        self.act["file.import"].setIconText("Import")

    def update_enabled(self) -> None:
        """Enable the actions that apply to what is shown and selected now."""
        # Edits stay enabled on a read-only workspace: their keys then say why nothing is saved
        # (`refuse_read_only`) instead of doing nothing at all. Import and propose stay off.
        shell = self.shell
        writable = not shell.ws.read_only
        has_article = shell.current_article_id() is not None
        has_selection = shell.article_view.text.selected_span() is not None
        has_claim = shell.current_claim_id() is not None
        selected = bool(shell.claims.selected_ids()) or has_claim
        self.act["claim.new"].setEnabled(has_article and has_selection)
        self.act["claim.attribute"].setEnabled(has_selection and has_claim)
        self.act["claim.pick_source"].setEnabled(has_claim)
        self.act["claim.edit_summary"].setEnabled(has_claim)
        self.act["claim.edit_type"].setEnabled(has_claim)
        self.act["claim.edit_source_kind"].setEnabled(has_claim)
        self.act["claim.find_matches"].setEnabled(has_claim and shell.matches_panel is not None)
        self.act["claim.accept_all"].setEnabled(has_article)
        self.act["claim.propose"].setEnabled(writable and has_article and not self.jobs.proposing)
        for i in ("claim.accept", "claim.reject", "claim.delete", "note.add", "evidence.add"):
            self.act[i].setEnabled(selected)
        for i, _ in STATUS_ACTIONS:
            self.act[i].setEnabled(selected)
        for i in ("file.import", "file.import_folder", "edit.paste_article"):
            self.act[i].setEnabled(writable)
        for menu in (self.export_menu, self.tools_menu):
            menu.menuAction().setVisible(bool(menu.actions()))

    # --- focus and dialogs ----------------------------------------------------------------

    def _focus_filter(self) -> None:
        self.shell.claims.filter_box.setFocus()
        self.shell.claims.filter_box.selectAll()

    def _focus_articles(self) -> None:
        self.shell.article_list.search.setFocus()
        self.shell.article_list.search.selectAll()

    def _focus_notes(self) -> None:
        detail = self.shell.detail
        detail.setCurrentWidget(detail.notes_tab)
        detail.notes_tab.list.setFocus()

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.shell.window()).exec()

    def preferences(self) -> None:
        shell, settings = self.shell, self.shell.settings
        dialog = PreferencesDialog.for_settings(settings, shell.ws.user, shell.window())
        if dialog.exec():
            dialog.save(settings)
            shell.claims.set_worth_threshold(settings.worth_threshold)
            shell.changed.emit()  # the Sourcing tab, the desk queue count weak proposals by it too
            if settings.user_name and settings.user_name != shell.ws.user:
                # the workspace's session is frozen (db/session.py): the audit log's "who" changes
                # when the workspace is opened again
                shell.show_status(f"Changes are recorded as {settings.user_name} from the next opening", 8000)
            shell.update_where()

    def _about(self) -> None:
        QMessageBox.about(
            self.shell.window(),
            "Claim Workbench",
            "Claim Workbench — capture, attribute and verify the claims in news articles.<br>"
            f"Shortcuts: {QKeySequence('F1').toString(QKeySequence.SequenceFormat.NativeText)}",
        )
