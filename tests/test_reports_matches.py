"""Reports count matches the way the app does: copies of the claim's own story never count."""

from __future__ import annotations

from test_matching_store import INDEPENDENT, _claim, _import_copies

from db.flows.importing import import_paths
from db.queries.report_data import load_article_report
from workbench.reports.facts import match_tag
from workbench.reports.sourcing import corroboration_count, summarise


def test_report_counts_agree_with_the_app(seed_ws, tmp_path):
    claim_id = _claim(seed_ws, "Mike Pompeo called Iraqi President Barham Saleh last week")
    _import_copies(seed_ws, tmp_path)
    report = load_article_report(seed_ws, 1)
    matches = report.matches[claim_id]
    assert len(matches) == 2 and all(m.own_story for m in matches)
    assert corroboration_count((), matches) == 0  # the seed's own copies are no corroboration
    assert match_tag(matches[0]).startswith("copy of this story")
    assert claim_id in summarise(report).uncorroborated

    independent = tmp_path / "independent.txt"
    independent.write_text(INDEPENDENT, encoding="utf-8")
    import_paths(seed_ws, [independent])
    report = load_article_report(seed_ws, 1)
    assert corroboration_count((), report.matches[claim_id]) == seed_ws.matches.counts(1)[claim_id][0] == 1
    assert claim_id not in summarise(report).uncorroborated


def test_needs_attention_counts_only_what_the_desk_should_look_at(seed_ws):
    """Claims only waiting to be checked are listed apart, not counted as needing attention
    (the same cut as the app's filter and the sign-off question)."""
    from workbench.model import SourceKind, Status

    anonymous = seed_ws.sources.create("a top Iraqi official", SourceKind.ANONYMOUS, article_id=1)
    named = seed_ws.sources.create("Ali Mamouri", SourceKind.NAMED)
    flagged = seed_ws.claims.add(1, 0, 20, source_id=anonymous.id)
    waiting = seed_ws.claims.add(1, 30, 60, source_id=named.id)
    false = seed_ws.claims.add(1, 70, 90, source_id=named.id, status=Status.FALSE)
    summary = summarise(load_article_report(seed_ws, 1))
    assert {cid for cid, _ in summary.attention} == {flagged.id, waiting.id, false.id}
    assert {cid for cid, _ in summary.flagged} == {flagged.id, false.id}
