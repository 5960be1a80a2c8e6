"""What the claim store hands undo: frozen values (a claim's attribution, a deleted claim's
snapshot), not dicts; and undo puts back exactly what was there (issue 11, item 4)."""

from __future__ import annotations

import dataclasses
import json

import pytest
from test_gui_helpers import settings

from db.flows.importing import propose_claims
from db.stores.snapshots import ClaimSnapshot, StoredAttribution
from ui.app.main_window import MainWindow
from ui.app.panels.claim_columns import Col
from workbench.model import SourceKind


def _attributed(ws):
    propose_claims(ws, 1)
    return next(c for c in ws.claims.for_article(1) if c.source_phrase and c.source_start is not None)


def test_an_attribution_is_a_frozen_value(seed_any):
    claim = _attributed(seed_any)
    stored = seed_any.claims.attribution(claim.id)
    assert isinstance(stored, StoredAttribution) and isinstance(stored.kind, SourceKind)
    assert (stored.phrase, stored.source_start, stored.source_id) == (
        claim.source_phrase,
        claim.source_start,
        claim.source_id,
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        stored.via = "Reuters"  # type: ignore[misc]
    assert seed_any.claims.attribution(seed_any.claims.add(1, 0, 7).id) is None


def test_set_attribution_returns_the_one_it_replaced(seed_any):
    claim = _attributed(seed_any)
    before = seed_any.claims.attribution(claim.id)
    changed = dataclasses.replace(before, via="Reuters", kind=SourceKind.ANONYMOUS)
    assert seed_any.claims.set_attribution(claim.id, changed) == before
    assert seed_any.claims.get(claim.id).via == "Reuters"
    assert seed_any.claims.set_attribution(claim.id, None) == changed  # removed: the agency's voice
    assert seed_any.claims.attribution(claim.id) is None
    seed_any.claims.set_attribution(claim.id, before)  # undo, twice over
    assert seed_any.claims.attribution(claim.id) == before
    entry = seed_any.audit.entries(claim_id=claim.id)[-1]
    assert json.loads(entry.new) == {**dataclasses.asdict(before), "kind": before.kind.value}
    assert entry.old is None


def test_a_new_attribution_takes_the_defaults(seed_any):
    claim = seed_any.claims.add(1, 0, 7)
    seed_any.claims.set_attribution(claim.id, StoredAttribution(phrase="Enraged"))
    stored = seed_any.claims.attribution(claim.id)
    assert stored == StoredAttribution(phrase="Enraged", kind=SourceKind.AGENCY)


def test_a_deleted_claim_is_a_frozen_snapshot_that_restores_everything(seed_any):
    claim = _attributed(seed_any)
    note = seed_any.notes.add(claim.id, body="called the ministry")
    newer = seed_any.claims.add(1, 10, 20)
    seed_any.db.execute("UPDATE claims SET previous_id = ? WHERE id = ?", [claim.id, newer.id])
    snapshot = seed_any.claims.delete(claim.id)
    assert isinstance(snapshot, ClaimSnapshot)
    assert (snapshot.claim_id, snapshot.article_id, snapshot.text) == (claim.id, 1, claim.text)
    assert snapshot.successors == (newer.id,) and len(snapshot.attribution) == 1
    with pytest.raises(TypeError):
        snapshot.claim["text"] = "changed"  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        snapshot.notes = ()  # type: ignore[misc]
    restored = seed_any.claims.restore(snapshot)
    assert restored == claim
    assert seed_any.notes.for_claim(claim.id) == [note]
    assert seed_any.claims.get(newer.id).id == newer.id
    row = seed_any.db.execute("SELECT previous_id FROM claims WHERE id = ?", [newer.id]).fetchone()
    assert row[0] == claim.id


@pytest.fixture
def window(qtbot, seed_ws, tmp_path):
    claim = seed_ws.claims.add(1, 0, 7)  # a phrase and its kind, no registry source
    seed_ws.claims.set_attribution(claim.id, StoredAttribution(phrase="Enraged", kind=SourceKind.ANONYMOUS))
    win = MainWindow(seed_ws, settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    return win


def test_via_and_source_kind_edits_undo_to_the_stored_attribution(window):
    ws = window.ws
    (claim,) = ws.claims.for_article(1)
    before = ws.claims.attribution(claim.id)
    assert window.edits.edit_cell(claim.id, Col.VIA, "  Reuters ")
    assert not window.edits.edit_cell(claim.id, Col.VIA, "Reuters")  # unchanged: nothing pushed
    kind = SourceKind.DOCUMENT if before.kind is not SourceKind.DOCUMENT else SourceKind.NAMED
    assert window.edits.edit_cell(claim.id, Col.SOURCE_KIND, kind.value)
    assert ws.claims.attribution(claim.id) == dataclasses.replace(before, via="Reuters", kind=kind)
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert ws.claims.attribution(claim.id) == before
    window.undo_stack.redo()
    assert ws.claims.attribution(claim.id) == dataclasses.replace(before, via="Reuters")
