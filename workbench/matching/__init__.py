"""Matching a claim against stored text: rerank scores, agree/conflict relations, corroboration, wire copies."""

from workbench.matching.corroboration import Corroboration, StoredMatch, corroboration, is_conflict, role
from workbench.matching.query import index_terms, index_text, match_note, query_terms
from workbench.matching.relation import Relation, relate
from workbench.matching.rerank import rerank, score
from workbench.matching.wire import is_wire_copy

__all__ = [
    "Corroboration",
    "Relation",
    "StoredMatch",
    "corroboration",
    "is_conflict",
    "index_terms",
    "index_text",
    "is_wire_copy",
    "match_note",
    "query_terms",
    "relate",
    "rerank",
    "role",
    "score",
]
