"""Search on a desk: the PostgreSQL peer of db/stores/search.py's `SentenceSearch` (issue 12 item 3).

Both engines index and query the same terms: a sentence is indexed by `index_words` (the shared
`workbench.matching.query.index_terms` of its text and title: folded content words, English
Snowball stems, what the workspace file's `terms` columns hold since m010), a claim is searched
by `query_terms` (the same stems) and the same query plan (`choose_terms`). So PostgreSQL's parser, its English stemmer and `unaccent` are not used: the
tsvector is built here from those words with their positions (a 'simple' vector), which keeps
the two engines' candidates the same whatever the server's locale.

What the sentence index is on the server (`SENTENCE_INDEX_DDL`):

- `sentence_index`: one row per sentence, its `tsvector` (GIN index) and its length in terms
  (text and title: FTS5's document length over the two `terms` columns);
- `sentence_terms`: how many sentences hold each word (FTS5's `fts5vocab` row table), kept by
  statement triggers on `sentence_index`, so document frequencies and the typo vocabulary are an
  index range scan, never `ts_stat` over every row; words in C collation (Python's order);
- `sentence_index_totals`: sentences and words indexed, for bm25's N and average length.

The candidate step is FTS5's: the rows the plan matches (GIN), ranked by FTS5's bm25 (k1 1.2,
b 0.75; a group's words count only where the whole group matched, each listed word once per
listing, idf floored at 1e-6, a sentence's length counted as FTS5 counts it, the same float
operations in the same order), the `fetch` best taken before the article filters, in one call of
the server function `sentence_candidates`. tests/test_pg_search.py shows the candidate lists and
their ranks equal; on CheckThat! 2020 dev all 197 queries give the same results on both engines.

`unaccent` is not needed (the workbench folds diacritics before the words reach the server), nor
`pg_trgm`: the typo step takes the indexed words sharing a claim word's first letters (a btree
range on `sentence_terms`, as FTS5's vocabulary is read) and scores them with rapidfuzz, the same
on both engines; trigram candidates would give other corrections than the workspace file's.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, ParamSpec, Protocol, TypeVar

import psycopg

from db.engines import Connection
from workbench.matching.query import TYPO_MIN_LEN, index_terms, index_text
from workbench.matching.rerank import BM25_B, BM25_K1, CANDIDATES, PreparedQuery, QueryTerm
from workbench.matching.retrieval import (
    ARTICLE_COLUMNS,
    EXCLUDED_MARGIN,
    TYPO_PREFIX,
    SentenceRetrieval,
    prefix_end,
)
from workbench.model import MatchResult, SentenceHit

P = ParamSpec("P")
R = TypeVar("R")

MAX_POSITIONS = 256  # PostgreSQL keeps at most 256 positions of a word in one tsvector
MAX_POSITION = 16383  # ...each at most 16383 (later words share the last one)
MAX_LEXEME_BYTES = 2046  # a longer word is counted in the length but not indexed
IDF_FLOOR = 1e-6  # FTS5's bm25: a word in more than half the sentences still weighs a little
# bm25's constants as float8, so the server computes each term's part with FTS5's operations in
# FTS5's order and sums the parts in the query's term order: the same ranks to the last bit, so
# sentences FTS5 ties (twins) stay tied and come in id order, as FTS5 gives them.
K1, K1_PLUS_1, B, ONE = (f"{v!r}::float8" for v in (BM25_K1, BM25_K1 + 1.0, BM25_B, 1.0))

SENTENCE_INDEX_DDL: tuple[str, ...] = (
    """CREATE TABLE sentence_index (
        sentence_id bigint PRIMARY KEY REFERENCES sentences(id) ON DELETE CASCADE,
        terms tsvector NOT NULL,
        length integer NOT NULL CHECK (length >= 0)
    )""",
    "CREATE INDEX sentence_index_terms ON sentence_index USING gin (terms)",
    """CREATE TABLE sentence_terms (
        term text COLLATE "C" PRIMARY KEY,
        docs bigint NOT NULL CHECK (docs >= 0)
    )""",
    """CREATE TABLE sentence_index_totals (
        only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
        sentences bigint NOT NULL DEFAULT 0 CHECK (sentences >= 0),
        words bigint NOT NULL DEFAULT 0 CHECK (words >= 0)
    )""",
    "INSERT INTO sentence_index_totals DEFAULT VALUES",
    # The counts follow every write of the index, also a hand edit or a cascade from `articles`.
    # Words are counted in their sort order (rows locked in one order: two importers cannot
    # deadlock); SECURITY DEFINER: a checker who may import need not write the counts directly.
    """CREATE FUNCTION sentence_index_counts() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            PERFORM 1 FROM sentence_terms
             WHERE term IN (SELECT unnest(tsvector_to_array(terms)) FROM old_rows)
             ORDER BY term FOR UPDATE;
            UPDATE sentence_terms t SET docs = greatest(t.docs - o.n, 0)
              FROM (SELECT w, count(*) AS n FROM old_rows, unnest(tsvector_to_array(terms)) AS w GROUP BY w) o
             WHERE t.term = o.w;
            UPDATE sentence_index_totals
               SET sentences = greatest(sentences - (SELECT count(*) FROM old_rows), 0),
                   words = greatest(words - (SELECT coalesce(sum(length), 0) FROM old_rows), 0);
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
            INSERT INTO sentence_terms AS t (term, docs)
            SELECT w, count(*) FROM new_rows, unnest(tsvector_to_array(terms)) AS w GROUP BY w ORDER BY w
            ON CONFLICT (term) DO UPDATE SET docs = t.docs + excluded.docs;
            UPDATE sentence_index_totals
               SET sentences = sentences + (SELECT count(*) FROM new_rows),
                   words = words + (SELECT coalesce(sum(length), 0) FROM new_rows);
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER sentence_index_inserted AFTER INSERT ON sentence_index
       REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sentence_index_counts()""",
    """CREATE TRIGGER sentence_index_updated AFTER UPDATE ON sentence_index
       REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
       FOR EACH STATEMENT EXECUTE FUNCTION sentence_index_counts()""",
    """CREATE TRIGGER sentence_index_deleted AFTER DELETE ON sentence_index
       REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sentence_index_counts()""",
    # The candidate step, on the server in one call. bm25 as FTS5 computes it (sqlite/ext/fts5/
    # fts5_aux.c, fts5Bm25Function): per listed term, idf times its saturated frequency in the row;
    # a term counts only where its whole group matched. The frequencies: the matched rows' vectors
    # cut down to the query's words (setweight + ts_filter: a few entries to unnest, not all). A
    # term's idf counts the sentences holding it: the matched rows tell for a term searched alone,
    # the word counts for one in a group.
    # PL/pgSQL: its plan is kept for the session; JIT off: compiling took seconds where the query
    # takes milliseconds.
    f"""CREATE FUNCTION sentence_candidates(
        term_groups integer[], term_keys text[], term_stops text[], term_alone boolean[], plan tsquery,
        fetched integer, current_only boolean, excluded bigint[], wanted integer
    ) RETURNS TABLE (
        id bigint, article_id bigint, start integer, "end" integer, text text, rank float8, title text,
        terms text, title_terms text
    )
    LANGUAGE plpgsql STABLE SET jit = off AS $$
    #variable_conflict use_column
    BEGIN
    RETURN QUERY
    WITH totals AS MATERIALIZED (
        SELECT sentences::float8 AS n,
               CASE WHEN sentences > 0 THEN words::float8 / sentences ELSE 1 END AS avgdl
        FROM sentence_index_totals
    ), q AS MATERIALIZED (
        SELECT * FROM unnest(term_groups, term_keys, term_stops, term_alone)
            WITH ORDINALITY AS q(grp, key, stop, alone, phrase)
    ), sizes AS MATERIALIZED (
        SELECT grp, count(*) AS size FROM q GROUP BY grp
    ), x AS MATERIALIZED (
        SELECT q.phrase, t.term AS word, t.docs
        FROM q JOIN sentence_terms t ON t.term >= q.key AND t.term < q.stop AND t.docs > 0
    ), m AS MATERIALIZED (
        SELECT i.sentence_id, i.length,
               ts_filter(setweight(i.terms, 'A', (SELECT array_agg(DISTINCT word) FROM x)), '{{a}}') AS found
        FROM sentence_index i WHERE i.terms @@ plan
    ), f AS MATERIALIZED (
        SELECT m.sentence_id, m.length, x.phrase, sum(cardinality(u.positions))::float8 AS tf
        FROM m CROSS JOIN LATERAL unnest(m.found) u JOIN x ON x.word = u.lexeme
        GROUP BY m.sentence_id, m.length, x.phrase
    ), idf AS MATERIALIZED (
        SELECT q.phrase, q.grp,
               CASE WHEN (t.n - d.docs + 0.5) / (d.docs + 0.5) > 1
                    THEN ln((t.n - d.docs + 0.5::float8) / (d.docs + 0.5::float8)) ELSE {IDF_FLOOR}::float8 END AS idf
        FROM q CROSS JOIN totals t
        CROSS JOIN LATERAL (
            SELECT CASE WHEN q.alone THEN (SELECT count(*) FROM f WHERE f.phrase = q.phrase)
                        ELSE (SELECT coalesce(sum(x.docs), 0) FROM x WHERE x.phrase = q.phrase)
                   END::float8 AS docs
        ) d
    ), c AS (
        SELECT f.sentence_id, i.grp FROM f JOIN idf i ON i.phrase = f.phrase
        GROUP BY f.sentence_id, i.grp
        HAVING count(*) = (SELECT z.size FROM sizes z WHERE z.grp = i.grp)
    ), r AS (
        SELECT f.sentence_id,
               -sum(i.idf * ((f.tf * {K1_PLUS_1}) / (f.tf + {K1} * ({ONE} - {B} + {B} * f.length / t.avgdl)))
                    ORDER BY f.phrase) AS rank
        FROM f JOIN idf i ON i.phrase = f.phrase
        JOIN c ON c.sentence_id = f.sentence_id AND c.grp = i.grp
        CROSS JOIN totals t
        GROUP BY f.sentence_id ORDER BY rank, f.sentence_id LIMIT fetched
    )
    SELECT s.id::bigint, s.article_id::bigint, s.start::integer, s."end"::integer, s.text, r.rank, s.title,
           s.terms, s.title_terms
    FROM r JOIN sentences s ON s.id = r.sentence_id JOIN articles a ON a.id = s.article_id
    WHERE (a.superseded_by IS NULL OR NOT current_only) AND NOT (s.article_id = ANY(excluded))
    ORDER BY r.rank, s.id LIMIT wanted;
    END $$""",
)


# --- writing the index ----------------------------------------------------------------------------


def index_words(text: str, title: str = "") -> list[str]:
    """The terms a sentence is indexed by, in order: its text's, then its title's (a statement's),
    each `workbench.matching.query.index_terms` (what the workspace file's `terms` columns hold)."""
    return index_terms(text) + (index_terms(title) if title else [])


def tsvector_literal(words: Sequence[str]) -> str:
    """The tsvector of these words with their positions (1-based), as PostgreSQL reads it."""
    positions: dict[str, list[int]] = {}
    for i, word in enumerate(words, 1):
        if len(word.encode()) <= MAX_LEXEME_BYTES:
            found = positions.setdefault(word, [])
            if len(found) < MAX_POSITIONS:
                found.append(min(i, MAX_POSITION))
    return " ".join(
        "'" + w.replace("\\", "\\\\").replace("'", "''") + "':" + ",".join(map(str, p))
        for w, p in positions.items()
    )


def index_stored(db: Connection, rows: Iterable[tuple[int, str, str]]) -> int:
    """Index (or index again) sentences given as (id, terms, title_terms): the stored `terms`
    columns (`index_text` of the text and of the title, what the workspace file's FTS5 indexes),
    so nothing is stemmed again; one statement. Returns how many."""
    ids, vectors, lengths = [], [], []
    for sentence_id, terms, title_terms in rows:
        words = terms.split() + title_terms.split()
        ids.append(sentence_id)
        vectors.append(tsvector_literal(words))
        lengths.append(len(words))
    if ids:
        db.execute(
            """INSERT INTO sentence_index (sentence_id, terms, length)
               SELECT * FROM unnest(?::bigint[], ?::text[]::tsvector[], ?::integer[])
               ON CONFLICT (sentence_id) DO UPDATE SET terms = excluded.terms, length = excluded.length""",
            [ids, vectors, lengths],
        )
    return len(ids)


def index_sentences(db: Connection, rows: Iterable[tuple[int, str, str]]) -> int:
    """Index (or index again) sentences, given as (id, text, title); one statement. Returns how many."""
    return index_stored(
        db, [(i, index_text(text), index_text(title) if title else "") for i, text, title in rows]
    )


def index_articles(db: Connection, article_ids: Sequence[int]) -> int:
    """Index these articles' stored sentences (again); two statements whatever their number."""
    if not article_ids:
        return 0
    rows = db.execute(
        "SELECT id, terms, title_terms FROM sentences WHERE article_id = ANY(?::bigint[]) ORDER BY id",
        [list(article_ids)],
    ).fetchall()
    return index_stored(db, [(r[0], r[1], r[2]) for r in rows])


def index_article(db: Connection, article_id: int) -> int:
    """Index an article's stored sentences again (after its title changed, say); inside
    `deferred_index` only noted, and 0 returned."""
    waiting = _deferred.get(id(db))
    if waiting is not None:
        waiting.append(article_id)
        return 0
    return index_articles(db, [article_id])


_deferred: dict[int, list[int]] = {}  # id(connection) -> articles to index when its batch ends


@contextlib.contextmanager
def deferred_index(db: Connection) -> Iterator[None]:
    """Index the articles `index_article` is asked for inside this block once, at its end, in one
    statement (a batch of imports in one transaction: the word counts are updated once for the
    batch, not once an article). An article rolled back meanwhile has no sentences left to index.
    Nothing may search the new sentences inside the block."""
    if id(db) in _deferred:  # already inside a batch on this connection
        yield
        return
    _deferred[id(db)] = waiting = []
    try:
        yield
    finally:
        del _deferred[id(db)]
    index_articles(db, sorted(set(waiting)))


def recount_index(db: Connection) -> None:
    """The word counts and totals again from the index rows (after a load with the triggers off,
    or to repair counts edited by hand); one transaction of the caller's."""
    db.execute("DELETE FROM sentence_terms")
    db.execute(
        """INSERT INTO sentence_terms (term, docs)
           SELECT w, count(*) FROM sentence_index, unnest(tsvector_to_array(terms)) AS w GROUP BY w"""
    )
    db.execute(
        """UPDATE sentence_index_totals SET
               sentences = (SELECT count(*) FROM sentence_index),
               words = (SELECT coalesce(sum(length), 0) FROM sentence_index)"""
    )


# --- searching ------------------------------------------------------------------------------------


class HasVersions(Protocol):
    def versions(self, article_id: int) -> list[int]: ...


def _translated(fn: Callable[P, R]) -> Callable[P, R]:
    """psycopg's errors as db.errors (what `db.session.storage_errors` does for the stores)."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except psycopg.Error as exc:
            raise args[0].session.engine.translate(exc) from exc  # type: ignore[attr-defined]

    return wrapper


def tsquery(groups: Sequence[tuple[QueryTerm, ...]]) -> str:
    """The tsquery of a query plan: any group, each group all of its terms (FTS5's expression)."""

    def lexeme(term: QueryTerm) -> str:
        return "'" + term.key.replace("\\", "\\\\").replace("'", "''") + "'"

    return " | ".join("(" + " & ".join(lexeme(t) for t in group) + ")" for group in groups)


class PgSentenceSearch(SentenceRetrieval):
    """Candidate retrieval on a desk (the workspace's `ws.search` when it is a PostgreSQL URL).

    Each question is a round trip to the server, and on a busy machine each round trip waits for a
    CPU; so within one `prepare` the first `doc_freq` also brings the sentence count and, for each
    word that occurs nowhere, the indexed words sharing its first letters with their counts (what
    the typo step asks next: `indexed_words`, then `doc_freq` of the corrected terms), and within
    one `match` the candidates come with their articles' rows (what `articles` asks after the
    rerank). Those later questions are answered from what came, from the same snapshot; outside
    `prepare` and `match` every question goes to the server.

    Args:
        session: the workspace's session (db/session.py) on a `PostgresEngine`.
        articles: what gives an article's versions (the workspace's ArticleStore).
    """

    def __init__(self, session: Any, articles: HasVersions) -> None:
        self.session = session
        self.article_store = articles
        self.db: Connection = session.engine.db
        self._came: _Came | None = None  # what came with earlier answers, within one prepare/match

    # --- one query's answers in fewer round trips -------------------------------------------------

    def prepare(self, text: str) -> tuple[PreparedQuery, list[tuple[QueryTerm, ...]]]:
        outer = self._came is None
        if outer:
            self._came = _Came()
        try:
            return super().prepare(text)
        finally:
            if outer:
                self._came = None

    def match(self, text: str, **options: Any) -> list[MatchResult]:
        outer = self._came is None
        if outer:
            self._came = _Came()
        try:
            return super().match(text, **options)
        finally:
            if outer:
                self._came = None

    # --- statistics -------------------------------------------------------------------------------

    @_translated
    def total(self) -> int:
        """How many sentences are indexed."""
        if self._came is not None and self._came.total is not None:
            return self._came.total
        found = self.db.execute("SELECT sentences FROM sentence_index_totals").fetchone()
        return int(found[0]) if found else 0

    @_translated
    def doc_freq(self, terms: Iterable[QueryTerm]) -> dict[str, int]:
        """Sentences each term occurs in; one query (none when an earlier answer brought them)."""
        keys = list({t.key: _stop(t) for t in terms}.items())
        if not keys:
            return {}
        came = self._came
        if came is not None and all(k in came.docs for k, _ in keys):
            return {k: came.docs[k] for k, _ in keys}
        if came is None:
            rows = self.db.execute(_DOC_FREQ, [[k for k, _ in keys], [s for _, s in keys]]).fetchall()
            return {r[0]: int(r[1]) for r in rows}
        heads = [k[:TYPO_PREFIX] if len(k) >= TYPO_MIN_LEN else "" for k, _ in keys]
        rows = self.db.execute(
            _DOC_FREQ_AND_MORE,
            [[k for k, _ in keys], [s for _, s in keys], heads, [prefix_end(h) if h else "" for h in heads]],
        ).fetchall()
        found: dict[str, int] = {}
        for what, head, word, docs in rows:
            if what == "docs":
                found[word] = int(docs)
            elif what == "total":
                came.total = int(docs)
            else:
                came.words.setdefault(head, []).append(word)
                came.docs[word] = int(docs)
        came.docs.update(found)
        for head in heads:
            if head:
                came.words.setdefault(head, [])
        return found

    # --- retrieval --------------------------------------------------------------------------------

    @_translated
    def indexed_words(self, head: str) -> list[str]:
        if self._came is not None and head in self._came.words:
            return sorted(self._came.words[head])
        return [
            r[0]
            for r in self.db.execute(
                "SELECT term FROM sentence_terms WHERE term >= ? AND term < ? AND docs > 0 ORDER BY term",
                [head, prefix_end(head)],
            )
        ]

    @_translated
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
        fetch = limit + (EXCLUDED_MARGIN if exclude_articles else 0)
        listed = [(i, t) for i, group in enumerate(groups) for t in group]
        rows = list(
            self.db.query(
                _CANDIDATES,
                [
                    [i for i, _ in listed],
                    [t.key for _, t in listed],
                    [_stop(t) for _, t in listed],
                    [len(groups[i]) == 1 for i, _ in listed],
                    tsquery(groups),
                    fetch,
                    current_only,
                    list(exclude_articles),
                    limit,
                ],
            )
        )
        if self._came is not None:
            for row in rows:
                self._came.articles[row["article_id"]] = {c: row["a_" + c] for c in _ARTICLE_FIELDS}
        return [
            SentenceHit(
                r["id"],
                r["article_id"],
                r["start"],
                r["end"],
                r["text"],
                float(r["rank"]),
                r["title"],
                r["terms"],
                r["title_terms"],
            )
            for r in rows
        ]

    @_translated
    def articles(self, ids: Iterable[int]) -> dict[int, dict]:
        ids = sorted(set(ids))
        if not ids:
            return {}
        came = self._came
        if came is not None and all(i in came.articles for i in ids):
            return {i: dict(came.articles[i]) for i in ids}
        rows = self.db.query(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ANY(?::bigint[])", [ids])
        return {row["id"]: row for row in rows}

    def versions(self, article_id: int) -> list[int]:
        return self.article_store.versions(article_id)


@dataclass
class _Came:
    """Answers that came with earlier ones, within one prepare or match (`PgSentenceSearch`)."""

    total: int | None = None
    docs: dict[str, int] = field(default_factory=dict)  # word -> sentences holding it
    words: dict[str, list[str]] = field(default_factory=dict)  # a typo's first letters -> indexed words
    articles: dict[int, dict] = field(default_factory=dict)  # article id -> its row


_ARTICLE_FIELDS = tuple(c.strip() for c in ARTICLE_COLUMNS.split(","))
_DOC_FREQ = """SELECT q.key, (SELECT coalesce(sum(docs), 0) FROM sentence_terms
                              WHERE term >= q.key AND term < q.stop)
               FROM unnest(?::text[], ?::text[]) AS q(key, stop)"""
# The counts of the query's terms, the sentence count, and the indexed words (with their counts)
# that share a missing word's first letters: ('docs', '', key, n), ('total', '', '', n),
# ('word', head, word, n).
_DOC_FREQ_AND_MORE = """WITH q AS MATERIALIZED (
        SELECT q.key, q.stop, q.head, q.head_end,
               (SELECT coalesce(sum(docs), 0) FROM sentence_terms WHERE term >= q.key AND term < q.stop) AS docs
        FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS q(key, stop, head, head_end)
    )
    SELECT 'docs', '', key, docs FROM q
    UNION ALL
    SELECT 'total', '', '', sentences FROM sentence_index_totals
    UNION ALL
    SELECT 'word', h.head, t.term, t.docs
    FROM (SELECT DISTINCT head, head_end FROM q WHERE docs = 0 AND head <> '') h
    JOIN sentence_terms t ON t.term >= h.head AND t.term < h.head_end AND t.docs > 0"""
# The candidates with their articles' rows: a LATERAL look-up by id for each (its LIMIT keeps the
# planner from joining by a scan of every article: it takes the function for 1,000 rows).
_CANDIDATES = (
    "SELECT c.*, a.* FROM sentence_candidates(?, ?, ?, ?, ?::tsquery, ?, ?, ?::bigint[], ?) c"
    " CROSS JOIN LATERAL (SELECT "
    + ", ".join(f"x.{c} AS a_{c}" for c in _ARTICLE_FIELDS)
    + " FROM articles x WHERE x.id = c.article_id LIMIT 1) a ORDER BY c.rank, c.id"
)


def _stop(term: QueryTerm) -> str:
    """The end of the range of indexed words a term covers: just past the word."""
    return term.key + "\x01"
