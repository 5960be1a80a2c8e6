"""Database engines: what differs between SQLite and a server lives in one module each.

An engine owns the connection and knows its database's ways: how to connect (and read-only),
the transaction that takes the write lock up front, how another program's commits are noticed,
how the driver's errors read as `db.errors`, and how to copy the database. The stores reach it
through their `Session` (db/session.py) and never import a driver. `sqlite.py` is the embedded
default; a PostgreSQL engine sits beside it behind the same `Engine` protocol.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any, Protocol

from db.errors import WorkspaceError


class Engine(Protocol):
    """What the session, the stores and the workspace need from a database engine."""

    name: str  # "sqlite"
    read_only: bool
    db: Any  # the sqlite-utils Database the stores' SQL runs through (SQLite dialect today)
    driver_errors: tuple[type[BaseException], ...]  # what `translate` turns into db.errors

    @property
    def location(self) -> str:
        """Where the data is, for messages: a file path, or ":memory:"."""
        ...

    def atomic(self) -> AbstractContextManager[Any]:
        """One transaction (a savepoint when nested) that takes the write lock up front."""
        ...

    def data_version(self) -> int:
        """A number that changes when another connection commits (the window polls it)."""
        ...

    def translate(self, exc: BaseException) -> WorkspaceError:
        """The driver's error as a db.errors exception with a message a person can act on."""
        ...

    def close(self) -> None: ...
