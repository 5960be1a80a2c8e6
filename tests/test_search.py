"""db/stores/search.py: FTS5 candidates and `match` on a real workspace (the seed article)."""

from __future__ import annotations

from workbench.matching.query import index_text
from workbench.model import ArticleMeta, ImportItem, ItemKind


def _add(ws, text, title="other", url="", kind=ItemKind.ARTICLE):
    return ws.articles.add(ImportItem(text, ArticleMeta(title=title, url=url), kind=kind)).article_id


def test_short_claim_finds_its_sentence(seed_ws):
    results = seed_ws.search.match("Pompeo called Saleh")
    assert results[0].text.startswith("In a new escalation, US Secretary of State Mike Pompeo called")
    assert results[0].article_id == 1
    assert seed_ws.articles.get(1).text[results[0].start : results[0].end] == results[0].text
    assert {"pompeo", "saleh"} <= set(results[0].shared_terms)


def test_typo_and_spelling_variant(seed_ws):
    assert "Pompeo called" in seed_ws.search.match("Pompoe caled Saleh")[0].text
    assert "al-Kadhemi" in seed_ws.search.match("Kadhimi took office")[0].text


def test_diacritics_and_possessives(seed_ws):
    assert "al-Kadhemi" in seed_ws.search.match("Kadhémi's office")[0].text
    assert "Kataeb Hizbollah" in seed_ws.search.match("KATAEB HIZBOLLAH")[0].text


def test_stopwords_only_match_nothing(seed_ws):
    assert seed_ws.search.match("the and of it was") == []
    assert seed_ws.search.match("") == []


def test_own_article_excluded(seed_ws):
    other = _add(seed_ws, "Mike Pompeo called Barham Saleh, the Iraqi president, on Friday.")
    results = seed_ws.search.match("Pompeo called Saleh", exclude_article=1)
    assert [r.article_id for r in results] == [other]


def test_superseded_versions_are_left_out(seed_ws):
    first = _add(seed_ws, "Pompeo phoned Saleh on Monday.", url="https://example.com/a")
    second = _add(seed_ws, "Pompeo phoned Saleh on Tuesday.", url="https://example.com/a")
    assert seed_ws.articles.get(second).version_of == first
    ids = {r.article_id for r in seed_ws.search.match("Pompeo phoned Saleh")}
    assert second in ids and first not in ids


def test_statements_are_matched_with_their_external_id(fresh_ws):
    fresh_ws.articles.add(
        ImportItem(
            "Drinking bleach cures the coronavirus.",
            ArticleMeta(title="Bleach", url="urn:vclaim:42", external_id="vclaim:42"),
            kind=ItemKind.STATEMENT,
        )
    )
    (result,) = fresh_ws.search.match("does drinking bleach cure coronavirus?")
    assert result.article_url == "urn:vclaim:42"
    assert result.extra["external_id"] == "vclaim:42"


def test_statistics_follow_new_imports(seed_ws):
    search = seed_ws.search
    before = search.total()
    assert search.match("zanzibar ferry") == []
    _add(seed_ws, "A ferry sank off Zanzibar on Sunday with 40 people aboard.")
    assert search.total() == before + 1
    assert "Zanzibar" in search.match("zanzibar ferry")[0].text


def test_a_statements_title_is_searchable_and_counts_in_the_score(seed_ws):
    # A fact-check archive entry: the claim text says "legalized", only the headline says "incest".
    checked = _add(
        seed_ws,
        "Alabama legalized marriages between siblings.",
        title="Did Alabama Bless Incest Marriages?",
        url="urn:check:1",
        kind=ItemKind.STATEMENT,
    )
    untitled = _add(seed_ws, "Alabama legalized marriages between siblings in 1850.", title="Incest archive")
    results = seed_ws.search.match("Alabama incest marriage now legal #BreakingNews")
    assert results[0].article_id == checked  # the statement's title words count as its own
    assert results[0].text == "Alabama legalized marriages between siblings."
    assert untitled in {r.article_id for r in results}  # an article's title is not indexed
    assert results[0].score > next(r.score for r in results if r.article_id == untitled)
    hits = seed_ws.db.execute("SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH 'bless'").fetchall()
    assert len(hits) == 1
    seed_ws.articles.delete(checked)  # the index forgets the title too
    assert not seed_ws.db.execute(
        "SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH 'bless'"
    ).fetchall()
    seed_ws.db.execute("INSERT INTO sentences_fts (sentences_fts) VALUES ('integrity-check')")


def test_migration_indexes_the_titles_of_stored_statements(tmp_path):
    import sqlite3

    from db import migrations
    from db.workspace import Workspace

    path = tmp_path / "old.db"
    ws = Workspace.open(path)
    conn = ws.db.conn
    # Back to the m003 layout: one FTS5 column, no sentence titles, no triggers (m006), no terms (m010).
    for trigger in (
        "sentences_ai",
        "sentences_ad",
        "sentences_au",
        "sentences_restem_au",
        "sentences_restem_ai",
    ):
        conn.execute(f"DROP TRIGGER {trigger}")
    conn.execute("DROP TABLE sentences_fts")
    conn.execute("DROP TABLE sentences_restem")
    for column in ("title", "terms", "title_terms"):
        conn.execute(f"ALTER TABLE sentences DROP COLUMN {column}")
    conn.execute(
        "CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='id', "
        'tokenize="unicode61 remove_diacritics 2")'
    )
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    ws.close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO articles (id, kind, title, text, text_hash, imported_at) "
        "VALUES (1, 'statement', 'Headline words', 'Body text.', 'h', 'now')"
    )
    conn.execute(
        "INSERT INTO sentences (id, article_id, start, \"end\", text) VALUES (1, 1, 0, 10, 'Body text.')"
    )
    conn.execute("INSERT INTO sentences_fts (rowid, text) VALUES (1, 'Body text.')")
    conn.commit()
    conn.close()
    ws = Workspace.open(path)
    assert ws.db.execute("PRAGMA user_version").fetchone()[0] == migrations.latest_version()
    assert [r.article_id for r in ws.search.match("headline words: body text")] == [1]
    assert ws.db.execute(
        "SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?", [index_text("headline")]
    ).fetchall() == [(1,)]
    ws.db.execute("INSERT INTO sentences_fts (sentences_fts) VALUES ('integrity-check')")
    ws.close()
