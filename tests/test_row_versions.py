"""No lost update (issue 12 item 5): two sessions on one workspace, an edit from a stale view refused.

The tests open the workspace through the `two_sessions` fixture only (no driver in the test body), so
they can be parametrized over the PostgreSQL engine when it lands.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from db import Workspace
from db.errors import StaleEdit
from db.flows.importing import import_paths
from db.migrations import VERSIONED_TABLES
from db.stores.snapshots import StoredAttribution
from workbench.model import ArticleMeta, ImportItem, LinkKind, Review, SourceKind, Status

SEED = Path(__file__).parent.parent / "seeds" / "000_49799be3d89e085a.txt"


@pytest.fixture
def two_sessions(tmp_path: Path):
    """Anna and Ben on the same workspace, with one claim on the seed article."""
    path = tmp_path / "desk.db"
    anna = Workspace.open(path, user="anna")
    import_paths(anna, [SEED])
    anna.claims.add(1, 0, 7, summary="Enraged")
    ben = Workspace.open(path, user="ben")
    yield anna, ben
    ben.close()
    anna.close()


def _claim_id(ws: Workspace) -> int:
    return ws.claims.for_article(1)[0].id


def test_every_editable_table_has_a_version(two_sessions):
    anna, _ = two_sessions
    for table in VERSIONED_TABLES:
        assert "version" in {c.name for c in anna.db[table].columns}, table
    assert anna.claims.get(_claim_id(anna)).version == 1


def test_an_edit_bumps_the_version_once(two_sessions):
    anna, _ = two_sessions
    cid = _claim_id(anna)
    old = anna.claims.update(cid, summary="changed", status=Status.FALSE, if_version=1)
    assert anna.claims.get(cid).version == 2
    assert old["if_version"] == 2
    anna.claims.update(cid, summary="changed")  # no change: no new version
    assert anna.claims.get(cid).version == 2


def test_a_stale_edit_is_refused_and_names_who_changed_it(two_sessions):
    anna, ben = two_sessions
    cid = _claim_id(anna)
    seen = anna.claims.get(cid).version
    ben.claims.update(cid, status=Status.VERIFIED, if_version=ben.claims.get(cid).version)
    before = len(anna.audit.entries(claim_id=cid))
    with pytest.raises(StaleEdit) as refused:
        anna.claims.update(cid, status=Status.FALSE, if_version=seen)
    message = str(refused.value)
    assert re.fullmatch(rf"claim #{cid} was changed by ben at \d\d:\d\d", message), message
    assert refused.value.version == seen + 1
    fresh = anna.claims.get(cid)
    assert (fresh.status, fresh.updated_by) == (Status.VERIFIED, "ben")
    assert len(anna.audit.entries(claim_id=cid)) == before  # nothing written


def test_a_fresh_edit_is_accepted_and_audited_once(two_sessions):
    anna, ben = two_sessions
    cid = _claim_id(anna)
    ben.claims.update(cid, status=Status.VERIFIED, if_version=1)
    fresh = anna.claims.get(cid)
    anna.claims.update(cid, status=Status.FALSE, if_version=fresh.version)
    status_entries = [e for e in ben.audit.entries(claim_id=cid) if e.field == "status"]
    assert [(e.user, e.old, e.new) for e in status_entries] == [
        ("ben", "unchecked", "verified"),
        ("anna", "verified", "false"),
    ]
    assert ben.claims.get(cid).version == 3


def test_undo_is_refused_when_the_row_changed_since(two_sessions):
    anna, ben = two_sessions
    cid = _claim_id(anna)
    old = anna.claims.update(cid, summary="anna's", if_version=1)
    ben.claims.update(cid, summary="ben's", if_version=2)
    with pytest.raises(StaleEdit, match=rf"claim #{cid} was changed by ben"):
        anna.claims.update(cid, **old)  # what the window's undo does
    assert anna.claims.get(cid).summary == "ben's"


def test_undo_goes_through_when_nobody_changed_the_row(two_sessions):
    anna, _ = two_sessions
    cid = _claim_id(anna)
    old = anna.claims.update(cid, summary="anna's", if_version=1)
    redo = anna.claims.update(cid, **old)
    assert anna.claims.get(cid).summary == "Enraged"
    anna.claims.update(cid, **redo)  # and redo after it
    assert anna.claims.get(cid).summary == "anna's"


def test_an_edit_to_a_deleted_claim_says_so(two_sessions):
    anna, ben = two_sessions
    cid = _claim_id(anna)
    ben.claims.delete(cid)
    with pytest.raises(LookupError):
        anna.claims.update(cid, summary="too late", if_version=1)


def test_changing_the_attribution_moves_the_claim_version(two_sessions):
    anna, ben = two_sessions
    cid = _claim_id(anna)
    ben.claims.set_attribution(cid, None)
    with pytest.raises(StaleEdit, match="changed by ben"):
        anna.claims.update(cid, summary="stale", if_version=1)


# --- every store: an edit from a stale view is refused, a fresh one accepted ---------------------

TROOPS_CLAIM = "around 3,000 troops based in three bases across the country"
CONFLICTING = (
    "WASHINGTON • The Pentagon said on Monday that the US has about 5,200 troops in Iraq, more than "
    "previously reported, based in three bases across the country.\n\nOfficials declined to say more."
)


@pytest.fixture
def desk(tmp_path: Path):
    """Anna and Ben on one workspace holding a claim with a note, a registry source and a match."""
    path = tmp_path / "desk.db"
    anna = Workspace.open(path, user="anna")
    import_paths(anna, [SEED])
    anna.articles.add(ImportItem(CONFLICTING, ArticleMeta(title="Pentagon")))
    text = anna.articles.get(1).text
    start = text.index(TROOPS_CLAIM)
    claim = anna.claims.add(1, start, start + len(TROOPS_CLAIM))
    source = anna.sources.create("Pentagon", SourceKind.INSTITUTION)
    anna.claims.set_attribution(claim.id, StoredAttribution(source_id=source.id, kind=source.kind))
    note = anna.notes.add(claim.id, body="first", url="https://example.org/a", quote="troops")
    (match,) = anna.matches.match_claim(claim.id)
    ids = {"claim": claim.id, "note": note.id, "source": source.id, "match": match.id, "article": 1}
    ben = Workspace.open(path, user="ben")
    yield anna, ben, ids
    ben.close()
    anna.close()


def _version(ws: Workspace, entity: str, row_id: int) -> int:
    return {
        "claim": lambda: ws.claims.get(row_id).version,
        "note": lambda: ws.notes.get(row_id).version,
        "source": lambda: ws.sources.get(row_id).version,
        "match": lambda: ws.matches.get(row_id).version,
        "article": lambda: ws.articles.get(row_id).version,
    }[entity]()


# (entity, what the edit is) -> fn(ws, row_id, if_version, tag): one edit of that row from that version
EDITS = {
    ("claim", "summary"): lambda ws, i, v, tag: ws.claims.update(i, summary=f"summary {tag}", if_version=v),
    ("claim", "verdict"): lambda ws, i, v, tag: ws.claims.update(
        i, status=Status.FALSE if tag == "anna" else Status.VERIFIED, if_version=v
    ),
    ("claim", "review"): lambda ws, i, v, tag: ws.claims.update(
        i, review=Review.QUERY, reviewer=ws.user, review_comment=f"by {tag}", if_version=v
    ),
    ("claim", "attribution"): lambda ws, i, v, tag: ws.claims.set_attribution(
        i, StoredAttribution(phrase=f"said {tag}"), if_version=v
    ),
    ("claim", "deletion"): lambda ws, i, v, tag: ws.claims.delete(i, if_version=v),
    ("note", "body"): lambda ws, i, v, tag: ws.notes.update(i, body=f"note {tag}", if_version=v),
    ("note", "evidence"): lambda ws, i, v, tag: ws.notes.update(
        i, url=f"https://example.org/{tag}", quote=f"quote {tag}", if_version=v
    ),
    ("note", "deletion"): lambda ws, i, v, tag: ws.notes.delete(i, if_version=v),
    ("source", "kind"): lambda ws, i, v, tag: ws.sources.update(
        i, kind=SourceKind.DOCUMENT if tag == "anna" else SourceKind.NAMED, if_version=v
    ),
    ("source", "name"): lambda ws, i, v, tag: ws.sources.update(i, name=f"Pentagon {tag}", if_version=v),
    ("match", "link"): lambda ws, i, v, tag: ws.matches.set_link(
        i, LinkKind.CONTRADICTS if tag == "anna" else LinkKind.CORROBORATES, if_version=v
    ),
    ("article", "metadata"): lambda ws, i, v, tag: ws.articles.update_meta(
        i, title=f"Title {tag}", if_version=v
    ),
    ("article", "sign-off"): lambda ws, i, v, tag: ws.articles.set_sign_off(
        i, ws.user, f"ok {tag}", if_version=v
    ),
}
# What Ben changes before Anna's stale deletion (a deletion is refused when the row changed since).
CHANGES = {("claim", "deletion"): ("claim", "summary"), ("note", "deletion"): ("note", "body")}


def _entries(ws: Workspace, entity: str, row_id: int) -> list:
    return [e for e in ws.audit.entries() if (e.entity, e.entity_id) == (entity, row_id)]


@pytest.mark.parametrize("edit", list(EDITS), ids=lambda e: "-".join(e))
def test_a_stale_edit_of_any_row_is_refused(desk, edit):
    anna, ben, ids = desk
    entity = edit[0]
    row_id = ids[entity]
    seen = _version(anna, entity, row_id)
    EDITS[CHANGES.get(edit, edit)](ben, row_id, seen, "ben")
    assert _version(ben, entity, row_id) == seen + 1  # Ben's edit moved it by one
    before = _entries(anna, entity, row_id)
    with pytest.raises(StaleEdit) as refused:
        EDITS[edit](anna, row_id, seen, "anna")
    message = str(refused.value)
    assert re.fullmatch(rf"{entity} #{row_id} was changed by ben at \d\d:\d\d", message), message
    assert (refused.value.entity, refused.value.entity_id, refused.value.version) == (
        entity,
        row_id,
        seen + 1,
    )
    assert _entries(anna, entity, row_id) == before  # nothing written
    assert _version(anna, entity, row_id) == seen + 1


@pytest.mark.parametrize("edit", list(EDITS), ids=lambda e: "-".join(e))
def test_a_fresh_edit_of_any_row_is_accepted_bumped_and_audited(desk, edit):
    anna, ben, ids = desk
    entity = edit[0]
    row_id = ids[entity]
    if edit not in CHANGES:  # Ben first, then Anna from what she sees now
        EDITS[edit](ben, row_id, _version(ben, entity, row_id), "ben")
    seen = _version(anna, entity, row_id)
    EDITS[edit](anna, row_id, seen, "anna")
    mine = [e for e in _entries(ben, entity, row_id) if e.user == "anna" and e.action != "create"]
    assert mine, "Anna's edit is in the audit log"
    if edit in CHANGES:
        assert mine[-1].action == "delete"
        with pytest.raises(LookupError):
            _version(ben, entity, row_id)
    else:
        assert _version(ben, entity, row_id) == seen + 1


def test_undo_values_of_every_dict_edit_name_the_version_they_leave(desk):
    anna, ben, ids = desk
    for store, entity, fields in (
        (anna.notes, "note", {"body": "anna's"}),
        (anna.sources, "source", {"description": "the US defence ministry"}),
    ):
        row_id = ids[entity]
        seen = _version(anna, entity, row_id)
        old = store.update(row_id, if_version=seen, **fields)
        assert old["if_version"] == seen + 1
        redo = store.update(row_id, **old)  # undo goes through: nobody changed it since
        assert redo == {**fields, "if_version": seen + 2}
        store.update(row_id, **redo)  # and redo after it
        getattr(ben, entity + "s").update(row_id, **fields, if_version=seen + 3)  # no change: no bump
        assert _version(ben, entity, row_id) == seen + 3
        with pytest.raises(StaleEdit, match=f"{entity} #{row_id} was changed by anna"):
            store.update(row_id, **old)  # the first undo again: its version is long gone
    old = anna.articles.update_meta(1, title="Anna's title", if_version=_version(anna, "article", 1))
    ben.articles.update_meta(1, title="Ben's title")  # the CLI: "as it is now"
    with pytest.raises(StaleEdit, match="article #1 was changed by ben"):
        anna.articles.update_meta(1, exact=True, **old)  # undo of Anna's edit
    assert anna.articles.get(1).title == "Ben's title"


def test_a_change_between_read_and_write_is_refused_without_a_version(desk):
    """The CLI names no version: the store's compare-and-set inside the transaction still refuses
    a change committed between its read and its write (here: the row moved under a held version)."""
    anna, ben, ids = desk
    cid = ids["claim"]
    from db.stores import versions

    with anna.atomic():
        seen = anna.claims.get(cid).version
        anna.db.execute("UPDATE claims SET version = version + 1 WHERE id = ?", [cid])  # as another writer
        with pytest.raises(StaleEdit):
            versions.bump(anna.session, "claim", cid, seen)


# --- two processes editing one claim as fast as they can: no update lost -------------------------

EDITOR = """
import sys, time
from pathlib import Path
from db import Workspace
from db.errors import StaleEdit, WorkspaceLocked

path, user, rounds, start = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
ws = Workspace.open(path, user=user)
(start.parent / f"{user}.ready").touch()
while not start.exists():  # both begin together
    time.sleep(0.005)
refused = 0
for i in range(rounds):
    while True:  # read, edit from what was read; a refusal is counted and the edit made again
        claim = ws.claims.for_article(1)[0]
        try:
            ws.claims.update(claim.id, summary=f"{claim.summary} {user}{i}", if_version=claim.version)
            break
        except StaleEdit as exc:
            assert "was changed by" in str(exc), exc
            refused += 1
        except WorkspaceLocked:
            pass
print(refused)
"""


def test_two_processes_editing_one_claim_lose_no_update(two_sessions, tmp_path):
    import subprocess
    import sys
    import time

    anna, _ = two_sessions
    cid = _claim_id(anna)
    root = Path(__file__).resolve().parent.parent
    rounds = 40
    start = tmp_path / "start"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", EDITOR, str(anna.path), user, str(rounds), str(start)],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for user in ("anna", "ben")
    ]
    deadline = time.monotonic() + 120
    while not all((tmp_path / f"{u}.ready").exists() for u in ("anna", "ben")):
        assert time.monotonic() < deadline and all(p.poll() is None for p in procs)
        time.sleep(0.01)
    start.touch()
    refused = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        refused.append(int(out))
    words = anna.claims.get(cid).summary.split()[1:]  # after "Enraged"
    for user in ("anna", "ben"):
        assert [w for w in words if w.startswith(user)] == [f"{user}{i}" for i in range(rounds)]
    updates = [e for e in anna.audit.entries(claim_id=cid) if e.field == "summary"]
    assert len(updates) == 2 * rounds  # every accepted edit audited once, no refused one
    assert anna.claims.get(cid).version == 1 + 2 * rounds
    print(f"refused stale edits: {refused}")
