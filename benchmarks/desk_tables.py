"""A desk for the search benchmarks: a PostgreSQL database with the tables the search reads.

Until the desk schema (issue 12 item 2) is on main, the benchmarks make the two tables
db/engines/pg_search.py reads (`articles`, `sentences`, columns as in the SQLite schema) and the
sentence index (`SENTENCE_INDEX_DDL`) themselves. `throwaway_server()` starts the test suite's
throwaway server (tests/pg_server.py: Unix socket, fsync and synchronous_commit off) when no
`--workspace postgresql://...` is given.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from db.engines.pg_search import SENTENCE_INDEX_DDL  # noqa: E402
from db.engines.postgres import PostgresEngine  # noqa: E402

ARTICLE_COLUMNS = "id, kind, title, url, date, agency, publisher, verdict, external_id, wire_group, superseded_by, version_of"
TABLES = (
    """CREATE TABLE articles (
        id bigint PRIMARY KEY, kind text NOT NULL, title text NOT NULL DEFAULT '', url text NOT NULL DEFAULT '',
        date text NOT NULL DEFAULT '', agency text NOT NULL DEFAULT '', publisher text NOT NULL DEFAULT '',
        verdict text NOT NULL DEFAULT '', external_id text NOT NULL DEFAULT '', wire_group bigint,
        superseded_by bigint, version_of bigint, text text NOT NULL DEFAULT '')""",
    """CREATE TABLE sentences (
        id bigint PRIMARY KEY, article_id bigint NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start integer NOT NULL, "end" integer NOT NULL, text text NOT NULL, title text NOT NULL DEFAULT '',
        terms text NOT NULL DEFAULT '', title_terms text NOT NULL DEFAULT '')""",
    "CREATE INDEX sentences_article ON sentences(article_id, start)",
)


class BenchSession:
    """What the desk search needs of a session: the engine."""

    def __init__(self, engine: PostgresEngine) -> None:
        self.engine = engine


def prepare_desk(engine: PostgresEngine) -> bool:
    """Make the tables unless there; True when they were made (an empty desk)."""
    found = engine.db.execute("SELECT to_regclass('sentence_index') IS NOT NULL").fetchone()
    if found and found[0]:
        return False
    with engine.atomic():
        for statement in (*TABLES, *SENTENCE_INDEX_DDL):
            engine.db.execute(statement)
    return True


def throwaway_server():
    """Start tests/pg_server.py's server; returns (server, url of a new database). Call server.stop()."""
    sys.path.insert(0, str(ROOT / "tests"))
    from pg_server import start_pg_server

    server = start_pg_server()
    return server, server.url_for(server.create_database("bench"))


def copy_workspace(ws, engine: PostgresEngine, batch: int = 5000) -> int:
    """Copy a workspace file's articles and sentences (ids kept) into the desk and index them."""
    from db.engines.pg_search import index_sentences

    db = engine.db
    columns = ARTICLE_COLUMNS + ", text"
    marks = ", ".join("?" * len(columns.split(", ")))
    rows = ws.db.execute(f"SELECT {columns} FROM articles ORDER BY id").fetchall()
    sentences = ws.db.execute(
        'SELECT id, article_id, start, "end", text, title, terms, title_terms FROM sentences ORDER BY id'
    ).fetchall()
    with engine.atomic():
        db.executemany(f"INSERT INTO articles ({columns}) VALUES ({marks})", rows)
        for i in range(0, len(sentences), batch):
            part = sentences[i : i + batch]
            db.execute(
                'INSERT INTO sentences (id, article_id, start, "end", text, title, terms, title_terms) '
                "SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::integer[], ?::integer[], ?::text[], ?::text[], "
                "?::text[], ?::text[])",
                [list(column) for column in zip(*part, strict=True)],
            )
            index_sentences(db, [(r[0], r[4], r[5]) for r in part])
    return len(sentences)
