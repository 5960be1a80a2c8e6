"""Migration 6 (issue 14): the workspace as a good citizen of the SQLite ecosystem.

1. Out-of-range values in enumerated columns (written by hand or by another program: `status =
   'False'`) are repaired first: each becomes the column's safe value (`DEFAULT`) and the audit log
   records the repair (action `repair`, user `migration m006`, old and new value). Nothing is
   refused: a workspace must still open, and the log keeps what was there.
2. Every table with an enumerated column is rebuilt with CHECK constraints (SQLite cannot add one to
   an existing table). The new table is the stored CREATE TABLE text with the constraints appended,
   so columns added by earlier migrations stay exactly as they were; indexes are made again.
3. The sentence index is declared the way sqlite-utils' `Table.enable_fts(..., create_triggers=True)`
   declares it (`content="sentences"`, which is what Datasette's FTS detection looks for) and kept in
   step with `sentences` by the three triggers it creates; no code writes the index by hand any more.
4. Three views for desk editors (docs/workspace.md): `claims_by_source_kind`, `anonymous_claims`,
   `article_sourcing`.
5. `articles.encoding_note`: why the encoding an article was read with is a guess ("" when sure).
6. Article dates stored in other forms ("Tue, 05 Mar 2024 10:00:00 GMT") become ISO 8601, audited.

The value lists are written out here (a migration never changes once shipped);
tests/test_workspace_standards.py checks that they equal the enums in workbench/model.py, so a new
enum value cannot be added without a migration that widens its CHECK.

SQLite-specific, to port for PostgreSQL: the FTS5 table and its triggers (tsvector there), and the
rebuild-to-add-CHECK dance (ALTER TABLE ... ADD CONSTRAINT there). The views are standard SQL.
"""

from __future__ import annotations

import re

from sqlite_utils import Database

ITEM_KINDS = ("article", "statement")
SOURCE_KINDS = ("named", "anonymous", "institution", "document", "agency")
CLAIM_KINDS = ("quantity", "event", "quote", "statement")
STATUSES = ("unchecked", "in_progress", "verified", "false", "misleading", "unverifiable")
ORIGINS = ("proposed", "accepted", "rejected", "manual")
REVIEWS = ("", "approved", "query")
RELATIONS = ("agree", "conflict", "unrelated")
LINKS = ("", "corroborates", "contradicts", "same_claim")

# table -> column -> (allowed values, the safe value an out-of-range one becomes)
ENUMERATED: dict[str, dict[str, tuple[tuple[str, ...], str]]] = {
    "articles": {"kind": (ITEM_KINDS, "article")},
    "sources": {"kind": (SOURCE_KINDS, "anonymous")},  # unknown kind: treated as the one to look at
    "claims": {
        "kind": (CLAIM_KINDS, "statement"),
        "status": (STATUSES, "unchecked"),  # an unknown verdict is no verdict
        "origin": (ORIGINS, "manual"),  # a person's claim: never replaced by re-extraction
        "review": (REVIEWS, ""),
    },
    "attributions": {"kind": (SOURCE_KINDS, "anonymous")},
    "matches": {"relation": (RELATIONS, "unrelated"), "link": (LINKS, "")},
}
BOOLEAN = {"claims": ("orphan",)}
REPAIR_USER = "migration m006"


def migrate(db: Database, now: str) -> None:
    """Run the whole migration inside the caller's transaction (foreign keys off: see migrations.py)."""
    # The import summary's "encoding unsure: read as cp1251; it could also be cp1252" stays with the article.
    columns = {row[1] for row in db.execute("PRAGMA table_info(articles)").fetchall()}
    if "encoding_note" not in columns:  # (a test rolls a workspace back to an older version by hand)
        db.execute("ALTER TABLE articles ADD COLUMN encoding_note TEXT NOT NULL DEFAULT ''")
    _repair_values(db, now)
    _drop_views(db)
    for table in ENUMERATED:
        _rebuild_with_checks(db, table)
    _reindex_sentences(db)
    for statement in VIEWS:
        db.execute(statement)
    _normalise_dates(db, now)


def check_clauses(table: str) -> list[str]:
    """The CHECK constraints of `table`, one clause each."""
    clauses = []
    for column, (values, _) in ENUMERATED.get(table, {}).items():
        listed = ", ".join(_quote(v) for v in values)
        clauses.append(f'CONSTRAINT {table}_{column}_valid CHECK ("{column}" IN ({listed}))')
    for column in BOOLEAN.get(table, ()):
        clauses.append(f'CONSTRAINT {table}_{column}_valid CHECK ("{column}" IN (0, 1))')
    return clauses


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _audit(db: Database, now: str, table: str, row_id: int, field: str, old: object, new: object) -> None:
    entity = {"articles": "article", "sources": "source", "claims": "claim", "attributions": "attribution"}
    entity_name = entity.get(table, table.rstrip("s"))
    claim_id = article_id = None
    if table == "claims":
        claim_id = row_id
        row = db.execute("SELECT article_id FROM claims WHERE id = ?", [row_id]).fetchone()
        article_id = row[0] if row else None
    elif table == "articles":
        article_id = row_id
    elif table in ("attributions", "matches"):
        row = db.execute(
            f"SELECT c.id, c.article_id FROM {table} t JOIN claims c ON c.id = t.claim_id WHERE t.id = ?",
            [row_id],
        ).fetchone()
        claim_id, article_id = (row[0], row[1]) if row else (None, None)
    db.execute(
        "INSERT INTO audit (at, user, action, entity, entity_id, article_id, claim_id, field, old, new) "
        "VALUES (?, ?, 'repair', ?, ?, ?, ?, ?, ?, ?)",
        [now, REPAIR_USER, entity_name, row_id, article_id, claim_id, field, _text(old), _text(new)],
    )


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _repair_values(db: Database, now: str) -> None:
    for table, columns in ENUMERATED.items():
        for column, (values, safe) in columns.items():
            marks = ", ".join("?" for _ in values)
            bad = db.execute(
                f'SELECT id, "{column}" FROM {table} WHERE "{column}" IS NULL OR "{column}" NOT IN ({marks})',
                list(values),
            ).fetchall()
            for row_id, old in bad:
                db.execute(f'UPDATE {table} SET "{column}" = ? WHERE id = ?', [safe, row_id])
                _audit(db, now, table, row_id, column, old, safe)
    for table, columns in BOOLEAN.items():
        for column in columns:
            bad = db.execute(
                f'SELECT id, "{column}" FROM {table} WHERE "{column}" IS NULL OR "{column}" NOT IN (0, 1)'
            ).fetchall()
            for row_id, old in bad:
                new = 1 if old not in (None, "", "0", 0) else 0
                db.execute(f'UPDATE {table} SET "{column}" = ? WHERE id = ?', [new, row_id])
                _audit(db, now, table, row_id, column, old, new)


def _drop_views(db: Database) -> None:
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'view'").fetchall():
        db.execute(f'DROP VIEW "{name}"')


def _rebuild_with_checks(db: Database, table: str) -> None:
    """SQLite's documented way to change a table's constraints: make the new table, copy, swap."""
    sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).fetchone()[0]
    if all(clause.split(" CHECK")[0] in sql for clause in check_clauses(table)):
        return  # already there (a workspace rolled back to an older version by hand, in tests)
    indexes = [
        row[0]
        for row in db.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", [table]
        ).fetchall()
    ]
    triggers = [
        row[0]
        for row in db.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", [table]
        ).fetchall()
    ]
    head = re.match(r'\s*CREATE\s+TABLE\s+(?:"[^"]+"|\[[^\]]+\]|\w+)\s*\(', sql, re.IGNORECASE)
    if head is None or not sql.rstrip().endswith(")"):
        raise ValueError(f"cannot read the definition of table {table}: {sql[:80]}")
    body = sql[head.end() : sql.rstrip().rfind(")")].rstrip()
    new = f"{table}__m006"
    db.execute(f'CREATE TABLE "{new}" ({body.rstrip()},\n    ' + ",\n    ".join(check_clauses(table)) + "\n)")
    db.execute(f'INSERT INTO "{new}" SELECT * FROM "{table}"')
    db.execute(f'DROP TABLE "{table}"')
    db.execute(f'ALTER TABLE "{new}" RENAME TO "{table}"')
    for statement in indexes + triggers:
        db.execute(statement)


# What sqlite-utils `db["sentences"].enable_fts(["text", "title"], tokenize=TOKENIZE,
# create_triggers=True)` writes, as statements (it runs them with executescript, which would commit
# the migration's transaction half-way). tests/test_workspace_standards.py compares the two.
TOKENIZE = "unicode61 remove_diacritics 2"  # "Kadhimi" finds "Kadhimí"
FTS_TABLE = """CREATE VIRTUAL TABLE "sentences_fts" USING FTS5 (
    "text", "title",
    tokenize='unicode61 remove_diacritics 2',
    content="sentences"
)"""
FTS_TRIGGERS = (
    """CREATE TRIGGER "sentences_ai" AFTER INSERT ON "sentences" BEGIN
  INSERT INTO "sentences_fts" (rowid, "text", "title") VALUES (new.rowid, new."text", new."title");
END""",
    """CREATE TRIGGER "sentences_ad" AFTER DELETE ON "sentences" BEGIN
  INSERT INTO "sentences_fts" ("sentences_fts", rowid, "text", "title") VALUES('delete', old.rowid, old."text", old."title");
END""",
    """CREATE TRIGGER "sentences_au" AFTER UPDATE ON "sentences" BEGIN
  INSERT INTO "sentences_fts" ("sentences_fts", rowid, "text", "title") VALUES('delete', old.rowid, old."text", old."title");
  INSERT INTO "sentences_fts" (rowid, "text", "title") VALUES (new.rowid, new."text", new."title");
END""",
)


def _reindex_sentences(db: Database) -> None:
    for trigger in ("sentences_ai", "sentences_ad", "sentences_au"):
        db.execute(f'DROP TRIGGER IF EXISTS "{trigger}"')
    db.execute("DROP TABLE IF EXISTS sentences_fts")
    db.execute(FTS_TABLE)
    db.execute("INSERT INTO sentences_fts (sentences_fts) VALUES ('rebuild')")
    for statement in FTS_TRIGGERS:
        db.execute(statement)


# The source kind of a claim is its registry entry's kind, else the attribution's own (the rule of
# db/stores/claims.py); a claim with no attribution is the agency's own voice. Rejected proposals and
# older versions of updated articles are left out, as in the app's counts.
_CLAIM_SOURCES = """
    FROM claims c
    JOIN articles ar ON ar.id = c.article_id
    LEFT JOIN attributions at ON at.claim_id = c.id
    LEFT JOIN sources s ON s.id = at.source_id
    WHERE c.origin <> 'rejected' AND ar.kind = 'article' AND ar.superseded_by IS NULL"""
_KIND = "coalesce(s.kind, at.kind, 'agency')"


def _count(condition: str) -> str:
    return f"sum(CASE WHEN {condition} THEN 1 ELSE 0 END)"


VIEWS = (
    f"""CREATE VIEW claims_by_source_kind AS
    SELECT {_KIND} AS source_kind,
           count(*) AS claims,
           count(DISTINCT c.article_id) AS articles,
           {_count("c.status IN ('unchecked', 'in_progress')")} AS open_claims,
           {_count("c.status = 'verified'")} AS verified,
           {_count("c.status IN ('false', 'misleading')")} AS false_or_misleading,
           {_count("c.status = 'unverifiable'")} AS unverifiable,
           {_count("c.review = 'query'")} AS queried
    {_CLAIM_SOURCES}
    GROUP BY {_KIND}""",
    f"""CREATE VIEW anonymous_claims AS
    SELECT c.id AS claim_id,
           c.article_id,
           ar.title AS article_title,
           ar.date AS article_date,
           c.summary,
           c.text AS claim_text,
           coalesce(at.phrase, '') AS source_phrase,
           coalesce(s.name, at.phrase, '') AS source_name,
           coalesce(s.description, '') AS source_description,
           c.status,
           c.review,
           c.reviewer
    {_CLAIM_SOURCES} AND {_KIND} = 'anonymous'""",
    f"""CREATE VIEW article_sourcing AS
    SELECT ar.id AS article_id,
           ar.title,
           ar.date,
           CASE WHEN ar.agency <> '' THEN ar.agency ELSE ar.publisher END AS outlet,
           count(c.id) AS claims,
           {_count(f"c.id IS NOT NULL AND {_KIND} = 'named'")} AS named,
           {_count(f"c.id IS NOT NULL AND {_KIND} = 'anonymous'")} AS anonymous,
           {_count(f"c.id IS NOT NULL AND {_KIND} = 'institution'")} AS institution,
           {_count(f"c.id IS NOT NULL AND {_KIND} = 'document'")} AS document,
           {_count(f"c.id IS NOT NULL AND {_KIND} = 'agency'")} AS agency,
           CASE WHEN count(c.id) = 0 THEN 0.0
                ELSE round(1.0 * {_count(f"c.id IS NOT NULL AND {_KIND} = 'anonymous'")} / count(c.id), 3)
           END AS anonymous_share,
           {_count("c.status IN ('unchecked', 'in_progress')")} AS open_claims,
           ar.signed_off_by
    FROM articles ar
    LEFT JOIN claims c ON c.article_id = ar.id AND c.origin <> 'rejected'
    LEFT JOIN attributions at ON at.claim_id = c.id
    LEFT JOIN sources s ON s.id = at.source_id
    WHERE ar.kind = 'article' AND ar.superseded_by IS NULL
    GROUP BY ar.id, ar.title, ar.date, ar.agency, ar.publisher, ar.signed_off_by""",
)


def _normalise_dates(db: Database, now: str) -> None:
    from workbench.text.dates import iso_date

    for article_id, date in db.execute("SELECT id, date FROM articles WHERE date <> ''").fetchall():
        iso = iso_date(date)
        if iso and iso != date:
            db.execute("UPDATE articles SET date = ? WHERE id = ?", [iso, article_id])
            db.execute(
                "INSERT INTO audit (at, user, action, entity, entity_id, article_id, field, old, new) "
                "VALUES (?, ?, 'repair', 'article', ?, ?, 'date', ?, ?)",
                [now, REPAIR_USER, article_id, article_id, date, iso],
            )
