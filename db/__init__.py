"""The SQLite workspace, through sqlite-utils: schema, migrations, stores and the full-text index."""

from db.workspace import (
    NewerWorkspace,
    NotAWorkspace,
    ReadOnlyWorkspace,
    Workspace,
    WorkspaceError,
    WorkspaceLocked,
)

__all__ = [
    "NewerWorkspace",
    "NotAWorkspace",
    "ReadOnlyWorkspace",
    "Workspace",
    "WorkspaceError",
    "WorkspaceLocked",
]
