"""The workspace: a SQLite file through sqlite-utils (db/engines/sqlite.py); schema, migrations,
stores and the full-text index. `Workspace` (db/workspace.py) is the facade: it builds the session
and the stores and wires re-anchoring and the W3C importer; importing this package registers nothing.
"""

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
from db.workspace import Workspace

__all__ = [
    "NewerWorkspace",
    "NotAWorkspace",
    "ReadOnlyWorkspace",
    "UnstorableValue",
    "Workspace",
    "WorkspaceClosed",
    "WorkspaceError",
    "WorkspaceFull",
    "WorkspaceLocked",
]
