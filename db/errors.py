"""What can go wrong with a workspace, in words a person can act on, whatever engine is behind it.

Each engine turns its driver's errors into these (db/engines/sqlite.py `translate`), inside `db/`:
the stores, flows and queries raise nothing else from the database, so `ui/` never learns which
driver is behind a workspace.
"""

from __future__ import annotations


class WorkspaceError(Exception):
    """A workspace cannot be opened or written; the message says why and what to do."""


class NotAWorkspace(WorkspaceError):
    """Not a workspace, damaged, or cannot be opened at all; it was left untouched."""


class NewerWorkspace(WorkspaceError):
    """Made by a newer version of the workbench."""


class WorkspaceLocked(WorkspaceError):
    """Another program held the write lock past the busy timeout."""


class ReadOnlyWorkspace(WorkspaceError):
    """Opened read-only, or on a file, folder or mount that cannot be written."""


class WorkspaceFull(WorkspaceError):
    """The disk (or quota) holding the workspace is full: the write was not made."""


class WorkspaceClosed(WorkspaceError):
    """The workspace was closed (a late repaint or job after the window let it go)."""


class ConnectionLost(WorkspaceClosed):
    """The connection to a desk's server went away (server stopped, network gone, backend
    terminated): nothing of the statement under way was written; a new connection may work."""


class UnstorableValue(WorkspaceError, ValueError):
    """A value the database refuses (a type it cannot bind, a number out of range, a failed
    constraint): the problem of the row being written, not of the workspace; nothing was written."""


class StaleEdit(WorkspaceError):
    """The row changed since the caller read it (another session's edit): nothing was written.

    The message names the row and who changed it when, from the audit log ("claim #12 was changed
    by ben at 10:42"); `entity`, `entity_id` and `version` (the row's version now) let a window
    reload the row and say what it holds now.
    """

    def __init__(self, message: str, *, entity: str, entity_id: int, version: int | None) -> None:
        super().__init__(message)
        self.entity = entity
        self.entity_id = entity_id
        self.version = version


class NotPermitted(WorkspaceError):
    """The server refused the action for the role the user logged in as (a desk's roles, issue 12)."""
