"""The append-only audit log: who changed what, when, old -> new."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from db.session import Session, translates_errors


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: str
    user: str
    action: str
    entity: str
    entity_id: int | None
    article_id: int | None
    claim_id: int | None
    field: str
    old: str | None
    new: str | None
    origin_user: str = ""  # who wrote it in the workspace it was copied from ("": written here; m013)
    origin_at: str = ""


@dataclass(frozen=True, slots=True)
class CopiedEntry:
    """An audit row from another workspace (column -> value) and the ids it gets here."""

    entry: Mapping[str, Any]
    entity_id: int | None
    article_id: int | None
    claim_id: int | None


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


@translates_errors
class AuditLog:
    """Writes go through the stores, inside their transactions; the log itself refuses edits."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def record(
        self,
        action: str,
        entity: str,
        entity_id: int | None,
        *,
        field: str = "",
        old: Any = None,
        new: Any = None,
        article_id: int | None = None,
        claim_id: int | None = None,
    ) -> None:
        self.session.db.insert_returning_id(
            "audit",
            {
                "at": self.session.now("milliseconds"),
                "user": self.session.user,
                "action": action,
                "entity": entity,
                "entity_id": entity_id,
                "article_id": article_id,
                "claim_id": claim_id,
                "field": field,
                "old": _text(old),
                "new": _text(new),
            },
        )

    def record_copied(self, entries: Sequence[CopiedEntry]) -> None:
        """Append entries copied from another workspace (`workbench desk push` / `pull`), in one batch:
        each keeps its action, field and values as written there, and its author and time there in
        `origin_user` / `origin_at` (an entry that was itself a copy keeps its first author); `user`
        and `at` are this session's (on a desk the server's session user: who vouches for the copy);
        the ids are this workspace's."""
        if not entries:
            return
        at = self.session.now("milliseconds")
        rows = [
            (
                at,
                self.session.user,
                e.entry["action"],
                e.entry["entity"],
                e.entity_id,
                e.article_id,
                e.claim_id,
                e.entry["field"],
                e.entry["old"],
                e.entry["new"],
                e.entry.get("origin_user") or e.entry["user"],
                e.entry.get("origin_at") or e.entry["at"],
            )
            for e in entries
        ]
        self.session.db.executemany(
            'INSERT INTO audit (at, "user", action, entity, entity_id, article_id, claim_id, field, old, new, '
            "origin_user, origin_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def entries(
        self, *, claim_id: int | None = None, article_id: int | None = None, limit: int | None = None
    ) -> list[AuditEntry]:
        where, params = [], []
        if claim_id is not None:
            where.append("claim_id = ?")
            params.append(claim_id)
        if article_id is not None:
            where.append("article_id = ?")
            params.append(article_id)
        sql = "SELECT * FROM audit" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [AuditEntry(**row) for row in self.session.db.query(sql, params)]
