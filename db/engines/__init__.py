"""Database engines: what differs between SQLite and a server lives in one module each.

An engine owns the connection and knows its database's ways: how to connect (and read-only),
the transaction that takes the write lock up front, how another program's commits are noticed,
how the driver's errors read as `db.errors`, and how to copy the database. The stores reach it
through their `Session` (db/session.py) and never import a driver: they run their SQL through the
engine's `Connection` (below), the one way of running SQL both engines offer, so each store,
flow and query is written once. `sqlite.py` is the embedded default, `postgres.py` a shared desk.

The SQL the stores write is the common ground of SQLite and PostgreSQL: `?` placeholders (the
PostgreSQL connection turns them into psycopg's), `"end"` and `"user"` quoted, no `INSERT OR
IGNORE` (`ON CONFLICT DO NOTHING`), no `COLLATE NOCASE`, no `IS` between two columns, no
aliases in HAVING. An id comes back from `insert_returning_id`, never from `lastrowid`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from db.errors import WorkspaceError


class Cursor(Protocol):
    """What a statement's result offers on both drivers (DB-API)."""

    rowcount: int
    description: Any

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """The stores' way of running SQL, the same on every engine."""

    dialect: str  # "sqlite" or "postgresql": for the few statements that must differ (engine modules only)

    def execute(self, statement: str, params: Sequence[Any] = ()) -> Cursor:
        """Run one statement; rows come back as tuples."""
        ...

    def executemany(self, statement: str, rows: Iterable[Sequence[Any]]) -> None: ...

    def query(self, statement: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        """Run one statement; rows come back as dicts by column name."""
        ...

    def insert_returning_id(self, table: str, row: dict[str, Any]) -> int:
        """Insert one row and return its `id` (an `id` of None in `row` means "a new one")."""
        ...

    def ids_written(self, table: str) -> None:
        """Rows were inserted with ids of their own (undo puts a row back under its id): new ids
        the database hands out must stay above them (PostgreSQL moves its identity sequence)."""
        ...

    def columns(self, table: str) -> list[str]:
        """The table's column names, in order."""
        ...

    def atomic(self) -> AbstractContextManager[Any]:
        """One transaction (a savepoint when nested) that takes the write lock up front."""
        ...


class ChangeFeed(Protocol):
    """How a window learns, without waiting, that another connection committed.

    `fileno()` is a socket that becomes readable when a change may have arrived (watch it with
    the event loop), or None: then the window asks `changed()` every `poll_ms` (it asks on that
    timer anyway, so a lost connection is noticed on a quiet desk too). `changed()` never waits on
    the network.
    """

    poll_ms: int

    def fileno(self) -> int | None: ...

    def changed(self) -> bool:
        """Whether another connection committed since the last call (reads only what has arrived).

        Raises:
            ConnectionLost: the feed's connection went away (reconnect: `Engine.reconnect`).
        """
        ...

    def close(self) -> None: ...


class Engine(Protocol):
    """What the session, the stores and the workspace need from a database engine."""

    name: str  # "sqlite" or "postgresql"
    read_only: bool
    db: Connection  # the connection the stores' SQL runs through
    driver_errors: tuple[type[BaseException], ...]  # what `translate` turns into db.errors

    @property
    def location(self) -> str:
        """Where the data is, for messages: a file path, ":memory:", or a desk's address."""
        ...

    def atomic(self) -> AbstractContextManager[Any]:
        """One transaction (a savepoint when nested) that takes the write lock up front."""
        ...

    def data_version(self) -> int:
        """A number that changes when another connection commits (the window polls it)."""
        ...

    def change_feed(self) -> ChangeFeed:
        """What tells a window of other connections' commits (SQLite: `data_version` polled on this
        connection; PostgreSQL: LISTEN on a connection of its own)."""
        ...

    @property
    def lost(self) -> bool:
        """Whether the connection went away and `reconnect` is needed (never, for a file)."""
        ...

    def reconnect(self) -> Callable[[], None]:
        """Make a new connection (may wait on the network: call it off the GUI thread); returns
        what puts it in place of the lost one, to be called on the thread that uses the engine."""
        ...

    def bound_waits(self, seconds: float) -> None:
        """Make a statement that waits on another session's lock give up after `seconds` (the
        window's connection, whose GUI thread must not hang). A desk sets `lock_timeout`; a file
        keeps its busy timeout (db/engines/sqlite.py), as solo use always had."""
        ...

    def translate(self, exc: BaseException) -> WorkspaceError:
        """The driver's error as a db.errors exception with a message a person can act on."""
        ...

    def close(self) -> None: ...


def insert_statement(table: str, row: dict[str, Any]) -> tuple[str, list[Any]]:
    """`INSERT INTO "table" ("a", "b") VALUES (?, ?)` for a row; an `id` of None is left out."""
    values = {k: v for k, v in row.items() if not (k == "id" and v is None)}
    columns = ", ".join(f'"{name}"' for name in values)
    marks = ", ".join("?" for _ in values)
    return f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', list(values.values())
