"""The sourcing summary and the "needs attention" rules, on hand-made claims of the seed."""

from __future__ import annotations

import pytest
from report_seed import seed_claims

from db.queries.report_data import load_report_data
from workbench.model import Article, Claim, LinkKind, MatchRelation, Note, Origin, Review, SourceKind, Status
from workbench.reports.attention import Support, attention
from workbench.reports.data import ArticleReport, StoredMatch
from workbench.reports.descriptions import SPECIFIC_ENOUGH, check_description, is_plural_source
from workbench.reports.facts import segments
from workbench.reports.sourcing import (
    split_attention,
    summarise,
)


def needs_attention(claim, notes=(), matches=(), *, support=None):
    """The one rule's reasons, from notes and matches or from a Support."""
    return list(attention(claim, support or Support.of(notes, matches)).reasons)


@pytest.fixture
def seeded(seed_ws):
    seeded = seed_claims(seed_ws)
    return seeded, load_report_data(seed_ws, seeded.article_id).articles[0]


def test_summary_counts_claims_by_kind_and_anonymous_shares(seeded):
    s_ids, report = seeded
    s = summarise(report)
    assert s.claims == 6
    assert s.kind_count(SourceKind.ANONYMOUS) == 4
    assert s.kind_count(SourceKind.NAMED) == 1
    assert s.kind_count(SourceKind.AGENCY) == 1
    assert s.anonymous_claim_share == pytest.approx(4 / 6)
    # the anonymous claims do not overlap: their characters add up
    anonymous = [c for c in report.claims if c.source_kind is SourceKind.ANONYMOUS]
    assert s.anonymous_chars == sum(c.end - c.start for c in anonymous)
    assert s.anonymous_text_share == pytest.approx(s.anonymous_chars / len(report.article.text))
    assert sum(n for _, n in s.text_by_kind) == len(report.article.text)


def test_summary_single_sourced_uncorroborated_and_conflict(seeded):
    ids, report = seeded
    c = ids.claims
    s = summarise(report)
    # "Iraqi and foreign officials" and "Iraqi sources" are groups; the agency voice cites no one
    assert set(s.single_sourced) == {c["angry"], c["sites"], c["mamouri"]}
    # evidence (ultimatum) and a corroborating match (mamouri) count; the conflicting match does not
    assert set(s.uncorroborated) == {c["angry"], c["troops"], c["sites"], c["formations"]}
    assert s.in_conflict == (c["troops"],)
    assert (s.approved, s.queried) == (1, 1)


def test_sources_ranked_and_anonymous_descriptions_checked(seeded):
    _, report = seeded
    s = summarise(report)
    assert [r.claims for r in s.sources] == sorted((r.claims for r in s.sources), reverse=True)
    anon = {a.name: a for a in s.anonymous_sources}
    assert set(anon) == {
        "Iraqi and foreign officials",
        "one Iraqi official",
        "a top Iraqi official",
        "Iraqi sources",
    }
    assert anon["Iraqi sources"].check.vague
    assert anon["one Iraqi official"].check.vague
    assert not anon["a top Iraqi official"].check.vague
    # vague ones are listed first, so an editor sees them
    assert s.anonymous_sources[0].check.vague
    # the seed never says why a source is unnamed
    assert all("does not say why the source is not named" in a.check.issues for a in s.anonymous_sources)


def test_needs_attention_reasons(seeded):
    ids, report = seeded
    c = ids.claims
    s = dict(summarise(report).attention)
    assert s[c["troops"]] == ("in conflict with 1 source", "rated false")
    assert "rests on one anonymous source, uncorroborated" in s[c["angry"]]
    assert "unverified" in s[c["angry"]]
    assert any(r.startswith("queried by the desk: Which official?") for r in s[c["sites"]])
    assert s[c["formations"]] == ("unverifiable",)
    assert c["ultimatum"] not in s  # verified, plural anonymous source, with evidence
    assert c["mamouri"] not in s


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("sources", True),
        ("Iraqi sources", True),
        ("one Iraqi official", True),
        ("an official", True),
        ("a top Iraqi official", False),
        ("a State Department official", False),
        ("a Western diplomat in Baghdad", False),
        ("a source from Iraq's Shi'ite political network", False),
        ("a person familiar with the talks", True),  # knows something, but who?
        ("a senior Iraqi official familiar with the talks", False),
    ],
)
def test_check_description(text, vague):
    check = check_description(text)
    assert check.vague is vague, check
    assert (check.score < SPECIFIC_ENOUGH) is vague


def test_check_description_finds_reason_for_anonymity_in_context():
    context = "said the official, who spoke on condition of anonymity because he was not authorised to speak"
    assert (
        "does not say why the source is not named" not in check_description("a top official", context).issues
    )
    assert "does not say why the source is not named" in check_description("a top official", "").issues


@pytest.mark.parametrize(
    ("phrase", "plural"),
    [
        ("Iraqi and foreign officials", True),
        ("the sources", True),
        ("Western diplomats and analysts", True),
        ("a top Iraqi official", False),
        ("Mr Ali Mamouri", False),
        ("the State Department", False),
        ("", False),
    ],
)
def test_is_plural_source(phrase, plural):
    assert is_plural_source(phrase) is plural


def _claim(**kw) -> Claim:
    base = {"id": 1, "article_id": 1, "start": 0, "end": 5, "text": "hello"}
    return Claim(**(base | kw))


def test_needs_attention_is_pure_and_takes_counts():
    assert not attention(_claim()).needed and attention(_claim()).only_unverified
    anon = _claim(source_kind=SourceKind.ANONYMOUS, source_name="an official", status=Status.VERIFIED)
    assert needs_attention(anon) == ["rests on one anonymous source, uncorroborated"]
    assert needs_attention(anon, support=Support(corroborating=2)) == [
        "rests on one anonymous source (corroborated elsewhere)"
    ]
    assert needs_attention(anon, support=Support(conflicting=1))[0] == "in conflict with 1 source"
    evidence = [Note(id=1, claim_id=1, url="https://x.org")]
    assert needs_attention(anon, evidence) == ["rests on one anonymous source (corroborated elsewhere)"]
    named = _claim(source_kind=SourceKind.NAMED, source_name="Ali", status=Status.VERIFIED)
    assert needs_attention(named) == []
    assert needs_attention(_claim(status=Status.VERIFIED, review=Review.QUERY)) == ["queried by the desk"]
    assert needs_attention(_claim(origin=Origin.REJECTED)) == []


def test_a_reviewed_link_overrides_the_machine_relation():
    claim = _claim(status=Status.VERIFIED)
    m = StoredMatch(id=1, claim_id=1, article_id=2, start=0, end=3, text="x", relation=MatchRelation.CONFLICT)
    assert needs_attention(claim, matches=[m]) == ["in conflict with 1 source"]
    linked = StoredMatch(
        id=1, claim_id=1, article_id=2, start=0, end=3, text="x", relation=MatchRelation.CONFLICT,
        link=LinkKind.CORROBORATES,
    )  # fmt: skip
    assert needs_attention(claim, matches=[linked]) == []
    # two wire copies of one story conflict once
    copies = [
        StoredMatch(id=i, claim_id=1, article_id=10 + i, start=0, end=3, text="x",
                    relation=MatchRelation.CONFLICT, wire_group=7)
        for i in range(2)
    ]  # fmt: skip
    assert needs_attention(claim, matches=copies) == ["in conflict with 1 source"]


def test_split_attention_separates_only_unverified():
    serious, only = split_attention([(1, ("unverified",)), (2, ("rated false", "unverified"))])
    assert only == [1]
    assert serious == [(2, ("rated false", "unverified"))]


def test_summary_without_database_and_overlapping_claims():
    text = "Officials said the army has 3,000 troops. Nobody denied it."
    article = Article(id=1, title="t", text=text)
    outer = _claim(id=1, start=0, end=41, text=text[:41], source_kind=SourceKind.NAMED, source_name="Ali")
    inner = _claim(
        id=2, start=15, end=40, text=text[15:40], source_kind=SourceKind.ANONYMOUS, source_name="x"
    )
    s = summarise(ArticleReport(article=article, claims=(outer, inner)))
    # where claims overlap the anonymous one takes the characters
    assert dict(s.text_by_kind)[SourceKind.ANONYMOUS] == 25
    assert dict(s.text_by_kind)[SourceKind.NAMED] == 16
    segs = segments(text, [outer, inner])
    assert [(g.start, g.end, g.claims) for g in segs] == [
        (0, 15, (1,)),
        (15, 40, (1, 2)),
        (40, 41, (1,)),
        (41, len(text), ()),
    ]
