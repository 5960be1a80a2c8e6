"""Worth stored with every claim (migration m006), computed again after an edit, and weak proposals
left out of reports, exports and the sign-off questions (issue 17)."""

from __future__ import annotations

import json
import sqlite3

import pytest
from sqlite_utils import Database

from db import Workspace, migrations
from db.flows.importing import propose_claims
from db.queries.report_data import load_report_data, open_questions
from db.workspace import APPLICATION_ID
from ui.cli.main import main
from workbench.extraction.lexicon.worth_rules import BASE
from workbench.extraction.worth import DEFAULT_THRESHOLD
from workbench.model import Origin

MIGRATION = next(i for i, fn in enumerate(migrations.MIGRATIONS, 1) if fn.__name__.endswith("_claim_worth"))


def weak_and_strong(ws: Workspace) -> tuple[list, list]:
    claims = ws.claims.for_article(1)
    return [c for c in claims if c.weak(DEFAULT_THRESHOLD)], [
        c for c in claims if not c.weak(DEFAULT_THRESHOLD)
    ]


def test_proposals_are_stored_with_their_worth_and_reasons(seed_ws):
    propose_claims(seed_ws, 1)
    weak, strong = weak_and_strong(seed_ws)
    assert weak and strong
    for c in seed_ws.claims.for_article(1):
        assert c.worth is not None and c.worth_reasons
        assert c.worth == max(0, min(100, BASE + sum(r.points for r in c.worth_reasons)))
    troops = next(c for c in strong if "3,000 troops" in c.text)
    assert any(r.rule == "number_with_unit" for r in troops.worth_reasons)


def test_a_claim_made_by_hand_gets_a_worth_and_a_moved_span_a_new_one(seed_ws):
    text = seed_ws.articles.get(1).text
    start = text.index("around 3,000 troops")
    claim = seed_ws.claims.add(1, start, start + len("around 3,000 troops based in three bases"))
    assert claim.worth is not None and claim.worth >= DEFAULT_THRESHOLD
    assert not claim.weak(DEFAULT_THRESHOLD)  # a claim a person made is never weak
    quote = text.index("They're sending a message")
    seed_ws.claims.set_span(claim.id, quote, quote + len("They're sending a message"))
    moved = seed_ws.claims.get(claim.id)
    assert moved.worth < claim.worth
    assert "number_with_unit" not in {r.rule for r in moved.worth_reasons}


def test_migration_scores_claims_stored_before_worth_existed(tmp_path, seed_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    db = Database(conn)
    for number, fn in enumerate(migrations.MIGRATIONS[: MIGRATION - 1], 1):
        with db.atomic():
            fn(db)
            db.execute(f"PRAGMA user_version = {number}")
    text = "The army sent 3,000 troops to the border on Monday.\n\nWhat a lovely day it was, folks!"
    conn.execute(
        "INSERT INTO articles (id, title, text, text_hash, imported_at) VALUES (1, 't', ?, 'h', 'now')",
        [text],
    )
    for i, phrase in enumerate(("The army sent 3,000 troops to the border", "What a lovely day it was"), 1):
        s = text.index(phrase)
        conn.execute(
            'INSERT INTO claims (id, article_id, start, "end", text, origin) VALUES (?, 1, ?, ?, ?, ?)',
            [i, s, s + len(phrase), phrase, "proposed"],
        )
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.commit()
    conn.close()
    with Workspace.open(path) as ws:
        assert migrations.current_version(ws.db) == migrations.latest_version()
        troops, day = ws.claims.for_article(1)
        assert troops.worth >= DEFAULT_THRESHOLD and troops.worth_reasons
        assert day.weak(DEFAULT_THRESHOLD)
        # the database refuses a worth outside 0-100
        try:
            ws.db.execute("UPDATE claims SET worth = 101 WHERE id = 1")
        except sqlite3.IntegrityError:
            pass
        else:
            raise AssertionError("worth 101 was stored")


def test_reports_list_accepted_claims_and_proposals_above_the_threshold(seed_ws):
    propose_claims(seed_ws, 1)
    weak, strong = weak_and_strong(seed_ws)
    accepted = weak[0]
    seed_ws.claims.update(accepted.id, origin=Origin.ACCEPTED)
    reported = {c.id for c in load_report_data(seed_ws, 1).articles[0].claims}
    assert reported == {c.id for c in strong} | {accepted.id}
    everything = {c.id for c in load_report_data(seed_ws, 1, threshold=None).articles[0].claims}
    assert everything == {c.id for c in seed_ws.claims.for_article(1, include_rejected=False)}
    assert open_questions(seed_ws, 1).proposals == len(strong)


def test_cli_export_leaves_weak_proposals_out_unless_asked(capsys, seed_ws, ws_path):
    propose_claims(seed_ws, 1)
    weak, strong = weak_and_strong(seed_ws)
    seed_ws.close()
    assert main(["export", "-w", str(ws_path), "--format", "json", "-o", "-"]) == 0
    shown = json.loads(capsys.readouterr().out)
    ids = {c["id"] for a in shown["articles"] for c in a["claims"]}
    assert ids == {c.id for c in strong}
    assert main(["export", "-w", str(ws_path), "--format", "json", "-o", "-", "--include-weak"]) == 0
    every = json.loads(capsys.readouterr().out)
    assert {c["id"] for a in every["articles"] for c in a["claims"]} == {c.id for c in weak + strong}


def test_cli_extract_json_has_worth_reasons_and_weak(capsys, seed_path):
    assert main(["extract", str(seed_path), "--json", "--threshold", "60"]) == 0
    claims = json.loads(capsys.readouterr().out)["claims"]
    assert claims and all({"worth", "reasons", "weak"} <= set(c) for c in claims)
    assert all(c["weak"] == (c["worth"] < 60) for c in claims)
    with pytest.raises(SystemExit) as exit_:
        main(["extract", str(seed_path), "--threshold", "101"])
    assert exit_.value.code == 2
    assert "between 0 and 100" in capsys.readouterr().err
