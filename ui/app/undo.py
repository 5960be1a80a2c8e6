"""Undoable edits: each QUndoCommand calls a store method that returns what its inverse needs.

Every command writes to the workspace at once (no Save button) and then tells the window which
claims changed (`Editor.after_edit`), which refreshes the views and emits `changed`.

Every command names the row version it edits (db/stores/versions.py): its first redo the version
the window showed when the person acted, each later undo and redo the version this stack's last
step on the row left (ui/app/edit_versions.py `RowVersions`). When someone else changed the row in between, the store refuses the step (`StaleEdit`):
nothing is overwritten, the command is dropped, and the stack's `refused` signal carries a
`Refusal` (who changed the row when, what was being done, and the edit to try again from the fresh
row when the person wants theirs after all).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from db.errors import StaleEdit, WorkspaceError, WorkspaceLocked
from db.stores.claims import ProposalRun
from db.stores.snapshots import ClaimSnapshot, StoredAttribution
from ui.app.edit_versions import Refusal, Row, RowVersions, describe_fields
from workbench.model import Note, Origin, Review, Status

if TYPE_CHECKING:
    from db.workspace import Workspace


class Editor(Protocol):
    """What commands need from the window."""

    ws: Workspace

    def after_edit(self, claim_ids: list[int], *, select: int | None = None) -> None: ...

    def shown_version(self, claim_id: int) -> int | None:
        """The claim's version as the window shows it (None: not shown)."""
        ...


def shown_versions(editor: Editor, claim_ids: list[int]) -> dict[int, int | None]:
    """The version of each claim the person acted on: as the window shows it, else as stored now
    (None: gone; the store says so)."""
    out: dict[int, int | None] = {}
    for cid in claim_ids:
        version = editor.shown_version(cid)
        if version is None:
            try:
                version = editor.ws.claims.get(cid).version
            except LookupError:
                version = None
        out[cid] = version
    return out


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
    """The window's undo stack. A command whose write fails is dropped and `failed` says why; one
    refused because its row changed since is dropped and `refused` carries the `Refusal`."""

    failed = Signal(str, str)  # (what was being done, why it failed)
    refused = Signal(object)  # a Refusal: the row changed since (a stale edit or undo)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows = RowVersions()
        # set before `failed` is emitted: what the failed edit would have written, and the same
        # edit made again (None when the failed step was an undo or a redo after one)
        self.kept: tuple[str, Callable[[], QUndoCommand] | None] = ("", None)

    def take_kept(self) -> tuple[str, Callable[[], QUndoCommand] | None]:
        kept, self.kept = self.kept, ("", None)
        return kept

    def push(self, cmd: QUndoCommand) -> None:
        cmd._stack = self  # type: ignore[attr-defined]  # so a failing command can report here
        super().push(cmd)


class WorkspaceCommand(QUndoCommand):
    """Base of every undoable edit: its redo/undo never raise a write error into Qt.

    When the write fails (workspace locked past the busy timeout, read-only, claim gone), nothing
    was written (each store write is one transaction), the command marks itself obsolete so the
    stack drops it, and the stack's `failed` signal tells the window. When the row changed since
    (another session's edit), the same, and the stack's `refused` signal carries the `Refusal`.
    """

    def yours(self) -> str:
        """What this command writes, as text for the person whose edit was refused."""
        return ""

    # --- the row versions each step names (RowVersions) --------------------------------------

    def named(self, entity: str, row_id: int, mine: int | None) -> int | None:
        """The version this step of the command names for a row: on the first redo `mine` (as the
        person saw it); later, the version this stack's last step on the row left, when that step
        belongs to this command's chain, else `mine` (the version this command's last step left)."""
        rows = self._rows()
        epochs: dict[Row, int] = self.__dict__.setdefault("_epochs", {})
        row = (entity, row_id)
        if not self.__dict__.get("_done_once"):
            epochs[row] = rows.begin(row, mine)
            return mine
        return rows.named(row, epochs.get(row), mine)

    def left(self, entity: str, row_id: int, version: int | None) -> None:
        """Record the version this step left on a row (None: the row is gone)."""
        row = (entity, row_id)
        self._rows().record(row, self.__dict__.get("_epochs", {}).get(row, 0), version)

    def _rows(self) -> RowVersions:
        stack = self.__dict__.get("_stack")
        if stack is None:  # not on a stack (a test calling redo itself): a chain of its own
            return self.__dict__.setdefault("_own_rows", RowVersions())
        return stack.rows

    def again(self) -> Callable[[], QUndoCommand] | None:
        """Makes the same edit from the rows as they are now, for a refused first redo (None: not
        offered). It captures plain values, not the command (the stack deletes a refused one)."""
        return None

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
        except StaleEdit as exc:
            self.setObsolete(True)
            stack = getattr(self, "_stack", None)
            if stack is None:
                raise
            first = name == "redo" and not getattr(self, "_done_once", False)
            what = f"Undo of “{self.text()}”" if name == "undo" else f"“{self.text()}”"
            stack.refused.emit(
                Refusal(
                    what,
                    str(exc),
                    exc.entity,
                    exc.entity_id,
                    yours=self.yours() if name == "redo" else "",
                    again=self.again() if first else None,
                )
            )
            return
        except WRITE_ERRORS as exc:
            self.setObsolete(True)
            stack = getattr(self, "_stack", None)
            if stack is None:
                raise
            first = name == "redo" and not getattr(self, "_done_once", False)
            # what the person typed is kept: the window offers the same edit again
            stack.kept = (self.yours(), self.again()) if first else ("", None)
            what = f"Undo of “{self.text()}”" if name == "undo" else f"“{self.text()}”"
            stack.failed.emit(what, write_error_message(exc))
            return
        self._done_once = True  # type: ignore[attr-defined]

    return wrapper


class CreateClaim(WorkspaceCommand):
    """A new claim on text[start:end]; undo deletes it, redo restores it under the same id.

    Undo is refused when someone changed the claim since it was made (their verdict, their note).
    """

    def __init__(self, editor: Editor, article_id: int, start: int, end: int, **fields: Any) -> None:
        super().__init__("New claim")
        self.editor = editor
        self.article_id, self.start, self.end = article_id, start, end
        self.fields = fields
        self.claim_id: int | None = None
        self.snapshot: ClaimSnapshot | None = None
        self.version: int | None = None

    def redo(self) -> None:
        claims = self.editor.ws.claims
        if self.snapshot is None:
            claim = claims.add(self.article_id, self.start, self.end, **self.fields)
        else:
            claim = claims.restore(self.snapshot)
        self.claim_id = claim.id
        self.named("claim", claim.id, None)  # a new chain on a new row
        self.version = claim.version
        self.left("claim", claim.id, claim.version)
        self.editor.after_edit([self.claim_id], select=self.claim_id)

    def undo(self) -> None:
        seen = self.named("claim", self.claim_id, self.version)
        self.snapshot = self.editor.ws.claims.delete(self.claim_id, if_version=seen)
        self.left("claim", self.claim_id, None)
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
    """Delete claims as the window showed them: refused when one changed since (nothing deleted)."""

    def __init__(self, editor: Editor, claim_ids: list[int]) -> None:
        n = len(claim_ids)
        super().__init__(f"Delete {n} claim{'s' if n != 1 else ''}")
        self.editor = editor
        self.claim_ids = list(claim_ids)
        self.snapshots: list[ClaimSnapshot] = []
        self.versions = shown_versions(editor, self.claim_ids)

    def redo(self) -> None:
        seen = {cid: self.named("claim", cid, self.versions.get(cid)) for cid in self.claim_ids}
        self.snapshots = self.editor.ws.claims.delete_many(
            self.claim_ids, if_versions={cid: v for cid, v in seen.items() if v is not None}
        )
        for cid in self.claim_ids:
            self.left("claim", cid, None)
        self.editor.after_edit(self.claim_ids)

    def undo(self) -> None:
        self.editor.ws.claims.restore_many(self.snapshots)
        for snapshot in self.snapshots:  # restored as they were, version included
            self.versions[snapshot.claim_id] = snapshot.claim["version"]
            self.left("claim", snapshot.claim_id, snapshot.claim["version"])
        self.editor.after_edit(self.claim_ids, select=self.claim_ids[0])


class UpdateClaims(WorkspaceCommand):
    """Set fields on one or more claims (status, summary, kind, origin, reviewer…).

    Args:
        seen: the version of each claim the person saw (default: as the window shows it).
    """

    def __init__(
        self,
        editor: Editor,
        changes: dict[int, dict[str, Any]],
        text: str,
        seen: dict[int, int] | None = None,
    ) -> None:
        super().__init__(text)
        self.editor = editor
        self.wanted = {cid: dict(fields) for cid, fields in changes.items()}
        self.versions: dict[int, int | None] = dict(
            shown_versions(editor, list(changes)) if seen is None else seen
        )
        self.old: dict[int, dict[str, Any]] = {}

    def redo(self) -> None:
        self.old = self._write(self.wanted)

    def undo(self) -> None:
        self._write(self.old)

    def _write(self, values: dict[int, dict[str, Any]]) -> dict[int, dict[str, Any]]:
        """Write `values` in one transaction, each claim from the version this step names; returns
        what was there before (the values of the other direction)."""
        named = {cid: self.named("claim", cid, self.versions.get(cid)) for cid in values}
        before = self.editor.ws.claims.update_many(
            {cid: {**fields, "if_version": named[cid]} for cid, fields in values.items()}
        )
        for cid, old in before.items():
            self.versions[cid] = old.pop("if_version")  # the version this step left
            self.left("claim", cid, self.versions[cid])
        self.editor.after_edit(list(values))
        return before

    def yours(self) -> str:
        return "; ".join(
            (f"claim #{cid}: " if len(self.wanted) > 1 else "") + describe_fields(fields)
            for cid, fields in self.wanted.items()
        )

    def again(self) -> Callable[[], QUndoCommand]:
        editor, wanted, text = self.editor, self.wanted, self.text()
        return lambda: UpdateClaims(editor, wanted, text)


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
    """Replace a claim's attribution (source, phrase span, via, kind); the claim's version moves
    by one with each step."""

    def __init__(self, editor: Editor, claim_id: int, values: StoredAttribution | None, text: str) -> None:
        super().__init__(text)
        self.editor = editor
        self.claim_id = claim_id
        self.values = values
        self.old: StoredAttribution | None = None
        self.version = shown_versions(editor, [claim_id])[claim_id]

    def redo(self) -> None:
        seen = self.named("claim", self.claim_id, self.version)
        self.old = self.editor.ws.claims.set_attribution(self.claim_id, self.values, if_version=seen)
        self._moved(seen)

    def undo(self) -> None:
        seen = self.named("claim", self.claim_id, self.version)
        self.editor.ws.claims.set_attribution(self.claim_id, self.old, if_version=seen)
        self._moved(seen)

    def _moved(self, seen: int | None) -> None:
        # each edit moves the claim by one (db/stores/versions.py)
        self.version = None if seen is None else seen + 1
        self.left("claim", self.claim_id, self.version)
        self.editor.after_edit([self.claim_id])

    def yours(self) -> str:
        v = self.values
        if v is None:
            return "no source"
        return describe_fields({"source phrase": v.phrase, "via": v.via, "kind": v.kind})


class FieldEdit(WorkspaceCommand):
    """Set fields of one row through a store method `update(id, if_version=, **fields)` that
    returns the old values with `if_version`, the version it left (sources, notes, articles)."""

    entity = ""

    def __init__(self, text: str, row_id: int, fields: dict[str, Any], seen: int | None) -> None:
        super().__init__(text)
        self.row_id = row_id
        self.wanted = dict(fields)
        self.version = seen
        self.old: dict[str, Any] = {}

    def update(self, fields: dict[str, Any], if_version: int | None) -> dict[str, Any]:
        raise NotImplementedError

    def after(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        self.old = self._write(self.wanted)

    def undo(self) -> None:
        if self.old:  # nothing changed: nothing to put back
            self._write(self.old)
        else:
            self.after()

    def _write(self, values: dict[str, Any]) -> dict[str, Any]:
        before = self.update(values, self.named(self.entity, self.row_id, self.version))
        if before:
            self.version = before.pop("if_version")
            self.left(self.entity, self.row_id, self.version)
        self.after()
        return before

    def yours(self) -> str:
        return describe_fields(self.wanted)


class UpdateSource(FieldEdit):
    """Change a registry source (its kind, name, description): every claim citing it follows."""

    entity = "source"

    def __init__(
        self, editor: Editor, source_id: int, fields: dict[str, Any], claim_ids: list[int], text: str
    ):
        try:  # the table shows no source version: the one stored when the person acts
            seen: int | None = editor.ws.sources.get(source_id).version
        except LookupError:
            seen = None
        super().__init__(text, source_id, fields, seen)
        self.editor = editor
        self.source_id = source_id
        self.claim_ids = claim_ids

    def update(self, fields: dict[str, Any], if_version: int | None) -> dict[str, Any]:
        return self.editor.ws.sources.update(self.source_id, if_version=if_version, **fields)

    def after(self) -> None:
        self.editor.after_edit(self.claim_ids)


class AddNote(WorkspaceCommand):
    """Add a note; undo deletes it (refused when someone edited it since), redo puts it back."""

    def __init__(
        self, editor: Editor, claim_id: int, *, body: str = "", url: str = "", quote: str = ""
    ) -> None:
        super().__init__("Add evidence" if url or quote else "Add note")
        self.editor = editor
        self.claim_id = claim_id
        self.fields = {"body": body, "url": url, "quote": quote}
        self.note_id: int | None = None
        self.version: int | None = None

    def redo(self) -> None:
        note = self.editor.ws.notes.add(self.claim_id, note_id=self.note_id, **self.fields)
        self.note_id = note.id
        self.named("note", note.id, None)  # a new chain on a new row
        self.version = note.version
        self.left("note", note.id, note.version)
        self.editor.after_edit([self.claim_id])

    def undo(self) -> None:
        seen = self.named("note", self.note_id, self.version)
        self.editor.ws.notes.delete(self.note_id, if_version=seen)
        self.left("note", self.note_id, None)
        self.editor.after_edit([self.claim_id])


class EditNote(FieldEdit):
    """Change a note's body, URL or quote from the version the person saw (`seen`)."""

    entity = "note"

    def __init__(
        self, editor: Editor, claim_id: int, note_id: int, fields: dict[str, str], seen: int | None = None
    ) -> None:
        super().__init__("Edit note", note_id, fields, seen)
        self.editor = editor
        self.claim_id, self.note_id = claim_id, note_id

    def update(self, fields: dict[str, Any], if_version: int | None) -> dict[str, Any]:
        return self.editor.ws.notes.update(self.note_id, if_version=if_version, **fields)

    def after(self) -> None:
        self.editor.after_edit([self.claim_id])

    def again(self) -> Callable[[], QUndoCommand]:
        editor, claim_id, note_id, wanted = self.editor, self.claim_id, self.note_id, self.wanted

        def fresh() -> QUndoCommand:
            try:
                seen: int | None = editor.ws.notes.get(note_id).version
            except LookupError:
                seen = None
            return EditNote(editor, claim_id, note_id, wanted, seen)

        return fresh


class DeleteNote(WorkspaceCommand):
    """Delete a note as the person saw it (`seen`): refused when someone edited it since."""

    def __init__(self, editor: Editor, claim_id: int, note_id: int, seen: int | None = None) -> None:
        super().__init__("Delete note")
        self.editor = editor
        self.claim_id, self.note_id = claim_id, note_id
        self.version = seen
        self.note: Note | None = None

    def redo(self) -> None:
        seen = self.named("note", self.note_id, self.version)
        self.note = self.editor.ws.notes.delete(self.note_id, if_version=seen)
        self.left("note", self.note_id, None)
        self.editor.after_edit([self.claim_id])

    def undo(self) -> None:
        restored = self.editor.ws.notes.restore(self.note)  # its author, date and version as they were
        self.version = restored.version
        self.left("note", self.note_id, restored.version)
        self.editor.after_edit([self.claim_id])
