"""What the flows use of a workspace, as a protocol.

`db.workspace.Workspace` builds the stores and wires the flows in (re-anchoring, the W3C
importer), so the flows cannot import it back; they are written against this protocol, which the
workspace meets. It is also the list of what a workspace on another engine must offer the flows.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from db.stores.articles import AddResult
from workbench.text.importers import RowProblem

if TYPE_CHECKING:
    from db.session import Session
    from db.stores.articles import ArticleStore
    from db.stores.audit import AuditLog
    from db.stores.claims import ClaimStore
    from db.stores.matches import MatchStore
    from db.stores.notes import NoteStore
    from db.stores.search import SentenceSearch
    from db.stores.sources import SourceStore
    from db.stores.wire import WireGroups


@dataclass
class FileImport:
    """What importing one file did."""

    results: list[AddResult] = field(default_factory=list)  # one per article or statement read
    skipped: list[RowProblem] = field(default_factory=list)  # rows or annotations left out
    claims_added: int = 0  # claims an annotation file created
    claims_existing: int = 0  # annotations whose claim was already stored
    annotated: list[int] = field(default_factory=list)  # articles that received claims
    notes: list[str] = field(default_factory=list)  # what the person should know, one line each
    unsure: list[tuple[str, str]] = field(default_factory=list)  # (path, why its encoding is a guess)


# An importer for a file type that is not articles or statements (W3C annotation exports):
# fn(workspace, path) -> FileImport. The workspace holds them by suffix (`Workspace.importers`).
FileImporter = Callable[["Stores", Path], FileImport]


class Stores(Protocol):
    """A workspace as the flows see it: the session, the stores, one transaction around several."""

    session: Session
    audit: AuditLog
    articles: ArticleStore
    sources: SourceStore
    claims: ClaimStore
    notes: NoteStore
    matches: MatchStore
    search: SentenceSearch
    wire: WireGroups
    importers: dict[str, FileImporter]

    @property
    def db(self) -> Any: ...

    @property
    def path(self) -> Path | None: ...

    @property
    def user(self) -> str: ...

    @property
    def read_only(self) -> bool: ...

    def atomic(self) -> AbstractContextManager[Any]: ...

    def writable(self) -> None: ...

    def is_own_file(self, candidate: str | Path) -> bool: ...
