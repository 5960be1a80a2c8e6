"""The append-only audit log: who changed what, when, old -> new."""

from __future__ import annotations

import json
from collections.abc import Mapping
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
    origin_user: str = ""  # who wrote it in the workspace it was copied from ("": written here; m012)
    origin_at: str = ""


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

    def record_copied(
        self,
        entry: Mapping[str, Any],
        *,
        entity_id: int | None,
        article_id: int | None,
        claim_id: int | None,
    ) -> None:
        """Append an entry copied from another workspace (`workbench desk push` / `pull`): its action,
        field and values as written there, its author and time there in `origin_user` / `origin_at`
        (an entry that was itself a copy keeps its first author); `user` and `at` are this session's
        (on a desk the server's session user: who vouches for the copy), ids are this workspace's."""
        self.session.db.insert_returning_id(
            "audit",
            {
                "at": self.session.now("milliseconds"),
                "user": self.session.user,
                "action": entry["action"],
                "entity": entry["entity"],
                "entity_id": entity_id,
                "article_id": article_id,
                "claim_id": claim_id,
                "field": entry["field"],
                "old": entry["old"],
                "new": entry["new"],
                "origin_user": entry.get("origin_user") or entry["user"],
                "origin_at": entry.get("origin_at") or entry["at"],
            },
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
