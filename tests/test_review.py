"""Desk review at store level: marks, sign-off, and the audit entries an edit and its undo leave."""

from __future__ import annotations

import sqlite3

import pytest
from report_seed import seed_claims

from db.queries.report_data import audit_records, load_report_data
from workbench.model import Review, Status


def test_edit_and_undo_both_append_audit_entries(seed_any):
    seeded = seed_claims(seed_any)
    claim_id = seeded.claims["angry"]
    before = len(seed_any.audit.entries(claim_id=claim_id))
    old = seed_any.claims.update(claim_id, status=Status.VERIFIED, review=Review.QUERY, review_comment="who?")
    seed_any.claims.update(claim_id, **old)  # what the GUI's undo does with the returned old values
    entries = seed_any.audit.entries(claim_id=claim_id)[before:]
    changes = [(e.field, e.old, e.new) for e in entries]
    assert changes == [
        ("status", "unchecked", "verified"),
        ("review", "", "query"),
        ("review_comment", "", "who?"),
        ("status", "verified", "unchecked"),
        ("review", "query", ""),
        ("review_comment", "who?", ""),
    ]
    assert all(e.user == seed_any.user and e.at for e in entries)
    assert seed_any.claims.get(claim_id).status is Status.UNCHECKED


def test_audit_log_is_append_only(seed_ws):
    seed_claims(seed_ws)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        seed_ws.db.execute("UPDATE audit SET user = 'someone else'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        seed_ws.db.execute("DELETE FROM audit")


def test_report_data_carries_per_claim_history_and_sign_off(seed_any):
    seeded = seed_claims(seed_any)
    report = load_report_data(seed_any, 1).articles[0]
    history = report.claim_audit(seeded.claims["sites"])
    assert [e.action for e in history][0] == "create"
    assert any(e.field == "review" and e.new == "query" for e in history)
    assert any(e.entity == "note" for e in report.claim_audit(seeded.claims["ultimatum"]))
    assert report.sign_off.signed and report.sign_off.editor == "desk"
    from workbench.reports.history import describe

    described = [describe(e) for e in history]
    assert "Desk review: — → Query" in described


def test_deleted_claims_stay_in_the_article_history(seed_any):
    seeded = seed_claims(seed_any)
    seed_any.claims.delete(seeded.claims["formations"])
    entries = audit_records(seed_any, article_id=1)
    assert any(e.action == "delete" and e.claim_id == seeded.claims["formations"] for e in entries)
