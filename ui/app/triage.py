"""Verification and triage: verdicts, accepting and rejecting proposals, deleting, notes.

Each action applies to the selected rows of the claims table, else to the current claim, and is
one undo command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.queries.claim_rows import ClaimRow
from ui.app.shell import refuse_read_only
from ui.app.undo import DeleteClaims, UpdateClaims, judging, set_origin
from workbench.model import Origin, Status

if TYPE_CHECKING:
    from ui.app.shell import Shell


class Triage:
    """The Verify actions of the window (Verify and Triage in ui/app/shortcuts.py)."""

    def __init__(self, shell: Shell) -> None:
        self.shell = shell

    def targets(self) -> list[int]:
        """The claims an action applies to: the selected rows, else the current claim."""
        ids = self.shell.claims.selected_ids()
        current = self.shell.current_claim_id()
        if not ids and current is not None:
            ids = [current]
        return ids

    def set_status(self, status: Status) -> None:
        shell = self.shell
        rows = shell.claims_model
        ids = [cid for cid in self.targets() if (r := rows.row_by_id(cid)) and r[ClaimRow.STATUS] != status]
        if ids and not refuse_read_only(shell, f"Set status: {status.label}"):
            changes = judging(shell.ws, {cid: {"status": status} for cid in ids})
            shell.undo_stack.push(UpdateClaims(shell, changes, f"Set status: {status.label}"))

    def set_origin(self, origin: Origin) -> None:
        shell, claims = self.shell, self.shell.claims
        rows = shell.claims_model
        ids = [cid for cid in self.targets() if (r := rows.row_by_id(cid)) and r[ClaimRow.ORIGIN] != origin]
        if origin is Origin.ACCEPTED:  # only proposals (or rejected ones) can be accepted
            ids = [cid for cid in ids if rows.row_by_id(cid)[ClaimRow.ORIGIN] != Origin.MANUAL.value]
        if not ids or refuse_read_only(
            shell, "Accept claims" if origin is Origin.ACCEPTED else "Reject claims"
        ):
            return
        single = len(self.targets()) == 1
        hide = origin is Origin.REJECTED and not claims.show_rejected.isChecked()
        after = claims.next_claim_after(ids) if hide else None
        shell.undo_stack.push(set_origin(shell, ids, origin))
        if hide:  # rejected rows leave the view at once; the cursor goes on to the next claim
            claims.apply_filter()
            if after is not None:
                claims.select_claim(after)
            else:
                claims.table.clearSelection()
                shell.set_current_claim(None)
        elif single:
            claims.step(1)  # triage: move on to the next claim

    def accept_all_proposals(self) -> None:
        """Accept every proposal (not the rejected ones) of the open article, in one undo step."""
        shell = self.shell
        article_id = shell.current_article_id()
        if article_id is None or refuse_read_only(shell, "Accept all proposals"):
            return
        ids = [
            r[ClaimRow.ID]
            for r in shell.claims_model.rows()
            if r[ClaimRow.ARTICLE_ID] == article_id and r[ClaimRow.ORIGIN] == Origin.PROPOSED.value
        ]
        if not ids:
            shell.show_status("No proposals left to accept in this article", 4000)
            return
        shell.undo_stack.push(set_origin(shell, ids, Origin.ACCEPTED))
        shell.show_status(f"Accepted {len(ids)} proposal(s) — Ctrl+Z undoes", 5000)

    def delete_claims(self) -> None:
        ids = self.targets()
        if ids and not refuse_read_only(self.shell, "Delete claims"):
            self.shell.undo_stack.push(DeleteClaims(self.shell, ids))
            self.shell.show_status(f"Deleted {len(ids)} claim(s) — Ctrl+Z brings them back", 4000)

    def notes(self, evidence: bool) -> None:
        """Open the Notes tab on a new note (or a new piece of evidence) for the current claim."""
        detail = self.shell.detail
        if self.shell.current_claim_id() is None or refuse_read_only(
            self.shell, "Add evidence" if evidence else "Add note"
        ):
            return
        detail.setCurrentWidget(detail.notes_tab)
        detail.notes_tab.new(evidence=evidence)
