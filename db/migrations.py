"""Numbered schema migrations, tracked in `PRAGMA user_version`.

Each `@migration` function takes the sqlite-utils `Database` and runs inside one transaction
together with the `user_version` bump, so a crash leaves the workspace at the previous version.
Never edit a migration that has shipped: add the next number.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

Migration = Callable[[Database], None]
MIGRATIONS: list[Migration] = []


class MigrationError(RuntimeError):
    """A migration could not be applied; the workspace stays at the previous version."""


def migration(fn: Migration) -> Migration:
    """Register `fn` as the next migration; its name must be m00N with N its number."""
    expected = f"m{len(MIGRATIONS) + 1:03d}"
    if not fn.__name__.startswith(expected):
        raise ValueError(f"migration {fn.__name__} registered out of order (expected {expected}_...)")
    MIGRATIONS.append(fn)
    return fn


def rebuilds_tables(fn: Migration) -> Migration:
    """Mark a migration that rebuilds tables (SQLite's way to add a CHECK constraint).

    It runs with foreign keys off, as https://sqlite.org/lang_altertable.html#otheralter says:
    with them on, dropping the old `claims` would cascade and delete every note and match. The
    pragma cannot change inside a transaction, so `apply` sets it around the migration's
    transaction and checks before COMMIT that the rebuild broke no reference.
    """
    fn.rebuilds_tables = True  # type: ignore[attr-defined]
    return fn


def latest_version() -> int:
    return len(MIGRATIONS)


def current_version(db: Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def pending(db: Database) -> list[Migration]:
    return MIGRATIONS[current_version(db) :]


def apply(db: Database) -> list[str]:
    """Apply every pending migration, each in its own transaction. Returns their names."""
    applied = []
    for number, fn in enumerate(MIGRATIONS, 1):
        if number <= current_version(db):
            continue
        if getattr(fn, "rebuilds_tables", False):
            _apply_rebuild(db, fn, number)
        else:
            with db.atomic():
                fn(db)
                db.execute(f"PRAGMA user_version = {number}")
        applied.append(fn.__name__)
    return applied


def _apply_rebuild(db: Database, fn: Migration, number: int) -> None:
    foreign_keys = db.execute("PRAGMA foreign_keys").fetchone()[0]
    broken_before = len(db.execute("PRAGMA foreign_key_check").fetchall())
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        with db.atomic():
            fn(db)
            broken = db.execute("PRAGMA foreign_key_check").fetchall()
            if len(broken) > broken_before:
                raise MigrationError(
                    f"{fn.__name__} would break {len(broken) - broken_before} references "
                    f"(first: {tuple(broken[0])}); nothing was changed"
                )
            db.execute(f"PRAGMA user_version = {number}")
    finally:
        db.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")


@migration
def m001_initial(db: Database) -> None:
    for statement in _M001:
        db.execute(statement)


_M001 = [
    """
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL DEFAULT 'article',
        title TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '',
        date TEXT NOT NULL DEFAULT '',
        dateline TEXT NOT NULL DEFAULT '',
        agency TEXT NOT NULL DEFAULT '',
        publisher TEXT NOT NULL DEFAULT '',
        verdict TEXT NOT NULL DEFAULT '',
        external_id TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        text_hash TEXT NOT NULL,
        origin_path TEXT NOT NULL DEFAULT '',
        encoding TEXT NOT NULL DEFAULT '',
        imported_at TEXT NOT NULL,
        version_of INTEGER REFERENCES articles(id),
        superseded_by INTEGER REFERENCES articles(id),
        wire_group INTEGER,
        signed_off_by TEXT NOT NULL DEFAULT '',
        signed_off_at TEXT NOT NULL DEFAULT '',
        sign_off_comment TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX idx_articles_hash ON articles(text_hash)",
    "CREATE INDEX idx_articles_url ON articles(url)",
    "CREATE INDEX idx_articles_kind ON articles(kind, superseded_by)",
    """
    CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        article_id INTEGER REFERENCES articles(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        aliases TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX idx_sources_name ON sources(name COLLATE NOCASE)",
    "CREATE INDEX idx_sources_article ON sources(article_id)",
    """
    CREATE TABLE claims (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL DEFAULT 'statement',
        status TEXT NOT NULL DEFAULT 'unchecked',
        origin TEXT NOT NULL DEFAULT 'manual',
        numbers TEXT NOT NULL DEFAULT '[]',
        prefix TEXT NOT NULL DEFAULT '',
        suffix TEXT NOT NULL DEFAULT '',
        orphan INTEGER NOT NULL DEFAULT 0,
        reviewer TEXT NOT NULL DEFAULT '',
        review TEXT NOT NULL DEFAULT '',
        review_comment TEXT NOT NULL DEFAULT '',
        created_by TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL DEFAULT '',
        updated_by TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL DEFAULT '',
        CHECK (start >= 0 AND "end" >= start)
    )""",
    "CREATE INDEX idx_claims_article ON claims(article_id, start)",
    "CREATE INDEX idx_claims_status ON claims(status)",
    """
    CREATE TABLE attributions (
        id INTEGER PRIMARY KEY,
        claim_id INTEGER NOT NULL UNIQUE REFERENCES claims(id) ON DELETE CASCADE,
        source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,
        phrase TEXT NOT NULL DEFAULT '',
        source_start INTEGER,
        source_end INTEGER,
        cue TEXT NOT NULL DEFAULT '',
        cue_start INTEGER,
        cue_end INTEGER,
        via TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL DEFAULT 'agency'
    )""",
    "CREATE INDEX idx_attributions_source ON attributions(source_id)",
    """
    CREATE TABLE notes (
        id INTEGER PRIMARY KEY,
        claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
        body TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '',
        quote TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX idx_notes_claim ON notes(claim_id)",
    """
    CREATE TABLE sentences (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL
    )""",
    "CREATE INDEX idx_sentences_article ON sentences(article_id, start)",
    # External-content FTS5 index: the text lives once, in `sentences`. Diacritics are folded so
    # "Kadhimi" finds "Kadhimí"; the index is kept in step by the writes in db/stores/articles.py.
    """
    CREATE VIRTUAL TABLE sentences_fts USING fts5(
        text, content='sentences', content_rowid='id',
        tokenize="unicode61 remove_diacritics 2"
    )""",
    """
    CREATE TABLE matches (
        id INTEGER PRIMARY KEY,
        claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        sentence_id INTEGER,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        score REAL NOT NULL DEFAULT 0,
        relation TEXT NOT NULL DEFAULT 'unrelated',
        link TEXT NOT NULL DEFAULT '',
        reasons TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX idx_matches_claim ON matches(claim_id)",
    """
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user TEXT NOT NULL DEFAULT '',
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id INTEGER,
        article_id INTEGER,
        claim_id INTEGER,
        field TEXT NOT NULL DEFAULT '',
        old TEXT,
        new TEXT
    )""",
    "CREATE INDEX idx_audit_claim ON audit(claim_id)",
    "CREATE INDEX idx_audit_article ON audit(article_id)",
    # The audit log is append-only: the database itself refuses to change or remove an entry.
    """CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    """CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    """
    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
]


@migration
def m002_claim_versions(db: Database) -> None:
    # When an article gets a new version, each claim is copied onto it re-anchored (db/flows/reanchor.py):
    # `previous_id` points at the copy on the older version (its text and span as they were), and
    # `anchor_confidence` says how sure the re-anchoring was (1.0 exact; NULL for a claim made here).
    db.execute("ALTER TABLE claims ADD COLUMN previous_id INTEGER REFERENCES claims(id) ON DELETE SET NULL")
    db.execute("ALTER TABLE claims ADD COLUMN anchor_confidence REAL")
    db.execute("CREATE INDEX idx_claims_previous ON claims(previous_id)")


@migration
def m003_wire_keys(db: Database) -> None:
    # Wire-copy grouping (db/stores/matches.py::assign_wire_group): a 64-bit key per long sentence of each
    # article, so that finding the articles sharing sentences with a new one is an index lookup.
    db.execute(
        """CREATE TABLE wire_keys (
            key INTEGER NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            PRIMARY KEY (key, article_id)
        ) WITHOUT ROWID"""
    )
    db.execute("CREATE INDEX idx_wire_keys_article ON wire_keys(article_id)")
    db.execute("CREATE INDEX idx_articles_wire_group ON articles(wire_group)")
    # Finding the previous version of an article by title (db/stores/articles.py::_previous_version)
    # otherwise scans every article: measured 5 ms an import at 4,000 articles.
    db.execute("CREATE INDEX idx_articles_title ON articles(title)")


@migration
def m004_statement_titles(db: Database) -> None:
    # A stored statement's title (a fact-check's headline) is searchable with its sentences: each
    # sentence row of a statement carries the title, and the FTS5 index gets a `title` column
    # (db/stores/search.py weighs it with bm25 column weights). FTS5 cannot add a column: the index is
    # made again from `sentences`.
    db.execute("ALTER TABLE sentences ADD COLUMN title TEXT NOT NULL DEFAULT ''")
    db.execute(
        """UPDATE sentences SET title = (SELECT a.title FROM articles a WHERE a.id = sentences.article_id)
           WHERE article_id IN (SELECT id FROM articles WHERE kind = 'statement' AND title != '')"""
    )
    db.execute("DROP TABLE sentences_fts")
    db.execute(
        """CREATE VIRTUAL TABLE sentences_fts USING fts5(
            text, title, content='sentences', content_rowid='id',
            tokenize="unicode61 remove_diacritics 2"
        )"""
    )
    db.execute("INSERT INTO sentences_fts (sentences_fts) VALUES ('rebuild')")


@migration
def m005_match_relations(db: Database) -> None:
    # Issue 5, round 3: a match's relation now says whether the sentence agrees in words as well as
    # in numbers (workbench/matching/relation.py), and only `agree` corroborates. Matches stored earlier were
    # `unrelated` without numbers; their relation and reasons are worked out again (unreviewed
    # matches only: a person's link decides the others). Term weights are 1 here (no index look-up).
    import json

    from workbench.matching.rerank import explain

    rows = db.execute(
        "SELECT m.id, c.text, m.text FROM matches m JOIN claims c ON c.id = m.claim_id WHERE m.link = ''"
    ).fetchall()
    for match_id, claim, sentence in rows:
        reasons = explain(claim, sentence)
        db.execute(
            "UPDATE matches SET relation = ?, reasons = ? WHERE id = ?",
            [reasons.relation.value, json.dumps(reasons.to_json(), ensure_ascii=False), match_id],
        )


@migration
@rebuilds_tables
def m006_standards(db: Database) -> None:
    # Issue 14: CHECK constraints on every enumerated column (out-of-range values repaired to a safe
    # value first, each with an audit entry), the sentence index declared as sqlite-utils'
    # enable_fts declares it and kept in step by triggers, three views for desk editors, ISO dates.
    # The details and the reasons are in db/schema_m006.py.
    import datetime as dt

    from db import schema_m006

    schema_m006.migrate(db, dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"))


@migration
def m007_claim_worth(db: Database) -> None:
    # Issue 17: every claim carries its check-worthiness, 0-100, and the reasons (rule, points, text)
    # that decided it (workbench/extraction/worth.py). Claims stored before this version get theirs
    # computed here from the article text, the same function the engine runs; NULL stays possible
    # for rows written by other tools (read as "not scored": never hidden).
    from db.stores.claim_worth import rescore

    columns = {c.name for c in db["claims"].columns}
    if "worth" not in columns:
        db.execute(
            "ALTER TABLE claims ADD COLUMN worth INTEGER CHECK (worth IS NULL OR worth BETWEEN 0 AND 100)"
        )
    if "worth_reasons" not in columns:
        db.execute("ALTER TABLE claims ADD COLUMN worth_reasons TEXT NOT NULL DEFAULT '[]'")
    db.execute("CREATE INDEX IF NOT EXISTS idx_claims_worth ON claims(article_id, worth)")
    rescore(db)
    # The desk views count what the reports show: weak proposals left out (db/schema_m007.py).
    from db import schema_m007

    for name in schema_m007.NAMES:
        db.execute(f"DROP VIEW IF EXISTS {name}")
    for statement in schema_m007.views():
        db.execute(statement)


VERSIONED_TABLES = ("articles", "sources", "claims", "attributions", "notes", "matches")


@migration
def m008_row_versions(db: Database) -> None:
    # Issue 12 item 5, no lost update: every row a person edits carries a version, 1 when written and
    # bumped by each edit through `UPDATE … SET version = version + 1 WHERE id = ? AND version = ?`
    # (db/stores/versions.py). An edit made from a stale view finds no row at the version it saw and is
    # refused (db.errors.StaleEdit). Plain ALTER TABLE: the same statement runs on PostgreSQL.
    for table in VERSIONED_TABLES:
        if "version" not in {c.name for c in db[table].columns}:
            db.execute(f"ALTER TABLE {table} ADD COLUMN version INTEGER NOT NULL DEFAULT 1")


@migration
def m009_no_derived_titles_in_the_index(db: Database) -> None:
    # Issue 15: a statement stored without a title was given its first words as one, and that title
    # was indexed with every sentence of the statement, so each of them matched a query about the
    # first. The index no longer takes a derived title (ArticleStore._index); this clears it from
    # statements indexed before. The full-text index follows through the sentences triggers. The
    # article keeps its title for display.
    from workbench.text.importers import short_title

    rows = db.execute(
        "SELECT id, title, text FROM articles WHERE kind = 'statement' AND coalesce(title, '') != ''"
    ).fetchall()
    derived = [article_id for article_id, title, text in rows if title == short_title(text)]
    for article_id in derived:
        db.execute("UPDATE sentences SET title = '' WHERE article_id = ? AND title != ''", [article_id])


@migration
def m010_stemmed_index(db: Database) -> None:
    # Issue 15: the sentence index holds the terms matching counts (English Snowball stems of the
    # content words, workbench.matching.index_text) in two new columns, `terms` and `title_terms`;
    # the FTS5 index is made again over them and rebuilt. Details in db/schema_m010.py.
    from db import schema_m010

    schema_m010.migrate(db)


@migration
def m011_attribution_unsure(db: Database) -> None:
    # Issue 13 item 1: the engine resolves "he" / "the senator" to an entity and says when that rests
    # on weak evidence (a close rival, an unknown gender). The flag is stored with the attribution so
    # the checker sees it; a person who sets the attribution clears it. Plain ALTER TABLE (PostgreSQL too).
    if "unsure" not in {c.name for c in db["attributions"].columns}:
        db.execute(
            "ALTER TABLE attributions ADD COLUMN unsure INTEGER NOT NULL DEFAULT 0 CHECK (unsure IN (0, 1))"
        )


@migration
def m012_change_notices(db: Database) -> None:
    """Nothing to do in a workspace file. On a desk, migration 12 adds the triggers that NOTIFY a
    window of others' changes (db/engines/pg_schema.py `_m012_statements`); a file's window learns of
    them from `PRAGMA data_version`, which SQLite keeps without any schema. The number is taken here
    too so both engines stay at one schema number (tests/test_desk.py)."""


# Issue 12 item 6: history copied from another workspace (`workbench desk push` / `pull`, db/flows/transfer.py)
# keeps who wrote it and when there. `user` and `at` stay the copy's own (on a desk `user` is the server's
# session user: who vouches for the copy); `origin_user` and `origin_at` are the entry's author and time in
# the workspace it came from ("" for an entry written here). The log stays append-only.
AUDIT_ORIGIN_COLUMNS = ("origin_user", "origin_at")


@migration
def m013_audit_origin(db: Database) -> None:
    columns = {c.name for c in db["audit"].columns}
    for name in AUDIT_ORIGIN_COLUMNS:
        if name not in columns:
            db.execute(f"ALTER TABLE audit ADD COLUMN {name} TEXT NOT NULL DEFAULT ''")
