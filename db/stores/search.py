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
from workbench.matching.rerank import (
    CANDIDATES,
    PreparedQuery,
    QueryTerm,
    choose_terms,
    correction,
    explain,
    fts_expression,
    query_terms,
    rerank,
    to_result,
)
from workbench.model import MatchResult, SentenceHit

TYPO_PREFIX = 3  # a typo is corrected to an indexed word starting with the same letters
EXCLUDED_MARGIN = 40  # extra candidates fetched to make up for those of excluded articles
_ARTICLE_COLUMNS = "id, kind, title, url, date, agency, publisher, verdict, external_id, wire_group"


@translates_errors
class SentenceSearch:
    """FTS5 retrieval for one workspace connection, with a document-frequency cache."""

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
        """Sentences each term occurs in (a prefix term: summed over the words it covers)."""
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

    def corrected(self, term: QueryTerm) -> QueryTerm | None:
        """The indexed term closest to `term`'s stem, when `term` occurs nowhere."""
        word = term.key
        self._vocabulary_table()
        if word not in self._fixes:
            # Indexed words sharing the first TYPO_PREFIX letters: fts5vocab counts every word it
            # lists, so a wider range costs more (2 letters: 6-17 ms at 1M sentences; 3: ~1 ms).
            head = word[:TYPO_PREFIX]
            vocabulary = [
                r[0]
                for r in self.conn.execute(
                    "SELECT term FROM temp.sentences_vocab WHERE term >= ? AND term < ?", [head, _after(head)]
                )
            ]
            self._fixes[word] = correction(word, vocabulary)
        fixed = self._fixes[word]
        return QueryTerm(fixed, fixed) if fixed else None

    def prepare(self, text: str) -> tuple[PreparedQuery, list[tuple[QueryTerm, ...]]]:
        """The prepared claim (with idf weights) and the FTS5 query plan for it (`choose_terms`).

        A word that occurs nowhere is replaced by its closest indexed word (typos, variants).
        """
        terms = query_terms(text)
        df = self.doc_freq(terms)
        if any(df[t.key] == 0 for t in terms):
            terms = [(self.corrected(t) or t) if df[t.key] == 0 else t for t in terms]
            df = self.doc_freq(terms)
        return PreparedQuery.build(text, df, self.total(), terms), choose_terms(terms, df, self.total())

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
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id IN ({','.join('?' * len(ids))})", ids
        )
        names = [d[0] for d in cursor.description]
        return {row[0]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}

    def match(
        self,
        text: str,
        *,
        limit: int = 10,
        exclude_article: int | None = None,
        current_only: bool = True,
    ) -> list[MatchResult]:
        """Stored sentences matching `text`, best first, with their reasons.

        Args:
            text: a claim or any short text.
            limit: how many results at most.
            exclude_article: leave out this article and its other versions (the claim's own).
            current_only: leave out superseded versions of updated articles.
        """
        query, groups = self.prepare(text)
        excluded = self.article_store.versions(exclude_article) if exclude_article is not None else []
        hits = self.candidates(groups, exclude_articles=excluded, current_only=current_only)
        ranked = rerank(query, hits, limit)
        articles = self.articles(h.article_id for h, _ in ranked)
        return [
            to_result(hit, value, explain(text, hit.text, query), articles.get(hit.article_id))
            for hit, value in ranked
        ]


def _after(prefix: str) -> str:
    """The smallest string greater than every string starting with `prefix`."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)
