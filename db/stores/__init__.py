"""One store per table family; each write is one transaction with its audit entry.

Every store takes a `Session` (db/session.py) and the stores it reads from; the workspace builds
and wires them (db/workspace.py).
"""

from db.stores.articles import ArticleNotFound, ArticleStore, ArticleSummary
from db.stores.audit import AuditLog
from db.stores.claims import ClaimNotFound, ClaimStore
from db.stores.matches import MatchNotFound, MatchStore
from db.stores.notes import NoteStore
from db.stores.search import SentenceSearch
from db.stores.sources import SourceNotFound, SourceStore
from db.stores.wire import WireGroups

__all__ = [
    "ArticleNotFound",
    "ArticleStore",
    "ArticleSummary",
    "AuditLog",
    "ClaimNotFound",
    "ClaimStore",
    "MatchNotFound",
    "MatchStore",
    "NoteStore",
    "SentenceSearch",
    "SourceNotFound",
    "SourceStore",
    "WireGroups",
]
