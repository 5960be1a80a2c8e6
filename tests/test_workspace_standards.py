"""The workspace in the SQLite ecosystem (issue 14): Datasette finds the sentence index, the index
follows hand edits, enumerated columns refuse out-of-range values, the desk views run, and an
older workspace migrates without losing anything."""

from __future__ import annotations

import asyncio
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from db import Workspace, WorkspaceError, migrations, schema_m006, schema_m010
from db.flows.importing import import_paths
from workbench import model
from workbench.reports.sourcing import summarise

ROOT = Path(__file__).resolve().parent.parent
V5 = ROOT / "tests" / "data" / "workspaces" / "workspace_v5.db"


@pytest.fixture
def seed_file(tmp_path: Path) -> Path:
    """A closed workspace file with the seed article and its proposals."""
    path = tmp_path / "seed.db"
    with Workspace.open(path) as ws:
        import_paths(ws, [ROOT / "seeds"], propose=True)
    return path


def schema(conn: sqlite3.Connection, name: str) -> str:
    return conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", [name]).fetchone()[0]


def test_the_index_is_declared_exactly_as_sqlite_utils_enable_fts_declares_it(fresh_ws):
    scratch = Database(memory=True)
    scratch.execute(
        'CREATE TABLE sentences (id INTEGER PRIMARY KEY, text TEXT, title TEXT, terms TEXT, title_terms TEXT, "end" INTEGER)'
    )
    scratch["sentences"].enable_fts(
        ["terms", "title_terms"], tokenize=schema_m010.TOKENIZE, create_triggers=True
    )
    for name in ("sentences_fts", "sentences_ai", "sentences_ad", "sentences_au"):
        assert schema(fresh_ws.db.conn, name) == schema(scratch.conn, name)


def test_datasette_detects_the_index_and_search_filters(seed_file):
    from datasette.app import Datasette
    from datasette.utils import detect_fts

    conn = sqlite3.connect(seed_file)
    assert detect_fts(conn, "sentences") == "sentences_fts"
    texts = [row[0] for row in conn.execute("SELECT text FROM sentences")]
    conn.close()
    total = len(texts)
    with_iraq = sum(1 for t in texts if re.search(r"\biraq\b", t, re.IGNORECASE))  # a word, not "Iraqi"
    assert 0 < with_iraq < total

    async def fetch(path: str) -> dict:
        response = await Datasette([str(seed_file)]).client.get(path)
        assert response.status_code == 200, response.text
        return response.json()

    found = asyncio.run(fetch("/seed/sentences.json?_search=Iraq&_shape=objects&_size=max"))
    texts = [row["text"] for row in found["rows"]]
    assert len(texts) == with_iraq  # the index found every sentence with the word, and only those
    assert all(re.search(r"\biraq\b", t, re.IGNORECASE) for t in texts)
    for view in ("claims_by_source_kind", "anonymous_claims", "article_sourcing"):
        rows = asyncio.run(fetch(f"/seed/{view}.json?_shape=objects"))["rows"]
        assert rows, view


def test_a_hand_edit_of_a_sentence_keeps_the_index_in_step(seed_file):
    conn = sqlite3.connect(seed_file)
    conn.execute("UPDATE sentences SET text = 'Zanzibar weather reports.' WHERE id = 3")
    conn.execute("DELETE FROM sentences WHERE id = 4")
    conn.commit()
    conn.execute("INSERT INTO sentences_fts (sentences_fts) VALUES ('integrity-check')")
    conn.close()
    # SQLite cannot stem: the edit is queued, and the workbench indexes its terms on the next open
    with Workspace.open(seed_file) as ws:
        ws.db.execute("INSERT INTO sentences_fts (sentences_fts) VALUES ('integrity-check')")
        found = ws.db.execute("SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH 'zanzibar report'")
        assert found.fetchall() == [(3,)]
        assert ws.db.execute("SELECT count(*) FROM sentences_restem").fetchone()[0] == 0
        assert [r.sentence_id for r in ws.search.match("weather report from Zanzibar")] == [3]


def test_a_sentence_inserted_by_another_program_is_indexed_on_the_next_open(seed_file):
    conn = sqlite3.connect(seed_file)
    conn.execute(
        "INSERT INTO sentences (id, article_id, start, \"end\", text) VALUES (999, 1, 0, 5, 'Troops leaving Zanzibar.')"
    )
    conn.commit()
    conn.close()
    with Workspace.open(seed_file) as ws:
        assert (
            ws.db.execute("SELECT terms FROM sentences WHERE id = 999").fetchone()[0] == "troop leav zanzibar"
        )
        assert ws.search.match("troops leave Zanzibar")[0].sentence_id == 999


def test_deleting_an_article_takes_its_sentences_out_of_the_index(seed_file):
    with Workspace.open(seed_file) as ws:
        assert ws.db.execute(
            "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'Pompeo'"
        ).fetchone()[0]
        ws.articles.delete(1)
        ws.db.execute("INSERT INTO sentences_fts (sentences_fts) VALUES ('integrity-check')")
        assert not ws.db.execute(
            "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'Pompeo'"
        ).fetchone()[0]


@pytest.mark.parametrize(
    ("table", "column", "bad"),
    [
        ("claims", "status", "False"),
        ("claims", "kind", "opinion"),
        ("claims", "origin", "robot"),
        ("claims", "review", "maybe"),
        ("claims", "orphan", 2),
        ("attributions", "kind", "unknown"),
        ("articles", "kind", "tweet"),
    ],
)
def test_enumerated_columns_refuse_values_outside_their_enum(seed_file, table, column, bad):
    conn = sqlite3.connect(seed_file)
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        conn.execute(f'UPDATE {table} SET "{column}" = ? WHERE id = (SELECT min(id) FROM {table})', [bad])
    conn.close()


@pytest.mark.parametrize(
    ("values", "enum"),
    [
        (schema_m006.ITEM_KINDS, model.ItemKind),
        (schema_m006.SOURCE_KINDS, model.SourceKind),
        (schema_m006.CLAIM_KINDS, model.ClaimKind),
        (schema_m006.STATUSES, model.Status),
        (schema_m006.ORIGINS, model.Origin),
        (schema_m006.REVIEWS, model.Review),
        (schema_m006.RELATIONS, model.MatchRelation),
        (schema_m006.LINKS, ("", *model.LinkKind)),
    ],
)
def test_the_checks_allow_exactly_the_enum_values(values, enum):
    # A new enum value needs a migration that widens its CHECK: this test says so.
    assert set(values) == {str(v) for v in enum}


def test_the_views_agree_with_the_reports_counts(seed_file):
    from db.queries.report_data import load_report_data

    with Workspace.open(seed_file) as ws:
        summary = summarise(load_report_data(ws, 1).articles[0])
        by_kind = dict(ws.db.execute("SELECT source_kind, claims FROM claims_by_source_kind").fetchall())
        sourcing = next(ws.db.query("SELECT * FROM article_sourcing WHERE article_id = 1"))
        anonymous = ws.db.execute("SELECT count(*) FROM anonymous_claims WHERE article_id = 1").fetchone()[0]
    assert sum(by_kind.values()) == summary.claims == sourcing["claims"]
    assert sourcing["anonymous"] == anonymous == by_kind.get("anonymous", 0)
    assert sourcing["anonymous_share"] == pytest.approx(summary.anonymous_claim_share, abs=0.001)
    assert sum(sourcing[k] for k in schema_m006.SOURCE_KINDS) == sourcing["claims"]


# --- migrating an older workspace -------------------------------------------------------------------


@pytest.fixture
def v5_copy(tmp_path: Path) -> Path:
    path = tmp_path / "old.db"
    shutil.copyfile(V5, path)  # no connection holds either file
    return path


def _counts(conn: sqlite3.Connection) -> dict[str, int]:
    tables = ("articles", "claims", "attributions", "sources", "notes", "matches", "sentences", "wire_keys")
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def test_a_version_5_workspace_migrates_with_everything_kept(v5_copy):
    conn = sqlite3.connect(v5_copy)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 5
    before = _counts(conn)
    statuses = dict(conn.execute("SELECT id, status FROM claims").fetchall())
    audit_before = conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    conn.close()
    with Workspace.open(v5_copy) as ws:
        assert migrations.current_version(ws.db) == migrations.latest_version()
        conn = ws.db.conn
        assert _counts(conn) == before
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        conn.execute("INSERT INTO sentences_fts (sentences_fts) VALUES ('integrity-check')")
        after = dict(conn.execute("SELECT id, status FROM claims").fetchall())
        # Valid values are untouched; the hand-written 'False' became 'unchecked', audited.
        assert {k: v for k, v in after.items() if k != 1} == {k: v for k, v in statuses.items() if k != 1}
        assert statuses[1] == "False" and after[1] == "unchecked"
        repairs = list(ws.db.query("SELECT * FROM audit WHERE action = 'repair' ORDER BY id"))
        assert conn.execute("SELECT count(*) FROM audit").fetchone()[0] == audit_before + len(repairs)
        fixed = {(r["entity"], r["field"], r["old"], r["new"]) for r in repairs}
        assert ("claim", "status", "False", "unchecked") in fixed
        assert ("attribution", "kind", "unknown", "anonymous") in fixed
        assert ("article", "date", "Tue, 05 Mar 2024 10:00:00 GMT", "2024-03-05T10:00:00+00:00") in fixed
        assert all(r["user"] == schema_m006.REPAIR_USER for r in repairs)
        claim_repair = next(r for r in repairs if r["field"] == "status")
        assert claim_repair["claim_id"] == 1 and claim_repair["article_id"] == 1
        # The app reads everything, and every export runs.
        from db.queries.report_data import load_report_data
        from ui.export.service import renderers

        data = load_report_data(ws, None)
        assert len(data.articles) == 3
        for name, render in renderers().items():
            assert render(data), name


def test_every_export_survives_what_a_migration_repaired(v5_copy):
    from ui.cli.main import main

    assert main(["export", "-f", "json", "-w", str(v5_copy), "-o", str(v5_copy.with_suffix(".json"))]) == 0
    assert (
        main(["export", "-f", "claimreview", "-w", str(v5_copy), "-o", str(v5_copy.with_suffix(".jsonld"))])
        == 0
    )


def test_a_rebuild_that_would_break_references_changes_nothing(tmp_path):
    path = tmp_path / "ws.db"
    with Workspace.open(path) as ws:
        import_paths(ws, [ROOT / "seeds"], propose=True)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 5")
    conn.commit()
    conn.close()

    def breaks_references(db):
        db.execute("DELETE FROM articles")  # foreign keys are off: claims would point nowhere

    original = migrations.MIGRATIONS[5]
    breaks_references.rebuilds_tables = True
    migrations.MIGRATIONS[5] = breaks_references
    try:
        with pytest.raises(WorkspaceError, match="cannot be upgraded.*break"):
            Workspace.open(path)
    finally:
        migrations.MIGRATIONS[5] = original
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 5
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    conn.close()
