"""The workspace-wide source registry merges by name only where a person confirms it (issue 13
item 3): the engine's proposals join a shared source by its full name; a bare surname or an alias
is a merge candidate, and `SourceStore.merge` (a person's act) moves the attributions. Both engines."""

from __future__ import annotations

import pytest

from db.errors import StaleEdit
from db.flows.importing import propose_claims
from workbench.model import ImportItem, ItemKind, SourceKind
from workbench.text.decoding import parse_plain_text

FULL = (
    "Clinton leads in Ohio poll\n\n"
    "Democratic nominee Hillary Clinton said on Monday that the poll of 900 voters showed a 4-point lead.\n"
)
BARE = "Clinton speaks in Tarrow\n\nClinton said on Tuesday that the plant in Tarrow would stay open for 10 years.\n"
AGAIN = "Clinton visits Ohio\n\nHillary Clinton said on Friday that 3,000 jobs were at stake in Ohio.\n"


def _store(ws, raw: str) -> int:
    body, meta = parse_plain_text(raw)
    result = ws.articles.add(ImportItem(kind=ItemKind.ARTICLE, text=body, meta=meta))
    propose_claims(ws, result.article_id)
    return result.article_id


def _named(ws) -> list[str]:
    return sorted(s.name for s in ws.sources.all() if s.kind is SourceKind.NAMED)


def test_a_full_name_joins_the_shared_source_and_a_bare_surname_does_not(any_ws):
    _store(any_ws, FULL)
    _store(any_ws, AGAIN)
    assert _named(any_ws).count("Hillary Clinton") == 1
    _store(any_ws, BARE)
    assert _named(any_ws) == ["Clinton", "Hillary Clinton"]
    pairs = [(a.name, b.name) for a, b in any_ws.sources.merge_candidates()]
    assert pairs == [("Hillary Clinton", "Clinton")]


def test_a_person_confirms_a_merge_and_the_attributions_follow(any_ws):
    _store(any_ws, FULL)
    bare_article = _store(any_ws, BARE)
    keep, drop = any_ws.sources.merge_candidates()[0]
    merged = any_ws.sources.merge(keep.id, drop.id, if_versions=(keep.version, drop.version))
    assert merged.name == "Hillary Clinton" and "Clinton" in merged.aliases
    assert _named(any_ws) == ["Hillary Clinton"]
    ids = {c.source_id for c in any_ws.claims.for_article(bare_article) if c.source_id}
    assert ids == {keep.id}
    assert any_ws.sources.merge_candidates() == []


def test_a_merge_from_a_stale_view_is_refused_and_writes_nothing(any_ws):
    _store(any_ws, FULL)
    _store(any_ws, BARE)
    keep, drop = any_ws.sources.merge_candidates()[0]
    any_ws.sources.update(drop.id, description="the candidate", if_version=drop.version)
    with pytest.raises(StaleEdit):
        any_ws.sources.merge(keep.id, drop.id, if_versions=(keep.version, drop.version))
    assert _named(any_ws) == ["Clinton", "Hillary Clinton"]


def test_a_source_is_never_merged_with_itself(any_ws):
    _store(any_ws, FULL)
    source = any_ws.sources.find("Hillary Clinton")
    with pytest.raises(ValueError):
        any_ws.sources.merge(source.id, source.id)
