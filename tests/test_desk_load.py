"""The desk under load, briefly (issue 12 item 8): benchmarks/desk_load.py's six processes (four checkers,
an editor, an importer) for a few seconds on the throwaway server, and its invariants asserted: no lost
update, every stale refusal reported, the audit complete, pg_amcheck clean. The 60 s run and its
figures are the benchmark's (docs/desk.md)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import desk_load  # noqa: E402

SECONDS = 5.0


def test_six_processes_lose_no_update_and_the_audit_is_complete(
    pg_server, pg_database: str, pg_login_role
) -> None:
    result = desk_load.load(pg_database, pg_login_role, SECONDS, claims=6, bindir=pg_server.bindir)
    assert result.ok, result.problems
    assert len(result.logs) == 6 and result.amcheck == "clean"
    by_user = {log.user: log for log in result.logs}
    for name in ("checker1", "checker2", "checker3", "checker4", "editor"):
        assert by_user[desk_load.PREFIX + name].edits, f"{name} made no edit in {SECONDS} s"
    assert by_user[desk_load.PREFIX + "importer"].imported
    assert all(log.attempts == len(log.edits) + log.refused + len(log.imported) for log in result.logs)
    assert result.audit_rows >= result.edits

    # The checks can fail: a made-up edit that left the version another edit left (a lost update),
    # with a value the row does not hold and no audit entry, is found on the same desk.
    checker = by_user[desk_load.PREFIX + "checker1"]
    claim_edit = next(e for e in checker.edits if e["entity"] == "claim" and e["fields"])
    checker.edits.append({**claim_edit, "fields": {"summary": "an edit nobody can see"}})
    checker.attempts += 1
    problems, _ = desk_load.check({"setup": pg_database}, result.logs, 0, {})
    assert any("left the same version" in p for p in problems), problems
    assert any("without their entry" in p for p in problems), problems
