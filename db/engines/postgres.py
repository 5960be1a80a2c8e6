"""The PostgreSQL engine: a shared desk on a database server, through psycopg 3 (issue 12).

What is PostgreSQL's own way lives here: which workspace names are desk URLs, connecting through
libpq (service files, `.pgpass`, `sslmode` and every other libpq setting pass straight through;
the app never keeps a password: `location` leaves it out), the transaction (a savepoint when
nested), the `?` placeholders the stores write turned into psycopg's, and the translation of
psycopg's errors (SQLSTATE codes) into `db.errors`.

`db` is a `PgConnection`: the stores' `Connection` (db/engines/__init__.py), the same methods
SQLite's offers, so the stores are written once. The desk's schema, migrations and roles are in
db/engines/pg_schema.py.

Change notification: every write to a table the window shows fires a statement trigger that
NOTIFYs `CHANGES_CHANNEL` (migration 12); `NotifyFeed` LISTENs on a connection of its own, whose
socket the window watches, and reports the commits of every connection but the window's own.

Faults: every desk connection gets a `statement_timeout` (STATEMENT_TIMEOUT_S, or
WORKBENCH_STATEMENT_TIMEOUT seconds, 0 for none; a setting the DBA made for the role or the
database, or one in the URL's `options`, wins) and TCP keepalives, so a dead server is noticed in
seconds rather than hours; a lost connection reads as `ConnectionLost`, and `reconnect` makes a
new one off the GUI thread and puts it in place on it.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import psycopg
from psycopg import errors as pg_errors
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg.rows import dict_row

from db.engines import pg_schema
from db.errors import (
    ConnectionLost,
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
# The longest one statement may run before the server cancels it. The window's statements take
# milliseconds; the longest the workbench runs (a bulk import's index rebuild at a million
# sentences) some seconds. `desk init` lifts it for its migrations.
STATEMENT_TIMEOUT_S = 60
ENV_STATEMENT_TIMEOUT = "WORKBENCH_STATEMENT_TIMEOUT"
# TCP keepalives (libpq ignores them on a Unix socket): a server gone from the network is noticed
# after about 10 + 3 × 5 s of silence instead of the system's two hours.
KEEPALIVES = {"keepalives": "1", "keepalives_idle": "10", "keepalives_interval": "5", "keepalives_count": "3"}
CHANGES_CHANNEL = "workbench_changes"  # what migration 12's triggers NOTIFY (db/engines/pg_schema.py)
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
    def connect(
        cls, url: str, *, read_only: bool = False, statement_timeout: float | None = None
    ) -> PostgresEngine:
        """Connect through libpq; a read-only desk session is refused every write by the server.

        `statement_timeout`: seconds (0: none; default STATEMENT_TIMEOUT_S or the environment's)."""
        engine = cls(open_connection(url, read_only, statement_timeout), url, read_only)
        engine.statement_timeout = statement_timeout
        return engine

    statement_timeout: float | None = None  # as `connect` was asked (None: the default)

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
                self.db.execute("SET LOCAL statement_timeout = 0")  # an index over a big desk takes a while
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

    def change_feed(self) -> NotifyFeed:
        """A LISTENing connection of its own (connecting waits on the network, as opening did)."""
        conn = open_connection(self.url, True, self.statement_timeout)
        return NotifyFeed(conn, self._own_pid, self.location)

    def _own_pid(self) -> int:
        """The server process of this engine's connection: its own commits are not news to it."""
        return self.db.conn.info.backend_pid if not self.lost else -1

    @property
    def lost(self) -> bool:
        return self.db.conn.broken or self.db.conn.closed

    def reconnect(self) -> Callable[[], None]:
        """A new connection (waits on the network: call off the GUI thread); what the returned
        function puts in place of the old one, on the thread that uses the engine."""
        conn = open_connection(self.url, self.read_only, self.statement_timeout)

        if self._lock_timeout_ms is not None:
            self._set_lock_timeout(conn)

        def swap() -> None:
            old, self.db.conn = self.db.conn, conn
            with contextlib.suppress(psycopg.Error):
                old.close()

        return swap

    _lock_timeout_ms: int | None = None

    def bound_waits(self, seconds: float) -> None:
        """`lock_timeout` on this connection (and the ones `reconnect` makes): a row another
        session holds locked fails this statement after `seconds` ("busy: try again")."""
        self._lock_timeout_ms = max(1, int(seconds * 1000))
        try:
            self._set_lock_timeout(self.db.conn)
        except psycopg.Error as exc:
            raise self.translate(exc) from exc

    def _set_lock_timeout(self, conn: psycopg.Connection[Any]) -> None:
        conn.execute("SELECT set_config('lock_timeout', %s, false)", (f"{self._lock_timeout_ms}ms",))

    def data_version(self) -> int:
        """Commits in this database so far (the statistics view; the window uses `change_feed`)."""
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


def statement_timeout_s(asked: float | None = None) -> float:
    """The statement timeout a desk connection gets: `asked`, else WORKBENCH_STATEMENT_TIMEOUT, else
    STATEMENT_TIMEOUT_S (0: none)."""
    if asked is not None:
        return max(0.0, asked)
    try:
        return max(0.0, float(os.environ.get(ENV_STATEMENT_TIMEOUT, STATEMENT_TIMEOUT_S)))
    except ValueError:
        return float(STATEMENT_TIMEOUT_S)


def open_connection(
    url: str, read_only: bool, statement_timeout: float | None = None
) -> psycopg.Connection[Any]:
    """One autocommit connection to the desk, with the workbench's defaults where the URL, the
    service file or the DBA set none: connect_timeout, keepalives, the statement timeout."""
    location = public_location(url)
    params = conninfo_to_dict(url)
    params.setdefault("connect_timeout", str(CONNECT_TIMEOUT_S))
    params.setdefault("application_name", "workbench")
    if "service" not in params:  # a service file's own settings win
        for key, value in KEEPALIVES.items():
            params.setdefault(key, value)
    if read_only:
        options = params.get("options") or ""
        params["options"] = f"{options} -c default_transaction_read_only=on".strip()
    try:
        conn = psycopg.connect(make_conninfo(**params), autocommit=True)
        timeout_ms = int(statement_timeout_s(statement_timeout) * 1000)
        # only where nobody chose one: the DBA (ALTER ROLE/DATABASE ... SET), PGOPTIONS, `options`
        conn.execute(
            "SELECT set_config('statement_timeout', %s, false) FROM pg_settings "
            "WHERE name = 'statement_timeout' AND source = 'default'",
            (f"{timeout_ms}ms",),
        )
    except psycopg.Error as exc:
        raise translate_error(exc, location, connecting=True) from exc
    return conn


class NotifyFeed:
    """The desk's change feed (db/engines/__init__.py `ChangeFeed`): a connection that LISTENs to
    `CHANGES_CHANNEL`; the window watches its socket. `changed()` reads only what has arrived
    (libpq's PQconsumeInput and PQnotifies, no round trip) and leaves out the engine's own commits
    (by server process id). It also asks every `poll_ms`: a terminated backend or a stopped
    server shows as a readable socket, then as `ConnectionLost`."""

    poll_ms = 1000

    def __init__(self, conn: psycopg.Connection[Any], own_pid: Callable[[], int], location: str) -> None:
        self.conn = conn
        self._own_pid = own_pid
        self._location = location
        try:
            conn.execute(f"LISTEN {CHANGES_CHANNEL}")
        except psycopg.Error as exc:
            conn.close()
            raise translate_error(exc, location) from exc

    def fileno(self) -> int | None:
        return None if self.conn.closed else self.conn.fileno()

    def changed(self) -> bool:
        pgconn = self.conn.pgconn
        try:
            pgconn.consume_input()
        except psycopg.OperationalError as exc:
            raise ConnectionLost(_lost_message(self._location, exc)) from exc
        if pgconn.status != psycopg.pq.ConnStatus.OK:
            raise ConnectionLost(_lost_message(self._location, None))
        own, news = self._own_pid(), False
        while (notice := pgconn.notifies()) is not None:
            news = news or notice.be_pid != own
        return news

    def close(self) -> None:
        with contextlib.suppress(psycopg.Error):
            self.conn.close()


def _lost_message(location: str, exc: BaseException | None) -> str:
    why = _first_line(exc) if exc is not None else "the server closed it"
    return f"the connection to {location} was lost ({why})"


# Lost connections: the server shut down or terminated the backend, or the link broke (class 08).
_LOST = (pg_errors.AdminShutdown, pg_errors.CrashShutdown, pg_errors.ConnectionException)
_LOST_WORDS = (
    "server closed the connection",
    "connection is lost",
    "consuming input failed",
    "terminating connection",
)


def translate_error(exc: BaseException, location: str, *, connecting: bool = False) -> WorkspaceError:
    """psycopg's error as a db.errors exception, chosen by its SQLSTATE class, with a clear message."""
    detail = _first_line(exc)
    if isinstance(exc, pg_errors.QueryCanceled) and "statement timeout" in detail.lower():
        return WorkspaceLocked(
            f"{location} did not answer within the statement timeout ({detail}): the statement was "
            f"cancelled and nothing was changed; try again, or ask the desk's administrator whether "
            f"the server is overloaded"
        )
    if not connecting and (
        isinstance(exc, _LOST)
        or (isinstance(exc, psycopg.OperationalError) and any(w in str(exc).lower() for w in _LOST_WORDS))
    ):
        return ConnectionLost(_lost_message(location, exc))
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
    if isinstance(exc, psycopg.OperationalError) and "closed" in detail.lower() and not connecting:
        return WorkspaceClosed(f"the connection to {location} is closed")
    if isinstance(exc, psycopg.OperationalError):
        return NotAWorkspace(f"cannot reach the desk ({location}): {detail}")
    return NotAWorkspace(f"{location}: {detail}")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
