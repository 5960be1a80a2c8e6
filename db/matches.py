"""Stored matches between claims and sentences of other stored texts, and what they add up to.

A match row ties a claim to a sentence of another article (its offsets and text are copied so
the match survives edits), with the rerank score, the number relation (agree / conflict /
unrelated), the reasons it matched (JSON) and a person's link (corroborates / contradicts /
same claim, or "" while unreviewed).

Counting is by *independent source*: copies of one wire story (articles sharing a
`wire_group`) count once, as do the versions of one article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from db.workspace import Workspace

# A match is "conflicting" when a person linked it as contradicting, or, unreviewed, when its
# numbers conflict with the claim's. Every other stored match counts as corroborating.
_CONFLICT_SQL = "(m.link = 'contradicts' OR (m.link = '' AND m.relation = 'conflict'))"
# One independent source: the wire group of the matched article, else the article itself.
_SOURCE_SQL = "coalesce(a.wire_group, -a.id)"


def match_counts(ws: Workspace, article_id: int) -> dict[int, tuple[int, int]]:
    """Per claim of an article: (independent corroborating sources, independent conflicting sources).

    Used by the claims table's "matches" column. Claims without stored matches are absent.

    Args:
        ws: the open workspace.
        article_id: the article whose claims are counted.

    Returns:
        {claim_id: (matches, conflicts)}; wire copies of one story count once in each.
    """
    rows = ws.db.execute(
        f"""
        SELECT m.claim_id,
               count(DISTINCT CASE WHEN NOT {_CONFLICT_SQL} THEN {_SOURCE_SQL} END),
               count(DISTINCT CASE WHEN {_CONFLICT_SQL} THEN {_SOURCE_SQL} END)
        FROM matches m
        JOIN claims c ON c.id = m.claim_id
        JOIN articles a ON a.id = m.article_id
        WHERE c.article_id = ?
        GROUP BY m.claim_id
        """,
        [article_id],
    ).fetchall()
    return {claim_id: (supporting, conflicting) for claim_id, supporting, conflicting in rows}
