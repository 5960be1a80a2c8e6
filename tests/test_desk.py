"""A shared desk on the throwaway PostgreSQL server (issue 12 items 2 and 4): schema, roles, the CLI flow."""

from __future__ import annotations

import json
import re
from pathlib import Path

import psycopg
import pytest

from db import Workspace
from db.desk import grant_role, init_desk
from db.engines import pg_schema
from db.engines.postgres import public_location
from db.errors import NewerWorkspace, NotAWorkspace, NotPermitted, WorkspaceError
from ui.cli.main import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# SQLite's own tables: the FTS5 index and its shadow tables (the desk's search keeps its own), and
# the queue of sentences other programs changed (m010: on a desk only the workbench writes them).
SQLITE_ONLY = re.compile(r"^(sentences_fts.*|sentences_restem|sqlite_.*)$")
PG_ONLY = {pg_schema.MIGRATIONS_TABLE, "sentence_index", "sentence_terms", "sentence_index_totals"}


def _sqlite_schema() -> tuple[dict[str, list[str]], set[str]]:
    with Workspace.memory() as ws:
        db = ws.db
        tables = [
            r[0]
            for r in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").fetchall()
            if not SQLITE_ONLY.match(r[0])
        ]
        columns = {t: sorted(db.columns(t)) for t in tables}
        sql = " ".join(r[0] for r in db.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL"))
    return columns, set(re.findall(r"CONSTRAINT (\w+) CHECK", sql))


def _pg_schema(url: str) -> tuple[dict[str, list[str]], set[str]]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'"
        ).fetchall()
        checks = {
            r[0]
            for r in conn.execute(
                "SELECT conname FROM pg_constraint WHERE contype = 'c' AND connamespace = 'public'::regnamespace"
            )
        }
    columns: dict[str, list[str]] = {}
    for table, column in rows:
        if table not in PG_ONLY:
            columns.setdefault(table, []).append(column)
    return {t: sorted(c) for t, c in columns.items()}, checks


def test_the_desk_has_sqlites_tables_columns_and_checks_at_head(pg_database: str) -> None:
    done = init_desk(pg_database)
    assert done.version == pg_schema.latest_version()
    sqlite_columns, sqlite_checks = _sqlite_schema()
    pg_columns, pg_checks = _pg_schema(pg_database)
    assert pg_columns == sqlite_columns
    assert sqlite_checks and sqlite_checks <= pg_checks


def test_both_engines_are_at_the_same_schema_number() -> None:
    from db import migrations

    assert pg_schema.latest_version() == migrations.latest_version(), (
        "a SQLite migration has no PostgreSQL counterpart in db/engines/pg_schema.py"
    )


def test_init_twice_changes_nothing_and_migrations_are_recorded(pg_database: str) -> None:
    first = init_desk(pg_database)
    again = init_desk(pg_database)
    names = tuple(m.name for m in pg_schema.MIGRATIONS)
    assert first.applied == names and names[:2] == ("m009_desk", "m010_stemmed_index")
    assert again.applied == ()
    with psycopg.connect(pg_database) as conn:
        rows = conn.execute(
            "SELECT number, name, applied_by FROM schema_migrations ORDER BY number"
        ).fetchall()
    assert rows == [(m.number, m.name, "postgres") for m in pg_schema.MIGRATIONS]


def test_a_check_constraint_refuses_a_hand_edit(pg_database: str) -> None:
    init_desk(pg_database)
    with psycopg.connect(pg_database) as conn:
        conn.execute("INSERT INTO articles (text, text_hash, imported_at) VALUES ('t', 'h', 'now')")
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute(
                'INSERT INTO claims (article_id, start, "end", text, status) '
                "SELECT id, 0, 1, 't', 'False' FROM articles"
            )


def test_m010_stems_and_indexes_the_sentences_a_desk_held_before(pg_database: str, monkeypatch) -> None:
    """A desk at schema 9 with sentences: `desk init` upgrades it, and m010 gives them their
    terms (as SQLite's m010 does) and their rows in the desk's sentence index."""
    from workbench.matching.query import index_text

    monkeypatch.setattr(pg_schema, "MIGRATIONS", pg_schema.MIGRATIONS[:1])
    init_desk(pg_database)
    text = "The troops were withdrawn from the bases."
    others = ["The ministry said the bridge reopened on Monday.", "Prices rose by 3 percent in May."]
    with psycopg.connect(pg_database) as conn:
        for i, body in enumerate([text, *others]):
            article = conn.execute(
                "INSERT INTO articles (text, text_hash, imported_at) VALUES (%s, %s, 'now') RETURNING id",
                [body, f"h{i}"],
            ).fetchone()[0]
            conn.execute(
                'INSERT INTO sentences (article_id, start, "end", text, title) VALUES (%s, 0, %s, %s, %s)',
                [article, len(body), body, "Troop withdrawal" if i == 0 else ""],
            )
    monkeypatch.undo()
    assert init_desk(pg_database).applied[:1] == ("m010_stemmed_index",)
    with psycopg.connect(pg_database) as conn:
        terms, title_terms = conn.execute("SELECT terms, title_terms FROM sentences ORDER BY id").fetchone()
        indexed = conn.execute("SELECT count(*) FROM sentence_index").fetchone()[0]
    assert (terms, title_terms) == (index_text(text), index_text("Troop withdrawal"))
    assert "troop" in terms.split() and indexed == 3
    with Workspace.open(pg_database) as ws:
        hits = ws.search.match("The troops were withdrawn from the bases")
    assert [h.text for h in hits][:1] == [text]


def test_a_desk_made_by_a_newer_version_is_a_clear_error(pg_database: str) -> None:
    init_desk(pg_database)
    with psycopg.connect(pg_database) as conn:
        conn.execute("INSERT INTO schema_migrations (number, name) VALUES (99, 'm099_future')")
    with pytest.raises(NewerWorkspace, match="newer version of the workbench"):
        Workspace.open(pg_database)
    with pytest.raises(NewerWorkspace):
        init_desk(pg_database)


def test_an_empty_database_is_not_a_desk_yet(pg_database: str) -> None:
    with pytest.raises(NotAWorkspace, match="workbench desk init"):
        Workspace.open(pg_database)


def test_the_audit_log_refuses_update_and_delete_even_to_the_owner(pg_database: str) -> None:
    init_desk(pg_database)
    with Workspace.open(pg_database) as ws:  # the superuser who owns the tables, through the app
        ws.audit.record("note", "test", 1)
        for statement in ("UPDATE audit SET action = 'x'", "DELETE FROM audit", "TRUNCATE audit"):
            with pytest.raises(WorkspaceError, match="append-only"):
                try:
                    ws.db.execute(statement)
                except psycopg.Error as exc:
                    raise ws.engine.translate(exc) from exc
        assert [e.action for e in ws.audit.entries()] == ["note"]


def test_the_audit_who_is_the_servers_session_user(pg_database: str, pg_login_role) -> None:
    init_desk(pg_database)
    anna = pg_login_role("anna")
    grant_role(pg_database, "anna", "checker")
    with Workspace.open(anna, user="somebody-else") as ws:
        assert ws.user == "anna"
        ws.db.execute(
            "INSERT INTO audit (at, \"user\", action, entity) VALUES ('now', 'mallory', 'forged', 'x')"
        )
        assert [e.user for e in ws.audit.entries()] == ["anna"]


def test_a_viewer_reads_and_is_refused_an_import(pg_database: str, pg_login_role) -> None:
    init_desk(pg_database)
    vera = pg_login_role("vera")
    grant_role(pg_database, "vera", "viewer")
    from db.flows.importing import import_paths

    with Workspace.open(vera) as ws:
        assert ws.articles.count() == 0
        with pytest.raises(NotPermitted, match="^vera is a viewer: importing needs the checker role$"):
            import_paths(ws, [SEEDS])


def test_grant_needs_an_existing_login_role(pg_database: str) -> None:
    init_desk(pg_database)
    with pytest.raises(NotAWorkspace, match="CREATE ROLE nobody LOGIN"):
        grant_role(pg_database, "nobody", "checker")


def _cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_desk_flow_from_the_cli(pg_database: str, pg_login_role, capsys) -> None:
    """Issue 12's "Done when": init, anna a checker and ben an editor, import, verdict, review, sign-off."""
    code, _, err = _cli(capsys, "desk", "init", pg_database)
    assert code == 0, err
    anna, ben = pg_login_role("anna"), pg_login_role("ben")
    assert _cli(capsys, "desk", "grant", "anna", "checker", "-w", pg_database)[0] == 0
    assert _cli(capsys, "desk", "grant", "ben", "editor", "-w", pg_database)[0] == 0

    code, out, err = _cli(capsys, "import", str(SEEDS), "-w", anna, "--propose", "--json")
    assert code == 0, err
    article = json.loads(out)["added"][0]
    code, out, _ = _cli(capsys, "show", str(article), "-w", anna, "--json")
    claim = json.loads(out)["claims"][0]["id"]

    code, _, err = _cli(capsys, "verdict", str(claim), "verified", "-w", anna, "--note", "checked")
    assert code == 0, err
    code, _, err = _cli(capsys, "review", str(claim), "--approve", "-w", anna)
    assert (
        code == 1
        and err.strip() == "workbench: error: anna is a checker: reviewing claims needs the editor role"
    )
    code, _, err = _cli(capsys, "review", str(claim), "--approve", "-w", ben)
    assert code == 0, err
    assert "approved by ben" in err

    code, _, err = _cli(capsys, "signoff", str(article), "-w", anna, "--force")
    assert code == 1
    assert (
        err.strip().splitlines()[-1]
        == "workbench: error: anna is a checker: signing off needs the editor role"
    )
    assert "Traceback" not in err
    code, _, err = _cli(capsys, "signoff", str(article), "-w", ben, "--force")
    assert code == 0, err
    assert f"article {article}: signed off by ben" in err

    with Workspace.open(ben) as ws:
        who = {(e.user, e.action) for e in ws.audit.entries()}
        assert ws.articles.sign_off(article)[0] == "ben"
        assert ws.claims.get(claim).reviewer == "ben"
    assert ("anna", "import") in who and ("anna", "update") in who and ("anna", "create") in who
    assert ("ben", "update") in who and ("ben", "sign_off") in who
    assert {user for user, _ in who} == {"anna", "ben"}


def test_match_on_a_desk_finds_the_seed(pg_database, pg_login_role, capsys):
    """The desk's sentence index (m010, db/engines/pg_search.py) follows every import: `match`
    as a checker finds the seed's sentence."""
    init_desk(pg_database)
    anna = pg_login_role("anna")
    grant_role(pg_database, "anna", "checker")
    assert _cli(capsys, "import", str(SEEDS), "-w", anna)[0] == 0
    code, out, err = _cli(capsys, "match", "3,000 troops", "-w", anna, "--json")
    assert code == 0, err
    assert any("3,000 troops" in hit["text"] for hit in json.loads(out)["matches"])


def test_sslmode_goes_to_libpq_and_a_bad_one_is_one_clear_line(pg_database: str, capsys) -> None:
    init_desk(pg_database)
    with Workspace.open(pg_database + "&sslmode=disable") as ws:  # libpq takes it as given
        assert ws.is_desk and "sslmode=disable" in ws.location
    code, _, err = _cli(capsys, "articles", "-w", pg_database + "&sslmode=sometimes")
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "sslmode" in err and "sometimes" in err and "Traceback" not in err


def test_a_login_without_a_desk_role_is_told_who_grants_one(pg_database: str, pg_login_role, capsys) -> None:
    init_desk(pg_database)
    zoe = pg_login_role("zoe")
    code, _, err = _cli(capsys, "articles", "-w", zoe)
    assert code == 1
    assert err.strip() == (
        f"workbench: error: zoe has no role on the desk {public_location(zoe)}: its administrator gives one "
        "with `workbench desk grant zoe checker|editor|viewer -w URL`"
    )


def test_rows_put_back_under_their_id_leave_new_ids_free(any_ws) -> None:
    """Undo of a deletion re-inserts rows with their ids; a desk's identity sequences move past them."""
    from db.queries.claim_rows import generate_claims

    first = generate_claims(any_ws, 6, articles=2)
    claim = any_ws.claims.for_article(first)[0]
    note = any_ws.notes.add(claim.id, body="called the ministry")
    snapshot = any_ws.claims.delete(claim.id)
    any_ws.claims.restore(snapshot)
    again = any_ws.claims.add(first, 0, 3)
    later = any_ws.notes.add(again.id, body="and the embassy")
    assert again.id > max(c.id for c in any_ws.claims.for_article(first + 1)) and later.id > note.id
    assert [n.body for n in any_ws.notes.for_claim(claim.id)] == ["called the ministry"]


def test_a_libpq_service_file_names_the_desk(pg_database: str, tmp_path: Path, monkeypatch, capsys) -> None:
    from psycopg.conninfo import conninfo_to_dict

    init_desk(pg_database)
    params = conninfo_to_dict(pg_database)
    services = tmp_path / "pg_service.conf"
    services.write_text(
        f"[newsdesk]\nhost={params['host']}\nport={params['port']}\ndbname={params['dbname']}\nuser=postgres\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    code, out, err = _cli(capsys, "articles", "-w", "postgresql:///?service=newsdesk", "--json")
    assert code == 0, err
    assert json.loads(out) == []


def test_the_server_not_the_client_refuses_a_checkers_review_and_sign_off(
    pg_database: str, pg_login_role
) -> None:
    """Straight SQL from a checker's session, past every check of the app: the server refuses."""
    init_desk(pg_database)
    anna = pg_login_role("anna")
    grant_role(pg_database, "anna", "checker")
    with psycopg.connect(anna, autocommit=True) as conn:
        conn.execute("INSERT INTO articles (text, text_hash, imported_at) VALUES ('t', 'h', 'now')")
        article = conn.execute("SELECT id FROM articles").fetchone()[0]
        conn.execute("UPDATE articles SET title = 'fine' WHERE id = %s", (article,))
        conn.execute(
            'INSERT INTO claims (article_id, start, "end", text) VALUES (%s, 0, 1, %s)', (article, "t")
        )
        for statement in (
            "UPDATE articles SET signed_off_by = 'anna'",
            "UPDATE claims SET review = 'approved', reviewer = 'anna'",
            "INSERT INTO claims (article_id, start, \"end\", text, review) SELECT id, 0, 1, 't', 'approved' FROM articles",
            "INSERT INTO articles (text, text_hash, imported_at, signed_off_by) VALUES ('u', 'i', 'now', 'anna')",
            "DELETE FROM audit",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
