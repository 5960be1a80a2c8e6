"""Opening a workspace: one SQLite file, WAL, foreign keys, busy timeout, migrations, backups.

`Workspace.open(path)` checks the file before touching it: a file that is not SQLite, one made
by a newer version of the workbench, a read-only or locked file each raise their own error with
a message that says what to do, and the file is left exactly as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from db import migrations
from db.stores.articles import ArticleStore
from db.stores.audit import AuditLog
from db.stores.claims import ClaimStore
from db.stores.notes import NoteStore
from db.stores.sources import SourceStore

APPLICATION_ID = 0x57424E43  # "WBNC": marks the file as a workbench workspace (PRAGMA application_id)
BUSY_TIMEOUT_S = 10.0  # how long a write waits for another writer; WORKBENCH_BUSY_TIMEOUT overrides it
BACKUPS_KEPT = 5


class WorkspaceError(Exception):
    """A workspace cannot be opened or written; the message says why and what to do."""


class NotAWorkspace(WorkspaceError):
    pass


class NewerWorkspace(WorkspaceError):
    pass


class WorkspaceLocked(WorkspaceError):
    pass


class ReadOnlyWorkspace(WorkspaceError):
    pass


class WorkspaceFull(WorkspaceError):
    """The disk (or quota) holding the workspace is full: the write was not made."""


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


def default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # getuser() raises various errors when no user name is set
        return os.environ.get("USER", "") or "unknown"


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Workspace:
    """An open workspace and its stores.

    Attributes:
        db: the sqlite-utils Database (stays inside `db/`; callers use the stores).
        path: the file, or None for an in-memory workspace.
        user: who is making changes (written to the audit log).
    """

    def __init__(self, database: Database, path: Path | None, user: str, read_only: bool = False) -> None:
        self.db = database
        self.path = path
        self.user = user
        self.read_only = read_only
        self.warnings: list[str] = []  # problems that did not stop the opening (a failed daily backup)
        self.audit = AuditLog(self)
        self.articles = ArticleStore(self)
        self.sources = SourceStore(self)
        self.claims = ClaimStore(self)
        self.notes = NoteStore(self)

    # --- opening ---------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        user: str | None = None,
        read_only: bool = False,
        read_only_if_needed: bool = False,
        busy_timeout: float | None = None,
    ) -> Workspace:
        """Open (creating if missing) the workspace at `path` and bring its schema up to date.

        Every opener takes this path (CLI commands, the window, its workers, exports), so the
        backup rule is the same for all: a copy before any migration (no copy, no migration),
        and once a day a copy on the first open that may write (a failed one is a warning).

        Args:
            read_only: never write (no migration, no backup); works on a read-only file, folder
                or mount.
            read_only_if_needed: open for writing when the file and its folder can be written
                (so an old workspace is upgraded and backed up), else read-only: for commands
                that only read.
            busy_timeout: seconds a write waits while another program writes (default
                BUSY_TIMEOUT_S, or the WORKBENCH_BUSY_TIMEOUT environment variable).

        Raises:
            NotAWorkspace, NewerWorkspace, WorkspaceLocked, ReadOnlyWorkspace
        """
        path = Path(path).expanduser()
        existed = path.exists() and path.stat().st_size > 0
        if path.is_dir():
            raise NotAWorkspace(f"{path} is a folder, not a workspace file")
        if existed:
            # The header is read by SQLite itself (the first query below), never with open():
            # closing any descriptor of the file would drop every SQLite lock this process holds.
            why_not = _why_not_writable(path)
            if why_not and not read_only:
                if not read_only_if_needed:
                    raise ReadOnlyWorkspace(f"{path} is read-only ({why_not}): make it writable to change it")
                read_only = True
        elif read_only or read_only_if_needed:
            raise NotAWorkspace(f"{path} does not exist")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = _connect(path, read_only, _busy_timeout(busy_timeout))
        except sqlite3.Error as exc:
            raise _translate(exc, path) from exc
        workspace = cls(_Database(conn), path, user or default_user(), read_only)
        try:
            workspace._prepare(existed)
        except BaseException:
            conn.close()
            raise
        return workspace

    @classmethod
    def memory(cls, user: str = "tester") -> Workspace:
        """A fresh in-memory workspace (tests, `extract FILE`)."""
        workspace = cls(_Database(memory=True), None, user)
        workspace._prepare(existed=False)
        return workspace

    def _prepare(self, existed: bool) -> None:
        try:
            self.db.execute("PRAGMA foreign_keys = ON")
            version = migrations.current_version(self.db)  # the first read: SQLite checks the header
            app_id = self.db.execute("PRAGMA application_id").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            if existed and getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_NOTADB:
                raise NotAWorkspace(
                    f"{self.path} is not a workspace (not an SQLite database); it was left untouched"
                ) from exc
            raise _translate(exc, self.path) from exc
        if existed and app_id != APPLICATION_ID and (version or self._has_tables()):
            raise NotAWorkspace(
                f"{self.path} is an SQLite database, but not a workbench workspace; it was left untouched"
            )
        if version > migrations.latest_version():
            raise NewerWorkspace(
                f"{self.path} was made by a newer version of the workbench (schema {version}, this "
                f"version knows up to {migrations.latest_version()}): update the workbench to open it"
            )
        if self.read_only:
            if migrations.pending(self.db):
                raise ReadOnlyWorkspace(f"{self.path} needs upgrading, which a read-only file does not allow")
            return
        try:
            if self.path is not None:
                with self.db.ensure_autocommit_on():
                    self.db.execute("PRAGMA journal_mode = WAL")
                    self.db.execute("PRAGMA synchronous = NORMAL")
            if existed and migrations.pending(self.db):
                try:
                    self.backup_now(reason=f"before-v{migrations.latest_version()}")
                except OSError as exc:
                    raise WorkspaceError(
                        f"{self.path} needs upgrading, but no backup could be made first ({exc}); "
                        f"nothing was changed"
                    ) from exc
            elif existed:
                self._daily_backup()
            migrations.apply(self.db)
            if app_id != APPLICATION_ID:
                with self.db.ensure_autocommit_on():
                    self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        except sqlite3.DatabaseError as exc:
            raise _translate(exc, self.path) from exc

    def _has_tables(self) -> bool:
        return bool(self.db.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0])

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- backups ----------------------------------------------------------------------------

    @property
    def backup_dir(self) -> Path | None:
        return None if self.path is None else backup_folder(self.path)

    def backup_now(self, reason: str = "manual") -> Path | None:
        """Copy the workspace with SQLite's online backup API; keep the last BACKUPS_KEPT.

        The copy is checked (PRAGMA quick_check) before older backups are removed, so a damaged
        workspace never pushes its good backups out.

        Raises:
            OSError: the backup folder or file cannot be written.
            NotAWorkspace: the workspace is damaged (its copy fails the check); no backup is removed.
        """
        folder = self.backup_dir
        if folder is None:
            return None
        folder.mkdir(exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = folder / f"{self.path.stem}-{stamp}-{reason}.db"
        partial = target.with_suffix(".partial")
        try:
            dest = sqlite3.connect(str(partial))
            try:
                self.db.conn.backup(dest)
                verdict = dest.execute("PRAGMA quick_check").fetchone()[0]
            finally:
                dest.close()
            if verdict != "ok":
                raise sqlite3.DatabaseError(f"database disk image is malformed ({verdict})")
            os.replace(partial, target)
        except sqlite3.DatabaseError as exc:
            partial.unlink(missing_ok=True)
            if _primary_code(exc) in _COPY_FAILURES:  # the copy could not be written: the workspace is fine
                raise OSError(f"cannot write the backup in {folder}: {exc}") from exc
            raise _translate(exc, self.path) from exc
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        for old in self.backups()[:-BACKUPS_KEPT]:
            old.unlink(missing_ok=True)
        return target

    def backups(self) -> list[Path]:
        """The workspace's backups, oldest first."""
        folder = self.backup_dir
        if folder is None or not folder.is_dir():
            return []
        return sorted(folder.glob(f"{self.path.stem}-*.db"))

    def _daily_backup(self) -> None:
        folder = self.backup_dir
        today = dt.datetime.now().strftime("%Y%m%d")
        if folder and folder.is_dir() and any(folder.glob(f"{self.path.stem}-{today}-*.db")):
            return
        try:
            self.backup_now(reason="daily")
        except OSError as exc:
            # A missed daily backup must not keep the user out of their work; say so instead.
            self.warnings.append(f"the daily backup of {self.path} could not be made: {exc}")

    # --- the files that make the workspace --------------------------------------------------

    def files(self) -> list[Path]:
        """The workspace file and its companions (`-wal`, `-shm`, `-journal`), whether or not they exist."""
        return [] if self.path is None else own_files(self.path)

    def is_own_file(self, candidate: str | Path) -> bool:
        """Whether `candidate` is the workspace file or a companion, by any name (symlink, hard link).

        Such a file is opened by SQLite alone: reading it with open() and closing it would drop
        every lock this process holds on the workspace.
        """
        return self.path is not None and is_own_file(self.path, candidate)

    # --- changes made by others -------------------------------------------------------------

    def data_version(self) -> int:
        """Changes when another connection commits to the file (PRAGMA data_version)."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    def writable(self) -> None:
        if self.read_only:
            raise ReadOnlyWorkspace(f"{self.path} is open read-only")


def backup_folder(path: Path) -> Path:
    """Where the backups of the workspace at `path` go: `<workspace>.backups/` beside it."""
    return path.with_name(path.name + ".backups")


def workspace_files(path: str | Path) -> tuple[Path, ...]:
    """Every file the workspace at `path` owns, whether it exists yet or not: the database, SQLite's
    `-wal`, `-shm` and `-journal` beside it, and last its backups folder (with all it holds)."""
    path = Path(path)
    sidecars = (path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))
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


def _busy_timeout(value: float | None) -> float:
    if value is not None:
        return value
    try:
        return float(os.environ.get("WORKBENCH_BUSY_TIMEOUT", BUSY_TIMEOUT_S))
    except ValueError:
        return BUSY_TIMEOUT_S


def _why_not_writable(path: Path) -> str:
    """Why the workspace at `path` cannot be written ("" when it can): WAL needs the file and its
    folder (SQLite creates `-wal` and `-shm` beside it). `os.access` opens no descriptor."""
    if not os.access(path, os.W_OK):
        return "the file cannot be written"
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return f"its folder {path.parent} cannot be written"
    return ""


def _connect(path: Path, read_only: bool, timeout: float) -> sqlite3.Connection:
    if read_only:
        return sqlite3.connect(_read_only_uri(path), uri=True, timeout=timeout, check_same_thread=False)
    return sqlite3.connect(str(path), timeout=timeout, check_same_thread=False)


def _read_only_uri(path: Path) -> str:
    """SQLite's URI for reading `path` without writing anything.

    `mode=ro` reads a WAL database through its `-shm`, which SQLite creates if it is missing: it
    works where the folder can be written, or where `-shm` (and `-wal`) exist. In a folder that
    cannot be written and without `-shm`, `immutable=1` is the only way in, and it is right only
    when nothing waits in a `-wal` or `-journal` (immutable ignores them: committed changes would
    be missed). See https://sqlite.org/wal.html#readonly and https://sqlite.org/uri.html.
    """
    uri = path.resolve().as_uri() + "?mode=ro"
    wal, shm, journal = (path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))
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


# Errors of writing a backup copy (full disk or quota, read-only or missing folder, I/O): a
# warning for the daily copy, a refused upgrade before a migration; never "the workspace is damaged".
_COPY_FAILURES = {
    sqlite3.SQLITE_FULL,
    sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_READONLY,
    sqlite3.SQLITE_IOERR,
    sqlite3.SQLITE_PERM,
}


def _primary_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def _translate(exc: sqlite3.DatabaseError, path: Path | None) -> WorkspaceError:
    message = str(exc).lower()
    code = _primary_code(exc)
    if code == sqlite3.SQLITE_CANTOPEN:
        return NotAWorkspace(
            f"cannot open {path} ({exc}: no permission to read it, or its folder is missing)"
        )
    if code == sqlite3.SQLITE_FULL:
        return WorkspaceFull(f"the disk holding {path} is full ({exc}): free some space; nothing was changed")
    if "locked" in message or "busy" in message:
        return WorkspaceLocked(f"{path} is locked by another program writing to it; try again in a moment")
    if "readonly" in message or "read-only" in message:
        return ReadOnlyWorkspace(f"{path} cannot be written (read-only file or folder)")
    if "not a database" in message or "malformed" in message or "corrupt" in message:
        return NotAWorkspace(
            f"{path} is damaged or not a workspace ({exc}); it was left untouched — "
            f"restore a copy from {path}.backups/ if there is one"
        )
    return WorkspaceError(f"{path}: {exc}")


def translate_error(exc: sqlite3.DatabaseError, workspace: Workspace | Path | str) -> WorkspaceError:
    """A one-line WorkspaceError for a database error met while using `workspace` (or the file at a path)."""
    path = workspace.path if isinstance(workspace, Workspace) else Path(workspace)
    return _translate(exc, path)
