"""The window's actions: menus, toolbar, shortcuts, and what each action does.

Every action's keys come from ui/app/shortcuts.py. Edits go through undo commands (ui/app/undo.py);
long work (proposing claims, importing) is in ui/app/jobs.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from db.queries.claim_rows import R, claims_citing
from ui.app import shortcuts
from ui.app.dialogs import PreferencesDialog, ShortcutsDialog
from ui.app.panels.claim_columns import COLUMNS, Col
from ui.app.panels.source_picker import NewSourceDialog, guess_description, guess_kind, phrase_span
from ui.app.undo import (
    READ_ONLY_REASON,
    CreateClaim,
    DeleteClaims,
    SetAttribution,
    UpdateClaims,
    UpdateSource,
    judging,
    set_origin,
)
from workbench.model import ClaimKind, Origin, Source, SourceKind, Status

if TYPE_CHECKING:
    from ui.app.main_window import MainWindow

STATUS_ACTIONS = [(f"status.{s.value}", s) for s in Status]


class WindowActions:
    """Mixed into MainWindow: builds `self.act[id]` and the menus, and implements the actions."""

    act: dict[str, QAction]

    # --- building -------------------------------------------------------------------------

    def _action(
        self: MainWindow, action_id: str, text: str, slot: Any, *, checkable: bool = False
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcuts(shortcuts.keys(action_id))
        action.setToolTip(shortcuts.describe(action_id))
        action.setStatusTip(shortcuts.shortcut(action_id).description)
        action.setCheckable(checkable)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even when the action is only in a menu
        self.act[action_id] = action
        return action

    def _build_actions(self: MainWindow) -> None:
        self.act = {}
        a = self._action
        a("file.import", "&Import files…", self.import_files)
        a("file.import_folder", "Import &folder…", self.import_folder)
        self.propose_on_import = QAction("Propose claims on import", self, checkable=True, checked=True)
        a("file.quit", "&Quit", self.close)
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcuts(shortcuts.keys("edit.undo"))
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts(shortcuts.keys("edit.redo"))
        self.act["edit.undo"], self.act["edit.redo"] = undo, redo
        self.addAction(undo)
        self.addAction(redo)
        a("claim.new", "&New claim from selection", self.new_claim)
        a("claim.attribute", "Selection is the &source", self.attribute_selection)
        a("claim.pick_source", "C&hoose source…", self.pick_source)
        a("claim.edit_summary", "Edit s&ummary", self.edit_summary)
        a("claim.propose", "&Propose claims", self.propose)
        a("claim.accept", "&Accept proposal", lambda: self.set_origin(Origin.ACCEPTED))
        a("claim.reject", "&Reject proposal", lambda: self.set_origin(Origin.REJECTED))
        a("claim.accept_all", "Accept a&ll proposals", self.accept_all_proposals)
        a("claim.edit_type", "Change t&ype…", lambda: self._edit_column(Col.KIND))
        a("claim.edit_source_kind", "Change source &kind…", lambda: self._edit_column(Col.SOURCE_KIND))
        a("claim.find_matches", "Find &matches", self.find_matches)
        a("claim.delete", "&Delete claim", self.delete_claims)
        a("edit.preferences", "Pre&ferences…", self.preferences)
        for action_id, status in STATUS_ACTIONS:
            a(action_id, status.label, lambda _=False, s=status: self.set_status(s))
        a("note.add", "Add &note…", lambda: self._notes(evidence=False))
        a("evidence.add", "Add &evidence…", lambda: self._notes(evidence=True))
        a("nav.next_claim", "&Next claim", lambda: self.claims.step(1))
        a("nav.prev_claim", "&Previous claim", lambda: self.claims.step(-1))
        a("nav.next_article", "Next &article", lambda: self.article_list.step(1))
        a("nav.prev_article", "Previous a&rticle", lambda: self.article_list.step(-1))
        a("nav.filter", "&Filter claims", self._focus_filter)
        a("nav.articles", "Search a&rticles", self._focus_articles)
        a("nav.article_text", "Article &text", lambda: self.article_view.text.setFocus())
        a("nav.table", "Claims &table", lambda: self.claims.table.setFocus())
        a("nav.notes", "N&otes", self._focus_notes)
        a("view.all_articles", "Claims of &all articles", lambda c: self.set_all_articles(c), checkable=True)
        a(
            "view.show_rejected",
            "Show &rejected proposals",
            lambda c: self.claims.show_rejected.setChecked(c),
            checkable=True,
        )
        self.claims.show_rejected.toggled.connect(self.act["view.show_rejected"].setChecked)
        a(
            "view.attention",
            "Only claims needing a&ttention",
            lambda c: self.claims.attention.setChecked(c),
            checkable=True,
        )
        self.claims.attention.toggled.connect(self.act["view.attention"].setChecked)
        a("help.shortcuts", "&Keyboard shortcuts", self.show_shortcuts)

        bar = self.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.file_menu.addActions(
            [self.act["file.import"], self.act["file.import_folder"], self.propose_on_import]
        )
        self.file_menu.addSeparator()
        self.export_menu = self.file_menu.addMenu("&Export")
        self.export_menu.menuAction().setVisible(False)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.act["file.quit"])
        edit = bar.addMenu("&Edit")
        edit.addActions([undo, redo])
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
        view.addActions(
            [self.act["view.all_articles"], self.act["view.show_rejected"], self.act["view.attention"]]
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

        self.toolbar = self.addToolBar("Main")
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

    def _update_enabled(self: MainWindow) -> None:
        # Edits stay enabled on a read-only workspace: their keys then say why nothing is saved
        # (`_refuse_read_only`) instead of doing nothing at all. Import and propose stay off.
        writable = not self.ws.read_only
        has_article = self._article_id is not None
        has_selection = self.article_view.text.selected_span() is not None
        has_claim = self._claim_id is not None
        selected = bool(self.claims.selected_ids()) or has_claim
        self.act["claim.new"].setEnabled(has_article and has_selection)
        self.act["claim.attribute"].setEnabled(has_selection and has_claim)
        self.act["claim.pick_source"].setEnabled(has_claim)
        self.act["claim.edit_summary"].setEnabled(has_claim)
        self.act["claim.edit_type"].setEnabled(has_claim)
        self.act["claim.edit_source_kind"].setEnabled(has_claim)
        self.act["claim.find_matches"].setEnabled(has_claim and hasattr(self, "matches_panel"))
        self.act["claim.accept_all"].setEnabled(has_article)
        self.act["claim.propose"].setEnabled(writable and has_article and not self._proposing)
        for i in ("claim.accept", "claim.reject", "claim.delete", "note.add", "evidence.add"):
            self.act[i].setEnabled(selected)
        for i, _ in STATUS_ACTIONS:
            self.act[i].setEnabled(selected)
        for i in ("file.import", "file.import_folder"):
            self.act[i].setEnabled(writable)
        for menu in (self.export_menu, self.tools_menu):
            menu.menuAction().setVisible(bool(menu.actions()))

    _proposing = False

    def _refuse_read_only(self: MainWindow, what: str) -> bool:
        """On a read-only workspace, say so through the undo stack's `failed` signal (the same
        "Not saved" message as any failed write) and return True; else False."""
        if not self.ws.read_only:
            return False
        self.undo_stack.failed.emit(f"“{what}”", READ_ONLY_REASON)
        return True

    # --- targets --------------------------------------------------------------------------

    def _targets(self: MainWindow) -> list[int]:
        """The claims an action applies to: the selected rows, else the current claim."""
        ids = self.claims.selected_ids()
        if not ids and self._claim_id is not None:
            ids = [self._claim_id]
        return ids

    def _trimmed_selection(self: MainWindow) -> tuple[int, int] | None:
        span = self.article_view.text.selected_span()
        article = self.article_view.article
        if span is None or article is None:
            return None
        start, end = span
        text = article.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    # --- capture --------------------------------------------------------------------------

    def new_claim(self: MainWindow) -> None:
        span = self._trimmed_selection()
        if span is None or self._article_id is None:
            self.statusBar().showMessage("Select the claim's text in the article first", 4000)
            return
        if self._refuse_read_only("New claim"):
            return
        for row in self.claims_model.rows():
            if row[R.ARTICLE_ID] == self._article_id and (row[R.START], row[R.END]) == span:
                self.select_claim(row[R.ID])
                self.statusBar().showMessage(f"Claim #{row[R.ID]} already covers exactly this text", 4000)
                return
        text = self.article_view.article.text[span[0] : span[1]]
        kind = ClaimKind.QUOTE if text[:1] in "\"“‘'" else ClaimKind.STATEMENT
        self.undo_stack.push(CreateClaim(self, self._article_id, *span, kind=kind, origin=Origin.MANUAL))
        self.statusBar().showMessage("Claim added — Ctrl+Shift+Return on a selection sets its source", 4000)

    def attribute_selection(self: MainWindow) -> None:
        span = self._trimmed_selection()
        claim_id = self._claim_id
        if span is None or claim_id is None:
            self.statusBar().showMessage(
                "Select a claim, then select its source's words and press Ctrl+Shift+Return", 5000
            )
            return
        if self._refuse_read_only("Set source"):
            return
        row = self.claims_model.row_by_id(claim_id)
        if row is None or row[R.ARTICLE_ID] != self._article_id:
            return
        phrase = self.article_view.article.text[span[0] : span[1]]
        kind = guess_kind(phrase)
        source = self.ws.sources.find_or_create(
            phrase, kind, description=guess_description(phrase), article_id=self._article_id
        )
        values = dict(self.ws.claims.attribution(claim_id) or {})
        values.update(
            source_id=source.id, phrase=phrase, source_start=span[0], source_end=span[1], kind=source.kind
        )
        self.undo_stack.push(SetAttribution(self, claim_id, values, "Set source"))
        self.statusBar().showMessage(
            f"Source: {source.name} ({source.kind.value}) — change the kind in the table if the guess is wrong",
            5000,
        )

    def pick_source(self: MainWindow) -> None:
        if self._claim_id is None or self._refuse_read_only("Choose source"):
            return
        row = self.claims.proxy.proxy_row_of(self._claim_id)
        if row is not None:
            self.claims.table.setFocus()
            self.claims.table.edit(self.claims.proxy.index(row, Col.SOURCE))

    def edit_summary(self: MainWindow) -> None:
        self._edit_column(Col.SUMMARY)

    def _edit_column(self: MainWindow, col: Col) -> None:
        """Open the table's editor for a column of the current claim (a combo opens its list)."""
        if self._claim_id is None or self._refuse_read_only(f"Edit {COLUMNS[col].label.lower()}"):
            return
        row = self.claims.proxy.proxy_row_of(self._claim_id)
        if row is not None:
            index = self.claims.proxy.index(row, col)
            self.claims.table.setFocus()
            self.claims.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.NoUpdate
            )
            self.claims.table.scrollTo(index)
            self.claims.table.edit(index)

    def find_matches(self: MainWindow) -> None:
        """Show the Matches tab and look for matches of the current claim."""
        panel = getattr(self, "matches_panel", None)
        if panel is None or self._claim_id is None:
            return
        self.detail.setCurrentWidget(panel)
        if hasattr(panel, "find_matches"):
            panel.find_matches()

    def edit_cell(self: MainWindow, claim_id: int, col: Col, value: Any) -> bool:
        """An edit from a table delegate, made undoable."""
        row = self.claims_model.row_by_id(claim_id)
        if row is None:
            return False
        if col == Col.SUMMARY:
            value = str(value).strip()
            if not value or value == row[R.SUMMARY]:
                return False
            self.undo_stack.push(UpdateClaims(self, {claim_id: {"summary": value}}, "Edit summary"))
        elif col == Col.KIND:
            if value == row[R.KIND]:
                return False
            self.undo_stack.push(UpdateClaims(self, {claim_id: {"kind": ClaimKind(value)}}, "Set type"))
        elif col == Col.STATUS:
            if value == row[R.STATUS]:
                return False
            changes = judging(self.ws, {claim_id: {"status": Status(value)}})
            self.undo_stack.push(UpdateClaims(self, changes, "Set status"))
        elif col == Col.VIA:
            values = dict(self.ws.claims.attribution(claim_id) or {"kind": SourceKind.AGENCY})
            if (values.get("via") or "") == str(value).strip():
                return False
            values["via"] = str(value).strip()
            self.undo_stack.push(SetAttribution(self, claim_id, values, "Set via"))
        elif col == Col.SOURCE:
            return self._set_source(claim_id, row, value)
        elif col == Col.SOURCE_KIND:
            if value == row[R.SOURCE_KIND]:
                return False
            values = dict(self.ws.claims.attribution(claim_id) or {})
            source_id = values.get("source_id")
            if source_id is not None:
                affected = claims_citing(self.ws, source_id)
                self.undo_stack.push(
                    UpdateSource(self, source_id, {"kind": SourceKind(value)}, affected, "Set source kind")
                )
            else:
                values["kind"] = SourceKind(value)
                self.undo_stack.push(SetAttribution(self, claim_id, values, "Set source kind"))
        else:
            return False
        return True

    def _set_source(self: MainWindow, claim_id: int, row: tuple, value: Any) -> bool:
        if isinstance(value, tuple) and value[:1] == ("new",):
            dialog = NewSourceDialog(value[1], self)
            if not dialog.exec():
                return False
            name, kind, description, aliases = dialog.values()
            if not name:
                return False
            value = self.ws.sources.find_or_create(
                name, kind, description=description, aliases=aliases, article_id=row[R.ARTICLE_ID]
            )
        if not isinstance(value, Source):
            return False
        values = dict(self.ws.claims.attribution(claim_id) or {})
        if values.get("source_id") == value.id:
            return False
        values.update(source_id=value.id, kind=value.kind)
        # The old phrase named the old source: underline the new one's name if the sentence has
        # it, else no phrase (never "Kenya Red Cross, described as 'Peter Kamau'").
        text = self.ws.articles.get(row[R.ARTICLE_ID]).text
        span = phrase_span(text, row[R.START], row[R.END], [value.name, *value.aliases])
        values.update(
            phrase=text[span[0] : span[1]] if span else "",
            source_start=span[0] if span else None,
            source_end=span[1] if span else None,
        )
        self.undo_stack.push(SetAttribution(self, claim_id, values, f"Set source: {value.name}"))
        return True

    # --- verification and triage ----------------------------------------------------------

    def set_status(self: MainWindow, status: Status) -> None:
        ids = [
            cid
            for cid in self._targets()
            if (r := self.claims_model.row_by_id(cid)) and r[R.STATUS] != status
        ]
        if ids and not self._refuse_read_only(f"Set status: {status.label}"):
            changes = judging(self.ws, {cid: {"status": status} for cid in ids})
            self.undo_stack.push(UpdateClaims(self, changes, f"Set status: {status.label}"))

    def set_origin(self: MainWindow, origin: Origin) -> None:
        ids = [
            cid
            for cid in self._targets()
            if (r := self.claims_model.row_by_id(cid)) and r[R.ORIGIN] != origin
        ]
        if origin is Origin.ACCEPTED:  # only proposals (or rejected ones) can be accepted
            ids = [cid for cid in ids if self.claims_model.row_by_id(cid)[R.ORIGIN] != Origin.MANUAL.value]
        if not ids or self._refuse_read_only(
            "Accept claims" if origin is Origin.ACCEPTED else "Reject claims"
        ):
            return
        single = len(self._targets()) == 1
        hide = origin is Origin.REJECTED and not self.claims.show_rejected.isChecked()
        after = self.claims.next_claim_after(ids) if hide else None
        self.undo_stack.push(set_origin(self, ids, origin))
        if hide:  # rejected rows leave the view at once; the cursor goes on to the next claim
            self.claims.apply_filter()
            if after is not None:
                self.claims.select_claim(after)
            else:
                self.claims.table.clearSelection()
                self._set_claim(None)
        elif single:
            self.claims.step(1)  # triage: move on to the next claim

    def accept_all_proposals(self: MainWindow) -> None:
        """Accept every proposal (not the rejected ones) of the open article, in one undo step."""
        if self._article_id is None or self._refuse_read_only("Accept all proposals"):
            return
        ids = [
            r[R.ID]
            for r in self.claims_model.rows()
            if r[R.ARTICLE_ID] == self._article_id and r[R.ORIGIN] == Origin.PROPOSED.value
        ]
        if not ids:
            self.statusBar().showMessage("No proposals left to accept in this article", 4000)
            return
        self.undo_stack.push(set_origin(self, ids, Origin.ACCEPTED))
        self.statusBar().showMessage(f"Accepted {len(ids)} proposal(s) — Ctrl+Z undoes", 5000)

    def delete_claims(self: MainWindow) -> None:
        ids = self._targets()
        if ids and not self._refuse_read_only("Delete claims"):
            self.undo_stack.push(DeleteClaims(self, ids))
            self.statusBar().showMessage(f"Deleted {len(ids)} claim(s) — Ctrl+Z brings them back", 4000)

    def _notes(self: MainWindow, evidence: bool) -> None:
        if self._claim_id is None or self._refuse_read_only("Add evidence" if evidence else "Add note"):
            return
        self.detail.setCurrentWidget(self.detail.notes_tab)
        self.detail.notes_tab.new(evidence=evidence)

    # --- focus and dialogs ----------------------------------------------------------------

    def _focus_filter(self: MainWindow) -> None:
        self.claims.filter_box.setFocus()
        self.claims.filter_box.selectAll()

    def _focus_articles(self: MainWindow) -> None:
        self.article_list.search.setFocus()
        self.article_list.search.selectAll()

    def _focus_notes(self: MainWindow) -> None:
        self.detail.setCurrentWidget(self.detail.notes_tab)
        self.detail.notes_tab.list.setFocus()

    def show_shortcuts(self: MainWindow) -> None:
        ShortcutsDialog(self).exec()

    def preferences(self: MainWindow) -> None:
        dialog = PreferencesDialog.for_settings(self.settings, self.ws.user, self)
        if dialog.exec():
            dialog.save(self.settings)
            if self.settings.user_name:
                self.ws.user = self.settings.user_name
            self._update_where()

    def _about(self: MainWindow) -> None:
        QMessageBox.about(
            self,
            "Claim Workbench",
            "Claim Workbench — capture, attribute and verify the claims in news articles.<br>"
            f"Shortcuts: {QKeySequence('F1').toString(QKeySequence.SequenceFormat.NativeText)}",
        )
