"""db/engines/pg_search.py against the throwaway server: the desk's candidates are the workspace file's.

The same articles are stored in a SQLite workspace (the real import path) and copied, ids kept,
into a desk (the real desk schema, db/engines/pg_schema.py's migrations); then both engines answer the
same claims. No mocks: FTS5 on one side, tsvector + GIN on the other.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from db import Workspace
from db.engines.pg_search import (
    PgSentenceSearch,
    deferred_index,
    index_article,
    index_sentences,
    index_stored,
    index_words,
    recount_index,
    tsquery,
    tsvector_literal,
)
from db.engines.postgres import PostgresEngine
from db.errors import WorkspaceClosed
from db.flows.importing import import_paths
from db.session import Session
from db.stores.articles import ArticleStore
from db.stores.audit import AuditLog
from workbench.matching.query import STOPWORDS, QueryTerm, index_terms
from workbench.matching.retrieval import CORRECTED_WEIGHT
from workbench.model import ArticleMeta, ImportItem, ItemKind

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "seeds").glob("*.txt")) + sorted(
    (ROOT / "tests" / "data" / "articles").glob("*.txt")
)

SENTENCE_COLUMNS = 'id, article_id, start, "end", text, title, terms, title_terms'

CLAIMS = [
    "Pompeo called Saleh",
    "Pompoe caled Saleh",  # typos
    "Kadhimi took office",  # a spelling variant
    "Kadhémi's office",
    "KATAEB HIZBOLLAH",
    "3,000 troops",
    "Mike Pompeo phoned Barham Saleh on Friday",
    "Alabama incest marriage now legal #BreakingNews",
    "measles vaccination campaign",
    "copper prices rose",
    "wildfire evacuations",
    "the and of it was",
    "",
]


def _sqlite_workspace() -> Workspace:
    ws = Workspace.memory()
    import_paths(ws, SOURCES)
    add = ws.articles.add
    add(ImportItem("Pompeo phoned Saleh on Monday.", ArticleMeta(title="Call", url="https://example.com/a")))
    add(ImportItem("Pompeo phoned Saleh on Tuesday.", ArticleMeta(title="Call", url="https://example.com/a")))
    add(
        ImportItem("Mike Pompeo called Barham Saleh, the Iraqi president, on Friday.", ArticleMeta(title="x"))
    )
    add(
        ImportItem(
            "Alabama legalized marriages between siblings.",
            ArticleMeta(
                title="Did Alabama Bless Incest Marriages?", url="urn:check:1", external_id="check:1"
            ),
            kind=ItemKind.STATEMENT,
        )
    )
    add(
        ImportItem(
            "Alabama legalized marriages between siblings in 1850.", ArticleMeta(title="Incest archive")
        )
    )
    return ws


def _copy_to_desk(ws: Workspace, engine: PostgresEngine) -> None:
    """The desk's own schema (its migrations, as `workbench desk init` makes it), then the
    workspace file's articles and sentences with their ids, indexed by `index_sentences`."""
    db = engine.db
    engine.migrate()
    wanted = set(db.columns("articles"))
    # superseded_by names a later article: set once every article is in (the desk's foreign key)
    columns = [c for c in ws.db.columns("articles") if c in wanted and c != "superseded_by"]
    names = ", ".join(f'"{c}"' for c in columns)
    rows = ws.db.execute(f"SELECT {names} FROM articles ORDER BY id").fetchall()
    sentences = ws.db.execute(f"SELECT {SENTENCE_COLUMNS} FROM sentences").fetchall()
    superseded = ws.db.execute("SELECT superseded_by, id FROM articles WHERE superseded_by IS NOT NULL")
    with engine.atomic():
        db.executemany(f"INSERT INTO articles ({names}) VALUES ({', '.join('?' * len(columns))})", rows)
        db.executemany("UPDATE articles SET superseded_by = ? WHERE id = ?", superseded.fetchall())
        db.executemany(
            f"INSERT INTO sentences ({SENTENCE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", sentences
        )
        index_sentences(db, [(r[0], r[4], r[5]) for r in sentences])
        db.ids_written("articles")
        db.ids_written("sentences")


@pytest.fixture
def engines(pg_database: str) -> Iterator[tuple[Workspace, PgSentenceSearch]]:
    ws = _sqlite_workspace()
    engine = PostgresEngine.connect(pg_database)
    _copy_to_desk(ws, engine)
    session = Session(engine, "test")
    yield ws, PgSentenceSearch(session, ArticleStore(session, AuditLog(session)))
    engine.close()
    ws.close()


def _planted(ws: Workspace, n: int, seed: int = 3) -> list[str]:
    """Claims made of a few content words of stored sentences, reordered, some with a typo."""
    rng = random.Random(seed)
    texts = [r[0] for r in ws.db.execute("SELECT text FROM sentences ORDER BY id").fetchall()]
    claims = []
    for text in rng.sample(texts, n):
        words = [w for w in dict.fromkeys(text.split()) if w.lower().strip(".,;:\"'()") not in STOPWORDS]
        if len(words) < 3:
            continue
        picked = rng.sample(words, min(len(words), rng.randint(2, 6)))
        long = [i for i, w in enumerate(picked) if len(w) >= 6 and w.isalpha()]
        if long and rng.random() < 0.5:
            i = rng.choice(long)
            picked[i] = picked[i][:3] + picked[i][4] + picked[i][3] + picked[i][5:]  # swap two letters
        claims.append(" ".join(picked))
    return claims


def _same_candidates(lite: list, desk: list) -> None:
    """The same sentences in the same order, with FTS5's ranks (twins tied, in id order, as FTS5 gives them)."""
    assert [h.sentence_id for h in desk] == [h.sentence_id for h in lite]
    for a, b in zip(lite, desk, strict=True):
        assert b.rank == pytest.approx(a.rank, rel=1e-12)


def _compare(ws: Workspace, desk: PgSentenceSearch, claim: str, **filters) -> int:
    lite = ws.search
    query, groups = lite.prepare(claim)
    desk_query, desk_groups = desk.prepare(claim)
    assert desk_query == query and desk_groups == groups, claim
    hits = lite.candidates(groups, **filters)
    _same_candidates(hits, desk.candidates(desk_groups, **filters))
    return len(hits)


def test_the_desk_indexes_the_terms_matching_reads(engines) -> None:
    ws, _ = engines
    assert index_words("Kadhémi's office: 3,000 troops", "Did Iraq's PM?") == [
        *index_terms("Kadhémi's office: 3,000 troops"),
        *index_terms("Did Iraq's PM?"),
    ]
    for sentence_id, text, title, terms, title_terms in ws.db.execute(
        "SELECT id, text, title, terms, title_terms FROM sentences"
    ):  # what the workspace file indexes
        assert index_words(text, title) == (terms + " " + title_terms).split(), sentence_id
    assert tsvector_literal(["a", "b", "a", "it's"]) == "'a':1,3 'b':2 'it''s':4"
    plan = [(QueryTerm("troops", "troop"),), (QueryTerm("iraq", "iraq"), QueryTerm("pm", "pm"))]
    assert tsquery(plan) == "('troop') | ('iraq' & 'pm')"


def test_statistics_equal_the_workspace_files(engines) -> None:
    ws, desk = engines
    assert desk.total() == ws.search.total() > 100
    terms = [QueryTerm(w, w) for w in ("pompeo", "saleh", "measl", "nowher", "troop", "call")]
    assert desk.doc_freq(terms) == ws.search.doc_freq(terms)
    assert desk.doc_freq(terms)["nowher"] == 0


def test_candidates_equal_for_written_claims(engines) -> None:
    ws, desk = engines
    found = [_compare(ws, desk, claim) for claim in CLAIMS]
    assert sum(1 for n in found if n) >= 9  # most claims find something (the stopwords and "" nothing)


def test_candidates_equal_for_planted_claims(engines) -> None:
    ws, desk = engines
    claims = _planted(ws, 60)
    assert len(claims) >= 40
    found = [_compare(ws, desk, claim) for claim in claims]
    assert sum(1 for n in found if n) >= 0.9 * len(claims)


def test_typos_are_corrected_to_the_same_words(engines) -> None:
    ws, desk = engines
    for word in ("pompoe", "caled", "kadhimi", "hizbolah", "measels"):
        term = QueryTerm(word, word)
        assert desk.corrected(term) == ws.search.corrected(term), word
    assert desk.corrected(QueryTerm("pompoe", "pompoe")).key == "pompeo"
    assert ws.search.corrected(QueryTerm("pompoe", "pompoe")).weight == CORRECTED_WEIGHT < 1.0  # a guess
    found = desk.match("Pompoe caled Saleh")[0]
    assert "Pompeo" in found.text and found == ws.search.match("Pompoe caled Saleh")[0]


def test_excluded_and_superseded_articles_are_left_out_alike(engines) -> None:
    ws, desk = engines
    _compare(ws, desk, "Pompeo called Saleh", exclude_articles=ws.articles.versions(1))
    _compare(ws, desk, "Pompeo phoned Saleh")
    _compare(ws, desk, "Pompeo phoned Saleh", current_only=False)
    first, second = ws.db.execute("SELECT id FROM articles WHERE url = 'https://example.com/a' ORDER BY id")
    ids = {r.article_id for r in desk.match("Pompeo phoned Saleh")}
    assert second[0] in ids and first[0] not in ids
    assert [r.article_id for r in desk.match("Pompeo called Saleh", exclude_article=1)] == [
        r.article_id for r in ws.search.match("Pompeo called Saleh", exclude_article=1)
    ]


def test_match_results_equal(engines) -> None:
    ws, desk = engines
    for claim in [*CLAIMS, *_planted(ws, 20, seed=11)]:
        lite = [(r.sentence_id, r.score, r.relation, r.shared_terms) for r in ws.search.match(claim)]
        assert [(r.sentence_id, r.score, r.relation, r.shared_terms) for r in desk.match(claim)] == lite, (
            claim
        )
    (result,) = [r for r in desk.match("Alabama incest marriage now legal") if r.extra["external_id"]]
    assert (
        result.article_url == "urn:check:1" and result.text == "Alabama legalized marriages between siblings."
    )


def test_the_counts_follow_deletes_and_title_changes(engines) -> None:
    ws, desk = engines
    db = desk.db
    total = desk.total()
    bless = [QueryTerm("bless", "bless")]
    assert desk.doc_freq(bless) == {"bless": 1}
    (statement,) = db.execute("SELECT id FROM articles WHERE kind = 'statement'").fetchone()
    db.execute(  # as ArticleStore.update writes a statement's new title (the index reads title_terms)
        "UPDATE sentences SET title = 'Sanctioned unions', title_terms = ? WHERE article_id = ?",
        [" ".join(index_terms("Sanctioned unions")), statement],
    )
    assert index_article(db, statement) == 1
    assert desk.doc_freq(bless) == {"bless": 0}
    assert desk.doc_freq([QueryTerm("sanctioned", "sanction")]) == {"sanction": 1}
    assert desk.corrected(QueryTerm("sanctoin", "sanctoin")).key == "sanction"
    assert desk.corrected(QueryTerm("blesss", "blesss")) is None  # "bless" is in no sentence now
    sentences = db.execute("SELECT count(*) FROM sentences WHERE article_id = 1").fetchone()[0]
    db.execute("DELETE FROM articles WHERE id = 1")  # the index rows go by cascade, the counts by trigger
    assert desk.total() == total - sentences
    assert desk.doc_freq([QueryTerm("pompeo", "pompeo")]) == {"pompeo": 3}
    recount = db.execute("SELECT count(*), coalesce(sum(length), 0) FROM sentence_index").fetchone()
    assert tuple(db.execute("SELECT sentences, words FROM sentence_index_totals").fetchone()) == tuple(
        recount
    )
    drift = db.execute(
        """SELECT count(*) FROM sentence_terms t FULL JOIN (
               SELECT w, count(*) AS n FROM sentence_index, unnest(tsvector_to_array(terms)) AS w GROUP BY w
           ) c ON c.w = t.term WHERE coalesce(t.docs, 0) <> coalesce(c.n, 0)"""
    ).fetchone()[0]
    assert drift == 0
    db.execute("UPDATE sentence_terms SET docs = 99 WHERE term = 'saleh'")  # a hand edit
    db.execute("UPDATE sentence_index_totals SET words = 0")
    recount_index(db)
    assert desk.doc_freq([QueryTerm("saleh", "saleh")]) == {"saleh": 3}
    assert tuple(db.execute("SELECT sentences, words FROM sentence_index_totals").fetchone()) == tuple(
        recount
    )


def test_a_closed_desk_says_so(engines) -> None:
    _, desk = engines
    desk.session.engine.close()
    with pytest.raises(WorkspaceClosed):
        desk.match("Pompeo")


class _Counting:
    """The desk's connection, counting the statements sent (each one round trip to the server)."""

    def __init__(self, db) -> None:
        self.inner, self.sent = db, 0

    def execute(self, *args):
        self.sent += 1
        return self.inner.execute(*args)

    def query(self, *args):
        self.sent += 1
        return self.inner.query(*args)


def test_a_match_asks_the_server_twice_typos_included(engines) -> None:
    ws, desk = engines
    counting = desk.db = _Counting(desk.db)
    for claim in ("Pompoe caled Saleh", "Mike Pompeo phoned Barham Saleh on Friday"):
        counting.sent = 0
        results = desk.match(claim)
        assert counting.sent == 2, claim  # word counts (with typo words and total), candidates with articles
        assert [(r.sentence_id, r.score, r.article_url) for r in results] == [
            (r.sentence_id, r.score, r.article_url) for r in ws.search.match(claim)
        ]
    counting.sent = 0
    assert desk.total() == ws.search.total() and counting.sent == 1  # outside a match: asked each time
    assert desk.indexed_words("pom") == ["pompeo"] and counting.sent == 2


def _index_rows(db) -> list[tuple]:
    return [
        tuple(r) for r in db.execute("SELECT sentence_id, terms::text, length FROM sentence_index ORDER BY 1")
    ]


def test_the_stored_terms_index_as_the_texts_do(engines) -> None:
    ws, desk = engines
    db = desk.db
    before = _index_rows(db)
    rows = db.execute("SELECT id, terms, title_terms FROM sentences ORDER BY id").fetchall()
    assert index_stored(db, [(r[0], r[1], r[2]) for r in rows]) == len(rows) == len(before)
    assert _index_rows(db) == before  # (the fixture indexed them from their texts with index_sentences)


def test_a_batch_indexes_its_articles_once_at_its_end(engines) -> None:
    ws, desk = engines
    db = desk.db
    pompeo = [QueryTerm("pompeo", "pompeo")]
    (before,) = desk.doc_freq(pompeo).values()
    total = desk.total()

    def store(text: str, noted: bool = True) -> int:
        (article_id,) = db.execute(
            "INSERT INTO articles (text, text_hash, imported_at) VALUES (?, md5(?), '') RETURNING id",
            [text, text],
        ).fetchone()
        db.execute(
            'INSERT INTO sentences (article_id, start, "end", text, terms) VALUES (?, 0, ?, ?, ?)',
            [article_id, len(text), text, " ".join(index_terms(text))],
        )
        assert index_article(db, article_id) == (0 if noted else 1)  # in a batch: noted, not yet indexed
        return article_id

    with db.atomic(), deferred_index(db):
        store("Pompeo spoke.")
        with deferred_index(db):  # a batch inside a batch is the same batch
            store("Pompeo spoke again.")
        with pytest.raises(ZeroDivisionError), db.atomic():  # an article rolled back: nothing to index
            store("Pompeo never spoke.")
            raise ZeroDivisionError
        assert desk.doc_freq(pompeo) == {"pompeo": before} and desk.total() == total
    assert desk.doc_freq(pompeo) == {"pompeo": before + 2} and desk.total() == total + 2
    store("Pompeo, after the batch.", noted=False)
    assert desk.doc_freq(pompeo) == {"pompeo": before + 3}
