"""Opening a workspace, and the one place its session, stores and flows are wired together.

`Workspace.open(path)` checks the file before touching it: a file that is not SQLite, one made
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
from collections.abc import Iterator
from pathlib import Path

from db import migrations, schema_m010
from db.backups import BACKUPS_KEPT, Backups
from db.clock import SYSTEM_CLOCK, Clock
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

    def __init__(self, engine: SqliteEngine, user: str, *, clock: Clock = SYSTEM_CLOCK) -> None:
        self.session = Session(engine, user, clock)
        self.warnings: list[str] = []
        self.audit = AuditLog(self.session)
        # A new version of an article takes its claims with it, in the same transaction.
        self.articles = ArticleStore(self.session, self.audit, on_new_version=[self._carry_claims_over])
        self.sources = SourceStore(self.session, self.audit)
        self.claims = ClaimStore(self.session, self.audit, self.articles, self.sources)
        self.notes = NoteStore(self.session, self.audit, self.claims)
        self.search = SentenceSearch(self.session, self.articles)
        self.matches = MatchStore(self.session, self.audit, self.articles, self.claims, self.search)
        self.wire = WireGroups(self.session, self.audit, self.articles)
        self.importers: dict[str, FileImporter] = dict(ANNOTATION_IMPORTERS)
        self._backups = Backups(engine, clock)

    def _carry_claims_over(self, old_id: int, new_id: int) -> None:
        reanchor_claims(self, old_id, new_id)

    @property
    def engine(self) -> SqliteEngine:
        return self.session.engine  # type: ignore[return-value]

    @property
    def db(self):  # noqa: ANN201 - the sqlite-utils Database; stays inside db/ (callers use the stores)
        return self.session.db

    @property
    def path(self) -> Path | None:
        """The file, or None for an in-memory workspace."""
        return self.engine.path

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
        if self.path is None:
            raise WorkspaceError("an in-memory workspace cannot be opened again")
        return Workspace.open(
            self.path, user=self.user, read_only=self.read_only if read_only is None else read_only
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
                migrations.apply(engine.db)
            except migrations.MigrationError as exc:
                raise WorkspaceError(f"{self.path} cannot be upgraded: {exc}") from exc
            if engine.name == "sqlite":
                # sentences another program changed: their index terms (db/schema_m010.py)
                schema_m010.restem_queued(engine.db)
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
        return self.engine.is_own_file(candidate)
