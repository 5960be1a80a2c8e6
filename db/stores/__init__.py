"""One store per table family; each write is one transaction with its audit entry."""

from db.stores.articles import ArticleNotFound, ArticleStore, ArticleSummary
from db.stores.audit import AuditLog
from db.stores.claims import ClaimNotFound, ClaimStore
from db.stores.notes import NoteStore
from db.stores.sources import SourceNotFound, SourceStore

__all__ = [
    "ArticleNotFound",
    "ArticleStore",
    "ArticleSummary",
    "AuditLog",
    "ClaimNotFound",
    "ClaimStore",
    "NoteStore",
    "SourceNotFound",
    "SourceStore",
]
