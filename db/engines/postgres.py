"""The PostgreSQL engine: a shared desk on a database server, through psycopg 3 (issue 12).

What is PostgreSQL's own way lives here: which workspace names are desk URLs, connecting through
libpq (service files, `.pgpass`, `sslmode` and every other libpq setting pass straight through;
the app never keeps a password: `location` leaves it out), the transaction (a savepoint when
nested), the `?` placeholders the stores write turned into psycopg's, and the translation of
psycopg's errors (SQLSTATE codes) into `db.errors`.

First step of the desk: the stores still run on sqlite-utils (`SqliteEngine.db`); `db` here is a
`PgConnection` adapter with the same `execute` / `executemany` / `query` / `atomic` shape, the
seam the stores move onto. Change notification (LISTEN/NOTIFY) is item 5's, on this engine.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import psycopg
from psycopg import errors as pg_errors
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg.rows import dict_row

from db.errors import (
    NotAWorkspace,
    NotPermitted,
    ReadOnlyWorkspace,
    UnstorableValue,
    WorkspaceClosed,
    WorkspaceError,
    WorkspaceFull,
    WorkspaceLocked,
)

URL_SCHEMES = ("postgresql://", "postgres://")
CONNECT_TIMEOUT_S = 10  # a libpq connect_timeout in the URL or service file wins
# '...' literals, "..." identifiers and -- comments are copied as they are; a ? outside them is a parameter.
_TOKENS = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*|%|\?")
_SECRET_KEYS = ("password", "passfile", "sslpassword")


def is_desk_url(name: str) -> bool:
    """Does this workspace name mean a shared desk (a PostgreSQL URL) rather than a SQLite file?"""
    return name.strip().lower().startswith(URL_SCHEMES)


def public_location(url: str) -> str:
    """The desk's URL as a message or a recent-files list may show it: without any password."""
    try:
        params = conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        raise NotAWorkspace(f"not a PostgreSQL address: {exc}") from exc
    shown = {k: v for k, v in params.items() if k not in _SECRET_KEYS and v is not None}
    parts = [f"{k}={shown.pop(k)}" for k in ("service", "user", "host", "port", "dbname") if k in shown]
    parts += [f"{k}={v}" for k, v in sorted(shown.items())]
    return "postgresql: " + " ".join(parts)


def to_pyformat(statement: str) -> str:
    """A statement with SQLite's `?` placeholders in psycopg's `%s` style (literal `%` doubled)."""

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        # psycopg reads every % of a query that has parameters, inside literals too ('a%' -> 'a%%')
        return "%s" if token == "?" else token.replace("%", "%%")

    return _TOKENS.sub(replace, statement)


class PgConnection:
    """The stores' way of running SQL, on one psycopg connection (autocommit outside `atomic`)."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self.conn = conn

    def execute(self, statement: str, params: Sequence[Any] = ()) -> psycopg.Cursor[Any]:
        return self.conn.execute(to_pyformat(statement), tuple(params))

    def executemany(self, statement: str, rows: Iterable[Sequence[Any]]) -> None:
        with self.conn.cursor() as cur:
            cur.executemany(to_pyformat(statement), [tuple(r) for r in rows])

    def query(self, statement: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        with self.conn.cursor(row_factory=dict_row) as cur:
            cur.execute(to_pyformat(statement), tuple(params))
            yield from cur.fetchall()

    def insert_returning_id(self, table: str, row: dict[str, Any]) -> int:
        """Insert one row and return its `id` (SQLite's lastrowid, the PostgreSQL way)."""
        statement = sql.SQL("INSERT INTO {} ({}) VALUES ({}) RETURNING id").format(
            sql.Identifier(table),
            sql.SQL(", ").join(map(sql.Identifier, row)),
            sql.SQL(", ").join(sql.Placeholder() * len(row)),
        )
        found = self.conn.execute(statement, tuple(row.values())).fetchone()
        assert found is not None
        return int(found[0])

    @contextlib.contextmanager
    def atomic(self) -> Iterator[PgConnection]:
        """One transaction; a savepoint inside another (psycopg's `transaction()` does both)."""
        with self.conn.transaction():
            yield self


class PostgresEngine:
    """One connection to a desk database on a PostgreSQL server."""

    name = "postgresql"
    driver_errors: tuple[type[BaseException], ...] = (psycopg.Error,)

    def __init__(self, conn: psycopg.Connection[Any], url: str, read_only: bool) -> None:
        self.db = PgConnection(conn)
        self.url = url
        self.read_only = read_only
        self._location = public_location(url)

    @classmethod
    def connect(cls, url: str, *, read_only: bool = False) -> PostgresEngine:
        """Connect through libpq; a read-only desk session is refused every write by the server."""
        location = public_location(url)
        params = conninfo_to_dict(url)
        params.setdefault("connect_timeout", str(CONNECT_TIMEOUT_S))
        params.setdefault("application_name", "workbench")
        if read_only:
            options = params.get("options") or ""
            params["options"] = f"{options} -c default_transaction_read_only=on".strip()
        try:
            conn = psycopg.connect(make_conninfo(**params), autocommit=True)
        except psycopg.Error as exc:
            raise translate_error(exc, location) from exc
        return cls(conn, url, read_only)

    @property
    def location(self) -> str:
        return self._location

    def atomic(self) -> contextlib.AbstractContextManager[PgConnection]:
        return self.db.atomic()

    def session_user(self) -> str:
        """Who the server says is connected: the desk's audit "who" (never a name the client sends)."""
        found = self.db.execute("SELECT session_user").fetchone()
        assert found is not None
        return str(found[0])

    def data_version(self) -> int:
        """Commits in this database so far (the statistics view; item 5 brings LISTEN/NOTIFY)."""
        found = self.db.execute(
            "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"
        ).fetchone()
        return int(found[0]) if found and found[0] is not None else 0

    def translate(self, exc: BaseException) -> WorkspaceError:
        return translate_error(exc, self.location)

    def close(self) -> None:
        self.db.conn.close()


def translate_error(exc: BaseException, location: str) -> WorkspaceError:
    """psycopg's error as a db.errors exception, chosen by its SQLSTATE class, with a clear message."""
    detail = _first_line(exc)
    if isinstance(exc, pg_errors.InsufficientPrivilege):
        return NotPermitted(f"the desk refused this for your role: {detail}")
    if isinstance(exc, pg_errors.ReadOnlySqlTransaction):
        return ReadOnlyWorkspace(f"{location} is open read-only")
    if isinstance(exc, pg_errors.IntegrityError | pg_errors.DataError):
        return UnstorableValue(f"the desk refused the value: {detail}")
    if isinstance(exc, pg_errors.LockNotAvailable | pg_errors.DeadlockDetected | pg_errors.QueryCanceled):
        return WorkspaceLocked(f"{location} is busy: {detail}; try again")
    if isinstance(exc, pg_errors.DiskFull | pg_errors.OutOfMemory):
        return WorkspaceFull(f"the desk server is out of space: {detail}")
    if isinstance(exc, pg_errors.InvalidPassword | pg_errors.InvalidAuthorizationSpecification):
        return NotAWorkspace(f"the desk server did not let you in ({location}): {detail}")
    if isinstance(exc, psycopg.OperationalError) and "closed" in detail.lower():
        return WorkspaceClosed(f"the connection to {location} is closed")
    if isinstance(exc, psycopg.OperationalError):
        return NotAWorkspace(f"cannot reach the desk ({location}): {detail}")
    return NotAWorkspace(f"{location}: {detail}")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
