"""`workbench desk push` and `pull` (issue 12 item 6): work moves between a workspace file and a desk on
the throwaway PostgreSQL server (tests/pg_server.py), through db/flows/transfer.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from db import Workspace
from db.desk import grant_role, init_desk
from db.errors import NotPermitted
from db.flows.importing import import_paths
from db.flows.transfer import transfer
from ui.cli.main import main
from workbench.model import ArticleMeta, ImportItem, LinkKind

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_49799be3d89e085a.txt"
SAHEL = ROOT / "tests" / "data" / "articles" / "afp_sahel.txt"
CONFLICTING = (
    "The Pentagon said on Monday that the US has about 5,200 troops in Iraq, based in three bases across "
    "the country.\n\nMike Pompeo called Iraqi President Barham Saleh on Thursday, an aide said."
)
TROOPS = "around 3,000 troops based in three bases across the country"


def make_local(path: Path, *, reviewed: bool = True) -> Workspace:
    """A workspace file with every kind of row: articles, proposals with attributions and sources,
    a verdict, a note with evidence, a match with a link, a review and a sign-off."""
    ws = Workspace.open(path, user="anna")
    import_paths(ws, [SEED, SAHEL], propose=True)
    text = ws.articles.get(1).text
    start = text.index(TROOPS)
    troops = ws.claims.add(1, start, start + len(TROOPS)).id
    ws.articles.add(ImportItem(CONFLICTING, ArticleMeta(title="Pentagon", publisher="Daily")))
    (match, *_) = ws.matches.match_claim(troops)
    ws.matches.set_link(match.id, LinkKind.CONTRADICTS)
    ws.claims.update(troops, status="false")
    ws.notes.add(troops, body="Pentagon figure", url="https://example.org/p", quote="about 5,200 troops")
    if reviewed:
        ws.claims.update(troops, review="approved", reviewer="ben")
        ws.articles.set_sign_off(1, "ben", "sourcing checked")
    return ws


def desk(pg_database: str, pg_login_role, **logins: str) -> dict[str, str]:
    """init the desk; each login (name -> desk role) gets its URL."""
    init_desk(pg_database)
    urls = {}
    for name, role in logins.items():
        urls[name] = pg_login_role(name)
        grant_role(pg_database, name, role)
    return urls


def counts(ws: Workspace) -> dict[str, int]:
    tables = ("articles", "sentences", "sources", "claims", "attributions", "notes", "matches")
    return {t: ws.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def content(ws: Workspace) -> dict[str, Any]:
    """Every kind of row by what it says, not by id: what a copy must keep."""
    db = ws.db

    def rows(sql: str) -> list[tuple]:
        return sorted(tuple(r) for r in db.execute(sql).fetchall())

    return {
        "articles": rows(
            "SELECT text_hash, title, url, date, agency, imported_at, signed_off_by, sign_off_comment FROM articles"
        ),
        "sentences": rows(
            'SELECT a.text_hash, s.start, s."end" FROM sentences s JOIN articles a ON a.id = s.article_id'
        ),
        "sources": rows("SELECT name, kind, description, aliases, article_id IS NULL FROM sources"),
        "claims": rows(
            'SELECT a.text_hash, c.start, c."end", c.text, c.summary, c.kind, c.status, c.origin, c.review, '
            "c.reviewer, c.worth, c.created_by, c.updated_at FROM claims c JOIN articles a ON a.id = c.article_id"
        ),
        "attributions": rows(
            "SELECT c.text, t.phrase, t.cue, t.kind, coalesce(s.name, '') FROM attributions t "
            "JOIN claims c ON c.id = t.claim_id LEFT JOIN sources s ON s.id = t.source_id"
        ),
        "notes": rows(
            "SELECT c.text, n.body, n.url, n.quote, n.author, n.created_at FROM notes n JOIN claims c ON c.id = n.claim_id"
        ),
        "matches": rows(
            'SELECT c.text, a.text_hash, m.start, m."end", m.text, m.relation, m.link FROM matches m '
            "JOIN claims c ON c.id = m.claim_id JOIN articles a ON a.id = m.article_id"
        ),
    }


def history(ws: Workspace) -> list[tuple]:
    """The audit log as first written (author, time, what), wherever it was copied since."""
    return sorted(
        (
            r["origin_user"] or r["user"],
            r["origin_at"] or r["at"],
            r["action"],
            r["entity"],
            r["field"],
            r["old"],
            r["new"],
        )
        for r in ws.db.query("SELECT * FROM audit")
        if r["action"] not in ("wire_group", "copy")
    )


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_push_twice_leaves_one_copy(tmp_path: Path, pg_database: str, pg_login_role) -> None:
    urls = desk(pg_database, pg_login_role, ben="editor")
    local = make_local(tmp_path / "laptop.db")
    with Workspace.open(urls["ben"]) as target:
        first = transfer(local, target)
        after_first = counts(target)
        audit_first = target.db.execute("SELECT count(*) FROM audit").fetchone()[0]
        second = transfer(local, target)
        assert counts(target) == after_first == counts(local) | {"sentences": after_first["sentences"]}
        assert target.db.execute("SELECT count(*) FROM audit").fetchone()[0] == audit_first
        assert not second.changed and sum(second.already.values()) > 0
        assert first.copied["articles"] == 3 and first.copied["claims"] == local.claims.count()
        assert first.copied["reviews"] == 1 and first.copied["sign_offs"] == 1
    local.close()


def test_push_then_pull_round_trips_every_kind_of_row(
    tmp_path: Path, pg_database: str, pg_login_role
) -> None:
    urls = desk(pg_database, pg_login_role, ben="editor")
    local = make_local(tmp_path / "laptop.db")
    with Workspace.open(urls["ben"]) as target:
        transfer(local, target)
        assert content(target) == content(local)
        assert set(history(local)) <= set(history(target))
        # copied history names its first author and time; the server's session user vouches for it
        copied = list(target.db.query("SELECT * FROM audit WHERE origin_user <> ''"))
        assert (
            copied
            and {r["user"] for r in copied} == {"ben"}
            and {r["origin_user"] for r in copied} == {"anna"}
        )
        assert all(r["origin_at"] != r["at"] for r in copied)
        ids = [r[0] for r in target.db.execute("SELECT id FROM articles ORDER BY id")]
    out = tmp_path / "offline.db"
    status = main(
        ["desk", "pull", "-w", urls["ben"], *sum((["--article", str(i)] for i in ids), []), "-o", str(out)]
    )
    assert status == 0
    with Workspace.open(out) as pulled:
        assert content(pulled) == content(local)
        assert set(history(local)) <= set(history(pulled))
        again = transfer(Workspace.open(urls["ben"]), pulled, article_ids=ids)
        assert not again.changed
    local.close()


def test_pull_takes_one_story_with_the_articles_its_matches_point_at(
    tmp_path: Path, pg_database: str, pg_login_role, capsys
) -> None:
    urls = desk(pg_database, pg_login_role, ben="editor")
    with make_local(tmp_path / "laptop.db") as local, Workspace.open(urls["ben"]) as target:
        report = transfer(local, target)
        seed_on_desk = report.articles[1]
    out = tmp_path / "story.db"
    status, stdout, err = run(
        capsys, "desk", "pull", "-w", urls["ben"], "--article", str(seed_on_desk), "-o", str(out), "--json"
    )
    assert status == 0, err
    data = json.loads(stdout)
    assert data["copied"]["articles"] == 2  # the story and the article its match points at
    assert data["copied"]["matches"] == 1 and data["copied"]["reviews"] == 1
    with Workspace.open(out) as pulled:
        titles = {a.title for a in pulled.articles.summaries()}
        assert "Pentagon" in titles and len(titles) == 2
        assert pulled.claims.count(1) > 0 and pulled.claims.count(2) == 0  # the matched article: text only
    # pulled again into the same file: nothing changes
    status, stdout, _ = run(
        capsys, "desk", "pull", "-w", urls["ben"], "--article", str(seed_on_desk), "-o", str(out), "--json"
    )
    assert status == 0 and sum(json.loads(stdout)["copied"].values()) == 0


def test_a_checker_pushing_reviewed_work_is_refused_and_nothing_is_copied(
    tmp_path: Path, pg_database: str, pg_login_role, capsys
) -> None:
    urls = desk(pg_database, pg_login_role, anna="checker", ben="editor")
    make_local(tmp_path / "laptop.db").close()
    status, out, err = run(capsys, "desk", "push", str(tmp_path / "laptop.db"), "-w", urls["anna"])
    assert status == 1 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("workbench: error: anna is a checker: copying ") and "needs the editor role" in err
    assert "--leave-out-review" in err
    with Workspace.open(urls["ben"]) as target:
        assert (
            counts(target)["articles"] == 0
            and target.db.execute("SELECT count(*) FROM audit").fetchone()[0] == 0
        )
    # without the editor's marks it goes through, and says what it left out
    status, out, err = run(
        capsys,
        "desk",
        "push",
        str(tmp_path / "laptop.db"),
        "-w",
        urls["anna"],
        "--leave-out-review",
        "--json",
    )
    assert status == 0, err
    data = json.loads(out)
    assert (
        data["left_out"]["reviews"] == 1
        and data["left_out"]["sign_offs"] == 1
        and data["left_out"]["audit"] == 3  # review, reviewer, sign-off
    )
    with Workspace.open(urls["ben"]) as target:
        assert target.db.execute("SELECT count(*) FROM claims WHERE review <> ''").fetchone()[0] == 0
        assert target.db.execute("SELECT count(*) FROM articles WHERE signed_off_by <> ''").fetchone()[0] == 0
    # the editor pushes the same file: the marks are filled in, nothing else changes
    status, out, err = run(capsys, "desk", "push", str(tmp_path / "laptop.db"), "-w", urls["ben"], "--json")
    assert status == 0, err
    data = json.loads(out)
    assert data["updated"]["reviews"] == 1 and data["updated"]["sign_offs"] == 1
    assert data["copied"]["claims"] == 0 and data["copied"]["articles"] == 0
    with Workspace.open(urls["ben"]) as target:
        assert target.db.execute("SELECT reviewer FROM claims WHERE review = 'approved'").fetchall() == [
            ("ben",)
        ]
        assert target.db.execute(
            "SELECT signed_off_by FROM articles WHERE signed_off_by <> ''"
        ).fetchall() == [("ben",)]


def test_a_viewer_may_not_push(tmp_path: Path, pg_database: str, pg_login_role) -> None:
    urls = desk(pg_database, pg_login_role, zoe="viewer")
    refused = pytest.raises(NotPermitted, match="zoe is a viewer: copying articles needs the checker role")
    with (
        make_local(tmp_path / "laptop.db", reviewed=False) as local,
        Workspace.open(urls["zoe"]) as target,
        refused,
    ):
        transfer(local, target)


def test_merge_with_a_desk_that_has_the_article_already(
    tmp_path: Path, pg_database: str, pg_login_role
) -> None:
    """The desk imported the seed itself and has one identical claim (span and text), with a
    newer verdict: the claim is not duplicated, the desk's newer verdict is kept; a claim only the
    laptop has is added; an article with a different text is a separate article."""
    urls = desk(pg_database, pg_login_role, ben="editor")
    local = make_local(tmp_path / "laptop.db", reviewed=False)
    troops = next(c for c in local.claims.for_article(1) if c.text == TROOPS)
    changed = local.articles.get(1).text.replace("Iraq", "Iraq (updated)", 1)
    local.articles.add(
        ImportItem(changed, ArticleMeta(title="Seed, updated", url="https://example.org/other"))
    )
    with Workspace.open(urls["ben"]) as target:
        import_paths(target, [SEED])
        start = target.articles.get(1).text.index(TROOPS)
        there = target.claims.add(1, start, start + len(TROOPS)).id
        target.db.execute("UPDATE claims SET updated_at = '2999-01-01T00:00:00+00:00' WHERE id = ?", [there])
        target.claims.update(there, status="verified")
        report = transfer(local, target)
        assert report.already["articles"] == 1 and report.copied["articles"] == 3
        on_desk = [c for c in target.claims.for_article(1) if c.text == TROOPS]
        assert len(on_desk) == 1 and on_desk[0].status.value == "verified"
        assert report.newer_there["claims"] == 1
        assert target.claims.count(1) == local.claims.count(1)
        assert troops.status.value == "false"  # the laptop's older verdict stays the laptop's
    local.close()


def test_cli_errors_are_one_line(tmp_path: Path, pg_database: str, pg_login_role, capsys) -> None:
    urls = desk(pg_database, pg_login_role, ben="editor")
    make_local(tmp_path / "laptop.db", reviewed=False).close()
    not_a_workspace = tmp_path / "notes.txt"
    not_a_workspace.write_text("hello")
    cases = [
        (["desk", "push", str(tmp_path / "laptop.db"), "-w", str(tmp_path / "other.db")], "postgresql://"),
        (["desk", "push", str(tmp_path / "missing.db"), "-w", urls["ben"]], "no workspace file"),
        (["desk", "push", urls["ben"], "-w", urls["ben"]], "is a desk"),
        (
            ["desk", "pull", "-w", urls["ben"], "--article", "1", "-o", urls["ben"]],
            "pull writes a workspace file",
        ),
        (
            ["desk", "pull", "-w", urls["ben"], "--article", "99", "-o", str(tmp_path / "x.db")],
            "no article #99",
        ),
        (["desk", "pull", "-w", urls["ben"], "--article", "1", "-o", str(not_a_workspace)], "not"),
        (["desk", "pull", "-w", urls["ben"], "--article", "1", "-o", str(tmp_path)], "folder"),
    ]
    for argv, needle in cases:
        status, out, err = run(capsys, *argv)
        assert status == 1, argv
        assert err.count("\n") == 1 and err.startswith("workbench: error: ") and needle in err, (argv, err)
    assert not (tmp_path / "x.db").exists() and not list(tmp_path.glob(".x.db.pull-*"))
    assert not_a_workspace.read_text() == "hello"


def test_pull_into_a_file_another_program_is_writing_is_refused_as_in_use(
    tmp_path: Path, pg_database: str, pg_login_role, capsys, monkeypatch
) -> None:
    import sqlite3

    from ui.cli import desk as desk_cli

    urls = desk(pg_database, pg_login_role, ben="editor")
    with make_local(tmp_path / "laptop.db", reviewed=False) as local, Workspace.open(urls["ben"]) as target:
        transfer(local, target)
    out = tmp_path / "busy.db"
    Workspace.open(out).close()
    monkeypatch.setattr(desk_cli, "PULL_BUSY_TIMEOUT_S", 0.3)
    writer = sqlite3.connect(out)
    writer.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        status, _, err = run(capsys, "desk", "pull", "-w", urls["ben"], "--article", "1", "-o", str(out))
    finally:
        writer.rollback()
        writer.close()
    assert status == 1 and err.count("\n") == 1 and "is in use by another program" in err
    with Workspace.open(out) as pulled:
        assert pulled.articles.count() == 0  # nothing half-pulled


def test_copied_history_reads_as_its_author_copied_by_the_pusher(
    tmp_path: Path, pg_database: str, pg_login_role
) -> None:
    from db.queries.report_data import audit_records

    urls = desk(pg_database, pg_login_role, ben="editor")
    with make_local(tmp_path / "laptop.db") as local, Workspace.open(urls["ben"]) as target:
        report = transfer(local, target)
        records = audit_records(target, article_id=report.articles[1])
        verdicts = [r for r in records if r.field == "status"]
        assert verdicts and {r.who for r in verdicts} == {"anna (copied by ben)"}
        original = next(r for r in local.audit.entries() if r.field == "status")
        assert verdicts[0].when == original.at != verdicts[0].at
        (copy,) = [r for r in records if r.action == "copy"]
        assert copy.user == "ben" and copy.new.endswith("laptop.db #1")


def test_history_written_in_one_instant_is_copied_whole(engine) -> None:
    """Entries alike in author, time and values but about different rows (a script's edits in one
    millisecond) are each copied, on both engines; a second copy adds none."""
    import datetime as dt

    from db.clock import FixedClock

    source = Workspace.memory("anna", clock=FixedClock(dt.datetime(2026, 5, 1, 9, 30, tzinfo=dt.UTC)))
    import_paths(source, [SEED])
    text = source.articles.get(1).text
    for phrase in (TROOPS, "Mike Pompeo"):
        start = text.index(phrase)
        claim = source.claims.add(1, start, start + len(phrase)).id
        source.claims.update(claim, status="verified")
        source.notes.add(claim, body="same note")
    with engine.open("ben") as target:
        first = transfer(source, target)
        assert first.copied["audit"] == len(source.audit.entries())
        assert not transfer(source, target).changed
    source.close()
