"""Backups of a workspace file: before every migration, once a day, the last few kept.

Copies are made by the engine (SQLite's online backup API) into `<workspace>.backups/` beside the
file, each written as a `.partial` file and checked before it is renamed and older copies are
removed, so a damaged workspace never pushes its good backups out.
"""

from __future__ import annotations

import os
from pathlib import Path

from db.clock import Clock
from db.engines.sqlite import SqliteEngine, backup_folder

BACKUPS_KEPT = 5


class Backups:
    """The backups of the workspace an engine has open (none in memory)."""

    def __init__(self, engine: SqliteEngine, clock: Clock) -> None:
        self.engine = engine
        self.clock = clock

    @property
    def folder(self) -> Path | None:
        return None if self.engine.path is None else backup_folder(self.engine.path)

    def make(self, reason: str = "manual") -> Path | None:
        """Copy the workspace now; keep the last BACKUPS_KEPT.

        Raises:
            OSError: the backup folder or file cannot be written.
            NotAWorkspace: the workspace is damaged (its copy fails the check); no backup is removed.
        """
        folder, path = self.folder, self.engine.path
        if folder is None or path is None:
            return None
        folder.mkdir(exist_ok=True)
        stamp = self.clock.now().astimezone().strftime("%Y%m%d-%H%M%S-%f")
        target = folder / f"{path.stem}-{stamp}-{reason}.db"
        partial = target.with_suffix(".partial")
        try:
            self.engine.copy_to(partial)
            os.replace(partial, target)  # two files of the backups folder: the workspace is not touched
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        for old in self.all()[:-BACKUPS_KEPT]:
            old.unlink(missing_ok=True)
        return target

    def all(self) -> list[Path]:
        """The workspace's backups, oldest first."""
        folder, path = self.folder, self.engine.path
        if folder is None or path is None or not folder.is_dir():
            return []
        return sorted(folder.glob(f"{path.stem}-*.db"))

    def daily(self) -> str | None:
        """Today's copy, unless there is one; what went wrong when it could not be made.

        A missed daily backup must not keep the person out of their work: it is a warning.
        """
        folder, path = self.folder, self.engine.path
        if folder is None or path is None:
            return None
        today = self.clock.now().astimezone().strftime("%Y%m%d")
        if folder.is_dir() and any(folder.glob(f"{path.stem}-{today}-*.db")):
            return None
        try:
            self.make(reason="daily")
        except OSError as exc:
            return f"the daily backup of {path} could not be made: {exc}"
        return None
