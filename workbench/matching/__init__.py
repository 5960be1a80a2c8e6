"""Matching a claim against stored text: rerank scores, agree/conflict relations, corroboration, wire copies."""

from workbench.matching.corroboration import Corroboration, StoredMatch, corroboration, is_conflict, role
from workbench.matching.query import query_terms
from workbench.matching.relation import Relation, relate
from workbench.matching.rerank import rerank, score
from workbench.matching.wire import is_wire_copy

__all__ = [
    "Corroboration",
    "Relation",
    "StoredMatch",
    "corroboration",
    "is_conflict",
    "is_wire_copy",
    "query_terms",
    "relate",
    "rerank",
    "role",
    "score",
]
