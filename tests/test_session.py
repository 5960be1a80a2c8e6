"""The db seam: stores stand on a Session (engine, user, clock), the workspace wires them, and
the engine's errors reach callers as db.errors (issue 11, item 2)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from db import (
    ReadOnlyWorkspace,
    UnstorableValue,
    Workspace,
    WorkspaceClosed,
    WorkspaceError,
    WorkspaceLocked,
    migrations,
)
from db.clock import FixedClock
from db.engines.sqlite import SqliteEngine
from db.flows.importing import import_paths, store_item
from db.queries import claim_rows, report_data
from db.session import Session
from db.stores import ArticleStore, AuditLog, MatchStore, SentenceSearch
from workbench.model import ArticleMeta, ImportItem

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_49799be3d89e085a.txt"
WHEN = dt.datetime(2026, 11, 30, 10, 42, 7, 123456, tzinfo=dt.UTC)


def _republished(text: str) -> str:
    return "Published with permission of the wire service.\n\n" + text.rsplit("\n\n", 2)[0]


# --- the session -------------------------------------------------------------------------------


def test_a_store_stands_on_a_session_without_a_workspace() -> None:
    session = Session(SqliteEngine.memory(), "ann", FixedClock(WHEN))
    migrations.apply(session.engine.sqlite)
    audit = AuditLog(session)
    articles = ArticleStore(session, audit)
    result = articles.add(ImportItem("The port said 12 ships were delayed.", ArticleMeta(title="Port")))
    assert articles.get(result.article_id).imported_at == "2026-11-30T10:42:07+00:00"
    (entry,) = audit.entries()
    assert (entry.user, entry.at, entry.action) == ("ann", "2026-11-30T10:42:07.123+00:00", "import")
    with pytest.raises(dataclasses.FrozenInstanceError):
        session.user = "bob"  # type: ignore[misc]


def test_every_store_of_a_workspace_shares_its_session_and_clock() -> None:
    ws = Workspace.memory(user="ann", clock=FixedClock(WHEN))
    import_paths(ws, [SEED])
    stores = (ws.audit, ws.articles, ws.sources, ws.claims, ws.notes, ws.matches, ws.search, ws.wire)
    assert all(store.session is ws.session for store in stores)
    claim = ws.claims.add(1, 0, 7)
    note = ws.notes.add(claim.id, body="checked")
    assert claim.created_at == claim.updated_at == note.created_at == "2026-11-30T10:42:07+00:00"
    assert {e.at for e in ws.audit.entries()} == {"2026-11-30T10:42:07.123+00:00"}
    assert {e.user for e in ws.audit.entries()} == {"ann"}


def test_the_workspace_owns_its_search_and_matches(seed_ws: Workspace) -> None:
    assert isinstance(seed_ws.search, SentenceSearch) and isinstance(seed_ws.matches, MatchStore)
    assert seed_ws.matches.search is seed_ws.search
    assert seed_ws.search.match("Pompeo called Saleh")
    assert not [name for name in vars(seed_ws) if "search" in name and name != "search"]


# --- explicit wiring -----------------------------------------------------------------------------


def test_importing_db_registers_nothing() -> None:
    code = (
        "import db, db.flows.importing as importing, db.stores.articles as articles\n"
        "assert not hasattr(articles.ArticleStore, 'on_new_version')\n"
        "assert not hasattr(importing, 'SPECIAL_IMPORTERS')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_workspace_wires_reanchoring_and_the_w3c_importer(tmp_path: Path) -> None:
    one, two = Workspace.memory(), Workspace.memory()
    assert one.articles.on_new_version is not two.articles.on_new_version
    assert sorted(one.importers) == [".json", ".jsonld", ".w3c"]
    url, text = "https://example.com/story", SEED.read_text(encoding="utf-8")
    for ws in (one, two):
        first = ws.articles.add(ImportItem(text, ArticleMeta(title="T", url=url))).article_id
        ws.claims.add(first, 0, 7)
    two.articles.on_new_version.clear()  # a store nobody wired: versions are kept, claims are not carried
    for ws, carried in ((one, 1), (two, 0)):
        updated = ws.articles.add(ImportItem(text + "\n\nCorrected.", ArticleMeta(title="T", url=url)))
        assert updated.previous_id == 1
        assert ws.claims.count(updated.article_id) == carried


def test_wire_grouping_is_the_import_flows(seed_ws: Workspace) -> None:
    copy = _republished(SEED.read_text(encoding="utf-8"))
    bare = seed_ws.articles.add(ImportItem(copy, ArticleMeta(title="bare"))).article_id
    assert seed_ws.articles.get(bare).wire_group is None  # the store stores; it does not group
    grouped = store_item(seed_ws, ImportItem("From our wires.\n\n" + copy, ArticleMeta(title="flow")))
    assert seed_ws.articles.get(grouped.article_id).wire_group == seed_ws.articles.get(1).wire_group == 1


def test_reopen_gives_a_connection_of_the_same_user_and_mode(seed_ws: Workspace) -> None:
    with seed_ws.reopen() as again:
        assert again.session is not seed_ws.session and again.user == seed_ws.user and not again.read_only
    with seed_ws.reopen(read_only=True) as reader:
        assert reader.read_only and reader.claims.count() == 0
        with reader.reopen() as same:
            assert same.read_only
    with pytest.raises(WorkspaceError, match="in-memory"):
        Workspace.memory().reopen()


# --- errors ------------------------------------------------------------------------------------


def test_a_closed_workspace_says_so(seed_ws: Workspace) -> None:
    seed_ws.close()
    for call in (
        lambda: seed_ws.claims.get(1),
        lambda: seed_ws.articles.summaries(),
        lambda: seed_ws.data_version(),
        lambda: claim_rows.article_rows(seed_ws, 1),
        lambda: report_data.load_report_data(seed_ws, 1),
        lambda: seed_ws.search.match("Pompeo"),
    ):
        with pytest.raises(WorkspaceClosed):
            call()


def test_a_value_the_database_refuses_is_the_rows_problem(seed_ws: Workspace) -> None:
    claim = seed_ws.claims.add(1, 0, 7)
    with pytest.raises(UnstorableValue, match="binding parameter"):
        seed_ws.notes.add(claim.id, body={"not": "text"})  # type: ignore[arg-type]
    with pytest.raises(UnstorableValue, match="CHECK"):
        seed_ws.claims.update(claim.id, status="no such status")  # the schema's CHECK refuses it
    assert seed_ws.notes.for_claim(claim.id) == []
    with pytest.raises(UnstorableValue), seed_ws.atomic():
        seed_ws.db.execute("INSERT INTO claims (article_id, start, \"end\", text) VALUES (1, 5, 2, 'x')")
    assert seed_ws.claims.count() == 1


def test_a_write_met_by_another_writer_says_locked(seed_ws: Workspace) -> None:
    claim = seed_ws.claims.add(1, 0, 7)
    seed_ws.close()
    ws = Workspace.open(seed_ws.path, busy_timeout=0.2)
    holder = sqlite3.connect(seed_ws.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(WorkspaceLocked, match="locked by another program"):
            ws.claims.update(claim.id, summary="mine")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    ws.claims.update(claim.id, summary="mine")
    assert ws.claims.get(claim.id).summary == "mine"
    ws.close()


def test_read_only_writes_are_refused_before_the_database(seed_ws: Workspace) -> None:
    with seed_ws.reopen(read_only=True) as reader, pytest.raises(ReadOnlyWorkspace):
        store_item(reader, ImportItem("The port said 12 ships were delayed.", ArticleMeta(title="Port")))
