"""Undo everything a person does: "Propose claims" (the store's swap_proposals, the window's undo
stack and its Edit-menu label) and the bulk actions on a selection."""

from __future__ import annotations

import pytest
from test_gui_helpers import settings

from db.flows.importing import propose_run
from db.stores.claims import ProposalsChanged
from ui.app.main_window import MainWindow
from workbench.model import Origin, Status


def _state(ws, article_id: int = 1) -> dict[int, tuple]:
    """Every claim of the article as stored, with its attribution: what undo must restore exactly."""
    claims = {
        r["id"]: tuple(sorted(r.items()))
        for r in ws.db.query("SELECT * FROM claims WHERE article_id = ?", [article_id])
    }
    for r in ws.db.query(
        "SELECT a.* FROM attributions a JOIN claims c ON c.id = a.claim_id WHERE c.article_id = ?",
        [article_id],
    ):
        claims[r["claim_id"]] += tuple(sorted(r.items()))
    return claims


def test_swap_proposals_restores_the_previous_proposals_exactly(seed_ws):
    first = propose_run(seed_ws, 1)
    assert first.added and not first.removed
    kept = first.added[0].claim_id
    seed_ws.claims.update(kept, origin=Origin.ACCEPTED)  # a person's work: never replaced
    seed_ws.claims.update(first.added[1].claim_id, summary="my words")  # edited: kept too
    # an earlier engine's wording (written without an audit entry: the proposal stays untouched)
    earlier = first.added[2].claim_id
    seed_ws.db.execute("UPDATE claims SET summary = 'as an older engine put it' WHERE id = ?", [earlier])
    before = _state(seed_ws)
    second = propose_run(seed_ws, 1)
    assert {s.claim_id for s in second.removed} == {s.claim_id for s in first.added[2:]}
    assert kept in _state(seed_ws)
    after = _state(seed_ws)
    assert after != before and seed_ws.claims.get(earlier).summary != "as an older engine put it"
    seed_ws.claims.swap_proposals(second, undo=True)
    assert _state(seed_ws) == before
    assert seed_ws.claims.get(earlier).summary == "as an older engine put it"
    seed_ws.claims.swap_proposals(second, undo=False)
    assert _state(seed_ws) == after
    entries = [e for e in seed_ws.audit.entries(article_id=1) if e.action == "propose"]
    assert [e.field for e in entries] == ["undo", "redo"]
    # the undone proposals are untouched still: a new run may replace them
    third = propose_run(seed_ws, 1)
    assert {s.claim_id for s in third.removed} == {s.claim_id for s in second.added}


def test_undo_of_proposals_someone_reviewed_since_is_refused(seed_ws):
    run = propose_run(seed_ws, 1)
    reviewed = run.added[3].claim_id
    seed_ws.claims.update(reviewed, status=Status.VERIFIED)
    before = _state(seed_ws)
    with pytest.raises(ProposalsChanged, match=f"claim #{reviewed} was reviewed or edited"):
        seed_ws.claims.swap_proposals(run, undo=True)
    assert _state(seed_ws) == before  # nothing written


@pytest.fixture
def window(seed_ws, tmp_path, qtbot):
    win = MainWindow(seed_ws, settings(tmp_path))
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    return win


def test_propose_claims_is_undone_and_redone_from_the_edit_menu(window, qtbot):
    ws = window.ws
    with qtbot.waitSignal(window.changed, timeout=30000):
        window.act["claim.propose"].trigger()
    qtbot.waitUntil(lambda: not window.jobs.proposing, timeout=30000)
    proposed = _state(ws)
    n = len(proposed)
    assert n > 3
    assert window.act["edit.undo"].text().replace("&", "") == f"Undo Propose claims ({n})"
    window.act["edit.undo"].trigger()
    assert _state(ws) == {}
    assert window.claims_model.rowCount() == 0
    assert window.act["edit.redo"].text().replace("&", "") == f"Redo Propose claims ({n})"
    window.act["edit.redo"].trigger()
    assert _state(ws) == proposed  # the same claims under the same ids
    assert window.claims.proxy.rowCount() > 0


def test_bulk_verdict_and_accept_on_a_selection_undo_in_one_step(window, qtbot):
    ws = window.ws
    propose_run(ws, 1)
    window.reload_all()
    proxy = window.claims.proxy
    window.claims.table.selectRow(0)
    from PySide6.QtCore import QItemSelectionModel

    sel = window.claims.table.selectionModel()
    for r in (1, 2):
        sel.select(
            proxy.index(r, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    ids = window.claims.selected_ids()
    assert len(ids) == 3

    def judged() -> dict[int, tuple]:
        return {i: (c.status, c.origin, c.review) for i in ids if (c := ws.claims.get(i))}

    before = judged()
    window.triage.set_status(Status.VERIFIED)
    assert all(ws.claims.get(i).status is Status.VERIFIED for i in ids)
    assert all(ws.claims.get(i).origin is Origin.ACCEPTED for i in ids)  # judging accepts
    assert window.act["edit.undo"].text().replace("&", "") == "Undo Set status: Verified"
    window.act["edit.undo"].trigger()
    assert judged() == before  # status and origin of all three, in one step
    window.claims.restore_selection(ids, ids[0])
    window.triage.set_origin(Origin.REJECTED)
    assert window.act["edit.undo"].text().replace("&", "") == "Undo Reject 3 proposals"
    window.act["edit.undo"].trigger()
    assert all(ws.claims.get(i).origin is Origin.PROPOSED for i in ids)


def test_an_edit_undone_since_does_not_block_the_undo_of_propose(window, qtbot):
    """Propose, accept one, undo the accept, then undo Propose: allowed (nothing of the accept remains)."""
    ws = window.ws
    with qtbot.waitSignal(window.changed, timeout=30000):
        window.act["claim.propose"].trigger()
    qtbot.waitUntil(lambda: not window.jobs.proposing, timeout=30000)
    window.claims.select_row(0)
    window.act["claim.accept"].trigger()
    assert window.act["edit.undo"].text().replace("&", "") == "Undo Accept 1 proposal"
    window.act["edit.undo"].trigger()
    assert window.act["edit.undo"].text().replace("&", "").startswith("Undo Propose claims (")
    window.act["edit.undo"].trigger()
    assert _state(ws) == {}
