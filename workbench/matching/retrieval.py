"""The engine-neutral half of matching a text against the stored sentences. Pure.

A sentence index (FTS5 in a workspace file: db/stores/search.py; PostgreSQL full text on a desk:
db/engines/pg_search.py) answers five questions: how many sentences there are, how many contain a
term, which indexed word is closest to a typo, which sentences score best by bm25 for a query plan,
and the rows of some articles. `SentenceRetrieval` asks them in the same order on both engines:
`prepare` turns a claim into terms (correcting those that occur nowhere) and a query plan, and
`match` reranks the candidates (workbench.matching.rerank) and gives each its reasons.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence

from workbench.matching.query import correction
from workbench.matching.rerank import (
    CANDIDATES,
    PreparedQuery,
    QueryTerm,
    choose_terms,
    explain,
    hit_terms,
    query_terms,
    rerank,
    to_result,
)
from workbench.model import MatchResult, SentenceHit

TYPO_PREFIX = 3  # a typo is corrected to an indexed word starting with the same letters
CORRECTED_WEIGHT = 0.5  # a typo's correction counts this share of its idf
EXCLUDED_MARGIN = 40  # extra candidates fetched to make up for those of excluded articles
ARTICLE_COLUMNS = "id, kind, title, url, date, agency, publisher, verdict, external_id, wire_group"


def prefix_end(prefix: str) -> str:
    """The smallest string greater than every string starting with `prefix` (a range's end)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


class SentenceRetrieval(ABC):
    """`prepare` and `match` over a sentence index; the engine's class answers the questions."""

    @abstractmethod
    def total(self) -> int:
        """How many sentences are indexed."""

    @abstractmethod
    def doc_freq(self, terms: Iterable[QueryTerm]) -> dict[str, int]:
        """Sentences each term occurs in."""

    @abstractmethod
    def indexed_words(self, head: str) -> list[str]:
        """The indexed terms (in some sentence) that start with `head`, in order."""

    def corrected(self, term: QueryTerm) -> QueryTerm | None:
        """The indexed term closest to `term`'s stem, when `term` occurs nowhere; a guess, so it
        weighs `CORRECTED_WEIGHT` of its idf."""
        fixed = self.correction(term.key)
        return QueryTerm(fixed, fixed, term.weight * CORRECTED_WEIGHT) if fixed else None

    def correction(self, word: str) -> str | None:
        """The indexed term closest to `word` among those sharing its first TYPO_PREFIX letters."""
        head = word[:TYPO_PREFIX]
        return correction(word, self.indexed_words(head)) if head else None

    @abstractmethod
    def candidates(
        self,
        groups: Sequence[tuple[QueryTerm, ...]],
        *,
        limit: int = CANDIDATES,
        exclude_articles: Sequence[int] = (),
        current_only: bool = True,
    ) -> list[SentenceHit]:
        """The best sentences by bm25 for the query plan, outside the excluded articles."""

    @abstractmethod
    def articles(self, ids: Iterable[int]) -> dict[int, dict]:
        """The rows (id, kind, title, url, date, agency, publisher, verdict...) of these articles."""

    @abstractmethod
    def versions(self, article_id: int) -> list[int]:
        """Ids of every version of an article, oldest first."""

    def prepare(self, text: str) -> tuple[PreparedQuery, list[tuple[QueryTerm, ...]]]:
        """The prepared claim (with idf weights) and the query plan for it (`choose_terms`).

        A word that occurs nowhere is replaced by its closest indexed word (typos, variants).
        """
        terms = query_terms(text)
        df = self.doc_freq(terms)
        if any(df[t.key] == 0 for t in terms):
            terms = [(self.corrected(t) or t) if df[t.key] == 0 else t for t in terms]
            df = self.doc_freq(terms)
        total = self.total()  # (once: on a desk each question is a round trip to the server)
        return PreparedQuery.build(text, df, total, terms), choose_terms(terms, df, total)

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
        excluded = self.versions(exclude_article) if exclude_article is not None else []
        hits = self.candidates(groups, exclude_articles=excluded, current_only=current_only)
        ranked = rerank(query, hits, limit)
        articles = self.articles(h.article_id for h, _ in ranked)
        return [
            to_result(
                hit, value, explain(text, hit.text, query, hit_terms(hit)[0]), articles.get(hit.article_id)
            )
            for hit, value in ranked
        ]
