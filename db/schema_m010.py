"""Migration 10 (issue 15): the sentence index holds Snowball stems, the terms matching counts.

1. `sentences` gets two columns, `terms` and `title_terms`: the index terms of the sentence's text
   and of its statement's title (`workbench.matching.index_text`: folded content words, stopwords
   out, English Snowball stems through PyStemmer). Every writer of `sentences` in the workbench
   fills them (db/stores/articles.py); this migration fills them for sentences stored before.
2. The FTS5 index `sentences_fts` is made again over those two columns, declared exactly as
   sqlite-utils' `enable_fts(["terms", "title_terms"], create_triggers=True)` declares it (still
   `content="sentences"`, so Datasette finds it; a search there is by stem: `_search=troop`), and
   rebuilt. Query, index and rerank now use the same terms; no prefix queries any more.
3. A sentence another program edits or inserts without terms (SQLite itself cannot stem) is queued
   in `sentences_restem` by a trigger; the workbench restems the queue the next time it opens the
   workspace for writing (`restem_queued`), and the index follows through the triggers. Until
   then such a sentence is found by its old terms.

To port for PostgreSQL (issue 12, the desk): the same two columns filled by the same function in
Python, a tsvector over them ('simple' configuration: the terms are already stemmed), no queue
(every writer there goes through the workbench).
"""

from __future__ import annotations

from sqlite_utils import Database

TOKENIZE = "unicode61 remove_diacritics 2"  # the terms are folded already; unicode61 splits them on spaces
FTS_TABLE = """CREATE VIRTUAL TABLE "sentences_fts" USING FTS5 (
    "terms", "title_terms",
    tokenize='unicode61 remove_diacritics 2',
    content="sentences"
)"""
FTS_TRIGGERS = (
    """CREATE TRIGGER "sentences_ai" AFTER INSERT ON "sentences" BEGIN
  INSERT INTO "sentences_fts" (rowid, "terms", "title_terms") VALUES (new.rowid, new."terms", new."title_terms");
END""",
    """CREATE TRIGGER "sentences_ad" AFTER DELETE ON "sentences" BEGIN
  INSERT INTO "sentences_fts" ("sentences_fts", rowid, "terms", "title_terms") VALUES('delete', old.rowid, old."terms", old."title_terms");
END""",
    """CREATE TRIGGER "sentences_au" AFTER UPDATE ON "sentences" BEGIN
  INSERT INTO "sentences_fts" ("sentences_fts", rowid, "terms", "title_terms") VALUES('delete', old.rowid, old."terms", old."title_terms");
  INSERT INTO "sentences_fts" (rowid, "terms", "title_terms") VALUES (new.rowid, new."terms", new."title_terms");
END""",
)
RESTEM = (
    "CREATE TABLE IF NOT EXISTS sentences_restem (id INTEGER PRIMARY KEY)",
    # another program changed a sentence's text (or a statement's title) but not its terms
    """CREATE TRIGGER IF NOT EXISTS sentences_restem_au AFTER UPDATE OF text, title ON sentences
  WHEN new.terms IS old.terms AND (new.text IS NOT old.text OR new.title IS NOT old.title) BEGIN
  INSERT OR IGNORE INTO sentences_restem (id) VALUES (new.id);
END""",
    # ...or inserted one without terms
    """CREATE TRIGGER IF NOT EXISTS sentences_restem_ai AFTER INSERT ON sentences
  WHEN new.terms = '' AND new.text != '' BEGIN
  INSERT OR IGNORE INTO sentences_restem (id) VALUES (new.id);
END""",
)
BATCH = 5_000


def migrate(db: Database) -> None:
    for trigger in ("sentences_ai", "sentences_ad", "sentences_au"):
        db.execute(f'DROP TRIGGER IF EXISTS "{trigger}"')
    db.execute("DROP TABLE IF EXISTS sentences_fts")
    columns = {c.name for c in db["sentences"].columns}
    for column in ("terms", "title_terms"):
        if column not in columns:
            db.execute(f"ALTER TABLE sentences ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")
    _fill(db, "SELECT id, text, title FROM sentences")
    db.execute(FTS_TABLE)
    db.execute("INSERT INTO sentences_fts (sentences_fts) VALUES ('rebuild')")
    for statement in FTS_TRIGGERS + RESTEM:
        db.execute(statement)


def _fill(db: Database, select: str, params: list | None = None) -> int:
    """Write the terms of the sentences `select` gives (id, text, title); how many."""
    from workbench.matching.query import index_text

    titles: dict[str, str] = {}
    done = 0
    cursor = db.conn.execute(select, params or [])
    while rows := cursor.fetchmany(BATCH):
        updates = []
        for sentence_id, text, title in rows:
            if title and title not in titles:
                titles[title] = index_text(title)
            updates.append((index_text(text), titles.get(title, "") if title else "", sentence_id))
        db.conn.executemany("UPDATE sentences SET terms = ?, title_terms = ? WHERE id = ?", updates)
        done += len(updates)
    return done


def restem_queued(db: Database) -> int:
    """Restem the sentences other programs changed (queued by the triggers above); how many."""
    if not db.execute("SELECT 1 FROM sentences_restem LIMIT 1").fetchone():
        return 0
    with db.atomic():
        ids = [r[0] for r in db.execute("SELECT id FROM sentences_restem")]
        done = _fill(
            db, "SELECT id, text, title FROM sentences WHERE id IN (SELECT id FROM sentences_restem)"
        )
        db.execute("DELETE FROM sentences_restem")
    return done if ids else 0
