"""The SQLite workspace, through sqlite-utils: schema, migrations, stores and the full-text index."""

# Registers the W3C annotation importer (.json/.jsonld) in db.flows.importing.SPECIAL_IMPORTERS, and the
# re-anchoring hook on ArticleStore.on_new_version (claims follow an updated article), whichever way
# the workspace is used (CLI, GUI, tests).
from db.flows import annotations as _annotations  # noqa: F401
from db.flows import reanchor as _reanchor  # noqa: F401
from db.workspace import (
    NewerWorkspace,
    NotAWorkspace,
    ReadOnlyWorkspace,
    Workspace,
    WorkspaceError,
    WorkspaceFull,
    WorkspaceLocked,
)

__all__ = [
    "NewerWorkspace",
    "NotAWorkspace",
    "ReadOnlyWorkspace",
    "Workspace",
    "WorkspaceError",
    "WorkspaceFull",
    "WorkspaceLocked",
]
