"""Undo commands and their store inverses put back exactly what was there, and a command whose
write fails half-way leaves nothing written (it is dropped from the undo stack, so anything it
had written could never be undone)."""

from __future__ import annotations

from dataclasses import dataclass, field

from db import Workspace
from ui.app.undo import DeleteClaims, DeleteNote, UndoStack, UpdateClaims
from workbench.model import Status


@dataclass
class FakeEditor:
    ws: Workspace
    edited: list[list[int]] = field(default_factory=list)

    def after_edit(self, claim_ids: list[int], *, select: int | None = None) -> None:
        self.edited.append(list(claim_ids))

    def shown_version(self, claim_id: int) -> int | None:
        return None  # no table: the commands take the version stored when they are made


def _stack(qapp) -> tuple[UndoStack, list[tuple[str, str]]]:
    stack = UndoStack()
    failures: list[tuple[str, str]] = []
    stack.failed.connect(lambda what, why: failures.append((what, why)))
    return stack, failures


def test_delete_of_several_claims_that_fails_half_way_deletes_none(seed_ws, qapp):
    first = seed_ws.claims.add(1, 0, 7)
    gone = seed_ws.claims.add(1, 10, 20)
    stack, failures = _stack(qapp)
    command = DeleteClaims(FakeEditor(seed_ws), [first.id, gone.id])
    seed_ws.claims.delete(gone.id)  # deleted underneath by another program
    stack.push(command)
    assert failures and f"no claim with id {gone.id}" in failures[0][1]
    assert stack.count() == 0
    assert seed_ws.claims.get(first.id).text == first.text  # not deleted with no way back


def test_update_of_several_claims_that_fails_half_way_changes_none(seed_ws, qapp):
    first = seed_ws.claims.add(1, 0, 7)
    gone = seed_ws.claims.add(1, 10, 20)
    stack, failures = _stack(qapp)
    changes = {first.id: {"status": Status.VERIFIED}, gone.id: {"status": Status.VERIFIED}}
    command = UpdateClaims(FakeEditor(seed_ws), changes, "Set status")
    seed_ws.claims.delete(gone.id)
    stack.push(command)
    assert failures and stack.count() == 0
    assert seed_ws.claims.get(first.id).status is Status.UNCHECKED


def test_undo_of_a_note_deletion_keeps_its_author_and_date(ws_path, seed_ws, qapp):
    claim = seed_ws.claims.add(1, 0, 7)
    note = seed_ws.notes.add(claim.id, body="called the ministry", url="https://example.org")
    with Workspace.open(ws_path, user="another editor") as other:
        stack, failures = _stack(qapp)
        stack.push(DeleteNote(FakeEditor(other), claim.id, note.id))
        assert other.notes.for_claim(claim.id) == []
        stack.undo()
        assert not failures
        assert other.notes.for_claim(claim.id) == [note]


def test_undo_of_a_claim_deletion_keeps_the_link_from_its_newer_version(seed_ws):
    old = seed_ws.claims.add(1, 0, 7)
    newer = seed_ws.claims.add(1, 10, 20)
    seed_ws.db.execute("UPDATE claims SET previous_id = ? WHERE id = ?", [old.id, newer.id])
    snapshot = seed_ws.claims.delete(old.id)
    seed_ws.claims.restore(snapshot)
    row = seed_ws.db.execute("SELECT previous_id FROM claims WHERE id = ?", [newer.id]).fetchone()
    assert row[0] == old.id


def test_linking_a_match_that_is_gone_is_reported_not_raised(seed_ws, qapp):
    from test_matches_panel import _setup

    from ui.app.panels.matches_panel import LinkMatch
    from workbench.model import LinkKind

    troops, _, _ = _setup(seed_ws)

    seed_ws.matches.match_claim(troops)
    (match,) = seed_ws.matches.for_claim(troops)
    seed_ws.db.execute("DELETE FROM matches WHERE id = ?", [match.id])  # matched again elsewhere
    stack, failures = _stack(qapp)
    stack.push(LinkMatch(seed_ws, match, LinkKind.CORROBORATES, lambda claim_id: None))
    assert failures and f"no match with id {match.id}" in failures[0][1]
    assert stack.count() == 0


def test_row_versions_chain_own_steps_and_break_on_anothers_change():
    from ui.app.edit_versions import RowVersions

    rows = RowVersions()
    row = ("claim", 7)
    first = rows.begin(row, 1)  # an edit from version 1, as the window showed it
    rows.record(row, first, 2)
    assert rows.named(row, first, 2) == 2
    second = rows.begin(row, 2)  # the next edit saw what ours left: the same chain
    assert second == first
    rows.record(row, second, 3)
    rows.record(row, second, 4)  # its undo
    assert rows.named(row, first, 2) == 4  # the older edit's undo names what the last own step left
    third = rows.begin(row, 6)  # the view showed 6: someone else changed the row after our 4
    assert third != first
    rows.record(row, third, 7)
    assert rows.named(row, first, 2) == 2  # the older chain names its own version: the store refuses it
    assert rows.named(row, third, 7) == 7
    rows.record(row, third, None)  # deleted
    assert rows.named(row, third, 7) == 7
