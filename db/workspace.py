"""Opening a workspace, and the one place its session, stores and flows are wired together.

`Workspace.open(name)` takes a file path (SQLite, the embedded default) or a `postgresql://` URL
(a shared desk on a PostgreSQL server: db/engines/postgres.py; libpq service files, `.pgpass` and
`sslmode` honoured, no password ever kept). On a desk the acting user is the server's session
user, and the schema must be the one this version knows (its administrator upgrades it with
`workbench desk init`). `Workspace.open(path)` checks a file before touching it: a file that is not SQLite, one made
by a newer version of the workbench, a read-only or locked file each raise their own error with
a message that says what to do, and the file is left exactly as it was. Every opener (CLI
commands, the window and its workers, exports) comes through here, so the backup rule is one:
a copy before any migration (no copy, no migration), and a daily copy on the first open of the
day that may write.
"""

from __future__ import annotations

import contextlib
import getpass
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from db import migrations, schema_m010
from db.backups import BACKUPS_KEPT, Backups
from db.clock import SYSTEM_CLOCK, Clock
from db.engines import ChangeFeed, Connection, Engine
from db.engines.sqlite import (
    APPLICATION_ID,
    BUSY_TIMEOUT_S,
    SqliteEngine,
    backup_folder,
    is_own_file,
    own_files,
    why_not_writable,
    workspace_files,
)
from db.errors import (
    NewerWorkspace,
    NotAWorkspace,
    NotPermitted,
    ReadOnlyWorkspace,
    UnstorableValue,
    WorkspaceClosed,
    WorkspaceError,
    WorkspaceFull,
    WorkspaceLocked,
)
from db.flows.annotations import ANNOTATION_IMPORTERS
from db.flows.base import FileImporter
from db.flows.reanchor import reanchor_claims
from db.session import Session, storage_errors
from db.stores.articles import ArticleStore
from db.stores.audit import AuditLog
from db.stores.claims import ClaimStore
from db.stores.matches import MatchStore
from db.stores.notes import NoteStore
from db.stores.search import SentenceSearch
from db.stores.sources import SourceStore
from db.stores.wire import WireGroups

__all__ = [
    "APPLICATION_ID",
    "BACKUPS_KEPT",
    "BUSY_TIMEOUT_S",
    "NewerWorkspace",
    "NotAWorkspace",
    "ReadOnlyWorkspace",
    "UnstorableValue",
    "Workspace",
    "WorkspaceClosed",
    "WorkspaceError",
    "WorkspaceFull",
    "WorkspaceLocked",
    "backup_folder",
    "default_user",
    "is_own_file",
    "own_files",
    "workspace_files",
]


def search_class(engine: Engine) -> type:
    """The sentence search the engine's workspace uses: FTS5 on SQLite, the desk's own on PostgreSQL
    (db/engines/pg_search.py; imported only for a desk: solo use never loads psycopg)."""
    if engine.name == "sqlite":
        return SentenceSearch
    from db.engines.pg_search import PgSentenceSearch

    return PgSentenceSearch


def sentence_follower(engine: Engine, session: Session) -> Callable[[int], None] | None:
    """What keeps the engine's sentence index in step with an article's sentences where triggers
    do not: nothing on SQLite (FTS5's triggers, migrations 6 and 10), the desk's `index_article`."""
    if engine.name == "sqlite":
        return None
    from db.engines.pg_search import index_article

    def follow(article_id: int) -> None:
        index_article(session.db, article_id)

    return follow


def is_desk(name: str | Path) -> bool:
    """Does this workspace name mean a shared desk (a `postgresql://` URL) rather than a file?"""
    return isinstance(name, str) and name.strip().lower().startswith(("postgresql://", "postgres://"))


def default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # getuser() raises various errors when no user name is set
        return os.environ.get("USER", "") or "unknown"


class Workspace:
    """An open workspace: its session and stores.

    Attributes:
        session: the engine (connection), the user and the clock every store works with.
        audit, articles, sources, claims, notes, matches, search, wire: the stores.
        importers: readers for file types that are not articles (W3C annotations), by suffix.
        warnings: problems that did not stop the opening (a failed daily backup).
    """

    def __init__(self, engine: Engine, user: str, *, clock: Clock = SYSTEM_CLOCK) -> None:
        self.session = Session(engine, user, clock)
        self.warnings: list[str] = []
        self.audit = AuditLog(self.session)
        # A new version of an article takes its claims with it, in the same transaction.
        self.articles = ArticleStore(self.session, self.audit, on_new_version=[self._carry_claims_over])
        self.sources = SourceStore(self.session, self.audit)
        self.claims = ClaimStore(self.session, self.audit, self.articles, self.sources)
        self.notes = NoteStore(self.session, self.audit, self.claims)
        self.search = search_class(engine)(self.session, self.articles)
        if (follow := sentence_follower(engine, self.session)) is not None:
            self.articles.on_sentences.append(follow)  # an index not kept by triggers (a desk's)
        self.matches = MatchStore(self.session, self.audit, self.articles, self.claims, self.search)
        self.wire = WireGroups(self.session, self.audit, self.articles)
        self.importers: dict[str, FileImporter] = dict(ANNOTATION_IMPORTERS)
        self._backups = Backups(engine, clock)

    def _carry_claims_over(self, old_id: int, new_id: int) -> None:
        reanchor_claims(self, old_id, new_id)

    @property
    def engine(self) -> SqliteEngine:
        """The engine (typed as SQLite's: `_prepare`, backups and files are SQLite's; a desk's engine
        offers what the rest uses, db/engines/__init__.py `Engine`)."""
        return self.session.engine  # type: ignore[return-value]

    @property
    def db(self) -> Connection:
        """The engine's connection (db/engines/); stays inside db/ (callers use the stores)."""
        return self.session.db

    @property
    def path(self) -> Path | None:
        """The file, or None for an in-memory workspace or a desk."""
        return getattr(self.engine, "path", None)

    @property
    def name(self) -> str:
        """What opens this workspace again: the file's path, or the desk's URL (None in memory)."""
        url = getattr(self.engine, "url", None)
        return url if url is not None else str(self.path) if self.path is not None else ""

    @property
    def location(self) -> str:
        """Where the workspace is, for messages (a desk's address without any password)."""
        return self.engine.location

    @property
    def is_desk(self) -> bool:
        return self.engine.name != "sqlite"

    @property
    def user(self) -> str:
        """Who is making changes (written to the audit log)."""
        return self.session.user

    @property
    def read_only(self) -> bool:
        return self.session.read_only

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

        Args:
            read_only: never write (no migration, no backup); works on a read-only file, folder
                or mount.
            read_only_if_needed: open for writing when the file and its folder can be written
                (so an old workspace is upgraded and backed up), else read-only: for commands
                that only read.
            busy_timeout: seconds a write waits while another program writes (default
                BUSY_TIMEOUT_S, or the WORKBENCH_BUSY_TIMEOUT environment variable).

        Raises:
            NotAWorkspace, NewerWorkspace, WorkspaceLocked, ReadOnlyWorkspace, WorkspaceFull
        """
        if is_desk(path):
            return cls._open_desk(str(path), read_only=read_only)
        path = Path(path).expanduser()
        existed = path.exists() and path.stat().st_size > 0
        if path.is_dir():
            raise NotAWorkspace(f"{path} is a folder, not a workspace file")
        if existed:
            # The header is read by SQLite itself (`inspect`), never with open(): closing any
            # descriptor of the file would drop every SQLite lock this process holds on it.
            why_not = why_not_writable(path)
            if why_not and not read_only:
                if not read_only_if_needed:
                    raise ReadOnlyWorkspace(f"{path} is read-only ({why_not}): make it writable to change it")
                read_only = True
        elif read_only or read_only_if_needed:
            raise NotAWorkspace(f"{path} does not exist")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = SqliteEngine.connect(path, read_only=read_only, busy_timeout=busy_timeout)
        workspace = cls(engine, user or default_user())
        try:
            workspace._prepare(existed)
        except BaseException:
            engine.close()
            raise
        return workspace

    @classmethod
    def _open_desk(cls, url: str, *, read_only: bool = False) -> Workspace:
        """Connect to a desk: its schema must be this version's, the user is the server's session user."""
        from db.engines import pg_schema
        from db.engines.postgres import PostgresEngine

        engine = PostgresEngine.connect(url, read_only=read_only)
        try:
            try:
                user = engine.session_user()
                engine.role = engine.desk_role()
                version = engine.schema_version()
            except engine.driver_errors as exc:
                error = engine.translate(exc)
                if isinstance(error, NotPermitted) and not engine.role:
                    raise NotPermitted(
                        f"{user} has no role on the desk {engine.location}: its administrator gives one with "
                        f"`workbench desk grant {user} checker|editor|viewer -w URL`"
                    ) from exc
                raise error from exc
            latest = pg_schema.latest_version()
            if version is None:
                raise NotAWorkspace(
                    f"{engine.location} is not a workbench desk yet: its administrator makes it one "
                    f"with `workbench desk init URL`"
                )
            if version > latest:
                raise NewerWorkspace(
                    f"{engine.location} was made by a newer version of the workbench (schema {version}, "
                    f"this version knows up to {latest}): update the workbench to open it"
                )
            if version < latest:
                raise WorkspaceError(
                    f"{engine.location} is at schema {version} and this version needs {latest}: the desk's "
                    f"administrator upgrades it with `workbench desk init URL`"
                )
        except BaseException:
            engine.close()
            raise
        return cls(engine, user)

    @classmethod
    def memory(cls, user: str = "tester", *, clock: Clock = SYSTEM_CLOCK) -> Workspace:
        """A fresh in-memory workspace (tests, `extract FILE`)."""
        workspace = cls(SqliteEngine.memory(), user, clock=clock)
        workspace._prepare(existed=False)
        return workspace

    def reopen(self, *, read_only: bool | None = None) -> Workspace:
        """Another connection to the same workspace, for the same user (a worker thread's own).

        Raises:
            WorkspaceError: an in-memory workspace has no second connection.
        """
        if not self.name:
            raise WorkspaceError("an in-memory workspace cannot be opened again")
        return Workspace.open(
            self.name, user=self.user, read_only=self.read_only if read_only is None else read_only
        )

    def _prepare(self, existed: bool) -> None:
        engine = self.engine
        found = engine.inspect(existed=existed)
        if existed and not found.ours and (found.version or found.has_tables):
            raise NotAWorkspace(
                f"{self.path} is an SQLite database, but not a workbench workspace; it was left untouched"
            )
        latest = migrations.latest_version()
        if found.version > latest:
            raise NewerWorkspace(
                f"{self.path} was made by a newer version of the workbench (schema {found.version}, this "
                f"version knows up to {latest}): update the workbench to open it"
            )
        upgrade = found.version < latest
        if self.read_only:
            if upgrade:
                raise ReadOnlyWorkspace(f"{self.path} needs upgrading, which a read-only file does not allow")
            return
        try:
            engine.prepare_for_writing()
            if existed and upgrade:
                try:
                    self._backups.make(reason=f"before-v{latest}")
                except OSError as exc:
                    raise WorkspaceError(
                        f"{self.path} needs upgrading, but no backup could be made first ({exc}); "
                        f"nothing was changed"
                    ) from exc
            elif existed and (warning := self._backups.daily()):
                self.warnings.append(warning)
            try:
                migrations.apply(engine.sqlite)
            except migrations.MigrationError as exc:
                raise WorkspaceError(f"{self.path} cannot be upgraded: {exc}") from exc
            # sentences another program changed: their index terms (db/schema_m010.py)
            schema_m010.restem_queued(engine.sqlite)
            if not found.ours:
                engine.mark_as_workspace()
        except engine.driver_errors as exc:
            raise engine.translate(exc) from exc

    def close(self) -> None:
        self.engine.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- transactions and changes made by others --------------------------------------------

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Workspace]:
        """Several store calls as one transaction: all of them are written, or none."""
        try:
            with self.session.atomic():
                yield self
        except self.engine.driver_errors as exc:
            raise self.engine.translate(exc) from exc

    @storage_errors
    def data_version(self) -> int:
        """Changes when another connection commits (the window polls it to reload)."""
        return self.engine.data_version()

    @storage_errors
    def change_feed(self) -> ChangeFeed:
        """What tells the window of others' commits, whichever engine is behind (db/engines/
        __init__.py `ChangeFeed`: a socket to watch, or a number to poll). On a desk it connects."""
        return self.engine.change_feed()

    @property
    def connection_lost(self) -> bool:
        """The connection went away (a desk's server stopped, the network broke): `reconnect`."""
        return self.engine.lost

    @storage_errors
    def reconnect(self) -> Callable[[], None]:
        """A new connection, made here (it may wait on the network: run it off the GUI thread);
        call what it returns on the thread that uses the workspace to put it in place.

        Raises:
            WorkspaceError: the server still cannot be reached (the message says why).
        """
        return self.engine.reconnect()

    def bound_waits(self, seconds: float) -> None:
        """A statement waiting on another session's lock gives up after `seconds` on a desk (the
        window's connection: its GUI thread must not hang; the edit goes to the bar with Try again)."""
        self.engine.bound_waits(seconds)

    def writable(self) -> None:
        self.session.writable()

    # --- backups ----------------------------------------------------------------------------

    @property
    def backup_dir(self) -> Path | None:
        return self._backups.folder

    def backup_now(self, reason: str = "manual") -> Path | None:
        """Copy the workspace now (SQLite's online backup API, checked); keep the last BACKUPS_KEPT.

        Raises:
            OSError: the backup folder or file cannot be written.
            NotAWorkspace: the workspace is damaged (its copy fails the check); no backup is removed.
        """
        return self._backups.make(reason)

    def backups(self) -> list[Path]:
        """The workspace's backups, oldest first."""
        return self._backups.all()

    # --- the files that make the workspace --------------------------------------------------

    def files(self) -> list[Path]:
        """The workspace file and its companions (`-wal`, `-shm`, `-journal`), whether or not they exist."""
        return [] if self.path is None else own_files(self.path)

    def is_own_file(self, candidate: str | Path) -> bool:
        """Whether `candidate` is the workspace file or a companion, by any name (symlink, hard link).

        Such a file is opened by SQLite alone: reading it with open() and closing it would drop
        every lock this process holds on the workspace.
        """
        return self.path is not None and self.engine.is_own_file(candidate)
