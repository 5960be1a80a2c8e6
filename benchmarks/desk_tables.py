"""A desk for the search benchmarks: a PostgreSQL database with the real desk schema.

`prepare_desk` applies the desk's migrations (db/engines/pg_schema.py, what `workbench desk init`
runs, without the roles), so the benchmarks search and write the tables, indexes and triggers a
desk has. `throwaway_server()` starts the test suite's throwaway server (tests/pg_server.py: Unix
socket, fsync and synchronous_commit off) when no `--workspace postgresql://...` is given.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from db.engines.postgres import PostgresEngine  # noqa: E402

SENTENCE_COLUMNS = 'id, article_id, start, "end", text, title, terms, title_terms'


class BenchSession:
    """What the desk search needs of a session: the engine."""

    def __init__(self, engine: PostgresEngine) -> None:
        self.engine = engine


def prepare_desk(engine: PostgresEngine) -> bool:
    """The desk's schema (its pending migrations); True when it holds no sentences yet."""
    engine.migrate()
    found = engine.db.execute("SELECT NOT EXISTS (SELECT 1 FROM sentences)").fetchone()
    return bool(found and found[0])


def throwaway_server():
    """Start tests/pg_server.py's server; returns (server, url of a new database). Call server.stop()."""
    sys.path.insert(0, str(ROOT / "tests"))
    from pg_server import start_pg_server

    server = start_pg_server()
    return server, server.url_for(server.create_database("bench"))


def copy_workspace(ws, engine: PostgresEngine, batch: int = 5000) -> int:
    """Copy a workspace file's articles and sentences (ids kept) into the desk and index them."""
    from db.engines.pg_search import index_stored

    db = engine.db
    wanted = set(db.columns("articles"))
    # superseded_by names a later article: set once every article is in (the desk's foreign key)
    columns = ", ".join(f'"{c}"' for c in ws.db.columns("articles") if c in wanted and c != "superseded_by")
    marks = ", ".join("?" * len(columns.split(", ")))
    rows = ws.db.execute(f"SELECT {columns} FROM articles ORDER BY id").fetchall()
    sentences = ws.db.execute(f"SELECT {SENTENCE_COLUMNS} FROM sentences ORDER BY id").fetchall()
    with engine.atomic():
        db.executemany(f"INSERT INTO articles ({columns}) VALUES ({marks})", rows)
        for i in range(0, len(sentences), batch):
            part = sentences[i : i + batch]
            db.execute(
                f"INSERT INTO sentences ({SENTENCE_COLUMNS}) "
                "SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::integer[], ?::integer[], ?::text[], ?::text[], "
                "?::text[], ?::text[])",
                [list(column) for column in zip(*part, strict=True)],
            )
            index_stored(db, [(r[0], r[6], r[7]) for r in part])
        superseded = ws.db.execute("SELECT superseded_by, id FROM articles WHERE superseded_by IS NOT NULL")
        db.executemany("UPDATE articles SET superseded_by = ? WHERE id = ?", superseded.fetchall())
        db.ids_written("articles")
        db.ids_written("sentences")
    return len(sentences)
