"""Candidate retrieval over the sentence index (FTS5, bm25) and the full `match` of a text.

`SentenceSearch` (the workspace's `ws.search`) keeps, per connection, the document frequency of each term it has looked up
(through an fts5vocab table in the connection's temp schema, so nothing is added to the
file) and the sentence count; both are dropped whenever the workspace changes. See
workbench/matching/rerank.py for the query rules and docs/matching.md for the measurements.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from db.session import Session, translates_errors
from db.stores.articles import ArticleStore
from workbench.matching.rerank import CANDIDATES, QueryTerm, fts_expression
from workbench.matching.retrieval import (
    ARTICLE_COLUMNS,
    EXCLUDED_MARGIN,
    SentenceRetrieval,
    prefix_end,
)
from workbench.model import SentenceHit


@translates_errors
class SentenceSearch(SentenceRetrieval):
    """FTS5 retrieval for one workspace connection, with a document-frequency cache.

    `prepare` and `match` are the engine-neutral ones of workbench.matching.retrieval (a desk's peer:
    db/engines/pg_search.py)."""

    def __init__(self, session: Session, articles: ArticleStore) -> None:
        self.session = session
        self.article_store = articles  # (`articles()` below reads article rows for results)
        self.conn = session.db.conn
        self._df: dict[str, int] = {}
        self._fixes: dict[str, str | None] = {}
        self._total: int | None = None
        self._stamp: tuple[int, int] | None = None
        self._vocabulary = False

    # --- statistics ---------------------------------------------------------------------------

    def _vocabulary_table(self) -> None:
        """The fts5vocab table over the index, made on first use in the connection's temp schema
        (nothing is added to the file, so it works read-only too)."""
        if not self._vocabulary:
            self.conn.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.sentences_vocab USING fts5vocab(main, sentences_fts, row)"
            )
            self._vocabulary = True

    def _fresh(self) -> None:
        self._vocabulary_table()
        stamp = (self.conn.execute("PRAGMA data_version").fetchone()[0], self.conn.total_changes)
        if stamp != self._stamp:
            self._df.clear()
            self._fixes.clear()
            self._total = None
            self._stamp = stamp

    def total(self) -> int:
        """How many sentences are indexed."""
        self._fresh()
        if self._total is None:
            self._total = self.conn.execute("SELECT count(*) FROM sentences").fetchone()[0]
        return self._total

    def doc_freq(self, terms: Iterable[QueryTerm]) -> dict[str, int]:
        """Sentences each term occurs in."""
        self._fresh()
        out = {}
        for term in terms:
            if term.key not in self._df:
                self._df[term.key] = self._lookup(term)
            out[term.key] = self._df[term.key]
        return out

    def _lookup(self, term: QueryTerm) -> int:
        row = self.conn.execute("SELECT doc FROM temp.sentences_vocab WHERE term = ?", [term.key]).fetchone()
        return row[0] if row else 0

    # --- retrieval ----------------------------------------------------------------------------

    def correction(self, word: str) -> str | None:
        """As `SentenceRetrieval.correction`, remembered until the workspace changes."""
        if word not in self._fixes:
            self._fixes[word] = super().correction(word)
        return self._fixes[word]

    def indexed_words(self, head: str) -> list[str]:
        # fts5vocab counts every word it lists, so a wider range costs more (2 letters: 6-17 ms at
        # 1M sentences; 3: ~1 ms).
        self._vocabulary_table()
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT term FROM temp.sentences_vocab WHERE term >= ? AND term < ?", [head, prefix_end(head)]
            )
        ]

    def candidates(
        self,
        groups: Sequence[tuple[QueryTerm, ...]],
        *,
        limit: int = CANDIDATES,
        exclude_articles: Sequence[int] = (),
        current_only: bool = True,
    ) -> list[SentenceHit]:
        """The best sentences by bm25 for the query plan, outside the excluded articles."""
        if not groups:
            return []
        where = ["a.superseded_by IS NULL"] if current_only else []
        if exclude_articles:
            where.append(f"s.article_id NOT IN ({','.join('?' * len(exclude_articles))})")
        fetch = limit + (EXCLUDED_MARGIN if exclude_articles else 0)
        # bm25 over both columns (the text's terms, and a statement's title's), weighted alike: a
        # title term counts as a term of the sentence (weights 0.5 and 2 measured no better on
        # CheckThat); the rerank weighs them as BM25F fields.
        sql = f"""
            SELECT s.id, s.article_id, s.start, s."end", s.text, f.rank, s.title, s.terms, s.title_terms
            FROM (SELECT rowid, rank FROM sentences_fts WHERE sentences_fts MATCH ? ORDER BY rank LIMIT ?) f
            JOIN sentences s ON s.id = f.rowid
            JOIN articles a ON a.id = s.article_id
            {"WHERE " + " AND ".join(where) if where else ""}
            ORDER BY f.rank LIMIT ?"""
        rows = self.conn.execute(sql, [fts_expression(groups), fetch, *exclude_articles, limit]).fetchall()
        return [SentenceHit(*r) for r in rows]

    def articles(self, ids: Iterable[int]) -> dict[int, dict]:
        ids = sorted(set(ids))
        if not ids:
            return {}
        cursor = self.conn.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id IN ({','.join('?' * len(ids))})", ids
        )
        names = [d[0] for d in cursor.description]
        return {row[0]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}

    def versions(self, article_id: int) -> list[int]:
        return self.article_store.versions(article_id)
