"""db/stores/matches.py: stored matches, links, counts, and the issue's "done when" cases."""

from __future__ import annotations

import pytest

from db.flows.importing import import_paths
from db.queries.claim_rows import ClaimRow, all_rows, article_rows, rows_for_ids
from db.stores.matches import MatchNotFound
from db.workspace import ReadOnlyWorkspace, Workspace
from workbench.matching.corroboration import MatchRole
from workbench.model import ArticleMeta, ImportItem, LinkKind, MatchRelation

TROOPS_CLAIM = "around 3,000 troops based in three bases across the country"
CONFLICTING = (
    "WASHINGTON • The Pentagon said on Monday that the US has about 5,200 troops in Iraq, more than "
    "previously reported, based in three bases across the country.\n\nOfficials declined to say more."
)


def _claim(ws: Workspace, phrase: str, article_id: int = 1) -> int:
    text = ws.articles.get(article_id).text
    start = text.index(phrase)
    return ws.claims.add(article_id, start, start + len(phrase)).id


def _table_counts(ws: Workspace, claim_id: int) -> tuple[int, int]:
    """The claims table's (matches, conflicts) for a claim, from each of its three row queries."""
    by_article = {r[ClaimRow.ID]: (r[ClaimRow.MATCHES], r[ClaimRow.CONFLICTS]) for r in article_rows(ws, 1)}
    by_workspace = {r[ClaimRow.ID]: (r[ClaimRow.MATCHES], r[ClaimRow.CONFLICTS]) for r in all_rows(ws)}
    row = rows_for_ids(ws, [claim_id])[claim_id]
    assert by_article[claim_id] == by_workspace[claim_id] == (row[ClaimRow.MATCHES], row[ClaimRow.CONFLICTS])
    return by_article[claim_id]


def _republished(text: str) -> str:
    return "Republished from the wire.\n\n" + text.replace("Agence France-Presse", "AFP")


def test_importing_a_conflicting_article_flags_the_seed_claim(seed_ws, tmp_path):
    claim_id = _claim(seed_ws, TROOPS_CLAIM)
    assert seed_ws.matches.counts(1) == {}
    other = tmp_path / "pentagon.txt"
    other.write_text(CONFLICTING, encoding="utf-8")
    report = import_paths(seed_ws, [other])
    (match,) = seed_ws.matches.for_claim(claim_id)
    assert match.result.article_id == report.added[0].article_id
    assert match.result.relation is MatchRelation.CONFLICT
    assert match.result.conflicts == ("around 3,000 troops ≠ about 5,200 troops",)
    assert seed_ws.matches.counts(1) == {claim_id: (0, 1)}


def test_proposed_claims_are_flagged_too(seed_ws, tmp_path):
    from db.flows.importing import propose_claims

    propose_claims(seed_ws, 1)
    troops = [c for c in seed_ws.claims.for_article(1) if "3,000 troops" in c.text]
    assert troops, "the extraction engine proposes the troops claim"
    other = tmp_path / "pentagon.txt"
    other.write_text(CONFLICTING, encoding="utf-8")
    import_paths(seed_ws, [other])
    counts = seed_ws.matches.counts(1)
    assert counts[troops[0].id][1] == 1


def _import_copies(ws, tmp_path) -> None:
    seed_text = ws.articles.get(1).text
    for name in ("a", "b"):
        path = tmp_path / f"copy-{name}.txt"
        path.write_text(_republished(seed_text) + f"\n\nCopy {name}.", encoding="utf-8")
        import_paths(ws, [path])


INDEPENDENT = "Mike Pompeo called Iraqi President Barham Saleh, a State Department aide confirmed."


def test_republished_copy_counts_once(seed_ws, tmp_path):
    _import_copies(seed_ws, tmp_path)
    independent = tmp_path / "independent.txt"
    independent.write_text(INDEPENDENT, encoding="utf-8")
    other = import_paths(seed_ws, [independent]).added[0].article_id
    claim_id = seed_ws.claims.add(other, 0, INDEPENDENT.index(",")).id
    matches = seed_ws.matches.match_claim(claim_id)
    assert len(matches) == 3  # the seed and both copies are kept...
    assert {m.result.relation for m in matches} == {MatchRelation.AGREE}
    assert seed_ws.matches.counts(other) == {claim_id: (1, 0)}  # ...but they are one source
    assert seed_ws.matches.corroboration(claim_id).counts == (1, 0)


def test_copies_of_the_claims_own_story_do_not_corroborate_it(seed_ws, tmp_path):
    """Dogfood: "2 independent sources corroborate (US threatens to close Baghdad…)" counted a
    republished copy of the seed as corroborating the seed's own claim."""
    claim_id = _claim(seed_ws, "Mike Pompeo called Iraqi President Barham Saleh last week")
    _import_copies(seed_ws, tmp_path)
    independent = tmp_path / "independent.txt"
    independent.write_text(INDEPENDENT, encoding="utf-8")
    import_paths(seed_ws, [independent])
    matches = seed_ws.matches.for_claim(claim_id)
    assert len(matches) == 3  # both copies and the independent report are kept and shown...
    assert [m.own_story for m in matches].count(True) == 2
    assert seed_ws.matches.counts(1) == {claim_id: (1, 0)}  # ...only the independent one counts
    assert _table_counts(seed_ws, claim_id) == (1, 0)  # and so in the claims table
    result = seed_ws.matches.corroboration(claim_id)
    assert result.counts == (1, 0) and len(result.copies) == 2
    roles = seed_ws.matches.roles(1)
    assert sorted(roles.values()) == sorted([MatchRole.OWN_STORY] * 2 + [MatchRole.CORROBORATES])
    for match in matches:  # a person's link does not make a copy of the story count either
        seed_ws.matches.set_link(match.id, LinkKind.CORROBORATES)
    assert seed_ws.matches.counts(1) == {claim_id: (1, 0)} and _table_counts(seed_ws, claim_id) == (1, 0)


def test_unrelated_matches_do_not_corroborate(seed_ws):
    claim_id = _claim(seed_ws, "Mike Pompeo called Iraqi President Barham Saleh last week")
    seed_ws.articles.add(
        ImportItem(
            "Iraqi President Barham Saleh met Mike Pompeo in Washington to talk about oil and water.",
            ArticleMeta(title="t"),
        )
    )
    (match,) = seed_ws.matches.match_claim(claim_id)
    assert match.result.relation is MatchRelation.UNRELATED
    assert seed_ws.matches.counts(1) == {claim_id: (0, 0)} and _table_counts(seed_ws, claim_id) == (0, 0)
    seed_ws.matches.set_link(match.id, LinkKind.SAME_CLAIM)  # a person decides
    assert seed_ws.matches.counts(1) == {claim_id: (1, 0)} and _table_counts(seed_ws, claim_id) == (1, 0)


def test_a_denial_flags_the_claim_as_conflicting(seed_ws):
    claim_id = _claim(seed_ws, "Mike Pompeo called Iraqi President Barham Saleh last week")
    seed_ws.articles.add(
        ImportItem(
            "Secretary of State Mike Pompeo did not call Iraqi President Barham Saleh, a spokesman said.",
            ArticleMeta(title="t"),
        )
    )
    (match,) = seed_ws.matches.match_claim(claim_id)
    assert match.result.relation is MatchRelation.CONFLICT
    assert match.result.conflicts == ("called ≠ did not call",)
    assert seed_ws.matches.counts(1) == {claim_id: (0, 1)}


def test_match_claim_excludes_its_article_and_replaces_unlinked(seed_ws):
    claim_id = _claim(seed_ws, "Mike Pompeo called Iraqi President Barham Saleh")
    assert seed_ws.matches.match_claim(claim_id) == []  # the only copy of the sentence is the claim's own
    other = seed_ws.articles.add(
        ImportItem("Pompeo called Iraqi President Barham Saleh on Thursday.", ArticleMeta(title="t"))
    ).article_id
    (first,) = seed_ws.matches.match_claim(claim_id)
    assert first.result.article_id == other and first.link is None
    seed_ws.matches.set_link(first.id, LinkKind.SAME_CLAIM)
    (again,) = seed_ws.matches.match_claim(claim_id)  # re-running keeps the linked match, adds no duplicate
    assert again.id == first.id and again.link is LinkKind.SAME_CLAIM


def test_set_link_is_audited_and_decides_the_count(seed_ws):
    claim_id = _claim(seed_ws, TROOPS_CLAIM)
    seed_ws.articles.add(ImportItem(CONFLICTING, ArticleMeta(title="p")))
    (match,) = seed_ws.matches.match_claim(claim_id)
    assert seed_ws.matches.counts(1) == {claim_id: (0, 1)}
    assert _table_counts(seed_ws, claim_id) == (0, 1)
    assert seed_ws.matches.set_link(match.id, LinkKind.CORROBORATES) is None
    assert seed_ws.matches.counts(1) == {claim_id: (1, 0)}
    assert _table_counts(seed_ws, claim_id) == (1, 0)  # a person's link beats the numbers
    assert seed_ws.matches.set_link(match.id, None) is LinkKind.CORROBORATES
    assert seed_ws.matches.counts(1) == {claim_id: (0, 1)}
    rows = seed_ws.db.execute("SELECT old, new FROM audit WHERE action = 'link' ORDER BY id").fetchall()
    assert rows == [("", "corroborates"), ("corroborates", "")]
    with pytest.raises(MatchNotFound):
        seed_ws.matches.set_link(9999, LinkKind.CONTRADICTS)


def test_match_article_reports_progress_and_stops_when_cancelled(seed_ws):
    for phrase in ("Mike Pompeo called Iraqi President Barham Saleh", TROOPS_CLAIM):
        _claim(seed_ws, phrase)
    seed_ws.articles.add(ImportItem(CONFLICTING, ArticleMeta(title="p")))
    seen = []
    run = seed_ws.matches.match_article(1, progress=lambda done, total: seen.append((done, total)))
    assert (run.claims, run.conflicts) == (2, 1)
    assert seen == [(0, 2), (1, 2), (2, 2)]
    assert seed_ws.matches.match_article(1, cancelled=lambda: True).cancelled


def test_read_only_workspace_refuses_to_store(seed_ws, ws_path):
    claim_id = _claim(seed_ws, TROOPS_CLAIM)
    seed_ws.close()
    with Workspace.open(ws_path, read_only=True) as ws, pytest.raises(ReadOnlyWorkspace):
        ws.matches.match_claim(claim_id)


def test_migration_works_out_relations_of_older_matches(seed_ws, ws_path):
    """Matches stored before migration m005 were `unrelated` without numbers; m005 works them out again."""
    claim_id = _claim(seed_ws, "Mike Pompeo called Iraqi President Barham Saleh last week")
    seed_ws.articles.add(ImportItem(INDEPENDENT, ArticleMeta(title="t")))
    (match,) = seed_ws.matches.match_claim(claim_id)
    with seed_ws.db.atomic():
        seed_ws.db.execute("UPDATE matches SET relation = 'unrelated', reasons = '{}'")
        seed_ws.db.execute("PRAGMA user_version = 4")
    seed_ws.close()
    with Workspace.open(ws_path) as ws:
        (again,) = ws.matches.for_claim(claim_id)
        assert again.result.relation is MatchRelation.AGREE and "pompeo" in again.result.extra["names"]
        assert ws.matches.counts(1) == {claim_id: (1, 0)}


def test_a_long_claim_is_flagged_by_a_sentence_stating_one_of_its_facts(seed_ws, tmp_path):
    """Dogfood: the seed's diplomats-and-troops sentence scored 37 against "about 5,200 troops"
    and the conflict was not stored (only matches from 40 were)."""
    text = seed_ws.articles.get(1).text
    start = text.index("The US still has hundreds of diplomats")
    claim_id = seed_ws.claims.add(1, start, text.index("across the country", start) + 18).id
    other = tmp_path / "reuters.txt"
    other.write_text(
        "The US has about 5,200 troops in Iraq, according to the Pentagon, spread across several bases.",
        encoding="utf-8",
    )
    import_paths(seed_ws, [other])
    (match,) = seed_ws.matches.for_claim(claim_id)
    assert match.result.relation is MatchRelation.CONFLICT and match.result.score < 40
    assert seed_ws.matches.counts(1) == {claim_id: (0, 1)}


def test_copies_of_the_claims_own_story_are_listed_after_what_counts(seed_ws, tmp_path, qtmodeltester):
    """QA: a copy of the claim's own story (score 109) was listed above the conflicting fact check."""
    from ui.app.panels.matches_model import MatchesModel

    claim_id = _claim(seed_ws, "Mike Pompeo called Iraqi President Barham Saleh last week")
    _import_copies(seed_ws, tmp_path)
    independent = tmp_path / "independent.txt"
    independent.write_text(INDEPENDENT, encoding="utf-8")
    import_paths(seed_ws, [independent])
    matches = seed_ws.matches.for_claim(claim_id)
    assert [m.own_story for m in matches] == [False, True, True]
    assert (
        max(m.result.score for m in matches if m.own_story) > matches[0].result.score
    )  # copies score higher
    model = MatchesModel()
    model.set_matches(list(reversed(matches)))
    qtmodeltester.check(model)
    assert [model.match_at(r).own_story for r in range(model.rowCount())] == [False, True, True]


def test_a_derived_title_is_not_searched_as_a_title(fresh_ws, tmp_path):
    """A statement stored without a title is given one from its first words; that title must not
    make every sentence of the statement match a query about its first sentence (issue 15)."""
    path = tmp_path / "statements.jsonl"
    path.write_text(
        '{"text": "Prices rose in Bagdad last week. The minister said 3,000 troops would leave."}\n'
        '{"text": "Food prices rose in Basra.", "title": "Prices rose in Bagdad, officials say"}\n',
        encoding="utf-8",
    )
    import_paths(fresh_ws, [path])
    texts = [r.text for r in fresh_ws.search.match("prices rose in Bagdad")]
    assert "The minister said 3,000 troops would leave." not in texts
    assert "Prices rose in Bagdad last week." in texts
    # a title a person wrote is still searched with the statement's sentences
    assert "Food prices rose in Basra." in texts


def test_migration_9_clears_derived_titles_indexed_before(tmp_path):
    import sqlite3

    from db import migrations

    path = tmp_path / "old.db"
    source = tmp_path / "statements.jsonl"
    source.write_text(
        '{"text": "Prices rose in Bagdad last week. The minister said 3,000 troops would leave."}\n',
        encoding="utf-8",
    )
    with Workspace.open(path) as ws:
        import_paths(ws, [source])
    with sqlite3.connect(path) as conn:  # the index as version 8 left it: the derived title in it
        conn.execute("UPDATE sentences SET title = (SELECT title FROM articles WHERE id = article_id)")
        conn.execute("PRAGMA user_version = 8")
    conn.close()
    with Workspace.open(path) as ws:
        assert ws.db.execute("PRAGMA user_version").fetchone()[0] == migrations.latest_version()
        assert ws.db.execute("SELECT count(*) FROM sentences WHERE title != ''").fetchone()[0] == 0
        texts = [r.text for r in ws.search.match("prices rose in Bagdad")]
        assert "The minister said 3,000 troops would leave." not in texts
        assert ws.articles.get(1).title.startswith("Prices rose in Bagdad")  # kept for display
