"""Notes and evidence (a URL and the passage quoted from it) on claims."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from db.session import Session, translates_errors
from db.stores import versions
from db.stores.audit import AuditLog
from workbench.model import Note

if TYPE_CHECKING:
    from db.stores.claims import ClaimStore


@translates_errors
class NoteStore:
    def __init__(self, session: Session, audit: AuditLog, claims: ClaimStore) -> None:
        self.session = session
        self.db = session.db
        self.audit = audit
        self.claims = claims

    def for_claim(self, claim_id: int) -> list[Note]:
        return [
            Note(**row)
            for row in self.db.query("SELECT * FROM notes WHERE claim_id = ? ORDER BY id", [claim_id])
        ]

    def counts(self, article_id: int) -> dict[int, int]:
        rows = self.db.execute(
            "SELECT n.claim_id, count(*) FROM notes n JOIN claims c ON c.id = n.claim_id "
            "WHERE c.article_id = ? GROUP BY n.claim_id",
            [article_id],
        ).fetchall()
        return dict(rows)

    def add(
        self, claim_id: int, *, body: str = "", url: str = "", quote: str = "", note_id: int | None = None
    ) -> Note:
        self.session.writable()
        article_id = self.claims.get(claim_id).article_id
        with self.db.atomic():
            cursor = self.db.execute(
                "INSERT INTO notes (id, claim_id, body, url, quote, author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [note_id, claim_id, body, url, quote, self.session.user, self.session.now()],
            )
            new_id = cursor.lastrowid
            self.audit.record(
                "create",
                "note",
                new_id,
                new={"body": body, "url": url, "quote": quote},
                article_id=article_id,
                claim_id=claim_id,
            )
        return self.get(new_id)

    def get(self, note_id: int) -> Note:
        rows = list(self.db.query("SELECT * FROM notes WHERE id = ?", [note_id]))
        if not rows:
            raise LookupError(f"no note with id {note_id}")
        return Note(**rows[0])

    def restore(self, note: Note) -> Note:
        """Put back a note `delete` returned: same id, author and date (undo of a deletion)."""
        self.session.writable()
        article_id = self.claims.get(note.claim_id).article_id
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO notes (id, claim_id, body, url, quote, author, created_at, version) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    note.id,
                    note.claim_id,
                    note.body,
                    note.url,
                    note.quote,
                    note.author,
                    note.created_at,
                    note.version,
                ],
            )
            self.audit.record(
                "restore",
                "note",
                note.id,
                new={"body": note.body, "url": note.url, "quote": note.quote},
                article_id=article_id,
                claim_id=note.claim_id,
            )
        return self.get(note.id)

    def update(self, note_id: int, *, if_version: int | None = None, **fields: Any) -> dict[str, Any]:
        """Set body, url or quote; returns the old values, so `update(id, **old)` undoes it.

        `if_version` is the note's version the caller saw (`Note.version`; None: as it is now). The
        old values carry `if_version` too, the version this edit leaves, so their undo is refused
        when someone changed the note since.

        Raises:
            StaleEdit: the note is not at `if_version` any more; nothing was written.
        """
        self.session.writable()
        bad = set(fields) - {"body", "url", "quote"}
        if bad:
            raise ValueError(f"a note has no field {', '.join(sorted(bad))}")
        with self.db.atomic():  # read inside the transaction: the old values were current
            note = self.get(note_id)
            versions.check(self.session, "note", note_id, if_version, note.version)
            old: dict[str, Any] = {name: getattr(note, name) for name in fields}
            changed = {name: value for name, value in fields.items() if value != old[name]}
            version = note.version
            if changed:
                version = versions.bump(self.session, "note", note_id, note.version)
            for name, value in changed.items():
                self.db.execute(f"UPDATE notes SET {name} = ? WHERE id = ?", [value, note_id])
                self.audit.record(
                    "update",
                    "note",
                    note_id,
                    field=name,
                    old=old[name],
                    new=value,
                    article_id=self._article_of(note.claim_id),
                    claim_id=note.claim_id,
                )
        old["if_version"] = version
        return old

    def delete(self, note_id: int, *, if_version: int | None = None) -> Note:
        """Remove a note; returns it, for `restore`.

        Raises:
            StaleEdit: the note is not at `if_version` any more (deleting it would throw someone's
                change away); nothing was deleted.
        """
        self.session.writable()
        with self.db.atomic():
            note = self.get(note_id)
            versions.check(self.session, "note", note_id, if_version, note.version)
            cursor = self.db.execute(
                "DELETE FROM notes WHERE id = ? AND version = ?", [note_id, note.version]
            )
            if cursor.rowcount != 1:
                raise versions.stale(self.session, "note", note_id)
            self.audit.record(
                "delete",
                "note",
                note_id,
                old={"body": note.body, "url": note.url, "quote": note.quote},
                article_id=self._article_of(note.claim_id),
                claim_id=note.claim_id,
            )
        return note

    def _article_of(self, claim_id: int) -> int | None:
        """The article of a claim, so every note entry shows in its article's history (even after
        the claim is deleted)."""
        row = self.db.execute("SELECT article_id FROM claims WHERE id = ?", [claim_id]).fetchone()
        return row[0] if row else None
