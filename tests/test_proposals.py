"""Storing the engine's proposals: marked proposed, and never overwriting what a person did."""

from __future__ import annotations

import json

from db.flows.importing import propose_claims
from ui.cli.main import main
from workbench.model import Origin, SourceKind, Status


def test_proposals_are_marked_proposed_with_sources(seed_any):
    count = propose_claims(seed_any, 1)
    claims = seed_any.claims.for_article(1)
    assert count == len(claims) > 5
    assert {c.origin for c in claims} == {Origin.PROPOSED}
    text = seed_any.articles.get(1).text
    assert all(text[c.start : c.end] == c.text for c in claims)
    kinds = {c.source_kind for c in claims}
    assert SourceKind.ANONYMOUS in kinds and SourceKind.NAMED in kinds


def test_reproposing_keeps_human_work(seed_any):
    propose_claims(seed_any, 1)
    first, second, third, fourth = seed_any.claims.for_article(1)[:4]
    seed_any.claims.update(first.id, origin=Origin.ACCEPTED)
    seed_any.claims.update(second.id, origin=Origin.REJECTED)
    seed_any.claims.update(third.id, summary="my own label")  # edited, still proposed
    manual = seed_any.claims.add(1, 0, 7, summary="by hand", status=Status.VERIFIED)
    untouched = {c.id for c in seed_any.claims.for_article(1)} - {first.id, second.id, third.id, manual.id}

    propose_claims(seed_any, 1)

    after = {c.id: c for c in seed_any.claims.for_article(1)}
    assert after[first.id].origin is Origin.ACCEPTED
    assert after[second.id].origin is Origin.REJECTED
    assert after[third.id].summary == "my own label"
    assert (after[manual.id].summary, after[manual.id].status) == ("by hand", Status.VERIFIED)
    assert fourth.id not in after  # untouched proposals are replaced by the new run...
    spans = [(c.start, c.end) for c in after.values()]
    assert len(spans) == len(set(spans))  # ...and nothing is proposed twice on one span
    assert not untouched & set(after)


def test_cli_extract_stores_proposals(capsys, seed_ws):
    seed_ws.close()
    status = main(["extract", "1", "-w", str(seed_ws.path), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert status == 0
    assert out["article"]["text"].startswith("Enraged")
    for claim in out["claims"]:
        assert out["article"]["text"][claim["start"] : claim["end"]] == claim["text"]
    from db import Workspace

    with Workspace.open(seed_ws.path) as ws:
        assert ws.claims.count(1) == len(out["claims"])
