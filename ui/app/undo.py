"""Undoable edits: each QUndoCommand calls a store method that returns what its inverse needs.

Every command writes to the workspace at once (no Save button) and then tells the window which
claims changed (`Editor.after_edit`), which refreshes the views and emits `changed`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from db.errors import WorkspaceError, WorkspaceLocked
from db.stores.claims import ProposalRun
from db.stores.snapshots import ClaimSnapshot, StoredAttribution
from workbench.model import Note, Origin, Review, Status

if TYPE_CHECKING:
    from db.workspace import Workspace


class Editor(Protocol):
    """What commands need from the window."""

    ws: Workspace

    def after_edit(self, claim_ids: list[int], *, select: int | None = None) -> None: ...


# What a write can meet that is not a bug: another program holding the workspace past the busy
# timeout, a read-only file, a full disk, a claim deleted underneath us by another program.
WRITE_ERRORS = (WorkspaceError, LookupError)


READ_ONLY_REASON = "the workspace is open read-only"


def write_error_message(exc: BaseException) -> str:
    text = str(exc)
    if text.endswith("is open read-only"):
        return READ_ONLY_REASON
    if isinstance(exc, WorkspaceLocked):
        return "The workspace is busy: another program is writing to it. Try again in a moment."
    return text or exc.__class__.__name__


class UndoStack(QUndoStack):
    """The window's undo stack. A command whose write fails is dropped and `failed` says why."""

    failed = Signal(str, str)  # (what was being done, why it failed)

    def push(self, cmd: QUndoCommand) -> None:
        cmd._stack = self  # type: ignore[attr-defined]  # so a failing command can report here
        super().push(cmd)


class WorkspaceCommand(QUndoCommand):
    """Base of every undoable edit: its redo/undo never raise a write error into Qt.

    When the write fails (workspace locked past the busy timeout, read-only, claim gone), nothing
    was written (each store write is one transaction), the command marks itself obsolete so the
    stack drops it, and the stack's `failed` signal tells the window.
    """

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name in ("redo", "undo"):
            if name in cls.__dict__:
                setattr(cls, name, _guarded(cls.__dict__[name], name))


def _guarded(method: Callable[[Any], None], name: str) -> Callable[[Any], None]:
    @functools.wraps(method)
    def wrapper(self: QUndoCommand) -> None:
        try:
            method(self)
        except WRITE_ERRORS as exc:
            self.setObsolete(True)
            stack = getattr(self, "_stack", None)
            if stack is None:
                raise
            what = f"Undo of “{self.text()}”" if name == "undo" else f"“{self.text()}”"
            stack.failed.emit(what, write_error_message(exc))

    return wrapper


class CreateClaim(WorkspaceCommand):
    """A new claim on text[start:end]; undo deletes it, redo restores it under the same id."""

    def __init__(self, editor: Editor, article_id: int, start: int, end: int, **fields: Any) -> None:
        super().__init__("New claim")
        self.editor = editor
        self.article_id, self.start, self.end = article_id, start, end
        self.fields = fields
        self.claim_id: int | None = None
        self.snapshot: ClaimSnapshot | None = None

    def redo(self) -> None:
        claims = self.editor.ws.claims
        if self.snapshot is None:
            self.claim_id = claims.add(self.article_id, self.start, self.end, **self.fields).id
        else:
            claims.restore(self.snapshot)
        self.editor.after_edit([self.claim_id], select=self.claim_id)

    def undo(self) -> None:
        self.snapshot = self.editor.ws.claims.delete(self.claim_id)
        self.editor.after_edit([self.claim_id])


class ProposeClaims(WorkspaceCommand):
    """A "Propose claims" run that has already written (on a pool thread): the first redo only
    shows it; undo puts back exactly the proposals it replaced, redo its own again
    (`ClaimStore.swap_proposals`, refused when a proposal to take away was reviewed since)."""

    def __init__(self, editor: Editor, run: ProposalRun) -> None:
        super().__init__(f"Propose claims ({len(run.added)})")
        self.editor = editor
        self.run = run
        self.done = True  # written before it was pushed

    def _changed(self) -> list[int]:
        return [s.claim_id for s in (*self.run.removed, *self.run.added)]

    def redo(self) -> None:
        if not self.done:
            self.editor.ws.claims.swap_proposals(self.run, undo=False)
        self.done = False
        self.editor.after_edit(self._changed())

    def undo(self) -> None:
        self.editor.ws.claims.swap_proposals(self.run, undo=True)
        self.editor.after_edit(self._changed())


class DeleteClaims(WorkspaceCommand):
    def __init__(self, editor: Editor, claim_ids: list[int]) -> None:
        n = len(claim_ids)
        super().__init__(f"Delete {n} claim{'s' if n != 1 else ''}")
        self.editor = editor
        self.claim_ids = list(claim_ids)
        self.snapshots: list[ClaimSnapshot] = []

    def redo(self) -> None:
        self.snapshots = self.editor.ws.claims.delete_many(self.claim_ids)
        self.editor.after_edit(self.claim_ids)

    def undo(self) -> None:
        self.editor.ws.claims.restore_many(self.snapshots)
        self.editor.after_edit(self.claim_ids, select=self.claim_ids[0])


class UpdateClaims(WorkspaceCommand):
    """Set fields on one or more claims (status, summary, kind, origin, reviewer…)."""

    def __init__(self, editor: Editor, changes: dict[int, dict[str, Any]], text: str) -> None:
        super().__init__(text)
        self.editor = editor
        self.changes = changes
        self.old: dict[int, dict[str, Any]] = {}

    def redo(self) -> None:
        self.old = self.editor.ws.claims.update_many(self.changes)
        self.editor.after_edit(list(self.changes))

    def undo(self) -> None:
        self.editor.ws.claims.update_many(self.old)
        self.editor.after_edit(list(self.changes))


def judging(ws: Workspace, changes: dict[int, dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """`changes` plus origin → accepted for each proposal they give a verdict or a desk mark:
    judging a proposal accepts it, in the same undo command (one Ctrl+Z undoes both)."""
    out: dict[int, dict[str, Any]] = {}
    for cid, fields in changes.items():
        status, review = fields.get("status"), fields.get("review")
        judged = (status is not None and status is not Status.UNCHECKED) or (
            review is not None and review is not Review.NONE
        )
        if judged and "origin" not in fields:
            try:
                proposed = ws.claims.get(cid).origin is Origin.PROPOSED
            except LookupError:  # gone: the command will report it
                proposed = False
            if proposed:
                fields = {**fields, "origin": Origin.ACCEPTED}
        out[cid] = fields
    return out


def set_origin(editor: Editor, claim_ids: list[int], origin: Origin) -> UpdateClaims:
    verb = {Origin.ACCEPTED: "Accept", Origin.REJECTED: "Reject"}.get(origin, "Mark")
    n = len(claim_ids)
    return UpdateClaims(
        editor, {cid: {"origin": origin} for cid in claim_ids}, f"{verb} {n} proposal{'s' if n != 1 else ''}"
    )


class SetAttribution(WorkspaceCommand):
    """Replace a claim's attribution (source, phrase span, via, kind)."""

    def __init__(self, editor: Editor, claim_id: int, values: StoredAttribution | None, text: str) -> None:
        super().__init__(text)
        self.editor = editor
        self.claim_id = claim_id
        self.values = values
        self.old: StoredAttribution | None = None

    def redo(self) -> None:
        self.old = self.editor.ws.claims.set_attribution(self.claim_id, self.values)
        self.editor.after_edit([self.claim_id])

    def undo(self) -> None:
        self.editor.ws.claims.set_attribution(self.claim_id, self.old)
        self.editor.after_edit([self.claim_id])


class UpdateSource(WorkspaceCommand):
    """Change a registry source (its kind, name, description): every claim citing it follows."""

    def __init__(
        self, editor: Editor, source_id: int, fields: dict[str, Any], claim_ids: list[int], text: str
    ):
        super().__init__(text)
        self.editor = editor
        self.source_id = source_id
        self.fields = fields
        self.claim_ids = claim_ids
        self.old: dict[str, Any] = {}

    def redo(self) -> None:
        self.old = self.editor.ws.sources.update(self.source_id, **self.fields)
        self.editor.after_edit(self.claim_ids)

    def undo(self) -> None:
        self.editor.ws.sources.update(self.source_id, **self.old)
        self.editor.after_edit(self.claim_ids)


class AddNote(WorkspaceCommand):
    def __init__(
        self, editor: Editor, claim_id: int, *, body: str = "", url: str = "", quote: str = ""
    ) -> None:
        super().__init__("Add evidence" if url or quote else "Add note")
        self.editor = editor
        self.claim_id = claim_id
        self.fields = {"body": body, "url": url, "quote": quote}
        self.note_id: int | None = None

    def redo(self) -> None:
        self.note_id = self.editor.ws.notes.add(self.claim_id, note_id=self.note_id, **self.fields).id
        self.editor.after_edit([self.claim_id])

    def undo(self) -> None:
        self.editor.ws.notes.delete(self.note_id)
        self.editor.after_edit([self.claim_id])


class EditNote(WorkspaceCommand):
    def __init__(self, editor: Editor, claim_id: int, note_id: int, fields: dict[str, str]) -> None:
        super().__init__("Edit note")
        self.editor = editor
        self.claim_id, self.note_id, self.fields = claim_id, note_id, fields
        self.old: dict[str, Any] = {}

    def redo(self) -> None:
        self.old = self.editor.ws.notes.update(self.note_id, **self.fields)
        self.editor.after_edit([self.claim_id])

    def undo(self) -> None:
        self.editor.ws.notes.update(self.note_id, **self.old)
        self.editor.after_edit([self.claim_id])


class DeleteNote(WorkspaceCommand):
    def __init__(self, editor: Editor, claim_id: int, note_id: int) -> None:
        super().__init__("Delete note")
        self.editor = editor
        self.claim_id, self.note_id = claim_id, note_id
        self.note: Note | None = None

    def redo(self) -> None:
        self.note = self.editor.ws.notes.delete(self.note_id)
        self.editor.after_edit([self.claim_id])

    def undo(self) -> None:
        self.editor.ws.notes.restore(self.note)  # its author and date as they were
        self.editor.after_edit([self.claim_id])
