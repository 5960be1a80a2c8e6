"""Capturing claims from the article text and editing them in place, each edit one undo command.

New claim from a selection, "selection is the source", choosing a source, the table's cell edits
(summary, type, status, via, source, source kind) and Find matches.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel

from db.queries.claim_rows import ClaimRow, claims_citing
from db.stores.snapshots import StoredAttribution
from ui.app.panels.claim_columns import COLUMNS, Col
from ui.app.panels.source_picker import NewSourceDialog, guess_description, guess_kind, phrase_span
from ui.app.shell import refuse_read_only
from ui.app.undo import CreateClaim, SetAttribution, UpdateClaims, UpdateSource, judging
from workbench.model import ClaimKind, Origin, Source, SourceKind, Status

if TYPE_CHECKING:
    from ui.app.shell import Shell


class ClaimEdits:
    """The capture and edit actions of the window (Capture and Edit in ui/app/shortcuts.py)."""

    def __init__(self, shell: Shell) -> None:
        self.shell = shell

    def trimmed_selection(self) -> tuple[int, int] | None:
        """The selected span of the article text without surrounding white space."""
        view = self.shell.article_view
        span = view.text.selected_span()
        article = view.article
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

    def new_claim(self) -> None:
        shell = self.shell
        span = self.trimmed_selection()
        article_id = shell.current_article_id()
        if span is None or article_id is None:
            shell.show_status("Select the claim's text in the article first", 4000)
            return
        if refuse_read_only(shell, "New claim"):
            return
        for row in shell.claims_model.rows():
            if row[ClaimRow.ARTICLE_ID] == article_id and (row[ClaimRow.START], row[ClaimRow.END]) == span:
                shell.select_claim(row[ClaimRow.ID])
                self.show_claim_tab()
                shell.show_status(f"Claim #{row[ClaimRow.ID]} already covers exactly this text", 4000)
                return
        text = shell.article_view.article.text[span[0] : span[1]]
        kind = ClaimKind.QUOTE if text[:1] in "\"“‘'" else ClaimKind.STATEMENT
        command = CreateClaim(shell, article_id, *span, kind=kind, origin=Origin.MANUAL)
        shell.undo_stack.push(command)  # selects the new claim (its row, or the detail panel alone)
        if command.claim_id is None or shell.current_claim_id() != command.claim_id:
            return  # not written (the undo stack said why)
        self.show_claim_tab()
        hidden = shell.claims.proxy.proxy_row_of(command.claim_id) is None
        shell.show_status(
            f"Claim #{command.claim_id} added"
            + (" — hidden by the table's filter" if hidden else "")
            + " — Ctrl+Shift+Return on a selection sets its source",
            5000,
        )

    def show_claim_tab(self) -> None:
        """Show the current claim's details (the Claim tab), whatever tab was open."""
        detail = self.shell.detail
        detail.setCurrentWidget(detail.claim_tab)

    def attribute_selection(self) -> None:
        shell = self.shell
        span = self.trimmed_selection()
        claim_id = shell.current_claim_id()
        if span is None or claim_id is None:
            shell.show_status(
                "Select a claim, then select its source's words and press Ctrl+Shift+Return", 5000
            )
            return
        if refuse_read_only(shell, "Set source"):
            return
        article_id = shell.current_article_id()
        row = shell.claims_model.row_by_id(claim_id)
        if row is None or row[ClaimRow.ARTICLE_ID] != article_id:
            return
        phrase = shell.article_view.article.text[span[0] : span[1]]
        kind = guess_kind(phrase)
        source = shell.ws.sources.find_or_create(
            phrase, kind, description=guess_description(phrase), article_id=article_id
        )
        values = replace(
            shell.ws.claims.attribution(claim_id) or StoredAttribution(),
            source_id=source.id,
            phrase=phrase,
            source_start=span[0],
            source_end=span[1],
            kind=source.kind,
        )
        shell.undo_stack.push(SetAttribution(shell, claim_id, values, "Set source"))
        shell.show_status(
            f"Source: {source.name} ({source.kind.value}) — change the kind in the table if the guess is wrong",
            5000,
        )

    # --- editing in the table -------------------------------------------------------------

    def pick_source(self) -> None:
        claims, claim_id = self.shell.claims, self.shell.current_claim_id()
        if claim_id is None or refuse_read_only(self.shell, "Choose source"):
            return
        row = claims.proxy.proxy_row_of(claim_id)
        if row is not None:
            claims.table.setFocus()
            claims.table.edit(claims.proxy.index(row, Col.SOURCE))

    def edit_summary(self) -> None:
        self.edit_column(Col.SUMMARY)

    def edit_column(self, col: Col) -> None:
        """Open the table's editor for a column of the current claim (a combo opens its list)."""
        claims, claim_id = self.shell.claims, self.shell.current_claim_id()
        if claim_id is None or refuse_read_only(self.shell, f"Edit {COLUMNS[col].label.lower()}"):
            return
        row = claims.proxy.proxy_row_of(claim_id)
        if row is not None:
            index = claims.proxy.index(row, col)
            claims.table.setFocus()
            claims.table.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
            claims.table.scrollTo(index)
            claims.table.edit(index)

    def find_matches(self) -> None:
        """Show the Matches tab and look for matches of the current claim."""
        panel = self.shell.matches_panel
        if panel is None or self.shell.current_claim_id() is None:
            return
        self.shell.detail.setCurrentWidget(panel)
        panel.find_matches()

    def edit_cell(self, claim_id: int, col: Col, value: Any) -> bool:
        """An edit from a table delegate, made undoable."""
        shell = self.shell
        row = shell.claims_model.row_by_id(claim_id)
        if row is None:
            return False
        push = shell.undo_stack.push
        if col == Col.SUMMARY:
            value = str(value).strip()
            if not value or value == row[ClaimRow.SUMMARY]:
                return False
            push(UpdateClaims(shell, {claim_id: {"summary": value}}, "Edit summary"))
        elif col == Col.KIND:
            if value == row[ClaimRow.KIND]:
                return False
            push(UpdateClaims(shell, {claim_id: {"kind": ClaimKind(value)}}, "Set type"))
        elif col == Col.STATUS:
            if value == row[ClaimRow.STATUS]:
                return False
            push(UpdateClaims(shell, judging(shell.ws, {claim_id: {"status": Status(value)}}), "Set status"))
        elif col == Col.VIA:
            current = shell.ws.claims.attribution(claim_id) or StoredAttribution()
            if current.via == str(value).strip():
                return False
            push(SetAttribution(shell, claim_id, replace(current, via=str(value).strip()), "Set via"))
        elif col == Col.SOURCE:
            return self._set_source(claim_id, row, value)
        elif col == Col.SOURCE_KIND:
            if value == row[ClaimRow.SOURCE_KIND]:
                return False
            current = shell.ws.claims.attribution(claim_id) or StoredAttribution()
            if current.source_id is not None:
                affected = claims_citing(shell.ws, current.source_id)
                push(
                    UpdateSource(
                        shell, current.source_id, {"kind": SourceKind(value)}, affected, "Set source kind"
                    )
                )
            else:
                push(
                    SetAttribution(
                        shell, claim_id, replace(current, kind=SourceKind(value)), "Set source kind"
                    )
                )
        else:
            return False
        return True

    def _set_source(self, claim_id: int, row: tuple, value: Any) -> bool:
        shell = self.shell
        if isinstance(value, tuple) and value[:1] == ("new",):
            dialog = NewSourceDialog(value[1], shell.window())
            if not dialog.exec():
                return False
            name, kind, description, aliases = dialog.values()
            if not name:
                return False
            value = shell.ws.sources.find_or_create(
                name, kind, description=description, aliases=aliases, article_id=row[ClaimRow.ARTICLE_ID]
            )
        if not isinstance(value, Source):
            return False
        current = shell.ws.claims.attribution(claim_id) or StoredAttribution()
        if current.source_id == value.id:
            return False
        # The old phrase named the old source: underline the new one's name if the sentence has
        # it, else no phrase (never "Kenya Red Cross, described as 'Peter Kamau'").
        text = shell.ws.articles.get(row[ClaimRow.ARTICLE_ID]).text
        span = phrase_span(text, row[ClaimRow.START], row[ClaimRow.END], [value.name, *value.aliases])
        values = replace(
            current,
            source_id=value.id,
            kind=value.kind,
            phrase=text[span[0] : span[1]] if span else "",
            source_start=span[0] if span else None,
            source_end=span[1] if span else None,
        )
        shell.undo_stack.push(SetAttribution(shell, claim_id, values, f"Set source: {value.name}"))
        return True
