"""The SQLite engine: one file through sqlite-utils, in WAL mode with a busy timeout.

Everything that is SQLite's own way lives here: connecting (and SQLite's rules for reading
without writing), the pragmas, the transaction that takes the write lock up front, `data_version`
polling, the translation of `sqlite3` errors into `db.errors`, copying with the backup API, and
which files on disk make a workspace. Nothing here opens a workspace file except through SQLite:
on POSIX, closing any descriptor of the file would drop every SQLite lock the process holds.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from db.engines import insert_statement
from db.errors import (
    NotAWorkspace,
    ReadOnlyWorkspace,
    UnstorableValue,
    WorkspaceClosed,
    WorkspaceError,
    WorkspaceFull,
    WorkspaceLocked,
)

APPLICATION_ID = 0x57424E43  # "WBNC": marks the file as a workbench workspace (PRAGMA application_id)
BUSY_TIMEOUT_S = 10.0  # how long a write waits for another writer; WORKBENCH_BUSY_TIMEOUT overrides it
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")  # files SQLite keeps beside the database


class _Database(Database):
    """sqlite-utils' Database whose outermost `atomic()` starts with BEGIN IMMEDIATE.

    A deferred BEGIN reads first and asks for the write lock later; when another program holds
    it then, SQLite fails at once without waiting (it cannot wait without risking a deadlock).
    Taking the write lock up front makes every write wait up to the busy timeout instead.
    """

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:
            with super().atomic():  # nested: a savepoint
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.conn.rollback()  # a no-op if the error already ended the transaction
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.rollback()
            raise


class SqliteConnection:
    """The stores' `Connection` (db/engines/__init__.py) on one sqlite3 connection.

    Attributes:
        sqlite: the sqlite-utils Database (migrations and SQLite-only code: the FTS5 index, PRAGMAs).
        conn: its sqlite3 connection.
    """

    dialect = "sqlite"

    def __init__(self, database: _Database) -> None:
        self.sqlite = database
        self.conn = database.conn
        self._depth = 0  # `atomic` blocks open on this connection

    def execute(self, statement: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        cursor = self.conn.execute(statement, params)
        if not self._depth and self.conn.in_transaction:
            # A write outside `atomic` is its own transaction, committed now: sqlite3 would
            # otherwise keep the one it opened implicitly (and the write lock) until some later commit.
            self.conn.commit()
        return cursor

    def executemany(self, statement: str, rows: Iterable[Sequence[Any]]) -> None:
        with self.atomic():  # committed at once outside a transaction (as sqlite-utils' insert was)
            self.conn.executemany(statement, rows)

    def query(self, statement: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        cursor = self.conn.execute(statement, params)
        keys = [d[0] for d in cursor.description]
        for row in cursor:
            yield dict(zip(keys, row, strict=True))

    def insert_returning_id(self, table: str, row: dict[str, Any]) -> int:
        statement, values = insert_statement(table, row)
        with self.atomic():  # committed at once outside a transaction (as sqlite-utils' insert was)
            cursor = self.conn.execute(statement, values)
        return int(row["id"]) if row.get("id") is not None else int(cursor.lastrowid or 0)

    def ids_written(self, table: str) -> None:
        """Nothing to do: SQLite's next rowid is always above the largest one stored."""

    def columns(self, table: str) -> list[str]:
        return [r[1] for r in self.conn.execute(f'PRAGMA table_info("{table}")').fetchall()]

    @contextlib.contextmanager
    def atomic(self) -> Iterator[SqliteConnection]:
        self._depth += 1
        try:
            with self.sqlite.atomic():
                yield self
        finally:
            self._depth -= 1


@dataclass(frozen=True, slots=True)
class Inspection:
    """What the first read of a database says about it."""

    version: int  # PRAGMA user_version: the schema version
    application_id: int
    has_tables: bool

    @property
    def ours(self) -> bool:
        return self.application_id == APPLICATION_ID


class SqliteEngine:
    """One SQLite connection on a workspace file (or in memory).

    Attributes:
        db: the connection the stores' SQL runs through (`SqliteConnection`).
        sqlite: the sqlite-utils Database under it (migrations, the FTS5 index, backups).
        path: the file, or None in memory.
        read_only: nothing is ever written through this connection.
    """

    name = "sqlite"
    driver_errors: tuple[type[BaseException], ...] = (sqlite3.Error,)

    def __init__(self, db: _Database, path: Path | None, read_only: bool) -> None:
        self.sqlite = db
        self.db = SqliteConnection(db)
        self.path = path
        self.read_only = read_only

    @classmethod
    def connect(cls, path: Path, *, read_only: bool, busy_timeout: float | None = None) -> SqliteEngine:
        """Connect to the file at `path` (nothing is read yet: `inspect` is the first read)."""
        timeout = _busy_timeout(busy_timeout)
        try:
            if read_only:
                conn = sqlite3.connect(
                    _read_only_uri(path), uri=True, timeout=timeout, check_same_thread=False
                )
            else:
                conn = sqlite3.connect(str(path), timeout=timeout, check_same_thread=False)
        except sqlite3.Error as exc:
            raise translate_error(exc, path) from exc
        return cls(_Database(conn), path, read_only)

    @classmethod
    def memory(cls) -> SqliteEngine:
        return cls(_Database(memory=True), None, read_only=False)

    @property
    def location(self) -> str:
        return str(self.path) if self.path is not None else ":memory:"

    # --- the database ---------------------------------------------------------------------------

    def inspect(self, *, existed: bool) -> Inspection:
        """The first read: SQLite checks the header here (a file that is not SQLite fails now)."""
        try:
            self.db.execute("PRAGMA foreign_keys = ON")
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            app_id = self.db.execute("PRAGMA application_id").fetchone()[0]
            tables = self.db.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            if existed and _primary_code(exc) == sqlite3.SQLITE_NOTADB:
                raise NotAWorkspace(
                    f"{self.path} is not a workspace (not an SQLite database); it was left untouched"
                ) from exc
            raise self.translate(exc) from exc
        return Inspection(version, app_id, bool(tables))

    def prepare_for_writing(self) -> None:
        """WAL journal (readers never block the writer) and `synchronous=NORMAL` for a file."""
        if self.path is not None:
            with self.sqlite.ensure_autocommit_on():
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = NORMAL")

    def mark_as_workspace(self) -> None:
        with self.sqlite.ensure_autocommit_on():
            self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    def atomic(self) -> contextlib.AbstractContextManager[SqliteConnection]:
        return self.db.atomic()

    def data_version(self) -> int:
        """Changes when another connection commits to the file (PRAGMA data_version)."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    def change_feed(self) -> DataVersionFeed:
        """Other connections' commits, from `PRAGMA data_version` on this connection, polled."""
        return DataVersionFeed(self)

    @property
    def lost(self) -> bool:
        return False  # a file does not go away between statements the way a server connection can

    def reconnect(self) -> Callable[[], None]:
        return lambda: None

    def bound_waits(self, seconds: float) -> None:
        pass  # the busy timeout (BUSY_TIMEOUT_S) stays: a file's lock is held for one local write

    def close(self) -> None:
        self.sqlite.close()

    # --- errors ---------------------------------------------------------------------------------

    def translate(self, exc: BaseException) -> WorkspaceError:
        return translate_error(exc, self.path)

    # --- copies ---------------------------------------------------------------------------------

    def copy_to(self, target: Path) -> None:
        """Copy the database into the new file `target` with SQLite's online backup API, then check
        the copy (`PRAGMA quick_check`): SQLite writes both files, so no lock of ours is dropped.

        Raises:
            OSError: the copy could not be written (full disk or quota, read-only or missing folder).
            NotAWorkspace: the workspace is damaged (its copy fails the check).
        """
        try:
            dest = sqlite3.connect(str(target))
            try:
                self.db.conn.backup(dest)
                verdict = dest.execute("PRAGMA quick_check").fetchone()[0]
            finally:
                dest.close()
        except sqlite3.DatabaseError as exc:
            if _primary_code(exc) in _COPY_FAILURES:  # the copy could not be written: the workspace is fine
                raise OSError(f"cannot write the backup in {target.parent}: {exc}") from exc
            raise self.translate(exc) from exc
        if verdict != "ok":
            raise translate_error(
                sqlite3.DatabaseError(f"database disk image is malformed ({verdict})"), self.path
            )

    # --- the files of a workspace -----------------------------------------------------------

    def is_own_file(self, candidate: str | Path) -> bool:
        return self.path is not None and is_own_file(self.path, candidate)


class DataVersionFeed:
    """SQLite's change feed (db/engines/__init__.py `ChangeFeed`): no socket to watch, so the
    window asks twice a second; `PRAGMA data_version` on the engine's own connection moves only
    when another connection committed, and reading it costs no I/O but a page-cache check."""

    poll_ms = 500

    def __init__(self, engine: SqliteEngine) -> None:
        self._engine = engine
        self._seen = engine.data_version()

    def fileno(self) -> int | None:
        return None

    def changed(self) -> bool:
        try:
            version = self._engine.data_version()
        except sqlite3.Error as exc:
            raise self._engine.translate(exc) from exc
        moved, self._seen = version != self._seen, version
        return moved

    def close(self) -> None:
        pass


# --- opening ------------------------------------------------------------------------------------


def why_not_writable(path: Path) -> str:
    """Why the workspace at `path` cannot be written ("" when it can): WAL needs the file and its
    folder (SQLite creates `-wal` and `-shm` beside it). `os.access` opens no descriptor."""
    if not os.access(path, os.W_OK):
        return "the file cannot be written"
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return f"its folder {path.parent} cannot be written"
    return ""


def _read_only_uri(path: Path) -> str:
    """SQLite's URI for reading `path` without writing anything.

    `mode=ro` reads a WAL database through its `-shm`, which SQLite creates if it is missing: it
    works where the folder can be written, or where `-shm` (and `-wal`) exist. In a folder that
    cannot be written and without `-shm`, `immutable=1` is the only way in, and it is right only
    when nothing waits in a `-wal` or `-journal` (immutable ignores them: committed changes would
    be missed). See https://sqlite.org/wal.html#readonly and https://sqlite.org/uri.html.
    """
    uri = path.resolve().as_uri() + "?mode=ro"
    wal, shm, journal = (path.with_name(path.name + s) for s in COMPANION_SUFFIXES)
    if os.access(path.parent, os.W_OK | os.X_OK) or shm.exists():
        return uri
    for pending in (wal, journal):
        if pending.exists() and pending.stat().st_size > 0:
            raise ReadOnlyWorkspace(
                f"{path} cannot be read in its read-only folder: {pending.name} holds changes not yet "
                f"in the file and {shm.name} is missing; copy the workspace with its {pending.name} "
                f"to a writable folder and open it there"
            )
    return uri + "&immutable=1"


def _busy_timeout(value: float | None) -> float:
    if value is not None:
        return value
    try:
        return float(os.environ.get("WORKBENCH_BUSY_TIMEOUT", BUSY_TIMEOUT_S))
    except ValueError:
        return BUSY_TIMEOUT_S


# --- errors -------------------------------------------------------------------------------------

# Errors of writing a backup copy (full disk or quota, read-only or missing folder, I/O): a
# warning for the daily copy, a refused upgrade before a migration; never "the workspace is damaged".
_COPY_FAILURES = {
    sqlite3.SQLITE_FULL,
    sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_READONLY,
    sqlite3.SQLITE_IOERR,
    sqlite3.SQLITE_PERM,
}
# A value SQLite cannot bind or store (an object, an int over 64 bits, a failed CHECK or foreign key).
_VALUE_ERRORS = (sqlite3.InterfaceError, sqlite3.DataError, sqlite3.IntegrityError)


def _primary_code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def translate_error(exc: BaseException, path: Path | None) -> WorkspaceError:
    """A `sqlite3` error met while using the workspace at `path`, as a one-line db.errors exception."""
    if isinstance(exc, WorkspaceError):
        return exc
    message = str(exc)
    lowered = message.lower()
    code = _primary_code(exc)
    if isinstance(exc, sqlite3.ProgrammingError):
        if "closed" in lowered:
            return WorkspaceClosed(f"{path} is closed")
        return UnstorableValue(message)  # "Error binding parameter 6: type 'dict' is not supported"
    if isinstance(exc, _VALUE_ERRORS):
        return UnstorableValue(message)
    if code == sqlite3.SQLITE_CANTOPEN:
        return NotAWorkspace(
            f"cannot open {path} ({exc}: no permission to read it, or its folder is missing)"
        )
    if code == sqlite3.SQLITE_FULL:
        return WorkspaceFull(f"the disk holding {path} is full ({exc}): free some space; nothing was changed")
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in lowered or "busy" in lowered:
        return WorkspaceLocked(f"{path} is locked by another program writing to it; try again in a moment")
    if code == sqlite3.SQLITE_READONLY or "readonly" in lowered or "read-only" in lowered:
        return ReadOnlyWorkspace(f"{path} cannot be written (read-only file or folder)")
    if code in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT) or "malformed" in lowered:
        return NotAWorkspace(
            f"{path} is damaged or not a workspace ({exc}); it was left untouched — "
            f"restore a copy from {path}.backups/ if there is one"
        )
    return WorkspaceError(f"{path}: {exc}")


# --- the files of a workspace -------------------------------------------------------------------


def backup_folder(path: Path) -> Path:
    """Where the backups of the workspace at `path` go: `<workspace>.backups/` beside it."""
    return path.with_name(path.name + ".backups")


def workspace_files(path: str | Path) -> tuple[Path, ...]:
    """Every file the workspace at `path` owns, whether it exists yet or not: the database, SQLite's
    `-wal`, `-shm` and `-journal` beside it, and last its backups folder (with all it holds)."""
    path = Path(path)
    sidecars = (path.with_name(path.name + suffix) for suffix in COMPANION_SUFFIXES)
    return (path, *sidecars, backup_folder(path))


def own_files(path: Path) -> list[Path]:
    """A workspace file and the companions SQLite keeps beside it (`workspace_files` without the backups)."""
    return list(workspace_files(path)[:-1])


def is_own_file(workspace: Path, candidate: str | Path) -> bool:
    """Whether `candidate` names the workspace at `workspace` or a companion of it (stat only, no open)."""
    try:
        target = os.stat(candidate)
    except (OSError, ValueError):
        target = None
    for own in own_files(workspace):
        try:
            mine = own.stat()
        except OSError:
            if os.path.abspath(candidate) == os.path.abspath(own):
                return True
            continue
        if target is not None and (target.st_dev, target.st_ino) == (mine.st_dev, mine.st_ino):
            return True
    return False
