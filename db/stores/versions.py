"""Row versions: the compare-and-set every edit makes, and the refusal of a stale one.

An edit names the version of the row its caller saw (`if_version`). Inside its transaction it
reads the row, refuses when the version differs (`check`), and its first write is
`UPDATE <table> SET version = version + 1 WHERE id = ? AND version = ?` (`bump`): when that touches
no row, another session changed the row between the read and the write (or deleted it), nothing is
written, and `StaleEdit` says who changed it and when, from the audit log. Plain SQL, the same on
every engine: the check happens in the statement that takes the row's write lock, so no
read-then-write window is left open, also for a caller that passes no version (the CLI: "as it is
now").

Each edit moves a row's version by exactly one (`bump` returns `seen + 1`), so a command that made
an edit from version `v` knows its edit left `v + 1`: its undo names that version, and is refused
when anyone changed the row since.
"""

from __future__ import annotations

from db.clock import local_time
from db.errors import StaleEdit
from db.session import Session

LABELS = {"claim": "claim", "note": "note", "source": "source", "article": "article", "match": "match"}
TABLES = {"claim": "claims", "note": "notes", "source": "sources", "article": "articles", "match": "matches"}
# Audit actions that do not move a row's version (a machine's step): never "who changed it".
_MACHINE_ACTIONS = ("match", "wire_group", "reanchor", "import")


def current_version(session: Session, entity: str, entity_id: int) -> int | None:
    """The row's version now (None: the row is gone)."""
    row = session.db.execute(f"SELECT version FROM {TABLES[entity]} WHERE id = ?", [entity_id]).fetchone()
    return None if row is None else row[0]


def check(session: Session, entity: str, entity_id: int, seen: int | None, current: int) -> None:
    """Refuse an edit made from version `seen` of a row now at `current` (None: no version named).

    Raises:
        StaleEdit: the versions differ; nothing was written.
    """
    if seen is not None and seen != current:
        raise stale(session, entity, entity_id)


def bump(session: Session, entity: str, entity_id: int, seen: int) -> int:
    """Move the row from version `seen` to the next one; returns the new version (`seen + 1`).

    Raises:
        StaleEdit: the row is not at version `seen` any more (or is gone); nothing was written.
    """
    cursor = session.db.execute(
        f"UPDATE {TABLES[entity]} SET version = version + 1 WHERE id = ? AND version = ?", [entity_id, seen]
    )
    if cursor.rowcount != 1:
        raise stale(session, entity, entity_id)
    return seen + 1


def stale(session: Session, entity: str, entity_id: int) -> StaleEdit:
    """The refusal of an edit to a row changed since: who changed it and when (the audit log).

    The change named is the last one by someone else, when there is one (the caller's own later
    steps are not news to them), else the last one.
    """
    version = current_version(session, entity, entity_id)
    marks = ", ".join("?" * len(_MACHINE_ACTIONS))
    sql = (
        'SELECT "user", at, action FROM audit WHERE entity = ? AND entity_id = ? '
        f"AND action NOT IN ({marks}) {{}} ORDER BY id DESC LIMIT 1"
    )
    params = [entity, entity_id, *_MACHINE_ACTIONS]
    last = session.db.execute(sql.format('AND "user" != ?'), [*params, session.user]).fetchone()
    if last is None:
        last = session.db.execute(sql.format(""), params).fetchone()
    what = f"{LABELS[entity]} #{entity_id}"
    if last is None:
        told = f"{what} was changed by another session"
    else:
        user, at, action = last
        verb = "deleted" if action == "delete" or version is None else "changed"
        told = f"{what} was {verb} by {user} at {local_time(at)}"
    return StaleEdit(told, entity=entity, entity_id=entity_id, version=version)
