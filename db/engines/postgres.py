"""The PostgreSQL engine: a shared desk on a database server, through psycopg 3 (issue 12).

What is PostgreSQL's own way lives here: which workspace names are desk URLs, connecting through
libpq (service files, `.pgpass`, `sslmode` and every other libpq setting pass straight through;
the app never keeps a password: `location` leaves it out), the transaction (a savepoint when
nested), the `?` placeholders the stores write turned into psycopg's, and the translation of
psycopg's errors (SQLSTATE codes) into `db.errors`.

`db` is a `PgConnection`: the stores' `Connection` (db/engines/__init__.py), the same methods
SQLite's offers, so the stores are written once. The desk's schema, migrations and roles are in
db/engines/pg_schema.py. Change notification (LISTEN/NOTIFY) is item 5's, on this engine.
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

from db.engines import pg_schema
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
_MIGRATION_LOCK = (
    0x57424E43  # pg_advisory_xact_lock key of a desk's upgrade ("WBNC", as SQLite's application_id)
)


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
    """The stores' `Connection` on one psycopg connection (autocommit outside `atomic`)."""

    dialect = "postgresql"

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self.conn = conn

    def script(self, statements: str) -> None:
        """Run DDL as written (no placeholders: `$$` function bodies stay as they are)."""
        self.conn.execute(statements.encode())

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
        row = {k: v for k, v in row.items() if not (k == "id" and v is None)}
        statement = sql.SQL("INSERT INTO {} ({}) VALUES ({}) RETURNING id").format(
            sql.Identifier(table),
            sql.SQL(", ").join(map(sql.Identifier, row)),
            sql.SQL(", ").join(sql.Placeholder() * len(row)),
        )
        found = self.conn.execute(statement, tuple(row.values())).fetchone()
        assert found is not None
        return int(found[0])

    def ids_written(self, table: str) -> None:
        """Move the table's identity sequence past the largest id stored (rows put back under their id)."""
        self.conn.execute(
            sql.SQL(
                "SELECT setval(pg_get_serial_sequence({t}, 'id'), greatest(coalesce(max(id), 0), 1), max(id) IS NOT NULL) FROM {i}"
            ).format(t=sql.Literal(table), i=sql.Identifier(table))
        )

    def columns(self, table: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = %s ORDER BY ordinal_position",
            (table,),
        ).fetchall()
        return [r[0] for r in rows]

    @contextlib.contextmanager
    def atomic(self) -> Iterator[PgConnection]:
        """One transaction; a savepoint inside another (psycopg's `transaction()` does both)."""
        with self.conn.transaction():
            yield self


class PostgresEngine:
    """One connection to a desk database on a PostgreSQL server."""

    name = "postgresql"
    driver_errors: tuple[type[BaseException], ...] = (psycopg.Error,)
    path = None  # no file: the desk's copies are its administrator's (pg_dump), not the app's
    role = ""  # the session user's desk role, once the workspace has asked (`desk_role`)

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

    # --- the desk's schema and roles (db/engines/pg_schema.py) -------------------------------

    def schema_version(self) -> int | None:
        """The desk's schema number (None: no workbench schema in this database yet)."""
        found = self.db.execute("SELECT to_regclass(?) IS NOT NULL", [pg_schema.MIGRATIONS_TABLE]).fetchone()
        if not found or not found[0]:
            return None
        row = self.db.execute(f"SELECT max(number) FROM {pg_schema.MIGRATIONS_TABLE}").fetchone()
        return int(row[0]) if row and row[0] is not None else None

    def migrate(self) -> list[str]:
        """Apply every pending migration, each in its own transaction with its row. Returns their names."""
        applied = []
        for migration in pg_schema.MIGRATIONS:
            with self.db.atomic():
                # one upgrader at a time: a second `desk init` waits here, then finds nothing to do
                self.db.execute("SELECT pg_advisory_xact_lock(?)", [_MIGRATION_LOCK])
                current = self.schema_version() or 0
                if migration.number <= current:
                    continue
                for statement in migration.statements():
                    self.db.script(statement)
                if migration.fill is not None:
                    migration.fill(self.db)
                self.db.execute(
                    f"INSERT INTO {pg_schema.MIGRATIONS_TABLE} (number, name) VALUES (?, ?)",
                    [migration.number, migration.name],
                )
            applied.append(migration.name)
        return applied

    def extensions(self) -> list[str]:
        """Create the contrib extensions the desk's search uses where the server has them."""
        made = []
        available = {
            r[0]
            for r in self.db.execute(
                "SELECT name FROM pg_available_extensions WHERE name IN ('pg_trgm', 'unaccent')"
            ).fetchall()
        }
        for name in sorted(available):
            self.db.script(f"CREATE EXTENSION IF NOT EXISTS {name}")
            made.append(name)
        return made

    def make_roles(self) -> None:
        """The group roles and this database's GRANTs (again after each upgrade: new tables, columns)."""
        with self.db.atomic():
            for statement in pg_schema.role_statements():
                self.db.script(statement)
            tables = {t: self.db.columns(t) for t in pg_schema.WORK_TABLES}
            others = [
                r[0]
                for r in self.db.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
                ).fetchall()
                if r[0] not in pg_schema.OWN_TABLES
            ]
            for statement in pg_schema.grant_statements(tables, others):
                self.db.script(statement)

    def grant(self, login: str, role: str) -> None:
        """Give the login role `login` one of the desk's roles (checker, editor, viewer), and only it."""
        group = pg_schema.GROUP_ROLES[role]
        exists = self.db.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = ?", [login]).fetchone()
        if exists is None:
            raise NotAWorkspace(
                f"there is no role {login!r} on the desk's server: the DBA creates it first "
                f"(CREATE ROLE {login} LOGIN;), then grants it a desk role"
            )
        with self.db.atomic():
            for other in pg_schema.GROUP_ROLES.values():
                if other != group:
                    self.db.script(
                        sql.SQL("REVOKE {} FROM {}")
                        .format(sql.Identifier(other), sql.Identifier(login))
                        .as_string(self.db.conn)
                    )
            self.db.script(
                sql.SQL("GRANT {} TO {}")
                .format(sql.Identifier(group), sql.Identifier(login))
                .as_string(self.db.conn)
            )

    def desk_role(self) -> str:
        """The session user's desk role: "editor", "checker", "viewer", or "" (none of them)."""
        for role in ("editor", "checker", "viewer"):
            row = self.db.execute(
                "SELECT pg_has_role(session_user, oid, 'MEMBER') FROM pg_roles WHERE rolname = ?",
                [pg_schema.GROUP_ROLES[role]],
            ).fetchone()
            if row and row[0]:
                return role
        return ""

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

    def is_own_file(self, candidate: object) -> bool:
        """No local file belongs to a desk."""
        return False

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
