"""Updated articles: every claim follows the new text, and one that cannot be placed is kept as an orphan."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import workbench.text.anchors as anchors
from db import Workspace
from db.flows.importing import import_paths, propose_claims
from db.flows.reanchor import orphans, previous_span
from workbench.model import Attribution, SourceKind, Status
from workbench.text.anchors import TextAnchor, resolve
from workbench.text.importers import read_file
from workbench.text.sentences import split_sentences

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_49799be3d89e085a.txt"
SEED_RAW = SEED.read_text(encoding="utf-8")
SEED_TEXT = read_file(SEED)[0].text

TROOPS = "around 3,000 troops"
ANGRY = "They're really, really, really angry,\" one Iraqi official said."
POMPEO = "US Secretary of State Mike Pompeo called Iraqi President Barham Saleh last week"
RIFT = "The new US threats seem to have deepened the growing rift between factions loyal to Iran"


def _paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def insert_sentence(raw: str) -> str:
    return raw.replace(
        "In a new escalation,", "A spokesman declined to comment on Monday. In a new escalation,"
    )


def change_word(raw: str) -> str:
    return raw.replace("Mike Pompeo called Iraqi", "Mike Pompeo phoned Iraqi").replace(
        "around 3,000 troops", "about 2,500 troops"
    )


def delete_paragraph(raw: str) -> str:
    paragraphs = _paragraphs(raw)
    index = next(i for i, p in enumerate(paragraphs) if p.startswith('"The Americans'))
    return "\n\n".join(paragraphs[:index] + paragraphs[index + 1 :])


# --- the pure resolver --------------------------------------------------------------------------


def _anchor(text: str, phrase: str) -> TextAnchor:
    start = text.index(phrase)
    return TextAnchor.from_span(text, start, start + len(phrase))


def test_weights_are_those_of_hypothesis():
    assert (anchors.QUOTE_WEIGHT, anchors.PREFIX_WEIGHT, anchors.SUFFIX_WEIGHT, anchors.POSITION_WEIGHT) == (
        50,
        20,
        20,
        2,
    )
    assert anchors.CONTEXT_LEN == 32


def test_from_span_rejects_a_span_outside_the_text():
    with pytest.raises(ValueError, match="not inside"):
        TextAnchor.from_span("abc", 2, 5)


def test_unchanged_text_resolves_by_position():
    anchor = _anchor(SEED_TEXT, TROOPS)
    found = resolve(anchor, SEED_TEXT)
    assert (found.start, found.end, found.method, found.confidence) == (
        anchor.start,
        anchor.end,
        "position",
        1.0,
    )


def test_inserted_sentence_moves_the_span_exactly():
    anchor = _anchor(SEED_TEXT, POMPEO)
    new = insert_sentence(SEED_TEXT)
    found = resolve(anchor, new)
    assert found.method == "exact"
    assert new[found.start : found.end] == POMPEO
    assert found.start == anchor.start + len("A spokesman declined to comment on Monday. ")


def test_context_chooses_among_several_exact_hits():
    text = "The mayor said no. The governor said yes. The minister said maybe."
    start = text.index("said yes")
    anchor = TextAnchor.from_span(text, start, start + 4)  # the second "said"
    new = "Breaking: " + text.replace("The mayor said no. ", "")
    found = resolve(anchor, new)
    assert new[found.start - 9 : found.end + 4] == "governor said yes"


def test_position_breaks_a_tie_between_identical_contexts():
    text = "x said y. " * 5
    anchor = TextAnchor.from_span(text, 22, 26)  # "said" in the third repetition
    found = resolve(anchor, "z " + text)
    assert (found.start, found.end) == (24, 28)


def test_changed_word_inside_a_claim_is_found_fuzzily_with_its_new_wording():
    anchor = _anchor(SEED_TEXT, TROOPS)
    new = change_word(SEED_TEXT)
    found = resolve(anchor, new)
    assert found.method == "fuzzy"
    assert new[found.start : found.end] == "about 2,500 troops"
    assert anchors.MIN_CONFIDENCE <= found.confidence < 1.0


def test_fuzzy_ends_stay_on_word_boundaries():
    anchor = TextAnchor.from_span(SEED_TEXT, 0, 60)
    new = SEED_TEXT.replace("Enraged by", "Angered by")
    found = resolve(anchor, new)
    assert new[found.start : found.end].startswith("Angered by near-daily attacks")


def test_deleted_passage_is_not_placed():
    new = delete_paragraph(SEED_TEXT)
    assert resolve(_anchor(SEED_TEXT, ANGRY), new) is None


def test_a_short_quote_whose_words_all_changed_is_not_placed():
    assert resolve(_anchor(SEED_TEXT, "Pompeo"), SEED_TEXT.replace("Pompeo", "Blinken")) is None


def test_nothing_of_the_seed_is_placed_on_an_unrelated_text():
    other = (
        "The city council approved a new budget on Tuesday, raising spending on schools by 4 percent. "
        "Opposition members said the plan ignored rising rents.\n\n"
    ) * 20
    for sentence in split_sentences(SEED_TEXT):
        anchor = TextAnchor.from_span(SEED_TEXT, sentence.start, sentence.end)
        assert resolve(anchor, other) is None, sentence.text


def test_every_sentence_survives_the_three_edits():
    for edit in (insert_sentence, change_word):
        new = edit(SEED_TEXT)
        for sentence in split_sentences(SEED_TEXT):
            found = resolve(TextAnchor.from_span(SEED_TEXT, sentence.start, sentence.end), new)
            assert found is not None and 0 <= found.start < found.end <= len(new)


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("ab c.\n\u00e9"), min_size=1, max_size=300),
    data=st.data(),
    insert=st.text(alphabet="xyz ", max_size=40),
)
def test_resolve_property(text, data, insert):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    anchor = TextAnchor.from_span(text, start, end)
    assert resolve(anchor, text) == anchors.Resolved(start, end, 1.0, "position")
    at = data.draw(st.integers(0, start))
    new = text[:at] + insert + text[at:]
    found = resolve(anchor, new)
    assert found is not None  # the quote is still there, unchanged
    assert new[found.start : found.end] == anchor.exact
    assert 0 <= found.start < found.end <= len(new)
    assert 0.0 < found.confidence <= 1.0


@settings(max_examples=100, deadline=None)
@given(old=st.text(max_size=200), new=st.text(max_size=200), data=st.data())
def test_resolve_never_fails_and_returns_valid_spans(old, new, data):
    start = data.draw(st.integers(0, len(old)))
    end = data.draw(st.integers(start, len(old)))
    found = resolve(TextAnchor.from_span(old, start, end), new)
    if found is not None:
        assert 0 <= found.start < found.end <= len(new)


# --- claims carried over to a new version --------------------------------------------------------


def _claim_on(ws: Workspace, article_id: int, phrase: str, **kwargs):
    text = ws.articles.get(article_id).text
    start = text.index(phrase)
    return ws.claims.add(article_id, start, start + len(phrase), **kwargs)


@pytest.fixture
def annotated(seed_ws: Workspace):
    """The seed with a person's work on it: claims, a verdict, a note, an attributed source."""
    ws = seed_ws
    text = ws.articles.get(1).text
    official = ws.sources.create("one Iraqi official", SourceKind.ANONYMOUS, article_id=1)
    phrase_at = text.index("one Iraqi official")
    claims = {
        "troops": _claim_on(ws, 1, TROOPS),
        "pompeo": _claim_on(ws, 1, POMPEO),
        "angry": _claim_on(
            ws,
            1,
            ANGRY,
            attribution=Attribution(
                "one Iraqi official",
                SourceKind.ANONYMOUS,
                phrase_at,
                phrase_at + len("one Iraqi official"),
                cue="said",
            ),
            source_id=official.id,
        ),
        "rift": _claim_on(ws, 1, RIFT),
        "first": ws.claims.add(1, 0, len("Enraged by near-daily attacks on its interests in Iraq")),
    }
    ws.claims.update(claims["troops"].id, status=Status.VERIFIED)
    ws.notes.add(claims["troops"].id, body="DoD figure", url="https://example.org/dod", quote="3,000")
    ws.claims.update(claims["pompeo"].id, status=Status.IN_PROGRESS, summary="Pompeo's ultimatum call")
    return ws, claims


def _import_version(ws: Workspace, tmp_path: Path, raw: str, name: str = "v2.txt") -> int:
    path = tmp_path / name
    path.write_text(raw, encoding="utf-8")
    report = import_paths(ws, [path])
    assert report.ok and len(report.updated) == 1, report.summary()
    return report.updated[0].article_id


def _check_invariants(ws: Workspace, old_id: int, new_id: int) -> None:
    new_text = ws.articles.get(new_id).text
    old_claims = ws.claims.for_article(old_id)
    new_claims = ws.claims.for_article(new_id)
    assert len(new_claims) == len(old_claims)  # never dropped
    for claim in new_claims:
        assert 0 <= claim.start <= claim.end <= len(new_text)
        if claim.orphan:
            assert claim.start == claim.end
        else:
            assert new_text[claim.start : claim.end] == claim.text
        if claim.source_start is not None:
            assert new_text[claim.source_start : claim.source_end] == claim.source_phrase
        for number in claim.numbers:
            assert new_text[number.start : number.end] == number.text or claim.orphan
        before = previous_span(ws, claim.id)
        assert before is not None and before.article_id == old_id
    assert ws.db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_inserted_sentence_keeps_every_claim_and_what_was_done_with_it(annotated, tmp_path):
    ws, claims = annotated
    new_id = _import_version(ws, tmp_path, insert_sentence(SEED_RAW))
    assert ws.articles.versions(new_id) == [1, new_id]
    _check_invariants(ws, 1, new_id)
    assert orphans(ws, new_id) == []
    carried = {c.text: c for c in ws.claims.for_article(new_id)}
    troops = carried[TROOPS]
    assert troops.status is Status.VERIFIED
    assert [n.body for n in ws.notes.for_claim(troops.id)] == ["DoD figure"]
    assert carried[POMPEO].summary == "Pompeo's ultimatum call"
    assert carried[POMPEO].status is Status.IN_PROGRESS
    # The old version keeps its claims as they were.
    assert {c.id for c in ws.claims.for_article(1)} == {c.id for c in claims.values()}
    assert ws.claims.get(claims["troops"].id).start == claims["troops"].start


def test_anonymous_source_follows_to_the_new_version(annotated, tmp_path):
    ws, _claims = annotated
    new_id = _import_version(ws, tmp_path, insert_sentence(SEED_RAW))
    angry = next(c for c in ws.claims.for_article(new_id) if c.text == ANGRY)
    assert angry.source_name == "one Iraqi official"
    new_text = ws.articles.get(new_id).text
    assert new_text[angry.source_start : angry.source_end] == "one Iraqi official"
    assert angry.source_id in {s.id for s in ws.sources.all(new_id)}


def test_word_changed_inside_a_claim(annotated, tmp_path):
    ws, claims = annotated
    new_id = _import_version(ws, tmp_path, change_word(SEED_RAW))
    _check_invariants(ws, 1, new_id)
    assert orphans(ws, new_id) == []
    texts = [c.text for c in ws.claims.for_article(new_id)]
    assert "about 2,500 troops" in texts
    assert POMPEO.replace("called", "phoned") in texts
    summaries = {c.text: c.summary for c in ws.claims.for_article(new_id)}
    assert summaries["about 2,500 troops"] == "about 2,500 troops"  # a default summary follows the text
    assert summaries[POMPEO.replace("called", "phoned")] == "Pompeo's ultimatum call"  # a person's is kept
    troops = next(c for c in ws.claims.for_article(new_id) if c.text == "about 2,500 troops")
    assert troops.status is Status.VERIFIED  # the verdict is kept; the audit says the text moved
    assert previous_span(ws, troops.id).text == TROOPS
    confidence = ws.db.execute("SELECT anchor_confidence FROM claims WHERE id = ?", [troops.id]).fetchone()[0]
    assert 0.6 <= confidence < 1.0


def test_deleted_paragraph_leaves_orphans_with_their_old_text(annotated, tmp_path):
    ws, claims = annotated
    new_id = _import_version(ws, tmp_path, delete_paragraph(SEED_RAW))
    _check_invariants(ws, 1, new_id)
    (orphan_id,) = orphans(ws, new_id)
    orphan = ws.claims.get(orphan_id)
    assert orphan.text == ANGRY and orphan.orphan
    assert orphan.source_phrase == "one Iraqi official" and orphan.source_start is None
    old = previous_span(ws, orphan_id)
    assert (old.claim_id, old.start, old.end) == (
        claims["angry"].id,
        claims["angry"].start,
        claims["angry"].end,
    )
    assert ws.articles.get(1).text[old.start : old.end] == ANGRY
    entries = [e for e in ws.audit.entries(claim_id=orphan_id) if e.action == "reanchor"]
    assert json.loads(entries[0].new)["orphan"] is True


def test_orphan_is_placed_again_when_its_passage_comes_back(annotated, tmp_path):
    ws, _claims = annotated
    v2 = _import_version(ws, tmp_path, delete_paragraph(SEED_RAW), "v2.txt")
    v3 = _import_version(ws, tmp_path, insert_sentence(SEED_RAW), "v3.txt")
    assert ws.articles.versions(v3) == [1, v2, v3]
    _check_invariants(ws, v2, v3)
    assert orphans(ws, v3) == []


def test_same_url_makes_a_new_version(fresh_ws, tmp_path):
    page = (
        '<html><head><link rel="canonical" href="https://example.org/story"><title>Story</title></head>'
        "<body><article><p>The council approved 40 new homes on Monday.</p><p>{}</p></article></body></html>"
    )
    (tmp_path / "a.html").write_text(page.format("Residents objected to the plan."), encoding="utf-8")
    import_paths(fresh_ws, [tmp_path / "a.html"])
    claim = _claim_on(fresh_ws, 1, "Residents objected to the plan.")
    (tmp_path / "b.html").write_text(page.format("Many residents objected to the plan."), encoding="utf-8")
    report = import_paths(fresh_ws, [tmp_path / "b.html"])
    (updated,) = report.updated
    (carried,) = fresh_ws.claims.for_article(updated.article_id)
    assert carried.text in ("residents objected to the plan.", "Many residents objected to the plan.")
    assert previous_span(fresh_ws, carried.id).claim_id == claim.id


def test_proposals_and_manual_claims_all_carried(seed_ws, tmp_path):
    assert propose_claims(seed_ws, 1) > 0
    new_id = _import_version(seed_ws, tmp_path, change_word(delete_paragraph(insert_sentence(SEED_RAW))))
    _check_invariants(seed_ws, 1, new_id)


def test_reimporting_the_same_version_is_a_duplicate_not_another_copy(annotated, tmp_path):
    ws, _claims = annotated
    new_id = _import_version(ws, tmp_path, insert_sentence(SEED_RAW))
    count = ws.claims.count()
    (tmp_path / "again.txt").write_text(insert_sentence(SEED_RAW), encoding="utf-8")
    report = import_paths(ws, [tmp_path / "again.txt"])
    assert [r.article_id for r in report.duplicates] == [new_id]
    assert ws.claims.count() == count


def test_a_failure_while_re_anchoring_stores_nothing(annotated, tmp_path, monkeypatch):
    ws, _claims = annotated
    before = (ws.articles.count(), ws.claims.count())

    def broken(*_args):
        raise ValueError("boom")

    monkeypatch.setattr("db.flows.reanchor.resolve", broken)
    (tmp_path / "v2.txt").write_text(insert_sentence(SEED_RAW), encoding="utf-8")
    report = import_paths(ws, [tmp_path / "v2.txt"])
    assert len(report.failed) == 1 and "boom" in report.failed[0].reason
    assert (ws.articles.count(), ws.claims.count()) == before
    assert ws.db.execute("SELECT superseded_by FROM articles WHERE id = 1").fetchone()[0] is None


def test_cli_shows_the_update_and_the_orphan(annotated, tmp_path, ws_path, capsys):
    from ui.cli.main import main

    ws, _claims = annotated
    ws.close()
    (tmp_path / "v2.txt").write_text(delete_paragraph(SEED_RAW), encoding="utf-8")
    assert main(["import", str(tmp_path / "v2.txt"), "-w", str(ws_path), "-q"]) == 0
    with sqlite3.connect(ws_path) as conn:
        assert conn.execute("SELECT count(*) FROM claims WHERE orphan = 1").fetchone()[0] == 1
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert main(["show", "2", "-w", str(ws_path)]) == 0
    out = capsys.readouterr().out
    assert "orphan, no longer in this version; it read: They're really, really, really angry" in out
