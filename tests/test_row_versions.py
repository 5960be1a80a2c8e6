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
from workbench.model import Status

SEED = Path(__file__).parent.parent / "seeds" / "000_49799be3d89e085a.txt"


@pytest.fixture
def two_sessions(engine):
    """Anna and Ben on the same workspace (on each engine), with one claim on the seed article."""
    anna = engine.open("anna")
    import_paths(anna, [SEED])
    anna.claims.add(1, 0, 7, summary="Enraged")
    ben = engine.open("ben")
    yield anna, ben
    ben.close()
    anna.close()


def _claim_id(ws: Workspace) -> int:
    return ws.claims.for_article(1)[0].id


def test_every_editable_table_has_a_version(two_sessions):
    anna, _ = two_sessions
    for table in VERSIONED_TABLES:
        assert "version" in anna.db.columns(table), table
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
