"""The workspace file: pragmas, migrations, versions, and refusing what it should not open."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from db import NewerWorkspace, NotAWorkspace, Workspace, migrations
from db.workspace import APPLICATION_ID


def test_new_workspace_pragmas(ws_path):
    with Workspace.open(ws_path) as ws:
        assert ws.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert ws.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert ws.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
        assert migrations.current_version(ws.db) == migrations.latest_version()
        assert ws.db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        tables = set(ws.engine.sqlite.table_names())
    assert {
        "articles",
        "sources",
        "claims",
        "attributions",
        "notes",
        "matches",
        "audit",
        "sentences",
        "sentences_fts",
    } <= tables


def test_older_workspace_is_migrated_with_backup(ws_path, seed_path):
    db_path = str(ws_path)
    conn = sqlite3.connect(db_path)
    from sqlite_utils import Database

    db = Database(conn)
    older = max(migrations.latest_version() - 1, 1)
    for number, fn in enumerate(migrations.MIGRATIONS[:older], 1):
        with db.atomic():
            fn(db)
            db.execute(f"PRAGMA user_version = {number}")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("INSERT INTO articles (title, text, text_hash, imported_at) VALUES ('t', 'x', 'h', 'now')")
    conn.commit()
    conn.close()
    with Workspace.open(ws_path) as ws:
        assert migrations.current_version(ws.db) == migrations.latest_version()
        assert ws.articles.get(1).title == "t"
    if older < migrations.latest_version():
        assert list((ws_path.parent / (ws_path.name + ".backups")).glob("*.db"))


def test_failed_migration_rolls_back(ws_path, monkeypatch):
    Workspace.open(ws_path).close()

    def m_broken(db):
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    m_broken.__name__ = f"m{migrations.latest_version() + 1:03d}_broken"
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, m_broken])
    with pytest.raises(RuntimeError):
        Workspace.open(ws_path)
    conn = sqlite3.connect(ws_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(migrations.MIGRATIONS) - 1
    assert not conn.execute("SELECT name FROM sqlite_master WHERE name = 'half_done'").fetchone()
    conn.close()


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_newer_workspace_refused_untouched(ws_path):
    Workspace.open(ws_path).close()
    conn = sqlite3.connect(ws_path)
    conn.execute(f"PRAGMA user_version = {migrations.latest_version() + 5}")
    conn.close()
    before = _digest(ws_path)
    with pytest.raises(NewerWorkspace, match="newer version"):
        Workspace.open(ws_path)
    assert _digest(ws_path) == before


def test_not_sqlite_refused_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("my precious notes", encoding="utf-8")
    with pytest.raises(NotAWorkspace, match="not an SQLite database"):
        Workspace.open(path)
    assert path.read_text(encoding="utf-8") == "my precious notes"


def test_foreign_sqlite_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name)")
    conn.commit()
    conn.close()
    with pytest.raises(NotAWorkspace, match="not a workbench workspace"):
        Workspace.open(path)


def test_audit_log_is_append_only(fresh_ws, seed_path):
    from db.flows.importing import import_paths

    import_paths(fresh_ws, [seed_path])
    claim = fresh_ws.claims.add(1, 0, 7)
    fresh_ws.claims.update(claim.id, status="verified")
    entries = fresh_ws.audit.entries(claim_id=claim.id)
    assert [(e.action, e.field, e.old, e.new) for e in entries][-1] == (
        "update",
        "status",
        "unchecked",
        "verified",
    )
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        fresh_ws.db.execute("DELETE FROM audit")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        fresh_ws.db.execute("UPDATE audit SET user = 'someone else'")


def test_fts_index_finds_sentences(seed_ws):
    rows = seed_ws.db.execute(
        "SELECT s.article_id, s.start, s.end, s.text FROM sentences_fts f JOIN sentences s ON s.id = f.rowid "
        "WHERE sentences_fts MATCH 'pompeo AND saleh' ORDER BY bm25(sentences_fts)"
    ).fetchall()
    assert rows
    article = seed_ws.articles.get(rows[0][0])
    assert article.text[rows[0][1] : rows[0][2]] == rows[0][3]


def test_claim_store_undo_values(seed_ws):
    claim = seed_ws.claims.add(1, 0, 7, summary="Enraged")
    old = seed_ws.claims.update(claim.id, summary="changed", status="false")
    assert seed_ws.claims.get(claim.id).summary == "changed"
    seed_ws.claims.update(claim.id, **old)
    again = seed_ws.claims.get(claim.id)
    assert (again.summary, again.status.value) == ("Enraged", "unchecked")
    snapshot = seed_ws.claims.delete(claim.id)
    assert seed_ws.claims.count() == 0
    restored = seed_ws.claims.restore(snapshot)
    assert (restored.id, restored.text) == (claim.id, "Enraged")


def test_note_edits_stay_in_the_article_history(seed_ws):
    claim = seed_ws.claims.add(1, 0, 7)
    note = seed_ws.notes.add(claim.id, body="first")
    seed_ws.notes.update(note.id, body="second")
    seed_ws.notes.delete(note.id)
    seed_ws.claims.delete(claim.id)
    actions = [(e.entity, e.action) for e in seed_ws.audit.entries(article_id=1)]
    assert ("note", "update") in actions and ("note", "delete") in actions
